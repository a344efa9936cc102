"""One crawl shared by any number of ``scrapy crawl careers`` processes, through Redis.

    scrapy crawl careers -a sitemap=... -s REDIS_URL=redis://queue-host:6379 -s OUTPUT_DIR=out/a
    scrapy crawl careers -a sitemap=... -s REDIS_URL=redis://queue-host:6379 -s OUTPUT_DIR=out/b
    careerscrape catalog out/*/roles.jsonl out/*/comparisons.jsonl -o catalog.jsonl

``REDIS_URL`` is the one switch: the :class:`RedisCrawl` add-on (enabled in
settings.py, idle without it) then swaps Scrapy's scheduler and duplicate
filter for scrapy-redis ones that every process shares. Each page is fetched
by exactly one process, so each record is written once across all outputs.

What careerscrape adds to scrapy-redis:

- :class:`LoopAwareRedisDupeFilter`: the shared filter, with the redirect-loop
  rule of :mod:`careerscrape.dupefilter`.
- :class:`SharedScheduler`: page requests go through the shared queue, but a
  redirect or a retry of a page stays in the process that took the page, so
  that page's outcome (record, reject or duplicate) is counted where the page
  was counted. ``run.json`` balances in every process: a process counts as
  requested the pages it took from the shared queue; a page another process
  asked for first is skipped, as a page asked for already is in one process;
  a redirect into a page fetched by any process is a duplicate. Summed over
  the processes, the figures are those of the same crawl in one process.
- Workers know about each other (a key per process with a TTL, refreshed
  while it runs): a process with nothing to do waits while another one is
  still fetching pages that may lead to more, and the last one to finish a
  crawl clears its keys, so the next crawl with the same ``REDIS_URL`` starts
  afresh. A crawl stopped part-way keeps its queue and filter: workers
  started again with the same ``REDIS_CRAWL`` go on with it.
- Requests are stored as JSON (:func:`dumps`/:func:`loads`), never pickled: a
  queue entry is data, so whoever can write to Redis cannot run code in a
  worker.

Settings (all optional except ``REDIS_URL``): ``REDIS_CRAWL`` names the crawl
(default ``careers``; keys ``careerscrape:<crawl>:...``), ``REDIS_WORKER_TTL``
(30 s) is how long a silent worker counts as alive, ``SCHEDULER_PERSIST=1``
keeps a finished crawl's keys, ``SCHEDULER_FLUSH_ON_START=1`` throws away
whatever the crawl's keys hold when a worker starts.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import socket
import uuid
from collections import deque
from typing import Any

from redis.exceptions import RedisError
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy_redis.dupefilter import RFPDupeFilter as RedisDupeFilter
from scrapy_redis.scheduler import Scheduler as RedisScheduler
from twisted.internet import task

__all__ = ["LoopAwareRedisDupeFilter", "RedisCrawl", "SharedScheduler", "dumps", "loads"]

logger = logging.getLogger(__name__)

#: The spider's counter of pages asked for (careerscrape.extensions reads it).
REQUESTED = "careerscrape/pages/requested"
DUPLICATES = "careerscrape/duplicates"
DEFAULT_CRAWL = "careers"
#: Seconds between two looks at the queue and the other workers while this one waits.
IDLE_POLL = 0.5


class RedisCrawl:
    """Scrapy add-on: with ``REDIS_URL`` set, the crawl's queue and filter live in Redis.

    It overrides the project's SCHEDULER / DUPEFILTER_CLASS / SCHEDULER_* values,
    but never one given on the command line (``-s``) or by the spider.
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
            "SCHEDULER": f"{__name__}.SharedScheduler",
            "DUPEFILTER_CLASS": f"{__name__}.LoopAwareRedisDupeFilter",
            "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.FifoQueue",
            "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:seen",
            "SCHEDULER_SERIALIZER": __name__,
            "SCHEDULER_PERSIST": False,
            "SCHEDULER_IDLE_BEFORE_CLOSE": 0,
        }.items():
            if (settings.getpriority(name) or 0) <= SETTINGS_PRIORITIES["project"]:
                settings.set(name, value, priority="project")


