"""The gold tooling of issue 12: the passage draw is reproducible, agreement is the spec's score."""
from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT.parent / "shared" / "statedept"
HEADER = ("doc_id,event_type,target,target_type,target_count,target_role,date,date_text,charge,"
          "charge_article,sentence,measure,amount,location,agent,evidence")
sys.path.insert(0, str(ROOT / "tools"))


@pytest.mark.skipif(not ARCHIVE.is_dir(), reason="the State Department archive is not beside the repo")
def test_draw_rebuilds_the_committed_manifest(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "tools" / "sample_passages.py"), "--archive", str(ARCHIVE),
                    "--out", str(tmp_path)], check=True, capture_output=True)
    assert filecmp.cmp(tmp_path / "manifest.csv", ROOT / "gold" / "real" / "manifest.csv", shallow=False)
    rows = list(csv.DictReader(open(tmp_path / "manifest.csv", encoding="utf-8")))
    assert len({r["country"] for r in rows}) >= 30
    assert {r["report_year"] for r in rows} == {"2019", "2023"}
    for r in rows:
        text = (tmp_path / "texts" / f"{r['doc_id']}.txt").read_text(encoding="utf-8")
        assert 3000 <= len(text) <= 5000
        src = (ARCHIVE / r["source_path"]).read_text(encoding="utf-8")
        assert src[int(r["char_start"]):int(r["char_end"])] == text
        assert int(r["char_start"]) == 0 or src[int(r["char_start"]) - 1] == "\n"
    by_country = {}
    for r in rows:
        by_country.setdefault(r["country"], set()).add(r["split"])
    assert all(len(s) == 1 for s in by_country.values())


TEXT = "On May 3, police arrested Ana Lopez in Quito. On June 9, a court sentenced Ana Lopez to two years."
ROWS_A = [
    "t,ARREST,Ana Lopez,PERSON,,,2019-05-03,May 3,,,,custody,,Quito,police,police arrested Ana Lopez",
    "t,SENTENCE,Ana Lopez,PERSON,,,2019-06-09,June 9,,,P2Y,imprisonment,,,court,a court sentenced Ana Lopez",
]


@pytest.mark.parametrize("rows_b, event_f1, argument_f1", [
    (ROWS_A, 1.0, 1.0),                                             # identical
    (ROWS_A[:1], 0.6667, 0.6667),          # B missed the sentence: 4 of 8 items, P 1, R 0.5
    ([ROWS_A[0].replace("2019-05-03", "2019-05"), ROWS_A[1]], 1.0, 0.875),   # one date: 7 of 8
])
def test_agreement_is_the_spec_score(tmp_path, rows_b, event_f1, argument_f1):
    from agreement import agreement
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "t.txt").write_text(TEXT, encoding="utf-8")
    for name, rows in (("a", ROWS_A), ("b", rows_b)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "t.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    res = agreement(tmp_path / "a", tmp_path / "b", texts)
    assert res["event_f1"] == event_f1
    assert res["argument_f1"] == argument_f1


@pytest.mark.parametrize("measure, ok", [("death_penalty", True), ("imprisonment", True), ("death", False)])
def test_gold_accepts_the_spec_measures(tmp_path, measure, ok):
    from pipeline.evaluate import GoldError, load_gold
    (tmp_path / "t.txt").write_text("A court sentenced Ana Lopez to death.", encoding="utf-8")
    row = f"t,SENTENCE,Ana Lopez,PERSON,,,,,,,,{measure},,,court,A court sentenced Ana Lopez to death."
    (tmp_path / "g.csv").write_text(HEADER + "\n" + row + "\n", encoding="utf-8")
    if ok:
        assert load_gold(tmp_path / "g.csv", tmp_path).rows[0].slots["measure"] == measure
    else:
        with pytest.raises(GoldError):
            load_gold(tmp_path / "g.csv", tmp_path)
