"""The drift alarm: fill rates against the previous run's (careerscrape.drift), exit 7."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.run.drift import compare, read_baseline
from careerscrape.run.health import EXIT_FIELD_DRIFT, verdict

SETTINGS = Settings()
SETTINGS.setmodule(project_settings)


def run_summary(comparisons: int = 30, roles: int = 10, **rates: float) -> dict[str, Any]:
    comparison_rates = {"roles.yearly_salary": 1.0, "roles.growth_rate": 0.4, "roles.race": 0.9}
    for name, rate in rates.items():
        comparison_rates[f"roles.{name}"] = rate
    return {
        "started_at": "2026-01-05T03:00:00+00:00",
        "finish_reason": "finished",
        "records": {"comparison": comparisons, "role": roles, "total": comparisons + roles},
        "accounting": {"requested": comparisons + roles, "balanced": True},
        "rejects": {"by_reason": {}},
        "blocked": 0,
        "fill_rates": {
            "comparison": comparison_rates,
            "role": {"responsibilities": 1.0, "skills": 1.0},
        },
    }


def baseline_in(folder: Path, summary: dict[str, Any]) -> dict[str, Any] | None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run.json").write_text(json.dumps(summary), encoding="utf-8")
    return read_baseline(folder)


def test_a_sharp_fall_is_reported_with_both_rates(tmp_path: Path) -> None:
    baseline = baseline_in(tmp_path, run_summary())
    drift = compare(baseline, run_summary(yearly_salary=0.5), SETTINGS)
    assert drift["baseline"] == {
        "path": str(tmp_path / "run.json"),
        # An older run.json's "+00:00", in the one form of a time.
        "started_at": "2026-01-05T03:00:00.000000Z",
    }
    assert drift["max_drop"] == 0.3
    assert drift["dropped"] == [{"kind": "comparison", "field": "roles.yearly_salary",
                                 "previous": 1.0, "current": 0.5, "drop": 0.5}]  # fmt: skip
    # Compared: the fields filled in at least 50% of the previous records (roles.growth_rate
    # was not), of types with at least 10 records in both runs (both types here).
    assert drift["compared"] == 4


def test_a_small_fall_or_a_rise_is_not_drift(tmp_path: Path) -> None:
    baseline = baseline_in(tmp_path, run_summary())
    assert compare(baseline, run_summary(yearly_salary=0.7), SETTINGS)["dropped"] == []
    assert compare(baseline, run_summary(growth_rate=1.0), SETTINGS)["dropped"] == []


def test_only_fields_with_a_meaningful_previous_rate_are_compared(tmp_path: Path) -> None:
    # roles.growth_rate was filled in 40% of the records: below DRIFT_MIN_PREVIOUS_RATE.
    baseline = baseline_in(tmp_path, run_summary())
    assert compare(baseline, run_summary(growth_rate=0.0), SETTINGS)["dropped"] == []
    # Too few records of a type, in either run, to say anything.
    few = baseline_in(tmp_path / "few", run_summary(comparisons=4))
    assert compare(few, run_summary(yearly_salary=0.0), SETTINGS)["dropped"] == []
    now = run_summary(comparisons=4, yearly_salary=0.0)
    assert compare(baseline, now, SETTINGS)["dropped"] == []


def test_a_field_missing_from_this_run_counts_as_empty(tmp_path: Path) -> None:
    baseline = baseline_in(tmp_path, run_summary())
    now = run_summary()
    del now["fill_rates"]["comparison"]["roles.race"]
    assert [d["field"] for d in compare(baseline, now, SETTINGS)["dropped"]] == ["roles.race"]


def test_the_thresholds_are_settings(tmp_path: Path) -> None:
    baseline = baseline_in(tmp_path, run_summary())
    strict = Settings({**dict(SETTINGS), "DRIFT_MAX_DROP": 0.1})
    assert len(compare(baseline, run_summary(yearly_salary=0.85), strict)["dropped"]) == 1
    off = Settings({**dict(SETTINGS), "DRIFT_MAX_DROP": 1})
    assert compare(baseline, run_summary(yearly_salary=0.0), off)["dropped"] == []


def test_no_baseline_no_drift(tmp_path: Path) -> None:
    assert read_baseline(None) is None
    assert read_baseline(tmp_path) is None  # no run.json
    drift = compare(None, run_summary(yearly_salary=0.0), SETTINGS)
    assert drift == {"baseline": None, "max_drop": 0.3, "compared": 0, "dropped": []}


def test_a_run_that_did_not_finish_or_cannot_be_read_is_no_baseline(tmp_path: Path) -> None:
    assert baseline_in(tmp_path / "a", {**run_summary(), "finish_reason": "shutdown"}) is None
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "run.json").write_text("{not json", encoding="utf-8")
    assert read_baseline(tmp_path / "b") is None
    assert baseline_in(tmp_path / "c", {"finish_reason": "finished"}) is None


def test_drift_is_exit_7_with_a_one_line_reason(tmp_path: Path) -> None:
    summary = run_summary(race=0.2)
    summary["drift"] = compare(baseline_in(tmp_path, run_summary()), summary, SETTINGS)
    result = verdict(summary, SETTINGS)
    assert EXIT_FIELD_DRIFT == 7
    assert result == {
        "healthy": False,
        "exit_code": 7,
        "reasons": [
            "comparison field roles.race fill rate fell from 90% to 20% since the previous run "
            "(drop 70% > 30%)"
        ],
        "failed": ["drift"],
    }


def test_a_more_severe_problem_wins_and_the_drift_reason_stays(tmp_path: Path) -> None:
    summary = run_summary(yearly_salary=0.0)
    summary["drift"] = compare(baseline_in(tmp_path, run_summary()), summary, SETTINGS)
    result = verdict(summary, SETTINGS)
    assert result["exit_code"] == 6  # the fill floor of roles.yearly_salary
    assert result["reasons"] == [
        "comparison field roles.yearly_salary filled in 0% of 30 records (floor 80%)",
        "comparison field roles.yearly_salary fill rate fell from 100% to 0% since the "
        "previous run (drop 100% > 30%)",
    ]


def test_a_summary_without_drift_is_judged_as_before() -> None:
    assert verdict(run_summary(), SETTINGS)["healthy"]
