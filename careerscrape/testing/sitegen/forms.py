"""Markups drawn from forms: mobile, reader and random (every kind of heading, list and table)."""

from __future__ import annotations

import random
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


# -- markups drawn from forms: mobile, reader and random -------------------------------------------
#
# The same content as the two markups above, but every heading, list, skill line
# and figure table is written in one of several forms a reader cannot tell apart
# from the others. "mobile" and "reader" fix one form for each; "random" draws
# them, so that property tests can render a page many ways.

#: The forms of each structure. Headings (title, section, subsection) are drawn
#: once per page: a site writes one level of headings one way.
FORMS: dict[str, tuple[str, ...]] = {
    "title": ("h1", "aria", "bold", "plain"),
    "section": ("h", "aria", "summary", "bold", "plain"),
    "subsection": ("h", "aria", "summary", "bold", "plain"),
    "description": ("heading", "inline"),
    "marker": ("heading", "bold", "text"),
    "list": ("ul", "ol", "bullets", "numbered", "paragraphs", "br", "br_bullets"),
    "skill_list": ("ul", "ol", "bullets", "paragraphs"),
    "skill": ("comma", "gauge", "dash", "paren", "percent_first"),
    "figures": ("table", "grid", "dl", "transposed", "cards", "lines", "tiles", "by_figure"),
}
_PER_PAGE = frozenset({"title", "section", "subsection", "description", "marker"})
#: The fixed forms of the two form-drawn markups; a tuple is cycled through call by call.
_PRESETS: dict[str, dict[str, str | tuple[str, ...]]] = {
    "mobile": {
        "title": "aria", "section": "summary", "subsection": "summary",
        "description": "heading", "marker": "bold", "list": ("bullets", "br_bullets"),
        "skill_list": "paragraphs", "skill": "gauge",
        "figures": ("cards", "transposed", "cards", "tiles"),
    },
    "reader": {
        "title": "bold", "section": "bold", "subsection": "bold", "description": "inline",
        "marker": "bold", "list": ("numbered", "paragraphs"), "skill_list": "paragraphs",
        "skill": ("dash", "paren"), "figures": ("transposed", "lines", "table", "dl"),
    },
}  # fmt: skip
FORM_MARKUPS = (*_PRESETS, "random")
_BULLETS = ("\u2022", "\u00b7", "\u25aa", "\u25e6", "\u2013", "-", "*", "\u2713")


class _Forms:
    """Which form each structure of one page takes: a preset's, or drawn from ``rng``."""

    def __init__(self, markup: str, rng: random.Random) -> None:
        self._preset = _PRESETS.get(markup)
        self.rng = rng
        self._page: dict[str, str] = {}
        self._turn: dict[str, int] = {}

    def __call__(self, kind: str) -> str:
        if self._preset is not None:
            form = self._preset[kind]
            if isinstance(form, tuple):
                turn = self._turn.get(kind, 0)
                self._turn[kind] = turn + 1
                return form[turn % len(form)]
            return form
        if kind in _PER_PAGE:
            return self._page.setdefault(kind, self.rng.choice(FORMS[kind]))
        return self.rng.choice(FORMS[kind])

    def bullet(self) -> str:
        return self.rng.choice(_BULLETS) if self._preset is None else "\u2022"


def _heading(forms: _Forms, kind: str, level: int, inner: str) -> str:
    """A heading line of the form drawn for ``kind`` ("title", "section", "subsection")."""
    form = forms(kind)
    if form in {"h", "h1"}:
        return f"<h{level}>{inner}</h{level}>"
    if form == "aria":
        return f'<div role="heading" aria-level="{level}">{inner}</div>'
    if form == "bold":
        return (
            f"<p><b>{inner}</b></p>"
            if forms.rng.random() < 0.5
            else f"<div><strong>{inner}</strong></div>"
        )
    if form == "plain":  # a title by its words alone (its looks come from a stylesheet)
        return f"<div>{inner}</div>"
    return f"<summary>{inner}</summary>"  # the caller opens the <details>


def _section(forms: _Forms, kind: str, level: int, title: str, body: list[str]) -> str:
    """A titled section: a heading then ``body``; a summary form wraps it in <details>."""
    line = _heading(forms, kind, level, title)
    if line.startswith("<summary>"):
        opened = " open" if forms.rng.random() < 0.7 else ""
        return f"<details{opened}>{line}\n" + "\n".join(body) + "\n</details>"
    return "<section>" + line + "\n" + "\n".join(body) + "\n</section>"


