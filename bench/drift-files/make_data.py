"""Writes the benchmark's reference and current samples as CSV and Parquet.

usage: make_data.py OUT_DIR ROWS COLUMNS

Columns f0..f{k-1} of float64 with full-precision text in the CSV (pandas' default float format, about
19 characters a value), the current sample shifted on every third column so that some columns drift.
The Parquet files hold the same numbers (one row group per 100,000 rows, Snappy), so both formats
describe one data set and must give identical comparisons.
"""
import os
import sys

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq


def sample(rows, columns, seed, shifted):
    rng = np.random.default_rng(seed)
    data = {}
    for c in range(columns):
        values = rng.normal(loc=0.0, scale=1.0 + c % 5, size=rows)
        if shifted and c % 3 == 0:
            values = values + 0.25
        data[f"f{c}"] = values
    return pd.DataFrame(data)


def main():
    out, rows, columns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    for name, seed, shifted in (("reference", 1, False), ("current", 2, True)):
        frame = sample(rows, columns, seed, shifted)
        base = os.path.join(out, f"{name}-{rows}x{columns}")
        if not os.path.exists(base + ".csv"):
            frame.to_csv(base + ".csv", index=False)
        if not os.path.exists(base + ".parquet"):
            pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), base + ".parquet",
                           row_group_size=100_000, compression="snappy")
        print(base)


if __name__ == "__main__":
    main()
