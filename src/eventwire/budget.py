"""A story's time budget: the seconds the stages may spend on it before it ends with a ``timeout`` error.

Its own module, without spaCy, so that the command line can show the default (and a process that only stores, such
as an ingest's writer, need not import the pipeline).
"""

from __future__ import annotations

import signal
import threading
import time

STORY_TIME_BUDGET = 30.0
"""Seconds the stages may spend on one story before it ends with a ``timeout`` error (the parse is not counted:
it is linear in the text once overlong sentences are cut, see :mod:`eventwire.pipeline.nlp`). A long story takes
about three."""


class Budget:
    """The time budget of one story: a SIGALRM that interrupts the stage at work, where the process can have one
    (the main thread of a Unix process), and a check between stages everywhere."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.deadline = None if not seconds else time.monotonic() + seconds
        self._alarm = bool(seconds) and hasattr(signal, "setitimer") and \
            threading.current_thread() is threading.main_thread()

    def __enter__(self) -> Budget:
        if self._alarm:
            self._previous = signal.signal(signal.SIGALRM, self._ring)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc) -> None:
        if self._alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)

    def _ring(self, signum, frame) -> None:
        raise OutOfTime

    def check(self) -> None:
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise OutOfTime


class OutOfTime(BaseException):
    """Raised inside a stage when the story's budget is spent: a BaseException, so that no ``except Exception``
    in a stage can swallow it."""
