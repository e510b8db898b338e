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
N_PASSAGES = 48          # round 1: one passage per country
N_MORE = 160             # round 2: more passages, countries drawn with replacement
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


def _passage(row: dict, text: str, win: tuple[int, int], kind: str, rnd: int) -> dict:
    start, end = win
    passage = text[start:end]
    return {"doc_id": f"real-{row['doc_id'].removeprefix('statedept-')}-{start}",
            "source_path": row["path"], "source_doc_id": row["doc_id"], "country": row["country"],
            "report_year": row["report_year"], "publisher": row["publisher"], "draw": kind,
            "round": rnd, "char_start": start, "char_end": end,
            "sha256": hashlib.sha256(passage.encode("utf-8")).hexdigest(), "text": passage}


def _candidates(text: str, kind: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows of the draw kind that do not overlap a passage already drawn from this report."""
    wins = [w for w in windows(text) if all(w[1] <= a or w[0] >= b for a, b in taken)]
    if kind == "justice":
        wins = [w for w in wins if len(JUSTICE.findall(text[w[0]:w[1]])) >= MIN_HITS]
    return wins


def _split(passages: list[dict], seed: int, known: dict[str, str]) -> None:
    """Countries already split keep their side; new ones are shuffled 60/40 per draw kind."""
    rng = random.Random(seed)
    for kind in ("justice", "uniform"):
        countries = list(dict.fromkeys(p["country"] for p in passages
                                       if p["draw"] == kind and p["country"] not in known))
        rng.shuffle(countries)
        n_test = round(len(countries) * TEST_SHARE)
        for i, c in enumerate(countries):
            known[c] = "test" if i < n_test else "dev"
    for p in passages:
        p["split"] = known[p["country"]]


def draw(archive: Path) -> list[dict]:
    """Round 1: one passage per country for N_PASSAGES countries. Round 2: N_MORE passages
    from countries drawn with replacement (a report never gives overlapping passages)."""
    rng = random.Random(SEED)
    with open(archive / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["country"] not in EXCLUDED]
    by_country: dict[str, dict[str, dict]] = {}
    for r in rows:
        by_country.setdefault(r["country"], {})[r["report_year"]] = r
    countries = sorted(c for c, years in by_country.items() if {"2019", "2023"} <= set(years))
    texts: dict[str, str] = {}
    taken: dict[str, list[tuple[int, int]]] = {}

    def try_draw(country: str, year: str, kind: str, rnd: int, r: random.Random) -> dict | None:
        row = by_country[country][year]
        text = texts.setdefault(row["path"], (archive / row["path"]).read_text(encoding="utf-8"))
        wins = _candidates(text, kind, taken.setdefault(row["path"], []))
        if not wins:
            return None
        win = r.choice(wins)
        taken[row["path"]].append(win)
        return _passage(row, text, win, kind, rnd)

    order = countries[:]
    rng.shuffle(order)
    n_justice = round(N_PASSAGES * JUSTICE_SHARE)
    first: list[dict] = []
    for country in order:
        if len(first) == N_PASSAGES:
            break
        year = "2019" if len(first) % 2 == 0 else "2023"
        kind = "justice" if len(first) < n_justice else "uniform"
        if (p := try_draw(country, year, kind, 1, rng)) is not None:
            first.append(p)
    # Round 1 is split exactly as it was first drawn (passages shuffled per kind).
    split_rng = random.Random(SEED + 1)
    known: dict[str, str] = {}
    for kind in ("justice", "uniform"):
        group = [p for p in first if p["draw"] == kind]
        split_rng.shuffle(group)
        n_test = round(len(group) * TEST_SHARE)
        for i, p in enumerate(group):
            known[p["country"]] = p["split"] = "test" if i < n_test else "dev"
    more_rng = random.Random(SEED + 2)
    more: list[dict] = []
    n_justice_more = round(N_MORE * JUSTICE_SHARE)
    tries = 0
    while len(more) < N_MORE and tries < 50 * N_MORE:
        tries += 1
        kind = "justice" if len(more) < n_justice_more else "uniform"
        year = "2019" if len(more) % 2 == 0 else "2023"
        if (p := try_draw(more_rng.choice(countries), year, kind, 2, more_rng)) is not None:
            more.append(p)
    _split(more, SEED + 3, known)
    return first + more


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--archive", type=Path, default=Path("../shared/statedept"))
    ap.add_argument("--out", type=Path, default=Path("gold/real"))
    args = ap.parse_args()
    passages = draw(args.archive)
    args.out.mkdir(parents=True, exist_ok=True)
    fields = ["doc_id", "split", "draw", "round", "country", "report_year", "publisher",
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
