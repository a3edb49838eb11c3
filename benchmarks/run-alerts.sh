#!/usr/bin/env bash
# Alert latency benchmark: starts the server jar on loopback (SQLite in a temp dir, or PostgreSQL), with
# BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 (the receiver is local) and a storm limit above the sample rate, creates
# a project, and runs io.bugmaster.benchmarks.AlertLatency: N new issues, each a raw envelope POST, timed
# from the POST to the arrival of its Slack-style webhook message at a local receiver; alone, then under
# background ingestion at a fixed rate; R times each, alternating. Prints one line per run.
#
#   benchmarks/run-alerts.sh [--postgres] [--skip-build] [--jar JAR] [--samples N] [--rate R] [--repeat K]
#                            [--engine-interval D]
#
#   --postgres           a throwaway Debian PostgreSQL 15 cluster (as root, via the postgres user)
#   --jar JAR            the server jar to measure (default server/target/bugmaster-server.jar)
#   --samples N          new issues per run (default 200)
#   --rate R             background events/s in the loaded runs (default 1000)
#   --repeat K           alone/loaded pairs (default 2)
#   --engine-interval D  BUGMASTER_ENGINE_INTERVAL of the server (default: the server's default, 5s)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

postgres=false
skip_build=false
jar="server/target/bugmaster-server.jar"
samples=200
rate=1000
repeat=2
engine_interval=""
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=true ;;
    --skip-build) skip_build=true ;;
    --jar) jar="$2"; shift ;;
    --samples) samples="$2"; shift ;;
    --rate) rate="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --engine-interval) engine_interval="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-alert-bench.XXXXXX)"
server_pid=""
pg_dir=""
database_url=""

cleanup() {
  stop_pid "$server_pid"
  if [ -n "$pg_dir" ]; then
    pg_stop "$pg_dir"
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$work/cp.txt")"
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }

if [ "$postgres" = true ]; then
  pg_port="$(free_port)"
  pg_dir="$(mktemp -d /tmp/bugmaster-alert-pg.XXXXXX)"
  pg_start "$pg_dir" "$pg_port"
  database_url="postgres://bugmaster:bench@127.0.0.1:$pg_port/bugmaster"
fi

port="$(free_port)"
token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$work/data"
env BUGMASTER_DATA_DIR="$work/data" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
  BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
  BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 BUGMASTER_NOTIFY_STORM_LIMIT=100000 \
  ${engine_interval:+BUGMASTER_ENGINE_INTERVAL="$engine_interval"} \
  ${database_url:+BUGMASTER_DATABASE_URL="$database_url"} \
  java -jar "$jar" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1200); do
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $work/server.log" >&2; exit 1; }
  sleep 0.1
done
eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "http://127.0.0.1:$port" --token "$token" --project alerts)"

db_name="SQLite"; [ -n "$database_url" ] && db_name="PostgreSQL"
echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "git: $(git rev-parse --short HEAD); jar $jar; $(date -u +%Y-%m-%dT%H:%MZ); $db_name; engine interval ${engine_interval:-default}; server pid $server_pid"
for r in $(seq 1 "$repeat"); do
  for bg in 0 "$rate"; do
    label="alone"; [ "$bg" != 0 ] && label="bg ${bg}/s"
    java -cp "$cp" io.bugmaster.benchmarks.AlertLatency --url "http://127.0.0.1:$port" --token "$token" --org default \
      --project-id "$PROJECT_ID" --key "$PUBLIC_KEY" --samples "$samples" --background-rate "$bg" --label "$db_name $label #$r"
  done
done
echo "logs: $work"
