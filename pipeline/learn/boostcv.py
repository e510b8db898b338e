"""The recall booster measured honestly (issue 12): the extractor is run on the dev
passages with out-of-fold sentence scores (pipeline/learn/booster.py reads them from
HR_EVENTS_SENTENCE_SCORES), once per threshold, and its events are scored against
the gold like the rules' own. No sentence is ever scored by a model that saw its country.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from pipeline.learn.booster import SCORES_ENV, THRESHOLD_ENV

BOOST_THRESHOLDS = (0.2, 0.3, 0.5, 0.7)


def write_scores(index: dict, path: Path) -> Path:
    """{doc_id: [[start, end, score], ...]} as the booster reads it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({d: [list(r) for r in rows] for d, rows in sorted(index.items())}), encoding="utf-8")
    return path


def boosted_predictions(inputs: list[Path], scores: Path, t: float, out: Path) -> Path:
    """events.csv of the extractor on `inputs` with the booster at threshold t."""
    env = dict(os.environ, **{SCORES_ENV: str(scores), THRESHOLD_ENV: str(t)})
    env.pop("HR_EVENTS_RULES_ONLY", None)
    cmd = [sys.executable, "-m", "pipeline", "extract", *map(str, inputs), "--out", str(out), "--quiet"]
    subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL)
    events = out / "events.csv"
    if not events.is_file():
        raise RuntimeError(f"booster cross-validation: extraction at t={t} wrote no {events}")
    return events


def booster_rows(gold, inputs: list[Path], index: dict, work: Path,
                 thresholds=BOOST_THRESHOLDS) -> list[tuple]:
    """[("boost", t, overall scores)] for each threshold, from out-of-fold scores."""
    from pipeline.evaluate import load_predictions, score
    scores = write_scores(index, work / "oof-scores.json")
    rows = []
    for t in thresholds:
        events = boosted_predictions(inputs, scores, t, work / f"boost-{t}")
        preds = [p for p in load_predictions(events) if p.doc_id in gold.texts]
        rows.append(("boost", t, score(gold, preds).overall))
    return rows