def _list(forms: _Forms, items: list[str], kind: str = "list") -> str:
    """Items (already HTML) as a list of the drawn form: list tags, bullets, numbers or lines."""
    form = forms(kind)
    if form in {"ul", "ol"}:
        return f"<{form}>" + "".join(f"<li>{item}</li>" for item in items) + f"</{form}>"
    bullet = forms.bullet()
    if form == "bullets":
        return "<div>" + "".join(f"<div>{bullet} {item}</div>" for item in items) + "</div>"
    if form == "numbered":
        dot = forms.rng.choice([".", ")"]) if forms._preset is None else "."
        return "".join(f"<p>{i}{dot} {item}</p>" for i, item in enumerate(items, 1))
    if form == "paragraphs":
        return "<div>" + "".join(f"<div>{item}</div>" for item in items) + "</div>"
    marker = f"{bullet} " if form == "br_bullets" else ""
    return "<p>" + "<br>\n".join(marker + item for item in items) + "</p>"


def _skill_line(forms: _Forms, name: str, share: float, example: str | None) -> str:
    """One skill: its name and share in the drawn form, then its resume example."""
    form, name = forms("skill"), _e(name)
    if form == "comma":
        line = f"<span>{name}</span>, {share:g}%"
    elif form == "gauge":
        line = (f'<span>{name}</span><span role="meter" aria-valuenow="{share:g}" '
                f'aria-valuemin="0" aria-valuemax="100"><span style="width:{share:g}%"></span>'
                f"</span><span>{share:g}%</span>")  # fmt: skip
    elif form == "dash":
        line = f"<b>{name}</b> \u2013 {share:g}%"
    elif form == "paren":
        line = f"{name} ({share:g}%)"
    else:  # percent_first
        line = f"<span>{share:g}%</span> <span>{name}</span>"
    if example is None:
        return line
    return f"<div>{line}</div><p>{_e(example)}</p>"


Value = str | tuple[str, ...]  # a cell: one text, or several (shares), HTML


def _value(forms: _Forms, value: Value, inline: bool) -> str:
    """A cell's HTML: several parts on one line, on <br> lines or in <div> s (not ``inline``)."""
    if isinstance(value, str):
        return value
    joiner = " " if inline else forms.rng.choice([" ", "<br>", ""])
    return joiner.join(value) if joiner else "".join(f"<div>{part}</div>" for part in value)


def _figures(
    forms: _Forms, names: tuple[str, str], rows: list[tuple[str, Value, Value]],
    links: tuple[str, str],
) -> str:  # fmt: skip
    """Rows of (label, left value, right value): a table, grid, list, cards, lines or tiles.

    Or a card per figure, each role's value on a line of its own. ``links``
    are the role pages the role names may link to.
    """
    form = forms("figures")
    if forms.rng.random() < 0.5:
        names = tuple(
            f'<a href="{href}">{name}</a>' for name, href in zip(names, links, strict=True)
        )
    inline = form in {"lines", "tiles", "cards", "by_figure"}  # values inside <span> s and lines
    cells = [(label, _value(forms, left, inline), _value(forms, right, inline))
             for label, left, right in rows]  # fmt: skip
    if form == "table":
        return ("<table><thead><tr><th></th>" + "".join(f"<th>{n}</th>" for n in names)
                + "</tr></thead><tbody>"
                + "".join(f"<tr><td>{label}</td><td>{left}</td><td>{right}</td></tr>"
                          for label, left, right in cells)
                + "</tbody></table>")  # fmt: skip
    header = "<div><div></div>" + "".join(f"<div>{n}</div>" for n in names) + "</div>"
    if form == "grid":
        return ("<div>" + header
                + "".join(f"<div><div>{label}</div><div>{left}</div><div>{right}</div></div>"
                          for label, left, right in cells)
                + "</div>")  # fmt: skip
    if form == "dl":
        return ("<div>" + header + "<dl>"
                + "".join(f"<dt>{label}</dt><dd>{left}</dd><dd>{right}</dd>"
                          for label, left, right in cells)
                + "</dl></div>")  # fmt: skip
    if form == "transposed":
        corner, cell = forms.rng.choice(["", "Role", "Career"]), forms.rng.choice(["th", "td"])
        return (f"<table><thead><tr><{cell}>{corner}</{cell}>"
                + "".join(f"<{cell}>{row[0]}</{cell}>" for row in cells) + "</tr></thead><tbody>"
                + "".join(f"<tr><{cell}>{name}</{cell}>"
                          + "".join(f"<td>{row[side]}</td>" for row in cells) + "</tr>"
                          for side, name in enumerate(names, 1))
                + "</tbody></table>")  # fmt: skip
    if form == "by_figure":  # a card per figure: each role's value on a line of its own
        return (
            "<div>"
            + "".join(
                f"<h4>{row[0]}</h4><ul>"
                + "".join(
                    f"<li><b>{name}:</b> {row[side]}</li>" for side, name in enumerate(names, 1)
                )
                + "</ul>"
                for row in cells
            )
            + "</div>"
        )
    return (
        "<div>"
        + "\n".join(
            _card(forms, form, name, [(row[0], row[side]) for row in cells])
            for side, name in enumerate(names, 1)
        )
        + "</div>"
    )


