"""Compare: the same image pooled by several kinds, and where two of them differ."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel

from engine.analysis.experiments import nonlinearity
from engine.errors import PoolingError
from engine.pooling.display import symmetric_range
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.text import Text
from gui.experiments.base import (
    Experiment,
    check_finite,
    check_fits,
    checked_pool,
    reason,
    size_text,
)
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken
from gui.views.image_panel import ImagePanel

PAIRS = tuple(combinations(range(4), 2))  # (0, 1) is "1 - 2", the first minus the second


@dataclass(frozen=True)
class CompareRequest:
    image: np.ndarray  # (C, H, W) working crop
    names: tuple[str | None, ...]  # the kind of each panel, None for an empty one
    kernel: int
    stride: int
    levels: tuple[float, float]


@dataclass(frozen=True)
class Difference:
    """One panel minus another, averaged over colour channels."""

    values: np.ndarray  # (1, h, w)
    mean_absolute: float
    largest: float  # the largest absolute difference


@dataclass(frozen=True)
class CompareResult:
    request: CompareRequest
    outputs: tuple[np.ndarray | None, ...]  # (C, h, w) per panel
    problems: tuple[str, ...]  # why a panel is empty ("" when it is not), as the engine said
    nonlinearity: dict[str, float]  # by kind name
    differences: dict[tuple[int, int], Difference]  # per pair of panels of one output size


class CompareExperiment(Experiment):
    title = Text("Compare")
    explanation = Text(
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
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(7)  # four in a row must fit a laptop screen
            combo.addItem(tr("(none)"), None)
            for name, kind in KINDS.items():
                if "kernel_size" in kind.parameters:
                    combo.addItem(translated(kind.label), name)
            combo.setCurrentIndex(combo.findData(default))
            combo.setToolTip(tr("A pooling type to compare"))
            combo.currentIndexChanged.connect(self.refresh)
            self.controls.addWidget(combo)
            self.choices.append(combo)
        self.panels = [ImagePanel("") for _ in defaults]
        self.difference = ImagePanel(tr("Difference"))
        self.difference.set_colour_map("CET-D1")
        grid = QGridLayout()
        for index, panel in enumerate(self.panels):
            grid.addWidget(panel, 0, index)
        grid.addWidget(self.difference, 1, 0, 1, 2)
        self.pair = QComboBox()
        self.pair.setToolTip(tr("Which two panels the difference map subtracts"))
        for first, second in PAIRS:
            self.pair.addItem(f"{first + 1} - {second + 1}")
        self.pair.currentIndexChanged.connect(self._on_pair_changed)
        difference_label = QLabel(tr("difference"))
        difference_label.setToolTip(self.pair.toolTip())
        self.controls.addWidget(difference_label)
        self.controls.addWidget(self.pair)
        self.body.addLayout(grid)
        self.outputs: list[np.ndarray | None] = []
        self.nonlinearity: dict[str, float] = {}
        self.result: CompareResult | None = None

    def capture(self) -> CompareRequest | None:
        image = self.image()
        if image is None:
            return None
        kernel, stride = self.kernel_stride()
        names = tuple(combo.currentData() for combo in self.choices)
        return CompareRequest(image, names, kernel, stride, self.model.levels)

    @staticmethod
    def compute(request: CompareRequest, token: CancelToken) -> CompareResult:
        check_finite(request.image)
        check_fits(request.image.shape, request.kernel)
        outputs, problems, linearity = [], [], {}
        for name in request.names:
            if name is None:
                outputs.append(None)
                problems.append("")
                continue
            params = PoolParams(name, (request.kernel,) * 2, (request.stride,) * 2)
            pool = checked_pool(params, token)
            try:
                outputs.append(pool(request.image))
                linearity[name] = nonlinearity(request.image, pool)
            except PoolingError as error:
                outputs.append(None)
                problems.append(reason(error))
                continue
            problems.append("")
        differences = {}
        for first, second in PAIRS:
            minuend, subtrahend = outputs[first], outputs[second]
            if minuend is not None and subtrahend is not None:
                if minuend.shape == subtrahend.shape:
                    values = (minuend - subtrahend).mean(axis=0, keepdims=True)
                    magnitude = np.abs(values)
                    differences[first, second] = Difference(
                        values, float(magnitude.mean()), float(magnitude.max())
                    )
        return CompareResult(request, tuple(outputs), tuple(problems), linearity, differences)

    def show_result(self, result: CompareResult) -> None:
        self.result = result
        self.outputs = list(result.outputs)
        self.nonlinearity = dict(result.nonlinearity)
        for panel, name, output in zip(self.panels, result.request.names, result.outputs):
            panel.show_array(output, result.request.levels)
            if output is not None:
                panel.set_title(translated(KINDS[name].label))  # the summary gives the size
            else:
                panel.set_title(tr("(none)") if name is None else tr("does not fit: see below"))
        self.show_difference()

    def _on_pair_changed(self, *_) -> None:
        if self.result is not None:
            self.show_difference()  # every pair's difference is computed already

    def show_difference(self) -> None:
        result = self.result
        first, second = PAIRS[self.pair.currentIndex()]
        difference = result.differences.get((first, second))
        linearity = self.linearity_text(result)
        problems = " ".join(
            tr("Panel {number}: {problem}").format(number=index + 1, problem=translated(problem))
            for index, problem in enumerate(result.problems)
            if problem
        )
        if problems:
            linearity = f"{problems} {linearity}"
        if difference is None:
            self.difference.show_array(None, (0, 1))
            self.summary.setText(
                tr("Choose two types that give outputs of the same size for the difference map.")
                + " "
                + linearity
            )
            return
        self.difference.show_array(difference.values, symmetric_range(difference.values))
        self.summary.setText(
            tr(
                "Outputs of {size} (H x W). Panel {first} minus panel {second}: mean absolute "
                "difference {mean}, largest {largest} (red: panel {first} higher, blue: lower)."
            ).format(
                size=size_text(difference.values.shape),
                first=first + 1,
                second=second + 1,
                mean=f"{difference.mean_absolute:.4f}",
                largest=f"{difference.largest:.4f}",
            )
            + " "
            + linearity
        )

    @staticmethod
    def linearity_text(result: CompareResult) -> str:
        if not result.nonlinearity:
            return ""
        numbers = ", ".join(
            f"{translated(KINDS[name].label)} {value:.4f}"
            for name, value in result.nonlinearity.items()
        )
        return tr(
            "Nonlinearity (the gap between pool(x + y) and pool(x) + pool(y), y the mirrored "
            "image): {numbers}. 0 means the pool is linear, as average pooling is; above 0 it "
            "is not: the maximum of a sum is not the sum of the maxima."
        ).format(numbers=numbers)
