"""The output folder OUT: one lock, one staging folder per run, one atomic switch.

Layout (issue 11)::

    OUT/.lock                     flock()ed by the run writing into OUT
    OUT/.runs/<run-id>/           a run's complete outputs (events.csv, people.csv,
                                  run_log.csv, texts/); written there while it runs
    OUT/current -> .runs/<run-id> the published run
    OUT/events.csv -> current/events.csv      (people.csv, run_log.csv, texts likewise)

A run writes everything into its own staging folder `OUT/.runs/<run-id>` and
publishes it with one rename(2) of a fresh symbolic link onto `OUT/current`:
every reader path goes through `current`, so the four outputs switch together,
texts included, and an earlier run's texts never sit beside the new CSVs. A
run killed at any moment (Ctrl-C, kill -9, power cut before the rename) leaves
`current` pointing at the previous complete run; its staging folder is debris
that the next run removes (`clean`), with any hidden `*.tmp` file.

Why a symbolic link and not renaming the files themselves: four renames are
four steps, and a kill between two of them leaves a mix of old and new files;
one rename of one link is one step. OUT written by an older version of the
pipeline (plain files) is moved under `.runs/` once, before the run starts
(hard links for the CSVs, so their content never goes missing).
"""
from __future__ import annotations

import errno
import os
import secrets
import shutil
import time
from pathlib import Path

RUNS = ".runs"
CURRENT = "current"
LOCK = ".lock"
PUBLISHED = ("events.csv", "people.csv", "run_log.csv", "texts", "report.html", "events.xlsx", "events.sqlite")

_LOCK_FD: int | None = None


class OutputError(Exception):
    """OUT cannot be used: the message names the path and the cause (one line)."""


def describe(exc: OSError, path: str | Path | None = None) -> str:
    """`path: cause` for an OSError, e.g. 'out/events.csv: No space left on device'."""
    where = path or exc.filename or "output"
    cause = exc.strerror or str(exc)
    if exc.errno == errno.ENOTDIR or (exc.errno == errno.EEXIST and Path(where).is_file()):
        cause = "not a directory (a file is in the way)"
    return f"{where}: {cause}"


def _rel_link(link: Path, target: str) -> None:
    """Make `link` a symbolic link to `target` in one step (rename of a fresh link)."""
    tmp = link.with_name(f".{link.name}.{secrets.token_hex(4)}.tmp")
    os.symlink(target, tmp)
    try:
        os.replace(tmp, link)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _is_ours(path: Path, target: str) -> bool:
    return path.is_symlink() and os.readlink(path) == target


class OutDir:
    """OUT for one run: `open()` locks it, clears debris and creates the staging
    folder (`stage`); `publish()` switches to it; `discard()` drops it."""

    def __init__(self, out: str | Path):
        self.out = Path(out)
        self.stage: Path | None = None
        self._fd: int | None = None

    # ------------------------------------------------------------------ set-up
    def open(self) -> Path:
        """Lock OUT, migrate/clean it and create the staging folder. Raises OutputError."""
        global _LOCK_FD
        try:
            self.out.mkdir(parents=True, exist_ok=True)
            if not self.out.is_dir():
                raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(self.out))
            self._fd = os.open(self.out / LOCK, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write outputs to {describe(exc, self.out)}") from None
        import fcntl
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self._fd)
            self._fd = None
            raise OutputError(f"{self.out} is in use by another run (lock held on {self.out / LOCK}); "
                              "wait for it or choose another --out") from None
        _LOCK_FD = self._fd
        try:
            self._migrate()
            self.clean()
            name = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + f"-{os.getpid()}-{secrets.token_hex(3)}"
            self.stage = self.out / RUNS / name
            (self.stage / "texts").mkdir(parents=True)
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot write outputs to {describe(exc)}") from None
        return self.stage

    def _current_run(self) -> Path | None:
        link = self.out / CURRENT
        if link.is_symlink():
            return (self.out / os.readlink(link)).resolve()
        return None

    def _migrate(self) -> None:
        """Outputs of an older version (plain files in OUT) become a run under .runs/."""
        legacy = [n for n in PUBLISHED if (self.out / n).exists() and not (self.out / n).is_symlink()]
        if legacy and self._current_run() is None:
            name = f"legacy-{secrets.token_hex(3)}"
            dest = self.out / RUNS / name
            dest.mkdir(parents=True)
            for n in legacy:
                src = self.out / n
                if src.is_dir():
                    continue
                try:
                    os.link(src, dest / n)
                except OSError:
                    shutil.copy2(src, dest / n)
            if (self.out / "texts").is_dir() and not (self.out / "texts").is_symlink():
                (self.out / "texts").rename(dest / "texts")
            _rel_link(self.out / CURRENT, f"{RUNS}/{name}")
        if self._current_run() is not None:
            self._link_names()

    def _link_names(self) -> None:
        for n in PUBLISHED:
            path, target = self.out / n, f"{CURRENT}/{n}"
            if _is_ours(path, target):
                continue
            if path.is_dir() and not path.is_symlink():   # a stale plain texts/ left by an older run
                path.rename(self.out / RUNS / f"stale-{n}-{secrets.token_hex(3)}")
            _rel_link(path, target)

    def clean(self) -> None:
        """Remove debris of killed runs: staging folders other than the published
        one, and hidden temporary files (`.*.tmp`) in OUT and its published texts."""
        keep = self._current_run()
        runs = self.out / RUNS
        if runs.is_dir():
            for d in runs.iterdir():
                if d.resolve() != keep:
                    if d.is_dir() and not d.is_symlink():
                        shutil.rmtree(d, ignore_errors=True)
                    else:
                        d.unlink(missing_ok=True)
        for folder in (self.out, self.out / "texts", keep / "texts" if keep else None):
            if folder is not None and folder.is_dir():
                for p in folder.glob(".*.tmp"):
                    if p.is_file() or p.is_symlink():
                        p.unlink(missing_ok=True)

    # ------------------------------------------------------------------ end
    def publish(self) -> None:
        """Switch OUT to the staging folder (one rename), then drop the previous run."""
        assert self.stage is not None
        try:
            _rel_link(self.out / CURRENT, f"{RUNS}/{self.stage.name}")
            self._link_names()
        except OSError as exc:
            raise OutputError(f"cannot publish outputs in {describe(exc)}") from None
        self.stage = None
        self.clean()

    def discard(self) -> None:
        """Drop the staging folder (the published outputs are untouched)."""
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None

    def close(self) -> None:
        """Release the lock."""
        global _LOCK_FD
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            _LOCK_FD = None


def close_inherited_lock() -> None:
    """In a forked worker: close the parent's lock descriptor, so that the lock
    dies with the run and not with the last worker."""
    global _LOCK_FD
    if _LOCK_FD is not None:
        try:
            os.close(_LOCK_FD)
        except OSError:
            pass
        _LOCK_FD = None
