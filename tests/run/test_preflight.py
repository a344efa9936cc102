"""Every careerscrape setting is checked before the first request (careerscrape.run.preflight)."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings

from careerscrape import settings as project_settings
from careerscrape.run.preflight import SETTINGS, PreflightError, check_feeds, check_settings


def settings(**overrides: str) -> Settings:
    """The project's settings with ``-s NAME=VALUE`` overrides (as text, as from a shell)."""
    result = Settings()
    result.setmodule(project_settings)
    result.setdict(overrides, priority="cmdline")
    return result


def test_the_project_defaults_pass() -> None:
    check_settings(settings())


def test_every_checked_setting_is_declared_in_settings_py() -> None:
    declared = {name for name in dir(project_settings) if name.isupper()}
    assert set(SETTINGS) - declared == set()


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("HEALTH_MAX_REJECT_SHARE", "abc",
         "setting HEALTH_MAX_REJECT_SHARE='abc': could not convert string to float: 'abc'"),
        ("HEALTH_MAX_REJECT_SHARE", "25",
         "setting HEALTH_MAX_REJECT_SHARE='25': Input should be less than or equal to 1"),
        ("HEALTH_MIN_RECORDS", "-1",
         "setting HEALTH_MIN_RECORDS='-1': Input should be greater than or equal to 0"),
        ("KEEP_RUNS", "0", "setting KEEP_RUNS='0': Input should be greater than or equal to 1"),
        ("HEALTH_FILL_FLOORS", "{not json",
         "setting HEALTH_FILL_FLOORS='{not json': Expecting property name enclosed in double "
         "quotes: line 1 column 2 (char 1)"),
        ("HEALTH_FILL_FLOORS", '{"roles": {"skills": 0.5}}',
         "setting HEALTH_FILL_FLOORS='{\"roles\": {\"skills\": 0.5}}': roles.[key]: Input should "
         "be 'role' or 'comparison'"),
        ("HEALTH_FILL_FLOORS", '{"role": {"skils": 0.5}}',
         "setting HEALTH_FILL_FLOORS: role records have no field 'skils'"),
        ("HEALTH_FILL_FLOORS", '{"comparison": {"roles.yearly_salary": 80}}',
         "setting HEALTH_FILL_FLOORS='{\"comparison\": {\"roles.yearly_salary\": 80}}': "
         "comparison.roles.yearly_salary: Input should be less than or equal to 1"),
        ("START_QUEUE_LIMIT", "lots",
         "setting START_QUEUE_LIMIT='lots': Input should be a valid integer, unable to parse "
         "string as an integer"),
        ("PARSE_PROCESSES", "-1",
         "setting PARSE_PROCESSES='-1': Input should be greater than or equal to 0"),
        ("REFRESH_FROM_PUBLISHED", "maybe",
         "setting REFRESH_FROM_PUBLISHED='maybe': Supported values for boolean settings are "
         "0/1, True/False, '0'/'1', 'True'/'False' and 'true'/'false'"),
        ("CANONICAL_SITE", "www.zippia.com",
         "setting CANONICAL_SITE='www.zippia.com': String should match pattern "
         "'^https?://[^\\s/?#]+/?$'"),
    ],
)  # fmt: skip
def test_a_bad_value_is_one_line_naming_the_setting(name: str, value: str, message: str) -> None:
    with pytest.raises(PreflightError) as error:
        check_settings(settings(**{name: value}))
    assert str(error.value) == message


def test_values_given_as_text_are_read_as_the_components_read_them() -> None:
    check_settings(settings(HEALTH_MAX_REJECT_SHARE="0.5", HEALTH_FILL_FLOORS="{}",
                            START_QUEUE_LIMIT="0", HEALTH_IGNORED_REJECTS="http_404,http_410",
                            REFRESH_FROM_PUBLISHED="false"))  # fmt: skip


def test_an_alert_that_cannot_be_loaded_is_refused_at_start() -> None:
    with pytest.raises(PreflightError) as error:
        check_settings(settings(HEALTH_ALERTS="spidermon.contrib.actions.email.smtp.SendSmtp"))
    assert str(error.value) == (
        "setting HEALTH_ALERTS: cannot load spidermon.contrib.actions.email.smtp.SendSmtp "
        "(module 'spidermon.contrib.actions.email.smtp' has no attribute 'SendSmtp')"
    )
    check_settings(settings(HEALTH_ALERTS="spidermon.contrib.actions.email.smtp.SendSmtpEmail"))


@pytest.mark.parametrize("fmt", ["xml", "marshal", "pickle"])
def test_a_feed_format_without_a_careerscrape_exporter_is_refused_in_one_line(fmt: str) -> None:
    settings = Settings()
    settings.setmodule(project_settings)
    settings.set("FEEDS", {f"out.{fmt}": {"format": fmt}})
    with pytest.raises(PreflightError) as raised:
        check_feeds(settings)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith(f"feed out.{fmt}: format {fmt!r} cannot hold the records; use csv")
    assert message.endswith("careerscrape export RUN_DIR --format parquet|csv|duckdb")


def test_json_json_lines_and_csv_feeds_pass() -> None:
    settings = Settings()
    settings.setmodule(project_settings)
    feeds = {f"out.{fmt}": {"format": fmt} for fmt in ("json", "jsonlines", "jsonl", "jl", "csv")}
    settings.set("FEEDS", feeds)
    check_feeds(settings)
