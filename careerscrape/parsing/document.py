"""A page as a reader sees it: headings, paragraphs, list items and table cells.

The site is a Next.js app whose class names are build hashes and whose
layout moves, so nothing here looks at classes or ids. The HTML is parsed
once with lxml, the parts a reader never sees (scripts, styles, navigation,
footer, buttons, dialogs) are removed, and one linear pass turns the rest
into :class:`Block` s: the visual lines of the page in reading order.
Parsers then anchor on what those lines say.

What a line *is* comes from what a reader sees, whatever element carries it:

- a heading is an ``<h1>``-``<h6>``, an element with the heading role, the
  summary line of a collapsible ``<details>``, or a short line that is all
  bold (``<p><b>...</b></p>``, the first ``<br>`` line of a block too);
- a list item is an ``<li>``, a line that opens on a bullet character or a
  number (``• ``, ``- ``, ``1. ``, ``2) ``), or, read by :meth:`Document.items_after`,
  one of several ``<br>`` lines of a block or of several sibling blocks alike;
- a labelled figure is a label and the value(s) beside it, in any layout:
  :meth:`Document.figures`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from lxml import etree

from careerscrape.parsing.plaintext import expand_preformatted
from careerscrape.parsing.text import BULLETS, clean, is_blank

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
#: Raised or lowered text: a footnote mark, never more digits of the figure before it
#: ("47<sup>1</sup>" is 47 and note 1, not 471).
_RAISED = frozenset({"sup", "sub"})
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: Level given to a short paragraph that is all bold: a heading by its looks.
BOLD_HEADING_LEVEL = 7
_BOLD_TAGS = frozenset({"b", "strong"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_BOLD_LINE_MAX = 120  # longer bold text is emphasis, not a title
_LINE_TAGS = frozenset({"p", "div"})  # the elements a bold title line is written in
#: Noise inside a heading: a button there is the heading's own text (an accordion header).
_HEADING_NOISE = NOISE_TAGS - {"button"}
_HEADING_TAGS = frozenset({*HEADING_LEVELS, "summary"})
#: A cheap test before :func:`markdown_source`: what a line of Markdown may open on
#: ("#", "|", "*", or white space before them).
_MAY_OPEN_MARKDOWN = frozenset("#|* \t\r\n")
#: The first line of Markdown source: "## Title", "| a | b |", "**Bold**" (alone or a lead).
_MARKDOWN_LINE = re.compile(r"#{1,6}\s|\|[^\n]*\|[ \t]*(?:\n|$)|\*\*\S[^\n]*?\*\*(?:\s|$)")
#: What separates the lines of one block: a <br>, or a block inside a list item.
_LINE = "\x1e"  # a record separator: str.split() and so clean() take it for a space
#: A list marker: a bullet character (or a dash), or a number and a dot or bracket.
_MARKER = rf"[{re.escape(BULLETS)}]|\d{{1,3}}[.)]"
#: A line that opens on a list marker, then words.
LIST_MARKER = re.compile(rf"^(?:{_MARKER})\s+(?=\S)")
#: A marker alone on its line, the item's words in the blocks inside it.
_BARE_MARKER = re.compile(rf"^(?:{_MARKER})$")
_MARKER_START = frozenset(BULLETS + "0123456789")  # a cheap test before the patterns
_FIRST_NUMBER = re.compile(r"^0?1[.)]")
#: What parts a label from its value on one line: a colon, or a dash with spaces around it
#: ("Yearly salary: $1", "Yearly salary — $1", as a print view writes a figure).
_SEPARATOR = r"(?:\s*:\s*|\s+[\u2014\u2013]\s+)"
#: "Label: value": a short label, a colon (or a spaced dash), the value.
_PAIR_LINE = re.compile(r"^[^:\u2014\u2013]{2,40}(?::|\s[\u2014\u2013])\s+\S")
#: "Whose: value", a line of a figure's card: a role's name, a colon, its value.
_OWNED_LINE = re.compile(r"^([^:]{2,80}?)\s*:\s+(\S.*)$")
_ITEM_MAX = 300  # a line longer than this is prose, not a list item
#: The label of an ad slot: a line a reader skips, as they skip the ad.
_AD_LABELS = frozenset({"advertisement", "advertisements", "sponsored", "ad"})
_AD_LABEL_MAX = max(map(len, _AD_LABELS))
_AD_FIRST = frozenset(c for label in _AD_LABELS for c in (label[0], label[0].upper()))
_BUTTON_TEXT = re.compile(r"^(?:show|see|view|read|load) (?:more|less|all)\b", re.I)
_DIGIT = re.compile(r"\d")
_HEADER_CLIMB = 4  # wrapper levels looked through for a table's header row
_LABEL_MAX = 60  # longest text indexed as a possible row label or header cell
_ROW_TEXT_MAX = 300  # longest row of inline cells looked into
_DIALOG_ROLES = frozenset({"dialog", "alertdialog", "navigation", "banner", "contentinfo"})


@dataclass(slots=True)
class Block:
    """One visual line: a heading, a paragraph, a list item or a table cell.

    A block of several ``<br>`` lines (or a list item holding blocks) keeps
    them in ``lines``; ``text`` is them all on one line.
    """

    index: int
    element: etree._Element
    text: str
    kind: str  # "heading", "item" (a list item), "part" (a line inside an item), "cell" or "text"
    level: int = 0  # heading level, 1 (h1) to 7 (bold line); 0 when not a heading
    full: str = ""  # for an item, its whole text, inner lines included
    #: Its visual lines when it has several (<br> lines; an item's inner blocks), else ().
    lines: tuple[str, ...] = ()
    marker: str = ""  # for an item, the list marker its line opened on ("•", "3."), if any

    @property
    def is_heading(self) -> bool:
        return self.kind == "heading"

    @property
    def all_lines(self) -> tuple[str, ...]:
        """Its visual lines, one or more; for an item, those of its whole text."""
        return self.lines or ((self.full or self.text),)


@dataclass
class Document:
    """A parsed page: its blocks in reading order plus the head's metadata."""

    root: etree._Element
    blocks: list[Block] = field(default_factory=list)
    #: ``<a href>`` elements of the content (navigation and footer links left out).
    links: list[etree._Element] = field(default_factory=list)
    title: str = ""
    canonical_url: str | None = None
    #: "Label: value" lines by label, read once per set of known labels.
    _lines_by_label: dict[frozenset[str], dict[str, list[Figure]]] = field(
        default_factory=dict, init=False, repr=False
    )
    #: The cells of each label (their outermost wrappers), found once.
    _label_cells: dict[str, list[etree._Element]] = field(
        default_factory=dict, init=False, repr=False
    )

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

    def promote(self, titles: Callable[[str], bool]) -> None:
        """Make the short text lines whose words are ``titles`` headings (bold-line level).

        A section title styled by its class alone has no heading element and
        no bold tag: it is a title by what it says ("Chef responsibilities").
        The page parsers know those words.
        """
        for block in self.blocks:
            if (
                (block.kind == "text" or block.element.tag == "dt")  # a term titles what follows
                and not block.lines
                and len(block.text) <= _BOLD_LINE_MAX
                and titles(block.text)
            ):
                block.kind, block.level = "heading", BOLD_HEADING_LEVEL

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

        A bold title line is a heading too: it ends any section.
        """
        stop = stop or (lambda b: b.kind == "heading")
        for block in self.blocks[start.index + 1 :]:
            if stop(block):
                return
            yield block

    def items_after(
        self,
        start: Block,
        stop: Callable[[Block], bool] | None = None,
        looks_like: Callable[[str], object] | None = None,
        first_list_only: bool = False,
    ) -> list[str]:
        """The list items of the section that ``start`` opens, page order, buttons left out.

        Items are list items (``<li>`` s, lines that open on a list marker).
        A list drawn without them is read by what repeats: with
        ``looks_like``, the section's lines that match it (headings too: a
        list of bold or heading lines); otherwise the ``<br>`` lines of one
        block, or a run of sibling blocks alike (a lead-in line ending in ":"
        left out). Such a list wins when it comes before the first item.
        With ``first_list_only``, a second list in the section (another
        role's, when its title line is missing: in another box, or numbered
        from 1 again) is not taken as more of the first.
        """
        section = list(self.after(start, stop))
        first = next((i for i, b in enumerate(section) if b.kind == "item"), len(section))
        # A list drawn without list items comes first when it stands before the first item.
        if looks_like is not None:
            texts = [
                line for b in rows_as_lines(section[:first]) if b.kind in {"text", "heading"}
                for line in _lines_like(b, looks_like)
            ]  # fmt: skip
        else:
            texts = _repeated_lines(section[:first])
        if not texts:
            items = self._first_items(section[first:], first_list_only)
            texts = [_item_text(b, looks_like) for b in items]
        return [t for t in texts if t and not _BUTTON_TEXT.match(t)]

    @staticmethod
    def _first_items(section: list[Block], first_list_only: bool) -> list[Block]:
        """The items of ``section``; only its first list's with ``first_list_only``."""
        items = [b for b in section if b.kind == "item"]
        if first_list_only and items:
            first = items[0].element
            if sum(1 for b in items if b.element is first) > 1:
                # A list of one block's <br> lines: a list in the next block is another one.
                return [b for b in items if b.element is first]
            parent, box = first.getparent(), _outermost(first).getparent()
            items = [
                b for b in items
                if b.element.getparent() is parent or _outermost(b.element).getparent() is box
            ]  # fmt: skip
            again = next((i for i, b in enumerate(items) if i and _FIRST_NUMBER.match(b.marker)), 0)
            items = items[:again] if again else items
        return items

    # -- tables, grids, cards ------------------------------------------------------

    @cached_property
    def _short_texts(self) -> dict[str, list[etree._Element]]:
        """Elements holding a short text (a row label, a header cell), by lower-cased text.

        Built once per page so that looking up twenty row labels costs twenty
        dictionary lookups, not twenty passes over the page. Headings are left
        out, bold lines are not (a label may be bold). Cells drawn as
        inline elements in one row (``<div><span>Yearly salary</span>
        <span>$1</span></div>``) are indexed one by one.
        """
        index: dict[str, list[etree._Element]] = defaultdict(list)
        for block in self.blocks:
            if block.level < BOLD_HEADING_LEVEL and block.is_heading:
                continue  # a bold line may be a label; a heading names a section
            if len(block.text) > _ROW_TEXT_MAX:
                continue
            if len(block.text) <= _LABEL_MAX:
                index[block.text.lower().rstrip(_LABEL_EDGE)].append(block.element)  # label_key
            element = block.element
            if len(element) >= 2 and _is_inline_row(element):
                for child in element:
                    if _is_noise(child):
                        continue
                    text = full_text(child)
                    if text and len(text) <= _LABEL_MAX:
                        index[text.lower().rstrip(_LABEL_EDGE)].append(child)
        return index

    def label_cells(self, labels: Iterable[str]) -> Iterator[etree._Element]:
        """Elements that hold just one of ``labels`` (row labels), labels in the order given."""
        cells = self._label_cells
        for label in labels:
            key = label_key(label)
            found = cells.get(key)
            if found is None:
                found = cells[key] = [_outermost(e) for e in self._short_texts.get(key, ())]
            yield from found

    def figures(self, labels: Iterable[str], known: frozenset[str]) -> Iterator[Figure]:
        """Every place the page shows the figure labelled with one of ``labels``, lazily.

        ``known`` is every label of the page's figures (lower case): a value
        never runs into the next label. A label read from its cell gives, in
        label order then page order: a row's values in column order (a
        table, a div grid, a ``<dl>`` with a ``<dd>`` per column); the values
        of its column with the head of each row (a table on its side, whose
        header row is the labels); or its one value, beside it or before it
        (a card per role, a value-first tile). Then "Label: value" lines and
        two-line label/value blocks, each one value.
        """
        labels = [label_key(label) for label in labels]
        for cell in self.label_cells(labels):
            figure = self._figure_at(cell, known)
            if figure is not None:
                yield figure
        lines = self._labelled_lines(known)
        for label in labels:
            yield from lines.get(label, ())

    def _figure_at(self, cell: etree._Element, known: frozenset[str]) -> Figure | None:
        if cell.tag not in BLOCK_TAGS:  # a cell of a row of inline cells
            row = self._block_of_element.get(cell.getparent())
            if row is not None and label_key(self.blocks[row].text) in known:
                return None  # "LGBT" of a label split across spans ("LGBT" " Percentage")
        if cell.tag == "dd":  # a label as the description: its value is the term it describes
            term = _term_of(cell)
            if term is None or label_key(term) in known:
                return None
            return Figure((term,), (), self.block_at(cell))
        values = _row_cells(cell, known)
        if any(":" in value and _OWNED_LINE.match(value) for value in values):
            return None  # "Whose: value" lines under the label: a card per figure, read apart
        # One of a row of labels (a table on its side): what follows the last one is the
        # head of the roles' column, or a header cell blanked, no value.
        if cell.tag != "dt" and (
            _after_a_label(cell, known) if values else _heads_a_column(cell, known)
        ):
            return self._column(cell, known)
        if len(values) > 1 and cell.tag != "dt":
            return Figure(tuple(values), (), ROW)
        if values:
            # A term's descriptions (one card's parts, or the columns under a header), or
            # one value: of a card, or of a row that lost a cell. The header tells.
            header = tuple(_header_cells(cell, known))
            return Figure(tuple(values), (), self.block_at(cell), header)
        before = _value_before(cell, known)
        return None if before is None else Figure((before,), (), self.block_at(cell))

    def _column(self, label: etree._Element, known: frozenset[str]) -> Figure | None:
        """The values under a label in a header row of labels, with the head of each row.

        The rows' heads (the roles' names) are in the first column whose header
        is no label: the first (blank or "Role"), or wherever the table puts it.
        """
        header = label.getparent()
        labels = [c for c in header if not _is_noise(c)]
        column = labels.index(label)
        head = next((i for i, c in enumerate(labels) if label_key(full_text(c)) not in known), 0)
        values, heads = [], []
        for cells in _rows_after(header):
            if len(cells) == len(labels):  # a row of this table: as wide as its header
                heads.append(cells[head])
                values.append(cells[column])
        return Figure(tuple(values), tuple(heads), self.block_at(label)) if values else None

    def _labelled_lines(self, known: frozenset[str]) -> dict[str, list[Figure]]:
        """Figures written as lines, by label, read in one pass over the page.

        "Label: value" lines; blocks of two lines, a label and its value; and
        a label as a title over "Whose: value" lines (a card per figure: each
        role's value on its own line, the role's name as the line's head).
        """
        cached = self._lines_by_label.get(known)
        if cached is not None:
            return cached
        pattern = _label_line_pattern(known)
        found: dict[str, list[Figure]] = defaultdict(list)
        for block in self.blocks:
            lines = block.lines or (block.full or block.text,)
            if len(lines) == 1 and len(lines[0]) <= _LABEL_MAX and label_key(lines[0]) in known:
                owned = self._owned_lines(block)
                if owned is not None:
                    found[label_key(lines[0])].append(owned)
            elif len(lines) == 2 and (label_key(lines[0]) in known or label_key(lines[1]) in known):
                label, value = lines if label_key(lines[0]) in known else reversed(lines)
                found[label_key(label)].append(Figure((value,), (), block.index))
                continue
            for line in lines:  # a separator in it first (the test of _may_pair, inline: hot)
                may_pair = ":" in line or "\u2014" in line or "\u2013" in line
                match = pattern.match(line) if may_pair else None
                if match:
                    found[label_key(match.group(1))].append(
                        Figure((match.group(2),), (), block.index)
                    )
        self._lines_by_label[known] = found
        return found

    def _owned_lines(self, label: Block) -> Figure | None:
        """The "Whose: value" lines under a label line, up to the next title, as one figure."""
        heads: list[str] = []
        values: list[str] = []
        first: Block | None = None
        for block in self.blocks[label.index + 1 :]:
            if block.is_heading:
                break
            if block.kind == "part":
                continue  # a line of the item before it, read with that item
            owned = [_OWNED_LINE.match(line) for line in block.all_lines]
            # One figure's lines share a box: lines in the next box are the next figure's.
            if not all(owned) or (first is not None and not _alike(first, block)):
                break
            first = first or block
            for match in owned:
                if match.group(1) in heads:  # a name again: the next figure's, its label lost
                    return Figure(tuple(values), tuple(heads), label.index)
                heads.append(match.group(1))
                values.append(match.group(2))
        return Figure(tuple(values), tuple(heads), label.index) if values else None

    def block_at(self, element: etree._Element) -> int:
        """The index of the block whose line holds ``element``'s words (0 when none does).

        That is the line of ``element`` or of the first element inside it
        (a label's wrappers hold no line of their own), else of the nearest
        element around it.
        """
        index = self._block_of_element
        inside = _first_held(element, index)
        if inside is not None:
            return inside
        while element is not None:
            found = index.get(element)
            if found is not None:
                return found
            element = element.getparent()
        return 0

    @cached_property
    def _block_of_element(self) -> dict[etree._Element, int]:
        index: dict[etree._Element, int] = {}
        for block in self.blocks:
            index.setdefault(block.element, block.index)
        return index

    def header_row(self, labels: Iterable[str], rows_of: frozenset[str] = frozenset()) -> list[str]:
        """The non-empty header cells above the first row labelled with one of ``labels``.

        Rows labelled with one of ``rows_of`` between them are looked past.
        """
        for cell in self.label_cells(labels):
            header = _header_cells(cell, rows_of)
            if header:
                return header
        return []


