"""Signs are read wherever the page writes them; figures are read exactly, never via a float.

Before, ``-$5`` was read as 5 and a salary of twenty digits was rounded through a
float. A negative salary or a growth of 400% is still *read*: the data contract
refuses it (tests/test_models.py), and the crawl rejects the page as "validation".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from careerscrape.parsing import parse_page, text

COMPARISON = (
    Path(__file__).resolve().parents[2]
    / "fixtures/pages/vs-customer-service-director-vs-customer-service-manager--plain"
)
COMPARISON_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("-$5", -5),
        ("$-5", -5),
        ("$ -5", -5),
        ("−$5", -5),  # U+2212 minus sign
        ("$−5", -5),
        ("–$5,000", -5000),  # an en dash set as a minus
        ("($5)", -5),  # the accountant's negative
        ("$(5)", -5),
        ("($5,000)", -5000),
        ("(-$5)", -5),
        ("+$5", 5),
        ("-$94K", -94000),
        ("Yearly salary -$134,962", -134962),
    ],
)
def test_money_reads_the_sign_wherever_it_is_written(raw: str, expected: int) -> None:
    assert text.money(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$94K-$191K", (94000, 191000)),  # a range's dash is no sign
        ("$94K–$191K", (94000, 191000)),
        ("$5 - $10", (5, 10)),
        ("Between $94,000 And $191,000", (94000, 191000)),
    ],
)
def test_a_range_dash_is_not_a_minus(raw: str, expected: tuple[int, int]) -> None:
    assert text.money_range(raw) == expected


def test_parentheses_inside_a_sentence_are_no_accounting_negative() -> None:
    assert text.money("Salary ($5,000) a year") == 5000
    assert text.percent("Growth (6%) is fast") == 6.0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("-$64.89", -64.89), ("$-64.89", -64.89), ("($64.89)", -64.89), ("+$64.89", 64.89)],
)
def test_hourly_reads_the_sign(raw: str, expected: float) -> None:
    assert text.hourly(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("-4%", -4.0),
        ("−4%", -4.0),
        ("–4%", -4.0),
        ("- 4%", -4.0),
        ("(4%)", -4.0),
        ("(4)%", -4.0),
        ("+4%", 4.0),
        ("-400%", -400.0),
        ("5-10%", 10.0),  # a range's dash is no sign
    ],
)
def test_percent_reads_the_sign(raw: str, expected: float) -> None:
    assert text.percent(raw) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("$9,007,199,254,740,993", 9_007_199_254_740_993),  # 2**53 + 1: a float says ...992
        ("$99999999999999999999", 99_999_999_999_999_999_999),
        ("$1.2M", 1_200_000),
        ("$0.1K", 100),  # 0.1 * 1000 is 100.00000000000001 in floats
    ],
)
def test_money_is_exact(raw: str, expected: int) -> None:
    value = text.money(raw)
    assert value == expected
    assert type(value) is int


def test_a_count_is_exact() -> None:
    assert text.integer("9,007,199,254,740,993") == 9_007_199_254_740_993


def _comparison_with(old: str, new: str) -> bytes:
    html = (COMPARISON / "page.html").read_bytes()
    assert html.count(old.encode()) == 1
    return html.replace(old.encode(), new.encode())


def test_a_negative_salary_on_a_page_is_refused_not_read_as_positive() -> None:
    page = _comparison_with(
        'Yearly salary</div><div class="vs-cell"><strong>$134,962',
        'Yearly salary</div><div class="vs-cell"><strong>-$134,962',
    )
    with pytest.raises(ValidationError) as exc:
        parse_page(page, COMPARISON_URL)
    [error] = exc.value.errors()
    assert error["loc"] == ("roles", 0, "yearly_salary")
    assert error["input"] == -134962


def test_an_accounting_negative_growth_is_read_as_negative() -> None:
    row = '<div class="vs-cell">6%</div><div class="vs-cell">6%</div>'
    page = _comparison_with(row, row.replace("6%", "(4%)", 1))
    record = parse_page(page, COMPARISON_URL)
    assert [side.growth_rate for side in record.roles] == [-4.0, 6.0]
