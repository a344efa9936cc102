"""Small converters from page text to typed values.

Each takes the text a reader sees (already whitespace-normalised or not) and
returns a value or ``None``: a cell shown as ``-``, empty or unreadable is
``None``, never 0. None of them guesses.
"""

from __future__ import annotations

import html
import re
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from functools import lru_cache

import ftfy
from slugify import slugify

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# What UTF-8 bytes look like when read as cp1252/latin-1 ("â€™", "Ã©"): a lead
# character, then one or more continuation characters.
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013-\u203a\u20ac\u2122"
)
_MOJIBAKE_RUN = re.compile(f"[ÂÃâ][{_CONTINUATION}]+")
# Entities whose "&" was lost upstream: "improvement.rdquo;", "professionacirc;euro;trade;s".
_LOST_ENTITY = re.compile(
    r"(?<![&\w])[lr][sd]quo;|(?<!&)(?:acirc|Acirc|atilde|Atilde);(?:[a-z]{2,6};)+"
)
_ENTITY_NAME = re.compile(r"([A-Za-z]+);")

_FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    normalization=None,
)


def clean(text: str | None) -> str:
    """Normalise visible text: entities decoded, mojibake repaired, whitespace folded.

    The site serves double-escaped entities (``&amp;rdquo;``) and UTF-8 read as
    cp1252 (``&acirc;&euro;&trade;`` -> ``â€™``); both are repaired here, and
    nothing else in the sentence is rewritten.
    """
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text) if _ENTITY.search(text) else text
    if ";" in text and _LOST_ENTITY.search(text):
        text = _LOST_ENTITY.sub(
            lambda m: html.unescape(_ENTITY_NAME.sub(r"&\1;", m.group(0))), text
        )
    if not text.isascii() and ("â" in text or "Ã" in text or "Â" in text):
        # ftfy costs ~2 ms on a paragraph; on the broken run alone, microseconds.
        text = _MOJIBAKE_RUN.sub(_fix_run, text)
    text = text.strip()
    # Most lines need no folding, and split() + join() cost a string per word. A
    # printable text holds no whitespace but " " (every other Unicode space is a
    # separator or control character), so without a double space it is folded.
    if text.isprintable() and "  " not in text:
        return text
    # str.split() splits on every Unicode space, NBSP included, and is ~5x faster than re.sub.
    return " ".join(text.split())


def may_contain(text: str, *words: str) -> bool:
    """False only when ``text`` holds none of ``words`` (lower case) in any letter case.

    A cheap test before a case-insensitive search that needs one of the words:
    such a search tries its pattern at every position of the text. On ASCII
    text, lower-casing is exactly what IGNORECASE compares; other text always
    goes to the search, as IGNORECASE also pairs "ſ" with "s" and "K" with "k".
    """
    if not text.isascii():
        return True
    lowered = text.lower()
    return any(word in lowered for word in words)


def _fix_run(match: re.Match[str]) -> str:
    return ftfy.fix_text(match.group(0), config=_FTFY_CONFIG)


def is_blank(value: str | None) -> bool:
    """True for what the site shows in place of a missing value."""
    return value is None or value.strip() in {"", "-", "–", "—", "N/A", "n/a"}


_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
#: Minus as pages write it: hyphen-minus, the minus sign U+2212, an en dash.
_MINUS = frozenset("-−–")
# A sign before the figure counts unless it follows a figure: "$94K-$191K" and
# "5-10%" are ranges, not $94K and -$191K. (The empty alternative lets a figure
# right after another, "$134,962$61,487", match unsigned.)
_SIGN = r"(?P<sign>(?<![\d.,%)kKmM])[-+−–]|)"
_MONEY = re.compile(
    _SIGN + r"\$\s*(?P<sign2>[-+−–]?)\s*(?P<digits>" + _NUMBER + r")\s*(?P<suffix>[kKmM]\b)?"
)
_PERCENT = re.compile(_SIGN + r"\s*(?P<digits>" + _NUMBER + r")\s*%(?P<sign2>)")
_PLAIN_NUMBER = re.compile(r"-?(?:" + _NUMBER + r")")
#: The accountant's negative: a figure wrapped whole in parentheses, "($5)", "$(5)", "(5%)".
_ACCOUNTING = re.compile(r"\s*\$?\s*\([^()]+\)\s*%?\s*")
_SUFFIXES = {"k": 1_000, "m": 1_000_000}


