"""Comparison pages ("Customer service director vs customer service manager") -> RoleComparison."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cached_property
from itertools import chain
from typing import Any

from careerscrape.parsing import prose, text
from careerscrape.parsing.document import Block, Document, Figure, row_texts
from careerscrape.parsing.fields import ComparisonFields, RangeFields, ShareFields, SideFields
from careerscrape.parsing.titles import ROLE_TITLE, VS_TITLE, comparison_section_titles
from careerscrape.parsing.urls import comparison_slugs

EXAMPLE_RESPONSIBILITIES = re.compile(r"^(.+?) example responsibilities\.?$", re.I)
COMMON_SKILLS = re.compile(r"^Common (.+?) skills:?$", re.I)
TOP_SKILLS = re.compile(r"\bskills for (?:an? )?(.+?) (?:include|are)\s+(.+?)\.?$", re.I)
_MARKER_KINDS = ("heading", "text")
_MARKER_MAX = 120  # a list's title line is short; longer lines are prose
_TITLE_MAX = 120  # a page title written as a plain line is short
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?$")
#: What follows the names in a browser title: "X vs Y | Zippia", "X vs Y: What Are The ...".
_TITLE_TAIL = re.compile(r"\s*(?:[|:]|\s-\s).*$")


def _share(value: str | None) -> ShareFields | None:
    found = text.shares(value)
    return {"name": found[0][0], "percent": found[0][1]} if found else None


def _range(value: str | None) -> RangeFields | None:
    found = text.money_range(value)
    return {"min": found[0], "max": found[1]} if found else None


def _plain(value: str | None) -> str | None:
    return None if text.is_blank(value) else value


def _share_list(value: str | None) -> list[dict[str, Any]]:
    return [{"name": n, "percent": p} for n, p in text.shares(value)]


#: field -> (row labels as the page writes them, converter of the cell text)
ROWS: dict[str, tuple[tuple[str, ...], Callable[[str | None], Any]]] = {
    "yearly_salary": (("Yearly salary", "Average salary", "Annual salary"), text.money),
    "hourly_rate": (("Hourly rate", "Hourly wage", "Average hourly rate"), text.hourly),
    "growth_rate": (("Growth rate", "Job growth", "Job growth rate"), text.percent),
    "number_of_jobs": (("Number of jobs", "Jobs"), text.integer),
    "job_satisfaction": (("Job satisfaction",), text.number),
    "most_common_degree": (("Most common degree",), _share),
    "average_age": (("Average age",), text.integer),
    "years_of_experience": (("Years of experience",), text.integer),
    "salary_range": (("Salary range",), _range),
    "highest_paying_city": (("Highest paying city",), _plain),
    "highest_paying_state": (("Highest paying state",), _plain),
    "best_paying_company": (("Best paying company",), _plain),
    "best_paying_industry": (("Best paying industry",), _plain),
    "most_common_major": (("Most common major",), _plain),
    "most_common_college": (("Most common college",), _plain),
    "gender": (("Gender ratio", "Gender"), _share_list),
    "race": (("Race ratio", "Race", "Ethnicity"), _share_list),
    "lgbt_percent": (("LGBT percentage", "LGBT percent", "LGBT"), text.percent),
}
_HEADER_LABELS = ROWS["yearly_salary"][0] + ROWS["hourly_rate"][0] + ROWS["growth_rate"][0]
#: Every row label, lower case: a figure's value never runs into the next label.
_KNOWN_LABELS = frozenset(label.lower() for labels, _ in ROWS.values() for label in labels)


def parse_comparison(doc: Document, url: str | None) -> ComparisonFields | None:
    """The RoleComparison fields of a comparison page (provenance is added by the caller);
    None when the page names no two roles."""
    url_slugs = comparison_slugs(url)
    names = _role_names(doc, url_slugs)
    if names is None:
        return None
    doc.promote(comparison_section_titles(names.a, names.b))
    figures = _Figures(doc, names)
    values = {field: figures.values(field) for field in ROWS}
    # Without a header row, a role is named as its cards or rows write it.
    sides = [_side(doc, figures.written.get(side, name))
             for side, name in ((prose.A, names.a), (prose.B, names.b))]  # fmt: skip
    _assign_slugs(sides, url_slugs)
    for field, (_, convert) in ROWS.items():
        for side, value in zip(sides, values[field], strict=True):
            side[field] = convert(value)
    paragraphs = [b.text for b in doc.blocks if b.kind == "text"]
    _descriptions(doc, names, sides)
    for side_key, years in _years(paragraphs, names).items():
        sides[_index(side_key)]["years_to_become"] = {"min": years[0], "max": years[1]}
    for side_key, skills in _top_skills(paragraphs, names).items():
        sides[_index(side_key)]["top_skills"] = skills
    for side_key, items in _marked_lists(
        doc, names, EXAMPLE_RESPONSIBILITIES, "responsibilities"
    ).items():
        sides[_index(side_key)]["responsibilities"] = items
    for side_key, items in _marked_lists(
        doc, names, COMMON_SKILLS, "common", text.skill_share
    ).items():
        shares = (text.skill_share(item) for item in items)
        sides[_index(side_key)]["skills"] = [
            {"name": share[0], "percent": share[1]} for share in shares if share
        ]
    return {"roles": sides}


def _index(side: str) -> int:
    return 0 if side == prose.A else 1


def _side(doc: Document, name: str) -> SideFields:
    return {"role": name, "description": None, "years_to_become": None, "top_skills": [],
            "responsibilities": [], "skills": []}  # fmt: skip


def _role_names(doc: Document, url_slugs: tuple[str, str] | None) -> prose.RoleNames | None:
    """The two roles, as the table header writes them; else the title's, else the URL's.

    The title is the first "X vs Y" heading, line or browser title. When the
    URL names the roles, a header or title must name the same two (in either
    order): a section heading "X vs Y overview" is no title.
    """
    header = doc.header_row(_HEADER_LABELS, _KNOWN_LABELS)
    candidates = chain([tuple(header)] if len(header) == 2 else [], _title_candidates(doc))
    for pair in candidates:
        if url_slugs is None or {text.slug(pair[0]), text.slug(pair[1])} == set(url_slugs):
            return prose.RoleNames(*pair)
    if url_slugs:
        return prose.RoleNames(*(slug.replace("-", " ") for slug in url_slugs))
    return None


def _title_candidates(doc: Document) -> Iterator[tuple[str, ...]]:
    """The role pairs of "X vs Y" titles: headings, then short lines, then the browser title."""
    for block in [*doc.find_all(VS_TITLE), *doc.find_all(VS_TITLE, ("text",))]:
        if len(block.text) <= _TITLE_MAX:
            yield VS_TITLE.match(block.text).groups()
    match = VS_TITLE.match(_TITLE_TAIL.sub("", doc.title))
    if match:
        yield match.groups()


class _Figures:
    """The figures of :data:`ROWS` on one page, read side by side.

    Also keeps each role's name as the cards' titles or the rows' heads
    write it (``written``): the page's own casing of the name.
    """

    def __init__(self, doc: Document, names: prose.RoleNames) -> None:
        self.doc, self.names = doc, names
        self.written: dict[str, str] = {}

    def values(self, field: str) -> tuple[str | None, str | None]:
        """The two sides' values of one figure, from the places the page shows it.

        A row gives both, in column order (the first row wins, labels in the
        order given). Otherwise each value goes to the side its row's head or
        its card's title names; values whose side nothing names are refused
        (see :func:`_unnamed_columns` for the page's own order).
        """
        figures: list[Figure] = []
        for figure in self.doc.figures(ROWS[field][0], _KNOWN_LABELS):
            if figure.is_row:
                return figure.values[0], figure.values[1]
            figures.append(figure)
        found: list[str | None] = [None, None]
        unnamed: list[Figure] = []
        places = {figure.at for figure in figures}
        for figure in sorted(figures, key=lambda f: f.at):
            above = None if figure.heads else self._above(figure.at, places)
            columns = self._columns(figure.header) or (above if isinstance(above, list) else None)
            if columns is not None:  # under a header of the two roles
                if len(figure.values) == len(columns):
                    return tuple(figure.values[columns.index(side)] for side in (prose.A, prose.B))
                continue  # a row that lost a cell: whose is the one left?
            if figure.heads:
                pairs = zip(map(self._owner, figure.heads), figure.values, strict=True)
            elif isinstance(above, str):
                pairs = [(above, " ".join(figure.values))]  # a card's value, in one or more parts
            else:
                unnamed.append(figure)
                continue
            for side, value in pairs:
                if side is not None and found[_index(side)] is None:
                    found[_index(side)] = value
        if found != [None, None] or not unnamed:
            return found[0], found[1]
        return _unnamed_columns(figures, unnamed)

    @cached_property
    def _lines(self) -> set[int]:
        """Every line that holds a figure outside a table row: a bold label is no section title."""
        return {
            figure.at
            for labels, _ in ROWS.values()
            for figure in self.doc.figures(labels, _KNOWN_LABELS)
            if not figure.is_row
        }

    def _columns(self, header: tuple[str, ...]) -> list[str] | None:
        """The sides of a header row's two cells, when they name the two roles."""
        sides = [self.names.is_name(cell) for cell in header]
        return sides if len(sides) == 2 and set(sides) == {prose.A, prose.B} else None

    def _above(self, at: int, places: set[int]) -> str | list[str] | None:
        """What names the values read at block ``at``: a side, the sides of columns, or nothing.

        The nearest line before it that is a role's name alone: a card's
        title (its side), or a cell of a header row naming both roles (the
        sides of its columns, in order). Not across another place of the same
        figure (``places``: another card), nor across a heading (another
        section) unless it is a line of figures (a bold label).
        """
        for block in reversed(self.doc.blocks[:at]):
            if block.index in places:
                return None
            side = self._owner(block.text, alone=True) if len(block.text) <= _TITLE_MAX else None
            if side is not None:
                return self._header_of(block) or side
            if block.is_heading and block.index not in self._lines:
                return None
        return None

    def _header_of(self, block: Block) -> list[str] | None:
        """The sides of the header row a name cell is one of, when it names both roles."""
        if block.kind != "cell":
            return None
        sides = [self.names.is_name(cell) for cell in row_texts(block.element)]
        named = [side for side in sides if side is not None]
        return named if sorted(named) == [prose.A, prose.B] else None

    def _owner(self, text: str, alone: bool = False) -> str | None:
        """The side a row's head (or, ``alone``, a card's title) names; its name kept as written."""
        side = self.names.is_name(text)
        if side is not None:
            self.written.setdefault(side, text)
            return side
        return None if alone else self.names.side_of(text)


def _unnamed_columns(figures: list[Figure], unnamed: list[Figure]) -> tuple[str | None, str | None]:
    """When nothing names whose values they are, the page's own order, if it settles it.

    The figure shown only as two values of one label (a list of terms with a
    description per column, no header), or only in two cards without titles.
    """
    if len(figures) == 1 and len(unnamed[0].values) == 2:
        return unnamed[0].values[0], unnamed[0].values[1]
    if len(figures) == len(unnamed) == 2 and all(len(f.values) == 1 for f in unnamed):
        return unnamed[0].values[0], unnamed[1].values[0]
    return None, None


def _assign_slugs(sides: list[dict[str, Any]], url_slugs: tuple[str, str] | None) -> None:
    """Slugs from the URL, matched to the columns by name when the URL lists them swapped."""
    names = [text.slug(side["role"]) for side in sides]
    if url_slugs and names == [url_slugs[1], url_slugs[0]]:
        url_slugs = (url_slugs[1], url_slugs[0])
    for side, slug in zip(sides, url_slugs or names, strict=True):
        side["role_slug"] = slug


def _descriptions(doc: Document, names: prose.RoleNames, sides: list[dict[str, Any]]) -> None:
    """Each side's "What does a X do?" paragraph; on older pages, the paragraph that opens on it."""
    for heading in doc.find_all(ROLE_TITLE):
        side = names.side_of(ROLE_TITLE.match(heading.text).group(1))
        target = sides[_index(side)] if side else None
        if target is None or target["description"]:
            continue
        paragraphs = [b.text for b in doc.after(heading) if b.kind in {"text", "cell"}]
        target["description"] = next(
            (p for i, p in enumerate(paragraphs) if _describes(p, names, side, first=i == 0)),
            None,
        )
    if any(side["description"] for side in sides):
        return
    for block in doc.blocks:
        if block.kind != "text" or not _is_paragraph(block.text):
            continue
        spans = names.spans(prose.sentence_texts(block.text)[0])
        side = spans[0][2] if spans else None
        # The first sentence opens on one role's name and names no other.
        if (
            side
            and spans[0][0] <= 4
            and all(span[2] == side for span in spans)
            and not sides[_index(side)]["description"]
        ):
            sides[_index(side)]["description"] = block.text


def _is_paragraph(text: str) -> bool:
    """A description is prose of some length, not a caption, an ad label or a footer line."""
    return len(text.split()) >= prose.MIN_PARAGRAPH_WORDS


def _describes(text: str, names: prose.RoleNames, side: str, first: bool) -> bool:
    """A paragraph under ``side``'s "What does" title that describes it.

    Prose that names that role; or, the ``first`` paragraph under the title,
    prose that names neither role in full (a short form, a pronoun: the
    title says whom it is about) and not the other by a short form. Never
    one about the other role.
    """
    if not _is_paragraph(text):
        return False
    mentioned = names.mentioned(text)
    if mentioned:
        return side in mentioned
    return first and _SENTENCE_END.search(text) is not None and names.side_of(text) in (side, None)


def _years(paragraphs: list[str], names: prose.RoleNames) -> dict[str, tuple[float, float]]:
    for paragraph in paragraphs:
        if "year" not in paragraph and "month" not in paragraph:
            continue
        found = prose.years_to_become(paragraph, names)
        if found:
            return found
    return {}


def _top_skills(paragraphs: list[str], names: prose.RoleNames) -> dict[str, list[str]]:
    """ "The top three skills for a X include a, b and c." per side."""
    found: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        if "skills for" not in paragraph:
            continue
        for sentence in prose.sentence_texts(paragraph):
            match = TOP_SKILLS.search(sentence)
            side = names.side_of(match.group(1)) if match else None
            if side and side not in found:
                found[side] = prose.split_list(match.group(2))
    return found


def _marked_lists(
    doc: Document,
    names: prose.RoleNames,
    marker: re.Pattern[str],
    word: str,
    looks_like: Callable[[str], object] | None = None,
) -> dict[str, list[str]]:
    """The list under each "<role> example responsibilities." / "Common <role> skills" line.

    ``word`` is one every ``marker`` line holds: testing for it first spares
    the case-insensitive pattern most lines of the page.
    """
    found: dict[str, list[str]] = {}
    markers = [
        b for b in doc.blocks
        if b.kind in _MARKER_KINDS and len(b.text) < _MARKER_MAX
        and text.may_contain(b.text, word) and marker.match(b.text)
    ]  # fmt: skip
    for block in markers:
        side = names.side_of(marker.match(block.text).group(1))
        if side is None or side in found:
            continue
        found[side] = doc.items_after(
            block,
            stop=lambda b: _ends_list(b, marker, looks_like),
            looks_like=looks_like,
            first_list_only=True,
        )
    return found


def _ends_list(
    block: Block, marker: re.Pattern[str], looks_like: Callable[[str], object] | None
) -> bool:
    """The next list's title line, or a heading that is not a line of the list itself."""
    if marker.match(block.text):
        return block.kind in _MARKER_KINDS
    return block.is_heading and not (looks_like and looks_like(block.text))
