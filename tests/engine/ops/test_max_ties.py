"""The max-pool backward's tie rule: ``"first"`` is PyTorch's, ``"all"`` the textbook mask.

``tie="all"`` is checked by hand-worked cases and against the plain-loop reference
:func:`tests.engine.reference.max_pool_backward_all_volume` on random integer-valued inputs
(so windows tie often) with overlapping windows, padding, dilation, ceil mode, -inf and NaN.
"""

import numpy as np
import pytest

from engine import functional as F
from engine.errors import PoolingError
from engine.ops.windows import pooling_output_size
from tests.engine import reference

BACKWARDS = {1: F.max_pool1d_backward, 2: F.max_pool2d_backward, 3: F.max_pool3d_backward}


def test_every_tied_maximum_gets_the_whole_gradient():
    x = np.array([[[1, 5], [5, 5]]], dtype=np.float64)
    grad = np.full((1, 1, 1), 3.0)
    np.testing.assert_array_equal(F.max_pool2d_backward(grad, x, 2, tie="all"), [[[0, 3], [3, 3]]])
    np.testing.assert_array_equal(F.max_pool2d_backward(grad, x, 2), [[[0, 3], [0, 0]]])


def test_overlapping_windows_add_up_for_every_tied_cell():
    # Every cell of a constant image ties in each of its windows: it gets one gradient per
    # window it lies in (1 in a corner, 2 on an edge, 4 in the middle).
    grad = F.max_pool2d_backward(np.ones((1, 2, 2)), np.ones((1, 3, 3)), 2, 1, tie="all")
    np.testing.assert_array_equal(grad, [[[1, 2, 1], [2, 4, 2], [1, 2, 1]]])


def test_one_to_ten_with_window_three_and_a_tie():
    x = np.array([[1, 3, 3, 4, 6, 6, 7, 8, 9, 10]], dtype=np.float32)
    grad = F.max_pool1d_backward(np.array([[1, 10, 100]], np.float32), x, 3, tie="all")
    np.testing.assert_array_equal(grad, [[0, 1, 1, 0, 10, 10, 0, 0, 100, 0]])


def test_nan_maximum_goes_to_every_nan_of_the_window():
    x = np.array([[[np.nan, 1.0], [np.nan, 5.0]]])
    grad = F.max_pool2d_backward(np.ones((1, 1, 1)), x, 2, tie="all")
    np.testing.assert_array_equal(grad, [[[1, 0], [1, 0]]])


def test_padding_never_receives_and_all_negative_cells_still_do():
    x = np.full((1, 2, 2), -np.inf)
    # Every window's real cells are all -inf, the maximum: each receives from each window.
    grad = F.max_pool2d_backward(np.ones((1, 3, 3)), x, 2, 1, 1, tie="all")
    np.testing.assert_array_equal(grad, np.full((1, 2, 2), 4.0))
    low = np.iinfo(np.int16).min
    grad = F.max_pool2d_backward(np.ones((1, 3, 3)), np.full((1, 2, 2), low), 2, 1, 1, tie="all")
    np.testing.assert_array_equal(grad, np.full((1, 2, 2), 4.0))


def test_window_of_padding_only_sends_nothing():
    x = np.array([[[7.0]]])
    grad = F.max_pool2d_backward(np.full((1, 1, 1), 5.0), x, 2, 1, 1, 2, tie="all")
    np.testing.assert_array_equal(grad, [[[0.0]]])


def test_kernel_with_more_cells_than_windows():
    # The backward loops over windows here instead of kernel offsets: same rule.
    x = np.random.default_rng(0).integers(0, 2, (2, 3, 40, 30)).astype(np.float32)
    grad = np.random.default_rng(1).standard_normal((2, 3, 2, 1)).astype(np.float32)
    result = F.max_pool2d_backward(grad, x, (20, 30), tie="all")
    expected = all_reference(x, grad, (20, 30), (20, 30), (0, 0), (1, 1), False)
    assert result.dtype == np.float32
    np.testing.assert_array_equal(result, expected.astype(np.float32))