def _exact(digits: str) -> int | Decimal:
    """The figure exactly: digits never pass through a float, which stops counting at 2**53."""
    digits = digits.replace(",", "")
    return Decimal(digits) if "." in digits else int(digits)


def _whole(value: int | Decimal) -> int:
    return value if isinstance(value, int) else int(value.to_integral_value(ROUND_HALF_EVEN))


def _signed(pattern: re.Pattern[str], text: str) -> tuple[re.Match[str], int | Decimal] | None:
    """The first figure ``pattern`` finds in ``text``, with its sign wherever it is written.

    ``-$5``, ``$-5``, ``−5%`` (U+2212) and ``($5)`` or ``(5%)`` are negative; ``+$5`` is 5.
    """
    accounting = "(" in text and _ACCOUNTING.fullmatch(text) is not None
    if accounting:
        text = text.replace("(", "").replace(")", "")
    match = pattern.search(text)
    if match is None:
        return None
    return match, _value(match, accounting)


def _value(match: re.Match[str], negative: bool = False) -> int | Decimal:
    value = _exact(match["digits"])
    return -value if negative or not _MINUS.isdisjoint(match["sign"] + match["sign2"]) else value


def _money(match: re.Match[str], value: int | Decimal) -> int:
    return _whole(value * _SUFFIXES.get((match["suffix"] or "").lower(), 1))


#: After a figure: digits grouped in threes by a space, as other locales write thousands.
_SPACE_GROUP = re.compile(r"\s\d{3}(?!\d)")


def _foreign_money(match: re.Match[str]) -> bool:
    """A whole-dollar amount in another locale's grouping ("$94.000"); "$1.250M" is not."""
    return not match["suffix"] and _grouped_elsewhere(
        match.string, match["digits"], match.end("digits")
    )


def _grouped_elsewhere(text: str, digits: str, end: int) -> bool:
    """Is a whole figure ``digits`` (ending at ``end``) written in another locale's grouping?

    "$134.962" and "158 016" read as this locale writes numbers are 135 dollars
    and 158 jobs: wrong values. Such a figure is refused (null), never guessed.
    """
    if "," in digits:
        return False  # grouped as this locale groups
    point = digits.find(".")
    return (point != -1 and len(digits) - point == 4) or _SPACE_GROUP.match(text, end) is not None


def money(text: str | None) -> int | None:
    """``"$134,962"`` -> 134962; ``"$94K"`` -> 94000; ``"-$5"`` -> -5; ``"-"`` -> None.

    Whole dollars, exactly: ``"$1.2M"`` is 1200000, and twenty digits stay
    twenty digits for the data contract to refuse, never a rounded float.
    """
    if is_blank(text):
        return None
    found = _signed(_MONEY, text)
    return _money(*found) if found and not _foreign_money(found[0]) else None


def hourly(text: str | None) -> float | None:
    """``"$64.89"`` -> 64.89; ``"$-64.89"`` -> -64.89."""
    if is_blank(text):
        return None
    found = _signed(_MONEY, text)
    return float(found[1]) if found else None


def percent(text: str | None) -> float | None:
    """``"14%"`` -> 14.0, ``"-4%"`` and ``"(4%)"`` -> -4.0, ``"-"`` -> None."""
    if is_blank(text):
        return None
    found = _signed(_PERCENT, text)
    return float(found[1]) if found else None


