"""Stacked layers: how conv and pool layers grow the receptive field."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QPushButton, QSpinBox

from engine import functional as F
from engine.analysis.experiments import Layer, conv2d, receptive_field_of, receptive_fields
from engine.errors import PoolingError
from gui.experiments.base import Experiment
from gui.views.image_panel import ImagePanel


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
        field = self.field
        self.input_panel.overlay.set_bins([field])
        self.output_panel.overlay.set_marked([], (row, col))
        sizes = ", ".join(
            f"{layer.kind} {field.size}px"
            for layer, field in zip(self.layers, receptive_fields(self.layers))
        )
        self.summary.setText(
            f"Output cell ({row}, {col}) sees input rows {field.top}..{field.bottom - 1}, "
            f"columns {field.left}..{field.right - 1}. Receptive field after each layer: "
            f"{sizes or 'no layers'}."
        )
