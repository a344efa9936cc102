"""fork_map: results in order from forked workers; errors raised, deaths named, no leftovers."""

from __future__ import annotations

import fcntl
import multiprocessing
import os
import time

import pytest

from careerscrape.archive.fork_map import PIPE_BYTES, WINDOW, WorkerDied, _widen, fork_map

INHERITED = {"factor": 3}  # read by the workers through the fork, never pickled


def _slow_first(number: int) -> tuple[int, int]:
    time.sleep(0.05 if number < 2 else 0)  # the first tasks end last
    return number * INHERITED["factor"], os.getpid()


def _live_children() -> list[multiprocessing.Process]:
    return [child for child in multiprocessing.active_children() if child.is_alive()]


def test_results_come_in_task_order_from_every_worker() -> None:
    results = list(fork_map(_slow_first, list(range(12)), jobs=2))
    assert [value for value, _ in results] == [n * 3 for n in range(12)]
    assert len({pid for _, pid in results}) == 2 and os.getpid() not in {p for _, p in results}
    assert _live_children() == []


def test_no_more_workers_than_tasks_and_no_tasks_no_workers() -> None:
    assert len({pid for _, pid in fork_map(_slow_first, [5], jobs=4)}) == 1
    assert list(fork_map(_slow_first, [], jobs=2)) == []


def test_a_result_larger_than_any_pipe_gets_through() -> None:
    big = list(fork_map(lambda size: b"x" * size, [3 * PIPE_BYTES, 10], jobs=2))
    assert [len(result) for result in big] == [3 * PIPE_BYTES, 10]


def _fails_on_three(number: int) -> int:
    if number == 3:
        raise LookupError(f"no page {number}")
    return number


def test_a_worker_error_is_raised_in_the_parent_and_the_workers_end() -> None:
    seen = []
    with pytest.raises(LookupError, match=r"^no page 3$"):
        for result in fork_map(_fails_on_three, list(range(8)), jobs=2):
            seen.append(result)
    assert seen == [0, 1, 2]
    assert _live_children() == []


def test_a_worker_that_dies_is_named_never_waited_for() -> None:
    def dies_on_two(number: int) -> int:
        if number == 2:
            os._exit(7)
        return number

    with pytest.raises(WorkerDied, match=r"^a worker process ended \(exit code 7\) without"):
        list(fork_map(dies_on_two, list(range(6)), jobs=2))
    assert _live_children() == []


def test_closing_the_results_early_ends_the_workers() -> None:
    results = fork_map(lambda size: b"y" * size, [2 * PIPE_BYTES] * 6, jobs=2)
    assert len(next(results)) == 2 * PIPE_BYTES
    results.close()  # the others were blocked sending results nobody reads
    assert _live_children() == []


def test_a_result_pipe_is_widened_where_the_system_allows() -> None:
    with open("/proc/sys/fs/pipe-max-size") as limit:
        allowed = int(limit.read()) >= PIPE_BYTES or os.geteuid() == 0  # root may go past it
    reader, writer = multiprocessing.Pipe(duplex=False)
    _widen(writer)
    assert fcntl.fcntl(reader.fileno(), fcntl.F_GETPIPE_SZ) == (PIPE_BYTES if allowed else 65536)
    reader.close()
    writer.close()


def test_a_slow_task_holds_back_the_tasks_after_it(tmp_path) -> None:
    log = tmp_path / "log"

    def work(number: int) -> int:
        time.sleep(0.5 if number == 0 else 0)
        with log.open("a") as handle:
            handle.write(f"{number} {time.monotonic()}\n")
        return number

    assert list(fork_map(work, list(range(60)), jobs=2)) == list(range(60))
    ended = dict(line.split() for line in log.read_text().splitlines())
    first = float(ended.pop("0"))
    before = sorted(int(n) for n, at in ended.items() if float(at) < first)
    # Task 2 waited behind task 0 in its worker; the other worker went on, but no further
    # than WINDOW tasks a worker past task 0.
    assert before == [1, *range(3, 2 * WINDOW)]
