"""Shift invariance: how much the pooled output changes when the input moves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QDoubleSpinBox, QLabel, QPushButton

from engine.analysis.experiments import (
    cells_spanned,
    edge_cells,
    shift_consistency,
    shift_sensitivity,
    transform_sensitivity,
)
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_shape
from engine.text import Text
from gui.experiments.base import (
    CURVE_COLOURS,
    WORKING_SIDE,
    Experiment,
    ExperimentError,
    check_finite,
    checked_pool,
    label,
    size_text,
)
from gui.i18n import tr
from gui.models.jobs import CancelToken

SHIFT_KINDS = ("max", "avg", "blurmax")


@dataclass(frozen=True)
class ShiftRequest:
    region: np.ndarray  # (1, H, W) grayscale, 2 * kernel pixels larger than the compared crops
    kernel: int
    stride: int
    angle: float
    scale: float


@dataclass(frozen=True)
class ShiftResult:
    request: ShiftRequest
    shifts: list[int]
    crop_shape: tuple[int, int]  # (H, W) of the crops compared
    changes: dict[str, list[float]]  # by kind name, one per shift
    scores: dict[str, float]  # shift consistency by kind name
    transforms: dict[str, dict[str, list[float]]]  # by kind name: rotation and scale change


class ShiftExperiment(Experiment):
    title = Text("Shift invariance")
    explanation = Text(
        "Is pooling invariant to small shifts? Move the image diagonally by 0 to 2k pixels (a "
        "crop taken further down and right, so nothing wraps around), pool it, line the output "
        "up with the unshifted one by the whole output cells the shift spans, and measure how "
        "much the interior changed (0 = identical). Shifts that are a multiple of the stride cost "
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
        self.angle.setSuffix(tr(" deg"))
        self.angle.setToolTip(tr("Rotation to test"))
        self.scale = QDoubleSpinBox()
        self.scale.setRange(0.8, 1.25)
        self.scale.setSingleStep(0.05)
        self.scale.setValue(1.1)
        self.scale.setToolTip(tr("Zoom to test"))
        self.run_button = QPushButton(tr("Run"))
        self.run_button.setToolTip(tr("Measure again with these settings"))
        self.run_button.clicked.connect(self.refresh)
        self.controls.addWidget(QLabel(tr("rotation")))
        self.controls.addWidget(self.angle)
        self.controls.addWidget(QLabel(tr("zoom")))
        self.controls.addWidget(self.scale)
        self.controls.addWidget(self.run_button)
        self.controls.addStretch(1)
        self.plot_widget = self.plot(tr("output change (relative)"))
        self.plot_widget.setLabel("bottom", tr("shift (pixels, diagonal)"))
        self.body.addWidget(self.plot_widget)
        self.changes: dict[str, list[float]] = {}
        self.scores: dict[str, float] = {}
        self.result: ShiftResult | None = None

    def capture(self) -> ShiftRequest | None:
        kernel, stride = self.kernel_stride()
        image = self.image(WORKING_SIDE + 2 * kernel)  # shifts of up to 2k without wrap-around
        if image is None:
            return None
        gray = image.mean(axis=0, keepdims=True)
        return ShiftRequest(gray, kernel, stride, self.angle.value(), self.scale.value())

    @staticmethod
    def compute(request: ShiftRequest, token: CancelToken) -> ShiftResult:
        region, kernel, stride = request.region, request.kernel, request.stride
        check_finite(region)
        largest = 2 * kernel
        shifts = list(range(0, largest + 1))
        crop_shape = (region.shape[-2] - largest, region.shape[-1] - largest)
        if min(crop_shape) < kernel:
            raise ExperimentError(
                "Shifts of up to {largest} pixels with a {kernel} x {kernel} window need at "
                "least {needed} pixels a side, but the image has {size} (H x W): choose a "
                "smaller kernel.",
                largest=largest,
                kernel=kernel,
                needed=largest + kernel,
                size=size_text(region.shape),
            )
        changes, scores, transforms = {}, {}, {}
        for name in SHIFT_KINDS:
            params = PoolParams(name, (kernel, kernel), (stride, stride))
            border = edge_cells(params)
            if (
                min(output_shape(params, (1, *crop_shape)))
                - cells_spanned(largest, stride)
                - 2 * border
                < 1
            ):
                raise ExperimentError(
                    "The {size} (H x W) crop is too small to compare shifts of up to {largest} "
                    "pixels with a {kernel} x {kernel} window and stride {stride}: choose a "
                    "smaller kernel or load a larger image.",
                    size=size_text(crop_shape),
                    largest=largest,
                    kernel=kernel,
                    stride=stride,
                )
            pool = checked_pool(params, token)
            changes[name] = shift_sensitivity(region, pool, stride, shifts, border)
            scores[name] = shift_consistency(region, pool, stride, largest, border=border)
            transforms[name] = transform_sensitivity(region, pool, [request.angle], [request.scale])
        return ShiftResult(request, shifts, crop_shape, changes, scores, transforms)

    def show_result(self, result: ShiftResult) -> None:
        self.result = result
        self.changes, self.scores = result.changes, result.scores
        request = result.request
        self.plot_widget.clear()
        for colour, (name, values) in zip(CURVE_COLOURS, result.changes.items()):
            self.plot_widget.plot(
                result.shifts,
                values,
                name=label(name),
                symbol="o",
                pen=pg.mkPen(colour, width=2),
                symbolBrush=colour,
            )
        at_strides = [
            value
            for values in result.changes.values()
            for shift, value in zip(result.shifts, values)
            if shift % request.stride == 0
        ]
        scores = ", ".join(f"{label(name)} {score:.4f}" for name, score in result.scores.items())
        transforms = ", ".join(
            f"{label(name)} {values['rotation'][0]:.3f} / {values['scale'][0]:.3f}"
            for name, values in result.transforms.items()
        )
        self.summary.setText(
            tr(
                "Kernel {kernel}, stride {stride}, crops of {size} (H x W) moved without "
                "wrap-around. Largest change at shifts that are multiples of the stride: "
                "{largest}. Shift consistency: {scores}. Change after {angle} deg rotation / "
                "x{scale} zoom: {transforms}."
            ).format(
                kernel=request.kernel,
                stride=request.stride,
                size=size_text(result.crop_shape),
                largest=f"{max(at_strides):.2g}",
                scores=scores,
                angle=f"{request.angle:g}",
                scale=f"{request.scale:g}",
                transforms=transforms,
            )
        )
