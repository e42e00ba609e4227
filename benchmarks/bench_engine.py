"""Engine speed: median times and ratios against a plain loop and PyTorch CPU, in one run.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_engine.py``). PyTorch, when
installed, runs with one thread, float32 NCHW, as the issue asks. The plain loop walks every
output position in Python and reduces each window over all channels at once with NumPy, so it
is the honest "obvious" implementation; it runs once per case because it is slow.

Ratios below 1 mean the engine is faster.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import functional as F  # noqa: E402

CASES = {
    "a": dict(shape=(1, 3, 1024, 1024), kernel=2, stride=2, padding=0),
    "b": dict(shape=(1, 3, 1024, 1024), kernel=3, stride=1, padding=1),
    "c": dict(shape=(1, 64, 256, 256), kernel=3, stride=2, padding=1),
    "e": dict(shape=(1, 1, 512, 512), kernel=2, stride=2, padding=0),
}

# Engine time over torch time that the issue sets as the goal, per operation and case.
GOALS = {
    "max forward": {"a": 0.30, "b": 0.30, "c": 1.0, "e": 0.30},
    "max forward+indices": {"a": 0.60, "b": 0.60, "c": 1.0, "e": 0.60},
    "max backward (indices)": {"a": 1.2, "b": 1.2, "c": 1.0, "e": 1.2},
    "avg forward": {"a": 0.30, "b": 0.30, "c": 1.0, "e": 0.30},
    "avg backward": {"a": 0.50, "b": 0.50, "c": 1.0, "e": 0.50},
}


def median_time(function: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls after one warm-up call, in seconds."""
    function()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def loop_pool(x: np.ndarray, kernel: int, stride: int, padding: int, reduce: str) -> np.ndarray:
    """Plain-loop pooling: one Python iteration per output position."""
    fill = -np.inf if reduce == "max" else 0.0
    padded = np.pad(
        x, ((0, 0), (0, 0), (padding, padding), (padding, padding)), constant_values=fill
    )
    height = (x.shape[2] + 2 * padding - kernel) // stride + 1
    width = (x.shape[3] + 2 * padding - kernel) // stride + 1
    out = np.empty(x.shape[:2] + (height, width), dtype=x.dtype)
    for row in range(height):
        for col in range(width):
            window = padded[
                :, :, row * stride : row * stride + kernel, col * stride : col * stride + kernel
            ]
            if reduce == "max":
                out[:, :, row, col] = window.max(axis=(2, 3))
            else:
                out[:, :, row, col] = window.sum(axis=(2, 3)) / (kernel * kernel)
    return out


