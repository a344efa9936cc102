"""Facts stated in sentences: who earns more, which skills each role lists, ...

The site words one fact many ways ("team managers are paid $52,945 lower than
customer service directors", "support managers earn a $44,665 lower salary",
"Directors average a lower salary ... The difference is about $21,473").
Rather than one pattern per wording, these functions find the figure and then
work out whom it is about from the role names the sentence mentions, so a
wording not seen before still reads correctly when it names its roles.

Throughout, A is the page's own role and B the other role; differences are
B minus A.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from careerscrape.parsing.text import DURATION, in_years, may_contain, money

A, B = "A", "B"
#: Shorter text is a caption, a label or a footer line, not a paragraph.
MIN_PARAGRAPH_WORDS = 12


# -- role mentions --------------------------------------------------------------------


#: How people join the parts of a compound role name: "waiter/busser", "host and cashier".
_COMPOUND = re.compile(r"\s*/\s*|\s+(?:and|or|&)\s+", re.I)
_JOINED = r"(?:\s*/\s*|\s+(?:and|or|&)\s+)"


def _noun(words: list[str]) -> tuple[str, str]:
    """(pattern, its first literal word) of a noun phrase whose last word is singular or plural."""
    *words, last = words
    if re.search(r"[^aeiou]y$", last):
        words.append(last[:-1])
        ending = r"(?:y|ies)"
    elif re.search(r"(?:s|x|ch|sh)$", last):
        words.append(last)
        ending = r"(?:es)?"
    else:
        words.append(last)
        ending = r"s?"
    return r"\s+".join(map(re.escape, words)) + ending, re.escape(words[0])


def _parts(name: str) -> list[list[str]]:
    """The words of each part of a role name: "host and cashier" -> [["host"], ["cashier"]]."""
    return [words for part in _COMPOUND.split(name.lower()) if (words := part.split())]


@lru_cache(maxsize=1024)
def _name_pattern(name: str, folded: bool = False) -> re.Pattern[str]:
    """A pattern for a role name, singular, plural or possessive.

    Each part of a compound name may be plural and the parts may be joined
    by "/", "and", "or" or "&": "waiter/busser" also matches "waiters/bussers"
    and "waiters and bussers". Case-insensitive; or, with ``folded``, for
    ASCII text already lower-cased. The folded pattern opens on the name's
    first word as a plain literal, the word boundary before it checked just
    after it, so that ``re`` scans for the word at C speed instead of trying
    the whole pattern at every position (a case-insensitive pattern gets no
    such literal scan).
    """
    nouns = [_noun(words) for words in _parts(name)] or [_noun([name.lower()])]
    body = _JOINED.join(pattern for pattern, _ in nouns) + r"(?:['’]s?)?(?![\w-])"
    if not folded:
        return re.compile(r"(?<![\w-])" + body, re.I)
    lead = nouns[0][1]
    return re.compile(lead + r"(?<![\w-]" + lead + ")" + body[len(lead) :])


def _short_forms(name: str, other: str) -> list[re.Pattern[str]]:
    """Shorter names people use for a role: a part of a compound name, its last words.

    "host and cashier" -> host, cashier; "certified forklift driver" ->
    forklift driver, driver. Only forms that cannot also name ``other``.
    """
    forms = []
    parts = _parts(name)
    candidates = [" ".join(words[i:]) for words in parts for i in range(len(words))]
    for form in dict.fromkeys(candidates):
        if form == name.lower():
            continue
        pattern = _name_pattern(form)
        if not pattern.search(other) and not _name_pattern(other).search(form):
            forms.append(pattern)
    return forms


@dataclass
class RoleNames:
    """The two roles a passage talks about, able to tell which one a text mentions."""

    a: str
    b: str

    def __post_init__(self) -> None:
        self._patterns = ((A, _name_pattern(self.a)), (B, _name_pattern(self.b)))
        # ASCII names in ASCII text: lower-casing is exactly what IGNORECASE compares.
        self._folded = (
            ((A, _name_pattern(self.a, True)), (B, _name_pattern(self.b, True)))
            if self.a.isascii() and self.b.isascii()
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Mentions as (start, end, side), a mention inside a longer one dropped.

        "customer service directors" mentions A even when B is "Director".
        """
        patterns = self._patterns
        if self._folded is not None and text.isascii():
            text, patterns = text.lower(), self._folded
        found = [(m.start(), m.end(), side) for side, p in patterns for m in p.finditer(text)]
        found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        kept: list[tuple[int, int, str]] = []
        for span in found:
            if kept and span[0] < kept[-1][1]:
                continue
            kept.append(span)
        return kept

    def mentioned(self, text: str) -> set[str]:
        return {side for _, _, side in self.spans(text)}

    def names_at_all(self, side: str, text: str) -> bool:
        """Does ``text`` name ``side``, even inside the other's longer name? (A cheap test:
        no spans are sorted out.)"""
        patterns = self._patterns
        if self._folded is not None and text.isascii():
            text, patterns = text.lower(), self._folded
        return any(p.search(text) is not None for named, p in patterns if named == side)

    def only(self, text: str) -> str | None:
        """The one side ``text`` mentions, or None when it names neither or both."""
        sides = self.mentioned(text)
        return next(iter(sides)) if len(sides) == 1 else None

    def side_of(self, text: str) -> str | None:
        """:meth:`only`, or when ``text`` names neither role, the one its short forms name.

        For a title or a description that says "host" for "host and
        cashier", never for one that names a role in full.
        """
        sides = self.mentioned(text)
        if sides:
            return next(iter(sides)) if len(sides) == 1 else None
        found = {side for side, forms in self._short_forms if any(f.search(text) for f in forms)}
        return next(iter(found)) if len(found) == 1 else None

    @cached_property
    def _short_forms(self) -> tuple[tuple[str, list[re.Pattern[str]]], ...]:
        return ((A, _short_forms(self.a, self.b)), (B, _short_forms(self.b, self.a)))

    def is_name(self, text: str) -> str | None:
        """The side whose name ``text`` is, all of it (a card's title, a row's head), else None."""
        spans = self.spans(text)
        if len(spans) == 1 and spans[0][0] <= 2 and len(text) - spans[0][1] <= 2:
            return spans[0][2]
        return None


