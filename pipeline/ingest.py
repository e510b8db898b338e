"""Find input reports, read them to text, and attach each one's doc_id and year.

A folder may hold a `manifest.csv` (spec section 7) giving `path`,
`report_year` and optionally `doc_id`; otherwise the doc_id is the file name
without extension and the year comes from the title or dateline.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md")
MANIFEST_NAME = "manifest.csv"


class UsageError(Exception):
    """A path given on the command line does not exist or cannot be used."""


class IngestError(Exception):
    """One input could not be turned into text; `status` is skipped or failed."""

    def __init__(self, reason: str, status: str = "failed"):
        super().__init__(reason)
        self.reason = reason
        self.status = status


@dataclass
class InputFile:
    """A report found on disk, before it is read."""

    path: Path
    doc_id: str
    report_year: int | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    """A report as text: offsets in events.csv refer to `text`."""

    doc_id: str
    path: Path
    text: str
    report_year: int | None = None
    meta: dict[str, str] = field(default_factory=dict)


def _read_manifest(folder: Path) -> dict[Path, dict[str, str]]:
    """Map resolved report paths to their manifest rows (empty without a manifest)."""
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        return {}
    rows: dict[Path, dict[str, str]] = {}
    with manifest.open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row.get("path"):
                rows[(folder / row["path"]).resolve()] = {k: (v or "").strip() for k, v in row.items() if k}
    return rows


def discover(paths: list[str | Path]) -> list[InputFile]:
    """Expand files and folders (recursively) into InputFiles, sorted, doc_ids unique.

    Raises UsageError for a path that does not exist.
    """
    found: list[Path] = []
    manifests: dict[Path, dict[str, str]] = {}
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageError(f"no such file or directory: {raw}")
        if p.is_dir():
            for mf in sorted(p.rglob(MANIFEST_NAME)):
                manifests.update(_read_manifest(mf.parent))
            found.extend(f for f in sorted(p.rglob("*"))
                         if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                         and not any(part.startswith(".") for part in f.relative_to(p).parts))
        else:
            manifests.update(_read_manifest(p.parent))
            found.append(p)
    inputs: list[InputFile] = []
    seen: set[Path] = set()
    used_ids: set[str] = set()
    for f in found:
        key = f.resolve()
        if key in seen:
            continue
        seen.add(key)
        row = manifests.get(key, {})
        doc_id = row.get("doc_id") or f.stem
        base, n = doc_id, 2
        while doc_id in used_ids:
            doc_id = f"{base}-{n}"
            n += 1
        used_ids.add(doc_id)
        year = int(row["report_year"]) if row.get("report_year", "").isdigit() else None
        inputs.append(InputFile(path=f, doc_id=doc_id, report_year=year, meta=row))
    return inputs


def read_text(path: Path) -> str:
    """Read a report to text. Raises IngestError with a reason a person can act on."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise IngestError("empty file", status="skipped")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"not UTF-8 text: {exc}") from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


# A dateline "(Berlin, June 5, 2019) –" or a title line "KAZAKHSTAN 2019 HUMAN RIGHTS REPORT".
_DATELINE = re.compile(r"^\s*\([^()\n]{0,60}?\b((?:19|20)\d\d)\)\s*[-\u2013\u2014]", re.M)
_TITLE_LINE = re.compile(r"^[^\n]{0,80}?\b((?:19|20)\d\d)\b[^\n]{0,40}\b(?:report|review|yearbook|annual)\b[^\n]{0,40}$", re.I | re.M)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def year_anchor(text: str, title: str = "", file_stem: str = "") -> int | None:
    """The year a report covers (spec section 7): title, dateline or title line, file name.

    Returns None when none gives one; dates without a year then take the latest
    year written before them (see normalize).
    """
    m = _YEAR.search(title or "")
    if m:
        return int(m.group(1))
    head = text[:2000]
    for rx in (_DATELINE, _TITLE_LINE):
        m = rx.search(head)
        if m:
            return int(m.group(1))
    m = _YEAR.search(file_stem or "")
    return int(m.group(1)) if m else None


def load(inp: InputFile) -> Document:
    """Read one input into a Document; the year comes from the manifest, else the title/dateline."""
    text = read_text(inp.path)
    year = inp.report_year or year_anchor(text, inp.meta.get("title", ""), inp.path.stem)
    return Document(doc_id=inp.doc_id, path=inp.path, text=text, report_year=year, meta=inp.meta)