def test_first_is_the_default_and_pytorchs_rule():
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(2).integers(0, 3, (2, 3, 9, 8)).astype(np.float64)
    tensor = torch.from_numpy(x).requires_grad_()
    out = torch.nn.functional.max_pool2d(tensor, 3, 2, 1, 1, True)
    grad = np.random.default_rng(3).standard_normal(tuple(out.shape))
    out.backward(torch.from_numpy(grad))
    first = F.max_pool2d_backward(grad, x, 3, 2, 1, 1, True, tie="first")
    np.testing.assert_array_equal(first, F.max_pool2d_backward(grad, x, 3, 2, 1, 1, True))
    np.testing.assert_allclose(first, tensor.grad.numpy(), rtol=0, atol=1e-15)


@pytest.mark.parametrize("tie", ["ALL", "any", "", None, 1, True, ("all",), np.array(["all"])])
def test_unknown_tie_rule_is_refused_naming_tie(tie):
    with pytest.raises(PoolingError, match="tie"):
        F.max_pool2d_backward(np.ones((1, 2, 2)), np.ones((1, 4, 4)), 2, tie=tie)


def test_tie_is_keyword_only_and_refuses_indices():
    x = np.ones((1, 4, 4))
    _, indices = F.max_pool2d(x, 2, return_indices=True)
    with pytest.raises(TypeError):
        F.max_pool2d_backward(np.ones((1, 2, 2)), x, 2, 2, 0, 1, False, indices, "all")
    with pytest.raises(PoolingError, match="tie='all'.*indices"):
        F.max_pool2d_backward(np.ones((1, 2, 2)), x, 2, indices=indices, tie="all")


def all_reference(x, grad, *arguments):
    """The reference ``tie="all"`` gradient of every (N, C) volume of ``x``."""
    return np.array(
        [
            [
                reference.max_pool_backward_all_volume(x[n, c], grad[n, c], *arguments)
                for c in range(x.shape[1])
            ]
            for n in range(x.shape[0])
        ]
    )


def random_case(rng, dims, max_size):
    """A valid random pool configuration and an integer-valued input with -inf and NaN."""
    while True:
        shape = tuple(int(n) for n in rng.integers(1, max_size + 1, dims))
        kernel = tuple(int(n) for n in rng.integers(1, 4, dims))
        stride = tuple(int(n) for n in rng.integers(1, 4, dims))
        padding = tuple(int(rng.integers(0, k // 2 + 1)) for k in kernel)
        dilation = tuple(int(n) for n in rng.integers(1, 3, dims))
        ceil_mode = bool(rng.integers(0, 2))
        sizes = [
            pooling_output_size(*axis, ceil_mode)
            for axis in zip(shape, kernel, stride, padding, dilation)
        ]
        if min(sizes) >= 1:
            break
    x = rng.integers(-2, 3, (2, 2) + shape).astype(np.float64)
    roll = rng.random()
    if roll < 0.3:
        x[rng.random(x.shape) < 0.15] = np.nan
    elif roll < 0.5:
        x[rng.random(x.shape) < 0.3] = -np.inf
    return x, (kernel, stride, padding, dilation, ceil_mode)


@pytest.mark.parametrize(("dims", "cases", "max_size"), [(1, 150, 12), (2, 200, 8), (3, 60, 5)])
def test_all_matches_the_plain_loop_reference(dims, cases, max_size):
    rng = np.random.default_rng(40 + dims)
    forward = {1: F.max_pool1d, 2: F.max_pool2d, 3: F.max_pool3d}[dims]
    for _ in range(cases):
        x, arguments = random_case(rng, dims, max_size)
        grad = rng.integers(1, 9, forward(x, *arguments).shape).astype(np.float64)
        result = BACKWARDS[dims](grad, x, *arguments, tie="all")
        np.testing.assert_array_equal(result, all_reference(x, grad, *arguments), str(arguments))
        # Integers pool as themselves: the same cells tie.
        finite = np.nan_to_num(x, nan=0.0, neginf=-3.0)
        np.testing.assert_array_equal(
            BACKWARDS[dims](grad, finite.astype(np.int8), *arguments, tie="all"),
            BACKWARDS[dims](grad, finite, *arguments, tie="all"),
        )


def test_infinite_and_nan_gradients_reach_only_the_maxima():
    # Regression: a gradient masked by multiplying would turn inf * 0 into NaN elsewhere.
    x = np.array([[[1, 5], [5, 2]]], dtype=np.float32)
    for value in (np.inf, -np.inf, np.nan):
        grad = F.max_pool2d_backward(np.full((1, 1, 1), value, np.float32), x, 2, tie="all")
        np.testing.assert_array_equal(grad, [[[0, value], [value, 0]]])
