"""Adaptive windows reduced one spatial axis at a time, the outermost axis first.

Reducing the outermost axis first makes the one pass over the whole input a reduction of
contiguous rows (planes in 3D), which NumPy vectorises across the row; the later passes run
on arrays already shrunk by the first. Each pass walks whichever is fewer, the windows (a
reduction of each window's block of rows) or the offsets inside a window (one gathered array
per offset, shorter windows repeating their last cell); both visit every cell once.

The arg-max travels as a small *code*, the winning cell's place within its window over the
axes reduced so far, row-major (``offset_d``, then ``offset_d * longest_h + offset_h``, ...,
each axis numbered up to its longest window): the windows compared for one output share their
starts, so comparing codes compares positions. Each pass keeps the largest value and, among
equal values, the smallest code: the first maximum in row-major window order, PyTorch's tie
rule, whichever axis comes first. The codes become flat indices at the end. NaN is not
ordered, so a NaN in a window leaves its code undefined here; callers check the maxima for
NaN and take the exact path.
"""

from __future__ import annotations

import numpy as np

from engine.ops.separable import code_dtype
from engine.ops.windows import adaptive_bounds


def along(axis: int, index) -> tuple:
    """Index ``index`` on ``axis`` (negative, counted from the end), every other axis whole."""
    return (Ellipsis, index) + (slice(None),) * (-axis - 1)


def spread_shape(values: np.ndarray, axis: int) -> tuple:
    """A shape that broadcasts a 1D array along ``axis`` of ``values``."""
    return (-1,) + (1,) * (-axis - 1)


def first_true(hit: np.ndarray, axis: int) -> np.ndarray:
    """Offset of the first True along ``axis`` (every slice holds one): a small-integer
    ``max`` of ``hit`` weighted by descending ranks, faster than ``argmax`` off the last
    axis, which copies."""
    count = hit.shape[axis]
    if count >= 2**16:
        return np.argmax(hit, axis=axis)
    rank_type = np.uint8 if count < 2**8 else np.uint16
    ranks = np.arange(count, 0, -1, dtype=rank_type).reshape(spread_shape(hit, axis))
    return count - np.max(hit.view(np.uint8) * ranks, axis=axis).astype(np.int64)


MANY_WINDOWS = 2048
"""Windows beyond which walking them one by one costs more in Python than it saves."""


def windows_first(output_size: int, longest: int, axis: int, reduction_only: bool) -> bool:
    """Whether to walk the windows (one block each) rather than the offsets (one gather
    each). Off the last axis a block is whole rows, reduced with no temporary array, so for
    a plain reduction the windows win unless there are very many; for an arg-max (a few
    operations per step) and along the last axis, whichever makes fewer Python steps."""
    if axis != -1 and reduction_only:
        return output_size < max(longest, MANY_WINDOWS)
    return output_size < longest


