"""The progress bar of a run, in characters of input (issue 11).

The bar counts the input files' sizes (characters for plain text; bytes of
HTML and PDF), so that one 50 MB report moves the bar as it is analyzed: the
process analyzing a document reports the fraction done after each block
(pipeline.limits.analyze) into a shared table, which a thread here reads twice
a second. Finished documents, events and words/s are in the postfix.
"""
from __future__ import annotations

import sys
import threading
import time


class Progress:
    """tqdm bar over the inputs' sizes; `table` maps input index -> fraction done."""

    def __init__(self, sizes: list[int], table, interval: float = 0.5):
        from tqdm import tqdm
        self.sizes = sizes
        self.table = table
        self.done = 0
        self.n_docs = 0
        self.bar = tqdm(total=max(sum(sizes), 1), unit="char", unit_scale=True, file=sys.stderr,
                        dynamic_ncols=True)
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._poll, args=(interval,), daemon=True)
        self._thread.start()

    def _in_flight(self) -> float:
        try:
            items = list(self.table.items())
        except Exception:  # noqa: BLE001 - the manager is shutting down
            return 0.0
        return sum(f * self.sizes[i] for i, f in items if 0 <= i < len(self.sizes))

    def _poll(self, interval: float) -> None:
        while not self._stop.wait(interval):
            with self._lock:
                n = min(self.done + self._in_flight(), self.bar.total)
                if n > self.bar.n:
                    self.bar.n = n
                    self.bar.refresh()

    def finished(self, index: int, n_events: int, words: int, started: float) -> None:
        """Input `index` is written."""
        with self._lock:
            try:
                self.table.pop(index, None)
            except Exception:  # noqa: BLE001
                pass
            self.done += self.sizes[index]
            self.n_docs += 1
            rate = words / max(time.monotonic() - started, 1e-6)
            self.bar.set_postfix_str(f"{self.n_docs}/{len(self.sizes)} docs, {n_events:,} events, "
                                     f"{rate:,.0f} words/s", refresh=False)
            self.bar.n = max(self.bar.n, min(self.done, self.bar.total))
            self.bar.refresh()

    def write(self, message: str) -> None:
        """A line above the bar, not through it."""
        with self._lock:
            self.bar.write(message, file=sys.stderr)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.bar.close()
