"""Regression suite: every fixture page parses to its expected.json; provenance of one page."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from careerscrape.models import PARSER_VERSION, RoleProfile
from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import VOLATILE_FIELDS, Fixture, field_differences, load_fixtures

PROVENANCE_FIXTURE = "role-customer-service-director--nextjs"


def test_every_fixture_parses_to_its_expected_record(page_fixture: Fixture) -> None:
    differences = field_differences(page_fixture.actual(), page_fixture.expected())
    assert not differences, f"{page_fixture.name}:\n" + "\n".join(differences)


def test_fixture_folders_are_complete_and_found(fixtures_dir) -> None:
    found = load_fixtures(fixtures_dir)
    folders = sorted(p.name for p in fixtures_dir.iterdir() if p.is_dir())
    assert [f.name for f in found] == folders
    for fixture in found:
        assert fixture.expected_path.is_file(), f"{fixture.name} has no expected.json"
        expected = fixture.expected()
        assert not set(VOLATILE_FIELDS) & set(expected), f"{fixture.name} stores volatile fields"
        assert expected["url"] == parse_page(fixture.html, fixture.url).url


def test_a_fixture_needs_only_its_three_files_and_a_url(tmp_path, fixture_named) -> None:
    """Any folder name; meta.json gives the url and nothing else; expected.json the record."""
    source = fixture_named("role-chef--nextjs")
    folder = tmp_path / "a chef page saved by hand"
    folder.mkdir()
    (folder / "page.html").write_bytes(source.html)
    (folder / "meta.json").write_text(json.dumps({"url": source.url}), encoding="utf-8")
    (folder / "expected.json").write_text(source.expected_path.read_text(), encoding="utf-8")
    (found,) = load_fixtures(tmp_path)
    assert found.name == "a chef page saved by hand"
    assert field_differences(found.actual(), found.expected()) == []


def test_a_meta_without_url_is_named_in_the_error(tmp_path) -> None:
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "page.html").write_text("<html><body></body></html>")
    (tmp_path / "page" / "meta.json").write_text('{"notes": "no url"}')
    (found,) = load_fixtures(tmp_path)
    with pytest.raises(ValueError, match=r"page/meta.json gives no url"):
        found.actual()


def test_field_differences_names_each_differing_field() -> None:
    actual = {"a": 1, "b": [{"c": 2}, {"c": 3}], "d": "x"}
    expected = {"a": 1, "b": [{"c": 2}, {"c": 4}], "e": "y"}
    assert field_differences(actual, expected) == [
        "b[1].c differs: got 3, expected 4",
        'e differs: got "<missing>", expected "y"',
        'd differs: got "x", expected "<missing>"',
    ]
    assert field_differences(actual, actual) == []


# -- provenance -----------------------------------------------------------------------


@pytest.fixture
def provenance_fixture(fixture_named) -> Fixture:
    return fixture_named(PROVENANCE_FIXTURE)


def test_content_sha256_is_the_hash_of_the_page_bytes(provenance_fixture: Fixture) -> None:
    html = provenance_fixture.html
    record = parse_page(html, provenance_fixture.url)
    assert record.content_sha256 == hashlib.sha256(html).hexdigest()
    assert len(record.content_sha256) == 64


def test_content_sha256_of_str_input_is_the_hash_of_its_utf8_bytes(
    provenance_fixture: Fixture,
) -> None:
    html = provenance_fixture.html
    record = parse_page(html.decode("utf-8"), provenance_fixture.url)
    assert record.content_sha256 == hashlib.sha256(html).hexdigest()


def test_parser_version_is_the_models_version(provenance_fixture: Fixture) -> None:
    record = parse_page(provenance_fixture.html, provenance_fixture.url)
    assert record.parser_version == PARSER_VERSION
    assert PARSER_VERSION == "1.1.0"


def test_provenance_url_and_page_type(provenance_fixture: Fixture) -> None:
    record = parse_page(provenance_fixture.html, provenance_fixture.url)
    assert isinstance(record, RoleProfile)
    assert record.page_type == "role"
    assert record.url == (
        "https://www.zippia.com/customer-service-director-jobs/"
        "what-does-a-customer-service-director-do/"
    )


def test_fetched_at_is_the_value_passed_in_utc(provenance_fixture: Fixture) -> None:
    given = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    record = parse_page(provenance_fixture.html, provenance_fixture.url, fetched_at=given)
    assert record.fetched_at == given
    assert record.fetched_at.utcoffset() == timedelta(0)
    assert record.model_dump(mode="json")["fetched_at"] == "2026-01-02T03:04:05.000000Z"


def test_fetched_at_in_another_zone_is_converted_to_utc(provenance_fixture: Fixture) -> None:
    given = datetime(2026, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2)))
    record = parse_page(provenance_fixture.html, provenance_fixture.url, fetched_at=given)
    assert record.fetched_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert record.fetched_at.utcoffset() == timedelta(0)
    assert record.fetched_at.hour == 3


def test_naive_fetched_at_is_taken_as_utc(provenance_fixture: Fixture) -> None:
    record = parse_page(
        provenance_fixture.html, provenance_fixture.url, fetched_at=datetime(2026, 1, 2, 3, 4, 5)
    )
    assert record.fetched_at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_fetched_at_defaults_to_now_in_utc(provenance_fixture: Fixture) -> None:
    before = datetime.now(UTC)
    record = parse_page(provenance_fixture.html, provenance_fixture.url)
    after = datetime.now(UTC)
    assert before <= record.fetched_at <= after
    assert record.fetched_at.utcoffset() == timedelta(0)
    assert json.loads(record.model_dump_json())["fetched_at"].endswith("Z")
