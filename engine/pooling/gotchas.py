"""The gotcha gallery: surprising pooling behaviours that users reported in public issue trackers.

Each :class:`Gotcha` is a one-click preset: a small input, a kind and its settings, the issue
links, two lines of explanation and the exact answer the real framework gives. The answers were
computed with PyTorch 2.13, ONNX Runtime 1.32 and Keras 3 on JAX;
``tests/engine/pooling/test_gotchas.py`` recomputes every one of them with those frameworks and
with PoolScope's pipeline. Pure data: no Qt, no NumPy.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.pooling.parameters import PoolParams
from engine.text import Text

NAN = float("nan")
INF = float("inf")


def issue(repository: str, number: int) -> str:
    """The https address of issue ``number`` of a GitHub ``owner/name`` repository."""
    return f"https://github.com/{repository}/issues/{number}"


def counting(rows: int, cols: int, start: int = 1) -> tuple[tuple[float, ...], ...]:
    """A rows x cols matrix holding start, start + 1, ... row by row."""
    return tuple(
        tuple(float(start + row * cols + col) for col in range(cols)) for row in range(rows)
    )


@dataclass(frozen=True)
class Gotcha:
    """One surprising behaviour, ready to be loaded into the window.

    Attributes
    ----------
    key : str
        Short id, e.g. ``"ceil_last_window"``.
    title : str
        A few words for a list entry.
    links : tuple of str
        Full https addresses of the issues that report it.
    explanation : str
        Exactly two lines separated by ``"\\n"``: what surprises, and why.
    matrix : tuple of tuples of float
        The input, H rows of W numbers, one channel.
    kind : str
        A registry key of :data:`engine.pooling.kinds.KINDS`.
    params : dict
        :class:`~engine.pooling.parameters.PoolParams` fields that differ from the defaults.
    expected : tuple of tuples of float, or None
        The exact output (H_out rows of W_out numbers); None when the point is a refusal.
    expected_error : str
        A piece of PoolScope's refusal message, when the point is that the settings are refused.
    gradient : tuple of tuples of float, or None
        The input gradient for an all-ones output gradient, when the point is about gradients.
    selected_cell : (row, col) or None
        The output cell to select so that the window in question is shown.
    answer : str
        The one-line exact answer shown to the user.
    """

    key: str
    title: str
    links: tuple[str, ...]
    explanation: str
    matrix: tuple[tuple[float, ...], ...]
    kind: str
    params: dict
    expected: tuple[tuple[float, ...], ...] | None
    expected_error: str = ""
    gradient: tuple[tuple[float, ...], ...] | None = None
    selected_cell: tuple[int, int] | None = None
    answer: str = ""

    def pool_params(self) -> PoolParams:
        """The settings to load: the kind plus ``params`` over the defaults."""
        return PoolParams(pool_type=self.kind).replace(**self.params)


TIED = ((0.6, 0.6, 0.3),)  # tensorflow#51682's input: two equal maxima in one window
ONE_AT_2_1 = tuple(
    tuple(1.0 if (row, col) == (2, 1) else 0.0 for col in range(4)) for row in range(4)
)  # tensorflow#45579's input

GOTCHAS: tuple[Gotcha, ...] = (
    Gotcha(
        key="ceil_last_window",
        title="ceil mode drops a window",
        links=(issue("pytorch/pytorch", 57178), issue("pytorch/pytorch", 45357)),
        explanation=(
            "ceil_mode=True gives fewer windows than the ceil formula: 3 per axis here, not 4.\n"
            "PyTorch drops a last window that would start in the right padding or past the "
            "input, so every window keeps an input cell."
        ),
        matrix=counting(5, 5),
        kind="max",
        params={"kernel_size": (2, 2), "stride": (2, 2), "padding": (1, 1), "ceil_mode": True},
        expected=((1.0, 3.0, 5.0), (11.0, 13.0, 15.0), (21.0, 23.0, 25.0)),
        selected_cell=(0, 2),
        answer=Text(
            "3 x 3, not ceil((5 + 2 - 2) / 2) + 1 = 4: a 4th window would start at column "
            "5, in the right padding, so it is dropped"
        ),
    ),
    Gotcha(
        key="padding_over_half",
        title="padding over half the kernel",
        links=(issue("pytorch/pytorch", 3298),),
        explanation=(
            "MaxPool2d(4, stride=4, padding=3) is refused: padding may be at most half the "
            "kernel.\n"
            "Max pooling pads with -inf, which wide padding would leave in border outputs; the "
            "maintainers call it a limitation and suggest F.pad first."
        ),
        matrix=counting(4, 4),
        kind="max",
        params={"kernel_size": (4, 4), "stride": (4, 4), "padding": (3, 3)},
        expected=None,
        expected_error="may be at most half the kernel",
        answer=Text("Refused: padding 3 > 4 // 2 = 2"),
    ),
    Gotcha(
        key="padding_ignores_dilation",
        title="padding check ignores dilation",
        links=(issue("pytorch/pytorch", 44942), issue("pytorch/pytorch", 7541)),
        explanation=(
            "MaxPool2d(3, stride=1, padding=2, dilation=2) is refused, though Conv2d accepts "
            "the same numbers and keeps 5 x 5 at 5 x 5.\n"
            "The check compares the padding with the kernel size (3), not with the 5 cells the "
            "dilated window spans; PyTorch 2.13 still refuses it."
        ),
        matrix=counting(5, 5),
        kind="max",
        params={"kernel_size": (3, 3), "stride": (1, 1), "padding": (2, 2), "dilation": (2, 2)},
        expected=None,
        expected_error="may be at most half the kernel",
        answer=Text(
            "Refused: padding 2 > 3 // 2 = 1, though the dilated window is "
            "2 * (3 - 1) + 1 = 5 cells wide"
        ),
    ),
    Gotcha(
        key="avg_ceil_divisor",
        title="average divisor in ceil mode",
        links=(issue("microsoft/onnxruntime", 16203), issue("apple/coremltools", 2772)),
        explanation=(
            "With count_include_pad=True, a window that hangs past the padding is not divided "
            "by the kernel area.\n"
            "PyTorch counts the padding cells but not the cells past them that ceil mode adds; "
            "ONNX Runtime and Core ML divided by the whole kernel."
        ),
        matrix=counting(4, 4),
        kind="avg",
        params={"kernel_size": (3, 3), "stride": (2, 2), "padding": (1, 1), "ceil_mode": True},
        expected=((14 / 9, 10 / 3, 2.0), (19 / 3, 11.0, 6.0), (4.5, 7.5, 4.0)),
        selected_cell=(0, 2),
        answer=Text(
            "out[0,2] = (4 + 8) / 6 = 2.0: 3 rows x 2 columns (input and padding) count, "
            "the column past the padding does not; not 12 / 9"
        ),
    ),
    Gotcha(
        key="avg_ceil_no_padding",
        title="ceil mode without padding",
        links=(issue("apple/coremltools", 2772),),
        explanation=(
            "Even with count_include_pad=True, the edge windows that ceil mode adds average "
            "only their real cells.\n"
            "Without padding there is nothing to include: the overhang past the input never "
            "counts in PyTorch's divisor."
        ),
        matrix=counting(3, 3, start=0),
        kind="avg",
        params={"kernel_size": (2, 2), "stride": (2, 2), "ceil_mode": True},
        expected=((2.0, 3.5), (6.5, 8.0)),
        selected_cell=(1, 1),
        answer=Text("out[1,1] = 8 / 1 = 8.0, not 8 / 4 = 2.0 as Core ML gave"),
    ),
    Gotcha(
        key="onnx_count_include_pad",
        title="ONNX averages skip padding",
        links=(issue("pytorch/pytorch", 13934), issue("onnx/onnx-tensorrt", 663)),
        explanation=(
            "The same average pooling gives other border values in ONNX than in PyTorch.\n"
            "ONNX AveragePool's count_include_pad defaults to 0 (real cells only), PyTorch's to "
            "True; an exporter that drops the attribute changes the answer."
        ),
        matrix=counting(3, 3),
        kind="avg",
        params={
            "framework": "onnx",
            "kernel_size": (3, 3),
            "stride": (1, 1),
            "pads": (1, 1, 1, 1),
            "count_include_pad": False,
        },
        expected=((3.0, 3.5, 4.0), (4.5, 5.0, 5.5), (6.0, 6.5, 7.0)),
        selected_cell=(0, 0),
        answer=Text(
            "out[0,0] = (1 + 2 + 4 + 5) / 4 = 3.0 in ONNX, (1 + 2 + 4 + 5) / 9 = 1.33 in PyTorch"
        ),
    ),
    Gotcha(
        key="keras_same_divisor",
        title="'same' averages real cells only",
        links=(issue("tensorflow/tensorflow", 45579),),
        explanation=(
            "Average pooling with padding='same' differs from zero-padding the input and "
            "pooling with 'valid'.\n"
            "TensorFlow and Keras divide each window by its real cells: the padding is left "
            "out of the average, not counted as zeros."
        ),
        matrix=ONE_AT_2_1,
        kind="avg",
        params={
            "framework": "keras",
            "same_padding": True,
            "kernel_size": (3, 3),
            "stride": (1, 1),
        },
        expected=(
            (0.0, 0.0, 0.0, 0.0),
            (1 / 6, 1 / 9, 1 / 9, 0.0),
            (1 / 6, 1 / 9, 1 / 9, 0.0),
            (1 / 4, 1 / 6, 1 / 6, 0.0),
        ),
        selected_cell=(3, 0),
        answer=Text(
            "out[3,0] = 1 / 4 = 0.25 (4 real cells), not 1 / 9 as with zero padding "
            "(PyTorch padding=1)"
        ),
    ),
    Gotcha(
        key="keras_same_extra_pad",
        title="'same' pads bottom and right",
        links=(issue("tensorflow/tensorflow", 60509),),
        explanation=(
            "A 3 x 3 input with pool 2, stride 2 and padding='same' gives 3, 4.5, 7.5 and 9: "
            "windows of 4, 2, 2 and 1 cells.\n"
            "The one padding row and column go at the bottom and right, never split around the "
            "input, and the average counts real cells only."
        ),
        matrix=counting(3, 3),
        kind="avg",
        params={
            "framework": "keras",
            "same_padding": True,
            "kernel_size": (2, 2),
            "stride": (2, 2),
        },
        expected=((3.0, 4.5), (7.5, 9.0)),
        selected_cell=(1, 1),
        answer=Text(
            "out[1,1] = 9 / 1 = 9.0; PyTorch's padding=1 on every side gives "
            "(5 + 6 + 8 + 9) / 4 = 7.0"
        ),
    ),
    Gotcha(
        key="nan_in_max",
        title="a NaN wins max pooling",
        links=(issue("pytorch/pytorch", 7645),),
        explanation=(
            "One NaN makes its whole window NaN, and the window's gradient goes to the NaN.\n"
            "In 2018 max pooling skipped NaNs (and gave -FLT_MAX for all-NaN windows); since "
            "the fix it propagates them as torch.max does."
        ),
        matrix=((1.0, NAN, 3.0, 4.0), (5.0, 6.0, 7.0, 8.0)),
        kind="max",
        params={"kernel_size": (2, 2), "stride": (2, 2)},
        expected=((NAN, 8.0),),
        gradient=((0.0, 1.0, 0.0, 0.0), (0.0, 0.0, 0.0, 1.0)),
        selected_cell=(0, 0),
        answer=Text("out[0,0] = nan, not max(1, 5, 6) = 6; its gradient goes to the NaN cell"),
    ),
    Gotcha(
        key="tie_first_max",
        title="tied maximum: the first wins",
        links=(issue("tensorflow/tensorflow", 51682), issue("Theano/Theano", 5404)),
        explanation=(
            "Of two equal maxima only the first gets the gradient; the other learns nothing.\n"
            "Max pooling keeps the index of one maximum (PyTorch: the first), while reduce_max "
            "shares the gradient and Theano's CPU pool gave it to all."
        ),
        matrix=TIED,
        kind="max",
        params={"kernel_size": (1, 3), "stride": (1, 3)},
        expected=((0.6,),),
        gradient=((1.0, 0.0, 0.0),),
        selected_cell=(0, 0),
        answer=Text(
            "gradient [1, 0, 0]: all of it to the first 0.6; a shared rule (reduce_max, "
            "torch.amax) gives [0.5, 0.5, 0]"
        ),
    ),
    Gotcha(
        key="tie_all_max",
        title="tied maximum: all win",
        links=(issue("tensorflow/tensorflow", 51682), issue("Theano/Theano", 5404)),
        explanation=(
            "The textbook backward, a mask of the cells equal to the maximum, gives each tied "
            "maximum the full gradient.\n"
            "That was Theano's CPU behaviour: the window then passes back twice its output "
            "gradient, unlike PyTorch (first only) or reduce_max (shared)."
        ),
        matrix=TIED,
        kind="max",
        params={"kernel_size": (1, 3), "stride": (1, 3), "tie": "all"},
        expected=((0.6,),),
        gradient=((1.0, 1.0, 0.0),),
        selected_cell=(0, 0),
        answer=Text("gradient [1, 1, 0]: both 0.6s get 1, so the window passes back 2, not 1"),
    ),
    Gotcha(
        key="unpool_output_size",
        title="unpooling needs output_size",
        links=(issue("pytorch/pytorch", 580),),
        explanation=(
            "Max pooling maps several input sizes to one output size: 4 x 4 and 5 x 5 both "
            "give 2 x 2 here.\n"
            "MaxUnpool2d cannot tell which one was pooled and assumes the smaller; pass "
            "output_size, as the maintainer advised."
        ),
        matrix=counting(5, 5),
        kind="max",
        params={"kernel_size": (2, 2), "stride": (2, 2)},
        expected=((7.0, 9.0), (17.0, 19.0)),
        selected_cell=(1, 1),
        answer=Text(
            "5 x 5 and its 4 x 4 corner both pool to [[7, 9], [17, 19]]; max_unpool2d "
            "without output_size=(5, 5) rebuilds 4 x 4 and fails on index 18"
        ),
    ),
    Gotcha(
        key="adaptive_overlap",
        title="adaptive windows overlap",
        links=(issue("pytorch/pytorch", 108197),),
        explanation=(
            "When the output size does not divide the input size, adaptive windows differ in "
            "size and overlap.\n"
            "Window i covers floor(i * in / out) up to ceil((i + 1) * in / out), which the "
            "documentation did not say."
        ),
        matrix=counting(5, 5),
        kind="adaptive_avg",
        params={"output_size": (3, 3)},
        expected=((4.0, 5.5, 7.0), (11.5, 13.0, 14.5), (19.0, 20.5, 22.0)),
        selected_cell=(1, 1),
        answer=Text(
            "5 -> 3 uses windows [0, 2), [1, 4), [3, 5): rows and columns 1 and 3 are in "
            "two windows, and out[1,1] averages 3 x 3 cells"
        ),
    ),
    Gotcha(
        key="dilated_padding_window",
        title="a window made of padding",
        links=(issue("pytorch/pytorch", 114216),),
        explanation=(
            "Accepted settings can put a whole dilated window in the padding: kernel 2, "
            "dilation 3, padding 1 on a 2 x 2 input.\n"
            "The output is -inf; PyTorch also reports an index outside the input for it, "
            "PoolScope no chosen cell and no gradient."
        ),
        matrix=((1.0, 2.0), (3.0, 4.0)),
        kind="max",
        params={"kernel_size": (2, 2), "stride": (1, 1), "padding": (1, 1), "dilation": (3, 3)},
        expected=((-INF,),),
        gradient=((0.0, 0.0), (0.0, 0.0)),
        selected_cell=(0, 0),
        answer=Text(
            "out[0,0] = -inf: both taps, -1 and 2, are padding; PyTorch 2.13 gives index 6 "
            "of a 4-cell input"
        ),
    ),
    Gotcha(
        key="divisor_override_sum",
        title="divisor_override divides the sum",
        links=(issue("pytorch/pytorch", 62636),),
        explanation=(
            "AvgPool2d(2, divisor_override=2) doubles the averages of AvgPool2d(2) instead of "
            "matching it.\n"
            "The override replaces the divisor of the window sum, which is the window area "
            "(4), not kernel_size (2) as the module docs said."
        ),
        matrix=((1.0,) * 4,) * 4,
        kind="avg",
        params={"kernel_size": (2, 2), "stride": (2, 2), "divisor_override": 2},
        expected=((2.0, 2.0), (2.0, 2.0)),
        selected_cell=(0, 0),
        answer=Text("out[0,0] = (1 + 1 + 1 + 1) / 2 = 2.0, not 1.0"),
    ),
    Gotcha(
        key="onnx_same_lower",
        title="SAME_LOWER pads first",
        links=(issue("onnx/onnxmltools", 93),),
        explanation=(
            "ONNX SAME_UPPER and SAME_LOWER differ only in where the odd padding cell goes, "
            "and converters have mixed them up.\n"
            "SAME_UPPER adds it at the end (bottom, right), SAME_LOWER at the beginning (top, "
            "left); onnxmltools' Core ML converter had them swapped."
        ),
        matrix=counting(3, 3),
        kind="max",
        params={
            "framework": "onnx",
            "auto_pad": "SAME_LOWER",
            "kernel_size": (2, 2),
            "stride": (1, 1),
        },
        expected=counting(3, 3),
        selected_cell=(0, 0),
        answer=Text(
            "out[0,0] = 1: the first window is 3 padding cells and cell 1; SAME_UPPER gives "
            "max(1, 2, 4, 5) = 5"
        ),
    ),
)
"""Every gotcha, in the order the gallery lists them."""

BY_KEY: dict[str, Gotcha] = {item.key: item for item in GOTCHAS}


def gotcha(key: str) -> Gotcha:
    """The gotcha called ``key``; KeyError naming the known keys for an unknown one."""
    try:
        return BY_KEY[key]
    except KeyError:
        raise KeyError(f"Unknown gotcha '{key}': choose one of {', '.join(BY_KEY)}.") from None
