"""Noise robustness: how much the pooled output changes when noise is added."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSlider

from engine.analysis.experiments import noise_sensitivity
from gui.experiments.base import CURVE_COLOURS, Experiment, kind_pools, label

NOISE_KINDS = ("max", "avg", "blurmax", "softpool")


class NoiseExperiment(Experiment):
    title = "Noise robustness"
    explanation = (
        "Add noise and see how much each pooled output changes. Salt-and-pepper noise sets "
        "random pixels to black or white: max pooling picks up every white speck, while "
        "averaging dilutes it. Gaussian noise shifts every pixel a little: averaging cancels "
        "much of it, max pooling is pulled towards the largest noise values."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.kind = QComboBox()
        self.kind.addItem("salt and pepper", "salt_pepper")
        self.kind.addItem("Gaussian", "gaussian")
        self.kind.setToolTip("Kind of noise")
        self.kind.currentIndexChanged.connect(self.refresh)
        self.amount = QSlider(Qt.Orientation.Horizontal)
        self.amount.setRange(1, 50)
        self.amount.setValue(20)
        self.amount.setToolTip(
            "Largest noise amount on the plot (fraction of pixels, or "
            "standard deviation), in hundredths"
        )
        self.amount.sliderReleased.connect(self.refresh)
        self.controls.addWidget(self.kind)
        self.controls.addWidget(QLabel("up to"))
        self.controls.addWidget(self.amount, 1)
        self.plot_widget = self.plot("output change (relative)")
        self.plot_widget.setLabel("bottom", "noise amount")
        self.body.addWidget(self.plot_widget)
        self.changes: dict[str, list[float]] = {}

    def refresh(self) -> None:
        image = self.image()
        if image is None:
            return
        kernel, stride = self.kernel_stride()
        top = self.amount.value() / 100
        amounts = list(np.linspace(0, top, 6)[1:])
        self.plot_widget.clear()
        self.changes = {}
        pools = kind_pools(NOISE_KINDS, kernel, stride)
        for colour, (name, pool) in zip(CURVE_COLOURS, pools.items()):
            self.changes[name] = noise_sensitivity(image, pool, self.kind.currentData(), amounts)
            self.plot_widget.plot(
                amounts,
                self.changes[name],
                name=label(name),
                symbol="o",
                pen=pg.mkPen(colour, width=2),
                symbolBrush=colour,
            )
        worst = {name: values[-1] for name, values in self.changes.items()}
        self.summary.setText(
            f"At amount {top:g}: "
            + ", ".join(f"{label(name)} changes {value:.3f}" for name, value in worst.items())
            + "."
        )
