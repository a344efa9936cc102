"""The crawl's web archive: every page fetched, kept as WARC, and datasets rebuilt from it.

- :mod:`.writer` appends captures (request and response records, or a ``revisit``
  record for a page a refresh run carried over) to a WARC file, one gzip member each;
- :mod:`.reader` reads archives back, torn last member and all, and indexes them:
  the newest capture of each page, revisits resolved to the capture they point at,
  across several archives;
- :mod:`.reparse` runs today's parser over an index and writes what a crawl writes.

The format is done by warcio (Webrecorder's library, which pywb and ReplayWeb.page
read). No Scrapy here: the crawl's side is careerscrape.downloadermiddlewares.archive.
"""
