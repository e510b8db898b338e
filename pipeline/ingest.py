"""Find input reports, read them to text, and attach each one's doc_id and year.

Inputs
------
`.txt`/`.md` (any common encoding), `.html`/`.htm` (the page's main text) and
`.pdf` (the text layer). Folders are searched recursively for these suffixes
(hidden files and folders are skipped, other suffixes ignored); a file named
explicitly with another suffix becomes a *skipped* input ("unsupported file
type") so that it still gets its line in run_log.csv.

Discovery, manifests and doc_ids: see pipeline.inputs.

Text
----
Every format ends in the same normalization (`normalize_text`): line breaks
(CRLF, CR, NEL, LS, PS, VT, FF) become `\\n`; control characters other than
`\\n` and `\\t` are removed, and so are soft hyphens and stray byte-order marks
(U+FEFF); the result is Unicode NFC. Offsets in events.csv refer to this text,
which run.py saves as OUT/texts/<doc_id>.txt.

Encoding of `.txt`/`.md` (`decode_text`), first match wins:
1. a byte-order mark (UTF-8, UTF-32, UTF-16);
2. BOM-less UTF-16, when NUL bytes sit on (nearly) every other position;
3. otherwise NUL/control bytes in more than 5 % of the first 64 KiB: "binary content";
4. strict UTF-8 (by far the most common; also pure ASCII);
5. charset-normalizer (on a sample of big files); when its best guesses tie,
   Windows-1252/Latin-1 and Windows-1251 win, being the most common legacy
   code pages of the reports we read.
"""
from __future__ import annotations

import codecs
import copy
import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
PDF_SUFFIXES = (".pdf",)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES
MANIFEST_NAME = "manifest.csv"

log = logging.getLogger(__name__)


class UsageError(Exception):
    """A path given on the command line does not exist or cannot be used."""


class IngestError(Exception):
    """One input could not be turned into text; `status` is skipped or failed."""

    def __init__(self, reason: str, status: str = "failed", sha256: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.sha256 = sha256


@dataclass
class InputFile:
    """A report found on disk, before it is read.

    `skip_reason` is set for an input that is logged but not read (a file
    named on the command line with an unsupported suffix)."""

    path: Path
    doc_id: str
    report_year: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    skip_reason: str = ""


@dataclass
class Document:
    """A report as text: offsets in events.csv refer to `text`."""

    doc_id: str
    path: Path
    text: str
    report_year: int | None = None
    meta: dict[str, str] = field(default_factory=dict)
    sha256: str = ""       # of the bytes the text was read from


# --------------------------------------------------------------------------- discovery

def discover(paths, out=None):
    """Find the inputs of a run (see pipeline.inputs, where discovery and manifests live)."""
    from pipeline.inputs import discover as _discover
    return _discover(paths, out=out)


# --------------------------------------------------------------------------- normalization

# Line breaks other than \n and \r that str.splitlines() and Unicode recognize.
_NEWLINES = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")
# C0/C1 control characters except \t (09) and \n (0a), DEL, soft hyphen, stray BOM.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\xad\ufeff]+")


def normalize_text(text: str) -> str:
    """Newlines to \\n, control characters (but \\n, \\t) removed, Unicode NFC.

    Linear in the length of the text, whatever its line lengths."""
    if "\r" in text:   # str.replace is many times faster than a regex on a big report
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NEWLINES.search(text):
        text = _NEWLINES.sub("\n", text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


# --------------------------------------------------------------------------- plain text

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF = 1 << 16                      # bytes looked at for UTF-16 and binary sniffing
_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 27)) + bytes(range(28, 32)) + b"\x7f"
_DETECT_SAMPLE = 1 << 20              # charset-normalizer looks at most at ~1 MiB
_PREFERRED_LEGACY = ("cp1252", "latin_1", "iso8859_15", "cp1251")
# File signatures of common binary formats that could be misnamed .txt (PDF, ZIP/DOCX, OLE/DOC,
# PNG, GIF, JPEG, gzip, bzip2, xz, 7z, ELF).
_BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x89PNG", b"GIF8", b"\xff\xd8\xff",
                 b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x7fELF")


