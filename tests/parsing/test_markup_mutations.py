"""Property tests: the parsers read what a page says, not how its markup is written.

Every fixture page is mutated with the markup mutations of ``tests/support/mutations.py``:

- content-KEEPING mutations (class names, wrappers, heading tags, tables as
  grids or lists, scripts/ads/menus/banners/buttons, whitespace, text split
  across spans) must give the record of ``expected.json``, alone or combined;
- content-REMOVING mutations (a section, table rows, a cell, list items, a
  paragraph) may make the page unreadable (:class:`ParseError`) or the record
  poorer, but every value of the record must still be one the page shows,
  where it shows it (see :func:`invented`). They are tried at random places
  (up to three at once) and, one place at a time, at every place of every page.

Examples are drawn by hypothesis with a fixed seed (``@seed``) and no
shrinking, so a run always tests the same examples and takes the same time.
A failure names the fixture, the mutation, its seed and the edits it made;
``mutations.<name>(html, random.Random(seed), sites=sites)`` replays it.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from support import mutations
from support.mutations import KEEPING, REMOVING, RESTYLING, Mutation

from careerscrape.parsing import ParseError, parse_page
from careerscrape.testing.fixtures import VOLATILE_FIELDS, field_differences, load_fixtures

# Selectable with `-m property` (registered in pyproject.toml).
pytestmark = pytest.mark.property

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
PAGE_NAMES = [f.name for f in load_fixtures(FIXTURES_DIR)]

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
#: How many places a mutation edits: a few, or as many as it draws itself.
SITES = st.one_of(st.none(), st.integers(min_value=1, max_value=3))


#: One fixed seed: every run (and every edit of this file) tests the same examples.
PROPERTY_SEED = 20251123


def property_settings(max_examples: int) -> settings:
    """No example database, no deadline, no shrinking: the run's time stays bounded."""
    return settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        phases=(Phase.explicit, Phase.generate),
        suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large),
    )


@dataclass(frozen=True)
class Page:
    name: str
    html: bytes
    url: str
    expected: dict[str, Any]
    text: str  # what a reader sees (mutations.visible_text)


@cache
def load_page(name: str) -> Page:
    fixture = next(f for f in load_fixtures(FIXTURES_DIR) if f.name == name)
    html = fixture.html
    return Page(name, html, fixture.url, fixture.expected(), mutations.visible_text(html))


def record_of(html: bytes, url: str) -> dict[str, Any]:
    record = parse_page(html, url).model_dump(mode="json")
    for field in VOLATILE_FIELDS:
        record.pop(field, None)
    return record


def describe(page: Page, applied: str, log: list[str]) -> str:
    return f"{page.name} after {applied}:\n  edits:\n" + "\n".join(f"    {e}" for e in log)


def mutate(
    page: Page, chosen: list[Mutation], seed: int, sites: int | None
) -> tuple[bytes, list[str], str]:
    log: list[str] = []
    html = mutations.apply(page.html, chosen, random.Random(seed), log, sites)
    applied = f"{' + '.join(m.name for m in chosen)} (seed={seed}, sites={sites})"
    return html, log, applied


def assert_same_record(
    page: Page, html: bytes, log: list[str], applied: str, restyled: bool = False
) -> None:
    """The record of ``expected.json``; a bug of the mutation, not the parser, when text changed.

    A restyled page may show more (list markers, a label once per role) but
    must still show every character of the page.
    """
    if restyled:
        lost = mutations.restyled_text_kept(page.html, html)
        if lost:
            pytest.fail(
                f"{describe(page, applied, log)}\n  the restyling lost visible text (a bug of "
                f"tests/support/mutations.py): {lost!r}",
                pytrace=False,
            )
    elif (text := mutations.visible_text(html)) != page.text:
        pytest.fail(
            f"{describe(page, applied, log)}\n  the mutation changed the visible text (a bug of "
            f"tests/support/mutations.py): {_first_difference(page.text, text)}",
            pytrace=False,
        )
    try:
        record = record_of(html, page.url)
    except Exception as exc:  # ParseError or a contract violation: both are wrong here
        pytest.fail(
            f"{describe(page, applied, log)}\n  raised {type(exc).__name__}: {exc}", pytrace=False
        )
    differences = field_differences(record, page.expected)
    if differences:
        pytest.fail(
            describe(page, applied, log)
            + "\n  record differences:\n"
            + "\n".join(f"    {d}" for d in differences),
            pytrace=False,
        )


