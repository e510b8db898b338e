"""Golden outputs (issue 8): events.csv and people.csv of corpus/ and of a fixed
sample of State Department reports, frozen before the architecture refactor,
must come out byte for byte the same.

Regenerate (only when a change of output is intended and explained):
    HR_GOLDEN_UPDATE=1 .venv/bin/python -m pytest -q tests/test_golden.py
The sample list is tests/golden/statedept_sample.txt (paths relative to the
archive, HR_STATEDEPT, default ../shared/statedept beside the repository).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.run import extract

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
STATEDEPT = Path(os.environ.get("HR_STATEDEPT", ROOT.parent / "shared" / "statedept"))
if not STATEDEPT.is_dir():
    STATEDEPT = Path("/work/shared/statedept")
FILES = ("events.csv", "people.csv")
UPDATE = os.environ.get("HR_GOLDEN_UPDATE") == "1"


def _sample_paths() -> list[str]:
    names = [ln.strip() for ln in (GOLDEN / "statedept_sample.txt").read_text().splitlines() if ln.strip()]
    return [str(STATEDEPT / n) for n in names]


def _check(name: str, paths: list[str], tmp_path: Path) -> None:
    out = tmp_path / name
    extract(paths, out, workers=1, quiet=True)
    want_dir = GOLDEN / name
    for f in FILES:
        got = (out / f).read_bytes()
        if UPDATE:
            want_dir.mkdir(parents=True, exist_ok=True)
            (want_dir / f).write_bytes(got)
            continue
        want = (want_dir / f).read_bytes()
        if got != want:
            got_lines, want_lines = got.decode().splitlines(), want.decode().splitlines()
            diff = [f"- {w}\n+ {g}" for w, g in zip(want_lines, got_lines) if w != g][:5]
            pytest.fail(f"{name}/{f} differs from the golden file ({len(want_lines)} vs {len(got_lines)} lines):\n"
                        + "\n".join(diff))


def test_golden_corpus(tmp_path):
    _check("corpus", [str(ROOT / "corpus")], tmp_path)


@pytest.mark.skipif(not STATEDEPT.is_dir(), reason="State Department archive not present")
def test_golden_statedept_sample(tmp_path):
    paths = _sample_paths()
    assert len(paths) >= 40
    _check("statedept", paths, tmp_path)