@dataclass(frozen=True, slots=True)
class Figure:
    """One place a page shows a labelled figure (see :meth:`Document.figures`)."""

    values: tuple[str, ...]  # a row's cells in column order, or one value
    heads: tuple[str, ...]  # for a column of a table on its side: the head of each value's row
    at: int  # the block it is read in (a card's title comes before it); ROW for a row
    #: Two cells over the values' row (two role names, if it is a table's header), if any.
    header: tuple[str, ...] = ()

    @property
    def is_row(self) -> bool:
        """A table row: the values of both columns, in their order."""
        return self.at == ROW


#: ``Figure.at`` of a row, whose values need no title to tell whose they are.
ROW = -1


#: What ends a label but is not of it: a colon, a footnote mark.
_LABEL_EDGE = " :*\u2020\u2021"


def label_key(text: str) -> str:
    """A label as looked up: "Yearly salary:", "Yearly salary *" (a footnote mark) and
    "yearly salary" are one label."""
    return text.lower().rstrip(_LABEL_EDGE)


def _first_held(element: etree._Element, index: dict[etree._Element, int]) -> int | None:
    """The ``index`` entry of ``element`` or of the first element inside it that has one."""
    found = index.get(element)
    if found is not None:
        return found
    for child in element:
        found = _first_held(child, index)
        if found is not None:
            return found
    return None


