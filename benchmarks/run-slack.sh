#!/usr/bin/env bash
# Slack's three seconds: starts the server jar on loopback (SQLite in a temp dir) with
# BUGMASTER_SLACK_API_URL at a stub of Slack's Web API inside the benchmark (port P+1) and
# BUGMASTER_OUTBOUND_ALLOW=127.0.0.1, creates a project for the cards and the background ingestion,
# and runs io.bugmaster.benchmarks.SlackBenchmark: signed /bugmaster oncall, Resolve/Unresolve clicks,
# /bugmaster incident (and its views.open) and badly signed requests, from sending to the answer,
# alone and under background ingestion; and from a click to the chat.update of its card.
# Prints one line per measurement.
#
#   benchmarks/run-slack.sh [--skip-build] [--jar JAR] [--port P] [--samples N] [--rate R] [--cards K]
#                           [--slack-delay-ms D] [--engine-interval D] [--jfr]
#
#   --port P             the server's port; the Slack stub takes P+1 (default 18400)
#   --samples N          samples per measurement, after 10 warm-ups (default 100)
#   --rate R             background events/s in the loaded phase (default 1000)
#   --cards K            issue cards posted to Slack and clicked in turn (default 40)
#   --slack-delay-ms D   the stub answers each Web API call after D ms, as Slack takes time (default 0)
#   --engine-interval D  BUGMASTER_ENGINE_INTERVAL of the server (default: the server's default)
#   --jfr                record the server with Java Flight Recorder (server.jfr in the log directory)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

skip_build=false
jar="server/target/bugmaster-server.jar"
port=18400
args=()
engine_interval=""
jfr=false
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --jar) jar="$2"; shift ;;
    --port) port="$2"; shift ;;
    --samples|--rate|--cards|--slack-delay-ms) args+=("$1" "$2"); shift ;;
    --engine-interval) engine_interval="$2"; shift ;;
    --jfr) jfr=true ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-slack-bench.XXXXXX)"
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
jfr_opt=()
[ "$jfr" = true ] && jfr_opt=("-XX:StartFlightRecording=filename=$work/server.jfr,settings=profile,dumponexit=true")
mkdir -p "$work/data"
env BUGMASTER_DATA_DIR="$work/data" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
  BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
  BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 BUGMASTER_SLACK_API_URL="http://127.0.0.1:$((port + 1))/api" \
  BUGMASTER_NOTIFY_STORM_LIMIT=100000 BUGMASTER_INBOUND_RATE_PER_MINUTE=1000000 \
  ${engine_interval:+BUGMASTER_ENGINE_INTERVAL="$engine_interval"} \
  java ${jfr_opt[@]+"${jfr_opt[@]}"} -jar "$jar" > "$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 1200); do
  curl -fsS "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q UP && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $work/server.log" >&2; exit 1; }
  sleep 0.1
done
eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "http://127.0.0.1:$port" --token "$token" --project slack)"

echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "other Maven test runs: $(pgrep -fc surefirebooter || true)"
echo "git: $(git rev-parse --short HEAD); jar $jar; $(date -u +%Y-%m-%dT%H:%MZ); SQLite; engine interval ${engine_interval:-default}; server pid $server_pid"
java -cp "$cp" io.bugmaster.benchmarks.SlackBenchmark --url "http://127.0.0.1:$port" --token "$token" --org default \
  --project-id "$PROJECT_ID" --project slack --key "$PUBLIC_KEY" --stub-port "$((port + 1))" ${args[@]+"${args[@]}"}
echo "logs: $work"
