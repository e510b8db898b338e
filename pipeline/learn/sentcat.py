"""A sentence classifier ("which event types does this sentence state?"),
trained with spaCy's own stack on our gold (issue 12).

spaCy's `textcat_multilabel` with the bag-of-words architecture: it trains in
seconds on two cores, needs no vectors, and is deterministic for a fixed seed
and data order. The model and a record of what it was trained from (the
sha256 of every gold file and of this config) are written together, so a test
can prove that the committed model belongs to the committed gold.
"""
from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from pipeline.learn.data import LABELS, Example

CONFIG = {
    "architecture": "spacy.TextCatBOW.v3",
    "ngram_size": 2,
    "length": 2 ** 16,        # hashed features: keeps the model a few MB
    "epochs": 12,
    "batch_size": 16,
    "dropout": 0.1,
    "seed": 0,
}
META = "hr_meta.json"


def build(config: dict = CONFIG):
    """A blank English pipeline holding one untrained textcat_multilabel."""
    import spacy
    nlp = spacy.blank("en")
    model = {"@architectures": config["architecture"], "exclusive_classes": False,
             "ngram_size": config["ngram_size"], "no_output_layer": False, "length": config["length"]}
    cat = nlp.add_pipe("textcat_multilabel", config={"model": model, "threshold": 0.5})
    for lab in LABELS:
        cat.add_label(lab)
    return nlp


def train(exs: list[Example], config: dict = CONFIG):
    """Train on examples; the same examples and config give the same weights."""
    from spacy.training import Example as SpacyExample
    from spacy.util import fix_random_seed, minibatch
    fix_random_seed(config["seed"])
    nlp = build(config)
    data = [SpacyExample.from_dict(nlp.make_doc(e.text), {"cats": e.cats()}) for e in exs]
    optimizer = nlp.initialize(lambda: data)
    rng = random.Random(config["seed"])
    for _ in range(config["epochs"]):
        order = data[:]
        rng.shuffle(order)
        for batch in minibatch(order, size=config["batch_size"]):
            nlp.update(batch, sgd=optimizer, drop=config["dropout"])
    return nlp


def score_texts(nlp, texts: list[str], batch_size: int = 256) -> list[dict[str, float]]:
    """Per text, the probability of each label."""
    return [dict(doc.cats) for doc in nlp.pipe(texts, batch_size=batch_size)]


def fingerprint(gold_files: list[Path], config: dict = CONFIG) -> str:
    """sha256 over the config and every gold file's name and bytes."""
    h = hashlib.sha256(json.dumps(config, sort_keys=True).encode())
    for f in sorted(gold_files, key=lambda p: p.name):
        h.update(f.name.encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    return h.hexdigest()


def save(nlp, out: Path, meta: dict) -> None:
    """The spaCy pipeline plus hr_meta.json (fingerprint, threshold, figures)."""
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    (out / META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def load(path: Path):
    """(nlp, meta) of a saved classifier."""
    import spacy
    return spacy.load(path), json.loads((path / META).read_text(encoding="utf-8"))
