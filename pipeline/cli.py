"""Command line: `python -m pipeline extract PATH... --out DIR` and `evaluate`."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import sys


RULES_ONLY_ENV = "HR_EVENTS_RULES_ONLY"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for all sub-commands."""
    p = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    ex = sub.add_parser("extract", help="extract events from report files or folders")
    ex.add_argument("paths", nargs="+", help=".txt/.md/.html/.pdf files or folders (searched recursively)")
    ex.add_argument("--out", default="outputs", help="output folder (default: outputs)")
    ex.add_argument("--workers", type=int, default=None, help="processes (default: number of cores)")
    ex.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    ex.add_argument("--excel", action="store_true", help="write CSVs with a UTF-8 byte-order mark for Excel")
    ex.add_argument("--doc-timeout", type=float, default=600.0, metavar="SECONDS",
                    help="fail a document that takes longer than this (default: 600; 0: no limit)")
    ex.add_argument("--no-prefilter", dest="prefilter", action="store_false",
                    help="parse every sentence, not only those with a trigger word (slower; for checking)")
    ex.add_argument("--rules-only", action="store_true",
                    help="the rules' decisions only, without the learned layer (pipeline/models/sentcat)")
    ex.add_argument("--dump-stages", metavar="DIR", default=None,
                    help="also write each stage's intermediate records as JSONL under DIR/<doc_id>/")
    ex.add_argument("--no-cache", dest="cache", action="store_false",
                    help="analyze every document again, ignoring OUT/cache, and rebuild the cache")
    ex.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="run on a Dask cluster: tcp://host:8786, or 'local' for a LocalCluster (--workers processes)")

    sh = sub.add_parser("show", help="write a displaCy page of the events of one report")
    sh.add_argument("file", help="one .txt/.md/.html/.pdf report")
    sh.add_argument("--out", default="page.html", help="the HTML file to write (default: page.html)")

    ev = sub.add_parser("evaluate", help="score predicted events against gold files (spec section 6)")
    ev.add_argument("--gold", required=True, help="gold CSV file or folder of gold CSVs")
    ev.add_argument("--pred", required=True, help="predicted events.csv")
    ev.add_argument("--texts", default=None, help="folder of ingested texts (default: texts/ beside --pred)")
    ev.add_argument("--out", default=None, help="where to write eval.json and eval.md (default: beside --pred)")
    from pipeline.review.cli import add_parser as add_review_parser
    add_review_parser(sub)   # review export|import (issue 9)
    return p


def _on_sigterm(main_pid: int):
    """A SIGTERM handler (kill, `timeout`, a cancelled CI job) that unwinds the run like Ctrl-C,
    so that its temporary files are removed; forked workers just die as before."""
    def handler(signum, frame):
        if os.getpid() != main_pid:
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        raise SystemExit(128 + signum)
    return handler


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code (130 after Ctrl-C, one line on stderr)."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        return _command(args)
    except KeyboardInterrupt:
        print("interrupted: outputs left as they were before this run", file=sys.stderr)
        return 130
    except Exception as exc:   # a bug: one line with --quiet, the traceback otherwise
        if not getattr(args, "quiet", False):
            raise
        print(f"error: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 3


def _command(args) -> int:
    if args.command == "extract":
        from pipeline.run import extract
        if args.workers is not None and args.workers < 1:
            print("error: --workers must be at least 1", file=sys.stderr)
            return 2
        if args.rules_only:   # read by every worker's Analyzer, forked or spawned
            os.environ[RULES_ONLY_ENV] = "1"
        if args.dump_stages:
            from pipeline import stages
            stages.configure(args.dump_stages)
        try:
            previous = signal.signal(signal.SIGTERM, _on_sigterm(os.getpid()))
        except ValueError:   # not the main thread: leave signals alone
            previous = None
        try:
            return extract(args.paths, args.out, workers=args.workers, quiet=args.quiet,
                           excel=args.excel, prefilter=args.prefilter, doc_timeout=args.doc_timeout,
                           use_cache=args.cache and not args.dump_stages, scheduler=args.scheduler)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    if args.command == "show":
        from pipeline.components.show import main as show_main
        return show_main(args)
    if args.command == "review":
        from pipeline.review.cli import main as review_main
        return review_main(args)
    if args.command == "evaluate":
        from pipeline.evaluate import main as evaluate_main
        return evaluate_main(args)
    return 2
