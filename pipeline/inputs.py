"""Find the inputs of a run: walk folders, read manifests, give each input a safe doc_id.

Walking (`discover`)
--------------------
Files and folders are taken in command-line order; a folder is walked in
sorted order, hidden entries skipped. Symbolic links are followed once: a link
to a folder already walked (a loop, or a second view of the same folder) is a
`skipped` row naming the first path; a link to a file already listed is a
`skipped` row "same file as <path>"; a broken link is a `skipped` row. FIFOs,
sockets and devices are `skipped` ("not a regular file"). Files named
README/LICENSE/CHANGELOG (any extension) are `skipped` unless named on the
command line. The output folder and its files are never inputs. Every input
path ends up in run_log.csv exactly once.

Manifests
---------
`manifest.csv` (spec section 7) is decoded like a report (charset detection)
and checked row by row: known columns, a path that exists, a year in
1900..next year, a doc_id not used by another row. Each problem is a warning
(`Inputs.warnings`: a `warning` row in run_log.csv and a line on stderr) and
the bad value is ignored; a manifest that cannot be read as CSV with a `path`
column stops the run (UsageError, exit 2).

doc_id
------
Made safe once, here: an ASCII slug (accents dropped; any run of other
characters than letters, digits, `.`, `_` and `-` becomes `_`), with no
leading `-`, `=`, `+`, `@`, `.` or `_`, so that the same id names the CSV rows
and OUT/texts/<doc_id>.txt and needs no spreadsheet escaping. Ids are unique
case-insensitively; a taken id gets its parent folder in front, then `-2`, `-3`...
"""
from __future__ import annotations

import csv
import datetime
import errno
import io
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from pipeline.ingest import MANIFEST_NAME, SUPPORTED_SUFFIXES, IngestError, InputFile, UsageError, decode_text

MANIFEST_COLUMNS = {"path", "report_year", "doc_id", "country", "publisher", "title", "published",
                    "chars", "sha256"}   # the last two: descriptive columns of the State Department archive
NOT_REPORTS = {"readme", "license", "licence", "changelog"}
OUT_FILES = {"eval.md", "eval.json", "bench.json"}   # written into OUT by `evaluate` and `bench`
MIN_YEAR = 1900


class Inputs(list):
    """The InputFiles of a run, plus `warnings`: (path, reason) pairs for run_log.csv."""

    def __init__(self, items=(), warnings=None):
        super().__init__(items)
        self.warnings: list[tuple[str, str]] = list(warnings or [])


# --------------------------------------------------------------------------- doc_id

_NOT_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_BAD_LEAD = re.compile(r"^[-=+@._]+")


def safe_id(doc_id: str) -> str:
    """An ASCII slug usable as a file name and as a CSV cell: 'Türkiye 2019!' -> 'Turkiye_2019_',
    '-dash' -> 'dash', '../../etc/passwd' -> 'etc_passwd', '=cmd;x' -> 'cmd_x'."""
    ascii_ = unicodedata.normalize("NFKD", doc_id).encode("ascii", "ignore").decode("ascii")
    slug = _BAD_LEAD.sub("", _NOT_SLUG.sub("_", ascii_.strip()))
    return slug or "doc"


def _unique_id(wanted: str, parent: str, used: set[str]) -> str:
    """`wanted` if free, else `<parent>-<wanted>`, else `<parent>-<wanted>-2`, -3, ..."""
    if wanted.casefold() not in used:
        return wanted
    base = safe_id(f"{parent}-{wanted}") if parent else wanted
    doc_id, n = base, 2
    while doc_id.casefold() in used:
        doc_id = f"{base}-{n}"
        n += 1
    return doc_id


# --------------------------------------------------------------------------- manifests

