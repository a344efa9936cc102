"""Page bytes to text, decoded as a browser decodes them.

The HTML standard's encoding sniffing decides, in its order
(https://html.spec.whatwg.org/multipage/parsing.html#encoding-sniffing-algorithm):

1. a byte order mark, which overrides everything else;
2. the ``charset`` of the HTTP ``Content-Type`` header;
3. a ``<meta charset>`` (or ``http-equiv`` pragma) in the first 1024 bytes;
4. detection: UTF-8 when the bytes are valid UTF-8, else chardet's reading.

Labels are resolved with the WHATWG label table (the ``webencodings``
package), as browsers resolve them: ``latin1`` and ``iso-8859-1`` are
windows-1252, and a label only Python knows (``utf_8``, ``latin_1``,
``utf-8-sig``, ``cp65001``) is no label at all, so the next step decides.

Where a browser would show U+FFFD, the page is refused instead
(:class:`Undecodable`): a record would hold a replacement character where the
page had a character nobody can know, and the data is published unread. So
are bytes no detector reads as text, and the labels WHATWG decodes to nothing
(its "replacement" encoding: ``iso-2022-kr``, ``hz-gb-2312``...).

The text goes on as UTF-8 bytes: lxml parses bytes fastest, and a UTF-8 page,
the site's own, is passed through as it came, only checked.
"""

from __future__ import annotations

import codecs
import re
from typing import NamedTuple

import chardet
import webencodings

__all__ = ["Sniffed", "Undecodable", "sniff_encoding", "to_utf8"]

#: The byte order marks the HTML standard knows (UTF-32's is UTF-16LE's and more: not one).
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_BE, "utf-16be"),
         (codecs.BOM_UTF16_LE, "utf-16le"))  # fmt: skip
