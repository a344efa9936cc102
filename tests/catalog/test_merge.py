"""The role catalog: merge rules, order independence, files, the ``catalog`` command, memory."""

from __future__ import annotations

import json
import pickle
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from careerscrape.catalog.merge import (
    FIGURES,
    CatalogBuilder,
    CatalogError,
    first_seen_of,
    title_case,
)
from careerscrape.cli import build_parser
from careerscrape.models import (
    ComparisonSummary,
    RoleCatalogEntry,
    RoleComparison,
    RoleProfile,
    RoleStats,
    Skill,
)
from careerscrape.parsing import parse_page
from careerscrape.testing.fixtures import Fixture, load_fixtures

ROLE = "role-customer-service-director--nextjs"
VS = "vs-customer-service-director-vs-customer-service-manager--nextjs"
ROLE_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "what-does-a-customer-service-director-do/"
)
VS_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)
SEED_SLUGS = [
    "customer-care-manager",
    "customer-service-director",
    "customer-service-manager",
    "director",
    "support-manager",
    "team-manager",
]
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SHA = "0" * 64


def record_of(fixture: Fixture, fetched_at: datetime = T0) -> dict[str, Any]:
    return parse_page(fixture.html, fixture.url, fetched_at=fetched_at).model_dump(mode="json")


@pytest.fixture
def seed_records(fixture_named) -> tuple[dict[str, Any], dict[str, Any]]:
    """(role page record, comparison page record) of the two reference pages."""
    return (
        record_of(fixture_named(ROLE), T0),
        record_of(fixture_named(VS), T0 + timedelta(hours=1)),
    )


@pytest.fixture
def seed_catalog(seed_records) -> dict[str, RoleCatalogEntry]:
    builder = CatalogBuilder()
    for record in seed_records:
        builder.add(record)
    return {entry.role_slug: entry for entry in builder.entries()}


def catalog_of(*records: dict[str, Any]) -> dict[str, RoleCatalogEntry]:
    builder = CatalogBuilder()
    for record in records:
        builder.add(record)
    return {entry.role_slug: entry for entry in builder.entries()}


# -- small synthetic records ---------------------------------------------------------------


def vs_url(a: str, b: str) -> str:
    return f"https://www.zippia.com/{a}-jobs/{a}-vs-{b}-differences/"


def role_url(slug: str) -> str:
    return f"https://www.zippia.com/{slug}-jobs/what-does-a-{slug}-do/"


def comparison(
    left: dict[str, Any],
    right: dict[str, Any],
    *,
    at: datetime = T0,
    url: str | None = None,
) -> dict[str, Any]:
    """A RoleComparison record; each side is RoleStats fields (role, role_slug required)."""
    url = url or vs_url(left["role_slug"], right["role_slug"])
    record = RoleComparison(
        url=url,
        fetched_at=at,
        content_sha256=SHA,
        roles=[RoleStats(**left), RoleStats(**right)],
    )
    return record.model_dump(mode="json")


def role_page(
    role: str, slug: str, *, at: datetime = T0, url: str | None = None, **fields: Any
) -> dict[str, Any]:
    record = RoleProfile(
        url=url or role_url(slug),
        fetched_at=at,
        content_sha256=SHA,
        role=role,
        role_slug=slug,
        **fields,
    )
    return record.model_dump(mode="json")


def share(name: str, percent: float) -> dict[str, Any]:
    return {"name": name, "percent": percent}


def side(name: str, slug: str | None = None, **fields: Any) -> dict[str, Any]:
    return {"role": name, "role_slug": slug or name.lower().replace(" ", "-"), **fields}


# -- the two reference pages ---------------------------------------------------------------


def test_seed_pages_make_exactly_six_entries(seed_catalog) -> None:
    assert sorted(seed_catalog) == SEED_SLUGS


