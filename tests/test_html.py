"""HTML (issue 11): text after </html> is kept; a page that is only navigation is skipped."""
from __future__ import annotations

import logging

import pytest

from pipeline import ingest
from pipeline.ingest import IngestError

ANN = "Police arrested Ann in the city on Monday morning."
BOB = "Police arrested Bob after the end of the page, in the evening."
NAV = ("<nav><ul><li><a href='/'>Home</a></li><li><a href='/a'>About us</a></li>"
       "<li><a href='/r'>Human Rights Reports</a></li></ul></nav>")


@pytest.mark.parametrize("page, lines", [
    (f"<html><body><main><p>{ANN}</p></main></body></html>\n<p>{BOB}</p>", [ANN, BOB]),
    (f"<html><body><p>{ANN}</p></body></html><p>{BOB}</p>\n", [ANN, BOB]),
    (f"<html><body><p>{ANN}</p></body></html>\n<html><body><p>{BOB}</p></body></html>", [ANN, BOB]),  # glued pages
    (f"<html><body><p>{ANN}</p></body></html>\n\n<!-- Performance optimized by Redis Object Cache. Learn more: "
     "https://wprediscache.com -->\n", [ANN]),   # as on the archive's pages
    (f"<html><body>{NAV}<main><p>{ANN}</p></main></body></html>{NAV}", [ANN]),
], ids=["after main", "after body", "two pages", "comment after", "navigation after"])
def test_text_after_the_end_of_the_page_is_kept(page, lines, caplog):
    assert ingest.to_text(page.encode("utf-8"), ".html").split("\n") == lines
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]    # no parser noise on stderr


@pytest.mark.parametrize("page", [
    f"<html><body>{NAV}<footer>Copyright 2019</footer></body></html>",
    "<html><body><div class='menu'><a href='/'>Home</a> | <a href='/a'>About us</a> | "
    "<a href='/r'>Human Rights Reports</a></div></body></html>",
    f"<html><body><main>{NAV}</main></body></html>",
], ids=["nav element", "menu div", "nav inside main"])
def test_page_with_only_navigation_is_skipped(page):
    with pytest.raises(IngestError) as info:
        ingest.to_text(page.encode("utf-8"), ".html")
    assert (info.value.status, info.value.reason) == ("skipped", "no main text (only navigation links)")


def test_short_real_text_is_not_navigation():
    page = "<html><body><main><p>Police arrested Ann.</p></main></body></html>"
    assert ingest.to_text(page.encode(), ".html") == "Police arrested Ann."


@pytest.mark.parametrize("tail, pages", [
    ("\n\n<!-- Performance optimized by Redis Object Cache. Learn more: https://wprediscache.com -->\n", 1),
    ("\n<script></script>\n", 1),
    (f"\n<p>{BOB}</p>", 2),
])
def test_only_visible_text_after_the_end_is_parsed(monkeypatch, tail, pages):
    """The archive's pages end with a comment after </html>: not a page (trafilatura would log errors)."""
    calls = []
    real = ingest._page_text
    monkeypatch.setattr(ingest, "_page_text", lambda html: calls.append(html) or real(html))
    ingest.to_text(f"<html><body><p>{ANN}</p></body></html>{tail}".encode(), ".html")
    assert len(calls) == pages
