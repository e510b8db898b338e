"""Throughput and memory benchmark: `python -m pipeline.bench --out DIR` (`make bench`).

What it measures, on one fixed sample of the State Department reports
(`--root`, default /work/shared/statedept; at least `--words` words, default
100,000): files are taken from the 2019 and 2023 folders, each sorted by path,
alternately (2019/afghanistan, 2023/afghanistan, 2019/albania, ...) until the
word budget is reached; report years come from the root's manifest.csv. The
sample is copied to a temporary folder with its own manifest.csv, and a
`--multiplier` times larger corpus (default 10) is made from it by repeating
every file with names and dates varied (`vary_text`).

Keys named for the defaults (`speedup_2_workers`, `rss_mb_10x`, `words_10x`)
hold the figures for `--workers` and `--multiplier` when those are changed.

On the sample, each extract configuration runs `--repeat` times (default 3)
and spaCy half as many, interleaved; the fastest run of each counts (the one
least disturbed by other work on the machine), every wall time is kept in
`wall_s_all_runs`, and peak RSS is the largest over the runs.

Every configuration runs in a fresh subprocess (`python -m pipeline.bench
--child ...`), one after the other:

(a) `spacy`: spacy.load(MODEL) with all its components, `nlp.pipe` over the
    sample's non-empty lines (a line longer than nlp.max_length is cut at
    whitespace); nothing else.
(b) `extract` with 1 worker and with 2 workers over the sample, with a Dask
    LocalCluster of 2 worker processes (`--scheduler`, issue 10; its workers
    load the model before the clock starts) over the sample, and with 2 workers
    over the larger corpus: `pipeline.run.extract(...)` as the CLI calls it.

Words are whitespace-split words of the input text (`len(text.split())`), the
same count for (a) and (b). Timed wall time excludes the model load in both:
(a) loads the model before starting the clock, (b) loads the process's
Analyzer before calling extract(), so forked workers inherit it. Load times are
reported separately (`*_load_s`).

Peak memory: the bench polls /proc/<pid>/status (VmRSS) of the child and all
its descendants every 50 ms and keeps the largest *sum* (`rss_mb_*`, MiB; pages
shared copy-on-write between the parent and forked workers are counted in every
process, so this over-states real use). The child also reports
getrusage(RUSAGE_SELF).ru_maxrss and getrusage(RUSAGE_CHILDREN).ru_maxrss
(largest single worker) in `*_ru_maxrss_mb`.

Other work on the machine skews wall times (the 2-worker speed-up most): the
1-minute load average before each run and each run's CPU seconds (its
processes and their workers) are recorded beside the wall times.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

DEFAULT_ROOT = Path("/work/shared/statedept")
DEFAULT_WORDS = 100_000
DEFAULT_MULTIPLIER = 10
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
_MONTH_RX = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_YEAR_RX = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_PROPER_RX = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SYLLABLES = ["ka", "ri", "to", "men", "sa", "lo", "vi", "dan", "nur", "ba", "el", "go", "zha", "mir",
              "tu", "ko", "ra", "sel", "di", "fa", "yan", "ol", "bek", "na"]


# --------------------------------------------------------------------------- corpus

def count_words(text: str) -> int:
    """Whitespace-split words: the one word count of the benchmark."""
    return len(text.split())


def select_sample(root: Path, min_words: int) -> list[dict]:
    """The fixed sample: 2019 and 2023 files, each sorted by path, taken
    alternately until `min_words` words. Each item: path (relative to root),
    doc_id, report_year, words."""
    manifest = {}
    mf = root / "manifest.csv"
    if mf.is_file():
        with mf.open(encoding="utf-8", newline="") as fh:
            manifest = {r["path"]: r for r in csv.DictReader(fh)}
    years = sorted(p.name for p in root.iterdir() if p.is_dir() and p.name.isdigit())
    lists = [sorted(f.relative_to(root).as_posix() for f in (root / y).glob("*.txt")) for y in years]
    order = [rel for group in zip(*lists) for rel in group]
    longest = max(map(len, lists), default=0)
    order += [lst[i] for i in range(min(map(len, lists), default=0), longest) for lst in lists if i < len(lst)]
    out, total = [], 0
    for rel in order:
        if total >= min_words:
            break
        row = manifest.get(rel, {})
        words = count_words((root / rel).read_text(encoding="utf-8"))
        year = row.get("report_year") or rel.split("/")[0]
        out.append({"path": rel, "doc_id": row.get("doc_id") or rel.replace("/", "-")[:-4],
                    "report_year": int(year), "words": words})
        total += words
    if total < min_words:
        raise SystemExit(f"error: {root} holds only {total} words, fewer than {min_words}")
    return out


def _pseudo_name(word: str, copy: int) -> str:
    """A deterministic made-up replacement for a proper noun, as long as the original or close."""
    h = hashlib.sha1(f"{copy}:{word}".encode()).digest()
    out, i = "", 0
    while len(out) < len(word) - 1:
        out += _SYLLABLES[h[i % len(h)] % len(_SYLLABLES)]
        i += 1
    return out[:1].upper() + out[1:]


def vary_text(text: str, copy: int) -> str:
    """Copy number `copy` of a report, for the larger corpus: copy 0 is the text
    itself; otherwise month names are rotated by `copy`, four-digit years moved
    back by `copy`, and every capitalized word that never occurs in lowercase in
    the text (names of people and places, mostly) replaced by a made-up name.
    Deterministic, and whitespace-split word counts are unchanged."""
    if copy == 0:
        return text
    lower = set(re.findall(r"\b[a-z]{4,}\b", text))
    months = set(MONTHS)
    proper = {w for w in set(_PROPER_RX.findall(text)) if w.lower() not in lower and w not in months}
    text = _PROPER_RX.sub(lambda m: _pseudo_name(m.group(0), copy) if m.group(0) in proper else m.group(0), text)
    text = _MONTH_RX.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + copy) % 12], text)
    return _YEAR_RX.sub(lambda m: str(int(m.group(1)) - copy), text)


def write_corpus(root: Path, sample: list[dict], dest: Path, multiplier: int = 1) -> int:
    """Write `multiplier` varied copies of the sample files into `dest` with a
    manifest.csv (copy k of a file is `kNN-<doc_id>.txt`, year moved back by k).
    Returns the number of words written."""
    dest.mkdir(parents=True, exist_ok=True)
    words = 0
    rows = []
    for item in sample:
        text = (root / item["path"]).read_text(encoding="utf-8")
        for k in range(multiplier):
            name = f"k{k:02d}-{item['doc_id']}.txt" if multiplier > 1 else f"{item['doc_id']}.txt"
            varied = vary_text(text, k)
            (dest / name).write_text(varied, encoding="utf-8")
            words += count_words(varied)
            rows.append({"path": name, "doc_id": name[:-4], "report_year": item["report_year"] - k})
    with (dest / "manifest.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["path", "doc_id", "report_year"])
        w.writeheader()
        w.writerows(sorted(rows, key=lambda r: r["path"]))
    return words


# --------------------------------------------------------------------------- children

def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and its waited-for children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _ru_maxrss_mb() -> dict:
    # Linux reports ru_maxrss in KiB.
    return {"self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def _child_spacy(corpus: Path) -> dict:
    t0 = time.perf_counter()
    import spacy
    from pipeline.nlp import MODEL
    nlp = spacy.load(MODEL)
    load_s = time.perf_counter() - t0
    lines, words = [], 0
    for f in sorted(corpus.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        words += count_words(text)
        for line in text.split("\n"):
            while len(line) > nlp.max_length:          # never in practice: cut at whitespace
                cut = line.rfind(" ", 0, nlp.max_length) if " " in line[:nlp.max_length] else nlp.max_length
                lines.append(line[:cut])
                line = line[cut:]
            if line.strip():
                lines.append(line)
    t0, c0 = time.perf_counter(), _cpu_s()
    n_tokens = 0
    for doc in nlp.pipe(lines):
        n_tokens += len(doc)
    return {"wall_s": time.perf_counter() - t0, "cpu_s": _cpu_s() - c0, "load_s": load_s, "words": words,
            "tokens": n_tokens, "pipeline": nlp.pipe_names, "ru_maxrss_mb": _ru_maxrss_mb()}


def _child_extract(corpus: Path, out: Path, workers: int, dask: bool = False) -> dict:
    t0 = time.perf_counter()
    from pipeline import run
    # the model load, outside the timed part (forked workers inherit it; Dask workers load it first)
    cluster = __import__("pipeline.engine").engine.loaded_cluster(workers) if dask else run._analyzer(True) and None
    load_s = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), _cpu_s()
    code = run.extract([str(corpus)], out, workers=workers, quiet=True, scheduler=cluster and cluster.scheduler_address)
    wall, cpu = time.perf_counter() - t0, _cpu_s() - c0
    if cluster:
        cluster.close()
    with (out / "events.csv").open(encoding="utf-8", newline="") as fh:
        n_events = sum(1 for _ in csv.reader(fh)) - 1
    words = sum(count_words(f.read_text(encoding="utf-8")) for f in (out / "texts").glob("*.txt"))
    return {"wall_s": wall, "cpu_s": cpu, "load_s": load_s, "exit_code": code, "n_events": n_events, "words": words,
            "workers": workers, "ru_maxrss_mb": _ru_maxrss_mb()}


def _tree_rss_kb(pid: int) -> int:
    """Summed VmRSS (KiB) of `pid` and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", encoding="utf-8") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(d))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/status", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def run_child(args: list[str], interval: float = 0.05) -> dict:
    """Run `python -m pipeline.bench --child ...` in a fresh process, polling its
    process tree's RSS; returns the child's JSON plus `peak_tree_rss_mb`."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    proc = subprocess.Popen([sys.executable, "-m", "pipeline.bench", "--child", *args],
                            stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def poll() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            done.wait(interval)

    t = threading.Thread(target=poll, daemon=True)
    t.start()
    out, _ = proc.communicate()
    done.set()
    t.join()
    if proc.returncode != 0:
        raise RuntimeError(f"bench child {args} failed with exit code {proc.returncode}")
    res = json.loads(out.strip().splitlines()[-1])
    res["peak_tree_rss_mb"] = round(peak / 1024, 1)
    res["load_average_before"] = load
    return res


# --------------------------------------------------------------------------- main

def _best(runs: list[dict]) -> dict:
    """The fastest of repeated runs (least disturbed by other work), with the
    largest peak RSS of them all and every wall time."""
    best = dict(min(runs, key=lambda r: r["wall_s"]))
    best["peak_tree_rss_mb"] = max(r["peak_tree_rss_mb"] for r in runs)
    best["walls"] = [round(r["wall_s"], 2) for r in runs]
    return best


def run_bench(out: Path, root: Path = DEFAULT_ROOT, min_words: int = DEFAULT_WORDS,
              multiplier: int = DEFAULT_MULTIPLIER, workers: int = 2, repeat: int = 3, log=print) -> dict:
    """Run every measurement and write OUT/bench.json; returns its content."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    sample = select_sample(Path(root), min_words)
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        small, big = tmp / "sample", tmp / f"x{multiplier}"
        words = write_corpus(Path(root), sample, small)
        words_big = write_corpus(Path(root), sample, big, multiplier)
        log(f"sample: {len(sample)} files, {words:,} words; x{multiplier}: {words_big:,} words ({tmp})")
        runs: dict[str, list[dict]] = {}
        for rep in range(max(1, repeat)):
            # interleaved, so that other work on the machine hits every configuration alike
            if rep < max(1, (repeat + 1) // 2):
                r = run_child(["spacy", str(small)])
                runs.setdefault("spacy", []).append(r)
                log(f"(a) spaCy nlp.pipe:      {words / r['wall_s']:8,.0f} words/s  ({r['wall_s']:.1f} s)")
            for n in [*sorted({1, workers}), "dask"]:
                shutil.rmtree(tmp / f"out-{n}", ignore_errors=True)
                r = run_child(["extract", str(small), str(tmp / f"out-{n}"), str(workers if n == "dask" else n),
                               *(["dask"] if n == "dask" else [])])
                runs.setdefault(f"extract_{n}w", []).append(r)
                what = f"Dask LocalCluster, {workers}" if n == "dask" else n
                log(f"(b) extract, {what} worker(s): {words / r['wall_s']:8,.0f} words/s  ({r['wall_s']:.1f} s, "
                    f"{r['n_events']} events, peak RSS {r['peak_tree_rss_mb']:.0f} MiB)")
        sp = _best(runs["spacy"])
        ex = {n: _best(runs[f"extract_{n}w"]) for n in sorted({1, workers})}
        dk = _best(runs["extract_daskw"])
        identical, dask_identical = (all((tmp / f"out-{a}" / f).read_bytes() == (tmp / f"out-{workers}" / f).read_bytes()
                                         for f in ("events.csv", "people.csv", "run_log.csv")) for a in (1, "dask"))
        bx = run_child(["extract", str(big), str(tmp / "out-big"), str(workers)])
        log(f"(b) extract x{multiplier}, {workers} workers: {words_big / bx['wall_s']:8,.0f} words/s "
            f"({bx['wall_s']:.1f} s, {bx['n_events']} events, peak RSS {bx['peak_tree_rss_mb']:.0f} MiB)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    spacy_wps = words / sp["wall_s"]
    extract_wps = words / ex[1]["wall_s"]
    result = {
        "words": words,
        "spacy_words_per_s": round(spacy_wps, 1),
        "extract_words_per_s": round(extract_wps, 1),
        "ratio_extract_vs_spacy": round(extract_wps / spacy_wps, 3),
        "speedup_2_workers": round(ex[1]["wall_s"] / ex[workers]["wall_s"], 3),
        "rss_mb_small": ex[workers]["peak_tree_rss_mb"],
        "rss_mb_10x": bx["peak_tree_rss_mb"],
        "rss_ratio_10x_vs_small": round(bx["peak_tree_rss_mb"] / max(ex[workers]["peak_tree_rss_mb"], 1e-9), 3),
        "rss_method": "peak of summed VmRSS of the measured process and its descendants, polled from /proc every "
                      f"50 ms, one fresh subprocess per configuration; extract with {workers} workers (forked after the model load)",
        "ru_maxrss_mb": {"spacy": sp["ru_maxrss_mb"], **{f"extract_{n}w": ex[n]["ru_maxrss_mb"] for n in ex},
                         f"extract_x{multiplier}_{workers}w": bx["ru_maxrss_mb"]},
        "words_10x": words_big,
        "multiplier": multiplier,
        "workers_parallel": workers,
        "extract_words_per_s_2_workers": round(words / ex[workers]["wall_s"], 1),
        "extract_words_per_s_10x": round(words_big / bx["wall_s"], 1),
        "dask_local_words_per_s_2_workers": round(words / dk["wall_s"], 1),
        "dask_vs_pool_2_workers": round(ex[workers]["wall_s"] / dk["wall_s"], 3),
        "dask_wall_s_all_runs": dk["walls"], "dask_load_s": round(dk["load_s"], 2),
        "outputs_identical_dask_vs_pool": dask_identical,
        "repeat": repeat,
        "wall_s_all_runs": {"spacy": sp["walls"], **{f"extract_{n}w": ex[n]["walls"] for n in ex}},
        "wall_s": {"spacy": round(sp["wall_s"], 2), **{f"extract_{n}w": round(ex[n]["wall_s"], 2) for n in ex},
                   f"extract_x{multiplier}_{workers}w": round(bx["wall_s"], 2)},
        "cpu_s": {"spacy": round(sp["cpu_s"], 2), **{f"extract_{n}w": round(ex[n]["cpu_s"], 2) for n in ex},
                  f"extract_x{multiplier}_{workers}w": round(bx["cpu_s"], 2)},
        "load_average_before": {"spacy": sp["load_average_before"],
                                **{f"extract_{n}w": ex[n]["load_average_before"] for n in ex},
                                f"extract_x{multiplier}_{workers}w": bx["load_average_before"]},
        "load_s": {"spacy": round(sp["load_s"], 2), "extract": round(ex[1]["load_s"], 2)},
        "n_events": ex[1]["n_events"],
        "n_events_10x": bx["n_events"],
        "outputs_identical_1_vs_n_workers": identical,
        "spacy_pipeline": sp["pipeline"],
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "python": platform.python_version(),
        "root": str(root),
        "files": [s["path"] for s in sample],
        "bench_wall_s": round(time.perf_counter() - started, 1),
    }
    (out / "bench.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log(f"ratio (b)/(a) {result['ratio_extract_vs_spacy']:.2f}; speed-up of {workers} workers over 1: "
        f"{ex[1]['wall_s'] / ex[workers]['wall_s']:.2f}; peak RSS {result['rss_mb_small']:.0f} MiB (sample) vs "
        f"{bx['peak_tree_rss_mb']:.0f} MiB (x{multiplier}) -> {out / 'bench.json'}")
    return result


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        kind, *rest = argv[1:]
        if kind == "spacy":
            res = _child_spacy(Path(rest[0]))
        else:
            res = _child_extract(Path(rest[0]), Path(rest[1]), int(rest[2]), rest[3:] == ["dask"])
        print(json.dumps(res))
        return 0
    p = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default="outputs", help="folder for bench.json (default: outputs)")
    p.add_argument("--root", default=str(DEFAULT_ROOT), help="State Department reports (2019/, 2023/, manifest.csv)")
    p.add_argument("--words", type=int, default=DEFAULT_WORDS, help="words in the sample (at least)")
    p.add_argument("--multiplier", type=int, default=DEFAULT_MULTIPLIER, help="size of the larger corpus")
    p.add_argument("--workers", type=int, default=2, help="workers of the parallel runs (default 2)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs of each extract configuration on the sample (spaCy: half as many); the fastest counts")
    args = p.parse_args(argv)
    run_bench(Path(args.out), Path(args.root), args.words, args.multiplier, args.workers, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
