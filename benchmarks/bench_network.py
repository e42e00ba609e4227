"""The digit CNN with max, average, stride-2 convolution and no pooling: time per epoch,
accuracy, train-test gap and accuracy on shifted digits, in one run.

Run with ``.venv/bin/python benchmarks/bench_network.py`` (several minutes: the no-pooling
twin multiplies 22x22x64 maps), or ``--quick`` for a fast look. ``--threads N`` sets the BLAS
threads before NumPy loads (on a busy 2-core machine one thread is often faster than two).

The train accuracy of the gap is measured after training on the whole training set in
inference mode, like the test accuracy, not the running mean over the epoch's batches.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1,000 images, 1 epoch")
    parser.add_argument("--pools", nargs="+", default=["max", "avg", "stride2conv", "none"])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--width", type=float, default=1.0)
    parser.add_argument("--seeds", type=int, default=1, help="repeat with seeds 0..N-1")
    parser.add_argument("--train-count", type=int, default=6000)
    parser.add_argument("--test-count", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=None, help="BLAS threads (default: as set)")
    args = parser.parse_args()
    if args.quick:
        args.epochs, args.train_count, args.test_count = 1, 1000, 300
    return args


ARGS = parse_arguments()
if ARGS.threads is not None:  # must be set before NumPy loads its BLAS
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(ARGS.threads)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from engine.io.digits import digit_sets  # noqa: E402
from engine.network.architecture import Architecture  # noqa: E402
from engine.network.model import build_network  # noqa: E402
from engine.network.summary import parameter_count  # noqa: E402
from engine.network.training import evaluate, shift_accuracy, train  # noqa: E402

SHIFTS = tuple(range(7))


def run(pool: str, data, seed: int) -> dict:
    architecture = Architecture(pool=pool, width=ARGS.width)
    network = build_network(architecture, seed)
    history = train(
        network,
        data.train_images,
        data.train_labels,
        data.test_images,
        data.test_labels,
        epochs=ARGS.epochs,
        seed=seed,
    )
    train_loss, train_accuracy = evaluate(network, data.train_images, data.train_labels)
    test_loss, test_accuracy = evaluate(network, data.test_images, data.test_labels)
    return {
        "parameters": parameter_count(architecture),
        "epochs": history.epochs,
        "train": (train_loss, train_accuracy),
        "test": (test_loss, test_accuracy),
        "shifts": shift_accuracy(network, data.test_images, data.test_labels, SHIFTS, seed),
    }


def main() -> int:
    threads = os.environ.get("OPENBLAS_NUM_THREADS", "default")
    print(
        f"{ARGS.train_count} training and {ARGS.test_count} test images, {ARGS.epochs} epochs, "
        f"width {ARGS.width}, batch 64, Adam 1e-3, float32, BLAS threads {threads}, "
        f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
    )
    results: dict[str, list[dict]] = {pool: [] for pool in ARGS.pools}
    for seed in range(ARGS.seeds):
        start = time.perf_counter()
        data = digit_sets(ARGS.train_count, ARGS.test_count, seed)
        print(f"\nseed {seed}: digits generated in {time.perf_counter() - start:.1f} s")
        print(
            f"{'pool':<12}{'epoch':>6}{'train loss':>12}{'train acc':>11}{'test loss':>11}"
            f"{'test acc':>10}{'s/epoch':>9}"
        )
        for pool in ARGS.pools:
            result = run(pool, data, seed)
            results[pool].append(result)
            for number, record in enumerate(result["epochs"], 1):
                print(
                    f"{pool:<12}{number:>6}{record.train_loss:>12.4f}{record.train_accuracy:>11.4f}"
                    f"{record.test_loss:>11.4f}{record.test_accuracy:>10.4f}{record.seconds:>9.1f}"
                )
    print(f"\nAfter {ARGS.epochs} epochs (mean over {ARGS.seeds} seed(s)); train = whole training")
    print("set in inference mode; gap = train - test accuracy; shift columns: test accuracy with")
    print("every digit moved that many pixels right, left, down or up")
    header = f"{'pool':<12}{'params':>10}{'s/epoch':>8}{'train':>7}{'test':>7}{'gap':>7}"
    print(header + "".join(f"{'s' + str(pixels):>6}" for pixels in SHIFTS))
    for pool, runs in results.items():
        seconds = np.mean([record.seconds for result in runs for record in result["epochs"]])
        train_accuracy = np.mean([result["train"][1] for result in runs])
        test_accuracy = np.mean([result["test"][1] for result in runs])
        shifts = [np.mean([result["shifts"][pixels] for result in runs]) for pixels in SHIFTS]
        print(
            f"{pool:<12}{runs[0]['parameters']:>10,}{seconds:>8.1f}{train_accuracy:>7.3f}"
            f"{test_accuracy:>7.3f}{train_accuracy - test_accuracy:>7.3f}"
            + "".join(f"{value:>6.3f}" for value in shifts)
        )
    if "max" in results and ARGS.train_count == 6000:
        runs = results["max"]
        best = min(max(record.test_accuracy for record in result["epochs"]) for result in runs)
        slowest = max(record.seconds for result in runs for record in result["epochs"])
        print(
            f"\nmax pooling: worst seed's best test accuracy within {ARGS.epochs} epochs {best:.3f}"
        )
        print(f"  (goal >= 0.95: {'met' if best >= 0.95 else 'NOT met'}); slowest epoch")
        print(f"  {slowest:.1f} s (goal < 30 s: {'met' if slowest < 30 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
