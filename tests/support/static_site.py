"""A real HTTP server on 127.0.0.1 answering fixed responses by path, for tests.

One helper for every test that needs a small site: unit tests of the cassette
code and the crawls of tests/integration alike.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

#: path -> (status, headers, body)
Pages = Mapping[str, tuple[int, Mapping[str, str], bytes]]
NOT_FOUND = (404, {"Content-Type": "text/plain"}, b"not found")


@dataclass
class StaticSite:
    base_url: str
    server: ThreadingHTTPServer
    #: Every path requested, query string included, in arrival order.
    seen: list[str] = field(default_factory=list)

    def stop(self) -> None:
        """Stop answering and close the socket (later requests are refused); safe twice."""
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def serve_pages(pages: Pages) -> Iterator[StaticSite]:
    """Serve ``pages`` (matched on the path without its query); unknown paths answer 404."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            status, headers, body = pages.get(urlsplit(self.path).path, NOT_FOUND)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield StaticSite(f"http://127.0.0.1:{server.server_address[1]}", server, seen)
    finally:
        server.shutdown()
        server.server_close()
