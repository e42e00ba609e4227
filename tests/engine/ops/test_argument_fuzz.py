"""Every public op, forward and backward, under a few thousand random and hostile arguments.

Each call must either return arrays of the documented shape or raise PoolingError; anything
else (IndexError, OverflowError, TypeError, a raw NumPy message, MemoryError) is a bug. The
memory budget is set small so that arguments asking for gigabytes are refused quickly.
"""

from __future__ import annotations

import math
import time
import warnings

import numpy as np
import pytest

from engine import extra_pools as X
from engine import functional as F
from engine.errors import PoolingError
from engine.ops.memory import set_memory_budget
from tests.engine.reference import output_length

CALLS_PER_OP = 150
"""Random forward calls per public op (each followed by its backward, if any): 30 forward
and 27 backward ops, so about 8500 calls in all."""

HOSTILE = [
    -(10**30),
    -5,
    -1,
    0,
    10**30,
    2**31,
    2**63,
    2.0,
    2.5,
    math.nan,
    math.inf,
    "2",
    "no",
    "",
    None,
    True,
    False,
    [],
    (),
    (2, 3, 4),
    (None, 2),
    (2.0, 1),
    ("a", 1),
    np.float64(2.0),
    np.bool_(True),
    np.array([]),
    np.array([[2]]),
    np.array([2.0]),
    np.array(["a"]),
    object(),
    {"a": 1},
    complex(2, 1),
    slice(2),
]
"""Values no size, flag or rate should accept silently (some are refused, a few are fine)."""


def size_value(rng: np.random.Generator, small: int = 3, low: int = 1, dims: int = 2):
    """Mostly plausible sizes in the forms torch accepts, sometimes hostile ones (the tuple
    forms hold ``dims`` entries)."""
    if rng.random() < 0.06:
        return HOSTILE[rng.integers(len(HOSTILE))]
    form = rng.integers(6)
    value = int(rng.integers(low, small + 1))
    if form == 0:
        return value
    if form == 1:
        return np.int64(value)
    if form == 2:
        return (value, *(int(rng.integers(low, small + 1)) for _ in range(dims - 1)))
    if form == 3:
        return np.array([value] * dims)
    if form == 4:
        return [value]
    return np.uint8(value)


def flag_value(rng):
    if rng.random() < 0.05:
        return HOSTILE[rng.integers(len(HOSTILE))]
    return [True, False, np.bool_(True), np.bool_(False), 0, 1][rng.integers(6)]


def input_array(rng, spatial_dims: int):
    """A small input, usually valid, sometimes of a hostile type, dtype, shape or value."""
    roll = rng.random()
    if roll < 0.02:
        return [None, [[1.0, 2.0]], 3.0, "x", np.array(1.0)][rng.integers(5)]
    shape = tuple(int(n) for n in rng.integers(1, 10, spatial_dims))
    leading = [(2,), (1, 2), (2, 1)][rng.integers(3)]
    if roll < 0.04:
        leading = [(), (1, 1, 1), (0,)][rng.integers(3)]
    dtype = [np.float32, np.float64, np.float16, np.uint8, np.int64, np.uint64, bool]
    if roll > 0.98:
        dtype = [np.complex128, object, "U1"]
    dtype = dtype[rng.integers(len(dtype))]
    values = rng.normal(0, 3, leading + shape)
    if np.dtype(dtype).kind == "f":
        values[rng.random(values.shape) < 0.1] = [np.nan, np.inf, -np.inf][rng.integers(3)]
    elif np.dtype(dtype).kind in "iu":
        info = np.iinfo(dtype)
        values = rng.integers(info.min, info.max, values.shape, dtype=dtype, endpoint=True)
    return np.asarray(values).astype(dtype)


def as_sizes(value, dims: int) -> tuple[int, ...]:
    """The tuple an op that accepted ``value`` must have read it as."""
    if np.ndim(value) == 0:
        return (int(value),) * dims
    items = tuple(int(item) for item in np.asarray(value).ravel())
    return items * dims if len(items) == 1 else items


def pool_shape(x, dims, kernel_size, stride, padding=0, dilation=1, ceil_mode=False):
    kernel = as_sizes(kernel_size, dims)
    strides = kernel if stride is None or np.size(stride) == 0 else as_sizes(stride, dims)
    pads, dilations = as_sizes(padding, dims), as_sizes(dilation, dims)
    spatial = tuple(
        output_length(n, k, s, p, d, bool(ceil_mode))
        for n, k, s, p, d in zip(x.shape[-dims:], kernel, strides, pads, dilations)
    )
    return x.shape[:-dims] + spatial


