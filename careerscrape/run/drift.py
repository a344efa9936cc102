"""The drift alarm: a field whose fill rate fell sharply since the previous run.

The fill floors (``HEALTH_FILL_FLOORS``, exit 6) catch a field that is missing from too
many records; the drift alarm catches one that is *suddenly* missing from many more
records than last time, whatever its floor, the usual sign that the site's markup
changed under a parser. It compares this run's ``fill_rates`` with those of the
previous run's run.json, read when the crawl opens (before this run replaces it):

- the baseline is ``run.json`` in the previous folder (``-a previous=DIR`` or
  ``PREVIOUS_DIR``) when there is one, else the ``OUTPUT_DIR/run.json`` this run is
  about to replace, if any;
- a baseline counts only if that run finished (``finish_reason`` "finished"), so a
  stopped part of a job is never one;
- a field is compared when its previous rate was meaningful: at least
  ``DRIFT_MIN_PREVIOUS_RATE`` (default 0.5), with at least ``DRIFT_MIN_RECORDS``
  (default 10) records of its type in both runs;
- it is reported when the rate fell by more than ``DRIFT_MAX_DROP`` (default 0.3, an
  absolute share: 0.95 -> 0.60 is a drop of 0.35). ``-s DRIFT_MAX_DROP=1`` turns the
  alarm off.

The comparison goes into run.json as ``drift`` (``baseline``, ``max_drop``,
``compared`` and ``dropped``: ``{"kind", "field", "previous", "current", "drop"}``
each), and every dropped field is a reason of the health verdict, exit status 7
(:data:`careerscrape.health.EXIT_FIELD_DRIFT`). The alarm compares with the run just
before: it sounds on the run where a rate falls; the fill floors keep failing runs
while a field they cover stays low. No Scrapy here.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

from careerscrape.models import utc_timestamp

__all__ = ["compare", "read_baseline"]

logger = logging.getLogger(__name__)


def read_baseline(folder: str | Path | None) -> dict[str, Any] | None:
    """``{"path", "started_at", "records", "fill_rates"}`` of ``folder/run.json``, or None
    when there is none, it cannot be read, or that run did not finish."""
    if folder is None:
        return None
    path = Path(folder) / "run.json"
    if not path.is_file():
        return None
    try:
        summary = json.loads(path.read_text(encoding="utf-8"))
        records, rates = summary["records"], summary["fill_rates"]
        if not isinstance(records, dict) or not isinstance(rates, dict):
            raise TypeError("records and fill_rates are not objects")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("%s cannot be read (%s): no drift check this run", path, exc)
        return None
    if summary.get("finish_reason") != "finished":
        logger.info("%s is of a run that did not finish (%s): no drift check this run",
                    path, summary.get("finish_reason"))  # fmt: skip
        return None
    return {
        "path": str(path),
        "started_at": _timestamp(summary.get("started_at")),
        "records": records,
        "fill_rates": rates,
    }


def _timestamp(value: Any) -> str | None:
    """An older run.json's time (``+00:00``) in today's one form, so that run.json has one."""
    try:
        return utc_timestamp(datetime.fromisoformat(value))
    except (TypeError, ValueError):
        return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def compare(baseline: dict[str, Any] | None, summary: dict[str, Any], settings: Any) -> dict:
    """run.json's ``drift`` entry: this run's fill rates against the baseline's."""
    max_drop = settings.getfloat("DRIFT_MAX_DROP")
    drift: dict[str, Any] = {
        "baseline": None,
        "max_drop": max_drop,
        "compared": 0,
        "dropped": [],
    }
    if baseline is None:
        return drift
    drift["baseline"] = {"path": baseline["path"], "started_at": baseline["started_at"]}
    min_rate = settings.getfloat("DRIFT_MIN_PREVIOUS_RATE")
    min_records = settings.getint("DRIFT_MIN_RECORDS")
    for kind, rates in baseline["fill_rates"].items():
        before_n = _number(baseline["records"].get(kind)) or 0
        now_n = summary["records"].get(kind, 0)
        if before_n < min_records or now_n < min_records or not isinstance(rates, dict):
            continue
        now_rates = summary["fill_rates"].get(kind, {})
        for field, before in rates.items():
            before = _number(before)
            if before is None or before < min_rate:
                continue
            now = now_rates.get(field, 0.0)
            drift["compared"] += 1
            drop = round(before - now, 4)
            if drop > max_drop:
                drift["dropped"].append(
                    {"kind": kind, "field": field, "previous": before, "current": now,
                     "drop": drop}
                )  # fmt: skip
    return drift
