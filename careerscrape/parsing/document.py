"""A page as a reader sees it: headings, paragraphs, list items and table cells.

The site is a Next.js app whose class names are build hashes and whose
layout moves, so nothing here looks at classes or ids. The HTML is parsed
once with lxml, the parts a reader never sees (scripts, styles, navigation,
footer, buttons, dialogs) are removed, and one linear pass turns the rest
into :class:`Block` s: the visual lines of the page in reading order.
Parsers then anchor on what those lines say.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from lxml import etree

from careerscrape.parsing.text import clean, is_blank

#: Subtrees a reader does not read as content.
NOISE_TAGS = frozenset(
    "head script style noscript template svg iframe nav footer button select dialog object "
    "embed canvas map".split()
)
#: Elements that start a new visual line (everything else flows inline).
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption dd details div dl dt figcaption figure "
    "h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section summary table tbody td tfoot "
    "th thead tr ul center form fieldset legend".split()
)
CELL_TAGS = frozenset({"td", "th", "dt", "dd"})
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Level given to a short paragraph that is all bold: a heading by its looks.
BOLD_HEADING_LEVEL = 7
_BOLD_TAGS = frozenset({"b", "strong"})
_BUTTON_TEXT = re.compile(r"^(?:show|see|view|read|load) (?:more|less|all)\b", re.I)
_DIGIT = re.compile(r"\d")
_HEADER_CLIMB = 4  # wrapper levels looked through for a table's header row
_LABEL_MAX = 60  # longest text indexed as a possible row label or header cell
_ROW_TEXT_MAX = 300  # longest row of inline cells looked into
_DIALOG_ROLES = frozenset({"dialog", "alertdialog", "navigation", "banner", "contentinfo"})


@dataclass(slots=True)
class Block:
    """One visual line: a heading, a paragraph, a list item or a table cell."""

    index: int
    element: etree._Element
    text: str
    kind: str  # "heading", "item" (an <li>), "part" (a line inside an item), "cell" or "text"
    level: int = 0  # heading level, 1 (h1) to 7 (bold line); 0 when not a heading
    full: str = ""  # for an item, its whole text, inner lines included

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass
class Document:
    """A parsed page: its blocks in reading order plus the head's metadata."""

    root: etree._Element
    blocks: list[Block] = field(default_factory=list)
    #: ``<a href>`` elements of the content (navigation and footer links left out).
    links: list[etree._Element] = field(default_factory=list)
    title: str = ""
    canonical_url: str | None = None

    @classmethod
    def parse(cls, html: bytes | str) -> Document:
        """Parse HTML once; raise ``ValueError`` when there is no document at all.

        ``html`` is text: a ``str`` or UTF-8 bytes, whatever its ``<meta>`` says.
        Decoding a response's bytes is :func:`careerscrape.parsing.page_bytes`'s work.
        """
        if isinstance(html, str):
            html = html.encode("utf-8")
        parser = _parser()
        root = etree.fromstring(html, parser)
        if root is None:
            raise ValueError("the document is empty")
        last_error = parser.error_log.last_error  # libxml2 stops at such an error: it is last
        if last_error is not None and last_error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            # Whatever follows the limit is silently cut off: refuse the page, never half of it.
            raise ValueError(f"the page is cut short by the parser: {last_error.message}")
        doc = cls(root=root)
        doc._read_head()
        doc.blocks = _linearise(root, doc.links)
        return doc

    def _read_head(self) -> None:
        head = self.root.find("head")
        if head is None:
            return
        for element in head:
            tag = element.tag
            if tag == "title" and not self.title:
                self.title = clean("".join(element.itertext()))
            elif self.canonical_url is None and (
                (tag == "link" and (element.get("rel") or "").lower() == "canonical")
                or (tag == "meta" and element.get("property") == "og:url")
            ):
                url = (element.get("href") or element.get("content") or "").strip()
                self.canonical_url = url or None
            if self.title and self.canonical_url is not None:
                return  # the rest of <head> is scripts, styles and meta tags

    # -- navigation -------------------------------------------------------------

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]

    def first_heading(self, level: int | None = None) -> Block | None:
        """The page title: the first h1 (or the first heading at all)."""
        for block in self.blocks:
            if block.kind == "heading" and (level is None or block.level == level):
                return block
        return None

    def find(self, pattern: re.Pattern[str], kinds: Iterable[str] = ("heading",)) -> Block | None:
        """The first block of one of ``kinds`` whose whole text matches ``pattern``."""
        kinds = frozenset(kinds)
        for block in self.blocks:
            if block.kind in kinds and pattern.search(block.text):
                return block
        return None

    def find_all(
        self, pattern: re.Pattern[str], kinds: Iterable[str] = ("heading",)
    ) -> list[Block]:
        kinds = frozenset(kinds)
        return [b for b in self.blocks if b.kind in kinds and pattern.search(b.text)]

    def after(self, start: Block, stop: Callable[[Block], bool] | None = None) -> Iterator[Block]:
        """Blocks after ``start`` up to (not including) the next heading, or ``stop``.

        A bold line ends only a section that a bold line opened: inside a
        section under a real heading, bold lines are emphasis, not structure.
        """
        if stop is None:
            bold_start = start.level == BOLD_HEADING_LEVEL
            stop = lambda b: b.kind == "heading" and (bold_start or b.level < BOLD_HEADING_LEVEL)  # noqa: E731
        for block in self.blocks[start.index + 1 :]:
            if stop(block):
                return
            yield block

    def items_after(
        self,
        start: Block,
        stop: Callable[[Block], bool] | None = None,
        looks_like: re.Pattern[str] | None = None,
        first_list_only: bool = False,
    ) -> list[str]:
        """The list items of the section that ``start`` opens, page order, buttons left out.

        Items are ``<li>`` s. A section drawn as a column of ``<div>`` s instead
        has no ``<li>``: with ``looks_like``, its lines that match are the items.
        With ``first_list_only``, a second list in the section (another role's,
        when its title line is missing) is not taken as more of the first.
        """
        section = list(self.after(start, stop))
        items = [b for b in section if b.kind == "item"]
        if first_list_only and items:
            parent = items[0].element.getparent()
            items = [b for b in items if b.element.getparent() is parent]
        texts = [b.full for b in items]
        if not texts and looks_like is not None:
            texts = [b.text for b in section if b.kind == "text" and looks_like.match(b.text)]
        return [t for t in texts if t and not _BUTTON_TEXT.match(t)]

    # -- tables and grids ---------------------------------------------------------

    @cached_property
    def _short_texts(self) -> dict[str, list[etree._Element]]:
        """Elements holding a short text (a row label, a header cell), by lower-cased text.

        Built once per page so that looking up twenty row labels costs twenty
        dictionary lookups, not twenty passes over the page. Cells drawn as
        inline elements in one row (``<div><span>Yearly salary</span>
        <span>$1</span></div>``) are indexed one by one.
        """
        index: dict[str, list[etree._Element]] = defaultdict(list)
        for block in self.blocks:
            if block.kind == "heading" or len(block.text) > _ROW_TEXT_MAX:
                continue
            if len(block.text) <= _LABEL_MAX:
                index[block.text.lower()].append(block.element)
            element = block.element
            if len(element) >= 2 and _is_inline_row(element):
                for child in element:
                    if _is_noise(child):
                        continue
                    text = full_text(child)
                    if text and len(text) <= _LABEL_MAX:
                        index[text.lower()].append(child)
        return index

    def label_cells(self, labels: Iterable[str]) -> Iterator[etree._Element]:
        """Elements that hold just one of ``labels`` (row labels), labels in the order given."""
        for label in labels:
            for element in self._short_texts.get(label.lower(), ()):
                yield _outermost(element)

    def row_values(self, labels: Iterable[str]) -> list[str] | None:
        """The value cells of the first row labelled with one of ``labels``.

        Works for ``<table>`` rows, div grids and ``<dl>`` pairs alike: the
        label is the outermost element whose text is the label, and its
        values are the texts of the elements that follow it in its row. A
        layout with one card per column (label and one value, twice) is
        read too, in page order.
        """
        singles: list[str] = []
        for cell in self.label_cells(labels):
            values = _row_cells(cell)
            if len(values) >= 2:
                return values
            if len(values) == 1:
                singles.append(values[0])
                if len(singles) == 2:
                    return singles
        return singles or None

    def header_row(self, labels: Iterable[str]) -> list[str]:
        """The non-empty header cells above the first row labelled with one of ``labels``."""
        for cell in self.label_cells(labels):
            header = _header_cells(cell)
            if header:
                return header
        return []