@lru_cache(maxsize=8)
def _label_line_pattern(known: frozenset[str]) -> re.Pattern[str]:
    """ "<one of the labels>: <value>" (or "<label> — <value>"), any letter case."""
    labels = "|".join(sorted(map(re.escape, known), key=len, reverse=True))
    return re.compile(rf"^({labels}){_SEPARATOR}(\S.*)$", re.I)


def _may_pair(line: str) -> bool:
    """A cheap test before the label patterns: does ``line`` hold a separator at all?"""
    return ":" in line or "\u2014" in line or "\u2013" in line


def _repeated_lines(section: list[Block]) -> list[str]:
    """A list drawn without list items: the first run of blocks alike, or block of ``<br>`` lines.

    Blocks alike are one-line text blocks in one container (whatever boxes
    and wrappers each line sits in), one after the other, none of them prose
    (longer than a list item) or a lead-in (ending in ":"). Two lines at least.
    """
    run: list[Block] = []
    for block in section:
        if _fits_a_run(block) and (not run or _alike(run[-1], block)):
            run.append(block)
            continue
        if len(run) > 1:
            break
        run = [block] if _fits_a_run(block) else []
        lines = [line for line in block.lines if not line.endswith(":")]
        if block.kind == "text" and len(lines) > 1 and all(len(s) <= _ITEM_MAX for s in lines):
            return lines
    return [b.text for b in run] if len(run) > 1 else []


