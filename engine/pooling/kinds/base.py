"""What a pooling kind declares: :class:`PoolKind`, and how its windows reduce."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.pooling.kinds.reductions import Arithmetic, CellNumbers, Reduction, Writing
from engine.pooling.parameters import (
    PARAMETERS,
    Parameter,
    PoolParams,
    is_sequence,
    is_volume,
    sequence_params,
)

Forward = Callable[[np.ndarray, PoolParams], tuple[np.ndarray, "np.ndarray | None"]]
"""``forward(image, params) -> (output, indices or None)``: image (C, H, W), output
(C, H_out, W_out), indices the int64 flat positions of the chosen cells (arg-max kinds)."""

Backward = Callable[[np.ndarray, np.ndarray, PoolParams, "np.ndarray | None"], np.ndarray]
"""``backward(grad_output, image, params, indices) -> grad_input`` of the image's shape."""


@dataclass(frozen=True)
class Volume:
    """How a kind pools a volume (C, D, H, W): PyTorch's 3D pool, the depth settings
    (``depth_*``) in front of the plane's.

    Attributes
    ----------
    forward, backward : callables
        As :data:`Forward` and :data:`Backward`, on volumes; indices are flat positions
        ``(d * H + h) * W + w``.
    code : callable
        ``code(params, input_shape)`` -> the ``torch.nn`` 3D module with the settings.
    divisor_of : callable, optional
        ``divisor_of(params, input_shape, depth, row, col)`` -> what an averaging kind divided
        that 3D window's sum by.
    """

    forward: Forward
    backward: Backward
    code: Callable[[PoolParams, tuple], str]
    divisor_of: Callable | None = None


@dataclass(frozen=True)
class PoolKind:
    """One pooling kind, declared once: everything else asks it.

    Attributes
    ----------
    name : str
        Command-line name and registry key.
    label : str
        What the window calls it.
    summary : str
        One sentence on what it computes, for tooltips.
    source : str
        Where it comes from: the PyTorch module or the paper.
    parameters : tuple of str
        The :data:`~engine.pooling.parameters.PARAMETERS` it uses, in the order shown.
    reduction : Reduction
    forward, backward : callables
        The engine calls, see :data:`Forward` and :data:`Backward`.
    choose_layout : callable
        ``choose_layout(params)`` -> the window layout (:mod:`engine.pooling.layouts`).
    choose_routing : callable
        ``choose_routing(params)`` -> where the gradient goes (:mod:`engine.pooling.routing`).
    snippets : callable
        ``snippets(params, input_shape)`` -> {framework: code} reproducing the settings.
    divisor_of : callable, optional
        ``divisor_of(params, input_shape, row, col)`` -> what an averaging kind divided that
        window's sum by.
    uses : callable, optional
        ``uses(params)`` -> the names of the settings that apply under ``params`` (max and
        average ask their framework's declaration); all of ``parameters`` when None.
    volume : Volume, optional
        Its 3D pool, for volumes (C, D, H, W); None for kinds without one.
    sequences : bool
        Whether it pools a sequence (a one-row input) along its length only, like torch's 1D
        pools: its per-axis settings then have one number each. Kinds without it treat a
        one-row input as an image of height 1.
    channels_apart : bool
        Whether pooling the channels one at a time gives the same result as pooling them
        together (no random draw shared across channels), so a long pooling can stop between
        channels when a newer request comes.
    """

    name: str
    label: str
    summary: str
    source: str
    parameters: tuple[str, ...]
    reduction: Reduction
    forward: Forward
    backward: Backward
    choose_layout: Callable
    choose_routing: Callable
    snippets: Callable[[PoolParams, tuple], dict[str, str]]
    divisor_of: Callable | None = None
    uses: Callable[[PoolParams], tuple[str, ...]] | None = None
    volume: Volume | None = None
    sequences: bool = False
    channels_apart: bool = True

    def declarations(self) -> list[Parameter]:
        return [PARAMETERS[name] for name in self.parameters]

    def used(self, params: PoolParams) -> tuple[str, ...]:
        """The settings that apply under ``params``, in the order shown."""
        return self.parameters if self.uses is None else self.uses(params)

    def pools_volume(self, input_shape: tuple[int, ...] | None) -> bool:
        """Whether an input of ``input_shape`` is a volume this kind pools in 3D."""
        return self.volume is not None and input_shape is not None and is_volume(input_shape)

    def pools_sequence(self, input_shape: tuple[int, ...] | None) -> bool:
        """Whether an input of ``input_shape`` is pooled as a sequence (1D) by this kind."""
        return self.sequences and input_shape is not None and is_sequence(input_shape)

    def effective(self, params: PoolParams, input_shape: tuple[int, ...] | None = None):
        """``params`` with every setting this kind does not use, or that another setting
        switches off, back at its neutral default (so leftovers from another kind never leak
        into a computation); for a sequence (``input_shape`` of one row), every per-axis
        setting reduced to its width (:func:`~engine.pooling.parameters.sequence_params`)."""
        if self.pools_sequence(input_shape):
            params = sequence_params(params)
        defaults = PoolParams()
        names = self.used(params)
        if not self.pools_volume(input_shape):
            names = tuple(name for name in names if not PARAMETERS[name].volume_only)
        used = params.replace(
            **{
                name: getattr(defaults, name)
                for name in PARAMETERS
                if name not in names and getattr(params, name) != getattr(defaults, name)
            }
        )
        inactive = {
            name: getattr(defaults, name) for name in names if not PARAMETERS[name].applies(used)
        }
        return used.replace(**inactive) if inactive else used

    def layout(self, params: PoolParams):
        return self.choose_layout(self.effective(params))

    def arithmetic(
        self, cell: CellNumbers, params: PoolParams, writing: Writing | None = None
    ) -> Arithmetic:
        """One channel of one output cell's computation in words, as its reduction writes it
        (:meth:`~engine.pooling.kinds.reductions.Reduction.describe`); ``params`` are the
        settings as computed."""
        return self.reduction.describe(cell, params, writing)

    def routing(self, params: PoolParams):
        return self.choose_routing(self.effective(params))


@dataclass(frozen=True)
class WindowSettings:
    """The window of a windowed pool, in ``torch.nn.functional``'s names: one number per
    spatial axis ((H, W) for a plane, (D, H, W) for a volume).

    Attributes
    ----------
    kernel_size, stride, padding, dilation : tuple of int
    ceil_mode : bool
    """

    kernel_size: tuple[int, ...]
    stride: tuple[int, ...]
    padding: tuple[int, ...]
    dilation: tuple[int, ...]
    ceil_mode: bool

    def keywords(self, *names: str) -> dict:
        """The settings ``names`` (all five when none) as keyword arguments of a pool."""
        names = names or ("kernel_size", "stride", "padding", "dilation", "ceil_mode")
        return {name: getattr(self, name) for name in names}


def windowed(params: PoolParams) -> WindowSettings:
    """The plane's window of ``params``, as torch's max pools and PoolScope's min pool take
    it (``**windowed(params).keywords()``)."""
    return WindowSettings(
        params.kernel_size, params.stride, params.padding, params.dilation, params.ceil_mode
    )


def always(value):
    """A chooser that ignores the settings."""
    return lambda params: value


NO_KERAS = "# Keras has no built-in layer for {what}."
