"""Every ``careerscrape/...`` key of Scrapy's crawl stats, named once.

The spider, the pipelines and the extensions count what happens under these keys;
careerscrape.run.summary turns them into run.json, and monitors and alerts read
them. Keys that take a part (a record type, a reject reason) are functions.
"""

from __future__ import annotations

PREFIX = "careerscrape/"

# -- pages: every one asked for ends as a record, a reject or a duplicate --------------------
PAGES_REQUESTED = "careerscrape/pages/requested"
#: The first pages asked for that ended nowhere (a list, set when the crawl closes).
PAGES_LOST = "careerscrape/pages/lost"
#: Pages asked for with If-None-Match / If-Modified-Since (refresh runs).
PAGES_CONDITIONAL = "careerscrape/pages/conditional"
DUPLICATES = "careerscrape/duplicates"
RECORDS = "careerscrape/records/"
REJECTS = "careerscrape/rejects"
FIELDS = "careerscrape/fields/"
SLOTS = "careerscrape/slots/"


def records(kind: str) -> str:
    """Records of a type (``role``, ``comparison``)."""
    return f"{RECORDS}{kind}"


def rejects(reason: str) -> str:
    """Rejects for one reason (``http_404``, ``parse``...)."""
    return f"{REJECTS}/{reason}"


def fields(kind: str, name: str) -> str:
    """How many places hold a value of a field (comparison fields count per side)."""
    return f"{FIELDS}{kind}/{name}"


def slots(kind: str) -> str:
    """How many places each field has in the records of a type (2 a comparison)."""
    return f"{SLOTS}{kind}"


def carried(how: str) -> str:
    """Pages carried over from the previous run unparsed: ``not_modified``, ``same_content``."""
    return f"{PREFIX}pages/{how}"


# -- sitemaps, links, robot checks, redirects -------------------------------------------------
SITEMAPS_REQUESTED = "careerscrape/sitemaps/requested"
SITEMAPS_READ = "careerscrape/sitemaps/read"
SITEMAPS_FAILED_URLS = "careerscrape/sitemaps/failed_urls"
LINKS_FOLLOWED = "careerscrape/links/followed"
LINKS_OFFSITE = "careerscrape/links/offsite"
BLOCKED = "careerscrape/blocked"
BLOCKED_SLOWDOWNS = "careerscrape/blocked/slowdowns"
REDIRECTS_OFFSITE = "careerscrape/redirects/offsite"

# -- the web archive (careerscrape.downloadermiddlewares.archive) ------------------------------
ARCHIVE = "careerscrape/archive/"
#: Captures written in full, and as revisits of an earlier capture (pages carried over).
ARCHIVE_RESPONSES = "careerscrape/archive/responses"
ARCHIVE_REVISITS = "careerscrape/archive/revisits"
#: The archive's size in bytes when the crawl closed.
ARCHIVE_BYTES = "careerscrape/archive/bytes"
#: -a archive=PATH: requests answered from the archive, and those it has no capture of.
ARCHIVE_REPLAYED = "careerscrape/archive/replayed"
ARCHIVE_MISSED = "careerscrape/archive/missed"

# -- the run ----------------------------------------------------------------------------------
CATALOG_ROLES = "careerscrape/catalog/roles"
JOB_PART = "careerscrape/job/part"
JOB_STARTED_AT = "careerscrape/job/started_at"
HEALTH_EXIT_CODE = "careerscrape/health/exit_code"
HEALTH_REASONS = "careerscrape/health/reasons"
RUN_DIR = "careerscrape/run_dir"

# -- refresh runs -------------------------------------------------------------------------------
REFRESH = "careerscrape/refresh/"
REFRESH_PREVIOUS = "careerscrape/refresh/previous"
REFRESH_PREVIOUS_RECORDS = "careerscrape/refresh/previous_records"
REFRESH_PREVIOUS_ERROR = "careerscrape/refresh/previous_error"


def refresh_outcome(outcome: str) -> str:
    """Records of this run by their page: ``unchanged``, ``changed``, ``new``."""
    return f"{REFRESH}{outcome}"


# -- a crawl shared through Redis ------------------------------------------------------------
SHARED = "careerscrape/shared/"


def shared(event: str) -> str:
    """A worker's part of a shared crawl: ``taken``, ``pushed``, ``given_back``..."""
    return f"{SHARED}{event}"
