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
    framework: str = "torch"  # whose rules max and average pooling follow (FRAMEWORKS)
    pads: tuple[int, int, int, int] = (0, 0, 0, 0)  # top, left, bottom, right (JAX, ONNX)
    auto_pad: str = "NOTSET"  # ONNX: NOTSET (use pads), SAME_UPPER, SAME_LOWER or VALID
    tie: str = "first"  # where a tied maximum's gradient goes: the first one, or all of them
    depth_kernel: int = 2  # along the depth of a volume (C, D, H, W): 3D pools only
    depth_stride: int = 2
    depth_padding: int = 0
    depth_dilation: int = 1
    depth_output: int = 2  # adaptive and fractional pools' output depth

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
        How it is edited: ``"pair"`` (height and width), ``"quad"`` (top, left, bottom,
        right), ``"integer"``, ``"number"``, ``"fraction"`` (0..1), ``"switch"``,
        ``"optional_integer"`` (off or a number), ``"levels"`` (a list of whole numbers) or
        ``"choice"`` (one of ``choices``).
    minimum, maximum : float
        The allowed range of every number in the setting (ignored for switches).
    inactive_when : callable, optional
        ``inactive_when(params)`` is True when another setting makes this one not apply
        (padding under "same" padding, the seed in inference mode); the control is greyed.
    choices : tuple of (value, label)
        The values of a ``"choice"`` and what the window calls them.
    panel : str
        Where the window edits it: ``"controls"`` (the settings dock) or ``"backward"`` (the
        backward view, for the tie rule).
    volume_only : bool
        Whether it applies to volumes only (the depth of a 3D pool).
    """

    name: str
    label: str
    tooltip: str
    widget: str
    minimum: float = 0
    maximum: float = 0
    inactive_when: Callable[[PoolParams], bool] | None = None
    choices: tuple[tuple[str, str], ...] = ()
    panel: str = "controls"
    volume_only: bool = False

    def applies(self, params: PoolParams) -> bool:
        return self.inactive_when is None or not self.inactive_when(params)

    def values(self) -> tuple[str, ...]:
        """The allowed values of a ``"choice"``."""
        return tuple(value for value, _ in self.choices)

    def numbers(self, params: PoolParams) -> tuple:
        """The setting's numbers in ``params`` (empty for switches and an unset optional)."""
        value = getattr(params, self.name)
        if self.widget in ("switch", "choice") or value is None:
            return ()
        return tuple(value) if isinstance(value, tuple) else (value,)


def automatic_padding(params: PoolParams) -> bool:
    """ONNX pads by itself (``auto_pad`` SAME_UPPER or SAME_LOWER): ceil mode does not apply."""
    return params.auto_pad.startswith("SAME")


SEQUENCE_HEIGHTS = {
    "kernel_size": 1,
    "stride": 1,
    "padding": 0,
    "dilation": 1,
    "output_size": 1,
}
"""The height of each per-axis setting when the input is a sequence (one row)."""


def is_volume(input_shape: tuple[int, ...]) -> bool:
    """Whether an input of ``input_shape`` is a volume: (C, D, H, W)."""
    return len(input_shape) == 4


def is_sequence(input_shape: tuple[int, ...]) -> bool:
    """Whether an input of ``input_shape`` (C, H, W) is a sequence: a single row, pooled along
    its length only, as ``torch.nn.functional.max_pool1d`` pools a (C, L) input."""
    return len(input_shape) in (2, 3) and int(input_shape[-2]) == 1


def sequence_params(params: PoolParams) -> PoolParams:
    """``params`` for a sequence: every per-axis setting keeps its width (the one number a
    1D pool has) and gets the neutral height (kernel 1, stride 1, no padding, ...)."""
    changes = {
        name: (height, getattr(params, name)[1]) for name, height in SEQUENCE_HEIGHTS.items()
    }
    top, left, bottom, right = params.pads
    return params.replace(**changes, pads=(0, left, 0, right))


