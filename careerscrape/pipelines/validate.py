"""Only contract records go on: dict items are validated into their model, failures rejected."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from careerscrape.items import Reject
from careerscrape.models import PAGE_MODELS, PageRecord


class ValidatePipeline:
    """Records built by the parsers are validated on construction and pass as they are;
    a dict item (from another spider or a middleware) is validated here."""

    def process_item(self, item: Any) -> Any:
        if isinstance(item, (PageRecord, Reject)) or not isinstance(item, dict):
            return item
        model = PAGE_MODELS.get(item.get("page_type", ""))
        url = str(item.get("url", ""))
        if model is None:
            return Reject(url, "validation", f"unknown page_type {item.get('page_type')!r}")
        try:
            return model.model_validate(item)
        except ValidationError as exc:
            return Reject(
                url, "validation", f"{exc.error_count()} validation errors",
                errors=exc.errors(include_url=False, include_context=False, include_input=False),
            )  # fmt: skip