def test_seed_customer_service_director(seed_catalog, seed_records) -> None:
    role, _ = seed_records
    entry = seed_catalog["customer-service-director"]
    assert entry.title == "Customer Service Director"  # table header beats the H1's casing
    assert entry.aliases == ["customer service director"]  # the H1's own spelling, kept
    assert entry.sources == [VS_URL, ROLE_URL]
    assert entry.summary == role["summary"]
    assert entry.summary.startswith("A customer service director is primarily in charge")
    assert entry.category == "office and administrative"
    assert entry.updated == date(2025, 1, 8)
    assert entry.first_seen == T0
    assert entry.last_seen == T0 + timedelta(hours=1)
    # figures from the comparison page
    assert entry.yearly_salary == 134962
    assert entry.hourly_rate == 64.89
    assert entry.growth_rate == 6.0
    assert entry.number_of_jobs == 158016
    assert entry.job_satisfaction is None
    assert entry.salary_range.model_dump() == {"min": 94000, "max": 191000}
    assert entry.years_to_become.model_dump() == {"min": 4, "max": 6}
    assert entry.most_common_degree.model_dump() == {"name": "Bachelor's Degree", "percent": 69.0}
    assert entry.highest_paying_city == "Olympia, WA"
    assert entry.best_paying_company == "VMware"
    assert [(s.name, s.percent) for s in entry.gender] == [("Male", 55.0), ("Female", 45.0)]
    assert len(entry.race) == 6
    assert entry.lgbt_percent == 8.0
    assert entry.conflicts == []
    # skills and responsibilities from the role page (15 bullets, not the comparison's 6)
    assert [(s.name, s.percent) for s in entry.skills] == [
        ("Customer Satisfaction", 14.0),
        ("Customer Support", 6.0),
        ("Continuous Improvement", 6.0),
        ("CRM", 4.0),
        ("Project Management", 4.0),
        ("Employee Development", 4.0),
    ]
    assert len(entry.responsibilities) == 15
    assert entry.responsibilities == role["responsibilities"]
    assert entry.responsibilities[0].startswith("Manage basic call center KPIs")
    assert [(r.role_slug, r.salary_difference, r.url) for r in entry.related] == [
        ("customer-care-manager", -93781, ROLE_URL),
        ("customer-service-manager", 61487 - 134962, VS_URL),
        ("director", -21473, ROLE_URL),
        ("support-manager", -44665, ROLE_URL),
        ("team-manager", -52945, ROLE_URL),
    ]
    assert entry.related[1].salary_difference == -73475


def test_seed_customer_service_manager_comes_from_the_comparison_page(seed_catalog) -> None:
    entry = seed_catalog["customer-service-manager"]
    assert entry.title == "Customer Service Manager"
    assert entry.sources == [VS_URL]
    assert entry.summary.startswith("Customer service managers are in charge of overseeing")
    assert entry.yearly_salary == 61487
    assert entry.job_satisfaction == 5.0
    assert entry.highest_paying_state == "New Jersey"
    assert entry.category is None
    assert entry.updated is None  # no role page mentions it
    assert entry.first_seen == entry.last_seen == T0 + timedelta(hours=1)
    assert [s.name for s in entry.skills][:3] == [
        "Strong Customer Service",
        "Payroll",
        "Customer Satisfaction",
    ]
    assert len(entry.skills) == 6
    assert len(entry.responsibilities) == 6
    assert [(r.role_slug, r.salary_difference, r.url) for r in entry.related] == [
        ("customer-service-director", 73475, VS_URL)
    ]


def test_seed_roles_named_only_on_the_role_page(seed_catalog) -> None:
    team = seed_catalog["team-manager"]
    assert team.title == "Team Manager"  # Title Case; the page's spelling is an alias
    assert team.aliases == ["Team manager"]
    assert team.sources == [ROLE_URL]
    assert team.summary.startswith("Team managers primarily manage the daily activities")
    assert team.yearly_salary is None
    assert team.skills == [] and team.responsibilities == []
    assert team.updated == date(2025, 1, 8)
    assert team.first_seen == team.last_seen == T0
    assert [(r.role_slug, r.salary_difference, r.url) for r in team.related] == [
        ("customer-service-director", 52945, ROLE_URL)
    ]
    assert seed_catalog["support-manager"].related[0].salary_difference == 44665
    assert seed_catalog["customer-care-manager"].related[0].salary_difference == 93781
    assert seed_catalog["director"].title == "Director"
    assert seed_catalog["director"].summary.startswith("Directors work in show business")


def test_entries_do_not_reset_and_builder_counts(seed_records) -> None:
    builder = CatalogBuilder()
    for record in seed_records:
        builder.add(record)
    first = builder.entries()
    assert builder.entries() == first
    assert len(builder) == 6
    assert builder.records == 2


def test_figures_are_the_stats_fields_the_entry_has() -> None:
    not_figures = {"role", "role_slug", "description", "top_skills", "skills", "responsibilities"}
    shared = set(RoleStats.model_fields) & set(RoleCatalogEntry.model_fields)
    assert set(FIGURES) == set(RoleStats.model_fields) - not_figures
    assert set(FIGURES) <= shared


# -- merge rules ---------------------------------------------------------------------------


def versus(other_role: str, other_role_slug: str, **fields: Any) -> ComparisonSummary:
    """A role page's "X vs. Y" section."""
    return ComparisonSummary(other_role=other_role, other_role_slug=other_role_slug, **fields)


