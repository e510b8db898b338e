"""`python -m pipeline review export OUT_DIR --to tasks.json` and
`python -m pipeline review import EXPORT.json --gold FILE.csv` (issue 9)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def add_parser(sub) -> None:
    """The `review` sub-command and its two actions, on the CLI's sub-parsers."""
    rv = sub.add_parser("review", help="the Label Studio correction loop: export tasks, import corrections as gold")
    actions = rv.add_subparsers(dest="action", required=True)
    ex = actions.add_parser("export", help="write Label Studio tasks (one per evidence paragraph) and the config")
    ex.add_argument("out_dir", help="a run's output folder (events.csv, people.csv, texts/)")
    ex.add_argument("--to", required=True, help="tasks JSON to write; the labeling config goes beside it "
                                                "as <name>.config.xml")
    im = actions.add_parser("import", help="turn a Label Studio JSON export into a gold CSV (spec section 5)")
    im.add_argument("export", help="Label Studio's JSON export of the project")
    im.add_argument("--gold", required=True, help="gold CSV to write (e.g. corpus/gold/NAME.csv)")
    im.add_argument("--predictions", action="store_true",
                    help="a task nobody annotated counts with its prediction (default: skipped)")


def main(args) -> int:
    """Run `review export` or `review import`; 0 on success, 2 on a usage error."""
    if args.action == "export":
        out_dir = Path(args.out_dir)
        if not (out_dir / "events.csv").is_file():
            print(f"error: {out_dir}/events.csv not found (run extract first)", file=sys.stderr)
            return 2
        from pipeline.review.labelstudio import export_tasks
        n, config = export_tasks(out_dir, Path(args.to))
        print(f"{n} tasks -> {args.to}; labeling config -> {config}", file=sys.stderr)
        return 0
    from pipeline.review.lsimport import ExportFormatError, import_export
    try:
        n, n_read, n_skipped = import_export(Path(args.export), Path(args.gold), args.predictions)
    except (OSError, json.JSONDecodeError, ExportFormatError, KeyError) as exc:
        print(f"error: {args.export}: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    print(f"{n} events from {n_read} annotated tasks ({n_skipped} not annotated, skipped) -> {args.gold}",
          file=sys.stderr)
    return 0