# -- text of elements ---------------------------------------------------------------


def full_text(element: etree._Element) -> str:
    """The visible text of ``element``: inline parts joined as written, blocks spaced."""
    if not len(element):  # most cells hold a bare text
        return clean(element.text)
    parts: list[str] = []
    _text_parts(element, parts)
    return clean("".join(parts))


def _text_parts(element: etree._Element, parts: list[str]) -> None:
    """Append the text pieces of ``element`` to ``parts``.

    One list filled in place rather than nested generators: a generator per
    element costs more than the text it yields.
    """
    text = element.text
    if text:
        parts.append(text)
    for child in element:
        tag = child.tag
        if tag == "br":
            parts.append(" ")
        elif isinstance(tag, str) and not _is_noise(child):
            if tag in BLOCK_TAGS:
                parts.append(" ")
                _text_parts(child, parts)
                parts.append(" ")
            else:
                _text_parts(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail)


def _outermost(element: etree._Element) -> etree._Element:
    """Climb from ``element`` through wrappers: parents that hold it alone and add no text."""
    parent = element.getparent()
    while (
        parent is not None
        and parent.tag != "body"
        and len(parent) == 1
        and not (parent.text or "").strip()
        and not (element.tail or "").strip()
    ):
        element, parent = parent, parent.getparent()
    return element


