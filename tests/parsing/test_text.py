"""Unit tests of the text converters: page text in, typed value (or None) out."""

from __future__ import annotations

from datetime import date

import pytest

from careerscrape.parsing import text
from careerscrape.parsing.document import Document

# -- money / hourly ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$134,962", 134962),
        ("$61,487", 61487),
        ("$94K", 94000),
        ("$191k", 191000),
        ("$1.2M", 1200000),
        ("$ 52,945", 52945),
        ("Yearly salary $134,962", 134962),
        ("$52,945\u00a0lower", 52945),
        ("$500", 500),
    ],
)
def test_money(raw: str, expected: int) -> None:
    value = text.money(raw)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("raw", ["-", "–", "—", "", "  ", None, "N/A", "n/a", "no figure"])
def test_money_missing_is_none(raw: str | None) -> None:
    assert text.money(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("$64.89", 64.89), ("$29.56", 29.56), ("$29.56/hr", 29.56), ("$30", 30.0)],
)
def test_hourly(raw: str, expected: float) -> None:
    value = text.hourly(raw)
    assert value == pytest.approx(expected)
    assert type(value) is float


@pytest.mark.parametrize("raw", ["-", "", None, "N/A", "per hour"])
def test_hourly_missing_is_none(raw: str | None) -> None:
    assert text.hourly(raw) is None


# -- percent / integer / number ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14%", 14.0),
        ("6%", 6.0),
        ("-4%", -4.0),
        ("−2%", -2.0),  # Unicode minus sign
        ("0.7%", 0.7),
        ("60.7 %", 60.7),
        ("LGBT Percentage 8%", 8.0),
    ],
)
def test_percent(raw: str, expected: float) -> None:
    value = text.percent(raw)
    assert value == pytest.approx(expected)
    assert type(value) is float


@pytest.mark.parametrize("raw", ["-", "–", "", None, "N/A", "growth"])
def test_percent_missing_is_none(raw: str | None) -> None:
    assert text.percent(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("158,016", 158016), ("313,110", 313110), ("47", 47), ("6 years", 6)],
)
def test_integer(raw: str, expected: int) -> None:
    value = text.integer(raw)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("raw", ["-", "", None, "N/A", "none"])
def test_integer_missing_is_none(raw: str | None) -> None:
    assert text.integer(raw) is None


def test_figures_grouped_as_other_locales_group_them_are_refused_not_misread() -> None:
    """ "$134.962" is not 135 dollars, nor "158 016" 158 jobs: null, never a wrong value."""
    assert text.money("$134.962") is None and text.money("$134\u202f962") is None
    assert text.integer("158.016") is None and text.integer("158 016") is None
    assert text.money_range("Between $94.000 And $191.000") is None
    # Grouped as this locale groups, with words or other figures after it: read as ever.
    assert text.money("$134,962 100 times") == 134962 and text.money("$1.250M") == 1250000
    assert text.integer("47 years") == 47 and text.integer("158,016 123") == 158016


@pytest.mark.parametrize(
    ("raw", "expected"), [("5", 5.0), ("4.5", 4.5), ("4", 4.0), ("1,000", 1000.0)]
)
def test_number(raw: str, expected: float) -> None:
    value = text.number(raw)
    assert value == expected
    assert type(value) is float


@pytest.mark.parametrize("raw", ["-", "", None, "N/A", "stars"])
def test_number_missing_is_none(raw: str | None) -> None:
    assert text.number(raw) is None


# -- ranges and shares ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Between $94,000 And $191,000", (94000, 191000)),
        ("Between\u00a0$35,000 And $105,000", (35000, 105000)),
        ("$94K - $191K", (94000, 191000)),
    ],
)
def test_money_range(raw: str, expected: tuple[int, int]) -> None:
    assert text.money_range(raw) == expected


@pytest.mark.parametrize("raw", ["-", "", None, "$94,000", "Between $1 and $2 and $3"])
def test_money_range_needs_exactly_two_amounts(raw: str | None) -> None:
    assert text.money_range(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4-6 years", (4, 6)),
        ("takes 6–8 years", (6, 8)),
        ("2 to 4 years", (2, 4)),
        ("2 years", (2, 2)),
        ("1 year", (1, 1)),
        ("It typically takes 6-12 months", (0.5, 1.0)),
        ("3 to 6 Months", (0.25, 0.5)),
        ("8 months", (0.67, 0.67)),
        ("18 months", (1.5, 1.5)),
    ],
)
def test_duration_in_years(raw: str, expected: tuple[float, float]) -> None:
    value = text.in_years(text.DURATION.search(raw))
    assert value == expected
    assert [type(v) for v in value] == [type(v) for v in expected]  # years stay ints


