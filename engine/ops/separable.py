"""The running first-maximum every max pool is built from, one spatial axis at a time.

A pooling window is a box, so its maximum is the maximum along the last axis within every
line of the box, then along the axis before over those line maxima, and so on. Each pass keeps
the *first* maximum (strict ``>``) and, once NaN is seen, lets every NaN win (so the last NaN
is kept): together the first maximum in row-major window order, or the last NaN, PyTorch's
rule. The winning offset of each pass travels as a small unsigned code, carried along by the
later passes, and becomes a flat index only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

CODE_TYPES = (
    (2**8, np.dtype(np.uint8)),
    (2**16, np.dtype(np.uint16)),
    (2**32, np.dtype(np.uint32)),
)


def code_dtype(count: int) -> np.dtype:
    """Narrowest unsigned type that numbers ``count`` window offsets (codes 0 .. count - 1)."""
    for limit, candidate in CODE_TYPES:
        if count <= limit:
            return candidate
    return np.dtype(np.int64)


def reduce_axis(
    values: np.ndarray,
    slices: list,
    with_codes: bool,
    nan_aware: bool,
    carried_in: Sequence[np.ndarray] = (),
    out: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray | None, list[np.ndarray]]:
    """Running first-max over the candidate ``slices`` of ``values`` (one per kernel offset).

    Returns the maxima, the offset code of the winning candidate (the narrowest unsigned type
    that holds ``len(slices)`` codes, see :func:`code_dtype`) and every array of
    ``carried_in`` (codes of earlier passes) taken from the winner; with a single candidate
    the maxima and carried codes are views of the inputs. The maxima are written into
    ``out`` when given.
    """
    first = values[slices[0]]
    if len(slices) == 1:  # a window one cell long: views, no copies (callers never write them)
        carried = [codes_in[slices[0]] for codes_in in carried_in]
        codes = np.zeros(first.shape, dtype=code_dtype(1)) if with_codes else None
        if out is not None:
            np.copyto(out, first)
            first = out
        return first, codes, carried
    # The first two offsets at once: no copy of the first, and the codes are the comparison.
    second = values[slices[1]]
    if not with_codes:
        result = np.maximum(first, second, out=out)
        for index in slices[2:]:
            np.maximum(result, values[index], out=result)
        return result, None, []
    codes_type = code_dtype(len(slices))
    better = np.greater(second, first)
    if nan_aware:
        better |= np.isnan(second)
    codes = better.astype(codes_type)
    carried = []
    for codes_in in carried_in:
        # kept = better ? incoming : kept, as modular arithmetic on small codes.
        kept = np.subtract(codes_in[slices[1]], codes_in[slices[0]])
        kept *= better
        kept += codes_in[slices[0]]
        carried.append(kept)
    if nan_aware:
        result = np.where(better, second, first)
        if out is not None:
            np.copyto(out, result)
            result = out
    else:
        result = np.maximum(first, second, out=out)
    if len(slices) == 2:
        return result, codes, carried
    scratches = [np.empty(result.shape, dtype=codes_in.dtype) for codes_in in carried_in]
    scratch = np.empty(result.shape, dtype=codes_type)
    for offset, index in enumerate(slices[2:], start=2):
        candidate = values[index]
        np.greater(candidate, result, out=better)
        if nan_aware:
            better |= np.isnan(candidate)
        # Offsets grow, so the last offset that was better is the largest: a running maximum.
        np.multiply(better, codes_type.type(offset), out=scratch, dtype=codes_type)
        np.maximum(codes, scratch, out=codes)
        for codes_in, kept, step in zip(carried_in, carried, scratches, strict=True):
            np.subtract(codes_in[index], kept, out=step)
            step *= better
            kept += step
        if nan_aware:
            np.copyto(result, candidate, where=better)
        else:
            np.maximum(result, candidate, out=result)
    return result, codes, carried


def separable_max(
    values: np.ndarray,
    axis_indexers: Sequence[Sequence],
    with_codes: bool,
    select: Callable[[int, np.ndarray], np.ndarray] | None = None,
    out: np.ndarray | None = None,
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Maximum over box windows of ``values``, one spatial axis at a time, last axis first.

    Parameters
    ----------
    values : ndarray of shape (N, C, *spatial)
        Any real dtype; integers are compared as themselves (exact at any size).
    axis_indexers : sequence, one entry per spatial axis
        For each window offset along that axis, what to index the axis with to get that cell
        of every window: a slice (strided windows) or an int64 array (windows of any starts).
    with_codes : bool
        Also return the winning offset of every axis.
    select : callable, optional
        ``select(axis, array)`` is applied to the maxima and the codes once ``axis`` is
        reduced, such as a per-plane choice of windows among all positions.
    out : ndarray of the maxima's shape, optional
        Where the last pass writes the maxima (not with ``select``).

    Returns
    -------
    maxima : ndarray of shape (N, C, *windows)
        NaN wherever a window holds a NaN.
    codes : list of ndarray of the maxima's shape, one per spatial axis (empty without codes)
        The offset (index into that axis's indexers) of the first maximum in row-major window
        order, or of the last NaN.
    """
    dims = len(axis_indexers)
    # The last pass that is not the identity (a single cell along a whole axis) writes out.
    last = 0
    while last < dims - 1 and is_identity(axis_indexers[last], values.shape[2 + last]):
        last += 1

    def run(nan_aware: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        result, carried = values, []
        for axis in reversed(range(dims)):
            trailing = (slice(None),) * (dims - 1 - axis)
            slices = [(Ellipsis, indexer, *trailing) for indexer in axis_indexers[axis]]
            target = out if axis == last and select is None else None
            result, codes, carried = reduce_axis(
                result, slices, with_codes, nan_aware, carried, target
            )
            carried = [codes, *carried] if with_codes else []
            if select is not None:
                result = select(axis, result)
                carried = [select(axis, codes) for codes in carried]
        return result, carried

    maxima, codes = run(nan_aware=False)
    # np.maximum already propagates NaN; only the codes need the NaN-aware pass.
    if with_codes and maxima.dtype.kind == "f" and np.isnan(maxima).any():
        maxima, codes = run(nan_aware=True)
    return maxima, codes


def is_identity(indexers: Sequence, length: int) -> bool:
    """Whether an axis's indexers pick every cell once, in order (a window of one cell at
    stride 1): its pass changes nothing."""
    if len(indexers) != 1 or not isinstance(indexers[0], slice):
        return False
    start, stop, step = indexers[0].indices(length)
    return start == 0 and stop == length and step == 1


def cell_indices(
    cells: Sequence[np.ndarray], codes: Sequence[np.ndarray], input_size: tuple[int, ...]
) -> np.ndarray:
    """Flat input positions of the winning cells of windows given as tables of cells.

    Parameters
    ----------
    cells : sequence of ndarray of shape (O_axis, K_axis), int64, one per spatial axis
        Input position of cell ``j`` of window ``o`` along that axis.
    codes : sequence of ndarray of shape (N, C, *O), one per spatial axis
        The winning ``j`` per window (from :func:`separable_max`).

    Returns
    -------
    ndarray of shape (N, C, *O), int64
        Row-major flat positions in the ``input_size`` volume.
    """
    dims = len(cells)
    indices = None
    for axis, (table, code) in enumerate(zip(cells, codes, strict=True)):
        windows = np.arange(table.shape[0]).reshape((-1,) + (1,) * (dims - 1 - axis))
        term = table[windows, code] * int(np.prod(input_size[axis + 1 :], dtype=np.int64))
        indices = term if indices is None else indices + term
    return indices


__all__ = ["cell_indices", "code_dtype", "reduce_axis", "separable_max"]
