"""Read our CSVs back with pandas, with stable dtypes (issue 11).

`pd.read_csv` guesses: `target_count` becomes float (empty cells are NaN) and
`amount` is int in one file and str in the next. `read_events` gives every
file the same dtypes — `target_count` Int64 (nullable), `char_start` and
`char_end` int64, every other column (dates and amounts too) pandas' string
dtype, empty cells "" — and undoes the CSV-injection escape (export.neutralize)
so that `evidence` equals `text[char_start:char_end]` of texts/<doc_id>.txt.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.export import unneutralize
from pipeline.schema import EVENT_COLUMNS

INT_COLUMNS = ("char_start", "char_end")
NULLABLE_INT_COLUMNS = ("target_count",)


def read_events(path: str | Path):
    """events.csv as a pandas DataFrame with stable dtypes and the escaping undone."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig")
    for col in df.columns:
        df[col] = df[col].map(unneutralize)
    for col in EVENT_COLUMNS:
        if col not in df.columns:
            df[col] = ""
    types = {c: "string" for c in df.columns if c not in INT_COLUMNS + NULLABLE_INT_COLUMNS}
    df = df.astype(types)
    for col in INT_COLUMNS:
        df[col] = pd.to_numeric(df[col]).astype("int64")
    for col in NULLABLE_INT_COLUMNS:
        df[col] = pd.to_numeric(df[col].replace("", None)).astype("Int64")
    return df