def loop_max_backward(grad: np.ndarray, x: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Plain-loop max backward: one Python iteration per output position."""
    planes = grad.shape[0] * grad.shape[1]
    grad_input = np.zeros(planes * x.shape[2] * x.shape[3], dtype=grad.dtype)
    flat_grad = grad.reshape(planes, -1)
    flat_indices = indices.reshape(planes, -1) + (
        np.arange(planes)[:, None] * x.shape[2] * x.shape[3]
    )
    for position in range(flat_grad.shape[1]):
        np.add.at(grad_input, flat_indices[:, position], flat_grad[:, position])
    return grad_input.reshape(x.shape)


def bench_case(name: str, rng: np.random.Generator, torch, repeats: int, loop: bool) -> list:
    """Time every operation of one case; returns (case, operation, engine, loop, torch) rows."""
    rows = []
    case = CASES[name]
    x = rng.standard_normal(case["shape"], dtype=np.float32)
    k, s, p = case["kernel"], case["stride"], case["padding"]
    out, indices = F.max_pool2d(x, k, s, p, return_indices=True)
    grad = rng.standard_normal(out.shape, dtype=np.float32)
    avg_out = F.avg_pool2d(x, k, s, p)
    avg_grad = rng.standard_normal(avg_out.shape, dtype=np.float32)
    engine_ops = {
        "max forward": lambda: F.max_pool2d(x, k, s, p),
        "max forward+indices": lambda: F.max_pool2d(x, k, s, p, return_indices=True),
        "max backward (indices)": lambda: F.max_pool2d_backward(grad, x, k, s, p, indices=indices),
        "avg forward": lambda: F.avg_pool2d(x, k, s, p),
        "avg backward": lambda: F.avg_pool2d_backward(avg_grad, x, k, s, p),
    }
    loop_ops = {
        "max forward": lambda: loop_pool(x, k, s, p, "max"),
        "max backward (indices)": lambda: loop_max_backward(grad, x, indices),
        "avg forward": lambda: loop_pool(x, k, s, p, "avg"),
    }
    torch_ops = {}
    if torch is not None:
        tx = torch.from_numpy(x)
        tgrad, tavg_grad = torch.from_numpy(grad), torch.from_numpy(avg_grad)
        tindices = torch.from_numpy(indices)
        tpool = torch.nn.functional
        aten = torch.ops.aten
        torch_ops = {
            "max forward": lambda: tpool.max_pool2d(tx, k, s, p),
            "max forward+indices": lambda: tpool.max_pool2d(tx, k, s, p, return_indices=True),
            "max backward (indices)": lambda: aten.max_pool2d_with_indices_backward(
                tgrad, tx, [k, k], [s, s], [p, p], [1, 1], False, tindices
            ),
            "avg forward": lambda: tpool.avg_pool2d(tx, k, s, p),
            "avg backward": lambda: aten.avg_pool2d_backward(
                tavg_grad, tx, [k, k], [s, s], [p, p], False, True, None
            ),
        }
    for op_name, engine_call in engine_ops.items():
        engine_time = median_time(engine_call, repeats)
        loop_time = None
        if loop and op_name in loop_ops:
            start = time.perf_counter()
            loop_ops[op_name]()
            loop_time = time.perf_counter() - start
        torch_time = median_time(torch_ops[op_name], repeats) if torch_ops else None
        rows.append((name, op_name, engine_time, loop_time, torch_time))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timed calls per measurement")
    parser.add_argument("--no-loop", action="store_true", help="skip the slow plain loop")
    parser.add_argument("--cases", default="abce", help="which cases to run, e.g. 'ae'")
    args = parser.parse_args(argv)

    try:
        import torch

        torch.set_num_threads(1)
    except ImportError:
        torch = None

    rng = np.random.default_rng(0)
    rows = []
    for name in args.cases:
        rows.extend(bench_case(name, rng, torch, args.repeats, loop=not args.no_loop))
        print(f"case {name} done", file=sys.stderr, flush=True)

    print_table(rows, torch_version=None if torch is None else torch.__version__)
    return 0


def print_table(rows: list[tuple], torch_version: str | None) -> None:
    """Print a Markdown table: one row per case and operation."""
    header = (
        "| case | operation | engine ms | loop ms | torch ms | loop/engine | engine/torch | goal |"
    )
    print(f"\nNumPy {np.__version__}, PyTorch {torch_version or 'not installed'} (1 thread)\n")
    print(header)
    print("|" + "---|" * 8)
    for name, op_name, engine_time, loop_time, torch_time in rows:
        case = CASES[name]
        shape = "x".join(map(str, case["shape"]))
        label = f"{name}) {shape} k{case['kernel']} s{case['stride']} p{case['padding']}"
        loop_text = f"{loop_time * 1e3:.0f}" if loop_time is not None else "-"
        speedup = f"{loop_time / engine_time:.0f}x" if loop_time is not None else "-"
        torch_text = f"{torch_time * 1e3:.2f}" if torch_time is not None else "-"
        ratio = engine_time / torch_time if torch_time else None
        goal = GOALS[op_name][name]
        verdict = "-" if ratio is None else f"{ratio:.2f} {'ok' if ratio <= goal else 'MISS'}"
        print(
            f"| {label} | {op_name} | {engine_time * 1e3:.2f} | {loop_text} | {torch_text} "
            f"| {speedup} | {verdict} | <= {goal} |"
        )


if __name__ == "__main__":
    raise SystemExit(main())
