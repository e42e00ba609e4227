"""The Experiments tab: one panel per claim about pooling, each on the loaded image.

Every panel explains in a paragraph what to look at, and computes its numbers with the engine
(``engine.experiments`` and the pooling functions) on a working copy of at most
``WORKING_SIDE`` pixels a side, so it answers in a fraction of a second.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from engine import functional as F
from engine.blurpool import blur_max_pool2d
from engine.errors import PoolingError
from engine.experiments import (
    CONV_PRESETS,
    Layer,
    conv2d,
    noise_sensitivity,
    nonlinearity,
    pooling_cost,
    receptive_field_of,
    receptive_fields,
    shift_consistency,
    shift_sensitivity,
    transform_sensitivity,
)
from engine.extra_pools import soft_pool2d
from engine.images import MatrixParseError, load_matrix_text
from engine.pipeline import POOL_TYPES, PoolParams, output_shape, run_pool
from engine.spp import spatial_pyramid_pool2d
from gui.image_views import ImagePanel
from gui.model import PoolModel

WORKING_SIDE = 256
CURVE_COLOURS = {
    "max": (230, 60, 60),
    "avg": (60, 120, 230),
    "BlurPool": (40, 170, 80),
    "SoftPool": (200, 140, 0),
}


def working_copy(image: np.ndarray) -> np.ndarray:
    """The central crop of at most WORKING_SIDE x WORKING_SIDE, as float64."""
    height, width = image.shape[-2:]
    top, left = max(0, (height - WORKING_SIDE) // 2), max(0, (width - WORKING_SIDE) // 2)
    return image[:, top : top + WORKING_SIDE, left : left + WORKING_SIDE].astype(np.float64)


def named_pools(kernel: int, stride: int) -> dict:
    """The pools the invariance experiments compare, all with the same window."""
    return {
        "max": lambda v: F.max_pool2d(v, kernel, stride),
        "avg": lambda v: F.avg_pool2d(v, kernel, stride),
        "BlurPool": lambda v: blur_max_pool2d(v, kernel, stride, 3),
        "SoftPool": lambda v: soft_pool2d(v, kernel, stride),
    }


class Experiment(QWidget):
    """A panel: explanation on top, controls, results; recomputes on demand."""

    title = ""
    explanation = ""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.text = QLabel(self.explanation)
        self.text.setWordWrap(True)
        self.text.setObjectName("explanation")
        self.text.setStyleSheet("padding: 6px; background: #f4f1e8; color: #222;")
        self.controls = QHBoxLayout()
        self.body = QVBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(self.controls)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.summary)

    def image(self) -> np.ndarray | None:
        return None if self.model.image is None else working_copy(self.model.image)

    def kernel_stride(self) -> tuple[int, int]:
        params = self.model.params
        return params.kernel_size[0], params.stride[0]

    def refresh(self) -> None:
        raise NotImplementedError

    def plot(self, label: str) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setLabel("left", label)
        widget.addLegend()
        widget.showGrid(x=True, y=True, alpha=0.3)
        return widget


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
            for name, spec in POOL_TYPES.items():
                if spec.windowed and not spec.blur:
                    combo.addItem(spec.label, name)
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
            panel.set_title(POOL_TYPES[name].label)
            self.outputs.append(output)
        self.nonlinearity = {}
        for combo in self.choices:
            name = combo.currentData()
            if name is not None and self.outputs[self.choices.index(combo)] is not None:
                params = PoolParams(name, (kernel, kernel), (stride, stride))
                self.nonlinearity[POOL_TYPES[name].label] = nonlinearity(
                    image, lambda v, p=params: run_pool(v, p).output.astype(np.float64)
                )
        first, second = (int(n) - 1 for n in self.pair.currentText().split(" - "))
        a, b = self.outputs[first], self.outputs[second]
        if a is None or b is None or a.shape != b.shape:
            self.difference.show_array(None, (0, 1))
            self.summary.setText("Choose two types that give outputs of the same size.")
            return
        difference = (a - b).mean(axis=0, keepdims=True)  # averaged over colour channels
        limit = float(np.abs(difference).max()) or 1.0
        self.difference.show_array(difference, (-limit, limit))
        self.summary.setText(
            f"Panel {first + 1} minus panel {second + 1}: mean absolute difference "
            f"{np.abs(difference).mean():.4f}, largest {limit:.4f} (red: panel {first + 1} "
            f"higher, blue: lower)."
        )


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
        self.kernel_text.setPlainText("\n".join(" ".join(f"{v:g}" for v in row) for row in kernel))
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
        self.summary.setText(
            f"{kernel.shape[0]}x{kernel.shape[1]} kernel on the grayscale image: feature map "
            f"{self.feature_map.shape[2]}x{self.feature_map.shape[1]}, pooled to "
            f"{pooled.shape[2]}x{pooled.shape[1]} with {self.model.params.spec.label.lower()} "
            "pooling."
        )

    def use_as_input(self) -> None:
        if self.feature_map is not None:
            self.model.image_path = None
            self.model.set_image(self.feature_map.astype(np.float32))


class StackExperiment(Experiment):
    title = "Stacked layers"
    explanation = (
        "Each pooling layer doubles (for stride 2) how far apart neighbouring units look, so "
        "after a few conv and pool layers one unit sees a large part of the image: its "
        "receptive field. Build a stack (conv layers here are 3x3 averages, to keep the "
        "picture simple), then hover over a cell of the last output: its receptive field is "
        "outlined on the input, with the size after every layer listed below."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.layers = [
            Layer("conv", 3, 1, 1),
            Layer("pool", 2, 2),
            Layer("conv", 3, 1, 1),
            Layer("pool", 2, 2),
        ]
        self.list = QListWidget()
        self.list.setMaximumHeight(110)
        self.list.setToolTip("The stack, first layer on top")
        self.kind = QComboBox()
        self.kind.addItems(["conv", "pool"])
        self.kind.setToolTip("Kind of layer to add")
        self.kernel = QSpinBox()
        self.kernel.setRange(1, 9)
        self.kernel.setValue(2)
        self.kernel.setPrefix("k ")
        self.kernel.setToolTip("Kernel size of the layer to add")
        self.stride = QSpinBox()
        self.stride.setRange(1, 4)
        self.stride.setValue(2)
        self.stride.setPrefix("s ")
        self.stride.setToolTip("Stride of the layer to add")
        buttons = []
        for text, tip, slot in (
            ("Add", "Add the layer at the end", self.add_layer),
            ("Remove", "Remove the selected layer", self.remove_layer),
            ("Up", "Move the selected layer up", lambda: self.move(-1)),
            ("Down", "Move the selected layer down", lambda: self.move(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        self.controls.addWidget(self.list, 1)
        for widget in (self.kind, self.kernel, self.stride, *buttons):
            self.controls.addWidget(widget)
        self.input_panel = ImagePanel("Input and receptive field")
        self.output_panel = ImagePanel("Last output (hover a cell)")
        self.output_panel.sigCellHovered.connect(self.show_field)
        self.output_panel.sigCellClicked.connect(self.show_field)
        row = QHBoxLayout()
        row.addWidget(self.input_panel)
        row.addWidget(self.output_panel)
        self.body.addLayout(row)
        self.field: tuple[int, int, int, int] | None = None

    def add_layer(self) -> None:
        kernel = self.kernel.value()
        self.layers.append(
            Layer(
                self.kind.currentText(),
                kernel,
                self.stride.value(),
                kernel // 2 if self.kind.currentText() == "conv" else 0,
            )
        )
        self.refresh()

    def remove_layer(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.layers):
            del self.layers[row]
            self.refresh()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.layers) and 0 <= target < len(self.layers):
            self.layers[row], self.layers[target] = self.layers[target], self.layers[row]
            self.refresh()
            self.list.setCurrentRow(target)

    def run_stack(self, image: np.ndarray) -> np.ndarray:
        value = image.mean(axis=0, keepdims=True)
        for layer in self.layers:
            if layer.kind == "conv":
                value = conv2d(value, np.full((layer.kernel_size,) * 2, 1 / layer.kernel_size**2))
                value = value[:, :: layer.stride, :: layer.stride]
            else:
                value = F.max_pool2d(value, layer.kernel_size, layer.stride, layer.padding)
        return value

    def refresh(self) -> None:
        self.list.clear()
        for layer in self.layers:
            self.list.addItem(
                f"{layer.kind} {layer.kernel_size}x{layer.kernel_size}, stride "
                f"{layer.stride}, padding {layer.padding}"
            )
        image = self.image()
        if image is None:
            return
        self.input_panel.show_array(image, self.model.levels)
        try:
            output = self.run_stack(image)
        except PoolingError as error:
            self.summary.setText(f"The stack does not fit this image: {error}")
            return
        self.output_panel.show_array(output, self.model.levels)
        self.show_field(output.shape[1] // 2, output.shape[2] // 2)

    def show_field(self, row: int, col: int) -> None:
        image = self.image()
        if image is None:
            return
        self.field = receptive_field_of(self.layers, row, col, image.shape[-2:])
        row0, row1, col0, col1 = self.field
        self.input_panel.overlay.set_bins([(row0, row1, col0, col1)])
        self.output_panel.overlay.set_marked([], (row, col))
        sizes = ", ".join(
            f"{layer.kind} {field.size}px"
            for layer, field in zip(self.layers, receptive_fields(self.layers))
        )
        self.summary.setText(
            f"Output cell ({row}, {col}) sees input rows {row0}..{row1 - 1}, "
            f"columns {col0}..{col1 - 1}. Receptive field after each layer: "
            f"{sizes or 'no layers'}."
        )


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
        for name, pool in named_pools(kernel, stride).items():
            if name == "SoftPool":
                continue
            self.changes[name] = shift_sensitivity(gray, pool, stride, shifts)
            self.scores[name] = shift_consistency(gray, pool, stride, 2 * kernel)
            transforms[name] = transform_sensitivity(
                gray, pool, [self.angle.value()], [self.scale.value()]
            )
            self.plot_widget.plot(
                shifts,
                self.changes[name],
                name=name,
                symbol="o",
                pen=pg.mkPen(CURVE_COLOURS[name], width=2),
                symbolBrush=CURVE_COLOURS[name],
            )
        self.summary.setText(
            f"Kernel {kernel}, stride {stride}. Shift consistency: "
            + ", ".join(f"{name} {score:.4f}" for name, score in self.scores.items())
            + f". Change after {self.angle.value():g} deg rotation / x{self.scale.value():g} "
            "zoom: "
            + ", ".join(
                f"{name} {values['rotation'][0]:.3f} / {values['scale'][0]:.3f}"
                for name, values in transforms.items()
            )
            + "."
        )


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
        for name, pool in named_pools(kernel, stride).items():
            self.changes[name] = noise_sensitivity(image, pool, self.kind.currentData(), amounts)
            self.plot_widget.plot(
                amounts,
                self.changes[name],
                name=name,
                symbol="o",
                pen=pg.mkPen(CURVE_COLOURS[name], width=2),
                symbolBrush=CURVE_COLOURS[name],
            )
        worst = {name: values[-1] for name, values in self.changes.items()}
        self.summary.setText(
            f"At amount {top:g}: "
            + ", ".join(f"{name} changes {value:.3f}" for name, value in worst.items())
            + "."
        )


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
        self.mode.addItem("adaptive average 4x4", "adaptive")
        self.mode.addItem("spatial pyramid 4,2,1", "spp")
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
        for source in (image, crop):
            if self.mode.currentData() == "adaptive":
                outputs.append(F.adaptive_avg_pool2d(source, 4))
            else:
                outputs.append(spatial_pyramid_pool2d(source, (4, 2, 1))[:, np.newaxis, :])
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


class CostExperiment(Experiment):
    title = "Cost"
    explanation = (
        "Pooling shrinks what every later layer must store and compute. For a feature map of "
        "C channels at this image's size, the table gives the elements before and after the "
        "current pooling, the memory (float32), the multiply-adds of a following 3x3 "
        "convolution (C channels in and out), and the weights of a dense layer placed after "
        "flattening. Example: a 22x22x64 map into 512 units needs about 15.9 M weights, and "
        "about 4.0 M after one 2x2 pool."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.channels = QSpinBox()
        self.channels.setRange(1, 2048)
        self.channels.setValue(64)
        self.channels.setPrefix("C = ")
        self.channels.setToolTip("Channels of the feature map")
        self.units = QSpinBox()
        self.units.setRange(1, 100_000)
        self.units.setValue(512)
        self.units.setPrefix("dense units ")
        self.units.setToolTip("Units of the dense layer after flattening")
        self.use_image_size = QCheckBox("use the image's size")
        self.use_image_size.setChecked(True)
        self.use_image_size.setToolTip("Otherwise a 22x22 map, the textbook example")
        for widget in (self.channels, self.units, self.use_image_size):
            self.controls.addWidget(widget)
            signal = getattr(widget, "valueChanged", None) or widget.toggled
            signal.connect(self.refresh)
        self.controls.addStretch(1)
        self.table = QLabel()
        self.table.setObjectName("cost_table")
        self.table.setTextFormat(Qt.TextFormat.RichText)
        self.body.addWidget(self.table)
        self.body.addStretch(1)
        self.cost: dict[str, int] = {}

    def refresh(self) -> None:
        image = self.model.image
        size = (
            image.shape[-2:] if image is not None and self.use_image_size.isChecked() else (22, 22)
        )
        channels = self.channels.value()
        try:
            out = output_shape(self.model.params, (channels, *size))
        except PoolingError as error:
            self.table.setText(f"<i>{error}</i>")
            return
        self.cost = pooling_cost((channels, *size), (channels, *out), self.units.value())
        rows = [
            ("elements", "elements"),
            ("memory (float32 bytes)", "bytes"),
            ("3x3 conv multiply-adds", "conv3x3_macs"),
            ("dense layer weights", "dense_weights"),
        ]
        html = [
            "<table cellpadding=6><tr><th></th><th>before</th><th>after</th><th>saved</th></tr>"
        ]
        for label, key in rows:
            before, after = self.cost[f"{key}_before"], self.cost[f"{key}_after"]
            html.append(
                f"<tr><td>{label}</td><td align=right>{human(before)}</td>"
                f"<td align=right>{human(after)}</td>"
                f"<td align=right>{1 - after / before:.1%}</td></tr>"
            )
        html.append("</table>")
        self.table.setText("".join(html))
        self.summary.setText(
            f"{size[1]}x{size[0]}x{channels} pooled with "
            f"{self.model.params.spec.label.lower()} to "
            f"{out[1]}x{out[0]}x{channels}."
        )


def human(number: int) -> str:
    """15859712 -> '15.9 M (15,859,712)'."""
    if number >= 1_000_000:
        return f"{number / 1e6:.1f} M ({number:,})"
    if number >= 10_000:
        return f"{number / 1e3:.1f} k ({number:,})"
    return f"{number:,}"


EXPERIMENTS = (
    CompareExperiment,
    FeatureMapExperiment,
    StackExperiment,
    ShiftExperiment,
    NoiseExperiment,
    FixedLengthExperiment,
    CostExperiment,
)


class ExperimentsPanel(QTabWidget):
    """All experiments as tabs, built when first shown; the visible one recomputes when the
    image or the settings change."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.built: dict[int, Experiment] = {}
        for experiment in EXPERIMENTS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.addTab(holder, experiment.title)
            self.setTabToolTip(self.count() - 1, experiment.explanation[:160] + "…")
        self.currentChanged.connect(self.refresh_current)
        model.imageChanged.connect(self.refresh_current)
        model.resultChanged.connect(self.refresh_current)
        self.active = False

    @property
    def experiments(self) -> list[Experiment]:
        return [self.experiment(index) for index in range(self.count())]

    def experiment(self, index: int) -> Experiment:
        """The experiment of tab ``index``, built on first use (start-up stays fast)."""
        if index not in self.built:
            experiment = EXPERIMENTS[index](self.model)
            self.widget(index).layout().addWidget(experiment)
            self.built[index] = experiment
        return self.built[index]

    def set_active(self, active: bool) -> None:
        """Compute only while the Experiments tab is shown."""
        self.active = active
        self.refresh_current()

    def refresh_current(self, *_) -> None:
        if self.active and self.model.image is not None:
            self.experiment(self.currentIndex()).refresh()

    def show_experiment(self, title: str) -> Experiment:
        for index, experiment in enumerate(EXPERIMENTS):
            if experiment.title.lower().startswith(title.lower()):
                self.setCurrentIndex(index)
                self.refresh_current()
                return self.experiment(index)
        raise KeyError(title)