PARAMETERS: dict[str, Parameter] = {
    parameter.name: parameter
    for parameter in (
        Parameter(
            "framework",
            "Framework",
            "Whose rules max and average pooling follow: PyTorch, TensorFlow/Keras, JAX/Flax "
            "or ONNX. Padding, the average's divisor, ceil mode and the defaults differ "
            "between them (View > Frameworks shows all four side by side)",
            "choice",
            choices=(
                ("torch", "PyTorch"),
                ("keras", "TensorFlow / Keras"),
                ("jax", "JAX / Flax"),
                ("onnx", "ONNX"),
            ),
        ),
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
        ),
        Parameter(
            "dilation",
            "Dilation",
            "Spacing between the cells of a window: 1 is a solid window, 2 skips every other cell",
            "pair",
            1,
            64,
        ),
        Parameter(
            "ceil_mode",
            "ceil mode",
            "Round the output size up: keep a last window that hangs over the edge",
            "switch",
            inactive_when=automatic_padding,
        ),
        Parameter(
            "same_padding",
            "'same' padding",
            "The framework's padding='same': ceil(L/s) outputs whatever the kernel, the "
            "padding split with the odd extra cell at the bottom/right (Keras averages over "
            "the real cells only)",
            "switch",
        ),
        Parameter(
            "auto_pad",
            "auto_pad",
            "ONNX's automatic padding: NOTSET uses the pads below; SAME_UPPER and SAME_LOWER "
            "give ceil(L/s) outputs with the odd extra padding cell at the end or at the "
            "start; VALID pads nothing",
            "choice",
            choices=(
                ("NOTSET", "NOTSET (use pads)"),
                ("SAME_UPPER", "SAME_UPPER"),
                ("SAME_LOWER", "SAME_LOWER"),
                ("VALID", "VALID"),
            ),
        ),
        Parameter(
            "pads",
            "Pads",
            "Padding cells on each side, top, left, bottom and right: JAX and ONNX may pad "
            "unevenly (-inf for max, zeros for average)",
            "quad",
            0,
            128,
            lambda params: params.same_padding or params.auto_pad != "NOTSET",
        ),
        Parameter(
            "count_include_pad",
            "count padding",
            "Average: divide by the whole window including padding (count_include_pad=True, "
            "PyTorch's and Flax's default) or by the real cells only (ONNX's default)",
            "switch",
            inactive_when=lambda params: params.divisor_override is not None,
        ),
        Parameter(
            "divisor_override",
            "Divisor override",
            "Average: divide every window sum by this fixed number instead (divisor_override)",
            "optional_integer",
            1,
            1_000_000,
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
            "Seed of the random draw: stochastic pooling's picks, fractional pooling's windows",
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
            "tie",
            "Tie rule",
            "Where the gradient of a window whose maximum is tied goes: autograd (PyTorch, "
            "JAX) sends it all to the first maximum; the textbook mask (window == max) sends "
            "it to every tied maximum",
            "choice",
            choices=(
                ("first", "first maximum (autograd)"),
                ("all", "every tied maximum (window == max)"),
            ),
            panel="backward",
        ),
        Parameter(
            "depth_kernel",
            "Depth kernel",
            "Window size along the depth of a volume (kernel_size[0] of the 3D pool)",
            "integer",
            1,
            256,
            volume_only=True,
        ),
        Parameter(
            "depth_stride",
            "Depth stride",
            "Step between windows along the depth (stride[0])",
            "integer",
            1,
            256,
            volume_only=True,
        ),
        Parameter(
            "depth_padding",
            "Depth padding",
            "Slices added before and after the volume (padding[0]), at most half the depth kernel",
            "integer",
            0,
            128,
            volume_only=True,
        ),
        Parameter(
            "depth_dilation",
            "Depth dilation",
            "Spacing between the slices of a window (dilation[0])",
            "integer",
            1,
            64,
            volume_only=True,
        ),
        Parameter(
            "depth_output",
            "Output depth",
            "Adaptive and fractional pools: the number of output slices (output_size[0])",
            "integer",
            1,
            4096,
            volume_only=True,
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
