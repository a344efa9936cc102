"""careerscrape's extraction on a BeautifulSoup(html, "html.parser") tree: the baseline.

Most scrapers of this site parse with BeautifulSoup's ``html.parser``. To
compare like with like, this module builds careerscrape's :class:`Document`
(the page's visual lines in reading order, its content links, title and
canonical URL) from a soup instead of an lxml tree, then hands it to the very
extraction ``parse_page`` runs (:func:`careerscrape.parsing.read_document`).
The record must come out identical; only the tree underneath differs.

The extraction's helpers navigate from a block's element with lxml's element
API (``.text``, ``.tail``, ``getparent()``, ``itersiblings()``, ...), so each
bs4 ``Tag`` a block or link points at is wrapped in a :class:`SoupElement`
that answers that API the way lxml would, comments and processing
instructions left out as careerscrape's parser removes them.

Used by ``benchmarks/parse_bench.py`` and ``tests/test_benchmarks.py``; bs4
never enters the careerscrape package.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString
from lxml import etree

from careerscrape.models import PageRecord
from careerscrape.parsing import ParsedPage, ParseError, page_bytes, read_document
from careerscrape.parsing.document import (
    _HEADING_NOISE,
    _HEADING_TAGS,
    _LINE,
    _RAISED,
    BLOCK_TAGS,
    NOISE_TAGS,
    Block,
    Document,
    _is_hidden,
    _lines,
    _make_block,
    _shown_unspoken,
    markdown_source,
    structure,
)
from careerscrape.parsing.plaintext import expand_preformatted
from careerscrape.parsing.text import clean

__all__ = ["SoupElement", "soup_document", "soup_parse_page", "soup_read_page"]


def _is_text(node: object) -> bool:
    """Text a reader sees: a string node that is not a comment, doctype or PI."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


class SoupElement:
    """A bs4 ``Tag`` seen through the part of lxml's element API careerscrape uses.

    One wrapper per tag (see :class:`_Wrappers`), so that ``getparent() is
    parent`` compares elements the way it does on an lxml tree.
    """

    __slots__ = ("_children", "_tag", "_wrappers")

    def __init__(self, tag: Tag, wrappers: _Wrappers) -> None:
        self._tag = tag
        self._wrappers = wrappers
        self._children: list[SoupElement] | None = None

    def __repr__(self) -> str:
        return f"<SoupElement {self.tag}>"

    @property
    def tag(self) -> str:
        return self._tag.name

    @property
    def text(self) -> str | None:
        """The text before the first child element, as lxml's ``.text``."""
        return _joined(self._tag.contents)

    @property
    def tail(self) -> str | None:
        """The text after this element up to its next sibling element, as lxml's ``.tail``."""
        return _joined(self._tag.next_siblings)

    def keys(self) -> list[str]:
        return list(self._tag.attrs)

    def get(self, key: str, default: str | None = None) -> str | None:
        """An attribute as one string: bs4 splits ``class`` and ``rel`` into lists; lxml not."""
        value = self._tag.attrs.get(key, default)
        return " ".join(value) if isinstance(value, list) else value

    def __len__(self) -> int:
        return len(self._child_elements())

    def __iter__(self) -> Iterator[SoupElement]:
        return iter(self._child_elements())

    def __getitem__(self, index: int) -> SoupElement:
        return self._child_elements()[index]

    def getparent(self) -> SoupElement | None:
        """The parent element; ``None`` for ``<html>``, whose parent is the soup itself."""
        parent = self._tag.parent
        if parent is None or isinstance(parent, BeautifulSoup):
            return None
        return self._wrappers.of(parent)

    def itersiblings(self, preceding: bool = False) -> Iterator[SoupElement]:
        """Sibling elements, nearest first, as lxml's ``itersiblings``."""
        siblings = self._tag.previous_siblings if preceding else self._tag.next_siblings
        return (self._wrappers.of(node) for node in siblings if isinstance(node, Tag))

    def itertext(self) -> Iterator[str]:
        """Every text inside the element, in order, its own tail excluded."""
        return (str(node) for node in self._tag.descendants if _is_text(node))

    def xpath(self, expression: str) -> list[str] | list[SoupElement]:
        """The few XPath expressions careerscrape evaluates, answered by walking the soup.

        Anything else raises, so that a new query in careerscrape fails here
        loudly instead of being answered wrong.
        """
        query = _XPATHS.get(expression)
        if query is None:
            raise NotImplementedError(f"SoupElement does not evaluate {expression!r}")
        return query(self)

    def _child_elements(self) -> list[SoupElement]:
        if self._children is None:
            of = self._wrappers.of
            self._children = [of(node) for node in self._tag.contents if isinstance(node, Tag)]
        return self._children

    def _password_inputs(self) -> list[SoupElement]:
        """``//input[@type='password']``: any such input in the whole page."""
        top = self._tag
        while top.parent is not None:
            top = top.parent
        return [self._wrappers.of(tag) for tag in top.find_all("input", type="password")]


