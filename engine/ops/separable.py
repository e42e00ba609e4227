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


def code_dtype(count: int) -> np.dtype:
    """Narrowest unsigned type that numbers ``count`` window offsets (codes 0 .. count - 1)."""
    for candidate in (np.uint8, np.uint16, np.uint32):
        if count <= np.iinfo(candidate).max + 1:
            return np.dtype(candidate)
    return np.dtype(np.int64)


def reduce_axis(
    values: np.ndarray,
    slices: list,
    with_codes: bool,
    nan_aware: bool,
    carried_in: Sequence[np.ndarray] = (),
) -> tuple[np.ndarray, np.ndarray | None, list[np.ndarray]]:
    """Running first-max over the candidate ``slices`` of ``values`` (one per kernel offset).

    Returns the maxima, the offset code of the winning candidate (the narrowest unsigned type
    that holds ``len(slices)`` codes, see :func:`code_dtype`) and every array of
    ``carried_in`` (codes of earlier passes) taken from the winner.
    """
    result = values[slices[0]].copy()
    if not with_codes:
        for index in slices[1:]:
            np.maximum(result, values[index], out=result)
        return result, None, []
    codes_type = code_dtype(len(slices))
    codes = np.zeros(result.shape, dtype=codes_type)
    carried = [codes_in[slices[0]].copy() for codes_in in carried_in]
    scratches = [np.empty(result.shape, dtype=codes_in.dtype) for codes_in in carried_in]
    better = np.empty(result.shape, dtype=bool)
    scratch = np.empty(result.shape, dtype=codes_type)
    for offset, index in enumerate(slices[1:], start=1):
        candidate = values[index]
        np.greater(candidate, result, out=better)
        if nan_aware:
            better |= np.isnan(candidate)
        # Offsets grow, so the last offset that was better is the largest: a running maximum.
        np.multiply(better, codes_type.type(offset), out=scratch, dtype=codes_type)
        np.maximum(codes, scratch, out=codes)
        for codes_in, kept, step in zip(carried_in, carried, scratches, strict=True):
            # kept = better ? incoming : kept, as modular arithmetic on small codes.
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

    Returns
    -------
    maxima : ndarray of shape (N, C, *windows)
        NaN wherever a window holds a NaN.
    codes : list of ndarray of the maxima's shape, one per spatial axis (empty without codes)
        The offset (index into that axis's indexers) of the first maximum in row-major window
        order, or of the last NaN.
    """
    dims = len(axis_indexers)

    def run(nan_aware: bool) -> tuple[np.ndarray, list[np.ndarray]]:
        result, carried = values, []
        for axis in reversed(range(dims)):
            trailing = (slice(None),) * (dims - 1 - axis)
            slices = [(Ellipsis, indexer, *trailing) for indexer in axis_indexers[axis]]
            result, codes, carried = reduce_axis(result, slices, with_codes, nan_aware, carried)
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
