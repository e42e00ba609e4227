"""Fixed-length output: adaptive and pyramid pooling give one size for any input."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QSpinBox

from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_shape, run_pool
from gui.experiments.base import WORKING_SIDE, Experiment
from gui.views.image_panel import ImagePanel

FIXED_LENGTH_SETTINGS = (
    PoolParams("adaptive_avg", output_size=(4, 4)),
    PoolParams("spp", levels=(4, 2, 1)),
)


def describe(params: PoolParams) -> str:
    """'Adaptive average, output 4x4' and the like."""
    shape = output_shape(params, (1, 64, 64))
    return f"{kind_of(params).label}: {shape[0] * shape[1]} values per channel"


class FixedLengthExperiment(Experiment):
    title = "Fixed-length output"
    explanation = (
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
        self.mode.setToolTip("The size-independent pooling to use")
        self.mode.currentIndexChanged.connect(self.refresh)
        self.crop = QSpinBox()
        self.crop.setRange(8, WORKING_SIDE)
        self.crop.setValue(97)
        self.crop.setToolTip("Side of the smaller crop")
        self.crop.valueChanged.connect(self.refresh)
        self.controls.addWidget(self.mode)
        self.controls.addWidget(QLabel("second image: crop of"))
        self.controls.addWidget(self.crop)
        self.controls.addStretch(1)
        self.panels = [
            ImagePanel("Image"),
            ImagePanel("Crop"),
            ImagePanel("Output 1"),
            ImagePanel("Output 2"),
        ]
        grid = QGridLayout()
        for index, panel in enumerate(self.panels):
            grid.addWidget(panel, index // 2, index % 2)
        self.body.addLayout(grid)
        self.lengths: tuple[int, int] = (0, 0)

    def refresh(self) -> None:
        image = self.image()
        if image is None:
            return
        side = min(self.crop.value(), *image.shape[-2:])
        crop = image[:, :side, : max(1, side * 3 // 4)]
        outputs = []
        params = self.mode.currentData()
        for source in (image, crop):
            outputs.append(run_pool(source, params).output)
        for panel, array, title in zip(
            self.panels, (image, crop, *outputs), ("Image", "Crop", "Output 1", "Output 2")
        ):
            panel.show_array(array, self.model.levels)
            panel.set_title(f"{title}: {array.shape[2]}x{array.shape[1]}")
        self.lengths = (outputs[0].size, outputs[1].size)
        self.summary.setText(
            f"{image.shape[2]}x{image.shape[1]} and {crop.shape[2]}x{crop.shape[1]} pixels in, "
            f"{self.lengths[0]} and {self.lengths[1]} values out."
        )
