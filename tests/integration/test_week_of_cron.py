"""A week of the README's cron recipe, on the real engine against a local site.

The crawl command is read from the README's cron line, as a user would copy it, and run
as written, with only ``-a site=`` pointing it at the local site and ``-s`` settings
that make a local run fast. Over the week the site is up, down, slow (a run is stopped,
and another is started while it runs), and changed: only healthy runs are published,
the published dataset is never lost, and the next healthy run refreshes the last
published one and reports exactly what changed.
"""

from __future__ import annotations

import hashlib
import json
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from support.crawl import FAST, ROOT, CrawlResult, changed_role_page, made_by, run_folders

from careerscrape.testing.localsite import serve
from careerscrape.testing.sitegen import generate_site

FAST_LOCAL = {**FAST, "RETRY_BACKOFF_BASE": "0.01", "RETRY_TIMES": "1"}


def readme_cron_command() -> list[str]:
    """The crawl command of the README's cron line (between ``&&`` and ``>>``)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```cron\n(.+?)\n```", readme, re.S)
    assert block, "the README has no cron block"
    command = block.group(1).split("&&", 1)[1].split(">>", 1)[0]
    words = shlex.split(command)
    assert words[:3] == [".venv/bin/scrapy", "crawl", "careers"], words
    return [sys.executable, "-m", "scrapy", *words[1:]]


def cron_run(output: Path, base_url: str, wait: bool = True, **settings: str):
    """The README's command at the local site; a finished CrawlResult, or the process."""
    command = [*readme_cron_command(), "-a", f"site={base_url}"]
    for name, value in {**FAST_LOCAL, "OUTPUT_DIR": str(output), **settings}.items():
        command += ["-s", f"{name}={value}"]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True)  # fmt: skip
    before = run_folders(output)
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)
    return CrawlResult(done.returncode, done.stdout + done.stderr, output,
                       made_by(output, before))  # fmt: skip


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_week_of_the_readme_cron_recipe(tmp_path: Path) -> None:
    site = generate_site(40, seed=11)
    output = tmp_path / "output"

    # Monday: the site is up; the run is healthy and published.
    with serve(site) as server:
        monday = cron_run(output, server.base_url)
    assert monday.returncode == 0, monday.log[-3000:]
    assert monday.published == monday.folder
    assert monday.run["records"]["total"] == 40
    published = snapshot(output / "latest")

    # Tuesday: the site is down. Not published; the dataset is the same, byte for byte.
    tuesday = cron_run(output, f"http://127.0.0.1:{free_port()}")
    assert tuesday.returncode == 3, tuesday.log[-3000:]
    assert tuesday.published == monday.folder
    assert snapshot(output / "latest") == published
    assert "0 records written" in tuesday.log.splitlines()[-1]

    # Wednesday: a slow site. The run is stopped by SIGTERM part-way; meanwhile a second
    # run, started while the first holds the folder, is refused at once.
    with serve(site, delay=0.2) as slow:
        before = run_folders(output)
        wednesday = cron_run(output, slow.base_url, wait=False, CONCURRENT_REQUESTS="2")
        deadline = time.monotonic() + 30
        while sum(n for (_, p, _), n in slow.hit_counts().items() if "-jobs/" in p) < 6:
            assert wednesday.poll() is None and time.monotonic() < deadline
            time.sleep(0.02)
        refused = cron_run(output, slow.base_url)
        wednesday.send_signal(signal.SIGTERM)
        wednesday_log = wednesday.communicate(timeout=60)[0]
    assert refused.returncode == 10, refused.log[-3000:]
    assert "is in use by another crawl" in refused.log.splitlines()[-1]
    assert wednesday.returncode == 8, wednesday_log[-3000:]
    stopped = CrawlResult(8, wednesday_log, output, made_by(output, before))
    assert stopped.run["finish_reason"] == "shutdown"
    assert stopped.published == monday.folder
    assert snapshot(output / "latest") == published

    # Friday: the site is back, one role page's summary changed. The run refreshes
    # Monday's, the last published run, and changes.json names exactly that change.
    path, html, old_summary, new_summary = changed_role_page(site)
    with serve([{path: html}, site]) as server:
        friday = cron_run(output, server.base_url)
    assert friday.returncode == 0, friday.log[-3000:]
    assert friday.published == friday.folder != monday.folder
    refresh = friday.run["refresh"]
    assert refresh["previous"] == str(monday.folder)
    assert refresh["pages"] == {"unchanged": 39, "changed": 1, "new": 0, "gone": 0}
    changes = json.loads((friday.folder / "changes.json").read_text(encoding="utf-8"))
    slug = site.record(path)["role_slug"]
    assert changes["added"] == changes["removed"] == []
    assert [(c["role_slug"], [f["field"] for f in c["fields"]]) for c in changes["changed"]] == [
        (slug, ["summary"])
    ]
    assert changes["changed"][0]["fields"][0]["old"] == old_summary
    assert changes["changed"][0]["fields"][0]["new"] == new_summary
    assert changes["pages"]["changed"] == [site.url(path)]
    # Every run of the week is there to inspect; only Monday's and Friday's were published.
    runs = sorted(p.name for p in (output / "runs").iterdir())
    assert runs == sorted([monday.folder.name, tuesday.folder.name, stopped.folder.name,
                           friday.folder.name])  # fmt: skip


def test_the_cron_recipe_is_one_command_with_no_copying_of_folders() -> None:
    command = readme_cron_command()
    assert command[3:] == ["crawl", "careers", "-a", "sitemap=https://www.zippia.com/sitemap.xml"]