def _first_difference(old: str, new: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), None)
    at = min(len(old), len(new)) if at is None else at
    return (
        f"was ...{old[max(0, at - 30) : at + 30]!r}..., is ...{new[max(0, at - 30) : at + 30]!r}..."
    )


# -- content-keeping mutations ------------------------------------------------------------


@pytest.mark.parametrize("mutation", KEEPING, ids=lambda m: m.name)
@pytest.mark.parametrize("name", PAGE_NAMES)
@seed(PROPERTY_SEED)
@property_settings(max_examples=6)
@given(seed=SEEDS, sites=SITES)
def test_content_keeping_mutation_gives_the_same_record(
    name: str, mutation: Mutation, seed: int, sites: int | None
) -> None:
    page = load_page(name)
    html, log, applied = mutate(page, [mutation], seed, sites)
    assert_same_record(page, html, log, applied)


@pytest.mark.parametrize("name", PAGE_NAMES)
@seed(PROPERTY_SEED)
@property_settings(max_examples=12)
@given(chosen=st.lists(st.sampled_from(KEEPING), min_size=2, max_size=5), seed=SEEDS)
def test_content_keeping_mutations_combined_give_the_same_record(
    name: str, chosen: list[Mutation], seed: int
) -> None:
    page = load_page(name)
    html, log, applied = mutate(page, chosen, seed, None)
    assert_same_record(page, html, log, applied)


# -- restyled pages ----------------------------------------------------------------------------

#: Content-keeping mutations combined with the restylings. Not tables_to_dl: a <dl> of a
#: table turned on its side lists each role's figures with no label beside them.
WITH_RESTYLING = tuple(m for m in KEEPING if m is not mutations.tables_to_dl)


@pytest.mark.parametrize("name", PAGE_NAMES)
@seed(PROPERTY_SEED)
@property_settings(max_examples=10)
@given(seed=SEEDS, extra=st.lists(st.sampled_from(WITH_RESTYLING), max_size=2))
def test_restyled_page_gives_the_same_record(name: str, seed: int, extra: list[Mutation]) -> None:
    """Headings, lists and figure tables drawn in other forms, with other markup changes."""
    page = load_page(name)
    html, log, applied = mutate(page, [*RESTYLING, *extra], seed, None)
    assert_same_record(page, html, log, applied, restyled=True)


@pytest.mark.parametrize("mutation", REMOVING, ids=lambda m: m.name)
@pytest.mark.parametrize("name", PAGE_NAMES)
@seed(PROPERTY_SEED)
@property_settings(max_examples=6)
@given(seed=SEEDS, sites=SITES)
def test_restyled_page_with_content_removed_invents_nothing(
    name: str, mutation: Mutation, seed: int, sites: int | None
) -> None:
    page = load_page(name)
    log: list[str] = []
    rng = random.Random(seed)
    restyled = mutations.apply(page.html, RESTYLING, rng, log)
    html = mutations.apply(restyled, [mutation], rng, log, sites)
    applied = f"restyled + {mutation.name} (seed={seed}, sites={sites})"
    failure = what_is_invented(page, html, log, applied)
    if failure:
        pytest.fail(failure, pytrace=False)


# -- content-removing mutations ------------------------------------------------------------


def _same(actual: Any, expected: Any) -> bool:
    """Equal values; texts compared whitespace-folded and case-insensitively.

    A role name read from the title ("Customer service director vs ...")
    instead of the table header ("Customer Service Director") is the same
    name, not an invented one.
    """
    if isinstance(actual, str) and isinstance(expected, str):
        return " ".join(actual.split()).casefold() == " ".join(expected.split()).casefold()
    return actual == expected


