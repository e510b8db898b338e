"""Open report.html in headless Chromium as a person would (issue 9, `make test-browser`).

Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe:
NUL-terminated JSON on file descriptors 3 and 4), so it needs nothing but the
standard library and Debian's `chromium`. It loads the page, measures the time
until the load event and until the table is drawn, takes screenshots, filters the
table from JS and checks the number of rows shown against events.csv.

    python tools/browser_check.py OUT_DIR --shots DIR [--evidence-shot] [--max-load 3.0]
"""
from __future__ import annotations

import argparse
import base64
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--remote-debugging-pipe",
         "--hide-scrollbars", "--mute-audio"]


class Browser:
    """A headless Chromium driven over the DevTools pipe."""

    def __init__(self, binary: str):
        self._profile = tempfile.mkdtemp(prefix="hr-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # fd 3 = what Chromium reads, fd 4 = what it writes
        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_child_r, 3), os.dup2(from_child_w, 4)))
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method: str, session: str | None = None, timeout: float = 60, **params):
        self._id += 1
        msg = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def page(self, method: str, **params):
        return self.call(method, session=self.session, **params)

    def wait_event(self, name: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, ev in enumerate(self.events):
                if ev.get("method") == name:
                    return self.events.pop(i)
            self.events.append(self._read(deadline))

    def js(self, expression: str):
        res = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in res:
            raise RuntimeError(f"{expression}: {res['exceptionDetails']}")
        return res["result"].get("value")

    def screenshot(self, path: Path, full: bool = False) -> None:
        params = {"format": "png"}
        if full:
            params["captureBeyondViewport"] = True
        data = self.page("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            self.call("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - it is going away anyway
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self._profile, ignore_errors=True)


def _events(out_dir: Path) -> list[dict[str, str]]:
    with open(out_dir / "events.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _matches(row: dict[str, str], f: dict[str, str]) -> bool:
    """The page's filter semantics, in Python: exact type/document/year, substring target and evidence."""
    year = row["date"][:4] or "undated"
    return ((not f.get("type") or row["event_type"] == f["type"]) and (not f.get("doc") or row["doc_id"] == f["doc"])
            and (not f.get("year") or year == f["year"])
            and f.get("target", "").lower() in row["target"].lower()
            and f.get("q", "").lower() in row["evidence"].lower())


def filter_cases(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Filters to try, taken from the data: each type, the busiest document and year, a target, a word."""
    from collections import Counter
    cases = [{"type": t} for t in sorted({r["event_type"] for r in rows})]
    if rows:
        doc = Counter(r["doc_id"] for r in rows).most_common(1)[0][0]
        year = Counter(r["date"][:4] or "undated" for r in rows).most_common(1)[0][0]
        target = next((r["target"] for r in rows if r["target_type"] == "PERSON"), rows[0]["target"])
        cases += [{"doc": doc}, {"year": year}, {"target": target.split()[-1].lower()}, {"q": "prison"},
                  {"type": "SENTENCE", "year": year}, {"doc": doc, "q": "court"}, {"q": "zzzz-no-such-text"}]
    return cases


def check(out_dir: Path, shots: Path, binary: str, max_load: float, evidence_shot: bool) -> list[str]:
    """Open the page, time it, filter it; returns the list of failures (empty when all is well)."""
    failures: list[str] = []
    rows = _events(out_dir)
    page = (out_dir / "report.html").resolve()
    b = Browser(binary)
    try:
        b.page("Page.enable")
        b.page("Emulation.setDeviceMetricsOverride", width=1400, height=1000, deviceScaleFactor=1, mobile=False)
        t0 = time.monotonic()
        b.page("Page.navigate", url=page.as_uri())
        b.wait_event("Page.loadEventFired")
        wall = time.monotonic() - t0
        nav = b.js("(function(){var n=performance.getEntriesByType('navigation')[0];"
                   "return {load:n.loadEventEnd, dom:n.domContentLoadedEventEnd};})()")
        print(f"page load: {wall:.2f} s wall until the load event (navigation timing: load event at "
              f"{nav['load'] / 1000:.2f} s, DOM ready at {nav['dom'] / 1000:.2f} s), {len(rows)} events")
        if wall > max_load:
            failures.append(f"page took {wall:.2f} s to load (limit {max_load} s)")
        total = b.js("window.hrReport.total")
        if total != len(rows):
            failures.append(f"page holds {total} events, events.csv {len(rows)}")
        b.screenshot(shots / "report-overview.png")
        empty = {"type": "", "doc": "", "year": "", "target": "", "q": ""}
        for case in filter_cases(rows):
            want = sum(1 for r in rows if _matches(r, case))
            matched = b.js(f"window.hrReport.setFilter({json.dumps({**empty, **case})})")
            shown = b.js("window.hrReport.rowsShown()")
            status = b.js("document.getElementById('status').textContent")
            print(f"filter {case}: {matched} matched, {shown} rows shown ({status!r}); events.csv: {want}")
            if matched != want or shown != min(want, 100):
                failures.append(f"filter {case}: {matched} matched / {shown} shown, expected {want}")
        b.js(f"window.hrReport.setFilter({json.dumps(empty)})")
        for column, direction in (("date", 1), ("date", -1), ("target", 1)):
            b.js(f"window.hrReport.sortBy({json.dumps(column)}, {direction})")
            first = b.js("document.querySelector('#rows tr.ev').getAttribute('data-row')")
            values = sorted((r[column].lower() for r in rows), reverse=direction < 0)
            if rows and rows[int(first)][column].lower() != values[0]:
                failures.append(f"sorted by {column} ({direction}): first row has {rows[int(first)][column]!r}, "
                                f"expected {values[0]!r}")
        b.js("window.hrReport.sortBy(null)")
        if evidence_shot:
            b.js("window.hrReport.sortBy('target');window.hrReport.open(window.hrReport.firstWith("
                 "['TARGET','DATE','CHARGE','TERM','PLACE']));document.querySelector('tr.detail').scrollIntoView({block:'center'})")
            b.screenshot(shots / "report-evidence.png")
        marks = b.js("window.hrReport.open(0);document.querySelectorAll('tr.detail mark.ent').length")
        print(f"evidence view of the first row: {marks} highlighted spans")
        if not marks:
            failures.append("the first row's evidence view has no highlighted span")
    finally:
        b.close()
    return failures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--shots", type=Path, default=Path("outputs"))
    ap.add_argument("--max-load", type=float, default=3.0)
    ap.add_argument("--evidence-shot", action="store_true", help="also screenshot an opened evidence view")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "")
    args = ap.parse_args(argv)
    if not args.chromium:
        print("error: chromium not found (apt-get install -y chromium)", file=sys.stderr)
        return 2
    failures = check(args.out_dir, args.shots, args.chromium, args.max_load, args.evidence_shot)
    for f in failures:
        print(f"FAIL: {f}", file=sys.stderr)
    print(f"browser check: {'failed' if failures else 'passed'} ({len(failures)} failures)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
