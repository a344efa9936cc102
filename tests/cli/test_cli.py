"""The real ``careerscrape`` console entry: parse, schema, fixtures."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from careerscrape.cli import main
from careerscrape.testing.fixtures import dumps

ROLE = "role-customer-service-director--nextjs"
ROLE_PLAIN = "role-customer-service-director--plain"
VS = "vs-customer-service-director-vs-customer-service-manager--nextjs"
ROLE_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "what-does-a-customer-service-director-do/"
)
VS_URL = (
    "https://www.zippia.com/customer-service-director-jobs/"
    "customer-service-director-vs-customer-service-manager-differences/"
)
HEAD_URLS = re.compile(
    rb"""<link[^>]*rel=["']?canonical["']?[^>]*>|<meta[^>]*property=["']og:url["'][^>]*>""", re.I
)
NOT_FOUND_HTML = (
    "<!DOCTYPE html><html><head><title>Page Not Found | Zippia</title></head><body>"
    "<nav><a href='/'>Zippia</a></nav><main><h1>Page Not Found</h1>"
    "<p>Sorry, we couldn't find the page you were looking for.</p></main></body></html>"
)
NON_CAREER_HTML = (
    "<!DOCTYPE html><html><head><title>Best pizza in town</title>"
    "<link rel='canonical' href='https://example.com/pizza'></head><body>"
    "<h1>Best pizza in town</h1><p>Our pizza is baked fresh every day in a wood-fired oven, "
    "with tomatoes from local farms and a crust that is crisp.</p></body></html>"
)


