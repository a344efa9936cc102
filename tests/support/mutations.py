"""Markup mutations of career pages, for the property tests of the parsers.

Each mutation takes a page's HTML bytes and a ``random.Random`` (seeded by
hypothesis in the tests) and returns new HTML bytes. Two families:

- content-KEEPING mutations change only what a reader never sees: class
  names and ids, wrapper elements, heading tags (keeping their order of
  levels), tables drawn as div grids or description lists, scripts, ads,
  menus, cookie banners and "Show more" buttons between sections, spacing,
  text nodes split across ``<span>`` s. The words of the page and their
  reading order stay the same (see :func:`visible_text`), so the parser must
  give the same record;
- content-REMOVING mutations take content away: a section, table rows, a
  cell's value, list items, a paragraph. The parser may give less, but
  never a value the page does not show.

Everything is plain lxml (the same libxml2 HTML parser the parser uses):
a mutation edits the element tree and the result is serialised again, so
only markup that libxml2 reads back as built is produced (no ``<div>``
inside a ``<p>``, no ``<span>`` around a block). Each edit is described in
the optional ``log`` list, for the failure messages. A removing mutation
also lists the places it can edit (``each_site``), so that a test can try
every one of them.
"""

from __future__ import annotations

import copy
import itertools
import random
import re
import string
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

# -- element classes ------------------------------------------------------------------

#: Inline (phrasing) elements: they flow in the line of text around them.
PHRASING = frozenset(
    "a abbr acronym b bdi bdo big br cite code data del dfn em font i img ins kbd label mark "
    "nobr picture q s samp small source span strike strong sub sup time tt u var wbr".split()
)
#: Elements whose content a reader never sees as text, and what lives in <head>.
RAW = frozenset(
    "head script style noscript template svg math iframe textarea title object embed canvas "
    "select option video audio".split()
)
#: Chrome a reader skips: not page content (plus RAW, hidden elements and ads).
CHROME = frozenset("nav footer button dialog".split())
_CHROME_ROLES = frozenset({"dialog", "alertdialog", "navigation", "banner", "contentinfo"})
#: Block elements that may be wrapped in a <div> where their parent takes flow content.
WRAPPABLE_BLOCKS = frozenset(
    "address article aside blockquote center details dialog div dl fieldset figure footer form "
    "h1 h2 h3 h4 h5 h6 header hr main menu nav ol p pre section table ul".split()
)
#: Elements whose content model is flow content: a <div> child is valid there.
FLOW_PARENTS = frozenset(
    "article aside blockquote body center dd details dialog div fieldset figure footer form "
    "header li main nav section td th".split()
)
HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_TABLE_PARTS = frozenset("thead tbody tfoot".split())
_TABLE_ONLY_ATTRIBUTES = tuple(
    "scope colspan rowspan headers cellpadding cellspacing border rules frame summary".split()
)
#: Elements whose content is not a line of text that a <span> could hold.
_NOT_INLINE_BOXES = frozenset("html body table thead tbody tfoot tr ul ol dl".split())
_NOT_IN_DL_CELLS = frozenset("h1 h2 h3 h4 h5 h6 ul ol table dl form header footer".split())

Edit = Callable[[etree._Element, random.Random, list[str], "int | None"], None]


@dataclass(frozen=True)
class Mutation:
    """A named edit of the element tree, callable on HTML bytes."""

    name: str
    keeps_content: bool
    edit: Edit
    #: Removing mutations: the places they can edit, and the edit of one of them.
    sites_of: Callable[[etree._Element], list] | None = None
    edit_site: Callable[[object, random.Random, list[str]], None] | None = None

    def __call__(
        self,
        html: bytes,
        rng: random.Random,
        log: list[str] | None = None,
        sites: int | None = None,
    ) -> bytes:
        """The mutated page; ``sites`` caps the number of places edited (random when None)."""
        return apply(html, [self], rng, log, sites)

    def each_site(self, html: bytes, rng: random.Random) -> Iterator[tuple[bytes, list[str]]]:
        """The page edited at one place, for each place in turn (removing mutations)."""
        if self.sites_of is None or self.edit_site is None:
            raise TypeError(f"{self.name} does not list the places it edits")
        root, encoding = parse(html)
        for index in range(len(self.sites_of(root))):
            root, encoding = parse(html)
            log: list[str] = []
            self.edit_site(self.sites_of(root)[index], rng, log)
            yield serialize(root, encoding), log

    def __repr__(self) -> str:
        return self.name

    def _repr_pretty_(self, printer, cycle) -> None:  # how hypothesis prints examples
        printer.text(self.name)


def apply(
    html: bytes,
    mutations: Sequence[Mutation],
    rng: random.Random,
    log: list[str] | None = None,
    sites: int | None = None,
) -> bytes:
    """Parse once, apply each mutation in turn, serialise once."""
    log = [] if log is None else log
    root, encoding = parse(html)
    for mutation in mutations:
        before = len(log)
        mutation.edit(root, rng, log, sites)
        if len(log) == before:
            log.append(f"{mutation.name}: nothing to edit")
    return serialize(root, encoding)


# -- parsing and serialising ----------------------------------------------------------------

_CHARSET = re.compile(rb"""charset=["']?([a-z0-9_\-]+)""")


def parse(html: bytes) -> tuple[etree._Element, str]:
    """The page's element tree (comments kept) and the encoding it is written in."""
    match = _CHARSET.search(html[:2048].lower())
    encoding = match.group(1).decode("ascii") if match else "utf-8"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "utf-8"
    parser = etree.HTMLParser(encoding=encoding, remove_comments=False, no_network=True)
    return etree.fromstring(html, parser), encoding


def serialize(root: etree._Element, encoding: str = "utf-8") -> bytes:
    tree = root.getroottree()
    return etree.tostring(
        tree, method="html", encoding=encoding, doctype=tree.docinfo.doctype or None
    )


# -- tree helpers -----------------------------------------------------------------------


def _body(root: etree._Element) -> etree._Element:
    body = root.find("body")
    return body if body is not None else root


def _is_element(node: object) -> bool:
    return isinstance(node, etree._Element) and isinstance(node.tag, str)


def _content(root: etree._Element) -> Iterator[etree._Element]:
    """The body's elements in document order, RAW subtrees (scripts, svg...) left out."""
    walker = etree.iterwalk(_body(root), events=("start",))
    for _, element in walker:
        if element.tag in RAW:
            walker.skip_subtree()
            continue
        yield element


def _children(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if _is_element(c)]


def _blank(text: str | None) -> bool:
    return not (text or "").strip()


def _is_heading(element: etree._Element) -> bool:
    return element.tag in HEADING_TAGS or element.get("role") == "heading"


def _heading_level(element: etree._Element) -> int:
    if element.tag in HEADING_TAGS:
        return HEADING_TAGS[element.tag]
    level = element.get("aria-level", "2")
    return int(level) if level.isdigit() else 2


