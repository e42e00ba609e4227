"""AnimationModel: where the step-through is, forward or backward, and what it shows.

It owns the play timer and the step count; everything it reports comes from
``engine.pooling.steps`` (the traversal, the routed gradient, the contribution counts), so the
GUI never computes pooling or gradients itself.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine.pooling.steps import (
    StepSequence,
    contribution_counts,
    partial_input_gradient,
    unpooled,
    upstream_gradient,
)
from gui.models.jobs import JobRunner
from gui.models.pool_model import PoolModel

MIN_STEPS_PER_SECOND = 1.0
MAX_STEPS_PER_SECOND = 50_000.0  # a 256x256 output in about a second
FRAME_MS = 16  # at most one redraw per screen frame; faster speeds take several steps a tick


class Routing:
    """The backward view's picture after some steps: the gradient and the routed counts."""

    def __init__(self, image, result, upstream, cells_done: int, token=None):
        self.result, self.cells_done = result, cells_done
        self.gradient = partial_input_gradient(image, result, upstream, cells_done)
        if token is not None:
            token.check()
        self.counts = contribution_counts(image, result, cells_done)


class AnimationModel(QObject):
    """Step count, direction and playback of the traversal of the current result."""

    stepChanged = Signal()  # the count, the sequence or the upstream gradient changed
    routingChanged = Signal()  # the routed gradient and counts of the backward view are ready
    playingChanged = Signal(bool)

    def __init__(self, model: PoolModel, parent: QObject | None = None):
        super().__init__(parent)
        self.model = model
        self.direction = "forward"
        self.unit = "cell"
        self.upstream_kind = "ones"
        self.seed = 0
        self.one_hot_cell: tuple[int, int] | None = None
        self.steps_per_second = 4.0
        self.loop = False
        self.sequence: StepSequence | None = None
        self.count = 0
        self.routing: Routing | None = None  # the backward view's gradient and counts
        # The upstream gradient is as large as the output: made once per result and choice,
        # not at every step (a 1200 x 1600 output took 16 ms per scrubber move to rebuild it).
        self.upstream_cache: tuple[tuple, np.ndarray, object] | None = None
        self.routing_runner = JobRunner("gradient", self)
        self.routing_runner.resultReady.connect(self._on_routing_ready)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._on_timer)
        model.resultChanged.connect(self._on_result_changed)
        model.imageChanged.connect(self._on_result_changed)
        self._on_result_changed()

    # ----- state ---------------------------------------------------------------------------
    def _on_result_changed(self) -> None:
        result = self.model.result
        if (
            result is None
            or self.model.image is None
            or self.model.volume is not None  # a volume is explored slice by slice, not stepped
            or result.input_shape != self.model.image.shape
        ):
            self.sequence = None
            self.count = 0
        else:
            self.sequence = StepSequence(self.model.image, result, self.unit)
            self.count = len(self.sequence)  # a new result starts fully computed
        self.changed()

    def changed(self) -> None:
        """Announce a new step state, and bring the backward view's routing up to date."""
        self.stepChanged.emit()
        self.refresh_routing()

    def refresh_routing(self) -> None:
        """Compute the gradient and counts the backward view shows: at once for small images,
        else in the background (the newest request wins)."""
        if self.direction != "backward" or self.sequence is None:
            self.routing_runner.cancel()
            return
        image, result = self.model.image, self.model.result
        upstream, done = self.upstream(), self.cells_done()
        if self.model.quick(result.params):
            self.routing_runner.cancel()
            self._on_routing_ready(Routing(image, result, upstream, done))
        else:
            self.routing_runner.submit(lambda token: Routing(image, result, upstream, done, token))

    def _on_routing_ready(self, routing: Routing) -> None:
        if routing.result is self.model.result:
            self.routing = routing
            self.routingChanged.emit()

    def total(self) -> int:
        return 0 if self.sequence is None else len(self.sequence)

    def is_engaged(self) -> bool:
        """True while the user is stepping through (not at the fully computed end)."""
        return self.sequence is not None and (self.count < len(self.sequence) or self.playing)

    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def set_count(self, count: int) -> None:
        if self.sequence is None:
            return
        count = min(max(int(count), 0), len(self.sequence))
        if count != self.count:
            self.count = count
            self.changed()

    def step_forward(self) -> None:
        self.set_count(self.count + 1)

    def step_back(self) -> None:
        self.set_count(self.count - 1)

    def to_start(self) -> None:
        self.set_count(0)

    def to_end(self) -> None:
        self.set_count(self.total())

    def play(self) -> None:
        if self.sequence is None:
            return
        if self.count >= len(self.sequence):
            self.count = 0
        self.timer.start(self.interval_ms())
        self.playingChanged.emit(True)
        self.changed()

    def pause(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.playingChanged.emit(False)

    def toggle_play(self) -> None:
        self.pause() if self.playing else self.play()

    def interval_ms(self) -> int:
        return max(FRAME_MS, round(1000 / self.steps_per_second))

    def steps_per_tick(self) -> int:
        return max(1, round(self.steps_per_second * self.interval_ms() / 1000))

    def _on_timer(self) -> None:
        if self.sequence is None:
            self.pause()
        elif self.count < len(self.sequence):
            self.set_count(self.count + self.steps_per_tick())
        elif self.loop:
            self.set_count(0)
        else:
            self.pause()

    def set_speed(self, steps_per_second: float) -> None:
        self.steps_per_second = min(
            max(steps_per_second, MIN_STEPS_PER_SECOND), MAX_STEPS_PER_SECOND
        )
        if self.playing:
            self.timer.setInterval(self.interval_ms())

    def set_unit(self, unit: str) -> None:
        if unit != self.unit:
            cells = self.cells_done()
            self.unit = unit
            self._on_result_changed()
            if self.sequence is not None and self.unit == "row":
                self.set_count(cells // max(self.sequence.out_w, 1))
            elif self.sequence is not None:
                self.set_count(cells)

    def set_direction(self, direction: str) -> None:
        if direction != self.direction:
            self.direction = direction
            self.changed()

    def set_upstream(self, kind: str, seed: int | None = None) -> None:
        self.upstream_kind = kind
        if seed is not None:
            self.seed = seed
        self.changed()

    def set_one_hot_cell(self, row: int, col: int) -> None:
        self.one_hot_cell = (row, col)
        self.upstream_kind = "one_hot"
        self.changed()

    # ----- what the views show -------------------------------------------------------------
    def cells_done(self) -> int:
        return 0 if self.sequence is None else self.sequence.cells_done(self.count)

    def current_step(self):
        """The step just computed (the last of ``count``), or None at the start."""
        if self.sequence is None or self.count == 0:
            return None
        return self.sequence[self.count - 1]

    def partial_output(self) -> np.ndarray | None:
        if self.sequence is None:
            return None
        return self.sequence.partial_output(self.count)

    def upstream(self) -> np.ndarray | None:
        result = self.model.result
        if result is None:
            return None
        key = (id(result), self.upstream_kind, self.seed, self.one_hot_cell)
        if self.upstream_cache is None or self.upstream_cache[0] != key:
            gradient = upstream_gradient(self.upstream_kind, result, self.seed, self.one_hot_cell)
            gradient.setflags(write=False)  # shared with the views and the routing worker
            self.upstream_cache = (key, gradient, result)
        return self.upstream_cache[1]

    def input_gradient(self) -> np.ndarray | None:
        """The engine's input gradient after the steps so far have sent theirs back."""
        if self.sequence is None:
            return None
        return partial_input_gradient(
            self.model.image, self.model.result, self.upstream(), self.cells_done()
        )

    def counts(self) -> np.ndarray | None:
        """How many output cells have sent gradient to each input cell so far."""
        if self.sequence is None:
            return None
        return contribution_counts(self.model.image, self.model.result, self.cells_done())

    def unpooled(self) -> np.ndarray | None:
        result = self.model.result
        if result is None or result.indices is None:
            return None
        return unpooled(result)
