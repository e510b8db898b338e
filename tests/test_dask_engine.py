"""The Dask engine (issue 10): a LocalCluster of 2 worker processes writes the same
bytes as the local pool, and a worker killed mid-task loses no document."""
from __future__ import annotations

import csv
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed")
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX")

from pipeline import run  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STATEDEPT = Path("/work/shared/statedept")
N_ARCHIVE, CHARS = 6, 15000
FILES = ("events.csv", "people.csv", "run_log.csv")


def _inputs(dest: Path) -> Path:
    """corpus/ with its manifest, and an archive sample: the smallest reports cut to
    ~15,000 characters, plus a whole report and its HTML copy (a duplicate)."""
    shutil.copytree(ROOT / "corpus", dest / "corpus", ignore=shutil.ignore_patterns("gold"))
    if STATEDEPT.is_dir():
        arch = dest / "statedept"
        arch.mkdir()
        for p in sorted(STATEDEPT.glob("20*/*.txt"), key=lambda p: (p.stat().st_size, str(p)))[:N_ARCHIVE]:
            text = p.read_text(encoding="utf-8")
            (arch / f"{p.parent.name}-{p.name}").write_text(text[:text.rfind("\n", 0, CHARS) + 1], encoding="utf-8")
        shutil.copy(STATEDEPT / "2019" / "azerbaijan.txt", arch / "2019-azerbaijan.txt")
        shutil.copy(STATEDEPT / "html" / "2019-azerbaijan.html", arch / "2019-azerbaijan.html")
    return dest


def _snapshot(out: Path) -> dict[str, bytes]:
    snap = {n: (out / n).read_bytes() for n in FILES}
    snap.update({f"texts/{p.name}": p.read_bytes() for p in sorted((out / "texts").iterdir())})
    with sqlite3.connect(out / "events.sqlite") as db:
        snap["events.sqlite"] = "\n".join(db.iterdump()).encode("utf-8")
    return snap


def _log(out: Path) -> list[dict[str, str]]:
    with open(out / "run_log.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The inputs and the local pool's outputs (2 workers, no cache)."""
    src = _inputs(tmp_path_factory.mktemp("in"))
    poison = src / "corpus" / "zz-poison.txt"
    poison.write_text("A report that kills its worker.\n" + (ROOT / "corpus" / "news-wire-iran-2022.txt")
                      .read_text(encoding="utf-8"), encoding="utf-8")
    ref = tmp_path_factory.mktemp("ref") / "out"
    paths = [str(src / "corpus"), str(src / "statedept")] if (src / "statedept").is_dir() else [str(src / "corpus")]
    run.extract(paths, ref, workers=2, quiet=True, use_cache=False)
    return paths, ref


def test_local_cluster_writes_the_local_pools_bytes(sample, tmp_path):
    paths, ref = sample
    out = tmp_path / "out"
    run.extract(paths, out, workers=2, quiet=True, use_cache=False, scheduler="local")
    assert _snapshot(out) == _snapshot(ref)
    assert "duplicate of" in (out / "run_log.csv").read_text(encoding="utf-8") or not STATEDEPT.is_dir()


@pytest.fixture(scope="module")
def cluster():
    from distributed import Client, LocalCluster
    c = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
                     silence_logs=40)
    yield c
    c.close()


def _poison_workers(address: str) -> None:
    """Every worker now alive dies (os._exit) when it starts on zz-poison; a worker
    restarted by its nanny is a fresh process, without the patch."""
    from distributed import Client

    def patch():
        import os
        import pipeline.run as r
        original = r._process

        def _process(inp, *args, **kwargs):
            if inp.doc_id == "zz-poison":
                os._exit(1)
            return original(inp, *args, **kwargs)
        r._process = _process
    with Client(address) as client:
        client.wait_for_workers(2)
        client.run(patch)


@pytest.mark.parametrize("allowed_failures, poison_ok", [
    (3, True),    # Dask retries the document on a fresh worker: nothing changes
    (0, False),   # no retry: the document is logged failed with the reason, never missing
])
def test_killed_worker_loses_no_document(sample, cluster, tmp_path, allowed_failures, poison_ok):
    paths, ref = sample
    cluster.scheduler.allowed_failures = allowed_failures
    _poison_workers(cluster.scheduler_address)
    out = tmp_path / "out"
    code = run.extract(paths, out, workers=2, quiet=True, use_cache=False, scheduler=cluster.scheduler_address)
    log, ref_log = _log(out), _log(ref)
    assert [r["path"] for r in log] == [r["path"] for r in ref_log]       # every input is in the log
    poison = next(r for r in log if r["doc_id"] == "zz-poison")
    if poison_ok:
        assert _snapshot(out) == _snapshot(ref)
        return
    assert code == 1
    assert poison["status"] == "failed" and "KilledWorker" in poison["reason"]
    for got, want in zip(log, ref_log):
        # a document that shared the dying worker may be given up with it (KilledWorker), never lost
        if got["status"] == "failed":
            assert "KilledWorker" in got["reason"]
        else:
            assert got == want


def test_a_long_lived_worker_keeps_no_claim_from_an_earlier_run(cluster, tmp_path):
    """Run 1 holds a text at indices 0-5 (every worker claims it early); run 2 has it
    once, at index 7: it must be analyzed, not taken for a duplicate of run 1's copy."""
    cluster.scheduler.allowed_failures = 3
    text = "Police detained the journalist Anna Petrova in Baku on 3 May 2019.\n"
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for i in range(6):
        (first / f"t{i}.txt").write_text(text, encoding="utf-8")
    for i in range(7):
        (second / f"a{i}.txt").write_text(f"Report number {i} says nothing of note at all.\n", encoding="utf-8")
    (second / "z.txt").write_text(text, encoding="utf-8")
    for src in (first, second):
        run.extract([str(src)], tmp_path / f"out-{src.name}", workers=2, quiet=True, use_cache=False,
                    scheduler=cluster.scheduler_address)
    z = next(r for r in _log(tmp_path / "out-second") if r["doc_id"] == "z")
    assert (z["status"], z["reason"]) == ("ok", "") and int(z["n_events"]) > 0


def test_each_worker_loads_the_model_once(cluster, tmp_path):
    """The model is loaded when a worker joins (the plugin), not per task or per run."""
    from distributed import Client
    cluster.scheduler.allowed_failures = 3
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"r{i}.txt").write_text(f"Police detained activist number {i}, Anna Petrova, on 3 May 2019.\n",
                                       encoding="utf-8")

    def analyzer_id():
        import pipeline.run as r
        return id(r._ANALYZER) if r._ANALYZER is not None else None
    with Client(cluster.scheduler_address) as client:
        run.extract([str(src)], tmp_path / "out1", workers=2, quiet=True, use_cache=False,
                    scheduler=cluster.scheduler_address)
        before = client.run(analyzer_id)
        run.extract([str(src)], tmp_path / "out2", workers=2, quiet=True, use_cache=False,
                    scheduler=cluster.scheduler_address)
        after = client.run(analyzer_id)
    assert len(before) == 2 and None not in before.values()
    assert after == before
    assert {r["status"] for r in _log(tmp_path / "out2")} == {"ok"}