def _lines_like(block: Block, looks_like: Callable[[str], object]) -> list[str]:
    """The lines of ``block`` that ``looks_like`` takes; else its whole text, if it does.

    A row of inline cells is one line of its cells, spaced.
    """
    lines = [line for line in block.all_lines if looks_like(line)]
    if lines:
        return lines
    cells = inline_cells(block)
    whole = " ".join(cells) if cells else block.text if block.lines else None
    return [whole] if whole is not None and looks_like(whole) else []


def _item_text(item: Block, looks_like: Callable[[str], object] | None) -> str:
    """An item's whole text; or, drawn as a row of inline cells, its cells spaced, if only
    that reads as ``looks_like`` wants ("ICD-10" "10%", glued "ICD-1010%")."""
    cells = inline_cells(item) if looks_like is not None else ()
    if not cells or looks_like(item.full):
        return item.full
    spaced = " ".join(cells)
    return spaced if looks_like(spaced) else item.full


def inline_cells(block: Block) -> tuple[str, ...]:
    """The texts of a line drawn as a row of inline cells (a gauge's name and number), or ().

    Glued in the line's text ("ICD-1010%"), they are apart on screen.
    """
    element = block.element
    lead = (element.text or "").strip()
    if block.lines or len(element) < 2 or (lead and not _BARE_MARKER.match(lead)):
        return ()  # words before the cells, but for a list marker ("– ")
    if not _inline_children(element):
        return ()
    cells = tuple(text for child in element if not _is_noise(child) if (text := full_text(child)))
    return cells if len(cells) > 1 else ()