def test_title_precedence_title_case_and_every_other_spelling_an_alias() -> None:
    prose = role_page("chef", "chef", comparisons=[versus("line cook", "line-cook")])
    # Only a sub-heading names the role: that is its title, in Title Case.
    assert catalog_of(prose)["line-cook"].title == "Line Cook"
    assert catalog_of(prose)["line-cook"].aliases == ["line cook"]
    # H1 beats the sub-heading; the table header beats both.
    newer = T0 + timedelta(hours=1)
    records = [
        prose,
        role_page("line cook", "line-cook"),
        role_page("Line Cook", "line-cook", url=role_url("line-cook") + "x/", at=newer),
        comparison(side("Cook, Line", "line-cook"), side("Chef")),
    ]
    line_cook = catalog_of(*records)["line-cook"]
    assert line_cook.title == "Cook, Line"
    assert line_cook.aliases == ["Line Cook", "line cook"]  # every page's own spelling
    without_table = catalog_of(*records[:3])["line-cook"]
    assert without_table.title == "Line Cook"
    assert without_table.aliases == ["line cook"]


def test_the_title_is_chosen_by_the_role_s_own_pages_then_spelling() -> None:
    """Two table headers: the page filed under the role beats the other, whatever the
    fetch times; between pages of one kind, the spelling that sorts first."""
    own = comparison(side("Line-Cook", "line-cook"), side("Chef"), at=T0)
    other = comparison(side("Chef"), side("Cook (Line)", "line-cook"), at=T0 + timedelta(days=1))
    assert catalog_of(own, other)["line-cook"].title == "Line-Cook"
    assert catalog_of(other, own)["line-cook"].aliases == ["Cook (Line)"]
    prose = [
        role_page("Chef", "chef", comparisons=[versus("Prep cook", "prep-cook")]),
        role_page("Baker", "baker", comparisons=[versus("cook, prep", "prep-cook")]),
    ]
    assert catalog_of(*prose)["prep-cook"].title == "Cook, Prep"


@pytest.mark.parametrize(
    ("name", "title"),
    [
        ("chef", "Chef"),
        ("Charge nurse", "Charge Nurse"),
        ("Bar Attendant", "Bar Attendant"),
        ("host and cashier", "Host and Cashier"),
        ("waiter or waitress", "Waiter or Waitress"),
        ("waiter/busser", "Waiter/Busser"),
        ("CRM manager", "CRM Manager"),
        ("truck driver's helper", "Truck Driver's Helper"),
        ("a&p mechanic", "A&P Mechanic"),
        ("vice-president of sales", "Vice-President of Sales"),
    ],
)
def test_title_case(name: str, title: str) -> None:
    assert title_case(name) == title


def test_summary_fallbacks() -> None:
    prose = role_page(
        "Chef",
        "chef",
        summary="Chefs cook.",
        comparisons=[versus("Baker", "baker", other_description="Bakers bake.")],
    )
    table = comparison(side("Baker", description="A baker bakes bread."), side("Chef"))
    own = role_page("Baker", "baker", summary="Bakers make bread.")
    assert catalog_of(prose)["baker"].summary == "Bakers bake."
    assert catalog_of(prose, table)["baker"].summary == "A baker bakes bread."
    assert catalog_of(prose, table, own)["baker"].summary == "Bakers make bread."
    assert catalog_of(prose, table, own)["chef"].summary == "Chefs cook."


def test_conflicting_figures_the_role_s_own_page_wins_and_the_conflict_is_listed() -> None:
    old = comparison(
        side("Chef", yearly_salary=50000, average_age=40),
        side("Cook", yearly_salary=30000),
        at=T0,
        url=vs_url("chef", "cook"),
    )
    new = comparison(
        side("Baker", yearly_salary=40000),
        side("Chef", yearly_salary=52000, average_age=40),
        at=T0 + timedelta(days=1),
        url=vs_url("baker", "chef"),
    )
    silent = comparison(  # newest of all, but a null is not a disagreement
        side("Chef", yearly_salary=None), side("Waiter"), at=T0 + timedelta(days=2)
    )
    chef = catalog_of(old, new, silent)["chef"]
    assert chef.yearly_salary == 50000  # the page filed under chef, though fetched first
    assert chef.average_age == 40
    assert [c.model_dump() for c in chef.conflicts] == [
        {
            "field": "yearly_salary",
            "values": [
                {"value": 52000, "url": vs_url("baker", "chef")},
                {"value": 50000, "url": vs_url("chef", "cook")},
            ],
        }
    ]
    assert catalog_of(old)["chef"].conflicts == []
    # both tables give an edge from their own salaries
    assert [(r.role_slug, r.salary_difference) for r in chef.related] == [
        ("baker", -12000),
        ("cook", -20000),
        ("waiter", None),
    ]


