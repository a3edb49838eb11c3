# Helpers shared by the benchmark scripts (sourced, not run). PostgreSQL is Debian's
# postgresql 15 package, run as the postgres user (the scripts run as root).

PG_BIN=/usr/lib/postgresql/15/bin

# A free TCP port on loopback.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# stop_pid PID: asks the process to stop (a graceful shutdown takes a few seconds), kills it after 30 s.
stop_pid() {
  local pid="$1"
  if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
    return 0
  fi
  kill "$pid"
  for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}

# pg_start DIR PORT [CONF]: a throwaway cluster in DIR/data (socket and log in DIR) on 127.0.0.1:PORT.
# On first use it runs initdb, appends CONF lines to postgresql.conf, and creates user bugmaster
# (password bench) with database bugmaster; later calls only start the existing cluster.
pg_start() {
  local dir="$1" port="$2" conf="${3:-}" fresh=false
  chown postgres "$dir"
  if [ ! -d "$dir/data" ]; then
    su postgres -s /bin/bash -c "$PG_BIN/initdb -D $dir/data -U postgres --auth=trust >/dev/null"
    [ -n "$conf" ] && printf '%s\n' "$conf" >> "$dir/data/postgresql.conf"
    fresh=true
  fi
  su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D $dir/data -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l $dir/pg.log -w start >/dev/null"
  if [ "$fresh" = true ]; then
    su postgres -s /bin/bash -c "$PG_BIN/psql -q -h 127.0.0.1 -p $port -U postgres \
      -c \"create user bugmaster password 'bench'\" -c 'create database bugmaster owner bugmaster'"
  fi
}

# pg_stop DIR: stops the cluster of pg_start DIR, if there is one.
pg_stop() {
  if [ -d "$1/data" ]; then
    su postgres -s /bin/bash -c "$PG_BIN/pg_ctl -D $1/data stop -m fast" >/dev/null 2>&1 || true
  fi
}
