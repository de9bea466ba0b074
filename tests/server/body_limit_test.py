#!/usr/bin/env python3
"""A request body over the 32 MiB transport limit is answered, not cut off.

Starts `valuemark serve` and checks, through its socket:
  1. a request stating a 33 MiB body gets `413` with the API's JSON error as
     soon as its headers are in, before any of the body is sent, and the
     connection is then closed;
  2. the same request with its whole body sent at once still reads that 413;
  3. curl, which asks to continue before a large body, gets the 413 and sends
     no body;
  4. a 2 MiB body (over the API's 1 MiB JSON limit, under the transport's) gets
     the API's own 413 and the connection stays open;
  5. a 1 MiB body (a sign-up padded with spaces to 1 MiB) is still served.

    body_limit_test.py VALUEMARK_BINARY
"""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading

binary = sys.argv[1]
work = tempfile.mkdtemp(prefix="vm-body-")
MIB = 1024 * 1024


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def start():
    proc = subprocess.Popen([binary, "serve", "--db", "sqlite:" + os.path.join(work, "b.db"),
                             "--listen", "127.0.0.1:0", "--log-level", "warn",
                             "--fast-password-hashing", "--heavy-threads", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    for line in proc.stdout:
        if "listening on" in line:
            url = line[line.index("http://"):].split()[0]
            host, port = url[len("http://"):].rstrip("/").split(":")
            return proc, host, int(port)
    fail("the server did not start")


def read_response(sock):
    """The status, headers (lower-case names) and body of one answer on sock."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            fail(f"the connection closed before an answer: {data!r}")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return status, headers, body[:length]


def closed_after(sock):
    """True when the server closes the connection (nothing more to read)."""
    sock.settimeout(5)
    try:
        while True:
            if not sock.recv(65536):
                return True
    except ConnectionResetError:
        return True
    except socket.timeout:
        return False


def check_413(status, headers, body, what):
    if status != 413:
        fail(f"{what}: status {status}, body {body!r}")
    error = json.loads(body)["error"]
    if error["code"] != "payload_too_large" or "32 MiB" not in error["message"]:
        fail(f"{what}: error {error}")
    if headers.get("connection", "").lower() != "close":
        fail(f"{what}: no Connection: close in {headers}")


proc, host, port = start()
try:
    headers_33 = (f"POST /api/v1/auth/signup HTTP/1.1\r\nHost: {host}\r\n"
                  f"Content-Type: application/json\r\nContent-Length: {33 * MIB}\r\n\r\n").encode()

    # 1. Answered from the headers alone.
    sock = socket.create_connection((host, port), timeout=10)
    sock.sendall(headers_33)
    status, headers, body = read_response(sock)
    check_413(status, headers, body, "headers of a 33 MiB request")
    if not closed_after(sock):
        fail("the connection stayed open after a 413 whose body was not read")
    sock.close()
    print("ok: a stated 33 MiB body gets 413 payload_too_large before it is sent, then a close")

    # 2. The whole body sent at once: the answer is there to read all the same.
    sock = socket.create_connection((host, port), timeout=10)
    def send_all():
        try:
            sock.sendall(headers_33 + b" " * (33 * MIB))
        except OSError:
            pass  # the server closed: it does not read a body it refused
    sender = threading.Thread(target=send_all)
    sender.start()
    status, headers, body = read_response(sock)
    check_413(status, headers, body, "a 33 MiB request sent whole")
    sock.close()
    sender.join()
    print("ok: a 33 MiB body sent whole still reads the 413")

    # 3. curl asks to continue first, gets the 413 and sends nothing more.
    if shutil.which("curl"):
        big = os.path.join(work, "big.json")
        with open(big, "wb") as f:
            f.truncate(33 * MIB)
        out = subprocess.run(["curl", "-s", "-o", "-", "-w", "\n%{http_code} %{size_upload}",
                              "-H", "Content-Type: application/json", "--data-binary", "@" + big,
                              f"http://{host}:{port}/api/v1/auth/signup"],
                             capture_output=True, text=True, timeout=60)
        body, _, figures = out.stdout.rpartition("\n")
        code, uploaded = figures.split()
        if code != "413" or json.loads(body)["error"]["code"] != "payload_too_large":
            fail(f"curl: {out.stdout!r} {out.stderr!r}")
        if float(uploaded) >= 33 * MIB:
            fail(f"curl sent the whole body ({uploaded} bytes) before the 413")
        print(f"ok: curl gets 413 payload_too_large after sending {int(float(uploaded))} bytes of 33 MiB")

    # 4 and 5 on one kept-alive connection.
    conn = http.client.HTTPConnection(host, port, timeout=30)
    conn.request("POST", "/api/v1/auth/signup", body=b" " * (2 * MIB),
                 headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 413 or json.loads(body)["error"]["code"] != "payload_too_large":
        fail(f"2 MiB: {r.status} {body!r}")
    if (r.getheader("Connection") or "").lower() == "close":
        fail("2 MiB: the connection was closed after a body that was read")
    print("ok: a 2 MiB JSON body gets the API's 413 and the connection stays open")

    signup = json.dumps({"email": "big@example.org", "password": "correct horse battery",
                         "name": "Big"}).encode()
    padded = signup + b" " * (MIB - len(signup))
    conn.request("POST", "/api/v1/auth/signup", body=padded,
                 headers={"Content-Type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 202:
        fail(f"1 MiB sign-up: {r.status} {body!r}")
    conn.close()
    print("ok: a 1 MiB body is still served (202 on the same connection)")
finally:
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(work, ignore_errors=True)
