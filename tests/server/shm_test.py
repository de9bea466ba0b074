#!/usr/bin/env python3
"""SQLite's shared-memory file (-shm) going bad is reported, not a bare crash.

SQLite in WAL mode maps DB-shm into memory; when the file is cut short under
a running server (truncated, or its disk full) the next access raises SIGBUS.
  1. Truncating the -shm of a running server ends it with exit status 74 and
     one JSON log line naming the file and what to do; every stderr line is
     JSON. Started again, the server rebuilds the file and nothing
     acknowledged is lost.
  2. A -shm that exists but is not writable by the server's user stops the
     start with a message naming the file (run as `nobody` when we are root,
     since root may write anything).

    shm_test.py VALUEMARK_BINARY
"""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

binary = sys.argv[1]
work = tempfile.mkdtemp(prefix="vm-shm-")
os.chmod(work, 0o777)
db = os.path.join(work, "shm.db")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def start(prefix=()):
    """The server and its port (None when it did not start: the caller reads why)."""
    proc = subprocess.Popen([*prefix, binary, "serve", "--db", "sqlite:" + db,
                             "--listen", "127.0.0.1:0", "--log-level", "warn",
                             "--fast-password-hashing", "--heavy-threads", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if "listening on" in line:
            return proc, int(line[line.index("http://"):].split()[0].rstrip("/").rsplit(":", 1)[1])
    proc.wait(timeout=10)
    return proc, None


def post(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    r.read()
    return r.status


account = {"email": "kept@example.org", "password": "correct horse battery"}
try:
    # 1. Cut short under the running server.
    proc, port = start()
    if port is None:
        fail("the server did not start: " + proc.stderr.read())
    if post(port, "/api/v1/auth/signup", {**account, "name": "Kept"}) != 202:
        fail("sign-up before the truncation")
    with open(db + "-shm", "r+b") as f:
        f.truncate(0)
    try:
        post(port, "/api/v1/auth/signup", {"email": "after@example.org",
                                           "password": "correct horse battery", "name": "A"})
    except (OSError, http.client.HTTPException):
        pass  # the server stopped while answering
    try:
        status = proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        fail("the server still runs on a truncated -shm")
    errors = proc.stderr.read()
    if status != 74:
        fail(f"exit status {status} (signal {-status} if negative), stderr: {errors}")
    lines = [l for l in errors.splitlines() if l.strip()]
    for l in lines:
        json.loads(l)
    last = json.loads(lines[-1])
    if last.get("level") != "critical" or "shared-memory" not in last.get("msg", "") \
            or last.get("file") != db + "-shm" or "what_to_do" not in last:
        fail(f"the last log line does not say what happened: {last}")
    print("ok: a truncated -shm ends the server with status 74 and a JSON line naming",
          last["file"])

    proc, port = start()
    if port is None:
        fail("the server did not start again: " + proc.stderr.read())
    if post(port, "/api/v1/auth/login", account) != 200:
        fail("the account made before the truncation is gone")
    proc.terminate()
    proc.wait(timeout=10)
    print("ok: started again, the server rebuilds the -shm and the account made before is there")

    # 2. A -shm this user cannot write stops the start, saying which file.
    prefix = []
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            print("skipped: the read-only -shm case needs setpriv to run as nobody")
            sys.exit(0)
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
    for name in os.listdir(work):
        os.chmod(os.path.join(work, name), 0o666)
    with open(db + "-shm", "wb"):
        pass
    os.chmod(db + "-shm", 0o444)
    proc, port = start(prefix)
    if port is not None:
        proc.terminate()
        fail("the server started with a -shm it cannot write")
    errors = proc.stderr.read()
    if proc.returncode == 0 or db + "-shm" not in errors or "not writable" not in errors:
        fail(f"status {proc.returncode}, stderr: {errors}")
    print("ok: a -shm the server's user cannot write stops the start:", errors.strip().splitlines()[-1])
finally:
    shutil.rmtree(work, ignore_errors=True)
