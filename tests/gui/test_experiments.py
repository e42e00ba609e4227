"""Each experiment opens on the loaded image, computes in the background and shows what the
engine computes."""

import time

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar

from engine import functional as F
from engine.analysis.experiments import conv2d, edge_cells, pooling_cost, shift_consistency
from engine.ops.blurpool import blur_max_pool2d
from engine.pooling.parameters import PoolParams
from gui.experiments.base import WORKING_SIDE, working_copy
from gui.experiments.shift import SHIFT_KINDS

TITLES = ("Compare", "Feature", "Stacked", "Shift", "Noise", "Fixed", "Cost")


@pytest.fixture
def photo_window(window):
    from engine.images import sample_path

    assert window.open_path(sample_path("astronaut"))
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    window.model.wait_until_idle()
    return window


def shown(window, title: str):
    """Show an experiment and wait for its background result."""
    experiment = window.show_experiment(title)
    assert window.experiments.runner.wait_until_idle(60)
    return experiment


def test_every_experiment_opens_with_an_explanation(photo_window):
    for title in TITLES:
        experiment = shown(photo_window, title)
        assert len(experiment.text.text()) > 150  # a paragraph for a student
        assert experiment.summary.text()


def test_switching_tabs_computes_the_visible_experiment_in_the_background(qtbot, photo_window):
    photo_window.tabs.setCurrentIndex(1)
    panel = photo_window.experiments
    busy = panel.findChild(QProgressBar, "experiment_busy")
    assert busy.toolTip()
    for index in range(panel.count()):
        tab_bar = panel.tabBar()
        qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(index).center())
        assert panel.currentIndex() == index
        qtbot.waitUntil(lambda index=index: index in panel.built and panel.busy_mark.isHidden())
        assert panel.built[index].summary.text(), panel.tabText(index)
    assert set(panel.built) == set(range(panel.count()))
    assert panel.runner.busy is False


def test_nothing_computes_while_the_explore_tab_is_shown(photo_window):
    shown(photo_window, "Shift")
    photo_window.tabs.setCurrentIndex(0)
    photo_window.model.set_params(PoolParams("max", (3, 3), (2, 2)))
    assert not photo_window.experiments.runner.busy
    photo_window.tabs.setCurrentIndex(1)  # back: the experiment catches up
    assert photo_window.experiments.runner.wait_until_idle(60)
    assert "Kernel 3, stride 2" in photo_window.experiments.experiment(3).summary.text()


def test_a_kernel_change_keeps_the_window_responsive_on_a_large_image(qtbot, window):
    image = np.random.default_rng(0).random((3, 1024, 1024)).astype(np.float32)
    window.model.set_image(image)
    window.model.wait_until_idle()
    window.tabs.setCurrentIndex(1)
    panel = window.experiments
    for title, kernel in (("Shift", 5), ("Noise", 3), ("Compare", 5), ("Feature", 3)):
        index = next(
            number for number in range(panel.count()) if panel.tabText(number).startswith(title)
        )
        start = time.perf_counter()
        window.model.set_params(PoolParams("max", (kernel, kernel), (2, 2)))
        panel.setCurrentIndex(index)  # what a click on the tab does
        ui_thread = time.perf_counter() - start
        assert ui_thread < 0.1, f"{title}: {ui_thread * 1000:.0f} ms on the UI thread"
        assert not panel.busy_mark.isHidden()  # the work is left to the runner
        qtbot.waitUntil(
            lambda index=index: index in panel.built and panel.busy_mark.isHidden(), timeout=60_000
        )
        assert window.model.wait_until_idle()
        assert panel.built[index].summary.text()
    assert "Outputs of 126 x 126 (H x W)" in panel.experiment(0).summary.text()


def test_the_newest_settings_win(photo_window):
    shift = shown(photo_window, "Shift")
    for kernel in (3, 4, 5):
        photo_window.model.set_params(PoolParams("max", (kernel, kernel), (1, 1)))
    assert photo_window.experiments.runner.wait_until_idle(60)
    assert shift.result.request.kernel == 5 and len(shift.changes["max"]) == 11


def test_compare_shows_the_engine_outputs_the_difference_and_the_linearity(photo_window):
    compare = shown(photo_window, "Compare")
    image = working_copy(photo_window.model.image)
    np.testing.assert_allclose(compare.outputs[0], F.max_pool2d(image, 2, 2))
    np.testing.assert_allclose(compare.outputs[1], F.avg_pool2d(image, 2, 2))
    summary = compare.summary.text()
    assert "mean absolute difference" in summary and "256 x 256" not in summary
    assert compare.nonlinearity["avg"] < 1e-6 < compare.nonlinearity["max"]
    assert f"Max {compare.nonlinearity['max']:.4f}" in summary
    assert f"Average {compare.nonlinearity['avg']:.4f}" in summary
    assert "0 means the pool is linear" in summary
    compare.pair.setCurrentIndex(1)  # 1 - 3: drawn from the result, nothing recomputed
    assert not photo_window.experiments.runner.busy
    assert "Panel 1 minus panel 3" in compare.summary.text()


def test_compare_says_identical_outputs_differ_by_zero(photo_window):
    compare = shown(photo_window, "Compare")
    compare.choices[1].setCurrentIndex(compare.choices[1].findData("max"))
    assert photo_window.experiments.runner.wait_until_idle(60)
    # the bug: the colour range's fallback of 1 was reported as the largest difference
    assert "mean absolute difference 0.0000, largest 0.0000" in compare.summary.text()