def read_manifest(manifest: Path, warnings: list[tuple[str, str]]) -> dict[Path, dict[str, str]]:
    """Map resolved report paths to their checked manifest rows; problems go to `warnings`.

    Raises UsageError when the manifest cannot be used at all."""
    try:
        text = decode_text(manifest.read_bytes())
    except IngestError as exc:
        raise UsageError(f"manifest {manifest}: cannot be used: {exc.reason}") from None
    except OSError as exc:
        raise UsageError(f"manifest {manifest}: cannot be read: {exc.strerror or exc}") from None
    try:
        reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
        header = [h.strip().lower() for h in next(reader, [])]
        raw_rows = list(reader)
    except csv.Error as exc:
        raise UsageError(f"manifest {manifest}: not a valid CSV file: {exc}") from None
    if "path" not in header:
        raise UsageError(f"manifest {manifest}: no 'path' column (spec section 7: path, report_year, ...)")
    where = str(manifest)

    def warn(reason: str) -> None:
        warnings.append((where, reason))

    unknown = [h for h in header if h and h not in MANIFEST_COLUMNS]
    if unknown:
        warn(f"unknown columns ignored: {', '.join(unknown)} (known: {', '.join(sorted(MANIFEST_COLUMNS))})")
    max_year = datetime.date.today().year + 1
    rows: dict[Path, dict[str, str]] = {}
    first_row: dict[Path, int] = {}
    ids: dict[str, int] = {}
    for n, values in enumerate(raw_rows, 2):       # row 1 is the header
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            warn(f"row {n}: {len(values)} cells for {len(header)} columns; extra cells ignored")
        row = {h: (v or "").strip() for h, v in zip(header, values) if h in MANIFEST_COLUMNS}
        if not row.get("path"):
            warn(f"row {n}: no path; row ignored")
            continue
        target = manifest.parent / row["path"]
        if not target.exists():
            warn(f"row {n}: path {row['path']} does not exist; row ignored")
            continue
        key = _real(target)
        if key in first_row:
            warn(f"row {n}: path {row['path']} already listed in row {first_row[key]}; row ignored")
            continue
        year = row.get("report_year", "")
        if year and not (year.isdigit() and MIN_YEAR <= int(year) <= max_year):
            warn(f"row {n}: report_year {year!r} is not a year in {MIN_YEAR}..{max_year}; "
                 "ignored (the year comes from the text)")
            row["report_year"] = ""
        if row.get("doc_id"):
            slug = safe_id(row["doc_id"]).casefold()
            if slug in ids:
                warn(f"row {n}: doc_id {row['doc_id']!r} already used in row {ids[slug]}; "
                     "ignored (a doc_id is made from the file name)")
                row["doc_id"] = ""
            else:
                ids[slug] = n
        first_row[key] = n
        rows[key] = row
    return rows


# --------------------------------------------------------------------------- walking

def _real(path: Path) -> Path:
    """The real path (Path.resolve raises on a symbolic link loop; this does not)."""
    return Path(os.path.realpath(path))


