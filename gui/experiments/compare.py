"""Compare: the same image pooled by several kinds, and where two of them differ."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel

from engine.analysis.experiments import nonlinearity
from engine.errors import PoolingError
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from gui.experiments.base import Experiment
from gui.views.image_panel import ImagePanel


class CompareExperiment(Experiment):
    title = "Compare"
    explanation = (
        "Max pooling keeps the strongest response in each window, average pooling the overall "
        "level, and the others sit in between. Pick up to four types: they pool the same image "
        "with the same window (the kernel and stride of the controls). The difference map "
        "shows where two of them disagree: bright edges and small details, where the maximum "
        "and the mean of a window are far apart."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.choices = []
        defaults = ["max", "avg", "softpool", "min"]
        for default in defaults:
            combo = QComboBox()
            combo.addItem("(none)", None)
            for name, kind in KINDS.items():
                if "kernel_size" in kind.parameters:
                    combo.addItem(kind.label, name)
            combo.setCurrentIndex(combo.findData(default))
            combo.setToolTip("A pooling type to compare")
            combo.currentIndexChanged.connect(self.refresh)
            self.controls.addWidget(combo)
            self.choices.append(combo)
        self.panels = [ImagePanel("") for _ in defaults]
        self.difference = ImagePanel("Difference")
        self.difference.set_colour_map("CET-D1")
        grid = QGridLayout()
        for index, panel in enumerate(self.panels):
            grid.addWidget(panel, 0, index)
        grid.addWidget(self.difference, 1, 0, 1, 2)
        self.pair = QComboBox()
        self.pair.setToolTip("Which two panels the difference map subtracts")
        self.pair.addItems(["1 - 2", "1 - 3", "1 - 4", "2 - 3", "2 - 4", "3 - 4"])
        self.pair.currentIndexChanged.connect(self.refresh)
        self.controls.addWidget(QLabel("difference"))
        self.controls.addWidget(self.pair)
        self.body.addLayout(grid)
        self.outputs: list[np.ndarray | None] = []

    def refresh(self) -> None:
        image = self.image()
        if image is None:
            return
        kernel, stride = self.kernel_stride()
        self.outputs = []
        for combo, panel in zip(self.choices, self.panels):
            name = combo.currentData()
            if name is None:
                panel.show_array(None, (0, 1))
                panel.set_title("")
                self.outputs.append(None)
                continue
            params = PoolParams(name, (kernel, kernel), (stride, stride))
            try:
                output = run_pool(image, params).output.astype(np.float64)
            except PoolingError as error:
                panel.set_title(str(error)[:40])
                self.outputs.append(None)
                continue
            panel.show_array(output, self.model.levels)
            panel.set_title(KINDS[name].label)
            self.outputs.append(output)
        self.nonlinearity = {}
        for combo in self.choices:
            name = combo.currentData()
            if name is not None and self.outputs[self.choices.index(combo)] is not None:
                params = PoolParams(name, (kernel, kernel), (stride, stride))
                self.nonlinearity[KINDS[name].label] = nonlinearity(
                    image,
                    lambda source, chosen=params: run_pool(source, chosen).output.astype(
                        np.float64
                    ),
                )
        first, second = (int(number) - 1 for number in self.pair.currentText().split(" - "))
        minuend, subtrahend = self.outputs[first], self.outputs[second]
        if minuend is None or subtrahend is None or minuend.shape != subtrahend.shape:
            self.difference.show_array(None, (0, 1))
            self.summary.setText("Choose two types that give outputs of the same size.")
            return
        difference = (minuend - subtrahend).mean(
            axis=0, keepdims=True
        )  # averaged over colour channels
        limit = float(np.abs(difference).max()) or 1.0
        self.difference.show_array(difference, (-limit, limit))
        self.summary.setText(
            f"Panel {first + 1} minus panel {second + 1}: mean absolute difference "
            f"{np.abs(difference).mean():.4f}, largest {limit:.4f} (red: panel {first + 1} "
            f"higher, blue: lower)."
        )
