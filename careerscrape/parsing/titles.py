"""What a page, a heading or a link says it is: the site's title patterns, one copy each."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

__all__ = [
    "ROLE_TITLE", "VS_TITLE", "TitleTest", "comparison_section_titles", "role_section_titles",
]  # fmt: skip

#: A role page's title, and a link to one: "What does a customer service director do?"
ROLE_TITLE = re.compile(r"^What does an? (.+?) do\??$", re.I)
#: A comparison page's title, a role page's comparison heading, and a link to a comparison
#: page: "Customer service director vs. customer service manager", maybe with a subtitle
#: that names no role (": what's the difference?", " - Zippia", "?").
VS_TITLE = re.compile(r"^(.+?)\s+vs\.?\s+(.+?)(?:\s*[:?|]\s.*|\s+[-\u2013\u2014]\s.*|\?)?$", re.I)

#: A section title a line may be, by its words (:meth:`Document.promote`): a predicate.
TitleTest = Callable[[str], bool]

_WORD_CHARS = re.compile(r"\w*")
_ONE_MORE_WORD = re.compile(r"(?: \w+)?")
_WHAT_DOES = re.compile(r"what does an? .{1,80} do\??")
_ARTICLES = ("", "a ", "an ")


def role_section_titles(role: str) -> TitleTest:
    """A role page's section titles drawn as plain lines, as they name its ``role``:
    "X responsibilities", "X skills and personality traits", "Most common X skills",
    "Compare different Xs", "X vs ...", "Types of X" (any case).

    String tests, not a pattern compiled with the page's names: a crawl meets new names
    on nearly every page, and compiling them cost more than the tests themselves.
    """
    r = role.lower()
    whole = {f"{r} responsibilities", f"{r} skills and personality traits",
             f"most common {r} skills", f"types of {r}"}  # fmt: skip
    compare = f"compare different {r}"

    def is_title(line: str) -> bool:
        t = line.lower()
        if t in whole:
            return True
        if t.startswith(compare) and _WORD_CHARS.fullmatch(t, len(compare)):
            return True
        return any(1 <= len(rest) <= 80 for rest in _after_vs(t, r))

    return is_title


def comparison_section_titles(a: str, b: str) -> TitleTest:
    """A comparison page's titles drawn as plain lines: "A vs B" and its sections
    ("A vs B overview"), "Differences between A and B ...", and "What does a X do?"
    (X as the page writes it), in any case. String tests, as :func:`role_section_titles`."""
    a, b = a.lower(), b.lower()

    def is_title(line: str) -> bool:
        t = line.lower()
        for rest in _after_vs(t, a):
            if rest.startswith(b):
                tail = rest[len(b) :]
                if not tail or (
                    tail[0] == " " and len(tail) > 1 and _WORD_CHARS.fullmatch(tail, 1)
                ):
                    return True
        if t.startswith("differences between "):
            rest = t[len("differences between ") :]
            for article in _ARTICLES:
                head = f"{article}{a} and "
                if rest.startswith(head) and _names_next(rest[len(head) :], b):
                    return True
        return _WHAT_DOES.fullmatch(t) is not None

    return is_title


def _after_vs(text: str, name: str) -> Iterator[str]:
    """What follows "NAME vs " and "NAME vs. " at the start of ``text``."""
    for separator in (" vs ", " vs. "):
        if text.startswith(name + separator):
            yield text[len(name) + len(separator) :]


def _names_next(text: str, name: str) -> bool:
    """``text`` starts with ``name`` (maybe after "a "/"an ") ending at a word boundary."""
    for article in _ARTICLES:
        head = article + name
        if text.startswith(head):
            end = len(head)
            before = head[-1:].isalnum() or head[-1:] == "_"
            after = end < len(text) and (text[end].isalnum() or text[end] == "_")
            if before != after:
                return True
    return False
