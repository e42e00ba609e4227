"""Fixed-length output: adaptive and pyramid pooling give one size for any input."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSpinBox

from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_shape, run_pool
from engine.text import Text
from gui.experiments.base import WORKING_SIDE, Experiment, check_finite, size_text
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken
from gui.views.image_panel import ImagePanel

FIXED_LENGTH_SETTINGS = (
    PoolParams("adaptive_avg", output_size=(4, 4)),
    PoolParams("spp", levels=(4, 2, 1)),
)


@dataclass(frozen=True)
class FixedLengthRequest:
    image: np.ndarray  # (C, H, W) working crop
    side: int  # the crop's height; its width is three quarters of it
    params: PoolParams
    levels: tuple[float, float]


@dataclass(frozen=True)
class FixedLengthResult:
    request: FixedLengthRequest
    crop: np.ndarray  # (C, side, 3/4 side)
    outputs: tuple[np.ndarray, np.ndarray]  # of the image and of the crop, the same length


def describe(params: PoolParams) -> str:
    """'Adaptive average: 16 values per channel' and the like."""
    shape = output_shape(params, (1, 64, 64))
    return tr("{kind}: {count} values per channel").format(
        kind=translated(kind_of(params).label), count=shape[0] * shape[1]
    )


class FixedLengthExperiment(Experiment):
    title = Text("Fixed-length output")
    explanation = Text(
        "Dense layers need inputs of one size, but photos come in many sizes. Adaptive pooling "
        "and spatial pyramid pooling choose their windows from the input size, so any image "
        "gives the same number of outputs. Here the image and a smaller crop of it go through "
        "the same layer: the outputs have the same length."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.mode = QComboBox()
        for params in FIXED_LENGTH_SETTINGS:
            self.mode.addItem(describe(params), params)
        self.mode.setToolTip(tr("The size-independent pooling to use"))
        self.mode.currentIndexChanged.connect(self.refresh)
        self.crop = QSpinBox()
        self.crop.setRange(8, WORKING_SIDE)
        self.crop.setValue(97)
        self.crop.setToolTip(tr("Side of the smaller crop"))
        self.crop.valueChanged.connect(self.refresh)
        self.controls.addWidget(self.mode)
        self.controls.addWidget(QLabel(tr("second image: crop of")))
        self.controls.addWidget(self.crop)
        self.controls.addStretch(1)
        self.titles = (tr("Image"), tr("Crop"), tr("Output 1"), tr("Output 2"))
        self.panels = [ImagePanel(title) for title in self.titles]
        grid = QGridLayout()
        for index, panel in enumerate(self.panels):
            grid.addWidget(panel, index // 2, index % 2)
        self.body.addLayout(grid)
        self.lengths: tuple[int, int] = (0, 0)

    def capture(self) -> FixedLengthRequest | None:
        image = self.image()
        if image is None:
            return None
        return FixedLengthRequest(
            image, self.crop.value(), self.mode.currentData(), self.model.levels
        )

    @staticmethod
    def compute(request: FixedLengthRequest, token: CancelToken) -> FixedLengthResult:
        image = request.image
        check_finite(image)
        side = min(request.side, *image.shape[-2:])
        crop = image[:, :side, : max(1, side * 3 // 4)]
        outputs = []
        for source in (image, crop):
            token.check()
            outputs.append(run_pool(source, request.params).output)
        return FixedLengthResult(request, crop, tuple(outputs))

    def show_result(self, result: FixedLengthResult) -> None:
        image, crop = result.request.image, result.crop
        for panel, array, title in zip(self.panels, (image, crop, *result.outputs), self.titles):
            panel.show_array(array, result.request.levels)
            panel.set_title(f"{title}: {size_text(array.shape)} (H x W)")
        self.lengths = (result.outputs[0].size, result.outputs[1].size)
        self.summary.setText(
            tr("{image} and {crop} pixels (H x W) in, {first} and {second} values out.").format(
                image=size_text(image.shape),
                crop=size_text(crop.shape),
                first=self.lengths[0],
                second=self.lengths[1],
            )
        )
