#!/usr/bin/env python3
"""The rate limits of `valuemark serve` are set by its flags, and a refusal
states the real wait of the limit that refused it, never a fixed 900 s.

    limit_flags_test.py VALUEMARK_BINARY
"""
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile

binary = sys.argv[1]
work = tempfile.mkdtemp(prefix="vm-limits-")


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


proc = subprocess.Popen([binary, "serve", "--db", "sqlite:" + os.path.join(work, "l.db"),
                         "--listen", "127.0.0.1:0", "--log-level", "warn", "--fast-password-hashing",
                         "--rate-resets-per-email", "2,1", "--rate-signups-per-address", "0",
                         "--login-failures-per-email", "2", "--login-window-minutes", "2"],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    for line in proc.stdout:
        if "listening on" in line:
            host, port = line[line.index("http://") + 7:].split()[0].rstrip("/").split(":")
            break
    else:
        fail("the server did not start")

    def post(path, body):
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("POST", path, body=json.dumps(body), headers={"Content-Type": "application/json"})
        r = conn.getresponse()
        return r.status, r.getheader("Retry-After"), json.loads(r.read() or b"null")

    # --rate-resets-per-email 2,1: two an hour, one at once, so the next in 30 minutes.
    if post("/api/v1/auth/password-reset", {"email": "a@example.org"})[0] != 202:
        fail("the first reset request was refused")
    status, retry, body = post("/api/v1/auth/password-reset", {"email": "a@example.org"})
    if status != 429 or not retry or not 1790 <= int(retry) <= 1800:
        fail(f"reset: {status} Retry-After {retry} {body}")
    print(f"ok: --rate-resets-per-email 2,1 refuses the second request, Retry-After {retry}")

    # --rate-signups-per-address 0: no limit on sign-ups (the default is 20 at once).
    for i in range(25):
        status = post("/api/v1/auth/signup", {"email": f"p{i}@example.org",
                                             "password": "correct horse battery", "name": "P"})[0]
        if status != 202:
            fail(f"sign-up {i} with the limit off: {status}")
    print("ok: --rate-signups-per-address 0 lets 25 sign-ups through")

    # --login-failures-per-email 2 in a 2-minute window: the third attempt waits at most 120 s.
    for _ in range(2):
        post("/api/v1/auth/login", {"email": "p1@example.org", "password": "wrong password guess"})
    status, retry, body = post("/api/v1/auth/login", {"email": "p1@example.org",
                                                      "password": "correct horse battery"})
    if status != 429 or not retry or not 110 <= int(retry) <= 120:
        fail(f"login: {status} Retry-After {retry} {body}")
    print(f"ok: --login-failures-per-email 2 --login-window-minutes 2: Retry-After {retry}, not 900")
finally:
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