def _utf16_without_bom(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs sit on every other byte, as in ASCII-range UTF-16."""
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    z_even, z_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if z_odd > 0.4 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.4 and z_odd < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(head: bytes) -> bool:
    """More than 5 % NUL or other control bytes (not \\t \\n \\v \\f \\r ESC) in the sample."""
    if not head:
        return False
    n = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return n / len(head) > 0.05


def _detect_sample(data: bytes) -> bytes:
    """What charset-normalizer is shown: all of a small file, head/middle/tail of a big one."""
    if len(data) <= _DETECT_SAMPLE:
        return data
    third = _DETECT_SAMPLE // 3
    mid = len(data) // 2
    return data[:third] + data[mid:mid + third] + data[-third:]


def _detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's guess; on a tie a common Western/Cyrillic code page wins."""
    from charset_normalizer import from_bytes

    results = from_bytes(_detect_sample(data))
    best = results.best()
    if best is None:
        return None
    for r in results:
        if r.chaos > best.chaos + 0.01 or r.coherence < best.coherence - 0.01:
            continue
        for enc in r.could_be_from_charset:
            if enc in _PREFERRED_LEGACY:
                return enc
    return best.encoding


def decode_text(data: bytes) -> str:
    """Bytes of a text file to str (see the module docstring for the order of checks).

    Raises IngestError: "binary content", or "unknown text encoding"."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            # The mark names the encoding: a damaged unit becomes U+FFFD, not a failure.
            return data[len(bom):].decode(enc, errors="replace")
    head = data[:_SNIFF]
    utf16 = _utf16_without_bom(head)
    if utf16:
        try:
            return data.decode(utf16)
        except UnicodeDecodeError:
            pass
    if data.startswith(_BINARY_MAGIC) or _looks_binary(head):
        raise IngestError("binary content")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            # UTF-8 cut off inside the last character (a truncated download).
            return data.decode("utf-8", errors="replace")
    enc = _detect_encoding(data)
    if enc:
        try:
            return data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            # The sample of a big file misled the detector: ask again with everything.
            if len(data) > _DETECT_SAMPLE:
                from charset_normalizer import from_bytes
                best = from_bytes(data).best()
                if best is not None:
                    return str(best)
    raise IngestError("unknown text encoding (not UTF-8, UTF-16 or a detectable code page)")


# --------------------------------------------------------------------------- HTML

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def decode_html(data: bytes) -> str:
    """HTML bytes to str: BOM, then strict UTF-8, then the page's <meta charset>, then detection."""
    if not any(data.startswith(bom) for bom, _ in _BOMS) and _utf16_without_bom(data[:_SNIFF]) is None:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        m = _META_CHARSET.search(data[:4096])
        # A page declaring UTF-16/32 in an 8-bit <meta> is not (the HTML standard reads it as UTF-8).
        if m and not m.group(1).lower().startswith((b"utf-16", b"utf-32", b"utf16", b"utf32")):
            try:
                return data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    return decode_text(data)


_TRAFILATURA_OPTIONS = dict(
    favor_recall=True,        # when unsure, keep the paragraph
    include_comments=False,   # reader comments are not the report
    include_tables=True,      # reports put cases in tables
    include_images=False,
    include_links=False,
    include_formatting=False,  # plain lines: one paragraph or heading per line
    deduplicate=False,        # a repeated paragraph is still part of the report
    with_metadata=False,
    output_format="txt",
)


_END_HTML = re.compile(r"</html\s*>", re.I)
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def html_to_text(html: str) -> str:
    """The main text of a web page, one paragraph per line (trafilatura, no network).

    Where the page marks its main content (`<main>` or role="main"), only that
    element is given to trafilatura: on real pages with unclosed navigation
    markup (the State Department's, for one) the parser nests the whole report
    inside <nav>, and trafilatura then drops it with the navigation. Text after
    `</html>` (pages glued together, a footer written after the end) is read as
    a page of its own and kept after the main text. Raises IngestError
    "no main text" (skipped) for a page whose text is only navigation."""
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)   # its messages would break the progress bar
    parts = []
    while True:
        end = _END_HTML.search(html)
        if not end or not _MARKUP.sub("", html[end.end():]).strip():   # nothing visible after it (a comment)
            parts.append(_page_text(html))
            break
        parts.append(_page_text(html[:end.end()]))
        html = html[end.end():]
    if any(text.strip() for text, _ in parts) and not any(prose for _, prose in parts):
        raise IngestError("no main text (only navigation links)", status="skipped")
    if len(parts) > 1:   # of glued pages, those with only navigation add nothing
        parts = [(text, prose) for text, prose in parts if prose]
    return "\n".join(text for text, _ in parts if text.strip())


