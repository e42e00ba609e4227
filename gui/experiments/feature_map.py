"""Feature map first: pooling a convolution's feature map, as a CNN does."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPlainTextEdit, QPushButton

from engine.analysis.experiments import CONV_PRESETS, conv2d
from engine.errors import PoolingError
from engine.io.images import MatrixParseError, load_matrix_text
from engine.pooling.kinds import kind_of
from engine.pooling.pipeline import run_pool
from gui.experiments.base import Experiment
from gui.views.image_panel import ImagePanel


class FeatureMapExperiment(Experiment):
    title = "Feature map first"
    explanation = (
        "In a CNN, pooling follows a convolution: it pools feature maps, not raw pixels. Pick a "
        "kernel (or type your own, rows of numbers); the left view is the feature map the "
        "convolution makes, the right one that map pooled with the current settings. Max "
        "pooling keeps where an edge was found, even when it moves within a window. 'Use as "
        "input' sends the feature map to the Explore tab."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.preset = QComboBox()
        for name in CONV_PRESETS:
            self.preset.addItem(name, name)
        self.preset.setToolTip("Convolution kernel presets")
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.kernel_text = QPlainTextEdit()
        self.kernel_text.setMaximumHeight(90)
        self.kernel_text.setToolTip("The kernel, editable: rows of numbers")
        self.apply_button = QPushButton("Apply kernel")
        self.apply_button.setToolTip("Convolve with the kernel as typed")
        self.apply_button.clicked.connect(self.refresh)
        self.use_button = QPushButton("Use as input")
        self.use_button.setToolTip("Explore this feature map in the main views")
        self.use_button.clicked.connect(self.use_as_input)
        self.controls.addWidget(self.preset)
        self.controls.addWidget(self.kernel_text, 1)
        self.controls.addWidget(self.apply_button)
        self.controls.addWidget(self.use_button)
        self.feature_panel = ImagePanel("Feature map")
        self.pooled_panel = ImagePanel("Pooled feature map")
        row = QHBoxLayout()
        row.addWidget(self.feature_panel)
        row.addWidget(self.pooled_panel)
        self.body.addLayout(row)
        self.feature_map: np.ndarray | None = None
        self._on_preset_changed()

    def _on_preset_changed(self, *_) -> None:
        kernel = CONV_PRESETS[self.preset.currentData()]
        self.kernel_text.setPlainText(
            "\n".join(" ".join(f"{weight:g}" for weight in row) for row in kernel)
        )
        self.refresh()

    def refresh(self) -> None:
        image = self.image()
        if image is None:
            return
        try:
            kernel = load_matrix_text(self.kernel_text.toPlainText())
        except MatrixParseError as error:
            self.summary.setText(f"Kernel: {error}")
            return
        gray = image.mean(axis=0, keepdims=True)
        self.feature_map = conv2d(gray, kernel)
        low, high = float(self.feature_map.min()), float(self.feature_map.max())
        levels = (low, high) if high > low else (low - 1, high + 1)
        self.feature_panel.show_array(self.feature_map, levels)
        try:
            pooled = run_pool(self.feature_map, self.model.params).output
        except PoolingError as error:
            self.summary.setText(str(error))
            return
        self.pooled_panel.show_array(pooled.astype(np.float64), levels)
        label = kind_of(self.model.params).label.lower()
        self.summary.setText(
            f"{kernel.shape[0]}x{kernel.shape[1]} kernel on the grayscale image: feature map "
            f"{self.feature_map.shape[2]}x{self.feature_map.shape[1]}, pooled to "
            f"{pooled.shape[2]}x{pooled.shape[1]} with {label} "
            "pooling."
        )

    def use_as_input(self) -> None:
        if self.feature_map is not None:
            self.model.image_path = None
            self.model.set_image(self.feature_map.astype(np.float32))
