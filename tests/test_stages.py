"""--dump-stages writes each stage's records as JSONL (issue 8)."""
from __future__ import annotations

import json
from pathlib import Path

from pipeline import stages
from pipeline.cli import main

TEXT = ("On March 3, 2020, the Khujand City Court sentenced journalist Daler Imomov to 10 years in prison.\n"
        "The authorities should release all political prisoners.\n")


def test_dump_stages(tmp_path):
    src = tmp_path / "in" / "report-2020.txt"
    src.parent.mkdir()
    src.write_text(TEXT)
    try:
        rc = main(["extract", str(src), "--out", str(tmp_path / "out"), "--quiet", "--workers", "1",
                   "--dump-stages", str(tmp_path / "dump")])
    finally:
        stages.configure(None)
    assert rc == 0
    folders = list((tmp_path / "dump").iterdir())
    assert len(folders) == 1
    for stage in stages.STAGES:
        assert (folders[0] / f"{stage}.jsonl").is_file()
    triggers = [json.loads(x) for x in (folders[0] / "triggers.jsonl").read_text().splitlines()]
    assert any(t["kept"] and t["label"] == "SENTENCE" for t in triggers)
    targets = [json.loads(x) for x in (folders[0] / "targets.jsonl").read_text().splitlines()]
    assert any(x["text"] == "Daler Imomov" for t in targets for x in t["targets"])
    events = [json.loads(x) for x in (folders[0] / "events.jsonl").read_text().splitlines()]
    assert [e["event_type"] for e in events] == ["SENTENCE"]
