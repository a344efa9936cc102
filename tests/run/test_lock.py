"""One crawl per folder (careerscrape.run.lock): held by a process, taken over from a dead one."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerscrape.run.lock import FolderLock, FolderLocked

HOLD = """
import sys, time
from careerscrape.run.lock import FolderLock
FolderLock.acquire(sys.argv[1])
print("held", flush=True)
time.sleep(60)
"""


def test_a_folder_held_by_another_process_is_refused_with_its_holder(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        with pytest.raises(FolderLocked) as error:
            FolderLock.acquire(tmp_path)
        assert str(error.value).startswith(
            f"OUTPUT_DIR {tmp_path} is in use by another crawl (pid {holder.pid} on "
        )
    finally:
        holder.kill()
        holder.wait()
    # The kernel released it with the process: it is free now.
    lock = FolderLock.acquire(tmp_path)
    assert json.loads((tmp_path / ".lock").read_text())["pid"] == os.getpid()
    lock.release()


def test_a_lock_left_by_a_dead_process_is_taken_over_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    left = {"pid": int(dead.stdout), "host": "worker-1", "since": "2026-12-01T03:00:00+00:00"}
    (tmp_path / ".lock").write_text(json.dumps(left))
    with caplog.at_level(logging.WARNING):
        lock = FolderLock.acquire(tmp_path, "JOBDIR")
    assert caplog.messages == [
        f"JOBDIR {tmp_path}: took over the lock left by a crawl that no longer runs "
        f"(pid {left['pid']} on worker-1, since 2026-12-01T03:00:00+00:00)"
    ]
    lock.release()
    assert (tmp_path / ".lock").read_text() == ""  # released: free, and no warning next time
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        FolderLock.acquire(tmp_path).release()
    assert caplog.messages == []


def test_this_process_asking_again_gets_the_lock_it_holds(tmp_path: Path) -> None:
    lock = FolderLock.acquire(tmp_path)
    assert FolderLock.acquire(tmp_path) is lock
    FolderLock.release_all()
    assert FolderLock.acquire(tmp_path) is not lock
    FolderLock.release_all()
