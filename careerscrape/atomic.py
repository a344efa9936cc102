"""Atomic output files: a reader sees the old file or the new one, never half of one.

Everything careerscrape writes at the end of a run (catalog, run summary,
change report) goes through here: the content is written to a temporary file
in the same folder, flushed to disk, then renamed over the target, which
POSIX makes atomic.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def make_temp(target: Path, mode: str = "w", encoding: str | None = "utf-8") -> tuple[IO, str]:
    """A temporary file beside ``target``, readable as a normal new file would be.

    mkstemp creates files private to the user (0600); outputs are meant to be
    shared like any file the user creates, so the umask decides instead.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.chmod(temp_name, 0o666 & ~_umask())
    if "b" in mode:
        return os.fdopen(fd, mode), temp_name
    return os.fdopen(fd, mode, encoding=encoding, newline="\n"), temp_name


def commit_temp(handle: IO, temp_name: str, target: str | os.PathLike[str]) -> None:
    """Flush ``handle`` to disk and rename its file over ``target``."""
    handle.flush()
    os.fsync(handle.fileno())
    handle.close()
    os.replace(temp_name, target)


@contextmanager
def atomic_open(path: str | os.PathLike[str], encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Open a temporary file beside ``path``; on success it replaces ``path``.

    If the block raises, the temporary file is removed and ``path`` is untouched.
    """
    handle, temp_name = make_temp(Path(path), encoding=encoding)
    try:
        yield handle
        commit_temp(handle, temp_name, path)
    except BaseException:
        handle.close()
        Path(temp_name).unlink(missing_ok=True)
        raise


def write_json(path: str | os.PathLike[str], data: Any) -> None:
    """Write one JSON document atomically (indented, UTF-8)."""
    with atomic_open(path) as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False, sort_keys=False)
        handle.write("\n")


def write_jsonl(path: str | os.PathLike[str], rows: Iterable[dict[str, Any]]) -> int:
    """Write JSON Lines atomically; returns the number of lines written."""
    count = 0
    with atomic_open(path) as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_jsonl(path: str | os.PathLike[str]) -> Iterator[dict[str, Any]]:
    """Stream the records of a JSON Lines file, one dict at a time; blank lines skipped."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{path}:{number}: not a JSON line ({exc.msg})") from exc
