"""The Network tab's state: which network, how to train it, the runs trained so far, the
input digit and what every layer makes of it.

Training runs :func:`~gui.models.network_training.train_in_background` in a background lane
(:class:`~gui.models.jobs.JobRunner`); its progress comes back by a queued signal, at most
about ten times a second plus once per finished epoch, so live curves never flood the window.
Runs of several poolings are kept side by side (one per pooling), so their curves overlay.
Feature maps of one digit take a few milliseconds even for the no-pooling twin, so they are
computed here in the UI thread; the test digits the input is chosen from are drawn in a
second lane.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.network.architecture import NO_POOLING, Architecture, pool_choices
from engine.network.layers import INFERENCE, Conv2D, Pooling2D
from engine.network.model import feature_maps
from engine.network.receptive import receptive_field
from engine.network.summary import SummaryRow, head_arithmetic_lines, summary_rows
from engine.network.training import Progress
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.windows import Rect
from gui.i18n import tr, translated
from gui.models.jobs import JobRunner
from gui.models.network_training import (
    SHIFTS,
    LiveRun,
    NetworkRun,
    Series,
    TrainingSettings,
    draw_test_digits,
    findings_of,
    series_of,
    short_label,
    train_in_background,
)

INPUT_SHAPE = (1, 28, 28)  # what the network takes: an Explore image of this shape can be fed


@dataclass(frozen=True)
class MapLayer:
    """A layer whose output is a map, for the feature-map strip.

    Attributes
    ----------
    name, type_name : str
    maps : ndarray of shape (C, H, W)
        Its output for the current input.
    pooled_by : str or None
        The pooling layer that receives this map, if the next layer is one.
    """

    name: str
    type_name: str
    maps: np.ndarray
    pooled_by: str | None


@dataclass(frozen=True)
class ExploreRequest:
    """A feature map to study in Explore: the array (C, H, W) float32, the pooling layer's
    settings and a sentence saying what was opened."""

    image: np.ndarray
    params: PoolParams
    sentence: str


class NetworkModel(QObject):
    """The chosen network, the training settings, the runs, the input and its feature maps.

    Signals
    -------
    settingsChanged()
        The pooling, the width, the epochs, the set sizes or the seed changed.
    summaryChanged()
        The summary rows (and the article's arithmetic) are for another network.
    progressChanged(float, str)
        The fraction of the training (or trainings) asked, and a line saying where it is.
    runFinished(str)
        A pooling finished training; its run is in :attr:`runs`.
    runsChanged()
        A run was added, or the live run moved on.
    busyChanged(bool)
        Training started or ended (finished, failed or cancelled).
    inputChanged()
        The input digit, its feature maps or the receptive field changed.
    selectionChanged()
        Another feature-map channel was chosen (or none).
    failed(str)
        A training failed; the sentence says why.
    """

    settingsChanged = Signal()
    summaryChanged = Signal()
    progressChanged = Signal(float, str)
    runFinished = Signal(str)
    runsChanged = Signal()
    busyChanged = Signal(bool)
    inputChanged = Signal()
    selectionChanged = Signal()
    failed = Signal(str)
    _progressed = Signal(int, object)  # run number, Progress: emitted from the worker thread

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = "max"
        self.twin_of = "max"  # the pooling the twin button returns to
        self.settings = TrainingSettings()
        self.rows: list[SummaryRow] = []
        self.runs: dict[str, NetworkRun] = {}
        self.live: LiveRun | None = None
        self.queue: list[str] = []  # poolings still to train after the live one
        self.run_number = 0
        self.batch_size = self.batch_done = 0  # trainings asked together, and finished
        self.busy = False
        self.input_index = 0
        self.use_explore = False
        self.explore_image: np.ndarray | None = None  # Explore's image, if the network takes it
        self.digits: tuple[np.ndarray, np.ndarray] | None = None  # test images and labels
        self.digits_key: tuple[int, int] | None = None  # (test_count, seed) of the digits
        self.wanted_digits: tuple[int, int] | None = None  # the digits asked for
        self.maps: dict[str, np.ndarray] | None = None  # every layer's output for the input
        self.selected: tuple[str, int] | None = None  # (layer name, channel)
        self.field = Rect(0, 0, 0, 0)
        self.field_cell = (0, 0)
        self.runner = JobRunner("network-training", self, parallel=1)
        self.runner.resultReady.connect(self._on_run_ready)
        self.runner.failedWith.connect(self._on_run_failed)
        self.runner.busyChanged.connect(self._on_runner_busy)
        self.digits_runner = JobRunner("network-digits", self)
        self.digits_runner.resultReady.connect(self._on_digits_ready)
        self._progressed.connect(self._on_progressed)
        self.update_architecture()

    # ----- the network and its settings ----------------------------------------------------
    @property
    def architecture(self) -> Architecture:
        return Architecture(pool=self.pool, width=self.settings.width)

    def set_pool(self, pool: str) -> None:
        if pool == self.pool or pool not in pool_choices():
            return
        self.pool = pool
        if pool != NO_POOLING:
            self.twin_of = pool
        self.maps = None  # the old pooling's: update_architecture's views must not see them
        self.settingsChanged.emit()
        self.update_architecture()
        self.refresh_maps()

    def toggle_twin(self) -> None:
        """Switch to the no-pooling twin, or back to the pooling it is the twin of."""
        self.set_pool(self.twin_of if self.pool == NO_POOLING else NO_POOLING)

    def set_settings(self, **changes) -> None:
        """Change some of :class:`TrainingSettings` (width, epochs, train_count, test_count,
        seed); runs already trained stay, each with its own settings."""
        settings = dataclasses.replace(self.settings, **changes)
        if settings == self.settings:
            return
        width_changed = settings.width != self.settings.width
        self.settings = settings
        self.settingsChanged.emit()
        if width_changed:
            self.update_architecture()
        if self.wanted_digits is not None:
            self.ensure_digits()

    def update_architecture(self) -> None:
        architecture = self.architecture
        self.rows = summary_rows(architecture)
        _, height, width = self.last_map_shape(architecture)
        self.field_cell = (height // 2, width // 2)
        self.field = receptive_field(architecture, *self.field_cell)
        self.summaryChanged.emit()
        self.inputChanged.emit()

    @staticmethod
    def last_map_shape(architecture: Architecture) -> tuple[int, int, int]:
        """(C, H, W) of the last convolution's output."""
        row = [row for row in summary_rows(architecture) if len(row.output_shape) == 4][-1]
        _, height, width, channels = row.output_shape
        return channels, height, width

    def total_parameters(self) -> int:
        return sum(row.parameters for row in self.rows)

    def claims(self) -> str:
        """The article's arithmetic at width 1 (its network): the flattened last map and the
        weights a Dense(512) head would need on it, with pooling and without, and what one
        cell of the last layer sees; one line each."""
        pooled = Architecture(pool=self.twin_of)
        lines = [translated(line) for line in head_arithmetic_lines(pooled)]
        for architecture in (pooled, pooled.twin(NO_POOLING)):
            _, height, width = self.last_map_shape(architecture)
            field = receptive_field(architecture, height // 2, width // 2)
            lines.append(
                tr(
                    "{pooling}: one cell of the last {height} x {width} map sees "
                    "{field_height} x {field_width} pixels of the 28 x 28 digit."
                ).format(
                    pooling=short_label(architecture.pool),
                    height=height,
                    width=width,
                    field_height=field.height,
                    field_width=field.width,
                )
            )
        return "\n".join(lines)

    # ----- training ------------------------------------------------------------------------
    def train(self, choices: Sequence[str] | None = None) -> None:
        """Train the chosen pooling (or each of ``choices``, one after the other) in the
        background; a training already running is stopped first."""
        self.queue = list(choices or [self.pool])
        self.batch_size, self.batch_done = len(self.queue), 0
        self.start_next()

    def start_next(self) -> None:
        choice = self.queue.pop(0)
        self.run_number += 1
        number, settings = self.run_number, self.settings
        self.live = LiveRun(number, choice, settings, [])
        progressed = self._progressed

        def report(step: Progress) -> None:
            try:
                progressed.emit(number, step)
            except RuntimeError:  # the model was deleted while the job ran
                pass

        self.runner.submit(lambda token: train_in_background(choice, settings, token, report))
        self.runsChanged.emit()
        self.progressChanged.emit(
            0.0,
            tr("{pooling}: drawing {count} digits…").format(
                pooling=short_label(choice), count=f"{settings.train_count:,}"
            ),
        )

    def cancel(self) -> None:
        """Stop the training (and those waiting); nothing of it is kept."""
        was_training = self.live is not None
        self.queue = []
        self.runner.cancel()
        self.live = None
        if was_training:
            self.runsChanged.emit()
            self.progressChanged.emit(0.0, tr("Cancelled: nothing of that training is kept."))

    def shutdown(self) -> None:
        """The window is closing: stop the background work without waiting for it."""
        self.queue = []
        self.runner.shutdown()
        self.digits_runner.shutdown()

    def wait_until_idle(self, seconds: float = 600.0) -> bool:
        """Deliver results until nothing runs (scripts and tests only)."""
        deadline = time.monotonic() + seconds
        while self.busy or self.digits_runner.busy:
            if time.monotonic() > deadline:
                return False
            self.runner.wait_until_idle(0.05)
            self.digits_runner.wait_until_idle(0.05)
        return True

    def _on_runner_busy(self, busy: bool) -> None:
        busy = busy or bool(self.queue)
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    def _on_progressed(self, number: int, step: Progress) -> None:
        live = self.live
        if live is None or live.number != number:
            return  # a cancelled run's last report
        if step.record is not None:
            live.records.append(step.record)
        live.running = (
            step.epoch + step.batch / step.batches,
            step.running_loss,
            step.running_accuracy,
        )
        if self.queue:
            text = tr(
                "{pooling}: epoch {epoch}/{epochs}, batch {batch}/{batches}: loss {loss}, "
                "accuracy {accuracy} (then {poolings})"
            )
        else:
            text = tr(
                "{pooling}: epoch {epoch}/{epochs}, batch {batch}/{batches}: loss {loss}, "
                "accuracy {accuracy}"
            )
        text = text.format(
            pooling=short_label(live.choice),
            epoch=step.epoch + 1,
            epochs=live.settings.epochs,
            batch=step.batch,
            batches=step.batches,
            loss=f"{step.running_loss:.3f}",
            accuracy=f"{step.running_accuracy:.1%}",
            poolings=", ".join(short_label(choice) for choice in self.queue),
        )
        self.progressChanged.emit((self.batch_done + step.fraction) / max(self.batch_size, 1), text)
        self.runsChanged.emit()

    def _on_run_ready(self, run: NetworkRun) -> None:
        self.live = None
        self.batch_done += 1
        self.runs[run.choice] = run
        last = run.records[-1]
        self.progressChanged.emit(
            self.batch_done / max(self.batch_size, 1),
            tr(
                "{pooling}: trained in {seconds} s; test accuracy {accuracy}, at {shift} px "
                "shift {shifted}."
            ).format(
                pooling=short_label(run.choice),
                seconds=f"{run.seconds:.0f}",
                accuracy=f"{last.test_accuracy:.1%}",
                shift=SHIFTS[-1],
                shifted=f"{run.shifts[SHIFTS[-1]]:.1%}",
            ),
        )
        self.runsChanged.emit()
        self.runFinished.emit(run.choice)
        if run.choice == self.pool:
            self.refresh_maps()
        if self.queue:
            self.start_next()
        else:
            self._on_runner_busy(self.runner.busy)

    def _on_run_failed(self, message: str) -> None:
        self.live, self.queue = None, []
        self.runsChanged.emit()
        self.progressChanged.emit(0.0, message)
        self.failed.emit(message)
        self._on_runner_busy(self.runner.busy)

    def series(self) -> list[Series]:
        """Every pooling's curves; the live run's replace an older run of its pooling."""
        return series_of(self.runs, self.live)

    def findings(self) -> str:
        """What the finished runs measured, one line each."""
        return findings_of(self.runs)

    # ----- the input and its feature maps --------------------------------------------------
    def ensure_digits(self) -> None:
        """Draw the test digits of the current settings in the background, unless they are
        here or on their way (called when the tab is first shown)."""
        key = (self.settings.test_count, self.settings.seed)
        if key == self.wanted_digits:
            return
        self.wanted_digits = key
        if key == self.digits_key:  # back to the digits shown: drop the others on their way
            self.digits_runner.cancel()
            return
        self.digits_runner.submit(lambda token: (key, draw_test_digits(*key)))

    def _on_digits_ready(self, result) -> None:
        key, digits = result
        if key != self.wanted_digits:
            return
        self.digits_key, self.digits = key, digits
        self.input_index = min(self.input_index, len(digits[0]) - 1)
        self.settingsChanged.emit()
        self.refresh_maps()

    def set_input_index(self, index: int) -> None:
        if index == self.input_index:
            return
        self.input_index = index
        self.refresh_maps()

    def set_explore_image(self, image: np.ndarray | None) -> None:
        """Explore's current image: kept when the network can take it (1 x 28 x 28)."""
        fits = image is not None and image.shape == INPUT_SHAPE and np.isfinite(image).all()
        self.explore_image = np.asarray(image, np.float32).copy() if fits else None
        if self.use_explore and self.explore_image is None:
            self.use_explore = False
            self.settingsChanged.emit()
        self.refresh_maps()

    def set_use_explore(self, use: bool) -> None:
        use = use and self.explore_image is not None
        if use == self.use_explore:
            return
        self.use_explore = use
        self.settingsChanged.emit()
        self.refresh_maps()

    def input_image(self) -> np.ndarray | None:
        """The digit fed to the network, (1, 28, 28) float32, or None before the digits."""
        if self.use_explore and self.explore_image is not None:
            return self.explore_image
        if self.digits is None:
            return None
        return self.digits[0][min(self.input_index, len(self.digits[0]) - 1)]

    def input_text(self) -> str:
        """What the input is, and what the trained network of the chosen pooling says."""
        if self.use_explore and self.explore_image is not None:
            text = tr("Explore's image")
        elif self.digits is None:
            return tr("Drawing the test digits…")
        else:
            text = tr("Test digit {index}, a {digit}").format(
                index=self.input_index, digit=self.digits[1][self.input_index]
            )
        if self.maps is not None:
            logits = next(reversed(self.maps.values())).astype(np.float64)
            probabilities = np.exp(logits - logits.max())
            probabilities /= probabilities.sum()
            guess = int(probabilities.argmax())
            text = tr("{input}: the {pooling} network says {guess} ({probability})").format(
                input=text,
                pooling=short_label(self.pool),
                guess=guess,
                probability=f"{probabilities[guess]:.0%}",
            )
        return text

    def refresh_maps(self) -> None:
        """Feed the input to the trained network of the chosen pooling (a few ms)."""
        run, image = self.runs.get(self.pool), self.input_image()
        self.maps = None if run is None or image is None else feature_maps(run.network, image)
        if self.selected is not None and not self.channel_exists(*self.selected):
            self.selected = None
            self.selectionChanged.emit()
        self.inputChanged.emit()
        if self.selected is not None:
            self.selectionChanged.emit()  # the same channel, of another input

    def map_layers(self) -> list[MapLayer]:
        """The layers whose output is a map, in order, with the current input's maps."""
        run = self.runs.get(self.pool)
        if run is None or self.maps is None:
            return []
        layers = run.network.layers
        found = []
        for index, layer in enumerate(layers):
            if not isinstance(layer, Conv2D | Pooling2D):
                continue
            following = layers[index + 1] if index + 1 < len(layers) else None
            pooled_by = following.name if isinstance(following, Pooling2D) else None
            found.append(MapLayer(layer.name, layer.type_name, self.maps[layer.name], pooled_by))
        return found

    def channel_exists(self, layer_name: str, channel: int) -> bool:
        return (
            self.maps is not None
            and layer_name in self.maps
            and (self.maps[layer_name].ndim == 3 and 0 <= channel < len(self.maps[layer_name]))
        )

    def select_channel(self, layer_name: str, channel: int) -> None:
        if not self.channel_exists(layer_name, channel) or self.selected == (layer_name, channel):
            return
        self.selected = (layer_name, channel)
        self.selectionChanged.emit()

    def selected_layer(self) -> MapLayer | None:
        if self.selected is None:
            return None
        return next((layer for layer in self.map_layers() if layer.name == self.selected[0]), None)

    def explore_request(self, all_channels: bool = False) -> ExploreRequest | None:
        """The selected map (one channel, or all of its layer's) with the settings of the
        pooling layer that receives it; None when no pooling layer follows the selection."""
        layer = self.selected_layer()
        if layer is None or layer.pooled_by is None:
            return None
        run = self.runs[self.pool]
        pooling = next(item for item in run.network.layers if item.name == layer.pooled_by)
        params = pooling.params_for(INFERENCE, layer.maps.shape)
        channel = self.selected[1]
        image = layer.maps if all_channels else layer.maps[channel : channel + 1]
        channels, height, width = image.shape
        if all_channels:
            what = tr("all {channels} channels").format(channels=channels)
        else:
            what = tr("channel {channel}").format(channel=channel)
        sentence = tr(
            "{layer}'s feature map ({what}, {height} x {width}, H x W) of the trained {pooling} "
            "network is the input of Explore, pooled as {pooling_layer} pools it ({kind}, kernel "
            "{kernel_height} x {kernel_width}, stride {stride_height} x {stride_width})."
        ).format(
            layer=layer.name,
            what=what,
            height=height,
            width=width,
            pooling=short_label(self.pool),
            pooling_layer=layer.pooled_by,
            kind=translated(kind_of(params).label),
            kernel_height=params.kernel_size[0],
            kernel_width=params.kernel_size[1],
            stride_height=params.stride[0],
            stride_width=params.stride[1],
        )
        return ExploreRequest(np.ascontiguousarray(image, np.float32), params, sentence)
