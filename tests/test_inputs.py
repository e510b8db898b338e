"""Inputs of a run (issue 11): OUT never read back, manifests decoded and checked row by
row, symlinks/FIFOs/README files each with their run_log row, duplicates processed once.

The NLP is replaced by a fake analyzer (one ARREST per line holding "arrested").
"""
from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from pipeline import cli, run
from pipeline.export import unneutralize
from pipeline.schema import Event

STATEDEPT = Path("/work/shared/statedept")


class FakeAnalyzer:
    def analyze(self, doc):
        events, start = [], 0
        for line in doc.text.split("\n"):
            if "arrested" in line:
                events.append(Event(doc_id=doc.doc_id, event_type="ARREST", target="X", target_type="PERSON",
                                    evidence=line, char_start=start, char_end=start + len(line), date=str(
                                        doc.report_year or "")))
            start += len(line) + 1
        return events


@pytest.fixture(autouse=True)
def fake_analyzer(monkeypatch):
    monkeypatch.setattr(run, "_ANALYZER", FakeAnalyzer())


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [{k: unneutralize(v) for k, v in r.items()} for r in csv.DictReader(fh)]


def _extract(paths, out, workers=1):
    return run.extract([str(p) for p in paths], out, workers=workers, quiet=True)


# --------------------------------------------------------------------------- OUT is never an input

@pytest.mark.parametrize("out_rel", ["out", "sub/out", "."])
def test_out_inside_the_input_folder_is_never_read_back(tmp_path, out_rel):
    root = tmp_path / "in"
    _write(root / "a.txt", "Police arrested Ann.\n")
    _write(root / "sub" / "b.md", "Police arrested Bob.\n")
    out = root / out_rel
    counts = []
    for _ in range(3):
        assert _extract([root], out) == 0
        _write(out / "eval.md", "Police arrested Evaluation.\n")     # written by `make eval`
        counts.append(len(_rows(out / "events.csv")))
        assert {r["path"] for r in _rows(out / "run_log.csv")} == {str(root / "a.txt"), str(root / "sub" / "b.md")}
    assert counts == [2, 2, 2]


def test_a_path_inside_outs_texts_is_a_usage_error(tmp_path, capsys):
    root, out = tmp_path / "in", tmp_path / "out"
    _write(root / "a.txt", "Police arrested Ann.\n")
    assert _extract([root], out) == 0
    assert _extract([out / "texts"], out) == 2
    assert "inside the output folder" in capsys.readouterr().err


# --------------------------------------------------------------------------- manifests

REPORTS = {"a.txt": "Police arrested Ann.\n", "b.txt": "Police arrested Bob.\n"}

# name, manifest bytes, expected {file: (doc_id, year)}, expected warning fragments
MANIFESTS = [
    ("latin-1 title", "path,doc_id,report_year,title\na.txt,kz-a,2019,Rapport de l'année\nb.txt,kz-b,2018,x\n"
     .encode("latin-1"), {"a.txt": ("kz-a", "2019"), "b.txt": ("kz-b", "2018")}, []),
    ("utf-16 with BOM", "path,report_year\na.txt,2019\nb.txt,2018\n".encode("utf-16"),
     {"a.txt": ("a", "2019"), "b.txt": ("b", "2018")}, []),
    ("unknown column", b"path,year,report_year\na.txt,2019,2017\n", {"a.txt": ("a", "2017"), "b.txt": ("b", "")},
     ["unknown columns ignored: year"]),
    ("year out of range", b"path,report_year\na.txt,20199\nb.txt,1850\n", {"a.txt": ("a", ""), "b.txt": ("b", "")},
     ["row 2: report_year '20199' is not a year", "row 3: report_year '1850' is not a year"]),
    ("missing file", b"path,report_year\na.txt,2019\nmissing.txt,2019\n", {"a.txt": ("a", "2019"), "b.txt": ("b", "")},
     ["row 3: path missing.txt does not exist"]),
    ("clashing doc_id", b"path,doc_id,report_year\na.txt,same,2019\nb.txt,SAME,2018\n",
     {"a.txt": ("same", "2019"), "b.txt": ("b", "2018")}, ["row 3: doc_id 'SAME' already used in row 2"]),
    ("path twice", b"path,report_year\na.txt,2019\na.txt,2018\n", {"a.txt": ("a", "2019"), "b.txt": ("b", "")},
     ["row 3: path a.txt already listed in row 2"]),
    ("no path in a row", b"path,report_year\n,2019\nb.txt,2018\n", {"a.txt": ("a", ""), "b.txt": ("b", "2018")},
     ["row 2: no path"]),
]


