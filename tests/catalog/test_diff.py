"""The catalog change report: what is compared how, the three renderings, files, the command."""

from __future__ import annotations

import copy
import json
import typing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from careerscrape.atomic import write_jsonl
from careerscrape.catalog.diff import (
    IGNORED_FIELDS,
    KEYED_FIELDS,
    SET_FIELDS,
    ChangeReport,
    DiffError,
    diff_catalogs,
    read_catalog,
)
from careerscrape.catalog.merge import CatalogBuilder
from careerscrape.cli import build_parser
from careerscrape.models import RoleCatalogEntry
from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import Fixture

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "pages"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
T1 = T0 + timedelta(days=7)
VS = "vs-customer-service-director-vs-customer-service-manager--nextjs"
ROLE = "role-customer-service-director--nextjs"
VS_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)
SSM_VS_URL = (
    "https://www.zippia.com/senior-service-manager-jobs/"
    "senior-service-manager-vs-customer-service-director-differences/"
)
SOUS_CHEF_URL = "https://www.zippia.com/sous-chef-jobs/what-does-a-sous-chef-do"


# -- two catalogs from the fixture pages -------------------------------------------------------


CHEF = "role-chef--nextjs"
STOCKER = "vs-stocker-vs-lead-stocker--nextjs"
#: The pages the two catalogs are built from, one per URL: the figures below (24 roles)
#: are theirs, so a fixture added to fixtures/pages changes nothing here.
CATALOG_PAGES = (
    "role-bar-attendant--nextjs", CHEF, ROLE, "role-food-server--plain", "role-janitor--legacy",
    "role-operations-manager-alt--legacy", "role-registered-nurse--nextjs",
    "role-senior-service-manager--legacy", "vs-bar-attendant-vs-food-server--nextjs",
    "vs-certified-forklift-driver-vs-forklift-operator--plain", VS,
    "vs-customer-service-manager-vs-operations-manager--legacy",
    "vs-line-chef-vs-line-cook-dishwasher--plain",
    "vs-registered-nurse-vs-licensed-practical-nurse--nextjs",
    "vs-senior-service-manager-vs-customer-service-director--plain", STOCKER,
)  # fmt: skip


@pytest.fixture(scope="module")
def page_records() -> dict[str, dict[str, Any]]:
    """The record of each page of :data:`CATALOG_PAGES`, fetched at T0."""
    return {
        name: parse_page(fixture.html, fixture.url, fetched_at=T0).model_dump(mode="json")
        for name in CATALOG_PAGES
        for fixture in [Fixture(name, FIXTURES_DIR / name)]
    }


