"""Max and average pooling over any :class:`PaddedGeometry`, forward and backward.

Asymmetric padding, ceil mode and dilation all work; the engine's separable kernels do the
work (:mod:`engine.ops.maxpool`, :mod:`engine.ops.avgpool`) over a buffer that starts at the
first window's start. Max pooling follows a framework's NaN and -inf rule
(:mod:`engine.ops.frameworks.max_rules`); its backward a tie rule. Every call checks its
working memory against the budget of :mod:`engine.ops.memory` first.
"""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.avgpool import spread_to_windows, window_sums
from engine.ops.frameworks.geometry import PaddedGeometry
from engine.ops.frameworks.max_rules import MAX_RULES, buffer_of, first_max, max_by_rule
from engine.ops.layout import check_grad_output, gradient_dtype
from engine.ops.max_ties import tie_all_gradient
from engine.ops.maxpool import lowest_value, scatter_to_input
from engine.ops.memory import describe_size, require_memory
from engine.ops.windows import check_flag, check_input, shown
from engine.text import Text

TIE_RULES = ("first", "all", "tensorflow", "jax")
"""Values of ``tie`` in :func:`padded_max_pool_backward`."""

ADVICE = Text("use a smaller input, less padding or a larger stride")


def planar_view(op_name: str, x, geometry: PaddedGeometry) -> tuple[np.ndarray, bool]:
    """Check ``x`` against ``geometry``; return its (N, C, H, W) view (H = 1 for 1D) and
    whether the caller gave no batch axis."""
    if not isinstance(geometry, PaddedGeometry):
        raise PoolingError(
            "{op_name}() geometry must be a PaddedGeometry, but got {type_name}",
            op_name=op_name,
            type_name=type(geometry).__name__,
        )
    batched, unbatched = check_input(x, geometry.spatial_dims, op_name)
    if tuple(batched.shape[2:]) != geometry.input_size:
        raise PoolingError(
            "{op_name}() input of shape {shape} does not match the geometry's input size {size}",
            op_name=op_name,
            shape=x.shape,
            size=geometry.input_size,
        )
    shape = batched.shape[:2] + (1,) * (2 - geometry.spatial_dims) + batched.shape[2:]
    return batched.reshape(shape), unbatched


def caller_shape(planar_shape: tuple, geometry: PaddedGeometry, unbatched: bool) -> tuple:
    """The output shape the caller sees: (N,) C, then the spatial output size."""
    shape = planar_shape[:2] + geometry.output_size
    return shape[1:] if unbatched else shape


def check_memory(op_name: str, planar: np.ndarray, geometry: PaddedGeometry, factor: int) -> None:
    """Refuse before allocating when the buffer, the row stage and the outputs (``factor``
    float64-sized arrays of each) would exceed the memory budget."""
    planes = planar.shape[0] * planar.shape[1]
    flat = geometry.as_2d()
    extent_h, extent_w = flat.window_extent
    out_h, out_w = flat.output_size
    cells = extent_h * extent_w + extent_h * out_w + out_h * out_w
    needed = planes * cells * 8 * factor + planar.size * 8
    require_memory(
        op_name,
        needed,
        Text("a padded buffer of {size}", size=describe_size(flat.window_extent, "H x W")),
        ADVICE,
    )


