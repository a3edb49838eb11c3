#!/usr/bin/env bash
# On-call paging benchmark: starts the server jar on loopback (SQLite in a temp dir) with
# BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 (the ntfy receiver is local), an inbound rate and a storm limit above
# the sample rate, creates a project for background ingestion, and runs io.bugmaster.benchmarks.PagingBenchmark:
# Events v2 POST to ntfy push latency (alone and under background ingestion), escalation lateness after
# its deadline, and the engine's cycle from /actuator/prometheus, before and after seeding schedules and
# open alerts through the API. Prints one line per measurement.
#
#   benchmarks/run-paging.sh [--skip-build] [--jar JAR] [--port P] [--samples N] [--rate R] [--escalations E]
#                            [--schedules S] [--alerts A] [--window W] [--engine-interval D]
#
#   --port P             the server's port; the ntfy receiver takes P+1 (default 18700)
#   --samples N          pages per latency run (default 200)
#   --rate R             background events/s in the loaded run (default 1000)
#   --escalations E      incidents per escalation run, spread over a minute (default 100)
#   --schedules S        schedules to seed (default 1000)
#   --alerts A           open alerts to seed, each its own incident (default 10000)
#   --window W           seconds over which the engine's timers are read (default 65: the gap warnings run once a minute)
#   --engine-interval D  BUGMASTER_ENGINE_INTERVAL of the server (default: the server's default, 5s)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

skip_build=false
jar="server/target/bugmaster-server.jar"
port=18700
args=()
engine_interval=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --jar) jar="$2"; shift ;;
    --port) port="$2"; shift ;;
    --samples|--rate|--escalations|--schedules|--alerts|--window) args+=("$1" "$2"); shift ;;
    --engine-interval) engine_interval="$2"; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-paging-bench.XXXXXX)"
server_pid=""
trap 'stop_pid "$server_pid"' EXIT

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$work/cp.txt")"
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }

token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$work/data"
env BUGMASTER_DATA_DIR="$work/data" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
  BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
  BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 BUGMASTER_NOTIFY_STORM_LIMIT=100000 BUGMASTER_INBOUND_RATE_PER_MINUTE=1000000 \
  ${engine_interval:+BUGMASTER_ENGINE_INTERVAL="$engine_interval"} \
  java -jar "$jar" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1200); do
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $work/server.log" >&2; exit 1; }
  sleep 0.1
done
eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "http://127.0.0.1:$port" --token "$token" --project paging)"

echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "git: $(git rev-parse --short HEAD); jar $jar; $(date -u +%Y-%m-%dT%H:%MZ); SQLite; engine interval ${engine_interval:-default}; server pid $server_pid"
java -cp "$cp" io.bugmaster.benchmarks.PagingBenchmark --url "http://127.0.0.1:$port" --token "$token" --org default \
  --project-id "$PROJECT_ID" --key "$PUBLIC_KEY" --receiver-port "$((port + 1))" ${args[@]+"${args[@]}"}
echo "logs: $work"
