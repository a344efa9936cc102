"""Shared test data: the fixture pages under fixtures/pages, found relative to this file.

Tests never read anything outside the repository and never use the network.

Parametrisation by argument name (see ``pytest_generate_tests``):

- ``page_fixture``: every fixture folder (ids = folder names);
- ``seed_role_fixture``: every markup style of the seed role page
  (``role-customer-service-director--*``);
- ``seed_comparison_fixture``: every markup style of the seed comparison page
  (``vs-customer-service-director-vs-customer-service-manager--*``).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from careerscrape.cli import main
from careerscrape.testing.fixtures import Fixture, load_fixtures

REPO_ROOT = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_ROOT / "fixtures" / "pages"
SEED_ROLE_PREFIX = "role-customer-service-director--"
SEED_COMPARISON_PREFIX = "vs-customer-service-director-vs-customer-service-manager--"


def all_fixtures() -> list[Fixture]:
    return load_fixtures(FIXTURES_DIR)


def seed_fixtures(prefix: str) -> list[Fixture]:
    """Every markup style of one page: the folders named ``<prefix><markup>``."""
    return [f for f in all_fixtures() if f.name.startswith(prefix)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    by_argument = {
        "page_fixture": all_fixtures,
        "seed_role_fixture": lambda: seed_fixtures(SEED_ROLE_PREFIX),
        "seed_comparison_fixture": lambda: seed_fixtures(SEED_COMPARISON_PREFIX),
    }
    for argument, collect in by_argument.items():
        if argument in metafunc.fixturenames:
            found = collect()
            metafunc.parametrize(argument, found, ids=[f.name for f in found])


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES_DIR


@pytest.fixture
def fixture_named() -> Callable[[str], Fixture]:
    """Look a fixture folder up by name; fails the test when it is not there."""

    def find(name: str) -> Fixture:
        folder = FIXTURES_DIR / name
        assert (folder / "page.html").is_file(), f"fixture {name} is missing"
        return Fixture(name, folder)

    return find


@pytest.fixture
def copy_fixtures(tmp_path: Path) -> Callable[..., Path]:
    """Copy some fixture folders into ``tmp_path/pages`` and return that folder."""

    def copy(*names: str) -> Path:
        root = tmp_path / "pages"
        for name in names:
            shutil.copytree(FIXTURES_DIR / name, root / name)
        return root

    return copy


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, list[str]]]:
    """Run ``careerscrape ARGV...`` in process: (exit status, stdout, stderr lines)."""

    def run(*argv: str) -> tuple[int, str, list[str]]:
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err.splitlines()

    return run
