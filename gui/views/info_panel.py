"""Side panel: the arithmetic behind the selected output cell, and an input pixel's coverage.

The arithmetic sentences are the kind's own (:meth:`~engine.pooling.kinds.PoolKind.arithmetic`):
the panel hands it the numbers of a :class:`~engine.pooling.steps.Step` of the result and only
formats them; the backward sentence follows the kind's routing, never its name.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QWidget

from engine.pooling.kinds import CellNumbers, Writing
from engine.pooling.steps import Step, StepSequence
from gui.i18n import tr, translated
from gui.models.pool_model import PoolModel
from gui.views.formatting import format_value, position_text

MAX_LISTED_VALUES = 49


def listed(values: np.ndarray) -> str:
    shown = ", ".join(format_value(float(value)) for value in values[:MAX_LISTED_VALUES])
    if len(values) > MAX_LISTED_VALUES:
        shown = tr("{values}, … ({count} values)").format(values=shown, count=len(values))
    return shown


def chosen_cell(step: Step, channel: int, sequence: bool = False) -> str:
    if step.argmax is None:
        return ""
    where = step.argmax[channel]
    if not where:
        return tr(" (the window holds only padding)")
    return tr(" at input {position}").format(position=position_text(*where, sequence))


WRITING = Writing(number=format_value, values=listed)
"""How the panel writes the numbers of the kind's sentences."""


def arithmetic_html(kind, cell: CellNumbers, params, output: float, chosen: str = "") -> str:
    """The kind's sentence for one cell, the result in bold, then where the chosen cell is."""
    sentence = kind.arithmetic(cell, params, WRITING)
    before, after = translated(sentence.before), translated(sentence.after)
    return f"{before}<b>{format_value(output)}</b>{after}{chosen}"


def cell_arithmetic(result, step: Step, channel: int) -> str:
    """One channel's computation of a step's output cell, as HTML: the kind's own sentence."""
    cell = CellNumbers(
        values=step.values[channel],
        padding=step.window.size - step.window.real_size,
        total=None if step.total is None else float(step.total[channel]),
        divisor=step.divisor,
        chose_cell=step.argmax is not None,
        dimensions=1 if result.sequence else 2,
    )
    output = float(step.result[channel])
    chosen = chosen_cell(step, channel, result.sequence)
    return arithmetic_html(result.kind, cell, result.params, output, chosen)


def backward_sentence(result, step: Step, upstream: float) -> str:
    gradient = format_value(upstream)
    if result.kind.routing(result.params).to_one_cell and step.argmax is not None:
        if step.argmax[0] is None:  # a dilated window that holds only padding
            return tr(
                "Backward: this window holds only padding, so no input cell gets its gradient."
            )
        target = position_text(*step.argmax[0], result.sequence)
        return tr(
            "Backward: gradient {gradient} goes to the chosen cell {cell} only; the other "
            "cells of the window get 0."
        ).format(gradient=gradient, cell=target)
    if step.divisor is not None:
        return tr(
            "Backward: {gradient} / {divisor} = {share} goes to each of the {count} real cells."
        ).format(
            gradient=gradient,
            divisor=format_value(step.divisor),
            share=format_value(upstream / step.divisor),
            count=step.window.real_size,
        )
    return tr(
        "Backward: {gradient} spread over the window by the derivative of the {reduction}."
    ).format(gradient=gradient, reduction=translated(result.kind.reduction.value))


def compact(positions) -> str:
    """'0..2' for consecutive positions, '-1, 1, 3' otherwise."""
    positions = [int(position) for position in positions]
    if len(positions) > 1 and all(
        after - before == 1 for before, after in zip(positions, positions[1:])
    ):
        return f"{positions[0]}..{positions[-1]}"
    return ", ".join(str(position) for position in positions)


def channel_names(channels: int) -> tuple[str, ...]:
    return (tr("red"), tr("green"), tr("blue")) if channels == 3 else (tr("value"),)


def channel_line(name: str, arithmetic: str) -> str:
    """One channel's arithmetic, as a paragraph naming the channel."""
    return "<p>" + tr("<b>{name}</b>: {text}").format(name=name, text=arithmetic) + "</p>"


def state_word(pinned: bool) -> str:
    return tr("pinned") if pinned else tr("hover")


