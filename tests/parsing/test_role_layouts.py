"""Role pages whose structure no element carries: titles, lists and skills by what they say."""

from __future__ import annotations

from careerscrape.parsing import parse_page

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
#: Every title a plain <div> (styled by a class), lists of plain blocks, a skill gauge.
PLAIN_TITLES = """<html><body>
<div>What does a chef do?</div>
<p>A chef runs the kitchen of a restaurant, plans the menu, orders stock and trains the cooks.</p>
<div>Chef responsibilities</div>
<p>Here are examples of responsibilities from real chef resumes:</p>
<div><div>Plan the prep list.</div><div>Train new cooks.</div></div>
<div>Chef skills and personality traits</div>
<div><div><span>Menu Planning</span><span>14%</span></div><p>Planned seasonal menus.</p></div>
<div><div><span>Food Safety</span><span>9%</span></div></div>
<div>Compare different chefs</div>
<div><a href="/chef-jobs/chef-vs-cook-differences/">Chef vs. Cook</a></div>
<p>A cook prepares food on the line, following the recipes the chef writes for the menu.</p>
<p>On average, cooks earn a $20,000 lower salary than chefs a year.</p>
<div>Types of chef</div>
<p>The Zippia Research Team has spent countless hours reviewing resumes and job postings.</p>
</body></html>"""


def test_titles_drawn_as_plain_lines_open_and_end_their_sections() -> None:
    record = parse_page(PLAIN_TITLES, URL)
    assert record.role == "chef"
    assert record.summary.startswith("A chef runs the kitchen")
    assert record.responsibilities == ["Plan the prep list.", "Train new cooks."]
    assert [(s.name, s.percent, s.example) for s in record.skills] == [
        ("Menu Planning", 14.0, "Planned seasonal menus."),
        ("Food Safety", 9.0, None),  # the next card's line is no example of this one
    ]
    (cook,) = record.comparisons
    assert (cook.other_role, cook.other_role_slug, cook.salary_difference) == (
        "Cook",
        "cook",
        -20000,
    )
    assert cook.other_description.startswith("A cook prepares food")


def test_without_a_title_the_urls_role_finds_its_sections() -> None:
    page = PLAIN_TITLES.replace("<div>What does a chef do?</div>", "")
    record = parse_page(page, URL)
    assert record.role == "Chef"  # as the responsibilities title writes it
    assert record.responsibilities == ["Plan the prep list.", "Train new cooks."]


def test_skills_in_a_table_of_name_share_and_example() -> None:
    cards = (
        "<div><div><span>Menu Planning</span><span>14%</span></div><p>Planned seasonal menus.</p>"
        "</div>\n<div><div><span>Food Safety</span><span>9%</span></div></div>"
    )
    assert cards in PLAIN_TITLES
    page = PLAIN_TITLES.replace(
        cards,
        "<table><tr><th>Skill</th><th>Share</th><th>Example</th></tr>"
        "<tr><td>Menu Planning</td><td>14%</td><td>Planned seasonal menus.</td></tr>"
        "<tr><td>Food Safety</td><td>9%</td><td></td></tr></table>",
    )
    record = parse_page(page, URL)
    assert [(s.name, s.percent, s.example) for s in record.skills] == [
        ("Menu Planning", 14.0, "Planned seasonal menus."),
        ("Food Safety", 9.0, None),
    ]


def test_an_example_shown_as_a_dash_is_none() -> None:
    """A placeholder where the resume line would be is no example (a blanked card)."""
    html = """<html><body><h1>What does a chef do?</h1>
<p>A chef runs the kitchen of a restaurant, plans the menu, orders stock and trains the cooks.</p>
<h2>Chef skills and personality traits</h2>
<div role="list"><div role="listitem"><span>Menu Planning</span><span>14%</span><div>-</div></div>
<div role="listitem"><span>Food Safety</span><span>9%</span><div>Kept the line clean.</div></div>
</div></body></html>"""
    record = parse_page(html, URL)
    assert [(s.name, s.percent, s.example) for s in record.skills] == [
        ("Menu Planning", 14.0, None),
        ("Food Safety", 9.0, "Kept the line clean."),
    ]


def test_a_text_dump_in_a_pre_is_read_as_its_lines_show() -> None:
    html = """<html><body><pre>
# What does a chef do?

Updated May 2, 2025 · 4 min read

A chef runs the kitchen of a restaurant, plans the menu, orders stock and trains the cooks.

## Chef responsibilities

- Plan the prep list.
- Train new cooks.

## Chef skills and personality traits

- Menu Planning: 14%
  Planned seasonal menus.
- Food Safety: 9%

**Communication skills.** Chefs need "communication skills." Cooks must "follow the orders \
called out." A chef resume says: "briefed the line before every service."
</pre></body></html>"""
    record = parse_page(html, URL)
    assert (record.role, str(record.updated), record.reading_minutes) == ("chef", "2025-05-02", 4)
    assert record.summary.startswith("A chef runs the kitchen")
    assert record.responsibilities == ["Plan the prep list.", "Train new cooks."]
    assert [(s.name, s.percent, s.example) for s in record.skills] == [
        ("Menu Planning", 14.0, "Planned seasonal menus."),
        ("Food Safety", 9.0, None),
    ]
    (soft,) = record.soft_skills
    assert (soft.name, soft.description, soft.example) == (
        "Communication skills",
        "follow the orders called out.",
        "briefed the line before every service.",
    )


def test_dates_and_reading_times_as_redesigns_write_them() -> None:
    for line, updated, minutes in [
        ("Last updated on January 8, 2025 \u00b7 7-minute read", "2025-01-08", 7),
        ("Updated: 8 January 2025 | Reading time: 7 minutes", "2025-01-08", 7),
        ("Updated Jan. 8, 2025 &middot; 7 min. read", "2025-01-08", 7),
    ]:
        html = f"""<html><body><h1>What does a chef do?</h1><p>{line}</p>
<p>A chef runs the kitchen of a restaurant, plans the menu, orders stock and trains cooks.</p>
</body></html>"""
        record = parse_page(html, URL)
        assert (str(record.updated), record.reading_minutes) == (updated, minutes), line
        assert record.summary.startswith("A chef runs")


def test_a_skill_line_takes_the_line_after_it_in_its_box_as_its_example() -> None:
    html = """<html><body><h1>What does a chef do?</h1>
<p>A chef runs the kitchen of a restaurant, plans the menu, orders stock and trains cooks.</p>
<h2>Chef skills and personality traits</h2>
<div><p>- Menu Planning: 14%</p><p>Planned seasonal menus.</p><p>- Food Safety: 9%</p></div>
<p>Common skills that a chef uses include "menu planning." You can find details below.</p>
</body></html>"""
    assert [(s.name, s.example) for s in parse_page(html, URL).skills] == [
        ("Menu Planning", "Planned seasonal menus."),
        ("Food Safety", None),  # the paragraph after the list is in another box, and prose
    ]


def test_a_comparison_heading_with_a_subtitle_names_the_other_role_alone() -> None:
    html = PLAIN_TITLES.replace("Chef vs. Cook</a>", "Chef vs. Cook</a>: what's the difference?")
    (cook,) = parse_page(html, URL).comparisons
    assert (cook.other_role, cook.other_role_slug, cook.salary_difference) == (
        "Cook",
        "cook",
        -20000,
    )
