#!/usr/bin/env python3
"""An acknowledged survey response is never lost, and a retried one is stored once.

Starts `valuemark serve` on SQLite, streams submissions from several clients
and kills the server with SIGKILL at random moments, several times. Each
client retries a submission whose answer it did not get, with the same
Idempotency-Key, once the server is back. At the end every response that was
acknowledged (201, or 200 for a retry) must be in the database exactly once,
with the id the client was given, and nothing else may be there.

    survey_crash_test.py VALUEMARK_BINARY [ROUNDS]
"""
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

binary = sys.argv[1]
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
clients = 16
work = tempfile.mkdtemp(prefix="vm-crash-")
db = os.path.join(work, "crash.db")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


port = free_port()


def start():
    proc = subprocess.Popen([binary, "serve", "--db", "sqlite:" + db, "--listen", f"127.0.0.1:{port}",
                             "--log-level", "error", "--fast-password-hashing", "--threads", "2",
                             "--survey-limit-per-address", "0", "--survey-limit-per-link", "0",
                             "--quota-responses-per-survey", "0", "--quota-storage-mb", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if "listening on" in line:
            return proc
    raise SystemExit("error: the server did not start")


def request(method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request(method, path, body=json.dumps(body) if body is not None else None,
                 headers={"Content-Type": "application/json", **(headers or {})})
    r = conn.getresponse()
    data = r.read()
    conn.close()
    return r.status, r.getheader("Set-Cookie"), data


server = start()
status, _, data = request("POST", "/api/v1/auth/signup",
                          {"email": "lead@example.org", "password": "correct horse battery", "name": "Lead"})
assert status == 202, data
# Sign-up starts no session; an account not yet confirmed may still sign in
# and make its own organisation.
status, cookie, data = request("POST", "/api/v1/auth/login",
                               {"email": "lead@example.org", "password": "correct horse battery"})
assert status == 200, data
session = {"Cookie": cookie.split(";")[0], "X-CSRF-Token": json.loads(data)["csrf_token"]}
status, _, data = request("POST", "/api/v1/organisations",
                          {"name": "Crash Club", "legal_structure": "charity", "sector": "health",
                           "size_band": "small", "area": "Leeds"}, session)
assert status == 201, data
org = json.loads(data)["id"]
status, _, data = request("POST", f"/api/v1/organisations/{org}/surveys",
                          {"title": "Crash", "questions": [{"id": "score", "type": "scale", "text": "0 to 10"}]},
                          session)
assert status == 201, data
token = json.loads(data)["token"]

acknowledged = {}  # key -> response id
lock = threading.Lock()
stop = threading.Event()
pending = {}  # client -> (key, score) sent but not answered


def client(n):
    seq = 0
    conn = None
    while not stop.is_set():
        if n in pending:
            key, score = pending[n]
        else:
            seq += 1
            key, score = f"c{n}-{os.getpid()}-{seq}-{random.random()}", random.randint(0, 10)
            pending[n] = (key, score)
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("POST", f"/api/v1/s/{token}/responses", body=json.dumps({"answers": {"score": score}}),
                         headers={"Content-Type": "application/json", "Idempotency-Key": key})
            r = conn.getresponse()
            body = r.read()
        except (OSError, http.client.HTTPException):
            conn = None
            time.sleep(0.02)  # the server is down: try the same key again later
            continue
        if r.status in (200, 201):
            rid = json.loads(body)["id"]
            with lock:
                if key in acknowledged and acknowledged[key] != rid:
                    raise SystemExit(f"error: key {key} was acknowledged as {acknowledged[key]} and as {rid}")
                acknowledged[key] = rid
            del pending[n]
        else:
            raise SystemExit(f"error: unexpected answer {r.status}: {body!r}")


threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
for t in threads:
    t.start()
kills = 0
for round_ in range(rounds):
    time.sleep(random.uniform(0.3, 1.2))
    os.kill(server.pid, signal.SIGKILL)
    server.wait()
    kills += 1
    time.sleep(random.uniform(0.05, 0.3))
    server = start()
time.sleep(1.0)  # the last server answers every retry
stop.set()
for t in threads:
    t.join(timeout=20)
for n, (key, score) in list(pending.items()):  # a last retry of what is still unanswered
    status, _, body = request("POST", f"/api/v1/s/{token}/responses", {"answers": {"score": score}},
                              {"Idempotency-Key": key})
    assert status in (200, 201), body
    acknowledged[key] = json.loads(body)["id"]
server.send_signal(signal.SIGTERM)
server.wait(timeout=20)

rows = sqlite3.connect(db).execute(
    "SELECT idempotency_key, id FROM survey_responses WHERE survey_id = (SELECT id FROM surveys)").fetchall()
count = sqlite3.connect(db).execute("SELECT response_count FROM surveys").fetchone()[0]
stored = {}
problems = []
for key, rid in rows:
    if key in stored:
        problems.append(f"key {key} stored twice")
    stored[key] = rid
for key, rid in acknowledged.items():
    if key not in stored:
        problems.append(f"acknowledged response {rid} (key {key}) is missing")
    elif stored[key] != rid:
        problems.append(f"key {key}: acknowledged as {rid}, stored as {stored[key]}")
unacknowledged = set(stored) - set(acknowledged)
# A response whose answer was lost in a crash may be stored; its client
# retried it, so it must have been acknowledged in the end.
for key in unacknowledged:
    problems.append(f"key {key} is stored but was never acknowledged, though its client retried it")
if count != len(rows):
    problems.append(f"the survey counts {count} responses, the table holds {len(rows)}")
print(f"{kills} SIGKILLs, {len(acknowledged)} acknowledged responses, {len(rows)} stored, "
      f"{len(problems)} problems")
for p in problems[:20]:
    print("error:", p)
subprocess.run(["rm", "-rf", work])
sys.exit(1 if problems or len(acknowledged) < 100 else 0)
