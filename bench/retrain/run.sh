#!/usr/bin/env bash
# The retrain scheduler's figures (see README.md here). Builds the server's test classes (the harness the system
# tests use) into target-bench/, compiles RetrainBench.java against them and runs one scenario:
#   bench/retrain/run.sh cron [plans=10000] [spread-seconds=600] [lead-seconds=plans/12]
#   bench/retrain/run.sh drift-job [alerts=200]
# cron needs PostgreSQL: it uses STEWARD_TEST_POSTGRES_URL, or starts a throwaway server (bin/lib/postgres.sh).
# drift-job needs the kube-apiserver of testing/kube-apiserver (STEWARD_KUBE_APISERVER_BIN).
# STEWARD_BENCH_PROPERTIES="key=value ..." passes Spring properties to the Steward processes of cron.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh
export STEWARD_KUBE_APISERVER_BIN=${STEWARD_KUBE_APISERVER_BIN:-$ROOT/testing/kube-apiserver/bin/steward-kube-apiserver}
export STEWARD_SHARED_DIR=${STEWARD_SHARED_DIR:-$ROOT/../shared}
OUT=$(mktemp -d /tmp/steward-bench-retrain.XXXXXX)
STARTED_PG=""
cleanup() {
  rm -rf "$OUT"
  if [ -n "$STARTED_PG" ]; then steward_postgres_stop; fi
}
trap cleanup EXIT
if [ "${1:-}" = cron ] && [ -z "${STEWARD_TEST_POSTGRES_URL:-}" ]; then
  . bin/lib/postgres.sh
  steward_postgres_start
  STARTED_PG=1
fi
./mvnw -q -B -ntp ${STEWARD_BENCH_MAVEN_OPTS:--o} -Dsteward.target.suffix=-bench -pl server -am \
  test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath" -Dmdep.includeScope=test > "$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/server/target-bench/test-classes:$ROOT/server/target-bench/classes:$(cat "$OUT/classpath")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT/classes" "$ROOT/bench/retrain/RetrainBench.java"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg); $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $(date -u +%Y-%m-%dT%H:%MZ)"
# the Steward processes of cron run with this JVM's class path (StewardProcess)
"$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx1g} -Dlogback.configurationFile="$ROOT/bench/retrain/logback.xml" \
  -cp "$OUT/classes:$CP" dev.steward.server.system.RetrainBench "$@"
