"""The health checks as Spidermon monitors, so that a failing run can send an alert.

Spidermon is how Scrapy teams watch scheduled crawls: monitors judge a run when
it closes, and actions (an e-mail, a Slack or Telegram message, a Sentry event...)
run when one fails. :class:`HealthMonitorSuite` runs one monitor per health check
of careerscrape.run.health, on the summary the run's verdict was made from, so
the monitors and the exit status always agree. Its failed-run actions are the
``HEALTH_ALERTS`` setting; each action reads its own Spidermon settings::

    scrapy crawl careers ... \\
        -s HEALTH_ALERTS='["spidermon.contrib.actions.email.smtp.SendSmtpEmail"]' \\
        -s SPIDERMON_SMTP_HOST=smtp.example.com -s SPIDERMON_SMTP_USER=... \\
        -s SPIDERMON_SMTP_PASSWORD=... -s SPIDERMON_EMAIL_SENDER=crawler@example.com \\
        -s SPIDERMON_EMAIL_TO='["data-team@example.com"]'

The suite does nothing outside the crawl job (``scrapy shell``, ``parse``...).
"""

from __future__ import annotations

import warnings
from typing import Any

from scrapy.utils.misc import load_object
from spidermon import Monitor, MonitorSuite, monitors

from careerscrape.extensions.run_summary import summary_of
from careerscrape.run.health import CHECKS

__all__ = ["HealthMonitor", "HealthMonitorSuite"]

_CHECKS = {check.name: check for check in CHECKS}
# Spidermon 1.27 logs its report through Spider.log(), which Scrapy 2.19 deprecates.
warnings.filterwarnings("ignore", r"Spider\.log\(\) is deprecated", module="spidermon")


@monitors.name("careerscrape health")
class HealthMonitor(Monitor):
    """One test per health check; a failed test's message is the check's reasons."""

    def _judge(self, name: str) -> None:
        summary = summary_of(self.data.crawler)
        if summary is None:
            self.skipTest("not a crawl job: no run summary")
        check = _CHECKS[name]
        reasons = list(check.problems(summary, self.data.crawler.settings))
        self.assertFalse(reasons, "; ".join(reasons))

    @monitors.name("the crawl finished by itself")
    def test_finished(self) -> None:
        self._judge("finished")

    @monitors.name("a worker of a shared crawl kept its Redis")
    def test_shared_queue(self) -> None:
        self._judge("shared_queue")

    @monitors.name("every URL ended as a record or a reject")
    def test_complete(self) -> None:
        self._judge("complete")

    @monitors.name("enough records written")
    def test_records(self) -> None:
        self._judge("records")

    @monitors.name("few pages rejected")
    def test_rejects(self) -> None:
        self._judge("rejects")

    @monitors.name("few pages blocked by robot checks")
    def test_blocked(self) -> None:
        self._judge("blocked")

    @monitors.name("fields filled above their floors")
    def test_fill_floors(self) -> None:
        self._judge("fill_floors")

    @monitors.name("no field's fill rate fell sharply")
    def test_drift(self) -> None:
        self._judge("drift")


class HealthMonitorSuite(MonitorSuite):
    """The health monitors, with the actions of ``HEALTH_ALERTS`` when one fails."""

    monitors = [HealthMonitor]  # noqa: RUF012 (Spidermon's declarative class attribute)

    def __init__(self, *args: Any, crawler: Any = None, **kwargs: Any) -> None:
        alerts = crawler.settings.getlist("HEALTH_ALERTS") if crawler is not None else []
        kwargs.setdefault("monitors_failed_actions", [load_object(a) for a in alerts])
        super().__init__(*args, crawler=crawler, **kwargs)
