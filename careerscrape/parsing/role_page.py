"""Role pages ("What does a customer service director do?") -> RoleProfile fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from careerscrape.parsing import prose
from careerscrape.parsing.document import (
    Block,
    Document,
    inline_cells,
    rows_as_lines,
    side_by_side,
)
from careerscrape.parsing.fields import ComparisonSummaryFields, IndustryFields, RoleFields
from careerscrape.parsing.text import is_blank, page_date, skill_share, slug
from careerscrape.parsing.titles import ROLE_TITLE, VS_TITLE, role_section_titles
from careerscrape.parsing.urls import comparison_slugs

if TYPE_CHECKING:
    from lxml import etree

RESPONSIBILITIES = re.compile(r"^(.+?) responsibilities$", re.I)
SKILLS_HEADING = re.compile(r"\bskills\b", re.I)
SOFT_SKILL = re.compile(r"^([A-Z][\w’'/ -]{2,40}?)\.\s+(.*\S)$")
#: A soft skill's name on a line of its own, above its paragraph.
SOFT_SKILL_NAME = re.compile(r"^([A-Z][\w’'/ -]{2,40}?)\.?$")
_SOFT_SKILL_WORDS = 5
UPDATED = re.compile(r"\b(?:Last u|U)pdated(?:\s+on)?\s*:?\s+(.{6,25}?\d{4})")
#: "7 min read", "7-minute read", "Reading time: 7 minutes".
READING = re.compile(
    r"\b(\d+)[\s-]*min(?:ute)?s?\.?[\s-]+read\b|\bread(?:ing)? time\s*:?\s*(\d+)\s*min", re.I
)
CATEGORY = re.compile(r"^Browse (.+?) jobs$", re.I)
#: A share on a line of its own: the number beside a skill's gauge.
_SHARE_ALONE = re.compile(r"^\(?\d+(?:\.\d+)?\s*%\)?$")
_MIN_SUMMARY_WORDS = prose.MIN_PARAGRAPH_WORDS


def parse_role(doc: Document, url_slug: str | None) -> RoleFields | None:
    """The RoleProfile fields of a role page (provenance is added by the caller); None
    when the page names no role."""
    title = doc.find(ROLE_TITLE) or doc.find(ROLE_TITLE, ("text",))
    role = ROLE_TITLE.match(title.text).group(1) if title else None
    # Titles drawn as plain lines are known by their words: the role's, else the URL's.
    if role or url_slug:
        doc.promote(role_section_titles(role or url_slug.replace("-", " ")))
    responsibilities_heading = doc.find(RESPONSIBILITIES)
    if role is None and responsibilities_heading:
        role = RESPONSIBILITIES.match(responsibilities_heading.text).group(1)
    if role is None:
        return None
    own_slug = url_slug or slug(role)
    compare_headings = _comparison_headings(doc, role)
    skills_heading = _skills_heading(doc, responsibilities_heading)
    soft_skills_end = compare_headings[0][0].index if compare_headings else len(doc.blocks)
    return {
        "role": role,
        "role_slug": own_slug,
        "updated": _first_date(doc),
        "reading_minutes": _reading_minutes(doc),
        "summary": _summary(doc, title, responsibilities_heading),
        "responsibilities": (
            doc.items_after(responsibilities_heading, first_list_only=True)
            if responsibilities_heading
            else []
        ),
        "skills": _skills(doc, skills_heading) if skills_heading else [],
        "soft_skills": (
            _soft_skills(doc, skills_heading, soft_skills_end) if skills_heading else []
        ),
        "comparisons": [
            _comparison(doc, role, own_slug, b, other) for b, other in compare_headings
        ],
        "category": _category(doc),
    }


def _first_date(doc: Document):
    for block in doc.blocks:
        match = UPDATED.search(block.text) if "pdated" in block.text else None
        if match:
            return page_date(match.group(1))
    return None


def _reading_minutes(doc: Document) -> int | None:
    for block in doc.blocks:
        match = READING.search(block.text) if "ead" in block.text else None
        if match:
            return int(match.group(1) or match.group(2))
    return None


def _summary(doc: Document, title: Block | None, first_section: Block | None) -> str | None:
    """The first real paragraph under the title (or, with no title, before the first section)."""
    if title is not None:
        candidates = doc.after(title, stop=lambda b: b.kind == "heading")
    else:
        end = first_section.index if first_section else len(doc.blocks)
        candidates = iter(doc.blocks[:end])
    for block in candidates:
        if block.kind != "text" or "cookie" in block.text.lower():
            continue
        if len(block.text.split()) >= _MIN_SUMMARY_WORDS and not UPDATED.search(block.text):
            return block.text
    return None


def _skills_heading(doc: Document, after: Block | None) -> Block | None:
    """The "<role> skills and personality traits" heading (or the first skills heading)."""
    begin = after.index if after else 0
    headings = [b for b in doc.blocks[begin:] if b.is_heading and SKILLS_HEADING.search(b.text)]
    for block in headings:
        if "personality" in block.text.lower():
            return block
    return headings[0] if headings else None


def _skills(doc: Document, heading: Block) -> list[dict[str, Any]]:
    """ "Name, N%" lines (in any of the ways :func:`skill_share` reads) with the resume example.

    The example is what follows the share on its line, else the next line
    when it is not a skill: lines of a list item, or of the cards and
    paragraphs under the heading. A name and its share may sit on two lines
    of their own (a gauge's name, then its number).
    """
    section = rows_as_lines(
        list(doc.after(heading, stop=lambda b: b.is_heading and not _is_skill(b.text)))
    )
    items = [b for b in section if b.kind in {"item", "text"} or b.is_heading]
    skills = _listed_skills(items)
    if skills:
        return skills
    for i, block in enumerate(items):
        lines = list(inline_cells(block) or block.all_lines)
        # The example may be the next line of its card: the block beside it, one sentence.
        after = items[i + 1] if i + 1 < len(items) else None
        if after is not None and _is_example(after, block):
            lines.append(after.text)
        j, own = 0, len(lines) - (lines[-1:] == [after.text] if after is not None else 0)
        while j < own:  # a block may hold several skills, one per line or two
            found = _skill(lines[j:], alone=True)
            if found:
                skills.append(found[0])
            j += found[1] if found else 1
    return skills


def _listed_skills(blocks: list[Block]) -> list[dict[str, Any]]:
    """The skills of the list items among ``blocks``; an item without its example in it
    may have it on the line after it, in the same box (a list of lines, not of <li> s)."""
    skills = []
    for block, after in zip(blocks, [*blocks[1:], None], strict=False):
        found = (
            _skill(list(inline_cells(block) or block.all_lines)) if block.kind == "item" else None
        )
        if found is None:
            continue
        skill = found[0]
        if skill["example"] is None and after is not None and _is_example(after, block):
            skill["example"] = after.text
        skills.append(skill)
    return skills


def _is_example(block: Block, skill: Block) -> bool:
    """Can ``block`` be the resume example of the skill line ``skill``, in the same card?"""
    return (
        block.kind == "text"
        and not block.lines
        and len(prose.sentences(block.text)) == 1
        and side_by_side(skill, block)
    )


def _skill(lines: list[str], alone: bool = False) -> tuple[dict[str, Any], int] | None:
    """The skill that ``lines`` open with, and how many lines it takes.

    Its example is the rest of its line, or what follows: the next line
    (``alone``, and only when it is not a skill itself) or all the lines.
    """
    share, used = skill_share(lines[0]), 1
    if (
        share is None
        and len(lines) > 1
        and (_SHARE_ALONE.match(lines[0]) or _SHARE_ALONE.match(lines[1]))
    ):
        share, used = skill_share(f"{lines[0]} {lines[1]}"), 2
    if share is None:
        return None
    name, percent, example = share
    if not example and len(lines) > used and not (alone and _is_skill(lines[used])):
        example = lines[used] if alone else " ".join(lines[used:])
        used = used + 1 if alone else len(lines)
    return {
        "name": name,
        "percent": percent,
        "example": None if is_blank(example) else example,
    }, used


def _is_skill(line: str) -> bool:
    return skill_share(line) is not None


def _soft_skills(doc: Document, heading: Block, end: int) -> list[dict[str, Any]]:
    """Paragraphs "Communication skills. ... "reason" ... "resume line"".

    The description is the first quoted passage that is not the skill's own
    name (`require "problem-solving skills."` quotes the name); the example
    is the resume line, the last quote, introduced by a colon when alone.
    """
    found = []
    for name, rest in _named_paragraphs(doc.blocks[heading.index + 1 : end]):
        own_name = _bare(name)
        passages = [
            (s, e) for s, e in prose.quoted_spans(rest) if _bare(rest[s + 1 : e - 1]) != own_name
        ]
        if not passages:
            continue
        texts = [rest[s + 1 : e - 1].strip() for s, e in passages]
        if len(texts) >= 2:
            description, example = texts[0], texts[-1]
        elif rest[: passages[0][0]].rstrip().endswith(":"):
            description, example = None, texts[0]
        else:
            description, example = texts[0], None
        found.append({"name": name, "description": description, "example": example})
    return found


def _named_paragraphs(blocks: list[Block]) -> Iterator[tuple[str, str]]:
    """(name, rest) of paragraphs that open on a short name: "Communication skills. One of ...".

    The name may be a title line of its own above its paragraph (a bold line,
    a heading or a ``<dt>`` term, with or without its full stop).
    """
    for block, after in zip(blocks, [*blocks[1:], None], strict=False):
        if block.kind not in {"text", "item"}:
            titled = block.is_heading or block.element.tag == "dt"  # a term: its description after
            name = SOFT_SKILL_NAME.match(block.text) if titled else None
            if name and after is not None and after.kind in {"text", "cell"}:
                yield name.group(1), after.text
            continue
        match = SOFT_SKILL.match(block.full or block.text)
        if match and len(match.group(1).split()) <= _SOFT_SKILL_WORDS:
            yield match.group(1), match.group(2)


def _bare(text: str) -> str:
    return text.strip(" .,;:!?").lower()


def _comparison_headings(doc: Document, role: str) -> list[tuple[Block, str]]:
    """The "<role> vs. <other>" sub-headings, with the other role's name.

    The side that IS the page role is matched whole first, so "Payroll
    coordinator vs. Senior payroll coordinator" is read right even though
    both sides mention a payroll coordinator.
    """
    names = prose.RoleNames(role, role)
    found = []
    for block in doc.headings:
        match = VS_TITLE.match(block.text)
        if not match:
            continue
        left, right = match.groups()
        if _bare(left) == _bare(role):
            found.append((block, right))
        elif _bare(right) == _bare(role):
            found.append((block, left))
        elif names.mentioned(left) and not names.mentioned(right):
            found.append((block, right))
        elif names.mentioned(right) and not names.mentioned(left):
            found.append((block, left))
    return found


def _comparison(
    doc: Document, role: str, own_slug: str, heading: Block, other: str
) -> ComparisonSummaryFields:
    """One comparison section, read from its own paragraphs only."""
    paragraphs = [b.text for b in doc.after(heading) if b.kind == "text"]
    # The section opens with a description of the other role, then the facts; either
    # may be missing, so the description is a first paragraph that compares nothing.
    names = prose.RoleNames(role, other)
    description = next(
        (p for p in paragraphs[:1]
         if len(p.split()) >= prose.MIN_PARAGRAPH_WORDS
         and not prose.states_facts(p) and prose.B in names.mentioned(p)),
        None,
    )  # fmt: skip
    # Facts compare the two roles: a paragraph that never names the other one is another
    # section's (its title line lost), not this one's.
    facts = [p for p in paragraphs if p is not description and names.names_at_all(prose.B, p)]
    text = " ".join(facts)
    lists = prose.skill_lists(facts, names)
    industries = prose.top_industries(text, names)
    degrees = prose.degree_differences(text, names)
    return {
        "other_role": other,
        "other_role_slug": _linked_slug(heading, own_slug) or slug(other),
        "other_description": description,
        "salary_difference": prose.salary_difference(text, names),
        "shared_skills": lists.get("shared", []),
        "role_only_skills": lists.get(prose.A, []),
        "other_only_skills": lists.get(prose.B, []),
        "role_top_industry": _industry(industries.get(prose.A)),
        "other_top_industry": _industry(industries.get(prose.B)),
        "masters_difference": degrees.get("master"),
        "doctoral_difference": degrees.get("doctor"),
    }


def _linked_slug(heading: Block, own_slug: str) -> str | None:
    """The other role's slug from the heading's link to the comparison page, if it has one.

    The page may list a comparison filed under either role (``/a-jobs/a-vs-b-...``
    on both a's and b's pages): the other role is the side that is not this one.
    """
    for href in _anchor_hrefs(heading.element):
        slugs = comparison_slugs(href)
        if slugs:
            return slugs[0] if slugs[1] == own_slug else slugs[1]
    return None


def _anchor_hrefs(element: etree._Element) -> list[str]:
    """The ``href`` of the nearest ``<a>`` around ``element``, then those of the ``<a>`` s in it.

    That is ``descendant-or-self::a/@href | ancestor::a[1]/@href`` in page
    order, walked by hand: lxml sets up an XPath query in tens of µs on a
    freshly parsed page, more than reading the rest of the section costs.
    """
    hrefs: list[str] = []
    ancestor = element.getparent()
    while ancestor is not None and ancestor.tag != "a":
        ancestor = ancestor.getparent()
    if ancestor is not None and (href := ancestor.get("href")) is not None:
        hrefs.append(href)
    _inner_hrefs(element, hrefs)
    return hrefs


def _inner_hrefs(element: etree._Element, hrefs: list[str]) -> None:
    """Append the ``href`` s of ``element`` and the ``<a>`` s inside it, page order."""
    if element.tag == "a" and (href := element.get("href")) is not None:
        hrefs.append(href)
    for child in element:
        _inner_hrefs(child, hrefs)


def _industry(found: tuple[str, int | None] | None) -> IndustryFields | None:
    return {"industry": found[0], "salary": found[1]} if found else None


def _category(doc: Document) -> str | None:
    for block in reversed(doc.blocks):  # the link sits at the end of the article
        if block.text[:6].lower() == "browse":
            match = CATEGORY.match(block.text)
            if match:
                return match.group(1)
    return None
