"""Preformatted text (a ``<pre>``) rewritten as the elements its lines look like.

A page served as a text dump (a Markdown source, a plain-text export) shows
its structure by plain-text conventions only: ``## Title`` lines, ``- item``
bullets, ``| Label | left | right |`` table rows, ``**bold**`` title lines,
blank lines between paragraphs. A reader sees those as headings, lists, tables
and paragraphs, so they are rewritten as the elements the rest of the parser
reads (``<h2>``, ``<ul><li>``, ``<table><tr><td>``, ``<p><b>``) before the
page is read. Runs only where a page has a ``<pre>`` or a paragraph that opens on ``#``, ``|``
or ``*``: nothing else pays for it.
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


def expand_preformatted(element: etree._Element, text: str) -> None:
    """Make ``element`` (a ``<pre>``, a line of Markdown source) a ``<div>`` of the blocks
    that ``text``, its visible text with a line break for each ``<br>``, shows."""
    for child in list(element):
        element.remove(child)
    element.tag, element.text = "div", None
    builder = _Blocks(element)
    for line in text.splitlines():
        builder.line(line)
    builder.flush()


class _Blocks:
    """Appends blocks to a container line by line.

    Lines of text run on into one paragraph (``<br>`` between them) until a
    blank line or a line of another kind; a list or a table stays open for
    the items or rows that follow it.
    """

    def __init__(self, container: etree._Element) -> None:
        self.container = container
        self.paragraph: list[str] = []  # the open paragraph's lines
        self.open: etree._Element | None = None  # the open <ul> or <table>
        self.item: etree._Element | None = None  # the last <li>, for an indented line under it

    def line(self, line: str) -> None:
        stripped = line.strip()
        heading = _ATX.match(stripped)
        if heading:
            self._add(f"h{len(heading.group(1))}", heading.group(2))
        elif self.paragraph and _SETEXT.match(line):  # the line above is a title
            title = self.paragraph.pop()
            self._add("h1" if stripped[0] == "=" else "h2", title)
        elif _ROW.match(line):
            self._row(stripped)
        elif item := _ITEM.match(line):
            self.flush()
            if self.open is None or self.open.tag != "ul":
                self.open = etree.SubElement(self.container, "ul")
            self.item = _inline(etree.SubElement(self.open, "li"), item.group(1))
        elif stripped and line[0].isspace() and self.item is not None:
            etree.SubElement(self.item, "br").tail = stripped  # the item's next line
        elif stripped:
            self._text(stripped)
        else:
            self.flush()

    def flush(self) -> None:
        """Close what is open: write the paragraph read so far."""
        if self.paragraph:
            first, *rest = self.paragraph
            element = _inline(etree.SubElement(self.container, "p"), first)
            for more in rest:
                etree.SubElement(element, "br").tail = more
        self.paragraph, self.open, self.item = [], None, None

    def _add(self, tag: str, text: str) -> None:
        self.flush()
        _inline(etree.SubElement(self.container, tag), text)

    def _row(self, line: str) -> None:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if all(_RULE_CELL.match(cell) for cell in cells):
            return  # the rule under a header row
        if self.open is None or self.open.tag != "table":
            self.flush()
            self.open = etree.SubElement(self.container, "table")
        row = etree.SubElement(self.open, "tr")
        for cell in cells:
            _inline(etree.SubElement(row, "td"), cell)

    def _text(self, text: str) -> None:
        """A line of the open paragraph; a bold line or lead opens a new one.

        A line all bold is a title: nothing runs on after it.
        """
        bold = _BOLD.match(text)
        if bold is not None or self.open is not None:
            self.flush()
        self.paragraph.append(text)
        if bold is not None and not bold.group(3):
            self.flush()


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
