"""Run the real ``scrapy crawl careers`` in a subprocess and read what it wrote.

A Twisted reactor cannot be restarted inside one process, so each crawl is a
process of its own, started from the project root as a user would start it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
#: No politeness delays against a local server or a cassette.
FAST = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "0", "LOG_LEVEL": "INFO"}


@dataclass
class CrawlResult:
    returncode: int
    log: str
    #: OUTPUT_DIR of the crawl (or any folder of files to read).
    output: Path

    @property
    def folder(self) -> Path:
        """Where the crawl wrote: its run folder (the newest in OUTPUT_DIR/runs), else
        ``output`` itself (a folder of other files)."""
        runs = sorted((self.output / "runs").glob("*")) if (self.output / "runs").is_dir() else []
        return runs[-1] if runs else self.output

    @property
    def published(self) -> Path | None:
        """The published run folder (OUTPUT_DIR/latest), if any."""
        latest = self.output / "latest"
        return latest.resolve() if latest.is_symlink() else None

    def jsonl(self, name: str) -> list[dict[str, Any]]:
        path = self.folder / name
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]

    @property
    def run(self) -> dict[str, Any]:
        return json.loads((self.folder / "run.json").read_text(encoding="utf-8"))

    def by_url(self, name: str) -> dict[str, dict[str, Any]]:
        return {record["url"]: record for record in self.jsonl(name)}


def crawl_command(output: Path, *args: str, **settings: str) -> list[str]:
    """The ``scrapy crawl careers ARGS -s OUTPUT_DIR=output -s K=V ...`` command line."""
    command = [sys.executable, "-m", "scrapy", "crawl", "careers", *args]
    for name, value in {**FAST, "OUTPUT_DIR": str(output), **settings}.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawl(output: Path, *args: str, timeout: float = 120, **settings: str) -> CrawlResult:
    """Run :func:`crawl_command` from the project root and wait for it."""
    command = crawl_command(output, *args, **settings)
    done = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    return CrawlResult(done.returncode, done.stdout + done.stderr, output)


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a server the test started: politely, then for sure after 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def without(record: dict[str, Any], *fields: str) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in fields}