def _is_inline_row(element: etree._Element) -> bool:
    """A row of inline cells: only inline children, and no words between them."""
    if (element.text or "").strip():
        return False
    return all(
        _is_noise(child) or (child.tag not in BLOCK_TAGS and not (child.tail or "").strip())
        for child in element
    )


def _header_cells(label: etree._Element) -> list[str]:
    """The two role names over the columns of the row that ``label`` starts.

    The header is the nearest row before the label's row, looked for at the
    row's level and, through wrappers (a ``<tbody>``, a ``<div>`` around a
    ``<dt>``/``<dd>`` pair, a ``<div>`` around a row), a few levels up.
    """
    level = label.getparent()
    for _ in range(_HEADER_CLIMB):
        if level is None or level.tag == "body":
            return []
        for candidate in level.itersiblings(preceding=True):
            if _is_noise(candidate):
                continue
            names = [t for t in _cell_texts(candidate) if not is_blank(t)]
            # Role names carry no figures: a row of "$26,651" is a data row, not the header.
            if len(names) == 2 and not any(_DIGIT.search(name) for name in names):
                return names
            return []
        level = level.getparent()
    return []


def _cell_texts(row: etree._Element) -> list[str]:
    """The texts of a row's cells, looking through wrappers around the cells."""
    while len(row) == 1 and not (row.text or "").strip() and not _is_noise(row[0]):
        row = row[0]
    if len(row) == 0:
        return [full_text(row)]
    return [full_text(cell) for cell in row if not _is_noise(cell)]


def _row_cells(label: etree._Element) -> list[str]:
    """Texts of the cells after a label cell; a ``<dt>`` owns only the ``<dd>`` s after it."""
    values = []
    for sibling in label.itersiblings():
        if _is_noise(sibling):
            continue
        if label.tag == "dt" and sibling.tag != "dd":
            break
        values.append(full_text(sibling))
    return values


def _is_noise(element: etree._Element) -> bool:
    """A script, style or hidden element: never a cell, never part of a text."""
    tag = element.tag
    if not isinstance(tag, str) or tag in NOISE_TAGS:
        return True
    attributes = element.keys()  # most elements carry only "class": test names first
    return bool(attributes) and (
        ("hidden" in attributes or "aria-hidden" in attributes or "role" in attributes)
        and _is_hidden(element, attributes)
    )


# -- building the blocks ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _parser() -> etree.HTMLParser:
    """One parser, made once: making one costs ~2% of a parse.

    It reads UTF-8 and nothing else: libxml2 knows fewer encoding labels than
    the web uses, so pages are decoded before (:mod:`careerscrape.parsing.encoding`),
    and a ``<meta charset>`` in the text is not obeyed.

    lxml.etree's parser, not lxml.html's: the latter runs a Python class lookup
    for every element, which costs more than the parse itself. A parser locks
    itself while it parses, so threads may share it. No id index is kept
    (``collect_ids``): nothing looks elements up by id.
    """
    return etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
    )


