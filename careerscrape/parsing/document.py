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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from careerscrape.parsing.text import clean

#: Subtrees a reader does not read as content.
NOISE_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "nav", "footer",
    "button", "select", "dialog", "object", "embed", "canvas", "map",
    etree.Comment, etree.ProcessingInstruction,
)  # fmt: skip
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
_DIALOG_ROLES = frozenset({"dialog", "alertdialog", "navigation", "banner", "contentinfo"})


@dataclass(slots=True)
class Block:
    """One visual line: a heading, a paragraph, a list item or a table cell."""

    index: int
    element: lxml.html.HtmlElement
    text: str
    kind: str  # "heading", "item" (an <li>), "part" (a line inside an item), "cell" or "text"
    level: int = 0  # heading level, 1 (h1) to 7 (bold line); 0 when not a heading

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"


@dataclass
class Document:
    """A parsed page: its blocks in reading order plus the head's metadata."""

    root: lxml.html.HtmlElement
    blocks: list[Block] = field(default_factory=list)
    title: str = ""
    canonical_url: str | None = None

    @classmethod
    def parse(cls, html: bytes | str) -> Document:
        """Parse HTML once; raise ``ValueError`` when there is no document at all."""
        if isinstance(html, str):
            html = html.encode("utf-8")
        parser = lxml.html.HTMLParser(
            encoding=_declared_encoding(html),
            remove_comments=True,
            no_network=True,
            huge_tree=False,
        )
        root = lxml.html.document_fromstring(html, parser=parser)
        doc = cls(root=root)
        doc._read_head()
        _strip_noise(root)
        doc.blocks = list(_linearise(root))
        return doc

    def _read_head(self) -> None:
        head_urls = self.root.xpath(
            "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href"
            " | //meta[@property='og:url']/@content"
        )
        self.canonical_url = next((u.strip() for u in head_urls if u.strip()), None)
        titles = self.root.xpath("//title/text()")
        self.title = clean(titles[0]) if titles else ""

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

    def after(
        self, start: Block, stop: Callable[[Block], bool] | None = None
    ) -> Iterator[Block]:
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
    ) -> list[str]:
        """The list items of the section that ``start`` opens, page order, buttons left out.

        Items are ``<li>`` s. A section drawn as a column of ``<div>`` s instead
        has no ``<li>``: with ``looks_like``, its lines that match are the items.
        """
        section = list(self.after(start, stop))
        texts = [item_text(b.element) for b in section if b.kind == "item"]
        if not texts and looks_like is not None:
            texts = [b.text for b in section if b.kind == "text" and looks_like.match(b.text)]
        return [t for t in texts if t and not _BUTTON_TEXT.match(t)]

    # -- tables and grids ---------------------------------------------------------

    def row_values(self, labels: Iterable[str], start: Block | None = None) -> list[str] | None:
        """The value cells of the first row labelled with one of ``labels``.

        Works for ``<table>`` rows, div grids and ``<dl>`` pairs alike: the
        label is the outermost element whose text is the label, and its
        values are the texts of the elements that follow it in its row. A
        layout with one card per column (label and one value, twice) is
        read too, in page order.
        """
        wanted = {label.lower() for label in labels}
        singles: list[str] = []
        begin = start.index + 1 if start else 0
        for block in self.blocks[begin:]:
            if block.kind == "heading":
                continue
            cell = _label_cell(block, wanted)
            if cell is None:
                continue
            values = _row_cells(cell)
            if len(values) >= 2:
                return values
            if len(values) == 1:
                singles.append(values[0])
                if len(singles) == 2:
                    return singles
        return singles or None

    def header_row(self, label_block: Block) -> list[str]:
        """The non-empty header cells above the row that ``label_block`` labels."""
        cell = _outermost_with_text(label_block.element, label_block.text)
        row = cell.getparent()
        if row is None:
            return []
        previous = row.getprevious()
        if previous is None:
            # <thead><tr>..</tr></thead><tbody><tr>label..</tr>
            container = row.getparent()
            previous = container.getprevious() if container is not None else None
            if previous is not None and len(previous):
                previous = previous[-1]
        if previous is None:
            return []
        return [t for t in (full_text(c) for c in previous) if t]


# -- text of elements ---------------------------------------------------------------


def full_text(element: lxml.html.HtmlElement) -> str:
    """The visible text of ``element``: inline parts joined as written, blocks spaced."""
    return clean("".join(_text_parts(element)))


def item_text(element: lxml.html.HtmlElement) -> str:
    return full_text(element)


