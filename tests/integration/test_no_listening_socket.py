"""A crawl opens no listening socket: no telnet console, no remote-control server."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.crawl import ROOT

DEMO = ROOT / "fixtures" / "demo"
# Runs scrapy with socket.listen() recorded; prints what was bound for listening.
PROBE = """
import socket, sys, atexit
listening = []
original = socket.socket.listen
def listen(self, *args):
    listening.append(self.getsockname())
    return original(self, *args)
socket.socket.listen = listen
atexit.register(lambda: print("LISTENING", listening, file=sys.stderr))
from scrapy.cmdline import execute
execute(sys.argv[1:])
"""


def crawl_listening(output: Path, *settings: str) -> str:
    command = [
        sys.executable, "-c", PROBE, "scrapy", "crawl", "careers",
        "-a", f"url_file={DEMO / 'start_urls.txt'}", "-a", f"replay={DEMO / 'site.yaml'}",
        "-s", f"OUTPUT_DIR={output}", "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=0",
        *settings,
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return next(line for line in done.stderr.splitlines() if line.startswith("LISTENING"))


def test_a_default_crawl_listens_on_nothing(tmp_path: Path) -> None:
    assert crawl_listening(tmp_path) == "LISTENING []"


def test_the_probe_sees_a_listening_console_when_one_is_enabled(tmp_path: Path) -> None:
    """The control: with the telnet console turned back on, the probe catches it."""
    assert crawl_listening(tmp_path, "-s", "TELNETCONSOLE_ENABLED=1") != "LISTENING []"