def catalog_of(records: typing.Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    builder = CatalogBuilder()
    for record in records:
        builder.add(record)
    return [entry.model_dump(mode="json") for entry in builder.entries()]


def recrawled(records: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Deep copies of the records, fetched again a week later."""
    return {
        name: dict(copy.deepcopy(record), fetched_at=T1.isoformat())
        for name, record in records.items()
    }


@pytest.fixture(scope="module")
def catalogs(page_records) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(old, new): the new crawl moved a salary, dropped a skill, found a role, lost a page."""
    new = recrawled(page_records)
    # The comparison page now pays the director 139000, and it is the newest page.
    comparison = new[VS]
    assert comparison["roles"][0]["role_slug"] == "customer-service-director"
    assert comparison["roles"][0]["yearly_salary"] == 134962
    comparison["roles"][0]["yearly_salary"] = 139000
    comparison["fetched_at"] = (T1 + timedelta(hours=1)).isoformat()
    # The role page no longer lists CRM.
    role = new[ROLE]
    assert "CRM" in [skill["name"] for skill in role["skills"]]
    role["skills"] = [skill for skill in role["skills"] if skill["name"] != "CRM"]
    # A new role page.
    sous_chef = copy.deepcopy(new[CHEF])
    assert sous_chef["comparisons"] == []
    sous_chef.update(role="Sous Chef", role_slug="sous-chef", url=SOUS_CHEF_URL)
    new["role-sous-chef"] = sous_chef
    # The stocker comparison page is gone, and with it both of its roles.
    del new[STOCKER]
    return catalog_of(page_records.values()), catalog_of(new.values())


@pytest.fixture(scope="module")
def report(catalogs) -> ChangeReport:
    return diff_catalogs(*catalogs)


def edge(slug: str, difference: int) -> dict[str, Any]:
    return {"role_slug": slug, "salary_difference": difference, "url": VS_URL}


EXPECTED = {
    "added": [{"role_slug": "sous-chef", "title": "Sous Chef"}],
    "removed": [
        {"role_slug": "lead-stocker", "title": "Lead Stocker"},
        {"role_slug": "stocker", "title": "Stocker"},
    ],
    "changed": [
        {
            "role_slug": "customer-service-director",
            "title": "Customer Service Director",
            "fields": [
                {"field": "yearly_salary", "old": 134962, "new": 139000},
                {
                    "field": "skills",
                    "gained": [],
                    "lost": [{"name": "CRM", "percent": 4.0}],
                    "changed": [],
                },
                {
                    "field": "related",
                    "gained": [],
                    "lost": [],
                    "changed": [
                        {
                            "key": "customer-service-manager",
                            "old": edge("customer-service-manager", -73475),
                            "new": edge("customer-service-manager", 61487 - 139000),
                        }
                    ],
                },
                {
                    "field": "conflicts",
                    "gained": [
                        {
                            "field": "yearly_salary",
                            "values": [
                                {"value": 139000, "url": VS_URL},
                                {"value": 134962, "url": SSM_VS_URL},
                            ],
                        }
                    ],
                    "lost": [],
                    "changed": [],
                },
            ],
        },
        {
            "role_slug": "customer-service-manager",
            "title": "Customer Service Manager",
            "fields": [
                {
                    "field": "related",
                    "gained": [],
                    "lost": [],
                    "changed": [
                        {
                            "key": "customer-service-director",
                            "old": edge("customer-service-director", 73475),
                            "new": edge("customer-service-director", 139000 - 61487),
                        }
                    ],
                }
            ],
        },
    ],
    "summary": {"added": 1, "removed": 2, "changed": 2, "unchanged": 20},
}

EXPECTED_TEXT = """\
1 added, 2 removed, 2 changed, 20 unchanged

+ sous-chef: Sous Chef
- lead-stocker: Lead Stocker
- stocker: Stocker

customer-service-director: yearly_salary 134962 -> 139000
customer-service-director: skills -CRM
customer-service-director: related customer-service-manager salary_difference -73475 -> -77513
customer-service-director: conflicts +yearly_salary

customer-service-manager: related customer-service-director salary_difference 73475 -> 77513
"""

EXPECTED_MARKDOWN = """\
# Catalog changes

| added | removed | changed | unchanged |
|---:|---:|---:|---:|
| 1 | 2 | 2 | 20 |

## Added

| role | title |
|---|---|
| `sous-chef` | Sous Chef |

## Removed

| role | title |
|---|---|
| `lead-stocker` | Lead Stocker |
| `stocker` | Stocker |

## Changed

### `customer-service-director` Customer Service Director

| field | old | new |
|---|---|---|
| yearly_salary | 134962 | 139000 |
| skills | -CRM |  |
| related `customer-service-manager` salary_difference | -73475 | -77513 |
| conflicts |  | +yearly_salary |

### `customer-service-manager` Customer Service Manager

| field | old | new |
|---|---|---|
| related `customer-service-director` salary_difference | 73475 | 77513 |
"""


def test_catalogs_are_built_from_the_fixture_pages(catalogs) -> None:
    old, new = catalogs
    assert len(old) == 24
    assert len(new) == 23
    director = next(e for e in old if e["role_slug"] == "customer-service-director")
    assert director["yearly_salary"] == 134962
    assert director["first_seen"] == "2026-03-01T12:00:00.000000Z"


def test_report_json(report) -> None:
    assert report.to_dict() == EXPECTED
    assert json.loads(report.to_json()) == EXPECTED
    assert report.has_changes
    assert report.summary == EXPECTED["summary"]
    # Stable key order at every level.
    assert list(report.to_dict()) == ["added", "removed", "changed", "summary"]
    assert list(report.to_dict()["changed"][0]) == ["role_slug", "title", "fields"]
    assert report.to_json() == json.dumps(EXPECTED, indent=2, ensure_ascii=False) + "\n"


def test_report_text(report) -> None:
    assert report.to_text() == EXPECTED_TEXT


def test_report_markdown(report) -> None:
    assert report.to_markdown() == EXPECTED_MARKDOWN


def test_identical_catalogs_give_an_empty_report(page_records, catalogs) -> None:
    old = catalogs[0]
    # A later crawl of the same pages, handed over in reverse order: only first_seen and
    # last_seen move (and they are ignored).
    again = catalog_of(reversed(list(recrawled(page_records).values())))
    assert [e["last_seen"] for e in again] != [e["last_seen"] for e in old]
    for new in (old, again, list(reversed(again))):
        report = diff_catalogs(old, new)
        assert report.to_dict() == {
            "added": [],
            "removed": [],
            "changed": [],
            "summary": {"added": 0, "removed": 0, "changed": 0, "unchanged": 24},
        }
        assert not report.has_changes
        assert report.to_text() == "0 added, 0 removed, 0 changed, 24 unchanged\nno changes\n"
        assert report.to_markdown() == (
            "# Catalog changes\n\n"
            "| added | removed | changed | unchanged |\n"
            "|---:|---:|---:|---:|\n"
            "| 0 | 0 | 0 | 24 |\n\n"
            "No changes.\n"
        )


def test_empty_catalogs(catalogs) -> None:
    old = catalogs[0]
    assert diff_catalogs([], []).summary == {
        "added": 0,
        "removed": 0,
        "changed": 0,
        "unchanged": 0,
    }
    everything = diff_catalogs([], old)
    assert [r["role_slug"] for r in everything.added] == sorted(e["role_slug"] for e in old)
    assert diff_catalogs(old, []).summary["removed"] == 24


# -- how each field is compared ----------------------------------------------------------------


def entry(slug: str = "chef", **fields: Any) -> dict[str, Any]:
    return {"role_slug": slug, "title": slug.replace("-", " ").title(), **fields}


def url(n: int) -> str:
    return f"https://www.zippia.com/page-{n}/"


def test_every_field_is_classified_and_every_list_is_a_set() -> None:
    fields = RoleCatalogEntry.model_fields
    assert set(IGNORED_FIELDS) == {"first_seen", "last_seen"}
    assert set(SET_FIELDS) | set(KEYED_FIELDS) | set(IGNORED_FIELDS) <= set(fields)
    lists = {n for n, f in fields.items() if typing.get_origin(f.annotation) is list}
    assert lists == set(SET_FIELDS) | set(KEYED_FIELDS)


def test_ignored_fields_and_order_only_changes_are_no_change() -> None:
    skills = [{"name": "CRM", "percent": 4.0}, {"name": "ISO", "percent": 2.0}]
    old = entry(
        first_seen="2026-03-01T12:00:00Z",
        last_seen="2026-03-01T13:00:00Z",
        sources=[url(1), url(2)],
        responsibilities=["Cook.", "Clean."],
        skills=skills,
        gender=[{"name": "Male", "percent": 55}, {"name": "Female", "percent": 45}],
        related=[edge("a", 1), edge("b", 2)],
        salary_range={"min": 1, "max": 2},
        hourly_rate=12,
    )
    new = entry(
        first_seen="2026-04-01T12:00:00+00:00",
        last_seen="2026-04-02T12:00:00Z",
        sources=[url(2), url(1)],
        responsibilities=["Clean.", "Cook."],
        skills=list(reversed(skills)),
        gender=[{"name": "Female", "percent": 45.0}, {"name": "Male", "percent": 55.0}],
        related=[edge("b", 2), edge("a", 1)],
        salary_range={"max": 2.0, "min": 1.0},
        hourly_rate=12.0,
    )
    report = diff_catalogs([old], [new])
    assert report.summary == {"added": 0, "removed": 0, "changed": 0, "unchanged": 1}


def test_every_kind_of_field_change() -> None:
    old = entry(
        title="Chef",
        aliases=["Cook"],
        sources=[url(1), url(2)],
        summary="Cooks.",
        salary_range={"min": 30000, "max": 50000},
        most_common_degree={"name": "Associate Degree", "percent": 40.0},
        skills=[
            {"name": "CRM", "percent": 4.0},
            {"name": "ISO", "percent": 2.0},
            {"name": "Food Safety", "percent": 10.0},
        ],
        responsibilities=["Cook.", "Clean the kitchen."],
        related=[edge("a", 100), edge("b", 200)],
        updated="2025-01-08",
        lgbt_percent=8.0,
    )
    new = entry(
        title="Head Chef",
        aliases=["Cook", "Kitchen Chef"],
        sources=[url(2), url(3)],
        summary="Cooks.",
        salary_range={"min": 30000, "max": 52000},
        most_common_degree={"name": "Associate Degree", "percent": 40.0},
        skills=[
            {"name": "Food Safety", "percent": 12.0},
            {"name": "crm", "percent": 4.0},
            {"name": "Knife Skills", "percent": 3.0},
        ],
        responsibilities=["Cook.", "Order produce."],
        related=[edge("b", 250), edge("c", -5)],
        updated="2025-02-01",
        lgbt_percent=None,
    )
    report = diff_catalogs([old], [new])
    (change,) = report.changed
    assert change.role_slug == "chef"
    assert change.title == "Head Chef"
    assert change.fields == [
        {"field": "title", "old": "Chef", "new": "Head Chef"},
        {"field": "aliases", "gained": ["Kitchen Chef"], "lost": []},
        {"field": "sources", "gained": [url(3)], "lost": [url(1)]},
        {
            "field": "salary_range",
            "old": {"min": 30000, "max": 50000},
            "new": {"min": 30000, "max": 52000},
        },
        {"field": "lgbt_percent", "old": 8.0, "new": None},
        {
            "field": "skills",
            "gained": [{"name": "Knife Skills", "percent": 3.0}],
            "lost": [{"name": "ISO", "percent": 2.0}],
            "changed": [
                {
                    "key": "Food Safety",
                    "old": {"name": "Food Safety", "percent": 10.0},
                    "new": {"name": "Food Safety", "percent": 12.0},
                },
                {
                    "key": "crm",
                    "old": {"name": "CRM", "percent": 4.0},
                    "new": {"name": "crm", "percent": 4.0},
                },
            ],
        },
        {"field": "responsibilities", "gained": ["Order produce."], "lost": ["Clean the kitchen."]},
        {
            "field": "related",
            "gained": [edge("c", -5)],
            "lost": [edge("a", 100)],
            "changed": [{"key": "b", "old": edge("b", 200), "new": edge("b", 250)}],
        },
        {"field": "updated", "old": "2025-01-08", "new": "2025-02-01"},
    ]
    assert report.to_text() == (
        "0 added, 0 removed, 1 changed, 0 unchanged\n"
        "\n"
        'chef: title "Chef" -> "Head Chef"\n'
        "chef: aliases +Kitchen Chef\n"
        f"chef: sources +{url(3)} -{url(1)}\n"
        'chef: salary_range {"min": 30000, "max": 50000} -> {"min": 30000, "max": 52000}\n'
        "chef: lgbt_percent 8.0 -> null\n"
        "chef: skills +Knife Skills -ISO\n"
        "chef: skills Food Safety percent 10.0 -> 12.0\n"
        'chef: skills crm name "CRM" -> "crm"\n'
        "chef: responsibilities +Order produce. -Clean the kitchen.\n"
        "chef: related +c -a\n"
        "chef: related b salary_difference 200 -> 250\n"
        'chef: updated "2025-01-08" -> "2025-02-01"\n'
    )
    markdown = report.to_markdown()
    assert "### `chef` Head Chef" in markdown
    assert '| title | "Chef" | "Head Chef" |' in markdown
    assert "| skills | -ISO | +Knife Skills |" in markdown
    assert "| skills `Food Safety` percent | 10.0 | 12.0 |" in markdown
    assert "| related | -a | +c |" in markdown
    assert "| related `b` salary_difference | 200 | 250 |" in markdown


def test_long_set_changes_take_a_line_per_item_and_markdown_cells_are_escaped() -> None:
    long_duty = "Plan the menu with the owner, " * 3 + "and order produce."
    old = entry(title="Chef", responsibilities=["Cook."])
    new = entry(title="Chef | Cook", responsibilities=["Cook.", long_duty, "Clean | tidy."])
    report = diff_catalogs([old], [new])
    text = report.to_text()
    assert f"chef: responsibilities\n  + {long_duty}\n  + Clean | tidy.\n" in text
    markdown = report.to_markdown()
    assert "### `chef` Chef \\| Cook" in markdown
    assert f"| responsibilities |  | +{long_duty}<br>+Clean \\| tidy. |" in markdown


def test_inputs_are_streamed_once_and_models_are_accepted(catalogs) -> None:
    old, new = catalogs
    models = (RoleCatalogEntry.model_validate(e) for e in reversed(new))
    report = diff_catalogs(iter(old), models)
    assert report.to_dict() == EXPECTED


def test_bad_entries_and_repeated_roles_raise() -> None:
    with pytest.raises(DiffError, match=r"^old catalog, entry 2: not a valid RoleCatalogEntry"):
        diff_catalogs([entry(), {"role_slug": "Not A Slug", "title": "x"}], [])
    with pytest.raises(DiffError, match=r"^new catalog, entry 1: not a catalog entry \(a JSON"):
        diff_catalogs([], [["chef"]])
    with pytest.raises(DiffError, match=r"^new catalog, entry 2: role_slug 'chef' repeats$"):
        diff_catalogs([], [entry(), entry()])


# -- files -------------------------------------------------------------------------------------


def write_lines(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_read_catalog_streams_validated_entries(tmp_path, catalogs) -> None:
    old = catalogs[0]
    path = tmp_path / "catalog.jsonl"
    write_jsonl(path, sorted(old, key=lambda e: e["role_slug"]))
    entries = read_catalog(path)
    first = next(entries)
    assert isinstance(first, RoleCatalogEntry)
    assert [first.role_slug, *(e.role_slug for e in entries)] == [e["role_slug"] for e in old]


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ('{"role_slug": "chef", "title": "Chef"}\n\n{"role_slug": "chef", "ti\n', 3,
         "not a JSON line"),
        ('{"role_slug": "chef", "title": "Chef"}\n\n\n{"role_slug": "Chef!", "title": "x"}\n', 4,
         "not a valid RoleCatalogEntry (1 errors), first: role_slug: String should match"),
        ('{"role_slug": "chef", "title": "Chef"}\n[1, 2]\n', 2,
         "not a catalog entry (a JSON list, not an object)"),
        ('{"role_slug": "chef", "title": "Chef"}\n{"role_slug": "chef", "title": "Chef"}\n', 2,
         "role_slug 'chef' repeats"),
        ('{"role_slug": "chef", "title": "Chef", "salary": 1}\n', 1,
         "salary: Extra inputs are not permitted"),
    ],
    ids=["json", "invalid", "not-object", "repeat", "unknown-field"],
)  # fmt: skip
def test_read_catalog_names_file_and_line(tmp_path, content, line, reason) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DiffError) as exc:
        list(read_catalog(path))
    message = str(exc.value)
    assert message.startswith(f"{path}:{line}: ")
    assert reason in message
    assert "\n" not in message


