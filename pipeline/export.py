"""Write the run's outputs: events.csv, people.csv, run_log.csv and texts/.

Rows are written as documents finish (memory stays flat); every file is
written to a temporary name in the target folder and renamed when complete,
so an interrupted run never leaves a half-written file behind, and `abort()`
removes the temporary file.

CSV injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return is prefixed with a single quote, so that a
spreadsheet shows it as text instead of running it as a formula; every cell is
wrapped in double quotes with inner double quotes doubled (csv.QUOTE_ALL), so
that a separator or quote inside a cell cannot start a new cell, even in a
spreadsheet that splits on `;`. Plain numbers ("-5", "+3.5") are left as they
are. Readers undo the escape with `unneutralize` (pipeline.evaluate does).
"""
from __future__ import annotations

import csv
import os
import re
import secrets
from pathlib import Path

from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS

RUN_LOG_COLUMNS = ("path", "doc_id", "status", "reason", "n_events", "sha256")
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d+)*|\.\d+)(?:[eE][+-]?\d+)?")


def neutralize(value: str) -> str:
    """Escape a cell a spreadsheet would run as a formula (OWASP CSV injection):
    "=HYPERLINK(...)" -> "'=HYPERLINK(...)"; a plain number such as "-5" is kept."""
    if value and value.startswith(_FORMULA_LEAD) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unneutralize(value: str) -> str:
    """Undo `neutralize` on a cell read back from one of our CSVs."""
    if value[:1] == "'" and value[1:2] and value[1:2] in _FORMULA_LEAD and not _NUMBER.fullmatch(value[1:]):
        return value[1:]
    return value


def _temp_path(target: Path) -> Path:
    """A fresh hidden temporary name beside `target` (same folder, so rename is atomic)."""
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _create(tmp: Path) -> int:
    """Create `tmp` exclusively with the usual permissions (0666 minus umask, unlike mkstemp's 0600)."""
    return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)


class AtomicCSV:
    """A CSV file written under a temporary name and renamed into place on close().

    UTF-8 (with a byte-order mark when `excel`), RFC 4180, CRLF line ends, every
    cell quoted. Usable as a context manager: an exception aborts."""

    def __init__(self, path: Path, columns: tuple[str, ...], excel: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = _temp_path(self.path)
        self._done = False
        self._fh = os.fdopen(_create(self._tmp), "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
        try:
            self.columns = columns
            self._writer = csv.DictWriter(self._fh, fieldnames=columns, lineterminator="\r\n",
                                          quoting=csv.QUOTE_ALL)
            self._writer.writeheader()
        except BaseException:
            self.abort()
            raise

    def write(self, row: dict[str, object]) -> None:
        """Write one row; missing columns are empty, formula-leading cells neutralized."""
        self._writer.writerow({c: neutralize("" if row.get(c) is None else str(row.get(c))) for c in self.columns})

    def close(self) -> None:
        """Flush and move the finished file into place (on failure the temporary file is removed)."""
        if self._done:
            return
        try:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            os.replace(self._tmp, self.path)
        except BaseException:
            self.abort()
            raise
        self._done = True

    def abort(self) -> None:
        """Drop the temporary file, leaving any earlier output untouched."""
        try:
            self._fh.close()
        except OSError:
            pass
        self._tmp.unlink(missing_ok=True)
        self._done = True

    def __enter__(self) -> "AtomicCSV":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_bytes_atomic(target: Path, data: bytes) -> None:
    """Write `data` to `target` via a temporary file and a rename; no temporary file is left on failure."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_path(target)
    try:
        with os.fdopen(_create(tmp), "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(out_dir: Path, doc_id: str, text: str) -> None:
    """Save the ingested text that offsets refer to, as OUT/texts/<doc_id>.txt:
    exactly `text` in UTF-8, no byte-order mark, no newline translation."""
    write_bytes_atomic(Path(out_dir) / "texts" / f"{doc_id}.txt", text.encode("utf-8"))


def open_outputs(out_dir: Path, excel: bool = False) -> dict[str, AtomicCSV]:
    """Open the streamed outputs of a run: events and run_log (both or neither)."""
    out_dir = Path(out_dir)
    events = AtomicCSV(out_dir / "events.csv", EVENT_COLUMNS, excel)
    try:
        run_log = AtomicCSV(out_dir / "run_log.csv", RUN_LOG_COLUMNS, excel)
    except BaseException:
        events.abort()
        raise
    return {"events": events, "run_log": run_log}


def write_people(out_dir: Path, rows: list[dict[str, object]], excel: bool = False) -> None:
    """Write people.csv from aggregated rows (see pipeline.people)."""
    with AtomicCSV(Path(out_dir) / "people.csv", PEOPLE_COLUMNS, excel) as f:
        for row in rows:
            f.write(row)
