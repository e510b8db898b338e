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
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import cache, dedupe, export, ingest, limits, outdir, review, sqlite_out, values
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
    key: str = ""          # content key of the text (pipeline.dedupe)
    cache_key: str = ""    # key of its entry in OUT/cache (pipeline.cache); "" when not cached


_ANALYZER = None
_CLAIMS = dedupe.Claims()
_PROGRESS: dict = {}          # input index -> fraction of its text analyzed (read by the progress bar)
_CACHE: cache.Cache | None = None   # OUT/cache, read by whichever process analyzes (None: no cache)


def _analyzer(prefilter: bool):
    """The process's one Analyzer (one model load per process)."""
    global _ANALYZER
    if _ANALYZER is None:
        from pipeline.nlp import Analyzer
        _ANALYZER = Analyzer(prefilter=prefilter)
    return _ANALYZER


def process_one(inp: ingest.InputFile, prefilter: bool = True, index: int | None = None,
                timeout: float | None = None) -> DocResult:
    """Ingest and analyze one input; never raises: failures become a log status.
    An input whose text an earlier input (by `index`) already has is not analyzed;
    a document that takes longer than `timeout` seconds fails with that reason."""
    res = DocResult(path=str(inp.path), doc_id=inp.doc_id, status="ok")
    try:
        with limits.deadline(timeout):
            _process(inp, prefilter, index, res)
    except limits.DocTimeout as exc:
        res.status, res.reason, res.events, res.text, res.cache_key = "failed", f"timed out: {exc}", [], "", ""
    return res


def _process(inp: ingest.InputFile, prefilter: bool, index: int | None, res: DocResult) -> None:
    # Ingest (issue 4): the sha256 is of the bytes actually read (empty when they could not be).
    try:
        doc = ingest.load(inp)
    except ingest.IngestError as exc:
        res.status, res.reason, res.sha256 = exc.status, exc.reason, exc.sha256
        return
    except Exception as exc:  # a reader bug must not sink the run
        log.debug("reading %s failed", inp.path, exc_info=True)
        res.status, res.reason = "failed", f"could not read: {type(exc).__name__}: {exc}"
        return
    res.sha256 = doc.sha256
    res.text = doc.text
    res.key = dedupe.content_key(doc.text)
    if index is not None and _CLAIMS.earlier(res.key, index):
        res.status, res.text = "duplicate", ""      # the reason is filled in by the main process
        return
    res.words = len(doc.text.split())
    if _CACHE is not None:
        res.cache_key = cache.key(doc.text, doc.report_year, cache.fingerprint(prefilter))
        hit = _CACHE.get(res.cache_key, inp.doc_id)
        if hit is not None:
            res.events, res.words = hit
            res.reason = "cached"
            return

    def report(fraction: float) -> None:
        if index is not None:
            _PROGRESS[index] = fraction
    try:
        res.events = limits.analyze(_analyzer(prefilter), doc, report)
    except Exception as exc:
        log.debug("analysis failed for %s", inp.path, exc_info=True)   # the reason is in run_log
        res.status, res.reason, res.events = "failed", f"analysis error: {type(exc).__name__}: {exc}", []
        res.cache_key = ""


def _worker_init(prefilter: bool, claims=None, progress=None, store=None) -> None:
    # An initializer that raises makes multiprocessing.Pool respawn workers
    # forever (the run would hang); swallow it here, and every document this
    # worker takes then fails with the reason in run_log.csv (process_one).
    outdir.close_inherited_lock()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C: the main process stops the pool (one line, exit 130)
    _exit_when_orphaned(os.getppid())
    global _CLAIMS, _PROGRESS, _CACHE
    _CACHE = store
    if claims is not None:
        _CLAIMS = dedupe.Claims(claims)
    if progress is not None:
        _PROGRESS = progress
    try:
        _analyzer(prefilter)
    except Exception as exc:  # noqa: BLE001 - reported per document
        log.debug("model failed to load in a worker", exc_info=True)
        log.error("model failed to load in a worker: %s: %s", type(exc).__name__, exc)


def _manager_init() -> None:
    """In the Manager's server process: not holding OUT's lock, and Ctrl-C is the main process's business."""
    outdir.close_inherited_lock()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_when_orphaned(os.getppid())


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose main process was killed (kill -9) exits at once, silently: left
    alone it would finish its document and die on the broken result pipe with a
    traceback on the terminal, long after the run was stopped."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.05)
        os._exit(0)
    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()


def _start_manager(ctx):
    from multiprocessing.managers import SyncManager
    manager = SyncManager(ctx=ctx)
    manager.start(_manager_init)
    return manager