_XPATHS: dict[str, Callable[[SoupElement], list]] = {
    "//input[@type='password']": SoupElement._password_inputs,
}


def _joined(nodes: Iterable[object]) -> str | None:
    """The text of ``nodes`` up to the first element, or ``None`` when there is none."""
    parts = []
    for node in nodes:
        if isinstance(node, Tag):
            break
        if _is_text(node):
            parts.append(node)
    return "".join(parts) or None


class _Wrappers:
    """The one :class:`SoupElement` of each tag of a soup, made when first asked for."""

    __slots__ = ("_made",)

    def __init__(self) -> None:
        self._made: dict[int, SoupElement] = {}  # id(tag): the soup keeps every tag alive

    def of(self, tag: Tag) -> SoupElement:
        element = self._made.get(id(tag))
        if element is None:
            element = self._made[id(tag)] = SoupElement(tag, self)
        return element


class _Lines:
    """One pass over the soup turning it into Blocks, by the rules of ``document._linearise``.

    Text belongs to the innermost open block; a nested block is its own
    line; a list item also keeps all the text inside it (``Block.full``);
    a ``<br>`` breaks lines (``Block.lines``); noise and hidden subtrees are
    skipped (inside a heading, a button is text); blocks are numbered in the
    order their elements open; ``<a href>`` s met on the way are the content
    links. Then ``structure`` reads list markers and ``<br>`` lines, as for lxml.
    """

    def __init__(self, wrappers: _Wrappers) -> None:
        self.wrap = wrappers.of
        self.links: list[SoupElement] = []
        self._slots: list[Block | None] = []  # one per opened block, filled when it closes
        self._open: list[list[str]] = []  # the own text parts of each open block
        self._items_open = 0  # how many <li> enclose the current node
        self._item_parts: list[str] = []  # every text piece of the outermost open <li>
        self._noise = [NOISE_TAGS]  # what is skipped: inside a heading, not buttons

    def blocks(self) -> list[Block]:
        return structure([block for block in self._slots if block is not None])

    def element(self, tag: Tag) -> None:
        name, attributes = tag.name, tag.attrs
        if name in self._noise[-1] or (attributes and _is_hidden(tag, attributes)):
            if _shown_unspoken(tag, attributes):
                self._add(" ")
            return
        if name == "a" and "href" in attributes:
            self.links.append(self.wrap(tag))
        if name in BLOCK_TAGS or attributes.get("role") == "heading":
            self._block(tag)
        elif name == "br":
            self._add(_LINE)
        else:
            if name in _RAISED:
                self._add(" ")
            self._contents(tag)

    def _contents(self, tag: Tag) -> None:
        heading = tag.name in _HEADING_TAGS or tag.attrs.get("role") == "heading"
        self._noise.append(_HEADING_NOISE if heading else self._noise[-1])
        for node in tag.contents:
            if isinstance(node, Tag):
                self.element(node)
            elif _is_text(node):
                self._add(node)
        self._noise.pop()

    def _add(self, text: str) -> None:
        if self._open:
            self._open[-1].append(text)
            if self._items_open:
                self._item_parts.append(text)

    def _block(self, tag: Tag) -> None:
        slot, first_link = len(self._slots), len(self.links)
        self._slots.append(None)
        is_item = tag.name == "li"
        if is_item:
            if not self._items_open:
                self._item_parts = []
            self._items_open += 1
        if self._items_open:
            self._item_parts.append(_LINE)
        parts: list[str] = []
        self._open.append(parts)
        self._contents(tag)
        self._open.pop()
        joined = "".join(parts)
        source = (
            markdown_source(tag.name, joined)
            if not self._items_open and len(self._slots) == slot + 1
            else None
        )
        if source is not None:  # a text dump: read again as the blocks its lines look like
            del self._slots[slot:], self.links[first_link:]
            self._block(_expanded(tag, source))
            return
        self._slots[slot] = self._close(tag, joined, is_item)
        if self._open:
            self._open[-1].append(" ")
        if self._items_open:
            self._item_parts.append(_LINE)

    def _close(self, tag: Tag, joined: str, is_item: bool) -> Block | None:
        """The Block of a closing block element, if it makes one."""
        text = clean(joined)
        if is_item:
            self._items_open -= 1
            if self._items_open:
                return None  # a nested item is read as part of the outer one
            whole = "".join(self._item_parts)
            full = clean(whole)  # an item with all its words in inner blocks
            if not full:
                return None
            return Block(0, self.wrap(tag), text, "item", full=full, lines=_lines(whole))
        if not text:
            return None
        block = _make_block(self.wrap(tag), text, _lines(joined))
        if self._items_open:
            block.kind = "part"  # a line inside a list item, read with the item
        return block


