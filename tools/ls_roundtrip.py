"""The Label Studio round trip through a real server (issue 9, `make test-review`).

Starts `label-studio` (from a throw-away venv, see the Makefile) on 127.0.0.1
with a fresh data directory, creates a project with our labeling config, imports
the tasks of `review export`, saves every task's prediction unchanged as the
annotation (what an analyst who accepts everything does), exports the project
as JSON through the API, converts it with `review import`, and checks that the
gold rows equal the extractor's rows. With --save-fixtures DIR it also writes
the config, the tasks and the server's export there (the fixtures `make test`
checks the formats against). The server is stopped at the end.

    python tools/ls_roundtrip.py OUT_DIR --label-studio .venv-review/bin/label-studio [--save-fixtures DIR]
"""
from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.review.data import read_rows  # noqa: E402
from pipeline.review.labelstudio import build_tasks, labeling_config  # noqa: E402
from pipeline.review.lsimport import GOLD_COLUMNS, convert  # noqa: E402


class Server:
    """A Label Studio server on 127.0.0.1 with a data directory of its own."""

    def __init__(self, binary: str, port: int, start_timeout: float = 240):
        self.url = f"http://127.0.0.1:{port}"
        self.token = secrets.token_hex(20)
        self.data_dir = tempfile.mkdtemp(prefix="hr-labelstudio-")
        env = {**os.environ, "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true", "SENTRY_DSN": "",
               "FRONTEND_SENTRY_DSN": "", "COLLECT_ANALYTICS": "false"}
        self.log = open(Path(self.data_dir) / "server.log", "w")
        self.proc = subprocess.Popen(
            [binary, "start", "--no-browser", "--internal-host", "127.0.0.1", "--port", str(port),
             "--data-dir", self.data_dir, "--username", "review@example.com",
             "--password", secrets.token_hex(8), "--user-token", self.token, "--enable-legacy-api-token"],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        deadline = time.monotonic() + start_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"label-studio exited ({self.proc.returncode}); see {self.log.name}")
            try:
                self.api("GET", "/api/version")
                return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(2)
        self.stop()
        raise TimeoutError("label-studio did not answer in time")

    def api(self, method: str, path: str, body: object = None):
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Authorization": f"Token {self.token}",
                                              "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            raw = resp.read()
        return json.loads(raw) if raw else None

    def stop(self) -> None:
        """Stop the server (its own process group: it started it) and drop its data."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def round_trip(server: Server, tasks: list[dict], config: str) -> list[dict]:
    """Project, import, annotations = predictions, export; returns the server's JSON export."""
    project = server.api("POST", "/api/projects", {"title": "hr-events review round trip", "label_config": config})
    pid = project["id"]
    server.api("POST", f"/api/projects/{pid}/import", tasks)
    ids, page = [], 1
    while True:
        got = server.api("GET", f"/api/tasks?project={pid}&page={page}&page_size=100&fields=all")
        batch = got["tasks"] if isinstance(got, dict) else got
        ids.extend(t["id"] for t in batch)
        if len(batch) < 100:
            break
        page += 1
    for tid in ids:
        task = server.api("GET", f"/api/tasks/{tid}")
        preds = task.get("predictions") or []
        result = preds[-1]["result"] if preds else []
        server.api("POST", f"/api/tasks/{tid}/annotations?project={pid}", {"result": result, "ground_truth": False})
    return server.api("GET", f"/api/projects/{pid}/export?exportType=JSON&download_all_tasks=true")


def _save_fixtures(target: Path, tasks, config, export) -> None:
    target.mkdir(parents=True, exist_ok=True)
    (target / "tasks.json").write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (target / "tasks.config.xml").write_text(config, encoding="utf-8")
    (target / "labelstudio_export.json").write_text(json.dumps(export, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path, help="a run's output folder")
    ap.add_argument("--label-studio", required=True, help="the label-studio executable")
    ap.add_argument("--port", type=int, default=18089)
    ap.add_argument("--save-fixtures", type=Path, default=None)
    args = ap.parse_args(argv)
    tasks, config = build_tasks(args.out_dir), labeling_config()
    started = time.monotonic()
    server = Server(args.label_studio, args.port)
    try:
        print(f"label-studio up in {time.monotonic() - started:.0f} s at {server.url}")
        export = round_trip(server, tasks, config)
    finally:
        server.stop()
    if args.save_fixtures:
        _save_fixtures(args.save_fixtures, tasks, config, export)
    rows, n_read, n_skipped = convert(export)
    events = read_rows(args.out_dir / "events.csv")
    diffs = [(e.get("event_id"), c, g.get(c), e.get(c)) for g, e in zip(rows, events) for c in GOLD_COLUMNS
             if g.get(c) != e.get(c)]
    print(f"{len(tasks)} tasks imported, {n_read} exported with annotations ({n_skipped} without); "
          f"{len(rows)} gold rows, {len(events)} extractor rows, {len(diffs)} differing cells")
    for d in diffs[:20]:
        print("  differs:", d)
    ok = len(rows) == len(events) and not diffs and n_skipped == 0
    print(f"round trip: {'passed' if ok else 'failed'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
