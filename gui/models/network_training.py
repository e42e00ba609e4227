"""The training side of the Network tab: its settings, a finished run, the run under way,
the curves of every run ready to plot, and the job a worker thread runs.

No Qt object is touched here: :func:`train_in_background` runs in a worker thread and reports its
progress through a callback; :mod:`gui.models.network_model` turns that into signals. The
texts (made in the UI thread) are in the window's language.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from engine.io.digits import digit_sets
from engine.network.architecture import NO_POOLING, STRIDED_CONVOLUTION, pool_choices, pool_name
from engine.network.model import Network
from engine.network.report import run_training
from engine.network.training import EpochRecord, Progress, shift_accuracy
from engine.pooling.kinds import KINDS
from gui.i18n import tr, translated
from gui.models.jobs import CancelToken

SHIFTS = tuple(range(7))
"""The shifts (pixels) the accuracy-against-shift curve is measured at."""
PROGRESS_INTERVAL = 0.1  # seconds between progress reports within an epoch
COMPARISON = ("max", "avg", NO_POOLING)
"""The poolings the article compares, trained one after the other by one click."""


@dataclass(frozen=True)
class TrainingSettings:
    """How a network is trained: its width factor, epochs, set sizes and seed."""

    width: float = 0.5
    epochs: int = 3
    train_count: int = 6000
    test_count: int = 1000
    seed: int = 0

    def text(self) -> str:
        if self.epochs == 1:
            text = tr("{epochs} epoch of {digits} digits at width {width}")
        else:
            text = tr("{epochs} epochs of {digits} digits at width {width}")
        return text.format(
            epochs=self.epochs, digits=f"{self.train_count:,}", width=f"{self.width:g}"
        )


@dataclass
class NetworkRun:
    """A finished training of one pooling.

    Attributes
    ----------
    choice : str
        The pooling (one of :func:`pool_choices`).
    settings : TrainingSettings
    network : Network
        The trained network.
    records : list of EpochRecord
        One per epoch.
    shifts : dict of int to float
        Test accuracy (a fraction) on the test digits moved by each of :data:`SHIFTS` pixels.
    seconds : float
        Wall time of the whole run.
    """

    choice: str
    settings: TrainingSettings
    network: Network
    records: list[EpochRecord]
    shifts: dict[int, float]
    seconds: float


@dataclass
class LiveRun:
    """The training under way: its finished epochs and the running means of the current one
    (``running``: (position in epochs, loss, accuracy))."""

    number: int
    choice: str
    settings: TrainingSettings
    records: list[EpochRecord]
    running: tuple[float, float, float] | None = None


@dataclass(frozen=True)
class Series:
    """One pooling's curves, ready to plot: epochs (1-based, fractional for the running
    point of a live run) and the values; accuracies are fractions."""

    choice: str
    label: str
    train_epochs: list[float]
    train_loss: list[float]
    train_accuracy: list[float]
    test_epochs: list[float]
    test_loss: list[float]
    test_accuracy: list[float]
    live: bool


def choice_label(choice: str) -> str:
    """How a pooling choice is named in the window."""
    if choice == NO_POOLING:
        return tr("None (no-pooling twin)")
    if choice == STRIDED_CONVOLUTION:
        return tr("Stride-2 convolution")
    return translated(KINDS[choice].label)


def short_label(choice: str) -> str:
    """A pooling choice named inside a sentence or a legend (see
    :func:`engine.network.architecture.pool_name`)."""
    return translated(pool_name(choice))


def train_in_background(
    choice: str,
    settings: TrainingSettings,
    token: CancelToken,
    report: Callable[[Progress], None],
) -> NetworkRun:
    """Train one pooling's network and measure it at every shift (worker thread).

    ``report`` gets every epoch's end and at most one batch per :data:`PROGRESS_INTERVAL`.
    Cancelling raises at the next batch, so a stopped run skips the shifted-accuracy pass
    that :func:`run_training` would still make for a training told to stop.
    """
    start = time.perf_counter()
    last_report = [0.0]

    def progress(step: Progress) -> None:
        token.check()
        now = time.monotonic()
        if step.record is not None or now - last_report[0] >= PROGRESS_INTERVAL:
            last_report[0] = now
            report(step)

    def stop_here() -> bool:
        token.check()
        return False

    run = run_training(
        choice,
        settings.epochs,
        settings.seed,
        settings.width,
        settings.train_count,
        settings.test_count,
        progress=progress,
        cancelled=stop_here,
    )
    shifts = dict(run.shifts)
    images, labels = run.data.test_images, run.data.test_labels
    for pixels in SHIFTS:
        if pixels not in shifts:
            token.check()
            shifts.update(shift_accuracy(run.network, images, labels, (pixels,), settings.seed))
    seconds = time.perf_counter() - start
    shifts = {pixels: shifts[pixels] for pixels in SHIFTS}
    return NetworkRun(choice, settings, run.network, run.history.epochs, shifts, seconds)


def draw_test_digits(test_count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The test digits (N, 1, 28, 28) and labels a training with ``seed`` is measured on."""
    sets = digit_sets(0, test_count, seed)
    return sets.test_images, sets.test_labels


