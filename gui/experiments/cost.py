"""Cost: what a pooling layer saves in elements, memory, multiply-adds and weights."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QSpinBox

from engine.analysis.experiments import pooling_cost
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_shape
from engine.text import Text
from gui.experiments.base import Experiment
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken

COST_ROWS = (
    (Text("elements"), "elements"),
    (Text("memory (float32 bytes)"), "bytes"),
    (Text("3x3 conv multiply-adds"), "conv3x3_macs"),
    (Text("dense layer weights"), "dense_weights"),
)


@dataclass(frozen=True)
class CostRequest:
    input_shape: tuple[int, int, int]  # (C, H, W) of the feature map
    units: int  # of the dense layer after flattening
    params: PoolParams


@dataclass(frozen=True)
class CostResult:
    request: CostRequest
    output_shape: tuple[int, int, int]  # (C, h, w)
    cost: dict[str, int]  # engine.analysis.experiments.pooling_cost


class CostExperiment(Experiment):
    title = Text("Cost")
    explanation = Text(
        "Pooling shrinks what every later layer must store and compute. For a feature map of "
        "C channels at this image's size, the table gives the elements before and after the "
        "current pooling, the memory (float32), the multiply-adds of a following 3x3 "
        "convolution (C channels in and out), and the weights of a dense layer placed after "
        "flattening. Example: a 64 x 22 x 22 (C x H x W) map into 512 units needs about "
        "15.9 M weights, and about 4.0 M after one 2x2 pool."
    )

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.channels = QSpinBox()
        self.channels.setRange(1, 2048)
        self.channels.setValue(64)
        self.channels.setPrefix("C = ")
        self.channels.setToolTip(tr("Channels of the feature map"))
        self.units = QSpinBox()
        self.units.setRange(1, 100_000)
        self.units.setValue(512)
        self.units.setPrefix(tr("dense units "))
        self.units.setToolTip(tr("Units of the dense layer after flattening"))
        self.use_image_size = QCheckBox(tr("use the image's size"))
        self.use_image_size.setChecked(True)
        self.use_image_size.setToolTip(tr("Otherwise a 22x22 map, the textbook example"))
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

    def capture(self) -> CostRequest | None:
        image = self.model.image
        if image is None:
            return None
        size = image.shape[-2:] if self.use_image_size.isChecked() else (22, 22)
        channels = self.channels.value()
        return CostRequest((channels, *size), self.units.value(), self.model.params)

    @staticmethod
    def compute(request: CostRequest, token: CancelToken) -> CostResult:
        output = (request.input_shape[0], *output_shape(request.params, request.input_shape))
        return CostResult(request, output, pooling_cost(request.input_shape, output, request.units))

    def show_result(self, result: CostResult) -> None:
        self.cost = result.cost
        html = [
            "<table cellpadding=6><tr><th></th>"
            f"<th>{tr('before')}</th><th>{tr('after')}</th><th>{tr('saved')}</th></tr>"
        ]
        for label, key in COST_ROWS:
            before, after = self.cost[f"{key}_before"], self.cost[f"{key}_after"]
            html.append(
                f"<tr><td>{translated(label)}</td><td align=right>{human(before)}</td>"
                f"<td align=right>{human(after)}</td>"
                f"<td align=right>{1 - after / before:.1%}</td></tr>"
            )
        html.append("</table>")
        self.table.setText("".join(html))
        self.summary.setText(
            tr("A map of {input} (C x H x W) pooled with {kind} pooling becomes {output}.").format(
                input=shape_text(result.request.input_shape),
                kind=translated(kind_of(result.request.params).label).lower(),
                output=shape_text(result.output_shape),
            )
        )

    def show_problem(self, message: str) -> None:
        self.table.setText(f"<i>{escape(message)}</i>")
        super().show_problem(message)


def shape_text(shape: tuple[int, ...]) -> str:
    """(64, 22, 22) -> '64 x 22 x 22'."""
    return " x ".join(str(length) for length in shape)


def human(number: int) -> str:
    """15859712 -> '15.9 M (15,859,712)'."""
    if number >= 1_000_000:
        return f"{number / 1e6:.1f} M ({number:,})"
    if number >= 10_000:
        return f"{number / 1e3:.1f} k ({number:,})"
    return f"{number:,}"
