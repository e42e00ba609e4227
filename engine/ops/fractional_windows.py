"""Where the windows of a fractional max pool lie: PyTorch's interval sequence and the checks
of the output size, the ratio and the random samples that decide it.

Along one axis of length ``L``, pooled to ``O`` windows of size ``k``, with a sample ``u`` in
``[0, 1)`` drawn per plane and axis, window ``i`` starts at (PyTorch's
``generate_intervals``)::

    alpha = (L - k) / (O - 1)
    start_i = int((i + u) * alpha) - int(u * alpha)     for i < O - 1
    start_{O-1} = L - k

computed in the input's float type as PyTorch does: a float32 input takes float32 samples and
rounds every step in float32, which decides some starts.
"""

from __future__ import annotations

import numpy as np

from engine.errors import PoolingError
from engine.ops.layout import as_array
from engine.ops.memory import describe_size
from engine.ops.windows import AXIS_NAMES, check_int, check_real, shown, to_tuple
from engine.text import Text

SAMPLE_AXES = {2: (1, 0), 3: (0, 1, 2)}
"""Which entry of a plane's samples each spatial axis uses, as PyTorch: ``(W, H)`` in 2D
(sample 0 is the width's), ``(D, H, W)`` in 3D."""

AXIS_WORDS = {
    2: (Text("height"), Text("width")),
    3: (Text("time"), Text("height"), Text("width")),
}
"""The spatial axes as PyTorch's fractional max pool messages name them."""

CHECK_ORDER = {2: (0, 1), 3: (0, 2, 1)}
"""The order PyTorch checks the axes' sizes in (time, width, height in 3D)."""


def fractional_starts(input_size: int, output_size: int, kernel_size: int, sample) -> np.ndarray:
    """Start of every fractional max-pool window along one axis, exactly as PyTorch.

    Parameters
    ----------
    input_size, output_size, kernel_size : int
        ``L``, ``O`` and ``k`` with ``1 <= O`` and ``O + k - 1 <= L``.
    sample : float or ndarray of floats in [0, 1)
        The random sample of the plane (one per plane and axis). The arithmetic is done in
        its type: NumPy float32 (or float16) as PyTorch does for such inputs, float64 for a
        Python float or a float64 array.

    Returns
    -------
    ndarray of shape (*sample.shape, output_size), int64
        ``start_i = int((i + u) * alpha) - int(u * alpha)`` with
        ``alpha = (L - k) / (O - 1)``, the last start ``L - k``; window ``i`` covers
        ``[start_i, start_i + k)``. Starts never decrease.

    Raises
    ------
    PoolingError
        For sizes that are not ints of at least 1, ``O + k - 1 > L``, or a sample outside
        [0, 1).

    Examples
    --------
    >>> fractional_starts(10, 4, 2, 0.5)
    array([0, 3, 5, 8])
    """
    input_size, output_size, kernel_size = (
        check_int("fractional_starts", name, value, minimum=1)
        for name, value in (
            ("input_size", input_size),
            ("output_size", output_size),
            ("kernel_size", kernel_size),
        )
    )
    if output_size + kernel_size - 1 > input_size:
        raise PoolingError(
            "{op_name}() output_size {output} + kernel_size {kernel} - 1 must be at most "
            "input_size {size}",
            op_name="fractional_starts",
            output=output_size,
            kernel=kernel_size,
            size=input_size,
        )
    samples = numbers("fractional_starts", "sample", sample)
    if samples.size and not ((samples >= 0) & (samples < 1)).all():
        raise PoolingError(
            "{op_name}() sample must lie in [0, 1), but got {value}",
            op_name="fractional_starts",
            value=shown(sample),
        )
    if samples.dtype.kind != "f":
        samples = samples.astype(np.float64)
    real = samples.dtype.type
    starts = np.empty(samples.shape + (output_size,), dtype=np.int64)
    if output_size > 1:
        alpha = real(input_size - kernel_size) / real(output_size - 1)
        steps = np.arange(output_size - 1).astype(samples.dtype)
        # static_cast<int>((i + sample) * alpha) - static_cast<int>(sample * alpha)
        starts[..., :-1] = ((steps + samples[..., np.newaxis]) * alpha).astype(np.int64)
        starts[..., :-1] -= (samples * alpha).astype(np.int64)[..., np.newaxis]
    starts[..., -1] = input_size - kernel_size
    # float16 rounding (or float32 on axes beyond 2**24) can step past L - k, where PyTorch
    # fails an internal assertion: keep every window inside the input.
    return np.clip(starts, 0, input_size - kernel_size)