class LoopAwareRedisDupeFilter(RedisDupeFilter):
    """scrapy-redis's shared filter, letting a redirect back into its own chain through.

    As in :class:`careerscrape.dupefilter.LoopAwareDupeFilter`: the redirect
    limit then stops the loop and the crawl reports it as ``redirect_loop``.
    """

    def request_seen(self, request: Request) -> bool:
        if request.url in request.meta.get("redirect_urls", ()):
            return False
        return super().request_seen(request)

    def close(self, reason: str = "") -> None:
        """The filter is shared: :class:`SharedScheduler` decides when it is cleared."""


def _continues(request: Request) -> bool:
    """A redirect or a retry: the next step of a request this process already took."""
    meta = request.meta
    return "redirect_urls" in meta or "retry_times" in meta


class SharedScheduler(RedisScheduler):
    """scrapy-redis's scheduler, with per-process accounting and worker awareness."""

    crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SharedScheduler:
        try:
            scheduler = super().from_crawler(crawler)  # pings Redis
        except RedisError as exc:
            url = _redacted(crawler.settings.get("REDIS_URL"))
            logger.error("cannot reach the shared crawl's Redis at %s: %s", url, exc)
            raise
        scheduler.crawler = crawler
        scheduler.persist = crawler.settings.getbool("SCHEDULER_PERSIST")
        scheduler.worker_ttl = crawler.settings.getfloat("REDIS_WORKER_TTL", 30.0)
        crawler.signals.connect(scheduler.spider_idle, signal=signals.spider_idle)
        return scheduler

    # -- lifecycle -------------------------------------------------------------------------

    def open(self, spider: Any) -> None:
        self.local: deque[Request] = deque()
        self.busy = False
        self._wake_call: Any = None
        prefix = (self.queue_key % {"spider": spider.name}).rsplit(":", 1)[0]
        self.workers_key = f"{prefix}:workers"
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        super().open(spider)
        if self.flush_on_start:
            self.server.delete(self.workers_key)
        self._beat()
        others = self._other_states()
        if not others and not len(self.queue) and not self.persist:
            # Nothing queued and nobody at work: whatever crawl these keys held is over
            # (its last worker died or was stopped with nothing left queued), and its
            # filter would only make this one skip every page.
            self.df.clear()
        logger.info("shared crawl %s on %s: worker %s, %d other(s) running, %d queued",
                    prefix, _redacted(self.crawler.settings.get("REDIS_URL")), self.worker,
                    len(others), len(self.queue))  # fmt: skip
        self._heartbeat = task.LoopingCall(self._beat)
        self._heartbeat.start(max(self.worker_ttl / 6, 0.5), now=False)

    def close(self, reason: str) -> None:
        if getattr(self, "_heartbeat", None) is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self._wake_call is not None and self._wake_call.active():
            self._wake_call.cancel()
        self.server.delete(self._worker_key(self.worker))
        self.server.srem(self.workers_key, self.worker)
        others = self._other_states()
        queued = len(self.queue)
        if reason == "finished" and not others and not queued and not self.persist:
            self.flush()
            self.server.delete(self.workers_key)
            logger.info("shared crawl finished: last worker out, its Redis keys are cleared")
        else:
            logger.info("shared crawl left in Redis: %d queued, %d other worker(s) running",
                        queued, len(others))  # fmt: skip

    # -- requests --------------------------------------------------------------------------

    def enqueue_request(self, request: Request) -> bool:
        if _continues(request) or not self._is_page(request):
            # The same page as a request this process took, or a sitemap this process asked
            # for (each worker reads its own start sitemaps): kept here, so that its outcome
            # is counted where it was asked for; still filtered (a redirect into a page
            # fetched anywhere is a duplicate).
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.local.append(request)
            return True
        pushed = super().enqueue_request(request)
        if self._is_page(request):
            # Either way this process does not answer for the page: pushed, it is counted
            # by whichever process takes it; dropped, another process asked for it first,
            # and it is skipped as a page this process had asked for already would be
            # (the spider's request_dropped handler adds back the duplicate taken here).
            self.stats.inc_value(REQUESTED, -1)
            if pushed:
                self.stats.inc_value("careerscrape/shared/pushed")
            else:
                self.stats.inc_value(DUPLICATES, -1)
                self.stats.inc_value("careerscrape/shared/asked_elsewhere")
        return pushed

    def next_request(self) -> Request | None:
        if self.local:
            return self.local.popleft()
        request = super().next_request()
        if request is None:
            return None
        if not self.busy:
            self._set_state(busy=True)
        if self._is_page(request):
            self.stats.inc_value(REQUESTED)
            self.stats.inc_value("careerscrape/shared/taken")
        return request

    def has_pending_requests(self) -> bool:
        return bool(self.local) or len(self.queue) > 0

    def __len__(self) -> int:
        return len(self.local) + len(self.queue)

    def _is_page(self, request: Request) -> bool:
        """The spider's rule (``_request_dropped``): a page request is one parse_page answers."""
        return request.callback == getattr(self.spider, "parse_page", None)

    # -- workers ---------------------------------------------------------------------------

    def spider_idle(self, spider: Any = None) -> None:
        """Nothing to do here: wait while another worker may still add requests."""
        if self.busy:
            self._set_state(busy=False)
        if len(self.queue) or b"busy" in self._other_states():
            # Look again soon, not at the engine's next 5 s heartbeat.
            if self._wake_call is None or not self._wake_call.active():
                from twisted.internet import reactor  # the one Scrapy installed

                self._wake_call = reactor.callLater(IDLE_POLL, self._wake_engine)
            raise DontCloseSpider

    def _wake_engine(self) -> None:
        slot = getattr(self.crawler.engine, "_slot", None)
        if slot is not None and getattr(slot, "nextcall", None) is not None:
            slot.nextcall.schedule()

    def _worker_key(self, worker: str) -> str:
        return f"{self.workers_key}:{worker}"

    def _set_state(self, busy: bool) -> None:
        self.busy = busy
        self._beat()

    def _beat(self) -> None:
        ttl = max(int(self.worker_ttl * 1000), 1000)
        pipe = self.server.pipeline()
        pipe.set(self._worker_key(self.worker), "busy" if self.busy else "idle", px=ttl)
        pipe.sadd(self.workers_key, self.worker)
        pipe.execute()

    def _other_states(self) -> list[bytes]:
        """States (``b"busy"``/``b"idle"``) of the other live workers; forgets dead ones."""
        names = [_text(name) for name in self.server.smembers(self.workers_key)]
        names = [name for name in names if name != self.worker]
        if not names:
            return []
        states = self.server.mget([self._worker_key(name) for name in names])
        dead = [name for name, state in zip(names, states, strict=True) if state is None]
        if dead:
            self.server.srem(self.workers_key, *dead)
        return [_bytes(state) for state in states if state is not None]


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def _bytes(value: bytes | str) -> bytes:
    return value.encode() if isinstance(value, str) else value


