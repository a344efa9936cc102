"""The role catalog as a library: the merge of records into one entry per role
(:mod:`~careerscrape.catalog.merge`), and what changed between two catalogs
(:mod:`~careerscrape.catalog.diff`). No Scrapy and no argparse here: the crawl's
catalog pipeline, the ``careerscrape catalog``/``diff`` commands and any script
share them."""
