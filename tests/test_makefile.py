"""The Makefile's promises that a test can keep."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="no make")
def test_make_clean_never_touches_the_users_output(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    dataset = tmp_path / "output" / "runs" / "20261207T030000.000000Z" / "roles.jsonl"
    dataset.parent.mkdir(parents=True)
    dataset.write_text("{}\n")
    (tmp_path / "output" / "run.json").write_text("{}\n")  # an older layout's file
    (tmp_path / ".ruff_cache").mkdir()
    subprocess.run(["make", "clean"], cwd=tmp_path, check=True, capture_output=True)
    assert dataset.read_text() == "{}\n"
    assert (tmp_path / "output" / "run.json").exists()
    assert not (tmp_path / ".ruff_cache").exists()