def _text_parts(element: lxml.html.HtmlElement) -> Iterator[str]:
    if element.text:
        yield element.text
    for child in element:
        tag = child.tag
        if tag == "br":
            yield " "
        elif isinstance(tag, str):
            if tag in BLOCK_TAGS:
                yield " "
                yield from _text_parts(child)
                yield " "
            else:
                yield from _text_parts(child)
        if child.tail:
            yield child.tail


def _outermost_with_text(element: lxml.html.HtmlElement, text: str) -> lxml.html.HtmlElement:
    """Climb from ``element`` while the parent shows exactly the same text (wrappers)."""
    lowered = text.lower()
    parent = element.getparent()
    while parent is not None and parent.tag != "body" and full_text(parent).lower() == lowered:
        element, parent = parent, parent.getparent()
    return element


def _label_cell(block: Block, wanted: set[str]) -> lxml.html.HtmlElement | None:
    """The element of ``block`` that holds just a wanted label, if any.

    Usually the block itself (a ``<td>`` or grid ``<div>``); in a row of inline
    cells (``<div><span>Yearly salary</span><span>$1</span></div>``) the label is
    one of the block's inline children.
    """
    lowered = block.text.lower()
    if lowered in wanted:
        return _outermost_with_text(block.element, block.text)
    if not any(lowered.startswith(label) for label in wanted):
        return None
    for child in block.element.iterchildren():
        text = full_text(child)
        if text.lower() in wanted:
            return _outermost_with_text(child, text)
    return None


def _row_cells(label: lxml.html.HtmlElement) -> list[str]:
    """Texts of the cells after a label cell; a ``<dt>`` owns only the ``<dd>`` s after it."""
    values = []
    for sibling in label.itersiblings():
        if label.tag == "dt" and sibling.tag != "dd":
            break
        values.append(full_text(sibling))
    return values


# -- building the blocks ---------------------------------------------------------------


def _declared_encoding(html: bytes) -> str | None:
    """The charset the page declares, so that lxml does not guess (UTF-8 by default)."""
    head = html[:2048].lower()
    match = re.search(rb"""charset=["']?([a-z0-9_\-]+)""", head)
    if not match:
        return "utf-8"
    name = match.group(1).decode("ascii", "replace")
    try:
        "".encode(name)
    except LookupError:
        return "utf-8"
    return name


def _strip_noise(root: lxml.html.HtmlElement) -> None:
    for hidden in root.xpath(
        "//head | //*[@hidden] | //*[@aria-hidden='true'] | //*[@role and ("
        + " or ".join(f"@role='{r}'" for r in sorted(_DIALOG_ROLES))
        + ")]"
    ):
        if hidden.tag in {"html", "body"}:
            continue
        hidden.drop_tree()
    etree.strip_elements(root, *NOISE_TAGS, with_tail=False)


def _linearise(root: lxml.html.HtmlElement) -> Iterator[Block]:
    """One pass over the tree: each block element's own inline text becomes a Block.

    Text belongs to the innermost block around it; a nested block (a ``<p>``
    inside an ``<li>``) is its own line. Blocks are yielded in the order their
    elements open, which is reading order.
    """
    stack: list[tuple[lxml.html.HtmlElement, list[str], int]] = []
    pending: list[tuple[int, Block]] = []
    order = 0
    items_open = 0  # how many <li> enclose the current element
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        is_block = tag in BLOCK_TAGS or element.get("role") == "heading"
        if event == "start":
            if is_block:
                stack.append((element, [element.text or ""], order))
                order += 1
                items_open += tag == "li"
            elif stack:
                if tag == "br":
                    stack[-1][1].append(" ")
                elif element.text:
                    stack[-1][1].append(element.text)
            continue
        if is_block:
            own, parts, opened = stack.pop()
            items_open -= tag == "li"
            text = clean("".join(parts))
            if tag == "li" and not items_open:
                # An item whose words all sit in inner blocks is still one item.
                if text or full_text(own):
                    pending.append((opened, Block(0, own, text, "item")))
            elif text:
                block = _make_block(own, text)
                if items_open and block.kind != "item":
                    block.kind = "part"  # a line inside a list item, read with the item
                pending.append((opened, block))
            if stack:
                stack[-1][1].append(" ")
        if element.tail and stack:
            stack[-1][1].append(element.tail)
    pending.sort(key=lambda pair: pair[0])
    for index, (_, block) in enumerate(pending):
        block.index = index
        yield block


def _make_block(element: lxml.html.HtmlElement, text: str) -> Block:
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


def _is_bold_line(element: lxml.html.HtmlElement, text: str) -> bool:
    """A short paragraph whose whole text is one bold run reads as a heading."""
    if len(text) > 120 or len(element) != 1 or element[0].tag not in _BOLD_TAGS:
        return False
    return not (element.text or "").strip() and not (element[0].tail or "").strip()
