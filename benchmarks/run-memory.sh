#!/usr/bin/env bash
# The server's memory and throughput before and after the launcher's JVM defaults, side by side in
# one run. One server jar, started two ways:
#   before  `java -jar` with no JVM options (how ./bugmaster started the server until it had defaults:
#           the JVM then sizes its heap from the machine's RAM)
#   after   `./bugmaster serve` of this checkout, with its defaults (docs/operations.md#memory)
# For each, the full ingest load of run-ingest.sh (throughput, latency and overload groups) and the
# memory bombs of run-attacks.sh, before and after in turn; then one table of throughput, ack latency
# and the highest resident memory (VmRSS) per scenario. Everything listens on 127.0.0.1.
#
#   benchmarks/run-memory.sh [--skip-build] [--duration S] [--port N]
#
#   --duration S  seconds per ingest scenario (default 20)
#   --port N      the servers' port (default 18500)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"

skip_build=false
duration=20
port=18500
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --duration) duration="$2"; shift ;;
    --port) port="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$skip_build" = false ]; then
  echo "building server and benchmarks..."
  ./mvnw -q -DskipTests -pl server,benchmarks -am package
fi
work="$(mktemp -d /tmp/bugmaster-memory.XXXXXX)"

# Each launch gets a directory of its own with a copy of the jar, so neither launcher rebuilds it.
for name in before after; do
  mkdir -p "$work/$name/server/target"
  cp server/target/bugmaster-server.jar "$work/$name/server/target/"
done
cp bugmaster "$work/after/bugmaster"
cat > "$work/before/bugmaster" <<'SH'
#!/usr/bin/env bash
# the launch without JVM defaults: java -jar, with only the options of BUGMASTER_JAVA_OPTS
[ "${1:-}" = serve ] && shift
exec java ${BUGMASTER_JAVA_OPTS:-} -jar "$(dirname "$0")/server/target/bugmaster-server.jar" "$@"
SH
chmod +x "$work/before/bugmaster"

for name in before after; do
  echo "== ingest load, $name"
  benchmarks/run-ingest.sh --skip-build --launcher "$work/$name/bugmaster" --duration "$duration" --port "$port" \
    --results-file "$work/$name.tsv" 2>&1 | tee "$work/$name-ingest.log"
done
for name in before after; do
  echo "== memory bombs, $name"
  benchmarks/run-attacks.sh --skip-build --launcher "$work/$name/bugmaster" --only bomb --port "$port" 2>&1 \
    | tee "$work/$name-attacks.log"
done

echo
echo "Side by side ($(date -u +%Y-%m-%d), git $(git rev-parse --short HEAD), $(nproc) CPUs, $(java -version 2>&1 | head -1)):"
echo "before: java -jar, no JVM options; after: ./bugmaster serve ($(sed -n 's/^  local defaults="\(.*\)"$/\1/p' bugmaster))"
{
  printf 'scenario\tprocessed/s before\tafter\t429 before\tafter\tp99 ms before\tafter\tmax RSS MiB before\tafter\n'
  # columns of run-ingest.sh's rows: 1 label, 9 answered 429, 13 processed/s, 16 p99, 18 RSS
  join -t $'\t' <(cut -f1,9,13,16,18 "$work/before.tsv" | sort -t $'\t' -k1,1) \
    <(cut -f1,9,13,16,18 "$work/after.tsv" | sort -t $'\t' -k1,1) \
    | awk -F'\t' -v OFS='\t' '{print $1, $3, $7, $2, $6, $4, $8, $5, $9}'
} | column -t -s $'\t'
for name in before after; do
  echo "memory bombs, $name:"
  grep -E '^bomb|server RSS|^ +[0-9]+ x|health after|OutOfMemoryError' "$work/$name-attacks.log" | sed 's/^/  /'
done
echo "logs: $work"