def rows_as_lines(section: list[Block]) -> list[Block]:
    """``section`` with the cells of each table row made one line: "Menu Planning 14%".

    A list drawn as a table (name, share, example in cells) reads as lines.
    """
    found: list[Block] = []
    for block in section:
        last = found[-1] if found else None
        if block.kind != "cell":
            found.append(block)
        elif last is not None and last.kind == "row" and last.element is block.element.getparent():
            last.lines += block.all_lines
            last.text = " ".join(last.lines)
        else:
            row = block.element.getparent()
            found.append(Block(block.index, row, block.text, "row", lines=block.all_lines))
    for block in found:
        if block.kind == "row":
            block.kind, block.lines = "text", block.lines if len(block.lines) > 1 else ()
    return found


def side_by_side(one: Block, other: Block) -> bool:
    """Are two lines in one box: ``other`` inside ``one``'s element, or both in one container?

    Wrappers around either are looked through (a <div> around one <p>).
    """
    return _inside(other.element, one.element) or _alike(one, other)


def _alike(one: Block, other: Block) -> bool:
    """Two lines drawn alike: in one container, each alone in its box or wrappers."""
    return _outermost(one.element).getparent() is _outermost(other.element).getparent()


def _fits_a_run(block: Block) -> bool:
    """A line that may be one of a list: short, one line, no lead-in, not a lone link."""
    return (
        block.kind == "text"
        and not block.lines
        and len(block.text) <= _ITEM_MAX
        and not block.text.endswith(":")
        and not _lone_link(block.element)
    )


def _lone_link(element: etree._Element) -> bool:
    """Is the line one link and nothing else ("Browse hospitality jobs")?"""
    element = _unwrapped(element)
    return element.tag == "a" and bool(element.get("href"))


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
        elif _is_noise(child):
            if isinstance(tag, str) and _shown_unspoken(child, child.keys()):
                parts.append(" ")
        elif tag in BLOCK_TAGS:
            parts.append(" ")
            _text_parts(child, parts)
            parts.append(" ")
        else:
            if tag in _RAISED:
                parts.append(" ")
            _text_parts(child, parts)
        tail = child.tail
        if tail:
            parts.append(tail)


def _outermost(element: etree._Element) -> etree._Element:
    """Climb from ``element`` through wrappers: parents that hold it alone and add no text.

    A script or hidden element beside it does not count: it shows nothing.
    """
    parent = element.getparent()
    while (
        parent is not None
        and parent.tag != "body"
        and not (parent.text or "").strip()
        and _holds_alone(parent, element)
    ):
        element, parent = parent, parent.getparent()
    return element


def _holds_alone(parent: etree._Element, element: etree._Element) -> bool:
    """Is ``element`` all that ``parent`` shows (other children noise, no words between)?"""
    if len(parent) == 1:
        return not (element.tail or "").strip()
    for child in parent:
        if (child is not element and not _is_noise(child)) or (child.tail or "").strip():
            return False
    return True


def _is_inline_row(element: etree._Element) -> bool:
    """A row of inline cells: only inline children, and no words before or between them."""
    return not (element.text or "").strip() and _inline_children(element)


def _inline_children(element: etree._Element) -> bool:
    """Are ``element``'s children all inline, with no words between them?"""
    return all(
        _is_noise(child) or (child.tag not in BLOCK_TAGS and not (child.tail or "").strip())
        for child in element
    )


def _header_cells(label: etree._Element, rows_of: frozenset[str] = frozenset()) -> list[str]:
    """The two role names over the columns of the row that ``label`` starts.

    The header is the nearest row before the label's row, looked for at the
    row's level and, through wrappers (a ``<tbody>``, a ``<div>`` around a
    ``<dt>``/``<dd>`` pair, a ``<div>`` around a row), a few levels up. Rows
    that open on one of ``rows_of`` (other figures' labels) are looked past.
    """
    for level in _levels(label.getparent()):
        for candidate in level.itersiblings(preceding=True):
            if _is_noise(candidate):
                continue
            cells = _cell_texts(candidate)
            if rows_of and cells and label_key(cells[0]) in rows_of:
                continue
            if not any(cells):
                continue  # an empty row or rule between the header and the rows
            names = [t for t in cells if not is_blank(t)]
            # Role names carry no figures: a row of "$26,651" is a data row, not the header.
            if len(names) == 2 and not any(_DIGIT.search(name) for name in names):
                return names
            return []
    return []


def _levels(element: etree._Element | None) -> Iterator[etree._Element]:
    """``element`` and the boxes around it, a few levels up (wrappers holding it alone are free)."""
    climbs = 0
    while element is not None and element.tag != "body" and climbs < _HEADER_CLIMB:
        yield element
        parent = element.getparent()
        if parent is None or not _holds_alone(parent, element):
            climbs += 1
        element = parent


def row_texts(cell: etree._Element) -> list[str]:
    """The texts of the cells of the row that ``cell`` is one of (scripts and hidden aside)."""
    parent = cell.getparent()
    return [] if parent is None else _cell_texts(parent)


def _cell_texts(row: etree._Element) -> list[str]:
    """The texts of a row's cells, looking through wrappers around the cells.

    An inline element is one cell, whatever spans split its words.
    """
    row = _unwrapped(row)
    if len(row) == 0 or row.tag not in BLOCK_TAGS:
        return [full_text(row)]
    return [full_text(cell) for cell in row if not _is_noise(cell)]


def _row_cells(label: etree._Element, known: frozenset[str]) -> list[str]:
    """Texts of the cells after a label cell, up to the next label.

    A ``<dt>`` owns only the ``<dd>`` s after it.
    """
    values = []
    for sibling in label.itersiblings():
        if _is_noise(sibling):
            continue
        if label.tag == "dt" and sibling.tag != "dd":
            break
        text = full_text(sibling)
        if (len(text) <= _LABEL_MAX and label_key(text) in known) or (
            _may_pair(text) and _label_line_pattern(known).match(text)
        ):
            break  # the next label, alone or with its value ("LGBT Percentage: 8%")
        if len(text) > _AD_LABEL_MAX or not _is_ad_label(text):
            values.append(text)
    return values


