"""Parsing never fetches anything: no external DTD, no external entity, no file read."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from careerscrape.parsing import ParseError, parse_page

URL = "https://www.zippia.com/chef-jobs/what-does-a-chef-do/"


def test_external_dtd_and_entities_are_never_loaded(tmp_path) -> None:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b'<!ENTITY secret "LEAKED">')

        def log_message(self, *args: object) -> None:
            pass

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    page = f"""<?xml version="1.0"?>
<!DOCTYPE html SYSTEM "{base}/evil.dtd" [
  <!ENTITY file SYSTEM "file://{secret}">
  <!ENTITY remote SYSTEM "{base}/entity">
]>
<html><head><title>What does a chef do?</title></head><body>
<h1>What does a chef do?</h1>
<p>A chef is the master of the kitchen, creative and innovative with food: &file; &remote;
and more words so that this paragraph reads as the page summary.</p>
<h2>Chef responsibilities</h2><ul><li>Cook &file;</li></ul>
</body></html>""".encode()
    try:
        try:
            record = parse_page(page, URL)
        except ParseError:
            record = None
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    if record is not None:
        text = record.model_dump_json()
        assert "TOP-SECRET" not in text and "LEAKED" not in text


@pytest.mark.parametrize("size", [10, 1000])
def test_a_billion_laughs_entity_bomb_is_not_expanded(size: int) -> None:
    lol = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};">' for i in range(1, size))
    page = f"""<!DOCTYPE html [<!ENTITY l0 "lol">{lol}]>
<html><head><title>What does a chef do?</title></head><body><h1>What does a chef do?</h1>
<p>&l{size - 1}; A chef is the master of the kitchen, creative and innovative with food.</p>
<h2>Chef responsibilities</h2><ul><li>Cook.</li></ul></body></html>""".encode()
    record = parse_page(page, URL)
    assert "lollol" not in record.model_dump_json()
    assert record.responsibilities == ["Cook."]