def _page_text(html: str) -> tuple[str, bool]:
    """The main text of one page, and whether it has a line of prose (not only link texts)."""
    import trafilatura
    from lxml import html as lxml_html

    tree = trafilatura.load_html(html)
    if tree is None:  # a fragment without <html>: wrap it so that it parses
        tree = trafilatura.load_html(f"<html><body><div>{html}</div></body></html>")
    if tree is None:
        raise IngestError("not parseable as HTML")
    links = {" ".join(a.text_content().split()) for a in tree.iter("a")}
    text = None
    mains = tree.xpath("//main | //*[@role='main']")
    if mains:
        main = max(mains, key=lambda el: len(el.text_content()))
        page = lxml_html.Element("html")
        lxml_html.etree.SubElement(page, "body").append(copy.deepcopy(main))
        text = trafilatura.extract(page, **_TRAFILATURA_OPTIONS)
    if not text:
        text = trafilatura.extract(tree, **_TRAFILATURA_OPTIONS)
    text = text or ""
    return text, any(len(line.split()) >= 3 and " ".join(line.split()) not in links for line in text.split("\n"))


# --------------------------------------------------------------------------- PDF (pipeline/pdf.py)

from pipeline.pdf import _drop_running_lines, _join_lines, pdf_to_text  # noqa: E402,F401  (re-exported)


# --------------------------------------------------------------------------- reading

def read_bytes(path: Path) -> bytes:
    """The file's bytes; IngestError with a plain reason when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as exc:
        raise IngestError("file not found (removed after it was listed?)") from exc
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError("is a directory") from exc
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}") from exc


def to_text(data: bytes, suffix: str) -> str:
    """Turn a file's bytes into normalized text according to its suffix. Raises IngestError."""
    suffix = suffix.lower()
    if not data.strip():
        raise IngestError("empty file", status="skipped")
    if suffix in PDF_SUFFIXES:
        if b"%PDF-" not in data[:1024]:
            raise IngestError("not a PDF file (no %PDF header)")
        text = pdf_to_text(data)
    elif suffix in HTML_SUFFIXES:
        text = html_to_text(decode_html(data))
    else:
        text = decode_text(data)
    text = normalize_text(text)
    if not text.strip():
        raise IngestError("no text found", status="skipped")
    return text


def read_text(path: Path) -> str:
    """Read a report to normalized text. Raises IngestError with a reason a person can act on."""
    return to_text(read_bytes(path), Path(path).suffix)


# A dateline "(Berlin, June 5, 2019) –" or a title line "KAZAKHSTAN 2019 HUMAN RIGHTS REPORT".
_DATELINE = re.compile(r"^\s*\([^()\n]{0,60}?\b((?:19|20)\d\d)\)\s*[-\u2013\u2014]", re.M)
_TITLE_LINE = re.compile(r"^[^\n]{0,80}?\b((?:19|20)\d\d)\b[^\n]{0,40}\b(?:reports?|review|yearbook|annual)\b[^\n]{0,40}$", re.I | re.M)
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
    """Read one input into a Document; the year comes from the manifest, else the title/dateline.

    Raises IngestError (carrying the sha256 of the bytes when they were read)."""
    if inp.skip_reason:
        raise IngestError(inp.skip_reason, status="skipped")
    data = read_bytes(inp.path)
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = to_text(data, inp.path.suffix)
    except IngestError as exc:
        exc.sha256 = digest
        raise
    del data
    year = inp.report_year or year_anchor(text, inp.meta.get("title", ""), inp.path.stem)
    return Document(doc_id=inp.doc_id, path=inp.path, text=text, report_year=year, meta=inp.meta, sha256=digest)
