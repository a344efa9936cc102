"""The plain markup of the synthetic site: div grids, other heading levels, split text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from careerscrape.testing.sitegen.markup import BR_NL, _decorate_plain, _ep, _link_first
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


# -- plain markup ----------------------------------------------------------------------------------

_PLAIN_CSS = (
    "body{font-family:Georgia,serif;margin:0;color:#222}.wrap{max-width:880px;margin:0 auto;"
    "padding:0 12px}.muted{color:#666;font-size:13px}.vs-row{display:grid;grid-template-columns:"
    "2fr 3fr 3fr}.vs-cell{padding:6px 8px;border-top:1px solid #eee}"
)
_PLAIN_TOP = (
    '<div class="top wrap"><a href="/">Zippia</a> <span><a href="/jobs/">Find jobs</a> &middot; '
    '<a href="/companies/">Companies</a> &middot; <a href="/career-advice/">Career advice</a>'
    "</span></div>"
)
_PLAIN_FOOT = (
    '<div class="foot wrap"><a href="/about/">About</a> | <a href="/terms/">Terms</a> | '
    '<a href="/privacy-policy/">Privacy</a> | &copy; 2025 Zippia, Inc.</div></body>\n</html>\n'
)


def _role_plain(site: Site, role: Role, d: RoleDetails) -> str:
    url = site.url(role.path)
    people = title_case(role.plural)
    out = [
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n',
        f'<meta property="og:url" content="{url}">\n',
        f"<title>{title_case(role.name)} - What They Do | Zippia</title>\n",
        f"<style>{_PLAIN_CSS}</style>\n</head>\n<body>\n{_PLAIN_TOP}\n",
        '<div class="wrap"><div class="article">\n',
        f'<div role="heading" aria-level="1" class="title">What does {role.an} do?</div>\n',
        f'<div class="muted">Updated {_long_date(role.updated)}<br>\n{d.reading_minutes} min read'
        "</div>\n",
        f'<div class="hero"><img src="https://static.zippia.com/careers/{role.slug}.png" '
        f'alt="What does {role.an} do" width="640" height="320"></div>\n',
    ]
    first, rest = d.summary.split(". ", 1)
    lead, tail = rest.split(" ", 1)
    out += [
        f"<p>{_ep(first)}. <em>{_ep(lead)}</em> {_ep(tail)}</p>\n",
        f'<h3 id="resp">{_ep(cap(role.name))} responsibilities</h3>\n',
        f"<p>Here are examples of responsibilities from real <b>{role.name}</b> resumes:</p>\n",
        '<ul class="resp">\n',
        *(f'  <li><div class="item"><span>{_ep(item)}</span></div></li>\n'
          for item in d.responsibilities),
        '  <li class="toggle"><button type="button">Show less</button></li>\n</ul>\n',
        f'<h3 id="skills">{_ep(cap(role.name))} skills and personality traits</h3>\n',
        f"<p>We calculated that <strong>{d.skills[0][1]:g}%</strong> of {people} are proficient in "
        f"{_ep(d.skills[0][0])}, {_ep(d.skills[1][0])}, and {_ep(d.skills[2][0])}. They&rsquo;re "
        "also known for soft skills such as "
        f"{', '.join(n for n, _, _ in d.soft_skills[:2])}, and {d.soft_skills[2][0]}.</p>\n",
        f"<p>We break down the percentage of {people} that have these skills listed on their "
        "resume here:</p>\n<ol class=\"skills\">\n",
        *(f'  <li><div class="skill"><h4>{_ep(n)}, {p:g}%</h4>\n    <p>{_ep(e)}</p></div></li>\n'
          for n, p, e in d.skills),
        "</ol>\n",
        f"<p>Common skills that {role.an} uses to do their job include "
        + _ep(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
        + f'." You can find details on the most important {role.name} responsibilities '
        "below.</p>\n",
        *(
            f"<p>\n<strong>{name}.</strong> {_ep(_soft_paragraph(role, name, desc, ex, w))}</p>\n"
            for (name, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)
        ),
        f"<h3>Most common {role.name} skills</h3>\n"
        f'<div class="chart" data-src="/api/charts/skills/{role.slug}"></div>\n',
    ]  # fmt: skip
    sections = _sections_of(site, role)
    if sections:
        out.append(f'<h3 id="compare">Compare different {role.plural}</h3>\n')
    for pair, paragraphs in sections:
        href = comparison_path(role.slug, pair.b.slug)
        out.append(
            f'<div class="cmp">\n<h5><a href="{href}">{_ep(cap(role.name))} vs. '
            f"{_ep(cap(pair.b.name))}</a></h5>\n<p>{_ep(pair.db.summary)}</p>\n"
        )
        for k, chunks in enumerate(paragraphs):
            spans = []
            for m, chunk in enumerate(chunks):
                escaped = _decorate_plain(_ep(chunk))
                if k == 0 and m == 0:
                    escaped = _link_first(escaped, pair.b.name, pair.b.path)
                spans.append(f"<span>{escaped}</span>")
            out.append("<p>\n" + "\n".join(spans) + "\n</p>\n")
        out.append("</div>\n")
    out += [
        f'<h3 id="types">Types of {role.name}</h3>\n<div class="types">'
        + " &middot; ".join(d.types)
        + "</div>\n",
        f'<div class="byline"><span class="muted">Updated {_long_date(role.updated)}</span><br>\n'
        '<a href="/research/team/">Zippia Research Team</a><br>\n<i>Editorial Staff</i></div>\n',
        f'<p class="browse"><a href="/{slugify(role.category)}-jobs/">Browse '
        f"<span>{_ep(role.category)}</span> jobs</a></p>\n",
        "</div></div>\n",
        _PLAIN_FOOT,
    ]
    return "".join(out)


def _vs_plain(site: Site, comparison: Comparison, pair: _Pair) -> str:
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    path = comparison_path(a.slug, b.slug)
    heading = f"{cap(a.name)} vs {b.name}"
    first, second = _intro(pair, comparison.intro)
    first_html = _decorate_plain(_ep(first))
    first_html = _link_first(first_html, a.name, a.path)
    first_html = _link_first(first_html, b.name, b.path)
    for name, _, _ in (*da.skills[:3], *db.skills[:3]):
        second = second.replace(f" {name.lower()}", f" \x00{name.lower()}\x01", 1)
    second_html = _ep(second).replace("\x00", "<em>").replace("\x01", "</em>")
    rows = _rows(pair)

    def grid(section: str, cell: str, linked: bool) -> str:
        head_a = f'<a href="{a.path}">{title_case(a.name)}</a>' if linked else title_case(a.name)
        head_b = f'<a href="{b.path}">{title_case(b.name)}</a>' if linked else title_case(b.name)
        lines = [
            f'<div class="vs-grid">\n<div class="vs-row vs-head"><{cell} class="vs-cell"></{cell}>'
            f'<{cell} class="vs-cell">{head_a}</{cell}><{cell} class="vs-cell">{head_b}</{cell}>'
            "</div>"
        ]
        for label, left, right in rows[section]:
            left_html, right_html = _ep(left), _ep(right)
            if label.endswith("salary"):
                left_html, right_html = (
                    f"<strong>{left_html}</strong>",
                    f"<strong>{right_html}</strong>",
                )
            if label == "Salary range":
                left_html = left_html.replace("Between ", "Between&nbsp;")
            lines.append(
                f'<div class="vs-row"><{cell} class="vs-cell vs-label">{label}</{cell}>'
                f'<{cell} class="vs-cell">{left_html}</{cell}><{cell} class="vs-cell">{right_html}'
                f"</{cell}></div>"
            )
        return "\n".join(lines) + "\n</div>\n"

    def shares(items: tuple[tuple[str, float], ...], sep: str) -> str:
        return sep.join(f"{n}, {p:.1f}%" for n, p in items)

    out = [
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n',
        f'<meta property="og:url" content="{site.url(path)}">\n',
        f"<title>{_ep(heading)} | Zippia</title>\n<style>{_PLAIN_CSS}</style>\n</head>\n<body>\n",
        f'{_PLAIN_TOP}\n<div class="page">\n<h2 class="vs-title">{_ep(heading)}</h2>\n',
        f'<div class="intro">\n<p>{first_html}</p>\n<p>{second_html}</p>\n</div>\n',
        f"<h4>{_ep(heading)} overview</h4>\n",
        grid("overview", "div", linked=True),
        '<div class="cols">\n',
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div><h5><a href="{role.path}">What does {role.an} do?</a></h5>\n'
            f"<p>{_ep(details.summary)}</p></div>\n"
        )
    out += [
        "</div>\n",
        f"<h4>{_ep(heading)} salary</h4>\n<p>{_ep(cap(a.plural))} and {_ep(b.plural)} have "
        "different pay scales, as shown below.</p>\n",
        grid("salary", "span", linked=False),
        f"<h4>Differences between {a.name} and {b.name} education</h4>\n<p>There are a few "
        f"differences between {a.an} and {b.an} in terms of educational background:</p>\n",
        grid("education", "div", linked=False),
        f"<h4>{_ep(heading)} demographics</h4>\n<p>Here are the differences between "
        f"{_ep(a.plural)}&#39; and {_ep(b.plural)}&#39; demographics:</p>\n",
        '<div class="vs-grid">\n<div class="vs-row vs-head"><div class="vs-cell"></div>'
        f'<div class="vs-cell">{title_case(a.name)}</div><div class="vs-cell">'
        f"{title_case(b.name)}</div></div>\n",
        f'<div class="vs-row"><div class="vs-cell vs-label">Average age</div><div class="vs-cell">'
        f'{da.age}</div><div class="vs-cell">{db.age}</div></div>\n',
        '<div class="vs-row"><div class="vs-cell vs-label">Gender ratio</div><div class="vs-cell">'
        f'{shares(da.gender, "<br>")}</div><div class="vs-cell">{shares(db.gender, BR_NL)}'
        "</div></div>\n",
        '<div class="vs-row"><div class="vs-cell vs-label">Race ratio</div><div class="vs-cell">'
        f'{shares(da.race, " ")}</div><div class="vs-cell">{shares(db.race, " ")}</div></div>\n',
        '<div class="vs-row"><div class="vs-cell vs-label">LGBT Percentage</div>'
        f'<div class="vs-cell">{da.lgbt:g}%</div><div class="vs-cell">{db.lgbt:g}%</div></div>\n'
        "</div>\n",
        f"<h4>Differences between {a.name} and {b.name} duties and responsibilities</h4>\n",
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f"<p>\n<strong>{_ep(cap(role.name))} example responsibilities.</strong>\n</p>\n"
            '<ul class="resp">\n'
            + "".join(f"  <li>{_ep(item)}</li>\n" for item in details.responsibilities[:6])
            + '  <li class="more"><a href="#" data-toggle="more">Show more</a></li>\n</ul>\n'
        )
    out += [f'<h4>{_ep(heading)} skills</h4>\n<div class="cols">\n']
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div>\n<div class="skill-title"><b>Common {role.name} skills</b></div>\n<ul>\n'
            + "".join(f"  <li><div><strong>{_ep(n)}</strong>, <span>{p:g}%</span></div></li>\n"
                      for n, p, _ in details.skills)
            + "</ul>\n</div>\n"
        )  # fmt: skip
    out += [
        "</div>\n",
        f'<p><a href="/{slugify(a.category)}-jobs/">Browse {_ep(a.category)} jobs</a></p>\n',
        "</div>\n",
        _PLAIN_FOOT,
    ]
    return "".join(out)
