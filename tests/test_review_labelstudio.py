"""The Label Studio loop (issue 9) against fixtures a real server produced once.

tests/fixtures/review/run/ is a run of corpus/hrw-kazakhstan-upr-2019.txt;
tasks.json and tasks.config.xml are what `review export` wrote for it, and
labelstudio_export.json is what Label Studio 1.23.2 exported after the tasks
were imported and every prediction saved unchanged as the annotation
(`make test-review` repeats that against a live server; `tools/ls_roundtrip.py
--save-fixtures` rewrites these files).
"""
from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.cli import main as cli_main
from pipeline.review import labelstudio, lsimport
from pipeline.review.data import read_rows

FIX = Path(__file__).parent / "fixtures" / "review"
RUN = FIX / "run"


@pytest.fixture(scope="module")
def server_export() -> list[dict]:
    return json.loads((FIX / "labelstudio_export.json").read_text(encoding="utf-8"))


def test_tasks_are_what_the_server_was_given():
    assert labelstudio.build_tasks(RUN) == json.loads((FIX / "tasks.json").read_text(encoding="utf-8"))
    assert labelstudio.labeling_config() == (FIX / "tasks.config.xml").read_text(encoding="utf-8")


def _config_names() -> dict[str, set[str]]:
    root = ET.fromstring(labelstudio.labeling_config())
    names: dict[str, set[str]] = {}
    for el in root.iter():
        if el.get("name") and el.get("toName"):
            names[el.get("name")] = {c.get("value") for c in el.iter() if c.tag in ("Label", "Choice")}
    names["relation"] = {r.get("value") for r in root.iter("Relation")}
    return names


@pytest.mark.parametrize("kind, from_name", [("labels", "span"), ("choices", "event_type"), ("choices", "measure"),
                                             ("choices", "target_type"), ("textarea", "value"),
                                             ("relation", None)])
def test_every_result_item_is_declared_in_the_config_and_kept_by_the_server(server_export, kind, from_name):
    names = _config_names()
    given = {t["data"]["order"]: t for t in json.loads((FIX / "tasks.json").read_text(encoding="utf-8"))}
    seen = 0
    for task in server_export:
        annotation = task["annotations"][0]
        assert task["data"] == given[task["data"]["order"]]["data"]
        assert annotation["result"] == given[task["data"]["order"]]["predictions"][0]["result"]   # kept unchanged
        regions = {i["id"] for i in annotation["result"] if i["type"] == "labels"}
        for item in annotation["result"]:
            if item["type"] != kind or (from_name and item["from_name"] != from_name):
                continue
            seen += 1
            if kind == "relation":
                assert item["from_id"] in regions and item["to_id"] in regions
                assert set(item["labels"]) <= names["relation"]
                continue
            assert item["to_name"] == "text" and item["from_name"] in names
            v = item["value"]
            assert task["data"]["text"][v["start"]:v["end"]]           # a region of the paragraph
            values = v.get("labels") or v.get("choices") or []
            assert set(values) <= names[item["from_name"]]
    assert seen, f"no {kind} {from_name} items in the fixture"


def test_the_server_export_converts_back_to_the_extractor_rows(server_export):
    rows, n_read, n_skipped = lsimport.convert(server_export)
    events = read_rows(RUN / "events.csv")
    assert (n_read, n_skipped) == (len(server_export), 0)
    assert [{c: r[c] for c in lsimport.GOLD_COLUMNS} for r in rows] == \
           [{c: e[c] for c in lsimport.GOLD_COLUMNS} for e in events]


PARA = "On March 3, police detained Maks Bokaev in Almaty. Later Bokaev was sentenced to five years for “Inciting Discord”."