def test_read_catalog_not_utf8(tmp_path) -> None:
    path = tmp_path / "catalog.jsonl"
    path.write_bytes(b'{"role_slug": "chef", "title": "Chef"}\n{"title": "caf\xe9"}\n')
    with pytest.raises(DiffError, match=r":2: not UTF-8 text"):
        list(read_catalog(path))


# -- the diff command --------------------------------------------------------------------------


@pytest.fixture
def catalog_files(tmp_path, catalogs) -> tuple[Path, Path]:
    old, new = catalogs
    old_path, new_path = tmp_path / "old" / "catalog.jsonl", tmp_path / "catalog.jsonl"
    write_jsonl(old_path, sorted(old, key=lambda e: e["role_slug"]))
    write_jsonl(new_path, sorted(new, key=lambda e: e["role_slug"]))
    return old_path, new_path


def test_diff_command_renderings(cli, catalog_files) -> None:
    old, new = map(str, catalog_files)
    assert cli("diff", old, new) == (0, EXPECTED_TEXT, [])
    status, stdout, stderr = cli("diff", old, new, "--json")
    assert (status, stderr) == (0, [])
    assert json.loads(stdout) == EXPECTED
    assert cli("diff", old, new, "--markdown") == (0, EXPECTED_MARKDOWN, [])
    assert cli("diff", old, old) == (
        0,
        "0 added, 0 removed, 0 changed, 24 unchanged\nno changes\n",
        [],
    )


