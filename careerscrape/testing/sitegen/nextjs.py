"""The Next.js-style markup of the synthetic site: today's site, hashed class names and all."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from careerscrape.testing.sitegen.markup import _Classes, _e
from careerscrape.testing.sitegen.vocabulary import (
    _list_text,
    _long_date,
    _money,
    article,
    cap,
    comparison_path,
    slugify,
    title_case,
)
from careerscrape.testing.sitegen.wordings import _SECTIONS, _SOFT_WORDINGS

if TYPE_CHECKING:
    from careerscrape.testing.sitegen.site import Site
    from careerscrape.testing.sitegen.spec import Comparison, Role, RoleDetails
    from careerscrape.testing.sitegen.wordings import _Pair


# -- Next.js-style markup --------------------------------------------------------------------------

_NAV = (
    ("Explore jobs", (("/jobs/", "Jobs near me"), ("/remote-jobs/", "Remote jobs"),
                      ("/part-time-jobs/", "Part time jobs"))),
    ("Explore careers", (("/career-explorer/", "Career explorer"), ("/salaries/", "Salaries"),
                         ("/skills/", "Skills"))),
    ("Career advice", (("/career-advice/resume/", "Resume help"),
                       ("/career-advice/interview/", "Interview tips"))),
)  # fmt: skip
_FOOTER = (("/about/", "About Zippia"), ("/contact/", "Contact us"),
           ("/privacy-policy/", "Privacy policy"), ("/terms/", "Terms of service"))  # fmt: skip


def _next_head(site: Site, c: _Classes, title: str, description: str, url: str,
               data_layer: dict, ld: dict) -> list[str]:  # fmt: skip
    build = hashlib.blake2b(f"{site.seed}".encode(), digest_size=8).hexdigest()
    return [
        '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>',
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>',
        f"<title>{_e(title)}</title>",
        f'<meta name="description" content="{_e(description)}"/>',
        f'<link rel="canonical" href="{url}"/><meta property="og:url" content="{url}"/>',
        f'<meta property="og:title" content="{_e(title)}"/>',
        '<meta name="robots" content="index,follow"/>',
        f'<link rel="preload" href="/_next/static/css/{build}.css" as="style"/>',
        f'<link rel="stylesheet" href="/_next/static/css/{build}.css" data-n-g=""/>',
        f'<link rel="preload" href="/_next/static/chunks/main-{build}.js" as="script"/>',
        "<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),"
        "event:'gtm.js'});})(window,document,'script','dataLayer','GTM-K7Q2ZP9');</script>",
        "<script>window.dataLayer=window.dataLayer||[];window.dataLayer.push("
        + json.dumps(data_layer).replace("</", "<\\/")
        + ");</script>",
        '<script type="application/ld+json">' + json.dumps(ld).replace("</", "<\\/") + "</script>",
        f'<style data-styled="active" data-styled-version="5.3.11">{site._css}</style>',
        "</head><body>",
        f'<div id="__next"><div class="{c()}"><header class="{c()}"><div class="{c()}">',
        f'<a class="{c()}" href="/" aria-label="Zippia home"><svg width="96" height="28" '
        'viewBox="0 0 96 28" aria-hidden="true"><path d="M4 4h18L6 24h18" stroke="#1f6feb"/>'
        "</svg></a>",
        f'<nav class="{c()}" aria-label="Main"><ul class="{c()}">',
        *(
            f'<li class="{c()}"><button type="button" class="{c()}" aria-expanded="false">{label}'
            f'</button><div class="{c()}" role="menu" hidden=""><ul class="{c()}">'
            + "".join(
                f'<li role="none"><a role="menuitem" href="{h}">{t}</a></li>' for h, t in items
            )
            + "</ul></div></li>"
            for label, items in _NAV
        ),
        f'</ul></nav><div class="{c()}"><a href="/login/">Sign in</a>'
        '<a href="/post-job/">Post job</a></div></div></header>',
    ]


def _next_tail(c: _Classes, next_data: dict) -> list[str]:
    return [
        f'<footer class="{c()}"><div class="{c()}"><h4 class="{c()}">Company</h4><ul>',
        *(f'<li><a href="{h}">{t}</a></li>' for h, t in _FOOTER),
        f'</ul><small class="{c()}">\u00a9 2025 Zippia, Inc.</small></div></footer>',
        f'</div></div><div class="{c()}" role="dialog" aria-label="Cookie consent">'
        "<p>We use cookies to enhance your experience, analyze site traffic and personalize "
        "content.</p>"
        '<button type="button">Accept all</button></div>',
        '<script id="__NEXT_DATA__" type="application/json">'
        + json.dumps(next_data, separators=(",", ":")).replace("</", "<\\/")
        + "</script>",
        '<script>!function(){try{var t=document.querySelectorAll("[data-ad-slot]");for(var n=0;'
        'n<t.length;n++){t[n].setAttribute("data-ad-ready","1")}}catch(r){}}();</script>',
        "</body></html>",
    ]


def _ad(c: _Classes, slot: str) -> str:
    return (
        f'<div class="{c()}" data-ad-slot="{slot}"><div class="{c()}"><span class="{c()}">'
        f'Advertisement</span><div id="div-gpt-ad-{slot}" style="min-height:250px"></div>'
        "</div></div>"
    )


def _soft_paragraph(role: Role, name: str, desc: str, example: str, wording: int) -> str:
    text = _SOFT_WORDINGS[wording].format(
        an=role.an, role=role.name, roles=role.plural, Roles=cap(role.plural),
        lname=name.lower(), desc=desc, example=example,
    )  # fmt: skip
    return cap(text) if wording in (2, 3) else text


def _sections_of(site: Site, role: Role) -> list[tuple[_Pair, list[list[str]]]]:
    out = []
    for comparison in site._comparisons[role.index]:
        pair = site._pair(comparison)
        paragraphs, _ = _SECTIONS[comparison.section](pair)
        out.append((pair, paragraphs))
    return out


def _stale(value: int, factor: float) -> int:
    return round(value * factor)


def _role_nextjs(site: Site, role: Role, d: RoleDetails) -> str:
    c = _Classes(site._pool, role.path)
    url = site.url(role.path)
    title_name = title_case(role.name)
    stale_day = role.updated - timedelta(days=400)
    out = _next_head(
        site, c,
        f"What does {article(role.name)} {title_name} do? Duties & Responsibilities - Zippia",
        f"Learn about the key requirements, duties, responsibilities, and skills that should be in "
        f"{role.an} job description.",
        url,
        {"pageType": "role_what_do", "career": role.name, "avgSalary": _stale(role.salary, 0.95),
         "skillsShown": len(d.skills)},
        {"@context": "https://schema.org", "@type": "Article",
         "headline": f"What does {role.an} do?", "dateModified": stale_day.isoformat(),
         "mainEntityOfPage": url},
    )  # fmt: skip
    category_slug = slugify(role.category)
    out += [
        f'<main class="{c()}"><div class="{c()}"><nav class="{c()}" aria-label="Breadcrumb"><ol>',
        f'<li><a href="/">Zippia</a></li><li><a href="/{category_slug}-jobs/">'
        f"{_e(title_case(role.category))}</a></li>",
        f'<li aria-current="page">What Does {cap(article(role.name))} {title_name} Do</li>',
        "</ol></nav>",
        f'<div class="{c()}"><article class="{c()}"><div class="{c()}"><div class="{c()}">',
        f'<div class="{c()}"><h1 class="{c()}">What does {role.an} do?</h1></div>',
        f'<div class="{c()}"><div class="{c()}"><span class="{c()}">Updated <time dateTime="'
        f'{role.updated.isoformat()}T00:00:00.000Z">{_long_date(role.updated)}</time></span></div>',
        f'<div class="{c()}"><svg width="14" height="14" aria-hidden="true"><circle cx="7" cy="7" '
        f'r="6"/></svg><span class="{c()}">{d.reading_minutes} min read</span></div></div></div>',
        f'<div class="{c()}"><img alt="What does {role.an} do" src="/_next/image/?url='
        f'{role.slug}.png&amp;w=1200&amp;q=75" class="{c()}"/></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(d.summary)}</p></div>',
        f'<nav class="{c()}" aria-labelledby="toc-title"><span id="toc-title">On this page</span>'
        f'<ul class="{c()}" hidden=""><li><a href="#responsibilities">{cap(role.name)} '
        f'responsibilities</a></li><li><a href="#skills">{cap(role.name)} skills and personality '
        f'traits</a></li><li><a href="#compare">Compare different {role.plural}</a></li>'
        "</ul></nav>",
        _ad(c, "role_top_leaderboard"),
        f'<section id="responsibilities" class="{c()}"><div class="{c()}"><h2 class="{c()}">'
        f'{cap(role.name)} responsibilities</h2></div><div class="{c()}">',
        f'<p class="{c()}">Here are examples of responsibilities from real {role.name} '
        "resumes:</p>",
        f'<ul class="{c()}">',
        *(f'<li class="{c()}">{_e(item)}</li>' for item in d.responsibilities),
        f'<li class="{c()}"></li></ul><button type="button" class="{c()}" aria-expanded="true">'
        "Show more</button></div></section>",
        _ad(c, "role_mid_1"),
        f'<section id="skills" class="{c()}"><div class="{c()}"><h2 class="{c()}">'
        f'{cap(role.name)} skills and personality traits</h2></div><div class="{c()}">',
    ]
    top3 = ", ".join(n for n, _, _ in d.skills[:2]) + f", and {d.skills[2][0]}"
    soft3 = ", ".join(n for n, _, _ in d.soft_skills[:2]) + f", and {d.soft_skills[2][0]}"
    people = title_case(role.plural)
    out += [
        f'<p class="{c()}">We calculated that {d.skills[0][1]:g}% of {people} are proficient in '
        f"{_e(top3)}. They\u2019re also known for soft skills such as {soft3}.</p>",
        f'<p class="{c()}">We break down the percentage of {people} that have these skills listed '
        "on their resume here:</p>",
        f'<div class="{c()}"><ul class="{c()}">',
        *(
            f'<li class="{c()}"><span class="{c()}">{_e(n)}</span>, {p:g}%<p class="{c()}">{_e(e)}'
            "</p></li>"
            for n, p, e in d.skills
        ),
        "</ul></div></div>",
        f'<div class="{c()}"><p>Common skills that {role.an} uses to do their job include '
        + _e(_list_text([s.lower() for s, _, _ in d.skills[:3]], True))
        + f'." You can find details on the most important {role.name} responsibilities below.</p>',
        *(
            f"<p><b>{name}.</b> {_e(_soft_paragraph(role, name, desc, ex, w))}</p>"
            for (name, desc, ex), w in zip(d.soft_skills, d.soft_wordings, strict=True)
        ),
        "</div></section>",
        _ad(c, "role_mid_2"),
        f'<section id="most-common-skills" class="{c()}"><h2 class="{c()}">Most common '
        f'{role.name} skills</h2><div class="{c()}" data-chart="skills-bar" data-loading="true">'
        '<svg width="100%" height="340" aria-hidden="true"><g></g></svg></div></section>',
        f'<section class="{c()}"><h2 class="{c()}">Choose from 10+ customizable {role.name} '
        f'resume templates</h2><p class="{c()}">Build a professional {role.name} resume in '
        "minutes. Our AI resume writing assistant will guide you through every step of the "
        "process, and you can choose from 10+ resume templates to create your "
        f"{role.name} resume.</p></section>",
    ]
    sections = _sections_of(site, role)
    if sections:
        out.append(
            f'<section id="compare" class="{c()}"><div class="{c()}"><h2 class="{c()}">Compare '
            f'different {role.plural}</h2></div><div class="{c()}">'
        )
        for k, (pair, paragraphs) in enumerate(sections):
            href = comparison_path(role.slug, pair.b.slug)
            out.append(
                f'<div class="{c()}"><div class="{c()}"><h3 class="{c()}"><a class="{c()}" '
                f'href="{href}">{_e(cap(role.name))} vs. {_e(cap(pair.b.name))}</a></h3></div>'
                f'<div class="{c()}"><p>{_e(pair.db.summary)}</p>'
            )
            out += [f"<p>{_e(''.join(chunks))}</p>" for chunks in paragraphs]
            out.append("</div></div>")
            if k == 1:
                out.append(_ad(c, "role_compare_inline"))
        out.append("</div></section>")
    out += [
        f'<section id="types" class="{c()}"><h2 class="{c()}">Types of {role.name}</h2>'
        f'<div class="{c()}">'
        + "".join(f'<a class="{c()}"><span>{t}</span></a> ' for t in d.types)
        + "</div></section>",
        f'</div></div></article><div class="{c()}"><span class="{c()}">Updated <time>'
        f"{_long_date(role.updated)}</time></span>",
        f'<div class="{c()}"><a href="/research/team/">Zippia Research Team</a></div>'
        f'<p class="{c()}">The Zippia Research Team has spent countless hours reviewing '
        "resumes, job postings, and government data to determine what goes into getting a job "
        "in each phase of life.</p></div>",
        f'<div class="{c()}"><a class="{c()}" href="/{category_slug}-jobs/">Browse '
        f"{_e(role.category)} jobs</a></div></div>",
        f'<aside class="{c()}"><span class="{c()}">Related careers</span><ul class="{c()}">',
        *(
            f'<li class="{c()}"><a href="{pair.b.path}">{title_case(pair.b.name)}</a></li>'
            for pair, _ in sections
        ),
        "</ul>" + _ad(c, "role_sidebar_sticky") + "</aside></div></main>",
    ]
    next_data = {
        "props": {"pageProps": {"careerData": {
            "title": title_name, "titlePlural": title_case(role.plural), "slug": role.slug,
            "careerSlug": f"{role.slug}-jobs",
            "updatedAt": f"{stale_day.isoformat()}T16:02:11.000Z",
            "readTime": d.reading_minutes + 2, "avgSalary": _stale(role.salary, 0.95),
            "avgHourly": round(_stale(role.salary, 0.95) / 2080, 2),
            "skills": [{"name": n, "pct": round(p * 0.9, 1)} for n, p, _ in d.skills],
            "category": title_case(role.category),
            "salaryDiffs": [{"slug": p.b.slug, "diff": _stale(p.difference, 1.1)}
                            for p, _ in sections],
            "bodyHtml": f"<h1>What does {role.an} do?</h1>",
        }}},
        "page": "/[careerSlug]/[roleDoPage]",
        "query": {"careerSlug": f"{role.slug}-jobs"},
        "buildId": hashlib.blake2b(f"{site.seed}".encode(), digest_size=8).hexdigest(),
        "isFallback": False,
        "gssp": True,
    }  # fmt: skip
    out += _next_tail(c, next_data)
    return "".join(out)


def _intro(pair: _Pair, variant: int) -> tuple[str, str]:
    """The comparison page's two opening paragraphs (years and salary; top skills)."""
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    ya, yb = f"{da.years[0]}-{da.years[1]} years", f"{db.years[0]}-{db.years[1]} years"
    if da.years == db.years:
        years = f"It typically takes {ya} to become both {a.an} and {b.an}."
    elif variant == 0:
        years = (f"While it typically takes {ya} to become {a.an}, becoming {b.an} takes usually "
                 f"requires {yb}.")  # fmt: skip
    else:
        years = f"While it typically takes {ya} to become {a.an}, becoming {b.an} requires {yb}."
    relation = "higher" if a.salary > b.salary else "lower"
    first = (
        f"The differences between {a.plural} and {b.plural} can be seen in a few details. Each "
        f"job has different responsibilities and duties. {years} Additionally, {a.an} has an "
        f"average salary of {_money(a.salary)}, which is {relation} than the {_money(b.salary)} "
        f"average annual salary of {b.an}."
    )
    top_a = _list_text([s.lower() for s, _, _ in da.skills[:3]], False, comma_and=False)
    top_b = _list_text([s.lower() for s, _, _ in db.skills[:3]], False)
    second = (
        f"The top three skills for {a.an} include {top_a}. The most important skills for {b.an} "
        f"are {top_b}."
    )
    return first, second


