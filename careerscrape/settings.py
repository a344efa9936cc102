"""Scrapy settings for careerscrape: polite defaults for the live site.

Every value can be overridden per run with ``scrapy crawl careers -s NAME=VALUE``.
"""

from careerscrape import __version__

BOT_NAME = "careerscrape"
SPIDER_MODULES = ["careerscrape.spiders"]
NEWSPIDER_MODULE = "careerscrape.spiders"
COMMANDS_MODULE = "careerscrape.commands"

# --- where the data goes ---------------------------------------------------------------
#: The output folder: one folder per run under runs/, and ``latest``, a link to the run
#: published last (careerscrape/outputs.py). One crawl at a time holds it (.lock).
OUTPUT_DIR = "output"
#: Run folders kept in OUTPUT_DIR/runs: the published one, this run's, then the newest
#: others; older ones are removed when a run ends.
KEEP_RUNS = 10
#: The site a crawl reads: the live site, or a mirror of it (``-a site=URL`` for one run).
SITE_URL = "https://www.zippia.com"
#: The site records are attributed to. A crawl of a mirror (``-a site=http://127.0.0.1:8000``)
#: still writes the canonical URLs, so that a mirror and the site give the same records.
CANONICAL_SITE = "https://www.zippia.com"
#: Set by ``scrapy crawl`` (careerscrape/commands/crawl.py), the one command that writes
#: outputs: ``scrapy shell``, ``parse``, ``check`` and ``fetch`` leave OUTPUT_DIR alone.
RUN_OUTPUTS = False
#: Set at start by careerscrape (careerscrape/addons.py), not by users: this run's folder,
#: OUTPUT_DIR/runs/<start time>. The record feeds, catalog, rejects and run.json go there.
RUN_DIR = None

#: Formats a healthy run is exported to before it is published (careerscrape.export):
#: "parquet", "csv" and/or "duckdb", written to RUN_DIR/export/ (parquet/, csv/,
#: careerscrape.duckdb), so OUTPUT_DIR/latest/export holds the published run's tables.
#: [] : none (``careerscrape export`` does it by hand).
EXPORT_FORMATS = []

# The record feeds (roles.jsonl, comparisons.jsonl in RUN_DIR) are added to FEEDS at start
# (careerscrape/addons.py), beside any feed given with -o/-O or FEEDS. Records are Pydantic
# models: export model_dump(mode="json") (RFC 3339 datetimes), and write each feed to a
# temporary file renamed into place when the crawl closes.
# Only these formats: any other feed (xml, marshal, pickle) is refused at start, pointing to
# ``careerscrape export`` (careerscrape/run/preflight.py). CSV is flat (careerscrape/exporters.py).
FEED_EXPORTERS = {
    "jsonlines": "careerscrape.exporters.RecordJsonLinesExporter",
    "jsonl": "careerscrape.exporters.RecordJsonLinesExporter",
    "jl": "careerscrape.exporters.RecordJsonLinesExporter",
    "json": "careerscrape.exporters.RecordJsonExporter",
    "csv": "careerscrape.exporters.RecordCsvExporter",
}
FEED_STORAGES = {"": "careerscrape.exporters.AtomicFileFeedStorage",
                 "file": "careerscrape.exporters.AtomicFileFeedStorage"}  # fmt: skip

ITEM_PIPELINES = {
    "careerscrape.pipelines.validate.ValidatePipeline": 100,
    "careerscrape.pipelines.rejects.RejectsPipeline": 200,
    "careerscrape.pipelines.dedupe.DeduplicatePipeline": 300,
    "careerscrape.pipelines.fields.FieldStatsPipeline": 400,
    "careerscrape.pipelines.catalog.CatalogPipeline": 500,
}
EXTENSIONS = {
    # run.json, the health verdict (the exit status) and publication of the run folder.
    "careerscrape.extensions.run_summary.RunSummary": 500,
    "careerscrape.extensions.progress.Progress": 510,
    # Last to open: the start-up heap is whole by then (GC_FREEZE_AT_START).
    "careerscrape.extensions.startup_heap.FreezeStartupHeap": 990,
    # The health checks as Spidermon monitors, after RunSummary has judged the run: a failed
    # check runs the HEALTH_ALERTS actions (careerscrape/extensions/monitors.py).
    "spidermon.contrib.scrapy.extensions.Spidermon": 600,
    # Only with -s JOBDIR=...: journals every outcome and replays it when the job resumes.
    # After Scrapy's FeedExporter (0), so that the feeds are open when it replays.
    "careerscrape.extensions.journal.JobJournal": 900,
}
DOWNLOADER_MIDDLEWARES = {
    # Scrapy 2.19's RobotsTxtMiddleware hands the parser to the first of the requests
    # waiting for a host's robots.txt and lets the others through unchecked.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "careerscrape.downloadermiddlewares.robotstxt.EveryWaiterRobotsTxtMiddleware": 100,
    # Before RedirectMiddleware (600) sees a redirect: one off the crawled site (another
    # host or port, or not http(s)) is a reject, never followed.
    "careerscrape.downloadermiddlewares.redirect.SameSiteRedirectMiddleware": 610,
    # Replaces Scrapy's RetryMiddleware: the same retries, with exponential backoff.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "careerscrape.downloadermiddlewares.retry.BackoffRetryMiddleware": 550,
    # Refresh runs only (-a previous=DIR): If-None-Match / If-Modified-Since for known pages.
    "careerscrape.downloadermiddlewares.conditional.ConditionalRequestsMiddleware": 580,
    # Closest to the network: answers from / records to a vcrpy cassette when asked.
    "careerscrape.downloadermiddlewares.cassette.CassetteMiddleware": 950,
    # Closer still: keeps every response as received in the run's web archive, or answers
    # from one (-a archive=PATH).
    "careerscrape.downloadermiddlewares.archive.ArchiveMiddleware": 960,
}

