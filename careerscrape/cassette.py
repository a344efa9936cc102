"""vcrpy cassettes without vcrpy's patching: read them into a lookup, write them anew.

vcrpy records and replays HTTP by patching ``http.client`` and friends; Scrapy
downloads through Twisted, which vcrpy does not hook. This module is the
Scrapy-free half of the bridge (the other is the downloader middleware
:class:`careerscrape.downloadermiddlewares.cassette.CassetteMiddleware`): it reads a
cassette into a lookup keyed by ``(method, URL)`` and
writes one from collected interactions. The file format is vcrpy's own: files
are read and written with vcrpy's ``serialize``/``deserialize`` and its YAML
serializer, so what vcrpy records this module reads, and what this module
writes ``vcr.use_cassette(path, record_mode="none")`` replays.

Matching follows vcrpy's default ``match_on`` (method, scheme, host, port,
path, query), through :func:`normalize_url`: two URLs vcrpy's default
matchers take for the same request give the same key here.

Bodies are bytes as they went over the wire. One vcrpy quirk is undone on
reading: recording through urllib3 2 (requests), vcrpy saves the body already
decompressed yet keeps ``Content-Encoding: gzip``; such a stale header is
dropped (see :func:`_without_stale_encoding`). vcrpy itself does not decode
a body on replay through requests, so a cassette holding a gzip body gives a
requests user the gzip bytes; Scrapy's HttpCompressionMiddleware decodes it.
"""

from __future__ import annotations

import http
import os
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlparse

import yaml
from vcr.request import Request as VcrRequest
from vcr.serialize import deserialize, serialize
from vcr.serializers import yamlserializer

from careerscrape.atomic import atomic_open

__all__ = [
    "CassetteError",
    "CassetteIndex",
    "CassetteWriter",
    "Interaction",
    "build_cassette",
    "load_cassette",
    "normalize_url",
    "request_key",
]

#: Request headers never written to a cassette: a cassette is meant to be committed.
SECRET_REQUEST_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})

_DEFAULT_PORTS = {"http": 80, "https": 443}

Headers = dict[str, list[str]]
HeaderInput = Mapping[str, str | Sequence[str]] | Iterable[tuple[str, str]]


class CassetteError(ValueError):
    """A cassette file that cannot be read (not vcrpy's format, empty, broken YAML...)."""


def normalize_url(url: str) -> str:
    """``url`` reduced to what vcrpy's default matchers compare.

    vcrpy parses the URI with :func:`urllib.parse.urlparse` and compares the
    scheme, the host name (lower-cased, no user info), the port (the scheme's
    default when none is written), the path (empty = ``/``; ``;params`` and the
    fragment are not compared) and the query as a sorted list of decoded
    ``(name, value)`` pairs (blank values dropped, as ``parse_qsl`` does).
    The result is a URL again, so it reads well in messages.
    """
    parts = urlparse(url)
    host = parts.hostname or ""
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None:
        port = _DEFAULT_PORTS.get(parts.scheme)
    authority = f"{host}:{port}" if port is not None else host
    query = urlencode(sorted(parse_qsl(parts.query)))
    return f"{parts.scheme}://{authority}{parts.path or '/'}" + (f"?{query}" if query else "")


def request_key(method: str, url: str) -> tuple[str, str]:
    """The lookup key of a request: (upper-case method, :func:`normalize_url`)."""
    return method.upper(), normalize_url(url)


def _header_lists(headers: HeaderInput | None) -> Headers:
    """{name: [values]} from a mapping of str or lists, or from (name, value) pairs."""
    result: Headers = {}
    if headers is None:
        return result
    pairs = headers.items() if isinstance(headers, Mapping) else headers
    for name, value in pairs:
        values = [value] if isinstance(value, str | bytes) else list(value)
        result.setdefault(_text(name), []).extend(_text(v) for v in values)
    return result


def _text(value: str | bytes) -> str:
    """Header text as http.client gives it (ISO-8859-1), which is what vcrpy records."""
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _wire(value: str) -> bytes:
    """The bytes of a header value read from a cassette (inverse of :func:`_text`)."""
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:  # hand-written cassette with non-Latin-1 text
        return value.encode("utf-8")


