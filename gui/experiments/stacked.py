"""Stacked layers: how conv and pool layers grow the receptive field."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QPushButton, QSpinBox

from engine import functional as F
from engine.analysis.experiments import Layer, conv2d, receptive_field_of, receptive_fields
from engine.errors import PoolingError
from engine.pooling.windows import Rect
from engine.text import Text
from gui.experiments.base import Experiment, ExperimentError, check_finite, reason, size_text
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken
from gui.views.image_panel import ImagePanel

LAYER_KINDS = {"conv": Text("conv"), "pool": Text("pool")}
"""How the window names each kind of layer a stack can hold."""


@dataclass(frozen=True)
class StackRequest:
    image: np.ndarray  # (C, H, W) working crop
    layers: tuple[Layer, ...]
    levels: tuple[float, float]


@dataclass(frozen=True)
class StackResult:
    request: StackRequest
    output: np.ndarray  # (1, h, w), the last layer's output


def run_stack(image: np.ndarray, layers, token: CancelToken | None = None) -> np.ndarray:
    """The grayscale image through the stack: conv layers are k x k averages (zero padding,
    then the stride), pool layers max pooling. (C, H, W) in, (1, h, w) out."""
    value = image.mean(axis=0, keepdims=True)
    for layer in layers:
        if token is not None:
            token.check()
        if layer.kind == "conv":
            value = conv2d(value, np.full((layer.kernel_size,) * 2, 1 / layer.kernel_size**2))
            value = value[:, :: layer.stride, :: layer.stride]
        else:
            value = F.max_pool2d(value, layer.kernel_size, layer.stride, layer.padding)
    return value


class StackExperiment(Experiment):
    title = Text("Stacked layers")
    explanation = Text(
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
        self.list.setToolTip(tr("The stack, first layer on top"))
        self.kind = QComboBox()
        for kind, name in LAYER_KINDS.items():
            self.kind.addItem(translated(name), kind)
        self.kind.setToolTip(tr("Kind of layer to add"))
        self.kernel = QSpinBox()
        self.kernel.setRange(1, 9)
        self.kernel.setValue(2)
        self.kernel.setPrefix(tr("k "))
        self.kernel.setToolTip(tr("Kernel size of the layer to add"))
        self.stride = QSpinBox()
        self.stride.setRange(1, 4)
        self.stride.setValue(2)
        self.stride.setPrefix(tr("s "))
        self.stride.setToolTip(tr("Stride of the layer to add"))
        buttons = []
        for text, tip, slot in (
            (tr("Add"), tr("Add the layer at the end"), self.add_layer),
            (tr("Remove"), tr("Remove the selected layer"), self.remove_layer),
            (tr("Up"), tr("Move the selected layer up"), lambda: self.move(-1)),
            (tr("Down"), tr("Move the selected layer down"), lambda: self.move(1)),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            buttons.append(button)
        self.controls.addWidget(self.list, 1)
        for widget in (self.kind, self.kernel, self.stride, *buttons):
            self.controls.addWidget(widget)
        self.input_panel = ImagePanel(tr("Input and receptive field"))
        self.output_panel = ImagePanel(tr("Last output (hover a cell)"))
        self.output_panel.sigCellHovered.connect(self.show_field)
        self.output_panel.sigCellClicked.connect(self.show_field)
        row = QHBoxLayout()
        row.addWidget(self.input_panel)
        row.addWidget(self.output_panel)
        self.body.addLayout(row)
        self.field: Rect | None = None
        self.result: StackResult | None = None
        self.show_layers()

    def add_layer(self) -> None:
        kernel, kind = self.kernel.value(), self.kind.currentData()
        self.layers.append(
            Layer(kind, kernel, self.stride.value(), kernel // 2 if kind == "conv" else 0)
        )
        self.changed()

    def remove_layer(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.layers):
            del self.layers[row]
            self.changed()

    def move(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if 0 <= row < len(self.layers) and 0 <= target < len(self.layers):
            self.layers[row], self.layers[target] = self.layers[target], self.layers[row]
            self.changed()
            self.list.setCurrentRow(target)

    def changed(self) -> None:
        """The stack changed: list it now, compute its output in the background."""
        self.show_layers()
        self.refresh()

    def show_layers(self) -> None:
        self.list.clear()
        for layer in self.layers:
            self.list.addItem(
                tr("{kind} {size}x{size}, stride {stride}, padding {padding}").format(
                    kind=translated(LAYER_KINDS[layer.kind]),
                    size=layer.kernel_size,
                    stride=layer.stride,
                    padding=layer.padding,
                )
            )

    def capture(self) -> StackRequest | None:
        image = self.image()
        if image is None:
            return None
        return StackRequest(image, tuple(self.layers), self.model.levels)

    @staticmethod
    def compute(request: StackRequest, token: CancelToken) -> StackResult:
        check_finite(request.image)
        try:
            output = run_stack(request.image, request.layers, token)
        except PoolingError as error:
            raise ExperimentError(
                "The stack does not fit the {size} (H x W) crop: {problem}",
                size=size_text(request.image.shape),
                problem=reason(error),
            ) from None
        return StackResult(request, output)

    def show_result(self, result: StackResult) -> None:
        self.result = result
        self.input_panel.show_array(result.request.image, result.request.levels)
        self.output_panel.show_array(result.output, result.request.levels)
        self.show_field(result.output.shape[1] // 2, result.output.shape[2] // 2)

    def show_field(self, row: int, col: int) -> None:
        """Outline what output cell (row, col) of the shown result sees."""
        if self.result is None:
            return
        layers, shape = self.result.request.layers, self.result.request.image.shape
        self.field = receptive_field_of(layers, row, col, shape[-2:])
        field = self.field
        self.input_panel.overlay.set_bins([field])
        self.output_panel.overlay.set_marked([], (row, col))
        sizes = ", ".join(
            f"{translated(LAYER_KINDS[layer.kind])} {field.size}px"
            for layer, field in zip(layers, receptive_fields(layers))
        )
        self.summary.setText(
            tr(
                "Output cell ({row}, {col}) sees input rows {top}..{bottom}, columns "
                "{left}..{right}. Receptive field after each layer: {sizes}."
            ).format(
                row=row,
                col=col,
                top=field.top,
                bottom=field.bottom - 1,
                left=field.left,
                right=field.right - 1,
                sizes=sizes or tr("no layers"),
            )
        )
