"""Run the extractor over a set of inputs: ingest, analyze, write, log.

Documents are processed in a stable order and their rows written as they
finish; with several workers each process loads the model once and the main
process writes results in input order, so output is byte-identical whatever
the number of workers.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import export, ingest, review
from pipeline.people import People
from pipeline.schema import Event

log = logging.getLogger("pipeline")


@dataclass
class DocResult:
    """What processing one input produced: its log line, text and events."""

    path: str
    doc_id: str
    status: str
    reason: str = ""
    sha256: str = ""
    text: str = ""
    events: list[Event] = field(default_factory=list)
    words: int = 0


_ANALYZER = None


def _analyzer(prefilter: bool):
    """The process's one Analyzer (one model load per process)."""
    global _ANALYZER
    if _ANALYZER is None:
        from pipeline.nlp import Analyzer
        _ANALYZER = Analyzer(prefilter=prefilter)
    return _ANALYZER


def process_one(inp: ingest.InputFile, prefilter: bool = True) -> DocResult:
    """Ingest and analyze one input; never raises: failures become a log status."""
    res = DocResult(path=str(inp.path), doc_id=inp.doc_id, status="ok")
    # Ingest (issue 4): the sha256 is of the bytes actually read (empty when they could not be).
    try:
        doc = ingest.load(inp)
    except ingest.IngestError as exc:
        res.status, res.reason, res.sha256 = exc.status, exc.reason, exc.sha256
        return res
    except Exception as exc:  # a reader bug must not sink the run
        log.debug("reading %s failed", inp.path, exc_info=True)
        res.status, res.reason = "failed", f"could not read: {type(exc).__name__}: {exc}"
        return res
    res.sha256 = doc.sha256
    res.text = doc.text
    res.words = len(doc.text.split())
    try:
        res.events = _analyzer(prefilter).analyze(doc)
    except Exception as exc:
        log.exception("analysis failed for %s", inp.path)
        res.status, res.reason, res.events = "failed", f"analysis error: {type(exc).__name__}: {exc}", []
    return res


def _worker_init(prefilter: bool) -> None:
    # An initializer that raises makes multiprocessing.Pool respawn workers
    # forever (the run would hang); swallow it here, and every document this
    # worker takes then fails with the reason in run_log.csv (process_one).
    try:
        _analyzer(prefilter)
    except Exception:  # noqa: BLE001 - reported per document
        log.exception("model failed to load in a worker")


def _indexed_worker(args: tuple[int, ingest.InputFile, bool]) -> tuple[int, DocResult]:
    index, inp, prefilter = args
    return index, process_one(inp, prefilter)


def _input_size(inp: ingest.InputFile) -> int:
    try:
        return inp.path.stat().st_size
    except OSError:
        return 0


def _largest_first(inputs: list[ingest.InputFile], block: int) -> list[int]:
    """Input indices, largest file first within each block of `block` inputs: the
    workers then finish a block together instead of one of them idling while the
    other works through a big report left for last. Output order is unchanged
    (see _in_input_order); only the order documents are handed out changes."""
    order: list[int] = []
    for start in range(0, len(inputs), block):
        idx = range(start, min(start + block, len(inputs)))
        order.extend(sorted(idx, key=lambda i: (-_input_size(inputs[i]), i)))
    return order


def _in_input_order(finished, window: "_Window"):
    """Yield (index, result) pairs from the pool in input order. At most the
    window's worth of results is held here, and a block is always handed out
    whole before the next, so the next result in order is always on its way."""
    held: dict[int, DocResult] = {}
    expect = 0
    for index, res in finished:
        held[index] = res
        while expect in held:
            window.done()
            yield held.pop(expect)
            expect += 1


class _Window:
    """At most `size` documents handed to the pool and not yet written: Pool.imap
    returns results in input order, so without a bound the results finished behind
    a slow document (texts included) would pile up in the main process."""

    def __init__(self, size: int):
        self._free = threading.Semaphore(size)
        self._stopped = False

    def feed(self, items):
        for item in items:
            self._free.acquire()
            if self._stopped:
                return
            yield item

    def done(self) -> None:
        self._free.release()

    def stop(self) -> None:
        """Unblock the pool's task thread (it is joined by Pool.terminate)."""
        self._stopped = True
        self._free.release()


def default_workers() -> int:
    """Number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def extract(paths: list[str], out_dir: str | Path, workers: int | None = None, quiet: bool = False,
            excel: bool = False, prefilter: bool = True) -> int:
    """Extract events from `paths` into `out_dir`. Returns the exit code:
    0 all ok, 1 some inputs skipped or failed, 2 usage error."""
    try:
        inputs = ingest.discover(paths)
    except ingest.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not inputs:
        print(f"error: no {'/'.join(ingest.SUPPORTED_SUFFIXES)} reports found in {', '.join(map(str, paths))}",
              file=sys.stderr)
        return 2
    out_dir = Path(out_dir)
    workers = max(1, min(workers or default_workers(), len(inputs)))
    outputs = export.open_outputs(out_dir, excel=excel)
    people = People()
    n_bad = n_events = n_words = 0
    started = time.monotonic()
    progress = pool = window = None
    try:
        if not quiet:
            from tqdm import tqdm
            progress = tqdm(total=len(inputs), unit="doc", file=sys.stderr, dynamic_ncols=True)
        if workers == 1:
            results = (process_one(inp, prefilter) for inp in inputs)
            pool = None
        else:
            ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
            pool = ctx.Pool(workers, initializer=_worker_init, initargs=(prefilter,), maxtasksperchild=None)
            block = 4 * workers
            window = _Window(2 * block)
            order = _largest_first(inputs, block)
            finished = pool.imap_unordered(_indexed_worker, window.feed((i, inputs[i], prefilter) for i in order),
                                           chunksize=1)
            results = _in_input_order(finished, window)
        for res in results:
            for i, ev in enumerate(res.events, 1):
                ev.event_id = f"{res.doc_id}-{i:03d}"
                outputs["events"].write(ev.to_row())
            if res.status == "ok":
                export.write_text(out_dir, res.doc_id, res.text)
            else:
                n_bad += 1
                message = f"{res.status}: {res.path}: {res.reason}"
                if progress is not None:
                    progress.write(message, file=sys.stderr)   # above the bar, not through it
                else:
                    print(message, file=sys.stderr)
            outputs["run_log"].write({"path": res.path, "doc_id": res.doc_id, "status": res.status,
                                      "reason": res.reason, "n_events": len(res.events), "sha256": res.sha256})
            people.add(res.events)
            n_events += len(res.events)
            n_words += res.words
            if progress is not None:
                rate = n_words / max(time.monotonic() - started, 1e-6)
                progress.set_postfix_str(f"{n_events:,} events, {rate:,.0f} words/s", refresh=False)
                progress.update(1)
        if pool is not None:
            pool.close()
            pool.join()
        # people.csv first: an error anywhere before this point leaves events.csv and run_log.csv
        # as they were, and the temporary files are removed (issue 4).
        export.write_people(out_dir, people.rows(), excel=excel)
        for f in outputs.values():
            f.close()
    except BaseException:
        if window is not None:
            window.stop()
        if pool is not None:
            pool.terminate()
        for f in outputs.values():
            f.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
    review.write_outputs(out_dir)   # report.html, events.xlsx from the CSVs just written (issue 9)
    if not quiet:
        print(f"{len(inputs)} inputs, {len(inputs) - n_bad} ok, {n_bad} skipped/failed, "
              f"{n_events} events -> {out_dir}/events.csv", file=sys.stderr)
    return 1 if n_bad else 0