def test_diff_command_writes_the_output_file(tmp_path, cli, catalog_files) -> None:
    old, new = map(str, catalog_files)
    out = tmp_path / "reports" / "changes.json"
    status, stdout, stderr = cli("diff", old, new, "--json", "-o", str(out))
    assert (status, stdout) == (0, "")
    assert stderr == [f"diff: 1 added, 2 removed, 2 changed, 20 unchanged -> {out}"]
    assert json.loads(out.read_text(encoding="utf-8")) == EXPECTED
    md = tmp_path / "changes.md"
    assert cli("diff", old, new, "--markdown", "--output", str(md))[0] == 0
    assert md.read_text(encoding="utf-8") == EXPECTED_MARKDOWN
    txt = tmp_path / "changes.txt"
    assert cli("diff", old, old, "-o", str(txt))[0] == 0
    assert txt.read_text(encoding="utf-8").endswith("no changes\n")


def test_diff_command_bad_files_exit_2_with_one_line(tmp_path, cli, catalog_files) -> None:
    old, new = map(str, catalog_files)
    broken = tmp_path / "broken.jsonl"
    broken.write_text(Path(new).read_text(encoding="utf-8") + '{"role_slug": "x", "ti\n')
    out = tmp_path / "changes.json"
    out.write_text("previous report\n")
    status, stdout, stderr = cli("diff", old, str(broken), "-o", str(out))
    assert (status, stdout) == (2, "")
    assert len(stderr) == 1
    assert stderr[0].startswith(f"careerscrape diff: {broken}:24: not a JSON line (")
    assert out.read_text() == "previous report\n"  # untouched
    invalid = write_lines(tmp_path / "invalid.jsonl", [{"role_slug": "chef"}])
    status, stdout, stderr = cli("diff", str(invalid), new, "--json")
    assert (status, stdout) == (2, "")
    assert len(stderr) == 1
    assert stderr[0].startswith(f"careerscrape diff: {invalid}:1: not a valid RoleCatalogEntry")
    assert "title: Field required" in stderr[0]
    missing = tmp_path / "nope.jsonl"
    status, stdout, stderr = cli("diff", str(missing), new)
    assert (status, stdout) == (2, "")
    assert stderr == [f"careerscrape diff: {missing}: No such file or directory"]


def test_diff_command_arguments(capsys, catalog_files) -> None:
    old, new = map(str, catalog_files)
    with pytest.raises(SystemExit) as exc:
        build_parser().parse_args(["diff", old, new, "--json", "--markdown"])
    assert exc.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        build_parser().parse_args(["diff", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "OLD_CATALOG NEW_CATALOG" in text
    assert "-o FILE, --output FILE" in text
