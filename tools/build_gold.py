"""Lay out adjudicated real gold as two report folders: dev/ and sealed/.

Each folder holds the passages as reports (`<doc_id>.txt`), a `manifest.csv`
(spec section 7), a `passages.csv` (country, publisher, draw and style, so every
figure can be sliced) and `gold/<doc_id>.csv`. A passage goes to the side of its
country (gold/real/manifest.csv, gold/styled/manifest.csv); the three 2024
State Department passages are dev (their countries are dev already).

Usage: python tools/build_gold.py --adjudicated gold/adjudicated [--root .]
"""
from __future__ import annotations

import argparse
import csv
import shutil
from pathlib import Path

FIELDS = ["path", "doc_id", "country", "report_year", "publisher"]      # spec section 7
SLICES = ["doc_id", "country", "publisher", "draw", "style"]            # passages.csv: for slicing scores
REALTEXT_COUNTRY = {"azerbaijan": "Azerbaijan", "belarus": "Belarus"}


def passages(root: Path, shared: Path) -> list[dict]:
    """Every annotated passage with its text path, split and slicing columns."""
    out = []
    with open(root / "gold" / "real" / "manifest.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.append({**r, "text": root / "gold" / "real" / "texts" / f"{r['doc_id']}.txt", "style": "statedept"})
    with open(root / "gold" / "styled" / "manifest.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            out.append({**r, "text": root / "gold" / "styled" / "texts" / f"{r['doc_id']}.txt", "draw": "styled"})
    with open(shared / "realtext" / "manifest.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            country = next(c for k, c in REALTEXT_COUNTRY.items() if k in r["doc_id"])
            out.append({**r, "country": country, "split": "dev", "draw": "statedept-2024", "style": "statedept",
                        "text": shared / "realtext" / r["path"]})
    return out


def build(adjudicated: Path, root: Path, shared: Path) -> dict[str, int]:
    """Copy texts and adjudicated gold into dev/ and sealed/; returns passages per side."""
    sides = {"dev": root / "dev", "test": root / "sealed"}
    rows: dict[str, list[dict]] = {"dev": [], "test": []}
    for p in passages(root, shared):
        gold = adjudicated / f"{p['doc_id']}.csv"
        if not gold.is_file():
            continue
        side = sides[p["split"]]
        (side / "gold").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(p["text"], side / f"{p['doc_id']}.txt")
        shutil.copyfile(gold, side / "gold" / gold.name)
        rows[p["split"]].append({**p, "path": f"{p['doc_id']}.txt"})
    for split, side in sides.items():
        for name, fields in (("manifest.csv", FIELDS), ("passages.csv", SLICES)):
            with open(side / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
                w.writeheader()
                w.writerows(sorted(rows[split], key=lambda r: r["doc_id"]))
    return {k: len(v) for k, v in rows.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--adjudicated", type=Path, default=Path("gold/adjudicated"))
    ap.add_argument("--root", type=Path, default=Path("."))
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    args = ap.parse_args()
    print(build(args.adjudicated, args.root, args.shared))


if __name__ == "__main__":
    main()
