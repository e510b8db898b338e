"""The cheap sentence pre-pass must not change what is extracted (issue 5):
every gold report gives the same rows with and without it."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest

from pipeline import ingest

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
INPUTS = ingest.discover([CORPUS])


@pytest.fixture(scope="module")
def full_parse(analyzer):
    """The session's Analyzer with the pre-pass off (same model, no second load)."""
    clone = copy.copy(analyzer)
    clone.prefilter = False
    return clone


@pytest.mark.parametrize("inp", INPUTS, ids=[i.doc_id for i in INPUTS])
def test_prefilter_changes_nothing(analyzer, full_parse, inp):
    doc = ingest.load(inp)
    fast = [e.to_row() for e in analyzer.analyze(doc)]
    slow = [e.to_row() for e in full_parse.analyze(doc)]
    assert fast == slow
