"""Feed exporters and storage for Pydantic records.

Scrapy's default exporters serialise datetimes as "YYYY-MM-DD HH:MM:SS", write
Python reprs into CSV and know nothing of Pydantic types; every careerscrape feed
exports ``model_dump(mode="json")`` instead, exactly what the data contract
describes, so that JSON, JSON Lines and CSV feeds hold the same values in the
same forms. The formats are those of ``FEED_EXPORTERS``; any other (xml, marshal,
pickle) is refused before the crawl starts (careerscrape.run.preflight).

A CSV feed (``-O records.csv``) is flat, one column per scalar field, by one rule:
a nested object's fields are columns ``parent_child`` (``salary_range_min``), the two
sides of a comparison ``roles_1_...`` (left column) and ``roles_2_...``, and any other
list is one column holding it as JSON text. The columns are those of every record
type, ``page_type`` telling which a row is; an empty cell is null. The dialect is
:mod:`careerscrape.export.writers`'s (RFC 4180, UTF-8, CRLF).

Feeds are written to a temporary file and renamed into place when the crawl
closes, so a reader never sees half a feed.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import IO, Any

from itemadapter import ItemAdapter
from pydantic import BaseModel
from scrapy.exporters import BaseItemExporter, JsonItemExporter, JsonLinesItemExporter
from scrapy.extensions.feedexport import FileFeedStorage

from careerscrape.atomic import commit_temp, make_temp
from careerscrape.models import PAGE_MODELS, PageRecord, list_item, plain_type


def record_dict(item: Any) -> dict[str, Any]:
    """A record (or any item) as the plain JSON-ready dict the feeds hold."""
    if isinstance(item, BaseModel):
        return item.model_dump(mode="json")
    return ItemAdapter(item).asdict()


class RecordJsonLinesExporter(JsonLinesItemExporter):
    """One record a line: :meth:`~careerscrape.models.PageRecord.json_line`."""

    def export_item(self, item: Any) -> None:
        if isinstance(item, PageRecord) and self.encoding in (None, "utf-8"):
            self.file.write(item.json_line())
            return
        line = json.dumps(record_dict(item), ensure_ascii=False) + "\n"
        self.file.write(line.encode(self.encoding or "utf-8"))


class RecordJsonExporter(JsonItemExporter):
    def get_serialized_fields(self, item: Any, default_value: Any = None, include_empty=None):
        # Scrapy 2.19 calls this (no longer _get_serialized_fields): the JSON-ready dict.
        return iter(record_dict(item).items())


def _model_of(annotation: Any) -> type[BaseModel] | None:
    plain = plain_type(annotation)
    return plain if isinstance(plain, type) and issubclass(plain, BaseModel) else None


def _flat(model: type[BaseModel], values: dict[str, Any] | None, prefix: str = "") -> dict:
    """``{column: cell}`` of a record (``values`` None: the columns only), by the rule above."""
    row: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        value = None if values is None else values.get(name)
        item, nested = list_item(field.annotation), _model_of(field.annotation)
        pair = [m for m in field.metadata if getattr(m, "min_length", None) == 2]
        if item is not None and _model_of(item) and pair:  # a comparison's two sides
            for side in (1, 2):
                one = None if value is None or len(value) < side else value[side - 1]
                row.update(_flat(_model_of(item), one, f"{prefix}{name}_{side}_"))
        elif nested is not None:
            row.update(_flat(nested, value or ({} if values is not None else None),
                             f"{prefix}{name}_"))  # fmt: skip
        elif item is not None:
            row[f"{prefix}{name}"] = json.dumps(value, ensure_ascii=False) if value else None
        else:
            row[f"{prefix}{name}"] = value
    return row


#: The CSV feed's columns: those of every record type, each once, in model order.
CSV_COLUMNS = list(dict.fromkeys(c for model in PAGE_MODELS.values() for c in _flat(model, None)))


class RecordCsvExporter(BaseItemExporter):
    """A flat CSV feed of records (see the module): one row per record, the same values."""

    def __init__(self, file: IO[bytes], **kwargs: Any) -> None:
        super().__init__(dont_fail=True, **kwargs)
        self.stream = io.TextIOWrapper(file, encoding=self.encoding or "utf-8", newline="",
                                       write_through=True)  # fmt: skip
        self.writer = csv.writer(self.stream, dialect="excel", lineterminator="\r\n")

    def start_exporting(self) -> None:
        self.writer.writerow(CSV_COLUMNS)

    def export_item(self, item: Any) -> None:
        values = record_dict(item)
        model = PAGE_MODELS.get(values.get("page_type", ""))
        row = _flat(model, values) if model is not None else values
        self.writer.writerow(["" if row.get(c) is None else row[c] for c in CSV_COLUMNS])

    def finish_exporting(self) -> None:
        self.stream.detach()  # the feed storage closes the file


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
