"""Comparison pages ("Customer service director vs customer service manager") -> RoleComparison."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from careerscrape.parsing import prose, text
from careerscrape.parsing.document import Block, Document
from careerscrape.parsing.urls import comparison_slugs

VS_TITLE = re.compile(r"^(.+?)\s+vs\.?\s+(.+?)$", re.I)
ROLE_TITLE = re.compile(r"^What does an? (.+?) do\??$", re.I)
EXAMPLE_RESPONSIBILITIES = re.compile(r"^(.+?) example responsibilities\.?$", re.I)
COMMON_SKILLS = re.compile(r"^Common (.+?) skills:?$", re.I)
TOP_SKILLS = re.compile(r"\bskills for (?:an? )?(.+?) (?:include|are)\s+(.+?)\.?$", re.I)
SHARE_ITEM = re.compile(r"^(.+?)\s*,\s*(\d+(?:\.\d+)?)\s*%")
_MARKER_KINDS = ("heading", "text")
_MARKER_MAX = 120  # a list's title line is short; longer lines are prose


def _share(value: str | None) -> dict[str, Any] | None:
    found = text.shares(value)
    return {"name": found[0][0], "percent": found[0][1]} if found else None


def _range(value: str | None) -> dict[str, int] | None:
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


def parse_comparison(doc: Document, url: str | None) -> dict[str, Any]:
    """The RoleComparison fields of a comparison page (provenance is added by the caller)."""
    names = _role_names(doc)
    if names is None:
        return {}
    sides = [_side(doc, names.a), _side(doc, names.b)]
    _assign_slugs(sides, comparison_slugs(url))
    for field, (labels, convert) in ROWS.items():
        values = doc.row_values(labels) or []
        for i, side in enumerate(sides):
            side[field] = convert(values[i]) if i < len(values) else convert(None)
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
    for side_key, items in _marked_lists(doc, names, COMMON_SKILLS, "common", SHARE_ITEM).items():
        sides[_index(side_key)]["skills"] = [
            {"name": m.group(1), "percent": float(m.group(2))}
            for m in map(SHARE_ITEM.match, items)
            if m
        ]
    return {"roles": sides}


def _index(side: str) -> int:
    return 0 if side == prose.A else 1


def _side(doc: Document, name: str) -> dict[str, Any]:
    return {"role": name, "description": None, "years_to_become": None, "top_skills": [],
            "responsibilities": [], "skills": []}  # fmt: skip


def _role_names(doc: Document) -> prose.RoleNames | None:
    """The two roles, as the table header writes them, else as the title does."""
    header = doc.header_row(_HEADER_LABELS)
    if len(header) == 2:
        return prose.RoleNames(*header)
    title = doc.find(VS_TITLE)
    if title:
        return prose.RoleNames(*VS_TITLE.match(title.text).groups())
    return None


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
        side = names.only(ROLE_TITLE.match(heading.text).group(1))
        target = sides[_index(side)] if side else None
        if target is None or target["description"]:
            continue
        target["description"] = next(
            (b.text for b in doc.after(heading)
             if b.kind == "text" and _describes(b.text, names, side)),
            None,
        )  # fmt: skip
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


def _describes(text: str, names: prose.RoleNames, side: str) -> bool:
    """A paragraph that describes ``side``: prose that names that role."""
    return _is_paragraph(text) and side in names.mentioned(text)


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
            side = names.only(match.group(1)) if match else None
            if side and side not in found:
                found[side] = prose.split_list(match.group(2))
    return found


def _marked_lists(
    doc: Document,
    names: prose.RoleNames,
    marker: re.Pattern[str],
    word: str,
    looks_like: re.Pattern[str] | None = None,
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
        side = names.only(marker.match(block.text).group(1))
        if side is None or side in found:
            continue
        found[side] = doc.items_after(
            block,
            stop=lambda b: _ends_list(b, marker),
            looks_like=looks_like,
            first_list_only=True,
        )
    return found


def _ends_list(block: Block, marker: re.Pattern[str]) -> bool:
    return block.is_heading or (block.kind == "text" and bool(marker.match(block.text)))
