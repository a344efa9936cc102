"""What every markup of the synthetic site shares: class names, escaping, decoration."""

from __future__ import annotations

import hashlib
import html
import random
import re

# -- markup helpers --------------------------------------------------------------------------------

_WORDS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _class_pool(seed: int, size: int = 509) -> list[str]:
    """styled-components-like class names ("sc-1f1e2f-3 dWpmth"), fixed per site."""
    rng = random.Random(f"careerscrape-classes:{seed}")
    return [
        f"sc-{rng.getrandbits(24):06x}-{i % 10} " + "".join(rng.choice(_WORDS) for _ in range(6))
        for i in range(size)
    ]


class _Classes:
    """Hands out class attributes for one page: the same page always gets the same ones."""

    __slots__ = ("_i", "_pool", "_step")

    def __init__(self, pool: list[str], key: str) -> None:
        digest = hashlib.blake2b(key.encode(), digest_size=4).digest()
        self._pool, self._i, self._step = pool, int.from_bytes(digest, "big"), 7

    def __call__(self) -> str:
        self._i += self._step
        return self._pool[self._i % len(self._pool)]


def _e(text: str) -> str:
    """Escape as React does (&, <, >, " and ' as &#x27;)."""
    return html.escape(text, quote=True)


def _ep(text: str) -> str:
    """Escape as the plain pages do (apostrophes as &#39;)."""
    return html.escape(text, quote=False).replace("'", "&#39;").replace('"', "&quot;")


_AMOUNT = re.compile(r"\$\d[\d,]*")
BR_NL = "<br>\n"
_SHARE = re.compile(r"(\d+(?:\.\d+)?%)")


def _decorate_plain(escaped: str) -> str:
    """Split plain-page prose across inline elements, as the site's templates do."""
    escaped = _AMOUNT.sub(lambda m: f"<strong>{m.group(0)}</strong>", escaped)
    return _SHARE.sub(lambda m: f"<b>{m.group(1)}</b>", escaped, count=1)


def _link_first(escaped: str, name: str, href: str) -> str:
    """Link the first mention of a role (singular or plural) in already-escaped text."""
    pattern = re.compile(r"(?<![\w-])(" + re.escape(name) + r"(?:s|es)?)(?![\w-])", re.I)
    return pattern.sub(lambda m: f'<a href="{href}">{m.group(1)}</a>', escaped, count=1)
