#!/usr/bin/env bash
# High availability benchmark (see README.md here): one Steward without HA as a reference, one replica, then three,
# behind HAProxy; then the leader of the three killed under load. Builds the server jar into server/target-bench/
# (REBUILD=1 to rebuild), installs HAProxy (Debian package) if missing, takes PostgreSQL from
# STEWARD_TEST_POSTGRES_URL or starts a throwaway one (bin/lib/postgres.sh), and runs HaBench.java, which starts
# git daemon, the replicas (java -jar) and HAProxy.
# Usage: bench/ha/run.sh [seconds=30] [clients=8,32]
#   HA_BENCH_WARMUP (10 s), HA_BENCH_FAILOVER_CLIENTS (8), HA_BENCH_BEFORE_KILL (10 s), HA_BENCH_AFTER_KILL (15 s),
#   HA_BENCH_HEAP (512m per replica), HA_BENCH_PROPERTIES="key=value ..." (Spring properties for every replica).
#   HA_BENCH_REFERENCE=false leaves out the reference without HA. KEEP=1 keeps the work directory (replica,
#   HAProxy and git daemon logs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
. bin/lib/jdk.sh
export HA_BENCH_SECONDS=${1:-30}
export HA_BENCH_CLIENTS=${2:-8,32}
SUFFIX=${STEWARD_TARGET_SUFFIX:--bench}
export HA_BENCH_JAR="$ROOT/server/target$SUFFIX/steward.jar"
if [ ! -f "$HA_BENCH_JAR" ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q -ntp ${STEWARD_BENCH_MAVEN_OPTS:--o} -Dsteward.target.suffix="$SUFFIX" -pl server -am package -Dmaven.test.skip=true
fi
if ! command -v haproxy >/dev/null; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q haproxy >/dev/null
fi
export HA_BENCH_HAPROXY=$(command -v haproxy)
for tool in git ssh-keygen uptime; do
  command -v $tool >/dev/null || { echo "$tool is needed (Debian packages git, openssh-client, procps)" >&2; exit 1; }
done
export HA_BENCH_WORK=$(mktemp -d /tmp/steward-bench-ha.XXXXXX)
STARTED_PG=""
cleanup() {
  if [ -n "$STARTED_PG" ]; then steward_postgres_stop; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$HA_BENCH_WORK"; else echo "logs kept under $HA_BENCH_WORK"; fi
}
trap cleanup EXIT
if [ -z "${STEWARD_TEST_POSTGRES_URL:-}" ]; then
  . bin/lib/postgres.sh
  steward_postgres_start
  STARTED_PG=1
fi
export HA_BENCH_PG_URL=$STEWARD_TEST_POSTGRES_URL
export HA_BENCH_PG_USER=${STEWARD_TEST_POSTGRES_USER:-postgres}
export HA_BENCH_PG_PASSWORD=${STEWARD_TEST_POSTGRES_PASSWORD:-}
export HA_BENCH_PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | sort -V | tail -1)
export HA_BENCH_TOKEN=$(python3 -c 'import secrets; print("stw_" + secrets.token_urlsafe(32))')
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), $(free -g | awk '/Mem:/{print $2}') GiB;" \
  "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1); $("$HA_BENCH_HAPROXY" -v | head -1 | cut -d' ' -f1-3);" \
  "PostgreSQL $("$HA_BENCH_PSQL" --version | awk '{print $3}'); $(git --version); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "command: bench/ha/run.sh $HA_BENCH_SECONDS $HA_BENCH_CLIENTS"
"$JAVA_HOME/bin/java" -Xmx512m "$ROOT/bench/ha/HaBench.java"
