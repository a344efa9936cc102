"""What a crawl writes and where: every output file name, and the output folder's layout.

One place for these names, so that the crawl, the refresh of the next run and
the tools that read a run (catalog, diff) never spell a file their own way.

``OUTPUT_DIR`` holds one folder per run and a link to the published one::

    OUTPUT_DIR/
      latest -> runs/20261207T030000.123456Z    the published dataset (readers start here)
      runs/20261207T030000.123456Z/             one folder per crawl, named by its start time
      .lock                                     held by the crawl that is running
"""

from __future__ import annotations

#: The record feeds: one line per page record.
ROLES = "roles.jsonl"
COMPARISONS = "comparisons.jsonl"
RECORD_FILES = (ROLES, COMPARISONS)
#: One line per role, merged from every record of the run.
CATALOG = "catalog.jsonl"
#: Every URL that did not become a record, with its reason.
REJECTS = "rejects.jsonl"
#: The run summary and its verdict.
RUN_SUMMARY = "run.json"
#: What changed since the run this one refreshed (careerscrape.catalog.diff report and pages).
CHANGES = "changes.json"
#: What the next refresh asks the site with (ETag, Last-Modified, body hash, links).
VALIDATORS = "validators.jsonl"

#: The web archive of the pages the run fetched (WARC, gzip per record: careerscrape.archive).
ARCHIVE = "pages.warc.gz"
#: Beside an archive, its index (careerscrape.archive.index): ``pages.warc.gz.index.jsonl``.
ARCHIVE_INDEX_SUFFIX = ".index.jsonl"
#: The older run folders whose archives this run's revisit records point into, one a line:
#: pruning keeps them while this run is kept.
ARCHIVE_REFS = "archive-refs.txt"

#: Below OUTPUT_DIR: the run folders, the link to the published run, the lock.
RUNS = "runs"
LATEST = "latest"
LOCK = ".lock"

#: In a run folder, the tables of ``EXPORT_FORMATS`` (careerscrape.export): export/parquet/,
#: export/csv/ (one file per table), export/careerscrape.duckdb.
EXPORT = "export"
EXPORT_TARGETS = {"parquet": "parquet", "csv": "csv", "duckdb": "careerscrape.duckdb"}
