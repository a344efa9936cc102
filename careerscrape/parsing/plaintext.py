"""Preformatted text (a ``<pre>``) rewritten as the elements its lines look like.

A page served as a text dump (a Markdown source, a plain-text export) shows
its structure by plain-text conventions only: ``## Title`` lines, ``- item``
bullets, ``| Label | left | right |`` table rows, ``**bold**`` title lines,
blank lines between paragraphs. A reader sees those as headings, lists, tables
and paragraphs, so they are rewritten as the elements the rest of the parser
reads (``<h2>``, ``<ul><li>``, ``<table><tr><td>``, ``<p><b>``) before the
page is read. Runs only where a page has a ``<pre>``: nothing else pays for it.
"""

from __future__ import annotations

import re

from lxml import etree

from careerscrape.parsing.text import BULLETS

_ATX = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
#: An underline below a title line: "====" (level 1) or "----" (level 2).
_SETEXT = re.compile(r"^\s*(=+|-+)\s*$")
_ROW = re.compile(r"^\s*\|.*\|\s*$")
_RULE_CELL = re.compile(r"^\s*:?-{3,}:?\s*$")
_ITEM = re.compile(rf"^\s*(?:[{re.escape(BULLETS)}]|\d{{1,3}}[.)])\s+(\S.*)$")
#: "**Title**" alone, or "**Lead.** the rest" (``__`` as well).
_BOLD = re.compile(r"^(\*\*|__)(\S.*?\S|\S)\1(?:\s+(.*))?$")


def expand_preformatted(pre: etree._Element) -> None:
    """Make ``pre`` a ``<div>`` of the blocks its lines show (see the module docstring)."""
    text = "".join(pre.itertext())
    for child in list(pre):
        pre.remove(child)
    pre.tag, pre.text = "div", None
    builder = _Blocks(pre)
    for line in text.splitlines():
        builder.line(line)


class _Blocks:
    """Appends blocks to a container line by line, keeping the paragraph, list or table open."""

    def __init__(self, container: etree._Element) -> None:
        self.container = container
        self.open: etree._Element | None = None  # the <p>, <ul> or <table> lines go on into
        self.last: etree._Element | None = None  # the last <p> line or <li>, for what follows

    def line(self, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self.open = self.last = None
            return
        heading = _ATX.match(stripped)
        underline = _SETEXT.match(line) if self.open is not None else None
        if heading:
            self._add(f"h{len(heading.group(1))}", heading.group(2))
        elif underline and self.open.tag == "p" and len(self.open) == 0:
            self.open.tag = "h1" if underline.group(1)[0] == "=" else "h2"
            self.open = self.last = None
        elif _ROW.match(line):
            self._row(stripped)
        elif item := _ITEM.match(line):
            self._item(item.group(1))
        elif line[:1].isspace() and self.last is not None and self.last.tag == "li":
            self._more(self.last, stripped)  # an item's second line, indented under it
        else:
            self._text(stripped)

    def _add(self, tag: str, text: str) -> etree._Element:
        element = _inline(etree.SubElement(self.container, tag), text)
        self.open = self.last = None
        return element

    def _row(self, line: str) -> None:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if all(_RULE_CELL.match(cell) for cell in cells):
            return  # the rule under a header row
        if self.open is None or self.open.tag != "table":
            self.open = etree.SubElement(self.container, "table")
        row = etree.SubElement(self.open, "tr")
        for cell in cells:
            _inline(etree.SubElement(row, "td"), cell)
        self.last = None

    def _item(self, text: str) -> None:
        if self.open is None or self.open.tag != "ul":
            self.open = etree.SubElement(self.container, "ul")
        self.last = _inline(etree.SubElement(self.open, "li"), text)

    def _text(self, text: str) -> None:
        if self.open is not None and self.open.tag == "p":
            self._more(self.open, text)  # the next line of the paragraph
        else:
            self.open = self.last = _inline(etree.SubElement(self.container, "p"), text)

    @staticmethod
    def _more(element: etree._Element, text: str) -> None:
        """A line under the element's last line, after a ``<br>``."""
        etree.SubElement(element, "br").tail = text


def _inline(element: etree._Element, text: str) -> etree._Element:
    """``element`` holding ``text``, a bold lead (``**Lead.** rest``) as a ``<b>``."""
    bold = _BOLD.match(text)
    if bold is None:
        element.text = text
        return element
    lead = etree.SubElement(element, "b")
    lead.text = bold.group(2)
    if bold.group(3):
        lead.tail = " " + bold.group(3)
    return element
