"""Side panel: the arithmetic behind the selected output cell, and an input pixel's coverage.

The sentences follow the kind's reduction (maximum, average, power average, ...) and its
routing, never its name; the numbers are a :class:`~engine.pooling.steps.Step` of the result.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QWidget

from engine.pooling.kinds import Reduction
from engine.pooling.steps import Step, StepSequence
from gui.models.pool_model import PoolModel
from gui.views.formatting import format_value, position_text

MAX_LISTED_VALUES = 49


def listed(values: np.ndarray) -> str:
    shown = ", ".join(format_value(float(value)) for value in values[:MAX_LISTED_VALUES])
    if len(values) > MAX_LISTED_VALUES:
        shown += f", … ({len(values)} values)"
    return shown


def chosen_cell(step: Step, channel: int, sequence: bool = False) -> str:
    if step.argmax is None:
        return ""
    where = step.argmax[channel]
    if not where:
        return " (the window holds only padding)"
    return f" at input {position_text(*where, sequence)}"


def cell_arithmetic(result, step: Step, channel: int) -> str:
    """One channel's computation of a step's output cell, as HTML."""
    params, kind = result.params, result.kind
    values, output = step.values[channel], format_value(float(step.result[channel]))
    shown = listed(values)
    padding = step.window.size - step.window.real_size
    reduction = kind.reduction
    if reduction in (Reduction.MAXIMUM, Reduction.MINIMUM):
        name, fill = ("max", "-inf") if reduction is Reduction.MAXIMUM else ("min", "+inf")
        note = f" (+{padding} padding cells at {fill})" if padding else ""
        return (
            f"{name}({shown}){note} = <b>{output}</b>{chosen_cell(step, channel, result.sequence)}"
        )
    if step.divisor is not None:
        total = format_value(float(step.total[channel]))
        return (
            f"sum({shown}) = {total}; divisor {format_value(step.divisor)}; "
            f"{total} / {format_value(step.divisor)} = <b>{output}</b>"
        )
    if reduction is Reduction.POWER_AVERAGE:
        power = format_value(params.norm_type)
        kernel_h, kernel_w = params.kernel_size
        window = str(kernel_w) if result.sequence else f"{kernel_h}x{kernel_w}"
        return (
            f"(sum of x^{power} over ({shown}) x {window} / {len(values)} cells)"
            f"^(1/{power}) = <b>{output}</b>"
        )
    if reduction is Reduction.SOFTMAX_AVERAGE:
        return f"sum(e^x · x) / sum(e^x) over ({shown}) = <b>{output}</b>"
    if reduction is Reduction.RANDOM_PICK and step.argmax is not None:
        return (
            f"picked from ({shown}) with probability x / sum(x) of the positive values: "
            f"<b>{output}</b>{chosen_cell(step, channel, result.sequence)}"
        )
    if reduction is Reduction.RANDOM_PICK:
        return f"sum(x²) / sum(x) over the positive values of ({shown}) = <b>{output}</b>"
    if reduction is Reduction.MIXED:
        mix = format_value(params.mix)
        return (
            f"{mix} x max + (1 - {mix}) x average of ({shown}) = <b>{output}</b> "
            f"(the maximum is {format_value(float(values.max()))})"
        )
    return (
        f"a {params.blur_size}-tap blur of the maxima of {params.kernel_size[0]}x"
        f"{params.kernel_size[1]} windows over ({shown}) = <b>{output}</b>"
    )


def backward_sentence(result, step: Step, upstream: float) -> str:
    gradient = format_value(upstream)
    if result.kind.routing(result.params).to_one_cell and step.argmax is not None:
        target = position_text(*step.argmax[0], result.sequence)
        return (
            f"Backward: gradient {gradient} goes to the chosen cell {target} only; the other "
            "cells of the window get 0."
        )
    if step.divisor is not None:
        return (
            f"Backward: {gradient} / {format_value(step.divisor)} = "
            f"{format_value(upstream / step.divisor)} goes to each of the "
            f"{step.window.real_size} real cells."
        )
    return (
        f"Backward: {gradient} spread over the window by the derivative of the "
        f"{result.kind.reduction.value}."
    )


def compact(positions) -> str:
    """'0..2' for consecutive positions, '-1, 1, 3' otherwise."""
    positions = [int(position) for position in positions]
    if len(positions) > 1 and all(
        after - before == 1 for before, after in zip(positions, positions[1:])
    ):
        return f"{positions[0]}..{positions[-1]}"
    return ", ".join(str(position) for position in positions)


def channel_names(channels: int) -> tuple[str, ...]:
    return ("red", "green", "blue") if channels == 3 else ("value",)


class InfoPanel(QTextBrowser):
    """Shows what the selected output cell was computed from, in numbers."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.animation = None  # set by the main window: step arithmetic while animating
        self.setObjectName("info_panel")
        self.setMinimumWidth(170)
        self.setToolTip("The arithmetic behind the selected output cell")
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
            parts.append(f"<p><i>This image is being replaced by {model.replacing}…</i></p>")
        if self.animation is not None and self.animation.is_engaged():
            parts.append(self.step_text())
        elif model.result is None:
            parts.append("<i>Open an image to start.</i>")
        elif model.selected is None:
            parts.append(
                "<i>Hover over an output cell to see its window; click to pin it, "
                "then use the arrow keys. Click an input pixel to see every output "
                "cell it feeds.</i>"
            )
        else:
            parts.append(self.selection_text())
        if model.coverage_pixel is not None and model.result is not None:
            row, col = model.coverage_pixel
            count = len(model.coverage)
            cells = ", ".join(f"({out_row}, {out_col})" for out_row, out_col in model.coverage[:24])
            more = " …" if count > 24 else ""
            parts.append(
                f"<h3>Input pixel ({row}, {col})</h3>"
                f"is inside the windows of <b>{count}</b> output cell"
                f"{'' if count == 1 else 's'}: {cells}{more}"
            )
        self.setHtml("".join(parts))

    def volume_text(self) -> str:
        """The selected cell of a volume's output: its 3D window and arithmetic."""
        model = self.model
        result, volume = model.volume_result, model.volume
        depth, (row, col) = model.output_depth, model.selected
        depths, window = model.selected_depths(), model.selected_window()
        real_depths = depths[(depths >= 0) & (depths < volume.shape[1])]
        state = "pinned" if model.pinned else "hover"
        parts = [
            f"<h3>Output cell ({depth}, {row}, {col}) <small>(D, H, W) [{state}]</small></h3>",
            f"Window slices {compact(depths)}, rows {compact(window.rows)}, columns "
            f"{compact(window.cols)} of the {volume.shape[1]} x {volume.shape[2]} x "
            f"{volume.shape[3]} (D x H x W) volume",
        ]
        kind = result.kind
        plane = volume.shape[2] * volume.shape[3]
        for channel, name in enumerate(channel_names(volume.shape[0])):
            values = volume[channel][np.ix_(real_depths, window.real_rows(), window.real_cols())]
            shown = listed(values.ravel())
            output = format_value(float(result.output[channel, depth, row, col]))
            if kind.reduction is Reduction.MAXIMUM and result.indices is not None:
                index = int(result.indices[channel, depth, row, col])
                slice_index, rest = divmod(index, plane)
                where = f"({slice_index}, {rest // volume.shape[3]}, {rest % volume.shape[3]})"
                text = f"max({shown}) = <b>{output}</b> at input {where}"
            elif kind.volume.divisor_of is not None:
                total = format_value(float(values.sum()))
                divisor = format_value(
                    kind.volume.divisor_of(result.params, volume.shape, depth, row, col)
                )
                text = (
                    f"sum({shown}) = {total}; divisor {divisor}; {total} / {divisor} = "
                    f"<b>{output}</b>"
                )
            else:
                text = f"{kind.reduction.value} of ({shown}) = <b>{output}</b>"
            parts.append(f"<p><b>{name}</b>: {text}</p>")
        return "".join(parts)

    def selection_text(self) -> str:
        if self.model.volume_result is not None:
            return self.volume_text()
        model, result = self.model, self.model.result
        row, col = model.selected
        step = StepSequence(model.image, result).cell_step(0, row, col)
        window = step.window
        state = "pinned" if model.pinned else "hover"
        height, width = window.input_size
        where = (
            f"Window positions {compact(window.cols)} of the {width}-long sequence"
            if result.sequence
            else f"Window rows {compact(window.rows)}, columns {compact(window.cols)} of the "
            f"{height} x {width} (H x W) input"
        )
        parts = [
            f"<h3>Output cell {position_text(row, col, result.sequence)} "
            f"<small>[{state}]</small></h3>",
            where,
        ]
        for channel, name in enumerate(channel_names(model.image.shape[0])):
            parts.append(f"<p><b>{name}</b>: {cell_arithmetic(result, step, channel)}</p>")
        return "".join(parts)

    def step_text(self) -> str:
        """The current animation step in numbers (forward), or where its gradient went."""
        animation = self.animation
        step, total = animation.current_step(), animation.total()
        if step is None:
            return f"<h3>Step 0 of {total}</h3><i>Nothing computed yet: press play or Right.</i>"
        result = animation.model.result
        lines = [
            f"<h3>Step {animation.count} of {total}: output cell "
            f"{position_text(step.row, step.col, result.sequence)}</h3>",
            cell_arithmetic(result, step, 0),
        ]
        if animation.direction == "backward":
            upstream = float(animation.upstream()[0, step.row, step.col])
            lines.append(f"<p>{backward_sentence(result, step, upstream)}</p>")
            lines.append(
                "<p>Cells marked xN received gradient from N windows: overlapping windows add "
                "up.</p>"
            )
        return "".join(lines)
