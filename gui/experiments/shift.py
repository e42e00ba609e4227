"""Shift invariance: how much the pooled output changes when the input moves."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QPushButton

from engine.analysis.experiments import shift_consistency, shift_sensitivity, transform_sensitivity
from gui.experiments.base import CURVE_COLOURS, Experiment, kind_pools, label

SHIFT_KINDS = ("max", "avg", "blurmax")


class ShiftExperiment(Experiment):
    title = "Shift invariance"
    explanation = (
        "Is pooling invariant to small shifts? Move the image diagonally by 0 to 2k pixels, pool "
        "it, move the output back by the whole output cells the shift spans, and measure how "
        "much it changed (0 = identical). Shifts that are a multiple of the stride cost "
        "nothing; the ones in between do, because subsampling aliases. Max pooling is only "
        "partly invariant; BlurPool (blur before subsampling) changes least. The consistency "
        "score (1 = perfectly consistent) compares random pairs of shifts. The sliders add a "
        "small rotation and zoom."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.angle = QDoubleSpinBox()
        self.angle.setRange(0, 30)
        self.angle.setValue(5)
        self.angle.setSuffix(" deg")
        self.angle.setToolTip("Rotation to test")
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.8, 1.25)
        self.scale.setSingleStep(0.05)
        self.scale.setValue(1.1)
        self.scale.setToolTip("Zoom to test")
        self.run_button = QPushButton("Run")
        self.run_button.setToolTip("Measure again with these settings")
        self.run_button.clicked.connect(self.refresh)
        self.controls.addWidget(QLabel("rotation"))
        self.controls.addWidget(self.angle)
        self.controls.addWidget(QLabel("zoom"))
        self.controls.addWidget(self.scale)
        self.controls.addWidget(self.run_button)
        self.controls.addStretch(1)
        self.plot_widget = self.plot("output change (relative)")
        self.plot_widget.setLabel("bottom", "shift (pixels, diagonal)")
        self.body.addWidget(self.plot_widget)
        self.changes: dict[str, list[float]] = {}
        self.scores: dict[str, float] = {}

    def refresh(self) -> None:
        image = self.image()
        if image is None:
            return
        gray = image.mean(axis=0, keepdims=True)
        kernel, stride = self.kernel_stride()
        shifts = list(range(0, 2 * kernel + 1))
        self.plot_widget.clear()
        self.changes, self.scores, transforms = {}, {}, {}
        pools = kind_pools(SHIFT_KINDS, kernel, stride)
        for colour, (name, pool) in zip(CURVE_COLOURS, pools.items()):
            self.changes[name] = shift_sensitivity(gray, pool, stride, shifts)
            self.scores[name] = shift_consistency(gray, pool, stride, 2 * kernel)
            transforms[name] = transform_sensitivity(
                gray, pool, [self.angle.value()], [self.scale.value()]
            )
            self.plot_widget.plot(
                shifts,
                self.changes[name],
                name=label(name),
                symbol="o",
                pen=pg.mkPen(colour, width=2),
                symbolBrush=colour,
            )
        self.summary.setText(
            f"Kernel {kernel}, stride {stride}. Shift consistency: "
            + ", ".join(f"{label(name)} {score:.4f}" for name, score in self.scores.items())
            + f". Change after {self.angle.value():g} deg rotation / x{self.scale.value():g} "
            "zoom: "
            + ", ".join(
                f"{label(name)} {values['rotation'][0]:.3f} / {values['scale'][0]:.3f}"
                for name, values in transforms.items()
            )
            + "."
        )
