"""A crash while run.json or catalog.jsonl is written leaves the previous file whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerscrape.atomic import atomic_open, write_json, write_jsonl
from careerscrape.models import RoleCatalogEntry


class Crash(Exception):
    pass


def entry(slug: str) -> dict:
    return RoleCatalogEntry.model_validate(
        {"role_slug": slug, "title": slug.replace("-", " ")}
    ).model_dump(mode="json")


def no_temp_files(folder: Path) -> bool:
    return not [p for p in folder.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


def test_a_crash_inside_atomic_open_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    path.write_text('{"old": true}\n')
    with pytest.raises(Crash), atomic_open(path) as handle:
        handle.write('{"new": ')
        handle.flush()
        raise Crash
    assert path.read_text() == '{"old": true}\n'
    assert no_temp_files(tmp_path)


def test_a_crash_while_run_json_is_written_keeps_the_previous_one(tmp_path: Path) -> None:
    path = tmp_path / "run.json"
    write_json(path, {"finish_reason": "finished", "records": {"total": 3}})
    before = path.read_bytes()
    # json.dump writes "finish_reason" and then fails on the value it cannot serialise.
    with pytest.raises(TypeError):
        write_json(path, {"finish_reason": "shutdown", "records": object()})
    assert path.read_bytes() == before
    assert json.loads(before)["records"] == {"total": 3}
    assert no_temp_files(tmp_path)


def test_a_crash_while_json_lines_are_written_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "catalog.jsonl"
    assert write_jsonl(path, [entry("baker"), entry("chef")]) == 2
    before = path.read_bytes()

    def rows():  # fails once two entries are written, inside atomic_open's block
        yield entry("cook")
        yield entry("dishwasher")
        raise Crash

    with pytest.raises(Crash):
        write_jsonl(path, rows())
    assert path.read_bytes() == before
    assert [json.loads(line)["role_slug"] for line in before.splitlines()] == ["baker", "chef"]
    assert no_temp_files(tmp_path)
