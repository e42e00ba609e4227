"""The formula strip: the output-size arithmetic with the user's numbers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from engine.errors import PoolingError
from engine.pooling.pipeline import formula_lines
from gui.i18n import message_of, tr, translated
from gui.models.pool_model import PoolModel

STYLE = "font-family: monospace; padding: 4px;"


class FormulaStrip(QLabel):
    """``H_out = floor((H + 2p - d(k-1) - 1)/s) + 1 = ...`` for the current settings."""

    def __init__(self, model: PoolModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.setObjectName("formula_strip")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setStyleSheet(STYLE)
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
            self.setStyleSheet(STYLE + " color: #c0392b;")
            self.setText(
                tr("Cannot pool with these settings: {problem}").format(problem=message_of(error))
            )
            return
        self.setStyleSheet(STYLE)
        shown = [translated(line) for line in lines]
        if model.replacing:
            shown.insert(
                0, tr("(this image is being replaced by {name}…)").format(name=model.replacing)
            )
        self.setText("\n".join(shown))