def invented(actual: Any, expected: Any, path: str = "") -> list[str]:
    """The values of ``actual`` that ``expected`` (the unmutated page's record) lacks.

    Nulls and empty lists are never invented. A scalar must equal the value
    at the same place in ``expected``; a dict is checked key by key; each
    list item must match some item of the same list in ``expected`` as a
    whole (a skill's name and its percentage together, each side of a
    comparison with its own figures). So a value moved to another field or
    to the other role counts as invented, as does one the page never shows.
    """
    if actual is None or actual == []:
        return []
    if isinstance(actual, dict):
        if not isinstance(expected, dict):
            return [f"{path} = {_short(actual)}, the page shows {_short(expected)}"]
        found = []
        for key, value in actual.items():
            found += invented(value, expected.get(key), f"{path}.{key}")
        return found
    if isinstance(actual, list):
        options = expected if isinstance(expected, list) else []
        found = []
        for i, item in enumerate(actual):
            where = f"{path}[{i}]"
            if not options:
                found.append(f"{where} = {_short(item)}, the page shows no such list")
                continue
            misses = [invented(item, option, where) for option in options]
            if not all(misses):
                continue
            if isinstance(item, dict):  # the closest item of the page tells what differs
                found += min(misses, key=len)
            else:
                found.append(f"{where} = {_short(item)}: not one of the page's {len(options)}")
        return found
    if not _same(actual, expected):
        return [f"{path} = {_short(actual)}, the page shows {_short(expected)}"]
    return []


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def what_is_invented(page: Page, html: bytes, log: list[str], applied: str) -> str | None:
    """Why the record of a page with content removed is wrong, or None when it is not."""
    try:
        record = record_of(html, page.url)
    except ParseError:
        return None  # a page without enough content left is refused: fine
    except Exception as exc:
        return (
            f"{describe(page, applied, log)}\n  raised {type(exc).__name__} "
            f"(only ParseError is allowed): {exc}"
        )
    found = invented(record, page.expected)
    if not found:
        return None
    return (
        describe(page, applied, log)
        + "\n  values the page does not show there:\n"
        + "\n".join(f"    {f.lstrip('.')}" for f in found)
    )


@pytest.mark.parametrize("mutation", REMOVING, ids=lambda m: m.name)
@pytest.mark.parametrize("name", PAGE_NAMES)
@seed(PROPERTY_SEED)
@property_settings(max_examples=10)
@given(seed=SEEDS, sites=SITES)
def test_content_removing_mutation_invents_nothing(
    name: str, mutation: Mutation, seed: int, sites: int | None
) -> None:
    page = load_page(name)
    html, log, applied = mutate(page, [mutation], seed, sites)
    failure = what_is_invented(page, html, log, applied)
    if failure:
        pytest.fail(failure, pytrace=False)


@pytest.mark.parametrize("mutation", REMOVING, ids=lambda m: m.name)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_content_removing_mutation_at_each_place_invents_nothing(
    name: str, mutation: Mutation
) -> None:
    """Every single place of every page: each paragraph, section, list, table, cell in turn."""
    page = load_page(name)
    failures = []
    for index, (html, log) in enumerate(
        mutation.each_site(page.html, random.Random(PROPERTY_SEED))
    ):
        applied = f"{mutation.name} at place {index} (mutation.each_site, seed={PROPERTY_SEED})"
        failure = what_is_invented(page, html, log, applied)
        if failure:
            failures.append(failure)
    if failures:
        shown = "\n".join(failures[:3])
        more = f"\n(and {len(failures) - 3} more places)" if len(failures) > 3 else ""
        pytest.fail(f"{len(failures)} places fail:\n{shown}{more}", pytrace=False)


# -- the helpers themselves ------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_parsing_and_serialising_alone_keeps_the_record(name: str) -> None:
    page = load_page(name)
    html, log, applied = mutate(page, [], 0, None)
    assert_same_record(page, html, log, applied)


@pytest.mark.parametrize("mutation", [*KEEPING, *RESTYLING, *REMOVING], ids=lambda m: m.name)
def test_every_mutation_edits_some_page(mutation: Mutation) -> None:
    for name in PAGE_NAMES:
        page = load_page(name)
        untouched = mutations.apply(page.html, [], random.Random(0))
        if mutation(page.html, random.Random(0)) != untouched:
            return
    pytest.fail(f"{mutation.name} changed no fixture page")


def test_invented_flags_values_the_pagedoes_not_show() -> None:
    expected = {
        "role": "Customer Service Director",
        "salary": 134962,
        "skills": [{"name": "CRM", "percent": 4.0}, {"name": "ERP", "percent": 6.0}],
        "sides": [{"role": "A", "pay": 1}, {"role": "B", "pay": 2}],
    }
    fewer = {
        "role": "customer service director",
        "salary": None,
        "skills": [{"name": "ERP", "percent": 6.0}],
        "sides": [{"role": "B", "pay": None}],
    }
    assert invented(fewer, expected) == []
    assert invented({**fewer, "salary": 99}, expected) == [".salary = 99, the page shows 134962"]
    mixed = {"skills": [{"name": "CRM", "percent": 6.0}], "sides": [{"role": "A", "pay": 2}]}
    assert invented(mixed, expected) == [
        ".skills[0].percent = 6.0, the page shows 4.0",
        ".sides[0].pay = 2, the page shows 1",
    ]
