"""What a page, a heading or a link says it is: the site's title patterns, one copy each."""

from __future__ import annotations

import re

__all__ = ["ROLE_TITLE", "VS_TITLE"]

#: A role page's title, and a link to one: "What does a customer service director do?"
ROLE_TITLE = re.compile(r"^What does an? (.+?) do\??$", re.I)
#: A comparison page's title, a role page's comparison heading, and a link to a comparison
#: page: "Customer service director vs. customer service manager", maybe with a subtitle
#: that names no role (": what's the difference?", " - Zippia", "?").
VS_TITLE = re.compile(r"^(.+?)\s+vs\.?\s+(.+?)(?:\s*[:?|]\s.*|\s+[-\u2013\u2014]\s.*|\?)?$", re.I)
