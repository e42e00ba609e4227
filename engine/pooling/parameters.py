"""The settings of one pooling layer, and what each setting is.

:class:`PoolParams` holds every setting a kind may use, in torch's terms (per-axis values are
``(height, width)``). :data:`PARAMETERS` declares each setting once: its label, its range, the
sentence that explains it, and when it does not apply. A kind lists the names of the settings
it uses; the controls panel, the command line and the validation read these declarations.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PoolParams:
    """Every setting of one pooling layer, in torch's terms; per-axis values are (H, W)."""

    pool_type: str = "max"
    kernel_size: tuple[int, int] = (2, 2)
    stride: tuple[int, int] = (2, 2)
    padding: tuple[int, int] = (0, 0)
    dilation: tuple[int, int] = (1, 1)
    ceil_mode: bool = False
    count_include_pad: bool = True
    divisor_override: int | None = None
    norm_type: float = 2.0
    output_size: tuple[int, int] = (7, 7)
    same_padding: bool = False  # TensorFlow/Keras padding="same" instead of symmetric padding
    mix: float = 0.5  # mixed pooling: mix * max + (1 - mix) * average
    seed: int = 0  # stochastic pooling's draw
    inference: bool = False  # stochastic pooling's probability-weighted average
    blur_size: int = 3  # BlurPool's binomial filter taps, 2..5
    levels: tuple[int, ...] = (4, 2, 1)  # spatial pyramid levels

    def replace(self, **changes) -> PoolParams:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Parameter:
    """One setting a kind may use.

    Attributes
    ----------
    name : str
        The :class:`PoolParams` field.
    label : str
        What the controls panel calls it.
    tooltip : str
        One or two sentences for the user.
    widget : str
        How it is edited: ``"pair"`` (height and width), ``"integer"``, ``"number"``,
        ``"fraction"`` (0..1), ``"switch"``, ``"optional_integer"`` (off or a number) or
        ``"levels"`` (a list of whole numbers).
    minimum, maximum : float
        The allowed range of every number in the setting (ignored for switches).
    inactive_when : callable, optional
        ``inactive_when(params)`` is True when another setting makes this one not apply
        (padding under "same" padding, the seed in inference mode); the control is greyed.
    """

    name: str
    label: str
    tooltip: str
    widget: str
    minimum: float = 0
    maximum: float = 0
    inactive_when: Callable[[PoolParams], bool] | None = None

    def applies(self, params: PoolParams) -> bool:
        return self.inactive_when is None or not self.inactive_when(params)

    def numbers(self, params: PoolParams) -> tuple:
        """The setting's numbers in ``params`` (empty for switches and an unset optional)."""
        value = getattr(params, self.name)
        if self.widget == "switch" or value is None:
            return ()
        return tuple(value) if isinstance(value, tuple) else (value,)


def same_padding_on(params: PoolParams) -> bool:
    return params.same_padding


PARAMETERS: dict[str, Parameter] = {
    parameter.name: parameter
    for parameter in (
        Parameter("kernel_size", "Kernel", "Window size in cells (height, width)", "pair", 1, 256),
        Parameter(
            "stride",
            "Stride",
            "Step between windows (height, width); equal to the kernel, windows tile",
            "pair",
            1,
            256,
        ),
        Parameter(
            "padding",
            "Padding",
            "Cells added on both sides of the input, at most half the kernel (-inf for max, "
            "zeros for average)",
            "pair",
            0,
            128,
            same_padding_on,
        ),
        Parameter(
            "dilation",
            "Dilation",
            "Spacing between the cells of a window: 1 is a solid window, 2 skips every other cell",
            "pair",
            1,
            64,
            same_padding_on,
        ),
        Parameter(
            "ceil_mode",
            "ceil mode",
            "Round the output size up: keep a last window that hangs over the edge",
            "switch",
            inactive_when=same_padding_on,
        ),
        Parameter(
            "same_padding",
            "'same' padding (TensorFlow)",
            "Pad like TensorFlow/Keras padding='same': output ceil(L/s), padding split with the "
            "extra cell at the bottom/right, averages over real cells only; instead of "
            "PyTorch's symmetric padding",
            "switch",
        ),
        Parameter(
            "count_include_pad",
            "count padding",
            "Average: divide by the whole window including padding (count_include_pad=True) "
            "or by the real cells only",
            "switch",
            inactive_when=lambda params: params.same_padding or params.divisor_override is not None,
        ),
        Parameter(
            "divisor_override",
            "Divisor override",
            "Average: divide every window sum by this fixed number instead (divisor_override)",
            "optional_integer",
            1,
            1_000_000,
            same_padding_on,
        ),
        Parameter(
            "norm_type",
            "Power p",
            "Lp pooling power p: 1 sums the window, large p approaches the maximum",
            "number",
            0.1,
            100.0,
        ),
        Parameter(
            "output_size",
            "Output size",
            "Adaptive pooling: the output size (height, width) whatever the input size",
            "pair",
            1,
            4096,
        ),
        Parameter(
            "mix",
            "Mix lambda",
            "Mixed pooling: lambda * max + (1 - lambda) * average",
            "fraction",
            0.0,
            1.0,
        ),
        Parameter(
            "seed",
            "Seed",
            "Seed of stochastic pooling's random draw",
            "integer",
            0,
            1_000_000,
            lambda params: params.inference,
        ),
        Parameter(
            "inference",
            "inference (weighted average)",
            "Stochastic pooling at test time: the probability-weighted average instead of a "
            "random pick",
            "switch",
        ),
        Parameter(
            "blur_size",
            "Blur taps",
            "BlurPool: taps of the binomial low-pass filter applied before subsampling",
            "integer",
            2,
            5,
        ),
        Parameter(
            "levels",
            "Pyramid levels",
            "Spatial pyramid levels, e.g. 4,2,1 for 4x4, 2x2 and 1x1 bins",
            "levels",
            1,
            64,
        ),
    )
}
"""Every setting, declared once."""
