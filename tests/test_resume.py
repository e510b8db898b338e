"""A run killed with SIGKILL part-way through an archive sample resumes from
OUT/cache: the next run analyzes only what was not finished and ends with the
outputs of a clean run (issue 10). Without --scheduler, dask is never imported."""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STATEDEPT = Path("/work/shared/statedept")
N_REPORTS, CHARS = 24, 12000


def _sample(dest: Path) -> Path:
    reports = sorted(STATEDEPT.glob("20*/*.txt"), key=lambda p: (p.stat().st_size, str(p)))[:N_REPORTS]
    dest.mkdir(parents=True)
    for p in reports:
        text = p.read_text(encoding="utf-8")
        (dest / f"{p.parent.name}-{p.name}").write_text(text[:text.rfind("\n", 0, CHARS) + 1], encoding="utf-8")
    return dest


def _extract(src: Path, out: Path, *extra: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pipeline", "extract", str(src), "--out", str(out),
                             "--workers", "2", "--quiet", *extra], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kw)


def _reasons(out: Path) -> list[str]:
    with open(out / "run_log.csv", encoding="utf-8", newline="") as fh:
        return [r["reason"] for r in csv.DictReader(fh)]


@pytest.mark.skipif(not STATEDEPT.is_dir() or sys.platform == "win32", reason="needs the archive and POSIX signals")
def test_sigkill_mid_run_then_resume_equals_a_clean_run(tmp_path):
    src = _sample(tmp_path / "in")
    clean, out = tmp_path / "clean", tmp_path / "out"
    proc = _extract(src, out)
    try:
        deadline = time.monotonic() + 120
        while len(list((out / "cache").glob("*/*.json"))) < N_REPORTS // 3:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)       # the run and its workers, mid-run
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.stderr.close()
    done = len(list((out / "cache").glob("*/*.json")))
    assert N_REPORTS // 3 <= done < N_REPORTS, "the kill came too late to test a resume"
    assert not (out / "events.csv").exists()          # nothing published by the killed run
    assert _extract(src, out).wait(timeout=300) == 0
    assert _extract(src, clean, "--no-cache").wait(timeout=300) == 0
    reasons = _reasons(out)
    assert reasons.count("cached") == done and set(reasons) == {"", "cached"}
    for name in ("events.csv", "people.csv"):
        assert (out / name).read_bytes() == (clean / name).read_bytes(), name
    assert sorted(p.name for p in (out / "texts").iterdir()) == sorted(p.name for p in (clean / "texts").iterdir())
    for p in (clean / "texts").iterdir():
        assert (out / "texts" / p.name).read_bytes() == p.read_bytes()


def test_without_scheduler_dask_is_not_imported(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Police detained activist Anna Petrova on 3 May 2019.\n", encoding="utf-8")
    script = ("import sys; from pipeline.run import extract; "
              f"code = extract([{str(tmp_path / 'in')!r}], {str(tmp_path / 'out')!r}, workers=2, quiet=True); "
              "sys.exit(10 if {'dask', 'distributed', 'pipeline.engine'} & set(sys.modules) else code)")
    assert subprocess.run([sys.executable, "-c", script], cwd=ROOT, timeout=120).returncode == 0
