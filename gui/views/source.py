"""Where the input comes from: the Image / Matrix mode switch and the image page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from engine.io.images import SAMPLES
from engine.pooling.display import CHANNEL_LABELS, CHANNELS
from engine.text import Text
from gui.i18n import tr, translated
from gui.models.pool_model import PoolModel
from gui.qt_utils import signals_blocked

MODES = {
    "image": (Text("Image"), Text("Pool a photo or any image file (Ctrl+O); samples included")),
    "matrix": (
        Text("Matrix"),
        Text("Pool a small matrix you type, paste or pick from textbook presets"),
    ),
}
"""Each mode's button text and tooltip (translatable: shown with ``translated``)."""


class ModeSwitch(QWidget):
    """Two equal modes, one click apart: Image and Matrix."""

    modeChosen = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.buttons: dict[str, QToolButton] = {}
        group = QButtonGroup(self)
        group.setExclusive(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for mode, (text, tip) in MODES.items():
            button = QToolButton()
            button.setObjectName(f"mode_{mode}")
            button.setText(translated(text))
            button.setToolTip(translated(tip))
            button.setCheckable(True)
            button.setMinimumHeight(28)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, chosen=mode: self.modeChosen.emit(chosen))
            group.addButton(button)
            layout.addWidget(button)
            self.buttons[mode] = button

    def set_mode(self, mode: str) -> None:
        with signals_blocked(*self.buttons.values()):
            self.buttons[mode].setChecked(True)


class ImageSource(QWidget):
    """The image page: open a file, pick a sample, choose the channel to pool."""

    openRequested = Signal()
    sampleChosen = Signal(str)

    def __init__(self, model: PoolModel, parent=None):
        super().__init__(parent)
        self.model = model
        self.open_button = QPushButton(tr("Open image…"))
        self.open_button.setObjectName("open_image")
        self.open_button.setToolTip(tr("Open a PNG, JPEG, BMP, GIF, TIFF or WebP image (Ctrl+O)"))
        self.open_button.clicked.connect(self.openRequested)
        self.samples = QComboBox()
        self.samples.setObjectName("samples")
        self.samples.addItem(tr("Samples…"), None)
        for name in SAMPLES:
            self.samples.addItem(translated(name), name)
        self.samples.setToolTip(
            tr("The bundled samples: a photo, a digit, a checkerboard, matrices")
        )
        self.samples.activated.connect(self._on_sample_chosen)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for name in CHANNELS:
            self.channel.addItem(translated(CHANNEL_LABELS[name]), name)
        self.channel.setToolTip(tr("Which channel(s) of a colour image to pool and show"))
        self.channel.currentIndexChanged.connect(self._on_channel_changed)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addWidget(self.samples, 1)
        form.addRow(row)
        form.addRow(tr("Channel"), self.channel)
        model.imageChanged.connect(self.refresh)

    def _on_sample_chosen(self, index: int) -> None:
        name = self.samples.itemData(index)
        with signals_blocked(self.samples):
            self.samples.setCurrentIndex(0)
        if name is not None:
            self.sampleChosen.emit(name)

    def _on_channel_changed(self, *_) -> None:
        self.model.set_channel(self.channel.currentData())

    def refresh(self) -> None:
        with signals_blocked(self.channel):
            self.channel.setCurrentIndex(self.channel.findData(self.model.channel))
        source = self.model.source_image
        self.channel.setEnabled(source is not None and source.shape[0] == 3)