#: Keep every response the crawl job fetches, as it comes, in the run folder's web archive
#: (RUN_DIR/pages.warc.gz, careerscrape/archive/): ``careerscrape reparse`` rebuilds the
#: dataset from it after a parser fix, without the site. A page a refresh run carries over
#: is a revisit record pointing at its earlier capture. Costs ~0.4 ms a page (docs/archive.md).
ARCHIVE_ENABLED = True
#: Answer every request from these web archives (comma-separated WARC files), never the
#: network (``-a archive=PATH`` for one run): the newest capture of each URL answers.
ARCHIVE_REPLAY = None

#: Answer every request from this vcrpy cassette, never the network (``-a replay=PATH``),
#: or save every live response into one (``-a record=PATH``): careerscrape/cassette.py.
CASSETTE_REPLAY = None
CASSETTE_RECORD = None
#: A cassette is held in memory until the crawl ends, and saved as one YAML file: recording
#: stops the crawl (reason cassette_too_large) past this many bytes of bodies. Keeping every
#: page of a crawl is what the web archive is for (ARCHIVE_ENABLED). 0: no limit, as
#: Scrapy's DOWNLOAD_MAXSIZE.
CASSETTE_RECORD_MAX_BYTES = 16 * 1024 * 1024

# --- politeness ------------------------------------------------------------------------
ROBOTSTXT_OBEY = True
USER_AGENT = f"careerscrape/{__version__} (+https://github.com/careerscrape/careerscrape)"
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
#: Career pages are ~0.1-0.5 MB; anything over 4 MB is not one.
DOWNLOAD_MAXSIZE = 4 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
#: A sitemap may be as large as the protocol allows (50,000 URLs, 50 MB uncompressed):
#: its download, and what a gzipped one decompresses to (a bomb stops there).
SITEMAP_MAXSIZE = 50 * 1024 * 1024

#: What one callback returns is processed this many at a time, and Scrapy starts that many
#: asyncio tasks for every response, whatever it returns. A page gives one record (and its
#: links), and the pipelines do not wait on I/O: one is enough. Scrapy's 100 cost the
#: crawl 6-12% of its speed (benchmarks/crawl_bench.py).
CONCURRENT_ITEMS = 1

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
#: First retry waits this long, each next one twice as long, never more than the max.
RETRY_BACKOFF_BASE = 2.0
RETRY_BACKOFF_MAX = 120.0

#: Start pages (roles=, urls=, url_file= and the pages sitemaps list) join the scheduler's
#: queue as it drains, so that no more than this many requests wait in it when one is added:
#: memory stays flat however many pages there are (careerscrape/spiders/feed.py). None:
#: 4 x CONCURRENT_REQUESTS; 0: all at once. Not with REDIS_URL: the shared queue is in Redis.
START_QUEUE_LIMIT = None

DUPEFILTER_CLASS = "careerscrape.dupefilters.LoopAwareDupeFilter"
#: ``-s REDIS_URL=redis://host:port``: this process joins a crawl shared through Redis
#: (scheduler and duplicate filter; careerscrape/distributed/). Unset: a crawl of its own.
REDIS_URL = None
#: Names the shared crawl (Redis keys careerscrape:<name>:...), so several share one Redis.
REDIS_CRAWL = "careers"
#: Seconds a silent worker still counts as alive (its heartbeat is a sixth of this). A
#: worker silent longer is dead: the pages it took and had not finished are done again.
REDIS_WORKER_TTL = 30.0
#: Seconds after a shared crawl starts during which no worker concludes it is over, so
#: that workers started together all join it (start them within this of each other).
REDIS_START_WINDOW = 10.0
#: Seconds Redis may fail every call before the worker stops with its outputs written,
#: finish reason redis_lost (exit 11). A Redis that lost the crawl's keys is lost at once.
REDIS_LOST_TIMEOUT = 30.0
ADDONS = {
    "careerscrape.distributed.RedisCrawl": 0,
    # The crawl job's run folder, lock, record feeds and the run it refreshes.
    "careerscrape.addons.RunFolder": 0,
}
#: Career pages redirect once or twice at most; more is a loop.
REDIRECT_MAX_TIMES = 5

