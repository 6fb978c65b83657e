# Real PostgreSQL servers for the tests, sourced by tools/test.sh: initdb and pg_ctl run as the
# `postgres` user when root (they refuse to run as root), in a temporary folder, Unix sockets only
# (listen_addresses=''), so there is no TCP port to collide with anything. About 1.5 s a server.
#
#   pg_servers_start   starts `main` (the tests' server; role `evalshell` trusted, role `secret` with a
#                      password over the socket) and `coordinator`, `shard1`, `shard2` (payments
#                      sharded by project through postgres_fdw), and exports
#                      EVALSHELL_TEST_PG=<main's socket folder> and EVALSHELL_TEST_PG_SHARDS=<coordinator's>
#   pg_servers_stop    stops them all and removes the folder (called from a trap on EXIT)

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

# pg_as_owner CMD…: as the `postgres` user when root (initdb and pg_ctl refuse to run as root).
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_server_start NAME PORT: a server in $PG_ROOT/NAME whose socket is $PG_ROOT/NAME/.s.PGSQL.PORT.
pg_server_start() {
  local name=$1 port=$2 bin dir
  bin=$(pg_bin)
  dir="$PG_ROOT/$name"
  pg_as_owner mkdir -p "$dir"
  pg_as_owner "$bin/initdb" -D "$dir/data" -U evalshell -A trust -E UTF8 --no-locale -N >/dev/null
  # The role `secret` must give a password (the wrong-password test); everyone else is trusted.
  printf 'local all secret scram-sha-256\nlocal all all trust\n' | pg_as_owner tee "$dir/data/pg_hba.conf" >/dev/null
  pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -s \
    -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_prepared_transactions=0" start
}

pg_servers_start() {
  if [ -z "$(pg_bin)" ]; then echo "pg-servers: PostgreSQL is not installed (tools/setup.sh installs it)" >&2; return 1; fi
  PG_ROOT=$(mktemp -d /tmp/evalshell-pg.XXXXXX)
  chmod 755 "$PG_ROOT"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$PG_ROOT"
  pg_server_start main 5432
  pg_server_start shard1 5433
  pg_server_start shard2 5434
  pg_server_start coordinator 5435
  psql -h "$PG_ROOT/main" -p 5432 -U evalshell -d postgres -q -v ON_ERROR_STOP=1 \
    -c "create role secret login password 'the-right-password'" >/dev/null
  export EVALSHELL_TEST_PG="$PG_ROOT/main" EVALSHELL_TEST_PG_SHARDS="$PG_ROOT"
  echo "pg-servers: four PostgreSQL servers under $PG_ROOT"
}

pg_servers_stop() {
  [ -n "${PG_ROOT:-}" ] || return 0
  local bin name
  bin=$(pg_bin)
  for name in main shard1 shard2 coordinator; do
    [ -d "$PG_ROOT/$name/data" ] && pg_as_owner "$bin/pg_ctl" -D "$PG_ROOT/$name/data" -m immediate -w -s stop || true
  done
  rm -rf "$PG_ROOT"
  PG_ROOT=
}
