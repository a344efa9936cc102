"""Project commands for ``scrapy``: this package's ``crawl`` replaces Scrapy's own."""
