"""Feature map first: pooling a convolution's feature map, as a CNN does."""

from __future__ import annotations

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
from engine.text import Text
from gui.experiments.base import Experiment, ExperimentError, check_finite, reason, size_text
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken
from gui.views.image_panel import ImagePanel


@dataclass(frozen=True)
class FeatureMapRequest:
    image: np.ndarray  # (C, H, W) working crop
    kernel: np.ndarray  # (kH, kW) convolution kernel
    kernel_name: str | None  # the preset's short name, None for a typed kernel
    params: PoolParams


@dataclass(frozen=True)
class FeatureMapResult:
    request: FeatureMapRequest
    feature_map: np.ndarray  # (1, H, W)
    pooled: np.ndarray  # (1, h, w)
    levels: tuple[float, float]


KERNEL_NAMES = {
    "edges (24 centre, -1 around)": Text("edges"),
    "Sobel x (vertical edges)": Text("Sobel x"),
    "Sobel y (horizontal edges)": Text("Sobel y"),
    "box blur 3x3": Text("box blur"),
    "Gaussian blur 5x5": Text("Gaussian blur"),
}
"""The short name a sentence gives each of ``CONV_PRESETS`` (a preset missing here is called
by its full name)."""


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

    title = Text("Feature map first")
    explanation = Text(
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
            self.preset.addItem(translated(name), name)
        self.preset.setToolTip(tr("Convolution kernel presets"))
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.kernel_text = QPlainTextEdit()
        self.kernel_text.setMaximumHeight(90)
        self.kernel_text.setToolTip(tr("The kernel, editable: rows of numbers"))
        self.apply_button = QPushButton(tr("Apply kernel"))
        self.apply_button.setToolTip(tr("Convolve with the kernel as typed"))
        self.apply_button.clicked.connect(self.refresh)
        self.use_button = QPushButton(tr("Use as input"))
        self.use_button.setToolTip(tr("Explore this feature map in the main views"))
        self.use_button.clicked.connect(self.use_as_input)
        self.controls.addWidget(self.preset)
        self.controls.addWidget(self.kernel_text, 1)
        self.controls.addWidget(self.apply_button)
        self.controls.addWidget(self.use_button)
        self.feature_panel = ImagePanel(tr("Feature map"))
        self.pooled_panel = ImagePanel(tr("Pooled feature map"))
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
            raise ExperimentError("Kernel: {problem}", problem=reason(error)) from None
        preset = self.preset.currentData()
        name = None
        if typed.strip() == kernel_as_text(CONV_PRESETS[preset]):
            name = KERNEL_NAMES.get(preset, preset)
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
                "Pooling the {size} (H x W) feature map: {problem}",
                size=size_text(feature_map.shape),
                problem=reason(error),
            ) from None
        return FeatureMapResult(request, feature_map, pooled, data_range(feature_map))

    def show_result(self, result: FeatureMapResult) -> None:
        self.result, self.feature_map = result, result.feature_map
        self.feature_panel.show_array(result.feature_map, result.levels)
        self.pooled_panel.show_array(result.pooled, result.levels)
        kernel = result.request.kernel
        self.summary.setText(
            tr(
                "{rows} x {cols} kernel on the grayscale image: feature map {size} (H x W), "
                "pooled to {pooled} with {kind} pooling."
            ).format(
                rows=kernel.shape[0],
                cols=kernel.shape[1],
                size=size_text(result.feature_map.shape),
                pooled=size_text(result.pooled.shape),
                kind=translated(kind_of(result.request.params).label).lower(),
            )
        )

    def use_as_input(self) -> None:
        """Make the feature map the model's image and say so (``inputReplaced``)."""
        result = self.result
        if result is None:
            return
        self.model.image_path = None
        self.model.set_image(result.feature_map.astype(np.float32))
        kernel, name = result.request.kernel, result.request.kernel_name
        values = dict(
            rows=kernel.shape[0], cols=kernel.shape[1], size=size_text(result.feature_map.shape)
        )
        if name is None:
            sentence = tr(
                "The feature map of the {rows} x {cols} your kernel, {size} (H x W), is now the "
                "input of Explore."
            ).format(**values)
        else:
            sentence = tr(
                "The feature map of the {rows} x {cols} {name} kernel, {size} (H x W), is now "
                "the input of Explore."
            ).format(name=translated(name), **values)
        self.inputReplaced.emit(sentence)