def _card(forms: _Forms, form: str, name: str, pairs: list[tuple[str, str]]) -> str:
    """One role's figures: "Label: value" lines, value-first tiles or label/value pairs."""
    if form == "lines":
        return f"<p><b>{name}</b><br>\n" + "<br>\n".join(f"{k}: {v}" for k, v in pairs) + "</p>"
    title = forms.rng.choice(
        [f"<h4>{name}</h4>", f"<div><b>{name}</b></div>", f"<div>{name}</div>"]
    )
    if form == "tiles":
        body = "".join(f"<div><strong>{v}</strong><span>{k}</span></div>" for k, v in pairs)
    elif forms.rng.random() < 0.5:
        body = "<dl>" + "".join(f"<div><dt>{k}</dt><dd>{v}</dd></div>" for k, v in pairs) + "</dl>"
    else:
        body = "".join(f"<div><span>{k}</span><span>{v}</span></div>" for k, v in pairs)
    return f"<section>{title}{body}</section>"


_FORM_HEAD = (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<link rel="canonical" href="{url}">\n<title>{title} | Zippia</title>\n</head>\n<body>\n'
    '<div><a href="/">Zippia</a> <a href="/login/">Sign in</a></div>\n<main>\n'
)
_FORM_TAIL = (
    '</main>\n<div role="navigation" aria-label="Tabs"><a href="/jobs/">Jobs</a> '
    '<a href="/salaries/">Salaries</a></div>\n</body>\n</html>\n'
)


