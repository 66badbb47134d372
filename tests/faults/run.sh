#!/usr/bin/env bash
# The fault suite: database connections terminated mid-transaction, the Postgres server restarted
# under load, a mail worker killed mid-send. It restarts a server, so it runs on a private Postgres
# (initdb into a temporary directory, its own port), never on the shared one; removed at the end.
# Usage: bash tests/faults/run.sh [vitest arguments, e.g. a file name]
set -euo pipefail
cd "$(dirname "$0")/../.."

PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | head -n1)}
PORT=${FAULTS_PG_PORT:-5499}
[ -x "$PGBIN/initdb" ] || { echo "faults: no Postgres binaries (set PGBIN, e.g. /usr/lib/postgresql/15/bin)" >&2; exit 1; }
if (echo >"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
  echo "faults: port $PORT is taken; set FAULTS_PG_PORT to a free one" >&2
  exit 1
fi

dir=$(mktemp -d /tmp/afterview-faults.XXXXXX)
# initdb refuses to run as root: as root the server belongs to the postgres OS user.
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as_pg=(runuser -u postgres --)
else
  as_pg=()
fi
cat >"$dir/pgctl" <<WRAP
#!/bin/sh
exec ${as_pg[*]} "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 "\$@"
WRAP
chmod 755 "$dir" "$dir/pgctl"

cleanup() {
  "$dir/pgctl" stop -m immediate >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${as_pg[@]}" "$PGBIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
# In its configuration rather than on pg_ctl's command line, so a test can stop and start it plainly.
cat >>"$dir/data/postgresql.conf" <<CONF
port = $PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
max_connections = 200
CONF
"$dir/pgctl" start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
export FAULTS_PGCTL="$dir/pgctl"
# The test suite creates its own database on this server and migrates it (tests/support/integration-global.ts).
status=0
npx vitest run --config tests/faults/vitest.config.ts "$@" || status=$?
if [ "$status" != 0 ] && [ -n "${FAULTS_SHOW_SERVER_LOG:-}" ]; then tail -n 100 "$dir/server.log"; fi
exit "$status"
