"""Issue 10 in the window: what a control does on the UI thread does not grow with the image.

Speed is measured in ``benchmarks/bench_gui.py``; these tests check the structure that keeps
it: a step, a scrubber move or a hover draws no array the size of the output, the backward
view and a channel change are prepared in a worker, and the newest request wins without
starving the view.
"""

import threading
import time

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine.errors import PoolingError
from engine.pooling.parameters import PoolParams
from engine.pooling.placement import GridPlacement
from engine.pooling.steps import GradientRoute, StepSequence, partial_input_gradient
from engine.pooling.windows import Rect
from gui.views.image_panel import ImagePanel

PHOTO = np.random.default_rng(10).random((3, 120, 140)).astype(np.float32)


class Calls:
    """Which spied functions ran, and on which thread."""

    def __init__(self, monkeypatch):
        self.monkeypatch, self.seen = monkeypatch, []

    def spy(self, owner, name: str) -> None:
        original = getattr(owner, name)

        def spied(*args, **kwargs):
            self.seen.append((name, threading.current_thread() is threading.main_thread()))
            return original(*args, **kwargs)

        self.monkeypatch.setattr(owner, name, spied)

    def on_ui_thread(self) -> list[str]:
        return [name for name, main in self.seen if main]

    def names(self) -> list[str]:
        return [name for name, _ in self.seen]


def spy_on_arrays(monkeypatch) -> Calls:
    """Spy on everything that makes or converts an array the size of the output or image."""
    import gui.models.animation_model as animation_model
    import gui.models.pool_model as pool_model
    import gui.views.image_panel as image_panel

    calls = Calls(monkeypatch)
    calls.spy(ImagePanel, "show_array")
    calls.spy(image_panel, "display_array")
    calls.spy(StepSequence, "partial_output")
    calls.spy(GridPlacement, "picture")
    calls.spy(GridPlacement, "place")
    for name in ("select_channel", "data_range", "display_array"):
        calls.spy(pool_model, name)
    for name in ("symmetric_range", "prepared_picture", "unpooled"):
        calls.spy(animation_model, name)
    calls.spy(GradientRoute, "gradient")
    calls.spy(GradientRoute, "counts")
    return calls


def show_photo(window, params: PoolParams | None = None, in_worker: bool = False):
    """The photo pooled with ``params`` (3x3 max, stride 2, by default); ``in_worker``: every
    pooling and routing goes to the background, as for a large photo."""
    params = params or PoolParams("max", (3, 3), (2, 2))
    if in_worker:
        window.model.synchronous_limit = 0
    window.model.set_params(params)
    window.model.set_image(PHOTO)
    assert window.model.wait_until_idle()
    return window.model.result


def draws(panel, picture) -> bool:
    """Whether the panel's image item draws ``picture`` itself (not a copy or conversion)."""
    return np.shares_memory(panel.image_item.image, picture)


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_a_forward_step_draws_no_array_the_size_of_the_output(qtbot, window, monkeypatch):
    result = show_photo(window)
    out_w = result.output.shape[-1]
    timeline, overlay = window.timeline, window.output_panel.overlay
    qtbot.mouseClick(timeline.start_button, Qt.MouseButton.LeftButton)
    calls = spy_on_arrays(monkeypatch)
    for _ in range(out_w + 5):
        qtbot.mouseClick(timeline.forward_button, Qt.MouseButton.LeftButton)
    assert calls.names() == []
    # The whole output stays drawn; the cells not computed yet are covered by two rectangles.
    assert draws(window.output_panel, window.model.output_display)
    assert overlay.hidden_from == out_w + 5
    assert overlay.hidden_rects == [
        Rect(1, 5, 1, out_w - 5),
        Rect(2, 0, result.output.shape[-2] - 2, out_w),
    ]
    assert not overlay.is_hidden(1, 4) and overlay.is_hidden(1, 5)
    qtbot.mouseClick(timeline.end_button, Qt.MouseButton.LeftButton)
    assert overlay.hidden_rects == [] and overlay.hidden_from is None
    assert calls.names() == []


