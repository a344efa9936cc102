"""The Scrapy side of a shared crawl: the add-on, the scheduler and the shared filter.

:class:`SharedScheduler` is scrapy-redis's scheduler, with what careerscrape adds
(the Redis side is :mod:`careerscrape.distributed.crawl`):

- **Per-worker accounting.** Page requests go through the shared queue, but a redirect
  or a retry of a page stays in the worker that took the page, and so does a sitemap
  (each worker reads its own), so that an outcome is counted where its URL was. A
  worker counts as requested the pages it took from the queue; a page another worker
  asked for first is skipped; a redirect into a page fetched by any worker is a
  duplicate. ``run.json`` balances in every worker, and the workers' figures add up to
  those of the same crawl in one process.
- **Nothing lost.** A page taken from the queue is finished (acknowledged) only once
  the engine is done with it and every request that continues it: its record or reject
  is written and its links are queued. A worker that dies leaves its unfinished pages
  in Redis, where the next worker to look puts them back in the queue. A worker
  stopped by a signal gives back the pages it had not finished, and no longer counts
  them. A page that a worker had finished but not yet acknowledged when it died is
  done again by another one: the merge then sees it twice (at least once, never lost).
- **Redis lost.** Redis's client does not retry (it would block the crawl); a failed
  call is tried again later instead. A Redis that has failed every call for
  ``REDIS_LOST_TIMEOUT`` seconds, or that no longer holds the crawl's marker (it
  restarted empty, or was flushed), is lost: the worker closes with the finish reason
  ``redis_lost`` (exit 11). It writes its outputs; the pages in flight finish, and each
  URL it can no longer hand to the crawl (a link found, a page whose redirect or retry
  was pending) becomes a reject with the reason ``redis_lost``, so that its run
  still accounts for every URL and names the ones it could not do. While Redis fails,
  only the heartbeat tries it, so the worker stays responsive (SIGTERM).
- **Start together.** A worker is ``busy`` from the moment it registers until it first
  has nothing to do, and no worker concludes the crawl is over within
  ``REDIS_START_WINDOW`` seconds of its start: workers started together all join it.
"""

from __future__ import annotations

import itertools
import logging
import os
import socket
import time
import uuid
from collections import deque
from typing import Any

from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry
from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.http import Request
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.misc import load_object
from scrapy_redis.dupefilter import RFPDupeFilter as RedisDupeFilter
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

from careerscrape.distributed.crawl import CrawlLost, SharedCrawl
from careerscrape.items import Reject
from careerscrape.run.health import QUEUE_LOST, SITEMAP_REJECT
from careerscrape.stats import DUPLICATES, PAGES_REQUESTED, shared

__all__ = ["LoopAwareRedisDupeFilter", "RedisCrawl", "SharedScheduler"]

logger = logging.getLogger("careerscrape.distributed")

PACKAGE = "careerscrape.distributed"
DEFAULT_CRAWL = "careers"
#: Seconds between two looks at the queue and the other workers while this one waits.
IDLE_POLL = 0.5
#: The meta key of a request taken from the queue, and of the redirects and retries that
#: continue it: which taken entry it finishes.
TAKEN = "careerscrape/shared_entry"
#: The meta key of a request another worker took before (and its continuations): its
#: redirects are followed even into a page the filter has seen, maybe by that worker.
AGAIN = "careerscrape/shared_again"
#: Redis's client: one try per call, and a bounded wait for a server that does not answer.
REDIS_PARAMS = {
    "socket_timeout": 5,
    "socket_connect_timeout": 5,
    "retry": Retry(NoBackoff(), 0),
    "retry_on_timeout": False,
    "encoding": "utf-8",
}


