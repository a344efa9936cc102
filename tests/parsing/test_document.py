"""The block pass reads structure by what a reader sees, whatever elements carry it."""

from __future__ import annotations

import pytest

from careerscrape.parsing.document import BOLD_HEADING_LEVEL, Document, Figure

KNOWN = frozenset(
    {"yearly salary", "hourly rate", "average age", "gender ratio", "lgbt percentage", "lgbt"}
)


def lines(html: str) -> list[tuple[str, str]]:
    """(kind, text) of every block of a page whose body is ``html``."""
    return [(b.kind, b.text) for b in Document.parse(f"<html><body>{html}</body></html>").blocks]


def doc(html: str) -> Document:
    return Document.parse(f"<html><body>{html}</body></html>")


# -- headings ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "level"),
    [
        ("<h3>Chef responsibilities</h3>", 3),
        ('<div role="heading" aria-level="4">Chef responsibilities</div>', 4),
        ("<details open><summary>Chef responsibilities</summary><p>x</p></details>", 2),
        ("<h3><button aria-expanded='true'>Chef responsibilities</button></h3>", 3),
        ("<p><b>Chef responsibilities</b></p>", BOLD_HEADING_LEVEL),
        ("<div><span><strong>Chef</strong> <strong>responsibilities</strong></span></div>", 7),
        ('<p style="font-weight: 700">Chef responsibilities</p>', BOLD_HEADING_LEVEL),
    ],
)
def test_a_heading_is_read_by_role_and_looks(html: str, level: int) -> None:
    (heading, *_) = doc(html).blocks
    assert (heading.kind, heading.text, heading.level) == (
        "heading",
        "Chef responsibilities",
        level,
    )


@pytest.mark.parametrize(
    "html",
    [
        "<p><b>Communication skills.</b> Chefs talk to the line all night.</p>",
        "<p>Chef <b>responsibilities</b></p>",
        "<td><b>Yearly salary</b></td>",
        "<p><b>" + "A long bold sentence that is emphasis and no title at all. " * 3 + "</b></p>",
    ],
)
def test_bold_words_in_a_line_or_a_cell_are_no_heading(html: str) -> None:
    assert all(block.kind != "heading" for block in doc(f"<table><tr>{html}</tr></table>").blocks)


def test_a_button_outside_a_heading_is_still_left_out() -> None:
    assert lines("<p>Salary</p><button>Show more</button>") == [("text", "Salary")]


def test_a_bold_first_line_is_a_heading_over_the_rest() -> None:
    assert lines("<p><b>What does a chef do?</b><br>A chef runs a kitchen.<br>Chefs cook.</p>") == [
        ("heading", "What does a chef do?"),
        ("text", "A chef runs a kitchen. Chefs cook."),
    ]
    assert doc("<p><b>Title</b><br>one<br>two</p>").blocks[1].lines == ("one", "two")


# -- lists ----------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["•", "·", "▪", "◦", "–", "-", "*", "✓", "1.", "2)"])
def test_a_line_that_opens_on_a_list_marker_is_an_item(marker: str) -> None:
    (item,) = doc(f"<p>{marker} Plan the prep list.</p>").blocks
    assert (item.kind, item.text, item.full, item.marker) == (
        "item", "Plan the prep list.", "Plan the prep list.", marker
    )  # fmt: skip


def test_a_marked_line_holds_the_blocks_inside_it() -> None:
    found = doc("<div>• <span>CRM</span>, 4%<p>Ran the CRM.</p></div><p>After.</p>").blocks
    assert [(b.kind, b.text) for b in found] == [
        ("item", "CRM, 4%"), ("part", "Ran the CRM."), ("text", "After.")
    ]  # fmt: skip
    assert (found[0].full, found[0].lines) == ("CRM, 4% Ran the CRM.", ("CRM, 4%", "Ran the CRM."))


def test_an_li_loses_its_marker_and_a_dash_alone_stays_a_line() -> None:
    assert lines("<ul><li>• Plan the prep.</li></ul><div>-</div>") == [
        ("item", "Plan the prep."), ("text", "-")
    ]  # fmt: skip


def test_br_lines_with_markers_are_items_and_their_lead_in_stays_text() -> None:
    assert lines("<p>Duties:<br>• Plan the prep.<br>• Train cooks.</p>") == [
        ("text", "Duties:"),
        ("item", "Plan the prep."),
        ("item", "Train cooks."),
    ]


