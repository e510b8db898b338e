"""A real run (spaCy model, one worker) killed part-way through a 40-report sample of
the State Department archive leaves OUT exactly as the previous run left it, with
every evidence cell equal to its slice of texts/<doc_id>.txt (issue 11).

The previous run read the same reports with one extra line at the top, so its
texts differ from the new run's: a new text beside an old events.csv would shift
every offset.
"""
from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.export import unneutralize

STATEDEPT = Path("/work/shared/statedept")
ROOT = Path(__file__).resolve().parent.parent
N_REPORTS, CHARS = 40, 15000

pytestmark = pytest.mark.skipif(not STATEDEPT.is_dir() or sys.platform == "win32",
                                reason="needs /work/shared/statedept and POSIX signals")


def _sample(dest: Path, prefix: str) -> Path:
    """The 40 smallest reports, each cut to its first ~15,000 characters at a line end."""
    reports = sorted(STATEDEPT.glob("20*/*.txt"), key=lambda p: (p.stat().st_size, str(p)))[:N_REPORTS]
    dest.mkdir(parents=True)
    for p in reports:
        text = p.read_text(encoding="utf-8")
        cut = text.rfind("\n", 0, CHARS)
        (dest / f"{p.parent.name}-{p.name}").write_text(prefix + text[:cut + 1], encoding="utf-8")
    return dest


def _cmd(corpus: Path, out: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-m", "pipeline", "extract", str(corpus), "--out", str(out), "--workers", str(workers),
            "--quiet"]


def _view(out: Path) -> dict[str, bytes]:
    names = [n for n in ("events.csv", "people.csv", "run_log.csv") if (out / n).is_file()]
    names += [f"texts/{p.name}" for p in sorted((out / "texts").iterdir())]
    return {n: (out / n).read_bytes() for n in names}


def _check_offsets(out: Path) -> int:
    csv.field_size_limit(1 << 30)
    with open(out / "events.csv", encoding="utf-8", newline="") as fh:
        rows = [{k: unneutralize(v) for k, v in r.items()} for r in csv.DictReader(fh)]
    texts: dict[str, str] = {}
    for r in rows:
        if r["doc_id"] not in texts:
            texts[r["doc_id"]] = (out / "texts" / f"{r['doc_id']}.txt").read_bytes().decode("utf-8")
        assert texts[r["doc_id"]][int(r["char_start"]):int(r["char_end"])] == r["evidence"], r["event_id"]
    return len(rows)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:       # renamed or removed meanwhile
        return 0.0


def _kill_part_way(corpus: Path, out: Path, sig: int, workers: int, groups: list[int], after_texts: int = 12) -> int:
    """Start a run, wait until it has written `after_texts` texts anywhere under OUT, send `sig`
    to its main process only (its workers, if any, are orphaned: they must not hold OUT's lock)."""
    started = time.time()
    err_file = out.parent / f"stderr-{len(groups)}.txt"     # not a pipe: orphaned workers would keep it open
    with open(err_file, "w") as err_fh:
        proc = subprocess.Popen(_cmd(corpus, out, workers), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err_fh,
                                start_new_session=True)
    groups.append(proc.pid)
    try:
        deadline = started + 60
        while time.time() < deadline and proc.poll() is None:
            fresh = [p for p in out.rglob("*.txt") if not p.name.startswith(".") and _mtime(p) >= started - 1]
            if len(fresh) >= after_texts:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run finished before it could be interrupted"
        proc.send_signal(sig)
        code = proc.wait(timeout=60)
    finally:
        proc.kill()
        proc.wait()
    err = err_file.read_text()
    assert "Traceback" not in err
    return code


def test_sigint_and_sigkill_part_way_leave_the_previous_outputs(tmp_path):
    old = _sample(tmp_path / "old" / "statedept", "Earlier edition of this report, one line longer.\n")
    new = _sample(tmp_path / "new" / "statedept", "")
    out = tmp_path / "out"
    assert subprocess.run(_cmd(old, out), cwd=ROOT, timeout=120).returncode == 0
    before = _view(out)
    assert len([n for n in before if n.startswith("texts/")]) == N_REPORTS
    assert _check_offsets(out) > 30

    groups: list[int] = []
    try:
        for sig, workers, expected in ((signal.SIGINT, 1, 130), (signal.SIGKILL, 1, -signal.SIGKILL),
                                       (signal.SIGKILL, 2, -signal.SIGKILL)):
            assert _kill_part_way(new, out, sig, workers, groups) == expected, (sig, workers)
            assert _view(out) == before, (sig, workers)          # byte for byte the previous outputs
            _check_offsets(out)

        # the next run (orphaned workers of the last one still alive) gets the lock, clears the
        # killed runs' debris and publishes the new outputs
        assert subprocess.run(_cmd(new, out), cwd=ROOT, timeout=120).returncode == 0
    finally:
        for pgid in groups:
            try:
                os.killpg(pgid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    assert _view(out) != before
    assert _check_offsets(out) > 30
    assert [d.resolve() for d in (out / ".runs").iterdir()] == [(out / "current").resolve()]
    assert not list(out.rglob("*.tmp"))


def test_an_orphaned_worker_exits_at_once_and_silently(tmp_path):
    """kill -9 of the main process: its workers exit within a second, printing nothing."""
    pidfile = tmp_path / "grandchild.pid"
    script = (
        "import os, sys, time\n"
        "from pipeline.run import _exit_when_orphaned\n"
        "if os.fork() == 0:\n"
        "    _exit_when_orphaned(os.getppid())\n"
        f"    open({str(pidfile)!r}, 'w').write(str(os.getpid()))\n"
        "    time.sleep(30)\n"
        "    print('Traceback: still alive', file=sys.stderr)\n"
        "    os._exit(1)\n"
        "time.sleep(30)\n")
    err = tmp_path / "err.txt"
    with open(err, "w") as fh:
        parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stderr=fh, start_new_session=True)
    deadline = time.time() + 30
    while not pidfile.exists() or not pidfile.read_text():
        assert time.time() < deadline
        time.sleep(0.05)
    child = int(pidfile.read_text())
    parent.kill()
    parent.wait()
    deadline = time.time() + 2
    while time.time() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(child, signal.SIGKILL)
        pytest.fail("the orphaned worker is still running")
    assert err.read_text() == ""
