"""Redesigns the parsers were not written against: print, aria, markdown, textlines, cards.

A page is first laid out as blocks that say what a reader sees (a titled
section, a paragraph, a list, skill lines, a figure table), then written by one
markup's writer:

- ``print``: an AMP/print view. ``<article>`` and nested ``<section>`` s whose
  titles are bold ``<p>`` lines (no heading elements, so only the nesting tells a
  section from a subsection); figures as "Label — value" lines per role, or a
  ``<dl>`` whose rows are ``<div>`` wrappers and whose values start with the role.
- ``aria``: an accessibility-first app. Only ``<div>`` and ``<span>``: headings by
  ``role="heading"``/``aria-level``, lists by ``role="list"``/``"listitem"``, figures
  by ``role="table"``/``"grid"`` with row, column and row headers, skills with a
  ``role="progressbar"``.
- ``markdown``: a text dump. The whole article is one ``<pre>``: ``## Title``
  lines, ``- item`` bullets, ``| Label | left | right |`` pipe tables.
- ``textlines``: the same Markdown source through an auto-paragraph filter: each
  run of lines between blank lines a ``<p>``, its lines parted by ``<br>`` s.
- ``cards``: a CSS-grid redesign. A table whose role names sit under a ``colspan``
  header cell, money split over ``<span>`` s, a transposed table with the role
  column on the right, value-before-label cards, a ``<dl>`` per role whose terms
  are the values and descriptions the labels, skills as value-first tiles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from careerscrape.testing.sitegen.markup import _e
from careerscrape.testing.sitegen.nextjs import _intro, _rows, _sections_of, _soft_paragraph
from careerscrape.testing.sitegen.vocabulary import (
    _list_text,
    _long_date,
    cap,
    comparison_path,
    slugify,
    title_case,
)

if TYPE_CHECKING:
    from careerscrape.testing.sitegen.site import Site
    from careerscrape.testing.sitegen.spec import Comparison, Role, RoleDetails
    from careerscrape.testing.sitegen.wordings import _Pair

REDESIGN_MARKUPS = ("print", "aria", "markdown", "textlines", "cards")

Value = str | tuple[str, ...]  # a figure: one text, or several parts (shares); plain text


# -- blocks: what a reader sees, before any markup -------------------------------------------------


@dataclass
class Section:
    level: int
    title: str  # plain text
    href: str | None = None  # the title links there
    body: list[object] = field(default_factory=list)


@dataclass
class Para:
    text: str  # plain text
    lead: str | None = None  # a bold lead-in ("Communication skills.")
    href: str | None = None  # the whole paragraph is a link (Browse ... jobs)


@dataclass
class Items:
    items: list[str]


@dataclass
class Skills:
    skills: list[tuple[str, float, str | None]]


@dataclass
class Figures:
    names: tuple[str, str]
    rows: list[tuple[str, Value, Value]]
    turn: int  # which figure table of the page this is (writers vary their forms by it)


@dataclass
class Meta:
    updated: str  # "January 8, 2025"
    minutes: int


@dataclass
class Page:
    url: str
    title: str
    blocks: list[object]


def _role_page(site: Site, role: Role, d: RoleDetails) -> Page:
    name, people = role.name, title_case(role.plural)
    top3 = ", ".join(n for n, _, _ in d.skills[:2]) + f", and {d.skills[2][0]}"
    soft3 = ", ".join(n for n, _, _ in d.soft_skills[:2]) + f", and {d.soft_skills[2][0]}"
    blocks: list[object] = [
        Section(1, f"What does {role.an} do?"),
        Meta(_long_date(role.updated), d.reading_minutes),
        Para(d.summary),
        Section(2, f"{cap(name)} responsibilities", body=[
            Para(f"Here are examples of responsibilities from real {name} resumes:"),
            Items(list(d.responsibilities)),
        ]),
        Section(2, f"{cap(name)} skills and personality traits", body=[
            Para(f"We calculated that {d.skills[0][1]:g}% of {people} are proficient in {top3}. "
                 f"They\u2019re also known for soft skills such as {soft3}."),
            Para(f"We break down the percentage of {people} that have these skills listed on "
                 "their resume here:"),
            Skills(list(d.skills)),
            Para(f"Common skills that {role.an} uses to do their job include "
                 + _list_text([s.lower() for s, _, _ in d.skills[:3]], True)
                 + f'." You can find details on the most important {name} responsibilities '
                 "below."),
            *(Para(_soft_paragraph(role, n, desc, ex, w), lead=f"{n}.")
              for (n, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)),
        ]),
    ]  # fmt: skip
    sections = _sections_of(site, role)
    if sections:
        blocks.append(Section(2, f"Compare different {role.plural}", body=[
            Section(3, f"{cap(name)} vs. {cap(pair.b.name)}",
                    href=comparison_path(role.slug, pair.b.slug),
                    body=[Para(pair.db.summary), *(Para("".join(c)) for c in paragraphs)])
            for pair, paragraphs in sections
        ]))  # fmt: skip
    blocks += [
        Para(f"Updated {_long_date(role.updated)} \u00b7 Zippia Research Team"),
        Para(f"Browse {role.category} jobs", href=f"/{slugify(role.category)}-jobs/"),
    ]
    return Page(site.url(role.path), f"What does {role.an} do?", blocks)


def _vs_page(site: Site, comparison: Comparison, pair: _Pair) -> Page:
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    title = f"{cap(a.name)} vs {b.name}"
    first, second = _intro(pair, comparison.intro)
    rows: dict[str, list[tuple[str, Value, Value]]] = dict(_rows(pair))  # type: ignore[arg-type]
    rows["demographics"] = [
        ("Average age", str(da.age), str(db.age)),
        ("Gender ratio", *(tuple(f"{n}, {p:.1f}%" for n, p in d.gender) for d in (da, db))),
        ("Race ratio", *(tuple(f"{n}, {p:.1f}%" for n, p in d.race) for d in (da, db))),
        ("LGBT Percentage", f"{da.lgbt:g}%", f"{db.lgbt:g}%"),
    ]
    names = (title_case(a.name), title_case(b.name))
    sides = ((a, da), (b, db))

    def figures(section: str, turn: int) -> Figures:
        return Figures(names, rows[section], turn)

    blocks: list[object] = [
        Section(1, title),
        Para(first),
        Para(second),
        Section(2, f"{title} overview", body=[
            figures("overview", 0),
            *(Section(3, f"What does {r.an} do?", href=r.path, body=[Para(d.summary)])
              for r, d in sides)]),
        Section(2, f"{title} salary", body=[
            Para(f"{cap(a.plural)} and {b.plural} have different pay scales, as shown below."),
            figures("salary", 1)]),
        Section(2, f"Differences between {a.name} and {b.name} education", body=[
            Para(f"There are a few differences between {a.an} and {b.an} in terms of "
                 "educational background:"),
            figures("education", 2)]),
        Section(2, f"{title} demographics", body=[
            Para(f"Here are the differences between {a.plural}\u2019 and {b.plural}\u2019 "
                 "demographics:"),
            figures("demographics", 3)]),
        Section(2, f"Differences between {a.name} and {b.name} duties and responsibilities",
                body=[Section(4, f"{cap(r.name)} example responsibilities.",
                              body=[Items(list(d.responsibilities[:6]))]) for r, d in sides]),
        Section(2, f"{title} skills", body=[
            Section(4, f"Common {r.name} skills",
                    body=[Skills([(n, p, None) for n, p, _ in d.skills])]) for r, d in sides]),
        Para(f"Browse {a.category} jobs", href=f"/{slugify(a.category)}-jobs/"),
    ]  # fmt: skip
    return Page(site.url(comparison_path(a.slug, b.slug)), title, blocks)


# -- writers ------------------------------------------------------------------------------------


def _parts(value: Value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


def _link(text: str, href: str | None) -> str:
    return f'<a href="{href}">{_e(text)}</a>' if href else _e(text)


class _Writer:
    """Writes blocks as HTML; each markup overrides how one kind of block looks."""

    head_extra = ""

    def page(self, page: Page) -> str:
        body = "\n".join(self.block(block) for block in page.blocks)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<link rel="canonical" href="{page.url}">\n<title>{_e(page.title)} | Zippia</title>\n'
            f"{self.head_extra}</head>\n<body>\n{self.frame(body)}\n</body>\n</html>\n"
        )

    def frame(self, body: str) -> str:
        return f"<main>\n{body}\n</main>"

    def block(self, block: object) -> str:
        kind = type(block).__name__.lower()
        return getattr(self, kind)(block)

    def body(self, blocks: list[object]) -> str:
        return "\n".join(self.block(block) for block in blocks)

    def meta(self, meta: Meta) -> str:
        return f"<p>Updated {meta.updated} &middot; {meta.minutes} min read</p>"

    def para(self, para: Para) -> str:
        lead = f"<b>{_e(para.lead)}</b> " if para.lead else ""
        return f"<p>{lead}{_link(para.text, para.href)}</p>"

    def items(self, items: Items) -> str:
        return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items.items) + "</ul>"


class _Print(_Writer):
    """AMP/print: <article>/<section> nesting, bold-paragraph titles, "Label — value" figures."""

    head_extra = "<style amp-custom>.t{font-size:2em}.s{font-size:1.4em}</style>\n"

    def frame(self, body: str) -> str:
        return (
            "<header><p>Zippia &middot; printer-friendly version</p></header>\n"
            f"<article>\n{body}\n</article>\n<footer><p>&copy; 2025 Zippia, Inc.</p></footer>"
        )

    def section(self, section: Section) -> str:
        size = "t" if section.level == 1 else "s"
        line = f'<p class="{size}"><strong>{_link(section.title, section.href)}</strong></p>'
        if section.level == 1:
            return f"<header>{line}</header>"
        return f"<section>\n{line}\n{self.body(section.body)}\n</section>"

    def meta(self, meta: Meta) -> str:
        return f"<p><time>Updated {meta.updated}</time> &middot; {meta.minutes} min read</p>"

    def items(self, items: Items) -> str:
        return "<ul>" + "".join(f"<li><p>{_e(i)}</p></li>" for i in items.items) + "</ul>"

    def skills(self, skills: Skills) -> str:
        out = []
        for name, share, example in skills.skills:
            out.append(f"<p><strong>{_e(name)}</strong> \u2014 {share:g}%</p>")
            if example is not None:
                out.append(f"<blockquote><p>{_e(example)}</p></blockquote>")
        return "<div>" + "\n".join(out) + "</div>"

    def figures(self, figures: Figures) -> str:
        if figures.turn % 2:  # a <dl> of <div> rows, each value led by its role
            return "<dl>" + "".join(
                f"<div><dt>{label}</dt>"
                + "".join(f"<dd><b>{_e(name)}:</b> {_e(' '.join(_parts(value)))}</dd>"
                          for name, value in zip(figures.names, values, strict=True))
                + "</div>"
                for label, *values in figures.rows
            ) + "</dl>"  # fmt: skip
        return "\n".join(
            f"<section><p><strong>{_e(name)}</strong></p><p>"
            + "<br>\n".join(f"{row[0]} \u2014 {_e(' '.join(_parts(row[side])))}"
                             for row in figures.rows)
            + "</p></section>"
            for side, name in enumerate(figures.names, 1)
        )  # fmt: skip


class _Aria(_Writer):
    """An ARIA app: <div>/<span> only, meaning carried by roles."""

    def frame(self, body: str) -> str:
        return (
            '<div id="root"><div role="banner"><a href="/">Zippia</a></div>\n'
            f'<div role="main">\n{body}\n</div>\n'
            '<div role="contentinfo">&copy; 2025 Zippia</div></div>'
        )

    def section(self, section: Section) -> str:
        line = (f'<div role="heading" aria-level="{section.level}">'
                f"{_link(section.title, section.href)}</div>")  # fmt: skip
        if section.level == 1:
            return line
        return f'<div role="region">\n{line}\n{self.body(section.body)}\n</div>'

    def meta(self, meta: Meta) -> str:
        return (f"<div><span>Updated {meta.updated}</span><span aria-hidden=\"true\"> \u00b7 "
                f"</span><span>{meta.minutes} min read</span></div>")  # fmt: skip

    def para(self, para: Para) -> str:
        lead = f"<span><b>{_e(para.lead)}</b></span> " if para.lead else ""
        return f"<div>{lead}<span>{_link(para.text, para.href)}</span></div>"

    def items(self, items: Items) -> str:
        return ('<div role="list">' + "".join(f'<div role="listitem">{_e(item)}</div>'
                                               for item in items.items) + "</div>")  # fmt: skip

    def skills(self, skills: Skills) -> str:
        out = []
        for name, share, example in skills.skills:
            gauge = (f'<div role="progressbar" aria-valuenow="{share:g}" aria-valuemin="0" '
                     f'aria-valuemax="100" aria-label="{_e(name)}"></div>')  # fmt: skip
            more = f"<div>{_e(example)}</div>" if example is not None else ""
            out.append(f'<div role="listitem"><span>{_e(name)}</span>{gauge}<span>{share:g}%'
                       f"</span>{more}</div>")  # fmt: skip
        return '<div role="list">' + "".join(out) + "</div>"

    def figures(self, figures: Figures) -> str:
        grid = figures.turn == 0
        table, cell = ("grid", "gridcell") if grid else ("table", "cell")
        head = ('<div role="rowgroup"><div role="row"><div role="columnheader"></div>'
                + "".join(f'<div role="columnheader">{_e(n)}</div>' for n in figures.names)
                + "</div></div>")  # fmt: skip
        rows = "".join(
            f'<div role="row"><div role="rowheader">{label}</div>'
            + "".join(f'<div role="{cell}">' + "".join(f"<div>{_e(p)}</div>" for p in _parts(v))
                      + "</div>" for v in values)
            + "</div>"
            for label, *values in figures.rows
        )  # fmt: skip
        return f'<div role="{table}">{head}<div role="rowgroup">{rows}</div></div>'


class _Markdown(_Writer):
    """A text dump: the article is one <pre> of Markdown source lines."""

    def frame(self, body: str) -> str:
        return f'<div><a href="/">Zippia</a></div>\n<pre>\n{body}\n</pre>'

    def block(self, block: object) -> str:
        return super().block(block) + "\n"

    def section(self, section: Section) -> str:
        line = "#" * min(section.level, 3) + " " + _e(section.title)
        if section.level == 4:
            line = f"**{_e(section.title)}**"
        return line + "\n\n" + self.body(section.body)

    def meta(self, meta: Meta) -> str:
        return f"Updated {meta.updated} \u00b7 {meta.minutes} min read"

    def para(self, para: Para) -> str:
        lead = f"**{_e(para.lead)}** " if para.lead else ""
        return lead + _e(para.text)

    def items(self, items: Items) -> str:
        return "\n".join(f"- {_e(item)}" for item in items.items)

    def skills(self, skills: Skills) -> str:
        return "\n".join(
            f"- {_e(name)}: {share:g}%" + (f"\n  {_e(example)}" if example else "")
            for name, share, example in skills.skills
        )

    def figures(self, figures: Figures) -> str:
        def row(cells: list[str]) -> str:
            return "| " + " | ".join(cells) + " |"

        lines = [row(["", *map(_e, figures.names)]), row(["---"] * 3)]
        lines += [row([label, *(_e(" ".join(_parts(v))) for v in values)])
                  for label, *values in figures.rows]  # fmt: skip
        return "\n".join(lines)


class _TextLines(_Markdown):
    """The same Markdown source through an auto-paragraph filter (as blog engines have):
    each run of lines between blank lines a ``<p>``, its lines parted by ``<br>`` s."""

    def frame(self, body: str) -> str:
        runs = re.split(r"\n\s*\n", body.strip("\n"))
        paragraphs = "\n".join(
            "<p>" + "<br>\n".join(run.splitlines()) + "</p>" for run in runs if run.strip()
        )
        return f'<div><a href="/">Zippia</a></div>\n<div>\n{paragraphs}\n</div>'


class _Cards(_Writer):
    """A CSS-grid redesign: colspan headers, split money, role column on the right, tiles,
    reversed definition lists."""

    def section(self, section: Section) -> str:
        level = min(section.level, 4)
        line = f"<h{level}>{_link(section.title, section.href)}</h{level}>"
        if section.level == 1:
            return f"<header>{line}</header>"
        return f"<section>\n{line}\n{self.body(section.body)}\n</section>"

    def meta(self, meta: Meta) -> str:
        return (f"<ul><li><time>Updated {meta.updated}</time></li>"
                f"<li>{meta.minutes} min read</li></ul>")  # fmt: skip

    def skills(self, skills: Skills) -> str:
        tiles = "".join(
            f"<li><div><strong>{share:g}%</strong> <span>{_e(name)}</span></div>"
            + (f"<blockquote>{_e(example)}</blockquote>" if example else "") + "</li>"
            for name, share, example in skills.skills
        )  # fmt: skip
        return f"<ul>{tiles}</ul>"

    @staticmethod
    def _cell(value: Value) -> str:
        """Money split as "$" and the digits in <span> s, shares as a list."""
        if not isinstance(value, str):
            return "<ul>" + "".join(f"<li>{_e(p)}</li>" for p in value) + "</ul>"
        return re.sub(r"\$(\d[\d,]*)", r"<span>$</span><span>\1</span>", _e(value))

    def figures(self, figures: Figures) -> str:
        form = figures.turn % 4
        if form == 0:  # role names under a colspan header cell
            return (
                '<table><thead><tr><th rowspan="2">Figure</th><th colspan="2">Compare</th></tr>'
                "<tr>" + "".join(f"<th>{_e(n)}</th>" for n in figures.names) + "</tr></thead>"
                "<tbody>" + "".join(
                    f"<tr><th>{label}</th>" + "".join(f"<td>{self._cell(v)}</td>" for v in values)
                    + "</tr>" for label, *values in figures.rows)
                + "</tbody></table>"
            )  # fmt: skip
        if form == 1:  # transposed, the role column on the right
            return (
                "<table><tr>" + "".join(f"<th>{row[0]}</th>" for row in figures.rows)
                + "<th>Role</th></tr>"
                + "".join(
                    "<tr>" + "".join(f"<td>{self._cell(row[side])}</td>" for row in figures.rows)
                    + f"<th>{_e(name)}</th></tr>"
                    for side, name in enumerate(figures.names, 1))
                + "</table>"
            )  # fmt: skip
        if form == 2:  # a card per role, each value above its label
            return "\n".join(
                f"<section><h5>{_e(name)}</h5><div>"
                + "".join(f"<div><strong>{self._cell(row[side])}</strong>"
                          f"<small>{row[0]}</small></div>" for row in figures.rows)
                + "</div></section>"
                for side, name in enumerate(figures.names, 1)
            )  # fmt: skip
        return "\n".join(  # a card per role, a <dl> whose terms are the values (reversed)
            f"<section><h5>{_e(name)}</h5><dl>"
            + "".join(f"<dt>{self._cell(row[side])}</dt><dd>{row[0]}</dd>" for row in figures.rows)
            + "</dl></section>"
            for side, name in enumerate(figures.names, 1)
        )


_WRITERS: dict[str, Callable[[], _Writer]] = {
    "print": _Print, "aria": _Aria, "markdown": _Markdown, "textlines": _TextLines,
    "cards": _Cards,
}  # fmt: skip


def render_role(markup: str, site: Site, role: Role, d: RoleDetails) -> str:
    return _WRITERS[markup]().page(_role_page(site, role, d))


def render_vs(markup: str, site: Site, comparison: Comparison, pair: _Pair) -> str:
    return _WRITERS[markup]().page(_vs_page(site, comparison, pair))