def test_conflict_on_a_structured_value() -> None:
    first = comparison(side("Chef", salary_range={"min": 1, "max": 5}), side("Cook"))
    second = comparison(
        side("Chef", salary_range={"min": 2, "max": 5}),
        side("Baker"),
        at=T0 + timedelta(hours=1),
    )
    chef = catalog_of(first, second)["chef"]
    assert chef.salary_range.model_dump() == {"min": 2, "max": 5}
    assert chef.conflicts[0].field == "salary_range"
    values = [v.value for v in chef.conflicts[0].values]
    assert values == [{"min": 2, "max": 5}, {"min": 1, "max": 5}]


def test_a_refetched_page_counts_once_with_its_newest_values() -> None:
    url = vs_url("chef", "cook")
    before = comparison(side("Chef", yearly_salary=50000), side("Cook"), at=T0, url=url)
    after = comparison(
        side("Chef", yearly_salary=51000), side("Cook"), at=T0 + timedelta(days=3), url=url
    )
    chef = catalog_of(after, before)["chef"]
    assert chef.yearly_salary == 51000
    assert chef.conflicts == []
    assert chef.sources == [url]
    assert (chef.first_seen, chef.last_seen) == (T0, T0 + timedelta(days=3))


def test_a_refetched_page_that_no_longer_shows_a_figure_stops_disagreeing() -> None:
    url = vs_url("chef", "cook")
    before = comparison(side("Chef", yearly_salary=50000), side("Cook"), at=T0, url=url)
    other = comparison(side("Baker"), side("Chef", yearly_salary=52000), at=T0 + timedelta(days=1))
    after = comparison(  # the newest fetch of the chef-vs-cook page shows no salary
        side("Chef", average_age=41), side("Cook"), at=T0 + timedelta(days=3), url=url
    )
    chef = catalog_of(before, other, after)["chef"]
    assert (chef.yearly_salary, chef.average_age) == (52000, 41)
    assert chef.conflicts == []
    assert catalog_of(before, other)["chef"].conflicts[0].field == "yearly_salary"


def test_pages_not_filed_under_the_role_are_chosen_by_url_not_fetch_time() -> None:
    a = comparison(side("Chef", yearly_salary=1), side("Cook"), url=vs_url("a", "b"))
    b = comparison(
        side("Chef", yearly_salary=2), side("Cook"), url=vs_url("b", "a"), at=T0 + timedelta(1)
    )
    assert catalog_of(a, b)["chef"].yearly_salary == 1
    assert catalog_of(b, a)["chef"].yearly_salary == 1


def test_related_table_beats_prose_and_prose_flips_sign() -> None:
    prose = role_page(
        "Chef",
        "chef",
        comparisons=[
            versus("Cook", "cook", salary_difference=-9000),
            versus("Baker", "baker", salary_difference=1500),
        ],
    )
    table = comparison(side("Chef", yearly_salary=50000), side("Cook", yearly_salary=40000))
    catalog = catalog_of(prose, table)
    assert [(r.role_slug, r.salary_difference, r.url) for r in catalog["chef"].related] == [
        ("baker", 1500, role_url("chef")),
        ("cook", -10000, vs_url("chef", "cook")),
    ]
    assert [(r.role_slug, r.salary_difference) for r in catalog["cook"].related] == [
        ("chef", 10000)
    ]
    assert [(r.role_slug, r.salary_difference, r.url) for r in catalog["baker"].related] == [
        ("chef", -1500, role_url("chef"))
    ]


def test_related_known_figure_beats_unknown() -> None:
    prose = role_page(
        "Chef",
        "chef",
        comparisons=[versus("Cook", "cook", salary_difference=-9000)],
    )
    table = comparison(side("Chef"), side("Cook", yearly_salary=40000))  # Chef's salary missing
    chef = catalog_of(table, prose)["chef"]
    assert [(r.role_slug, r.salary_difference, r.url) for r in chef.related] == [
        ("cook", -9000, role_url("chef"))
    ]


