"""Acceptance rows on the seed report (issue 2): these must come out exactly."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import ingest

SEED = Path(__file__).resolve().parents[1] / "corpus" / "hrw-kazakhstan-upr-2019.txt"


@pytest.fixture(scope="module")
def seed_events(analyzer):
    (inp,) = [i for i in ingest.discover([SEED.parent]) if i.path.name == SEED.name]
    return analyzer.analyze(ingest.load(inp))


def _find(events, etype, target):
    return [e for e in events if e.event_type == etype and e.target == target]


@pytest.mark.parametrize("etype,target,expected", [
    ("SENTENCE", "Maks Bokaev", {"date": "2016", "sentence": "P5Y"}),
    ("SENTENCE", "Talgat Ayan", {"date": "2016", "sentence": "P5Y"}),
    ("RELEASE", "Talgat Ayan", {"date": "2018-04", "measure": "parole"}),
    ("ARREST", "Serikjan Bilash", {"date": "2019-03", "measure": "house_arrest", "charge": "inciting national discord"}),
    ("SENTENCE", "man", {"target_type": "GROUP", "target_count": "1", "date": "2018-06", "sentence": "P3D", "location": "Taldikorgan"}),
    ("DENIAL", "Sayragul Sauytbai", {"date": "2018-10"}),
])
def test_seed_row(seed_events, etype, target, expected):
    rows = _find(seed_events, etype, target)
    assert len(rows) == 1, f"{etype} {target}: {len(rows)} rows"
    assert {k: getattr(rows[0], k) for k in expected} == expected


def test_seed_has_no_row_for_hypotheticals_or_recommendations(seed_events):
    for ev in seed_events:
        assert "faces up to" not in ev.evidence
        assert not ev.evidence.lstrip().startswith("\u2022")
        assert not any(ev.evidence.startswith(v) for v in ("Release ", "Immediately release", "Repeal", "Amend"))
