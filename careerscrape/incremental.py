"""Refresh runs: every crawl job reuses what the last published run learned.

    scrapy crawl careers -a sitemap=...                          # refreshes OUTPUT_DIR/latest
    scrapy crawl careers -a sitemap=... -a previous=DIR          # refreshes the run in DIR

The run refreshed is the published one (``OUTPUT_DIR/latest``, careerscrape.addons)
unless ``-a previous=DIR`` (or ``PREVIOUS_DIR``) names another run folder, or
``REFRESH_FROM_PUBLISHED`` is off. Given that run, the crawl:

- asks for each page it has a record of conditionally: ``If-None-Match`` with the
  page's last ``ETag`` and ``If-Modified-Since`` with its last ``Last-Modified``
  (:class:`ConditionalRequestsMiddleware`);
- does not parse a page the server answers ``304 Not Modified``, nor one answered
  ``200`` whose body has the ``content_sha256`` of the previous record: the previous
  record goes into this run's feeds, catalog and stats exactly as it was, its
  ``fetched_at`` included (the time its content was read and parsed), and the links the
  previous run read from the page are followed again;
- parses every other page as usual.

Every crawl job writes into its run folder ``validators.jsonl`` (what the next refresh
needs, see below) and ``changes.json``: the :mod:`careerscrape.diff` report between the
previous catalog and the new one, plus ``"pages"``, the record URLs by what happened to
them (with no previous run, every role and page is new).

A page is *unchanged* when this run's record has the previous record's
``content_sha256`` (a 304 or a same-body 200 carried over, or a page parsed again
because the parser changed), *changed* when its body changed, *new* when the previous
run had no record of it and *gone* when this run has none. The record models have no
room for such marks, by design (the data contract is fixed): run.json's ``refresh``
entry counts them and changes.json lists them.

What the previous run left is read when the crawl starts:

- ``roles.jsonl`` and ``comparisons.jsonl`` (the record feeds): the records. Only an
  index (URL -> file offset) is kept in memory; a carried record is read back from the
  file, which stays open.
- ``validators.jsonl``, one JSON object a line for every record of that run:
  ``{"url", "content_sha256", "etag", "last_modified", "links", "offsite"}``, where
  ``links`` are the canonical URLs the crawl follows from the page. A folder without
  it gives body hashes only: no conditional requests, and a page whose links are
  needed is parsed again.
- ``catalog.jsonl``, for changes.json.

A record is reused only if it was made by this parser version (``parser_version``) and
still meets the data contract; otherwise the page is fetched (again, unconditionally)
and parsed. A previous folder that does not exist makes a full crawl; one that cannot
be read is reported in run.json (``refresh.previous_error``) and the log, and the run
is a full crawl without changes.json. Records replayed by a resumed JOBDIR job keep
their body hash, not their validators.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import scrapy
from pydantic import ValidationError
from scrapy import signals
from scrapy.http import Response

from careerscrape.atomic import read_jsonl, write_json
from careerscrape.diff import DiffError, diff_catalogs, read_catalog
from careerscrape.links import Links, links_to_follow
from careerscrape.models import PAGE_MODELS, PARSER_VERSION, PageRecord
from careerscrape.outputs import CATALOG, CHANGES, RECORD_FILES, VALIDATORS
from careerscrape.parsing import ParsedPage
from careerscrape.run.folders import open_run_file

__all__ = [
    "Carried",
    "ConditionalRequestsMiddleware",
    "PreviousRun",
    "PreviousRunError",
    "Refresh",
    "Validator",
    "refresh_summary",
]

logger = logging.getLogger(__name__)

#: Request meta: the request carries this run's conditional headers / must not.
CONDITIONAL = "careerscrape_conditional"
UNCONDITIONAL = "careerscrape_unconditional"
_CONDITIONAL_HEADERS = ("If-None-Match", "If-Modified-Since")
_STATS = "careerscrape/refresh/"


class PreviousRunError(ValueError):
    """A previous output folder that cannot be used; ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class Validator:
    """What the next run needs to know about one page it has a record of."""

    url: str
    content_sha256: str
    etag: str | None = None
    last_modified: str | None = None
    #: Canonical URLs the crawl follows from the page; None when not known.
    links: tuple[str, ...] | None = None
    offsite: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "content_sha256": self.content_sha256,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "links": list(self.links) if self.links is not None else None,
            "offsite": self.offsite,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Validator:
        links = data.get("links")
        return cls(
            url=str(data["url"]),
            content_sha256=str(data["content_sha256"]),
            etag=data.get("etag") or None,
            last_modified=data.get("last_modified") or None,
            links=tuple(str(u) for u in links) if isinstance(links, list) else None,
            offsite=int(data.get("offsite") or 0),
        )


