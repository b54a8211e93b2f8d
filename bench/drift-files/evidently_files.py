"""pandas reads the two files, then Evidently's DataDriftPreset compares them; prints one JSON line.

usage: evidently_files.py REFERENCE CURRENT   (CSV or Parquet by extension)
Timed apart: reading both files (pandas.read_csv / pandas.read_parquet with pyarrow) and Report.run.
"""
import json
import sys
import time

import pandas as pd
from evidently import DataDefinition, Dataset, Report
from evidently.presets import DataDriftPreset


def read(path):
    return pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(path)


def main():
    started = time.perf_counter()
    reference = read(sys.argv[1])
    current = read(sys.argv[2])
    read_seconds = time.perf_counter() - started
    definition = DataDefinition(numerical_columns=list(reference.columns))
    started = time.perf_counter()
    snapshot = Report([DataDriftPreset()]).run(
        Dataset.from_pandas(current, data_definition=definition),
        Dataset.from_pandas(reference, data_definition=definition),
    )
    metrics = snapshot.dict()["metrics"]
    report_seconds = time.perf_counter() - started
    drifted = next(m["value"]["count"] for m in metrics if m["config"]["type"].endswith(":DriftedColumnsCount"))
    print(json.dumps({"read_seconds": round(read_seconds, 2), "report_seconds": round(report_seconds, 2),
                      "drifted_columns": drifted}))


if __name__ == "__main__":
    main()
