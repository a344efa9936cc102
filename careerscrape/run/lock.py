"""One crawl at a time per folder: an exclusive lock on ``<folder>/.lock``.

Two crawls writing and publishing into one ``OUTPUT_DIR`` (or resuming one
``JOBDIR``) would mix their files. The crawl takes the folder's lock before its
first request and holds it until its process ends; a second crawl finds it taken
and stops at once. The lock is ``flock(2)``, so the kernel releases it when its
process dies, however it dies: a lock file left by a dead crawl is simply taken
over, with a warning naming the process that left it. The file is never deleted
(a crawl waiting on the old file while a third one creates a new one would both
"hold" it); it holds the holder's pid, host and start time, for the message.

Locks are per process and per folder: asking again for a lock this process holds
returns it. Local file systems only (``flock`` over NFS is not reliable).
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import socket
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, ClassVar

from careerscrape.models import utc_timestamp
from careerscrape.outputs import LOCK

__all__ = ["FolderLock", "FolderLocked"]

logger = logging.getLogger(__name__)


class FolderLocked(RuntimeError):
    """Another running crawl holds the folder; ``str()`` is one line naming it."""


class FolderLock:
    """The lock of one folder, held by this process from :meth:`acquire` until it ends."""

    _held: ClassVar[dict[Path, FolderLock]] = {}

    def __init__(self, folder: Path, handle: IO[str]) -> None:
        self.folder = folder
        self._handle: IO[str] | None = handle

    @classmethod
    def acquire(cls, folder: str | os.PathLike[str], what: str = "OUTPUT_DIR") -> FolderLock:
        """Take the lock of ``folder`` (created if needed), or raise :class:`FolderLocked`."""
        path = Path(folder)
        path.mkdir(parents=True, exist_ok=True)
        key = path.resolve()
        if key in cls._held:
            return cls._held[key]
        handle = (path / LOCK).open("a+", encoding="utf-8")
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _describe(_read(handle))
            handle.close()
            raise FolderLocked(f"{what} {path} is in use by another crawl ({holder})") from None
        left = _read(handle)
        if left.get("pid") not in (None, os.getpid()):
            logger.warning("%s %s: took over the lock left by a crawl that no longer runs (%s)",
                           what, path, _describe(left))  # fmt: skip
        handle.seek(0)
        handle.truncate()
        holder = {"pid": os.getpid(), "host": socket.gethostname(),
                  "since": utc_timestamp(datetime.now(UTC))}  # fmt: skip
        handle.write(json.dumps(holder) + "\n")
        handle.flush()
        lock = cls(key, handle)
        cls._held[key] = lock
        return lock

    @classmethod
    def release_all(cls) -> None:
        """Give up every lock this process holds (at the end of a crawl)."""
        for lock in list(cls._held.values()):
            lock.release()

    def release(self) -> None:
        """Give the lock up (the file stays, emptied: a free lock)."""
        if self._handle is None:
            return
        self._handle.seek(0)
        self._handle.truncate()
        self._handle.flush()
        fcntl.flock(self._handle.fileno(), fcntl.LOCK_UN)
        self._handle.close()
        self._handle = None
        FolderLock._held.pop(self.folder, None)


def _read(handle: IO[str]) -> dict[str, Any]:
    handle.seek(0)
    try:
        data = json.loads(handle.read() or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _describe(holder: dict[str, Any]) -> str:
    if not holder:
        return "holder unknown"
    return f"pid {holder.get('pid')} on {holder.get('host')}, since {holder.get('since')}"
