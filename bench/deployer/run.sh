#!/usr/bin/env bash
# The deployer's figures against a real kube-apiserver and the fake KServe controller (see README.md here).
# Builds the deployer's test classes (the harness the E2E tests use) into target-bench/, compiles
# DeployerBench.java against them and runs it in one JVM.
# Usage: bench/deployer/run.sh [latency-runs] [services] [canaries]   (defaults 200 500 10)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/bin/lib/jdk.sh"
export STEWARD_KUBE_APISERVER_BIN=${STEWARD_KUBE_APISERVER_BIN:-$ROOT/testing/kube-apiserver/bin/steward-kube-apiserver}
export STEWARD_SHARED_DIR=${STEWARD_SHARED_DIR:-$ROOT/../shared}
OUT=$(mktemp -d /tmp/steward-bench-deployer.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
(cd "$ROOT" && ./mvnw -q -B -ntp ${STEWARD_BENCH_MAVEN_OPTS:--o} -Dsteward.target.suffix=-bench -pl deployer -am \
  test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/classpath" -Dmdep.includeScope=test > "$OUT/build.log" 2>&1) \
  || { cat "$OUT/build.log"; exit 1; }
CP="$ROOT/deployer/target-bench/test-classes:$ROOT/deployer/target-bench/classes:$(cat "$OUT/classpath")"
"$JAVA_HOME/bin/javac" -nowarn -cp "$CP" -d "$OUT/classes" "$ROOT/bench/deployer/DeployerBench.java"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
cd "$ROOT"
"$JAVA_HOME/bin/java" ${STEWARD_BENCH_JVM_OPTS:--Xmx2g} -Dlogback.configurationFile="$ROOT/bench/deployer/logback.xml" \
  -cp "$OUT/classes:$CP" dev.steward.deployer.DeployerBench "$@"
