"""The crawl job's run folder: where this run writes, and which run it refreshes.

:class:`RunFolder` is a Scrapy add-on, so it settles these before any component
is built. It does nothing unless ``RUN_OUTPUTS`` is on, which only ``scrapy
crawl`` turns on (careerscrape.commands.crawl): ``scrapy shell``, ``parse``,
``check`` and ``fetch`` open the spider too, and must not touch ``OUTPUT_DIR``.
For the crawl job it:

- takes the lock of ``OUTPUT_DIR`` (and of ``JOBDIR``), so that one crawl at a time
  writes there, and removes the temporary files of killed runs;
- creates the run's folder, ``OUTPUT_DIR/runs/<start time>`` (``RUN_DIR``); the parts
  of a ``JOBDIR`` job share one, kept in ``JOBDIR/careerscrape/run.json``;
- makes the last published run the one this run refreshes (``PREVIOUS_DIR``), unless
  one is named or ``REFRESH_FROM_PUBLISHED`` is off;
- adds the record feeds (roles.jsonl, comparisons.jsonl in ``RUN_DIR``) to ``FEEDS``,
  beside any feed the user asks for with ``-o``/``-O``/``FEEDS``; they are streamed,
  record by record, so a run that is killed keeps what it made;
- turns Spidermon on, for the health monitors (careerscrape.extensions.monitors).

Publication happens when the run ends (careerscrape.extensions.run_summary).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from careerscrape.outputs import COMPARISONS, ROLES
from careerscrape.run.folders import OutputFolder
from careerscrape.run.lock import FolderLock

__all__ = ["RunFolder", "job_state_path", "lock_folders"]

#: The feeds of the dataset: (file name, item class).
RECORD_FEEDS = (
    (ROLES, "careerscrape.models.RoleProfile"),
    (COMPARISONS, "careerscrape.models.RoleComparison"),
)


def job_state_path(jobdir: str) -> Path:
    """Where a JOBDIR job keeps its run folder and the run it refreshes."""
    return Path(jobdir) / "careerscrape" / "run.json"


def lock_folders(settings: Any) -> None:
    """Take the locks of ``OUTPUT_DIR`` and ``JOBDIR``; raises ``FolderLocked``."""
    FolderLock.acquire(settings.get("OUTPUT_DIR"), "OUTPUT_DIR")
    if settings.get("JOBDIR"):
        FolderLock.acquire(settings.get("JOBDIR"), "JOBDIR")


class RunFolder:
    """Scrapy add-on (``ADDONS``): the crawl job's run folder (see the module)."""

    def update_settings(self, settings: Any) -> None:
        if not settings.getbool("RUN_OUTPUTS"):
            return
        settings.set("SPIDERMON_ENABLED", True, priority="addon")  # the health monitors
        lock_folders(settings)
        output = OutputFolder(settings.get("OUTPUT_DIR"))
        output.check()
        output.remove_leftovers()
        job = _job_state(settings)
        run_dir = job.get("run_dir")
        if not run_dir or not Path(run_dir).is_dir():
            run_dir = str(output.new_run(datetime.now(UTC)))
        previous = settings.get("PREVIOUS_DIR") or job.get("previous")
        if not previous and settings.getbool("REFRESH_FROM_PUBLISHED"):
            published = output.published()
            previous = str(published) if published is not None else None
        _save_job_state(settings, {"run_dir": run_dir, "previous": previous})
        settings.set("RUN_DIR", run_dir, priority="cmdline")
        settings.set("PREVIOUS_DIR", previous, priority="cmdline")
        feeds = settings["FEEDS"]
        for name, item_class in RECORD_FEEDS:
            feeds.set(str(Path(run_dir) / name), {
                "format": "jsonlines", "encoding": "utf-8",
                "item_classes": [item_class], "overwrite": True, "stream": True,
            }, priority="addon")  # fmt: skip


def _job_state(settings: Any) -> dict[str, Any]:
    jobdir = settings.get("JOBDIR")
    if not jobdir:
        return {}
    path = job_state_path(jobdir)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_job_state(settings: Any, state: dict[str, Any]) -> None:
    jobdir = settings.get("JOBDIR")
    if not jobdir:
        return
    path = job_state_path(jobdir)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state) + "\n", encoding="utf-8")