def test_skills_and_responsibilities_fall_back_to_comparison_pages_in_url_order() -> None:
    b_page = comparison(
        side(
            "Chef",
            skills=[share("Knives", 9.0), share("Menus", 5.0)],
            responsibilities=["Cook.", "Plan menus."],
        ),
        side("Baker"),
        url=vs_url("b", "chef"),
        at=T0,
    )
    a_page = comparison(
        side(
            "Chef",
            skills=[share("knives", 7.0), share("Sauces", 3.0)],
            responsibilities=["Plan menus.", "Order food."],
        ),
        side("Cook"),
        url=vs_url("a", "chef"),
        at=T0 + timedelta(hours=1),
    )
    chef = catalog_of(b_page, a_page)["chef"]
    assert [(s.name, s.percent) for s in chef.skills] == [
        ("knives", 7.0),
        ("Sauces", 3.0),
        ("Menus", 5.0),
    ]
    assert chef.responsibilities == ["Plan menus.", "Order food.", "Cook."]
    own = role_page(
        "Chef",
        "chef",
        skills=[Skill(name="Cooking", percent=20.0, example="Cooked.")],
        responsibilities=["Run the kitchen.", "Run the kitchen."],
    )
    chef = catalog_of(b_page, own, a_page)["chef"]
    assert [(s.name, s.percent) for s in chef.skills] == [("Cooking", 20.0)]
    assert chef.responsibilities == ["Run the kitchen."]
    # a role page without skills leaves the comparison pages' skills in place
    bare = catalog_of(a_page, role_page("Chef", "chef", responsibilities=["Run it."]))["chef"]
    assert [s.name for s in bare.skills] == ["knives", "Sauces"]
    assert bare.responsibilities == ["Run it."]


def test_category_and_updated_take_the_newest_role_page() -> None:
    old = role_page("Chef", "chef", category="food", updated=date(2024, 1, 1), at=T0)
    new = role_page(
        "Chef",
        "chef",
        category="restaurants",
        updated=date(2023, 5, 1),
        at=T0 + timedelta(days=1),
        url="https://www.zippia.com/chef-jobs/what-does-a-chef-do-2/",
    )
    chef = catalog_of(new, old)["chef"]
    assert chef.category == "restaurants"  # newest fetched page
    assert chef.updated == date(2024, 1, 1)  # newest page date


# -- order independence --------------------------------------------------------------------


def every_fixture_record() -> list[dict[str, Any]]:
    """Every fixture page, each markup a separate fetch (the same URL twice, other times)."""
    fixtures = load_fixtures(Path(__file__).resolve().parents[2] / "fixtures" / "pages")
    return [
        record_of(fixture, T0 + timedelta(minutes=7 * index))
        for index, fixture in enumerate(fixtures)
    ]