def _takes_flow(element: etree._Element) -> bool:
    """May ``element`` hold a <div>? (headings drawn as divs take inline content only)"""
    return element.tag in FLOW_PARENTS and element.get("role") != "heading"


def _phrasing_only(element: etree._Element) -> bool:
    """Nothing but text and inline elements inside ``element``."""
    return all(
        not _is_element(d) or d.tag in PHRASING or d.tag in RAW for d in element.iterdescendants()
    )


def _has_text(element: etree._Element) -> bool:
    return any(t.strip() for t in element.itertext())


def _describe(element: etree._Element) -> str:
    text = " ".join("".join(element.itertext()).split())
    text = text if len(text) <= 50 else text[:47] + "..."
    return f'<{element.tag}> "{text}"'


def _new(tag: str, rng: random.Random | None = None, text: str | None = None, **attributes: str):
    element = etree.Element(tag)
    if rng is not None and rng.random() < 0.7:
        element.set("class", class_name(rng))
    for key, value in attributes.items():
        element.set(key.rstrip("_").replace("_", "-"), value)
    element.text = text
    return element


def _move_content(source: etree._Element, target: etree._Element) -> None:
    """Move ``source``'s text and children (with their tails) to the end of ``target``."""
    if source.text:
        if len(target):
            target[-1].tail = (target[-1].tail or "") + source.text
        else:
            target.text = (target.text or "") + source.text
    source.text = None
    for child in list(source):
        target.append(child)


def _wrap(element: etree._Element, wrappers: list[etree._Element]) -> None:
    """Put ``element`` inside ``wrappers`` (outermost first); its tail stays outside."""
    outer = wrappers[0]
    outer.tail, element.tail = element.tail, None
    element.addprevious(outer)
    inner = outer
    for wrapper in wrappers[1:]:
        inner.append(wrapper)
        inner = wrapper
    inner.append(element)


def _wrap_run(run: list[etree._Element], wrappers: list[etree._Element]) -> None:
    """Put consecutive siblings (whitespace between them) inside ``wrappers``."""
    outer = wrappers[0]
    outer.tail, run[-1].tail = run[-1].tail, None
    run[0].addprevious(outer)
    inner = outer
    for wrapper in wrappers[1:]:
        inner.append(wrapper)
        inner = wrapper
    for element in run:
        inner.append(element)


def _wrap_content(element: etree._Element, wrappers: list[etree._Element]) -> None:
    """Put all of ``element``'s content inside ``wrappers`` (outermost first)."""
    inner = wrappers[-1]
    _move_content(element, inner)
    for outer, nested in itertools.pairwise(wrappers):
        outer.append(nested)
    element.append(wrappers[0])


def _drop(element: etree._Element, keep_tail: bool = True) -> None:
    """Remove ``element``; its tail text (what follows it) stays in place."""
    parent = element.getparent()
    if keep_tail and element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _clear(element: etree._Element) -> None:
    element.text = None
    for child in list(element):
        element.remove(child)


def _sample(rng: random.Random, items: Sequence, sites: int | None, most: int) -> list:
    """Up to ``sites`` (else a random 1..``most``) distinct items, in document order."""
    if not items:
        return []
    count = sites if sites is not None else rng.randint(1, most)
    count = max(1, min(count, len(items)))
    chosen = sorted(rng.sample(range(len(items)), count))
    return [items[i] for i in chosen]


# -- generated names and texts -----------------------------------------------------------------


def class_name(rng: random.Random) -> str:
    """A class attribute as build tools write them: hashed, CSS-modules or utility-like."""
    letters = string.ascii_letters
    style = rng.randrange(4)
    if style == 0:  # styled-components
        tail = "".join(rng.choice(letters) for _ in range(6))
        return f"sc-{rng.getrandbits(24):06x}-{rng.randrange(10)} {tail}"
    if style == 1:  # emotion
        return f"css-{rng.getrandbits(28):07x}"
    if style == 2:  # CSS modules
        word = rng.choice(["Card", "Row", "Cell", "Box", "Item", "Wrap", "Block", "Grid"])
        part = rng.choice(["root", "inner", "title", "body", "value", "label", "cell"])
        tail = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(5))
        return f"{word}_{part}__{tail}"
    return f"jsx-{rng.getrandbits(40)}"


def _id(rng: random.Random) -> str:
    return rng.choice(["", "r-", "id-", ":r"]) + f"{rng.getrandbits(32):08x}"


# -- content-keeping mutations ---------------------------------------------------------------


def _rename_attributes(root, rng, log, sites) -> None:
    """Rename, remove, add and shuffle class and id attributes of the body's elements."""
    elements = list(_content(root))[1:]  # not <body> itself
    counts = dict.fromkeys(("renamed", "removed", "added", "reordered"), 0)
    for element in elements:
        for attribute, make in (("class", class_name), ("id", _id)):
            value = element.get(attribute)
            roll = rng.random()
            if value is None:
                if roll < 0.1:
                    element.set(attribute, make(rng))
                    counts["added"] += 1
            elif roll < 0.45:
                element.set(attribute, make(rng))
                counts["renamed"] += 1
            elif roll < 0.7:
                del element.attrib[attribute]
                counts["removed"] += 1
            elif roll < 0.8 and attribute == "class" and " " in value:
                tokens = value.split()
                rng.shuffle(tokens)
                element.set("class", " ".join(tokens))
                counts["reordered"] += 1
    classed = [e for e in elements if e.get("class") is not None]
    shuffled = rng.random() < 0.5 and len(classed) > 1
    if shuffled:  # hand the class names out again at random
        values = [e.get("class") for e in classed]
        rng.shuffle(values)
        for element, value in zip(classed, values, strict=True):
            element.set("class", value)
    log.append(
        "rename_attributes: "
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + (f", class values shuffled among {len(classed)} elements" if shuffled else "")
    )


def _wrappers(rng: random.Random, tags: Sequence[str]) -> list[etree._Element]:
    return [_new(rng.choice(tags), rng) for _ in range(rng.randint(1, 3))]


def _section_run(heading_box: etree._Element) -> list[etree._Element]:
    """``heading_box`` and the block siblings after it, up to the next heading box."""
    run = [heading_box]
    for sibling in heading_box.itersiblings():
        if not _is_element(sibling) or not _blank(run[-1].tail):
            break
        if sibling.tag not in WRAPPABLE_BLOCKS or _starts_with_heading(sibling):
            break
        run.append(sibling)
    return run


def _starts_with_heading(element: etree._Element) -> bool:
    while True:
        if _is_heading(element):
            return True
        children = _children(element)
        if not children or not _blank(element.text):
            return False
        element = children[0]


