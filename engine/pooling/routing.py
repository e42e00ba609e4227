"""Where a kind's gradient goes, and how many windows have sent gradient to each input cell.

A kind's routing answers the backward view's "xN" marks: :meth:`Routing.counts` is the number
of windows whose backward sends a nonzero share to each input cell, computed with the kind's
own backward or window layout so it always matches what the engine did.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.ops.blurpool import reflect_indices
from engine.ops.maxpool import max_pool2d


@dataclass(frozen=True)
class ToChosenCell:
    """Each window sends its whole gradient to one input cell: the arg-max, the arg-min, the
    randomly picked cell (a window that picks nothing, or holds only padding, sends none)."""

    to_one_cell = True

    def counts(self, kind, image: np.ndarray, result, mask: np.ndarray) -> np.ndarray:
        # The local derivative is exactly 1 at the chosen cell, so the backward of the mask
        # counts the windows that chose each cell.
        routed = kind.backward(mask, image.astype(np.float64), result.params, result.indices)
        return np.rint(routed).astype(np.int64)


@dataclass(frozen=True)
class ToEveryTiedMaximum(ToChosenCell):
    """The textbook max backward (``mask = window == max``): each window sends its whole
    gradient to every cell equal to its maximum; counted, like the chosen cell, by the
    kind's own backward of the mask."""

    to_one_cell = False


def nonzero(image: np.ndarray) -> np.ndarray:
    return image != 0


def positive(image: np.ndarray) -> np.ndarray:
    return image > 0


@dataclass(frozen=True)
class OverWindow:
    """Each window spreads its gradient over its real cells (average, SoftPool, ...).

    ``receiving``: when a cell's share is proportional to its own value (Lp with p > 1:
    ``x ** (p - 1)``; stochastic inference: positive values only), the cells that can
    receive anything, as a function of the input; all real cells when None.
    """

    receiving: Callable[[np.ndarray], np.ndarray] | None = None
    to_one_cell = False

    def counts(self, kind, image: np.ndarray, result, mask: np.ndarray) -> np.ndarray:
        params = kind.effective(result.params)
        counts = kind.layout(params).membership_counts(params, image.shape, mask)
        if self.receiving is not None:
            counts = counts * self.receiving(image)
        return np.rint(counts).astype(np.int64)


@dataclass(frozen=True)
class ThroughBlurredMaxima:
    """BlurPool: an output's gradient is blurred back over several stride-1 max windows, and
    each of those sends its share to its arg-max; a cell counts once per output window
    however many of its taps lead to it."""

    to_one_cell = False

    def counts(self, kind, image: np.ndarray, result, mask: np.ndarray) -> np.ndarray:
        params = kind.effective(result.params)
        channels, height, width = image.shape
        _, dense_indices = max_pool2d(image, params.kernel_size, 1, return_indices=True)
        sources = [
            tap_sources(dense_indices.shape[axis + 1], params.stride[axis], params.blur_size)
            for axis in (0, 1)
        ]
        taps = params.blur_size
        chosen = dense_indices[:, sources[0][:, :, None, None], sources[1][None, None, :, :]]
        chosen = chosen.transpose(0, 1, 3, 2, 4).reshape(channels, -1, taps * taps)
        chosen = np.sort(chosen, axis=-1)
        first_of_its_value = np.ones(chosen.shape, dtype=bool)
        first_of_its_value[..., 1:] = chosen[..., 1:] != chosen[..., :-1]
        selected = mask.reshape(channels, -1, 1) > 0
        counts = np.zeros((channels, height * width), dtype=np.int64)
        for channel in range(channels):  # one bincount per channel
            cells = chosen[channel][first_of_its_value[channel] & selected[channel]]
            counts[channel] = np.bincount(cells, minlength=height * width)
        return counts.reshape(image.shape)


def tap_sources(dense_length: int, stride: int, blur_size: int) -> np.ndarray:
    """For each blurred output along one axis, the stride-1 max cells its taps read
    (reflected at the edges, as the blur pads).

    Returns
    -------
    ndarray of shape (outputs, blur_size), int64
    """
    before, after = (blur_size - 1) // 2, blur_size // 2
    source = reflect_indices(dense_length, before, after)
    count = (dense_length - 1) // stride + 1
    return source[np.arange(count)[:, None] * stride + np.arange(blur_size)]


TO_CHOSEN_CELL = ToChosenCell()
TO_EVERY_TIED_MAXIMUM = ToEveryTiedMaximum()
OVER_WINDOW = OverWindow()
THROUGH_BLURRED_MAXIMA = ThroughBlurredMaxima()
