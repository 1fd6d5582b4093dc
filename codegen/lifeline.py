"""Processes of ours that end with the process that started them.

A parent killed with SIGKILL runs no clean-up, and children blocked on a
queue or serving a socket would live on, orphaned. So each child watches
for its own orphaning: parse workers through their parent's process id
(`worker_started`), dev servers through a pipe from the dev loop (see
`codegen.watch`). The watch loop and the dev loop stop on SIGINT, SIGTERM
and SIGHUP with handlers of their own (`stopped_by_signals`), as uvicorn
does, so that an inherited disposition (a script's background job, started
with `&` and no job control, ignores SIGINT) cannot keep them running.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Iterator
from multiprocessing.context import BaseContext

# Ctrl-C, a supervisor's or `kill`'s SIGTERM, and SIGHUP: the terminal closed.
STOP_SIGNALS = [
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP")
    if hasattr(signal, name)  # Windows has no SIGHUP
]
ORPHAN_CHECK_SECONDS = 0.2


def worker_context() -> BaseContext:
    """How parse workers start: the platform's default, but as direct
    children, so that their parent's process id is ours (spawn where the
    default is a fork server, whose children are its own)."""
    default = multiprocessing.get_start_method()
    return multiprocessing.get_context("spawn" if default == "forkserver" else None)


def worker_started(parent: int) -> None:
    """A parse worker's initializer: leave Ctrl-C to the parent, which stops
    the pool, and exit as soon as `parent` is not our parent.

    A worker blocked on its task queue never sees its parent die (its
    siblings hold the queue open), so a thread polls the parent's id, which
    changes when the orphan is handed to init or a subreaper.
    """
    for number in STOP_SIGNALS:  # a forked worker has the loop's handlers
        signal.signal(number, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Inside, the stop signals raise KeyboardInterrupt, so that a loop stops
    cleanly: servers stopped, the cache written. The previous handlers come
    back on leaving."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = {number: signal.signal(number, interrupt) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