def integer(text: str | None) -> int | None:
    """``"158,016"`` -> 158016, exactly; ``"-"`` and ``"158.016"`` (grouped elsewhere) -> None."""
    if is_blank(text):
        return None
    match = _PLAIN_NUMBER.search(text)
    if match is None or _grouped_elsewhere(text, match.group(0), match.end()):
        return None
    return _whole(_exact(match.group(0)))


def number(text: str | None) -> float | None:
    """``"5"`` -> 5.0, ``"4.5"`` -> 4.5; ``"-"`` -> None."""
    if is_blank(text):
        return None
    match = _PLAIN_NUMBER.search(text)
    return float(_exact(match.group(0))) if match else None


def money_range(text: str | None) -> tuple[int, int] | None:
    """``"Between $94,000 And $191,000"`` -> (94000, 191000)."""
    if is_blank(text):
        return None
    matches = list(_MONEY.finditer(text))
    if len(matches) != 2 or any(map(_foreign_money, matches)):
        return None
    amounts = [_money(m, _value(m)) for m in matches]
    return amounts[0], amounts[1]


#: A duration: "4-6 years", "2 to 4 years", "1 year", "6-12 months".
DURATION = re.compile(
    r"(\d+)\s*(?:-|–|—|to)\s*(\d+)\s*(years?|months?)\b|(\d+)\s*(years?|months?)\b", re.I
)


def in_years(match: re.Match[str]) -> tuple[float, float]:
    """(min, max) in years of a :data:`DURATION` match; months are twelfths of a year.

    ``"4-6 years"`` -> (4, 6) (whole years stay ints); ``"6-12 months"`` -> (0.5, 1.0).
    """
    if match.group(4):
        low = high = int(match.group(4))
        unit = match.group(5)
    else:
        low, high, unit = int(match.group(1)), int(match.group(2)), match.group(3)
    if unit[0] in "mM":
        return round(low / 12, 2), round(high / 12, 2)
    return low, high


_DIGIT = re.compile(r"\d")
#: A share: a number and a percent sign. What lies between shares are their names.
_SHARE_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
#: What parts one share from the next and a name from its number: not part of the name.
_SHARE_NAME_EDGE = " ,;:()[]|\u00b7\u2022\u2013\u2014-"
#: The characters a list item may open on: bullets, dashes, an asterisk or a plus.
BULLETS = (
    "\u2022\u00b7\u25aa\u25ab\u25e6\u2023\u2043\u25cf\u25cb\u25a0\u25a1\u25ba\u25b8"
    "\u27a2\u27a4\u2713\u2714\u2013\u2014*+-"
)
#: A list marker before a share's name: at the start, or right after the share before it.
_SHARE_MARKER = re.compile(rf"(?:^|(?<=%))\s*(?:\d{{1,3}}[.)]|[{re.escape(BULLETS)}])\s+")


def shares(text: str | None) -> list[tuple[str, float]]:
    """``"Male, 55.0% Female, 45.0%"`` -> [("Male", 55.0), ("Female", 45.0)].

    Each name on one side of its number, the same side for all: "Male, 55%",
    "Male (55%)", "Male: 55%" or "55% Male". Shares drawn as a list ("1. Male,
    55.0% 2. Female, 45.0%") lose their markers. When the text does not tell
    which name a number belongs to (a name at both ends, a number without a
    name, a name with figures in it: prose), there are no shares: never a
    number paired with the wrong name.
    """
    if is_blank(text):
        return []
    pieces = _SHARE_PERCENT.split(_SHARE_MARKER.sub(" ", text))
    names = [piece.strip(_SHARE_NAME_EDGE) for piece in pieces[0::2]]
    numbers = [float(number) for number in pieces[1::2]]
    if names[0] and not names[-1]:
        names = names[:-1]  # each name before its number
    elif names[-1] and not names[0]:
        names = names[1:]  # each number before its name
    else:
        return []
    if not all(names) or any(_DIGIT.search(name) for name in names):
        return []  # a number without a name, or one name with another number in it: prose
    return list(zip(names, numbers, strict=True))


