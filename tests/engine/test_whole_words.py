"""The engine says what it means: helpers return small frozen dataclasses, not tuples of four
or five values to unpack in the right order, and its variables are whole words."""

import ast
import dataclasses
from pathlib import Path

import numpy as np

from engine.ops.blurpool import check_blur
from engine.ops.gather import gather_pool
from engine.ops.lppool import prepare_lp
from engine.ops.same_padding import same_pads
from engine.ops.soft_pool import softmax_parts
from engine.pooling.kinds.base import windowed
from engine.pooling.kinds.pytorch import depth_window
from engine.pooling.parameters import PoolParams

ROOT = Path(__file__).resolve().parents[2]
IMAGE = np.arange(48.0).reshape(1, 6, 8)


def is_frozen_dataclass(value) -> bool:
    return dataclasses.is_dataclass(value) and type(value).__dataclass_params__.frozen


def test_helpers_return_frozen_dataclasses_not_tuples():
    # Regression: these returned plain 4- and 5-tuples that every caller unpacked by position.
    gathered = gather_pool("soft_pool2d", IMAGE, 2, 2, 0, False)
    block = gathered.block(next(iter(gathered.row_blocks())))
    params = PoolParams("max", (3, 2), (2, 1), (1, 1), (2, 1), True)
    results = {
        "check_blur": check_blur(IMAGE, 2, 2, 3),
        "same_pads": same_pads("max_pool2d_same", IMAGE, 3, 2),
        "softmax_parts": softmax_parts(block),
        "prepare_lp": prepare_lp("lp_pool2d", 2, IMAGE, 2.0, 2, 2, False, False),
        "depth_window": depth_window(params),
        "windowed": windowed(params),
    }
    assert {name: is_frozen_dataclass(value) for name, value in results.items()} == dict.fromkeys(
        results, True
    )


def test_window_settings_are_named_keywords():
    params = PoolParams("max", (3, 2), (2, 1), (1, 1), (2, 1), True, depth_kernel=4)
    assert windowed(params).keywords() == {
        "kernel_size": (3, 2),
        "stride": (2, 1),
        "padding": (1, 1),
        "dilation": (2, 1),
        "ceil_mode": True,
    }
    window = depth_window(params)
    assert window.kernel_size == (4, 3, 2) and window.keywords("stride") == {"stride": (2, 2, 1)}


ABBREVIATIONS = {"k", "s", "d", "p", "g", "j", "n", "pad", "kh", "kw", "sh", "sw", "ph", "pw"}
"""Names the engine spells out: kernel, stride, dilation, padding, low/high, length, ..."""


def abbreviated_names(source: str) -> list[tuple[int, str]]:
    """(line, name) of every variable or argument named by an abbreviation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        name = node.id if isinstance(node, ast.Name) else getattr(node, "arg", None)
        if isinstance(node, ast.Name | ast.arg) and name in ABBREVIATIONS:
            found.append((node.lineno, name))
    return sorted(found)


def test_engine_variables_are_whole_words():
    offenders = {
        str(path.relative_to(ROOT)): names
        for path in ROOT.joinpath("engine").rglob("*.py")
        if (names := abbreviated_names(path.read_text()))
    }
    assert offenders == {}


def test_the_name_check_would_catch_an_abbreviation():
    source = "def f(k, stride):\n    return [pad for pad in k]\n"
    assert abbreviated_names(source) == [(1, "k"), (2, "k"), (2, "pad"), (2, "pad")]
    assert abbreviated_names("kernel = padding = 1\n") == []
