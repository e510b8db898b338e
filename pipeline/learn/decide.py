"""The learned layer at run time: the sentence classifier in the decision slot.

`make train` writes the classifier to pipeline/models/sentcat/ with the
combination that cross-validation by country chose (hr_meta.json: `mode`
"rules", "both" or "boost", and the threshold). With "boost", a sentence scoring at
least the threshold gets the looser pass of pipeline/learn/booster.py. With "both", a candidate the rules
found is kept only when the classifier gives its evidence sentence a
probability of stating an event of at least the threshold; a kept event
carries `sentcat:<score>` in rule_ids so a reviewer can sort doubtful rows
first. With "rules", or without a model, nothing changes.
"""
from __future__ import annotations

import json
from pathlib import Path

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "sentcat"


class SentenceVeto:
    """Keep a mention when its evidence sentence scores >= threshold (one score per sentence)."""

    def __init__(self, nlp, threshold: float):
        from pipeline.learn.booster import ModelScores
        self.scores = ModelScores(nlp)
        self.threshold = threshold

    def score(self, text: str) -> float:
        return self.scores("", 0, 0, text)

    def __call__(self, mention) -> bool:
        s = self.score(mention.event.evidence)
        if s < self.threshold:
            return False
        mention.event.rule_ids.append(f"sentcat:{s:.2f}")
        return True


def load_decision(path: Path = MODEL_DIR) -> tuple[str, SentenceVeto | None]:
    """(mode, model) from a trained classifier; ("rules", None) when there is none
    or cross-validation chose the rules alone."""
    meta_path = path / "hr_meta.json"
    if not meta_path.is_file():
        return "rules", None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("mode", "rules") == "rules":
        return "rules", None
    import spacy
    nlp = spacy.load(path)   # once per process (the Analyzer is built once per worker)
    if meta["mode"] == "boost":
        from pipeline.learn.booster import Booster, ModelScores
        return "boost", Booster(ModelScores(nlp), float(meta["threshold"]))
    return meta["mode"], SentenceVeto(nlp, float(meta["threshold"]))
