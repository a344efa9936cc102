"""Role pages ("What does a customer service director do?") -> RoleProfile fields."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from careerscrape.parsing import prose
from careerscrape.parsing.document import Block, Document
from careerscrape.parsing.text import page_date, percent, slug
from careerscrape.parsing.urls import comparison_slugs

if TYPE_CHECKING:
    from lxml import etree

ROLE_TITLE = re.compile(r"^What does an? (.+?) do\??$", re.I)
RESPONSIBILITIES = re.compile(r"^(.+?) responsibilities$", re.I)
SKILLS_HEADING = re.compile(r"\bskills\b", re.I)
SKILL_ITEM = re.compile(r"^([^%]{1,80}?)\s*,\s*(\d+(?:\.\d+)?)\s*%\s*(.*)$")
SOFT_SKILL = re.compile(r"^([A-Z][\w’'/ -]{2,40}?)\.\s+(.*\S)$")
VS_HEADING = re.compile(r"^(.+?)\s+vs\.?\s+(.+?)$", re.I)
UPDATED = re.compile(r"\bUpdated\s*:?\s+(.{6,25}?\d{4})")
READING = re.compile(r"\b(\d+)\s*min(?:ute)?s?\.?\s+read\b", re.I)
CATEGORY = re.compile(r"^Browse (.+?) jobs$", re.I)
_MIN_SUMMARY_WORDS = prose.MIN_PARAGRAPH_WORDS


def parse_role(doc: Document, url_slug: str | None) -> dict[str, Any]:
    """The RoleProfile fields of a role page (provenance is added by the caller)."""
    title = doc.find(ROLE_TITLE)
    responsibilities_heading = doc.find(RESPONSIBILITIES)
    if title:
        role = ROLE_TITLE.match(title.text).group(1)
    elif responsibilities_heading:
        role = RESPONSIBILITIES.match(responsibilities_heading.text).group(1)
    else:
        return {}
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
            doc.items_after(responsibilities_heading) if responsibilities_heading else []
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
        match = UPDATED.search(block.text) if "Updated" in block.text else None
        if match:
            return page_date(match.group(1))
    return None


def _reading_minutes(doc: Document) -> int | None:
    for block in doc.blocks:
        match = READING.search(block.text) if "read" in block.text else None
        if match:
            return int(match.group(1))
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
    """ "Name, N%" items with the resume sentence under each.

    Items are ``<li>`` s on the site; cards of other elements are read too,
    with the sentence that follows the "Name, N%" line as the example.
    """
    skills = []
    for text in doc.items_after(heading):
        match = SKILL_ITEM.match(text)
        if match:
            skills.append(_skill(*match.groups()))
    if skills:
        return skills
    lines = list(doc.after(heading, stop=lambda b: b.is_heading and not SKILL_ITEM.match(b.text)))
    for i, block in enumerate(lines):
        match = SKILL_ITEM.match(block.text)
        if match:
            name, share, example = match.groups()
            if not example and i + 1 < len(lines) and not SKILL_ITEM.match(lines[i + 1].text):
                example = lines[i + 1].text
            skills.append(_skill(name, share, example))
    return skills


def _skill(name: str, share: str, example: str | None) -> dict[str, Any]:
    return {"name": name.strip(), "percent": percent(share + "%"), "example": example or None}


def _soft_skills(doc: Document, heading: Block, end: int) -> list[dict[str, Any]]:
    """Paragraphs "Communication skills. ... "reason" ... "resume line"".

    The description is the first quoted passage that is not the skill's own
    name (`require "problem-solving skills."` quotes the name); the example
    is the resume line, the last quote, introduced by a colon when alone.
    """
    found = []
    for block in doc.blocks[heading.index + 1 : end]:
        if block.kind != "text":
            continue
        match = SOFT_SKILL.match(block.text)
        if not match or len(match.group(1).split()) > 5:
            continue
        name, rest = match.groups()
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
        match = VS_HEADING.match(block.text)
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
) -> dict[str, Any]:
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
    facts = [p for p in paragraphs if p is not description]
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


def _industry(found: tuple[str, int | None] | None) -> dict[str, Any] | None:
    return {"industry": found[0], "salary": found[1]} if found else None


def _category(doc: Document) -> str | None:
    for block in reversed(doc.blocks):  # the link sits at the end of the article
        if block.text[:6].lower() == "browse":
            match = CATEGORY.match(block.text)
            if match:
                return match.group(1)
    return None