def _special_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                       (stat.S_ISBLK, "a device"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "a special file"


def _link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken symbolic link"
    return ""


class _Walker:
    """Collects (path, skip_reason) in a fixed order; see the module docstring."""

    def __init__(self, out: Path | None):
        self.found: list[tuple[Path, str]] = []
        self.files: dict[Path, Path] = {}        # real file -> first path listed
        self.dirs: dict[Path, Path] = {}         # real folder -> first path walked
        self.out = _real(out) if out is not None else None
        self.notes: list[str] = []

    def _in_out(self, real: Path, root_real: Path) -> bool:
        if self.out is None:
            return False
        if root_real == self.out or root_real.is_relative_to(self.out):
            # reading OUT itself: only its own outputs are excluded
            return real.is_relative_to(self.out / ".runs") or (real.parent == self.out and real.name in OUT_FILES)
        return real == self.out or real.is_relative_to(self.out)

    def add_file(self, path: Path, explicit: bool, root_real: Path) -> None:
        problem = _link_problem(path) if path.is_symlink() else ""
        if problem:
            self.found.append((path, problem))
            return
        try:
            st = path.stat()
        except OSError as exc:
            self.found.append((path, f"cannot read: {exc.strerror or exc}"))
            return
        real = _real(path)
        if self._in_out(real, root_real):
            if explicit:
                self.found.append((path, "inside the output folder (outputs are never read as inputs)"))
            return
        if not stat.S_ISREG(st.st_mode):
            self.found.append((path, f"not a regular file ({_special_kind(st.st_mode)})"))
            return
        if real in self.files:
            if self.files[real] != path:
                self.found.append((path, f"same file as {self.files[real]}"))
            return
        if not explicit and path.stem.split(".")[0].lower() in NOT_REPORTS:
            self.found.append((path, "not a report (README/LICENSE/CHANGELOG); name it on the command line to read it"))
            self.files[real] = path
            return
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            if explicit:
                self.found.append((path, "unsupported file type"))
                self.files[real] = path
            return
        self.files[real] = path
        self.found.append((path, ""))

    def walk(self, folder: Path, root_real: Path, root: bool = False) -> None:
        real = _real(folder)
        if self._in_out(real, root_real):
            if real == self.out:
                self.notes.append(f"note: not reading {folder}: it is the output folder")
            return
        if real in self.dirs:
            if root:          # the same folder named twice on the command line: once is enough
                return
            loop = any(real == _real(q) for q in folder.parents)
            self.found.append((folder, ("symbolic link loop: " if loop else "") + f"folder already read as {self.dirs[real]}"))
            return
        self.dirs[real] = folder
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            self.found.append((folder, f"cannot list folder: {exc.strerror or exc}"))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            path = Path(e.path)
            try:
                is_dir = e.is_dir()          # follows links
            except OSError:
                is_dir = False
            if is_dir:
                self.walk(path, root_real)
            elif e.is_symlink() or not e.is_file(follow_symlinks=False) or path.suffix.lower() in SUPPORTED_SUFFIXES \
                    or path.stem.split(".")[0].lower() in NOT_REPORTS:
                self.add_file(path, explicit=False, root_real=root_real)


def discover(paths: list[str | Path], out: str | Path | None = None) -> Inputs:
    """Expand files and folders into InputFiles (fixed order, unique safe doc_ids) and manifest warnings.

    Raises UsageError for a path that does not exist, a path inside OUT's own
    outputs, or a manifest that cannot be used."""
    walker = _Walker(Path(out) if out is not None else None)
    warnings: list[tuple[str, str]] = []
    manifests: dict[Path, dict[str, str]] = {}
    read: set[Path] = set()

    def use_manifest(mf: Path) -> None:
        key = _real(mf)
        if key not in read and mf.is_file():
            read.add(key)
            manifests.update(read_manifest(mf, warnings))

    for raw in paths:
        p = Path(raw)
        if not p.exists() and not p.is_symlink():
            raise UsageError(f"no such file or directory: {raw}")
        root_real = _real(p)
        if walker.out is not None and (root_real.is_relative_to(walker.out / ".runs")
                                       or root_real.is_relative_to(walker.out / "texts")):
            raise UsageError(f"{raw} is inside the output folder {out}: outputs are never read as inputs")
        # A manifest one or two folders up also covers this path:
        # statedept/manifest.csv lists "2019/egypt.txt" for `extract statedept/2019`.
        for anc in list(root_real.parents)[:3][::-1]:
            use_manifest(anc / MANIFEST_NAME)
        if p.is_dir():
            start = len(walker.dirs)
            walker.walk(p, root_real, root=True)
            for real in list(walker.dirs)[start:]:
                use_manifest(real / MANIFEST_NAME)
        else:
            walker.add_file(p, explicit=True, root_real=root_real.parent)
    for note in walker.notes:
        print(note, file=sys.stderr)
    inputs = Inputs(warnings=warnings)
    used_ids: set[str] = set()
    for f, skip in walker.found:
        row = manifests.get(_real(f), {}) if not skip else {}
        doc_id = _unique_id(safe_id(row.get("doc_id") or f.stem), safe_id(_real(f).parent.name), used_ids)
        used_ids.add(doc_id.casefold())
        year = int(row["report_year"]) if row.get("report_year", "").isdigit() else None
        inputs.append(InputFile(path=f, doc_id=doc_id, report_year=year, meta=row, skip_reason=skip))
    return inputs
