#!/usr/bin/env bash
# The ingest attacks of issue 8 against the built server (io.bugmaster.benchmarks.IngestAttacks):
# a memory bomb (20 requests in parallel of 99 event items of ~1 MB of {},{},... each; then the
# largest accepted shape, one event and 95 MB of attachments) with the server's RSS before, during
# and after; and slow senders (40 connections that send headers, then a byte every 5 s) while
# another project sends events, with that project's success rate. One server per run, SQLite in a
# temp dir, a fresh server for each attack, everything on 127.0.0.1.
#
#   benchmarks/run-attacks.sh [--skip-build] [--jar PATH | --launcher PATH] [--port N] [--java-opts "..."] [--only bomb|slow]
#
#   --jar PATH          run this server jar instead of server/target/bugmaster-server.jar (e.g. one built
#                       from another commit, for a before/after comparison)
#   --port N            the server's port (default 18110)
#   --launcher PATH     start the server as `PATH serve` does, with the launcher's JVM defaults; PATH is a launcher
#                       script next to its server/target/bugmaster-server.jar (e.g. ./bugmaster); --java-opts then
#                       go to BUGMASTER_JAVA_OPTS (default none)
#   --java-opts "..."   JVM flags of the server (default -Xmx1g, so the figures do not depend on the RAM)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
. benchmarks/lib.sh

skip_build=false
jar_override=""
port=18110
java_opts=""
java_opts_set=false
launcher=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --jar) jar_override="$2"; shift ;;
    --port) port="$2"; shift ;;
    --java-opts) java_opts="$2"; java_opts_set=true; shift ;;
    --launcher) launcher="$2"; shift ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

work="$(mktemp -d /tmp/bugmaster-attacks.XXXXXX)"
server_pid=""
cleanup() {
  stop_pid "$server_pid"
}
trap cleanup EXIT

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
./mvnw -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" >/dev/null
cp="benchmarks/target/classes:$(cat "$work/cp.txt")"
[ "$java_opts_set" = true ] || [ -n "$launcher" ] || java_opts="-Xmx1g"
jar="${jar_override:-server/target/bugmaster-server.jar}"
if [ -n "$launcher" ]; then
  launcher="$(cd "$(dirname "$launcher")" && pwd -P)/$(basename "$launcher")"
  jar="$(dirname "$launcher")/server/target/bugmaster-server.jar"
fi
[ -f "$jar" ] || { echo "no $jar; run without --skip-build" >&2; exit 1; }
token="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"

url="http://127.0.0.1:$port"
n=0
# start_server: a fresh server (new data dir) for each attack, so each starts from the same baseline;
# creates the projects "hostile" and "other"
start_server() {
  stop_pid "$server_pid"
  n=$((n + 1))
  data="$work/data-$n"
  mkdir -p "$data"
  # shellcheck disable=SC2206 # the options are several words on purpose
  local command=(java $java_opts -jar "$jar")
  # the launcher execs java: the process keeps its pid
  [ -n "$launcher" ] && command=(env BUGMASTER_JAVA_OPTS="$java_opts" "$launcher" serve)
  env BUGMASTER_DATA_DIR="$data" BUGMASTER_PORT="$port" BUGMASTER_BASE_URL="http://localhost:$port" \
    BUGMASTER_ADMIN_EMAIL=bench@example.com BUGMASTER_ADMIN_PASSWORD=benchmark-pass BUGMASTER_ADMIN_TOKEN="$token" \
    "${command[@]}" > "$data/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 1200); do
    curl -fsS "$url/actuator/health/readiness" 2>/dev/null | grep -q UP && break
    kill -0 "$server_pid" 2>/dev/null || { echo "server exited; see $data/server.log" >&2; exit 1; }
    sleep 0.1
  done
  curl -fsS "$url/actuator/health/readiness" | grep -q UP || { echo "server not ready in 120 s; see $data/server.log" >&2; exit 1; }
  eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "$url" --token "$token" --project hostile)"
  hostile_id="$PROJECT_ID"; hostile_key="$PUBLIC_KEY"
  eval "$(java -cp "$cp" io.bugmaster.benchmarks.IngestLoad setup --url "$url" --token "$token" --project other)"
  other_id="$PROJECT_ID"; other_key="$PUBLIC_KEY"
}
# finish_server: the OutOfMemoryError count of its log, then stops it
finish_server() {
  echo "OutOfMemoryError lines in the server log: $(grep -c OutOfMemoryError "$data/server.log" || true) ($data/server.log)"
  stop_pid "$server_pid"
  server_pid=""
}

echo "machine: $(nproc) CPUs, $(free -g | awk '/Mem:/{print $2}') GB RAM, $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server jar: $jar ($(sha256sum "$jar" | cut -c1-12)); ${launcher:+started by $launcher serve, BUGMASTER_JAVA_OPTS }JVM flags '$java_opts'; git $(git rev-parse --short HEAD); $(date -u +%Y-%m-%dT%H:%MZ)"
attack() {
  java -cp "$cp" io.bugmaster.benchmarks.IngestAttacks "$@" --url "$url" --server-pid "$server_pid" \
    --project-id "$hostile_id" --key "$hostile_key"
}
if [ -z "$only" ] || [ "$only" = bomb ]; then
  for shape in events attachments; do
    start_server
    echo; attack bomb --parallel 20 --shape "$shape"
    finish_server
  done
fi
if [ -z "$only" ] || [ "$only" = slow ]; then
  start_server
  echo; attack slow --slow-senders 40 --trickle-seconds 5 --seconds 40 --rate 20 \
    --other-project-id "$other_id" --other-key "$other_key"
  finish_server
fi
