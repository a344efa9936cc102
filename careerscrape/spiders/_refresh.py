"""The spider's side of a refresh run: carry unchanged pages over, keep validators, report.

The careers spider owns one :class:`Refresh` (``spider.refresh``). It asks it whether a
response can be answered with the previous record (:meth:`Refresh.carry`), tells it
about every page it parses (:meth:`Refresh.remember`); the records that reach the
feeds are classified (unchanged, changed, new) and their validators written to the run
folder, and changes.json is written when the spider closes. What a refresh is:
careerscrape.refresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import scrapy
from scrapy import signals
from scrapy.http import Response

from careerscrape.atomic import write_json
from careerscrape.catalog.diff import DiffError, diff_catalogs, read_catalog
from careerscrape.downloadermiddlewares.archive import writes_archive
from careerscrape.links import Links
from careerscrape.models import PageRecord
from careerscrape.outputs import CATALOG, CHANGES, VALIDATORS
from careerscrape.refresh.previous import PreviousRun, PreviousRunError, Validator
from careerscrape.run.folders import open_run_file
from careerscrape.stats import (
    PAGES_CONDITIONAL,
    REFRESH_PREVIOUS,
    REFRESH_PREVIOUS_ERROR,
    REFRESH_PREVIOUS_RECORDS,
    carried,
    refresh_outcome,
)

__all__ = ["CONDITIONAL", "UNCONDITIONAL", "Carried", "Refresh"]

logger = logging.getLogger(__name__)

#: Request meta: the request carries this run's conditional headers / must not.
CONDITIONAL = "careerscrape_conditional"
UNCONDITIONAL = "careerscrape_unconditional"
_CONDITIONAL_HEADERS = ("If-None-Match", "If-Modified-Since")


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
        #: This run's folder when it keeps a web archive: where the pages it parses are.
        self.archived_in: str | None = None
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
        if writes_archive(settings):
            self.archived_in = self.output_dir.name
        given = settings.get("PREVIOUS_DIR")
        self.folder = Path(given) if given else None
        if self.folder is not None:
            try:
                self.previous = PreviousRun(self.folder)
            except PreviousRunError as exc:
                self.error = str(exc)
                logger.error("the previous run in %s cannot be used (%s): a full crawl, and no "
                             "%s", self.folder, exc, CHANGES)  # fmt: skip
        stats.set_value(REFRESH_PREVIOUS, str(self.folder) if self.folder else None)
        stats.set_value(REFRESH_PREVIOUS_RECORDS, len(self.previous or ()))
        if self.error:
            stats.set_value(REFRESH_PREVIOUS_ERROR, self.error)
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
                self.crawler.stats.inc_value(PAGES_CONDITIONAL)
            request.meta[CONDITIONAL] = url
        elif request.meta.pop(CONDITIONAL, None):  # redirected from a page we had validators of
            for name in _CONDITIONAL_HEADERS:
                request.headers.pop(name, None)

    def earlier(
        self, url: str, status: int, meta: Mapping[str, Any], body_sha256: Callable[[], str]
    ) -> tuple[str, PageRecord, Validator] | None:
        """The previous record a response is answered with, and how: ``not_modified`` (a
        304 we asked for) or ``same_content`` (a 200 whose body is the previous one).

        None: the page is parsed as usual. A page whose links will be followed (its
        hops below the depth) is parsed when the previous run did not keep its links.
        One answer for the spider (:meth:`carry`) and for the archive, which writes
        the capture of a carried page as a revisit of the earlier one
        (careerscrape.downloadermiddlewares.archive). ``body_sha256`` is called only
        when the answer depends on it.
        """
        if self.previous is None:
            return None
        need_links = meta.get("hops", 0) < self.spider.arguments.depth
        validator = self.previous.validator(url)
        if status == 304:
            if meta.get(CONDITIONAL) != url:
                return None  # a 304 we did not ask for: the spider rejects it as before
            how = "not_modified"
        elif status == 200:
            if (
                validator is None
                or not self.previous.reusable(url)
                or (need_links and validator.links is None)
                or body_sha256() != validator.content_sha256
            ):
                return None
            how = "same_content"
        else:
            return None
        record = self.previous.record(url)
        if record is None or validator is None or (need_links and validator.links is None):
            return None
        return how, record, validator

    def carry(self, response: Response) -> Carried | None:
        """The previous record for a 304, or for a 200 whose body is the previous one
        (:meth:`earlier`), with the links to follow; or the request again, without
        validators, for a 304 with nothing to carry over. None: parse the page."""
        if self.previous is None:
            return None
        url = self.spider.site.canonical_url(response.url)
        found = self.earlier(url, response.status, response.meta,
                             lambda: hashlib.sha256(response.body).hexdigest())  # fmt: skip
        if found is None:
            if response.status == 304 and response.meta.get(CONDITIONAL) == url:
                return Carried(self._unconditional(response))  # fetch it again, to parse
            return None
        how, record, validator = found
        self._pending[url] = _updated(validator, response)
        self.crawler.stats.inc_value(carried(how))
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

    def remember(self, response: Response, record: PageRecord, links: Links | None) -> None:
        """The validators of a page just parsed, for the next run (written once it is scraped);
        ``links``: the links to follow from it (given whenever refresh is on)."""
        if not self.enabled:
            return
        assert links is not None
        site = self.spider.site
        self._pending[record.url] = Validator(
            url=record.url,
            content_sha256=record.content_sha256,
            etag=_header(response, b"ETag"),
            last_modified=_header(response, b"Last-Modified"),
            links=tuple(site.canonical_url(link) for link in links.follow),
            offsite=links.offsite,
            archived_in=self.archived_in,
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
        self.crawler.stats.inc_value(refresh_outcome(outcome))

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
                     validator.links, validator.offsite, validator.archived_in)  # fmt: skip