def test_br_lines_without_markers_stay_one_block_and_read_as_a_list() -> None:
    page = doc("<h2>Chef responsibilities</h2><p>Plan the prep.<br>Train cooks.</p>")
    heading, block = page.blocks
    assert (block.kind, block.text, block.lines) == (
        "text", "Plan the prep. Train cooks.", ("Plan the prep.", "Train cooks.")
    )  # fmt: skip
    assert page.items_after(heading) == ["Plan the prep.", "Train cooks."]


def test_label_value_lines_are_lines_of_their_own() -> None:
    assert lines("<p>Yearly salary: $1<br>Average age: 47</p>") == [
        ("text", "Yearly salary: $1"), ("text", "Average age: 47")
    ]  # fmt: skip


def test_sibling_blocks_alike_are_a_list_without_their_lead_in_or_what_follows() -> None:
    page = doc(
        "<h2>Chef responsibilities</h2><p>Here are examples:</p>"
        "<div><p>Plan the prep.</p><div><p>Train cooks.</p></div><p>Order stock.</p></div>"
        "<div><span>Advertisement</span></div><h2>Chef skills</h2>"
    )
    assert page.items_after(page.blocks[0]) == ["Plan the prep.", "Train cooks.", "Order stock."]
    assert "Advertisement" not in [b.text for b in page.blocks]


def test_prose_is_no_list() -> None:
    sentence = "Chefs plan menus, order stock and train the cooks who work the line each night. "
    page = doc(f"<h2>Chef responsibilities</h2><p>{sentence * 4}</p><p>{sentence * 4}</p>")
    assert page.items_after(page.blocks[0]) == []


def test_a_numbered_list_that_starts_again_is_another_list() -> None:
    page = doc("<h3>Duties</h3><p>1. Plan.</p><p>2. Train.</p><p>1. Cook.</p><p>2. Clean.</p>")
    assert page.items_after(page.blocks[0], first_list_only=True) == ["Plan.", "Train."]
    assert page.items_after(page.blocks[0]) == ["Plan.", "Train.", "Cook.", "Clean."]


# -- labelled figures ---------------------------------------------------------------------


def figures(html: str, *labels: str) -> list[Figure]:
    return list(doc(html).figures(labels or ("Yearly salary",), KNOWN))


def test_a_row_gives_both_values_in_column_order() -> None:
    for html in (
        "<table><tr><td>Yearly salary</td><td>$1</td><td>$2</td></tr></table>",
        "<div><div>Yearly salary</div><div>$1</div><div>$2</div></div>",
    ):
        (figure,) = figures(html)
        assert (figure.values, figure.is_row) == (("$1", "$2"), True), html


def test_a_term_with_descriptions_comes_with_the_header_above_it() -> None:
    """A card's entries (Male, Female), or the columns under a header: the caller decides."""
    (figure,) = figures("<dl><dt>Gender ratio</dt><dd>Male, 60%</dd><dd>Female, 40%</dd></dl>",
                        "Gender ratio")  # fmt: skip
    assert (figure.values, figure.is_row, figure.header) == (
        ("Male, 60%", "Female, 40%"), False, ()
    )  # fmt: skip
    (figure,) = figures(
        "<div><div></div><div>Chef</div><div>Cook</div></div>"
        "<dl><div><dt>Average age</dt><dd>40</dd><dd>30</dd></div>"
        "<div><dt>Yearly salary</dt><dd>$1</dd><dd>$2</dd></div></dl>"
    )
    assert (figure.values, figure.header) == (("$1", "$2"), ("Chef", "Cook"))


def test_a_table_on_its_side_gives_its_column_with_each_rows_head() -> None:
    html = (
        "<table><thead><tr><th>Role</th><th>Yearly salary</th><th>Average age</th></tr></thead>"
        "<tbody><tr><th>Chef</th><td>$1</td><td>40</td></tr>"
        "<tr><th>Cook</th><td>$2</td><td>30</td></tr></tbody></table>"
    )
    (salary,) = figures(html)
    (age,) = figures(html, "Average age")
    assert (salary.values, salary.heads) == (("$1", "$2"), ("Chef", "Cook"))
    assert (age.values, age.heads) == (("40", "30"), ("Chef", "Cook"))