def _rows(pair: _Pair) -> dict[str, list[tuple[str, str, str]]]:
    """The comparison tables: section -> rows of (label, left cell, right cell)."""

    def both(get: Callable[[Role, RoleDetails], str]) -> tuple[str, str]:
        return get(pair.a, pair.da), get(pair.b, pair.db)

    def opt(value: float | int | None, fmt: Callable[[Any], str]) -> str:
        return "-" if value is None else fmt(value)

    return {
        "overview": [
            ("Yearly salary", *both(lambda r, d: _money(r.salary))),
            ("Hourly rate", *both(lambda r, d: f"${r.hourly:.2f}")),
            ("Growth rate", *both(lambda r, d: opt(d.growth, lambda v: f"{v:g}%"))),
            ("Number of jobs", *both(lambda r, d: f"{d.jobs:,}")),
            ("Job satisfaction", *both(lambda r, d: opt(d.satisfaction, lambda v: f"{v:g}"))),
            ("Most common degree", *both(lambda r, d: f"{d.degree[0]}, {d.degree[1]:g}%")),
            ("Average age", *both(lambda r, d: str(d.age))),
            ("Years of experience", *both(lambda r, d: opt(d.experience, str))),
        ],
        "salary": [
            ("Average salary", *both(lambda r, d: _money(r.salary))),
            ("Salary range", *both(lambda r, d: f"Between {_money(d.salary_range[0])} And "
                                                f"{_money(d.salary_range[1])}")),
            ("Highest paying City", *both(lambda r, d: d.city)),
            ("Highest paying state", *both(lambda r, d: d.state)),
            ("Best paying company", *both(lambda r, d: d.company)),
            ("Best paying industry", *both(lambda r, d: d.industry)),
        ],
        "education": [
            ("Most common degree", *both(lambda r, d: f"{d.degree[0]}, {d.degree[1]:g}%")),
            ("Most common major", *both(lambda r, d: d.major)),
            ("Most common college", *both(lambda r, d: d.college)),
        ],
    }  # fmt: skip