def _wrap_blocks(root, rng, log, sites) -> None:
    """Wrap block elements (or a heading with its section) in 1-3 <div>/<section>."""
    candidates = [
        e
        for e in _content(root)
        if e.tag in WRAPPABLE_BLOCKS and e.getparent() is not None and _takes_flow(e.getparent())
    ]
    for element in _sample(rng, candidates, sites, 8):
        wrappers = _wrappers(rng, ["div", "div", "section"])
        if _starts_with_heading(element) and rng.random() < 0.5:
            run = _section_run(element)
            _wrap_run(run, wrappers)
            log.append(
                f"wrap_blocks: wrapped {_describe(element)} and the {len(run) - 1} blocks "
                f"after it in {'>'.join(w.tag for w in wrappers)}"
            )
        else:
            _wrap(element, wrappers)
            log.append(
                f"wrap_blocks: wrapped {_describe(element)} in {'>'.join(w.tag for w in wrappers)}"
            )


def _wrap_contents(root, rng, log, sites) -> None:
    """Wrap the whole content of a flow container (div, cell, list item...) in 1-3 <div>."""
    candidates = [
        e
        for e in _content(root)
        if _takes_flow(e) and e.tag not in {"details", "dialog"} and (len(e) or not _blank(e.text))
    ]
    for element in _sample(rng, candidates, sites, 8):
        wrappers = _wrappers(rng, ["div"])
        _wrap_content(element, wrappers)
        log.append(f"wrap_contents: content of {_describe(element)} put in {len(wrappers)} div(s)")


def _wrap_inline(root, rng, log, sites) -> None:
    """Wrap an inline element, or the whole inline content of a block, in 1-3 <span>."""
    candidates = []
    for element in _content(root):
        if element.tag in PHRASING:
            if element.tag not in {"br", "wbr"}:
                candidates.append(element)
        elif (
            element.tag not in _NOT_INLINE_BOXES
            and _has_text(element)
            and _phrasing_only(element)
            and not _inline_cells(element)
        ):
            candidates.append(element)
    for element in _sample(rng, candidates, sites, 8):
        wrappers = [_new("span", rng) for _ in range(rng.randint(1, 3))]
        if element.tag in PHRASING:
            _wrap(element, wrappers)
            log.append(f"wrap_inline: wrapped {_describe(element)} in {len(wrappers)} span(s)")
        else:
            _wrap_content(element, wrappers)
            log.append(
                f"wrap_inline: content of {_describe(element)} put in {len(wrappers)} span(s)"
            )


def _inline_cells(element: etree._Element) -> bool:
    """Several inline children with nothing but space between them: cells of a grid row.

    Styled as a grid they are separate cells; one <span> around them all
    would merge them into one, so their content is not wrapped as a whole.
    """
    return len(element) >= 2 and _blank(element.text) and all(_blank(c.tail) for c in element)


def _relevel_headings(root, rng, log, sites) -> None:
    """New heading levels that keep their order; headings drawn as role=heading divs or back.

    h2-h6 move to other levels by one strictly increasing map (h2->h3,
    h3->h5 ...), so the outline is unchanged; an h1 stays level 1 (nothing
    else becomes level 1) and may become ``<div role="heading" aria-level="1">``.
    """
    headings = [e for e in _content(root) if _is_heading(e)]
    used = sorted({_heading_level(h) for h in headings} - {1} & {2, 3, 4, 5, 6})
    new_levels = sorted(rng.sample(range(2, 7), len(used)))
    level_map = dict(zip(used, new_levels, strict=True))
    as_div = rng.choice([0.0, 0.3, 1.0])
    as_tag = rng.choice([0.0, 0.5, 1.0])
    changed = 0
    for heading in headings:
        level = _heading_level(heading)
        level = level_map.get(level, level)
        if heading.tag in HEADING_TAGS and rng.random() < as_div:
            heading.tag = "div"
            heading.set("role", "heading")
            heading.set("aria-level", str(level))
        elif heading.tag in HEADING_TAGS:
            heading.tag = f"h{level}"
        elif rng.random() < as_tag and 1 <= level <= 6:  # a role=heading div becomes an hN
            heading.tag = f"h{level}"
            del heading.attrib["role"]
            heading.attrib.pop("aria-level", None)
        else:
            heading.set("aria-level", str(level))
        changed += 1
    log.append(
        f"relevel_headings: levels {level_map}, {changed} headings, "
        f"p(hN->div role=heading)={as_div}, p(div->hN)={as_tag}"
    )


def _own_rows(table: etree._Element) -> list[etree._Element]:
    """The rows of ``table`` itself (not of tables nested in its cells)."""
    rows = []
    for part in _children(table):
        if part.tag == "tr":
            rows.append(part)
        elif part.tag in _TABLE_PARTS:
            rows += [r for r in _children(part) if r.tag == "tr"]
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [c for c in _children(row) if c.tag in {"td", "th"}]


def _tables(root: etree._Element) -> list[etree._Element]:
    return [e for e in _content(root) if e.tag == "table"]


def _tables_to_grids(root, rng, log, sites) -> None:
    """<table> -> a div grid: a <div> per row, a <div> (or <span>) per cell."""
    tables = _tables(root)
    for table in _sample(rng, tables, sites, len(tables)):
        described = _describe(table)
        rows = _own_rows(table)
        cells = [c for r in rows for c in _cells(r)]
        cell_tag = "span" if all(map(_phrasing_only, cells)) and rng.random() < 0.5 else "div"
        unwrap_parts = rng.random() < 0.5
        for part in _children(table):
            if part.tag in _TABLE_PARTS:
                if unwrap_parts:
                    for row in _children(part):
                        part.addprevious(row)
                    _drop(part)
                else:
                    part.tag = "div"
            elif part.tag == "caption":
                part.tag = "div"
            elif part.tag in {"colgroup", "col"}:
                _drop(part)
        for element in [table, *rows, *cells]:
            for attribute in _TABLE_ONLY_ATTRIBUTES:
                element.attrib.pop(attribute, None)
        table.tag = "div"
        for row in rows:
            row.tag = "div"
        for cell in cells:
            cell.tag = cell_tag
        log.append(
            f"tables_to_grids: {described} -> div grid, {len(rows)} rows, "
            f"{cell_tag} cells, row groups {'unwrapped' if unwrap_parts else 'divs'}"
        )


def grids(root: etree._Element) -> list[etree._Element]:
    """Div grids: a <div> of >= 3 <div> rows with the same number (>= 2) of inline cells.

    Cells are <div> or <span> elements holding only text and inline
    elements, and there are no words outside the cells: what a reader takes
    for a table without the table tag.
    """
    found = []
    for element in _content(root):
        if element.tag != "div" or not _blank(element.text):
            continue  # (two rows of spans are as often a line of text: "Updated", "Jan 8")
        rows = list(element)
        if len(rows) < 3 or not all(_is_element(r) and r.tag == "div" for r in rows):
            continue
        widths = set()
        for row in rows:
            cells = list(row)
            if (
                not _blank(row.tail)
                or not _blank(row.text)
                or len(cells) < 2
                or not all(
                    _is_element(c)
                    and c.tag in {"div", "span"}
                    and _blank(c.tail)
                    and _phrasing_only(c)
                    for c in cells
                )
            ):
                break
            widths.add(len(cells))
        else:
            if len(widths) == 1:
                found.append(element)
    return found


