"""The health checks as Spidermon monitors (careerscrape.extensions.monitors)."""

from __future__ import annotations

from careerscrape.extensions import monitors  # not its TestCase: pytest would collect it
from careerscrape.run.health import CHECKS


def test_every_health_check_is_a_monitor() -> None:
    tests = {
        name.removeprefix("test_")
        for name in dir(monitors.HealthMonitor)
        if name.startswith("test_")
    }
    assert tests == {check.name for check in CHECKS}
    assert len(CHECKS) == 8
