"""Fuzz: damaged page bytes give a record or a refusal, never a crash of another kind.

Every fixture page is damaged at random: bytes flipped, inserted or cut out, the
page cut short, its <meta> charset label replaced (by a WHATWG label, a label only
Python knows, an unknown or a "replacement" one), a byte order mark put in front,
the whole page re-encoded, and a Content-Type header with a right or wrong charset.
``parse_page`` must return a record, or raise :class:`ParseError` (the crawl's
``parse``, ``encoding``, ``blocked`` rejects) or pydantic's ``ValidationError``:
a flipped digit may make a value the data contract refuses (a page dated 9025),
and refusing it is right; the crawl rejects it as ``validation``. Anything else
(LookupError, UnicodeError, IndexError...) is a page a crawl would lose.

A record holds no U+FFFD: undecodable bytes are refused, not replaced.

Examples are drawn with a fixed seed and no shrinking: the same ones every run.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from careerscrape.models import PageRecord
from careerscrape.parsing import ParseError, parse_page
from careerscrape.testing.fixtures import Fixture, load_fixtures

pytestmark = pytest.mark.property

FIXTURES = load_fixtures(Path(__file__).resolve().parents[2] / "fixtures" / "pages")
#: After every fixture's page date, so that only a damaged date is refused.
FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)
FUZZ_SEED = 20261207

LABELS = (
    # WHATWG labels, right and wrong for the bytes
    "utf-8", "UTF8", "unicode-1-1-utf-8", "latin1", "windows-1252", "iso-8859-2", "koi8-r",
    "shift_jis", "euc-jp", "gb18030", "big5", "utf-16", "utf-16be", "x-user-defined",
    # WHATWG's "replacement" labels: no text at all
    "iso-2022-kr", "hz-gb-2312", "replacement",
    # labels Python knows and WHATWG does not, and no label at all
    "latin_1", "utf_8", "utf-8-sig", "cp65001", "utf-7", "mbcs", "", "no-such-charset", "\x00",
)  # fmt: skip
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")
ENCODINGS = ("utf-16-le", "utf-16-be", "cp1252", "shift_jis", "utf-32")
#: Damage, the kinds that leave a page readable drawn more often than a cut.
KINDS = ("flip", "flip", "insert", "delete", "cut", "label", "label", "meta", "bom")
_META_LABEL = re.compile(rb"""(charset\s*=\s*["']?)[\w-]*""", re.I)

HEADERS = st.one_of(
    st.none(),
    st.just("text/html"),
    st.sampled_from(LABELS).map(lambda label: f"text/html; charset={label}"),
    st.sampled_from(LABELS).map(lambda label: f'text/html;charset="{label}"'),
)


@st.composite
def damaged_pages(draw: st.DrawFn) -> tuple[Fixture, bytes, str | None]:
    """(fixture, damaged bytes, Content-Type header or None)."""
    fixture = draw(st.sampled_from(FIXTURES))
    body = fixture.html
    encoding = draw(st.one_of(st.none(), st.sampled_from(ENCODINGS)))
    if encoding:  # the whole page in another encoding, its <meta> unchanged
        body = body.decode("utf-8").encode(encoding, errors="xmlcharrefreplace")
    page = bytearray(body)
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        _damage(draw, page)
    return fixture, bytes(page), draw(HEADERS)


def _damage(draw: st.DrawFn, page: bytearray) -> None:
    kind = draw(st.sampled_from(KINDS))
    at = draw(st.integers(min_value=0, max_value=max(len(page) - 1, 0)))
    if kind == "flip":
        for offset in draw(st.lists(st.integers(0, 4096), min_size=1, max_size=8)):
            if at + offset < len(page):
                page[at + offset] ^= draw(st.integers(min_value=1, max_value=255))
    elif kind == "insert":
        page[at:at] = draw(st.binary(min_size=1, max_size=16))
    elif kind == "delete":
        del page[at : at + draw(st.integers(min_value=1, max_value=2048))]
    elif kind == "cut":
        del page[at:]
    elif kind == "label":  # the page's own charset label replaced
        label = draw(st.sampled_from(LABELS)).encode("latin-1")
        page[:] = _META_LABEL.sub(lambda m: m.group(1) + label, bytes(page), count=1)
    elif kind == "meta":  # a <meta charset> of its own, before everything else
        label = draw(st.sampled_from(LABELS)).encode("latin-1")
        page[0:0] = b'<meta charset="' + label + b'">'
    else:
        page[0:0] = draw(st.sampled_from(BOMS))


@seed(FUZZ_SEED)
@settings(
    max_examples=1000,
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large),
)
@given(damaged=damaged_pages())
def test_a_damaged_page_is_a_record_or_a_refusal(
    damaged: tuple[Fixture, bytes, str | None],
) -> None:
    fixture, body, content_type = damaged
    try:
        record = parse_page(body, fixture.url, fetched_at=FETCHED_AT, content_type=content_type)
    except (ParseError, ValidationError):
        return
    assert isinstance(record, PageRecord)
    assert record.content_sha256 == hashlib.sha256(body).hexdigest()
    assert "\ufffd" not in record.model_dump_json(), "a record holds a replacement character"
