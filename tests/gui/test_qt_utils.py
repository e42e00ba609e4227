"""Signal blocking, and a regression test for the PySide6 release that leaked None.

PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to ``None`` on every call of a
void Qt method (``setValue``, ``setEnabled``, ...), so the window aborted with
"deallocating None" after a few thousand calls; pyproject.toml keeps it out.
"""

import gc
import sys
import threading

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QSpinBox

from gui.qt_utils import signals_blocked


def test_signals_blocked_blocks_restores_and_keeps_none_alive(qtbot):
    box = QSpinBox()
    qtbot.addWidget(box)
    changes = []
    box.valueChanged.connect(changes.append)
    gc.collect()
    before = sys.getrefcount(None)
    for value in range(1, 201):
        with signals_blocked(box):
            box.setValue(value % 50)
    gc.collect()
    assert sys.getrefcount(None) >= before - 20  # PySide6 6.12.0 lost 600 here
    assert changes == [] and not box.signalsBlocked()
    box.setValue(99)
    assert changes == [99]


def test_void_qt_calls_keep_none_alive(qtbot):
    box = QSpinBox()
    qtbot.addWidget(box)
    gc.collect()
    before = sys.getrefcount(None)
    for value in range(500):
        box.setValue(value % 7)
        box.setEnabled(value % 2 == 0)
    gc.collect()
    assert sys.getrefcount(None) >= before - 20


def test_a_cycle_holding_a_qt_object_is_freed_on_the_ui_thread_not_on_a_job(qtbot):
    """Regression: Python's collector ran on a pooling thread and freed a closed window's Qt
    objects there, and the suite deadlocked (Qt's lock against the GIL). The window and the
    tests collect from a timer on the UI thread (``MainThreadCollector``)."""
    assert not gc.isenabled()  # the session's collector, as gui.app.run_window installs one
    freed_on = []

    class Holder:
        pass

    holder = Holder()
    holder.qt_object, holder.itself = QObject(), holder
    holder.qt_object.destroyed.connect(
        lambda: freed_on.append(threading.current_thread()), Qt.ConnectionType.DirectConnection
    )
    del holder

    kept = []  # allocations far past the collector's thresholds: automatic collection would
    # run (and free the cycle) on this job's thread
    job = threading.Thread(target=lambda: kept.extend([index] for index in range(100_000)))
    job.start()
    job.join()
    assert freed_on == []
    kept.clear()
    qtbot.waitUntil(lambda: freed_on != [], timeout=5000)
    assert freed_on == [threading.main_thread()]


def test_the_window_hands_the_gil_back_to_the_ui_thread_within_a_millisecond(
    qapp, monkeypatch, tmp_path
):
    """Regression (GUI fuzz, seed 2): a stochastic pool over a 234 x 234 window, looping in
    Python on a job's thread, held the repaint of a small matrix off for 400-600 ms at
    Python's 5 ms switch interval. The window runs at 1 ms, and restores it when it ends."""
    from gui import app as application
    from gui.qt_utils import UI_SWITCH_INTERVAL, ui_thread_switching

    seen = []
    monkeypatch.setattr(
        application, "show_window", lambda *args: seen.append(sys.getswitchinterval()) or 0
    )
    sys.setswitchinterval(0.005)
    try:
        assert application.main(["--screenshot", str(tmp_path / "x.png")]) == 0
        assert seen == [UI_SWITCH_INTERVAL]
        assert sys.getswitchinterval() == 0.005
        with ui_thread_switching():
            assert sys.getswitchinterval() == UI_SWITCH_INTERVAL
        assert sys.getswitchinterval() == 0.005
    finally:
        sys.setswitchinterval(UI_SWITCH_INTERVAL)  # as the session's fixture has it


def test_stopping_the_collector_frees_every_cycle_first(qtbot):
    """Regression: the session's collector stopped with garbage windows left; the automatic
    collection turned back on freed them inside the collector's own ``QObject`` destructor,
    where Qt held a pooled lock that a freed menu shared, and the thread deadlocked with
    itself at the end of one test run in four. ``stop`` now collects everything first."""
    from gui.qt_utils import MainThreadCollector

    collector = MainThreadCollector()
    freed = []

    class Holder:
        pass

    holder = Holder()
    holder.qt_object, holder.itself = QObject(), holder
    holder.qt_object.destroyed.connect(lambda: freed.append(True))
    del holder
    assert freed == []
    collector.stop()
    assert freed == [True]
    assert not gc.isenabled()  # the session's collector still owns collection
