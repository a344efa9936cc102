"""Page bytes are decoded as a browser decodes them: BOM, HTTP header, <meta>, detection.

Each case is a page whose bytes were decoded wrongly before (U+FFFD, an uncaught
LookupError, "truncated"), or one the HTML standard's order decides.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from careerscrape.parsing import EncodingError, ParseError, parse_page
from careerscrape.parsing.document import Document
from careerscrape.parsing.encoding import (
    BOM,
    DETECTION,
    HEADER,
    META,
    Undecodable,
    sniff_encoding,
    to_utf8,
)
from careerscrape.testing.fixtures import Fixture

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"
CHEF = Path(__file__).resolve().parents[2] / "fixtures" / "pages" / "role-chef--nextjs"
#: Words whose bytes differ in every encoding tested here, and "crème", whose "è" is
#: a "č" in the Central European code page a weaker detector picks for English text.
DUTY = "Prepare café crème desserts, a “crêpe” and the résumé of every menu."


def page(head: str = "", duty: str = DUTY) -> str:
    """A small role page: its one responsibility is ``duty``."""
    return (
        f"<!DOCTYPE html><html><head>{head}<title>What does a chef do?</title></head>"
        "<body><h1>What does a chef do?</h1><p>A chef cooks the meals of a restaurant.</p>"
        f"<h2>Chef responsibilities</h2><ul><li>{duty}</li></ul></body></html>"
    )


def duties(body: bytes, content_type: str | None = None) -> list[str]:
    return parse_page(body, URL, content_type=content_type).responsibilities


def chef_fixture() -> Fixture:
    return Fixture(CHEF.name, CHEF)


def chef_in_cp1252(meta: str = "") -> bytes:
    """The chef fixture in windows-1252, its <meta charset> replaced by ``meta``."""
    html = chef_fixture().html.decode("utf-8")
    html, count = re.subn(r'<meta charSet="utf-8"\s*/>', meta, html)
    assert count == 1
    html = html.replace("Prep; cook; deliver", f"{DUTY} Prep; cook; deliver")
    return html.encode("cp1252", errors="xmlcharrefreplace")


def without_provenance(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in {"content_sha256", "fetched_at"}}


# -- the steps in the standard's order -------------------------------------------------------


def test_a_charset_only_in_the_http_header_decodes_a_whole_windows_1252_page() -> None:
    body = chef_in_cp1252()
    assert b"charset" not in body.lower()
    record = parse_page(body, chef_fixture().url, content_type="text/html; charset=windows-1252")
    assert record.responsibilities[0] == f"{DUTY} Prep; cook; deliver and manage off site " + (
        "catering events per BEO orders."
    )
    utf8 = chef_in_cp1252().decode("cp1252").encode("utf-8")
    expected = parse_page(utf8, chef_fixture().url).model_dump()
    assert without_provenance(record.model_dump()) == without_provenance(expected)
    assert record.content_sha256 == hashlib.sha256(body).hexdigest()  # the bytes as served


@pytest.mark.parametrize("label", ["windows-1252", "WINDOWS-1252", '"cp1252"', "latin1", "ascii"])
def test_every_whatwg_label_of_windows_1252_in_the_header(label: str) -> None:
    body = page().encode("cp1252")
    assert duties(body, f"text/html; charset={label}") == [DUTY]


def test_a_page_with_no_declaration_at_all_is_detected_as_windows_1252() -> None:
    body = chef_in_cp1252()
    assert sniff_encoding(body)[:2] == ("windows-1252", DETECTION)
    assert parse_page(body, chef_fixture().url).responsibilities[0].startswith(DUTY)


def test_a_page_with_no_declaration_in_valid_utf8_is_utf8() -> None:
    body = page().encode("utf-8")
    assert sniff_encoding(body)[:2] == ("utf-8", DETECTION)
    assert duties(body) == [DUTY]


@pytest.mark.parametrize("label", ["latin_1", "utf-8-sig", "utf_8", "cp65001", "no-such-charset"])
@pytest.mark.parametrize("codec", ["utf-8", "cp1252"])
def test_a_meta_label_python_knows_and_whatwg_does_not_is_no_declaration(
    label: str, codec: str
) -> None:
    """Before: libxml2 raised LookupError for these. A browser ignores them: detection decides."""
    body = page(f'<meta charset="{label}">').encode(codec)
    assert sniff_encoding(body)[:2] == ({"utf-8": "utf-8"}.get(codec, "windows-1252"), DETECTION)
    assert duties(body) == [DUTY]


@pytest.mark.parametrize("label", ["latin_1", "utf_8", "cp65001"])
def test_a_header_label_whatwg_does_not_know_leaves_the_meta_to_decide(label: str) -> None:
    body = page('<meta charset="windows-1252">').encode("cp1252")
    assert sniff_encoding(body, f"text/html; charset={label}")[:2] == ("windows-1252", META)
    assert duties(body, f"text/html; charset={label}") == [DUTY]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_page_with_a_bom_is_read_not_called_truncated(codec: str) -> None:
    chef = chef_fixture()
    html = chef.html.decode("utf-8").replace('<meta charSet="utf-8"/>', '<meta charset="utf-16">')
    body = "\ufeff".encode(codec) + html.encode(codec)
    assert sniff_encoding(body)[:2] == (codec.replace("-le", "le").replace("-be", "be"), BOM)
    record = parse_page(body, chef.url)
    assert without_provenance(record.model_dump()) == without_provenance(
        parse_page(chef.html, chef.url).model_dump()
    )
    assert len(record.responsibilities) == 12
    assert record.content_sha256 == hashlib.sha256(body).hexdigest()


def test_the_bom_overrides_the_header_and_the_meta() -> None:
    body = b"\xef\xbb\xbf" + page('<meta charset="windows-1252">').encode("utf-8")
    assert sniff_encoding(body, "text/html; charset=windows-1252")[:2] == ("utf-8", BOM)
    assert duties(body, "text/html; charset=windows-1252") == [DUTY]


def test_the_header_overrides_the_meta() -> None:
    body = page('<meta charset="utf-8">').encode("cp1252")
    assert sniff_encoding(body, "text/html; charset=iso-8859-1")[:2] == ("windows-1252", HEADER)
    assert duties(body, "text/html; charset=iso-8859-1") == [DUTY]


def test_a_utf16_header_decodes_a_page_without_bom() -> None:
    body = page().encode("utf-16-le")
    assert duties(body, "text/html; charset=utf-16le") == [DUTY]


@pytest.mark.parametrize(
    "head",
    [
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">',
        "<meta content='text/html;charset=\"windows-1252\"' http-equiv=content-type>",
        "<META CHARSET=windows-1252>",
        '<meta charset="bogus"><meta charset="windows-1252">',  # an unknown label is skipped
        '<meta charset="windows-1252" charset="utf-8">',  # the first of two attributes counts
        '<meta charset="x-user-defined">',  # the standard reads it as windows-1252
    ],
)
def test_the_meta_prescan_follows_the_standard(head: str) -> None:
    body = page(head).encode("cp1252")
    assert sniff_encoding(body)[:2] == ("windows-1252", META)
    assert duties(body) == [DUTY]


@pytest.mark.parametrize(
    "head",
    [
        '<meta content="text/html; charset=shift_jis">',  # content= counts only with http-equiv
        '<!-- <meta charset="shift_jis"> -->',  # inside a comment
        '<link title="<meta charset=shift_jis>">',  # inside an attribute value
        "<script>/*" + "x" * 1024 + '*/</script><meta charset="shift_jis">',  # after 1024 bytes
    ],
)
def test_what_the_meta_prescan_does_not_read(head: str) -> None:
    body = page(head).encode("utf-8")
    assert sniff_encoding(body)[:2] == ("utf-8", DETECTION)
    assert duties(body) == [DUTY]


def test_a_utf16_meta_on_a_page_read_as_bytes_is_utf8() -> None:
    """The standard's rule: a page whose <meta> could be read is no UTF-16 page."""
    body = page('<meta charset="utf-16">').encode("utf-8")
    assert sniff_encoding(body)[:2] == ("utf-8", META)
    assert duties(body) == [DUTY]


