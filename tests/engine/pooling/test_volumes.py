"""Volumes (C, D, H, W): the kinds with a 3D pool, through the pipeline, against PyTorch's 3D
pools, and the depth windows the window draws against the engine's arg-max."""

import numpy as np
import pytest

from engine.errors import PoolingError
from engine.pooling.kinds import KINDS
from engine.pooling.layouts import FRACTIONAL
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import (
    depth_window,
    depths_containing,
    formula_lines,
    run_backward,
    run_pool,
    validate,
    window_of,
)

VOLUME_KINDS = [name for name, kind in KINDS.items() if kind.volume is not None]


def random_case(rng, kind: str):
    depth, height, width = (int(side) for side in rng.integers(5, 11, size=3))
    kernel = int(rng.integers(1, 4))
    params = PoolParams(
        kind,
        kernel_size=(kernel, int(rng.integers(1, 4))),
        stride=(int(rng.integers(1, 3)), int(rng.integers(1, 3))),
        padding=(kernel // 2, 0) if kind in ("max", "avg") else (0, 0),
        ceil_mode=bool(rng.integers(2)) if kind in ("max", "avg", "lp") else False,
        output_size=(int(rng.integers(1, 4)), int(rng.integers(1, 4))),
        depth_kernel=int(rng.integers(1, 3)),
        depth_stride=int(rng.integers(1, 3)),
        depth_padding=int(rng.integers(0, 2)) if kind in ("max", "avg") else 0,
        depth_dilation=int(rng.integers(1, 3)) if kind == "max" else 1,
        depth_output=int(rng.integers(1, 3)),
        seed=int(rng.integers(100)),
    )
    if params.depth_padding > params.depth_kernel // 2:
        params = params.replace(depth_padding=0)
    volume = rng.integers(0, 4, size=(2, depth, height, width)).astype(np.float64)
    if kind == "lp":
        volume += 0.5
    return volume, params


def torch_3d(torch, kind: str, x, params: PoolParams, samples=None):
    functional = torch.nn.functional
    kernel = (params.depth_kernel, *params.kernel_size)
    stride = (params.depth_stride, *params.stride)
    padding = (params.depth_padding, *params.padding)
    output = (params.depth_output, *params.output_size)
    if kind == "max":
        dilation = (params.depth_dilation, *params.dilation)
        return functional.max_pool3d(x, kernel, stride, padding, dilation, params.ceil_mode)
    if kind == "avg":
        return functional.avg_pool3d(
            x, kernel, stride, padding, params.ceil_mode, params.count_include_pad
        )
    if kind == "lp":
        return functional.lp_pool3d(x, params.norm_type, kernel, stride, params.ceil_mode)
    if kind == "adaptive_max":
        return functional.adaptive_max_pool3d(x, output)
    if kind == "adaptive_avg":
        return functional.adaptive_avg_pool3d(x, output)
    return functional.fractional_max_pool3d(x, kernel, output_size=output, _random_samples=samples)


@pytest.mark.parametrize("kind", VOLUME_KINDS)
def test_volumes_match_torchs_3d_pools_forward_and_backward(kind):
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(len(kind))
    checked = 0
    for _ in range(40):
        volume, params = random_case(rng, kind)
        width, height, depth = FRACTIONAL.samples(params)
        samples = torch.tensor([depth, height, width]).expand(1, 2, 3)
        x = torch.tensor(volume[np.newaxis], requires_grad=True)
        try:
            expected = torch_3d(torch, kind, x, params, samples)
        except RuntimeError:
            with pytest.raises(PoolingError):
                run_pool(volume, params)
            continue
        result = run_pool(volume, params)
        np.testing.assert_allclose(result.output, expected[0].detach().numpy(), rtol=1e-12)
        upstream = rng.standard_normal(expected.shape)
        expected.backward(torch.tensor(upstream))
        gradient = run_backward(volume, result, upstream[0])
        np.testing.assert_allclose(gradient, x.grad[0].numpy(), rtol=1e-10, atol=1e-12)
        checked += 1
    assert checked >= 20


@pytest.mark.parametrize("kind", ["max", "adaptive_max", "fractional_max"])
def test_the_depth_and_plane_windows_drawn_hold_the_arg_max(kind):
    rng = np.random.default_rng(3)
    for _ in range(30):
        volume, params = random_case(rng, kind)
        try:
            result = run_pool(volume, params)
        except PoolingError:
            continue
        depth_out, height_out, width_out = result.output.shape[1:]
        plane = volume.shape[2] * volume.shape[3]
        for depth in range(depth_out):
            depths = depth_window(params, volume.shape, depth)
            for row in range(height_out):
                for col in range(width_out):
                    window = window_of(params, volume.shape, row, col)
                    flat = int(result.indices[0, depth, row, col])
                    chosen_depth, rest = divmod(flat, plane)
                    assert chosen_depth in depths
                    real = {(row_, col_) for row_, col_, padding in window.cells() if not padding}
                    assert divmod(rest, volume.shape[3]) in real
                    assert depth in depths_containing(params, volume.shape, chosen_depth)


def test_a_volume_refuses_kinds_and_frameworks_without_3d_pools_in_words():
    volume = (4, 6, 6, 6)
    with pytest.raises(PoolingError, match="Min pooling has no 3D form"):
        validate(PoolParams("min"), (1, *volume[1:]))
    with pytest.raises(PoolingError, match="choose the PyTorch framework"):
        validate(PoolParams("max", framework="keras"), (1, *volume[1:]))
    with pytest.raises(PoolingError, match="Depth padding 2 is too large"):
        validate(PoolParams("max", depth_kernel=3, depth_padding=2), (1, *volume[1:]))
    lines = formula_lines(PoolParams("max", depth_kernel=3, depth_stride=1), (1, 6, 8, 8))
    assert lines[0].startswith("D_out = floor((D + 2p") and lines[0].endswith("= 4")
    assert lines[-1].startswith("1 x 6 x 8 x 8 (C x D x H x W) = 384 elements in, 1 x 4 x 4 x 4")
