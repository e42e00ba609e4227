"""Issue 11 in the window: the framework choice, the Frameworks tab, the gotcha gallery and
sequences, each reached through its widgets."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from engine.pooling.gotchas import GOTCHAS
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool

MATRIX = np.array(
    [
        [1, 3, 2, 1, 0, 4],
        [4, 6, 6, 2, 1, 3],
        [3, 1, 2, 8, 5, 1],
        [0, 2, 7, 7, 3, 2],
        [5, 1, 0, 3, 9, 9],
        [2, 4, 1, 6, 2, 0],
    ],
    dtype=np.float64,
)[np.newaxis]


def menu_action(window, text: str):
    return next(
        action for action in window.menu_actions() if action.text().replace("&", "") == text
    )


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def test_choosing_a_framework_carries_the_padding_and_takes_its_divisor(qtbot, window):
    window.model.set_image(MATRIX)
    window.model.set_params(PoolParams("avg", (3, 3), (2, 2), (1, 1)))
    framework = window.controls.editors["framework"].box
    choose(framework, "jax")
    params = window.model.params
    assert params.framework == "jax" and params.pads == (1, 1, 1, 1)
    assert params.count_include_pad  # Flax counts the padding, as PyTorch does
    choose(framework, "onnx")
    assert window.model.params.framework == "onnx" and not window.model.params.count_include_pad
    corner = window.model.result.output[0, 0, 0]
    assert corner == pytest.approx((1 + 3 + 4 + 6) / 4)  # ONNX: real cells only
    choose(framework, "torch")
    assert window.model.params.padding == (1, 1) and window.model.params.count_include_pad
    assert window.model.result.output[0, 0, 0] == pytest.approx(14 / 9)


def test_the_pads_editor_pads_each_side(qtbot, window):
    window.model.set_image(MATRIX)
    window.model.set_params(PoolParams("max", (3, 3), (2, 2), framework="jax"))
    boxes = window.controls.editors["pads"].boxes
    for box, value in zip(boxes, (0, 0, 1, 1), strict=True):  # top, left, bottom, right
        box.setValue(value)
    assert window.model.params.pads == (0, 0, 1, 1)
    assert window.model.result.output.shape == (1, 3, 3)
    window.model.select_output(2, 2)
    assert window.model.selected_window().rows.tolist() == [4, 5, 6]  # 6 is the bottom pad


def test_the_frameworks_tab_shows_the_four_columns_and_marks_what_differs(qtbot, window):
    window.model.set_image(MATRIX)
    window.model.set_params(PoolParams("avg", (3, 3), (2, 2), (1, 1), ceil_mode=True))
    window.model.select_output(0, 0)
    menu_action(window, "Frameworks side by side").trigger()
    panel = window.frameworks
    assert window.tabs.currentWidget() is panel
    panel.runner.wait_until_idle()
    views = panel.views
    onnx, keras = views["onnx"], views["keras"]
    # ONNX divides by the real cells (its default): the border windows differ from PyTorch's.
    assert onnx.output.overlay.marked and (0, 0) in onnx.output.overlay.marked
    assert "differ" in onnx.output.full_title
    assert views["torch"].output.overlay.marked == []
    assert "another shape" in keras.output.full_title  # no ceil mode in Keras
    text = onnx.details.toPlainText()
    assert "Divisor: 4 for cell (0, 0) (real cells only)" in text
    assert "top 1, bottom 1, left 1, right 1" in text
    assert "has no ceil_mode" in keras.details.toPlainText()
    # Each framework's defaults off: ONNX keeps PyTorch's count_include_pad=1, no difference.
    panel.defaults.setChecked(False)
    panel.runner.wait_until_idle()
    assert onnx.output.overlay.marked == []
    assert "count_include_pad=1" in onnx.code
    qtbot.mouseClick(onnx.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text().startswith("onnx.helper.make_node('AveragePool'")


def test_the_frameworks_tab_says_where_a_tie_goes_and_follows_the_selection(qtbot, window):
    window.model.set_image(MATRIX)
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    window.tabs.setCurrentWidget(window.frameworks)
    window.model.select_output(2, 2)  # the window 9 9 / 2 0: a tie
    window.frameworks.runner.wait_until_idle()
    torch_text = window.frameworks.views["torch"].details.toPlainText()
    assert "cell (2, 2): 2 tied maxima; to (4, 4)" in torch_text
    assert "no backward pass" in window.frameworks.views["onnx"].details.toPlainText()
    view = window.frameworks.views["jax"]
    widget, point = view.output.cell_position(1, 0)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert window.model.selected == (1, 0)


def test_the_frameworks_tab_explains_why_other_kinds_are_not_compared(qtbot, window):
    window.model.set_image(MATRIX)
    window.model.set_params(PoolParams("lp", (2, 2), (2, 2)))
    window.tabs.setCurrentWidget(window.frameworks)
    assert "not compared" in window.frameworks.status.text()


def click_gotcha(qtbot, window, key: str) -> None:
    gallery = window.gallery.list
    qtbot.waitUntil(gallery.viewport().isVisible)
    row = next(row for row in range(gallery.count()) if gallery.item(row).data(Qt.UserRole) == key)
    gallery.scrollToItem(gallery.item(row))
    rect = gallery.visualItemRect(gallery.item(row))
    qtbot.mouseClick(gallery.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("item", GOTCHAS, ids=lambda item: item.key)
def test_every_gotcha_loads_with_one_click_and_shows_its_answer(qtbot, window, item):
    window.show_gallery()
    click_gotcha(qtbot, window, item.key)
    model = window.model
    np.testing.assert_array_equal(model.image[0], np.array(item.matrix), strict=False)
    assert model.params == item.pool_params()
    assert item.answer in window.gallery.details.toPlainText()
    assert all(link in window.gallery.details.toHtml() for link in item.links)
    if item.expected is None:
        assert item.expected_error in window.controls.message.text()
        return
    assert model.error == ""
    np.testing.assert_allclose(model.result.output[0], np.array(item.expected), rtol=1e-6)
    if item.selected_cell is not None:
        assert model.selected == item.selected_cell
    assert (window.animation.direction == "backward") == (item.gradient is not None)


def test_the_pooling_menu_loads_a_gotcha_too(qtbot, window):
    item = GOTCHAS[0]
    menu_action(window, item.title).trigger()
    assert window.model.params == item.pool_params()
    assert window.gallery_dock.isVisible()


def test_a_one_line_csv_opens_as_a_sequence_with_one_number_settings(qtbot, window, tmp_path):
    path = tmp_path / "row.csv"
    path.write_text(",".join(str(value) for value in range(1, 11)) + "\n")
    assert window.open_path(path)
    window.model.set_params(PoolParams("max", (3, 3), (3, 3)))
    editors = window.controls.editors
    assert editors["kernel_size"].width_box.isVisible()
    assert not editors["kernel_size"].height_box.isVisible()
    assert not window.controls.square.isVisible()
    assert window.model.result.output.tolist() == [[[3.0, 6.0, 9.0]]]
    editors["kernel_size"].width_box.setValue(4)
    assert window.model.result.params.kernel_size == (1, 4)
    assert "Sequence 10 (L)" in window.input_panel.full_title
    window.model.select_output(0, 1)
    assert "Window positions 3..6 of the 10-long sequence" in window.info_panel.toPlainText()
    assert window.formula.text().startswith("L_out")
    assert window.input_panel.sequence_style == "strip"
    menu_action(window, "Sequences as bars").trigger()
    assert window.input_panel.sequence_style == "bars"
    heights = window.input_panel.bars.opts["height"]
    np.testing.assert_allclose(heights, np.arange(1, 11) / 10)
    menu_action(window, "Sequences as bars").trigger()
    assert window.input_panel.sequence_style == "strip"


def test_a_matrix_opens_as_sequences_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    path = tmp_path / "three.npy"
    np.save(path, np.arange(30, dtype=np.float64).reshape(3, 10))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    menu_action(window, "Open as sequences…").trigger()
    assert window.model.source_image.shape == (3, 1, 10)
    assert window.model.is_sequence()
    assert kind_of(window.model.params).pools_sequence(window.model.image.shape)
    expected = run_pool(window.model.image, window.model.params).output
    np.testing.assert_array_equal(window.model.result.output, expected)


def test_the_backward_view_of_onnx_says_it_has_no_backward_pass(qtbot, window, errors, tmp_path):
    # ONNX is an inference format: the window must not draw PyTorch's gradient under its name
    # (the command line refuses --grad and --backward with the same sentence).
    window.model.update_params(framework="onnx")
    timeline = window.timeline
    timeline.direction.setCurrentIndex(timeline.direction.findData("backward"))
    qtbot.mouseClick(timeline.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(timeline.forward_button, Qt.MouseButton.LeftButton)
    assert (
        window.gradient_panel.full_title == "ONNX is an inference format: it has no backward pass"
    )
    assert window.gradient_panel.image_item.image is None
    assert "no backward pass" in window.info_panel.toPlainText()
    assert not window.export_to(tmp_path / "gradient.npy", "gradient")
    assert (
        errors and "no backward pass" in errors[-1][1] and not (tmp_path / "gradient.npy").exists()
    )
    window.model.update_params(framework="torch")  # and back: the gradient is drawn again
    qtbot.mouseClick(timeline.forward_button, Qt.MouseButton.LeftButton)
    window.animation.routing_runner.wait_until_idle()
    assert window.gradient_panel.full_title.startswith("Gradient:")
