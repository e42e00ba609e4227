"""Noise robustness: how much the pooled output changes when noise is added."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSlider

from engine.analysis.experiments import noise_sensitivity
from engine.text import Text
from gui.experiments.base import (
    CURVE_COLOURS,
    Experiment,
    check_finite,
    check_fits,
    kind_pools,
    label,
    size_text,
)
from gui.i18n import tr
from gui.models.jobs import CancelToken

NOISE_KINDS = ("max", "avg", "blurmax", "softpool")


@dataclass(frozen=True)
class NoiseRequest:
    image: np.ndarray  # (C, H, W) working crop
    noise: str  # "salt_pepper" or "gaussian" (engine.analysis.experiments.add_noise)
    amounts: list[float]
    kernel: int
    stride: int


@dataclass(frozen=True)
class NoiseResult:
    request: NoiseRequest
    changes: dict[str, list[float]]  # by kind name, one per amount


class NoiseExperiment(Experiment):
    title = Text("Noise robustness")
    explanation = Text(
        "Add noise and see how much each pooled output changes. Salt-and-pepper noise sets "
        "random pixels to black or white: max pooling picks up every white speck, while "
        "averaging dilutes it. Gaussian noise shifts every pixel a little: averaging cancels "
        "much of it, max pooling is pulled towards the largest noise values."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.kind = QComboBox()
        self.kind.addItem(tr("salt and pepper"), "salt_pepper")
        self.kind.addItem(tr("Gaussian"), "gaussian")
        self.kind.setToolTip(tr("Kind of noise"))
        self.kind.currentIndexChanged.connect(self.refresh)
        self.amount = QSlider(Qt.Orientation.Horizontal)
        self.amount.setRange(1, 50)
        self.amount.setValue(20)
        self.amount.setToolTip(
            tr(
                "Largest noise amount on the plot (fraction of pixels, or "
                "standard deviation), in hundredths"
            )
        )
        self.amount.sliderReleased.connect(self.refresh)
        self.controls.addWidget(self.kind)
        self.controls.addWidget(QLabel(tr("up to")))
        self.controls.addWidget(self.amount, 1)
        self.plot_widget = self.plot(tr("output change (relative)"))
        self.plot_widget.setLabel("bottom", tr("noise amount"))
        self.body.addWidget(self.plot_widget)
        self.changes: dict[str, list[float]] = {}
        self.result: NoiseResult | None = None

    def capture(self) -> NoiseRequest | None:
        image = self.image()
        if image is None:
            return None
        kernel, stride = self.kernel_stride()
        amounts = [float(amount) for amount in np.linspace(0, self.amount.value() / 100, 6)[1:]]
        return NoiseRequest(image, self.kind.currentData(), amounts, kernel, stride)

    @staticmethod
    def compute(request: NoiseRequest, token: CancelToken) -> NoiseResult:
        check_finite(request.image)
        check_fits(request.image.shape, request.kernel)
        pools = kind_pools(NOISE_KINDS, request.kernel, request.stride, token)
        changes = {
            name: noise_sensitivity(request.image, pool, request.noise, request.amounts)
            for name, pool in pools.items()
        }
        return NoiseResult(request, changes)

    def show_result(self, result: NoiseResult) -> None:
        self.result, self.changes = result, result.changes
        amounts = result.request.amounts
        self.plot_widget.clear()
        for colour, (name, values) in zip(CURVE_COLOURS, result.changes.items()):
            self.plot_widget.plot(
                amounts,
                values,
                name=label(name),
                symbol="o",
                pen=pg.mkPen(colour, width=2),
                symbolBrush=colour,
            )
        changes = ", ".join(
            tr("{kind} changes {change}").format(kind=label(name), change=f"{values[-1]:.3f}")
            for name, values in self.changes.items()
        )
        self.summary.setText(
            tr("On the {size} (H x W) crop, at amount {amount}: {changes}.").format(
                size=size_text(result.request.image.shape),
                amount=f"{amounts[-1]:g}",
                changes=changes,
            )
        )