def max_axis(
    values: np.ndarray,
    codes: np.ndarray | None,
    axis: int,
    output_size: int,
    code_type: np.dtype | None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """Maxima of the adaptive windows along ``axis`` and, if ``code_type`` is given, their
    codes.

    Parameters
    ----------
    values : ndarray of shape (N, C, *sizes)
    codes : ndarray of ``values``' shape, unsigned, or None
        Each value's cell within its window over the axes reduced before (None: all 0).
    axis : int
        Negative, counted from the end.
    output_size : int
    code_type : numpy dtype or None
        The unsigned type of the returned codes, wide enough for them; None for the maxima
        alone.

    Returns
    -------
    maxima : ndarray, ``values``' shape with ``output_size`` on ``axis``
    codes : ndarray of the maxima's shape, or None
        ``code * longest + offset`` of each window's first maximum, ``longest`` the longest
        window along ``axis`` (1 when every window is one cell: the codes stay as they were).
    """
    length = values.shape[axis]
    if output_size == length:  # every window is one cell
        return values, codes
    starts, ends = adaptive_bounds(length, output_size)
    if windows_first(output_size, int((ends - starts).max()), axis, code_type is None):
        return max_by_window(values, codes, axis, starts, ends, code_type)
    return max_by_offset(values, codes, axis, starts, ends, code_type)


def longest_window(length: int, output_size: int) -> int:
    """The radix of an axis in the codes: its longest window, 1 where windows are cells."""
    if output_size == length:
        return 1
    starts, ends = adaptive_bounds(length, output_size)
    return int((ends - starts).max())


def max_by_window(values, codes, axis, starts, ends, code_type):
    """:func:`max_axis` one window (a block of consecutive cells) at a time; ``code_type``
    None for maxima alone."""
    shape = list(values.shape)
    shape[axis] = len(starts)
    maxima = np.empty(shape, dtype=values.dtype)
    found = None if code_type is None else np.empty(shape, dtype=code_type)
    longest = int((ends - starts).max())
    for window, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
        block = values[along(axis, slice(start, end))]
        top = maxima[along(axis, window)]
        np.maximum.reduce(block, axis=axis, out=top)
        if found is None:
            continue
        hit = block == np.expand_dims(top, axis)
        if codes is None:
            found[along(axis, window)] = first_true(hit, axis)
            continue
        offsets = np.arange(end - start, dtype=code_type).reshape(spread_shape(values, axis))
        candidates = codes[along(axis, slice(start, end))].astype(code_type)
        candidates *= code_type.type(longest)
        candidates += offsets
        if code_type.kind == "u":  # all ones, the largest code, where the value is no hit
            candidates |= hit.astype(code_type) - code_type.type(1)
        else:
            np.copyto(candidates, np.iinfo(code_type).max, where=~hit)
        np.minimum.reduce(candidates, axis=axis, out=found[along(axis, window)])
    return maxima, found


def max_by_offset(values, codes, axis, starts, ends, code_type):
    """:func:`max_axis` one window offset at a time: a running first maximum over gathered
    cells (shorter windows repeat their last cell, which never wins a tie); ``code_type``
    None for maxima alone. Codes are chosen by arithmetic on the 0/1 ``better`` mask, not by
    a masked copy, which is several times slower on a mask with no pattern."""
    longest = int((ends - starts).max())
    best = best_codes = better = scratch = None
    for offset in range(longest):
        positions = np.minimum(starts + offset, ends - 1)
        candidate = np.take(values, positions, axis=axis)
        if best is None:
            best = candidate
            if code_type is not None:
                best_codes = np.zeros(candidate.shape, dtype=code_type)
                if codes is not None:
                    best_codes += np.take(codes, positions, axis=axis)
                    best_codes *= code_type.type(longest)
                better = np.empty(candidate.shape, dtype=bool)
                scratch = np.empty(candidate.shape, dtype=code_type)
            continue
        if code_type is None:
            np.maximum(best, candidate, out=best)
            continue
        np.greater(candidate, best, out=better)
        if codes is None:  # later offsets that win are larger: a running maximum of them
            np.multiply(better, code_type.type(offset), out=scratch, dtype=code_type)
            np.maximum(best_codes, scratch, out=best_codes)
        else:
            np.multiply(np.take(codes, positions, axis=axis), longest, out=scratch, dtype=code_type)
            scratch += code_type.type(offset)
            better |= (candidate == best) & (scratch < best_codes)
            scratch -= best_codes  # best_codes += better * (candidate's - best_codes)
            scratch *= better
            best_codes += scratch
        np.maximum(best, candidate, out=best)  # NaN propagates, for the caller to see
    return best, best_codes


def adaptive_maximum(
    x: np.ndarray, output_size: tuple[int, ...], with_indices: bool
) -> tuple[np.ndarray, np.ndarray | None]:
    """Adaptive max of (N, C, *spatial) over ``output_size``, outermost axis first.

    Returns
    -------
    maxima : ndarray of shape (N, C, *output_size), ``x``'s dtype
    indices : ndarray of the same shape, int64, or None without ``with_indices``
        Flat position of each window's first maximum in row-major order; undefined where
        the maximum is NaN (see the module notes).
    """
    dims = len(output_size)
    values, codes, count = x, None, 1
    for axis, size in zip(range(-dims, 0), output_size, strict=True):
        count *= longest_window(values.shape[axis], size)
        code_type = code_dtype(count) if with_indices else None
        values, codes = max_axis(values, codes, axis, size, code_type)
    if not with_indices:
        return values, None
    if codes is None:  # every window of every axis is one cell
        codes = np.zeros(values.shape, dtype=np.uint8)
    return values, flat_positions(codes, x.shape[2:], output_size)


def flat_positions(codes: np.ndarray, input_size: tuple, output_size: tuple) -> np.ndarray:
    """The flat input positions of the cells that window codes (from :func:`max_axis` over
    every axis) name, int64 of the codes' shape."""
    dims = len(input_size)
    remaining = codes.astype(np.int64)
    flat = np.zeros(codes.shape, dtype=np.int64)
    stride = 1
    for axis in range(-1, -dims - 1, -1):
        length, size = input_size[axis], output_size[axis]
        remaining, offset = np.divmod(remaining, longest_window(length, size))
        offset += adaptive_bounds(length, size)[0].reshape(spread_shape(codes, axis))
        offset *= stride
        flat += offset
        stride *= length
    return flat


def sum_axis(values: np.ndarray, axis: int, output_size: int) -> np.ndarray:
    """Sums of the adaptive windows along ``axis`` (negative), one block of rows or one
    offset at a time; a cell past a shorter window's end is left out (not multiplied by 0,
    which would turn an inf into NaN)."""
    length = values.shape[axis]
    starts, ends = adaptive_bounds(length, output_size)
    if output_size == length:
        return values
    lengths = ends - starts
    if windows_first(output_size, int(lengths.max()), axis, reduction_only=True):
        shape = list(values.shape)
        shape[axis] = output_size
        sums = np.empty(shape, dtype=values.dtype)
        for window, (start, end) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            block = values[along(axis, slice(start, end))]
            np.add.reduce(block, axis=axis, out=sums[along(axis, window)])
        return sums
    sums = None
    for offset in range(int(lengths.max())):
        inside = offset < lengths
        cells = np.take(values, np.minimum(starts + offset, ends - 1), axis=axis)
        if not inside.all():
            cells[along(axis, ~inside)] = 0
        sums = cells if sums is None else np.add(sums, cells, out=sums)
    return sums


def spread_axis(values: np.ndarray, axis: int, input_size: int) -> np.ndarray:
    """Adjoint of :func:`sum_axis`: each window's value added to every cell of it.

    With no more windows than cells, windows overlap by one cell at most: each window's value
    is repeated over its cells up to the next window's start, then added once more at that
    start where the two overlap (along the last axis, when many do, two gathers). With more
    windows than cells (each one or two cells long, several sharing a start) the offsets are
    walked with an accumulating scatter.
    """
    output_size = values.shape[axis]
    starts, ends = adaptive_bounds(input_size, output_size)
    if output_size == input_size:
        return values
    if output_size < input_size:
        counts = np.diff(starts, append=input_size)
        overlap = np.nonzero(ends[:-1] > starts[1:])[0]
        if axis == -1 and overlap.size * 8 > input_size:
            # Along the last axis a fancy-indexed fix-up of many cells is slow: read every
            # cell's two windows (the second a zero where there is none) with two gathers.
            padded = np.concatenate([values, np.zeros(values.shape[:-1] + (1,), values.dtype)], -1)
            second = np.full(input_size, output_size)
            second[starts[overlap + 1]] = overlap
            first = np.repeat(np.arange(output_size), counts)
            return np.add(np.take(padded, first, axis=-1), np.take(padded, second, axis=-1))
        spread = np.repeat(values, counts, axis=axis)
        if overlap.size:
            spread[along(axis, starts[overlap + 1])] += values[along(axis, overlap)]
        return spread
    shape = list(values.shape)
    shape[axis] = input_size
    spread = np.zeros(shape, dtype=values.dtype)
    target, source = np.moveaxis(spread, axis, 0), np.moveaxis(values, axis, 0)
    lengths = ends - starts
    for offset in range(int(lengths.max())):
        inside = offset < lengths
        np.add.at(target, (starts + offset)[inside], source[inside])
    return spread


__all__ = ["adaptive_maximum", "max_axis", "spread_axis", "sum_axis"]
