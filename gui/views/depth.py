"""A depth slider: which slice of a volume a view shows."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from gui.i18n import tr
from gui.qt_utils import signals_blocked


class DepthSlider(QWidget):
    """A labelled slider over the slices of a volume; hidden for images. ``what`` (and the
    note of :meth:`show_depth`) come in the window's language, from the caller's ``tr``.

    Signals
    -------
    moved(int)
        The user chose another slice.
    """

    moved = Signal(int)

    def __init__(self, name: str, what: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.what = what  # in the window's language, as the caller's note is
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName(name)
        self.slider.setToolTip(
            tr("The {what} shown (PageUp / PageDown move the output slice)").format(what=self.what)
        )
        self.label = QLabel()
        self.label.setMinimumWidth(110)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        self.slider.valueChanged.connect(self.moved)
        self.setVisible(False)

    def show_depth(self, count: int, current: int, note: str = "") -> None:
        """Show slice ``current`` of ``count`` (hidden when ``count`` is 0), and a note."""
        self.setVisible(count > 0)
        with signals_blocked(self.slider):
            self.slider.setRange(0, max(count - 1, 0))
            self.slider.setValue(current)
        self.label.setText(f"{self.what} {current} / {count - 1}{note}")