def _indexed_worker(args: tuple[int, ingest.InputFile, bool, float | None]) -> tuple[int, DocResult]:
    index, inp, prefilter, timeout = args
    return index, process_one(inp, prefilter, index, timeout)


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
            yield expect, held.pop(expect)
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
            excel: bool = False, prefilter: bool = True, doc_timeout: float | None = limits.DEFAULT_DOC_TIMEOUT,
            use_cache: bool = True, scheduler: str | None = None) -> int:
    """Extract events from `paths` into `out_dir`. Returns the exit code:
    0 all ok, 1 some inputs skipped or failed (or manifest warnings), 2 usage or output error.

    Everything is written into a staging folder inside OUT and published in one
    step at the end (pipeline.outdir); an interrupted run leaves OUT as it was.
    Results are reused from OUT/cache (pipeline.cache; `use_cache=False` rebuilds
    it); `scheduler` sends documents to a Dask cluster (pipeline.engine)."""
    try:
        inputs = ingest.discover(paths, out=out_dir)
    except ingest.UsageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not inputs:
        print(f"error: no {'/'.join(ingest.SUPPORTED_SUFFIXES)} reports found in {', '.join(map(str, paths))}",
              file=sys.stderr)
        return 2
    out = outdir.OutDir(out_dir)
    try:
        stage = out.open()
        store = cache.Cache(Path(out_dir) / cache.CACHE, enabled=use_cache)
        store.clean()
        state: dict = {"progress_table": {}, "cache": store, "scheduler": scheduler}
        n_bad, n_events = _run(inputs, stage, workers, quiet, excel, prefilter, doc_timeout, state)
        review.write_outputs(stage)   # report.html, events.xlsx from the CSVs just written (issue 9)
        out.publish()
    except outdir.OutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:   # inputs never raise (process_one): this is writing the outputs
        print(f"error: cannot write outputs: {outdir.describe(exc, exc.filename or out_dir)}", file=sys.stderr)
        return 2
    finally:
        out.discard()
        out.close()
    if not quiet:
        n_in = len(inputs)
        print(f"{n_in} inputs, {n_in - n_bad} ok, {n_bad} skipped/failed, "
              f"{n_events} events -> {Path(out_dir)}/events.csv", file=sys.stderr)
    return 1 if n_bad else 0


def _results(inputs: list[ingest.InputFile], workers: int, prefilter: bool, timeout: float | None, state: dict):
    """(index, DocResult) in input order, from this process, a pool of `workers` or a Dask cluster."""
    global _CLAIMS, _PROGRESS, _CACHE
    _CACHE = state.get("cache")
    if state.get("scheduler"):
        from pipeline import engine
        return engine.results(inputs, state, prefilter, timeout)
    if workers == 1:
        _CLAIMS, _PROGRESS = dedupe.Claims(), state["progress_table"]
        return ((i, process_one(inp, prefilter, i, timeout)) for i, inp in enumerate(inputs))
    ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
    manager = state["manager"]
    state["pool"] = pool = ctx.Pool(workers, initializer=_worker_init, maxtasksperchild=None,
                                    initargs=(prefilter, manager.dict(), state["progress_table"], _CACHE))
    block = 4 * workers
    state["window"] = window = _Window(2 * block)
    order = _largest_first(inputs, block)
    finished = pool.imap_unordered(_indexed_worker, window.feed((i, inputs[i], prefilter, timeout) for i in order),
                                   chunksize=1)
    return _in_input_order(finished, window)


def _run(inputs: list[ingest.InputFile], stage: Path, workers: int | None, quiet: bool, excel: bool,
         prefilter: bool, timeout: float | None, state: dict) -> tuple[int, int]:
    """Process `inputs` and write every output into `stage`; (n_bad, n_events).
    n_bad counts skipped and failed inputs and manifest warnings."""
    workers = state["workers"] = max(1, min(workers or default_workers(), len(inputs)))
    outputs = export.open_outputs(stage, excel=excel)
    people = People()
    n_bad = n_events = n_words = 0
    started = time.monotonic()
    progress = None
    seen: dict[str, str] = {}      # content key -> first path (pipeline.dedupe)

    def say(message: str) -> None:
        if progress is not None:
            progress.write(message)   # above the bar, not through it
        else:
            print(message, file=sys.stderr)

    try:
        if workers > 1 and not state.get("scheduler"):
            ctx = mp.get_context("fork" if sys.platform != "win32" else "spawn")
            state["manager"] = _start_manager(ctx)
            state["progress_table"] = state["manager"].dict()
        if not quiet:
            from pipeline.progress import Progress
            progress = Progress([_input_size(inp) for inp in inputs], state["progress_table"])
        for path, reason in getattr(inputs, "warnings", []):
            n_bad += 1
            say(f"warning: {path}: {reason}")
            outputs["run_log"].write({"path": path, "status": "warning", "reason": reason, "n_events": 0})
        for index, res in _results(inputs, workers, prefilter, timeout, state):
            if res.cache_key and res.status == "ok" and res.reason != "cached":
                state["cache"].put(res.cache_key, res.events, res.words)
            if res.key and res.key in seen:
                res.status, res.reason, res.events, res.words = "duplicate", f"duplicate of {seen[res.key]}", [], 0
            elif res.key:
                seen[res.key] = res.path
            res.events = values.clean_events(res.events)
            for i, ev in enumerate(res.events, 1):
                ev.event_id = f"{res.doc_id}-{i:03d}"
                outputs["events"].write(ev.to_row())
            if res.status == "ok":
                export.write_text(stage, res.doc_id, res.text)
            else:
                n_bad += res.status != "duplicate"
                say(f"{res.status}: {res.path}: {res.reason}")
            outputs["run_log"].write({"path": res.path, "doc_id": res.doc_id, "status": res.status,
                                      "reason": res.reason, "n_events": len(res.events), "sha256": res.sha256})
            people.add(res.events)
            n_events += len(res.events)
            n_words += res.words
            if progress is not None:
                progress.finished(index, n_events, n_words, started)
        if state.get("pool") is not None:
            state["pool"].close()
            state["pool"].join()
        export.write_people(stage, people.rows(), excel=excel)
        for f in outputs.values():
            f.close()
        sqlite_out.write(stage, inputs)
    except BaseException:
        if state.get("window") is not None:
            state["window"].stop()
        if state.get("pool") is not None:
            state["pool"].terminate()
        for f in outputs.values():
            f.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
        if state.get("dask") is not None:
            from pipeline import engine
            engine.close(state)
        if state.get("manager") is not None:
            try:
                state["manager"].shutdown()
            except Exception:  # noqa: BLE001 - already gone; nothing to clean up
                pass
    return n_bad, n_events
