"""A page the parser cannot read whole is refused, never half-read."""

from __future__ import annotations

import pytest

from careerscrape.parsing import ParseError, parse_page
from careerscrape.parsing.document import Document

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def _page(depth: int) -> str:
    return (
        "<html><head><title>What does a chef do?</title></head><body>"
        "<h1>What does a chef do?</h1>"
        + "<div>" * depth
        + "<p>A chef cooks.</p>"
        + "</div>" * depth
        + "<h2>Chef responsibilities</h2><ul><li>Cook meals.</li></ul></body></html>"
    )


def test_a_page_nested_past_the_parser_limit_is_refused() -> None:
    with pytest.raises(ParseError) as exc:
        parse_page(_page(300), URL)
    assert str(exc.value).startswith("not an HTML document (the page is cut short by the parser")
    assert "Excessive depth in document: 256" in str(exc.value)


def test_a_page_nested_deep_but_within_the_limit_is_read_whole() -> None:
    texts = [block.text for block in Document.parse(_page(200)).blocks]
    assert texts == [
        "What does a chef do?",
        "A chef cooks.",
        "Chef responsibilities",
        "Cook meals.",
    ]
    assert parse_page(_page(200), URL).responsibilities == ["Cook meals."]
