#!/usr/bin/env bash
# `valuemark serve` as an operator runs it: HTTPS with its own certificate, on
# PostgreSQL (when scripts/with-postgres.sh provides one), a graceful stop on
# SIGTERM, and `valuemark audit verify` catching an altered entry.
#   serve_smoke.sh VALUEMARK
set -euo pipefail
bin="$1"
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

start() {  # name args... → sets url
  local name="$1"; shift
  "$bin" serve --listen 127.0.0.1:0 --log-level "${log_level:-warn}" --fast-password-hashing "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=($!)
  for _ in $(seq 1 200); do grep -q "listening on" "$work/$name.out" 2>/dev/null && break; sleep 0.05; done
  url=$(grep -o 'https\?://[0-9.:]*' "$work/$name.out" | head -1)
  [[ -n "$url" ]] || { cat "$work/$name.err"; fail "$name did not start"; }
}

# 1. HTTPS directly.
openssl req -x509 -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -days 1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
log_level=info start tls --db "sqlite:$work/tls.db" --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
[[ "$url" == https://* ]] || fail "TLS server URL is $url"
curl -sf --cacert "$work/cert.pem" "$url/api/v1/health" | grep -q '"status":"ok"' || fail "no health over HTTPS"
curl -sf -o /dev/null --cacert "$work/cert.pem" -H 'Content-Type: application/json' \
  -d '{"email":"tls@example.org","password":"correct horse battery","name":"T"}' "$url/api/v1/auth/signup" \
  || fail "signup over HTTPS"
cookie_flags=$(curl -s -D - -o /dev/null --cacert "$work/cert.pem" -H 'Content-Type: application/json' \
  -d '{"email":"tls@example.org","password":"correct horse battery"}' "$url/api/v1/auth/login" | grep -i '^set-cookie')
[[ "$cookie_flags" == *HttpOnly* && "$cookie_flags" == *SameSite=Lax* && "$cookie_flags" == *Secure* ]] \
  || fail "session cookie flags: $cookie_flags"
[[ "$cookie_flags" == *"__Host-vm_session="* && "$cookie_flags" == *"Path=/;"* && "$cookie_flags" != *Domain* ]] \
  || fail "the session cookie over HTTPS is not a __Host- cookie: $cookie_flags"
echo "ok: HTTPS, and the session cookie is __Host-vm_session, HttpOnly, SameSite=Lax, Secure"
headers=$(curl -s -D - -o /dev/null --cacert "$work/cert.pem" "$url/api/v1/openapi.json")
[[ $(grep -ci '^strict-transport-security: max-age=' <<<"$headers") == 1 ]] || fail "no HSTS over HTTPS: $headers"
[[ $(grep -ci '^x-content-type-options: nosniff' <<<"$headers") == 1 ]] || fail "nosniff not sent once: $headers"
echo "ok: HSTS over HTTPS, X-Content-Type-Options once"

# 2. Graceful stop on SIGTERM.
tls_pid=${pids[-1]}
kill -TERM "$tls_pid"
for _ in $(seq 1 100); do kill -0 "$tls_pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$tls_pid" 2>/dev/null && fail "server still running 5 s after SIGTERM"
wait "$tls_pid" || fail "server exited with status $? after SIGTERM"
echo "ok: SIGTERM stops the server with status 0"
python3 - "$work/tls.err" <<'PY' || fail "a log line is not JSON"
import json, sys
lines = [l for l in open(sys.argv[1]) if l.strip()]
for l in lines:
    json.loads(l)
assert any(json.loads(l).get("msg") == "stopping" for l in lines), "no stopping line"
PY
echo "ok: every log line is one JSON object, the shutdown line too"

# 3. The audit chain: valid, then an altered entry is found.
"$bin" seed-demo --db "sqlite:$work/audit.db" >/dev/null
"$bin" audit verify --db "sqlite:$work/audit.db" | grep -q "^valid" || fail "fresh audit log not valid"
python3 - "$work/audit.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
# The log refuses updates through its triggers; an attacker with the file can drop them.
for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").fetchall():
    db.execute(f'DROP TRIGGER "{name}"')
db.execute("UPDATE audit_log SET actor_id = 'someone-else' WHERE seq = 2 AND chain <> 'platform'")
db.commit()
PY
if "$bin" audit verify --db "sqlite:$work/audit.db" > "$work/verify.txt"; then fail "altered entry not detected"; fi
grep -q "altered" "$work/verify.txt" || fail "verify did not say what: $(cat "$work/verify.txt")"
echo "ok: audit verify finds the altered entry"

# 4. Email: the outbox is delivered by SMTP when --smtp-url is given.
smtp_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -u -W ignore -m smtpd -n -c DebuggingServer "127.0.0.1:$smtp_port" > "$work/smtp.txt" 2>&1 &
pids+=($!)
start mail --db "sqlite:$work/mail.db" --smtp-url "smtp://127.0.0.1:$smtp_port" --mail-from "valuemark@example.org"
curl -sf -H 'Content-Type: application/json' -d '{"email":"mail@example.org","password":"correct horse battery","name":"M"}' \
  "$url/api/v1/auth/signup" >/dev/null || fail "signup for the email check"
curl -sf -H 'Content-Type: application/json' -d '{"email":"mail@example.org"}' "$url/api/v1/auth/password-reset" >/dev/null
for _ in $(seq 1 100); do grep -q "Reset your ValueMark password" "$work/smtp.txt" && break; sleep 0.1; done
grep -q "Reset your ValueMark password" "$work/smtp.txt" || fail "no email reached the SMTP server: $(tail -5 "$work/mail.err")"
grep -q "reset-password?token=" "$work/smtp.txt" || fail "the email has no reset link"
grep -q "verify-email?token=" "$work/smtp.txt" || fail "the sign-up email has no confirmation link"
curl -s -D - -o /dev/null "$url/api/v1/health" | grep -qi '^strict-transport-security' && fail "HSTS over plain HTTP"
echo "ok: the sign-up confirmation and password-reset emails are delivered by SMTP"
# A comma left unescaped in a query (a link typed by hand) is read, not
# taken for a malformed query whose filters would silently be dropped.
curl -s "$url/api/v1/directory?theme=food,not_a_theme" | grep -q '"field":"theme"' \
  || fail "a query with a comma was not read"
echo "ok: a query string with commas is read as written"

# 5. Certificates: the demo's award is in the public register; its signed
# document verifies offline with the published key, and not once edited.
start cert --db "sqlite:$work/cert.db" --demo
cert_id=$(curl -sf "$url/api/v1/register" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])') \
  || fail "no certificate in the demo register"
curl -sf "$url/api/v1/certificates/$cert_id" > "$work/cert.json" || fail "GET the certificate"
curl -sf "$url/api/v1/keys/certificates" > "$work/keys.json" || fail "GET the public keys"
"$bin" verify "$work/cert.json" --key "$work/keys.json" | grep -q "^valid: Riverside Community Trust" \
  || fail "the served certificate does not verify offline"
# The key inside the document is never trusted: without keys it is not valid.
if "$bin" verify "$work/cert.json" > "$work/nokey.txt"; then fail "verified without trusted keys"; fi
grep -q "not signed by a trusted key" "$work/nokey.txt" || fail "verify without --key: $(cat "$work/nokey.txt")"
sed 's/Riverside Community Trust/Riverside Community Trusts/' "$work/cert.json" > "$work/forged.json"
if "$bin" verify "$work/forged.json" --key "$work/keys.json" > "$work/forged.txt"; then fail "an edited certificate verified"; fi
grep -q "^INVALID" "$work/forged.txt" || fail "verify did not say INVALID: $(cat "$work/forged.txt")"
code=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["certificate"]["verification_code"])' "$work/cert.json")
curl -sf "$url/api/v1/verify/$code" | grep -q '"valid":true' || fail "online verification by code"
echo "ok: the demo certificate is in the register, verifies online and offline, and an edited copy does not"