@pytest.mark.parametrize("raw", ["", "a few years", "4-6 weeks", "in 2024", "12 yearly"])
def test_no_duration(raw: str) -> None:
    assert text.DURATION.search(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Male, 55.0% Female, 45.0%", [("Male", 55.0), ("Female", 45.0)]),
        (
            "Black or African American, 9.6% Unknown, 4.8% Hispanic or Latino, 18.2% Asian, "
            "5.9% White, 60.7% American Indian and Alaska Native, 0.7%",
            [
                ("Black or African American", 9.6),
                ("Unknown", 4.8),
                ("Hispanic or Latino", 18.2),
                ("Asian", 5.9),
                ("White", 60.7),
                ("American Indian and Alaska Native", 0.7),
            ],
        ),
        ("Bachelor's Degree, 69%", [("Bachelor's Degree", 69.0)]),
        ("1. Male, 55.0% 2. Female, 45.0%", [("Male", 55.0), ("Female", 45.0)]),
        ("\u2013 Male, 55.0% * Female, 45.0%", [("Male", 55.0), ("Female", 45.0)]),
        ("Native Hawaiian - Pacific, 0.2%", [("Native Hawaiian - Pacific", 0.2)]),
        ("55% Male, 45% Female", [("Male", 55.0), ("Female", 45.0)]),  # not Male 45
        ("Male (55%) Female (45%)", [("Male", 55.0), ("Female", 45.0)]),
        ("Bachelor's Degree: 69%", [("Bachelor's Degree", 69.0)]),
        ("High School Diploma, 41%", [("High School Diploma", 41.0)]),
    ],
)
def test_shares(raw: str, expected: list[tuple[str, float]]) -> None:
    assert text.shares(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["-", "", None, "Male Female", "55% 45%", "Male 55% Female", "In 2024, 14% of chefs knew 3%"],
)
def test_shares_missing_is_empty(raw: str | None) -> None:
    assert text.shares(raw) == []


# -- dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Updated January 8, 2025", date(2025, 1, 8)),
        ("January 8, 2025", date(2025, 1, 8)),
        ("Updated March 3, 2024", date(2024, 3, 3)),
        ("Jan 8, 2025", date(2025, 1, 8)),
        ("Mar. 3, 2024", date(2024, 3, 3)),
        ("Dec 31 2023", date(2023, 12, 31)),
        ("2024-03-03", date(2024, 3, 3)),
        ("Updated 8 January 2025", date(2025, 1, 8)),
        ("3 Mar. 2024", date(2024, 3, 3)),
    ],
)
def test_page_date(raw: str, expected: date) -> None:
    assert text.page_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["garbage", "", None, "Updated recently", "Foo 8, 2025", "February 30, 2024", "2024-13-45"],
)
def test_page_date_unreadable_is_none(raw: str | None) -> None:
    assert text.page_date(raw) is None


# -- slug -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Line Cook/Dishwasher", "line-cook-dishwasher"),
        ("Customer Service Director", "customer-service-director"),
        ("customer service director", "customer-service-director"),
        ("Support manager", "support-manager"),
        ("Director", "director"),
        ("  Team   Manager ", "team-manager"),
        ("Bachelor's Degree", "bachelors-degree"),
        ("Bachelor’s Degree", "bachelors-degree"),
        ("Café Owner", "cafe-owner"),
    ],
)
def test_slug(raw: str, expected: str) -> None:
    assert text.slug(raw) == expected


# -- clean ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  a \u00a0 b\n c ", "a b c"),
        ("maximum\u00a0productivity", "maximum productivity"),
        ("line one\r\n\tline two", "line one line two"),
        ("", ""),
        (None, ""),
    ],
)
def test_clean_folds_whitespace_and_nbsp(raw: str | None, expected: str) -> None:
    assert text.clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("HEI Hotels &amp; Resorts", "HEI Hotels & Resorts"),
        ("Bachelor&#39;s Degree", "Bachelor's Degree"),
        ("company&#x27;s", "company's"),
        ("&ldquo;crm&rdquo;", "“crm”"),
        ("it&rsquo;s", "it’s"),
        ("Urban&nbsp;Honolulu, HI", "Urban Honolulu, HI"),
    ],
)
def test_clean_decodes_entities(raw: str, expected: str) -> None:
    assert text.clean(raw) == expected


