"""Item pipelines, one concern each, in the order settings.ITEM_PIPELINES runs them:
validate -> rejects -> dedupe -> field stats -> catalog. Each counts what it does
in the crawl stats under ``careerscrape/``, which run.json then reports."""