@dataclass(slots=True)
class _Page:
    """One record of the previous run: where it is, and what the next request may send."""

    file: int
    offset: int
    validator: Validator
    #: Made by this parser version: may be carried over without parsing.
    reusable: bool


class PreviousRun:
    """The output folder of a previous run, read when this crawl starts. No Scrapy here."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.exists = self.folder.is_dir()
        self._pages: dict[str, _Page] = {}
        self._files: list[IO[bytes]] = []
        #: The previous catalog entries (dicts as in catalog.jsonl); [] without a catalog.
        self.catalog: list[dict[str, Any]] = []
        if not self.exists:
            if self.folder.exists():
                raise PreviousRunError(f"{self.folder} is not a folder")
            return
        try:
            self._read_records()
            self._read_validators()
            if (self.folder / CATALOG).is_file():
                self.catalog = list(read_jsonl(self.folder / CATALOG))
        except PreviousRunError:
            self.close()
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.close()
            raise PreviousRunError(" ".join(str(exc).split()) or type(exc).__name__) from exc

    def _read_records(self) -> None:
        for name in RECORD_FILES:
            path = self.folder / name
            if not path.is_file():
                continue
            handle = path.open("rb")
            self._files.append(handle)
            number, offset = len(self._files) - 1, 0
            for line_number, line in enumerate(handle, 1):
                start, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    url, sha = str(data["url"]), str(data["content_sha256"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise PreviousRunError(f"{path}:{line_number}: not a record ({exc})") from exc
                reusable = (
                    data.get("parser_version") == PARSER_VERSION
                    and data.get("page_type") in PAGE_MODELS
                )
                self._pages[url] = _Page(number, start, Validator(url, sha), reusable)

    def _read_validators(self) -> None:
        """Validators of pages whose record has the same body hash; the rest keep the hash."""
        path = self.folder / VALIDATORS
        if not path.is_file():
            return
        try:
            for data in read_jsonl(path):
                validator = Validator.from_dict(data)
                page = self._pages.get(validator.url)
                if page is not None and page.validator.content_sha256 == validator.content_sha256:
                    page.validator = validator
        except (ValueError, KeyError, TypeError) as exc:
            # The records are enough for a refresh: only the conditional requests are lost.
            logger.warning("%s cannot be read (%s): pages are compared by body hash only",
                           path, " ".join(str(exc).split()))  # fmt: skip

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, url: object) -> bool:
        return url in self._pages

    def urls(self) -> Iterator[str]:
        return iter(self._pages)

    def validator(self, url: str) -> Validator | None:
        page = self._pages.get(url)
        return page.validator if page is not None else None

    def reusable(self, url: str) -> bool:
        page = self._pages.get(url)
        return page is not None and page.reusable

    def conditional_headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a page whose record can be reused."""
        page = self._pages.get(url)
        if page is None or not page.reusable:
            return {}
        headers = {}
        if page.validator.etag:
            headers["If-None-Match"] = page.validator.etag
        if page.validator.last_modified:
            headers["If-Modified-Since"] = page.validator.last_modified
        return headers

    def record(self, url: str) -> PageRecord | None:
        """The previous record of ``url`` as its model; None if there is none to reuse."""
        page = self._pages.get(url)
        if page is None or not page.reusable:
            return None
        handle = self._files[page.file]
        handle.seek(page.offset)
        line = handle.readline()
        try:
            data = json.loads(line)
            return PAGE_MODELS[data["page_type"]].model_validate(data)
        except (ValueError, KeyError, ValidationError) as exc:
            logger.warning("the previous record of %s cannot be reused (%s): fetching it again",
                           url, " ".join(str(exc).split())[:200])  # fmt: skip
            page.reusable = False
            return None

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        self._files = []


@dataclass(frozen=True, slots=True)
class Carried:
    """What the spider yields for a page it does not parse."""

    #: The previous record, or the same request again without validators.
    item: PageRecord | scrapy.Request
    #: The links the previous run read from the page (on the crawled site), if any.
    links: Links | None = None


@dataclass
class _Outcomes:
    """Record URLs of this run by what happened to their page, for changes.json."""

    unchanged: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    new: list[str] = field(default_factory=list)


