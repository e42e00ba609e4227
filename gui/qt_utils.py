"""Small Qt helpers shared by the views."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer


@contextmanager
def signals_blocked(*objects: QObject) -> Iterator[None]:
    """Block the signals of ``objects`` inside the ``with`` block, then restore each one.

    Like napari's ``qt_signals_blocked``: one helper instead of a ``QSignalBlocker`` per
    widget, and it restores each object's previous state.
    """
    previous = [obj.blockSignals(True) for obj in objects]
    try:
        yield
    finally:
        for obj, was_blocked in zip(objects, previous, strict=True):
            obj.blockSignals(was_blocked)


UI_SWITCH_INTERVAL = 0.001
"""Seconds a busy Python thread may keep the GIL while the UI thread waits for it."""


@contextmanager
def ui_thread_switching() -> Iterator[None]:
    """Hand the GIL back to the UI thread within 1 ms instead of Python's 5 ms.

    A pooling job that loops in Python over small NumPy calls (a 234 x 234 stochastic window
    walks its 54,756 offsets) takes the GIL each time the UI thread lets it go inside a Qt
    call, and keeps it for the whole switch interval: a repaint of a few hundred cells then
    waited 400-600 ms (the GUI fuzz, seed 2). At 1 ms the longest gap there fell to about
    240 ms; a job running alone is not slowed (the interval only matters to a waiting
    thread)."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(UI_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


class MainThreadCollector(QObject):
    """Python's cyclic garbage collector, run on the UI thread only.

    Automatic collection runs in whichever thread happens to allocate when a threshold is
    crossed, so a pooling job on a worker thread could free a Qt object left in a reference
    cycle (a closed window's, a rebuilt panel's). Its C++ destructor then takes Qt's
    connection lock on the worker and waits for the GIL, while the UI thread, holding the
    GIL, waits for that lock: the window freezes for good (seen in the test suite). Like
    pyqtgraph's ``GarbageCollector``, this turns automatic collection off and collects from a
    timer on the UI thread; :meth:`stop` turns it back on.
    """

    def __init__(self, interval_ms: int = 500, parent: QObject | None = None):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(interval_ms)

    def collect(self) -> None:
        """Collect the youngest generation on every tick (cheap: young objects only), and the
        older ones when their counts pass Python's thresholds, as Python would."""
        counts = gc.get_count()
        generation = 0
        if counts[1] > self._thresholds[1]:
            generation = 2 if counts[2] > self._thresholds[2] else 1
        gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer, collect everything left (here, on this thread), then let Python
        collect automatically again if it did before.

        The full collection first matters: garbage windows left for a later automatic
        collection were freed inside the next ``QObject`` destructor that allocated (this
        collector's own, say), where Qt already held one of its pooled connection locks; a
        freed menu hashing to the same lock deadlocked the thread with itself (seen at the end
        of a test session)."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