def test_feature_map_is_the_convolution_then_the_pool(qtbot, photo_window):
    feature = shown(photo_window, "Feature")
    gray = working_copy(photo_window.model.image).mean(axis=0, keepdims=True)
    kernel = np.where(np.arange(25).reshape(5, 5) == 12, 24.0, -1.0)
    np.testing.assert_allclose(feature.feature_map, conv2d(gray, kernel))
    shown_picture = feature.pooled_panel.image_item.image
    np.testing.assert_allclose(shown_picture, F.max_pool2d(feature.feature_map, 2, 2)[0], rtol=1e-6)
    assert "feature map 256 x 256 (H x W)" in feature.summary.text()


def test_use_as_input_replaces_the_image_and_says_so(qtbot, photo_window):
    feature = shown(photo_window, "Feature")
    with qtbot.waitSignal(photo_window.experiments.inputReplaced) as replaced:
        qtbot.mouseClick(feature.use_button, Qt.MouseButton.LeftButton)
    assert photo_window.model.image.shape == (1, 256, 256)
    np.testing.assert_allclose(photo_window.model.image, feature.result.feature_map, rtol=1e-6)
    assert replaced.args == [
        "The feature map of the 5 x 5 edges kernel, 256 x 256 (H x W), is now the input of Explore."
    ]


def test_a_kernel_that_cannot_be_read_says_why(photo_window):
    feature = shown(photo_window, "Feature")
    feature.kernel_text.setPlainText("1 2\n3 x")
    feature.apply_button.click()
    assert photo_window.experiments.runner.wait_until_idle(60)
    assert feature.summary.text().startswith("Kernel:")


def test_stack_receptive_field(photo_window):
    stack = shown(photo_window, "Stacked")
    stack.show_field(10, 10)
    assert stack.field.height == 10 and stack.field.width == 10
    assert "pool 10px" in stack.summary.text()
    stack.kind.setCurrentText("pool")
    stack.add_layer()
    assert len(stack.layers) == 5 and "pool 2x2" in stack.list.item(4).text()
    assert photo_window.experiments.runner.wait_until_idle(60)
    assert len(stack.result.request.layers) == 5 and stack.result.output.shape == (1, 32, 32)


def test_shift_experiment_scores_match_the_engine(photo_window):
    shift = shown(photo_window, "Shift")
    region = working_copy(photo_window.model.image, WORKING_SIDE + 4).mean(axis=0, keepdims=True)
    border = edge_cells(PoolParams("blurmax", (2, 2), (2, 2)))
    expected = shift_consistency(region, lambda v: blur_max_pool2d(v, 2, 2, 3), 2, 4, border=border)
    assert shift.scores["blurmax"] == pytest.approx(expected)
    assert shift.scores["blurmax"] >= shift.scores["max"]
    assert shift.changes["max"][0] == 0
    assert "crops of 256 x 256 (H x W)" in shift.summary.text()


@pytest.mark.parametrize("kernel", [3, 2, 5])
def test_shift_numbers_are_zero_at_multiples_of_the_stride_on_the_photo(photo_window, kernel):
    photo_window.model.set_params(PoolParams("max", (kernel, kernel), (2, 2)))
    shift = shown(photo_window, "Shift")
    assert list(shift.changes) == list(SHIFT_KINDS)
    for name, changes in shift.changes.items():
        assert len(changes) == 2 * kernel + 1
        assert max(changes[0::2]) < 1e-12, name  # shifts 0, 2, 4, ...: whole output cells
    assert min(shift.changes["max"][1::2]) > 0.01  # in between, max pooling aliases
    assert "multiples of the stride: 0." in shift.summary.text()


def test_average_pooling_at_stride_1_shows_no_shift_change(photo_window):
    photo_window.model.set_params(PoolParams("max", (5, 5), (1, 1)))
    shift = shown(photo_window, "Shift")
    assert max(shift.changes["avg"]) < 1e-12  # the old wrap-around showed 4.6 to 6 % here


def test_noise_and_fixed_length_and_cost(photo_window):
    noise = shown(photo_window, "Noise")
    assert noise.changes["avg"][-1] < noise.changes["max"][-1]
    fixed = shown(photo_window, "Fixed")
    assert fixed.lengths[0] == fixed.lengths[1] == 3 * 16
    assert "256 x 256 and 97 x 72 pixels (H x W)" in fixed.summary.text()
    cost = shown(photo_window, "Cost")
    cost.use_image_size.setChecked(False)
    assert photo_window.experiments.runner.wait_until_idle(60)
    assert cost.cost == pooling_cost((64, 22, 22), (64, 11, 11), 512)
    assert "15.9 M" in cost.table.text() and "4.0 M" in cost.table.text()
    assert "64 x 22 x 22 (C x H x W)" in cost.summary.text()


@pytest.mark.parametrize("title", TITLES[:-1])
def test_an_image_with_nan_says_so_in_one_sentence(photo_window, title):
    image = photo_window.model.image.copy()
    image[:, 200:300, 200:300] = np.nan
    image[0, 250, 250] = np.inf
    photo_window.model.set_image(image)
    experiment = shown(photo_window, title)
    assert "NaN or infinite" in experiment.summary.text()
    assert "\n" not in experiment.summary.text()


@pytest.mark.parametrize("title", ["Compare", "Shift", "Noise", "Feature"])
def test_a_kernel_larger_than_the_image_says_so(photo_window, title):
    photo_window.model.set_image(np.random.default_rng(1).random((3, 120, 160)))
    photo_window.model.set_params(PoolParams("max", (150, 150), (2, 2)))
    experiment = shown(photo_window, title)
    summary = experiment.summary.text()
    assert "150" in summary and ("at most" in summary or "smaller" in summary), summary
    assert "120 x 160 (H x W)" in summary or title == "Shift", summary
    assert "Unexpected" not in summary and "\n" not in summary