def _vs_nextjs(site: Site, comparison: Comparison, pair: _Pair) -> str:
    a, b, da, db = pair.a, pair.b, pair.da, pair.db
    path = comparison_path(a.slug, b.slug)
    c = _Classes(site._pool, path)
    url = site.url(path)
    heading = f"{cap(a.name)} vs {b.name}"
    out = _next_head(
        site, c, f"{heading} | Zippia",
        f"Compare {a.plural} and {b.plural}: salary, education, skills and duties.", url,
        {"pageType": "vs", "careers": [a.name, b.name], "avgSalary": _stale(a.salary, 0.97)},
        {"@context": "https://schema.org", "@type": "Article", "headline": heading,
         "dateModified": (a.updated - timedelta(days=200)).isoformat()},
    )  # fmt: skip
    first, second = _intro(pair, comparison.intro)
    rows = _rows(pair)

    def table(section: str, linked: bool) -> str:
        head_a = f'<a href="{a.path}">{title_case(a.name)}</a>' if linked else title_case(a.name)
        head_b = f'<a href="{b.path}">{title_case(b.name)}</a>' if linked else title_case(b.name)
        body = "".join(
            f'<tr class="{c()}"><td class="{c()}"><span class="{c()}">{label}</span></td>'
            + "".join(
                f'<td class="{c()}"><div class="{c()}"><span class="{c()}">{_e(cell)}</span>'
                + ('<svg width="14" height="14" aria-hidden="true"></svg>'
                   if label == "Job satisfaction" and cell != "-" else "")
                + "</div></td>"
                for cell in (left, right)
            )
            + "</tr>"
            for label, left, right in rows[section]
        )  # fmt: skip
        return (
            f'<div class="{c()}"><table class="{c()}"><thead class="{c()}"><tr class="{c()}">'
            f'<th class="{c()}" scope="col"></th><th class="{c()}" scope="col">{head_a}</th>'
            f'<th class="{c()}" scope="col">{head_b}</th></tr></thead><tbody class="{c()}">'
            f"{body}</tbody></table></div>"
        )

    def shares(items: tuple[tuple[str, float], ...]) -> str:
        return "".join(f'<div class="{c()}"><span class="{c()}">{n}, {p:.1f}%</span></div>'
                       for n, p in items)  # fmt: skip

    demographics = [
        ("Average age", str(da.age), str(db.age)),
        ("Gender ratio", shares(da.gender), shares(db.gender)),
        ("Race ratio", shares(da.race), shares(db.race)),
        ("LGBT Percentage", f"{da.lgbt:g}%", f"{db.lgbt:g}%"),
    ]
    demo_rows = "".join(
        f'<tr class="{c()}"><td class="{c()}"><span class="{c()}">{label}</span></td>'
        f'<td class="{c()}"><div class="{c()}">{left}</div></td>'
        f'<td class="{c()}"><div class="{c()}">{right}</div></td></tr>'
        for label, left, right in demographics
    )
    out += [
        f'<main class="{c()}"><div class="{c()}">' + _ad(c, "vs_top"),
        f'<article class="{c()}"><div class="{c()}"><h1 class="{c()}">{_e(heading)}</h1></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(first)}</p></div>',
        f'<div class="{c()}"><p class="{c()}">{_e(second)}</p></div>',
        f'<nav class="{c()}" aria-label="On this page"><ol><li><a href="#overview">{_e(heading)} '
        'overview</a></li><li><a href="#salary">Salary</a></li></ol></nav>',
        f'<section class="{c()}" id="overview"><h2 class="{c()}">{_e(heading)} overview</h2>',
        table("overview", linked=True),
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}"><a href="{role.path}">What does {role.an} do?'
            f'</a></h3><div class="{c()}"><p class="{c()}">{_e(details.summary)}</p></div></div>'
        )
    out += [
        "</section>",
        _ad(c, "vs_mid_1"),
        f'<section class="{c()}" id="salary"><h2 class="{c()}">{_e(heading)} salary</h2>',
        f'<p class="{c()}">{_e(cap(a.plural))} and {_e(b.plural)} have different pay scales, as '
        "shown below.</p>",
        table("salary", linked=False),
        "</section>",
        f'<section class="{c()}" id="education"><h2 class="{c()}">Differences between {a.name} and '
        f'{b.name} education</h2><p class="{c()}">There are a few differences between {a.an} and '
        f"{b.an} in terms of educational background:</p>",
        table("education", linked=False),
        "</section>",
        _ad(c, "vs_mid_2"),
        f'<section class="{c()}" id="demographics"><h2 class="{c()}">{_e(heading)} demographics'
        f'</h2><div class="{c()}"><table class="{c()}"><thead><tr><th scope="col"></th>'
        f'<th scope="col">{title_case(a.name)}</th><th scope="col">{title_case(b.name)}</th></tr>'
        f"</thead><tbody>{demo_rows}</tbody></table></div></section>",
        f'<section class="{c()}" id="duties"><h2 class="{c()}">Differences between {a.name} and '
        f"{b.name} duties and responsibilities</h2>",
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}">{_e(cap(role.name))} example responsibilities.'
            f'</h3><ul class="{c()}">'
            + "".join(f'<li class="{c()}"><span class="{c()}">{_e(item)}</span></li>'
                      for item in details.responsibilities[:6])
            + f'</ul><button type="button" class="{c()}">Show more</button></div>'
        )  # fmt: skip
    out += [
        "</section>",
        f'<section class="{c()}" id="skills"><h2 class="{c()}">{_e(heading)} skills</h2>',
    ]
    for role, details in ((a, da), (b, db)):
        out.append(
            f'<div class="{c()}"><h3 class="{c()}">Common {role.name} skills</h3><ul class="{c()}">'
            + "".join(
                f'<li class="{c()}"><div class="{c()}"><span class="{c()}">{_e(n)}</span>, {p:g}%'
                f'</div><div class="{c()}" role="presentation"><div style="width:{p:g}%"></div>'
                "</div></li>"
                for n, p, _ in details.skills
            )
            + "</ul></div>"
        )
    out += [
        "</section>",
        f'<div class="{c()}"><a href="/{slugify(a.category)}-jobs/">Browse {_e(a.category)} jobs'
        "</a></div></article>",
        _ad(c, "vs_bottom") + "</div></main>",
    ]
    next_data = {
        "props": {"pageProps": {"vsData": {
            "left": {"slug": a.slug, "avgSalary": _stale(a.salary, 0.97), "growth": -3},
            "right": {"slug": b.slug, "avgSalary": _stale(b.salary, 1.04), "yearsToBecome": "1-2"},
        }}},
        "page": "/[careerSlug]/[vsPage]",
        "query": {"careerSlug": f"{a.slug}-jobs", "vsPage": f"{a.slug}-vs-{b.slug}-differences"},
        "isFallback": False,
    }  # fmt: skip
    out += _next_tail(c, next_data)
    return "".join(out)
