"""OUT is all-or-nothing (issue 11): staging folder + one switch of `current`, a lock,
debris of killed runs cleared, output errors as exit 2 with one line, Ctrl-C as 130.

The NLP is replaced by a fake analyzer (one ARREST per line holding "arrested").
"""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline import cli, export, outdir, run
from pipeline.schema import Event

ROOT = Path(run.__file__).parent.parent


class FakeAnalyzer:
    def analyze(self, doc):
        if "INTERRUPT" in doc.text:
            raise KeyboardInterrupt
        events, start = [], 0
        for line in doc.text.split("\n"):
            if "arrested" in line:
                events.append(Event(doc_id=doc.doc_id, event_type="ARREST", target="X", target_type="PERSON",
                                    evidence=line, char_start=start, char_end=start + len(line)))
            start += len(line) + 1
        return events


@pytest.fixture(autouse=True)
def fake_analyzer(monkeypatch):
    monkeypatch.setattr(run, "_ANALYZER", FakeAnalyzer())


def _corpus(root: Path, docs: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _view(out: Path) -> dict[str, bytes]:
    """What a reader of OUT sees: the three CSVs and texts/*."""
    names = [n for n in ("events.csv", "people.csv", "run_log.csv") if (out / n).is_file()]
    if (out / "texts").is_dir():
        names += [f"texts/{p.name}" for p in sorted((out / "texts").iterdir())]
    return {n: (out / n).read_bytes() for n in names}


def _extract(paths, out, **kw):
    return run.extract([str(p) for p in paths], out, workers=1, quiet=True, **kw)


OLD = {"a.txt": "Police arrested Ann.\n", "b.txt": "Police arrested Bob.\nThey arrested him again.\n"}
NEW = {"a.txt": "Intro line.\nPolice arrested Ann Smith in town.\n", "c.txt": "Police arrested Cem.\n"}


# --------------------------------------------------------------------------- staging and switch

def test_rerun_replaces_everything_and_removes_stale_texts(tmp_path):
    out = tmp_path / "out"
    assert _extract([_corpus(tmp_path / "old", OLD)], out) == 0
    assert set(_view(out)) == {"events.csv", "people.csv", "run_log.csv", "texts/a.txt", "texts/b.txt"}
    assert _extract([_corpus(tmp_path / "new", NEW)], out) == 0
    view = _view(out)
    assert set(view) == {"events.csv", "people.csv", "run_log.csv", "texts/a.txt", "texts/c.txt"}  # b.txt gone
    assert view["texts/a.txt"] == NEW["a.txt"].encode()
    assert len(list((out / ".runs").iterdir())) == 1          # the previous run's folder is removed


def _die_in_people(monkeypatch):
    monkeypatch.setattr(run.People, "rows", lambda self: (_ for _ in ()).throw(RuntimeError("boom")))
    return RuntimeError


def _die_in_publish(monkeypatch):
    real = outdir._rel_link

    def rel_link(link, target):
        if link.name == outdir.CURRENT:
            raise KeyboardInterrupt    # just before the one rename that publishes
        real(link, target)
    monkeypatch.setattr(outdir, "_rel_link", rel_link)
    return KeyboardInterrupt


def _die_in_analysis(monkeypatch):
    return KeyboardInterrupt         # the corpus gets an INTERRUPT document


def _die_writing_second_text(monkeypatch):
    real, calls = export.write_text, []

    def write_text(out_dir, doc_id, text):
        calls.append(doc_id)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        real(out_dir, doc_id, text)
    monkeypatch.setattr(export, "write_text", write_text)
    return None                      # exit code 2, no exception


@pytest.mark.parametrize("fault", [_die_in_people, _die_in_publish, _die_in_analysis, _die_writing_second_text])
def test_a_run_that_dies_leaves_the_previous_outputs_exactly(tmp_path, monkeypatch, fault):
    out = tmp_path / "out"
    assert _extract([_corpus(tmp_path / "old", OLD)], out) == 0
    before = _view(out)
    new = _corpus(tmp_path / "new", dict(NEW, **{"z.txt": "INTERRUPT arrested\n"} if fault is _die_in_analysis else {}))
    error = fault(monkeypatch)
    if error is None:
        assert _extract([new], out) == 2
    else:
        with pytest.raises(error):
            _extract([new], out)
    assert _view(out) == before
    assert [d.resolve() for d in (out / ".runs").iterdir()] == [(out / "current").resolve()]


# name -> how a killed run's debris is made
DEBRIS = {
    "staging folder": lambda out: (out / ".runs" / "20260101T000000Z-1-abc" / "texts").mkdir(parents=True),
    "old-style temp csv": lambda out: (out / ".events.csv.123.abcd1234.tmp").write_text("half"),
    "temp link": lambda out: os.symlink("nowhere", out / ".current.abcd1234.tmp"),
    "temp text in published texts": lambda out: (out / "texts" / ".a.txt.1.ab.tmp").write_text("half"),
}


@pytest.mark.parametrize("name", list(DEBRIS))
def test_next_run_clears_debris_of_a_killed_run(tmp_path, name):
    out = tmp_path / "out"
    corpus = _corpus(tmp_path / "in", OLD)
    assert _extract([corpus], out) == 0
    DEBRIS[name](out)
    assert _extract([corpus], out) == 0
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name.startswith("20260101")]
    assert leftovers == []
    assert len(list((out / ".runs").iterdir())) == 1