def _siblings(element: etree._Element) -> list[etree._Element]:
    parent = element.getparent()
    return [] if parent is None else [c for c in parent if not _is_noise(c)]


def _heads_a_column(label: etree._Element, known: frozenset[str]) -> bool:
    """Is ``label``, with no value after it, one of a row of labels (a table on its side)?

    The cell after it is another label or, for the last label of the row,
    the one before it is. (Pairs in one row, "label value label value", have
    a value next to each label.)
    """
    cells = _siblings(label)
    if label not in cells:  # the page's root, on a page cut short
        return False
    at = cells.index(label)
    neighbour = cells[at + 1] if at + 1 < len(cells) else cells[at - 1] if at else None
    return neighbour is not None and label_key(full_text(neighbour)) in known


def _term_of(description: etree._Element) -> str | None:
    """The text of the ``<dt>`` a ``<dd>`` describes (the nearest one before it), if any."""
    for sibling in description.itersiblings(preceding=True):
        if sibling.tag == "dt":
            return full_text(sibling)
    return None


def _after_a_label(cell: etree._Element, known: frozenset[str]) -> bool:
    """Is the cell before ``cell`` a label? (A row's own label has none before it.)"""
    for sibling in cell.itersiblings(preceding=True):
        if not _is_noise(sibling):
            return label_key(full_text(sibling)) in known
    return False


def _value_before(label: etree._Element, known: frozenset[str]) -> str | None:
    """The value of a value-first pair (``<b>47</b><span>Average age</span>``), else None."""
    cells = _siblings(label)
    if len(cells) != 2 or cells[1] is not label:
        return None
    value = full_text(cells[0])
    return None if label_key(value) in known else value


def _rows_after(header: etree._Element) -> list[list[str]]:
    """The cell texts of the rows after a header row, wrappers and table parts looked through.

    The rows follow the header row, or the box around it (a <thead>: the
    rows are in the <tbody> after it). They are elements of the header
    row's own tag (a <tr>, a <div>), or the groups of a ``<dl>``: each
    ``<dt>`` with its ``<dd>`` s.
    """
    for level in _levels(header):
        following = [r for r in level.itersiblings() if not _is_noise(r)]
        if following:
            return [row for element in following for row in _rows_in(element, header.tag)]
    return []


def _rows_in(element: etree._Element, tag: str) -> list[list[str]]:
    """The rows ``element`` is (a ``tag`` element), or holds (a row group, a ``<dl>``)."""
    element = _unwrapped(element)
    if element.tag == "dl":
        return _dl_rows(element)
    children = [c for c in element if not _is_noise(c)]
    # A row group holds rows of cells; a row's first cell (its head) holds no cells.
    if len(children) > 1 and all(len(_unwrapped(c)) > 1 for c in children):
        return [row for child in children for row in _rows_in(child, tag)]
    return [_cell_texts(element)] if element.tag == tag else []


def _unwrapped(element: etree._Element) -> etree._Element:
    """``element``, or what it wraps: the one element it shows (scripts aside), no words around."""
    while not (element.text or "").strip():
        shown = [child for child in element if not _is_noise(child)]
        if len(shown) != 1 or not _holds_alone(element, shown[0]):
            break
        element = shown[0]
    return element


def _dl_rows(dl: etree._Element) -> list[list[str]]:
    """A ``<dl>`` as rows: each term with its descriptions (grouped in a <div> or not)."""
    rows: list[list[str]] = []
    for child in dl:
        if _is_noise(child):
            continue
        if child.tag == "dd" and rows:
            rows[-1].append(full_text(child))
        elif child.tag == "dt":
            rows.append([full_text(child)])
        else:
            rows.append(_cell_texts(child))
    return rows


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
    Then :func:`structure` reads list markers and ``<br>`` lines.
    """
    slots: list[Block | None] = []
    _walk((root,), [], None, slots, links, NOISE_TAGS)
    return structure(slots)


def _walk(
    elements: Iterable[etree._Element],
    parts: list[str],
    item: list[str] | None,
    slots: list[Block | None],
    links: list[etree._Element],
    noise: frozenset[str],
) -> None:
    """Read ``elements`` (siblings, in order) and their subtrees into the open lines.

    ``parts`` collects the own text of the innermost open block, ``item``
    every text piece of the outermost open ``<li>`` (None outside a list
    item); a ``<br>`` is a line break in both. ``noise`` is the tags skipped
    with their subtree (inside a heading, a button is text). Recursive rather
    than ``iterwalk``: start and end events for every element cost twice the
    Python steps, and libxml2 nests elements 256 deep at most.
    """
    for element in elements:
        tag = element.tag
        attributes = element.keys()  # most elements carry only "class": test names first
        skipped = tag in noise or (
            attributes
            and ("hidden" in attributes or "aria-hidden" in attributes or "role" in attributes)
            and _is_hidden(element, attributes)
        )
        if skipped:  # a skipped subtree is left out, but its tail is still text of the line
            if _shown_unspoken(element, attributes):
                parts.append(" ")
        else:
            if tag == "a" and "href" in attributes:
                links.append(element)
            role_heading = "role" in attributes and element.get("role") == "heading"
            if tag in BLOCK_TAGS or role_heading:
                # Inside a heading, a button is its text (an accordion's header).
                heading = role_heading or tag in _HEADING_TAGS
                _read_block(element, tag, item, slots, links, _HEADING_NOISE if heading else noise)
                parts.append(" ")
                if item is not None:
                    item.append(_LINE)
            else:
                if tag in _RAISED:
                    parts.append(" ")
                text = _LINE if tag == "br" else element.text
                if text:
                    parts.append(text)
                    if item is not None:
                        item.append(text)
                if len(element):
                    _walk(element, parts, item, slots, links, noise)
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
    noise: frozenset[str],
) -> None:
    """A block element's line: a slot taken when it opens (page order), filled when it closes."""
    text = element.text
    slot = len(slots)
    slots.append(None)
    own = [text] if text else []
    opens_item = tag == "li" and item is None
    inner = own.copy() if opens_item else item
    if item is not None:
        item += (_LINE, text or "")
    if len(element):
        _walk(element, own, inner, slots, links, noise)
    joined = "".join(own)
    if (
        (joined[:1] in _MAY_OPEN_MARKDOWN or tag == "pre")
        and len(slots) == slot + 1
        and item is None
        and (source := markdown_source(tag, joined)) is not None
    ):  # a text dump: read again as the blocks its lines look like
        del slots[slot:]
        gone = set(element.iter("a"))
        links[:] = [link for link in links if link not in gone]
        expand_preformatted(element, source)
        _read_block(element, "div", item, slots, links, noise)
        return
    line = clean(joined)
    if tag != "li":
        if line:
            block = _make_block(element, line, _lines(joined) if _LINE in joined else ())
            if item is not None:
                block.kind = "part"  # a line inside a list item, read with the item
            slots[slot] = block
    elif opens_item:  # a nested item is read as part of the outer one
        # With no block inside, the item's text is its line's, spaced alike: cleaned once.
        whole = joined if len(slots) == slot + 1 else "".join(inner)
        full = line if whole is joined else clean(whole)
        if full:  # an item whose words all sit in inner blocks is still one item
            lines = _lines(whole) if _LINE in whole else ()
            slots[slot] = Block(0, element, line, "item", full=full, lines=lines)


