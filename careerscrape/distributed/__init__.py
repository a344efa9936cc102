"""One crawl shared by any number of ``scrapy crawl careers`` processes, through Redis.

    scrapy crawl careers -a sitemap=... -s REDIS_URL=redis://queue-host:6379 -s OUTPUT_DIR=out/a
    scrapy crawl careers -a sitemap=... -s REDIS_URL=redis://queue-host:6379 -s OUTPUT_DIR=out/b
    careerscrape catalog out/*/latest/roles.jsonl out/*/latest/comparisons.jsonl -o catalog.jsonl

``REDIS_URL`` is the one switch: the :class:`RedisCrawl` add-on (enabled in
settings.py, idle without it) then swaps Scrapy's scheduler and duplicate filter
for the shared ones. Each page is fetched by one worker (again by another only if
that one died before saying it was done), and no page is lost: one a worker took
and did not finish goes back to the queue.

- :mod:`.crawl`: the crawl's state in Redis (queue, filter, workers, the pages each
  worker took, the crawl's marker), each change one atomic script. No Scrapy.
- :mod:`.scheduler`: the add-on, :class:`SharedScheduler` and
  :class:`LoopAwareRedisDupeFilter`: accounting, acknowledgements, Redis lost.
- :mod:`.serializer`: requests stored as JSON, never pickled
  (``SCHEDULER_SERIALIZER`` is this package).

Settings (all optional except ``REDIS_URL``, checked at start by
careerscrape.run.preflight): ``REDIS_CRAWL`` names the crawl (default ``careers``;
keys ``careerscrape:<crawl>:...``), ``REDIS_WORKER_TTL`` (30 s) is how long a silent
worker counts as alive, ``REDIS_START_WINDOW`` (10 s) how long after its start a
crawl cannot be over, ``REDIS_LOST_TIMEOUT`` (30 s) how long Redis may fail before
the worker stops (exit 11), ``SCHEDULER_PERSIST=1`` keeps a finished crawl's keys,
``SCHEDULER_FLUSH_ON_START=1`` throws away whatever the crawl's keys hold when a
worker starts.
"""

from careerscrape.distributed.scheduler import (
    LoopAwareRedisDupeFilter,
    RedisCrawl,
    SharedScheduler,
)
from careerscrape.distributed.serializer import dumps, loads

__all__ = ["LoopAwareRedisDupeFilter", "RedisCrawl", "SharedScheduler", "dumps", "loads"]