def _region(rid, label, text, start, end):
    return {"id": rid, "from_name": "span", "to_name": "text", "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _area(rid, lines, start=0, end=1):
    return {"id": rid, "from_name": "value", "to_name": "text", "type": "textarea",
            "value": {"start": start, "end": end, "text": lines}}


def _choice(rid, name, value, start, end):
    return {"id": rid, "from_name": name, "to_name": "text", "type": "choices",
            "value": {"start": start, "end": end, "choices": [value]}}


def _rel(a, b, label):
    return {"type": "relation", "from_id": a, "to_id": b, "direction": "right", "labels": [label]}


def _task(extra: list[dict], event_type="SENTENCE", annotations=True, cancelled=False):
    t0 = PARA.index("sentenced")
    t1 = t0 + len("sentenced")
    result = [_region("ev1", "TRIGGER", PARA, t0, t1), _choice("ev1", "event_type", event_type, t0, t1),
              _region("known", "TARGET", PARA, PARA.index("Maks"), PARA.index(" in Almaty")),
              _area("known", ["Maks Bokaev"])] + extra
    task = {"id": 1, "data": {"text": PARA, "doc_id": "kz", "para_start": 100, "order": 0, "report_year": "2019",
                              "sentences": [[0, PARA.index(" Later")]]}}
    task["annotations" if annotations else "predictions"] = [{"result": result, "was_cancelled": cancelled}]
    return task


def _span(label, written, value=None):
    s = PARA.index(written)
    items = [_region("new", label, PARA, s, s + len(written)), _rel("ev1", "new", label.lower())]
    if value is not None:
        items.append(_area("new", [value], s, s + len(written)))
    return items


@pytest.mark.parametrize("extra, column, expected", [
    (_span("TARGET", "Bokaev"), "target", "Maks Bokaev"),           # canonical: the fullest spelling in the document
    (_span("TARGET", "Bokaev", "Maks Bokaev"), "target", "Maks Bokaev"),
    (_span("DATE", "March 3"), "date", "2019-03-03"),               # anchored on the report's year
    (_span("DATE", "March 3"), "date_text", "March 3"),
    (_span("DATE", "March 3", "March 2019"), "date", "2019-03"),    # a value typed as words is normalized too
    (_span("TERM", "five years"), "sentence", "P5Y"),
    (_span("TERM", "five years", "P4Y"), "sentence", "P4Y"),        # the analyst's value wins
    (_span("CHARGE", "“Inciting Discord”"), "charge", "inciting discord"),
    (_span("CHARGE", "“Inciting Discord”", "alleged inciting discord"), "charge", "alleged inciting discord"),
    (_span("PLACE", "Almaty", "BiH."), "location", "BiH."),               # a given value is kept as it is
    (_span("PLACE", "Almaty"), "location", "Almaty"),
    ([_area("ev1", ["agent=court", "charge_article=Criminal Code Article 174", "bogus=1"])], "agent", "court"),
    ([_area("ev1", ["charge_article=Criminal Code Article 174"])], "charge_article", "Criminal Code Article 174"),
    ([], "measure", "imprisonment"),                                # the spec's default for SENTENCE
    ([], "target", ""),                                             # no relation: no target
    ([], "evidence", "Later Bokaev was sentenced to five years for “Inciting Discord”."),
    ([], "char_start", str(100 + PARA.index("Later"))),
])
def test_corrections_become_gold_in_the_spec_form(extra, column, expected):
    rows, _, _ = lsimport.convert([_task(extra)])
    assert len(rows) == 1
    assert rows[0][column] == expected


@pytest.mark.parametrize("kwargs, use_predictions, n_rows, n_skipped", [
    ({}, False, 1, 0),
    ({"cancelled": True}, False, 0, 1),
    ({"annotations": False}, False, 0, 1),
    ({"annotations": False}, True, 1, 0),
])
def test_which_tasks_count(kwargs, use_predictions, n_rows, n_skipped):
    rows, _, skipped = lsimport.convert([_task([], **kwargs)], use_predictions)
    assert (len(rows), skipped) == (n_rows, n_skipped)


def test_a_deleted_trigger_deletes_its_row_and_a_changed_choice_changes_it(server_export):
    edited = copy.deepcopy(server_export)
    result = edited[0]["annotations"][0]["result"]
    edited[0]["annotations"][0]["result"] = [i for i in result if i.get("id") != "ev1" and i.get("from_id") != "ev1"]
    for item in edited[1]["annotations"][0]["result"]:
        if item.get("id") == "ev1" and item.get("from_name") == "event_type":
            item["value"]["choices"] = ["ACQUIT"]
    before, _, _ = lsimport.convert(server_export)
    after, _, _ = lsimport.convert(edited)
    assert len(after) == len(before) - 1
    first_of_task_2 = sum(1 for i in result if i["type"] == "labels" and i["value"]["labels"] == ["TRIGGER"]) - 1
    assert after[first_of_task_2]["event_type"] == "ACQUIT"


@pytest.mark.parametrize("content, code", [("[]", 0), ("{\"not\": \"a list\"}", 2), ("not json", 2),
                                           ("[{\"id\": 1, \"data\": {}}]", 2)])
def test_review_import_cli(tmp_path, content, code):
    src = tmp_path / "export.json"
    src.write_text(content, encoding="utf-8")
    gold = tmp_path / "gold" / "x.csv"
    assert cli_main(["review", "import", str(src), "--gold", str(gold)]) == code
    assert gold.exists() is (code == 0)


def test_review_export_cli(tmp_path):
    target = tmp_path / "tasks.json"
    assert cli_main(["review", "export", str(RUN), "--to", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == labelstudio.build_tasks(RUN)
    assert (tmp_path / "tasks.config.xml").read_text(encoding="utf-8") == labelstudio.labeling_config()
    assert cli_main(["review", "export", str(tmp_path / "nothing"), "--to", str(target)]) == 2