def test_steps_at_the_input_scale_place_the_output_once(qtbot, window, monkeypatch):
    show_photo(window)
    window.physical_action.trigger()
    calls = spy_on_arrays(monkeypatch)
    picture = window.output_panel.image_item.image
    window.animation.to_start()
    for _ in range(20):
        window.animation.step_forward()
    assert calls.names() == []
    assert window.output_panel.image_item.image is picture
    assert window.output_panel.overlay.hidden_rects  # covered over the input area
    window.physical_action.trigger()


def test_the_placed_picture_is_the_engines_picture_of_the_output(window):
    from engine.pooling.display import display_array

    show_photo(window, PoolParams("avg", (4, 4), (3, 3)))
    window.physical_action.trigger()
    placement = window.output_panel.placement
    assert not placement.plain
    expected = display_array(placement.picture(window.model.result.output), window.model.levels)
    np.testing.assert_array_equal(window.output_panel.image_item.image, expected)
    window.physical_action.trigger()


def test_the_scrubber_applies_its_newest_value_once_a_frame(qtbot, window, monkeypatch):
    show_photo(window)
    animation, timeline = window.animation, window.timeline
    applied = []
    set_count = animation.set_count
    monkeypatch.setattr(
        animation, "set_count", lambda count: applied.append(count) or set_count(count)
    )
    for value in range(100, 400, 10):  # a drag: many values before the event loop runs
        timeline.scrubber.setValue(value)
    assert applied == []
    qtbot.waitUntil(lambda: animation.count == 390, timeout=2000)
    assert applied == [390]
    qtbot.mouseClick(timeline.back_button, Qt.MouseButton.LeftButton)
    assert animation.count == 389  # a step button acts at once
    assert timeline.scrubber.value() == 389


def test_the_backward_view_is_prepared_in_the_worker(qtbot, window, monkeypatch):
    result = show_photo(window, in_worker=True)
    animation = window.animation
    calls = spy_on_arrays(monkeypatch)
    choose(window.timeline.direction, "backward")
    animation.set_count(1000)
    assert animation.routing_runner.wait_until_idle()
    qtbot.waitUntil(lambda: animation.routing.cells_done == 1000, timeout=5000)
    prepared = {"gradient", "counts", "symmetric_range", "prepared_picture"}
    assert prepared <= set(calls.names())
    assert not prepared & set(calls.on_ui_thread())
    assert "display_array" not in calls.names()  # the gradient view drew the prepared picture
    routing = animation.routing
    expected = partial_input_gradient(window.model.image, result, animation.upstream(), 1000)
    np.testing.assert_array_equal(routing.gradient, expected)
    assert routing.routed == int(routing.counts.sum())
    assert draws(window.gradient_panel, routing.display)
    title = window.gradient_panel.full_title
    assert f"Gradient: {routing.routed} routed" in title


def test_unpooling_is_made_once_per_result_in_the_worker(qtbot, window, monkeypatch):
    show_photo(window, in_worker=True)
    animation = window.animation
    choose(window.timeline.direction, "backward")
    calls = spy_on_arrays(monkeypatch)
    for view in ("unpool", "gradient", "unpool"):
        choose(window.gradient_choice, view)
        assert animation.routing_runner.wait_until_idle()
    assert calls.names().count("unpooled") == 1 and "unpooled" not in calls.on_ui_thread()
    qtbot.waitUntil(lambda: draws(window.gradient_panel, animation.unpooling.display))
    animation.step_back()
    animation.step_back()
    assert calls.names().count("unpooled") == 1  # steps do not change it


