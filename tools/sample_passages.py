"""Draw real State Department passages for gold annotation (issue 12).

Seeded and deterministic: the same archive and seed give the same passages,
so the sample can be rebuilt from `gold/real/manifest.csv` alone.

Design:
- one passage per country (a country's phrasing never sits on both sides of
  the dev/test split), countries drawn at random among those that no gold or
  held-out report of the project already covers;
- report year alternates 2019/2023 in draw order, so both years are present;
- two thirds of the passages are drawn among the windows that hold justice
  vocabulary (at least MIN_HITS cue words), one third uniformly over all
  windows, so generic statements, statistics, laws and non-legal senses
  ("released a report") are tested too;
- a window starts at a paragraph (line) boundary and takes whole paragraphs
  while it stays within MAX_CHARS; it is kept when it reaches MIN_CHARS;
- countries are split 60/40 into dev and sealed test, stratified by draw kind,
  after the draw, by a second seeded shuffle.

Usage: python tools/sample_passages.py --archive ../shared/statedept --out gold/real
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from pathlib import Path

SEED = 20261207
N_PASSAGES = 48
JUSTICE_SHARE = 2 / 3
TEST_SHARE = 0.4
MIN_CHARS, MAX_CHARS = 3000, 5000
MIN_HITS = 10
# Countries already in corpus/ (dev) or heldout/ (sealed): excluded, so that no
# country's phrasing is split across dev and test.
EXCLUDED = {"Azerbaijan", "Belarus", "Russia", "Kazakhstan", "Tajikistan", "Egypt",
            "Iran", "Turkey", "Vietnam"}
# Justice vocabulary: past-tense verbs that report a specific action, not the
# nouns ("detention", "court") that fill generic passages on procedure.
JUSTICE = re.compile(
    r"\b(arrested|detained|sentenced|convicted|charged|tried|acquitted|released|fined|"
    r"extradited|deported|imprisoned|jailed|pardoned|prosecuted|indicted|banned|expelled|"
    r"found guilty|transferred)\b", re.I)


def windows(text: str) -> list[tuple[int, int]]:
    """Every paragraph-aligned window of MIN_CHARS..MAX_CHARS characters."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text) if m.end() < len(text)]
    out = []
    for i, s in enumerate(starts):
        end = None
        for e in starts[i + 1:] + [len(text)]:
            if e - s > MAX_CHARS:
                break
            end = e
        if end is not None and end - s >= MIN_CHARS:
            out.append((s, end))
    return out


def draw(archive: Path) -> list[dict]:
    rng = random.Random(SEED)
    with open(archive / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["country"] not in EXCLUDED]
    by_country: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_country.setdefault(r["country"], {})[r["report_year"]] = r
    countries = sorted(c for c, years in by_country.items() if {"2019", "2023"} <= set(years))
    rng.shuffle(countries)
    n_justice = round(N_PASSAGES * JUSTICE_SHARE)
    picked: list[dict] = []
    for country in countries:
        if len(picked) == N_PASSAGES:
            break
        year = "2019" if len(picked) % 2 == 0 else "2023"
        row = by_country[country][year]
        text = (archive / row["path"]).read_text(encoding="utf-8")
        wins = windows(text)
        kind = "justice" if len(picked) < n_justice else "uniform"
        if kind == "justice":
            wins = [w for w in wins if len(JUSTICE.findall(text[w[0]:w[1]])) >= MIN_HITS]
        if not wins:
            continue
        start, end = rng.choice(wins)
        passage = text[start:end]
        picked.append({
            "doc_id": f"real-{row['doc_id'].removeprefix('statedept-')}-{start}",
            "source_path": row["path"], "source_doc_id": row["doc_id"], "country": country,
            "report_year": year, "publisher": row["publisher"], "draw": kind,
            "char_start": start, "char_end": end,
            "sha256": hashlib.sha256(passage.encode("utf-8")).hexdigest(), "text": passage,
        })
    split_rng = random.Random(SEED + 1)
    for kind in ("justice", "uniform"):
        group = [p for p in picked if p["draw"] == kind]
        split_rng.shuffle(group)
        n_test = round(len(group) * TEST_SHARE)
        for i, p in enumerate(group):
            p["split"] = "test" if i < n_test else "dev"
    return picked


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=Path("../shared/statedept"))
    ap.add_argument("--out", type=Path, default=Path("gold/real"))
    args = ap.parse_args()
    passages = draw(args.archive)
    args.out.mkdir(parents=True, exist_ok=True)
    fields = ["doc_id", "split", "draw", "country", "report_year", "publisher",
              "source_doc_id", "source_path", "char_start", "char_end", "sha256"]
    with open(args.out / "manifest.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(passages)
    for p in passages:
        (args.out / "texts").mkdir(exist_ok=True)
        (args.out / "texts" / f"{p['doc_id']}.txt").write_text(p["text"], encoding="utf-8")
    n_c = len({p["country"] for p in passages})
    print(f"{len(passages)} passages from {n_c} countries -> {args.out}")


if __name__ == "__main__":
    main()
