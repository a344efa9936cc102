"""A real HTTP server on 127.0.0.1 serving fixed responses, for crawls in tests."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Response = tuple[int, dict[str, str], bytes]


@contextmanager
def serve(responses: Iterable[tuple[str, int, dict[str, str], bytes]]) -> Iterator[str]:
    """Serve ``(url, status, headers, body)`` by URL path; yields the base URL.

    Unknown paths answer 404. ``Location`` headers naming the canonical site
    are rewritten to the server, as a mirror of the site would do.
    """
    by_path: dict[str, Response] = {}
    for url, status, headers, body in responses:
        by_path[urlsplit(url).path] = (status, dict(headers), body)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = by_path.get(
                urlsplit(self.path).path, (404, {"Content-Type": "text/html"}, b"not found")
            )
            self.send_response(status)
            for name, value in headers.items():
                if name.lower() == "location":
                    value = urlsplit(value).path
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