#: Every status reaches the spider, which turns an error page into a reject named after
#: its status and recognises a robot check by its content whatever its status.
HTTPERROR_ALLOW_ALL = True
#: After a robot check, the site's requests are spaced at least this far apart (seconds).
BLOCKED_DELAY_MIN = 10.0
BLOCKED_DELAY_MAX = 300.0

# For development: ``-s HTTPCACHE_ENABLED=1`` keeps every response under .scrapy/httpcache.
HTTPCACHE_ENABLED = False
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 24 * 3600

# --- safety ----------------------------------------------------------------------------
# No listening sockets: the telnet console and the remote-control server both run
# code sent to them.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- health verdict (exit status of scrapy crawl careers; see careerscrape/run/health.py) --
# Only a healthy run is published (OUTPUT_DIR/latest).
HEALTH_MIN_RECORDS = 1
#: Share of requested pages that may end as rejects, not counting the reasons below.
HEALTH_MAX_REJECT_SHARE = 0.25
#: Pages the site no longer has are not the crawl's fault.
HEALTH_IGNORED_REJECTS = ["http_404", "http_410"]
HEALTH_MAX_BLOCKED_SHARE = 0.05
#: Fields users rely on: the least share of records that must hold them.
HEALTH_FILL_FLOORS = {
    "comparison": {"roles.yearly_salary": 0.8},
    "role": {"responsibilities": 0.8, "skills": 0.5},
}
#: ...judged only for record types with at least this many records in the run: one page
#: tells nothing about a field's fill rate.
HEALTH_FLOOR_MIN_RECORDS = 10
#: Spidermon actions run when a health check fails (careerscrape/extensions/monitors.py),
#: e.g. -s HEALTH_ALERTS=spidermon.contrib.actions.email.smtp.SendSmtpEmail (comma-separated),
#: each configured by Spidermon's own settings (SPIDERMON_SMTP_HOST, SPIDERMON_EMAIL_TO...).
HEALTH_ALERTS = []
# What the e-mail alert says (Spidermon's e-mail settings; Jinja templates).
SPIDERMON_EMAIL_SUBJECT = "careerscrape: run not healthy, not published"
SPIDERMON_BODY_TEXT = (
    "The careerscrape run {{ data.stats['careerscrape/run_dir'] }} is not healthy "
    "(exit {{ data.stats['careerscrape/health/exit_code'] }}) and was not published:\n"
    "{% for reason in data.stats['careerscrape/health/reasons'] %}- {{ reason }}\n{% endfor %}"
)
# Spidermon is on for the crawl job only (careerscrape/addons.py); -s SPIDERMON_ENABLED=0
# turns the monitors off.
SPIDERMON_SPIDER_CLOSE_MONITORS = ["careerscrape.extensions.monitors.HealthMonitorSuite"]
#: The drift alarm (exit 7, careerscrape/drift.py): a field whose fill rate fell by more
#: than this share since the previous run's run.json (1 turns the alarm off)...
DRIFT_MAX_DROP = 0.3
#: ...among the fields at least this often filled in the previous run...
DRIFT_MIN_PREVIOUS_RATE = 0.5
#: ...of record types with at least this many records in both runs.
DRIFT_MIN_RECORDS = 10

# --- refresh runs (careerscrape/refresh/) ------------------------------------------------
#: Every crawl refreshes the run published last (OUTPUT_DIR/latest): conditional requests,
#: unchanged pages keep their previous record, changes.json says what changed. False: a
#: full crawl unless PREVIOUS_DIR (or -a previous=DIR) names a run folder.
REFRESH_FROM_PUBLISHED = True
#: A run folder to refresh instead of the published one (``-a previous=DIR`` for one run).
PREVIOUS_DIR = None

#: Move what start-up allocated out of the garbage collector's way when the spider opens
#: (careerscrape/extensions/startup_heap.py): gen-2 collections stop walking it.
GC_FREEZE_AT_START = True
#: Worker processes that parse pages (careerscrape/spiders/_pool.py); 0 parses in the crawl's
#: own process. Unset: one per core but one, which the engine keeps (0 on one core), at most 2.
PARSE_PROCESSES = None

LOG_LEVEL = "INFO"
#: One progress line a minute (careerscrape.extensions.progress) replaces Scrapy's LogStats line.
PROGRESS_INTERVAL = 60.0
LOGSTATS_INTERVAL = 0
FEED_EXPORT_ENCODING = "utf-8"
