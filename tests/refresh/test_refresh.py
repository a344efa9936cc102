"""Refresh runs without the engine: what a previous run left, and the requests it changes."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from careerscrape.links import links_to_follow
from careerscrape.models import RoleComparison, RoleProfile
from careerscrape.parsing import parse_page, read_page
from careerscrape.refresh.previous import PreviousRun, PreviousRunError, Validator
from careerscrape.refresh.report import refresh_summary
from careerscrape.site import Site as CrawledSite
from careerscrape.spiders._arguments import CrawlArguments
from careerscrape.spiders._refresh import CONDITIONAL, UNCONDITIONAL, Refresh
from careerscrape.testing.sitegen import Site, generate_site

MIRROR = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def site() -> Site:
    return generate_site(6, seed=2)


def records(site: Site) -> list[dict[str, Any]]:
    return [parse_page(site.page(p), site.url(p)).model_dump(mode="json") for p in site.paths]


def write_run(folder: Path, site: Site, validators: bool = True) -> list[dict[str, Any]]:
    """A previous run's output folder, as a refresh run leaves it."""
    folder.mkdir(parents=True, exist_ok=True)
    made = records(site)
    for name, kind in (("roles.jsonl", "role"), ("comparisons.jsonl", "comparison")):
        lines = [json.dumps(r) for r in made if r["page_type"] == kind]
        (folder / name).write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    if validators:
        rows = [
            Validator(r["url"], r["content_sha256"], f'"{r["content_sha256"]}"',
                      "Wed, 20 Sep 2023 09:30:00 GMT", (site.url(site.paths[0]),)).to_dict()
            for r in made
        ]  # fmt: skip
        (folder / "validators.jsonl").write_text(
            "".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8"
        )
    (folder / "catalog.jsonl").write_text("", encoding="utf-8")
    return made


def test_a_previous_run_gives_records_and_validators(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path, site)
    previous = PreviousRun(tmp_path)
    try:
        assert len(previous) == len(site.paths)
        url = made[1]["url"]
        assert url in previous
        assert previous.conditional_headers(url) == {
            "If-None-Match": f'"{made[1]["content_sha256"]}"',
            "If-Modified-Since": "Wed, 20 Sep 2023 09:30:00 GMT",
        }
        record = previous.record(url)
        assert isinstance(record, RoleProfile | RoleComparison)
        assert record.model_dump(mode="json") == made[1]
        assert previous.validator(url).links == (site.url(site.paths[0]),)
    finally:
        previous.close()


def test_without_validators_only_body_hashes_are_known(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path, site, validators=False)
    previous = PreviousRun(tmp_path)
    url = made[0]["url"]
    assert previous.conditional_headers(url) == {}
    assert previous.validator(url) == Validator(url, made[0]["content_sha256"])
    assert previous.record(url) is not None
    previous.close()


def test_validators_of_another_body_are_ignored(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path, site)
    row = json.loads((tmp_path / "validators.jsonl").read_text().splitlines()[0])
    row["content_sha256"] = "0" * 64
    (tmp_path / "validators.jsonl").write_text(json.dumps(row) + "\n")
    previous = PreviousRun(tmp_path)
    assert previous.validator(made[0]["url"]).etag is None
    previous.close()


def test_a_record_of_another_parser_version_is_not_reused(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path, site)
    path = tmp_path / "roles.jsonl"
    role = json.loads(path.read_text().splitlines()[0])
    role["parser_version"] = "0.9.0"
    path.write_text(json.dumps(role) + "\n")
    previous = PreviousRun(tmp_path)
    assert not previous.reusable(role["url"])
    assert previous.conditional_headers(role["url"]) == {}
    assert previous.record(role["url"]) is None
    assert previous.reusable(made[-1]["url"])  # a comparison, untouched
    previous.close()


def test_a_record_that_no_longer_validates_is_not_reused(tmp_path: Path, site: Site) -> None:
    write_run(tmp_path, site)
    path = tmp_path / "comparisons.jsonl"
    lines = path.read_text().splitlines()
    broken = json.loads(lines[0])
    broken["roles"] = broken["roles"][:1]
    path.write_text("\n".join([json.dumps(broken), *lines[1:]]) + "\n")
    previous = PreviousRun(tmp_path)
    assert previous.record(broken["url"]) is None
    assert not previous.reusable(broken["url"])
    assert previous.record(json.loads(lines[1])["url"]) is not None
    previous.close()


