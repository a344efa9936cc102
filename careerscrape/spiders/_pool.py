"""Parsing on every core: :func:`read_response` in worker processes, awaited by the spider.

The crawl's engine is one process on one core, and parsing is most of a page's cost.
``PARSE_PROCESSES`` worker processes (default: one per core but the engine's, at most
2; 0: parse in the crawl's process) run :func:`careerscrape.run.outcome.read_response`, the
same function the crawl calls in process, so every mode makes the same records,
rejects and links. A worker gets a page's body and a few strings; it sends back a
:class:`PageResult` (the record, not the parse tree).

How the pool fails and stops:

- a worker that dies (killed, out of memory, a crash in C code) breaks the pool: a new
  pool is started and the page tried once more in it; a page that breaks that one too
  is an ``internal`` reject. Pages never wait on a dead worker;
- workers ignore SIGINT and SIGTERM: Ctrl-C or a scheduler's SIGTERM reaches the whole
  process group, and the crawl's graceful stop still needs the workers to finish the
  pages in flight. The pool is shut down when the spider closes;
- a worker whose crawl process is gone (SIGKILL) exits at once rather than linger.

Workers are started (``spawn``, never a fork of a process running a reactor) when the
crawl starts, so they import while robots.txt and the sitemap download. ``scrapy parse``
and ``scrapy shell`` parse in process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from typing import Any

from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from careerscrape.items import Reject
from careerscrape.run.outcome import PageResult, read_response
from careerscrape.run.worker import start_worker

__all__ = ["ParsePool", "parse_processes"]

logger = logging.getLogger(__name__)


#: Workers started when PARSE_PROCESSES is unset, on a machine of many cores. One worker
#: parses a page in about the CPU time the crawl's own process spends on it (2.1-2.3 ms
#: against 2.5-2.7 ms, docs/benchmarks.md), so a second one is headroom and more would
#: wait on the crawl's process, each holding about 60 MiB; ``-s PARSE_PROCESSES=N`` sets more.
DEFAULT_MAX = 2


def parse_processes(settings: Any) -> int:
    """``PARSE_PROCESSES``: worker processes that parse (0: parse in the crawl's process).

    Unset (the default), one per core but the one the engine runs on, at most
    :data:`DEFAULT_MAX`.
    """
    value = settings.get("PARSE_PROCESSES")
    if value is None or value == "":
        return min(max((os.cpu_count() or 1) - 1, 0), DEFAULT_MAX)
    return settings.getint("PARSE_PROCESSES")


class ParsePool:
    """``processes`` workers that run :func:`read_response`; see the module."""

    def __init__(self, processes: int) -> None:
        self.processes = processes
        self._executor = self._start()
        logger.info("parsing in %d worker processes (PARSE_PROCESSES)", processes)

    def _start(self) -> ProcessPoolExecutor:
        executor = ProcessPoolExecutor(
            self.processes, mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
        )  # fmt: skip
        with _main_script_hidden():
            for _ in range(self.processes):  # start them now, not on the first page
                executor.submit(os.getpid)
        return executor

    async def read(self, body: bytes, **page: Any) -> PageResult:
        """:func:`read_response` of one page, in a worker; never raises."""
        for attempt in (1, 2):
            executor = self._executor
            try:
                return await maybe_deferred_to_future(
                    _deferred(executor.submit(read_response, body, **page))
                )
            except BrokenProcessPool as exc:
                if executor is self._executor:  # the first page to hear of it replaces it
                    logger.error("a parse worker died (%s); starting the pool again", exc)
                    executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = self._start()
                if attempt == 2:
                    detail = f"the parse worker died while reading this page twice ({exc})"
                    return PageResult(Reject(page["asked"], "internal", detail,
                                             status=page["status"]))  # fmt: skip
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Stop the workers (the pages in flight are done: the spider has closed)."""
        self._executor.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _main_script_hidden() -> Iterator[None]:
    """Workers started here do not run the crawl's ``__main__`` script.

    ``spawn`` runs the parent's main script in each worker (as ``__mp_main__``) so that
    functions defined there can be unpickled. Under ``scrapy crawl`` that script is
    Scrapy's launcher, which imports all of Scrapy: 30 MiB more in every worker, for
    nothing, since workers run only :func:`read_response`. ``python -m scrapy`` is
    skipped by multiprocessing itself (a ``__main__`` module).
    """
    main = sys.modules["__main__"]
    script = main.__dict__.pop("__file__", None)
    try:
        yield
    finally:
        if script is not None:
            main.__file__ = script


def _deferred(future: Future[PageResult]) -> Deferred[PageResult]:
    """A Deferred that fires in the reactor's thread when ``future`` is done."""
    from twisted.internet import reactor  # the installed one (importing it early installs one)

    deferred: Deferred[PageResult] = Deferred()

    def done(future: Future[PageResult]) -> None:
        exc = future.exception()
        if exc is not None:
            reactor.callFromThread(deferred.errback, exc)
        else:
            reactor.callFromThread(deferred.callback, future.result())

    future.add_done_callback(done)
    return deferred
