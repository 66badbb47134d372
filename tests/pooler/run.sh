#!/usr/bin/env bash
# The integration suite, then the pooler test (tests/pooler/pooler.test.ts), through pgbouncer in
# transaction mode (Debian's package, 1.18) in front of the Postgres server at 127.0.0.1:5432.
# Needs that server (trust auth, user postgres); installs pgbouncer when missing (as root).
# PGBOUNCER_PORT (default 6432) moves the pooler if the port is taken.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${PGBOUNCER_PORT:-6432}"
server_host=127.0.0.1
server_port=5432
started=$SECONDS

if ! command -v pgbouncer >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "pgbouncer is not installed; run as root, or: apt-get install pgbouncer" >&2
    exit 1
  fi
  apt-get update -qq
  # Debian's package starts its own service only under systemd; this script runs its own instance.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null
fi
pgbouncer --version | head -n1

if ! pg_isready -h "$server_host" -p "$server_port" -q; then
  echo "No Postgres server at $server_host:$server_port" >&2
  exit 1
fi
# pg_isready answers 2 only when nothing listens: another pooler there would take our traffic.
if pg_isready -h 127.0.0.1 -p "$port" -q || [ $? -ne 2 ]; then
  echo "Port $port is taken (a pgbouncer service?); set PGBOUNCER_PORT to a free port" >&2
  exit 1
fi

dir="$(mktemp -d -t afterview-pgbouncer.XXXXXX)"
stop() {
  status=$?
  if [ -f "$dir/pgbouncer.pid" ]; then
    pid="$(cat "$dir/pgbouncer.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [ "$status" -ne 0 ] && [ -f "$dir/pgbouncer.log" ]; then
    echo "--- last lines of the pgbouncer log ---" >&2
    tail -n 30 "$dir/pgbouncer.log" >&2
  fi
  rm -rf "$dir"
  echo "Pooler suite $([ "$status" -eq 0 ] && echo passed || echo failed) in $((SECONDS - started)) s"
  exit "$status"
}
trap stop EXIT

# Every database on the server, through one small server pool per database: the suite's pools
# (2 workers x 4, the pooler test's 24) are bigger, so server connections pass between agencies.
# trust still wants the user listed in auth_file; admin_users lets the test read SHOW CONFIG/POOLS.
cat >"$dir/pgbouncer.ini" <<EOF
[databases]
* = host=$server_host port=$server_port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
admin_users = postgres
pool_mode = transaction
default_pool_size = 5
max_client_conn = 200
log_connections = 0
log_disconnections = 0
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
EOF
echo '"postgres" ""' >"$dir/userlist.txt"

# pgbouncer refuses to run as root: as root it drops to the postgres user, which must own its files.
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres "$dir"
  pgbouncer -d -u postgres "$dir/pgbouncer.ini"
else
  pgbouncer -d "$dir/pgbouncer.ini"
fi
for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p "$port" -q && break; sleep 0.1; done
pg_isready -h 127.0.0.1 -p "$port"

# The suite's global setup creates a fresh database through DATABASE_DIRECT_URL, migrates it there,
# and drops it at the end; the app under test talks to it through the pooler (DATABASE_URL), except
# for LISTEN, which goes direct as in production. Named prepared statements cannot cross pgbouncer
# 1.18's transaction pooling, hence DATABASE_PREPARE=false.
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export DATABASE_DIRECT_URL="postgres://postgres@$server_host:$server_port/postgres"
export DATABASE_PREPARE=false

npm run test:integration
npx vitest run --project pooler
