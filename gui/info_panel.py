"""Side panel: the arithmetic behind the selected output cell, and an input pixel's coverage."""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtWidgets import QTextBrowser, QWidget

from gui.image_views import format_value
from gui.model import PoolModel

MAX_LISTED_VALUES = 49


def window_arithmetic(model: PoolModel, channel: int) -> str:
    """One channel's computation for the selected output cell, as HTML."""
    result, window = model.result, model.selected_window()
    plane = model.image[channel]
    row, col = model.selected
    output = float(result.output[channel][row, col])
    params = result.params
    real = window.real_cells()
    values = [float(plane[r, c]) for r, c in real]
    padding_count = len(window.cells()) - len(real)
    shown = ", ".join(format_value(v) for v in values[:MAX_LISTED_VALUES])
    if len(values) > MAX_LISTED_VALUES:
        shown += f", … ({len(values)} values)"
    kind = params.pool_type
    if kind in ("max", "adaptive_max"):
        argmax = model.selected_argmax(channel)
        padding_note = f" (+{padding_count} padding cells at -inf)" if padding_count else ""
        where = (
            f" at input ({argmax[0]}, {argmax[1]})"
            if argmax
            else " (the window holds only padding)"
        )
        return f"max({shown}){padding_note} = <b>{format_value(output)}</b>{where}"
    if kind in ("avg", "adaptive_avg"):
        total = float(np.sum(values)) if values else 0.0
        if kind == "avg" and params.divisor_override is not None:
            divisor, why = params.divisor_override, "divisor override"
        elif kind == "avg" and params.count_include_pad:
            divisor, why = pool_size(model), "window size including padding"
        else:
            divisor, why = len(values), "real cells"
        return (
            f"sum({shown}) = {format_value(total)}; divisor {divisor} ({why}); "
            f"{format_value(total)} / {divisor} = <b>{format_value(output)}</b>"
        )
    if kind != "lp":
        return f"{params.spec.label} of ({shown}) = <b>{format_value(output)}</b>"
    p = params.norm_type
    return (
        f"(sum of x^{format_value(p)} over ({shown}) x {params.kernel_size[0]}x"
        f"{params.kernel_size[1]} / {len(values)} cells)^(1/{format_value(p)}) = "
        f"<b>{format_value(output)}</b>"
    )


def pool_size(model: PoolModel) -> int:
    """PyTorch's count_include_pad divisor of the selected window: clipped to the padded input."""
    window, params = model.selected_window(), model.result.params
    height, width = model.result.input_shape[-2:]
    rows = [r for r in window.rows if r < height + params.padding[0]]
    cols = [c for c in window.cols if c < width + params.padding[1]]
    return len(rows) * len(cols)


class InfoPanel(QTextBrowser):
    """Shows what the selected output cell was computed from, in numbers."""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.animation = None  # set by the main window: step arithmetic while animating
        self.setObjectName("info_panel")
        self.setMinimumWidth(260)
        self.setToolTip("The arithmetic behind the selected output cell")
        model.selectionChanged.connect(self._on_selection_changed)
        model.coverageChanged.connect(self._on_selection_changed)
        model.resultChanged.connect(self._on_selection_changed)
        self._on_selection_changed()

    def refresh(self, *_) -> None:
        self._on_selection_changed()

    def _on_selection_changed(self) -> None:
        model = self.model
        parts = []
        if self.animation is not None and self.animation.is_engaged():
            parts.append(step_arithmetic(self.animation))
        elif model.result is None:
            parts.append("<i>Open an image to start.</i>")
        elif model.selected is None:
            parts.append(
                "<i>Hover over an output cell to see its window; click to pin it, "
                "then use the arrow keys. Click an input pixel to see every output "
                "cell it feeds.</i>"
            )
        else:
            window = model.selected_window()
            row, col = model.selected
            state = "pinned" if model.pinned else "hover"
            parts.append(f"<h3>Output cell ({row}, {col}) <small>[{state}]</small></h3>")
            parts.append(
                f"Window rows {compact(window.rows)}, columns {compact(window.cols)}"
                f" of the {window.input_size[0]}x{window.input_size[1]} input"
            )
            channels = model.image.shape[0]
            names = ("red", "green", "blue") if channels == 3 else ("value",)
            for channel in range(channels):
                parts.append(f"<p><b>{names[channel]}</b>: {window_arithmetic(model, channel)}</p>")
        if model.coverage_pixel is not None and model.result is not None:
            row, col = model.coverage_pixel
            count = len(model.coverage)
            cells = ", ".join(f"({r}, {c})" for r, c in model.coverage[:24])
            more = " …" if count > 24 else ""
            parts.append(
                f"<h3>Input pixel ({row}, {col})</h3>"
                f"is inside the windows of <b>{count}</b> output cell"
                f"{'' if count == 1 else 's'}: {cells}{more}"
            )
        self.setHtml("".join(parts))

    def plain_text(self) -> str:
        return html.unescape(self.toPlainText())


def step_arithmetic(animation) -> str:
    """The current animation step in numbers (forward), or where its gradient went."""
    step, total = animation.current_step(), animation.total()
    if step is None:
        return f"<h3>Step 0 of {total}</h3><i>Nothing computed yet: press play or Right.</i>"
    result = animation.model.result
    values = ", ".join(format_value(v) for v in step.values[0][:MAX_LISTED_VALUES])
    lines = [f"<h3>Step {animation.count} of {total}: output cell ({step.row}, {step.col})</h3>"]
    kind = result.params.pool_type
    if step.argmax is not None:
        where = step.argmax[0]
        at = f" at input ({where[0]}, {where[1]})" if where else " (only padding)"
        lines.append(f"max({values}) = <b>{format_value(step.result[0])}</b>{at}")
    elif step.divisor is not None:
        lines.append(
            f"sum({values}) = {format_value(step.total[0])}; "
            f"{format_value(step.total[0])} / {format_value(step.divisor)} = "
            f"<b>{format_value(step.result[0])}</b>"
        )
    else:
        lines.append(f"{kind} of ({values}) = <b>{format_value(step.result[0])}</b>")
    if animation.direction == "backward":
        upstream = animation.upstream()[0, step.row, step.col]
        if step.argmax is not None:
            target = step.argmax[0]
            lines.append(
                f"<p>Backward: gradient {format_value(upstream)} goes to the arg-max "
                f"{target} only; the other cells of the window get 0.</p>"
            )
        elif step.divisor is not None:
            lines.append(
                f"<p>Backward: {format_value(upstream)} / {format_value(step.divisor)}"
                f" = {format_value(upstream / step.divisor)} goes to each of the "
                f"{len(step.window.real_cells())} real cells.</p>"
            )
        else:
            lines.append(
                f"<p>Backward: {format_value(upstream)} spread over the window by the "
                "Lp derivative.</p>"
            )
        lines.append(
            "<p>Cells marked xN received gradient from N windows: overlapping windows add up.</p>"
        )
    return "".join(lines)


def compact(positions: tuple[int, ...]) -> str:
    """'0..2' for consecutive positions, '-1, 1, 3' otherwise."""
    if len(positions) > 1 and all(b - a == 1 for a, b in zip(positions, positions[1:])):
        return f"{positions[0]}..{positions[-1]}"
    return ", ".join(str(p) for p in positions)