class RedisCrawl:
    """Scrapy add-on: with ``REDIS_URL`` set, the crawl's queue and filter live in Redis.

    It overrides the project's SCHEDULER / DUPEFILTER_CLASS / SCHEDULER_* / REDIS_PARAMS
    values, but never one given on the command line (``-s``) or by the spider.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        if settings.get("JOBDIR"):
            raise ValueError(
                "REDIS_URL and JOBDIR exclude each other: a shared crawl keeps its queue in "
                "Redis (start the workers again with the same REDIS_CRAWL to go on)"
            )
        crawl = str(settings.get("REDIS_CRAWL") or DEFAULT_CRAWL).replace("%", "%%")
        prefix = f"careerscrape:{crawl}"
        for name, value in {
            "SCHEDULER": f"{PACKAGE}.SharedScheduler",
            "DUPEFILTER_CLASS": f"{PACKAGE}.LoopAwareRedisDupeFilter",
            # Used to encode and decode requests; the queue is the FIFO list of crawl.py.
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:seen",
            "SCHEDULER_SERIALIZER": PACKAGE,
            "SCHEDULER_PERSIST": False,
            "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
            "REDIS_PARAMS": REDIS_PARAMS,
        }.items():
            if (settings.getpriority(name) or 0) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority="project")


class LoopAwareRedisDupeFilter(RedisDupeFilter):
    """scrapy-redis's shared filter, letting a redirect back into its own chain through.

    As in :class:`careerscrape.dupefilters.LoopAwareDupeFilter`: the redirect
    limit then stops the loop and the crawl reports it as ``redirect_loop``.
    """

    def request_seen(self, request: Request) -> bool:
        if request.url in request.meta.get("redirect_urls", ()):
            return False
        return super().request_seen(request)

    def close(self, reason: str = "") -> None:
        """The filter is shared: the last worker out of a finished crawl clears it."""


def _continues(request: Request) -> bool:
    """A redirect or a retry: the next step of a request this process already took."""
    meta = request.meta
    return "redirect_urls" in meta or "retry_times" in meta


def _asked_url(request: Request) -> str:
    """The URL asked for, before any redirect."""
    return request.meta.get("redirect_urls", [request.url])[0]


class Outage:
    """How long Redis has failed every call: lost after ``timeout`` seconds of it."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.since: float | None = None
        self.error = ""

    @property
    def failing(self) -> bool:
        return self.since is not None

    def failed(self, exc: Exception) -> None:
        if self.since is None:
            self.since = time.monotonic()
            logger.warning("the shared crawl's Redis failed (%s: %s); trying again, for "
                           "%.0f s at most", type(exc).__name__, exc, self.timeout)  # fmt: skip
        self.error = f"{type(exc).__name__}: {exc}"

    def answered(self) -> None:
        if self.since is not None:
            logger.info("the shared crawl's Redis answers again after %.1f s",
                        time.monotonic() - self.since)  # fmt: skip
        self.since = None

    def expired(self) -> bool:
        return self.since is not None and time.monotonic() - self.since >= self.timeout