def _expanded(tag: Tag, source: str) -> Tag:
    """A ``<pre>`` (or Markdown line) replaced by the blocks its lines show, as
    ``expand_preformatted`` makes them."""
    element = etree.Element("pre")
    expand_preformatted(element, source)
    div = BeautifulSoup(etree.tostring(element, encoding="unicode"), "html.parser").div
    tag.replace_with(div)
    return div


def soup_document(body: bytes) -> Document:
    """The :class:`Document` of a page, parsed with BeautifulSoup's ``html.parser``."""
    soup = BeautifulSoup(body, "html.parser")
    html = soup.find("html")
    if html is None:
        raise ValueError("the document has no <html> element")
    wrappers = _Wrappers()
    lines = _Lines(wrappers)
    lines.element(html)
    title, canonical = _head(html)
    return Document(
        root=wrappers.of(html),
        blocks=lines.blocks(),
        links=lines.links,
        title=title,
        canonical_url=canonical,
    )


def _head(html: Tag) -> tuple[str, str | None]:
    """Title and canonical URL (``<link rel=canonical>``, ``og:url``) as ``Document`` reads them."""
    title, canonical = "", None
    head = html.find("head", recursive=False)
    for tag in head.find_all(True, recursive=False) if head else ():
        if tag.name == "title" and not title:
            title = clean(tag.get_text())
        elif canonical is None and (
            (tag.name == "link" and " ".join(tag.get("rel") or ()).lower() == "canonical")
            or (tag.name == "meta" and tag.get("property") == "og:url")
        ):
            canonical = (tag.get("href") or tag.get("content") or "").strip() or None
    return title, canonical


def soup_read_page(
    html: bytes | str, url: str | None = None, *, fetched_at: datetime | None = None
) -> ParsedPage:
    """``read_page`` with BeautifulSoup's tree in place of lxml's: same checks, same extraction."""
    body = page_bytes(html)
    try:
        doc = soup_document(body)
    except ValueError as exc:
        raise ParseError(f"not an HTML document ({exc})") from exc
    return read_document(doc, body, url, fetched_at=fetched_at)


def soup_parse_page(
    html: bytes | str, url: str | None = None, *, fetched_at: datetime | None = None
) -> PageRecord:
    """``parse_page`` with BeautifulSoup's tree in place of lxml's."""
    return soup_read_page(html, url, fetched_at=fetched_at).record
