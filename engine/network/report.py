"""Train a network on the generated digits and report what happened, as a dict (JSON) and as
the headless command line ``main.py --train max --epochs 3 --train-report OUT.json``.

The report's keys are a contract with the scripts that read it::

    {"pool": "max", "parameters": 93322,
     "layers": [{"name": "conv2d", "output_shape": [null, 26, 26, 32], "parameters": 320}, ...],
     "epochs": [{"train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds"}, ...],
     "shift_accuracy": {"0": 0.98, "2": ..., "4": ..., "6": ...}}

Accuracies are fractions; train loss and accuracy are the running means over the epoch's
batches (as Keras's ``fit`` prints them), the test ones are measured after the epoch.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from engine.io.digits import DigitSets, digit_sets
from engine.io.export import ExportError, write_atomically
from engine.network.architecture import Architecture, pool_choices
from engine.network.files import save_network
from engine.network.model import Network, build_network
from engine.network.summary import summary_rows
from engine.network.training import History, Progress, shift_accuracy, train

REPORT_SHIFTS = (0, 2, 4, 6)
"""The shifts (pixels) the report measures accuracy at."""


@dataclass
class TrainingRun:
    """A finished (or cancelled) training: the network, its data, its history and its
    accuracy on the test set shifted by each of :data:`REPORT_SHIFTS`."""

    network: Network
    data: DigitSets
    history: History
    shifts: dict[int, float]


def run_training(
    pool: str,
    epochs: int = 3,
    seed: int = 0,
    width: float = 1.0,
    train_count: int = 6000,
    test_count: int = 1000,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> TrainingRun:
    """Generate the digits from ``seed``, build the network (He init from ``seed``), train it
    with Adam and measure the shifted accuracy. Raises ValueError (PoolingError) for a
    pooling or width the network cannot take, before any work."""
    architecture = Architecture(pool=pool, width=width)
    network = build_network(architecture, seed)
    data = digit_sets(train_count, test_count, seed)
    history = train(
        network,
        data.train_images,
        data.train_labels,
        data.test_images,
        data.test_labels,
        epochs=epochs,
        seed=seed,
        progress=progress,
        cancelled=cancelled,
    )
    shifts = shift_accuracy(network, data.test_images, data.test_labels, REPORT_SHIFTS, seed)
    return TrainingRun(network, data, history, shifts)


def report_of(run: TrainingRun) -> dict:
    """The JSON-ready report of a run (see the module's docstring for its keys)."""
    rows = summary_rows(run.network.architecture)
    return {
        "pool": run.network.architecture.pool,
        "parameters": sum(row.parameters for row in rows),
        "layers": [
            {"name": row.name, "output_shape": list(row.output_shape), "parameters": row.parameters}
            for row in rows
        ],
        "epochs": [dataclasses.asdict(record) for record in run.history.epochs],
        "shift_accuracy": {str(pixels): accuracy for pixels, accuracy in run.shifts.items()},
    }


def train_report(
    pool: str,
    epochs: int = 3,
    seed: int = 0,
    width: float = 1.0,
    train_count: int = 6000,
    test_count: int = 1000,
    progress: Callable[[Progress], None] | None = None,
) -> dict:
    """:func:`run_training`, reported by :func:`report_of`."""
    return report_of(
        run_training(pool, epochs, seed, width, train_count, test_count, progress=progress)
    )


def add_train_arguments(parser: argparse.ArgumentParser) -> None:
    """The headless training options. ``--seed`` is the app's own (stochastic pooling's
    seed), read by :func:`run_train_command` when given."""
    group = parser.add_argument_group("training a small CNN on generated digits (no window)")
    group.add_argument(
        "--train",
        choices=pool_choices(),
        default=None,
        metavar="POOL",
        help="train the article's digit CNN with this pooling ("
        + ", ".join(pool_choices())
        + ") and exit",
    )
    group.add_argument("--epochs", type=int, default=3, help="training epochs (default 3)")
    group.add_argument(
        "--width", type=float, default=1.0, help="factor on the network's channels (default 1)"
    )
    group.add_argument(
        "--train-count", type=int, default=6000, help="training images (default 6000)"
    )
    group.add_argument("--test-count", type=int, default=1000, help="test images (default 1000)")
    group.add_argument(
        "--train-report", type=Path, default=None, metavar="OUT.json", help="write the report"
    )
    group.add_argument(
        "--train-weights", type=Path, default=None, metavar="OUT.npz", help="save the weights"
    )


def output_problem(args: argparse.Namespace) -> str | None:
    """Why ``--train-report`` or ``--train-weights`` cannot be written, or None."""
    for option, target in (
        ("--train-report", args.train_report),
        ("--train-weights", args.train_weights),
    ):
        if target is None:
            continue
        if not os.path.isdir(target.parent):
            return f"cannot write {target} ({option}): the folder {target.parent} does not exist"
        if os.path.exists(target) and not getattr(args, "overwrite", False):
            return f"{target} already exists; add --overwrite to replace it"
    if args.train_weights is not None and args.train_weights.suffix.lower() != ".npz":
        return f"--train-weights writes .npz files, not {args.train_weights.name}"
    return None


def run_train_command(args: argparse.Namespace) -> int:
    """``--train``: train, print one line per epoch, write the report (else print it) and
    the weights. Returns the exit status: 0 done, 2 bad input (one line on stderr)."""
    problem = output_problem(args)
    if min(args.epochs, args.train_count, args.test_count) < 1:
        problem = "--epochs, --train-count and --test-count must be at least 1"
    if problem is not None:
        print(f"poolscope: error: {problem}", file=sys.stderr)
        return 2

    def announce(progress: Progress) -> None:
        record = progress.record
        if record is not None:
            print(
                f"epoch {progress.epoch + 1}/{args.epochs}: train loss {record.train_loss:.4f} "
                f"accuracy {record.train_accuracy:.4f}, test loss {record.test_loss:.4f} "
                f"accuracy {record.test_accuracy:.4f} ({record.seconds:.1f} s)",
                file=sys.stderr,
            )

    try:
        run = run_training(
            args.train,
            args.epochs,
            getattr(args, "seed", 0),
            args.width,
            args.train_count,
            args.test_count,
            progress=announce,
        )
        text = json.dumps(report_of(run), indent=2)
        if args.train_report is not None:
            write_atomically(args.train_report, lambda temporary: temporary.write_text(text + "\n"))
        else:
            print(text)
        if args.train_weights is not None:
            save_network(args.train_weights, run.network)
    except (ExportError, ValueError) as error:
        print(f"poolscope: error: {error}", file=sys.stderr)
        return 2
    return 0
