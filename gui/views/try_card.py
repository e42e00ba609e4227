"""The "try this" card a first start shows over the views: three things to do, dismissable."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton

from engine.text import Text
from gui.i18n import tr, translated

TRY_THIS = Text(
    "<b>Try this:</b> hover over an output cell to see the window it came from (click to pin "
    "it, then the arrow keys move it) · press <b>Space</b> to play the pooling step by step · "
    "switch to <b>Matrix</b> mode (top left) to pool numbers you type."
)


class TryCard(QFrame):
    """A short hint with a close button; ``dismissed`` is emitted once it is closed."""

    dismissed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("try_card")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#try_card { background: #fff7d6; } QLabel { color: #222; }")
        text = QLabel(translated(TRY_THIS))
        text.setObjectName("try_text")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        close = QToolButton()
        close.setObjectName("try_close")
        close.setText("✕")
        close.setToolTip(tr("Hide this hint (Help > Show the 'try this' hint brings it back)"))
        close.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)

    def dismiss(self) -> None:
        self.hide()
        self.dismissed.emit()
