"""Which input pixels one cell of a layer sees: its receptive field, for drawing on the input.

The field is followed back layer by layer, as the span of rows and of columns it covers:
a k x k convolution of stride s widens a span ``[first, last]`` to
``[first * s, last * s + k - 1]``; a pooling layer asks its kind where the windows of the
span's cells lie (:func:`engine.pooling.pipeline.window_of`), so adaptive, fractional and
blurred pools are followed exactly too.
"""

from __future__ import annotations

from engine.network.architecture import Architecture, layer_shapes, layers_of
from engine.network.layers import INFERENCE, Conv2D, Pooling2D
from engine.pooling.pipeline import window_of
from engine.pooling.windows import Rect


def receptive_field(
    architecture: Architecture, row: int = 0, col: int = 0, layer_name: str | None = None
) -> Rect:
    """The input pixels that output cell (row, col) of a layer depends on.

    Parameters
    ----------
    architecture : Architecture
    row, col : int
        The cell in the layer's output map.
    layer_name : str, optional
        A convolution or pooling layer; the last convolution when None.

    Returns
    -------
    Rect
        Rows ``top .. top + height - 1`` and columns likewise of the input, cut to the input
        (padding is not part of the image).

    Raises
    ------
    ValueError
        For a layer that is not a map, or a cell outside its output.
    """
    layers = layers_of(architecture)
    shapes = layer_shapes(architecture, layers)
    maps = [index for index, layer in enumerate(layers) if isinstance(layer, Conv2D | Pooling2D)]
    if layer_name is None:
        last = max(index for index in maps if isinstance(layers[index], Conv2D))
    else:
        named = [index for index in maps if layers[index].name == layer_name]
        if not named:
            names = ", ".join(layers[index].name for index in maps)
            raise ValueError(f"No map layer is called '{layer_name}': choose one of {names}")
        last = named[0]
    _, out_h, out_w = shapes[last][1]
    if not (0 <= row < out_h and 0 <= col < out_w):
        raise ValueError(
            f"Cell ({row}, {col}) is outside the {out_h} x {out_w} (H x W) output of "
            f"{layers[last].name}"
        )
    rows, cols = (row, row), (col, col)
    for index in range(last, -1, -1):
        layer, input_shape = layers[index], shapes[index][0]
        if isinstance(layer, Conv2D):
            rows = spread(rows, layer.stride, layer.kernel_size)
            cols = spread(cols, layer.stride, layer.kernel_size)
        else:
            params = layer.params_for(INFERENCE, input_shape)
            rows, cols = (
                pooled_span(params, input_shape, rows, cols[0], axis=0),
                pooled_span(params, input_shape, cols, rows[0], axis=1),
            )
    height, width = architecture.input_shape[1:]
    top, bottom = max(rows[0], 0), min(rows[1], height - 1)
    left, right = max(cols[0], 0), min(cols[1], width - 1)
    return Rect(top, left, bottom - top + 1, right - left + 1)


def spread(span: tuple[int, int], stride: int, kernel_size: int) -> tuple[int, int]:
    """The input span a 'valid' convolution's output span ``(first, last)`` reads."""
    return span[0] * stride, span[1] * stride + kernel_size - 1


def pooled_span(params, input_shape, span: tuple[int, int], other: int, axis: int):
    """The input positions along ``axis`` that the pooling windows of output cells
    ``span[0] .. span[1]`` (at ``other`` along the other axis) cover, padding dropped."""
    size = input_shape[1 + axis]
    positions = []
    for cell in range(span[0], span[1] + 1):
        row, col = (cell, other) if axis == 0 else (other, cell)
        window = window_of(params, input_shape, row, col)
        along = window.rows if axis == 0 else window.cols
        positions.extend(int(position) for position in along if 0 <= position < size)
    return min(positions), max(positions)