# -- sentences ------------------------------------------------------------------------

_QUOTE = re.compile(r"[\"“”]")
_SENTENCE_END = re.compile(r"[.!?][\"”]?(?:\s+|(?=[A-Z]))")


@lru_cache(maxsize=2048)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each quoted passage, quote marks paired in order."""
    marks = [m.start() for m in _QUOTE.finditer(text)]
    return tuple((marks[i], marks[i + 1] + 1) for i in range(0, len(marks) - 1, 2))


_AFTER_QUOTE = re.compile(r"\s*(?=[A-Z])")


@lru_cache(maxsize=2048)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence.

    A full stop inside quotes ends no sentence, but a quote that closes on
    one does when a capital follows: `... "community resources. " Customer`.
    """
    inside = quoted_spans(text)
    ends = [
        m.end() for m in _SENTENCE_END.finditer(text)
        if not any(s < m.start() < e - 1 for s, e in inside)
    ]  # fmt: skip
    for s, e in inside:
        after = _AFTER_QUOTE.match(text, e)
        if after and text[s + 1 : e - 1].rstrip()[-1:] in {".", "!", "?"}:
            ends.append(after.end())
    bounds, start = [], 0
    for end in sorted(set(ends)):
        if end <= start:
            continue
        bounds.append((start, end))
        start = end
    if start < len(text):
        bounds.append((start, len(text)))
    return tuple(bounds)


def sentence_texts(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in sentences(text)]


def _sentences_with(text: str, word: str) -> Iterator[str]:
    """The sentences of ``text`` (as :func:`sentence_texts`) that may hold ``word``.

    As :func:`~careerscrape.parsing.text.may_contain`, but lower-casing the
    text once rather than each sentence.
    """
    lowered = text.lower() if text.isascii() else None
    for start, end in sentences(text):
        if lowered is None or lowered.find(word, start, end) >= 0:
            yield text[start:end].strip()


# -- descriptions ---------------------------------------------------------------------

_FACT = re.compile(r"\$\s*\d|%\s+(?:more|less)\s+likely|\bthan\b", re.I)


def states_facts(paragraph: str) -> bool:
    """Does a paragraph compare the roles (pay, degrees, skill lists) rather than describe one?"""
    return bool(may_contain(paragraph, "$", "%", "than") and _FACT.search(paragraph)) or any(
        len(items) >= 2 for _, _, items in _quoted_lists(paragraph)
    )


# -- salary difference -----------------------------------------------------------------

_DIRECTION = re.compile(r"\b(lower|higher|less|more)\b", re.I)
_AMOUNT = re.compile(r"\$\s*\d[\d,]*(?:\.\d+)?\s*[kK]?")
_PAY_WORDS = re.compile(r"\b(salar\w*|paid|earn\w*|pay|wages?|make)\b", re.I)
_DIFFERENCE = re.compile(r"\b(difference|gap)\b", re.I)


