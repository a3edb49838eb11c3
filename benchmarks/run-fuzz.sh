#!/usr/bin/env bash
# Fuzzes the parsers with Jazzer for a while, one target after another; see docs/benchmarks.md
# (Fuzzing). A normal test run only replays the committed seeds; this searches for new inputs.
#
#   benchmarks/run-fuzz.sh [--minutes N] [package.Class#method ...]   (e.g. io.bugmaster.grouping.StackTraceRulesFuzzTest#rules)
#
# Targets default to every @FuzzTest method of the server. Each runs N minutes (default 5) in a
# JVM of its own, with Jazzer's sanitizer hooks on, starting from its committed seeds
# (server/src/test/resources/<package>/<Class>Inputs/<method>/) and from the corpus earlier runs
# grew (server/target/fuzz/corpus/, not committed). A finding is written to
# server/target/fuzz/findings/<Class>/<method>/ and makes the script exit 1; to keep it as a
# regression test, fix the bug and copy the file into the target's seed directory.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MINUTES=5
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --minutes) MINUTES="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done

ALL_TARGETS=(
  io.bugmaster.ingest.IngestFuzzTest#envelope
  io.bugmaster.ingest.IngestFuzzTest#store
  io.bugmaster.ingest.IngestFuzzTest#gzippedEnvelope
  io.bugmaster.ingest.IngestFuzzTest#anyEncoding
  io.bugmaster.ingest.TimestampsFuzzTest#text
  io.bugmaster.issues.search.SearchParserFuzzTest#query
  io.bugmaster.issues.ownership.OwnershipRulesFuzzTest#rules
  io.bugmaster.issues.ownership.OwnershipRulesFuzzTest#codeownersImport
  io.bugmaster.grouping.FingerprintRulesFuzzTest#rules
  io.bugmaster.grouping.StackTraceRulesFuzzTest#rules
  io.bugmaster.notify.OutboundPolicyFuzzTest#url
  io.bugmaster.notify.OutboundPolicyFuzzTest#resolvedAddresses
  io.bugmaster.inbound.InboundParsersFuzzTest#eventsV2
  io.bugmaster.inbound.InboundParsersFuzzTest#webhooks
)
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL_TARGETS[@]}")

echo "== compiling the tests and listing the test classpath"
./mvnw -q -pl server test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$ROOT/server/target/fuzz-classpath.txt"
CP="$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$ROOT/server/target/fuzz-classpath.txt")"

SUMMARY="$ROOT/server/target/fuzz/summary.txt"
mkdir -p "$ROOT/server/target/fuzz"
: > "$SUMMARY"
FOUND=0
for target in "${TARGETS[@]}"; do
  class="${target%%#*}"
  method="${target##*#}"
  simple="${class##*.}"
  package_dir=$(dirname "${class//.//}")
  seeds="$ROOT/server/src/test/resources/$package_dir/${simple}Inputs/$method"
  corpus="$ROOT/server/target/fuzz/corpus/$simple/$method"
  findings="$ROOT/server/target/fuzz/findings/$simple/$method"
  log="$ROOT/server/target/fuzz/$simple-$method.log"
  mkdir -p "$corpus" "$findings"
  [ -d "$seeds" ] || seeds=""
  echo "== $simple#$method for $MINUTES min (log: ${log#$ROOT/})"
  stamp="$ROOT/server/target/fuzz/.started"
  touch "$stamp"
  status=0
  (cd "$findings" && java -Xmx1g -cp "$CP" com.code_intelligence.jazzer.Jazzer \
      --target_class="$class" --target_method="$method" \
      --instrumentation_includes='io.bugmaster.**' \
      -max_total_time=$((MINUTES * 60)) -rss_limit_mb=3072 -timeout=30 \
      -artifact_prefix="$findings/" "$corpus" $seeds) > "$log" 2>&1 || status=$?
  runs=$(grep -oE '^Done [0-9]+ runs' "$log" | grep -oE '[0-9]+' || echo "?")
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo "?")
  crashes=$(find "$findings" -maxdepth 1 -type f -newer "$stamp" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'slow-unit-*' \) | wc -l)
  line="$simple#$method: $runs runs, coverage $cov edges, corpus $(find "$corpus" -type f | wc -l) inputs, new findings $crashes (exit $status)"
  echo "   $line"
  echo "$line" >> "$SUMMARY"
  if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ]; then
    FOUND=1
    grep -m1 -A12 -E '== Java Exception|ERROR: libFuzzer|FuzzerSecurityIssue' "$log" | sed 's/^/   | /' || true
  fi
done
echo "== summary (server/target/fuzz/summary.txt)"
cat "$SUMMARY"
exit $FOUND
