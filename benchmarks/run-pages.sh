#!/usr/bin/env bash
# Page-render benchmark: fills a database to 10,000 issues / 1,000,000 events (io.bugmaster.benchmarks.PageData:
# projects and one real event per issue through the running server, then the bulk with direct SQL while
# the server is stopped), then starts the server on it, logs in and requests every page N times in a
# row (io.bugmaster.benchmarks.PageLoad), reporting the server's own time per request from
# http_server_requests in /actuator/prometheus. The generated data is kept under --dir and reused.
#
#   benchmarks/run-pages.sh [--postgres] [--dir DIR] [--skip-build] [--runs R] [--n N]
#                           [--issues I] [--events E] [--regenerate] [--jar JAR]
#
#   --postgres    a Debian PostgreSQL 15 cluster under DIR (initdb as the postgres user), else SQLite in DIR
#   --dir DIR     where the data lives (default /tmp/bugmaster-pages-sqlite or -postgres)
#   --runs R      server starts, each with a warm-up and N requests per page (default 3)
#   --n N         requests per page per run (default 30)
#   --jar JAR     the server jar to measure (default server/target/bugmaster-server.jar), e.g. a copy built
#                 before a change, to compare on the same data
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

postgres=false
dir=""
skip_build=false
runs=3
n=30
issues=10000
events=1000000
regenerate=false
jar="server/target/bugmaster-server.jar"
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=true ;;
    --dir) dir="$2"; shift ;;
    --skip-build) skip_build=true ;;
    --runs) runs="$2"; shift ;;
    --n) n="$2"; shift ;;
    --issues) issues="$2"; shift ;;
    --events) events="$2"; shift ;;
    --regenerate) regenerate=true ;;
    --jar) jar="$2"; shift ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done
db_name=sqlite
[ "$postgres" = true ] && db_name=postgres
[ -n "$dir" ] || dir="/tmp/bugmaster-pages-$db_name"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd -P)"

email=bench@example.com
password=benchmark-pass
token=bench0000000000000000000000000000000000token
server_pid=""
pg_port=""

stop_server() {
  stop_pid "$server_pid"
  server_pid=""
}

# the cluster lives in DIR/postgres, kept with the generated data for later runs
start_postgres() {
  pg_port="$(free_port)"
  mkdir -p "$dir/postgres"
  chown postgres "$dir"   # the postgres user must reach its cluster inside DIR
  # a benchmark cluster: more cache than the Debian default, no fsync wait on commit
  pg_start "$dir/postgres" "$pg_port" "$(printf 'shared_buffers = 1GB\nsynchronous_commit = off\nmax_wal_size = 4GB')"
}

stop_postgres() {
  if [ "$postgres" = true ]; then pg_stop "$dir/postgres"; fi
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
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$dir/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$dir/cp.txt")"
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }

if [ "$regenerate" = true ]; then
  stop_postgres
  rm -rf "$dir/data" "$dir/postgres" "$dir/generated"
fi
[ "$postgres" = true ] && start_postgres
database_url=""
jdbc="jdbc:sqlite:$dir/data/bugmaster.db"
if [ "$postgres" = true ]; then
  database_url="postgres://bugmaster:bench@127.0.0.1:$pg_port/bugmaster"
  jdbc="jdbc:postgresql://127.0.0.1:$pg_port/bugmaster?reWriteBatchedInserts=true"
fi

start_server() {
  port="$(free_port)"
  mkdir -p "$dir/data"
  env BUGMASTER_DATA_DIR="$dir/data" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
    BUGMASTER_ADMIN_EMAIL="$email" BUGMASTER_ADMIN_PASSWORD="$password" BUGMASTER_ADMIN_TOKEN="$token" \
    ${database_url:+BUGMASTER_DATABASE_URL="$database_url"} \
    java -jar "$jar" > "$dir/server-$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1800); do
    if curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP; then
      return 0
    fi
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $dir/server-$1.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "server not ready in 180 s; see $dir/server-$1.log" >&2
  exit 1
}

echo "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB RAM; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jar: $jar ($(date -u -r "$jar" +%H:%MZ)); git: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- server || echo ' (server modified)'); $(date -u +%Y-%m-%dT%H:%MZ); database $db_name; data in $dir"

if [ ! -f "$dir/generated" ]; then
  t0=$(date +%s)
  start_server seed
  java -cp "$cp" io.bugmaster.benchmarks.PageData seed --url "http://127.0.0.1:$port" --token "$token" --projects 5 --issues "$issues"
  # let the digester and the outbox finish before the server stops
  sleep 5
  stop_server
  java -Xmx6g -cp "$cp" io.bugmaster.benchmarks.PageData fill --jdbc "$jdbc" --user bugmaster --password bench --events "$events"
  echo "generated in $(( $(date +%s) - t0 )) s"
  touch "$dir/generated"
fi

results="$dir/results-$(date -u +%H%M%S).tsv"
for r in $(seq 1 "$runs"); do
  start_server "run$r"
  echo "run $r of $runs: server pid $server_pid; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  java -cp "$cp" io.bugmaster.benchmarks.PageLoad --url "http://127.0.0.1:$port" --email "$email" --password "$password" \
    --token "$token" --n "$n" --warmup 5 --label "run$r" --result-file "$results"
  stop_server
done

echo
echo "median of the $runs runs' p50/p95/max (server time, ms; $db_name):"
python3 - "$results" <<'PY'
import sys, statistics, collections
rows = collections.OrderedDict()
for line in open(sys.argv[1]):
    run, page, n, p50, p95, mx, client = line.rstrip("\n").split("\t")
    rows.setdefault(page, []).append((float(p50), float(p95), float(mx), float(client)))
print("| page | p50 ms | p95 ms | max ms | client p50 ms |")
print("|---|---|---|---|---|")
for page, v in rows.items():
    med = [statistics.median(x[i] for x in v) for i in range(4)]
    print(f"| {page} | {med[0]:.1f} | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} |")
PY
