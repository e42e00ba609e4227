"""Step-through, backward routing, matrix mode and exports, driven from the window."""

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt

from engine import functional as F
from engine.pooling.parameters import PoolParams


def type_matrix(qtbot, window, text):
    """Type the rows as a person does (Return between rows), then press Apply."""
    editor = window.matrix_panel.editor
    editor.clear()
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)
    qtbot.mouseClick(window.matrix_panel.apply_button, Qt.MouseButton.LeftButton)


def paste_matrix(qtbot, window, text):
    """Paste spreadsheet cells (tabs) into the editor, then press Ctrl+Return."""
    editor = window.matrix_panel.editor
    editor.clear()
    editor.insertPlainText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


SIX_BY_SIX = "1 3 2 1 0 4\n4 6 6 2 1 3\n3 1 2 8 5 1\n0 2 7 7 3 2\n5 1 0 3 9 9\n2 4 1 6 2 0"


def test_typed_matrix_becomes_the_input(qtbot, window):
    type_matrix(qtbot, window, "1 2 3\n4 5 6")
    np.testing.assert_array_equal(window.model.image[0], [[1, 2, 3], [4, 5, 6]])
    paste_matrix(qtbot, window, "7\t8\n9\t10\n")
    np.testing.assert_array_equal(window.model.image[0], [[7, 8], [9, 10]])


def test_matrix_errors_are_explained_and_change_nothing(qtbot, window):
    before = window.model.image
    type_matrix(qtbot, window, "1 2\n3 x")
    assert window.model.image is before
    assert "column 2" in window.matrix_panel.message.text()
    type_matrix(qtbot, window, "1 2\n3")
    assert "same number" in window.matrix_panel.message.text()


def test_preset_sets_matrix_and_pooling(qtbot, window):
    presets = window.matrix_panel.presets
    index = presets.findData("1D row 1..10, window 3")
    presets.setCurrentIndex(index)
    window.matrix_panel._on_preset_chosen(index)
    assert window.model.image.shape == (1, 1, 10)
    np.testing.assert_array_equal(window.model.result.output[0], [[3, 6, 9]])


def test_play_and_step_through_the_windows(qtbot, window):
    type_matrix(qtbot, window, SIX_BY_SIX)
    window.model.set_params(PoolParams("max", (3, 3), (1, 1)))
    animation = window.animation
    assert animation.total() == 16 and animation.count == 16
    qtbot.keyClick(window, Qt.Key.Key_Home)
    assert animation.count == 0
    forward = window.timeline.forward_button
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    step = animation.current_step()
    assert (step.row, step.col) == (0, 1) and step.result[0] == 8
    assert "Step 2 of 16" in window.info_panel.toPlainText()
    assert window.output_panel.overlay.marked == [(0, 1)]
    assert [(r, c) for r, c, _ in window.input_panel.overlay.window_cells][0] == (0, 1)
    partial = window.output_panel.image_item.image
    assert partial.shape == (4, 4)
    animation.set_speed(200)
    qtbot.mouseClick(window.timeline.play_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: animation.count == 16 and not animation.playing, timeout=5000)
    assert "16 / 16 cells" in window.timeline.step_label.text()


def test_one_hot_backward_sends_gradient_to_exactly_the_arg_max(qtbot, window):
    type_matrix(qtbot, window, SIX_BY_SIX)
    window.model.set_params(PoolParams("max", (3, 3), (1, 1)))
    timeline = window.timeline
    timeline.direction.setCurrentIndex(timeline.direction.findData("backward"))
    timeline.upstream.setCurrentIndex(timeline.upstream.findData("one_hot"))
    assert window.gradient_box.isVisible()
    window.fit_views()
    widget, point = window.output_panel.cell_position(1, 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    gradient = window.animation.input_gradient()
    _, indices = F.max_pool2d(window.model.image, 3, 1, return_indices=True)
    expected = np.zeros_like(gradient)
    expected.flat[indices[0, 1, 2]] = 1
    np.testing.assert_array_equal(gradient, expected)


def test_backward_with_ones_counts_overlapping_contributions(window):
    window.model.set_image(np.array([[[0, 0, 0], [0, 9, 0], [0, 0, 0]]], float))
    window.model.set_params(PoolParams("max", (2, 2), (1, 1)))
    window.animation.set_direction("backward")
    window.animation.to_start()
    window.animation.step_forward()
    assert window.animation.input_gradient()[0, 1, 1] == 1
    window.animation.to_end()
    assert window.animation.input_gradient()[0, 1, 1] == 4
    assert window.animation.counts()[0, 1, 1] == 4
    assert window.gradient_panel.overlay.counts[1, 1] == 4


def test_unpooling_view(window):
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    window.animation.set_direction("backward")
    window.gradient_choice.setCurrentIndex(window.gradient_choice.findData("unpool"))
    shown = window.gradient_panel.image_item.image
    assert shown.shape == (28, 28) and np.count_nonzero(shown) <= 14 * 14


def test_exports_from_the_window(tmp_path, qtbot, window, monkeypatch):
    type_matrix(qtbot, window, SIX_BY_SIX)
    window.model.set_params(PoolParams("max", (3, 3), (1, 1)))
    assert window.export_to(tmp_path / "out.npy", "output")
    np.testing.assert_array_equal(np.load(tmp_path / "out.npy"), window.model.result.output)
    assert window.export_to(tmp_path / "out.csv", "output")
    assert window.export_to(tmp_path / "in.png", "input")
    window.animation.set_direction("backward")
    assert window.export_to(tmp_path / "grad.png", "gradient")
    assert window.export_to(tmp_path / "anim.gif", "gif", frame_limit=200)
    with Image.open(tmp_path / "anim.gif") as gif:
        assert gif.n_frames == 17
    asked = []
    monkeypatch.setattr(
        type(window), "confirm_overwrite", lambda self, path: asked.append(path) or False
    )
    before = (tmp_path / "out.npy").read_bytes()
    window.model.set_params(PoolParams("avg", (2, 2), (2, 2)))
    assert not window.export_to(tmp_path / "out.npy", "output")
    assert asked and (tmp_path / "out.npy").read_bytes() == before


def test_copy_as_code(window, monkeypatch):
    shown = []
    monkeypatch.setattr(
        type(window), "show_message", lambda self, t, text, code="": shown.append(text + code)
    )
    window.model.set_params(PoolParams("max", (3, 3), (2, 2), (1, 1)))
    window.copy_as_code()
    from PySide6.QtWidgets import QApplication

    clipboard = QApplication.clipboard().text()
    assert "torch.nn.MaxPool2d(kernel_size=3, stride=2, padding=1" in clipboard
    assert shown and "Keras" in shown[0]
