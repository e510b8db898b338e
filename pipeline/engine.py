"""The Dask engine (issue 10): `extract --scheduler ADDRESS` sends documents to dask.distributed.

Imported only when --scheduler is given (dask is not imported otherwise).

* ADDRESS is a scheduler (`tcp://host:8786`) or `local`: a LocalCluster of
  `--workers` worker processes with one thread each on this machine.
* The per-document function is `pipeline.run.process_one`, the same as the
  local pool's. A worker plugin loads the model once per worker process when
  the worker joins (pipeline.run keeps one Analyzer per process). Each task
  carries its run's id and OUT/cache: the worker reads the cache when the
  folder is visible from it, and keeps duplicate claims per run.
* Documents are submitted in input order, at most a window of them at a time,
  and results are taken back in input order: the main process writes them
  exactly as it writes the local pool's, so the outputs are byte-identical.
* A worker that dies mid-task: Dask reschedules its tasks on the others
  (`distributed.scheduler.allowed-failures`, default 3). A document that still
  cannot finish (KilledWorker, or any other error the task raises) is logged
  `failed` with the reason; none is ever silently missing.
* Workers read the report files themselves: on a real cluster the input paths
  must be readable on every machine (a shared file system, same paths; give
  absolute paths). --doc-timeout is not enforced on Dask workers (the task
  does not run in the worker's main thread).
"""
from __future__ import annotations

import logging
import os
import uuid

from distributed import Client, LocalCluster, WorkerPlugin

from pipeline import ingest
from pipeline.cli import RULES_ONLY_ENV

_LOADED_FOR: tuple | None = None   # on a worker: the options its model was loaded with
_RUN: dict = {}                    # on a worker: the run it last served (id, duplicate claims, cache)
logging.getLogger("distributed").setLevel(logging.WARNING)   # the scheduler's INFO lines would bury the progress bar


class ModelPlugin(WorkerPlugin):
    """On each worker: the run's options (rules-only, prefilter) and one model load."""

    name = "hr-events-model"

    def __init__(self, prefilter: bool, rules_only: bool):
        self.prefilter = prefilter
        self.rules_only = rules_only

    def setup(self, worker) -> None:
        if self.rules_only:
            os.environ[RULES_ONLY_ENV] = "1"
        else:
            os.environ.pop(RULES_ONLY_ENV, None)
        from pipeline import run
        global _LOADED_FOR
        if _LOADED_FOR != (self.prefilter, self.rules_only):   # a long-lived worker, a run with other options
            run._ANALYZER = None
            _LOADED_FOR = (self.prefilter, self.rules_only)
        try:
            run._analyzer(self.prefilter)
        except Exception:  # noqa: BLE001 - every document then fails with the reason (process_one)
            pass


def _task(index: int, inp: ingest.InputFile, prefilter: bool, run_id: str, cache_folder: str | None,
          cache_enabled: bool):
    """One document on a worker. Duplicate claims and the cache are the run's own: a
    long-lived worker serves run after run (a claim of another run would mark a
    document as a duplicate of a text this run does not have)."""
    from pipeline import cache, dedupe, run
    if _RUN.get("id") != run_id:
        _RUN.update(id=run_id, claims=dedupe.Claims(),
                    cache=cache.Cache(cache_folder, cache_enabled) if cache_folder else None)
    run._CLAIMS, run._CACHE = _RUN["claims"], _RUN["cache"]
    return run.process_one(inp, prefilter, index, None)


def _client(address: str, workers: int) -> tuple[Client, LocalCluster | None]:
    if address == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.WARNING)
        return Client(cluster), cluster
    return Client(address), None


def results(inputs: list[ingest.InputFile], state: dict, prefilter: bool, timeout: float | None):
    """(index, DocResult) in input order, computed on the cluster named by state['scheduler']."""
    from pipeline.run import DocResult, _largest_first
    client, cluster = _client(state["scheduler"], state.get("workers") or 2)
    state["dask"] = (client, cluster)
    store = state.get("cache")
    client.register_plugin(ModelPlugin(prefilter, os.environ.get(RULES_ONLY_ENV) == "1"))
    run_id = uuid.uuid4().hex
    folder = str(store.folder.resolve()) if store is not None else None
    enabled = bool(store is not None and store.enabled)
    n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})) or 1)
    block = 4 * n_workers
    window = 2 * block
    # as the local pool does: largest file first within each block, so that the
    # workers finish a block together; a block is always submitted whole before
    # the next is needed, and results are still taken in input order
    order = iter(_largest_first(inputs, block))
    futures: dict = {}

    def submit(i: int | None) -> None:
        if i is None:
            return
        # pure=False: a document is computed for this run even if an identical task ran before
        futures[i] = client.submit(_task, i, inputs[i], prefilter, run_id, folder, enabled,
                                   key=f"doc-{i}-{run_id}", pure=False)

    def gen():
        try:
            for _ in range(min(window, len(inputs))):
                submit(next(order, None))
            for i, inp in enumerate(inputs):
                fut = futures.pop(i)
                try:
                    res = fut.result()
                except Exception as exc:  # noqa: BLE001 - KilledWorker, a task error: logged, never lost
                    res = DocResult(path=str(inp.path), doc_id=inp.doc_id, status="failed",
                                    reason=f"dask worker failed: {type(exc).__name__}: {exc}"[:500])
                fut.release()
                submit(next(order, None))
                yield i, res
        finally:
            close(state)
    return gen()


def loaded_cluster(workers: int) -> LocalCluster:
    """A LocalCluster of `workers` processes whose models are loaded (make bench)."""
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.WARNING)
    with Client(cluster) as client:
        client.register_plugin(ModelPlugin(True, os.environ.get(RULES_ONLY_ENV) == "1"))
    return cluster


def close(state: dict) -> None:
    """Disconnect from the cluster (and stop a LocalCluster); safe to call twice."""
    client, cluster = state.pop("dask", (None, None))
    if client is not None:
        try:
            client.close()
        finally:
            if cluster is not None:
                cluster.close()
