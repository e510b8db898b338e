"""Write the run's outputs: events.csv, people.csv, run_log.csv and texts/.

Rows are written as documents finish (memory stays flat); every file is
written to a temporary name and renamed when complete, so an interrupted run
never leaves a half-written CSV behind.
"""
from __future__ import annotations

import csv
import os
import tempfile
from pathlib import Path

from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS

RUN_LOG_COLUMNS = ("path", "doc_id", "status", "reason", "n_events", "sha256")
_FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: str) -> str:
    """Escape a cell a spreadsheet would run as a formula (OWASP CSV injection):
    "=HYPERLINK(...)" -> "'=HYPERLINK(...)"."""
    if value and value.startswith(_FORMULA_LEAD):
        return "'" + value
    return value


class AtomicCSV:
    """A CSV file written under a temporary name and renamed into place on close()."""

    def __init__(self, path: Path, columns: tuple[str, ...], excel: bool = False):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent)
        self._tmp = Path(tmp)
        self._fh = os.fdopen(fd, "w", encoding="utf-8-sig" if excel else "utf-8", newline="")
        self.columns = columns
        self._writer = csv.DictWriter(self._fh, fieldnames=columns, lineterminator="\r\n")
        self._writer.writeheader()

    def write(self, row: dict[str, object]) -> None:
        """Write one row; missing columns are empty, formula-leading cells neutralized."""
        self._writer.writerow({c: neutralize("" if row.get(c) is None else str(row.get(c))) for c in self.columns})

    def close(self) -> None:
        """Flush and move the finished file into place."""
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self._tmp, self.path)

    def abort(self) -> None:
        """Drop the temporary file, leaving any earlier output untouched."""
        self._fh.close()
        self._tmp.unlink(missing_ok=True)


def write_text(out_dir: Path, doc_id: str, text: str) -> None:
    """Save the ingested text that offsets refer to, as OUT/texts/<doc_id>.txt."""
    target = Path(out_dir) / "texts" / f"{doc_id}.txt"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    os.replace(tmp, target)


def open_outputs(out_dir: Path, excel: bool = False) -> dict[str, AtomicCSV]:
    """Open the streamed outputs of a run: events and run_log."""
    out_dir = Path(out_dir)
    return {
        "events": AtomicCSV(out_dir / "events.csv", EVENT_COLUMNS, excel),
        "run_log": AtomicCSV(out_dir / "run_log.csv", RUN_LOG_COLUMNS, excel),
    }


def write_people(out_dir: Path, rows: list[dict[str, object]], excel: bool = False) -> None:
    """Write people.csv from aggregated rows (see pipeline.people)."""
    f = AtomicCSV(Path(out_dir) / "people.csv", PEOPLE_COLUMNS, excel)
    for row in rows:
        f.write(row)
    f.close()
