"""``work(task)`` of every task, in order, over forked processes that inherit what they read.

multiprocessing's Pool was the first choice, and measured the worse one for a rebuild,
whose results are large (10 KB a page: feed lines and catalog facts): its three
threads in the parent fight the main thread for the GIL, and a worker's result
larger than a pipe's 64 KB waits until the parent's reading thread gets its turn,
idling the worker (4-5% of its time, measured). Here the parent has no thread: it
waits on the workers' pipes itself, widened so that a worker can leave a whole
result and go on with its next task, which it already holds (each has two at a
time).

A worker that raises sends the exception back, and the parent raises it in its turn,
after the results of the tasks before; a worker that dies (killed, out of memory)
is :class:`WorkerDied`, never a hang. Workers ignore SIGINT: Ctrl-C stops the parent,
which ends them.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

__all__ = ["WorkerDied", "fork_map"]

T = TypeVar("T")
R = TypeVar("R")

#: Bytes of a worker's result pipe, where the system allows (Linux: F_SETPIPE_SZ, up to
#: /proc/sys/fs/pipe-max-size, 1 MiB by default): a whole result of 64 pages.
PIPE_BYTES = 1 << 20
#: Tasks a worker holds at a time: the one it works on, and the next.
AHEAD = 2
#: Tasks a worker may be given past the one whose result is due next (see fork_map).
WINDOW = 8


class WorkerDied(RuntimeError):
    """A worker process ended without sending its result back."""


def _widen(connection: Connection) -> None:
    with contextlib.suppress(AttributeError, OSError):  # not Linux, or over the system's limit
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)


def _serve(work: Callable[[Any], Any], tasks: Connection, results: Connection) -> None:
    """A worker: ``(number, ok, result or exception)`` for each task, until told to stop
    or the parent is gone (its pipes closed)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(EOFError, BrokenPipeError):
        while (task := tasks.recv()) is not None:
            number, argument = task
            try:
                results.send((number, True, work(argument)))
            except Exception as exc:  # raised again in the parent
                results.send((number, False, exc))


class _Worker:
    def __init__(self, context: Any, work: Callable[[Any], Any]) -> None:
        tasks_out, self.tasks = context.Pipe(duplex=False)
        self.results, results_in = context.Pipe(duplex=False)
        _widen(results_in)
        self.process = context.Process(target=_serve, args=(work, tasks_out, results_in),
                                       daemon=True)  # fmt: skip
        self.process.start()
        tasks_out.close()
        results_in.close()
        self.held = 0

    def give(self, number: int, task: Any) -> None:
        try:
            self.tasks.send((number, task))
        except BrokenPipeError:
            raise self.died() from None
        self.held += 1

    def died(self) -> WorkerDied:
        self.process.join(timeout=5)
        return WorkerDied(f"a worker process ended (exit code {self.process.exitcode}) "
                          "without its result")  # fmt: skip

    def stop(self, *, now: bool) -> None:
        """Let the worker end once idle, or (``now``) kill it: it may be blocked sending a
        result nobody will read."""
        if not now:
            with contextlib.suppress(OSError):
                self.tasks.send(None)
            self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.tasks.close()
        self.results.close()


def fork_map(work: Callable[[T], R], tasks: Sequence[T], jobs: int) -> Iterator[R]:
    """``work(task)`` of each of ``tasks``, in order, computed in ``jobs`` forked processes.

    ``work`` and what it reads are inherited by the fork, never pickled; tasks and
    results are. A task goes to the first worker to be free, but never more than
    ``WINDOW`` tasks a worker past the one due next: a slow task does not let the
    results after it pile up. Closing the iterator early ends the workers.
    """
    if not tasks:
        return
    context = multiprocessing.get_context("fork")
    workers = [_Worker(context, work) for _ in range(min(max(1, jobs), len(tasks)))]
    by_results = {worker.results: worker for worker in workers}
    given = 0
    done: dict[int, tuple[bool, Any]] = {}  # results that came before the one due next

    def top_up(due: int) -> None:
        """Tasks to the workers that hold fewer than AHEAD, in turn: the next tasks
        are on different workers."""
        nonlocal given
        end = min(len(tasks), due + WINDOW * len(workers))
        while given < end and (free := [w for w in workers if w.held < AHEAD]):
            for worker in free[: end - given]:
                worker.give(given, tasks[given])
                given += 1

    try:
        for number in range(len(tasks)):
            top_up(number)
            while number not in done:
                for connection in wait([w.results for w in workers if w.held]):
                    worker = by_results[connection]  # type: ignore[index]
                    try:
                        finished, ok, result = connection.recv()
                    except EOFError:
                        raise worker.died() from None
                    worker.held -= 1
                    done[finished] = (ok, result)
                    top_up(number)
            ok, result = done.pop(number)
            if not ok:
                raise result
            yield result
    except BaseException:
        for worker in workers:
            worker.stop(now=True)
        raise
    for worker in workers:
        worker.stop(now=False)