def check_choice(op_name: str, name: str, value, choices: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise PoolingError(
            "{op_name}() {name} must be one of {choices}, but got {value}",
            op_name=op_name,
            name=name,
            choices=", ".join(choices),
            value=shown(value),
        )
    return value


def padded_max_pool(
    x: np.ndarray, geometry: PaddedGeometry, return_indices: bool = False, *, rule: str = "torch"
):
    """Max pooling over any :class:`PaddedGeometry` (asymmetric padding, ceil mode, dilation).

    Parameters
    ----------
    x : ndarray of shape (C, *input_size) or (N, C, *input_size)
        Any numeric dtype; the output keeps it. 1D geometries take (C, L) or (N, C, L).
    geometry : PaddedGeometry
    return_indices : bool
        Also return the arg-max positions.
    rule : {"torch", "tensorflow", "jax", "onnx"}
        Whose NaN and -inf handling to follow (see the module notes); all agree on finite
        values: the maximum, ties to the first maximum in row-major window order.

    Returns
    -------
    out : ndarray of shape (C, *output_size) or (N, C, *output_size)
        Padding is -inf (the integer minimum for integers), so it never wins; a window of
        padding alone gives -inf (``"tensorflow"``: the lowest finite value).
    indices : ndarray of the same shape, int64, only if ``return_indices``
        Flat position ``h * W + w`` (``l`` in 1D) in the unpadded plane; -1 for a window with
        no real cell (and, under ``"jax"``, where a padding cell is selected).
    """
    op_name = "padded_max_pool"
    rule = check_choice(op_name, "rule", rule, MAX_RULES)
    return_indices = check_flag(op_name, "return_indices", return_indices)
    planar, unbatched = planar_view(op_name, x, geometry)
    flat = geometry.as_2d()
    check_memory(op_name, planar, flat, 3)
    values, indices = max_by_rule(planar, flat, rule, return_indices)
    shape = caller_shape(planar.shape, geometry, unbatched)
    if return_indices:
        return values.reshape(shape), indices.reshape(shape)
    return values.reshape(shape)


def padded_max_pool_backward(
    grad_output: np.ndarray, x: np.ndarray, geometry: PaddedGeometry, tie: str = "first"
) -> np.ndarray:
    """Gradient of :func:`padded_max_pool` with respect to ``x``.

    Parameters
    ----------
    grad_output : ndarray of the forward output's shape
    x : ndarray of shape (C, *input_size) or (N, C, *input_size)
    tie : {"first", "all", "tensorflow", "jax"}
        Where a window's gradient goes: ``"first"`` PyTorch's arg-max (the first maximum, a
        NaN wins); ``"all"`` every real cell equal to the window's maximum gets the window's
        whole gradient; ``"tensorflow"`` ``MaxPoolGrad``'s arg-max (as ``"first"`` unless the
        window holds NaN); ``"jax"`` XLA's ``select_and_scatter`` (as ``"first"`` but for NaN
        and for -inf maxima behind padding, which route nowhere).

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
        Overlapping windows accumulate.
    """
    op_name = "padded_max_pool_backward"
    tie = check_choice(op_name, "tie", tie, TIE_RULES)
    planar, unbatched = planar_view(op_name, x, geometry)
    grad_output = check_grad_output(
        op_name, grad_output, caller_shape(planar.shape, geometry, unbatched)
    )
    flat = geometry.as_2d()
    check_memory(op_name, planar, flat, 4)
    dtype = gradient_dtype(x.dtype)
    grad = grad_output.reshape(planar.shape[:2] + flat.output_size).astype(dtype, copy=False)
    if tie == "all":
        return all_maxima_gradient(grad, planar, flat).reshape(x.shape)
    rule = {"first": "torch", "tensorflow": "tensorflow", "jax": "jax"}[tie]
    _, indices = max_by_rule(planar, flat, rule, True)
    missing = bool(indices.size) and int(indices.min()) < 0
    grad_input = scatter_to_input(grad, indices, planar.shape, dtype, missing)
    return grad_input.reshape(x.shape)


def all_maxima_gradient(grad: np.ndarray, planar: np.ndarray, geometry: PaddedGeometry):
    """Every real cell equal to its window's (NaN-propagating) maximum gets the window's
    whole gradient (:func:`engine.ops.max_ties.tie_all_gradient` over the buffer)."""
    maxima, _ = first_max(planar, geometry, False)
    buffer = buffer_of(planar, geometry, lowest_value(planar.dtype))
    spread = tie_all_gradient(buffer, maxima, grad, geometry.buffer_geometry())
    return crop_to_input(spread, geometry, planar.shape)


def crop_to_input(spread: np.ndarray, geometry: PaddedGeometry, shape: tuple) -> np.ndarray:
    """The input's part of a buffer-shaped gradient; input cells no window reaches get 0."""
    (top, _), (left, _) = geometry.pads
    height, width = geometry.input_size
    if spread.shape[2] >= top + height and spread.shape[3] >= left + width:
        return spread[:, :, top : top + height, left : left + width]
    grad_input = np.zeros(shape, dtype=spread.dtype)
    rows = max(0, min(height, spread.shape[2] - top))
    cols = max(0, min(width, spread.shape[3] - left))
    grad_input[:, :, :rows, :cols] = spread[:, :, top : top + rows, left : left + cols]
    return grad_input


def reciprocal_divisor(geometry: PaddedGeometry, count_include_pad: bool, dtype) -> np.ndarray:
    """``1 / divisor`` per window, (H_out, W_out); inf where a window has no cell to count."""
    with np.errstate(divide="ignore"):
        return (1.0 / geometry.window_divisor(count_include_pad)).astype(dtype)


def padded_avg_pool(
    x: np.ndarray,
    geometry: PaddedGeometry,
    count_include_pad: bool,
    empty_value: float = np.nan,
):
    """Average pooling over any :class:`PaddedGeometry`; padding is 0.

    Parameters
    ----------
    x : ndarray of shape (C, *input_size) or (N, C, *input_size)
    count_include_pad : bool
        True: divide by the window's cells inside the padded input
        (:meth:`PaddedGeometry.window_divisor`); False: by its real cells only.
    empty_value : float
        What a window without real cells gives when ``count_include_pad`` is False: NaN
        (0 / 0, as Flax) by default, 0 as onnxruntime (which skips the division).

    Returns
    -------
    ndarray of shape (C, *output_size) or (N, C, *output_size)
        float64 for float64 input, float32 otherwise. A window without real cells gives
        0 with ``count_include_pad`` and ``empty_value`` without.
    """
    op_name = "padded_avg_pool"
    count_include_pad = check_flag(op_name, "count_include_pad", count_include_pad)
    planar, unbatched = planar_view(op_name, x, geometry)
    flat = geometry.as_2d()
    check_memory(op_name, planar, flat, 3)
    work = planar.astype(gradient_dtype(x.dtype), copy=False)
    sums = window_sums(buffer_of(work, flat, 0.0), flat.buffer_geometry())
    reciprocal = reciprocal_divisor(flat, count_include_pad, sums.dtype)
    with np.errstate(invalid="ignore"):
        sums *= reciprocal
    sums[..., np.isinf(reciprocal)] = empty_value  # no cell to count
    return sums.reshape(caller_shape(planar.shape, geometry, unbatched))


def padded_avg_pool_backward(
    grad_output: np.ndarray, x: np.ndarray, geometry: PaddedGeometry, count_include_pad: bool
) -> np.ndarray:
    """Gradient of :func:`padded_avg_pool`: each ``grad / divisor`` spread over its window's
    real cells; overlapping windows accumulate; windows without a cell to count add nothing.

    Returns
    -------
    ndarray of ``x``'s shape, float64 for float64 ``x`` else float32
    """
    op_name = "padded_avg_pool_backward"
    count_include_pad = check_flag(op_name, "count_include_pad", count_include_pad)
    planar, unbatched = planar_view(op_name, x, geometry)
    grad_output = check_grad_output(
        op_name, grad_output, caller_shape(planar.shape, geometry, unbatched)
    )
    flat = geometry.as_2d()
    check_memory(op_name, planar, flat, 4)
    dtype = gradient_dtype(x.dtype)
    scaled = grad_output.reshape(planar.shape[:2] + flat.output_size).astype(dtype)
    reciprocal = reciprocal_divisor(flat, count_include_pad, dtype)
    scaled *= np.where(np.isinf(reciprocal), 0, reciprocal)
    spread = spread_to_windows(
        scaled, flat.buffer_geometry(), planar.shape[:2] + flat.window_extent
    )
    return crop_to_input(spread, flat, planar.shape).reshape(x.shape)


__all__ = [
    "MAX_RULES",
    "TIE_RULES",
    "padded_avg_pool",
    "padded_avg_pool_backward",
    "padded_max_pool",
    "padded_max_pool_backward",
]