#: The prescan looks at the first 1024 bytes only, as the standard says.
_PRESCAN_BYTES = 1024
#: What the prescan steps over: comments, <meta> tags (attributes kept), other markup.
#: Quoted values are taken whole, so a ">" or a "<meta" inside one is text of the value;
#: possessive quantifiers keep the scan linear whatever the bytes.
_MARKUP = re.compile(
    rb"<!--(?:.*?-->|.*)"
    rb"|<meta(?=[\s/])((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+)>"
    rb"|</?[a-z](?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+>"
    rb"|<[!/?][^>]*+>",
    re.IGNORECASE | re.DOTALL,
)
_ATTRIBUTE = re.compile(rb"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
#: "extract a character encoding from a meta element" (a content attribute's charset=).
_CONTENT_CHARSET = re.compile(rb"""charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))""", re.I)
_HEADER_CHARSET = re.compile(r"""(?:^|;)\s*charset\s*=\s*(?:"([^"]*)"|([^;,\s]+))""", re.I)
#: What a meta prescan may not pick: UTF-16 (a page that can be read as ASCII bytes is
#: not UTF-16) is UTF-8, and x-user-defined windows-1252 (the standard's rules).
_META_SUBSTITUTES = {"utf-16be": "utf-8", "utf-16le": "utf-8", "x-user-defined": "windows-1252"}

#: What chose the encoding (:attr:`Sniffed.source`).
BOM = "byte order mark"
HEADER = "Content-Type header"
META = "<meta> charset"
DETECTION = "detection"


class Undecodable(ValueError):
    """Bytes that are no text in the encoding sniffed for them; ``str()`` says why."""


class Sniffed(NamedTuple):
    """The encoding the sniffing chose and what chose it."""

    encoding: str  # the WHATWG name ("windows-1252"), or Python's for one WHATWG lacks
    source: str  # BOM, HEADER, META or DETECTION
    codec: codecs.CodecInfo
    skip: int = 0  # bytes of byte order mark before the text


def to_utf8(body: bytes, content_type: str | None = None) -> bytes:
    """``body`` (a response's bytes) as UTF-8, decoded as a browser decodes it.

    ``content_type`` is the HTTP ``Content-Type`` header, when the page came
    with one. Raises :class:`Undecodable` when the bytes are no text in the
    sniffed encoding.
    """
    sniffed = sniff_encoding(body, content_type)
    if sniffed.encoding == "replacement":
        raise Undecodable(
            f"the {sniffed.source} names an encoding browsers decode to nothing "
            "(WHATWG's replacement encoding)"
        )
    data = body[sniffed.skip :] if sniffed.skip else body
    if sniffed.encoding == "utf-8":
        if not data.isascii():  # isascii() is a fast scan; ASCII is valid UTF-8
            _decode(data, sniffed)  # checked, not copied: lxml reads the bytes as they are
        return data
    return _decode(data, sniffed).encode("utf-8")


def sniff_encoding(body: bytes, content_type: str | None = None) -> Sniffed:
    """The encoding the HTML standard's sniffing gives ``body``, and the step that gave it."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _sniffed(webencodings.lookup(name), BOM, len(bom))
    label = _header_label(content_type)
    encoding = webencodings.lookup(label) if label else None
    if encoding is not None:
        return _sniffed(encoding, HEADER)
    encoding = _meta_encoding(body[:_PRESCAN_BYTES])
    if encoding is not None:
        return _sniffed(encoding, META)
    return _detect(body)


def _sniffed(encoding: webencodings.Encoding, source: str, skip: int = 0) -> Sniffed:
    return Sniffed(encoding.name, source, encoding.codec_info, skip)


def _header_label(content_type: str | None) -> str | None:
    match = _HEADER_CHARSET.search(content_type) if content_type else None
    return (match.group(1) or match.group(2)) if match else None


def _meta_encoding(head: bytes) -> webencodings.Encoding | None:
    """The encoding named by the first ``<meta>`` that names a known one (the prescan).

    A label WHATWG does not know is no declaration: the next ``<meta>`` is looked at.
    """
    for match in _MARKUP.finditer(head):
        attributes = match.group(1)
        if attributes is None or b"charset" not in attributes.lower():
            continue
        encoding = _meta_declaration(attributes)
        if encoding is not None:
            substitute = _META_SUBSTITUTES.get(encoding.name)
            return webencodings.lookup(substitute) if substitute else encoding
    return None


def _meta_declaration(attributes: bytes) -> webencodings.Encoding | None:
    """What one ``<meta>`` declares, by the standard's attribute rules.

    A ``charset`` attribute counts as it is; a ``content`` attribute's
    ``charset=`` only with ``http-equiv="content-type"`` beside it and no
    ``charset`` attribute before it. Of two same-named attributes, the first counts.
    """
    seen: set[bytes] = set()
    encoding: webencodings.Encoding | None = None
    decided = need_pragma = got_pragma = False
    for match in _ATTRIBUTE.finditer(attributes):
        name = match.group(1).lower()
        if name in seen:
            continue
        seen.add(name)
        value = next((v for v in match.group(2, 3, 4) if v is not None), b"")
        if name == b"http-equiv":
            got_pragma = got_pragma or value.lower() == b"content-type"
        elif name == b"charset":
            encoding, decided, need_pragma = _lookup(value), True, False
        elif name == b"content" and not decided:
            found = _CONTENT_CHARSET.search(value)
            declared = _lookup(next(v for v in found.groups() if v is not None)) if found else None
            if declared is not None:
                encoding, decided, need_pragma = declared, True, True
    return None if need_pragma and not got_pragma else encoding


def _lookup(label: bytes) -> webencodings.Encoding | None:
    return webencodings.lookup(label.decode("latin-1"))


def _detect(body: bytes) -> Sniffed:
    """No declaration: UTF-8 when the bytes are UTF-8 (as Scrapy reads them), else chardet's.

    chardet reads English windows-1252 text as windows-1252 (charset-normalizer
    takes it for the Central European cp1250, "crème" becoming "crčme"), and
    says None for bytes that are no text, which are refused.
    """
    utf8 = webencodings.lookup("utf-8")
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _sniffed(utf8, DETECTION)
    found = chardet.detect(body, prefer_superset=True)["encoding"]
    try:
        codec = codecs.lookup(found or "")
    except LookupError:
        raise Undecodable(
            "no encoding is declared, and the bytes are no text in any encoding known"
        ) from None
    encoding = webencodings.lookup(found) or webencodings.lookup(codec.name)
    if encoding is not None:  # the WHATWG decoder where there is one (windows-1252's controls)
        return _sniffed(encoding, DETECTION)
    return Sniffed(codec.name, DETECTION, codec)


def _decode(data: bytes, sniffed: Sniffed) -> str:
    errors = "careerscrape-windows-1252" if sniffed.encoding == "windows-1252" else "strict"
    try:
        return sniffed.codec.decode(data, errors)[0]
    except UnicodeDecodeError as exc:
        said = "as detected" if sniffed.source == DETECTION else f"as its {sniffed.source} says"
        raise Undecodable(
            f"the page is not {sniffed.encoding} text, {said}: bytes "
            f"{exc.object[exc.start : exc.start + 4]!r} at offset {exc.start + sniffed.skip}"
        ) from None


def _windows_1252_controls(error: UnicodeError) -> tuple[str, int]:
    """The five bytes Python's cp1252 leaves undefined are C1 controls in WHATWG's index."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("careerscrape-windows-1252", _windows_1252_controls)
