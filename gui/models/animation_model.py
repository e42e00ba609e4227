"""AnimationModel: where the step-through is, forward or backward, and what it shows.

It owns the play timer and the step count; everything it reports comes from
``engine.pooling.steps`` (the traversal, the routed gradient, the contribution counts), so the
GUI never computes pooling or gradients itself.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal

from engine.errors import PoolingError
from engine.pooling.display import display_array, symmetric_range
from engine.pooling.frameworks import backward_problem
from engine.pooling.steps import (
    GradientRoute,
    StepSequence,
    contribution_counts,
    partial_input_gradient,
    unpooled,
    upstream_gradient,
)
from gui.i18n import message_of, tr
from gui.models.jobs import CancelToken, JobRunner
from gui.models.pool_model import PoolModel

MIN_STEPS_PER_SECOND = 1.0
MAX_STEPS_PER_SECOND = 50_000.0  # a 256x256 output in about a second
FRAME_MS = 16  # at most one redraw per screen frame; faster speeds take several steps a tick
FLOAT32_LARGEST = float(np.finfo(np.float32).max)
BACKWARD_VIEWS = ("gradient", "unpool")


def prepared_picture(array: np.ndarray, levels: tuple[float, float]) -> np.ndarray:
    """What an image item draws for ``array`` (C, H, W): :func:`display_array`, in float32
    when the levels fit (half the bytes for the view to scale)."""
    display = display_array(array, levels)
    if display.dtype == np.float64 and max(abs(levels[0]), abs(levels[1])) < FLOAT32_LARGEST:
        return display.astype(np.float32)
    return display


class Routing:
    """The backward view's picture after some steps, prepared in the worker: the gradient, the
    routed counts, their sum, the colour range and the picture the view draws."""

    def __init__(self, route: GradientRoute, cells_done: int, token: CancelToken | None = None):
        self.route, self.result, self.cells_done = route, route.result, cells_done
        self.gradient = route.gradient(cells_done)
        if token is not None:
            token.check()
        self.counts = route.counts(cells_done)
        self.routed = int(self.counts.sum())
        if token is not None:
            token.check()
        self.levels = symmetric_range(self.gradient)
        self.display = prepared_picture(self.gradient, self.levels)


class Unpooling:
    """Max unpooling of a result, prepared in the worker: the values put back (None for kinds
    that choose no cell) and their picture."""

    def __init__(self, result, levels: tuple[float, float]):
        self.result, self.levels = result, levels
        self.values = self.display = None
        if result.indices is not None:
            self.values = unpooled(result)
            self.display = prepared_picture(self.values, levels)


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
        self.backward_view = "gradient"  # what the third view shows: "gradient" or "unpool"
        self.routing: Routing | None = None  # the backward view's gradient and counts
        self.unpooling: Unpooling | None = None  # the unpooled output, once per result
        # The upstream gradient is as large as the output: made once per result and choice,
        # not at every step (a 1200 x 1600 output took 16 ms per scrubber move to rebuild it);
        # its route is kept with it, so the worker reuses what it made for earlier steps.
        self.upstream_cache: tuple[tuple, np.ndarray, object] | None = None
        self.route_cache: GradientRoute | None = None
        self.submitted_route: GradientRoute | None = None  # of the routing job last submitted
        self.routing_error = ""  # the message a failed routing left on the model
        self.routing_runner = JobRunner("gradient", self)
        self.routing_runner.resultReady.connect(self._on_routing_ready)
        self.routing_runner.failedWith.connect(self._on_routing_failed)
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
        """Prepare what the backward view shows (the routed gradient and counts, or the
        unpooled output): at once for small images, else in the background.

        The newest request wins, with one exception that keeps the view moving while playing
        or scrubbing: a running job for another step of the same result and upstream gradient
        is not stopped (its picture is a true frame of the animation) and the newest request
        waits for it, replacing any request already waiting. Anything else (a new result,
        upstream or view) stops the running job."""
        if self.direction != "backward" or self.sequence is None:
            self.cancel_routing()
            return
        result = self.model.result
        if self.backward_view == "unpool":
            if self.unpooling is not None and self.unpooling.result is result:
                return  # made once per result: the steps do not change it
            levels = self.model.levels
            self.run_routing(lambda token: Unpooling(result, levels), interrupt=True)
            self.submitted_route = None
            return
        if self.backward_problem():  # ONNX: an inference format, it has no gradient to show
            self.cancel_routing()
            self.routing = None
            self.routingChanged.emit()
            return
        route, done = self.route(), self.cells_done()
        same_route = route is self.submitted_route
        self.submitted_route = route
        self.run_routing(lambda token: Routing(route, done, token), interrupt=not same_route)

    def backward_problem(self) -> str:
        """Why the current pooling has no backward pass to show (its framework has none), or
        "" when it has one."""
        result = self.model.result
        return "" if result is None else backward_problem(result.params)

    def run_routing(self, job, interrupt: bool) -> None:
        if self.model.quick(self.model.result.params):
            self.routing_runner.cancel()
            try:
                prepared = job(None)
            except (PoolingError, MemoryError, ValueError) as error:
                self._on_routing_failed(message_of(error) or tr("Not enough memory for this."))
                return
            self._on_routing_ready(prepared)
        else:
            self.routing_runner.submit(job, interrupt=interrupt)

    def cancel_routing(self) -> None:
        self.routing_runner.cancel()
        self.submitted_route = None

    def _on_routing_ready(self, prepared: Routing | Unpooling) -> None:
        if prepared.result is not self.model.result:
            return
        if isinstance(prepared, Unpooling):
            self.unpooling = prepared
        else:
            self.routing = prepared
        if self.routing_error and self.model.error == self.routing_error:
            self.model.set_error("")
        self.routing_error = ""
        self.routingChanged.emit()

    def _on_routing_failed(self, message: str) -> None:
        """A failed backward view is said in the model's message line, never dropped."""
        self.submitted_route = None
        self.routing_error = tr("Backward view: {message}").format(message=message)
        self.model.set_error(self.routing_error)

    def set_backward_view(self, view: str) -> None:
        """Show the routed gradient (``"gradient"``) or the max-unpooled output
        (``"unpool"``) in the backward view."""
        if view not in BACKWARD_VIEWS or view == self.backward_view:
            return
        self.backward_view = view
        unpooling = self.unpooling
        if view == "unpool" and unpooling is not None and unpooling.result is self.model.result:
            self.cancel_routing()
            self.routingChanged.emit()  # made once per result, and known already
        else:
            self.refresh_routing()

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

    def route(self) -> GradientRoute | None:
        """The backward of the current result and upstream gradient, one per pair."""
        if self.sequence is None:
            return None
        upstream = self.upstream()
        route = self.route_cache
        if route is None or route.result is not self.model.result or route.upstream is not upstream:
            route = GradientRoute(self.model.image, self.model.result, upstream)
            self.route_cache = route
        return route

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
        """The output put back at its chosen cells (max unpooling), or None."""
        result = self.model.result
        if result is None or result.indices is None:
            return None
        return unpooled(result)