def series_of(runs: dict[str, NetworkRun], live_run: LiveRun | None) -> list[Series]:
    """Every trained pooling's curves, and the live one's (which replaces an older run of
    the same pooling while it trains), in the order of :func:`pool_choices`."""
    found = {choice: (run.records, None, False) for choice, run in runs.items()}
    if live_run is not None:
        found[live_run.choice] = (live_run.records, live_run.running, True)
    series = []
    for choice in pool_choices():
        if choice not in found:
            continue
        records, running, live = found[choice]
        epochs = [float(number) for number in range(1, len(records) + 1)]
        train_epochs = list(epochs)
        train_loss = [record.train_loss for record in records]
        train_accuracy = [record.train_accuracy for record in records]
        if running is not None and running[0] > len(records):
            train_epochs.append(running[0])
            train_loss.append(running[1])
            train_accuracy.append(running[2])
        tested = [record for record in records if record.test_loss is not None]
        series.append(
            Series(
                choice,
                tr("{pooling} (training)").format(pooling=short_label(choice))
                if live
                else short_label(choice),
                train_epochs,
                train_loss,
                train_accuracy,
                epochs[: len(tested)],
                [record.test_loss for record in tested],
                [record.test_accuracy for record in tested],
                live,
            )
        )
    return series


def findings_of(runs: dict[str, NetworkRun]) -> str:
    """What the finished runs measured, one line each: no more than the numbers. Train
    accuracy is the running mean over the last epoch (as Keras prints it), test accuracy
    is measured after it."""
    ordered = [runs[choice] for choice in pool_choices() if choice in runs]
    if not ordered:
        return ""
    shared = len({run.settings for run in ordered}) == 1
    if shared:
        head = tr("After {settings} (train: mean over the last epoch):")
        lines = [head.format(settings=ordered[0].settings.text())]
    else:
        lines = [tr("Each run (train: mean over the last epoch):")]
    for run in ordered:
        last = run.records[-1]
        numbers = dict(
            pooling=short_label(run.choice),
            train=f"{last.train_accuracy:.1%}",
            test=f"{last.test_accuracy:.1%}",
            shifted4=f"{run.shifts[4]:.1%}",
            shifted6=f"{run.shifts[6]:.1%}",
        )
        if shared:
            line = tr(
                "{pooling}: train {train}, test {test}; digits shifted 4 px {shifted4}, "
                "6 px {shifted6}"
            )
        else:
            line = tr(
                "{pooling} ({settings}): train {train}, test {test}; digits shifted 4 px "
                "{shifted4}, 6 px {shifted6}"
            )
            numbers["settings"] = run.settings.text()
        lines.append(line.format(**numbers))
    return "\n".join(lines)