# 6. PostgreSQL, when a test server is running.
if [[ -n "${VALUEMARK_TEST_PG_URL:-}" ]]; then
  db="smoke_$$"
  psql -q "$VALUEMARK_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
  pg_url="${VALUEMARK_TEST_PG_URL%/*}/$db"
  start pg --db "$pg_url" --demo
  curl -sf "$url/api/v1/health" | grep -q '"db":"postgresql"' || fail "health does not say postgresql"
  curl -sf -c "$work/c" -H 'Content-Type: application/json' \
    -d '{"email":"lead@riverside.example","password":"valuemark-demo"}' "$url/api/v1/auth/login" >/dev/null \
    || fail "demo login on PostgreSQL"
  curl -sf -b "$work/c" "$url/api/v1/me" | grep -q "Riverside Community Trust" || fail "demo organisation on PostgreSQL"
  "$bin" audit verify --db "$pg_url" | grep -q "^valid" || fail "PostgreSQL audit log not valid"
  kill -TERM "${pids[-1]}"; wait "${pids[-1]}" || true
  psql -q "$VALUEMARK_TEST_PG_URL" -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
  echo "ok: serve, demo data, login and audit verify on PostgreSQL"
elif [[ -n "${VALUEMARK_TEST_PG_REQUIRED:-}" && "${VALUEMARK_TEST_PG_REQUIRED}" != 0 ]]; then
  fail "VALUEMARK_TEST_PG_URL is not set, and VALUEMARK_TEST_PG_REQUIRED requires PostgreSQL (tests/pg_url.h)"
else
  echo "skipped: PostgreSQL (VALUEMARK_TEST_PG_URL is not set)"
fi
echo "1 passed, 0 failed"
