"""Layout helpers every pool shares: batch axis, 1D as 2D planes, padding, gradient checks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.errors import PoolingError
from engine.ops.memory import describe_size
from engine.ops.windows import IntOrTuple, PoolGeometry, check_input, pool_geometry, shown


def gradient_dtype(dtype: np.dtype) -> np.dtype:
    """Float type of a gradient for an input of ``dtype`` (float64 stays, else float32)."""
    return np.dtype(np.float64) if dtype == np.float64 else np.dtype(np.float32)


def as_2d_geometry(geometry: PoolGeometry) -> PoolGeometry:
    """Treat a 1D pool as a 2D pool over a plane of height 1."""
    if len(geometry.input_size) == 2:
        return geometry
    return PoolGeometry(
        input_size=(1, *geometry.input_size),
        kernel_size=(1, *geometry.kernel_size),
        stride=(1, *geometry.stride),
        padding=(0, *geometry.padding),
        dilation=(1, *geometry.dilation),
        ceil_mode=geometry.ceil_mode,
        output_size=(1, *geometry.output_size),
    )


def window_extent(geometry: PoolGeometry) -> tuple[int, ...]:
    """Size of the padded buffer the windows span, per axis: ``(out - 1) * s + d(k - 1) + 1``.

    It may be smaller than the padded input (floor mode leaves the last cells out) or larger
    (ceil mode lets the last window hang past the right padding).
    """
    return tuple(
        (out - 1) * stride + span
        for out, stride, span in zip(
            geometry.output_size, geometry.stride, geometry.effective_kernel_size
        )
    )


def padded_input(x: np.ndarray, geometry: PoolGeometry, fill: float) -> np.ndarray:
    """``x`` of shape (N, C, H, W) placed in a ``fill``-padded array every window fits in.

    Returns ``x`` itself (no copy) when no window reaches outside it.
    """
    (top, left), (height, width) = geometry.padding, geometry.input_size
    needed = window_extent(geometry)
    if top == 0 and left == 0 and needed[0] <= height and needed[1] <= width:
        return x
    padded = np.full(x.shape[:2] + (needed[0], needed[1]), fill, dtype=x.dtype)
    rows, cols = min(height, needed[0] - top), min(width, needed[1] - left)
    padded[:, :, top : top + rows, left : left + cols] = x[:, :, :rows, :cols]
    return padded


LARGE_INPUT_ADVICE = "use a smaller input or a larger stride"


def as_array(op_name: str, name: str, value) -> np.ndarray:
    """``np.asarray(value)``, refusing what NumPy cannot make a regular array of."""
    try:
        return np.asarray(value)
    except (ValueError, TypeError) as error:
        raise PoolingError(f"{op_name}() {name} must be an array, but got {shown(value)}") from (
            error
        )


def shaped_array(
    op_name: str, name: str, value, expected_shape: tuple, kinds: str, whose: str = "output"
) -> np.ndarray:
    """``value`` as an array of ``expected_shape`` whose dtype kind is one of ``kinds``
    (``"iu"`` integers, ``"biuf"`` any number), or a PoolingError naming ``name``."""
    array = as_array(op_name, name, value)
    if array.shape != tuple(expected_shape):
        raise PoolingError(
            f"{op_name}() {name} must have the {whose}'s shape {tuple(expected_shape)}, "
            f"but got {array.shape}"
        )
    if array.dtype.kind not in kinds:
        wanted = "integers" if kinds == "iu" else "numeric"
        raise PoolingError(f"{op_name}() {name} must be {wanted}, but got dtype {array.dtype}")
    return array


def check_grad_output(op_name: str, grad_output: np.ndarray, expected_shape: tuple) -> np.ndarray:
    """Refuse a gradient whose shape differs from the forward output's."""
    return shaped_array(op_name, "grad_output", grad_output, expected_shape, "biuf")


@dataclass(frozen=True)
class PreparedPool:
    """A checked pool call, in the planar layout every pool computes in.

    Attributes
    ----------
    planar : ndarray of shape (N, C, H, W)
        A view of the input (H = 1 for 1D) with a batch axis.
    unbatched : bool
        True if the caller gave no batch axis (it is removed from the result).
    geometry : PoolGeometry
        The 2D window geometry (a height-1 axis added for 1D).
    output_shape : tuple of int
        ``(N, C, *spatial_out)``, the batched output shape in the caller's dimensions.
    """

    planar: np.ndarray
    unbatched: bool
    geometry: PoolGeometry
    output_shape: tuple

    @property
    def caller_output_shape(self) -> tuple:
        """The output shape the caller sees: without the batch axis if it gave none."""
        return self.output_shape[1:] if self.unbatched else self.output_shape

    def finish(self, array: np.ndarray) -> np.ndarray:
        """Give a planar result the caller's layout back."""
        return finish(array, self.output_shape, self.unbatched)

    def output_text(self) -> str:
        """``'an output of 100 x 200 (H x W)'``, for memory refusals."""
        spatial = self.output_shape[2:]
        return "an output of " + describe_size(spatial, "L" if len(spatial) == 1 else "H x W")


def pool_cells(prepared: PreparedPool) -> tuple[int, int, int]:
    """Cell counts of a pool's working arrays, over all planes: the padded buffer the windows
    span, the row stage (padded height by output width) and the output."""
    planes = prepared.planar.shape[0] * prepared.planar.shape[1]
    extent = window_extent(prepared.geometry)
    padded_h, padded_w = (
        max(size, length + 2 * pad)
        for size, length, pad in zip(
            extent, prepared.geometry.input_size, prepared.geometry.padding, strict=True
        )
    )
    out_h, out_w = prepared.geometry.output_size
    return planes * padded_h * padded_w, planes * padded_h * out_w, planes * out_h * out_w


def prepare_pool(
    op_name: str,
    x: np.ndarray,
    spatial_dims: int,
    kernel_size: IntOrTuple,
    stride: IntOrTuple | None,
    padding: IntOrTuple,
    dilation: IntOrTuple,
    ceil_mode: bool,
) -> PreparedPool:
    """Check a pool call and give its planar (N, C, H, W) view and 2D geometry."""
    batched, unbatched = check_input(x, spatial_dims, op_name)
    geometry = pool_geometry(
        op_name, batched.shape, kernel_size, stride, padding, dilation, ceil_mode
    )
    planar = batched.reshape(batched.shape[:2] + (1,) * (2 - spatial_dims) + batched.shape[2:])
    output_shape = batched.shape[:2] + geometry.output_size
    return PreparedPool(planar, unbatched, as_2d_geometry(geometry), output_shape)


def finish(array: np.ndarray, output_shape: tuple, unbatched: bool) -> np.ndarray:
    """Give a planar result the caller's layout back (drop the added batch axis)."""
    array = array.reshape(output_shape)
    return array[0] if unbatched else array