def _lines(joined: str) -> tuple[str, ...]:
    """The lines of a block's raw text when it has several, else ()."""
    pieces = [piece for piece in joined.split(_LINE) if piece and not piece.isspace()]
    if len(pieces) < 2:  # most blocks: one line, nothing to clean twice
        return ()
    lines = tuple(line for line in map(clean, pieces) if line)
    return lines if len(lines) > 1 else ()


def _is_hidden(element: etree._Element, attributes: list[str]) -> bool:
    """``hidden``, ``aria-hidden="true"`` or a dialog/navigation landmark role."""
    if "hidden" in attributes:
        return True
    if "aria-hidden" in attributes and element.get("aria-hidden") == "true":
        return True
    return "role" in attributes and element.get("role") in _DIALOG_ROLES


def markdown_source(tag: str, joined: str) -> str | None:
    """The lines of a block read as plain-text source, else None: a ``<pre>``'s, or a
    paragraph's that opens on a line of Markdown ("## Title", "| a | b |", "**Bold**").

    ``joined`` is the block's own text, ``<br>`` s in it as :data:`_LINE`; the block
    holds no other block (a paragraph with blocks inside was written as HTML).
    """
    if tag == "pre":
        return joined.replace(_LINE, "\n")
    if tag not in _LINE_TAGS:
        return None
    source = joined.lstrip().replace(_LINE, "\n")
    return source if _MARKDOWN_LINE.match(source) else None


def _shown_unspoken(element: etree._Element, attributes: list[str]) -> bool:
    """``aria-hidden`` but not ``hidden``: on screen (a "·" between two spans), so
    it parts the words around it even though its own are left out."""
    return "aria-hidden" in attributes and "hidden" not in attributes


def _make_block(element: etree._Element, text: str, lines: tuple[str, ...] = ()) -> Block:
    tag = element.tag
    if tag in HEADING_LEVELS:
        return Block(0, element, text, "heading", HEADING_LEVELS[tag])
    if tag == "summary" or element.get("role") == "heading":
        level = element.get("aria-level", "2")
        return Block(0, element, text, "heading", int(level) if level.isdigit() else 2)
    if tag in CELL_TAGS:
        return Block(0, element, text, "cell", 0, "", lines)
    if tag in _LINE_TAGS and not lines and len(text) <= _BOLD_LINE_MAX and _all_bold(element):
        return Block(0, element, text, "heading", BOLD_HEADING_LEVEL)
    return Block(0, element, text, "text", 0, "", lines)


def _all_bold(element: etree._Element) -> bool:
    """Is every word of the element's own line bold? (Inner blocks are lines of their own.)

    Inline elements around a bold run (``<span><b>...</b></span>``) are looked into.
    """
    return _bold_words(element, False) is True


def _bold_words(element: etree._Element, bold: bool) -> bool | None:
    """True when the element's own words are all bold, False when one is not, None: no words."""
    bold = bold or _is_bold(element)
    found = None
    text = element.text
    if text and not text.isspace():
        if not bold:
            return False
        found = True
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in BLOCK_TAGS and tag != "br" and not _is_noise(child):
            inner = _bold_words(child, bold)
            if inner is False:
                return False
            found = found or inner
        tail = child.tail
        if tail and not tail.isspace():
            if not bold:
                return False
            found = True
    return found


def _bold_first_line(element: etree._Element) -> bool:
    """Is the element's first ``<br>`` line all bold, with more lines after it?"""
    bold = False
    for text, in_bold in _inline_text(element, _is_bold(element)):
        if text is None:
            return bold
        if text.strip():
            if not in_bold:
                return False
            bold = True
    return False


