"""A run of the crawl as plain code: its folder and publication, the lock on its output
folder, the checks made before it starts, its summary, health verdict and drift alarm.
No Scrapy here; the extensions in careerscrape.extensions call it."""
