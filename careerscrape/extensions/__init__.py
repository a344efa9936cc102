"""Scrapy extensions of careerscrape: the run's summary, verdict and publication, its
monitors, and the progress line. Each connects signals and settings to plain code."""
