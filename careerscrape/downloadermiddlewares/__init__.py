"""Downloader middlewares of careerscrape, one per module, as Scrapy keeps its own."""
