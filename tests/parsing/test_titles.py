"""Section titles drawn as plain lines, known by the role names (parsing.titles)."""

from __future__ import annotations

import pytest

from careerscrape.parsing.titles import comparison_section_titles, role_section_titles


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("Chef responsibilities", True),
        ("CHEF SKILLS AND PERSONALITY TRAITS", True),
        ("Most common chef skills", True),
        ("Compare different chefs", True),
        ("Compare different chef jobs", False),  # one word may follow the name, no more
        ("Chef vs. cook", True),
        ("Chef vs " + "x" * 80, True),
        ("Chef vs " + "x" * 81, False),  # a title is short
        ("Chef vs ", False),
        ("Types of chef", True),
        ("Sous chef responsibilities", False),  # another role's title
        ("Chef responsibilities include cooking", False),
    ],
)
def test_role_section_titles(line: str, is_title: bool) -> None:
    assert role_section_titles("chef")(line) is is_title


@pytest.mark.parametrize(
    ("line", "is_title"),
    [
        ("Waiter/busser vs host and cashier", True),
        ("waiter/busser vs. host and cashier overview", True),
        ("Waiter/busser vs host and cashier salary comparison", False),  # two words on
        ("Host and cashier vs waiter/busser", False),  # the page's own order
        ("Differences between a waiter/busser and a host and cashier", True),
        ("Differences between waiter/busser and host and cashiers", False),  # no word boundary
        ("Differences between waiter/busser and host and cashier: pay", True),
        ("What does a host do?", True),
        ("What does an host do", True),
        ("What do hosts do?", False),
    ],
)
def test_comparison_section_titles(line: str, is_title: bool) -> None:
    assert comparison_section_titles("waiter/busser", "host and cashier")(line) is is_title
