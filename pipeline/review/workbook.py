"""OUT/events.xlsx: the run's three CSVs as sheets events, people and run_log (issue 9).

Written through pandas with openpyxl. Every cell is the CSV's cell exactly as
written: text, never a number or a date ("2019-03" stays "2019-03"; a cell longer than
Excel's 32,767 characters is cut and says so), and with the same OWASP formula escape (a leading `'` before `=`, `+`, `-`, `@`, tab, CR), so
no cell is ever a formula. Each sheet gets a frozen header row, an autofilter
over its columns and widths from its content (capped).
"""
from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from pipeline.review.data import read_rows

SHEETS = ("events", "people", "run_log")
MAX_WIDTH = 60
MIN_WIDTH = 6
MAX_CELL = 32767       # Excel's limit on the characters in a cell
CUT_MARK = " […cut: longer than an Excel cell holds; see the CSV]"
FIXED_TIME = datetime.datetime(2000, 1, 1)   # document properties: no clock in the file, byte-identical reruns
_WIDTH_SAMPLE = 2000   # rows looked at for a column's width


def _frame(path: Path, columns_from: tuple[str, ...] | None = None):
    import pandas as pd
    rows = read_rows(path, raw=True)
    if rows:
        return pd.DataFrame(rows, dtype=str).fillna("")
    if path.exists():
        with open(path, encoding="utf-8-sig") as fh:
            header = fh.readline().strip()
        import csv
        columns = next(csv.reader([header])) if header else []
    else:
        columns = list(columns_from or ())
    return pd.DataFrame(columns=columns, dtype=str)


def _format(ws, frame) -> None:
    from openpyxl.utils import get_column_letter
    ws.freeze_panes = "A2"
    if len(frame.columns):
        ws.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    for i, col in enumerate(frame.columns, 1):
        longest = max([len(str(col))] + [len(v) for v in frame[col].head(_WIDTH_SAMPLE)])
        ws.column_dimensions[get_column_letter(i)].width = max(MIN_WIDTH, min(MAX_WIDTH, longest + 2))


def workbook_bytes(out_dir: Path) -> bytes:
    """The workbook for the run in `out_dir`, as bytes."""
    import pandas as pd
    from pipeline.export import RUN_LOG_COLUMNS
    from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS
    out_dir = Path(out_dir)
    defaults = {"events": EVENT_COLUMNS, "people": PEOPLE_COLUMNS, "run_log": RUN_LOG_COLUMNS}
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        writer.book.properties.created = writer.book.properties.modified = FIXED_TIME
        for name in SHEETS:
            frame = _frame(out_dir / f"{name}.csv", defaults[name]).map(_fit_cell)
            frame.to_excel(writer, sheet_name=name, index=False)
            ws = writer.sheets[name]
            _force_text(ws)
            _format(ws, frame)
    return _fixed_zip(buf.getvalue())


def _fit_cell(value: str) -> str:
    """A cell over Excel's limit (32,767 characters) is cut, and says so."""
    return value if len(value) <= MAX_CELL else value[:MAX_CELL - len(CUT_MARK)] + CUT_MARK


def _fixed_zip(data: bytes) -> bytes:
    """The same workbook with every zip entry dated 1980-01-01: the same run gives the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                # openpyxl stamps `modified` with the save time whatever was set: fix it here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
            dst.writestr(fixed, body)
    return out.getvalue()


def _force_text(ws) -> None:
    """Mark every data cell as text: openpyxl would take a string starting with `=` for a
    formula (the CSV escape prevents that already; this is the second lock)."""
    for row in ws.iter_rows(min_row=2):
        for c in row:
            if c.data_type == "f":
                c.data_type = "s"


def write_workbook(out_dir: Path) -> Path:
    """Write OUT/events.xlsx atomically; returns its path."""
    from pipeline.export import write_bytes_atomic
    target = Path(out_dir) / "events.xlsx"
    write_bytes_atomic(target, workbook_bytes(out_dir))
    return target
