"""One output cell's arithmetic in words comes from the kind's reduction, never from a view's
if-chain over the reductions (whose last branch once called every other kind a blur)."""

import ast
from pathlib import Path

import numpy as np
import pytest

from engine.pooling.kinds import KINDS, CellNumbers, Reduction, kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from engine.pooling.steps import StepSequence

ROOT = Path(__file__).resolve().parents[3]
VALUES = np.array([1.0, 3.0, 2.0, 0.5])


def sentence(reduction: Reduction, cell: CellNumbers, params: PoolParams | None = None) -> str:
    arithmetic = reduction.describe(cell, params or PoolParams())
    return f"{arithmetic.before}<b>R</b>{arithmetic.after}"


def test_every_reduction_describes_its_own_arithmetic():
    for reduction in Reduction:
        arithmetic = reduction.describe(CellNumbers(VALUES, divisor=4.0), PoolParams())
        assert arithmetic.before, reduction


@pytest.mark.parametrize(
    ("reduction", "cell", "params", "expected"),
    [
        (Reduction.MAXIMUM, CellNumbers(VALUES), PoolParams(), "max(1, 3, 2, 0.5) = <b>R</b>"),
        (
            Reduction.MAXIMUM,
            CellNumbers(VALUES, padding=2),
            PoolParams(),
            "max(1, 3, 2, 0.5) (+2 padding cells at -inf) = <b>R</b>",
        ),
        (
            Reduction.MINIMUM,
            CellNumbers(VALUES, padding=1),
            PoolParams(),
            "min(1, 3, 2, 0.5) (+1 padding cells at +inf) = <b>R</b>",
        ),
        (
            Reduction.AVERAGE,
            CellNumbers(VALUES, total=6.5, divisor=4.0),
            PoolParams(),
            "sum(1, 3, 2, 0.5) = 6.5; divisor 4; 6.5 / 4 = <b>R</b>",
        ),
        (
            Reduction.POWER_AVERAGE,
            CellNumbers(VALUES),
            PoolParams("lp", norm_type=3.0),
            "(sum of x^3 over (1, 3, 2, 0.5) x 2x2 / 4 cells)^(1/3) = <b>R</b>",
        ),
        (
            Reduction.POWER_AVERAGE,
            CellNumbers(VALUES[:2], dimensions=1),
            PoolParams("lp", (1, 2)),
            "(sum of x^2 over (1, 3) x 2 / 2 cells)^(1/2) = <b>R</b>",
        ),
        (
            Reduction.SOFTMAX_AVERAGE,
            CellNumbers(VALUES),
            PoolParams(),
            "sum(e^x · x) / sum(e^x) over (1, 3, 2, 0.5) = <b>R</b>",
        ),
        (
            Reduction.RANDOM_PICK,
            CellNumbers(VALUES, chose_cell=True),
            PoolParams(),
            "picked from (1, 3, 2, 0.5) with probability x / sum(x) of the positive values: "
            "<b>R</b>",
        ),
        (
            Reduction.RANDOM_PICK,
            CellNumbers(VALUES),
            PoolParams(inference=True),
            "sum(x²) / sum(x) over the positive values of (1, 3, 2, 0.5) = <b>R</b>",
        ),
        (
            Reduction.MIXED,
            CellNumbers(VALUES),
            PoolParams(mix=0.25),
            "0.25 x max + (1 - 0.25) x average of (1, 3, 2, 0.5) = <b>R</b> (the maximum is 3)",
        ),
    ],
)
def test_the_sentences_users_saw_stay_the_same(reduction, cell, params, expected):
    assert sentence(reduction, cell, params) == expected


def test_blurmax_says_it_blurs_the_maxima_of_stride_one_windows():
    params = PoolParams("blurmax", (2, 2), (2, 2), blur_size=3)
    text = sentence(Reduction.BLURRED_MAXIMUM, CellNumbers(VALUES), params)
    assert text == (
        "the [1, 2, 1]/4 blur, along rows and columns, of the 3x3 maxima of 2x2 windows at "
        "stride 1 (reflected at the edges) over (1, 3, 2, 0.5) = <b>R</b>"
    )
    five = sentence(Reduction.BLURRED_MAXIMUM, CellNumbers(VALUES), params.replace(blur_size=5))
    assert "[1, 4, 6, 4, 1]/16" in five and "5x5 maxima" in five


def test_only_blurmax_is_described_as_a_blur():
    # Regression: the info panel's last fallback printed blur text for any reduction it had
    # no branch for; now every kind's sentence is its reduction's own.
    image = np.random.default_rng(0).random((1, 9, 9)).astype(np.float32)
    for kind in KINDS.values():
        params = PoolParams(kind.name, (3, 3), (2, 2), output_size=(3, 3), levels=(2, 1))
        result = run_pool(image, params)
        step = StepSequence(image, result).cell_step(0, 0, 0)
        cell = CellNumbers(
            step.values[0],
            padding=step.window.size - step.window.real_size,
            divisor=step.divisor,
            chose_cell=step.argmax is not None,
        )
        text = kind.arithmetic(cell, result.params).before
        assert ("blur" in text) == (kind.reduction is Reduction.BLURRED_MAXIMUM), kind.name


def test_an_empty_onnx_window_says_there_was_nothing_to_divide_by():
    text = sentence(Reduction.AVERAGE, CellNumbers(np.array([]), padding=4, total=0, divisor=0))
    assert text == "no real cell to divide by (sum() = 0, divisor 0): <b>R</b>"


def test_kind_arithmetic_is_its_reduction_s():
    cell = CellNumbers(VALUES, total=6.5, divisor=4.0)
    for kind in KINDS.values():
        assert kind.arithmetic(cell, PoolParams(kind.name)) == kind.reduction.describe(
            cell, PoolParams(kind.name)
        )
    assert kind_of("avg").arithmetic(cell, PoolParams("avg")).before.startswith("sum(")


def reduction_references(source: str) -> list[int]:
    """Lines that name a :class:`Reduction` member (``Reduction.MAXIMUM``...)."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Reduction"
    ]


def test_no_view_branches_on_a_reduction():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in ROOT.joinpath("gui").rglob("*.py")
        if (lines := reduction_references(path.read_text()))
    }
    assert offenders == {}


def test_the_reduction_check_would_catch_a_branch():
    assert reduction_references("if kind.reduction is Reduction.MIXED:\n    pass\n") == [1]
    assert reduction_references("text = kind.reduction.value\n") == []
