"""Feature map first: pooling a convolution's feature map, as a CNN does."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPlainTextEdit, QPushButton

from engine.analysis.experiments import CONV_PRESETS, conv2d
from engine.errors import PoolingError
from engine.io.images import MatrixParseError, load_matrix_text
from engine.pooling.display import data_range
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from gui.experiments.base import Experiment, ExperimentError, check_finite, size_text
from gui.models.jobs import CancelToken
from gui.views.image_panel import ImagePanel


@dataclass(frozen=True)
class FeatureMapRequest:
    image: np.ndarray  # (C, H, W) working crop
    kernel: np.ndarray  # (kH, kW) convolution kernel
    kernel_name: str  # the preset's short name, or "your" for a typed kernel
    params: PoolParams


@dataclass(frozen=True)
class FeatureMapResult:
    request: FeatureMapRequest
    feature_map: np.ndarray  # (1, H, W)
    pooled: np.ndarray  # (1, h, w)
    levels: tuple[float, float]


def kernel_as_text(kernel: np.ndarray) -> str:
    """Rows of numbers, as the kernel box shows them."""
    return "\n".join(" ".join(f"{weight:g}" for weight in row) for row in kernel)


class FeatureMapExperiment(Experiment):
    """A feature map and its pooled version; 'Use as input' hands the map to Explore.

    Signals
    -------
    inputReplaced(str)
        'Use as input' made the feature map the model's image; the sentence says so.
    """

    inputReplaced = Signal(str)

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
        self.result: FeatureMapResult | None = None
        self._on_preset_changed()

    def _on_preset_changed(self, *_) -> None:
        self.kernel_text.setPlainText(kernel_as_text(CONV_PRESETS[self.preset.currentData()]))
        self.refresh()

    def capture(self) -> FeatureMapRequest | None:
        image = self.image()
        if image is None:
            return None
        typed = self.kernel_text.toPlainText()
        try:
            kernel = load_matrix_text(typed)
        except MatrixParseError as error:
            raise ExperimentError(f"Kernel: {error}") from None
        preset = self.preset.currentData()
        name = "your"
        if typed.strip() == kernel_as_text(CONV_PRESETS[preset]):
            name = re.sub(r"\s*\d+x\d+$", "", preset.split(" (")[0])  # 'box blur 3x3' -> 'box blur'
        return FeatureMapRequest(image, kernel, name, self.model.params)

    @staticmethod
    def compute(request: FeatureMapRequest, token: CancelToken) -> FeatureMapResult:
        check_finite(request.image)
        if not np.isfinite(request.kernel).all():
            raise ExperimentError("The kernel holds NaN or infinite numbers: type finite ones.")
        gray = request.image.mean(axis=0, keepdims=True)
        feature_map = conv2d(gray, request.kernel)
        token.check()
        try:
            pooled = run_pool(feature_map, request.params).output.astype(np.float64)
        except PoolingError as error:
            raise ExperimentError(
                f"Pooling the {size_text(feature_map.shape)} (H x W) feature map: {error}"
            ) from None
        return FeatureMapResult(request, feature_map, pooled, data_range(feature_map))

    def show_result(self, result: FeatureMapResult) -> None:
        self.result, self.feature_map = result, result.feature_map
        self.feature_panel.show_array(result.feature_map, result.levels)
        self.pooled_panel.show_array(result.pooled, result.levels)
        kernel = result.request.kernel
        self.summary.setText(
            f"{kernel.shape[0]} x {kernel.shape[1]} kernel on the grayscale image: feature map "
            f"{size_text(result.feature_map.shape)} (H x W), pooled to "
            f"{size_text(result.pooled.shape)} with {kind_of(result.request.params).label.lower()} "
            "pooling."
        )

    def use_as_input(self) -> None:
        """Make the feature map the model's image and say so (``inputReplaced``)."""
        result = self.result
        if result is None:
            return
        self.model.image_path = None
        self.model.set_image(result.feature_map.astype(np.float32))
        kernel = result.request.kernel
        self.inputReplaced.emit(
            f"The feature map of the {kernel.shape[0]} x {kernel.shape[1]} "
            f"{result.request.kernel_name} kernel, {size_text(result.feature_map.shape)} "
            "(H x W), is now the input of Explore."
        )
