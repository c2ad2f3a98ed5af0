#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests and benchmarks of the PostgreSQL run store.
#
#   scripts/postgres.sh start DIR   makes a cluster in DIR, starts it on a free port of 127.0.0.1
#                                   and prints its URL (postgres://assay@127.0.0.1:PORT/postgres)
#   scripts/postgres.sh stop DIR    stops it (DIR may then be removed)
#
# The server is Debian's (package postgresql). PostgreSQL refuses to run as root, so under root
# the cluster belongs to the `postgres` user the package creates. Durability is off (fsync=off):
# the cluster holds test data only and is thrown away.
set -euo pipefail

command=${1:-}
dir=${2:-}
if [ -z "$command" ] || [ -z "$dir" ]; then
  echo "usage: scripts/postgres.sh start|stop DIR" >&2
  exit 64
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "postgres.sh: PostgreSQL's server is not installed (apt-get install postgresql)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Absolute, and run from / : the server's user may not enter the caller's working folder.
dir="$(mkdir -p "$dir" && cd "$dir" && pwd)"
cd /

case "$command" in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bindir/initdb" -D "$dir/data" -U assay --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgres://assay@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    fi
    ;;
  *)
    echo "usage: scripts/postgres.sh start|stop DIR" >&2
    exit 64
    ;;
esac
