"""Writes the CSV and Parquet twins that SampleFilesTests reads (run once; the outputs are committed).

usage: python make_fixtures.py   (needs numpy, pandas, pyarrow)
"""
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

for name, seed, shift in (("reference", 11, 0.0), ("current", 12, 0.6)):
    rng = np.random.default_rng(seed)
    n = 2000
    x = rng.normal(shift, 1.0, n)
    x[rng.random(n) < 0.05] = np.nan
    count = rng.integers(0, 40, n)
    plan = rng.choice(["basic", "plus", "pro"], n, p=[0.5, 0.3, 0.2] if shift == 0 else [0.3, 0.3, 0.4]).astype(object)
    plan[rng.random(n) < 0.03] = None
    active = rng.random(n) < (0.5 + shift / 4)
    score = rng.random(n)
    label = (rng.random(n) < score).astype(np.int64)
    frame = pd.DataFrame({"x": x, "count": count, "plan": plan, "active": active, "score": score, "label": label})
    # CSV as pandas writes it, booleans spelled as Parquet readers show them
    frame.assign(active=np.where(active, "true", "false")).to_csv(f"{name}.csv", index=False)
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, f"{name}.parquet", row_group_size=500, compression="snappy")
