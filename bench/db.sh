# Sourced by the server benches: the --db option they share.
#   --db sqlite       (the default) a SQLite file in the bench's own directory
#   --db postgresql   a throwaway PostgreSQL server: the bench re-runs itself
#                     under scripts/with-postgres.sh and uses its database
#   --db URL          any sqlite:PATH or postgresql://… URL, as given
# bench_db_args "$@" sets `db_kind` (sqlite or postgresql), `db_url` (empty
# for the default SQLite file: the bench names it) and `bench_args` (the
# arguments left, e.g. the binary). Call it before anything else: on
# PostgreSQL without a server yet it replaces the process.
bench_db_args() {
  local db="sqlite" self="$0" all=("$@")
  bench_args=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --db) db="$2"; shift 2 ;;
      --db=*) db="${1#--db=}"; shift ;;
      *) bench_args+=("$1"); shift ;;
    esac
  done
  case "$db" in
    sqlite) db_kind=sqlite; db_url="" ;;
    sqlite:*) db_kind=sqlite; db_url="$db" ;;
    postgresql | postgres)
      db_kind=postgresql
      if [[ -z "${VALUEMARK_BENCH_IN_PG:-}" ]]; then
        local root
        root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
        export VALUEMARK_BENCH_IN_PG=1
        exec "$root/scripts/with-postgres.sh" bash "$self" "${all[@]}"
      fi
      db_url="$VALUEMARK_TEST_PG_URL" ;;
    postgresql://* | postgres://*) db_kind=postgresql; db_url="$db" ;;
    *) echo "error: --db takes sqlite, postgresql or a database URL, not '$db'" >&2; exit 2 ;;
  esac
}

# Brings the throwaway PostgreSQL of scripts/with-postgres.sh to a steady
# state before a bench writes to it. A new cluster has one WAL segment, so
# until its first checkpoints it creates every next 16 MB segment and fills
# it with zeros while the commits behind it wait (wal_init_zero): stalls of
# several milliseconds that a server in service does not have, since it
# reuses the segments its checkpoints freed. Writing about 500 MB of WAL and
# checkpointing twice leaves some 30 segments (about 480 MB) ready for reuse. Any other
# database (--db URL) is left as it is.
bench_settle_postgresql() {
  [[ "$db_kind" == postgresql && -n "${VALUEMARK_TEST_PG_URL:-}" && "$db_url" == "$VALUEMARK_TEST_PG_URL" ]] || return 0
  psql -q -v ON_ERROR_STOP=1 "$db_url" <<'SQL'
CREATE TABLE bench_settle AS SELECT g, repeat('x', 100) AS t FROM generate_series(1, 3000000) AS g;
DROP TABLE bench_settle;
CHECKPOINT;
CHECKPOINT;
SQL
}

# Waits until the server started as `pid` says it listens on `work`/out;
# stops the bench with the server's own words if it exits first (a binary
# copied away from data/, a database it cannot open). 5 ms between looks.
bench_wait_listening() {
  until grep -q "listening on" "$work/out" 2>/dev/null; do
    local state
    state=$(ps -o stat= -p "$pid" || true)
    if [[ -z "$state" || "$state" == Z* ]]; then  # gone, or exited and not yet waited for
      echo "error: the server stopped before it listened:" >&2
      cat "$work/err" >&2
      exit 2
    fi
    sleep 0.005
  done
}

# Seeds the demo into the bench's database (a SQLite file in a fresh work
# directory unless --db named one) and serves it on a free local port with 2
# threads; sets `work`, `db`, `pid` and `url`. The server is stopped and the
# work directory removed when the bench exits.
bench_demo_server() {
  local binary="$1"
  work="$(mktemp -d)"
  pid=""
  trap 'if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null; fi; wait 2>/dev/null; rm -rf "$work"' EXIT
  db="${db_url:-sqlite:$work/bench.db}"
  "$binary" seed-demo --db "$db" >/dev/null
  "$binary" serve --db "$db" --listen 127.0.0.1:0 --log-level warn --threads 2 \
    > "$work/out" 2>"$work/err" &
  pid=$!
  bench_wait_listening
  url=$(grep -o 'http://[0-9.:]*' "$work/out" | head -1)
}
