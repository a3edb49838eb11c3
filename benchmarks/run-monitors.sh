#!/usr/bin/env bash
# Monitors under load: starts the server jar on loopback (SQLite in a temp dir, a fresh server per
# phase) with BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 (the ntfy receiver and the replica are local) and runs:
#   pings      wrk (2 threads, 16 connections, 10 s each) against /ping/<uuid> GET, POST with a 10 KB body,
#              /start then end, a Sentry envelope check_in item and a plain event, spread over 1, 100
#              and 1,000 monitors; with BUGMASTER_INBOUND_RATE_PER_MINUTE as it is (120) and at 1,000,000
#   deadlines  io.bugmaster.benchmarks.MonitorsBenchmark deadlines: N cron monitors whose deadlines pass
#              together (5,000 and 20,000): page latency, the engine's modules, how late "missed" is seen
#   checks     a PostgreSQL replica (Debian's postgresql 15, port P+2): 1 healthy SQL monitor alone,
#              then with H monitors running SELECT pg_sleep(600); its results' gaps and page latency
# Prints one line per measurement.
#
#   benchmarks/run-monitors.sh [--skip-build] [--jar JAR] [--port P] [--phases "pings deadlines checks"]
#                              [--deadline-monitors "5000 20000"] [--hanging H] [--window W]
#
#   --port P   the server's port; the ntfy receiver takes P+1, the replica P+2 (default 18500)
#   --window W seconds each measured window of deadlines and checks lasts (default 240)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

skip_build=false
jar="server/target/bugmaster-server.jar"
port=18500
phases="pings deadlines checks"
deadline_monitors="5000 20000"
hanging=20
window=240
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --jar) jar="$2"; shift ;;
    --port) port="$2"; shift ;;
    --phases) phases="$2"; shift ;;
    --deadline-monitors) deadline_monitors="$2"; shift ;;
    --hanging) hanging="$2"; shift ;;
    --window) window="$2"; shift ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-monitors-bench.XXXXXX)"
chmod 755 "$work"
server_pid=""
trap 'stop_pid "$server_pid"; pg_stop "$work/replica"' EXIT

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$work/cp.txt")"
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }
token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
base="http://127.0.0.1:$port"

# start_server NAME RATE: a fresh server (its own data dir) taking RATE requests a minute per check-in address
start_server() {
  stop_pid "$server_pid"
  mkdir -p "$work/$1"
  env BUGMASTER_DATA_DIR="$work/$1" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
    BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
    BUGMASTER_OUTBOUND_ALLOW=127.0.0.1 BUGMASTER_NOTIFY_STORM_LIMIT=100000 ${2:+BUGMASTER_INBOUND_RATE_PER_MINUTE="$2"} \
    java -jar "$jar" > "$work/$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do
    curl -fsS "$base/actuator/health/readiness" 2>/dev/null | grep -q UP && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $work/$1.log" >&2; exit 1; }
    sleep 0.1
  done
  eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "$base" --token "$token" --project monitors)"
}

bench() {
  java -cp "$cp" io.bugmaster.benchmarks.MonitorsBenchmark "$@" --url "$base" --token "$token" --project monitors --receiver-port "$((port + 1))"
}

# one wrk run: "<label> req/s p50 p99 non-2xx"
wrk_line() {
  local label="$1" mode="$2" n="$3" list="$4" outf="$work/wrk.txt"
  MODE="$mode" N="$n" LIST="$list" KEY="$PUBLIC_KEY" PROJECT="$PROJECT_ID" \
    wrk -t2 -c16 -d10s --latency -s benchmarks/monitors-wrk.lua "$base" > "$outf"
  local rps p50 p99 non2xx
  rps="$(awk '/Requests\/sec/ {print $2}' "$outf")"
  p50="$(awk '$1=="50%" {print $2}' "$outf")"
  p99="$(awk '$1=="99%" {print $2}' "$outf")"
  non2xx="$(awk '/Non-2xx/ {print $NF}' "$outf")"
  printf '%-44s %10s req/s  p50 %8s  p99 %8s  non-2xx %s\tload %s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}" "$(cut -d' ' -f1-3 /proc/loadavg)"
}

echo "machine: $(nproc) CPUs, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "other Maven test runs: $(pgrep -fc surefirebooter || true)"
echo "git: $(git rev-parse --short HEAD); jar $jar; $(date -u +%Y-%m-%dT%H:%MZ); SQLite; logs $work"

for phase in $phases; do
  case "$phase" in
    pings)
      for rate in "" 1000000; do
        start_server "pings${rate:+-$rate}" "$rate"
        bench pings-setup --monitors 1000 --out "$work"
        echo "-- pings, BUGMASTER_INBOUND_RATE_PER_MINUTE=${rate:-120 (default)}"
        for n in 1 100 1000; do
          wrk_line "GET /ping/<uuid>, $n monitors" get "$n" "$work/paths.txt"
          wrk_line "POST /ping/<uuid> 10 KB, $n monitors" post "$n" "$work/paths.txt"
          wrk_line "/ping/<uuid>/start + end, $n monitors" startend "$n" "$work/paths.txt"
          wrk_line "envelope check_in, $n monitors" envelope "$n" "$work/slugs.txt"
        done
        wrk_line "envelope event (plain error)" event 1 "$work/slugs.txt"
      done ;;
    deadlines)
      for n in $deadline_monitors; do
        start_server "deadlines-$n" 1000000
        echo "-- deadlines, $n cron monitors"
        bench deadlines --monitors "$n" --window "$window"
      done ;;
    checks)
      mkdir -p "$work/replica"
      pg_start "$work/replica" "$((port + 2))"
      start_server checks 1000000
      echo "-- checks, 1 healthy SQL monitor + $hanging hanging on one replica"
      bench checks --hanging "$hanging" --window "$window" --replica-url "jdbc:postgresql://127.0.0.1:$((port + 2))/bugmaster"
      pg_stop "$work/replica" ;;
    *) echo "unknown phase: $phase" >&2; exit 2 ;;
  esac
done