def _inline_text(element: etree._Element, bold: bool) -> Iterator[tuple[str | None, bool]]:
    """(text, whether it is bold) of the element's own line in order; (None, _) at a ``<br>``.

    Inline elements are looked into; inner blocks and noise are left out.
    """
    if element.text:
        yield element.text, bold
    for child in element:
        tag = child.tag
        if tag == "br":
            yield None, bold
        elif isinstance(tag, str) and tag not in BLOCK_TAGS and not _is_noise(child):
            yield from _inline_text(child, bold or _is_bold(child))
        if child.tail:
            yield child.tail, bold


def _is_bold(element: etree._Element) -> bool:
    """``<b>``, ``<strong>`` or an inline style with a bold font weight."""
    if element.tag in _BOLD_TAGS:
        return True
    style = element.get("style")
    return style is not None and "weight" in style and _BOLD_STYLE.search(style) is not None


# -- the second look: list markers and <br> lines -------------------------------------------


def structure(slots: Iterable[Block | None]) -> list[Block]:
    """Blocks read again for what their words show, then numbered (``None`` slots left out).

    An ad slot's label ("Advertisement") is left out. A text line that opens
    on a list marker is a list item (the blocks inside its element are its
    parts); an ``<li>`` loses its marker. A block of ``<br>`` lines is split
    into lines when it opens on a bold title line, when two or more of its
    lines open on a list marker, or when every line is a "Label: value" pair;
    other ``<br>`` lines (prose broken by hand, a list without markers) stay
    one block, its lines kept in ``Block.lines``.
    """
    found: list[Block] = []
    add, ad_max, marks = found.append, _AD_LABEL_MAX, _MARKER_START
    item: _MarkedItem | None = None  # a line that opened on a marker, reading its parts
    for block in slots:
        if block is None:
            continue
        text = block.text
        if len(text) <= ad_max and _is_ad_label(text):
            continue
        if item is not None:
            if _inside(block.element, item.block.element):
                item.add(block)
                block.index = len(found)
                add(block)
                continue
            item.close()
            item = None
        kind = block.kind
        if kind == "text":
            if block.lines:
                for line in _split_lines(block):
                    line.index = len(found)
                    add(line)
                continue
            if text[0] in marks and (LIST_MARKER.match(text) or _BARE_MARKER.match(text)):
                item = _MarkedItem(block)
        elif kind == "item" and block.full[0] in marks:
            _unmark_item(block)
        block.index = len(found)
        add(block)
    if item is not None:
        item.close()
    return found


def _is_ad_label(text: str) -> bool:
    """ "Advertisement": the label of an ad slot, which a reader skips with the ad."""
    return len(text) <= _AD_LABEL_MAX and text[:1] in _AD_FIRST and text.lower() in _AD_LABELS


class _MarkedItem:
    """A line that opens on a list marker, made a list item with the blocks inside it as parts.

    A marker alone on its line (the item's words in the blocks inside it)
    with no block inside is no item: a ``-`` cell stays a line.
    """

    def __init__(self, block: Block) -> None:
        self.block = block
        self.text = block.text
        own = _unmark(block.text)
        self.lines = [own] if own else []
        self.parts = 0
        block.kind, block.text, block.marker = "item", own, _marker(self.text)

    def add(self, part: Block) -> None:
        part.kind = "part"
        self.lines += part.all_lines
        self.parts += 1

    def close(self) -> None:
        block = self.block
        if not self.parts and not block.text:
            block.kind, block.text, block.marker = "text", self.text, ""
            return
        block.full = " ".join(self.lines)
        block.lines = tuple(self.lines) if len(self.lines) > 1 else ()


def _unmark_item(block: Block) -> None:
    block.marker = _marker(block.full)
    block.text = _unmark(block.text)
    block.full = _unmark(block.full)
    if block.lines:
        block.lines = (_unmark(block.lines[0]), *block.lines[1:])


def _marker(line: str) -> str:
    """The list marker ``line`` opens on ("•", "3."), or ""."""
    match = LIST_MARKER.match(line) or _BARE_MARKER.match(line)
    return match.group(0).strip() if match else ""


def _unmark(line: str) -> str:
    match = LIST_MARKER.match(line)
    return line[match.end() :] if match else "" if _BARE_MARKER.match(line) else line


def _inside(element: etree._Element, ancestor: etree._Element) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.getparent()
    return False


def _split_lines(block: Block) -> list[Block]:
    """A block of ``<br>`` lines as separate lines, when its lines show a structure (see above)."""
    element, lines = block.element, list(block.lines)
    found: list[Block] = []
    if len(lines[0]) <= _BOLD_LINE_MAX and _bold_first_line(element):
        found.append(Block(0, element, lines.pop(0), "heading", BOLD_HEADING_LEVEL))
    marked = sum(1 for line in lines if LIST_MARKER.match(line))
    if marked >= 2:
        for line in lines:
            own = _unmark(line)
            item = own != line
            if own:
                found.append(
                    Block(0, element, own, "item", full=own, marker=_marker(line))
                    if item
                    else Block(0, element, own, "text")
                )
    elif len(lines) > 1 and all(_PAIR_LINE.match(line) for line in lines):
        found += [Block(0, element, line, "text") for line in lines]
    elif found or LIST_MARKER.match(lines[0]):  # a title line apart, or one item of lines
        rest = (_unmark(lines[0]), *lines[1:])
        kind = "text" if rest[0] == lines[0] else "item"
        whole = " ".join(rest)
        found.append(
            Block(0, element, rest[0] if kind == "item" else whole, kind,
                  full=whole if kind == "item" else "", lines=rest if len(rest) > 1 else (),
                  marker=_marker(lines[0]))
        )  # fmt: skip
    else:
        return [block]
    return found
