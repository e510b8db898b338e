"""Shared fixtures: the spaCy pipeline is loaded once per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import Document


@pytest.fixture(scope="session")
def analyzer():
    """One Analyzer (one model load) for the whole session."""
    from pipeline.nlp import Analyzer
    return Analyzer()


@pytest.fixture(scope="session")
def extract(analyzer):
    """extract(text, year) -> list of Events for a small in-memory report."""
    def run(text: str, year: int | None = 2019, doc_id: str = "t"):
        return analyzer.analyze(Document(doc_id=doc_id, path=Path(f"{doc_id}.txt"), text=text, report_year=year))
    return run