def _linearise(root: etree._Element, links: list[etree._Element]) -> list[Block]:
    """One pass over the tree: each block element's own inline text becomes a Block.

    Text belongs to the innermost block around it; a nested block (a ``<p>``
    inside an ``<li>``) is its own line. What a reader never sees as content
    (scripts, navigation, footer, buttons, dialogs, hidden elements) is
    skipped with its subtree. Blocks are numbered in the order their elements
    open, which is reading order; content links are collected into ``links``.
    """
    slots: list[Block | None] = []
    _walk((root,), [], None, slots, links)
    blocks = [block for block in slots if block is not None]
    for index, block in enumerate(blocks):
        block.index = index
    return blocks


def _walk(
    elements: Iterable[etree._Element],
    parts: list[str],
    item: list[str] | None,
    slots: list[Block | None],
    links: list[etree._Element],
) -> None:
    """Read ``elements`` (siblings, in order) and their subtrees into the open lines.

    ``parts`` collects the own text of the innermost open block, ``item``
    every text piece of the outermost open ``<li>`` (None outside a list
    item). Recursive rather than ``iterwalk``: start and end events for every
    element cost twice the Python steps, and libxml2 nests elements 256 deep
    at most.
    """
    for element in elements:
        tag = element.tag
        attributes = element.keys()  # most elements carry only "class": test names first
        skipped = tag in NOISE_TAGS or (
            attributes
            and ("hidden" in attributes or "aria-hidden" in attributes or "role" in attributes)
            and _is_hidden(element, attributes)
        )
        if not skipped:  # a skipped subtree is left out, but its tail is still text of the line
            if tag == "a" and "href" in attributes:
                links.append(element)
            if tag in BLOCK_TAGS or ("role" in attributes and element.get("role") == "heading"):
                _read_block(element, tag, item, slots, links)
                parts.append(" ")
                if item is not None:
                    item.append(" ")
            else:
                text = " " if tag == "br" else element.text
                if text:
                    parts.append(text)
                    if item is not None:
                        item.append(text)
                if len(element):
                    _walk(element, parts, item, slots, links)
        tail = element.tail
        if tail:
            parts.append(tail)
            if item is not None:
                item.append(tail)


def _read_block(
    element: etree._Element,
    tag: str,
    item: list[str] | None,
    slots: list[Block | None],
    links: list[etree._Element],
) -> None:
    """A block element's line: a slot taken when it opens (page order), filled when it closes."""
    text = element.text
    slot = len(slots)
    slots.append(None)
    own = [text] if text else []
    opens_item = tag == "li" and item is None
    inner = [" ", text or ""] if opens_item else item
    if item is not None:
        item += (" ", text or "")
    if len(element):
        _walk(element, own, inner, slots, links)
    line = clean("".join(own))
    if tag != "li":
        if line:
            block = _make_block(element, line)
            if item is not None:
                block.kind = "part"  # a line inside a list item, read with the item
            slots[slot] = block
    elif opens_item:  # a nested item is read as part of the outer one
        # With no block inside, the item's text is its line's, spaced alike: cleaned once.
        full = line if len(slots) == slot + 1 else clean("".join(inner))
        if full:  # an item whose words all sit in inner blocks is still one item
            slots[slot] = Block(0, element, line, "item", full=full)


def _is_hidden(element: etree._Element, attributes: list[str]) -> bool:
    """``hidden``, ``aria-hidden="true"`` or a dialog/navigation landmark role."""
    if "hidden" in attributes:
        return True
    if "aria-hidden" in attributes and element.get("aria-hidden") == "true":
        return True
    return "role" in attributes and element.get("role") in _DIALOG_ROLES


def _make_block(element: etree._Element, text: str) -> Block:
    tag = element.tag
    if tag in HEADING_LEVELS:
        return Block(0, element, text, "heading", HEADING_LEVELS[tag])
    if element.get("role") == "heading":
        level = element.get("aria-level", "2")
        return Block(0, element, text, "heading", int(level) if level.isdigit() else 2)
    if tag in CELL_TAGS:
        return Block(0, element, text, "cell")
    if tag in {"p", "div"} and _is_bold_line(element, text):
        return Block(0, element, text, "heading", BOLD_HEADING_LEVEL)
    return Block(0, element, text, "text")


def _is_bold_line(element: etree._Element, text: str) -> bool:
    """A short paragraph whose whole text is one bold run reads as a heading."""
    if len(text) > 120 or len(element) != 1 or element[0].tag not in _BOLD_TAGS:
        return False
    return not (element.text or "").strip() and not (element[0].tail or "").strip()
