"""Checks made before the first request, so that a mistake costs seconds, not a crawl.

A bad threshold given with ``-s`` would otherwise fail only when the run is judged,
after hours of crawling; an unwritable output folder, only when the first file is
written. :func:`check_settings` reads every careerscrape setting the way the
components do (``-s`` values arrive as text) and checks it against its type and
range; a problem is a :class:`PreflightError` whose ``str()`` is one line naming
the setting. ``scrapy crawl`` turns it into exit status 2. No Scrapy import: any
object with Scrapy's ``Settings`` getters will do.
"""

from __future__ import annotations

import pkgutil
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, TypeAdapter, ValidationError

from careerscrape.models import RoleProfile, RoleStats
from careerscrape.outputs import EXPORT_TARGETS

__all__ = ["PreflightError", "check_feeds", "check_settings"]


class PreflightError(ValueError):
    """A setting or argument that would break the crawl; ``str()`` is one line."""


Share = Annotated[float, Field(ge=0, le=1)]
Count = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(ge=0)]
Path = Annotated[str, StringConstraints(min_length=1)]
HttpUrl = Annotated[str, StringConstraints(pattern=r"^https?://[^\s/?#]+/?$")]

#: Fields a fill floor or the drift alarm can name, per record type.
FIELDS = {
    "role": frozenset(RoleProfile.model_fields),
    "comparison": frozenset(f"roles.{name}" for name in RoleStats.model_fields),
}

#: How each careerscrape setting is read (Scrapy's getter) and what it must be.
SETTINGS: dict[str, tuple[str, Any]] = {
    "OUTPUT_DIR": ("get", Path),
    "CANONICAL_SITE": ("get", HttpUrl),
    "SITE_URL": ("get", Annotated[str, StringConstraints(pattern=r"^https?://[^\s?#]+$")]),
    "KEEP_RUNS": ("getint", Annotated[int, Field(ge=1)]),
    "EXPORT_FORMATS": ("getlist", list[Literal[tuple(EXPORT_TARGETS)]]),  # type: ignore[misc]
    "REFRESH_FROM_PUBLISHED": ("getbool", bool),
    "ARCHIVE_ENABLED": ("getbool", bool),
    "CASSETTE_RECORD_MAX_BYTES": ("getint", Count),
    "ARCHIVE_REPLAY": ("getlist", list[Path] | None),
    "PREVIOUS_DIR": ("get", Path | None),
    "HEALTH_MIN_RECORDS": ("getint", Count),
    "HEALTH_MAX_REJECT_SHARE": ("getfloat", Share),
    "HEALTH_IGNORED_REJECTS": ("getlist", list[str]),
    "HEALTH_MAX_BLOCKED_SHARE": ("getfloat", Share),
    "HEALTH_FILL_FLOORS": ("getdict", dict[Literal["role", "comparison"], dict[str, Share]]),
    "HEALTH_FLOOR_MIN_RECORDS": ("getint", Count),
    "HEALTH_ALERTS": ("getlist", list[str]),
    "DRIFT_MAX_DROP": ("getfloat", Share),
    "DRIFT_MIN_PREVIOUS_RATE": ("getfloat", Share),
    "DRIFT_MIN_RECORDS": ("getint", Count),
    "PROGRESS_INTERVAL": ("getfloat", Seconds),
    "GC_FREEZE_AT_START": ("getbool", bool),
    "START_QUEUE_LIMIT": ("get", Count | None),
    "PARSE_PROCESSES": ("get", Count | None),
    "SITEMAP_MAXSIZE": ("getint", Annotated[int, Field(gt=0)]),
    "RETRY_BACKOFF_BASE": ("getfloat", Seconds),
    "RETRY_BACKOFF_MAX": ("getfloat", Seconds),
    "BLOCKED_DELAY_MIN": ("getfloat", Seconds),
    "BLOCKED_DELAY_MAX": ("getfloat", Seconds),
    "REDIS_WORKER_TTL": ("getfloat", Annotated[float, Field(gt=0)]),
    "REDIS_START_WINDOW": ("getfloat", Seconds),
    "REDIS_LOST_TIMEOUT": ("getfloat", Seconds),
}
_ADAPTERS = {name: TypeAdapter(kind) for name, (_, kind) in SETTINGS.items()}


def _read(settings: Any, name: str) -> Any:
    getter, _ = SETTINGS[name]
    value = settings.get(name)
    if value is None or value == "":
        return None
    return getattr(settings, getter)(name)


def check_settings(settings: Any) -> None:
    """Raise :class:`PreflightError` for the first careerscrape setting that is wrong."""
    for name, adapter in _ADAPTERS.items():
        try:
            value = adapter.validate_python(_read(settings, name))
        except (ValueError, TypeError) as exc:  # ValidationError, or a getter refusing the text
            raise PreflightError(f"setting {name}={settings.get(name)!r}: {_why(exc)}") from None
        if name == "HEALTH_FILL_FLOORS":
            _check_fields(name, value)
        elif name == "HEALTH_ALERTS":
            _check_importable(name, value)


def check_feeds(settings: Any) -> None:
    """Raise :class:`PreflightError` for a feed (``-o``/``-O``, ``FEEDS``) in a format that
    careerscrape has no exporter for: Scrapy's would write Python reprs or lose fields."""
    formats = {fmt for fmt, path in settings.getdict("FEED_EXPORTERS").items() if path}
    for uri, options in settings.getdict("FEEDS").items():
        fmt = (options or {}).get("format")
        if fmt not in formats:
            raise PreflightError(
                f"feed {uri}: format {fmt!r} cannot hold the records; use "
                f"{', '.join(sorted(formats))}, or tables: careerscrape export RUN_DIR "
                "--format parquet|csv|duckdb"
            )


def _check_fields(name: str, floors: dict[str, dict[str, float]]) -> None:
    for kind, fields in floors.items():
        unknown = sorted(set(fields) - FIELDS[kind])
        if unknown:
            raise PreflightError(f"setting {name}: {kind} records have no field "
                                 f"{unknown[0]!r}")  # fmt: skip


def _check_importable(name: str, paths: list[str]) -> None:
    for path in paths:
        try:
            pkgutil.resolve_name(path)
        except (ImportError, AttributeError, ValueError) as exc:
            raise PreflightError(f"setting {name}: cannot load {path} ({exc})") from None


def _why(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        return f"{where}: {error['msg']}" if where else error["msg"]
    return str(exc).splitlines()[0]