def _grids_to_tables(root, rng, log, sites) -> None:
    """Div grids -> <table>: rows <tr>, cells <td> (label column and header row maybe <th>)."""
    found = grids(root)
    for grid in _sample(rng, found, sites, len(found)):
        described = _describe(grid)
        rows = list(grid)
        header = len(_blank_cell_text(rows[0][0])) == 0 and rng.random() < 0.6
        label_th = rng.random() < 0.5
        grid.tag = "table"
        for i, row in enumerate(rows):
            row.tag = "tr"
            for j, cell in enumerate(row):
                cell.tag = "th" if (header and i == 0) or (label_th and j == 0) else "td"
        if rng.random() < 0.6:
            body = etree.SubElement(grid, "tbody")
            if header:
                head = etree.Element("thead")
                body.addprevious(head)
                head.append(rows[0])
                rows = rows[1:]
            for row in rows:
                body.append(row)
        log.append(
            f"grids_to_tables: {described} -> <table>, header row th: {header}, "
            f"label th: {label_th}"
        )


def _blank_cell_text(cell: etree._Element) -> str:
    return "".join(cell.itertext()).strip()


def _data_table_rows(table: etree._Element) -> list[etree._Element] | None:
    """The rows of a table of figures (same number of cells, no blocks in them), else None."""
    rows = _own_rows(table)
    if len(rows) < 1 or len({len(_cells(r)) for r in rows}) != 1 or len(_cells(rows[0])) < 2:
        return None
    if any(part.tag == "caption" for part in _children(table)):
        return None  # a caption has no place in a <dl>
    for row in rows:
        for cell in _cells(row):
            for d in cell.iter():
                if _is_element(d) and (d.tag in _NOT_IN_DL_CELLS or _is_heading(d)):
                    return None
    return rows


def _header_row(rows: list[etree._Element]) -> etree._Element | None:
    """The header row: in <thead>, all <th> over rows with <td>, or with an empty corner cell."""
    first = rows[0]
    if first.getparent().tag == "thead":
        return first
    cells = _cells(first)
    if all(c.tag == "th" for c in cells) and any(
        c.tag == "td" for r in rows[1:] for c in _cells(r)
    ):
        return first
    return first if _blank_cell_text(cells[0]) == "" else None


def _tables_to_dl(root, rng, log, sites) -> None:
    """A data table -> its header as a row of <div> s, then <dl><dt>label<dd>v1<dd>v2...

    One <dt> per row with one <dd> per value cell (HTML allows several
    <dd> per <dt>); each pair may sit in a <div> inside the <dl> (HTML5's
    grouping). The header row (the role names) has no <dl> form and stays a
    row of cells above the list. Realistic: figures as <dt>/<dd> pairs are a
    common card layout (the parser names <dl> pairs as supported), and the
    reader sees the same words in the same order.
    """
    tables = [t for t in _tables(root) if _data_table_rows(t)]
    for table in _sample(rng, tables, sites, len(tables)):
        described = _describe(table)
        rows = _data_table_rows(table)
        header = _header_row(rows)
        group = rng.random() < 0.5
        box = _new("div", rng)
        if header is not None:
            header_box = etree.SubElement(box, "div")
            for cell in _cells(header):
                _move_content(cell, etree.SubElement(header_box, "div"))
            rows = [r for r in rows if r is not header]
        dl = etree.SubElement(box, "dl")
        for row in rows:
            pair = etree.SubElement(dl, "div") if group else dl
            for i, cell in enumerate(_cells(row)):
                _move_content(cell, etree.SubElement(pair, "dt" if i == 0 else "dd"))
        box.tail = table.tail
        table.getparent().replace(table, box)
        log.append(
            f"tables_to_dl: {described} -> <dl>, {len(rows)} dt rows, header row "
            f"{'kept as divs' if header is not None else 'none'}, "
            f"pairs in divs: {group}"
        )


def _flow_slots(root: etree._Element) -> list[tuple[etree._Element, int]]:
    """(parent, index) places between the children of flow containers."""
    return [(e, i) for e in _content(root) if _takes_flow(e) for i in range(len(e) + 1)]


def _section_starts(root: etree._Element) -> list[etree._Element]:
    """For each heading, the outermost element that opens with it: a section boundary."""
    starts = []
    body = _body(root)
    for heading in (e for e in _content(root) if _is_heading(e)):
        box = heading
        while True:
            parent = box.getparent()
            if parent is None or parent is body or not _blank(parent.text):
                break
            if _children(parent)[0] is not box:
                break
            box = parent
        parent = box.getparent()
        if parent is not None and _takes_flow(parent) and box not in starts:
            starts.append(box)
    return starts


def _between_sections(root: etree._Element, rng: random.Random, new: etree._Element) -> str:
    """Insert ``new`` before a section's start, or at the start or the end of the body."""
    starts = _section_starts(root)
    choice = rng.randrange(len(starts) + 2)
    body = _body(root)
    if choice == len(starts):
        body.insert(0, new)
        return "at the start of <body>"
    if choice == len(starts) + 1:
        body.append(new)
        return "at the end of <body>"
    starts[choice].addprevious(new)
    return f"before {_describe(starts[choice])}"


_SCRIPTS = (
    'window.__APP_STATE__={"title":"What does a decoy analyst do?","yearlySalary":"$999,999",'
    '"skills":["Decoy Skill, 99%"],"updated":"Updated January 1, 2001"};',
    'self.__next_f.push([1,"What does a decoy analyst do? Yearly salary $999,999. '
    'Decoy analyst responsibilities"])',
    '{"@context":"https://schema.org","@type":"Article","headline":"Decoy vs Other",'
    '"dateModified":"2001-01-01"}',
    "(function(){var s=document.createElement('script');s.async=true;})();",
)


def _inject_scripts(root, rng, log, sites) -> None:
    """<script> anywhere, even inside a line of text; <style>, <noscript>, <template> in boxes."""
    inline_slots = [(e, i) for e in _content(root) if e.tag != "html" for i in range(len(e) + 1)]
    flow_slots = _flow_slots(root)
    count = sites if sites is not None else rng.randint(1, 6)
    for _ in range(count):
        kind = rng.choice(["script", "script", "style", "noscript", "template"])
        if kind == "script":
            new = _new("script", None, rng.choice(_SCRIPTS))
            if "@context" in (new.text or ""):
                new.set("type", "application/ld+json")
            parent, index = rng.choice(inline_slots)
        else:
            parent, index = rng.choice(flow_slots)
            if kind == "style":
                new = _new("style", None, '.x{display:none}.y::after{content:"$999,999"}')
            elif kind == "noscript":
                new = _new("noscript")
                etree.SubElement(new, "img", src="https://px.example/p.gif", alt="", width="1")
            else:
                new = _new("template")
                etree.SubElement(new, "h2").text = "Decoy analyst responsibilities"
                etree.SubElement(new, "p").text = "Yearly salary $999,999"
        parent.insert(index, new)
        log.append(f"inject_scripts: <{kind}> as child {index} of {_describe(parent)}")


