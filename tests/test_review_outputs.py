"""report.html and events.xlsx (issue 9): structure, escaping, agreement with the CSVs."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline import export
from pipeline.review import data, report, workbook
from pipeline.schema import EVENT_COLUMNS, PEOPLE_COLUMNS

PARA = ("Background first. On March 3, 2019, the Khujand City Court sentenced journalist Daler Imomov "
        "to 10 years in prison on charges of “extremism”. Later text.")
EVIDENCE = ("On March 3, 2019, the Khujand City Court sentenced journalist Daler Imomov to 10 years in prison "
            "on charges of “extremism”.")
HOSTILE = [
    "</script><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "a & b <!-- c --> \u2028 d",
]


def _event(i: int, **kw) -> dict[str, str]:
    row = {c: "" for c in EVENT_COLUMNS}
    row.update(event_id=f"doc-{i:03d}", doc_id="doc", event_type="SENTENCE", target="Daler Imomov",
               target_type="PERSON", date="2019-03-03", date_text="March 3, 2019", charge="extremism",
               sentence="P10Y", measure="imprisonment", location="Khujand", agent="khujand city court",
               evidence=EVIDENCE, char_start=str(PARA.index(EVIDENCE)),
               char_end=str(PARA.index(EVIDENCE) + len(EVIDENCE)), rule_ids="ner:PERSON;sentence-verb")
    row.update(kw)
    return row


def _run_dir(tmp_path: Path, events: list[dict[str, str]]) -> Path:
    out = tmp_path / "out"
    with export.AtomicCSV(out / "events.csv", EVENT_COLUMNS) as f:
        for e in events:
            f.write(e)
    with export.AtomicCSV(out / "people.csv", PEOPLE_COLUMNS) as f:
        f.write({"person": "Daler Imomov", "aliases": "", "roles": "journalist", "doc_ids": "doc",
                 "n_events": len(events), "first_event_date": "2019-03-03"})
    with export.AtomicCSV(out / "run_log.csv", export.RUN_LOG_COLUMNS) as f:
        f.write({"path": "doc.txt", "doc_id": "doc", "status": "ok", "n_events": len(events)})
        f.write({"path": "bad.txt", "doc_id": "bad", "status": "skipped", "reason": "empty"})
    export.write_text(out, "doc", PARA)
    return out


def _page_data(page: str) -> dict:
    m = re.search(r"<script type='application/json' id='data'>(.*?)</script>", page, re.S)
    assert m, "no data block"
    return json.loads(m.group(1))


def test_report_is_self_contained_and_matches_the_csv(tmp_path):
    out = _run_dir(tmp_path, [_event(1), _event(2, event_type="CONVICT", date="2019-02")])
    page = report.render(out)
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from anywhere: no external script, style, image, font or frame
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)
    assert not re.search(r"url\(|@import|https?://(?!www\.w3\.org/2000/svg)", page)
    assert "default-src 'none'" in page
    d = _page_data(page)
    ids = [r[d["fields"].index("event_id")] for r in d["rows"]]
    assert ids == ["doc-001", "doc-002"]
    assert page.count("<svg") == 3                  # by type, by year, per document
    for fig, value in (("documents", 2), ("ok", 1), ("skipped", 1), ("failed", 0), ("events", 2), ("people", 1)):
        assert re.search(rf'data-fig="{fig}"><b>{value}</b>', page), fig
    assert d["people"] == [["Daler Imomov", [1, 0]]]   # the timeline in date order: 2019-02 before 2019-03-03


@pytest.mark.parametrize("column", ["target", "evidence", "charge", "doc_id", "rule_ids"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_report_escapes_report_text(tmp_path, column, hostile):
    out = _run_dir(tmp_path, [_event(1, **{column: hostile})])
    page = report.render(out)
    head, _, rest = page.partition("<script type='application/json'")
    payload = rest.split("</script>", 1)[0]
    assert "<" not in payload[len(" id='data'>"):]       # the JSON cannot close its script element
    for dangerous in ("<script>alert", "<img src=x", "<svg onload"):
        assert dangerous not in head
    d = _page_data(page)
    assert d["rows"][0][d["fields"].index(column)] == hostile     # shown as written, not altered


def test_a_very_long_line_is_cut_around_the_evidence(tmp_path):
    long_para = "x " * 50_000 + PARA + " y" * 50_000
    out = _run_dir(tmp_path, [_event(1, char_start=str(long_para.index(EVIDENCE)),
                                     char_end=str(long_para.index(EVIDENCE) + len(EVIDENCE)))])
    export.write_text(out, "doc", long_para)
    d = report.page_data(out, data.read_rows(out / "events.csv"), [])
    para = d["paras"][0]
    assert len(para) <= len(EVIDENCE) + 2 * data.CONTEXT_CHARS
    es, ee = d["rows"][0][-3:-1]
    assert para[es:ee] == EVIDENCE


@pytest.mark.parametrize("overrides, label, written", [
    ({}, "TARGET", "Daler Imomov"),
    ({}, "DATE", "March 3, 2019"),
    ({}, "CHARGE", "extremism"),
    ({}, "TERM", "10 years"),
    ({}, "PLACE", "Khujand"),
    ({}, "TRIGGER", "sentenced"),
    ({"target": "Daler Imomov", "evidence": EVIDENCE.replace("Daler Imomov", "Imomov")}, "TARGET", "Imomov"),
    ({"charge": "extremism", "evidence": EVIDENCE.replace("“extremism”", "'Extremism'")}, "CHARGE", "Extremism"),
    ({"sentence": "P7Y6M", "evidence": EVIDENCE.replace("10 years", "seven and a half years")},
     "TERM", "seven and a half years"),
    ({"rule_ids": "", "event_type": "SENTENCE"}, "TRIGGER", "sentenced"),
])
def test_spans_are_found_in_the_evidence(overrides, label, written):
    row = _event(1, **overrides)
    spans = {lb: row["evidence"][s:e] for lb, s, e in data.find_spans(row, row["evidence"])}
    assert spans[label] == written


@pytest.mark.parametrize("column, label", [("date_text", "DATE"), ("charge", "CHARGE"), ("location", "PLACE"),
                                           ("sentence", "TERM")])
def test_a_value_not_written_in_the_evidence_has_no_span(column, label):
    row = _event(1, **{column: "P3D" if column == "sentence" else "nowhere in it"})
    assert label not in {lb for lb, _, _ in data.find_spans(row, row["evidence"])}


@pytest.mark.parametrize("column, value", [
    ("date", "2019-03"), ("date", "2019"), ("date", "2019-03-03"), ("target_count", "57"), ("sentence", "P5Y"),
    ("charge", "=HYPERLINK(\"http://evil.example\")"), ("target", "+cmd|' /C calc'!A0"), ("agent", "@SUM(A1)"),
    ("amount", "-5"), ("amount", "1,275"), ("evidence", "\u2028 “quoted” — text"),
])
def test_workbook_cells_are_the_csv_cells_as_text(tmp_path, column, value):
    import openpyxl
    import pandas as pd
    out = _run_dir(tmp_path, [_event(1, **{column: value})])
    workbook.write_workbook(out)
    wb = openpyxl.load_workbook(out / "events.xlsx")
    ws = wb["events"]
    cell = ws.cell(row=2, column=EVENT_COLUMNS.index(column) + 1)
    assert cell.data_type == "s"                              # text, never a number, date or formula
    assert cell.value == export.neutralize(value)             # the CSV's own escape, exactly
    sheets = pd.read_excel(out / "events.xlsx", sheet_name=None, dtype=str, keep_default_na=False)
    for name in workbook.SHEETS:
        csv_frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert sheets[name].equals(csv_frame), name


@pytest.mark.parametrize("sheet", workbook.SHEETS)
def test_workbook_sheets_have_frozen_header_filter_and_widths(tmp_path, sheet):
    import openpyxl
    out = _run_dir(tmp_path, [_event(1), _event(2)])
    workbook.write_workbook(out)
    ws = openpyxl.load_workbook(out / "events.xlsx")[sheet]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{ws.max_row}"
    widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
    assert all(workbook.MIN_WIDTH <= w <= workbook.MAX_WIDTH for w in widths)


def test_workbook_of_a_run_without_events(tmp_path):
    import pandas as pd
    out = _run_dir(tmp_path, [])
    workbook.write_workbook(out)
    frame = pd.read_excel(out / "events.xlsx", sheet_name="events", dtype=str)
    assert list(frame.columns) == list(EVENT_COLUMNS) and frame.empty


def test_workbook_bytes_do_not_depend_on_the_clock(tmp_path):
    """openpyxl dates docProps/core.xml's `modified` when it saves: the workbook fixes it,
    so two runs a second apart write the same bytes."""
    import time
    out = _run_dir(tmp_path, [])
    first = workbook.workbook_bytes(out)
    time.sleep(1.1)
    assert workbook.workbook_bytes(out) == first


def test_extract_writes_report_and_workbook_next_to_the_csv(tmp_path):
    import pandas as pd
    from pipeline import run
    src = tmp_path / "in" / "kz-2019.txt"
    src.parent.mkdir()
    src.write_text("KAZAKHSTAN 2019\n\n" + EVIDENCE + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run.extract([str(src)], out, workers=1, quiet=True) == 0
    events = pd.read_csv(out / "events.csv", dtype=str, keep_default_na=False)
    assert len(events) >= 1
    assert pd.read_excel(out / "events.xlsx", sheet_name="events", dtype=str,
                         keep_default_na=False).equals(events)
    d = _page_data((out / "report.html").read_text(encoding="utf-8"))
    assert [r[0] for r in d["rows"]] == list(events["event_id"])


@pytest.mark.parametrize("years, bars", [
    ({"2019": 2, "undated": 1}, [("2019", 2), ("undated", 1)]),
    ({str(y): 1 for y in range(2000, 2016)}, [(str(y), 1) for y in range(2000, 2016)]),
    ({**{str(y): 1 for y in range(1990, 2020)}, "undated": 4},
     [("before 2005", 15)] + [(str(y), 1) for y in range(2005, 2020)] + [("undated", 4)]),
])
def test_year_chart_keeps_at_most_16_dated_bars(years, bars):
    from collections import Counter
    assert report._collapse_years(Counter(years)) == bars


@pytest.mark.parametrize("gap", [10, 5_000])
def test_two_events_in_one_long_line_each_get_their_evidence(tmp_path, gap):
    from pipeline.review import labelstudio
    other = "Police detained Ales Bialiatski in Minsk."
    line = PARA + " z" * gap + " " + other
    s2 = line.index(other)
    out = _run_dir(tmp_path, [_event(1), _event(2, event_type="ARREST", target="Ales Bialiatski", evidence=other,
                                                 char_start=str(s2), char_end=str(s2 + len(other)),
                                                 date="", date_text="", charge="", sentence="", location="Minsk")])
    export.write_text(out, "doc", line)
    d = report.page_data(out, data.read_rows(out / "events.csv"), [])
    for row, evidence in zip(d["rows"], (EVIDENCE, other)):
        para, es, ee = d["paras"][row[-4]], row[-3], row[-2]
        assert para[es:ee] == evidence
    tasks = labelstudio.build_tasks(out)
    assert len(tasks) == (1 if gap == 10 else 2)
    assert sum(len(t["data"]["event_ids"]) for t in tasks) == 2


@pytest.mark.parametrize("scores, has_score", [(None, False), (["0.91", "0.12"], True), (["", ""], False)])
def test_a_score_column_is_shown_when_events_csv_has_one(tmp_path, scores, has_score):
    import csv
    out = _run_dir(tmp_path, [_event(1), _event(2)])
    if scores is not None:
        rows = data.read_rows(out / "events.csv", raw=True)
        with open(out / "events.csv", "w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(EVENT_COLUMNS) + ["score"])
            w.writeheader()
            for row, score in zip(rows, scores):
                w.writerow({**row, "score": score})
    d = report.page_data(out, data.read_rows(out / "events.csv"), [])
    assert d["has_score"] is has_score
    assert [r[d["fields"].index("score")] for r in d["rows"]] == (scores or ["", ""])


@pytest.mark.parametrize("broken, kept", [("write_report", "events.xlsx"), ("write_workbook", "report.html")])
def test_a_failing_review_writer_leaves_the_csvs_and_the_other_output(tmp_path, monkeypatch, capsys, broken, kept):
    import pipeline.review.report
    import pipeline.review.workbook
    from pipeline.review import write_outputs
    out = _run_dir(tmp_path, [_event(1)])
    module = pipeline.review.report if broken == "write_report" else pipeline.review.workbook

    def boom(out_dir):
        raise OSError("disk full")
    monkeypatch.setattr(module, broken, boom)
    assert write_outputs(out) is False
    assert "could not write" in capsys.readouterr().err
    assert (out / kept).exists() and (out / "events.csv").exists()