def _sign_by_subject(sentence: str, names: RoleNames, anchor: int) -> int:
    """+1 when B is the subject of the comparison, -1 when A is.

    "B earn less than A": the role after "than" is the reference, so the
    other one is the subject. Without "than", the role named before the
    figure is the subject; with no name at all (pronouns), B.
    """
    than = re.search(r"\bthan\b", sentence[anchor:], re.I)
    if than:
        reference = names.only(sentence[anchor + than.end() :])
        if reference:
            return 1 if reference == A else -1
    subject = names.only(sentence[:anchor])
    return -1 if subject == A else 1


def salary_difference(text: str, names: RoleNames) -> int | None:
    """B minus A from the first sentence that states a pay gap in dollars."""
    parts = sentence_texts(text)
    for i, sentence in enumerate(parts):
        if "industry" in sentence.lower() or not (
            may_contain(sentence, "salar", "paid", "earn", "pay", "wage", "make")
            and _PAY_WORDS.search(sentence)
        ):
            continue
        direction = _DIRECTION.search(sentence)
        if not direction:
            continue
        amount = _AMOUNT.search(sentence)
        if amount is None and i + 1 < len(parts) and _DIFFERENCE.search(parts[i + 1]):
            amount = _AMOUNT.search(parts[i + 1])  # "... The difference is about $21,473"
        if amount is None:
            continue
        value = money(amount.group(0))
        if value is None:
            continue
        sign = 1 if direction.group(1).lower() in {"higher", "more"} else -1
        return sign * _sign_by_subject(sentence, names, direction.start()) * value
    return None


# -- education differences --------------------------------------------------------------

_LIKELIHOOD = re.compile(
    r"(\d+(?:\.\d+)?)\s*%\s+(more|less)\s+likely\b[^.%]*?\b(master|doctor)", re.I
)


def degree_differences(text: str, names: RoleNames) -> dict[str, float]:
    """{"master": -2.1, "doctor": 0.3}: percentage points, B minus A."""
    found: dict[str, float] = {}
    if not may_contain(text, "likely"):
        return found
    for start, end in sentences(text):
        sentence = text[start:end]
        if "%" not in sentence:
            continue
        for match in _LIKELIHOOD.finditer(sentence):
            degree = match.group(3).lower()
            if degree in found:
                continue
            sign = 1.0 if match.group(2).lower() == "more" else -1.0
            subject = names.only(sentence[: match.start()])
            if subject == A:
                sign = -sign
            found[degree] = sign * float(match.group(1))
    return found


# -- industries ----------------------------------------------------------------------

_INDUSTRY = re.compile(r"\bthe\s+((?:[\w&-]+\s+){0,3}?[\w&-]+)\s+industry\b", re.I)


def top_industries(text: str, names: RoleNames) -> dict[str, tuple[str, int | None]]:
    """{side: (industry, salary or None)} from "the <industry> industry ... $N" sentences."""
    found: dict[str, tuple[str, int | None]] = {}
    for sentence in _sentences_with(text, "industry"):
        match = _INDUSTRY.search(sentence)
        if not match:
            continue
        side = names.only(sentence)
        if side is None or side in found:
            continue
        # "... in the finance industry with an average salary of $103,459", or the
        # figure first: "... make the biggest average salary, $104,560, in the technology industry"
        amount = _AMOUNT.search(sentence, match.end()) or next(
            reversed(list(_AMOUNT.finditer(sentence, 0, match.start()))), None
        )
        found[side] = (match.group(1), money(amount.group(0)) if amount else None)
    return found


# -- skill lists ---------------------------------------------------------------------

_SHARED_CUE = re.compile(r"\b(both|similar|same|in common|these skills|share)\b", re.I)
_LIST_GLUE = re.compile(r"^[\s,;]*(?:(?:and|or|as well as)\s*)?$", re.I)
_UNQUOTED_CUE = re.compile(
    r"\b(?:skilled in|skills? (?:like|such as|including|in)|such as),?\s+([^.\"“”]+)", re.I
)
_UNQUOTED_WORDS = ("skill", "such as")  # one of which every _UNQUOTED_CUE holds
_LIST_SPLIT = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+")
_TRAILING_CLAUSE = re.compile(
    r"\s+(?:on|in|to|for|when|at|as|from)\s+(?:their|the|a|an|these|those|each|his|her)\b.*$", re.I
)
_ITEM_TRIM = ' ,.;:\u201d\u201c"'