def test_a_non_latin_page_without_declaration_is_detected() -> None:
    duty = "Готовить блюда и управлять кухней ресторана каждый день. " * 3
    body = page(duty=duty.strip()).encode("cp1251")
    assert sniff_encoding(body)[:2] == ("windows-1251", DETECTION)
    assert duties(body) == [duty.strip()]


def test_windows_1252_bytes_python_leaves_undefined_are_the_whatwg_controls() -> None:
    body = page('<meta charset="windows-1252">', duty="Cook\x81 meals.").encode("latin-1")
    assert to_utf8(body).decode("utf-8").count("\x81") == 1


def test_a_utf8_page_is_passed_through_as_it_came() -> None:
    body = page('<meta charset="utf-8">').encode("utf-8")
    assert to_utf8(body, "text/html; charset=utf-8") is body


def test_a_meta_in_text_given_to_the_parser_is_not_obeyed() -> None:
    doc = Document.parse(page('<meta charset="shift_jis">'))
    assert doc.find(re.compile("crème"), kinds=("item",)).text == DUTY


# -- what cannot be decoded is a reject, never U+FFFD ------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (page().encode("cp1252"), "text/html; charset=utf-8",
         "the page is not utf-8 text, as its Content-Type header says: bytes b'\\xe9 cr"),
        (page('<meta charset="utf-8">').encode("cp1252"), None,
         "the page is not utf-8 text, as its <meta> charset says"),
        (b"\xef\xbb\xbf" + page().encode("cp1252"), None,
         "the page is not utf-8 text, as its byte order mark says"),
        (page('<meta charset="iso-2022-kr">').encode("utf-8"), None,
         "the <meta> charset names an encoding browsers decode to nothing"),
        (page().encode("utf-8"), "text/html; charset=hz-gb-2312",
         "the Content-Type header names an encoding browsers decode to nothing"),
        (b"\xff\xfe" + page().encode("utf-16-le")[:-1], None,
         "the page is not utf-16le text, as its byte order mark says"),
        (bytes(range(256)) * 40 + b"</body></html>", None,
         "no encoding is declared, and the bytes are no text in any encoding known"),
    ],
    ids=["header", "meta", "bom", "replacement-meta", "replacement-header", "odd-utf16", "binary"],
)  # fmt: skip
def test_a_page_that_cannot_be_decoded_is_an_encoding_error(
    body: bytes, content_type: str | None, message: str
) -> None:
    with pytest.raises(EncodingError) as exc:
        parse_page(body, URL, content_type=content_type)
    assert isinstance(exc.value, ParseError)  # every caller of parse_page catches it
    assert str(exc.value).startswith(f"undecodable page: {message}")
    with pytest.raises(Undecodable):
        to_utf8(body, content_type)


def test_a_str_that_is_no_text_is_an_encoding_error() -> None:
    with pytest.raises(EncodingError, match="surrogates not allowed"):
        parse_page(page(duty="Cook \ud800 meals."), URL)


def test_a_nul_byte_is_dropped_from_the_text_as_a_browser_drops_it() -> None:
    """libxml2 would make it U+FFFD, a character the page never showed."""
    body = page(duty="Prepare café\x00 crème.").encode("utf-8")
    assert duties(body) == ["Prepare café crème."]
    assert parse_page(body, URL).content_sha256 == hashlib.sha256(body).hexdigest()
