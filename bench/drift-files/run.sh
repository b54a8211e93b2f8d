#!/usr/bin/env bash
# Drift from files, end to end, in one run: Steward's command line (JVM start included) on two CSV files
# and on the same data as Parquet, beside pandas reading the files plus Evidently's DataDriftPreset.
# Usage: bench/drift-files/run.sh [rows=300000] [columns=30]
#   SKIP_EVIDENTLY=true  times Steward alone;  REPEAT=N  runs each Steward command N times (default 3)
#   READ_ONLY=true  times the file readers alone (bench/drift-files/ReadFiles.java), REPEAT reads in one JVM
# Data (written once with pyarrow into the Evidently environment) lives in bench/drift-files/target/data.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"
. bin/lib/jdk.sh
rows=${1:-300000}
columns=${2:-30}
repeat=${REPEAT:-3}
./mvnw -q -B -o -pl drift-monitor -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt
classpath="drift-monitor/target/classes:$(cat drift-monitor/target/classpath.txt)"
python="$(drift-monitor/scripts/setup-evidently.sh | tail -n1)"
"$python" -c 'import pyarrow' 2>/dev/null || "$python" -m pip install -q pyarrow
data=bench/drift-files/target/data
mkdir -p "$data"
"$python" bench/drift-files/make_data.py "$data" "$rows" "$columns" > /dev/null
ref="$data/reference-${rows}x${columns}"
cur="$data/current-${rows}x${columns}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM; $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
echo "files: CSV $(du -m "$ref.csv" | cut -f1) MB + $(du -m "$cur.csv" | cut -f1) MB, Parquet $(du -m "$ref.parquet" | cut -f1) MB + $(du -m "$cur.parquet" | cut -f1) MB"
if [[ -n "${READ_ONLY:-}" ]]; then # the readers alone, without the comparison: READ_ONLY=true
  for format in csv parquet; do
    echo "uptime: $(uptime | sed 's/.*load/load/')"
    "$JAVA_HOME/bin/java" -cp "$classpath" bench/drift-files/ReadFiles.java "$ref.$format" "$repeat"
  done
  exit 0
fi
steward() { # format mode
  for i in $(seq "$repeat"); do
    echo "uptime: $(uptime | sed 's/.*load/load/')"
    /usr/bin/time -f "steward $1 $2: wall %e s, cpu %U+%S s, max RSS %M KB" \
      "$JAVA_HOME/bin/java" -cp "$classpath" \
      dev.steward.drift.cli.CompareCommand "$ref.$1" "$cur.$1" --mode "$2" > "$data/steward-$1-$2.json"
  done
}
for mode in reference-bins evidently; do
  steward csv "$mode"
  steward parquet "$mode"
  cmp -s "$data/steward-csv-$mode.json" "$data/steward-parquet-$mode.json" \
    && echo "steward $mode: CSV and Parquet give identical comparisons" \
    || { echo "steward $mode: CSV and Parquet differ"; exit 1; }
done
if [[ "${SKIP_EVIDENTLY:-false}" != "true" ]]; then
  for format in csv parquet; do
    echo "uptime: $(uptime | sed 's/.*load/load/')"
    /usr/bin/time -f "pandas + Evidently $format: wall %e s, cpu %U+%S s, max RSS %M KB" \
      "$python" bench/drift-files/evidently_files.py "$ref.$format" "$cur.$format"
  done
fi