def _items(raw: list[str]) -> list[str]:
    return [item for item in (r.strip(_ITEM_TRIM) for r in raw) if item]


def _quoted_lists(paragraph: str) -> list[tuple[int, int, list[str]]]:
    """Runs of quoted items ("a," "b," and "c") as (start, end, items)."""
    lists: list[tuple[int, int, list[str]]] = []
    for start, end in quoted_spans(paragraph):
        item = paragraph[start + 1 : end - 1]
        if lists and _LIST_GLUE.match(paragraph[lists[-1][1] : start]):
            lists[-1] = (lists[-1][0], end, [*lists[-1][2], item])
        else:
            lists.append((start, end, [item]))
    return [(s, e, _items(items)) for s, e, items in lists]


def _unquoted_list(sentence: str) -> tuple[int, list[str]] | None:
    match = may_contain(sentence, *_UNQUOTED_WORDS) and _UNQUOTED_CUE.search(sentence)
    if not match:
        return None
    raw = _LIST_SPLIT.split(match.group(1).strip())
    if len(raw) < 2:
        return None
    raw[-1] = _TRAILING_CLAUSE.sub("", raw[-1])
    return match.start(1), _items(raw)


def skill_lists(paragraphs: list[str], names: RoleNames) -> dict[str, list[str]]:
    """{"shared": [...], A: [...], B: [...]}: the first list the prose gives for each.

    A list is shared when its sentence says so ("both", "similar", "these
    skills") or names both roles; otherwise it belongs to the one role named
    before it in its sentence, or else after it ("... are skills that
    commonly show up on customer service director resumes").
    """
    found: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        bounds = sentences(paragraph)
        candidates: list[tuple[int, int, list[str]]] = _quoted_lists(paragraph)
        if may_contain(paragraph, *_UNQUOTED_WORDS):  # else no sentence has an unquoted list
            quoted_in = {i for i, (s, e) in enumerate(bounds) for q in candidates if s <= q[0] < e}
            for i, (s, e) in enumerate(bounds):
                if i in quoted_in:
                    continue
                unquoted = _unquoted_list(paragraph[s:e])
                if unquoted:
                    candidates.append((s + unquoted[0], e, unquoted[1]))
        candidates.sort()
        previous_end = 0
        for start, end, items in candidates:
            if len(items) < 2:
                previous_end = end
                continue
            sentence_start = max([s for s, _ in bounds if s <= start] or [0])
            sentence_end = min([e for _, e in bounds if e >= end] or [len(paragraph)])
            before = paragraph[max(sentence_start, previous_end) : start]
            after = paragraph[end:sentence_end]
            previous_end = end
            owner = _owner(before, after, names)
            if owner and owner not in found:
                found[owner] = items
    return found


def _owner(before: str, after: str, names: RoleNames) -> str | None:
    if _SHARED_CUE.search(before):
        return "shared"
    sides = names.mentioned(before)
    if len(sides) == 2:
        return "shared"
    if sides:
        return sides.pop()
    sides = names.mentioned(after)
    if len(sides) == 2:
        return "shared"
    return sides.pop() if sides else None


# -- years to become ------------------------------------------------------------------

_BECOMING = re.compile(r"\bto become\b|\bbecoming\b", re.I)


def years_to_become(text: str, names: RoleNames) -> dict[str, tuple[float, float]]:
    """{side: (min, max)} in years from "It typically takes 4-6 years to become both ...".

    Months are years too: "6-12 months" is (0.5, 1.0).
    """
    for sentence in _sentences_with(text, "becom"):
        if not _BECOMING.search(sentence):
            continue
        ranges = list(DURATION.finditer(sentence))
        if not ranges:
            continue
        if len(ranges) == 1 and re.search(r"\bboth\b", sentence, re.I):
            value = in_years(ranges[0])
            return {A: value, B: value}
        found: dict[str, tuple[float, float]] = {}
        for clause in re.split(r",\s+|;\s+", sentence):
            match = DURATION.search(clause)
            side = names.side_of(clause)
            if match and side and side not in found:
                found[side] = in_years(match)
        if found:
            return found
    return {}


# -- simple lists ---------------------------------------------------------------------


def split_list(text: str) -> list[str]:
    """``"a, b and c"`` -> ["a", "b", "c"]."""
    return _items(_LIST_SPLIT.split(text.strip().rstrip(".")))