def test_a_missing_folder_is_an_empty_previous_run(tmp_path: Path) -> None:
    previous = PreviousRun(tmp_path / "not-yet")
    assert (previous.exists, len(previous), previous.catalog) == (False, 0, [])


@pytest.mark.parametrize(
    ("name", "content"),
    [("roles.jsonl", "{not json\n"), ("roles.jsonl", '{"url": "x"}\n'),
     ("catalog.jsonl", "[1,\n")],
)  # fmt: skip
def test_an_unreadable_previous_run_is_an_error(
    tmp_path: Path, site: Site, name: str, content: str
) -> None:
    write_run(tmp_path, site)
    (tmp_path / name).write_text(content)
    with pytest.raises(PreviousRunError):
        PreviousRun(tmp_path)


def test_a_file_is_not_a_previous_folder(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("")
    with pytest.raises(PreviousRunError, match="not a folder"):
        PreviousRun(tmp_path / "f")
    with pytest.raises(UsageError, match="previous: not a folder"):
        CrawlArguments.from_spider_kwargs({"roles": "chef", "previous": str(tmp_path / "f")})
    arguments = CrawlArguments.from_spider_kwargs({"roles": "chef", "previous": "not-yet/"})
    assert arguments.previous == Path("not-yet")


def test_validators_round_trip() -> None:
    validator = Validator("https://www.zippia.com/a/", "a" * 64, '"e"', "Mon", ("u",), 2)
    assert Validator.from_dict(json.loads(json.dumps(validator.to_dict()))) == validator
    assert Validator.from_dict({"url": "u", "content_sha256": "s"}).links is None


def test_refresh_summary_counts_pages_and_gone() -> None:
    assert refresh_summary({}) == {}
    stats = {
        "careerscrape/refresh/previous": "output",
        "careerscrape/refresh/previous_records": 10,
        "careerscrape/refresh/unchanged": 6,
        "careerscrape/refresh/changed": 2,
        "careerscrape/refresh/new": 3,
        "careerscrape/pages/conditional": 9,
        "careerscrape/pages/not_modified": 5,
    }
    assert refresh_summary(stats) == {"refresh": {
        "previous": "output", "previous_records": 10, "conditional_requests": 9,
        "not_modified": 5, "same_content": 0,
        "pages": {"unchanged": 6, "changed": 2, "new": 3, "gone": 2},
    }}  # fmt: skip


# -- the spider's side, with a crawler but no engine -------------------------------------


def refresh_for(folder: Path | None, output: Path) -> Refresh:
    """The refresh state of a crawl job writing into ``output`` and refreshing ``folder``."""
    output.mkdir(parents=True, exist_ok=True)
    crawler = get_crawler(
        settings_dict={
            "RUN_OUTPUTS": True,
            "RUN_DIR": str(output),
            "PREVIOUS_DIR": str(folder) if folder else None,
        }
    )
    crawler.stats.open_spider()
    # Pages one hop from the start need their links (depth 1), pages at the depth do not.
    spider = SimpleNamespace(site=CrawledSite(MIRROR + "/"), arguments=SimpleNamespace(depth=1))
    refresh = Refresh(crawler, spider)
    refresh.spider_opened()
    return refresh


def mirror(url: str) -> str:
    return url.replace("https://www.zippia.com", MIRROR)


def test_requests_for_known_pages_become_conditional(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path / "prev", site)
    refresh = refresh_for(tmp_path / "prev", tmp_path / "out")
    request = scrapy.Request(mirror(made[0]["url"]))
    refresh.prepare(request)
    assert request.headers[b"If-None-Match"] == f'"{made[0]["content_sha256"]}"'.encode()
    assert request.headers[b"If-Modified-Since"] == b"Wed, 20 Sep 2023 09:30:00 GMT"
    assert request.meta[CONDITIONAL] == made[0]["url"]
    # A redirect to a page without validators drops them.
    redirected = request.replace(url=MIRROR + "/elsewhere/")
    refresh.prepare(redirected)
    assert b"If-None-Match" not in redirected.headers
    assert CONDITIONAL not in redirected.meta
    # robots.txt, sitemaps and unknown pages are left alone, and so is a request sent again
    # unconditionally.
    for url in (MIRROR + "/robots.txt", MIRROR + "/new-jobs/what-does-a-new-do/"):
        plain = scrapy.Request(url)
        refresh.prepare(plain)
        assert not plain.headers and not plain.meta
    again = scrapy.Request(mirror(made[0]["url"]), meta={UNCONDITIONAL: True})
    refresh.prepare(again)
    assert b"If-None-Match" not in again.headers
    assert refresh.crawler.stats.get_value("careerscrape/pages/conditional") == 1


def test_a_304_or_the_same_body_carries_the_previous_record(tmp_path: Path, site: Site) -> None:
    made = write_run(tmp_path / "prev", site)
    refresh = refresh_for(tmp_path / "prev", tmp_path / "out")
    record, path = made[0], site.paths[0]
    request = scrapy.Request(mirror(record["url"]))
    refresh.prepare(request)
    carried = refresh.carry(Response(request.url, status=304, request=request))
    assert carried is not None
    assert carried.item.model_dump(mode="json") == record
    assert carried.links.follow == [mirror(site.url(site.paths[0]))]

    body = site.page(path)
    at_depth = scrapy.Request(request.url, meta={"hops": 1})  # its links are not followed
    same = HtmlResponse(request.url, status=200, body=body, request=at_depth)
    assert refresh.carry(same).item.model_dump(mode="json") == record
    other = HtmlResponse(request.url, status=200, body=body + b" ", request=same.request)
    assert refresh.carry(other) is None
    # A 304 to a request that was not conditional is not ours to explain.
    unasked = scrapy.Request(mirror(record["url"]))
    assert refresh.carry(Response(unasked.url, status=304, request=unasked)) is None
    stats = refresh.crawler.stats
    assert stats.get_value("careerscrape/pages/not_modified") == 1
    assert stats.get_value("careerscrape/pages/same_content") == 1


def test_a_304_without_a_reusable_record_asks_again_unconditionally(
    tmp_path: Path, site: Site
) -> None:
    made = write_run(tmp_path / "prev", site)
    refresh = refresh_for(tmp_path / "prev", tmp_path / "out")
    url = made[0]["url"]
    request = scrapy.Request(mirror(url))
    refresh.prepare(request)
    refresh.previous._pages[url].reusable = False  # as when it fails validation when read
    carried = refresh.carry(Response(request.url, status=304, request=request))
    again = carried.item
    assert isinstance(again, scrapy.Request)
    assert again.dont_filter and again.meta[UNCONDITIONAL]
    assert b"If-None-Match" not in again.headers and CONDITIONAL not in again.meta


def test_parsed_pages_leave_validators_for_the_next_run(tmp_path: Path, site: Site) -> None:
    refresh = refresh_for(tmp_path / "not-yet", tmp_path / "out")
    path = site.paths[0]
    response = HtmlResponse(
        mirror(site.url(path)), body=site.page(path),
        headers={"ETag": '"abc"', "Last-Modified": "Wed, 20 Sep 2023 09:30:00 GMT"},
    )  # fmt: skip
    page = read_page(site.page(path), site.url(path))
    refresh.remember(
        response, page.record, links_to_follow(page, response.url, refresh.spider.site)
    )
    refresh.item_scraped(page.record)
    (tmp_path / "out" / "catalog.jsonl").write_text("")  # as the catalog pipeline leaves it
    refresh.spider_closed(None, "finished")
    (validator,) = [json.loads(line) for line in (tmp_path / "out" / "validators.jsonl").open()]
    assert validator["url"] == site.url(path)
    assert (validator["etag"], validator["last_modified"]) == (
        '"abc"', "Wed, 20 Sep 2023 09:30:00 GMT")  # fmt: skip
    assert validator["links"] and all(u.startswith("https://www.zippia.com/") for u in
                                      validator["links"])  # fmt: skip
    changes = json.loads((tmp_path / "out" / "changes.json").read_text())
    assert changes["pages"] == {"unchanged": [], "changed": [], "new": [site.url(path)],
                                "gone": []}  # fmt: skip


def test_without_previous_nothing_changes(tmp_path: Path, site: Site) -> None:
    refresh = refresh_for(None, tmp_path / "out")
    assert refresh.enabled and refresh.previous is None
    request = scrapy.Request(MIRROR + site.paths[0])
    refresh.prepare(request)
    assert not request.headers
    assert refresh.carry(Response(request.url, status=304, request=request)) is None
