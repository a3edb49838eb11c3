#!/usr/bin/env bash
# Ingest load benchmark driver: builds the server and the harness, starts the server on loopback
# (SQLite in a temp dir, or PostgreSQL), creates a project, runs the scenarios of
# io.bugmaster.benchmarks.IngestLoad, stops the server, and prints one table.
#
#   benchmarks/run-ingest.sh [--postgres | --database-url URL] [--duration S] [--skip-build]
#                            [--only throughput|latency|overload|8kb] [--java-opts "..."] [--jar PATH]
#                            [--launcher PATH] [--port N]
#
#   --postgres          start a throwaway Debian PostgreSQL 15 cluster (as root, via the postgres user)
#   --database-url URL  use an existing, empty PostgreSQL database (postgres://user:pass@host:port/db)
#   --duration S        seconds per scenario (default 30)
#   --only GROUP        run one group of scenarios: throughput (closed model), latency (fixed rate),
#                       overload (-Xmx512m, far above capacity), 8kb (8 KB closed at 16 and 64 connections
#                       only: the quick A/B pair for the 3,000/s target)
#   --jar PATH          run this server jar instead of server/target/bugmaster-server.jar (e.g. a baseline
#                       built from another commit, for side-by-side runs with --skip-build)
#   --java-opts "..."   JVM flags of the server for the throughput and latency groups (default none)
#   --launcher PATH     start every server as `PATH serve` does, with the launcher's JVM defaults (the overload
#                       group too, instead of -Xmx512m); PATH is a launcher script next to its
#                       server/target/bugmaster-server.jar (e.g. ./bugmaster); --java-opts go to BUGMASTER_JAVA_OPTS
#   --port N            the servers' port (default: a free one)
#   --results-file PATH also write the result rows there (tab-separated, the columns of the table)
#   --profile           record the throughput/latency server with JFR (profile settings) and print its
#                       hottest methods (io.bugmaster.benchmarks.JfrHotMethods) at the end
#
# Everything listens on 127.0.0.1; every wait is bounded.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

duration=30
database_url=""
postgres=false
skip_build=false
only=""
java_opts=""
profile=false
jar_override=""
launcher=""
fixed_port=""
results_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=true ;;
    --database-url) database_url="$2"; shift ;;
    --duration) duration="$2"; shift ;;
    --skip-build) skip_build=true ;;
    --only) only="$2"; shift ;;
    --java-opts) java_opts="$2"; shift ;;
    --profile) profile=true ;;
    --jar) jar_override="$2"; shift ;;
    --launcher) launcher="$2"; shift ;;
    --port) fixed_port="$2"; shift ;;
    --results-file) results_file="$2"; shift ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-ingest-bench.XXXXXX)"
results="$work/results.tsv"
: > "$results"
server_pid=""
pg_dir=""

stop_server() {
  stop_pid "$server_pid"
  server_pid=""
}

stop_postgres() {
  if [ -n "$pg_dir" ]; then
    pg_stop "$pg_dir"
    rm -rf "$pg_dir"
    pg_dir=""
  fi
}

cleanup() {
  stop_server
  stop_postgres
}
trap cleanup EXIT

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$work/cp.txt")"
jar="${jar_override:-server/target/bugmaster-server.jar}"
if [ -n "$launcher" ]; then
  launcher="$(cd "$(dirname "$launcher")" && pwd -P)/$(basename "$launcher")"
  jar="$(dirname "$launcher")/server/target/bugmaster-server.jar"
fi
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }

if [ "$postgres" = true ]; then
  pg_port="$(free_port)"
  pg_dir="$(mktemp -d /tmp/bugmaster-ingest-pg.XXXXXX)"
  pg_start "$pg_dir" "$pg_port"
  database_url="postgres://bugmaster:bench@127.0.0.1:$pg_port/bugmaster"
  echo "PostgreSQL $("$PG_BIN"/postgres --version | awk '{print $3}') on 127.0.0.1:$pg_port"
fi

port=""
data_dir=""
token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

# start_server NAME JAVA_OPTS: a fresh data dir (and, on PostgreSQL, the same database)
start_server() {
  local name="$1" opts="$2"
  port="${fixed_port:-$(free_port)}"
  data_dir="$work/$name"
  mkdir -p "$data_dir"
  # shellcheck disable=SC2206 # the options are several words on purpose
  local command=(java $opts -jar "$jar")
  # the launcher execs java: the process keeps its pid
  [ -n "$launcher" ] && command=(env BUGMASTER_JAVA_OPTS="$opts" "$launcher" serve)
  env BUGMASTER_DATA_DIR="$data_dir" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
    BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
    ${database_url:+BUGMASTER_DATABASE_URL="$database_url"} \
    "${command[@]}" > "$data_dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then
      break
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $data_dir/server.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" | grep -q UP \
    || { echo "server not ready in 120 s; see $data_dir/server.log" >&2; exit 1; }
  eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "http://127.0.0.1:$port" --token "$token")"
  echo "server $name: pid $server_pid, port $port, JVM flags '$(tr '\0' ' ' < "/proc/$server_pid/cmdline" | sed -E 's/^[^ ]+ //; s/ -jar .*//')', project $PROJECT_ID, log $data_dir/server.log"
}

