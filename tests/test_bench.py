"""The benchmark's corpus tools and bench.json (on a tiny sample), and
byte-identical output whatever the number of workers."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from pipeline import bench, run

REPORT = """## Arbitrary Arrest or Detention
On March 3, 2019, police in Almaty detained activist Talgat Ayan after a protest.
On May 10, 2019, the Almaty City Court sentenced blogger Maks Bokaev to five years in prison on charges of inciting social discord.
In June 2019, authorities released Ayan on parole.
The government generally respected these provisions.
"""


def _fake_root(tmp_path: Path, per_year: int = 2) -> Path:
    root = tmp_path / "statedept"
    rows = []
    for year in (2019, 2023):
        (root / str(year)).mkdir(parents=True)
        for i, country in enumerate(["borduria", "syldavia", "tomainia"][:per_year]):
            text = REPORT.replace("Almaty", country.title()).replace("2019", str(year)) * (i + 1)
            rel = f"{year}/{country}.txt"
            (root / rel).write_text(text, encoding="utf-8")
            rows.append({"path": rel, "doc_id": f"statedept-{year}-{country}", "report_year": year})
    with (root / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["path", "doc_id", "report_year"])
        w.writeheader()
        w.writerows(rows)
    return root


def test_vary_text_is_deterministic_and_keeps_word_count():
    assert bench.vary_text(REPORT, 0) == REPORT
    a, b = bench.vary_text(REPORT, 3), bench.vary_text(REPORT, 3)
    assert a == b
    assert a != REPORT and a != bench.vary_text(REPORT, 4)
    assert bench.count_words(a) == bench.count_words(REPORT)
    assert "Talgat" not in a and "Almaty" not in a          # names varied
    assert "June" in a and "2016" in a and "2019" not in a  # months rotated, years moved back by 3
    assert "police" in a and "sentenced" in a               # lowercase words untouched


def test_select_sample_alternates_years_until_the_budget(tmp_path):
    root = _fake_root(tmp_path, per_year=3)
    sample = bench.select_sample(root, min_words=1)
    assert [s["path"] for s in sample] == ["2019/borduria.txt"]
    words = bench.count_words(REPORT)
    sample = bench.select_sample(root, min_words=2 * words + 1)
    assert [s["path"] for s in sample] == ["2019/borduria.txt", "2023/borduria.txt", "2019/syldavia.txt"]
    assert [s["report_year"] for s in sample] == [2019, 2023, 2019]
    with pytest.raises(SystemExit):
        bench.select_sample(root, min_words=10**6)


def test_write_corpus_is_deterministic(tmp_path):
    root = _fake_root(tmp_path)
    sample = bench.select_sample(root, min_words=100)
    n1 = bench.write_corpus(root, sample, tmp_path / "a", multiplier=3)
    n2 = bench.write_corpus(root, sample, tmp_path / "b", multiplier=3)
    assert n1 == n2 == 3 * sum(s["words"] for s in sample)
    files = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert files == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len(files) == 3 * len(sample) + 1
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    rows = list(csv.DictReader((tmp_path / "a" / "manifest.csv").open(encoding="utf-8")))
    assert {r["report_year"] for r in rows if r["path"].startswith("k02-statedept-2019")} == {"2017"}


def test_bench_json_keys_on_a_tiny_sample(tmp_path, monkeypatch):
    """The whole bench on four tiny files, children faked (no model loads): the plumbing and keys."""
    root = _fake_root(tmp_path)
    calls = []

    def fake_child(args, interval=0.05):
        calls.append(args)
        base = {"wall_s": 2.0, "cpu_s": 2.0, "load_s": 1.0, "load_average_before": 0.0, "ru_maxrss_mb": {"self": 100.0, "children": 0.0},
                "peak_tree_rss_mb": 100.0}
        if args[0] == "spacy":
            return {**base, "wall_s": 4.0, "pipeline": ["tok2vec"], "words": 0, "tokens": 0}
        out = Path(args[2])
        out.mkdir(parents=True, exist_ok=True)
        for f in ("events.csv", "people.csv", "run_log.csv"):
            (out / f).write_text("x\r\n", encoding="utf-8")
        return {**base, "wall_s": 2.0 / int(args[3]), "n_events": 3, "words": 0, "workers": int(args[3])}

    monkeypatch.setattr(bench, "run_child", fake_child)
    res = bench.run_bench(tmp_path / "out", root=root, min_words=50, multiplier=2, repeat=2, log=lambda *a: None)
    saved = json.loads((tmp_path / "out" / "bench.json").read_text(encoding="utf-8"))
    assert saved == res
    for key in ("words", "spacy_words_per_s", "extract_words_per_s", "ratio_extract_vs_spacy",
                "speedup_2_workers", "rss_mb_small", "rss_mb_10x", "files", "cores", "n_events", "wall_s"):
        assert key in saved, key
    assert saved["ratio_extract_vs_spacy"] == pytest.approx(2.0)
    assert saved["speedup_2_workers"] == pytest.approx(2.0)
    assert saved["words_10x"] == 2 * saved["words"]
    assert [c[0] for c in calls] == ["spacy"] + ["extract"] * 7
    # the Dask LocalCluster row (issue 10): 2 workers, beside the local pool's 2 workers
    assert [c[3:] for c in calls if c[-1] == "dask"] == [["2", "dask"]] * 2
    assert saved["dask_vs_pool_2_workers"] == pytest.approx(1.0)
    assert saved["dask_local_words_per_s_2_workers"] == saved["extract_words_per_s_2_workers"]
    assert saved["outputs_identical_dask_vs_pool"] is True


def test_child_extract_reports_words_and_events(tmp_path):
    root = _fake_root(tmp_path, per_year=1)
    sample = bench.select_sample(root, min_words=100)
    bench.write_corpus(root, sample, tmp_path / "c")
    res = bench._child_extract(tmp_path / "c", tmp_path / "out", 1)
    assert res["exit_code"] == 0
    assert res["words"] == sum(s["words"] for s in sample)
    assert res["n_events"] >= 2


def test_parallel_output_is_byte_identical(tmp_path):
    """extract with 1 and with 2 workers writes the same bytes (workers fork after the model load)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for i, (city, name) in enumerate([("Almaty", "Talgat Ayan"), ("Minsk", "Ales Bialiatski"),
                                      ("Baku", "Tofig Yagublu")]):
        text = REPORT.replace("Almaty", city).replace("Talgat Ayan", name).replace("Ayan", name.split()[-1])
        (docs / f"doc{i}.txt").write_text(text * (i + 1), encoding="utf-8")
    run._analyzer(True)
    assert run.extract([str(docs)], tmp_path / "w1", workers=1, quiet=True) == 0
    assert run.extract([str(docs)], tmp_path / "w2", workers=2, quiet=True) == 0
    files = sorted(p.relative_to(tmp_path / "w1" / "current")
                   for p in (tmp_path / "w1" / "current").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "w2" / "current")
                           for p in (tmp_path / "w2" / "current").rglob("*") if p.is_file())
    assert any(f.name == "events.csv" for f in files)
    for f in files:
        assert (tmp_path / "w1" / f).read_bytes() == (tmp_path / "w2" / f).read_bytes(), f
    assert len((tmp_path / "w1" / "events.csv").read_text(encoding="utf-8").splitlines()) > 3


def test_parallel_run_aborts_cleanly_with_the_feed_window_full(tmp_path, monkeypatch):
    """An error in the main loop while the pool's feeder waits on the in-flight
    window must not hang Pool.terminate(), and leaves no events.csv."""
    import signal

    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(10):
        (docs / f"doc{i}.txt").write_text(REPORT, encoding="utf-8")
    run._analyzer(True)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(run.export, "write_text", boom)
    old = signal.signal(signal.SIGALRM, lambda *a: (_ for _ in ()).throw(TimeoutError("hung")))
    signal.alarm(60)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            run.extract([str(docs)], tmp_path / "out", workers=2, quiet=True)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert not (tmp_path / "out" / "events.csv").exists()
