#!/usr/bin/env bash
# The alert receiver's figures against a real kube-apiserver and the fake KServe controller (see README.md here).
# Builds the server's test classes (the system-test harness) into target-bench/, compiles AlertsBench.java
# against them and runs it in one JVM with Steward in process.
# Usage: bench/alerts/run.sh [alerts] [models] [duplicates] [senders]   (defaults 200 20 1000 8)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
export STEWARD_KUBE_APISERVER_BIN=${STEWARD_KUBE_APISERVER_BIN:-$ROOT/testing/kube-apiserver/bin/steward-kube-apiserver}
export STEWARD_SHARED_DIR=${STEWARD_SHARED_DIR:-$ROOT/../shared}
OUT=$(mktemp -d /tmp/steward-bench-alerts.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
(cd "$ROOT" && ./mvnw -q -B -ntp ${STEWARD_BENCH_MAVEN_OPTS:--o} -Dsteward.target.suffix=-bench -pl server -am \
  test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath" -Dmdep.includeScope=test > "$OUT/build.log" 2>&1) \
  || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/server/target-bench/test-classes:$ROOT/server/target-bench/classes:$(cat "$OUT/classpath")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT/classes" "$ROOT/bench/alerts/AlertsBench.java"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
cd "$ROOT"
"$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx2g} -Dlogging.level.root=WARN \
  -cp "$OUT/classes:$CP" dev.steward.server.system.AlertsBench "$@"