def _ad(rng: random.Random) -> etree._Element:
    slot = f"slot_{rng.getrandbits(16):04x}"
    attributes = {"data_ad_slot": slot, "style": "min-height:250px"}
    if rng.random() < 0.3:
        attributes["aria_hidden"] = "true"
    ad = _new("div", rng, **attributes)
    ad.append(_new("span", rng, "Advertisement"))
    ad.append(_new("div", None, id=f"div-gpt-ad-{slot}"))
    return ad


def _inject_ads(root, rng, log, sites) -> None:
    """Ad slots (a <div> saying "Advertisement") between sections or after a paragraph."""
    for _ in range(sites if sites is not None else rng.randint(1, 4)):
        ad = _ad(rng)
        paragraphs = [  # paragraphs of the article, not of a list item or a table cell
            e
            for e in _content(root)
            if e.tag == "p"
            and e.getparent() is not None
            and _takes_flow(e.getparent())
            and not any(
                a.tag in {"li", "td", "th", "dd", "dt"} or _ITEM_MARK in a.attrib
                for a in (e, *e.iterancestors())
            )
        ]
        if paragraphs and rng.random() < 0.5:  # an in-article slot
            paragraph = rng.choice(paragraphs)
            paragraph.addnext(ad)
            where = f"after {_describe(paragraph)}"
        else:
            where = _between_sections(root, rng, ad)
        log.append(f"inject_ads: ad slot {where}")


def _nav(root: etree._Element, rng: random.Random) -> etree._Element:
    kind = rng.randrange(3)
    if kind == 0:  # a site menu
        nav = _new("nav", rng, aria_label="Main")
        items = etree.SubElement(nav, "ul")
        for label in ("Jobs near me", "Salaries", "Career paths", "Post job"):
            item = etree.SubElement(items, "li")
            etree.SubElement(item, "a", href="/jobs/").text = label
        return nav
    if kind == 1:  # an "On this page" table of contents repeating the headings
        nav = _new("nav", rng, aria_label="On this page")
        nav.append(_new("span", rng, "On this page"))
        items = etree.SubElement(nav, "ol")
        for heading in [e for e in _content(root) if _is_heading(e)][:8]:
            item = etree.SubElement(items, "li")
            link = etree.SubElement(item, "a", href="#section")
            link.text = " ".join("".join(heading.itertext()).split())
        return nav
    nav = _new("div", rng, role="navigation", aria_label="Breadcrumb")  # breadcrumbs
    for label in ("Careers", "Management", "Decoy analyst"):
        etree.SubElement(nav, "a", href="/careers/").text = label
    return nav


def _inject_nav(root, rng, log, sites) -> None:
    """<nav> menus, tables of contents and breadcrumbs between sections."""
    for _ in range(sites if sites is not None else rng.randint(1, 3)):
        nav = _nav(root, rng)
        where = _between_sections(root, rng, nav)
        log.append(f"inject_nav: {_describe(nav)} {where}")


def _inject_cookie_banner(root, rng, log, sites) -> None:
    """A cookie consent banner (role="dialog", or a <dialog open>)."""
    kind = rng.choice(["dialog", "alertdialog", "<dialog>"])
    banner = (
        _new("dialog", rng, open="")
        if kind == "<dialog>"
        else _new("div", rng, role=kind, aria_live="polite", aria_label="Cookie consent")
    )
    banner.append(
        _new(
            "p",
            rng,
            "We use cookies to improve your experience, analyze traffic "
            'and personalize ads. By clicking "Accept all", you agree to our use '
            "of cookies. What does a cookie do? Read our policy.",
        )
    )
    for label in ("Manage preferences", "Reject all", "Accept all"):
        banner.append(_new("button", rng, label, type="button"))
    where = _between_sections(root, rng, banner)
    log.append(f"inject_cookie_banner: {kind} banner {where}")


def _show_more(rng: random.Random) -> etree._Element:
    button = _new("button", rng, type="button", aria_expanded="false")
    label = rng.choice(["Show more", "Show less", "See all", "Load more"])
    button.append(_new("span", None, label))
    if rng.random() < 0.3:
        box = _new("div", rng)
        box.append(button)
        return box
    return button


def _inject_show_more(root, rng, log, sites) -> None:
    """ "Show more" buttons after lists and tables, as a last <li>, or between sections."""
    lists = [e for e in _content(root) if e.tag in {"ul", "ol", "table"}]
    for _ in range(sites if sites is not None else rng.randint(1, 4)):
        roll = rng.random()
        after = [e for e in lists if e.getparent() is not None and _takes_flow(e.getparent())]
        if roll < 0.4 and after:
            target = rng.choice(after)
            target.addnext(_show_more(rng))
            log.append(f"inject_show_more: button after {_describe(target)}")
        elif roll < 0.7 and any(e.tag != "table" for e in lists):
            target = rng.choice([e for e in lists if e.tag != "table"])
            item = etree.SubElement(target, "li")
            item.append(_show_more(rng))
            log.append(f"inject_show_more: <li><button> at the end of {_describe(target)}")
        else:
            where = _between_sections(root, rng, _show_more(rng))
            log.append(f"inject_show_more: button {where}")


_SPACES = ("  ", " \n ", "\n", "\t ", "\u00a0", " \u00a0", "\u00a0 ", "\n\t\t", " \r\n  ")
_PADDING = ("\n", " ", "\n    ", "\t", "  \n  ")
_WHITESPACE_RUN = re.compile(r"\s+")