def adaptive_shape(x, dims, output_size):
    if np.ndim(output_size) == 0:
        sizes = (int(output_size),) * dims
    else:
        sizes = tuple(output_size) * (dims if len(output_size) == 1 else 1)
    spatial = tuple(n if s is None else int(s) for n, s in zip(x.shape[-dims:], sizes))
    return x.shape[:-dims] + spatial


def unpool_shape(x, dims, kernel, stride, padding, output_size):
    if output_size is not None:
        return x.shape[:-dims] + tuple(int(n) for n in output_size)[-dims:]
    kernel = as_sizes(kernel, dims)
    strides = kernel if stride is None or np.size(stride) == 0 else as_sizes(stride, dims)
    pads = as_sizes(padding, dims)
    spatial = tuple(
        (n - 1) * s + k - 2 * p for n, k, s, p in zip(x.shape[-dims:], kernel, strides, pads)
    )
    return x.shape[:-dims] + spatial


def same_shape(x, kernel, stride):
    strides = as_sizes(kernel if stride is None or np.size(stride) == 0 else stride, 2)
    return x.shape[:-2] + tuple(-(-n // s) for n, s in zip(x.shape[-2:], strides))


def blur_shape(x, kernel, stride):
    kernel, strides = as_sizes(kernel, 2), as_sizes(stride, 2)
    dense = [n - k + 1 for n, k in zip(x.shape[-2:], kernel)]
    return x.shape[:-2] + tuple((n - 1) // s + 1 for n, s in zip(dense, strides))


def window_args(rng, dims, dilation=True, ceil=True):
    length = max(dims, 2)  # 1D ops get 2-tuples, which they refuse
    kernel = size_value(rng, dims=length)
    args = {
        "kernel_size": kernel,
        "stride": None if rng.random() < 0.3 else size_value(rng, dims=length),
    }
    args["padding"] = size_value(rng, 1, low=0, dims=length)
    if dilation:
        args["dilation"] = size_value(rng, 2, dims=length) if rng.random() < 0.5 else 1
    if ceil:
        args["ceil_mode"] = flag_value(rng)
    return args


def case_max(rng, name, dims):
    args = window_args(rng, dims)
    args["return_indices"] = flag_value(rng)
    window = {key: value for key, value in args.items() if key != "return_indices"}
    return args, lambda x: pool_shape(x, dims, **window)


def case_avg(rng, name, dims):
    args = window_args(rng, dims, dilation=False)
    args["count_include_pad"] = flag_value(rng)
    if dims >= 2 and rng.random() < 0.5:
        args["divisor_override"] = size_value(rng) if rng.random() < 0.8 else None
    expected = lambda x: pool_shape(  # noqa: E731
        x, dims, args["kernel_size"], args["stride"], args["padding"], 1, args["ceil_mode"]
    )
    return args, expected


def case_lp(rng, name, dims):
    norm = [1, 2, 2.5, np.float32(3), 0, -1][rng.integers(6)] if rng.random() < 0.85 else None
    norm = HOSTILE[rng.integers(len(HOSTILE))] if norm is None else norm
    args = {
        "norm_type": norm,
        "kernel_size": size_value(rng, dims=max(dims, 2)),
        "stride": size_value(rng, dims=max(dims, 2)),
    }
    args["ceil_mode"] = flag_value(rng)
    expected = lambda x: pool_shape(  # noqa: E731
        x, dims, args["kernel_size"], args["stride"], 0, 1, args["ceil_mode"]
    )
    return args, expected


def case_adaptive(rng, name, dims):
    length = max(dims, 2)  # 1D ops get 2-tuples, which they refuse
    output_size = (
        size_value(rng, dims=length) if rng.random() < 0.9 else (None,) * (length - 1) + (2,)
    )
    args = {"output_size": output_size}
    if "max" in name:
        args["return_indices"] = flag_value(rng)
    return args, lambda x: adaptive_shape(x, dims, output_size)


def case_unpool(rng, name, dims):
    length = max(dims, 2)
    args = {
        "kernel_size": size_value(rng, dims=length),
        "stride": size_value(rng, dims=length),
        "padding": size_value(rng, 1, low=0, dims=length),
    }
    if rng.random() < 0.4:
        args["output_size"] = [size_value(rng, 12) for _ in range(dims)]
    expected = lambda x: unpool_shape(  # noqa: E731
        x, dims, args["kernel_size"], args["stride"], args["padding"], args.get("output_size")
    )
    return args, expected


def case_fractional(rng, name, dims):
    args = {"kernel_size": size_value(rng, 2, dims=dims)}
    if rng.random() < 0.7:
        args["output_size"] = size_value(rng, 4, dims=dims)
    else:
        args["output_ratio"] = [0.5, (0.3, 0.9, 0.6)[:dims], 0.05, 1.5, "x", np.float32(0.7)][
            rng.integers(6)
        ]
    if not name.endswith("backward"):
        args["return_indices"] = flag_value(rng)
    roll = rng.random()
    if roll < 0.6:
        args["_random_samples"] = rng.random((2, 2, dims))  # the inputs have N, C <= 2
    elif roll < 0.8:
        args["generator"] = np.random.default_rng(int(rng.integers(9)))
    elif roll < 0.9:
        args["_random_samples"] = [np.ones((2, 2, dims)), "u", rng.random((2, 2, 1))][
            rng.integers(3)
        ]

    def expected(x):
        spatial = x.shape[-dims:]
        if "output_size" in args:
            sizes = as_sizes(args["output_size"], dims)
        else:
            ratios = np.broadcast_to(np.asarray(args["output_ratio"], dtype=float), (dims,))
            sizes = tuple(int(n * r) for n, r in zip(spatial, ratios))
        return x.shape[:-dims] + sizes

    return args, expected


def case_global(rng, name, dims):
    args = {"return_indices": flag_value(rng)} if "max" in name else {}
    return args, lambda x: x.shape[:-2] + (1, 1)


def case_min(rng, name, dims):
    return case_max(rng, name, 2)


def case_mixed(rng, name, dims):
    args = window_args(rng, 2, dilation=False, ceil=False)
    args["mix"] = [0, 0.3, 1, np.float32(0.5), 1.5, -0.1][rng.integers(6)]
    if rng.random() < 0.2:
        args["mix"] = HOSTILE[rng.integers(len(HOSTILE))]
    return args, lambda x: pool_shape(x, 2, args["kernel_size"], args["stride"], args["padding"])


def case_soft(rng, name, dims):
    args = window_args(rng, 2, dilation=False)
    expected = lambda x: pool_shape(  # noqa: E731
        x, 2, args["kernel_size"], args["stride"], args["padding"], 1, args["ceil_mode"]
    )
    return args, expected


def case_stochastic(rng, name, dims):
    args = window_args(rng, 2, dilation=False, ceil=False)
    args["training"] = flag_value(rng)
    args["seed"] = size_value(rng, 9)
    if not name.endswith("backward"):
        args["return_indices"] = flag_value(rng)
    return args, lambda x: pool_shape(x, 2, args["kernel_size"], args["stride"], args["padding"])


def case_blur(rng, name, dims):
    blur = [2, 3, 5, 6, 1, 3.9, np.int64(4)][rng.integers(7)]
    args = {"kernel_size": size_value(rng), "stride": size_value(rng), "blur_size": blur}
    return args, lambda x: blur_shape(x, args["kernel_size"], args["stride"])


def case_pyramid(rng, name, dims):
    levels = [(4, 2, 1), [3], (np.int64(2),), np.array([2, 1]), (2, 0), [4.7], "42", (10**30,)]
    levels += [3, (), [2**20]]
    modes = ["max", "avg", "max", "avg", "min", 2, None, ["max"]]
    args = {"levels": levels[rng.integers(len(levels))], "mode": modes[rng.integers(len(modes))]}
    count = lambda: sum(int(level) ** 2 for level in args["levels"])  # noqa: E731
    return args, lambda x: x.shape[:-2] + (count(),)


def case_same(rng, name, dims):
    args = {
        "kernel_size": size_value(rng),
        "stride": None if rng.random() < 0.3 else size_value(rng),
    }
    if name == "max_pool2d_same":
        args["return_indices"] = flag_value(rng)
    return args, lambda x: same_shape(x, args["kernel_size"], args["stride"])


CASES = {
    "max_pool1d": (F, case_max, 1),
    "max_pool2d": (F, case_max, 2),
    "avg_pool1d": (F, case_avg, 1),
    "avg_pool2d": (F, case_avg, 2),
    "lp_pool1d": (F, case_lp, 1),
    "lp_pool2d": (F, case_lp, 2),
    "adaptive_max_pool1d": (F, case_adaptive, 1),
    "adaptive_max_pool2d": (F, case_adaptive, 2),
    "adaptive_avg_pool1d": (F, case_adaptive, 1),
    "adaptive_avg_pool2d": (F, case_adaptive, 2),
    "max_unpool1d": (F, case_unpool, 1),
    "max_unpool2d": (F, case_unpool, 2),
    "max_pool3d": (F, case_max, 3),
    "avg_pool3d": (F, case_avg, 3),
    "lp_pool3d": (F, case_lp, 3),
    "adaptive_max_pool3d": (F, case_adaptive, 3),
    "adaptive_avg_pool3d": (F, case_adaptive, 3),
    "max_unpool3d": (F, case_unpool, 3),
    "fractional_max_pool2d": (F, case_fractional, 2),
    "fractional_max_pool3d": (F, case_fractional, 3),
    "global_max_pool2d": (X, case_global, 2),
    "global_avg_pool2d": (X, case_global, 2),
    "min_pool2d": (X, case_min, 2),
    "mixed_pool2d": (X, case_mixed, 2),
    "soft_pool2d": (X, case_soft, 2),
    "stochastic_pool2d": (X, case_stochastic, 2),
    "blur_max_pool2d": (X, case_blur, 2),
    "spatial_pyramid_pool2d": (X, case_pyramid, 2),
    "max_pool2d_same": (X, case_same, 2),
    "avg_pool2d_same": (X, case_same, 2),
}


def hostile_gradient(rng, shape):
    """The right gradient for ``shape`` most of the time, else something wrong with it."""
    roll = rng.random()
    if shape is None or roll < 0.15:
        return [None, "g", [[1.0], [1.0, 2.0]], np.ones((2, 3)), np.ones(1, complex)][
            rng.integers(5)
        ]
    if roll < 0.25:
        return np.ones(tuple(n + 1 for n in shape))
    dtype = [np.float64, np.float32, np.int64][rng.integers(3)]
    return rng.normal(size=shape).astype(dtype)


def hostile_indices(rng, indices, shape):
    roll = rng.random()
    if roll < 0.5 and indices is not None:
        return indices
    if roll < 0.6:
        return None
    return [99, -5, np.full(shape or (1,), 10**6), np.zeros(shape or (1,)), "i", [[0], [1, 2]]][
        rng.integers(6)
    ]


def call(function, *args, **kwargs):
    """``function(*args, **kwargs)``, or the PoolingError it raised (any other error raises)."""
    try:
        return function(*args, **kwargs)
    except PoolingError as error:
        return error


def check_result(name, result, shape, arguments):
    arrays = result if isinstance(result, tuple) else (result,)
    for array in arrays:
        assert isinstance(array, np.ndarray), (name, arguments)
        assert array.shape == shape, (name, array.shape, shape, arguments)


def run_op(rng, name, calls):
    module, make_case, dims = CASES[name]
    forward = getattr(module, name)
    backward = getattr(module, name + "_backward", None)
    for _ in range(calls):
        x = input_array(rng, dims)
        arguments, expected = make_case(rng, name, dims)
        if name.startswith("max_unpool"):
            indices = x
            if isinstance(x, np.ndarray) and x.dtype.kind in "fiub":
                indices = x.astype(np.int64) if rng.random() < 0.3 else np.zeros(x.shape, int)
            result = call(forward, x, indices, **arguments)
            if not isinstance(result, PoolingError):
                check_result(name, result, expected(x), arguments)
            continue
        result = call(forward, x, **arguments)
        shape = None
        indices = None
        if not isinstance(result, PoolingError):
            shape = expected(x)
            check_result(name, result, shape, arguments)
            if isinstance(result, tuple):
                indices = result[1]
        if backward is None:
            continue
        backward_arguments = {
            key: value for key, value in arguments.items() if key != "return_indices"
        }
        if "indices" in backward.__code__.co_varnames:
            backward_arguments["indices"] = hostile_indices(rng, indices, shape)
        gradient = call(backward, hostile_gradient(rng, shape), x, **backward_arguments)
        if not isinstance(gradient, PoolingError):
            check_result(name + "_backward", gradient, x.shape, backward_arguments)


@pytest.fixture
def small_memory_budget():
    set_memory_budget(64 * 2**20)
    yield
    set_memory_budget(None)


def test_every_op_returns_the_documented_shape_or_raises_pooling_error(small_memory_budget):
    rng = np.random.default_rng(15)
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NaN and inf inputs warn, as NumPy does
        for name in CASES:
            run_op(rng, name, CALLS_PER_OP)
    assert time.perf_counter() - start < 30


IMAGE = np.random.default_rng(1).random((2, 6, 6)).astype(np.float32)

REFUSALS = [
    ("numpy_array_stride", lambda: F.max_pool2d(IMAGE, 2, stride=np.array([])), "stride"),
    ("string_ceil_mode", lambda: F.max_pool2d(IMAGE, 2, ceil_mode="no"), "ceil_mode"),
    ("float_kernel", lambda: F.avg_pool2d(IMAGE, 2.0), "kernel_size"),
    ("huge_kernel", lambda: F.max_pool2d(IMAGE, 10**30), "kernel_size"),
    ("huge_stride", lambda: F.max_pool1d(IMAGE[0], 2, -(10**30)), "stride"),
    ("bool_kernel", lambda: F.max_pool2d(IMAGE, True), "kernel_size"),
    ("none_kernel", lambda: F.avg_pool1d(IMAGE[0], None), "kernel_size"),
    ("string_kernel", lambda: F.max_pool2d(IMAGE, "22"), "kernel_size"),
    ("string_indices_flag", lambda: F.max_pool2d(IMAGE, 2, return_indices="yes"), "return_indices"),
    ("float_blur_size", lambda: X.blur_max_pool2d(IMAGE, 2, 2, 3.9), "blur_size"),
    ("float_level", lambda: X.spatial_pyramid_pool2d(IMAGE, [4.7]), "levels"),
    ("string_levels", lambda: X.spatial_pyramid_pool2d(IMAGE, "42"), "levels"),
    ("list_mode", lambda: X.spatial_pyramid_pool2d(IMAGE, (2,), ["max"]), "mode"),
    ("string_mix", lambda: X.mixed_pool2d(IMAGE, 2, mix="a"), "mix"),
    ("none_mix", lambda: X.mixed_pool2d(IMAGE, 2, mix=None), "mix"),
    ("nan_mix", lambda: X.mixed_pool2d(IMAGE, 2, mix=float("nan")), "mix"),
    ("complex_norm", lambda: F.lp_pool2d(IMAGE, complex(2, 1), 2), "norm_type"),
    ("huge_norm", lambda: F.lp_pool2d(IMAGE, 10**400, 2), "norm_type"),
    ("float_output_size", lambda: F.adaptive_avg_pool2d(IMAGE, 2.5), "output_size"),
    ("huge_output_size", lambda: F.adaptive_max_pool1d(IMAGE[0], 2**40), "output_size"),
    ("float_unpool_size", lambda: F.max_unpool1d(IMAGE[0], IMAGE[0] * 0, 1), "indices"),
    (
        "truncated_unpool_size",
        lambda: F.max_unpool1d(np.ones((2, 6)), np.zeros((2, 6), int), 1, output_size=[6.7]),
        "output_size",
    ),
    ("huge_divisor", lambda: F.avg_pool2d(IMAGE, 2, divisor_override=10**30), "divisor_override"),
    ("negative_seed", lambda: X.stochastic_pool2d(IMAGE, 2, seed=-1), "seed"),
    ("string_training", lambda: X.stochastic_pool2d(IMAGE, 2, training="no"), "training"),
    ("none_same_kernel", lambda: X.max_pool2d_same(IMAGE, None), "kernel_size"),
]


@pytest.mark.parametrize(("case", "call", "parameter"), REFUSALS, ids=[c for c, _, _ in REFUSALS])
def test_hostile_arguments_raise_pooling_error_naming_the_parameter(case, call, parameter):
    with pytest.raises(PoolingError, match=parameter):
        call()


def test_numpy_scalars_arrays_and_bools_are_fine_arguments():
    plain = F.max_pool2d(IMAGE, 3, 2, 1, 1, True, True)
    numpy = F.max_pool2d(
        IMAGE, np.int64(3), np.array([2, 2]), np.uint8(1), (np.int32(1), 1), np.bool_(True), 1
    )
    np.testing.assert_array_equal(plain[0], numpy[0])
    np.testing.assert_array_equal(plain[1], numpy[1])
    np.testing.assert_array_equal(
        F.adaptive_avg_pool2d(IMAGE, np.int64(3)), F.adaptive_avg_pool2d(IMAGE, (3, 3))
    )
    assert X.spatial_pyramid_pool2d(IMAGE, np.array([2, 1])).shape == (2, 5)
    assert X.mixed_pool2d(IMAGE, 2, mix=np.float32(0.5)).shape == (2, 3, 3)
    assert F.lp_pool2d(IMAGE, np.int64(2), 2).shape == (2, 3, 3)
