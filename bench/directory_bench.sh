#!/usr/bin/env bash
# The directory of social enterprises (issue 16): search with facets over
# 100,000 entries, p95 under 50 ms, on SQLite (FTS5) or PostgreSQL (tsvector).
# The broker imports 100,000 entries through the API (CSV, 5,000 a file);
# then one client asks a mix of searches one after another: words (common,
# rare, a prefix), filters (themes, areas, legal form, certified), words and
# filters together, deep pages, and the whole directory with no words (the
# largest count of facets). Each search's latency is shown beside the
# health endpoint's in the same run, the reference for a noisy machine.
#   bench/directory_bench.sh [--db sqlite|postgresql|URL] [VALUEMARK_BINARY]
#   ENTRIES (default 100000), ROUNDS (default 5: times each search is asked)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
source "$here/db.sh"
bench_db_args "$@"
binary="${bench_args[0]:-${VALUEMARK:-$root/build/src/cli/valuemark}}"
bench_demo_server "$binary"

/usr/bin/python3 - "$url" "${ENTRIES:-100000}" "${ROUNDS:-5}" "$db" <<'PY'
import http.client, json, random, sys, time, urllib.parse
url, entries, rounds, db = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
host = urllib.parse.urlparse(url)
conn = http.client.HTTPConnection(host.hostname, host.port, timeout=600)

def call(method, path, body=None, headers={}):
    conn.request(method, path, body, headers)
    r = conn.getresponse()
    data = r.read()
    if r.status >= 300:
        raise SystemExit(f"{method} {path}: {r.status} {data[:300]!r}")
    return r, data

r, me = call("POST", "/api/v1/auth/login",
             json.dumps({"email": "admin@valuemark.example", "password": "valuemark-demo"}),
             {"Content-Type": "application/json"})
cookie = r.getheader("Set-Cookie").split(";")[0]
auth = {"Cookie": cookie, "X-CSRF-Token": json.loads(me)["csrf_token"]}
tax = json.loads(call("GET", "/api/v1/directory/taxonomy")[1])
themes = [t["code"] for t in tax["themes"]]
areas = [a["code"] for a in tax["areas"]]
forms = [f["code"] for f in tax["legal_forms"]]

random.seed(16)
nouns = ["bakery", "cafe", "garden", "workshop", "library", "kitchen", "studio", "farm", "hub",
         "trust", "project", "network", "collective", "centre", "club", "press", "market",
         "repair", "bike", "theatre", "pantry", "forest", "river", "harbour", "orchard"]
places = ["Leeds", "Cardiff", "Swansea", "Bristol", "Hull", "Derby", "Oban", "Newry", "Luton",
          "Bangor", "Carlisle", "Truro", "Ely", "Wrexham", "Dundee", "Preston", "Exeter"]
verbs = ["trains", "feeds", "supports", "connects", "houses", "employs", "mentors", "teaches",
         "repairs", "grows", "cooks for", "drives", "welcomes", "befriends", "cares for"]
people = ["young people", "older people", "families", "veterans", "refugees", "carers",
          "people leaving prison", "disabled adults", "new parents", "school leavers"]
start = time.time()
for batch in range(0, entries, 5000):
    rows = ["name,summary,legal_form,size_band,people,areas,themes,listed"]
    for i in range(batch, min(entries, batch + 5000)):
        name = f"{random.choice(places)} {random.choice(nouns).title()} {i}"
        summary = (f"A {random.choice(nouns)} in {random.choice(places)} that "
                   f"{random.choice(verbs)} {random.choice(people)} and "
                   f"{random.choice(verbs)} {random.choice(people)}.")
        rows.append(",".join([name, summary, random.choice(forms),
                              random.choice(["small", "medium", "large", "very_large"]),
                              str(random.randint(0, 400)),
                              ";".join(random.sample(areas, random.randint(1, 2))),
                              ";".join(random.sample(themes, random.randint(1, 4))),
                              "yes" if random.random() < 0.95 else "no"]))
    call("POST", "/api/v1/broker/directory/import", "\n".join(rows) + "\n",
         {**auth, "Content-Type": "text/csv"})
print(f"directory: {entries:,} entries imported through the API in {time.time() - start:.1f} s "
      f"({'PostgreSQL' if db.startswith('postgres') else 'SQLite'})")

searches = {
    "everything (no words)": "",
    "a common word": "q=young",
    "a rarer word": "q=veterans",
    "two words": "q=bakery%20cardiff",
    "a prefix": "q=orch",
    "an entry's number": "q=4242",
    "one theme": f"theme={themes[3]}",
    "two themes and an area": f"theme={themes[0]}%2C{themes[7]}&area={areas[9]}",
    "legal form and area": f"legal_form={forms[2]}&area={areas[6]}",
    "certified only": "certified=true",
    "words and filters": f"q=garden&theme={themes[8]}&area={areas[2]}",
    "a deep page": "q=trust&offset=2000&limit=20",
    "the last page of everything": f"offset={int(entries * 0.95) - 20}&limit=20",
}

def timed(path):
    t = time.perf_counter()
    call("GET", path)
    return (time.perf_counter() - t) * 1000

def p95(xs):
    xs = sorted(xs)
    return xs[max(0, int(len(xs) * 0.95 + 0.999999) - 1)]

for path in ["/api/v1/health"] + ["/api/v1/directory?" + q for q in searches.values()]:
    timed(path)  # warm: the first read of each page of the database
health = [timed("/api/v1/health") for _ in range(200)]
all_times = []
worst = 0.0
for label, query in searches.items():
    times = [timed("/api/v1/directory?" + query) for _ in range(rounds)]
    all_times += times
    worst = max(worst, max(times))
    total = json.loads(call("GET", "/api/v1/directory?" + query)[1])["total"]
    print(f"  {label:32s} {total:>7,} matches  median {sorted(times)[len(times) // 2]:6.1f} ms"
          f"  max {max(times):6.1f} ms")
print(f"search p95 {p95(all_times):.1f} ms over {len(all_times)} searches (goal < 50 ms), "
      f"worst {worst:.1f} ms; health p95 {p95(health):.2f} ms in the same run "
      f"(search p95 = {p95(all_times) / p95(health):.0f}x health)")
PY