class Refresh:
    """A refresh run's state, owned by the careers spider (``spider.refresh``).

    Off (every method a no-op) unless a previous folder is given. The spider asks it
    whether a response can be answered with the previous record (:meth:`carry`) and
    tells it about every page it parses (:meth:`remember`); the records that reach
    the feeds (``item_scraped``) are classified and their validators written.
    """

    def __init__(self, crawler: Any, spider: Any) -> None:
        self.crawler = crawler
        self.spider = spider
        #: The crawl job (RUN_OUTPUTS) keeps validators and reports changes; other Scrapy
        #: commands that open the spider (shell, parse) leave every method a no-op. Known
        #: when the spider opens: the run folder is settled after the spider is made.
        self.enabled = False
        self.output_dir = Path(".")
        self.folder: Path | None = None
        self.previous: PreviousRun | None = None
        self.error: str | None = None
        self._pending: dict[str, Validator] = {}
        self._outcomes = _Outcomes()
        self._file: IO[str] | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    # -- while crawling --------------------------------------------------------------------

    def spider_opened(self, spider: Any = None) -> None:
        settings, stats = self.crawler.settings, self.crawler.stats
        self.enabled = settings.getbool("RUN_OUTPUTS")
        if not self.enabled:
            return
        self.output_dir = Path(settings.get("RUN_DIR"))
        given = settings.get("PREVIOUS_DIR")
        self.folder = Path(given) if given else None
        if self.folder is not None:
            try:
                self.previous = PreviousRun(self.folder)
            except PreviousRunError as exc:
                self.error = str(exc)
                logger.error("the previous run in %s cannot be used (%s): a full crawl, and no "
                             "%s", self.folder, exc, CHANGES)  # fmt: skip
        stats.set_value(f"{_STATS}previous", str(self.folder) if self.folder else None)
        stats.set_value(f"{_STATS}previous_records", len(self.previous or ()))
        if self.error:
            stats.set_value(f"{_STATS}previous_error", self.error)
        elif self.previous is None or not self.previous.exists:
            logger.info("no previous run to refresh: a full crawl, every role new in %s", CHANGES)

    def prepare(self, request: scrapy.Request) -> None:
        """Add (or, after a redirect to another page, remove) the conditional headers."""
        if self.previous is None or request.meta.get(UNCONDITIONAL):
            return
        url = self.spider.site.canonical_url(request.url)
        headers = self.previous.conditional_headers(url)
        if headers:
            for name, value in headers.items():
                request.headers[name] = value
            if not request.meta.get(CONDITIONAL):
                self.crawler.stats.inc_value("careerscrape/pages/conditional")
            request.meta[CONDITIONAL] = url
        elif request.meta.pop(CONDITIONAL, None):  # redirected from a page we had validators of
            for name in _CONDITIONAL_HEADERS:
                request.headers.pop(name, None)

    def carry(self, response: Response, need_links: bool) -> Carried | None:
        """The previous record for a 304, or for a 200 whose body is the previous one.

        None: parse the page as usual. ``need_links``: the page's links will be
        followed, so a page whose links the previous run did not keep is parsed.
        """
        if self.previous is None:
            return None
        url = self.spider.site.canonical_url(response.url)
        if response.status == 304:
            if response.meta.get(CONDITIONAL) != url:
                return None  # a 304 we did not ask for: the spider rejects it as before
            how = "not_modified"
        elif response.status == 200:
            validator = self.previous.validator(url)
            if (
                validator is None
                or not self.previous.reusable(url)
                or (need_links and validator.links is None)
                or hashlib.sha256(response.body).hexdigest() != validator.content_sha256
            ):
                return None
            how = "same_content"
        else:
            return None
        validator = self.previous.validator(url)
        record = self.previous.record(url)
        if record is None or validator is None or (need_links and validator.links is None):
            # Nothing to carry over: parse the page, or fetch it again to have one to parse.
            return None if how == "same_content" else Carried(self._unconditional(response))
        self._pending[url] = _updated(validator, response)
        self.crawler.stats.inc_value(f"careerscrape/pages/{how}")
        links = None
        if validator.links is not None:
            site = self.spider.site
            links = Links([site.resolve(link) for link in validator.links], validator.offsite)
        return Carried(record, links)

    def _unconditional(self, response: Response) -> scrapy.Request:
        again = response.request.replace(dont_filter=True)
        for name in _CONDITIONAL_HEADERS:
            again.headers.pop(name, None)
        again.meta.pop(CONDITIONAL, None)
        again.meta[UNCONDITIONAL] = True
        return again

    def remember(self, response: Response, page: ParsedPage) -> None:
        """The validators of a page just parsed, for the next run (written once it is scraped)."""
        if not self.enabled:
            return
        site = self.spider.site
        links = links_to_follow(page, response.url, site)
        record = page.record
        self._pending[record.url] = Validator(
            url=record.url,
            content_sha256=record.content_sha256,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            links=tuple(site.canonical_url(link) for link in links.follow),
            offsite=links.offsite,
        )

    def item_scraped(self, item: Any, response: Any = None) -> None:
        if not self.enabled or not isinstance(item, PageRecord):
            return
        url = item.url
        validator = self._pending.pop(url, None)
        if validator is None or validator.content_sha256 != item.content_sha256:
            validator = Validator(url, item.content_sha256)  # replayed by a resumed job
        self._write(validator)
        before = self.previous.validator(url) if self.previous is not None else None
        if before is None:
            outcome = "new"
        elif before.content_sha256 == item.content_sha256:
            outcome = "unchanged"
        else:
            outcome = "changed"
        getattr(self._outcomes, outcome).append(url)
        self.crawler.stats.inc_value(f"{_STATS}{outcome}")

    def _write(self, validator: Validator) -> None:
        if self._file is None:
            self._file = open_run_file(self.output_dir / VALIDATORS)
        self._file.write(json.dumps(validator.to_dict(), ensure_ascii=False) + "\n")

    # -- at the end ------------------------------------------------------------------------

    def spider_closed(self, spider: Any = None, reason: str = "") -> None:
        """validators.jsonl, then changes.json (the catalog pipeline has written the catalog)."""
        if not self.enabled:
            return
        if self._file is None:
            self._file = open_run_file(self.output_dir / VALIDATORS)
        self._file.close()
        self._file = None
        self._pending.clear()
        if self.error:
            return
        try:
            self._write_changes(self.previous)
        finally:
            if self.previous is not None:
                self.previous.close()

    def _write_changes(self, previous: PreviousRun | None) -> None:
        catalog = self.output_dir / CATALOG
        if not catalog.is_file():
            logger.error("no %s was written: no %s", catalog, CHANGES)
            return
        try:
            before = previous.catalog if previous is not None else []
            report = diff_catalogs(before, read_catalog(catalog))
        except (DiffError, OSError) as exc:
            logger.error("%s not written: %s", CHANGES, exc)
            return
        outcomes = self._outcomes
        scraped = {*outcomes.unchanged, *outcomes.changed}
        gone = previous.urls() if previous is not None else iter(())
        pages = {
            "unchanged": sorted(outcomes.unchanged),
            "changed": sorted(outcomes.changed),
            "new": sorted(outcomes.new),
            "gone": sorted(url for url in gone if url not in scraped),
        }
        write_json(self.output_dir / CHANGES, {**report.to_dict(), "pages": pages})
        logger.info("%s: %d roles added, %d removed, %d changed; pages %s",
                    self.output_dir / CHANGES, len(report.added), len(report.removed),
                    len(report.changed),
                    ", ".join(f"{len(v)} {k}" for k, v in pages.items()))  # fmt: skip


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _updated(validator: Validator, response: Response) -> Validator:
    """A 304 (or same-body 200) may bring a new ETag or Last-Modified: keep the newest."""
    etag = _header(response, b"ETag") or validator.etag
    last_modified = _header(response, b"Last-Modified") or validator.last_modified
    if (etag, last_modified) == (validator.etag, validator.last_modified):
        return validator
    return Validator(validator.url, validator.content_sha256, etag, last_modified,
                     validator.links, validator.offsite)  # fmt: skip