def test_clean_decodes_a_double_escaped_entity_left_after_one_decode() -> None:
    # The page serves "improvement.&amp;rdquo;"; the HTML parser decodes that once.
    assert text.clean("continuous improvement.&rdquo;") == "continuous improvement.”"


def test_double_escaped_entity_in_html_comes_out_decoded() -> None:
    doc = Document.parse(
        b"<html><body><p>and &quot;continuous improvement.&amp;rdquo;</p></body></html>"
    )
    assert [b.text for b in doc.blocks] == ['and "continuous improvement.”']


def test_clean_repairs_an_entity_whose_ampersand_was_lost() -> None:
    assert text.clean("continuous improvement.rdquo;") == "continuous improvement.”"
    assert text.clean("each professionacirc;euro;trade;s duties") == "each profession’s duties"


def test_clean_repairs_mojibake() -> None:
    assert text.clean("professionâ€™s") == "profession’s"
    assert (
        text.clean("each professionâ€™s responsibilities") == "each profession’s responsibilities"
    )
    assert text.clean("cafÃ© owner") == "café owner"


def test_clean_repairs_mojibake_served_as_entities() -> None:
    # "profession&acirc;&euro;&trade;s" in the HTML is "professionâ€™s" after one decode;
    # double-escaped it is still the entities after one decode.
    assert text.clean("profession&acirc;&euro;&trade;s") == "profession’s"
    doc = Document.parse(
        b"<html><body><p>profession&acirc;&euro;&trade;s</p>"
        b"<p>profession&amp;acirc;&amp;euro;&amp;trade;s</p></body></html>"
    )
    assert [b.text for b in doc.blocks] == ["profession’s", "profession’s"]


@pytest.mark.parametrize(
    "raw",
    [
        "café",
        "naïve",
        "a naïve café owner’s résumé in São Paulo",
        "Ça coûte 5 € — “quoted”",
        "Zürich, Österreich, Ångström",
        'straight "quotes" and it\'s fine',
        "P&L and R&D",
        "mid-70 s satisfaction rating",
        "...per year.While the two careers",
    ],
)
def test_clean_leaves_clean_text_untouched(raw: str) -> None:
    assert text.clean(raw) == raw


def test_clean_repairs_mojibake_next_to_real_accents() -> None:
    assert text.clean("naïve café professionâ€™s") == "naïve café profession’s"


# -- blank ------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [None, "", " ", "-", " - ", "–", "—", "N/A", "n/a"])
def test_is_blank(raw: str | None) -> None:
    assert text.is_blank(raw) is True


@pytest.mark.parametrize("raw", ["0", "$0", "5", "Business", "-4%"])
def test_is_not_blank(raw: str) -> None:
    assert text.is_blank(raw) is False


@pytest.mark.parametrize(
    ("line", "share"),
    [
        ("Customer Satisfaction, 14%", ("Customer Satisfaction", 14.0, "")),
        (
            "CRM, 4% Ran the CRM for 91% of accounts.",
            ("CRM", 4.0, "Ran the CRM for 91% of accounts."),
        ),
        ("Customer Satisfaction – 14%", ("Customer Satisfaction", 14.0, "")),
        ("Customer Satisfaction: 14%", ("Customer Satisfaction", 14.0, "")),
        ("Customer Satisfaction (14%)", ("Customer Satisfaction", 14.0, "")),
        ("Customer Satisfaction14%", ("Customer Satisfaction", 14.0, "")),  # a gauge's two spans
        ("14% Customer Satisfaction", ("Customer Satisfaction", 14.0, "")),
        ("E-learning - 9.5%", ("E-learning", 9.5, "")),
        ("ICD-1010%", ("ICD-10", 10.0, "")),  # glued: a share is 100% at most
        ("Benefits, 100%", ("Benefits", 100.0, "")),
        ("Python 3, 4%", ("Python 3", 4.0, "")),
    ],
)
def test_skill_share_reads_the_ways_a_list_line_writes_it(
    line: str, share: tuple[str, float, str]
) -> None:
    assert text.skill_share(line) == share


@pytest.mark.parametrize(
    "line",
    [
        "We calculated that 14% of Customer Service Directors are proficient in CRM.",
        "Customer Satisfaction 14% Implement processes",  # an example only after a comma
        "14%",
        "Customer Satisfaction",
        "Managed accounts. Raised satisfaction to 91%",
    ],
)
def test_skill_share_refuses_prose_and_half_lines(line: str) -> None:
    assert text.skill_share(line) is None