# scenario LABEL ARGS...: one IngestLoad run against the running server
scenario() {
  local label="$1"; shift
  java -cp "$cp" io.bugmaster.benchmarks.IngestLoad --url "http://127.0.0.1:$port" --project-id "$PROJECT_ID" \
    --key "$PUBLIC_KEY" --server-pid "$server_pid" --duration "$duration" --label "$label" \
    --result-file "$results" "$@" | tee -a "$work/runs.log"
}

# count_events: events in the database right now (cross-check of the Prometheus counter)
count_events() {
  if [ -n "$database_url" ]; then
    local u="${database_url#postgres://}"
    PGPASSWORD="$(echo "$u" | sed -E 's/^[^:]+:([^@]*)@.*/\1/')" psql -tA \
      -h "$(echo "$u" | sed -E 's/.*@([^:/]+).*/\1/')" -p "$(echo "$u" | sed -E 's/.*:([0-9]+)\/.*/\1/')" \
      -U "$(echo "$u" | sed -E 's/^([^:]+):.*/\1/')" -d "${u##*/}" -c 'select count(*) from events'
  else
    sqlite3 "$data_dir/bugmaster.db" 'select count(*) from events'
  fi
}

db_name="SQLite"
[ -n "$database_url" ] && db_name="PostgreSQL"
echo "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB RAM, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server jar: $jar ($(sha256sum "$jar" | cut -c1-12))"
echo "git: $(git rev-parse --short HEAD); $(date -u +%Y-%m-%dT%H:%MZ); database $db_name; $duration s per scenario"

if [ -z "$only" ] || [ "$only" = throughput ] || [ "$only" = latency ] || [ "$only" = 8kb ]; then
  main_opts="$java_opts"
  [ "$profile" = true ] && main_opts="$main_opts -XX:StartFlightRecording=filename=$work/main.jfr,settings=profile,dumponexit=true"
  start_server main "$main_opts"
  # warm-up (JIT, caches, issue creation); not in the table
  java -cp "$cp" io.bugmaster.benchmarks.IngestLoad --url "http://127.0.0.1:$port" --project-id "$PROJECT_ID" \
    --key "$PUBLIC_KEY" --duration 10 --connections 16 --label warmup > "$work/warmup.log"
  if [ -z "$only" ] || [ "$only" = throughput ]; then
    for c in 16 64 256; do scenario "8KB closed c=$c" --size 8k --mode closed --connections "$c"; done
    for c in 16 64; do scenario "50KB closed c=$c" --size 50k --mode closed --connections "$c"; done
  fi
  if [ "$only" = 8kb ]; then
    for c in 16 64; do scenario "8KB closed c=$c" --size 8k --mode closed --connections "$c"; done
  fi
  if [ -z "$only" ] || [ "$only" = latency ]; then
    for r in 500 1000 2000; do scenario "8KB open ${r}/s" --size 8k --mode open --rate "$r" --connections 128; done
    scenario "50KB open 500/s" --size 50k --mode open --rate 500 --connections 128
  fi
  echo "events in the database: $(count_events)"
  stop_server
fi

if [ -z "$only" ] || [ "$only" = overload ]; then
  overload_opts="-Xmx512m"
  [ -n "$launcher" ] && overload_opts="$java_opts"
  start_server overload "$overload_opts"
  scenario "overload 50KB open 20000/s ${overload_opts:-defaults}" --size 50k --mode open --rate 20000 --connections 2000
  scenario "overload 50KB closed c=2000 ${overload_opts:-defaults}" --size 50k --mode closed --connections 2000
  health="$(curl -sS -m 10 "http://127.0.0.1:$port/actuator/health" || echo unreachable)"
  oom="$(grep -c OutOfMemoryError "$data_dir/server.log" || true)"
  echo "after overload: health $health; OutOfMemoryError lines in the server log: $oom; events in the database: $(count_events)"
  stop_server
fi

if [ "$profile" = true ] && [ -f "$work/main.jfr" ]; then
  echo
  java -cp "$cp" io.bugmaster.benchmarks.JfrHotMethods "$work/main.jfr" 30
fi

echo
if [ -n "$launcher" ]; then
  echo "Results ($db_name; $(date -u +%Y-%m-%d); every server started by $launcher with BUGMASTER_JAVA_OPTS '${java_opts}')"
else
  echo "Results ($db_name; $(date -u +%Y-%m-%d); server JVM flags '${java_opts:-(none)}' except overload runs: -Xmx512m)"
fi
{
  printf 'scenario\tsize\tmodel\tconns\trate\tsecs\tsent\t200\t429\tother\tack/s\tprocessed\tprocessed/s\tp50ms\tp90ms\tp99ms\tmaxms\tRSSMiB\tcpu-ms/ev\tload-before\tbusy-before%%\n'
  cat "$results"
} | column -t -s $'\t'
echo "logs: $work"
[ -z "$results_file" ] || cp "$results" "$results_file"