class SharedScheduler(RedisScheduler):
    """scrapy-redis's scheduler, with per-worker accounting, acknowledged pages and
    worker awareness (see the module)."""

    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedScheduler:
        try:
            scheduler = super().from_crawler(crawler)  # pings Redis
        except RedisError as exc:
            url = _redacted(crawler.settings.get("REDIS_URL"))
            logger.error("cannot reach the shared crawl's Redis at %s: %s", url, exc)
            raise
        settings = crawler.settings
        scheduler.crawler = crawler
        scheduler.persist = settings.getbool("SCHEDULER_PERSIST")
        scheduler.worker_ttl = settings.getfloat("REDIS_WORKER_TTL")
        scheduler.start_window = settings.getfloat("REDIS_START_WINDOW")
        scheduler.outage = Outage(settings.getfloat("REDIS_LOST_TIMEOUT"))
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # -- lifecycle -------------------------------------------------------------------------

    def open(self, spider: Any) -> None:
        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer,
        )  # fmt: skip
        if self.df is None:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        #: Requests continuing a page this worker took (redirects, retries), and sitemaps.
        self.local: deque[Request] = deque()
        #: Page requests Redis did not take while it failed: pushed when it answers.
        self.outbox: deque[tuple[Request, str | None, bytes]] = deque()
        #: Taken entries not finished yet, by the token their requests carry (TAKEN).
        self.taken: dict[int, bytes] = {}
        self._tokens = itertools.count(1)
        self.idle = False
        self.lost = False
        self.closed = False
        #: URLs the worker could not hand to the crawl nor reject (Redis lost while closing).
        self.unhanded: list[str] = []
        self._wake_call: Any = None
        prefix = self.queue.key.rsplit(":", 1)[0]
        worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.crawl = SharedCrawl(self.server, prefix, worker, self.queue.key, self.df.key)
        joined = self.crawl.join(uuid.uuid4().hex, self.worker_ttl, self.persist,
                                 self.flush_on_start)  # fmt: skip
        self._window_ends = time.monotonic() + max(self.start_window - joined.age, 0.0)
        logger.info(
            "shared crawl %s on %s: worker %s %s crawl %s, %d queued",
            prefix, _redacted(self.crawler.settings.get("REDIS_URL")), worker,
            "started" if joined.new else "joined", joined.crawl_id, joined.queued,
        )  # fmt: skip
        interval = min(self.worker_ttl / 6, max(self.outage.timeout / 4, 0.1))
        self._heartbeat = task.LoopingCall(self._tick)
        self._heartbeat.start(max(interval, 0.1), now=False)

    def close(self, reason: str) -> None:
        if getattr(self, "_heartbeat", None) is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        self.closed = True  # the pipelines are closed: no more rejects from here
        if self.lost:
            self._name_unfinished([], reason)
            return
        self._flush_outbox()
        self._settle()
        # Pages whose redirect or retry was still waiting here: back to the queue.
        unfinished = {r.meta[TAKEN] for r in self.local if TAKEN in r.meta}
        entries = [self.taken.pop(token) for token in unfinished if token in self.taken]
        if self.outage.failing or self.lost:
            self._name_unfinished(entries, reason)
            return
        try:
            if entries:
                self.crawl.give_back(entries)
                self.stats.inc_value(PAGES_REQUESTED, -len(entries))
                self.stats.inc_value(shared("given_back"), len(entries))
                for entry in entries:
                    self._hand_over(self.queue._decode_request(entry))
            cleared = self.crawl.leave(reason == "finished", self.persist)
        except (RedisError, CrawlLost) as exc:
            logger.error("could not leave the shared crawl cleanly: %s", exc)
            return
        if cleared:
            logger.info("shared crawl finished: last worker out, its Redis keys are cleared")
        else:
            logger.info("shared crawl left in Redis (%s)", self._describe())

    def _name_unfinished(self, entries: list[bytes], reason: str) -> None:
        """Redis fails as the worker stops: what it could not hand back, in the log."""
        urls = [self.queue._decode_request(entry).url for entry in entries]
        urls += [request.url for request, _, _ in self.outbox] + self.unhanded
        if urls:
            logger.error("stopped (%s) while the shared crawl's Redis fails: %d URLs could not "
                         "be handed back: %s", reason, len(urls), " ".join(urls))  # fmt: skip

    def _describe(self) -> str:
        try:
            look = self.crawl.look()
        except (RedisError, CrawlLost) as exc:
            return str(exc)
        return f"{look.queued} queued, {look.taken} taken by {look.busy} busy worker(s)"

    # -- Redis calls -----------------------------------------------------------------------

    def _redis(self, call: Any, *args: Any, probe: bool = False) -> Any:
        """``call(*args)``, or None when Redis fails (or is lost). While it fails, only the
        heartbeat tries it (``probe``), so that a Redis that hangs does not stall the crawl."""
        if self.lost or (self.outage.failing and not probe):
            return None
        try:
            result = call(*args)
        except CrawlLost as exc:
            self._lose(str(exc))
            return None
        except RedisError as exc:
            self.outage.failed(exc)
            return None
        self.outage.answered()
        return result

    def _tick(self) -> None:
        """The heartbeat: alive (busy or idle) for REDIS_WORKER_TTL more seconds."""
        if self.lost:
            self._wake_engine()  # the spider closes once idle (spider_idle)
            return
        self._redis(self.crawl.beat, not self.idle, self.worker_ttl, probe=True)
        if self.outage.expired():
            self._lose(f"Redis failed every call for {self.outage.timeout:g} s "
                       f"(REDIS_LOST_TIMEOUT), last: {self.outage.error}")  # fmt: skip
        elif not self.outage.failing and self.outbox:
            self._flush_outbox()
            self._wake_engine()

    def _lose(self, why: str) -> None:
        """Redis is lost: stop with finish reason ``redis_lost``, every URL accounted for.

        What waits here becomes a reject at once; the pages in flight finish; then the
        spider is idle and closes (:meth:`spider_idle`), with nothing left to write.
        """
        if self.lost:
            return
        self.lost = True
        logger.error("the shared crawl is lost: %s; this worker stops (exit 11)", why)
        self.stats.set_value(shared("lost"), why)
        while self.outbox:
            self._reject_lost(self.outbox.popleft()[0])
        while self.local:
            self._reject_lost(self.local.popleft())
        self._wake_engine()

    def _reject_lost(self, request: Request) -> None:
        """A URL this worker can no longer hand to the crawl: a reject, ``redis_lost``."""
        self.taken.pop(request.meta.get(TAKEN, 0), None)
        if self.closed or self._engine_closing():
            # The engine is closing (a signal): no more items; the log names it at close.
            self.unhanded.append(request.url)
            return
        page = self._is_page(request)
        reason = QUEUE_LOST if page else f"{SITEMAP_REJECT}{QUEUE_LOST}"
        url = self._canonical(request) if page else _asked_url(request)
        reject = Reject(url, reason, "not done: the shared crawl's Redis was lost")
        self.stats.inc_value(shared("lost_urls"))
        # Counted by the scraper at once, so the spider is not idle before it is written.
        self.crawler.engine.scraper._start_itemproc_nowait(reject)

    def _engine_closing(self) -> bool:
        slot = getattr(self.crawler.engine, "_slot", None)
        return slot is None or slot.closing is not None

    # -- requests --------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        if self.lost:
            # Nobody can take it any more: a reject here (an accepted request, not a drop).
            self._reject_lost(request)
            return True
        if _continues(request) or not self._is_page(request):
            # The same page as a request this process took, or a sitemap this process asked
            # for (each worker reads its own start sitemaps): kept here, so that its outcome
            # is counted where it was asked for; still filtered (a redirect into a page
            # fetched anywhere is a duplicate; while Redis fails, it is let through).
            seen = not request.dont_filter and self._redis(self.df.request_seen, request)
            if seen and not request.meta.get(AGAIN):
                self.df.log(request, self.spider)
                return False
            self.local.append(request)
            return True
        fingerprint = None if request.dont_filter else self.df.request_fingerprint(request)
        data = self.queue._encode_request(request)
        pushed = self._redis(self.crawl.push, fingerprint, data)
        if pushed is None:  # Redis fails: kept until it answers (or a reject, if lost)
            if self.lost:
                self._reject_lost(request)
            else:
                self.outbox.append((request, fingerprint, data))
            return True
        # Either way this process does not answer for the page: pushed, it is counted by
        # whichever process takes it; dropped, another process asked for it first, and it
        # is skipped as a page this process had asked for already would be (the spider's
        # request_dropped handler adds back the duplicate taken here).
        self.stats.inc_value(PAGES_REQUESTED, -1)
        if pushed:
            self.stats.inc_value(shared("pushed"))
            self._hand_over(request)
        else:
            self.stats.inc_value(DUPLICATES, -1)
            self.stats.inc_value(shared("asked_elsewhere"))
        return pushed

    def _flush_outbox(self) -> None:
        """Push the page requests kept while Redis failed (accepted then: no drop signal)."""
        while self.outbox:
            _, fingerprint, data = self.outbox[0]
            pushed = self._redis(self.crawl.push, fingerprint, data)
            if pushed is None:
                return
            request = self.outbox.popleft()[0]
            self.stats.inc_value(PAGES_REQUESTED, -1)
            name = "pushed" if pushed else "asked_elsewhere"
            self.stats.inc_value(shared(name))
            self._hand_over(request)

    def next_request(self) -> Request | None:
        self._settle()  # first: a request handed out below is in neither queue nor engine
        if self.local:
            return self.local.popleft()
        while True:
            taken = self._redis(self.crawl.take)
            if taken is None:
                return None
            data, again = taken
            try:
                request = self.queue._decode_request(data)
            except (ValueError, TypeError, KeyError) as exc:
                logger.error("dropped a queue entry that is not a request (%s): %.200r",
                             exc, data)  # fmt: skip
                self._redis(self.crawl.ack, [data])
                continue
            break
        token = next(self._tokens)
        self.taken[token] = data
        request.meta[TAKEN] = token
        if again:
            request.meta[AGAIN] = True
        self.idle = False
        if self._is_page(request):
            self.stats.inc_value(PAGES_REQUESTED)
            self.stats.inc_value(shared("taken"))
            ledger = getattr(self.spider, "ledger", None)  # the spider's pages pending
            if ledger is not None:
                ledger.take(self._canonical(request))
        return request

    def _hand_over(self, request: Request) -> None:
        """A page now in the shared queue: whichever worker takes it answers for it."""
        ledger = getattr(self.spider, "ledger", None)
        if ledger is not None:
            ledger.end(self._canonical(request))

    def _canonical(self, request: Request) -> str:
        """The page's URL as the spider records it (the one asked for, canonical)."""
        site = getattr(self.spider, "site", None)
        url = _asked_url(request)
        return site.canonical_url(url) if site is not None else url

    def _settle(self) -> None:
        """Acknowledge the taken pages the engine is done with, continuations included.

        Called where no request is between this scheduler and the engine. Not while
        links wait in the outbox: a page is finished once the pages it found are queued.
        """
        if not self.taken or self.outbox or self.lost:
            return
        live = {request.meta.get(TAKEN) for request in self.local}
        slot = getattr(self.crawler.engine, "_slot", None)  # Scrapy's requests in progress
        live.update(request.meta.get(TAKEN) for request in getattr(slot, "inprogress", ()))
        done = [token for token in self.taken if token not in live]
        if done and self._redis(self.crawl.ack, [self.taken[token] for token in done]) is None:
            return
        for token in done:
            del self.taken[token]

    def has_pending_requests(self) -> bool:
        return bool(self.local) or bool(self._redis(self.crawl.queued))

    def __len__(self) -> int:
        return len(self.local) + (self._redis(self.crawl.queued) or 0)

    def _is_page(self, request: Request) -> bool:
        """The spider's rule (``_request_dropped``): a page request is one parse_page answers."""
        return request.callback == getattr(self.spider, "parse_page", None)

    # -- workers ---------------------------------------------------------------------------

    def spider_idle(self, spider: Any = None) -> None:
        """Nothing to do here: close only once the whole crawl is over."""
        if self.lost:
            raise CloseSpider(QUEUE_LOST)  # the pages in flight are done, and the rejects
        self._settle()
        if not self.idle:
            self.idle = True
            self._redis(self.crawl.beat, False, self.worker_ttl)
        self._flush_outbox()
        look = None if self.outbox or self.taken else self._redis(self.crawl.look)
        if look is not None:
            if look.requeued:
                logger.warning("%d pages of dead workers went back to the queue", look.requeued)
            if look.mine:  # taken by a call whose answer was lost: never handed out
                self._redis(self.crawl.give_back)
            if look.over and time.monotonic() >= self._window_ends:
                return  # the engine closes the spider: finished
        # Look again soon, not at the engine's next 5 s heartbeat.
        if self._wake_call is None or not self._wake_call.active():
            from twisted.internet import reactor  # the one Scrapy installed

            self._wake_call = reactor.callLater(IDLE_POLL, self._wake_engine)
        raise DontCloseSpider

    def _wake_engine(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()


def _redacted(url: str | None) -> str:
    """The Redis URL without its password, for the log."""
    if not url or "@" not in url:
        return str(url)
    scheme, rest = url.split("://", 1) if "://" in url else ("", url)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"
