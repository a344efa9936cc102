"""Refresh runs: every crawl job reuses what the last published run learned.

The plain code of a refresh lives here: the previous run folder
(:mod:`~careerscrape.refresh.previous`) and run.json's ``refresh`` entry
(:mod:`~careerscrape.refresh.report`). The spider's side is
careerscrape.spiders._refresh, the conditional requests
careerscrape.downloadermiddlewares.conditional.

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
needs, see below) and ``changes.json``: the :mod:`careerscrape.catalog.diff` report between the
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
