"""Run jobs in worker processes that the build keeps on a leash.

Each job runs in a worker process and tells its parent when it starts a document; the
parent keeps the time limit of each document from outside and kills a worker that
overruns, so no library in the worker (WeasyPrint catches every exception while it draws
an SVG) can swallow the limit. Workers ignore Ctrl-C, which the parent handles, and die
with their parent, even when it is killed outright.

Workers are forked, so each starts with what the parent has imported and set, and is
reused for job after job so that its caches (fonts, templates, stylesheets) stay warm.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Iterable, Iterator

#: Linux's prctl option that sends a signal to a process when its parent dies.
PR_SET_PDEATHSIG = 1
#: Seconds between a worker's looks at whether its parent is still alive, where the
#: kernel cannot tell it.
PARENT_POLL_SECONDS = 1.0
#: Seconds between the parent's looks at whether the run was cancelled, while it waits.
CANCEL_POLL_SECONDS = 0.05

#: A job: called in a worker with its task and a function to call with the name of each
#: document as it starts; yields its results one by one.
Job = Callable[[Any, Callable[[str], None]], Iterable[Any]]
#: Called in the parent when a task overran: with the task, the document that overran,
#: the limit and the results received before; returns the results to report instead.
Overrun = Callable[[Any, str, float, list], list]


@dataclass
class Worker:
    """A worker process, its end of the pipe, and the task it is running."""

    process: multiprocessing.Process
    connection: Connection
    task: Any = None
    #: The document being made, and when its time runs out (monotonic seconds).
    document: str = ""
    deadline: float = float("inf")
    received: list = field(default_factory=list)


class Cancelled(Exception):
    """The run was cancelled: its workers were stopped, their tasks left unfinished."""


def run(job: Job, tasks: list, jobs: int, seconds: float, overran: Overrun,
        cancelled: Callable[[], bool] | None = None) -> Iterator[list]:
    """Run each task in a worker, `jobs` at a time; yield each task's results as it ends
    (in the order tasks end). A document that takes longer than `seconds` is stopped by
    killing its worker; `overran` then says what to report for the task. When
    `cancelled()` turns true, the workers are stopped at once and `Cancelled` is raised."""
    pending = list(reversed(tasks))
    workers: list[Worker] = []
    try:
        while pending or any(worker.task is not None for worker in workers):
            while pending and len([w for w in workers if w.task is not None]) < jobs:
                worker = next((w for w in workers if w.task is None), None)
                if worker is None:
                    worker = start(job)
                    workers.append(worker)
                give(worker, pending.pop(), seconds)
            yield from collect(workers, seconds, overran, cancelled)
            workers = [worker for worker in workers if worker.process.is_alive()]
    finally:
        for worker in workers:
            stop(worker)


def give(worker: Worker, task: Any, seconds: float) -> None:
    """Send a task to an idle worker."""
    worker.task, worker.received = task, []
    worker.document, worker.deadline = "", time.monotonic() + seconds
    worker.connection.send(task)


def collect(workers: list[Worker], seconds: float, overran: Overrun,
            cancelled: Callable[[], bool] | None = None) -> Iterator[list]:
    """Wait for the next message of any busy worker, or the next deadline; yield the
    results of every task that ended. Raise `Cancelled` once `cancelled()` is true."""
    busy = [worker for worker in workers if worker.task is not None]
    timeout = max(0.0, min(worker.deadline for worker in busy) - time.monotonic())
    if cancelled is not None:
        timeout = min(timeout, CANCEL_POLL_SECONDS)
        if cancelled():
            raise Cancelled  # `run` stops the workers on its way out.
    ready = wait([worker.connection for worker in busy], timeout)
    for worker in busy:
        if worker.connection in ready:
            finished = receive(worker, seconds)
            if finished is not None:
                yield finished
        if worker.task is not None and time.monotonic() >= worker.deadline:
            results = overran(worker.task, worker.document, seconds, worker.received)
            stop(worker)
            worker.task = None
            yield results


def receive(worker: Worker, seconds: float) -> list | None:
    """Take one message from a worker; return the task's results when it is done."""
    try:
        kind, value = worker.connection.recv()
    except (EOFError, OSError):
        # The worker died (killed by the system, out of memory): a bug or the machine,
        # not the content; say so rather than wait for it.
        stop(worker)
        task, worker.task = worker.task, None
        raise WorkerDied(task, worker.process.exitcode) from None
    if kind == "start":
        worker.document, worker.deadline = value, time.monotonic() + seconds
        return None
    if kind == "result":
        worker.received.append(value)
        return None
    if kind == "error":
        worker.task = None
        raise value
    results, worker.received, worker.task = worker.received, [], None
    return results


class WorkerDied(RuntimeError):
    """A worker process ended without finishing its task."""

    def __init__(self, task: Any, exitcode: int | None):
        super().__init__(f"a worker process ended with status {exitcode} while building "
                         f"{task!r:.200}")


def start(job: Job) -> Worker:
    """Fork a worker process that runs `job` on each task it is sent."""
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe()
    process = context.Process(target=serve, args=(child_end, job, os.getpid()), daemon=True)
    process.start()
    child_end.close()
    return Worker(process, parent_end)


def stop(worker: Worker) -> None:
    """End a worker at once and reap it."""
    if worker.process.is_alive():
        worker.process.kill()
    worker.process.join()
    worker.connection.close()


def serve(connection: Connection, job: Job, parent: int) -> None:
    """In a worker: run each task received until the pipe closes."""
    # Ctrl-C reaches every process of the terminal; the parent alone decides what it means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent(parent)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        try:
            for result in job(task, lambda name: connection.send(("start", name))):
                connection.send(("result", result))
        except Exception as error:  # Sent to the parent, which raises it there.
            connection.send(("error", error))
            continue
        connection.send(("done", None))


def die_with_parent(parent: int) -> None:
    """Make this process end when its parent does, even if the parent is killed."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # Not Linux: the watch below still ends the worker within a second.
    if os.getppid() != parent:
        os._exit(1)  # The parent died before the signal was asked for.

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
