"""Login walls and robot checks are recognised by what a reader sees, title or none."""

from __future__ import annotations

import pytest

from careerscrape.parsing import BlockedPage, ParseError, parse_page

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def _page(body: str, title: str = "") -> bytes:
    head = f"<title>{title}</title>" if title else ""
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


@pytest.mark.parametrize(
    "body",
    [
        # The first step of a two-step login: an e-mail field, the password comes next.
        "<main><h1>Log in to Zippia</h1><form><label>Email</label><input type=email>"
        "<button>Continue</button></form></main>",
        "<main><h2>Sign in</h2><form><input type=email placeholder=Email></form></main>",
        "<main><h1>Welcome back</h1><p>Sign in to continue reading this career guide.</p>"
        "<form><input type=text name=user></form></main>",
        "<main><h1>Members only</h1><p>You must be logged in to view this page.</p></main>",
        "<main><h1>Career guide</h1><p>Please log in, or create an account.</p></main>",
        "<main><h1>Keep reading</h1><p>Log in or sign up to see salaries.</p></main>",
    ],
)
def test_a_login_wall_without_title_or_password_field_is_login_required(body: str) -> None:
    with pytest.raises(BlockedPage) as exc:
        parse_page(_page(body), URL)
    assert exc.value.reason == "login_required"


def test_a_titled_login_wall_and_a_password_field_still_are() -> None:
    for page in (
        _page("<main><h1>Welcome back</h1></main>", title="Log in | Zippia"),
        _page("<main><h1>Welcome</h1><form><input type=password></form></main>"),
    ):
        with pytest.raises(BlockedPage) as exc:
            parse_page(page, URL)
        assert exc.value.reason == "login_required"


def test_a_robot_check_that_mentions_signing_in_is_blocked() -> None:
    page = _page("<main><h1>Verify you are human</h1><p>Sign in to continue after the check."
                 "</p></main>")  # fmt: skip
    with pytest.raises(BlockedPage) as exc:
        parse_page(page, URL)
    assert exc.value.reason == "blocked"


@pytest.mark.parametrize(
    "body",
    [
        # An error page with the site's "Sign in" link in its header is no login wall.
        '<header><a href="/login">Sign in</a></header><main><h1>Page not found</h1>'
        "<p>Sorry, we couldn't find that page.</p></main>",
        "<main><h1>Our blog</h1><p>How to sign in to your benefits portal.</p></main>",
    ],
)
def test_a_page_that_only_mentions_signing_in_is_no_login_wall(body: str) -> None:
    with pytest.raises(ParseError) as exc:
        parse_page(_page(body), URL)
    assert not isinstance(exc.value, BlockedPage)
    assert str(exc.value).startswith("no role page content found")
