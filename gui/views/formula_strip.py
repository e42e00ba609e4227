"""The formula strip: the output-size arithmetic with the user's numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel, QSizePolicy

from engine.errors import PoolingError
from engine.pooling.pipeline import formula_lines
from gui.i18n import message_of, tr, translated
from gui.models.pool_model import PoolModel

STYLE = "font-family: monospace; padding: 4px; font-size: {size}pt;"
SMALLEST_POINT_SIZE = 7.0  # below this the lines wrap instead of shrinking further


class FormulaStrip(QLabel):
    """``H_out = floor((H + 2p - d(k-1) - 1)/s) + 1 = ...`` for the current settings."""

    def __init__(self, model: PoolModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("formula_strip")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.full_point_size = self.font().pointSizeF()
        self.point_size = self.full_point_size
        self.colour = ""
        self._apply_style()
        self.setToolTip(tr("Output size with your numbers, and how much smaller it is"))
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        for signal in (
            model.parametersChanged,
            model.imageChanged,
            model.errorChanged,
            model.replacingChanged,
        ):
            signal.connect(self.refresh)

    def refresh(self, *_) -> None:
        model = self.model
        if model.image is None:
            return
        try:
            lines = formula_lines(model.params, model.pooled_input().shape)
        except PoolingError as error:
            self.colour = " color: #c0392b;"
            self.setText(
                tr("Cannot pool with these settings: {problem}").format(problem=message_of(error))
            )
            self.fit_to_width()
            return
        self.colour = ""
        shown = [translated(line) for line in lines]
        if model.replacing:
            shown.insert(
                0, tr("(this image is being replaced by {name}…)").format(name=model.replacing)
            )
        self.setText("\n".join(shown))
        self.fit_to_width()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_to_width()

    def fit_to_width(self) -> None:
        """The largest font, up to the window's, at which the longest line fits the strip's
        width: long numbers (a 4000 px image) shrink the text instead of wrapping each line
        into a scrolled box. Wraps only below ``SMALLEST_POINT_SIZE``."""
        available = self.contentsRect().width() - 10  # the style's padding, and a margin
        longest = max(self.text().split("\n"), key=len, default="")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        size = self.full_point_size
        while size > SMALLEST_POINT_SIZE:
            font.setPointSizeF(size)
            if QFontMetricsF(font).horizontalAdvance(longest) <= available:
                break
            size -= 0.5
        self.point_size = size
        self._apply_style()

    def _apply_style(self) -> None:
        style = STYLE.format(size=self.point_size) + self.colour
        if style != self.styleSheet():
            self.setStyleSheet(style)
