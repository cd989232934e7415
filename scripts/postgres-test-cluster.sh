#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suites, on loopback only.
#   scripts/postgres-test-cluster.sh start DIR   → initdb into DIR (first time), start on a free port, print the URL
#   scripts/postgres-test-cluster.sh stop DIR    → stop it (fast shutdown); start again, or remove DIR
# As root, the cluster runs as the `postgres` user (PostgreSQL refuses to run as root). Trust
# authentication is safe here only because the server listens on 127.0.0.1 and its socket sits in DIR.
set -euo pipefail
action=${1:?start|stop}
dir=${2:?data directory}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
server_options() {
  echo "-c listen_addresses=127.0.0.1 -p $1 -c unix_socket_directories=$dir -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
}
case "$action" in
  start)
    # A second start of the same DIR restarts the cluster on its port (the readiness test stops and starts it).
    if [ ! -f "$dir/port" ]; then
      mkdir -p "$dir"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
      node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})" >"$dir/port"
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1
    fi
    port=$(cat "$dir/port")
    # Throw-away: durability settings off for speed (the tests kill Spillway, never PostgreSQL mid-write).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 120 start -o "$(server_options "$port")" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "unknown action $action (start|stop)" >&2
    exit 2
    ;;
esac
