"""Matrix mode: type, paste or generate a small matrix and pool it, numbers on every cell."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from engine.io.images import MatrixParseError, load_matrix_text
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.text import Text
from gui.i18n import message_of, tr, translated
from gui.models.pool_model import PoolModel
from gui.qt_utils import signals_blocked

PRESETS: dict[str, tuple[str, PoolParams]] = {
    Text("Classic 4x4 -> 2x2 max"): (
        "1 1 2 4\n5 6 7 8\n3 2 1 0\n1 2 3 4",
        PoolParams("max", (2, 2), (2, 2)),
    ),
    Text("1D row 1..10, window 3"): (
        " ".join(str(number) for number in range(1, 11)),
        PoolParams("max", (1, 3), (1, 3)),
    ),
    Text("Ties (first maximum wins)"): (
        "5 5 1 5\n5 2 5 5\n0 0 3 3\n0 0 3 3",
        PoolParams("max", (2, 2), (2, 2)),
    ),
    Text("NaN propagates"): (
        "1 nan 2 3\n4 5 6 nan\n7 8 9 1\n2 3 4 5",
        PoolParams("max", (2, 2), (2, 2)),
    ),
    Text("6x6, 3x3 stride 1 (overlap)"): (
        "1 3 2 1 0 4\n4 6 6 2 1 3\n3 1 2 8 5 1\n0 2 7 7 3 2\n5 1 0 3 9 9\n2 4 1 6 2 0",
        PoolParams("max", (3, 3), (1, 1)),
    ),
}
"""Textbook matrices and their settings, by name (translatable: shown with ``translated``)."""
MAX_SIDE = 16


class MatrixPanel(QWidget):
    """The matrix page: presets, the editor, random integers, apply (Ctrl+Return).

    The preset box follows what is shown: it names the preset whose matrix and settings are
    on screen, or says the matrix is your own.
    """

    applied = Signal()  # a typed matrix became the input

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("matrix_editor")
        self.editor.setFont(QFont("monospace"))
        self.editor.setPlaceholderText(
            tr("Type or paste numbers: rows on lines, values separated by spaces, commas or tabs")
        )
        self.editor.setToolTip(
            tr("Up to {side}x{side} numbers; paste from a spreadsheet works too").format(
                side=MAX_SIDE
            )
        )
        self.editor.setMaximumHeight(120)
        self.presets = QComboBox()
        self.presets.setObjectName("matrix_presets")
        self.presets.addItem(tr("Your own matrix (or pick a preset)"), None)
        for name in PRESETS:
            self.presets.addItem(translated(name), name)
        self.presets.setToolTip(tr("Textbook examples, with matching pooling settings"))
        self.presets.activated.connect(self._on_preset_chosen)
        self.size = QSpinBox()
        self.size.setObjectName("matrix_size")
        self.size.setRange(1, MAX_SIDE)
        self.size.setValue(6)
        self.size.setPrefix("n = ")
        self.size.setToolTip(tr("Side of the random matrix"))
        self.random_button = QPushButton(tr("Random"))
        self.random_button.setObjectName("random_matrix")
        self.random_button.setToolTip(tr("Fill an n x n matrix with random integers 0..9"))
        self.random_button.clicked.connect(self.fill_random)
        self.apply_button = QPushButton(tr("Apply"))
        self.apply_button.setObjectName("apply_matrix")
        self.apply_button.setToolTip(tr("Pool this matrix (Ctrl+Return)"))
        self.apply_button.clicked.connect(self.apply)
        QShortcut(QKeySequence("Ctrl+Return"), self.editor, activated=self.apply)
        self.message = QLabel()
        self.message.setObjectName("matrix_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setVisible(False)
        self.rng = np.random.default_rng()
        row = QHBoxLayout()
        row.addWidget(self.size)
        row.addWidget(self.random_button)
        row.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.presets)
        layout.addWidget(self.editor)
        layout.addLayout(row)
        layout.addWidget(self.message)
        model.imageChanged.connect(self.follow_shown)
        model.parametersChanged.connect(self.follow_shown)

    def matching_preset(self) -> str | None:
        """The preset whose matrix and pooling settings are the ones shown, if any."""
        image, params = self.model.image, self.model.params
        if image is None or image.shape[0] != 1 or self.model.image_path is not None:
            return None
        for name, (text, preset) in PRESETS.items():
            matrix = load_matrix_text(text)
            same_matrix = matrix.shape == image.shape[1:] and np.array_equal(
                matrix, image[0], equal_nan=True
            )
            if same_matrix and kind_of(preset).effective(preset) == kind_of(params).effective(
                params
            ):
                return name
        return None

    def follow_shown(self, *_) -> None:
        """Keep the preset box in step with what is shown."""
        with signals_blocked(self.presets):
            name = self.matching_preset()
            self.presets.setCurrentIndex(0 if name is None else self.presets.findData(name))

    def _on_preset_chosen(self, index: int) -> None:
        name = self.presets.itemData(index)
        if name is not None:
            self.choose_preset(name)

    def choose_preset(self, name: str) -> None:
        """Show a textbook example: its matrix and its pooling settings."""
        text, params = PRESETS[name]
        self.editor.setPlainText(text)
        if self.apply():
            self.model.set_params(params)
        self.follow_shown()

    def fill_random(self) -> None:
        side = self.size.value()
        values = self.rng.integers(0, 10, (side, side))
        self.editor.setPlainText("\n".join(" ".join(str(value) for value in row) for row in values))
        self.apply()

    def apply(self) -> bool:
        """Pool the typed matrix; on a problem say what and where, and change nothing."""
        try:
            matrix = load_matrix_text(self.editor.toPlainText())
            if max(matrix.shape) > MAX_SIDE:
                raise MatrixParseError(
                    "The matrix is {height} x {width} (H x W); matrix mode shows up to {side} x "
                    "{side} so every number stays readable.",
                    height=matrix.shape[0],
                    width=matrix.shape[1],
                    side=MAX_SIDE,
                )
            finite = matrix[np.isfinite(matrix)]
            if finite.size and np.abs(finite).max() > 1e15:
                raise MatrixParseError(
                    "Values above 1e15 are too large to show and compare; scale them down."
                )
        except MatrixParseError as error:
            self.message.setText(message_of(error))
            self.message.setVisible(True)
            return False
        self.message.setVisible(False)
        self.model.image_path = None
        self.model.set_image(matrix[np.newaxis])
        self.applied.emit()
        return True