def _role_forms(site: Site, role: Role, d: RoleDetails, forms: _Forms) -> str:
    """A role page whose headings, lists and skill lines take the forms ``forms`` draws."""
    name, people = role.name, title_case(role.plural)
    skills = [_skill_line(forms, n, p, e) for n, p, e in d.skills]
    top3 = ", ".join(n for n, _, _ in d.skills[:2]) + f", and {d.skills[2][0]}"
    soft3 = ", ".join(n for n, _, _ in d.soft_skills[:2]) + f", and {d.soft_skills[2][0]}"
    out = [
        _FORM_HEAD.format(url=site.url(role.path), title=f"What does {role.an} do?"),
        _heading(forms, "title", 1, f"What does {role.an} do?"),
        f"<div><span>Updated {_long_date(role.updated)}</span> &middot; "
        f"<span>{d.reading_minutes} min read</span></div>",
        f"<p>{_e(d.summary)}</p>",
        _section(forms, "section", 2, f"{cap(name)} responsibilities", [
            f"<p>Here are examples of responsibilities from real {name} resumes:</p>",
            _list(forms, [_e(item) for item in d.responsibilities]),
        ]),
        _section(forms, "section", 2, f"{cap(name)} skills and personality traits", [
            f"<p>We calculated that {d.skills[0][1]:g}% of {people} are proficient in "
            f"{_e(top3)}. They\u2019re also known for soft skills such as {soft3}.</p>",
            f"<p>We break down the percentage of {people} that have these skills listed on "
            "their resume here:</p>",
            _list(forms, skills, "skill_list"),
            f"<p>Common skills that {role.an} uses to do their job include "
            + _e(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
            + f'." You can find details on the most important {name} responsibilities below.</p>',
            *(f"<p><b>{n}.</b> {_e(_soft_paragraph(role, n, desc, ex, w))}</p>"
              for (n, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)),
        ]),
    ]  # fmt: skip
    sections = _sections_of(site, role)
    if sections:
        out.append(_section(forms, "section", 2, f"Compare different {role.plural}", [
            _section(forms, "subsection", 3,
                     f'<a href="{comparison_path(role.slug, pair.b.slug)}">{_e(cap(name))} vs. '
                     f"{_e(cap(pair.b.name))}</a>",
                     [f"<p>{_e(pair.db.summary)}</p>",
                      *(f"<p>{_e(''.join(chunks))}</p>" for chunks in paragraphs)])
            for pair, paragraphs in sections
        ]))  # fmt: skip
    out += [
        f"<p>Updated {_long_date(role.updated)} &middot; Zippia Research Team</p>",
        f'<p><a href="/{slugify(role.category)}-jobs/">Browse {_e(role.category)} jobs</a></p>',
        _FORM_TAIL,
    ]
    return "\n".join(out)


def _vs_forms(site: Site, comparison: Comparison, pair: _Pair, forms: _Forms) -> str:
    """A comparison page whose headings, lists and figure tables take the forms ``forms`` draws."""
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
    names, links = (title_case(a.name), title_case(b.name)), (a.path, b.path)

    def figures(section: str) -> str:
        escaped = [(label, *(v if isinstance(v, tuple) else _e(v) for v in values))
                   for label, *values in rows[section]]  # fmt: skip
        return _figures(forms, names, escaped, links)

    def description(role: Role, details: RoleDetails) -> str:
        line = f'<a href="{role.path}">What does {role.an} do?</a>'
        if forms("description") == "inline":
            return f"<p><b>{line}</b><br>\n{_e(details.summary)}</p>"
        return _section(forms, "subsection", 3, line, [f"<p>{_e(details.summary)}</p>"])

    def marked(text: str, items: list[str], kind: str) -> str:
        """A list under its "<role> example responsibilities." / "Common <role> skills" line."""
        form = forms("marker")
        if form == "heading":
            return _section(forms, "subsection", 3, text, [_list(forms, items, kind)])
        line = f"<p><b>{text}</b></p>" if form == "bold" else f"<p>{text}</p>"
        return line + "\n" + _list(forms, items, kind)

    out = [
        _FORM_HEAD.format(url=site.url(comparison_path(a.slug, b.slug)), title=_e(title)),
        _heading(forms, "title", 1, _e(title)),
        f"<p>{_e(first)}</p>",
        f"<p>{_e(second)}</p>",
        _section(forms, "section", 2, f"{_e(title)} overview", [
            figures("overview"), description(a, da), description(b, db)]),
        _section(forms, "section", 2, f"{_e(title)} salary", [
            f"<p>{_e(cap(a.plural))} and {_e(b.plural)} have different pay scales, as shown "
            "below.</p>", figures("salary")]),
        _section(forms, "section", 2, f"Differences between {a.name} and {b.name} education", [
            f"<p>There are a few differences between {a.an} and {b.an} in terms of educational "
            "background:</p>", figures("education")]),
        _section(forms, "section", 2, f"{_e(title)} demographics", [
            f"<p>Here are the differences between {_e(a.plural)}\u2019 and {_e(b.plural)}\u2019 "
            "demographics:</p>", figures("demographics")]),
        _section(forms, "section", 2,
                 f"Differences between {a.name} and {b.name} duties and responsibilities", [
            marked(f"{_e(cap(r.name))} example responsibilities.",
                   [_e(item) for item in d.responsibilities[:6]], "list")
            for r, d in ((a, da), (b, db))]),
        _section(forms, "section", 2, f"{_e(title)} skills", [
            marked(f"Common {r.name} skills",
                   [_skill_line(forms, n, p, None) for n, p, _ in d.skills], "skill_list")
            for r, d in ((a, da), (b, db))]),
        f'<p><a href="/{slugify(a.category)}-jobs/">Browse {_e(a.category)} jobs</a></p>',
        _FORM_TAIL,
    ]  # fmt: skip
    return "\n".join(out)
