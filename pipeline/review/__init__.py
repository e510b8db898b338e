"""Analyst review of a run (issue 9): report.html, events.xlsx, and the Label Studio
correction loop (`python -m pipeline review export|import`).

`write_outputs(out_dir)` runs at the end of every extract, after events.csv,
people.csv and run_log.csv are in place, and reads them back from there, so the
page and the workbook agree with the CSVs row for row.
"""
from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

log = logging.getLogger("pipeline")


def write_outputs(out_dir: str | Path) -> bool:
    """Write OUT/report.html and OUT/events.xlsx. A failure here is reported and
    leaves the CSVs as they are; returns whether both were written."""
    from pipeline.review.report import write_report
    from pipeline.review.workbook import write_workbook
    ok = True
    for name, writer in (("report.html", write_report), ("events.xlsx", write_workbook)):
        started = time.monotonic()
        try:
            writer(Path(out_dir))
        except Exception as exc:  # noqa: BLE001 - the CSVs stay valid without the review outputs
            log.debug("writing %s failed", name, exc_info=True)
            print(f"warning: could not write {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            ok = False
            continue
        log.info("%s written in %.2f s", name, time.monotonic() - started)
    return ok
