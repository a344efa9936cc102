"""Pages that stand between the crawler and the content: robot checks and login walls.

They come with any status (200, 403, 429, 503), so they are recognised by
what they say, and only once a page has failed to be a career page: a real
career page never pays for these checks.
"""

from __future__ import annotations

import re

from careerscrape.parsing.document import Document

_CHALLENGE = re.compile(
    r"just a moment|attention required|access denied|are you a (?:robot|human)|"
    r"verify(?:ing)? (?:that )?you are (?:a )?human|captcha|pardon our interruption|"
    r"request unsuccessful|security check|unusual traffic|bot (?:detection|protection)|"
    r"please enable (?:js|javascript) and disable any ad ?blocker",
    re.I,
)
_LOGIN = re.compile(r"\b(?:log ?in|sign ?in)\b", re.I)
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
    has_password = bool(doc.root.xpath("//input[@type='password']"))
    if has_password or (_LOGIN.search(doc.title) and len(doc.blocks) <= _FEW_BLOCKS):
        return "login_required"
    return None
