"""Comparison figures in layouts other than a table: each value to its role, or to none.

A value whose side the page does not settle is refused (null): a wrong value
is worse than a null.
"""

from __future__ import annotations

from careerscrape.parsing import parse_page

URL = "https://www.zippia.com/chef-jobs/chef-vs-line-cook-differences/"
TITLE = "<h1>Chef vs line cook</h1>"
HEAD = "<head><title>Chef vs Line Cook | Zippia</title></head>"


def sides(body: str, title: str = TITLE) -> list[dict]:
    page = f"<html>{HEAD}<body>{title}{body}</body></html>"
    return [side.model_dump() for side in parse_page(page, URL).roles]


def card(name: str | None, rows: dict[str, str]) -> str:
    title = f"<div><b>{name}</b></div>" if name else ""
    pairs = "".join(f"<div><span>{k}</span><span>{v}</span></div>" for k, v in rows.items())
    return f"<section>{title}{pairs}</section>"


def test_a_card_per_role_gives_each_role_its_values_and_the_names_as_written() -> None:
    chef, cook = sides(
        card("Chef", {"Yearly salary": "$50,000", "Average age": "40"})
        + card("Line Cook", {"Yearly salary": "$30,000", "Average age": "30"})
    )
    assert (chef["role"], chef["yearly_salary"], chef["average_age"]) == ("Chef", 50000, 40)
    assert (cook["role"], cook["yearly_salary"], cook["average_age"]) == ("Line Cook", 30000, 30)
    assert (chef["role_slug"], cook["role_slug"]) == ("chef", "line-cook")


def test_cards_in_the_other_order_still_go_to_their_roles() -> None:
    chef, cook = sides(
        card("Line Cook", {"Yearly salary": "$30,000"}) + card("Chef", {"Yearly salary": "$50,000"})
    )
    assert (chef["yearly_salary"], cook["yearly_salary"]) == (50000, 30000)


def test_a_row_missing_from_one_card_is_null_there_not_the_other_roles_value() -> None:
    chef, cook = sides(
        card("Chef", {"Yearly salary": "$50,000"})
        + card("Line Cook", {"Yearly salary": "$30,000", "Average age": "30"})
    )
    assert (chef["average_age"], cook["average_age"]) == (None, 30)


def test_untitled_cards_go_by_page_order_only_when_both_show_the_figure() -> None:
    chef, cook = sides(card(None, {"Average age": "40"}) + card(None, {"Average age": "30"}))
    assert (chef["average_age"], cook["average_age"]) == (40, 30)
    rates = "<table><tr><td>Hourly rate</td><td>$24.04</td><td>$14.42</td></tr></table>"
    chef, cook = sides(
        card(None, {"Average age": "30"}) + card(None, {"Growth rate": "5%"}) + rates
    )
    assert (chef["average_age"], cook["average_age"]) == (None, None)
    assert (chef["hourly_rate"], cook["hourly_rate"]) == (24.04, 14.42)


def test_an_untitled_card_after_a_titled_one_is_not_given_its_title() -> None:
    chef, cook = sides(card("Chef", {"Average age": "40"}) + card(None, {"Average age": "30"}))
    assert (chef["average_age"], cook["average_age"]) == (40, None)


def test_a_table_on_its_side_goes_by_the_names_of_its_rows() -> None:
    table = (
        "<table><tr><td></td><td>Yearly salary</td><td>Growth rate</td></tr>"
        "<tr><td>Line cooks</td><td>$30,000</td><td>-</td></tr>"
        "<tr><td>Chef</td><td>$50,000</td><td>5%</td></tr></table>"
    )
    chef, cook = sides(table)
    assert (chef["yearly_salary"], chef["growth_rate"]) == (50000, 5.0)
    assert (cook["yearly_salary"], cook["growth_rate"]) == (30000, None)
    assert chef["role"] == "Chef"  # the row's head is the name as the page writes it alone


def test_label_value_lines_under_each_roles_name() -> None:
    body = (
        "<p><b>Chef</b><br>Highest paying state: Texas<br>Best paying company: Hilton</p>"
        "<p><b>Line cook</b><br>Highest paying state: Ohio</p>"
    )
    chef, cook = sides(body)
    assert (chef["highest_paying_state"], chef["best_paying_company"]) == ("Texas", "Hilton")
    assert (cook["highest_paying_state"], cook["best_paying_company"]) == ("Ohio", None)


