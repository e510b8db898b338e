"""A worker whose model fails to load must not hang the run: every document
is logged as failed and the run ends with exit code 1."""
from __future__ import annotations

import csv
import subprocess
import sys
import textwrap


def test_model_load_failure_in_workers_fails_documents_not_the_run(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for name in ("a", "b", "c"):
        (corpus / f"{name}.txt").write_text(f"Police detained activist Anna Petrova on 3 May 2019 in {name}.\n", encoding="utf-8")
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import sys
        import pipeline.nlp
        class Broken:
            def __init__(self, *a, **k):
                raise OSError("model files missing")
        pipeline.nlp.Analyzer = Broken
        from pipeline.run import extract
        sys.exit(extract([{str(corpus)!r}], {str(out)!r}, workers=2, quiet=True))
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr[-2000:]
    with open(out / "run_log.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert sorted(r["doc_id"] for r in rows) == ["a", "b", "c"]
    assert {r["status"] for r in rows} == {"failed"}
    assert all("model files missing" in r["reason"] for r in rows)
