#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL 15 server:
#   scripts/with-postgres.sh CMD [ARGS...]
# e.g. scripts/with-postgres.sh ./build/tests/storage/storage_tests
#
# Creates a fresh cluster in a temporary directory (trust authentication,
# superuser "valuemark", listening on 127.0.0.1 on a free port and on a
# socket in that directory), exports
#   VALUEMARK_TEST_PG_URL=postgresql://valuemark@127.0.0.1:PORT/postgres
# and VALUEMARK_TEST_PG_REQUIRED=1 (so that a PostgreSQL test that finds no
# server fails instead of skipping: tests/pg_url.h),
# runs CMD, then always stops the server and deletes the directory. Exits
# with CMD's status. The system's own cluster is neither used nor touched.
# initdb refuses to run as root, so as root the server runs as the
# `postgres` user that Debian's postgresql package creates.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

pg_bin="${PG_BIN:-/usr/lib/postgresql/15/bin}"
for tool in initdb pg_ctl pg_isready; do
  if [ ! -x "$pg_bin/$tool" ]; then
    echo "with-postgres: $pg_bin/$tool not found: install Debian's postgresql package (PostgreSQL 15)" >&2
    exit 2
  fi
done

as_server_user=()
if [ "$(id -u)" -eq 0 ]; then
  if ! id postgres >/dev/null 2>&1; then
    echo "with-postgres: running as root needs the 'postgres' user (created by the postgresql package)" >&2
    exit 2
  fi
  as_server_user=(runuser -u postgres --)
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/valuemark-pg.XXXXXX")"
chmod 700 "$dir"
[ ${#as_server_user[@]} -gt 0 ] && chown postgres:postgres "$dir"
data="$dir/data"
started=""

cleanup() {
  local status=$?
  if [ -n "$started" ]; then
    (cd "$dir" && "${as_server_user[@]}" "$pg_bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1) || true
  fi
  rm -rf "$dir"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The server's user may not be able to enter the caller's directory.
cd "$dir"
if ! "${as_server_user[@]}" "$pg_bin/initdb" -D "$data" -A trust -U valuemark --no-instructions \
    >"$dir/initdb.log" 2>&1; then
  echo "with-postgres: initdb failed:" >&2
  cat "$dir/initdb.log" >&2
  exit 1
fi

port_is_free() {
  # A connection refused means nobody listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A free port, found now; another process may take it before the server does,
# so a failed start is retried on another port.
port=""
for attempt in 1 2 3 4 5; do
  candidate=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
  port_is_free "$candidate" || continue
  if "${as_server_user[@]}" "$pg_bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
      -o "-p $candidate -k $dir -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null 2>&1; then
    port="$candidate"
    started=1
    break
  fi
done
if [ -z "$port" ]; then
  echo "with-postgres: the server did not start:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

for _ in $(seq 1 100); do
  "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
  sleep 0.1
done
if ! "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
  echo "with-postgres: the server is not accepting connections:" >&2
  cat "$dir/server.log" >&2 || true
  exit 1
fi

export VALUEMARK_TEST_PG_URL="postgresql://valuemark@127.0.0.1:$port/postgres"
export VALUEMARK_TEST_PG_REQUIRED=1
echo "with-postgres: PostgreSQL listening at $VALUEMARK_TEST_PG_URL (data in $data)"

cd "$OLDPWD"
set +e
"$@"
status=$?
set -e
exit "$status"
