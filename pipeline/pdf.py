"""The text layer of a PDF (used by pipeline.ingest): pages in order, running
headers/footers dropped, hyphenation repaired, wrapped paragraphs joined."""
from __future__ import annotations

import io
import logging
import re
import unicodedata

_ZONE = 3                     # lines at the top and at the bottom of a page that may be header/footer
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?:;…][\"'”’»)\]]*$")
_HYPHENS = "-\u2010\u00ad"    # hyphen-minus, hyphen, soft hyphen
_COMPOUND = re.compile(r"(\w+)-(\w+)")
_LIGATURES = re.compile("[\ufb00-\ufb06]")


def _running_key(line: str) -> str:
    """A header/footer line with its numbers blanked: "Page 3 of 9" ~ "Page 4 of 9"."""
    return _DIGITS.sub("#", _SPACES.sub(" ", line.strip())).casefold()


def _drop_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop lines that repeat at the top or bottom of most pages (running titles, page numbers).

    A line is dropped when it is among the first or last three non-empty lines of
    its page and the same line (numbers ignored) is there on at least two pages
    and on more than half of all pages."""
    n_pages = sum(1 for lines in pages if any(lines))
    if n_pages < 2:
        return pages
    zones: list[set[int]] = []
    counts: dict[str, int] = {}
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        zone = set(filled[:_ZONE] + filled[-_ZONE:])
        zones.append(zone)
        for key in {_running_key(lines[i]) for i in zone}:
            counts[key] = counts.get(key, 0) + 1
    running = {k for k, c in counts.items() if c >= 2 and c * 2 > n_pages}
    return [[line for i, line in enumerate(lines) if not (i in zone and _running_key(line) in running)]
            for lines, zone in zip(pages, zones)]


def _join_lines(lines: list[str]) -> str:
    """Repair hyphenation at line ends and join line-wrapped paragraphs; one paragraph per line.

    "deten-" + "tion" -> "detention" (but "well-" + "known" stays "well-known" when
    the document writes "well-known" elsewhere); a line that does not end a
    sentence followed by one starting in lowercase continues the paragraph."""
    compounds = {m.group(0).casefold() for line in lines for m in _COMPOUND.finditer(line)}
    paragraphs: list[list[str]] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if paragraphs:
            prev = paragraphs[-1][-1]
            if len(prev) >= 2 and prev[-1] in _HYPHENS and prev[-2].isalnum() and line[0].isalnum():
                left = re.search(r"(\w+)\W?$", prev)
                right = re.match(r"\w+", line)
                word = f"{left.group(1) if left else ''}-{right.group(0) if right else ''}".casefold()
                if prev[-1] == "\u00ad" or (prev[-2].isalpha() and line[0].islower() and word not in compounds):
                    paragraphs[-1][-1] = prev[:-1]          # deten- + tion -> detention
                else:
                    paragraphs[-1][-1] = prev[:-1] + "-"    # anti- + Corruption -> anti-Corruption
                paragraphs[-1].append(line)
                continue
            if line[0].islower() and not _SENTENCE_END.search(prev):
                paragraphs[-1].append(" " + line)
                continue
        paragraphs.append([line])
    return "\n".join("".join(parts) for parts in paragraphs)


def pdf_to_text(data: bytes) -> str:
    """The text layer of a PDF: pages in order, running headers/footers dropped,
    hyphenation repaired, wrapped paragraphs joined. Raises IngestError."""
    from pypdf import PdfReader

    from pipeline.ingest import IngestError

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its warnings would break the progress bar
    if b"%%EOF" not in data[-1024:]:
        raise IngestError("truncated PDF (no %%EOF end marker)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")   # readable by anyone when only an owner password is set
            except Exception as exc:          # e.g. AES without the `cryptography` package
                raise IngestError(f"encrypted PDF (cannot decrypt: {exc})") from exc
            if not opened:
                raise IngestError("encrypted PDF (password required)")
        pages: list[list[str]] = []
        for n, page in enumerate(reader.pages, 1):
            try:
                pages.append((page.extract_text() or "").split("\n"))
            except Exception as exc:
                raise IngestError(f"damaged PDF: cannot read the text of page {n}: {exc}") from exc
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise IngestError(f"damaged PDF: {type(exc).__name__}: {exc}") from exc
    pages = [[_LIGATURES.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line) for line in lines]
             for lines in pages]
    lines = [line for page in _drop_running_lines(pages) for line in page]
    text = _join_lines(lines)
    if not text.strip():
        raise IngestError("PDF has no text layer (a scan? run OCR first)")
    return text


