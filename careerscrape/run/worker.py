"""What a parse worker process sets up before its first page (careerscrape.spiders._pool).

Plain code with no Scrapy import: a worker imports this module, the parsers and
:func:`careerscrape.run.outcome.read_response`, nothing of the crawl.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import signal
import threading
from multiprocessing.process import BaseProcess

__all__ = ["start_worker"]


def start_worker() -> None:
    """Load the parsers, leave SIGINT/SIGTERM to the crawl, and end with it.

    The parsers are imported now, while the crawl fetches robots.txt and its first pages,
    not when the first page arrives. Ctrl-C or a scheduler's SIGTERM reaches the whole
    process group; the crawl's graceful stop still needs its workers to finish the pages
    in flight, and shuts them down.
    """
    importlib.import_module("careerscrape.run.outcome")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: BaseProcess) -> None:
    """Exit as soon as the crawl's process is gone (its sentinel is then ready): a crawl
    killed with SIGKILL leaves no worker behind."""
    parent.join()
    os._exit(1)
