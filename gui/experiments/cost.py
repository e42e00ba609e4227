"""Cost: what a pooling layer saves in elements, memory, multiply-adds and weights."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox

from engine.analysis.experiments import pooling_cost
from engine.errors import PoolingError
from engine.pooling.kinds import kind_of
from engine.pooling.pipeline import output_shape
from gui.experiments.base import Experiment


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
            f"{kind_of(self.model.params).label.lower()} to "
            f"{out[1]}x{out[0]}x{channels}."
        )


def human(number: int) -> str:
    """15859712 -> '15.9 M (15,859,712)'."""
    if number >= 1_000_000:
        return f"{number / 1e6:.1f} M ({number:,})"
    if number >= 10_000:
        return f"{number / 1e3:.1f} k ({number:,})"
    return f"{number:,}"