def test_a_table_on_its_side_may_put_the_roles_column_last() -> None:
    """The rows' heads are in the header's column that is no label, wherever it stands."""
    html = (
        "<table><tr><th>Yearly salary</th><th>Average age</th><th>Role</th></tr>"
        "<tr><td>$1</td><td>40</td><th>Chef</th></tr>"
        "<tr><td>$2</td><td>30</td><th>Cook</th></tr></table>"
    )
    (salary,) = figures(html)
    (age,) = figures(html, "Average age")
    assert (salary.values, salary.heads) == (("$1", "$2"), ("Chef", "Cook"))
    assert (age.values, age.heads) == (("40", "30"), ("Chef", "Cook"))  # "Role" is no value


def test_label_value_lines_may_part_them_with_a_dash() -> None:
    html = "<p><b>Chef</b><br>Yearly salary \u2014 $1<br>Average age \u2013 40</p>"
    assert [f.values for f in figures(html)] == [("$1",)]
    assert [f.values for f in figures(html, "Average age")] == [("40",)]
    # A hyphen inside a value parts nothing: the value keeps it whole.
    assert [f.values for f in figures("<p>Yearly salary: $1 - $2</p>")] == [("$1 - $2",)]


def test_whose_value_lines_stop_at_the_next_figures_box() -> None:
    """A label blanked away must not hand its figure's values to the label before it."""
    html = (
        "<dl><div><dt>Yearly salary</dt><dd>Cook: $2</dd></div>"
        "<div><dt></dt><dd>Chef: 40</dd><dd>Cook: 30</dd></div></dl>"
    )
    found = figures(html)
    assert [(f.values, f.heads) for f in found] == [(("$2",), ("Cook",))]


def test_an_aria_hidden_separator_parts_the_words_around_it() -> None:
    html = (
        '<div><span>Updated May 1, 2025</span><span aria-hidden="true"> \u00b7 </span>'
        "<span>5 min read</span></div><p hidden>Not shown at all</p>"
    )
    assert lines(html) == [("text", "Updated May 1, 2025 5 min read")]


def test_a_footnote_mark_is_no_digit_of_the_figure_or_label_it_follows() -> None:
    html = (
        "<table><tr><td>Average age<sup>*</sup></td><td>47<sup>1</sup></td>"
        "<td>44<sub>2</sub></td></tr></table>"
    )
    (age,) = figures(html, "Average age")
    assert age.values == ("47 1", "44 2")


def test_a_definition_list_with_the_values_as_terms_gives_each_labels_own_term() -> None:
    """ "<dt>$1</dt><dd>Yearly salary</dd>": the value is the term, never the next one."""
    html = (
        "<section><h5>Chef</h5><dl><dt>$1</dt><dd>Yearly salary</dd>"
        "<dt>40</dt><dd>Average age</dd></dl></section>"
    )
    assert [f.values for f in figures(html)] == [("$1",)]
    assert [f.values for f in figures(html, "Average age")] == [("40",)]


def test_a_card_per_role_gives_one_value_each_never_the_next_label() -> None:
    html = (
        "<section><h4>Chef</h4><div><span>Yearly salary</span><span>$1</span></div></section>"
        "<section><div>Cook</div><div><span>Yearly salary</span><span>Hourly rate</span>"
        "<span>$9.50</span></div></section>"
    )
    (chef,) = figures(html)
    assert (chef.values, chef.heads, chef.is_row) == (("$1",), (), False)
    assert doc(html).blocks[chef.at - 1].text == "Chef"  # the card's title comes before it


def test_a_value_first_tile_and_label_lines() -> None:
    (tile,) = figures("<div><strong>47</strong><span>Average age</span></div>", "Average age")
    assert tile.values == ("47",)
    found = figures("<p><b>Chef</b><br>Yearly salary: $1<br>Average age: 40</p>", "Yearly salary")
    assert [f.values for f in found] == [("$1",)]
    (two_lines,) = figures("<p>Yearly salary<br>$1</p>")
    assert two_lines.values == ("$1",)


