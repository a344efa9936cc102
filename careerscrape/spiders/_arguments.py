"""``scrapy crawl careers -a NAME=VALUE`` arguments, declared and validated in one place.

Spider arguments arrive as strings; this model turns them into typed values
and refuses bad ones at start with a message naming the argument, instead of
failing later in the crawl. ``careerscrape schema`` does not include it, but
``CrawlArguments.model_json_schema()`` describes every argument.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from scrapy.exceptions import UsageError

from careerscrape.models import Slug
from careerscrape.site import Site


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class CrawlArguments(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    roles: Annotated[list[Slug], Field(title="Role slugs", description=(
        "Comma-separated role slugs to start from, e.g. customer-service-director,registered-nurse."
    ))] = []  # fmt: skip
    urls: Annotated[list[str], Field(title="Start URLs", description=(
        "Comma-separated page URLs to start from; relative ones resolve against `site`."
    ))] = []  # fmt: skip
    url_file: Annotated[
        Path | None, Field(description="A file of start URLs, one a line; # comments.")
    ] = None
    sitemap: Annotated[
        str | None, Field(description="A sitemap (or sitemap index) URL to start from.")
    ] = None
    depth: Annotated[int, Field(ge=0, le=20, description=(
        "Link hops to follow from the start pages: 0 = start pages only; 1 (default) = "
        "their comparisons (from a role page) or roles (from a comparison page)."
    ))] = 1  # fmt: skip
    site: Annotated[str | None, Field(description=(
        "Base URL of the site to crawl: the live site, or a mirror (local server, archive). "
        "Overrides the SITE_URL setting."
    ))] = None  # fmt: skip
    replay: Annotated[Path | None, Field(description=(
        "Answer every request from this vcrpy cassette; no network. Overrides CASSETTE_REPLAY."
    ))] = None  # fmt: skip
    record: Annotated[Path | None, Field(description=(
        "Save every live response into this vcrpy cassette. Overrides CASSETTE_RECORD."
    ))] = None  # fmt: skip
    archive: Annotated[list[Path], Field(description=(
        "Answer every request from these web archives (comma-separated WARC files, such as "
        "a run folder's pages.warc.gz), never the network: the newest capture of each URL "
        "answers. Overrides ARCHIVE_REPLAY."
    ))] = []  # fmt: skip
    previous: Annotated[Path | None, Field(description=(
        "A refresh run: the output folder of the previous run (often this run's own). Pages "
        "are asked for conditionally, unchanged ones keep their previous record unparsed, "
        "and changes.json reports what changed. A folder that does not exist yet (the first "
        "run) makes a full crawl. Overrides the PREVIOUS_DIR setting."
    ))] = None  # fmt: skip

    _split_lists = field_validator("roles", "urls", "archive", mode="before")(_split)

    @field_validator("site")
    @classmethod
    def _absolute_site(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/") + "/"

    @model_validator(mode="after")
    def _consistent(self) -> CrawlArguments:
        if self.replay and self.record:
            raise ValueError("replay= and record= exclude each other")
        if self.replay and self.archive:
            raise ValueError("replay= and archive= exclude each other")
        for name, path in (("url_file", self.url_file), ("replay", self.replay),
                           *(("archive", path) for path in self.archive)):  # fmt: skip
            if path is not None and not path.is_file():
                raise ValueError(f"{name}: no such file: {path}")
        if self.previous is not None and self.previous.exists() and not self.previous.is_dir():
            raise ValueError(f"previous: not a folder: {self.previous}")
        return self

    @classmethod
    def for_crawl(cls, kwargs: dict[str, Any], settings: Any) -> CrawlArguments:
        """The arguments of a crawl job, checked before its first request: something to
        start from, and start URLs and sitemap on the crawled (or canonical) site."""
        arguments = cls.from_spider_kwargs(kwargs)
        if not (arguments.roles or arguments.urls or arguments.url_file or arguments.sitemap):
            raise UsageError("give something to start from: roles=, urls=, url_file= or sitemap=")
        site = Site(arguments.site or settings.get("SITE_URL"), settings.get("CANONICAL_SITE"))
        for name, urls in (("urls", arguments.urls), ("sitemap", [arguments.sitemap or ""])):
            for url in filter(None, urls):
                scheme = urlsplit(url).scheme.lower()
                if scheme not in ("", "http", "https") or not site.is_own(site.resolve(url)):
                    raise UsageError(f"{name}: {url} is not an http(s) URL of the crawled site "
                                     f"({urlsplit(site.base).netloc})")  # fmt: skip
        return arguments

    @classmethod
    def from_spider_kwargs(cls, kwargs: dict[str, Any]) -> CrawlArguments:
        """Validate ``-a`` arguments; Scrapyd's own (``_job``, ...) are left aside."""
        mine = {k: v for k, v in kwargs.items() if not k.startswith("_")}
        try:
            return cls(**mine)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or 'arguments'}: "
                + e["msg"].removeprefix("Value error, ")
                for e in exc.errors()
            )
            raise UsageError(f"careers spider: bad arguments: {problems}") from None

    def as_settings(self) -> dict[str, str]:
        """The arguments that components read, as the settings they override."""
        given = {
            "SITE_URL": self.site,
            "CASSETTE_REPLAY": self.replay,
            "CASSETTE_RECORD": self.record,
            "PREVIOUS_DIR": self.previous,
            "ARCHIVE_REPLAY": ",".join(map(str, self.archive)) or None,
        }
        return {name: str(value) for name, value in given.items() if value is not None}

    def start_urls(self) -> list[str]:
        """URLs given directly or in ``url_file``, in order."""
        urls = list(self.urls)
        if self.url_file:
            for line in self.url_file.read_text(encoding="utf-8").splitlines():
                line = line.split("#", 1)[0].strip()
                if line:
                    urls.append(line)
        return urls
