"""Pages that stand between the crawler and the content: robot checks and login walls.

They come with any status (200, 403, 429, 503), so they are recognised by
what they say, and only once a page has failed to be a career page: a real
career page never pays for these checks.
"""

from __future__ import annotations

import re

from careerscrape.parsing.document import Block, Document

_CHALLENGE = re.compile(
    r"just a moment|attention required|access denied|are you a (?:robot|human)|"
    r"verify(?:ing)? (?:that )?you are (?:a )?human|captcha|pardon our interruption|"
    r"request unsuccessful|security check|unusual traffic|bot (?:detection|protection)|"
    r"please enable (?:js|javascript) and disable any ad ?blocker",
    re.I,
)
_LOGIN = re.compile(r"\b(?:log ?in|sign ?in)\b", re.I)
#: A login wall as a reader sees it, with no title or password field to tell: a heading
#: that opens with "Log in"/"Sign in", or a line that asks the reader to log in. A bare
#: "Sign in" link (a site header on any page) is neither.
_LOGIN_HEADING = re.compile(r"^(?:please\s+)?(?:log|sign)\s?in\b", re.I)
_LOGIN_REQUEST = re.compile(
    r"\b(?:please\s+(?:log|sign)\s?in"
    r"|(?:log|sign)\s?in\s+(?:to|or\s+sign\s?up\s+to)\s+(?:continue|see|view|read|access|keep|unlock)"
    r"|(?:must|need\s+to|have\s+to)\s+(?:be\s+)?(?:(?:logged|signed)\s+in|(?:log|sign)\s?in))\b",
    re.I,
)
#: A challenge page is short; a long page that mentions "captcha" is something else.
_FEW_BLOCKS = 40


def blocked_reason(doc: Document) -> str | None:
    """ "blocked" for a robot check, "login_required" for a login wall, else None."""
    heading = doc.first_heading()
    lines = [doc.title, heading.text if heading else ""]
    if len(doc.blocks) <= _FEW_BLOCKS:
        lines += [block.text for block in doc.blocks]
    if any(_CHALLENGE.search(line) for line in lines if line):
        return "blocked"
    if doc.root.xpath("//input[@type='password']") or (
        len(doc.blocks) <= _FEW_BLOCKS and _asks_to_log_in(doc, heading)
    ):
        return "login_required"
    return None


def _asks_to_log_in(doc: Document, heading: Block | None) -> bool:
    """The title names a login, the first heading is one, or a line asks for one."""
    if _LOGIN.search(doc.title) or (heading and _LOGIN_HEADING.match(heading.text)):
        return True
    return any(_LOGIN_REQUEST.search(block.text) for block in doc.blocks)