@dataclass
class Interaction:
    """One recorded request and its response; ``body`` is the body as sent on the wire."""

    method: str
    url: str
    status: int
    headers: Headers = field(default_factory=dict)
    body: bytes = b""
    reason: str = ""
    request_headers: Headers = field(default_factory=dict)
    request_body: bytes | None = None

    @property
    def key(self) -> tuple[str, str]:
        return request_key(self.method, self.url)

    def header(self, name: str) -> str | None:
        """The first value of response header ``name`` (any case), or None."""
        wanted = name.lower()
        for key, values in self.headers.items():
            if key.lower() == wanted and values:
                return values[0]
        return None

    def wire_headers(self) -> dict[bytes, list[bytes]]:
        """Response headers as bytes, as an HTTP client library receives them."""
        return {_wire(k): [_wire(v) for v in values] for k, values in self.headers.items()}

    # -- vcrpy's in-memory form ------------------------------------------------------------

    @classmethod
    def from_vcr(cls, request: VcrRequest, response: Mapping) -> Interaction:
        status = response.get("status") or {}
        body = (response.get("body") or {}).get("string") or b""
        if isinstance(body, str):
            body = body.encode("utf-8")
        request_body = request.body
        if hasattr(request_body, "read"):
            request_body = request_body.read()
        elif request_body is not None and not isinstance(request_body, bytes | str):
            request_body = b"".join(request_body)
        if isinstance(request_body, str):
            request_body = request_body.encode("utf-8")
        body = bytes(body)
        return cls(
            method=request.method,
            url=request.uri,
            status=int(status.get("code", 0)),
            reason=str(status.get("message") or ""),
            headers=_without_stale_encoding(_header_lists(response.get("headers") or {}), body),
            body=body,
            request_headers=_header_lists(dict(request.headers)),
            request_body=request_body or None,
        )

    def to_vcr(self) -> tuple[VcrRequest, dict]:
        """(vcrpy Request, vcrpy response dict): what vcrpy itself appends when recording."""
        request_headers = {
            name: ", ".join(values)
            for name, values in self.request_headers.items()
            if name.lower() not in SECRET_REQUEST_HEADERS
        }
        request = VcrRequest(self.method, self.url, self.request_body, request_headers)
        response = {
            "status": {"code": self.status, "message": self.reason or _reason(self.status)},
            "headers": {name: list(values) for name, values in self.headers.items()},
            "body": {"string": self.body},
        }
        return request, response


def _looks_encoded(body: bytes, coding: str) -> bool | None:
    """Is ``body`` compressed with content-coding ``coding``? None when it cannot be told."""
    if coding in {"gzip", "x-gzip"}:
        return body[:2] == b"\x1f\x8b"
    if coding == "zstd":
        return body[:4] == b"\x28\xb5\x2f\xfd"
    if coding == "deflate":
        for wbits in (zlib.MAX_WBITS, -zlib.MAX_WBITS):  # zlib stream, or raw deflate
            try:
                zlib.decompress(body, wbits)
            except zlib.error:
                continue
            return True
        return False
    if coding == "br":  # no magic number; compressed data is practically never UTF-8 text
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return True
        return False
    return None


def _without_stale_encoding(headers: Headers, body: bytes) -> Headers:
    """``headers`` less a ``Content-Encoding`` that ``body`` no longer has.

    vcrpy recording through urllib3 2 (requests) saves the body already
    decoded but keeps the server's ``Content-Encoding: gzip`` (and the
    compressed ``Content-Length``). Served as is, such a response would be
    decoded a second time and fail; the header and the length are dropped.
    """
    codings = [
        coding.strip().lower()
        for name, values in headers.items()
        if name.lower() == "content-encoding"
        for value in values
        for coding in value.split(",")
        if coding.strip()
    ]
    if not body or not codings or _looks_encoded(body, codings[-1]) is not False:
        return headers
    stale = {"content-encoding", "content-length"}
    return {name: values for name, values in headers.items() if name.lower() not in stale}


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


