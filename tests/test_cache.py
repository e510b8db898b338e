"""The per-document cache under OUT/cache (issue 10): incremental runs, --no-cache,
the extractor's fingerprint, atomic entries."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from pipeline import cache
from pipeline.run import extract
from pipeline.schema import Event

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
COMPARED = ("events.csv", "people.csv")


def _log(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "run_log.csv", encoding="utf-8", newline="") as fh:
        return {Path(r["path"]).name: r for r in csv.DictReader(fh)}


def _texts(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "texts").iterdir())}


def _same_outputs(a: Path, b: Path) -> None:
    for name in COMPARED:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert _texts(a) == _texts(b)
    la, lb = _log(a), _log(b)
    assert la.keys() == lb.keys()
    for k in la:   # the run log differs only by the reason `cached`
        assert {**la[k], "reason": ""} == {**lb[k], "reason": ""}, k


def _reports(dest: Path, names: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for n in names:
        shutil.copy(CORPUS / n, dest / n)
    return dest


@pytest.fixture(scope="module")
def corpus_names():
    return sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory, corpus_names):
    """A full run of corpus/ without a cache: the reference outputs."""
    out = tmp_path_factory.mktemp("clean") / "out"
    src = _reports(tmp_path_factory.mktemp("src"), corpus_names)
    assert extract([str(src)], out, workers=1, quiet=True, use_cache=False) == 0
    return src, out


def test_rerun_with_one_new_report_analyzes_only_that_one(tmp_path, clean_run, corpus_names):
    src_all, ref = clean_run
    src = _reports(tmp_path / "in", corpus_names[:-1])
    out = tmp_path / "out"
    assert extract([str(src)], out, workers=1, quiet=True) == 0
    assert {r["reason"] for r in _log(out).values()} == {""}
    _reports(src, corpus_names[-1:])
    assert extract([str(src)], out, workers=1, quiet=True) == 0
    log = _log(out)
    assert [n for n, r in log.items() if r["reason"] != "cached"] == [corpus_names[-1]]
    assert all(r["status"] == "ok" for r in log.values())
    # same bytes as the full run (the run log's paths name another folder)
    for name in COMPARED:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name
    assert _texts(out) == _texts(ref)


@pytest.mark.parametrize("workers", [1, 2])
def test_no_cache_ignores_stale_entries_and_rebuilds_them(tmp_path, clean_run, workers):
    src, ref = clean_run
    out = tmp_path / "out"
    assert extract([str(src)], out, workers=workers, quiet=True) == 0
    entries = sorted((out / "cache").glob("*/*.json"))
    assert len(entries) == len(_log(out))
    for e in entries:   # stale entries: --no-cache must not read them, and must rewrite them
        e.write_text(e.read_text(encoding="utf-8").replace('"evidence": "', '"evidence": "STALE '), encoding="utf-8")
    assert extract([str(src)], out, workers=workers, quiet=True, use_cache=False) == 0
    assert {r["reason"] for r in _log(out).values()} == {""}
    _same_outputs(out, ref)
    assert not any("STALE" in e.read_text(encoding="utf-8") for e in entries)
    assert extract([str(src)], out, workers=workers, quiet=True) == 0
    assert {r["reason"] for r in _log(out).values()} == {"cached"}
    _same_outputs(out, ref)


def test_fingerprint_change_invalidates_every_entry(tmp_path, clean_run, monkeypatch):
    src, ref = clean_run
    out = tmp_path / "out"
    assert extract([str(src)], out, workers=1, quiet=True) == 0
    monkeypatch.setattr(cache, "_FINGERPRINT", {})
    monkeypatch.setattr(cache, "_files_digest", lambda root=None: "a rule changed")
    assert extract([str(src)], out, workers=1, quiet=True) == 0
    assert {r["reason"] for r in _log(out).values()} == {""}
    _same_outputs(out, ref)


@pytest.mark.parametrize("changed", [
    "patterns/triggers.jsonl",          # a rule
    "lexicons",                         # a lexicon file (first one found)
    "vocab",                            # a vocabulary file
    "models/sentcat",                   # the learned model
    "extract/__init__.py",              # code
])
def test_every_rule_lexicon_model_and_code_file_is_in_the_fingerprint(tmp_path, changed):
    tree = tmp_path / "pipeline"
    shutil.copytree(ROOT / "pipeline", tree, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache._files_digest(tree)
    target = tree / changed
    if target.is_dir():
        target = sorted(p for p in target.rglob("*") if p.is_file())[0]
    target.write_bytes(target.read_bytes() + b"\n")
    assert cache._files_digest(tree) != before


@pytest.mark.parametrize("a, b", [
    (("text", 2019, "fp"), ("text ", 2019, "fp")),      # the ingested text
    (("text", 2019, "fp"), ("text", 2020, "fp")),       # the report year
    (("text", 2019, "fp"), ("text", None, "fp")),
    (("text", 2019, "fp"), ("text", 2019, "fp2")),      # the extractor
])
def test_key_covers_text_year_and_fingerprint(a, b):
    assert cache.key(*a) != cache.key(*b)
    assert cache.key(*a) == cache.key(*a)


def test_fingerprint_follows_rules_only_and_prefilter(monkeypatch):
    monkeypatch.setattr(cache, "_FINGERPRINT", {})
    monkeypatch.delenv("HR_EVENTS_RULES_ONLY", raising=False)
    plain = cache.fingerprint(True)
    assert cache.fingerprint(False) != plain
    monkeypatch.setenv("HR_EVENTS_RULES_ONLY", "1")
    assert cache.fingerprint(True) != plain


@pytest.mark.parametrize("content", ["", "{", '{"events": [', "not json", '{"words": 3}'])
def test_partial_or_broken_entry_is_a_miss(tmp_path, content):
    store = cache.Cache(tmp_path / "cache")
    ev = Event(doc_id="a", event_type="ARREST", target="X", target_type="person", evidence="e",
               char_start=0, char_end=1, rule_ids=["r"], trigger=(0, 1))
    store.put("ab" * 32, [ev], 7)
    assert store.get("ab" * 32, "b") == ([Event(**{**ev.__dict__, "doc_id": "b"})], 7)
    assert not list((tmp_path / "cache").rglob(".*.tmp"))
    (tmp_path / "cache" / "ab" / f"{'ab' * 32}.json").write_text(content, encoding="utf-8")
    assert store.get("ab" * 32, "b") is None
    (tmp_path / "cache" / "ab" / ".x.json.1.tmp").write_text("{", encoding="utf-8")
    store.clean()
    assert not list((tmp_path / "cache").rglob(".*.tmp"))


@pytest.mark.parametrize("env", [{"HR_EVENTS_BOOST_THRESHOLD": "0.3"}, {"HR_EVENTS_SENTENCE_SCORES": "SCORES"}])
def test_booster_scores_and_threshold_are_in_the_fingerprint(tmp_path, monkeypatch, env):
    """Cross-validating the booster runs the extractor with out-of-fold scores: other scores, other entries."""
    from pipeline import cache as cache_mod
    monkeypatch.setattr(cache_mod, "_FINGERPRINT", {})
    before = cache_mod.fingerprint()
    scores = tmp_path / "scores.json"
    scores.write_text('{"d": [[0, 10, 0.9]]}', encoding="utf-8")
    for k, v in env.items():
        monkeypatch.setenv(k, str(scores) if v == "SCORES" else v)
    assert cache_mod.fingerprint() != before