def test_playing_backward_shows_frames_while_newer_steps_arrive(qtbot, window, monkeypatch):
    # Regression: every step stopped the running routing job, so while playing the gradient
    # view never updated. A job for the same result and upstream now finishes and is shown.
    show_photo(window, in_worker=True)
    animation = window.animation
    choose(window.timeline.direction, "backward")
    assert animation.routing_runner.wait_until_idle()
    gradient = GradientRoute.gradient

    def slow_gradient(route, cells_done):
        time.sleep(0.15)
        return gradient(route, cells_done)

    monkeypatch.setattr(GradientRoute, "gradient", slow_gradient)
    shown = []
    animation.routingChanged.connect(lambda: shown.append(animation.routing.cells_done))
    for count in range(10, 110, 10):
        animation.set_count(count)
        qtbot.wait(30)
    assert animation.routing_runner.wait_until_idle()
    assert len(shown) >= 2 and shown[0] < 100  # a frame during the burst, not only the end
    assert shown[-1] == 100


def test_a_new_upstream_stops_the_running_routing_job(qtbot, window, monkeypatch):
    show_photo(window, in_worker=True)
    animation = window.animation
    choose(window.timeline.direction, "backward")
    assert animation.routing_runner.wait_until_idle()
    started = threading.Event()
    gradient = GradientRoute.gradient

    def slow_gradient(route, cells_done):
        started.set()
        time.sleep(0.2)
        return gradient(route, cells_done)

    monkeypatch.setattr(GradientRoute, "gradient", slow_gradient)
    shown = []
    animation.routingChanged.connect(lambda: shown.append(animation.routing.route.upstream))
    animation.set_count(50)
    assert started.wait(5)
    choose(window.timeline.upstream, "random")
    assert animation.routing_runner.wait_until_idle()
    assert len(shown) == 1 and shown[0] is animation.upstream()


@pytest.mark.parametrize("in_worker", [False, True], ids=["at-once", "in-worker"])
def test_a_failed_backward_view_is_reported(qtbot, window, monkeypatch, in_worker):
    show_photo(window, in_worker=in_worker)

    def fail(route, cells_done):
        raise PoolingError("the backward refused")

    monkeypatch.setattr(GradientRoute, "gradient", fail)
    choose(window.timeline.direction, "backward")
    window.animation.routing_runner.wait_until_idle()
    qtbot.waitUntil(lambda: "the backward refused" in window.model.error, timeout=5000)
    assert window.model.error.startswith("Backward view")
    monkeypatch.undo()
    window.animation.step_back()
    window.animation.routing_runner.wait_until_idle()
    qtbot.waitUntil(lambda: window.model.error == "", timeout=5000)


def test_switching_the_channel_from_gray_back_to_rgb_with_a_selected_cell_raises_no_index_error(
    qtbot, window, monkeypatch
):
    # Regression (crash dialogs): the channel change swapped the image on the UI thread but
    # kept the old result, and the views indexed the 1-channel result with 3 channels.
    model = window.model
    show_photo(window, in_worker=True)
    qtbot.mouseClick(window.output_panel.plot_widget, Qt.MouseButton.LeftButton)
    model.select_output(3, 4)
    calls = spy_on_arrays(monkeypatch)
    channel = window.image_source.channel
    for name in ("gray", "rgb", "green", "rgb"):
        channel.setCurrentIndex(channel.findData(name))
        # Until the new result arrives, the image and the result shown still belong together.
        assert model.image.shape[0] == model.result.output.shape[0]
        assert model.wait_until_idle()
        assert model.image.shape[0] == model.result.output.shape[0] == (3 if name == "rgb" else 1)
        assert model.selected == (3, 4)
        assert "Output cell (3, 4)" in window.info_panel.toPlainText()
    worker_only = {"select_channel", "data_range"}
    assert worker_only <= set(calls.names())
    assert not worker_only & set(calls.on_ui_thread())
    assert "display_array" not in calls.on_ui_thread()  # both pictures came prepared
    np.testing.assert_array_equal(model.image, PHOTO)


def test_hovering_output_cells_draws_no_array(qtbot, window, monkeypatch):
    show_photo(window)
    calls = spy_on_arrays(monkeypatch)
    for row, col in [(0, 0), (5, 6), (20, 30), (58, 68)]:
        window.model.hover_output(row, col)
        assert window.input_panel.overlay.window is not None
    window.model.select_output(7, 8)
    window.model.move_selection(1, 1)
    assert calls.names() == []
