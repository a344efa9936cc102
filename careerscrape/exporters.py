"""Feed exporters and storage for Pydantic records.

Scrapy's default JSON exporters serialise datetimes as "YYYY-MM-DD HH:MM:SS"
and know nothing of Pydantic types; records are exported as
``model_dump(mode="json")`` instead, exactly what the data contract describes.
Feeds are written to a temporary file and renamed into place when the crawl
closes, so a reader never sees half a feed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from pydantic import BaseModel
from scrapy.exporters import JsonItemExporter, JsonLinesItemExporter
from scrapy.extensions.feedexport import FileFeedStorage

from careerscrape.atomic import commit_temp, make_temp


def record_dict(item: Any) -> dict[str, Any]:
    """A record (or any item) as the plain JSON-ready dict the feeds hold."""
    if isinstance(item, BaseModel):
        return item.model_dump(mode="json")
    return ItemAdapter(item).asdict()


class RecordJsonLinesExporter(JsonLinesItemExporter):
    def export_item(self, item: Any) -> None:
        line = json.dumps(record_dict(item), ensure_ascii=False) + "\n"
        self.file.write(line.encode(self.encoding or "utf-8"))


class RecordJsonExporter(JsonItemExporter):
    def _get_serialized_fields(self, item: Any, default_value: Any = None, include_empty=None):
        return iter(record_dict(item).items())


class AtomicFileFeedStorage(FileFeedStorage):
    """Local-file feed storage that renames a finished temporary file into place.

    A feed with the option ``"stream": True`` (the record feeds of a run folder,
    careerscrape.addons) is written straight to its name instead, unbuffered: each
    record is on disk as soon as it is exported, so a run that is killed keeps every
    record it made. Nobody reads a run folder before it is published whole.
    """

    def __init__(self, uri: str, *, feed_options: dict[str, Any] | None = None) -> None:
        super().__init__(uri, feed_options=feed_options)
        self.stream = bool((feed_options or {}).get("stream"))

    def open(self, spider: Any = None) -> IO[bytes]:
        target = Path(self.path)
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.stream:
            return target.open(self.write_mode, buffering=0)
        if self.write_mode == "ab":  # appending (-o) cannot be atomic: keep Scrapy's way
            return target.open("ab")
        handle, self._temp = make_temp(target, "wb")
        return handle

    def store(self, file: IO[bytes]) -> None:
        if getattr(self, "_temp", None):
            commit_temp(file, self._temp, self.path)
        else:
            file.close()