def dumped(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    builder = CatalogBuilder()
    for record in records:
        builder.add(record)
    return [entry.model_dump(mode="json") for entry in builder.entries()]


def test_shuffled_input_gives_the_same_catalog() -> None:
    records = every_fixture_record()
    expected = dumped(records)
    assert len(expected) > 6
    for seed in range(10):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        assert dumped(shuffled) == expected, f"seed {seed}"
    assert dumped(records[::-1]) == expected


def test_shuffled_synthetic_conflicts_give_the_same_catalog() -> None:
    rng = random.Random(7)
    roles = ["chef", "cook", "baker", "waiter"]
    records = []
    for index in range(60):
        a, b = rng.sample(roles, 2)
        records.append(
            comparison(
                side(
                    a.title(),
                    a,
                    yearly_salary=rng.choice([None, 30000, 31000]),
                    skills=[{"name": rng.choice("ABC"), "percent": 1.0}],
                    description=rng.choice([None, f"{a} one", f"{a} two"]),
                ),
                side(b.upper(), b, yearly_salary=rng.choice([None, 30000, 32000])),
                at=T0 + timedelta(hours=rng.randrange(5)),
                url=vs_url(a, b) if index % 2 else vs_url(a, f"{b}-{index % 5}"),
            )
        )
    expected = dumped(records)
    assert any(entry["conflicts"] for entry in expected)
    for _ in range(10):
        rng.shuffle(records)
        assert dumped(records) == expected


# -- files ---------------------------------------------------------------------------------


def write_lines(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_files_merged_and_written_sorted(tmp_path, seed_records) -> None:
    roles = write_lines(tmp_path / "roles.jsonl", [seed_records[0]])
    comparisons = write_lines(tmp_path / "comparisons.jsonl", [seed_records[1]])
    builder = CatalogBuilder()
    builder.add_file(comparisons)
    builder.add_file(roles)
    entries = builder.entries()
    assert [e.role_slug for e in entries] == SEED_SLUGS
    out = tmp_path / "out" / "catalog.jsonl"
    assert builder.write(out) == 6
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["role_slug"] for line in lines] == SEED_SLUGS
    assert [RoleCatalogEntry.model_validate_json(line) for line in lines] == entries
    assert [p.name for p in out.parent.iterdir()] == ["catalog.jsonl"]  # no temp file left


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not a JSON line"),
        ("[1, 2]", "not a record"),
        ('{"page_type": "job"}', "page_type is 'job'"),
        ('{"page_type": "role", "url": "https://x.example/a"}', "not a valid RoleProfile"),
    ],
)
def test_a_bad_record_is_named_by_file_and_line(
    tmp_path, seed_records, line: str, reason: str
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(seed_records[0]) + "\n\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CatalogError) as exc:
        CatalogBuilder().add_file(path)
    message = str(exc.value)
    assert message.startswith(f"{path}:3: ")
    assert reason in message
    assert "\n" not in message


# -- the catalog command -------------------------------------------------------------------


def test_catalog_command_end_to_end(tmp_path, cli, seed_records) -> None:
    roles = write_lines(tmp_path / "roles.jsonl", [seed_records[0]])
    comparisons = write_lines(tmp_path / "comparisons.jsonl", [seed_records[1]])
    out = tmp_path / "catalog.jsonl"
    status, stdout, stderr = cli("catalog", str(roles), str(comparisons), "-o", str(out))
    assert status == 0
    assert stdout == ""
    assert stderr == [f"catalog: 6 roles from 2 records -> {out}"]
    entries = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [e["role_slug"] for e in entries] == SEED_SLUGS
    director = entries[1]
    assert director["title"] == "Customer Service Director"
    assert director["yearly_salary"] == 134962
    assert director["first_seen"] == "2026-03-01T12:00:00.000000Z"


def test_catalog_command_default_output_and_stdout(
    tmp_path, cli, monkeypatch, seed_records
) -> None:
    comparisons = write_lines(tmp_path / "comparisons.jsonl", [seed_records[1]])
    monkeypatch.chdir(tmp_path)
    status, _, stderr = cli("catalog", str(comparisons))
    assert status == 0
    assert stderr == ["catalog: 2 roles from 1 record -> catalog.jsonl"]
    assert len((tmp_path / "catalog.jsonl").read_text().splitlines()) == 2
    status, stdout, stderr = cli("catalog", str(comparisons), "-o", "-")
    assert status == 0
    assert [json.loads(line)["role_slug"] for line in stdout.splitlines()] == [
        "customer-service-director",
        "customer-service-manager",
    ]
    assert stderr == ["catalog: 2 roles from 1 record -> stdout"]


def test_catalog_command_help_documents_the_output(capsys) -> None:
    with pytest.raises(SystemExit):
        build_parser().parse_args(["catalog", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "-o PATH, --output PATH" in text
    assert "(default: catalog.jsonl)" in text


def test_catalog_command_broken_line_exits_2_with_one_line(tmp_path, cli, seed_records) -> None:
    roles = write_lines(tmp_path / "roles.jsonl", [seed_records[0]])
    broken = tmp_path / "comparisons.jsonl"
    broken.write_text(json.dumps(seed_records[1]) + '\n{"page_type": "comparison", "ro\n')
    out = tmp_path / "catalog.jsonl"
    out.write_text("previous catalog\n")
    status, stdout, stderr = cli("catalog", str(roles), str(broken), "-o", str(out))
    assert status == 2  # not done: careerscrape.cli.errors
    assert stdout == ""
    assert len(stderr) == 1
    assert stderr[0].startswith(f"careerscrape catalog: {broken}:2: not a JSON line")
    assert "Traceback" not in stderr[0]
    assert out.read_text() == "previous catalog\n"  # untouched


def test_catalog_command_invalid_record_and_missing_file(tmp_path, cli, seed_records) -> None:
    bad = dict(seed_records[1], fetched_at="yesterday")
    path = write_lines(tmp_path / "comparisons.jsonl", [seed_records[1], bad])
    status, _, stderr = cli("catalog", str(path), "-o", str(tmp_path / "c.jsonl"))
    assert status == 2  # not done: careerscrape.cli.errors
    assert len(stderr) == 1
    assert stderr[0].startswith(f"careerscrape catalog: {path}:2: not a valid RoleComparison")
    assert "fetched_at" in stderr[0]
    status, _, stderr = cli("catalog", str(tmp_path / "nope.jsonl"))
    assert status == 2  # not done: careerscrape.cli.errors
    assert stderr == [f"careerscrape catalog: {tmp_path / 'nope.jsonl'}: No such file or directory"]
    assert not (tmp_path / "c.jsonl").exists()


# -- memory --------------------------------------------------------------------------------

ROLES = 50
RECORDS = 100_000


def synthetic_records(count: int, rng: random.Random) -> Iterator[dict[str, Any]]:
    """Small valid records about ROLES roles: a bounded set of pages, fetched again and again."""
    slugs = [f"role-{n}" for n in range(ROLES)]
    base = T0.timestamp()
    for index in range(count):
        fetched_at = datetime.fromtimestamp(base + index, UTC).isoformat().replace("+00:00", "Z")
        if index % 10 == 0:
            slug = slugs[index % ROLES]
            other = slugs[(index + 1 + rng.randrange(3)) % ROLES]
            yield {
                "url": role_url(slug),
                "fetched_at": fetched_at,
                "content_sha256": SHA,
                "page_type": "role",
                "role": slug.replace("-", " "),
                "role_slug": slug,
                "summary": f"About {slug}.",
                "responsibilities": [f"Do {slug} work."],
                "comparisons": [
                    {
                        "other_role": other.title(),
                        "other_role_slug": other,
                        "salary_difference": rng.randrange(-5000, 5000),
                    }
                ],
            }
            continue
        a = rng.randrange(ROLES)
        b = (a + 1 + rng.randrange(4)) % ROLES  # 200 distinct pages
        yield {
            "url": vs_url(slugs[a], slugs[b]),
            "fetched_at": fetched_at,
            "content_sha256": SHA,
            "page_type": "comparison",
            "roles": [
                {
                    "role": slugs[a].title(),
                    "role_slug": slugs[a],
                    "yearly_salary": 40000 + rng.randrange(3) * 1000,
                    "average_age": 40,
                    "skills": [{"name": "Skill", "percent": 5.0}],
                },
                {
                    "role": slugs[b].title(),
                    "role_slug": slugs[b],
                    "yearly_salary": 40000 + rng.randrange(3) * 1000,
                    "growth_rate": -1.0,
                },
            ],
        }


def test_memory_grows_with_roles_not_records() -> None:
    rng = random.Random(1)
    builder = CatalogBuilder()
    stream = synthetic_records(RECORDS, rng)
    for _ in range(RECORDS // 5):
        builder.add(next(stream))
    early = len(pickle.dumps(builder))
    for record in stream:
        builder.add(record)
    late = len(pickle.dumps(builder))
    assert builder.records == RECORDS
    assert len(builder) == ROLES
    # Five times the records, the same pages: the state is (almost) the same size.
    assert late < early * 1.1, (early, late)
    entries = builder.entries()
    assert len(entries) == ROLES
    assert all(len(entry.sources) <= 12 for entry in entries)
    assert all(len(entry.related) <= 8 for entry in entries)
    assert any(entry.conflicts for entry in entries)


def test_an_edge_cites_the_comparison_filed_under_the_role_whatever_the_fetch_order() -> None:
    """A-vs-B and B-vs-A pages: separate crawls fetch them in other orders, same catalog."""
    fixture = (Path(__file__).resolve().parents[2] / "fixtures" / "pages"
               / "vs-customer-service-director-vs-customer-service-manager--nextjs")  # fmt: skip
    ab = parse_page((fixture / "page.html").read_bytes(), json.loads(
        (fixture / "meta.json").read_text())["url"]).model_dump(mode="json")  # fmt: skip
    ba = {
        **ab,
        "url": "https://www.zippia.com/customer-service-manager-jobs/"
        "customer-service-manager-vs-customer-service-director-differences/",
        "roles": list(reversed(ab["roles"])),
    }
    results = []
    for first, second in ((ab, ba), (ba, ab)):
        builder = CatalogBuilder()
        builder.add({**first, "fetched_at": "2026-01-01T00:00:00Z"})
        builder.add({**second, "fetched_at": "2026-01-02T00:00:00Z"})
        results.append({e.role_slug: e.related for e in builder.entries()})
    assert results[0] == results[1]
    director_edge = results[0]["customer-service-director"][0]
    assert director_edge.url == ab["url"] and director_edge.salary_difference == -73475
    assert results[0]["customer-service-manager"][0].url == ba["url"]


# -- the rule of content, and history -------------------------------------------------------


def test_a_summary_comes_from_the_role_s_own_pages_whatever_the_fetch_order() -> None:
    """Two workers fetch in other orders: the rule, not the fetch time, picks the text."""
    own_vs = comparison(side("Baker", description="Bakers bake bread."), side("Chef"),
                        url=vs_url("baker", "chef"))  # fmt: skip
    other_vs = comparison(side("Chef"), side("Baker", description="A baker bakes."),
                          url=vs_url("chef", "baker"))  # fmt: skip
    for first, second in ((own_vs, other_vs), (other_vs, own_vs)):
        for late in range(2):
            timed = [
                {**record, "fetched_at": (T0 + timedelta(hours=hours)).isoformat()}
                for record, hours in ((first, late), (second, 1 - late))
            ]
            assert catalog_of(*timed)["baker"].summary == "Bakers bake bread."
    # Between comparison pages not filed under the role, the URL that sorts first.
    a = comparison(side("Chef"), side("Cook", description="Cooks cook."), url=vs_url("a", "x"))
    b = comparison(side("Chef"), side("Cook", description="Cook things."), url=vs_url("b", "x"),
                   at=T0 + timedelta(days=2))  # fmt: skip
    assert catalog_of(b, a)["cook"].summary == "Cooks cook."


def test_a_role_page_fetched_again_counts_with_its_newest_fetch() -> None:
    """Newest wins between runs: the same page in two runs gives its newest text."""
    before = role_page("Chef", "chef", summary="Chefs cook.", category="food", at=T0)
    after = role_page("Chef", "chef", summary="Chefs run kitchens.", category="restaurants",
                      at=T0 + timedelta(days=7))  # fmt: skip
    for records in ((before, after), (after, before)):
        chef = catalog_of(*records)["chef"]
        assert (chef.summary, chef.category) == ("Chefs run kitchens.", "restaurants")


def test_first_seen_is_carried_from_history_and_last_seen_is_at_least_the_run_start() -> None:
    earlier = T0 - timedelta(days=30)
    run_started = T0 + timedelta(days=1)  # a page a refresh carried keeps its older fetch time
    builder = CatalogBuilder(
        history=first_seen_of([{"role_slug": "chef", "first_seen": "2026-01-30T12:00:00Z"},
                               {"role_slug": "cook", "first_seen": None}]),
        run_started=run_started,
    )  # fmt: skip
    builder.add(comparison(side("Chef"), side("Cook"), at=T0))
    entries = {entry.role_slug: entry for entry in builder.entries()}
    assert entries["chef"].first_seen == earlier  # known since an earlier run
    assert entries["cook"].first_seen == T0  # new in this run
    assert entries["chef"].last_seen == entries["cook"].last_seen == run_started
    assert entries["chef"].model_dump(mode="json")["first_seen"] == "2026-01-30T12:00:00.000000Z"


def test_catalog_command_takes_a_run_folder_and_keeps_its_history(
    tmp_path, cli, seed_records
) -> None:
    run = tmp_path / "runs" / "20260301T113000.000000Z"  # started before its fetches
    run.mkdir(parents=True)
    write_lines(run / "roles.jsonl", [seed_records[0]])
    write_lines(run / "comparisons.jsonl", [seed_records[1]])
    known = {"role_slug": "director", "first_seen": "2026-01-01T00:00:00.000000Z"}
    write_lines(run / "catalog.jsonl", [known])  # the run's own catalog: its history
    write_lines(run / "rejects.jsonl", [{"url": ROLE_URL, "reason": "http_404"}])
    out = tmp_path / "catalog.jsonl"
    status, _, stderr = cli("catalog", str(run), "-o", str(out))
    assert (status, stderr) == (0, [f"catalog: 6 roles from 2 records -> {out}"])
    entries = {e["role_slug"]: e for e in map(json.loads, out.read_text().splitlines())}
    assert entries["director"]["first_seen"] == "2026-01-01T00:00:00.000000Z"
    assert entries["team-manager"]["first_seen"] == "2026-03-01T12:00:00.000000Z"
    assert entries["director"]["last_seen"] == "2026-03-01T12:00:00.000000Z"  # its page's fetch
    # Every file of the folder named, as output/latest/*.jsonl does: the others are skipped.
    files = sorted(str(path) for path in run.glob("*.jsonl"))
    status, _, stderr = cli("catalog", *files, "-o", str(tmp_path / "again.jsonl"))
    assert status == 0
    assert stderr[:2] == [
        f"careerscrape catalog: {run / 'catalog.jsonl'}: skipped, a catalog holds no records",
        f"careerscrape catalog: {run / 'rejects.jsonl'}: skipped, rejects holds no records",
    ]
    assert stderr[2] == f"catalog: 6 roles from 2 records -> {tmp_path / 'again.jsonl'}"


def test_catalog_command_refuses_a_folder_that_is_no_run(tmp_path, cli) -> None:
    status, _, stderr = cli("catalog", str(tmp_path), "-o", str(tmp_path / "c.jsonl"))
    assert status == 2
    assert stderr == [f"careerscrape catalog: {tmp_path}: not a run folder (no roles.jsonl or "
                      "comparisons.jsonl)"]  # fmt: skip
