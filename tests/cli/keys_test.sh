#!/usr/bin/env bash
# The operator's and the verifier's side of the platform's keys, end to end:
# a demo certificate verifies only against trusted keys (a trust file, --key,
# --keys-url from a server on 127.0.0.1), keeps verifying after `keys rotate`,
# a self-signed forgery never does, and `audit verify --key` finds a chain cut
# short once a checkpoint was kept elsewhere.
#   keys_test.sh VALUEMARK FORGED_CERTIFICATE
set -uo pipefail
bin="$1"
forged="$2"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
db="sqlite:$work/vm.db"

"$bin" seed-demo --db "$db" >/dev/null || fail "seed-demo"
[ "$(stat -c %a "$work/vm.db")" = 600 ] || fail "the database file is $(stat -c %a "$work/vm.db"), not 600"
echo "ok: a new database file is readable by its owner only"

python3 - "$work/vm.db" "$work/cert.json" <<'PY'
import sqlite3, sys
doc = sqlite3.connect(sys.argv[1]).execute("SELECT document FROM certificates LIMIT 1").fetchone()[0]
open(sys.argv[2], "w").write(doc)
PY
"$bin" keys export --db "$db" > "$work/keys.json" || fail "keys export"
"$bin" verify "$work/cert.json" --trust "$work/keys.json" | grep -q "^valid: Riverside" || fail "genuine, --trust"
"$bin" verify "$work/cert.json" --key "$work/keys.json" >/dev/null || fail "genuine, --key"
"$bin" verify "$work/cert.json" > "$work/out.txt"; status=$?
[ $status = 1 ] || fail "a demo certificate verified against the shipped trust file (exit $status)"
grep -q "not signed by a trusted key" "$work/out.txt" || fail "no reason: $(cat "$work/out.txt")"
"$bin" verify "$forged" --trust "$work/keys.json" > "$work/out.txt"; status=$?
[ $status = 1 ] || fail "a self-signed forgery: exit $status"
grep -q "not signed by a trusted key" "$work/out.txt" || fail "forgery reason: $(cat "$work/out.txt")"
echo "ok: the demo certificate verifies only against the keys given; a forgery never"

"$bin" audit verify --db "$db" --key "$work/keys.json" | grep -q "^valid: .* checked with the keys given" \
  || fail "fresh audit log with the published keys"
"$bin" audit checkpoint --db "$db" > "$work/kept.json" || fail "audit checkpoint"
grep -q '"signature"' "$work/kept.json" || fail "audit checkpoint printed no signed checkpoint"
echo "ok: audit verify with the published keys, and a checkpoint to keep"

"$bin" keys rotate --db "$db" | grep -q "^new signing key" || fail "keys rotate"
"$bin" keys export --db "$db" > "$work/keys2.json" || fail "keys export after rotation"
python3 - "$work/keys2.json" <<'PY' || fail "the key set after rotation"
import json, sys
keys = json.load(open(sys.argv[1]))["keys"]
assert [k["status"] for k in keys] == ["current", "retired"], keys
assert keys[1]["retired_at"] is not None and keys[0]["retired_at"] is None, keys
PY
"$bin" verify "$work/cert.json" --trust "$work/keys2.json" | grep -q "retired on" || fail "old certificate after rotation"

"$bin" serve --db "$db" --listen 127.0.0.1:0 --log-level off > "$work/serve.txt" 2>&1 &
pids+=($!)
url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^ValueMark listening on //p' "$work/serve.txt")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || fail "the server did not start: $(cat "$work/serve.txt")"
"$bin" verify "$work/cert.json" --keys-url "$url/api/v1/keys/certificates" | grep -q "^valid" || fail "--keys-url"
"$bin" verify "$forged" --keys-url "$url/api/v1/keys/certificates" >/dev/null && fail "forgery with --keys-url"
# Online: the certifying body's signed revocation list says whether it is in force.
list="$url/api/v1/certificates/revocations"
"$bin" verify "$work/cert.json" --trust "$work/keys2.json" --status-url "$list" > "$work/out.txt" \
  || fail "--online on a current certificate: $(cat "$work/out.txt")"
grep -q "^status: current" "$work/out.txt" || fail "no current status: $(cat "$work/out.txt")"
python3 - "$work/vm.db" <<'PY'
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE certificates SET standing = 'suspended', standing_reason = 'Complaint under review', "
           "standing_since = ?", (int(time.time()),))
db.commit()
PY
"$bin" verify "$work/cert.json" --trust "$work/keys2.json" --status-url "$list" > "$work/out.txt"; status=$?
[ $status = 1 ] || fail "a suspended certificate verified online (exit $status)"
grep -q "^status: suspended on .*: Complaint under review" "$work/out.txt" || fail "suspension: $(cat "$work/out.txt")"
"$bin" verify "$work/cert.json" --trust "$work/keys2.json" > /dev/null || fail "offline, the signature alone still verifies"
"$bin" verify "$work/cert.json" --trust "$work/keys.json" --status-url "$list" > "$work/out.txt" 2>&1; status=$?
[ $status != 0 ] || fail "a list checked against the wrong keys was trusted"
"$bin" verify "$work/cert.json" --trust "$work/keys2.json" --status-url "$url/api/v1/keys/certificates" > "$work/out.txt" 2>&1; status=$?
[ $status = 2 ] || fail "a document that is not a revocation list: exit $status"
echo "ok: verify --online reads the signed revocation list: current, then suspended"
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null; pids=()
echo "ok: after rotation the old certificate verifies against the published set, also fetched with --keys-url"

"$bin" audit verify --db "$db" --key "$work/keys2.json" --checkpoints "$work/kept.json" | grep -q "^valid" \
  || fail "audit log across the rotation"
# Someone with the database file rolls everything back to before the kept
# checkpoint: the platform chain's tail with its rosters, and one entry.
python3 - "$work/vm.db" "$work/kept.json" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
kept = json.load(open(sys.argv[2]))["checkpoints"][0]
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
    db.execute(f'DROP TRIGGER "{name}"')
chain, seq = db.execute("SELECT chain, MAX(seq) FROM audit_log WHERE chain <> 'platform' GROUP BY chain LIMIT 1").fetchone()
for table in ("audit_log", "audit_checkpoints"):
    db.execute(f"DELETE FROM {table} WHERE chain = 'platform' AND seq >= ?", (kept["seq"],))
    db.execute(f"DELETE FROM {table} WHERE chain = ? AND seq = ?", (chain, seq))
db.commit()
PY
"$bin" audit verify --db "$db" --key "$work/keys2.json" >/dev/null \
  || fail "the rollback is invisible without the kept checkpoint (as documented), yet verify failed"
if "$bin" audit verify --db "$db" --key "$work/keys2.json" --checkpoints "$work/kept.json" > "$work/audit.txt"; then
  fail "a rollback behind the kept checkpoint was not found"
fi
grep -q "missing from the end" "$work/audit.txt" || fail "audit verify did not say what: $(cat "$work/audit.txt")"
echo "ok: a kept checkpoint finds a chain cut short"
