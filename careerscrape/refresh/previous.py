"""The run a refresh compares with: its records, validators and catalog, read at start.

No Scrapy here. Only an index of the records (URL -> file offset) is kept in memory; a
carried record is read back from its file, which stays open.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from careerscrape.atomic import read_jsonl
from careerscrape.catalog.merge import first_seen_of
from careerscrape.models import PAGE_MODELS, PARSER_VERSION, PageRecord
from careerscrape.outputs import CATALOG, RECORD_FILES, VALIDATORS
from careerscrape.parsing.urls import canonical_url

__all__ = ["PreviousRun", "PreviousRunError", "Validator", "previous_first_seen"]

logger = logging.getLogger(__name__)


def previous_first_seen(folder: str | os.PathLike[str] | None) -> dict[str, datetime]:
    """``{role_slug: first_seen}`` of the catalog of the run in ``folder``: the history the
    new catalog carries ``first_seen`` from. Empty without a previous run; a catalog that
    cannot be read gives what was read before the problem, which is logged."""
    path = Path(folder) / CATALOG if folder else None
    if path is None or not path.is_file():
        return {}
    entries: list[dict[str, Any]] = []
    try:
        entries.extend(entry for entry in read_jsonl(path) if isinstance(entry, dict))
    except (OSError, ValueError) as exc:
        logger.warning("%s cannot be read (%s): first_seen starts again for the roles after "
                       "the problem", path, " ".join(str(exc).split()))  # fmt: skip
    return first_seen_of(entries)


class PreviousRunError(ValueError):
    """A previous output folder that cannot be used; ``str()`` is one line."""


@dataclass(frozen=True, slots=True)
class Validator:
    """What the next run needs to know about one page it has a record of."""

    url: str
    content_sha256: str
    etag: str | None = None
    last_modified: str | None = None
    #: Canonical URLs the crawl follows from the page; None when not known.
    links: tuple[str, ...] | None = None
    offsite: int = 0
    #: The run folder whose web archive holds the capture the record was read from
    #: (careerscrape.archive); None when no archive was kept.
    archived_in: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "content_sha256": self.content_sha256,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "links": list(self.links) if self.links is not None else None,
            "offsite": self.offsite,
            "archived_in": self.archived_in,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Validator:
        links = data.get("links")
        return cls(
            url=str(data["url"]),
            content_sha256=str(data["content_sha256"]),
            etag=data.get("etag") or None,
            last_modified=data.get("last_modified") or None,
            links=tuple(str(u) for u in links) if isinstance(links, list) else None,
            offsite=int(data.get("offsite") or 0),
            archived_in=data.get("archived_in") or None,
        )


@dataclass(slots=True)
class _Page:
    """One record of the previous run: where it is, and what the next request may send."""

    file: int
    offset: int
    validator: Validator
    #: Made by this parser version: may be carried over without parsing.
    reusable: bool


class PreviousRun:
    """The output folder of a previous run, read when this crawl starts. No Scrapy here."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.exists = self.folder.is_dir()
        self._pages: dict[str, _Page] = {}
        self._files: list[IO[bytes]] = []
        #: The previous catalog entries (dicts as in catalog.jsonl); [] without a catalog.
        self.catalog: list[dict[str, Any]] = []
        if not self.exists:
            if self.folder.exists():
                raise PreviousRunError(f"{self.folder} is not a folder")
            return
        try:
            self._read_records()
            self._read_validators()
            if (self.folder / CATALOG).is_file():
                self.catalog = list(read_jsonl(self.folder / CATALOG))
        except PreviousRunError:
            self.close()
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            self.close()
            raise PreviousRunError(" ".join(str(exc).split()) or type(exc).__name__) from exc

    def _read_records(self) -> None:
        for name in RECORD_FILES:
            path = self.folder / name
            if not path.is_file():
                continue
            handle = path.open("rb")
            self._files.append(handle)
            number, offset = len(self._files) - 1, 0
            for line_number, line in enumerate(handle, 1):
                start, offset = offset, offset + len(line)
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                    # An older run's URL in today's form, so that the page is matched.
                    url, sha = canonical_url(str(data["url"])), str(data["content_sha256"])
                except (ValueError, KeyError, TypeError) as exc:
                    raise PreviousRunError(f"{path}:{line_number}: not a record ({exc})") from exc
                reusable = (
                    data.get("parser_version") == PARSER_VERSION
                    and data.get("page_type") in PAGE_MODELS
                )
                self._pages[url] = _Page(number, start, Validator(url, sha), reusable)

    def _read_validators(self) -> None:
        """Validators of pages whose record has the same body hash; the rest keep the hash."""
        path = self.folder / VALIDATORS
        if not path.is_file():
            return
        try:
            for data in read_jsonl(path):
                validator = Validator.from_dict({**data, "url": canonical_url(data["url"])})
                page = self._pages.get(validator.url)
                if page is not None and page.validator.content_sha256 == validator.content_sha256:
                    page.validator = validator
        except (ValueError, KeyError, TypeError) as exc:
            # The records are enough for a refresh: only the conditional requests are lost.
            logger.warning("%s cannot be read (%s): pages are compared by body hash only",
                           path, " ".join(str(exc).split()))  # fmt: skip

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, url: object) -> bool:
        return url in self._pages

    def urls(self) -> Iterator[str]:
        return iter(self._pages)

    def validator(self, url: str) -> Validator | None:
        page = self._pages.get(url)
        return page.validator if page is not None else None

    def reusable(self, url: str) -> bool:
        page = self._pages.get(url)
        return page is not None and page.reusable

    def conditional_headers(self, url: str) -> dict[str, str]:
        """``If-None-Match`` / ``If-Modified-Since`` for a page whose record can be reused."""
        page = self._pages.get(url)
        if page is None or not page.reusable:
            return {}
        headers = {}
        if page.validator.etag:
            headers["If-None-Match"] = page.validator.etag
        if page.validator.last_modified:
            headers["If-Modified-Since"] = page.validator.last_modified
        return headers

    def record(self, url: str) -> PageRecord | None:
        """The previous record of ``url`` as its model; None if there is none to reuse."""
        page = self._pages.get(url)
        if page is None or not page.reusable:
            return None
        handle = self._files[page.file]
        handle.seek(page.offset)
        line = handle.readline()
        try:
            data = json.loads(line)
            return PAGE_MODELS[data["page_type"]].model_validate(data)
        except (ValueError, KeyError, ValidationError) as exc:
            logger.warning("the previous record of %s cannot be reused (%s): fetching it again",
                           url, " ".join(str(exc).split())[:200])  # fmt: skip
            page.reusable = False
            return None

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        self._files = []