def _text_slots(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """(element, "text" | "tail") for each text node in the body's content."""
    slots = []
    for element in _content(root):
        if element.tag in {"html"}:
            continue
        slots.append((element, "text"))
        if element.getparent() is not None and element.getparent().tag not in RAW:
            slots.append((element, "tail"))
    return slots


def _vary_whitespace(root, rng, log, sites) -> None:
    """Other whitespace (NBSP, newlines, tabs) where there is some; padding where lines break."""
    slots = _text_slots(root)
    spaced = [(e, s) for e, s in slots if _WHITESPACE_RUN.search(getattr(e, s) or "")]
    count = sites if sites is not None else rng.randint(1, 25)
    changed = 0
    for _ in range(count):
        if spaced and rng.random() < 0.7:
            element, slot = rng.choice(spaced)
            text = getattr(element, slot)
            runs = list(_WHITESPACE_RUN.finditer(text))
            run = rng.choice(runs)
            text = text[: run.start()] + rng.choice(_SPACES) + text[run.end() :]
            setattr(element, slot, text)
            changed += 1
            continue
        # Padding where a line starts or ends anyway: a block's first or last text, or after it.
        element = rng.choice([e for e, _ in slots])
        pad = rng.choice(_PADDING)
        if element.tag in PHRASING:
            parent = element.getparent()
            if parent is not None and parent.tag not in PHRASING and element is parent[-1]:
                element.tail = (element.tail or "") + pad  # the end of its block
                changed += 1
            continue
        roll = rng.random()
        if roll < 0.4:
            element.text = pad + (element.text or "")
        elif roll < 0.7 and element.getparent() is not None:
            element.tail = pad + (element.tail or "")
        elif len(element):
            element[-1].tail = (element[-1].tail or "") + pad
        else:
            element.text = (element.text or "") + pad
        changed += 1
    log.append(f"vary_whitespace: {changed} edits")


def _split_text(root, rng, log, sites) -> None:
    """Split a text node across <span> s at any characters, adding no space."""
    slots = [
        (e, s)
        for e, s in _text_slots(root)
        if len((getattr(e, s) or "").strip()) >= 2
        and (e if s == "text" else e.getparent()).tag
        not in {"tr", "table", "ul", "ol", "dl", "html"} | _TABLE_PARTS
    ]
    for element, slot in _sample(rng, slots, sites, 10):
        text = getattr(element, slot)
        i = rng.randint(1, len(text) - 1)
        if rng.random() < 0.5:  # "ab<span>cd</span>ef"
            j = rng.randint(i, len(text))
            pieces = [text[:i], text[i:j], text[j:]]
            setattr(element, slot, pieces[0])
            spans = [_new("span", rng, pieces[1])]
            spans[0].tail = pieces[2] or None
        else:  # "<span>ab</span><span>cdef</span>"
            pieces = [text[:i], text[i:]]
            setattr(element, slot, None)
            spans = [_new("span", rng, piece) for piece in pieces]
        if slot == "text":
            element.insert(0, spans[0])
        else:
            element.addnext(spans[0])
        if len(spans) == 2:
            spans[0].addnext(spans[1])
        log.append(f"split_text: {slot} of {_describe(element)} split as {pieces!r}")


# -- content-removing mutations ------------------------------------------------------------


def _removing(name: str, sites_of, edit_site, most: int) -> Mutation:
    """A removing mutation: ``edit_site`` at 1..``most`` of the places ``sites_of`` finds."""

    def edit(root, rng, log, sites) -> None:
        for site in _sample(rng, sites_of(root), sites, most):
            edit_site(site, rng, log)

    return Mutation(name, False, edit, sites_of, edit_site)


_TITLE_LINE_MAX = 120


def _title_line(element: etree._Element) -> bool:
    """A heading without a heading element: a <summary>, or a short <p>/<div> all in bold."""
    if element.tag == "summary":
        return True
    if element.tag not in {"p", "div"} or not _phrasing_only(element):
        return False
    text = "".join(element.itertext()).strip()
    return 0 < len(text) <= _TITLE_LINE_MAX and not _text_outside_bold(element).strip()


def _text_outside_bold(element: etree._Element) -> str:
    if element.tag in {"b", "strong"} or element.tag in RAW:
        return ""
    parts = [element.text or ""]
    for child in element:
        if _is_element(child):
            parts.append(_text_outside_bold(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _headings(root: etree._Element) -> list[etree._Element]:
    """Headings as a reader sees them: heading elements, summaries and bold-only lines."""
    return [e for e in _content(root) if _is_heading(e) or _title_line(e)]


def _delete_section(heading: etree._Element, rng: random.Random, log: list[str]) -> None:
    """Delete a heading and everything up to the next heading of the same or a higher level.

    A summary takes its whole <details> with it; a bold-only line, what
    follows it up to the next heading or bold-only line.
    """
    body = next((a for a in heading.iterancestors() if a.tag == "body"), None)
    if body is None:
        return  # went with an earlier section
    if heading.tag == "summary" and heading.getparent().tag == "details":
        described = _describe(heading)
        _drop(heading.getparent(), keep_tail=False)
        log.append(f"delete_section: {described} with its <details>")
        return
    order = [e for e in body.iter() if _is_element(e)]
    position = {id(e): i for i, e in enumerate(order)}
    start = position[id(heading)]
    if _is_heading(heading):
        level = _heading_level(heading)
        ends = lambda e: _is_heading(e) and _heading_level(e) <= level  # noqa: E731
    else:
        ends = lambda e: _is_heading(e) or _title_line(e)  # noqa: E731
    end = next(
        (
            i
            for i in range(start + 1, len(order))
            if ends(order[i]) and heading not in order[i].iterancestors()
        ),
        len(order),
    )
    removed, i = [], start
    while i < end:
        element = order[i]
        last = i + sum(1 for d in element.iterdescendants() if _is_element(d))
        if last < end:  # the whole subtree is in the section
            removed.append(element)
            i = last + 1
        else:  # a box that also holds the next section: its leading text goes
            element.text = None
            i += 1
    described = _describe(heading)
    for element in removed:
        _drop(element, keep_tail=False)
    log.append(f"delete_section: {described} and what follows it, {len(removed)} subtrees")


def _row_groups(root: etree._Element) -> list[list[etree._Element]]:
    """The rows of every table and of every div grid."""
    return [rows for t in _tables(root) if (rows := _own_rows(t))] + [
        _children(g) for g in grids(root)
    ]


def _cut_table(rows: list[etree._Element], rng: random.Random, log: list[str]) -> None:
    """Keep only the first N rows of a table or div grid (N may be 0)."""
    if rows[0].getparent() is None:
        return
    described = _describe(rows[0].getparent())
    keep = rng.randrange(len(rows))
    for row in rows[keep:]:
        _drop(row, keep_tail=False)
    log.append(f"cut_table: {described} cut after {keep} of {len(rows)} rows")


def _table_cells(root: etree._Element) -> list[etree._Element]:
    cells = [c for rows in _row_groups(root) for r in rows for c in _children(r)]
    return cells + [e for e in _content(root) if e.tag in {"dt", "dd"}]


def _blank_cell(cell: etree._Element, rng: random.Random, log: list[str]) -> None:
    """Show a cell (of a table, div grid or <dl>) as "-" or empty."""
    value = rng.choice(("-", ""))
    described = _describe(cell)
    _clear(cell)
    cell.text = value or None
    log.append(f"blank_cell: {described} -> {value!r}")


def _lists(root: etree._Element) -> list[etree._Element]:
    return [e for e in _content(root) if e.tag in {"ul", "ol"} and e.find("li") is not None]


def _truncate_list(element: etree._Element, rng: random.Random, log: list[str]) -> None:
    """Keep only the first N items of a <ul>/<ol> (N may be 0)."""
    items = [c for c in element if _is_element(c) and c.tag == "li"]
    keep = rng.randrange(len(items))
    for item in items[keep:]:
        _drop(item, keep_tail=False)
    log.append(f"truncate_list: {_describe(element)} cut after {keep} of {len(items)} items")


def _paragraphs(root: etree._Element) -> list[etree._Element]:
    """Every <p> but bold-only title lines: a section's title goes with it (delete_section)."""
    return [e for e in _content(root) if e.tag == "p" and not _title_line(e)]


def _delete_paragraph(paragraph: etree._Element, rng: random.Random, log: list[str]) -> None:
    """Delete a <p> (what follows it stays); not a bold-only title line."""
    if paragraph.getparent() is None:
        return
    log.append(f"delete_paragraph: {_describe(paragraph)}")
    _drop(paragraph)


# -- restyling mutations ---------------------------------------------------------------------
#
# The same content written in another form a reader reads alike: a heading as the
# summary of a collapsible section, a heading role or a bold line; a list as bullet
# or numbered paragraphs, <br> lines or plain sibling blocks; a table of figures
# turned on its side, or as one card of label/value pairs (or value-first tiles, or
# "Label: value" lines) per role. They add list markers and may repeat a label, so
# the visible text may grow, but nothing of it is lost (see ``restyled_text_kept``).

BULLETS = ("\u2022", "\u00b7", "\u25aa", "\u25e6", "\u2013", "-", "*", "\u2713")
#: Marks a block that holds one list item (an attribute no parser reads): ads stay out of it.
_ITEM_MARK = "data-list-item"
HEADING_FORMS = ("keep", "aria", "summary", "bold", "plain")
LIST_FORMS = ("bullets", "numbered", "br", "br_bullets", "blocks")
TABLE_FORMS = ("transposed", "cards", "lines", "tiles", "by_figure")


def _inner_copy(source: etree._Element, target: etree._Element) -> etree._Element:
    """``target`` holding a copy of ``source``'s text and children (their tails too)."""
    target.text = source.text
    for child in source:
        target.append(copy.deepcopy(child))
    return target


def _restyle_headings(root, rng, log, sites) -> None:
    """Each heading level takes one form: kept, role=heading, <summary>, a bold or plain line.

    One form per level, as a site writes a level of headings one way. A
    summary needs the heading and its section side by side in a flow
    container; a bold or plain line, a heading that holds only phrasing. A
    plain line (a <div> styled by its class) is a title by its words alone.
    """
    headings = [e for e in _content(root) if _is_heading(e)]
    forms = {level: rng.choice(HEADING_FORMS) for level in {_heading_level(h) for h in headings}}
    forms[1] = rng.choice(["keep", "aria", "bold"])
    done: dict[str, int] = {}
    for heading in headings:
        form = forms[_heading_level(heading)]
        parent = heading.getparent()
        if form == "summary" and parent is not None and _takes_flow(parent):
            run = _section_run(heading)
            details = _new("details", rng, open="") if rng.random() < 0.7 else _new("details", rng)
            _wrap_run(run, [details])
            summary = _inner_copy(heading, _new("summary", rng))
            heading.getparent().replace(heading, summary)
        elif form == "bold" and _phrasing_only(heading):
            line = _new(rng.choice(["p", "div"]), rng)
            bold = _inner_copy(heading, etree.SubElement(line, rng.choice(["b", "strong"])))
            bold.tail = None
            line.tail = heading.tail
            heading.getparent().replace(heading, line)
        elif form == "plain" and _phrasing_only(heading):  # its looks left to a stylesheet
            for attribute in ("role", "aria-level"):
                heading.attrib.pop(attribute, None)
            heading.tag = "div"
        elif form in {"aria", "bold", "summary"} and heading.tag in HEADING_TAGS:
            heading.set("aria-level", str(_heading_level(heading)))
            heading.set("role", "heading")
            heading.tag = "div"
            form = "aria"
        else:
            form = "keep"
        done[form] = done.get(form, 0) + 1
    log.append(f"restyle_headings: levels {forms}, done {done}")


def _shown(element: etree._Element) -> bool:
    """Neither ``element`` nor a box around it is chrome, hidden or raw text."""
    return not any(_skipped(e) for e in (element, *element.iterancestors()) if _is_element(e))


def _restylable_lists(root: etree._Element) -> list[etree._Element]:
    """Shown lists, not nested in or around other lists, in a container that takes a <div>."""
    return [
        e for e in _lists(root)
        if e.getparent() is not None and _takes_flow(e.getparent()) and _shown(e)
        and not any(a.tag in {"ul", "ol", "li"} for a in e.iterancestors())
        and not any(d.tag in {"ul", "ol"} for d in e.iterdescendants())
    ]  # fmt: skip


def _restyle_lists(root, rng, log, sites) -> None:
    """Each list as bullet or numbered blocks, <br> lines (with or without bullets) or blocks.

    Items holding blocks (a <p> example under a skill) can only be blocks of
    their own; the marker goes before their first words.
    """
    for element in _restylable_lists(root):
        items = [c for c in element if _is_element(c) and c.tag == "li" and _has_text(c)]
        form = rng.choice(LIST_FORMS)
        if form.startswith("br") and not all(map(_phrasing_only, items)):
            form = rng.choice(["bullets", "numbered", "blocks"])
        bullet = rng.choice(BULLETS)
        tag = "div" if any(not _phrasing_only(i) for i in items) else rng.choice(["p", "div"])
        box = _new("div", rng)
        if form.startswith("br"):
            line = etree.SubElement(box, "p")
            for index, item in enumerate(items):
                if index:
                    etree.SubElement(line, "br")
                mark = f"{bullet} " if form == "br_bullets" else ""
                _append_text(line, mark)
                _move_content(item, line)
        else:
            for index, item in enumerate(items, 1):
                block = etree.SubElement(box, tag, {_ITEM_MARK: ""})
                mark = {"bullets": f"{bullet} ", "numbered": f"{index}. "}.get(form, "")
                block.text = mark or None
                _move_content(item, block)
        box.tail = element.tail
        element.getparent().replace(element, box)
        log.append(f"restyle_lists: {len(items)} items as {form} ({bullet!r}, {tag})")


def _append_text(element: etree._Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _figure_tables(root: etree._Element) -> list[tuple[etree._Element, list[list[etree._Element]]]]:
    """Tables and grids of figures: a header of two names over rows of a label and two values."""
    found = []
    candidates = [(t, _own_rows(t), _cells) for t in _tables(root)]
    candidates += [(g, _children(g), _children) for g in grids(root)]
    for box, rows, cells_of in candidates:
        grid = [cells_of(row) for row in rows]
        if len(grid) < 2 or any(len(cells) != 3 for cells in grid):
            continue
        if _blank_cell_text(grid[0][0]) or not all(map(_has_text, grid[0][1:])):
            continue
        if not _shown(box) or any(_is_heading(d) for c in grid for d in c for d in d.iter()):
            continue
        found.append((box, grid))
    return found


def _restyle_tables(root, rng, log, sites) -> None:
    """Each table of figures turned on its side, as a card (tiles, lines) per role or per figure.

    Values of more than one line (blocks, <br>) are not written as text lines.
    """
    for box, grid in _figure_tables(root):
        one_line = all(
            _phrasing_only(cell) and cell.find(".//br") is None for cells in grid for cell in cells
        )
        form = rng.choice(TABLE_FORMS if one_line else ("transposed", "cards"))
        (_, *names), rows = grid[0], grid[1:]
        new = _new("div", rng)
        if form == "transposed":
            table = etree.SubElement(new, "table")
            cell = rng.choice(["th", "td"])
            header = etree.SubElement(table, "tr")
            etree.SubElement(header, cell)
            for label, _, _ in rows:
                _move_content(label, etree.SubElement(header, cell))
            for side, name in enumerate(names, 1):
                line = etree.SubElement(table, "tr")
                _move_content(name, etree.SubElement(line, cell))
                for row in rows:
                    _move_content(row[side], etree.SubElement(line, "td"))
        elif form == "by_figure":  # a card per figure, each role's value on its line
            for label, *values in rows:
                _move_content(label, etree.SubElement(new, rng.choice(["h4", "p", "div"])))
                lines = etree.SubElement(new, "ul")
                for name, value in zip(names, values, strict=True):
                    line = etree.SubElement(lines, "li")
                    _inner_copy(name, etree.SubElement(line, "b")).tail = ": "
                    _move_content(value, line)
        else:
            for side, name in enumerate(names, 1):
                _card_of(new, form, name, [(row[0], row[side]) for row in rows], rng)
        new.tail = box.tail
        box.getparent().replace(box, new)
        log.append(f"restyle_tables: {len(rows)} rows as {form}")


def _card_of(parent, form: str, name, pairs, rng: random.Random) -> None:
    """One role's figures under its name: label/value pairs, value-first tiles or text lines."""
    card = etree.SubElement(parent, "section")
    if form == "lines":
        line = etree.SubElement(card, "p")
        _move_content(name, etree.SubElement(line, "b"))
        for label, value in pairs:
            etree.SubElement(line, "br")
            _append_text(line, "")
            copied = _inner_copy(label, etree.Element("span"))
            copied.tail = ": "
            line.append(copied)
            _move_content(value, line)
        return
    title = etree.SubElement(card, rng.choice(["h4", "div", "strong"]))
    _move_content(name, title)
    for label, value in pairs:
        pair = etree.SubElement(card, "div")
        box = "span" if _phrasing_only(value) else "div"
        first, second = etree.SubElement(pair, box), etree.SubElement(pair, box)
        if form == "tiles":
            first.tag = "strong"
            _move_content(value, first)
            _inner_copy(label, second)
        else:
            _inner_copy(label, first)
            _move_content(value, second)


def restyled_text_kept(before: bytes, after: bytes) -> str | None:
    """What a restyling lost of the visible text (None when nothing): markers may be added."""
    lost = Counter(visible_text(before)) - Counter(visible_text(after))
    return "".join(sorted(lost.elements())) or None


# -- the catalogue ------------------------------------------------------------------------

rename_attributes = Mutation("rename_attributes", True, _rename_attributes)
wrap_blocks = Mutation("wrap_blocks", True, _wrap_blocks)
wrap_contents = Mutation("wrap_contents", True, _wrap_contents)
wrap_inline = Mutation("wrap_inline", True, _wrap_inline)
relevel_headings = Mutation("relevel_headings", True, _relevel_headings)
tables_to_grids = Mutation("tables_to_grids", True, _tables_to_grids)
grids_to_tables = Mutation("grids_to_tables", True, _grids_to_tables)
tables_to_dl = Mutation("tables_to_dl", True, _tables_to_dl)
inject_scripts = Mutation("inject_scripts", True, _inject_scripts)
inject_ads = Mutation("inject_ads", True, _inject_ads)
inject_nav = Mutation("inject_nav", True, _inject_nav)
inject_cookie_banner = Mutation("inject_cookie_banner", True, _inject_cookie_banner)
inject_show_more = Mutation("inject_show_more", True, _inject_show_more)
vary_whitespace = Mutation("vary_whitespace", True, _vary_whitespace)
split_text = Mutation("split_text", True, _split_text)

restyle_headings = Mutation("restyle_headings", True, _restyle_headings)
restyle_lists = Mutation("restyle_lists", True, _restyle_lists)
restyle_tables = Mutation("restyle_tables", True, _restyle_tables)

delete_section = _removing("delete_section", _headings, _delete_section, 1)
cut_table = _removing("cut_table", _row_groups, _cut_table, 1)
blank_cell = _removing("blank_cell", _table_cells, _blank_cell, 3)
truncate_list = _removing("truncate_list", _lists, _truncate_list, 1)
delete_paragraph = _removing("delete_paragraph", _paragraphs, _delete_paragraph, 1)

KEEPING: tuple[Mutation, ...] = (
    rename_attributes,
    wrap_blocks,
    wrap_contents,
    wrap_inline,
    relevel_headings,
    tables_to_grids,
    grids_to_tables,
    tables_to_dl,
    inject_scripts,
    inject_ads,
    inject_nav,
    inject_cookie_banner,
    inject_show_more,
    vary_whitespace,
    split_text,
)
#: Restylings: the same content in other forms (list markers added, labels repeated).
RESTYLING: tuple[Mutation, ...] = (restyle_headings, restyle_lists, restyle_tables)
REMOVING: tuple[Mutation, ...] = (
    delete_section,
    cut_table,
    blank_cell,
    truncate_list,
    delete_paragraph,
)


# -- what a reader sees ----------------------------------------------------------------------


def _skipped(element: etree._Element) -> bool:
    if element.tag in RAW or element.tag in CHROME:
        return True
    attributes = element.attrib
    return (
        "hidden" in attributes
        or attributes.get("aria-hidden") == "true"
        or attributes.get("role") in _CHROME_ROLES
        or "data-ad-slot" in attributes
    )


def visible_text(html: bytes) -> str:
    """What a reader sees of the page, in reading order, whitespace left out.

    Chrome (navigation, footer, buttons, dialogs), ads, hidden parts and
    scripts are left out. Whitespace is left out too: whether two cells
    drawn as ``<span>`` s are spaced on screen depends on the page's CSS
    (the plain fixtures' grids are rows of spans), so only the characters
    and their order are compared. Content-keeping mutations must not change
    this text.
    """
    root, _ = parse(html)
    parts: list[str] = []
    _collect(_body(root), parts)
    return "".join("".join(parts).split())


def _collect(element: etree._Element, parts: list[str]) -> None:
    if not _is_element(element) or _skipped(element):
        return
    parts.append(element.text or "")
    for child in element:
        _collect(child, parts)
        parts.append(child.tail or "")