_SKILL_NAME = r"(?P<name>[^%\s][^%]{0,79}?)"
#: A share of 0 to 100: glued to a name ending in digits ("ICD-1010%"), the name keeps them.
_SKILL_PCT = r"(?P<pct>(?:100|[1-9]?\d)(?:\.\d+)?)\s*%"
#: A skill and its share of resumes as list lines write it: "CRM, 4%" (maybe with the
#: example after it), or alone on its line "CRM – 4%", "CRM: 4%", "CRM (4%)", "CRM4%" (a
#: gauge's name and number), "4% CRM".
_SKILL_LINES = (
    re.compile(rf"^{_SKILL_NAME}\s*,\s*{_SKILL_PCT}\s*(?P<rest>.*)$"),
    re.compile(rf"^{_SKILL_NAME}\s*(?:[:\u2013\u2014-]|\()?\s*{_SKILL_PCT}\s*\)?(?P<rest>)$"),
    re.compile(
        rf"^\(?{_SKILL_PCT}\s*\)?\s*[:\u2013\u2014-]?\s*(?P<name>[^%\s][^%]{{0,79}})(?P<rest>)$"
    ),
)
_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_SKILL_WORDS_MAX = 8


def skill_share(line: str) -> tuple[str, float, str] | None:
    """``"Customer Satisfaction, 14%"`` -> ("Customer Satisfaction", 14.0, ""); else None.

    The third value is what follows the share on a comma line (a resume
    example). A name is a few words with letters, never a sentence: "We
    calculated that 14% of ..." is no skill.
    """
    for pattern in _SKILL_LINES:
        match = pattern.match(line)
        if match:
            name = match.group("name").strip()
            words = name.split()
            if (
                len(words) <= _SKILL_WORDS_MAX
                and not _SENTENCE_BREAK.search(name)
                and any(c.isalpha() for c in name)
            ):
                return name, float(match.group("pct")), match.group("rest").strip()
    return None


_MONTH_DATE = re.compile(r"([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(\d{4})")
#: "8 January 2025", as British and print pages write a date.
_DAY_MONTH_DATE = re.compile(r"(\d{1,2})\s+([A-Z][a-z]{2,8})\.?,?\s+(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
#: Month numbers by full name and by three-letter abbreviation.
_MONTHS = {name: n for n, month in enumerate(_MONTH_NAMES, 1) for name in (month, month[:3])}


def page_date(text: str | None) -> date | None:
    """``"Updated January 8, 2025"`` -> date(2025, 1, 8); unreadable -> None.

    The site writes dates one way (``Month D, YYYY``, sometimes abbreviated):
    a table of English month names reads it in a microsecond, where strptime
    takes ~10 µs (and the locale's month names) and dateparser milliseconds.
    """
    if not text:
        return None
    match = _MONTH_DATE.search(text)
    if match:
        month, day, year = match.groups()
        found = _named_month_date(year, month, day)
        if found:
            return found
    match = _DAY_MONTH_DATE.search(text)
    if match:
        day, month, year = match.groups()
        found = _named_month_date(year, month, day)
        if found:
            return found
    match = _ISO_DATE.search(text)
    if match:
        try:
            return date(*map(int, match.groups()))
        except ValueError:
            return None
    return None


def _named_month_date(year: str, month: str, day: str) -> date | None:
    # "January", "Jan" and "Sept" (four letters) all name a month.
    number = _MONTHS.get(month.lower()) or _MONTHS.get(month[:3].lower())
    if number and 1 <= int(day) <= 31:
        try:
            return date(int(year), number, int(day))
        except ValueError:  # February 30, year 0
            return None
    return None


@lru_cache(maxsize=4096)
def slug(name: str) -> str:
    """``"Line Cook/Dishwasher"`` -> ``"line-cook-dishwasher"``.

    Cached: slugify costs ~12 µs, and a crawl meets the same role names on
    page after page (a role's own page, every comparison that names it).
    """
    return slugify(name, lowercase=True, replacements=[["'", ""], ["’", ""]])