def test_promote_makes_short_plain_lines_that_say_a_title_headings() -> None:
    import re

    page = doc(
        "<div>Chef responsibilities</div><div>Plan the prep.</div>"
        "<p>Chef responsibilities are many, and this sentence says so at length.</p>"
    )
    page.promote(re.compile(r"^chef responsibilities$", re.I).match)
    assert [(b.kind, b.level) for b in page.blocks] == [
        ("heading", BOLD_HEADING_LEVEL), ("text", 0), ("text", 0)
    ]  # fmt: skip


def test_a_label_split_across_spans_is_one_label() -> None:
    html = "<dl><dt><span>LGBT</span><span> Percentage</span></dt><dd>8%</dd><dd>10%</dd></dl>"
    (figure,) = figures(html, "LGBT percentage", "LGBT")
    assert figure.values == ("8%", "10%")


def test_a_lone_link_ends_a_list_of_blocks() -> None:
    page = doc(
        "<h3>Duties</h3><div><p>Plan the prep.</p></div>"
        '<p><a href="/chef-jobs/">Browse chef jobs</a></p>'
    )
    assert page.items_after(page.blocks[0]) == []  # one line and a link: no list


def test_a_row_of_inline_cells_reads_as_its_cells() -> None:
    from careerscrape.parsing.document import inline_cells

    row, marked, words = doc(
        "<div><span>Python 3</span><span role='meter'></span><span>4%</span></div>"
        "<div>– <span>CRM</span><span>4%</span></div>"
        "<div>Python <span>3</span></div>"
    ).blocks
    assert inline_cells(row) == ("Python 3", "4%")
    assert inline_cells(marked) == ("CRM", "4%")  # a list marker before the cells
    assert inline_cells(words) == ()


def test_a_text_dump_reads_as_the_blocks_its_lines_look_like() -> None:
    page = doc(
        "<pre># Chef vs cook\n\nAn intro line\nthat goes on.\n\n## Chef duties\n"
        "- Plan the prep.\n- Order stock.\n  every week\n\n"
        "|  | Chef | Cook |\n| --- | --- | --- |\n| Yearly salary | $1 | $2 |\n\n"
        "**Common chef skills**\n**Menu planning.** Some words.\nTitle\n=====</pre>"
    )
    assert [(b.kind, b.level, b.text) for b in page.blocks if b.kind != "cell"] == [
        ("heading", 1, "Chef vs cook"),
        ("text", 0, "An intro line that goes on."),
        ("heading", 2, "Chef duties"),
        ("item", 0, "Plan the prep."),
        ("item", 0, "Order stock. every week"),
        ("heading", BOLD_HEADING_LEVEL, "Common chef skills"),
        ("text", 0, "Menu planning. Some words."),
        ("heading", 1, "Title"),
    ]
    (salary,) = page.figures(("Yearly salary",), KNOWN)
    assert (salary.values, salary.is_row) == (("$1", "$2"), True)
    assert page.header_row(("Yearly salary",)) == ["Chef", "Cook"]


def test_markdown_lines_each_in_a_paragraph_read_as_what_they_look_like() -> None:
    page = doc(
        "<p>## Chef vs cook overview</p><p>|  | Chef | Cook |</p><p>| --- | --- | --- |</p>"
        "<p>| Yearly salary | $1 | $2 |</p><p>**Common chef skills**</p>"
        "<p>**Menu planning.** Plans the menu.</p><p>A ## in a sentence is # no title.</p>"
        "<div># a box<p>with a paragraph</p></div>"
    )
    assert [(b.kind, b.level, b.text) for b in page.blocks if b.kind != "cell"] == [
        ("heading", 2, "Chef vs cook overview"),
        ("heading", BOLD_HEADING_LEVEL, "Common chef skills"),
        ("text", 0, "Menu planning. Plans the menu."),
        ("text", 0, "A ## in a sentence is # no title."),
        ("text", 0, "# a box"),  # a box with blocks in it is written as HTML, no source line
        ("text", 0, "with a paragraph"),
    ]
    (salary,) = page.figures(("Yearly salary",), KNOWN)
    assert (salary.values, salary.is_row) == (("$1", "$2"), True)
    assert page.header_row(("Yearly salary",)) == ["Chef", "Cook"]  # past the rule line
    split = doc("<p>\n <span>## Chef</span><script>x</script><span> overview</span></p>")
    assert [(b.kind, b.level, b.text) for b in split.blocks] == [("heading", 2, "Chef overview")]