def fixture_page(fixtures_dir: Path, name: str) -> Path:
    return fixtures_dir / name / "page.html"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], list[str]]:
    """Run the CLI in-process; return (exit status, stdout lines, stderr lines)."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err.splitlines()


def without_head_urls(html: bytes) -> bytes:
    stripped = HEAD_URLS.sub(b"", html)
    assert b"canonical" not in stripped.lower().split(b"</head>")[0]
    assert b"og:url" not in stripped.split(b"</head>")[0]
    return stripped


# -- parse: good pages ---------------------------------------------------------------------


def test_parse_with_url(capsys, fixtures_dir) -> None:
    status, out, err = run(
        capsys, "parse", str(fixture_page(fixtures_dir, ROLE)), "--url", ROLE_URL
    )
    assert status == 0
    assert err == []
    assert len(out) == 1
    record = json.loads(out[0])
    assert record["url"] == ROLE_URL
    assert record["page_type"] == "role"
    assert record["role"] == "customer service director"
    assert record["role_slug"] == "customer-service-director"
    assert record["reading_minutes"] == 7
    assert [c["salary_difference"] for c in record["comparisons"]] == [
        -52945,
        -44665,
        -93781,
        -21473,
    ]
    assert record["fetched_at"].endswith("Z")
    assert re.fullmatch(r"[0-9a-f]{64}", record["content_sha256"])


def test_parse_url_option_is_made_canonical(capsys, fixtures_dir) -> None:
    given = ROLE_URL.replace("https://www.", "http://WWW.") + "?utm_source=x#skills"
    status, out, _ = run(capsys, "parse", str(fixture_page(fixtures_dir, ROLE)), "--url", given)
    assert status == 0
    assert json.loads(out[0])["url"] == ROLE_URL


def test_parse_without_url_uses_the_canonical_link(capsys, fixtures_dir) -> None:
    status, out, err = run(capsys, "parse", str(fixture_page(fixtures_dir, VS)))
    assert (status, err) == (0, [])
    record = json.loads(out[0])
    assert record["url"] == VS_URL
    assert record["page_type"] == "comparison"
    assert [side["yearly_salary"] for side in record["roles"]] == [134962, 61487]


def test_parse_without_url_uses_og_url(capsys, fixtures_dir) -> None:
    page = fixture_page(fixtures_dir, ROLE_PLAIN)
    assert b'rel="canonical"' not in page.read_bytes()  # the plain page has only og:url
    status, out, _ = run(capsys, "parse", str(page))
    assert status == 0
    assert json.loads(out[0])["url"] == ROLE_URL


def test_parse_without_canonical_falls_back_to_og_url(capsys, fixtures_dir, tmp_path) -> None:
    html = fixture_page(fixtures_dir, ROLE).read_bytes()
    page = tmp_path / "page.html"
    page.write_bytes(re.sub(rb"<link[^>]*canonical[^>]*>", b"", html))
    status, out, _ = run(capsys, "parse", str(page))
    assert status == 0
    assert json.loads(out[0])["url"] == ROLE_URL


def test_parse_browser_saved_page_takes_url_from_saved_from_note(
    capsys, fixtures_dir, tmp_path
) -> None:
    html = without_head_urls(fixture_page(fixtures_dir, ROLE).read_bytes())
    note = f"<!-- saved from url=({len(ROLE_URL):04d}){ROLE_URL} -->\n".encode()
    page = tmp_path / "saved.html"
    page.write_bytes(note + html)
    status, out, err = run(capsys, "parse", str(page))
    assert (status, err) == (0, [])
    record = json.loads(out[0])
    assert record["url"] == ROLE_URL
    assert record["role_slug"] == "customer-service-director"
    assert record["summary"].startswith("A customer service director is primarily in charge")


def test_parse_several_files_prints_one_line_each_in_order(capsys, fixtures_dir) -> None:
    files = [fixture_page(fixtures_dir, name) for name in (ROLE, VS, ROLE_PLAIN)]
    status, out, err = run(capsys, "parse", *map(str, files))
    assert (status, err) == (0, [])
    assert len(out) == 3
    records = [json.loads(line) for line in out]
    assert [r["page_type"] for r in records] == ["role", "comparison", "role"]
    assert [r["url"] for r in records] == [ROLE_URL, VS_URL, ROLE_URL]


def test_parse_url_with_several_files_is_a_usage_error(capsys, fixtures_dir) -> None:
    page = str(fixture_page(fixtures_dir, ROLE))
    status, out, err = run(capsys, "parse", page, page, "--url", ROLE_URL)
    assert status == 2
    assert out == []
    assert "--url" in err[0]


# -- parse: bad pages ---------------------------------------------------------------------


@pytest.fixture
def bad_pages(tmp_path: Path, fixtures_dir: Path) -> dict[str, Path]:
    pages = {
        "empty": tmp_path / "empty.html",
        "non-career": tmp_path / "pizza.html",
        "truncated": tmp_path / "cut.html",
        "not-found": tmp_path / "404.html",
        "no-url": tmp_path / "no-url.html",
        "missing": tmp_path / "does-not-exist.html",
    }
    pages["empty"].write_bytes(b"")
    pages["non-career"].write_text(NON_CAREER_HTML, encoding="utf-8")
    pages["truncated"].write_bytes(fixture_page(fixtures_dir, ROLE).read_bytes()[:5000])
    pages["not-found"].write_text(NOT_FOUND_HTML, encoding="utf-8")
    pages["no-url"].write_bytes(without_head_urls(fixture_page(fixtures_dir, ROLE).read_bytes()))
    return pages


REASONS = {
    "empty": "empty",
    "non-career": "not a role or comparison page",
    "truncated": "truncated",
    "not-found": "Page Not Found",
    "no-url": "URL",
    "missing": "No such file",
}


@pytest.mark.parametrize("kind", list(REASONS))
def test_parse_bad_input_gives_one_json_error_line(capsys, bad_pages, kind: str) -> None:
    status, out, err = run(capsys, "parse", str(bad_pages[kind]))
    assert status == 1
    assert out == []
    assert len(err) == 1, err
    error = json.loads(err[0])
    assert error["file"] == str(bad_pages[kind])
    assert REASONS[kind] in error["error"]
    assert "Traceback" not in err[0]


def test_parse_404_page_served_at_a_role_url_is_refused(capsys, bad_pages) -> None:
    status, out, err = run(capsys, "parse", str(bad_pages["not-found"]), "--url", ROLE_URL)
    assert (status, out) == (1, [])
    assert len(err) == 1
    assert "no role page content" in json.loads(err[0])["error"]


def test_parse_good_files_still_print_among_bad_ones(capsys, bad_pages, fixtures_dir) -> None:
    good_role = str(fixture_page(fixtures_dir, ROLE))
    good_vs = str(fixture_page(fixtures_dir, VS))
    bad = [str(bad_pages[kind]) for kind in REASONS]
    status, out, err = run(capsys, "parse", good_role, *bad, good_vs)
    assert status == 1
    assert [json.loads(line)["url"] for line in out] == [ROLE_URL, VS_URL]
    errors = [json.loads(line) for line in err]
    assert [e["file"] for e in errors] == bad
    for error, kind in zip(errors, REASONS, strict=True):
        assert REASONS[kind] in error["error"]


def test_parse_as_a_subprocess(repo_root, bad_pages, fixtures_dir) -> None:
    good = str(fixture_page(fixtures_dir, ROLE))
    bad = [str(bad_pages["truncated"]), str(bad_pages["missing"])]
    result = subprocess.run(
        [sys.executable, "-m", "careerscrape.cli", "parse", good, *bad],
        capture_output=True,
        text=True,
        cwd=repo_root,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    out = result.stdout.splitlines()
    assert len(out) == 1
    assert json.loads(out[0])["url"] == ROLE_URL
    assert "Traceback" not in result.stderr
    errors = [json.loads(line) for line in result.stderr.splitlines()]
    assert [e["file"] for e in errors] == bad
    assert "truncated" in errors[0]["error"]
    assert "No such file" in errors[1]["error"]


def test_parse_reads_stdin(capsys, monkeypatch, fixtures_dir) -> None:
    import io

    html = fixture_page(fixtures_dir, VS).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(html)))
    status, out, _ = run(capsys, "parse", "-")
    assert status == 0
    assert json.loads(out[0])["url"] == VS_URL


# -- schema ---------------------------------------------------------------------------------


def test_schema_prints_every_record_schema_with_descriptions_and_units(capsys) -> None:
    status, out, err = run(capsys, "schema")
    assert (status, err) == (0, [])
    schemas = json.loads("\n".join(out))
    assert list(schemas) == ["RoleProfile", "RoleComparison", "RoleCatalogEntry", "RejectLine"]
    salary = schemas["RoleCatalogEntry"]["properties"]["yearly_salary"]
    assert salary["description"] == "Average yearly salary (a comparison page)."
    assert salary["unit"] == "US dollars per year (whole dollars)"
    assert salary["anyOf"][0]["maximum"] == 10_000_000
    profile = schemas["RoleProfile"]
    assert {"url", "page_type", "fetched_at", "content_sha256", "parser_version"} <= set(
        profile["properties"]
    )
    assert {"role", "role_slug", "updated", "skills", "soft_skills", "comparisons"} <= set(
        profile["properties"]
    )
    assert {"salary_difference", "shared_skills", "masters_difference"} <= set(
        profile["$defs"]["ComparisonSummary"]["properties"]
    )
    comparison = schemas["RoleComparison"]
    assert comparison["properties"]["roles"]["minItems"] == 2
    assert comparison["properties"]["roles"]["maxItems"] == 2
    assert {"yearly_salary", "hourly_rate", "job_satisfaction", "race", "salary_range"} <= set(
        comparison["$defs"]["RoleStats"]["properties"]
    )
    catalog = schemas["RoleCatalogEntry"]
    assert {"role_slug", "title", "aliases", "sources", "related", "conflicts"} <= set(
        catalog["properties"]
    )
    assert profile.get("additionalProperties") is False


def test_schema_of_one_record_type(capsys) -> None:
    status, out, _ = run(capsys, "schema", "RoleComparison")
    assert status == 0
    assert list(json.loads("\n".join(out))) == ["RoleComparison"]


def test_schema_unknown_record_type(capsys) -> None:
    status, out, err = run(capsys, "schema", "Nope")
    assert status == 2
    assert out == []
    assert "Nope" in err[0]


# -- fixtures ---------------------------------------------------------------------------


FIXTURE_COPIES = (ROLE_PLAIN, VS, "role-chef--nextjs")


def test_fixtures_exits_0_when_everything_matches(capsys, copy_fixtures) -> None:
    root = copy_fixtures(*FIXTURE_COPIES)
    status, out, err = run(capsys, "fixtures", "--dir", str(root))
    assert status == 0
    assert out == []
    assert err == ["0 fixture(s) differ"]


def test_fixtures_prints_a_unified_diff_and_exits_1_on_a_changed_value(
    capsys, copy_fixtures
) -> None:
    root = copy_fixtures(*FIXTURE_COPIES)
    expected_path = root / ROLE_PLAIN / "expected.json"
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert expected["reading_minutes"] == 7
    expected["reading_minutes"] = 6
    expected_path.write_text(dumps(expected), encoding="utf-8")

    status, out, err = run(capsys, "fixtures", "--dir", str(root))
    assert status == 1
    assert out[0] == f"--- {ROLE_PLAIN}/expected.json"
    assert out[1] == f"+++ {ROLE_PLAIN}/parsed"
    assert out[2].startswith("@@ ")
    assert '-  "reading_minutes": 6,' in out
    assert '+  "reading_minutes": 7,' in out
    assert sum(1 for line in out if line.startswith(("-", "+"))) == 4  # headers + one change
    assert err == ["1 fixture(s) differ"]


def test_fixtures_update_rewrites_the_expected_file(capsys, copy_fixtures) -> None:
    root = copy_fixtures(*FIXTURE_COPIES)
    expected_path = root / ROLE_PLAIN / "expected.json"
    original = expected_path.read_text(encoding="utf-8")
    untouched = {name: (root / name / "expected.json").read_bytes() for name in FIXTURE_COPIES[1:]}
    expected_path.write_text(original.replace('"reading_minutes": 7', '"reading_minutes": 6'))

    status, out, err = run(capsys, "fixtures", "--dir", str(root), "--update")
    assert status == 0
    assert '+  "reading_minutes": 7,' in out
    assert err == ["1 fixture(s) updated"]
    assert expected_path.read_text(encoding="utf-8") == original
    assert json.loads(expected_path.read_text(encoding="utf-8"))["reading_minutes"] == 7
    for name, content in untouched.items():
        assert (root / name / "expected.json").read_bytes() == content

    status, out, err = run(capsys, "fixtures", "--dir", str(root))
    assert (status, out, err) == (0, [], ["0 fixture(s) differ"])


def test_fixtures_reports_a_page_that_no_longer_parses(capsys, copy_fixtures) -> None:
    root = copy_fixtures(ROLE_PLAIN)
    page = root / ROLE_PLAIN / "page.html"
    page.write_bytes(page.read_bytes()[:5000])
    status, out, err = run(capsys, "fixtures", "--dir", str(root))
    assert status == 1
    assert out == []
    assert err[0].startswith(f"{ROLE_PLAIN}: truncated HTML")
    assert err[-1] == "1 fixture(s) differ"