class CassetteIndex:
    """The interactions of a cassette, looked up by (method, normalised URL).

    A request recorded several times (a retried 503, then the 200) keeps every
    recording in order; :meth:`play` hands them out in that order, as vcrpy
    does, and keeps answering with the last one once all were played.
    """

    def __init__(self, interactions: Iterable[Interaction] = (), path: Path | None = None):
        self.path = path
        self._by_key: dict[tuple[str, str], list[Interaction]] = {}
        self._played: Counter[tuple[str, str]] = Counter()
        for interaction in interactions:
            self._by_key.setdefault(interaction.key, []).append(interaction)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> CassetteIndex:
        """Read a vcrpy YAML cassette; :class:`CassetteError` when it is not one."""
        path = Path(path)
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            raise CassetteError(f"{path}: empty cassette")
        try:
            loaded = deserialize(text, yamlserializer)
        except (ValueError, KeyError, TypeError, yaml.YAMLError) as exc:
            raise CassetteError(f"{path}: not a vcrpy cassette ({exc})") from exc
        requests, responses = loaded[0], loaded[1]
        return cls(
            (Interaction.from_vcr(rq, rs) for rq, rs in zip(requests, responses, strict=True)),
            path=path,
        )

    def __len__(self) -> int:
        return sum(len(found) for found in self._by_key.values())

    def __iter__(self) -> Iterator[Interaction]:
        for found in self._by_key.values():
            yield from found

    def __contains__(self, request: object) -> bool:
        if not isinstance(request, tuple) or len(request) != 2:
            return False
        return request_key(*request) in self._by_key

    def keys(self) -> list[tuple[str, str]]:
        return list(self._by_key)

    def find(self, method: str, url: str) -> list[Interaction]:
        """Every recording of the request, in recording order (empty when none)."""
        return list(self._by_key.get(request_key(method, url), ()))

    def get(self, method: str, url: str) -> Interaction | None:
        """The first recording of the request, or None."""
        found = self._by_key.get(request_key(method, url))
        return found[0] if found else None

    def play(self, method: str, url: str) -> Interaction | None:
        """The next recording of the request (the last one again when all were played)."""
        key = request_key(method, url)
        found = self._by_key.get(key)
        if not found:
            return None
        index = min(self._played[key], len(found) - 1)
        self._played[key] += 1
        return found[index]


def load_cassette(path: str | os.PathLike[str]) -> CassetteIndex:
    """Shorthand for :meth:`CassetteIndex.load`."""
    return CassetteIndex.load(path)


class CassetteWriter:
    """Collects interactions and saves them as one vcrpy cassette, atomically.

    Interactions are saved in the order they were added (vcrpy replays a
    request recorded twice in that order). Request headers named in
    :data:`SECRET_REQUEST_HEADERS` are left out.
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.interactions: list[Interaction] = []

    def __len__(self) -> int:
        return len(self.interactions)

    def add(self, interaction: Interaction) -> None:
        self.interactions.append(interaction)

    def record(
        self,
        url: str,
        status: int,
        headers: HeaderInput | None = None,
        body: bytes | str = b"",
        *,
        method: str = "GET",
        reason: str = "",
        request_headers: HeaderInput | None = None,
        request_body: bytes | None = None,
    ) -> Interaction:
        """Add one interaction from plain values; str bodies are stored as UTF-8."""
        interaction = Interaction(
            method=method.upper(),
            url=url,
            status=int(status),
            headers=_header_lists(headers),
            body=body.encode("utf-8") if isinstance(body, str) else bytes(body),
            reason=reason,
            request_headers=_header_lists(request_headers),
            request_body=request_body or None,
        )
        self.add(interaction)
        return interaction

    def dumps(self) -> str:
        """The cassette's YAML text, made by vcrpy's own serializer."""
        pairs = [interaction.to_vcr() for interaction in self.interactions]
        cassette = {"requests": [rq for rq, _ in pairs], "responses": [rs for _, rs in pairs]}
        return serialize(cassette, yamlserializer)

    def save(self) -> Path:
        """Write the cassette: readers see the previous file or the new one, never half."""
        text = self.dumps()
        with atomic_open(self.path) as handle:
            handle.write(text)
        return self.path


def build_cassette(
    path: str | os.PathLike[str],
    pages: Iterable[tuple[str, int, HeaderInput | None, bytes | str]],
) -> int:
    """Write a cassette of GET responses from ``(url, status, headers, body)`` tuples.

    Used to make the bundled demo cassette from saved HTML pages: give each
    page its ``Content-Type`` (e.g. ``text/html; charset=utf-8``) and, for a
    crawl that obeys robots.txt, a ``/robots.txt`` entry of its own. Returns
    the number of interactions written.
    """
    writer = CassetteWriter(path)
    for url, status, headers, body in pages:
        writer.record(url, status, headers, body)
    writer.save()
    return len(writer)
