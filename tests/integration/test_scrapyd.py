"""Deploy the project to a real Scrapyd with scrapyd-deploy, schedule a crawl, read its output.

Scrapyd runs on 127.0.0.1 (a free port, every folder in a temporary one).
``scrapyd-deploy`` builds the egg from a copy of the project, so the build
leftovers (setup.py, build/, *.egg-info) do not land in the work tree; the
test checks that .gitignore would ignore them there. The crawl is the demo
replay, scheduled through ``schedule.json`` with absolute paths, since Scrapyd
runs the egg from its own folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.crawl import ROOT, stop

BIN = Path(sys.executable).parent
#: The egg's own version, so the job log proves the deployed code ran.
DEPLOYED_VERSION = "0.1.0+deployed"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _api(base: str, endpoint: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """GET (or POST ``data`` to) a Scrapyd JSON endpoint."""
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data, doseq=True).encode()
    with urllib.request.urlopen(f"{base}/{endpoint}", data=body, timeout=10) as response:
        return json.loads(response.read())


@pytest.fixture
def scrapyd(tmp_path: Path) -> Iterator[str]:
    """A Scrapyd on 127.0.0.1, its eggs, logs and databases under tmp_path; stopped after."""
    if not (BIN / "scrapyd").exists():
        pytest.skip("scrapyd is not installed (pip install -e '.[dev]')")
    home = tmp_path / "scrapyd"
    home.mkdir()
    port = _free_port()
    (home / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        "bind_address = 127.0.0.1\n"
        f"http_port = {port}\n"
        f"eggs_dir = {home / 'eggs'}\n"
        f"logs_dir = {home / 'logs'}\n"
        f"dbs_dir = {home / 'dbs'}\n"
        "items_dir =\n"
        "jobs_to_keep = 5\n"
        "max_proc = 1\n"
        "poll_interval = 0.5\n",
        encoding="utf-8",
    )
    server = subprocess.Popen(
        [str(BIN / "scrapyd")], cwd=home, stdout=(home / "scrapyd.out").open("wb"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if _api(base, "daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log = (home / "scrapyd.out").read_text(errors="replace")
                pytest.fail(f"scrapyd did not start on port {port}:\n{log[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        stop(server)


def _project_copy(target: Path) -> Path:
    """What scrapyd-deploy needs from the project: the package, scrapy.cfg, pyproject, README."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "careerscrape", target / "careerscrape", ignore=ignore)
    for name in ("scrapy.cfg", "pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    init = target / "careerscrape" / "__init__.py"
    text = init.read_text(encoding="utf-8")
    init.write_text(text.replace('__version__ = "', f'__version__ = "{DEPLOYED_VERSION}"  # '),
                    encoding="utf-8")  # fmt: skip
    return target


def test_scrapyd_deploy_then_schedule_runs_the_demo_crawl(tmp_path: Path, scrapyd: str) -> None:
    project = _project_copy(tmp_path / "project")
    # The [deploy] target of scrapy.cfg names port 6800; this one points at the test's
    # Scrapyd. scrapyd-deploy reads user-level scrapy.cfg files too ($XDG_CONFIG_HOME).
    config_home = tmp_path / "config"
    config_home.mkdir()
    (config_home / "scrapy.cfg").write_text(
        f"[deploy:test]\nurl = {scrapyd}/\nproject = careerscrape\n", encoding="utf-8"
    )
    env = {**os.environ, "XDG_CONFIG_HOME": str(config_home)}
    deployed = subprocess.run(
        [str(BIN / "scrapyd-deploy"), "test", "--version", "r1"],
        cwd=project, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert '"status": "ok"' in deployed.stdout, deployed.stdout + deployed.stderr
    assert _api(scrapyd, "listprojects.json")["projects"] == ["careerscrape"]
    listed = _api(scrapyd, "listspiders.json?project=careerscrape")
    assert listed["spiders"] == ["careers"], listed

    # What the deploy leaves beside scrapy.cfg is git-ignored in the work tree.
    leftovers = sorted(p.name for p in project.iterdir())
    assert {"setup.py", "build"} <= set(leftovers), leftovers
    if shutil.which("git") and (ROOT / ".git").exists():
        names = ["setup.py", "build/", *(f"{n}/" for n in leftovers if n.endswith(".egg-info"))]
        ignored = subprocess.run(["git", "check-ignore", *names], cwd=ROOT,
                                 capture_output=True, text=True, check=False)  # fmt: skip
        assert sorted(ignored.stdout.split()) == sorted(names), ignored

    output = tmp_path / "output"
    demo = ROOT / "fixtures" / "demo"
    settings = {"OUTPUT_DIR": output, "DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": 0}
    job = _api(scrapyd, "schedule.json", {
        "project": "careerscrape", "spider": "careers",
        "url_file": str(demo / "start_urls.txt"), "replay": str(demo / "site.yaml"),
        "setting": [f"{name}={value}" for name, value in settings.items()],
    })  # fmt: skip
    assert job["status"] == "ok", job
    deadline = time.monotonic() + 90
    while True:
        jobs = _api(scrapyd, "listjobs.json?project=careerscrape")
        finished = [j for j in jobs["finished"] if j["id"] == job["jobid"]]
        if finished:
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(0.5)
    log_url = finished[0].get("log_url")
    log = ""
    if log_url:
        with urllib.request.urlopen(scrapyd + log_url, timeout=10) as response:
            log = response.read().decode("utf-8", errors="replace")

    # Scrapyd runs `scrapy crawl`, so the job publishes its run folder like any crawl job.
    published = output / "latest"
    assert published.is_symlink(), log[-3000:]
    run = json.loads((published / "run.json").read_text(encoding="utf-8"))
    assert run["health"]["healthy"], (run["health"], log[-3000:])
    assert run["records"] == {"role": 8, "comparison": 8, "total": 16}
    assert run["rejects"]["by_reason"] == {"http_404": 16}
    assert run["accounting"]["balanced"]
    assert run["arguments"]["replay"] == str(demo / "site.yaml")
    for name in ("roles.jsonl", "comparisons.jsonl", "catalog.jsonl", "rejects.jsonl"):
        assert (published / name).stat().st_size > 0, name
    # The job ran the deployed egg, not the work tree's package.
    assert f"careerscrape/{DEPLOYED_VERSION}" in log, log[-3000:]
