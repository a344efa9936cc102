"""Run folders and publication: a crawl never writes over the dataset readers use.

Each crawl writes into a folder of its own, ``OUTPUT_DIR/runs/<start time>``. Only a
run judged healthy and complete is published, by one atomic switch of the symbolic
link ``OUTPUT_DIR/latest`` to its folder: a reader that opens ``latest/`` sees every
file of one run, the last published one, whatever the runs after it did. A failed,
partial or interrupted run stays in its own folder for inspection. Old run folders
are pruned to a number, never the published one. No Scrapy here.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from careerscrape.outputs import ARCHIVE_REFS, LATEST, RUNS

__all__ = ["OutputFolder", "OutputFolderError", "open_run_file", "run_name", "run_started"]

logger = logging.getLogger(__name__)

#: ``20261207T030000.123456Z``: the run's start time, sortable as text.
_RUN_NAME = re.compile(r"^\d{8}T\d{6}\.\d{6}Z$")
_RUN_NAME_FORMAT = "%Y%m%dT%H%M%S.%fZ"
#: Temporary files of atomic writes (careerscrape.atomic): ``.<name>.<random>.tmp``.
_TEMP = ".*.tmp"


class OutputFolderError(ValueError):
    """An output folder careerscrape cannot use; ``str()`` is one line."""


def run_name(started: datetime) -> str:
    """The folder name of a run started at ``started``: its UTC time, to the microsecond."""
    return started.astimezone(UTC).strftime(_RUN_NAME_FORMAT)


def run_started(folder: str | os.PathLike[str]) -> datetime | None:
    """When the run of a run folder started, read from its name; None for another folder."""
    name = Path(folder).name
    if not _RUN_NAME.match(name):
        return None
    return datetime.strptime(name, _RUN_NAME_FORMAT).replace(tzinfo=UTC)


class OutputFolder:
    """``OUTPUT_DIR``: its run folders and the link to the published one."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.runs = self.root / RUNS
        self.latest = self.root / LATEST

    def check(self) -> None:
        """Raise :class:`OutputFolderError` unless runs can be written and published here."""
        try:
            self.runs.mkdir(parents=True, exist_ok=True)
            probe = self.runs / f".write-test.{os.getpid()}.tmp"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise OutputFolderError(
                f"OUTPUT_DIR {self.root}: cannot write there ({exc.strerror or exc})"
            ) from None
        if self.latest.exists() and not self.latest.is_symlink():
            raise OutputFolderError(
                f"OUTPUT_DIR {self.root}: {self.latest} is not the link careerscrape "
                "publishes runs with; move it away"
            )

    def published(self) -> Path | None:
        """The published run's folder (``latest`` resolved), or None before the first one."""
        if not self.latest.is_symlink():
            return None
        target = self.latest.resolve()
        return target if target.is_dir() else None

    def new_run(self, started: datetime) -> Path:
        """Create the folder of a run started at ``started`` (never an existing one)."""
        self.runs.mkdir(parents=True, exist_ok=True)
        name = run_name(started)
        while True:
            folder = self.runs / name
            try:
                folder.mkdir()
                return folder
            except FileExistsError:  # two runs in one microsecond: the next one
                started = started.replace(microsecond=(started.microsecond + 1) % 1_000_000)
                name = run_name(started)

    def publish(self, run: Path) -> None:
        """Make ``run`` the published dataset: one atomic rename of a new ``latest`` link."""
        target = os.path.relpath(run.resolve(), self.root.resolve())
        temp = self.root / f".{LATEST}.{os.getpid()}.tmp"
        temp.unlink(missing_ok=True)
        os.symlink(target, temp, target_is_directory=True)
        os.replace(temp, self.latest)
        _sync_folder(self.root)

    def run_folders(self) -> list[Path]:
        """Every run folder, oldest first."""
        if not self.runs.is_dir():
            return []
        return sorted(p for p in self.runs.iterdir() if p.is_dir() and _RUN_NAME.match(p.name))

    def prune(self, keep: int, protect: Iterable[Path] = ()) -> list[Path]:
        """Remove the oldest run folders, so that ``keep`` are left: the published one and
        those in ``protect`` always, then the newest others. A folder whose web archive a
        kept run's revisit records point into (its ``archive-refs.txt``) is kept too, or
        the pages that run carried over could not be rebuilt. Returns the folders removed."""
        kept = {p.resolve() for p in protect}
        published = self.published()
        if published is not None:
            kept.add(published)
        folders = self.run_folders()
        others = [f for f in reversed(folders) if f.resolve() not in kept]  # newest first
        room = max(keep - (len(folders) - len(others)), 0)
        kept |= {f.resolve() for f in others[:room]}
        kept |= {(self.runs / name).resolve() for folder in kept for name in _archive_refs(folder)}
        removed = sorted(f for f in others[room:] if f.resolve() not in kept)
        for folder in removed:
            shutil.rmtree(folder, ignore_errors=True)
        return removed

    def remove_leftovers(self) -> list[Path]:
        """Delete the temporary files of runs that were killed while writing.

        Call it only while holding the folder's lock: no other run is writing then.
        """
        leftovers = [*self.root.glob(_TEMP), *self.runs.glob(_TEMP), *self.runs.glob(f"*/{_TEMP}")]
        for path in leftovers:
            path.unlink(missing_ok=True)
        if leftovers:
            logger.info("removed %d temporary files left by runs that were killed",
                        len(leftovers))  # fmt: skip
        return leftovers


def _archive_refs(folder: Path) -> list[str]:
    """The run folders whose archives ``folder``'s archive points into (careerscrape.archive)."""
    try:
        names = (folder / ARCHIVE_REFS).read_text(encoding="utf-8").split()
    except OSError:
        return []
    return [name for name in names if _RUN_NAME.match(name)]


def open_run_file(path: Path) -> IO[str]:
    """A file of a run folder, written line by line: each line is on disk once written,
    so a run that is killed keeps what it wrote. Nobody reads a run folder before it is
    published whole, so it needs no temporary file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.open("w", encoding="utf-8", newline="\n", buffering=1)


def _sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename in it) to disk."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
