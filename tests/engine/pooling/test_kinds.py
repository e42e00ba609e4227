"""The registry: each kind declared once, and nothing outside it asks for a kind by name."""

import ast
from pathlib import Path

import numpy as np
import pytest

from engine.pooling.kinds import KINDS, kind_of
from engine.pooling.parameters import PARAMETERS, PoolParams
from engine.pooling.pipeline import run_pool

ROOT = Path(__file__).resolve().parents[3]


def kind_name_comparisons(source: str) -> list[int]:
    """Lines where a kind's name (a string literal) is compared with ==, !=, in or not in."""

    def names_in(node) -> bool:
        if isinstance(node, ast.Constant):
            return node.value in KINDS
        if isinstance(node, ast.Tuple | ast.List | ast.Set):
            return any(names_in(element) for element in node.elts)
        return False

    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) for op in node.ops
        ):
            if names_in(node.left) or any(names_in(side) for side in node.comparators):
                lines.append(node.lineno)
    return lines


def test_no_module_outside_the_registry_compares_a_kind_name():
    sources = [*ROOT.joinpath("engine").rglob("*.py"), *ROOT.joinpath("gui").rglob("*.py")]
    sources.append(ROOT / "main.py")
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sources
        if "kinds" not in path.relative_to(ROOT).parts
        and (lines := kind_name_comparisons(path.read_text()))
    }
    assert offenders == {}


def test_the_name_check_would_catch_a_comparison():
    assert kind_name_comparisons('if params.pool_type == "spp":\n    pass\n') == [1]
    assert kind_name_comparisons('ok = kind in ("avg", "adaptive_avg")\n') == [1]
    assert kind_name_comparisons('labels = {"max": 1}\n') == []


def test_every_kind_declares_known_settings_once():
    labels = [kind.label for kind in KINDS.values()]
    assert len(set(labels)) == len(labels)
    for kind in KINDS.values():
        assert set(kind.parameters) <= set(PARAMETERS), kind.name
        assert len(set(kind.parameters)) == len(kind.parameters), kind.name
        assert kind_of(kind.name) is kind


def test_settings_a_kind_does_not_use_never_reach_its_computation():
    leftovers = PoolParams("lp", (2, 2), (2, 2), padding=(1, 1), dilation=(3, 3), mix=0.1)
    effective = kind_of(leftovers).effective(leftovers)
    assert effective.padding == (0, 0) and effective.dilation == (1, 1)
    # Keras has neither symmetric padding nor ceil mode; PyTorch has no 'same' padding.
    keras = PoolParams(
        "max", (3, 3), (2, 2), (1, 1), ceil_mode=True, same_padding=True, framework="keras"
    )
    assert kind_of(keras).effective(keras).padding == (0, 0)
    assert not kind_of(keras).effective(keras).ceil_mode
    assert kind_of(keras).effective(keras).same_padding
    torch = keras.replace(framework="torch")
    assert not kind_of(torch).effective(torch).same_padding
    assert kind_of(torch).effective(torch).padding == (1, 1)
    # Left over from max, 'same' padding must not switch off mixed pooling's padding.
    mixed = PoolParams("mixed", (3, 3), (2, 2), (1, 1), same_padding=True)
    assert kind_of(mixed).effective(mixed).padding == (1, 1)
    image = np.random.default_rng(1).random((1, 9, 9))
    assert run_pool(image, mixed).output.shape == (1, 5, 5)


def test_unknown_kind_is_refused_in_words():
    with pytest.raises(ValueError, match="Unknown pooling type 'median'"):
        kind_of("median")


def test_display_levels_always_have_a_finite_positive_span():
    # Regression (fuzz): 1e300 constants, -1e308 beside 1e308 and subnormal matrices gave a
    # zero or infinite span, and the picture's scaling overflowed.
    from engine.pooling.display import data_range

    for values in ([1e300, 1e300], [-1e308, 1e308], [5e-324, 1e-320, -1e-320], [7.0, 7.0]):
        low, high = data_range(np.array(values))
        assert np.isfinite(high - low) and high - low > 0, values
        assert 255.0 / (high - low) < np.inf


def test_symmetric_levels_of_extreme_gradients_stay_finite():
    from engine.pooling.display import symmetric_range

    for values in ([1e308, -1e308], [0.0, 0.0], [np.nan, 1e-320], [np.inf, 2.0]):
        low, high = symmetric_range(np.array(values))
        assert low == -high and 0 < high - low < np.inf, values