def test_outputs_of_the_old_layout_are_taken_over(tmp_path):
    """OUT written by an older version (plain files, stale texts, hidden .tmp) becomes the new layout."""
    out = tmp_path / "out"
    (out / "texts").mkdir(parents=True)
    for n in ("events.csv", "people.csv", "run_log.csv"):
        (out / n).write_text("old\n")
    (out / "texts" / "gone.txt").write_text("stale")
    (out / ".run_log.csv.77.deadbeef.tmp").write_text("debris")
    (out / "eval.md").write_text("not ours: kept")
    assert _extract([_corpus(tmp_path / "in", OLD)], out) == 0
    assert set(_view(out)) == {"events.csv", "people.csv", "run_log.csv", "texts/a.txt", "texts/b.txt"}
    assert (out / "eval.md").read_text() == "not ours: kept"
    assert not list(out.rglob("*.tmp"))


# --------------------------------------------------------------------------- lock

HOLD_LOCK = """
import sys, time
from pipeline import outdir
o = outdir.OutDir(sys.argv[1]); o.open()
print("LOCKED", flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize("holder", ["this process", "another process"])
def test_second_run_into_a_busy_out_exits_2(tmp_path, capsys, holder):
    out = tmp_path / "out"
    corpus = _corpus(tmp_path / "in", OLD)
    proc = None
    if holder == "this process":
        busy = outdir.OutDir(out)
        busy.open()
    else:
        proc = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out)], stdout=subprocess.PIPE, text=True,
                                cwd=ROOT)
        assert proc.stdout.readline().strip() == "LOCKED"
    try:
        assert _extract([corpus], out) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "in use by another run" in err and str(out) in err
    finally:
        if proc:
            proc.kill()
            proc.wait()
            proc.stdout.close()
        else:
            busy.discard()
            busy.close()
    assert _extract([corpus], out) == 0     # free again


# --------------------------------------------------------------------------- output errors

def _out_is_a_file(tmp_path, monkeypatch):
    (tmp_path / "out").write_text("I am a file")
    return tmp_path / "out", "not a directory"


def _out_under_a_file(tmp_path, monkeypatch):
    (tmp_path / "file").write_text("x")
    return tmp_path / "file" / "out", "not a directory"


def _read_only(tmp_path, monkeypatch):
    out = tmp_path / "ro"
    real = os.open

    def ro_open(path, flags, *a, **k):     # EROFS as on a read-only mount (root ignores chmod)
        if str(path).startswith(str(out)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real(path, flags, *a, **k)
    monkeypatch.setattr(os, "open", ro_open)
    return out, "Read-only file system"


def _disk_full(tmp_path, monkeypatch):

    def write(self, row):
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(export.AtomicCSV, "write", write)
    return tmp_path / "out", "No space left on device"


@pytest.mark.parametrize("setup", [_out_is_a_file, _out_under_a_file, _read_only, _disk_full])
def test_output_problems_exit_2_with_one_line(tmp_path, monkeypatch, capsys, setup):
    corpus = _corpus(tmp_path / "in", OLD)
    out, cause = setup(tmp_path, monkeypatch)
    assert cli.main(["extract", str(corpus), "--out", str(out), "--workers", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: ") and cause in err and str(out) in err
    assert "Traceback" not in err


@pytest.mark.parametrize("where", ["a file", "under a file"])
def test_evaluate_out_that_is_a_file_exits_2(tmp_path, capsys, where):
    out = tmp_path / "out"
    assert _extract([_corpus(tmp_path / "in", OLD)], out) == 0
    target = tmp_path / "report.txt"
    target.write_text("x")
    gold = tmp_path / "gold"
    gold.mkdir()
    import pandas as pd
    pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False).drop(columns="rule_ids").to_csv(
        gold / "a.csv", index=False)
    dest = target if where == "a file" else target / "sub"
    assert cli.main(["evaluate", "--gold", str(gold), "--pred", str(out / "events.csv"), "--out", str(dest)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err


# --------------------------------------------------------------------------- Ctrl-C and --quiet

@pytest.mark.parametrize("quiet", [True, False])
def test_ctrl_c_exits_130_with_one_line(tmp_path, capsys, quiet):
    corpus = _corpus(tmp_path / "in", {"a.txt": "Police arrested Ann.\n", "b.txt": "INTERRUPT\n"})
    argv = ["extract", str(corpus), "--out", str(tmp_path / "out"), "--workers", "1"] + (["--quiet"] if quiet else [])
    assert cli.main(argv) == 130
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("interrupted")
    assert not (tmp_path / "out" / "events.csv").exists()


def test_quiet_never_prints_a_traceback(tmp_path):
    script = textwrap.dedent("""
        import sys
        from pipeline import cli, run
        class Broken:
            def analyze(self, doc):
                raise ValueError("rule exploded")
        run._ANALYZER = Broken()
        sys.exit(cli.main(sys.argv[1:]))
    """)
    corpus = _corpus(tmp_path / "in", OLD)
    proc = subprocess.run([sys.executable, "-c", script, "extract", str(corpus), "--out", str(tmp_path / "o"),
                           "--workers", "1", "--quiet"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.count("analysis error: ValueError: rule exploded") == 2
