"""The health verdict of a run, for cron: is this output safe to publish?

A scheduled job needs one answer it can act on. The verdict is made of named
checks over the run summary (careerscrape.run.summary), each with an exit status
of its own:

- the run finished by itself (not stopped by a signal, nor closed early) - 8; a worker
  of a shared crawl kept its Redis - 11;
- every page asked for ended as a record or a reject, and every sitemap was read - 9;
- it wrote records (3), did not reject (4) or meet robot checks (5) too often;
- the fields users rely on are filled in enough records (6), and no field's fill
  rate fell sharply since the previous run (7, the drift alarm, careerscrape.run.drift).

Only a healthy run is published. The verdict goes into run.json, becomes the exit
status of ``scrapy crawl careers``, and the same checks run as Spidermon monitors
(careerscrape.extensions.monitors), so a failing one can send an alert. A run that
did not finish exits 8 (or 11) whatever else failed; otherwise the lowest status wins.
No Scrapy here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["CHECKS", "Check", "verdict"]

#: Exit statuses of ``scrapy crawl careers`` (the README's table).
EXIT_OK = 0
EXIT_START_FAILED = 1
EXIT_USAGE = 2
EXIT_NO_RECORDS = 3
EXIT_TOO_MANY_REJECTS = 4
EXIT_BLOCKED = 5
EXIT_FIELD_BELOW_FLOOR = 6
EXIT_FIELD_DRIFT = 7
EXIT_INTERRUPTED = 8
EXIT_INCOMPLETE = 9
EXIT_LOCKED = 10
EXIT_QUEUE_LOST = 11
#: The finish reason of a worker of a shared crawl that lost its Redis (careerscrape.distributed).
QUEUE_LOST = "redis_lost"
#: Exit statuses of runs that did not finish: they win over every other check.
UNFINISHED = frozenset({EXIT_INTERRUPTED, EXIT_QUEUE_LOST})
#: Robot checks. A login wall is a reject of its own ("login_required") and counts
#: with the other rejects.
BLOCKED_REASONS = ("blocked",)
#: Reject reasons of sitemaps that could not be fetched or read start with this.
SITEMAP_REJECT = "sitemap_"

Reasons = Iterator[str]


@dataclass(frozen=True)
class Check:
    """One health check: its name, the exit status it gives, and what it finds wrong."""

    name: str
    exit_code: int
    problems: Callable[[dict[str, Any], Any], Reasons]
    description: str


def _finished(summary: dict[str, Any], settings: Any) -> Reasons:
    reason = summary.get("finish_reason")
    if reason in ("finished", QUEUE_LOST):
        return
    if summary.get("job"):
        yield (f"the job was paused before its end (finish reason: {reason}); run the same "
               "command again to resume it")  # fmt: skip
    else:
        yield f"the crawl was stopped before its end (finish reason: {reason})"


def _complete(summary: dict[str, Any], settings: Any) -> Reasons:
    accounting = summary["accounting"]
    # In a run that did not finish, the URLs not done yet are not lost (see "finished").
    if not accounting["balanced"] and summary.get("finish_reason") == "finished":
        ended = accounting["records"] + accounting["rejects"] + accounting["duplicates"]
        ended += accounting.get("sitemaps", 0)
        requested = accounting["requested"]
        lost = requested - ended
        if lost > 0:
            named = accounting.get("lost") or []
            yield (f"{lost} of {requested} URLs asked for ended as neither a record nor a reject"
                   + (f": {', '.join(named)}" if named else ""))  # fmt: skip
        else:
            yield f"{-lost} more outcomes than the {requested} URLs asked for"
    failed = {
        r: n for r, n in summary["rejects"]["by_reason"].items() if r.startswith(SITEMAP_REJECT)
    }
    if failed:
        urls = sorted(summary.get("sitemaps", {}).get("failed", []))
        named = f": {', '.join(urls)}" if urls else ""
        yield (
            f"{sum(failed.values())} sitemaps could not be read ("
            + ", ".join(f"{r} {n}" for r, n in sorted(failed.items()))
            + f"){named}"
        )


def _shared_queue(summary: dict[str, Any], settings: Any) -> Reasons:
    if summary.get("finish_reason") == QUEUE_LOST:
        yield ("the shared crawl's Redis was lost: this worker stopped with the pages it had "
               "done written")  # fmt: skip


def _records(summary: dict[str, Any], settings: Any) -> Reasons:
    records = summary["records"]["total"]
    if records < settings.getint("HEALTH_MIN_RECORDS"):
        yield f"{records} records written"


def _rejects(summary: dict[str, Any], settings: Any) -> Reasons:
    requested = summary["accounting"]["requested"] or 1
    ignored = {*settings.getlist("HEALTH_IGNORED_REJECTS"), *BLOCKED_REASONS}
    rejected = sum(
        n for reason, n in summary["rejects"]["by_reason"].items()
        if reason not in ignored and not reason.startswith(SITEMAP_REJECT)
    )  # fmt: skip
    limit = settings.getfloat("HEALTH_MAX_REJECT_SHARE")
    if rejected / requested > limit:
        yield (f"{rejected} of {requested} pages rejected ({rejected / requested:.0%} "
               f"> {limit:.0%})")  # fmt: skip


def _blocked(summary: dict[str, Any], settings: Any) -> Reasons:
    requested = summary["accounting"]["requested"] or 1
    blocked = summary["blocked"]
    limit = settings.getfloat("HEALTH_MAX_BLOCKED_SHARE")
    if blocked / requested > limit:
        yield (f"{blocked} of {requested} pages blocked by a robot check "
               f"({blocked / requested:.0%} > {limit:.0%})")  # fmt: skip


def _fill_floors(summary: dict[str, Any], settings: Any) -> Reasons:
    enough = settings.getint("HEALTH_FLOOR_MIN_RECORDS")
    for kind, fields in settings.getdict("HEALTH_FILL_FLOORS").items():
        records = summary["records"].get(kind, 0)
        if not records or records < enough:
            continue  # too few records of this type to judge a field by
        rates = summary["fill_rates"].get(kind, {})
        for field, floor in fields.items():
            rate = rates.get(field, 0.0)
            if rate < floor:
                yield (f"{kind} field {field} filled in {rate:.0%} of {records} records "
                       f"(floor {floor:.0%})")  # fmt: skip


def _drift(summary: dict[str, Any], settings: Any) -> Reasons:
    drift = summary.get("drift") or {}
    for drop in drift.get("dropped", []):
        yield (f"{drop['kind']} field {drop['field']} fill rate fell from "
               f"{drop['previous']:.0%} to {drop['current']:.0%} since the previous "
               f"run (drop {drop['drop']:.0%} > {drift['max_drop']:.0%})")  # fmt: skip


#: Every check, in the order run.json lists their reasons.
CHECKS = (
    Check("finished", EXIT_INTERRUPTED, _finished,
          "the crawl finished by itself, not stopped by a signal or closed early"),
    Check("shared_queue", EXIT_QUEUE_LOST, _shared_queue,
          "a worker of a shared crawl (REDIS_URL) kept its Redis to the end"),
    Check("complete", EXIT_INCOMPLETE, _complete,
          "every URL asked for ended as a record or a reject, and every sitemap was read"),
    Check("records", EXIT_NO_RECORDS, _records, "at least HEALTH_MIN_RECORDS records written"),
    Check("rejects", EXIT_TOO_MANY_REJECTS, _rejects,
          "at most HEALTH_MAX_REJECT_SHARE of the pages rejected"),
    Check("blocked", EXIT_BLOCKED, _blocked,
          "at most HEALTH_MAX_BLOCKED_SHARE of the pages blocked by a robot check"),
    Check("fill_floors", EXIT_FIELD_BELOW_FLOOR, _fill_floors,
          "each field of HEALTH_FILL_FLOORS filled in enough records"),
    Check("drift", EXIT_FIELD_DRIFT, _drift,
          "no field's fill rate fell by more than DRIFT_MAX_DROP since the previous run"),
)  # fmt: skip


def verdict(summary: dict[str, Any], settings: Any) -> dict[str, Any]:
    """{"healthy", "exit_code", "reasons", "failed"} for a run summary.

    ``failed`` names the checks that failed. A run that did not finish exits 8 (11 for
    a lost Redis) whatever else failed; otherwise the lowest exit status among the
    failed checks.
    """
    problems = [(check, reason) for check in CHECKS for reason in check.problems(summary, settings)]
    codes = {check.exit_code for check, _ in problems}
    exit_code = min(codes & UNFINISHED or codes, default=EXIT_OK)
    return {
        "healthy": not problems,
        "exit_code": exit_code,
        "reasons": [reason for _, reason in problems],
        "failed": list(dict.fromkeys(check.name for check, _ in problems)),
    }