def refresh_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """run.json's ``refresh`` entry, from the crawl stats ({} when not a refresh run)."""
    if f"{_STATS}previous" not in stats:
        return {}
    unchanged = stats.get(f"{_STATS}unchanged", 0)
    changed = stats.get(f"{_STATS}changed", 0)
    previous_records = stats.get(f"{_STATS}previous_records", 0)
    refresh: dict[str, Any] = {
        "previous": stats[f"{_STATS}previous"],
        "previous_records": previous_records,
        "conditional_requests": stats.get("careerscrape/pages/conditional", 0),
        # Pages not parsed: their previous record was carried over.
        "not_modified": stats.get("careerscrape/pages/not_modified", 0),
        "same_content": stats.get("careerscrape/pages/same_content", 0),
        "pages": {
            "unchanged": unchanged,
            "changed": changed,
            "new": stats.get(f"{_STATS}new", 0),
            "gone": previous_records - unchanged - changed,
        },
    }
    if f"{_STATS}previous_error" in stats:
        refresh["previous_error"] = stats[f"{_STATS}previous_error"]
    return {"refresh": refresh}


class ConditionalRequestsMiddleware:
    """Downloader middleware: conditional headers on requests for pages the previous run
    has a reusable record of (see :meth:`Refresh.prepare`). Off without ``spider.refresh``."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> ConditionalRequestsMiddleware:
        return cls(crawler)

    def process_request(self, request: scrapy.Request) -> None:
        refresh = getattr(self.crawler.spider, "refresh", None)
        if refresh is not None:
            refresh.prepare(request)