@pytest.mark.parametrize("name, data, expected, warnings", MANIFESTS, ids=[m[0] for m in MANIFESTS])
def test_manifest_is_decoded_and_checked_row_by_row(tmp_path, capsys, name, data, expected, warnings):
    root = tmp_path / "in"
    for f, text in REPORTS.items():
        _write(root / f, text)
    manifest = _write(root / "manifest.csv", data)
    out = tmp_path / "out"
    assert _extract([root], out) == (1 if warnings else 0)
    log = _rows(out / "run_log.csv")
    got = {Path(r["path"]).name: r["doc_id"] for r in log if r["status"] == "ok"}
    years = {r["doc_id"]: r["date"] for r in _rows(out / "events.csv")}
    assert {f: (got[f], years[got[f]]) for f in got} == expected
    warned = [r for r in log if r["status"] == "warning"]
    assert len(warned) == len(warnings) and all(r["path"] == str(manifest) for r in warned)
    err = capsys.readouterr().err
    for fragment, row in zip(warnings, warned):
        assert fragment in row["reason"]
        assert f"warning: {manifest}: {row['reason']}" in err


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary content"),
    (b"file,year\na.txt,2019\n", "no 'path' column"),
    (b"", "no 'path' column"),
])
def test_unusable_manifest_stops_the_run(tmp_path, capsys, data, message):
    root = tmp_path / "in"
    _write(root / "a.txt", REPORTS["a.txt"])
    _write(root / "manifest.csv", data)
    assert cli.main(["extract", str(root), "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "manifest.csv" in err
    assert not (tmp_path / "out" / "events.csv").exists()


# --------------------------------------------------------------------------- discovery

def _loop(root):
    os.symlink(root, root / "loop")                       # a folder that contains itself
    return {root / "loop": ("skipped", "symbolic link loop: folder already read as")}


def _linked_folder(root):
    _write(root.parent / "elsewhere" / "c.txt", "Police arrested Cem.\n")
    os.symlink(root.parent / "elsewhere", root / "linked")
    return {root / "linked" / "c.txt": ("ok", "")}


def _link_to_listed_file(root):
    os.symlink(root / "a.txt", root / "z-link.txt")
    return {root / "z-link.txt": ("skipped", f"same file as {root / 'a.txt'}")}


def _fifo(root):
    os.mkfifo(root / "pipe.txt")
    return {root / "pipe.txt": ("skipped", "not a regular file (a named pipe)")}


def _not_reports(root):
    _write(root / "README.md", "Police arrested the maintainer.\n")
    _write(root / "LICENSE", "MIT\n")
    _write(root / "sub" / "CHANGELOG.txt", "Police arrested a bug.\n")
    why = "not a report (README/LICENSE/CHANGELOG); name it on the command line to read it"
    return {root / "README.md": ("skipped", why), root / "LICENSE": ("skipped", why),
            root / "sub" / "CHANGELOG.txt": ("skipped", why)}


def _broken_link(root):
    os.symlink(root / "nowhere.txt", root / "dangling.txt")
    os.symlink(root / "self.txt", root / "self.txt")
    return {root / "dangling.txt": ("skipped", "broken symbolic link"),
            root / "self.txt": ("skipped", "symbolic link loop")}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX only")
@pytest.mark.parametrize("setup", [_loop, _linked_folder, _link_to_listed_file, _fifo, _not_reports, _broken_link])
def test_every_input_path_gets_exactly_one_row(tmp_path, setup):
    root = tmp_path / "in"
    _write(root / "a.txt", REPORTS["a.txt"])
    _write(root / "b.txt", REPORTS["b.txt"])
    special = setup(root)
    out = tmp_path / "out"
    assert _extract([root], out) in (0, 1)
    log = _rows(out / "run_log.csv")
    paths = [r["path"] for r in log]
    assert len(paths) == len(set(paths))
    assert set(paths) == {str(root / "a.txt"), str(root / "b.txt")} | {str(p) for p in special}
    for p, (status, reason) in special.items():
        [row] = [r for r in log if r["path"] == str(p)]
        assert row["status"] == status and row["reason"].startswith(reason), row


@pytest.mark.parametrize("paths", [["in", "in"], ["in", "in/a.txt"], ["in/a.txt", "in"], ["in", "in/../in"]])
def test_the_same_path_named_twice_is_one_input(tmp_path, paths):
    root = tmp_path / "in"
    _write(root / "a.txt", REPORTS["a.txt"])
    assert _extract([tmp_path / p for p in paths], tmp_path / "out") == 0
    assert len(_rows(tmp_path / "out" / "run_log.csv")) == 1


def test_readme_named_explicitly_is_read(tmp_path):
    readme = _write(tmp_path / "README.md", "Police arrested the maintainer.\n")
    assert _extract([readme], tmp_path / "out") == 0
    assert len(_rows(tmp_path / "out" / "events.csv")) == 1


# --------------------------------------------------------------------------- duplicates

def _copy(root):
    shutil.copy(root / "a.txt", root / "copy.txt")
    return root / "copy.txt"


def _hard_link(root):
    os.link(root / "a.txt", root / "hard.txt")
    return root / "hard.txt"


def _html_page(root):
    return _write(root / "page.html", "<html><head><title>T</title></head><body><main><h1>Report on Ann 2019</h1>"
                  "<p>Police arrested Ann.</p><p>It was a long day for everyone.</p></main></body></html>")


def _other_encoding(root):
    return _write(root / "utf16.txt", ("## Report on Ann 2019\r\n" + REPORTS["a.txt"]
                                       + "It was a long day for everyone.\r\n").encode("utf-16"))


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("make_copy", [_copy, _hard_link, _html_page, _other_encoding])
def test_identical_texts_are_processed_once(tmp_path, make_copy, workers):
    root = tmp_path / "in"
    _write(root / "a.txt", "Report on Ann 2019\n" + REPORTS["a.txt"] + "It was a long day for everyone.\n")
    _write(root / "b.txt", REPORTS["b.txt"])
    dup = make_copy(root)
    out = tmp_path / "out"
    assert _extract([root], out, workers) == 0
    log = {r["path"]: r for r in _rows(out / "run_log.csv")}
    assert (log[str(dup)]["status"], log[str(dup)]["reason"]) == ("duplicate", f"duplicate of {root / 'a.txt'}")
    assert log[str(dup)]["n_events"] == "0"
    assert len(_rows(out / "events.csv")) == 2
    assert sorted(p.name for p in (out / "texts").iterdir()) == ["a.txt", "b.txt"]


@pytest.mark.skipif(not (STATEDEPT / "html").is_dir(), reason="needs the State Department archive")
def test_archive_html_copies_are_duplicates(tmp_path):
    pages = sorted((STATEDEPT / "html").glob("*.html"))
    texts = [STATEDEPT / p.stem[:4] / f"{p.stem[5:]}.txt" for p in pages]
    out = tmp_path / "out"
    assert _extract(texts + [STATEDEPT / "html"], out) == 0
    log = _rows(out / "run_log.csv")
    dups = {r["path"]: r["reason"] for r in log if r["status"] == "duplicate"}
    assert dups == {str(p): f"duplicate of {t}" for p, t in zip(pages, texts)}
    assert len(pages) == 6
