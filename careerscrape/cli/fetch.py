"""``careerscrape fetch URL FOLDER``: one live page into a fixture folder."""

from __future__ import annotations

from typing import Any

from careerscrape.testing.fetch import add_fetch_command


def add_command(subparsers: Any) -> None:
    add_fetch_command(subparsers)