def test_without_a_title_the_roles_come_from_the_url() -> None:
    chef, cook = sides(
        card("Chef", {"Average age": "40"}) + card("Line Cook", {"Average age": "30"}), title=""
    )
    assert (chef["role"], cook["role"]) == ("Chef", "Line Cook")
    assert (chef["average_age"], cook["average_age"]) == (40, 30)


def test_a_section_title_naming_another_pair_is_not_the_pages_roles() -> None:
    """The URL names chef and line cook: "Chef vs line cook salary" is a section, not the title.

    The browser title names them: "Chef vs Line Cook | Zippia".
    """
    chef, cook = sides(
        card("Chef", {"Average age": "40"}), title="<h2>Chef vs line cook salary</h2>"
    )
    assert (chef["role"], cook["role"]) == ("Chef", "Line Cook")
    assert (chef["average_age"], cook["average_age"]) == (40, None)


def test_a_row_that_lost_a_cell_gives_neither_role_its_one_value() -> None:
    """Under a header of the two roles, one value left in a row could be either's."""
    table = (
        "<div><div><div></div><div>Chef</div><div>Line Cook</div></div>"
        "<div><div>Yearly salary</div><div>$50,000</div></div>"
        "<div><div>Average age</div><div>40</div><div>30</div></div></div>"
    )
    chef, cook = sides(table)
    assert (chef["yearly_salary"], cook["yearly_salary"]) == (None, None)
    assert (chef["average_age"], cook["average_age"]) == (40, 30)


def test_a_card_of_pairs_without_digits_is_no_header_row() -> None:
    """ "Highest paying City | Austin, TX" above a pair is a pair, not the roles' names."""
    chef, cook = sides(
        card("Chef", {"Highest paying City": "Austin, TX", "Highest paying state": "Texas"})
        + card("Line Cook", {"Highest paying City": "Dayton, OH", "Highest paying state": "Ohio"})
    )
    assert (chef["highest_paying_state"], cook["highest_paying_state"]) == ("Texas", "Ohio")


def test_section_titles_drawn_as_plain_lines_still_end_their_sections() -> None:
    """Titles styled by a class alone: "What does a X do?" and the section after it."""
    body = (
        "<table><tr><td></td><td>Chef</td><td>Line Cook</td></tr>"
        "<tr><td>Yearly salary</td><td>$50,000</td><td>$30,000</td></tr></table>"
        "<div>What does a chef do?</div>"
        "<div>Chefs run the kitchen, plan the menu and train the cooks who work the line.</div>"
        "<div>What does a line cook do?</div>"
        "<div>Chef vs line cook salary</div>"
        "<div>Chefs and line cooks have different pay scales, as shown in the table below.</div>"
    )
    chef, cook = sides(body)
    assert chef["description"].startswith("Chefs run the kitchen")
    assert cook["description"] is None  # the salary section's first line is no description


def test_a_cards_term_with_several_descriptions_is_that_roles_value() -> None:
    def dl_card(name: str, male: str, female: str) -> str:
        return (
            f"<section><h4>{name}</h4><dl><dt>Yearly salary</dt><dd>$1</dd>"
            f"<dt>Gender ratio</dt><dd>Male, {male}%</dd><dd>Female, {female}%</dd></dl></section>"
        )

    chef, cook = sides(dl_card("Chef", "60.0", "40.0") + dl_card("Line Cook", "70.0", "30.0"))
    assert [(s["name"], s["percent"]) for s in chef["gender"]] == [("Male", 60.0), ("Female", 40.0)]
    assert [(s["name"], s["percent"]) for s in cook["gender"]] == [("Male", 70.0), ("Female", 30.0)]


def test_skills_listed_in_a_table_of_name_and_share() -> None:
    body = (
        "<table><tr><td>Yearly salary</td><td>$50,000</td><td>$30,000</td></tr></table>"
        "<h3>Common chef skills</h3><table><tr><td>Menu Planning</td><td>14%</td></tr>"
        "<tr><td>Food Safety</td><td>9%</td></tr></table>"
        "<h3>Common line cook skills</h3><table><tr><td>Line Cooking</td><td>20%</td></tr></table>"
    )
    chef, cook = sides(body)
    assert chef["skills"] == [
        {"name": "Menu Planning", "percent": 14.0},
        {"name": "Food Safety", "percent": 9.0},
    ]
    assert cook["skills"] == [{"name": "Line Cooking", "percent": 20.0}]