def _redacted(url: str | None) -> str:
    """The Redis URL without its password, for the log."""
    if not url or "@" not in url:
        return str(url)
    scheme, rest = url.split("://", 1) if "://" in url else ("", url)
    return f"{scheme}://***@{rest.rsplit('@', 1)[1]}"


# -- the queue's serializer (SCHEDULER_SERIALIZER = this module) ----------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, bytes):
        return {"$b": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        if all(isinstance(key, str) for key in value) and "$b" not in value and "$d" not in value:
            return {key: _encode(item) for key, item in value.items()}
        return {"$d": [[_encode(key), _encode(item)] for key, item in value.items()]}
    if isinstance(value, list | tuple):
        return [_encode(item) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} in the shared queue: {value!r}")


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"$b"}:
            return base64.b64decode(value["$b"])
        if set(value) == {"$d"}:
            return {_decode(key): _decode(item) for key, item in value["$d"]}
        return {key: _decode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_decode(item) for item in value]
    return value


def dumps(request: dict[str, Any]) -> bytes:
    """A request (``Request.to_dict()``) as JSON; bytes and non-str keys tagged."""
    return json.dumps(_encode(request), separators=(",", ":")).encode("utf-8")


def loads(data: bytes | str) -> dict[str, Any]:
    """The inverse of :func:`dumps`."""
    return _decode(json.loads(data))
