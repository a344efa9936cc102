"""The health verdict of a run, for cron: is this output safe to use?

A scheduled job needs one answer it can act on. A run is unhealthy when it
wrote no records, when too many of its pages were rejected or blocked, or when
a field users rely on is missing from too many records (the usual sign that
the site's markup changed), or when a field's fill rate fell sharply since the
previous run (the drift alarm, careerscrape.drift: ``summary["drift"]``). The
verdict goes into run.json and becomes the exit status of ``scrapy crawl`` (see
the README's exit status table).
"""

from __future__ import annotations

from typing import Any

#: Exit statuses of ``scrapy crawl careers``, most severe first.
EXIT_OK = 0
EXIT_NO_RECORDS = 3
EXIT_TOO_MANY_REJECTS = 4
EXIT_BLOCKED = 5
EXIT_FIELD_BELOW_FLOOR = 6
EXIT_FIELD_DRIFT = 7
#: Robot checks. A login wall is a reject of its own ("login_required") and counts
#: with the other rejects.
BLOCKED_REASONS = ("blocked",)


def verdict(summary: dict[str, Any], settings: Any) -> dict[str, Any]:
    """{"healthy": bool, "exit_code": int, "reasons": [one line each]} for a run summary."""
    problems: list[tuple[int, str]] = []
    records = summary["records"]["total"]
    requested = summary["accounting"]["requested"] or 1
    if records < settings.getint("HEALTH_MIN_RECORDS", 1):
        problems.append((EXIT_NO_RECORDS, f"{records} records written"))

    by_reason = summary["rejects"]["by_reason"]
    ignored = set(settings.getlist("HEALTH_IGNORED_REJECTS")) | set(
        BLOCKED_REASONS
    )  # counted below
    rejected = sum(n for reason, n in by_reason.items() if reason not in ignored)
    limit = settings.getfloat("HEALTH_MAX_REJECT_SHARE", 0.25)
    if rejected / requested > limit:
        problems.append((EXIT_TOO_MANY_REJECTS,
                         f"{rejected} of {requested} pages rejected ({rejected / requested:.0%} "
                         f"> {limit:.0%})"))  # fmt: skip

    blocked = summary["blocked"]
    limit = settings.getfloat("HEALTH_MAX_BLOCKED_SHARE", 0.05)
    if blocked / requested > limit:
        share = f"{blocked / requested:.0%} > {limit:.0%}"
        problems.append(
            (
                EXIT_BLOCKED,
                f"{blocked} of {requested} pages blocked by a robot check ({share})",
            )
        )

    floors = settings.getdict("HEALTH_FILL_FLOORS")
    for kind, fields in floors.items():
        if not summary["records"].get(kind):
            continue
        rates = summary["fill_rates"].get(kind, {})
        for field, floor in fields.items():
            rate = rates.get(field, 0.0)
            if rate < floor:
                problems.append((EXIT_FIELD_BELOW_FLOOR,
                                 f"{kind} field {field} filled in {rate:.0%} of records "
                                 f"(floor {floor:.0%})"))  # fmt: skip
    drift = summary.get("drift") or {}
    for drop in drift.get("dropped", []):
        problems.append((EXIT_FIELD_DRIFT,
                         f"{drop['kind']} field {drop['field']} fill rate fell from "
                         f"{drop['previous']:.0%} to {drop['current']:.0%} since the previous "
                         f"run (drop {drop['drop']:.0%} > {drift['max_drop']:.0%})"))  # fmt: skip
    problems.sort(key=lambda problem: problem[0])
    return {
        "healthy": not problems,
        "exit_code": problems[0][0] if problems else EXIT_OK,
        "reasons": [reason for _, reason in problems],
    }
