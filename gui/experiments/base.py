"""What every experiment panel shares: the working copy, the layout, the pools it compares."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from gui.models.pool_model import PoolModel

WORKING_SIDE = 256
CURVE_COLOURS = ((230, 60, 60), (60, 120, 230), (40, 170, 80), (200, 140, 0), (150, 60, 200))


def working_copy(image: np.ndarray) -> np.ndarray:
    """The central crop of at most WORKING_SIDE x WORKING_SIDE, as float64."""
    height, width = image.shape[-2:]
    top, left = max(0, (height - WORKING_SIDE) // 2), max(0, (width - WORKING_SIDE) // 2)
    return image[:, top : top + WORKING_SIDE, left : left + WORKING_SIDE].astype(np.float64)


def label(name: str) -> str:
    """A kind's short label for legends: 'BlurPool' for 'BlurPool (anti-aliased max)'."""
    return KINDS[name].label.split(" (")[0]


def kind_pools(names, kernel: int, stride: int) -> dict:
    """Pools of the named kinds (from the registry), all with the same square window:
    {kind name: image -> float64 output}."""
    pools = {}
    for name in names:
        params = PoolParams(name, (kernel, kernel), (stride, stride))
        pools[name] = lambda image, params=params: run_pool(image, params).output.astype(np.float64)
    return pools


class Experiment(QWidget):
    """A panel: explanation on top, controls, results; recomputes on demand."""

    title = ""
    explanation = ""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.text = QLabel(self.explanation)
        self.text.setWordWrap(True)
        self.text.setObjectName("explanation")
        self.text.setStyleSheet("padding: 6px; background: #f4f1e8; color: #222;")
        self.controls = QHBoxLayout()
        self.body = QVBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(self.controls)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.summary)

    def image(self) -> np.ndarray | None:
        return None if self.model.image is None else working_copy(self.model.image)

    def kernel_stride(self) -> tuple[int, int]:
        params = self.model.params
        return params.kernel_size[0], params.stride[0]

    def refresh(self) -> None:
        raise NotImplementedError

    def plot(self, label: str) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setLabel("left", label)
        widget.addLegend()
        widget.showGrid(x=True, y=True, alpha=0.3)
        return widget
