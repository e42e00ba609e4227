"""Signal blocking, and a regression test for the PySide6 release that leaked None.

PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to ``None`` on every call of a
void Qt method (``setValue``, ``setEnabled``, ...), so the window aborted with
"deallocating None" after a few thousand calls; pyproject.toml keeps it out.
"""

import gc
import sys

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
