"""Run folders and publication (careerscrape.run.folders), without a crawl."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from careerscrape.run.folders import OutputFolder, OutputFolderError, run_name

T0 = datetime(2026, 12, 7, 3, 0, 0, 123456, tzinfo=UTC)


def make_run(output: OutputFolder, started: datetime, content: str) -> Path:
    run = output.new_run(started)
    (run / "roles.jsonl").write_text(content, encoding="utf-8")
    return run


def test_run_folders_are_named_by_start_time_and_sort_as_text(tmp_path: Path) -> None:
    assert run_name(T0) == "20261207T030000.123456Z"
    output = OutputFolder(tmp_path)
    later = output.new_run(T0.replace(hour=4))
    earlier = output.new_run(T0)
    again = output.new_run(T0)  # the same microsecond: the next one, never the same folder
    assert [p.name for p in output.run_folders()] == [
        "20261207T030000.123456Z", "20261207T030000.123457Z", "20261207T040000.123456Z",
    ]  # fmt: skip
    assert output.run_folders() == [earlier, again, later]


def test_publishing_switches_latest_to_a_run_as_a_whole(tmp_path: Path) -> None:
    output = OutputFolder(tmp_path)
    assert output.published() is None
    first = make_run(output, T0, "first\n")
    output.publish(first)
    assert output.published() == first.resolve()
    assert os.readlink(tmp_path / "latest") == "runs/20261207T030000.123456Z"  # relative
    second = make_run(output, T0.replace(hour=4), "second\n")
    assert (tmp_path / "latest" / "roles.jsonl").read_text() == "first\n"
    output.publish(second)
    assert (tmp_path / "latest" / "roles.jsonl").read_text() == "second\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest", "runs"]  # no temp link


def test_pruning_keeps_the_newest_runs_the_published_one_and_the_one_in_use(
    tmp_path: Path,
) -> None:
    output = OutputFolder(tmp_path)
    runs = [make_run(output, T0.replace(hour=hour), str(hour)) for hour in range(1, 7)]
    output.publish(runs[1])
    removed = output.prune(keep=3, protect=[runs[0]])
    assert removed == [runs[2], runs[3], runs[4]]
    assert output.run_folders() == [runs[0], runs[1], runs[5]]
    assert output.prune(keep=1) == [runs[0], runs[5]]  # the published one stays, whatever
    assert output.run_folders() == [runs[1]]
    assert output.published() == runs[1].resolve()


def test_pruning_keeps_the_archives_kept_runs_point_into(tmp_path: Path) -> None:
    output = OutputFolder(tmp_path)
    runs = [make_run(output, T0.replace(hour=hour), str(hour)) for hour in range(1, 7)]
    output.publish(runs[5])
    # Run 6 carried pages captured by runs 1 and 3 (revisits into their archives); run 5
    # carried from run 2. Run 4 holds nothing a kept run needs.
    (runs[5] / "archive-refs.txt").write_text(f"{runs[0].name}\n{runs[2].name}\n")
    (runs[4] / "archive-refs.txt").write_text(f"{runs[1].name}\n")
    removed = output.prune(keep=2)
    assert removed == [runs[3]]
    assert output.run_folders() == [runs[0], runs[1], runs[2], runs[4], runs[5]]
    # Once run 5 goes, run 2 is no longer pointed into, and goes too.
    assert output.prune(keep=1) == [runs[1], runs[4]]
    assert output.run_folders() == [runs[0], runs[2], runs[5]]


def test_leftovers_of_killed_runs_are_removed(tmp_path: Path) -> None:
    output = OutputFolder(tmp_path)
    run = make_run(output, T0, "x")
    for path in (run / ".roles.jsonl.k3j2.tmp", tmp_path / ".latest.123.tmp"):
        path.write_text("half")
    removed = sorted(p.name for p in output.remove_leftovers())
    assert removed == [".latest.123.tmp", ".roles.jsonl.k3j2.tmp"]
    assert sorted(p.name for p in run.iterdir()) == ["roles.jsonl"]


def test_an_output_folder_that_cannot_be_used_is_named_in_one_line(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(OutputFolderError) as error:
        OutputFolder(a_file / "out").check()
    assert str(error.value) == f"OUTPUT_DIR {a_file / 'out'}: cannot write there (Not a directory)"
    (tmp_path / "old" / "latest").mkdir(parents=True)  # an old layout, or a user's folder
    with pytest.raises(OutputFolderError) as error:
        OutputFolder(tmp_path / "old").check()
    assert "is not the link careerscrape publishes runs with; move it away" in str(error.value)
    OutputFolder(tmp_path / "new").check()
    assert (tmp_path / "new" / "runs").is_dir()
