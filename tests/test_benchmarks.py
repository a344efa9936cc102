"""The parse benchmark runs, and its BeautifulSoup baseline reads pages as parse_page does.

``benchmarks/parse_bench.py`` claims parse_page is N times faster than a
BeautifulSoup implementation of the same extraction. That claim is only
worth something if the BeautifulSoup implementation
(``benchmarks/soup_extraction.py``) gives the very same records, so these
tests hold it to that on every fixture page.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from careerscrape.parsing import BlockedPage, parse_page, read_page
from careerscrape.testing.fixtures import Fixture, load_fixtures

REPO_ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO_ROOT / "benchmarks"
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
CHEF_URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def _load_soup_extraction() -> ModuleType:
    """``benchmarks/`` is not a package: load the module from its file."""
    spec = importlib.util.spec_from_file_location(
        "soup_extraction", BENCHMARKS / "soup_extraction.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


soup_extraction = _load_soup_extraction()


def _run_bench(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / "parse_bench.py"), *arguments],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _lines(doc) -> list[tuple[str, str, int, str, tuple[str, ...], str]]:
    return [(b.kind, b.text, b.level, b.full, b.lines, b.marker) for b in doc.blocks]


# -- the benchmark script ----------------------------------------------------------------


def test_parse_bench_checks_the_soup_records_then_reports_every_timing(fixtures_dir) -> None:
    pages = len(load_fixtures(fixtures_dir))
    run = _run_bench("--rounds", "1")
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert out.startswith(f"pages: {pages} fixtures, ")
    assert "best of 1 rounds" in out
    assert f"the same record as parse_page on all {pages} pages" in out
    for label in (
        "bare lxml.html.fromstring",
        "parse_page + validation",
        "BeautifulSoup implementation",
        "BeautifulSoup parse alone",
    ):
        assert re.search(
            rf"^{re.escape(label)} *: +\d+ pages/s  \(\d+\.\d{{3}} ms/page\)$", out, re.M
        )
    assert re.search(
        r"^ratio to lxml \(all pages\) *: +\d+\.\d\dx  \(target <= 1\.5x\)$", out, re.M
    )
    assert re.search(r"^ratio per page *: median \d+\.\d\dx, worst \d+\.\d\dx$", out, re.M)
    assert re.search(
        r"^parse_page is \d+\.\dx faster than the BeautifulSoup implementation "
        r"\(target >= 20x\)$",
        out,
        re.M,
    )


def test_parse_bench_refuses_to_time_pages_the_soup_reads_differently(
    tmp_path: Path, fixture_named
) -> None:
    """Unclosed ``<li>`` s: lxml closes each at the next, html.parser nests them into one item."""
    source = fixture_named("role-customer-service-director--plain")
    folder = tmp_path / "unclosed-items"
    shutil.copytree(source.folder, folder)
    page = folder / "page.html"
    page.write_bytes(page.read_bytes().replace(b"</li>", b""))
    run = _run_bench("--rounds", "1", "--fixtures", str(tmp_path))
    assert run.returncode == 1
    assert "a record differs from parse_page's on unclosed-items" in run.stderr
    assert "pages/s" not in run.stdout


# -- the BeautifulSoup implementation ---------------------------------------------------------


def test_soup_implementation_reads_each_page_as_parse_page_does(page_fixture: Fixture) -> None:
    html, url = page_fixture.html, page_fixture.url
    lxml_page = read_page(html, url, fetched_at=FETCHED_AT)
    soup_page = soup_extraction.soup_read_page(html, url, fetched_at=FETCHED_AT)
    assert soup_page.record.model_dump() == lxml_page.record.model_dump()
    assert _lines(soup_page.document) == _lines(lxml_page.document)
    lxml_doc, soup_doc = lxml_page.document, soup_page.document
    assert [a.get("href") for a in soup_doc.links] == [a.get("href") for a in lxml_doc.links]
    assert (soup_doc.title, soup_doc.canonical_url) == (lxml_doc.title, lxml_doc.canonical_url)


def _folded(text: str | None) -> str | None:
    """Whitespace folded: bs4 keeps a blank run as one "\\n" or " ", lxml keeps it whole."""
    return re.sub(r"\s+", " ", text) if text else text


def _answers(element) -> tuple:
    """What the extraction's helpers can ask of an element."""
    parent, attributes = element.getparent(), element.keys()
    return (
        element.tag,
        _folded(element.text),
        _folded(element.tail),
        attributes,
        [element.get(key) for key in attributes],
        [child.tag for child in element],
        element[0].tag if len(element) else None,
        parent.tag if parent is not None else None,
        [sibling.tag for sibling in element.itersiblings()],
        [sibling.tag for sibling in element.itersiblings(preceding=True)],
        _folded("".join(element.itertext())),
    )


@pytest.mark.parametrize(
    "name",
    [
        "vs-customer-service-director-vs-customer-service-manager--nextjs",
        "role-senior-service-manager--legacy",
    ],
)
def test_soup_element_answers_as_lxml_element_does(name: str, fixture_named) -> None:
    fixture = fixture_named(name)
    lxml_doc = read_page(fixture.html, fixture.url).document
    soup_doc = soup_extraction.soup_read_page(fixture.html, fixture.url).document
    lxml_elements = [b.element for b in lxml_doc.blocks] + lxml_doc.links
    soup_elements = [b.element for b in soup_doc.blocks] + soup_doc.links
    assert len(soup_elements) == len(lxml_elements)
    for soup_element, lxml_element in zip(soup_elements, lxml_elements, strict=True):
        assert _answers(soup_element) == _answers(lxml_element)


def test_soup_element_parents_are_one_object_per_tag(fixture_named) -> None:
    """``items_after`` groups items by ``getparent() is parent``: wrappers must be shared."""
    fixture = fixture_named("role-customer-service-director--plain")
    doc = soup_extraction.soup_read_page(fixture.html, fixture.url).document
    items = [b for b in doc.blocks if b.kind == "item"]
    assert items[0].element.getparent() is items[1].element.getparent()
    assert doc.root.getparent() is None
    assert doc.root.tag == "html"


def test_a_password_field_makes_a_login_wall_for_both() -> None:
    """The one page kind read through ``//input[@type='password']``, on both trees."""
    page = (
        b"<html><head><title>Zippia</title></head><body><h1>Welcome back</h1>"
        b"<form><input type=email name=e><input type=password name=p></form></body></html>"
    )
    found = []
    for parse in (parse_page, soup_extraction.soup_parse_page):
        with pytest.raises(BlockedPage) as blocked:
            parse(page, CHEF_URL)
        found.append((blocked.value.reason, str(blocked.value)))
    assert found[0] == found[1]
    assert found[0][0] == "login_required"


def test_soup_element_refuses_an_xpath_it_was_not_taught(fixture_named) -> None:
    fixture = fixture_named("role-food-server--plain")
    doc = soup_extraction.soup_read_page(fixture.html, fixture.url).document
    with pytest.raises(NotImplementedError, match="//p"):
        doc.root.xpath("//p")