def test_terms_under_a_header_of_the_roles_in_its_order() -> None:
    """The header writes the line cook first: the record's roles follow the page's columns."""
    body = (
        "<div><div></div><div>Line Cook</div><div>Chef</div></div>"
        "<dl><dt>Yearly salary</dt><dd>$30,000</dd><dd>$50,000</dd>"
        "<dt>Average age</dt><dd>30</dd></dl>"
    )
    cook, chef = sides(body)
    assert (cook["role"], chef["role"]) == ("Line Cook", "Chef")
    assert (cook["role_slug"], chef["role_slug"]) == ("line-cook", "chef")
    assert (chef["yearly_salary"], cook["yearly_salary"]) == (50000, 30000)
    assert (chef["average_age"], cook["average_age"]) == (None, None)  # whose is the one left?


def test_a_card_title_split_across_spans_is_no_header() -> None:
    split = "<div><div><span>Li</span><span>ne Cook</span></div>"
    cards = card("Chef", {"Average age": "40"}) + card("Line Cook", {"Average age": "30"})
    chef, cook = sides(cards.replace("<div><b>Line Cook</b></div>", split + "</div>"))
    assert (chef["average_age"], cook["average_age"]) == (40, 30)


def test_a_card_per_figure_with_each_roles_value_on_its_line() -> None:
    """A label over "Whose: value" lines: the transpose of a card per role."""
    body = (
        "<h4>Yearly salary:</h4>"
        "<ul><li><b>Line cook:</b> $30,000</li><li><b>Chef:</b> $50,000</li></ul>"
        "<h4>Average age</h4><p>Chef: 40</p><h4>Gender ratio</h4><p>Male: 60%</p>"
    )
    chef, cook = sides(body)
    assert (chef["yearly_salary"], cook["yearly_salary"]) == (50000, 30000)
    assert (chef["average_age"], cook["average_age"]) == (40, None)
    assert (chef["gender"], cook["gender"]) == ([], [])  # "Male" names no role
    assert (chef["role"], cook["role"]) == ("Chef", "Line cook")


def test_descriptions_as_terms_of_a_list() -> None:
    body = (
        "<table><tr><td>Yearly salary</td><td>$50,000</td><td>$30,000</td></tr></table>"
        "<dl><dt>What does a chef do?</dt><dd>A chef runs the kitchen, plans the menu and trains "
        "the cooks who work the line every night.</dd><dt>What does a line cook do?</dt>"
        "<dd>A line cook prepares the dishes of one station of the kitchen, following the chef's "
        "recipes.</dd></dl>"
    )
    chef, cook = sides(body)
    assert chef["description"].startswith("A chef runs the kitchen")
    assert cook["description"].startswith("A line cook prepares")


def test_a_header_written_as_the_first_term_of_a_list() -> None:
    """<dt></dt><dd>Chef</dd><dd>Line Cook</dd> then terms: the columns are the header's."""
    body = (
        "<dl><dt></dt><dd>Line Cook</dd><dd>Chef</dd>"
        "<dt>Most common major</dt><dd>Culinary Arts</dd><dd>Hospitality</dd></dl>"
    )
    chef, cook = sides(body)
    assert (chef["most_common_major"], cook["most_common_major"]) == (
        "Hospitality",
        "Culinary Arts",
    )


def test_an_ad_between_a_label_and_its_lines_is_skipped() -> None:
    body = (
        "<p>Number of jobs</p><div><span>Advertisement</span></div>"
        "<ul><li><b>Chef:</b> 120,000</li><li><b>Line Cook:</b> 90,000</li></ul>"
    )
    chef, cook = sides(body)
    assert (chef["number_of_jobs"], cook["number_of_jobs"]) == (120000, 90000)


def test_a_label_loose_in_the_body_is_refused_not_a_crash() -> None:
    """A page damaged in its head leaves a label as the body's own text (seen in fuzzing)."""
    page = (
        '<html><head><title>Chef vs Line Cook | Zippia</title><meta content="x">'
        "Growth rate</div><div>7%</div><div>5%</div>" + TITLE
        + "<table><tr><th></th><th>Chef</th><th>Line cook</th></tr>"
        "<tr><td>Average age</td><td>40</td><td>30</td></tr></table></body></html>"
    )  # fmt: skip
    roles = parse_page(page, URL).roles
    assert [(r.role, r.growth_rate, r.average_age) for r in roles] == [
        ("Chef", None, 40),
        ("line cook", None, 30),
    ]
