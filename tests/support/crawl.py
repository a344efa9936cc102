"""Run the real ``scrapy crawl careers`` in a subprocess and read what it wrote.

A Twisted reactor cannot be restarted inside one process, so each crawl is a
process of its own, started from the project root as a user would start it.
"""

from __future__ import annotations

import json
import os
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
    #: The run folder the crawl made, when known (see :func:`crawl`).
    run_dir: Path | None = None

    @property
    def folder(self) -> Path:
        """Where the crawl wrote: its run folder (else the newest in OUTPUT_DIR/runs, else
        ``output`` itself, a folder of other files)."""
        if self.run_dir is not None:
            return self.run_dir
        runs = sorted(run_folders(self.output))
        return self.output / "runs" / runs[-1] if runs else self.output

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
        """run.json, checked to account for every URL (:func:`assert_accounted`)."""
        run = json.loads((self.folder / "run.json").read_text(encoding="utf-8"))
        assert_accounted(run)
        return run

    def by_url(self, name: str) -> dict[str, dict[str, Any]]:
        return {record["url"]: record for record in self.jsonl(name)}


def run_folders(output: Path) -> set[str]:
    """Names of the run folders in OUTPUT_DIR ``output``."""
    runs = output / "runs"
    return {p.name for p in runs.iterdir() if p.is_dir()} if runs.is_dir() else set()


def made_by(output: Path, before: set[str]) -> Path | None:
    """The one run folder made since ``before`` (None: a resumed job's, or none)."""
    new = run_folders(output) - before
    return output / "runs" / new.pop() if len(new) == 1 else None


def crawl_command(output: Path, *args: str, **settings: str) -> list[str]:
    """The ``scrapy crawl careers ARGS -s OUTPUT_DIR=output -s K=V ...`` command line."""
    command = [sys.executable, "-m", "scrapy", "crawl", "careers", *args]
    for name, value in {**FAST, "OUTPUT_DIR": str(output), **settings}.items():
        command += ["-s", f"{name}={value}"]
    return command


def crawl(
    output: Path,
    *args: str,
    timeout: float = 120,
    env: dict[str, str] | None = None,
    **settings: str,
) -> CrawlResult:
    """Run :func:`crawl_command` from the project root and wait for it; then check that
    its run.json accounts for every URL (:func:`assert_accounted`)."""
    command = crawl_command(output, *args, **settings)
    before = run_folders(output)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False, env={**os.environ, **env} if env else None)  # fmt: skip
    result = CrawlResult(done.returncode, done.stdout + done.stderr, output,
                         made_by(output, before))  # fmt: skip
    if (result.folder / "run.json").is_file():
        assert_accounted(result.run)
    return result


def assert_accounted(run: dict[str, Any]) -> None:
    """careerscrape's promise, checked after every crawl of the suite: run.json balances,
    or the run is unhealthy, and names the URLs it lost when it finished."""
    accounting, health = run["accounting"], run["health"]
    if accounting["balanced"]:
        return
    assert not health["healthy"], accounting
    if run["finish_reason"] == "finished":
        assert "complete" in health["failed"] and accounting["lost"], accounting
        assert any(", ".join(accounting["lost"]) in reason for reason in health["reasons"])


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


def changed_role_page(site: Any) -> tuple[str, bytes, str, str]:
    """A role page whose summary's first sentence gains two words: (path, html, old, new)."""
    for path in site.role_paths[1:]:
        summary = site.record(path)["summary"]
        sentence = summary.split(". ", 1)[0]
        html = site.page(path)
        if html.count(sentence.encode()) == 1:
            longer = f"{sentence} every day"
            changed = html.replace(sentence.encode(), longer.encode())
            return path, changed, summary, summary.replace(sentence, longer, 1)
    raise AssertionError("no role page with a findable summary")
