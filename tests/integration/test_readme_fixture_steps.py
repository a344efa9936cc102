"""The README's "To add a fixture" steps, taken as written, end with the tests green.

In a copy of the repository (the working tree, without .git, .venv and caches),
a new page is added the README's way: a folder of any name with page.html, a
meta.json holding only its url, and an expected.json written by hand. Then the
tests that read fixtures/pages run there, with this interpreter: every test
module that parametrises over the fixtures or builds something from all of them,
the property tests for the new page only, and the check that the demo cassette
is still the demo site. (Not the whole suite: the rest does not read fixtures,
and running it twice would double the suite's time.)
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

NAME = "sous chef, saved by hand"
URL = "https://www.zippia.com/sous-chef-jobs/what-does-a-sous-chef-do/"
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>What does a sous chef do? | Zippia</title>
</head><body><main>
<h1>What does a sous chef do?</h1>
<p>Updated May 2, 2025</p>
<p>A sous chef runs the kitchen line under the executive chef, plans the prep for every
service, trains the cooks and keeps the food consistent from the first plate to the last.</p>
<h2>Sous chef responsibilities</h2>
<p>Here are examples of responsibilities from real sous chef resumes:</p>
<ul><li>Plan the daily prep list and assign stations.</li>
<li>Train new line cooks on recipes and plating.</li></ul>
<p><a href="/food-and-restaurants-jobs/">Browse food and restaurants jobs</a></p>
</main></body></html>
"""
EXPECTED = {
    "url": URL,
    "page_type": "role",
    "role": "sous chef",
    "role_slug": "sous-chef",
    "updated": "2025-05-02",
    "reading_minutes": None,
    "summary": (
        "A sous chef runs the kitchen line under the executive chef, plans the prep for every "
        "service, trains the cooks and keeps the food consistent from the first plate to the last."
    ),
    "responsibilities": [
        "Plan the daily prep list and assign stations.",
        "Train new line cooks on recipes and plating.",
    ],
    "skills": [],
    "soft_skills": [],
    "comparisons": [],
    "category": "food and restaurants",
}
#: What reads every fixture: run in the copy, the new page among them.
FIXTURE_TESTS = (
    "tests/parsing/test_fixtures.py",
    "tests/parsing",
    "tests/catalog/test_merge.py",
    "tests/catalog/test_diff.py",
    "tests/test_benchmarks.py",
    "tests/integration/test_demo_crawl.py::test_the_committed_cassette_is_the_demo_site",
)
_IGNORED = shutil.ignore_patterns(".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache")


def _readme_steps(repo_root: Path) -> str:
    """The numbered steps under "To add a fixture:" in the README."""
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    match = re.search(r"To add a fixture:\n((?:\d\. .*\n(?: {3}.*\n)*)+)", readme)
    assert match, "the README has no 'To add a fixture:' steps"
    return match.group(1)


def test_the_readme_names_the_three_files_and_make_test(repo_root: Path) -> None:
    steps = _readme_steps(repo_root)
    assert "`fixtures/pages/<name>/`" in steps
    assert "`page.html`" in steps and "`meta.json` with its `url`" in steps
    assert "`expected.json` by hand" in steps
    assert steps.rstrip().endswith("Run `make test`.")


@pytest.fixture(scope="module")
def copy_with_new_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository copied, then the README's steps 1 and 2 taken with a new page."""
    copy = tmp_path_factory.mktemp("fresh") / "careerscrape"
    shutil.copytree(REPO_ROOT, copy, ignore=_IGNORED)
    folder = copy / "fixtures" / "pages" / NAME  # step 1: any folder name, page.html, meta.json
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "meta.json").write_text(json.dumps({"url": URL}), encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps(EXPECTED, indent=2), encoding="utf-8")
    return copy  # step 2 done: expected.json written by hand above


def _pytest(copy: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_a_new_fixture_passes_the_tests_that_read_fixtures(copy_with_new_fixture: Path) -> None:
    """Step 3, for the tests that read fixtures/pages; the new page is one of those they read."""
    run = _pytest(copy_with_new_fixture, *FIXTURE_TESTS)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    listed = _pytest(copy_with_new_fixture, "--collect-only", "tests/parsing/test_fixtures.py")
    assert f"[{NAME}]" in listed.stdout


def test_a_new_fixture_passes_its_property_tests(copy_with_new_fixture: Path) -> None:
    run = _pytest(copy_with_new_fixture, "tests/parsing/test_markup_mutations.py", "-k", "sous")
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"\b\d{2,} passed\b", run.stdout), run.stdout[-500:]
