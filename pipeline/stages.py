"""Stage dump (`extract --dump-stages DIR`): each stage's intermediate records as
JSONL, one folder per document, so that a change of output points at its stage.

DIR/<doc_id>/triggers.jsonl  every trigger span: kept, or the reason it was dropped
DIR/<doc_id>/names.jsonl     names found per parsed sentence (kind, rule)
DIR/<doc_id>/targets.jsonl   target candidates of each kept trigger, with the finder
DIR/<doc_id>/mentions.jsonl  event mentions before merging
DIR/<doc_id>/events.jsonl    events after merging
"""
from __future__ import annotations

import json
import re
from pathlib import Path

STAGES = ("triggers", "names", "targets", "mentions", "events")

# Set by the CLI before any worker is forked; None: no dump (the default, no cost).
DUMP_DIR: Path | None = None


def configure(path: str | Path | None) -> None:
    """Turn the dump on (a folder) or off (None) for this process and the workers it forks."""
    global DUMP_DIR
    DUMP_DIR = Path(path) if path else None
    if DUMP_DIR is not None:
        DUMP_DIR.mkdir(parents=True, exist_ok=True)


class StageDump:
    """Records of one document, written when the document is done."""

    def __init__(self) -> None:
        self.records: dict[str, list[dict]] = {s: [] for s in STAGES}

    def add(self, stage: str, **record) -> None:
        self.records[stage].append(record)

    def write(self, doc_id: str, root: Path | None = None) -> None:
        root = root or DUMP_DIR
        if root is None:
            return
        folder = Path(root) / re.sub(r"[^\w.-]", "_", doc_id)
        folder.mkdir(parents=True, exist_ok=True)
        for stage, rows in self.records.items():
            with (folder / f"{stage}.jsonl").open("w", encoding="utf-8") as fh:
                for r in rows:
                    fh.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


def new_dump() -> StageDump | None:
    """A StageDump when dumping is on, else None."""
    return StageDump() if DUMP_DIR is not None else None