class InfoPanel(QTextBrowser):
    """Shows what the selected output cell was computed from, in numbers."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.animation = None  # set by the main window: step arithmetic while animating
        self.setObjectName("info_panel")
        self.setMinimumWidth(170)
        self.setToolTip(tr("The arithmetic behind the selected output cell"))
        model.selectionChanged.connect(self.refresh)
        model.coverageChanged.connect(self.refresh)
        model.resultChanged.connect(self.refresh)
        model.replacingChanged.connect(self.refresh)
        model.depthChanged.connect(self.refresh)
        self.refresh()

    def refresh(self, *_) -> None:
        model = self.model
        parts = []
        if model.replacing:
            parts.append(
                tr("<p><i>This image is being replaced by {name}…</i></p>").format(
                    name=model.replacing
                )
            )
        if self.animation is not None and self.animation.is_engaged():
            parts.append(self.step_text())
        elif model.result is None:
            parts.append(tr("<i>Open an image to start.</i>"))
        elif model.selected is None:
            parts.append(
                tr(
                    "<i>Hover over an output cell to see its window; click to pin it, "
                    "then use the arrow keys. Click an input pixel to see every output "
                    "cell it feeds.</i>"
                )
            )
        else:
            parts.append(self.selection_text())
        if model.coverage_pixel is not None and model.result is not None:
            row, col = model.coverage_pixel
            count = len(model.coverage)
            cells = ", ".join(f"({out_row}, {out_col})" for out_row, out_col in model.coverage[:24])
            more = " …" if count > 24 else ""
            template = (
                tr(
                    "<h3>Input pixel ({row}, {col})</h3>is inside the windows of <b>{count}</b> "
                    "output cell: {cells}{more}"
                )
                if count == 1
                else tr(
                    "<h3>Input pixel ({row}, {col})</h3>is inside the windows of <b>{count}</b> "
                    "output cells: {cells}{more}"
                )
            )
            parts.append(template.format(row=row, col=col, count=count, cells=cells, more=more))
        self.setHtml("".join(parts))

    def volume_text(self) -> str:
        """The selected cell of a volume's output: its 3D window and arithmetic."""
        model = self.model
        result, volume = model.volume_result, model.volume
        depth, (row, col) = model.output_depth, model.selected
        depths, window = model.selected_depths(), model.selected_window()
        real_depths = depths[(depths >= 0) & (depths < volume.shape[1])]
        parts = [
            tr(
                "<h3>Output cell ({depth}, {row}, {col}) <small>(D, H, W) [{state}]</small></h3>"
            ).format(depth=depth, row=row, col=col, state=state_word(model.pinned)),
            tr(
                "Window slices {slices}, rows {rows}, columns {columns} of the {depth} x "
                "{height} x {width} (D x H x W) volume"
            ).format(
                slices=compact(depths),
                rows=compact(window.rows),
                columns=compact(window.cols),
                depth=volume.shape[1],
                height=volume.shape[2],
                width=volume.shape[3],
            ),
        ]
        kind = result.kind
        plane = volume.shape[2] * volume.shape[3]
        window_cells = len(depths) * window.size
        for channel, name in enumerate(channel_names(volume.shape[0])):
            values = volume[channel][np.ix_(real_depths, window.real_rows(), window.real_cols())]
            divisor = None
            if kind.volume.divisor_of is not None:
                divisor = kind.volume.divisor_of(result.params, volume.shape, depth, row, col)
            cell = CellNumbers(
                values=values.ravel(),
                padding=window_cells - values.size,
                divisor=divisor,
                chose_cell=result.indices is not None,
                dimensions=3,
            )
            chosen = ""
            if result.indices is not None:
                index = int(result.indices[channel, depth, row, col])
                slice_index, rest = divmod(index, plane)
                where = f"({slice_index}, {rest // volume.shape[3]}, {rest % volume.shape[3]})"
                chosen = tr(" at input {position}").format(position=where)
            output = float(result.output[channel, depth, row, col])
            text = arithmetic_html(kind, cell, result.params, output, chosen)
            parts.append(channel_line(name, text))
        return "".join(parts)

    def selection_text(self) -> str:
        if self.model.volume_result is not None:
            return self.volume_text()
        model, result = self.model, self.model.result
        row, col = model.selected
        step = StepSequence(model.image, result).cell_step(0, row, col)
        window = step.window
        height, width = window.input_size
        where = (
            tr("Window positions {positions} of the {length}-long sequence").format(
                positions=compact(window.cols), length=width
            )
            if result.sequence
            else tr(
                "Window rows {rows}, columns {columns} of the {height} x {width} (H x W) input"
            ).format(
                rows=compact(window.rows), columns=compact(window.cols), height=height, width=width
            )
        )
        parts = [
            tr("<h3>Output cell {position} <small>[{state}]</small></h3>").format(
                position=position_text(row, col, result.sequence), state=state_word(model.pinned)
            ),
            where,
        ]
        for channel, name in enumerate(channel_names(model.image.shape[0])):
            parts.append(channel_line(name, cell_arithmetic(result, step, channel)))
        return "".join(parts)

    def step_text(self) -> str:
        """The current animation step in numbers (forward), or where its gradient went."""
        animation = self.animation
        step, total = animation.current_step(), animation.total()
        if step is None:
            return tr(
                "<h3>Step 0 of {total}</h3><i>Nothing computed yet: press play or Right.</i>"
            ).format(total=total)
        result = animation.model.result
        lines = [
            tr("<h3>Step {count} of {total}: output cell {position}</h3>").format(
                count=animation.count,
                total=total,
                position=position_text(step.row, step.col, result.sequence),
            ),
            cell_arithmetic(result, step, 0),
        ]
        problem = animation.backward_problem() if animation.direction == "backward" else ""
        if problem:
            sentence = tr("{sentence}.").format(sentence=translated(problem))
            lines.append(f"<p>{sentence}</p>")
        elif animation.direction == "backward":
            upstream = float(animation.upstream()[0, step.row, step.col])
            lines.append(f"<p>{backward_sentence(result, step, upstream)}</p>")
            lines.append(
                "<p>"
                + tr(
                    "Cells marked xN received gradient from N windows: overlapping windows add up."
                )
                + "</p>"
            )
        return "".join(lines)