def ratio_output_size(op_name: str, input_size: tuple[int, ...], output_ratio) -> tuple:
    """Output sizes ``int(L * ratio)`` per axis (PyTorch's rounding), ratios in (0, 1)."""
    dims = len(input_size)
    if isinstance(output_ratio, np.ndarray) and output_ratio.ndim == 0:
        output_ratio = output_ratio[()]
    if isinstance(output_ratio, str | bytes | dict):
        ratios = None
    elif isinstance(output_ratio, int | float | np.integer | np.floating):
        ratios = [output_ratio] * dims
    else:
        try:
            ratios = list(output_ratio)
        except TypeError:
            ratios = None
    if ratios is not None and len(ratios) == 1:
        ratios = ratios * dims
    if ratios is None or len(ratios) != dims:
        raise PoolingError(
            "{op_name}() output_ratio must be a number or a tuple of {count} numbers, but got "
            "{value}",
            op_name=op_name,
            count=dims,
            value=shown(output_ratio),
        )
    ratios = [check_real(op_name, "output_ratio", ratio) for ratio in ratios]
    if not all(0 < ratio < 1 for ratio in ratios):
        raise PoolingError(
            "{op_name}() output_ratio must be between 0 and 1 (got {value})",
            op_name=op_name,
            value=shown(output_ratio),
        )
    sizes = tuple(int(length * ratio) for length, ratio in zip(input_size, ratios))
    if min(sizes) < 1:
        raise PoolingError(
            "{op_name}() output_ratio={value} gives an output size of {output} for an input "
            "of {size}: use a larger output_ratio",
            op_name=op_name,
            value=shown(output_ratio),
            output=sizes,
            size=describe_size(input_size, AXIS_NAMES[dims]),
        )
    return sizes


def fractional_output_size(
    op_name: str, input_size: tuple[int, ...], kernel: tuple[int, ...], output_size, output_ratio
) -> tuple[int, ...]:
    """The checked output size: ``output_size`` if given, else from ``output_ratio``."""
    dims = len(input_size)
    if output_size is None and output_ratio is None:
        raise PoolingError(
            "{op_name}() requires specifying either an output_size or an output_ratio",
            op_name=op_name,
        )
    if output_size is not None:
        sizes = to_tuple(output_size, dims, "output_size", op_name)
        if min(sizes) < 1:
            raise PoolingError(
                "{op_name}() output_size must be positive, but got {value}",
                op_name=op_name,
                value=sizes,
            )
    else:
        sizes = ratio_output_size(op_name, input_size, output_ratio)
    # PyTorch asks out + k - 1 <= L in 2D but out + k - 1 < L in 3D (one position spare).
    spare = 0 if dims == 2 else 1
    for axis in CHECK_ORDER[dims]:
        length, size, out = input_size[axis], kernel[axis], sizes[axis]
        if out + size - 1 + spare <= length:
            continue
        values = {
            "op_name": op_name,
            "axis": AXIS_WORDS[dims][axis],
            "kernel": size,
            "length": length,
            "output": out,
        }
        if spare:
            raise PoolingError(
                "{op_name}() pool {axis} {kernel} too large relative to input {axis} {length} "
                "(output_size {output} + kernel_size {kernel} - 1 must be less than {length})",
                **values,
            )
        raise PoolingError(
            "{op_name}() pool {axis} {kernel} too large relative to input {axis} {length} "
            "(output_size {output} + kernel_size {kernel} - 1 must be at most {length})",
            **values,
        )
    return sizes


def arithmetic_dtype(dtype: np.dtype) -> np.dtype:
    """The float type window starts are computed in: the input's, float64 for integers."""
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def random_samples(op_name: str, samples, generator, shape: tuple, dtype: np.dtype):
    """Checked ``_random_samples`` (its first ``N`` rows, in ``dtype``), or new ones drawn
    from ``generator`` (``numpy.random.default_rng()`` when None)."""
    if samples is None:
        if generator is None:
            generator = np.random.default_rng()
        if not isinstance(generator, np.random.Generator):
            raise PoolingError(
                "{op_name}() generator must be a numpy.random.Generator, but got {value}",
                op_name=op_name,
                value=shown(generator),
            )
        samples = generator.random(shape, dtype=np.float64 if dtype == np.float64 else np.float32)
        return below_one(samples, dtype)
    samples = numbers(op_name, "_random_samples", samples)
    if samples.ndim != 3 or samples.shape[1:] != shape[1:] or samples.shape[0] < shape[0]:
        raise PoolingError(
            "{op_name}() _random_samples must have shape {expected} (N, C, {axes}), one "
            "sample per plane and axis, but got shape {shape}",
            op_name=op_name,
            expected=shape,
            axes=shape[2],
            shape=samples.shape,
        )
    samples = samples[: shape[0]]
    if samples.size and not ((samples >= 0) & (samples < 1)).all():
        raise PoolingError(
            "{op_name}() _random_samples must lie in [0, 1), but got values from {lowest} to "
            "{highest}",
            op_name=op_name,
            lowest=samples.min(),
            highest=samples.max(),
        )
    return below_one(samples, dtype)


def below_one(samples: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``samples`` in ``dtype``, kept below 1 where converting rounded them up (0.99999999 is
    1.0 in float32)."""
    return np.minimum(samples.astype(dtype), np.nextafter(dtype.type(1), dtype.type(0)))


def numbers(op_name: str, name: str, value) -> np.ndarray:
    """``value`` as an array of numbers, or a PoolingError naming ``name``."""
    array = as_array(op_name, name, value)
    if array.dtype.kind not in "biuf":
        raise PoolingError(
            "{op_name}() {name} must be numeric, but got dtype {dtype}",
            op_name=op_name,
            name=name,
            dtype=array.dtype,
        )
    return array


__all__ = [
    "AXIS_WORDS",
    "CHECK_ORDER",
    "SAMPLE_AXES",
    "arithmetic_dtype",
    "fractional_output_size",
    "fractional_starts",
    "random_samples",
    "ratio_output_size",
]
