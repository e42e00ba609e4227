"""The window, driven as a person would: controls, clicks on cells, files, keyboard."""

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from engine import functional as F
from engine.images import load_image, sample_path
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import coverage_of


def set_spin(qtbot, box, value):
    """Select the spin box text, type a number and press Enter, like a user."""
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))
    qtbot.keyClick(box, Qt.Key.Key_Enter)


def control(window, name):
    """A control of the window by its object name, as tests and accessibility tools find it."""
    found = window.findChild(QWidget, name)
    assert found is not None, name
    return found


def click_cell(qtbot, panel, row, col):
    widget, point = panel.cell_position(row, col)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)


def test_window_opens_on_the_sample_with_a_result(window):
    assert window.model.image.shape == (1, 28, 28)
    assert window.model.result.output.shape == (1, 13, 13)  # 3x3 stride 2: floor(25/2) + 1
    assert "H_out" in window.formula.text()


def test_clicking_an_output_cell_outlines_its_window_and_arg_max(qtbot, window):
    set_spin(qtbot, control(window, "kernel_height"), 3)  # square lock copies it to the width
    set_spin(qtbot, control(window, "stride_height"), 2)
    set_spin(qtbot, control(window, "padding_height"), 1)
    assert window.model.params.kernel_size == (3, 3)
    assert window.model.params.stride == (2, 2)
    assert window.model.params.padding == (1, 1)
    window.fit_views()
    qtbot.wait(50)
    click_cell(qtbot, window.output_panel, 3, 4)
    assert window.model.selected == (3, 4) and window.model.pinned
    image = load_image(sample_path("digit"))
    _, indices = F.max_pool2d(image, 3, 2, 1, return_indices=True)
    expected_argmax = divmod(int(indices[0, 3, 4]), 28)
    overlay = window.input_panel.overlay
    assert [(r, c) for r, c, _ in overlay.argmax] == [expected_argmax]
    expected_cells = [(r, c) for r in range(5, 8) for c in range(7, 10)]
    assert [(r, c) for r, c, _ in overlay.window_cells] == expected_cells
    assert "max(" in window.info_panel.toPlainText()


def test_padding_cells_are_outlined_as_padding(qtbot, window):
    window.model.set_params(PoolParams("max", (3, 3), (2, 2), (1, 1)))
    window.model.select_output(0, 0)
    cells = window.input_panel.overlay.window_cells
    padding = [(r, c) for r, c, is_padding in cells if is_padding]
    assert padding == [(-1, -1), (-1, 0), (-1, 1), (0, -1), (1, -1)]


def test_dilated_window_shows_separate_cells(window):
    window.model.set_params(PoolParams("max", (2, 2), (1, 1), dilation=(3, 3)))
    window.model.select_output(0, 0)
    cells = [(r, c) for r, c, _ in window.input_panel.overlay.window_cells]
    assert cells == [(0, 0), (0, 3), (3, 0), (3, 3)]


def test_arrow_keys_move_the_pinned_selection(qtbot, window):
    window.model.select_output(2, 2)
    window.output_panel.plot_widget.setFocus()
    qtbot.keyClick(window.output_panel.plot_widget, Qt.Key.Key_Right)
    qtbot.keyClick(window.output_panel.plot_widget, Qt.Key.Key_Down)
    assert window.model.selected == (3, 3)


def test_clicking_an_input_pixel_marks_its_coverage(qtbot, window):
    window.model.set_params(PoolParams("max", (3, 3), (1, 1)))
    click_cell(qtbot, window.input_panel, 10, 12)
    expected = coverage_of(window.model.params, (1, 28, 28), 10, 12)
    assert len(expected) == 9
    assert window.output_panel.overlay.marked == expected
    assert "9" in window.info_panel.toPlainText()


def test_formula_strip_uses_the_users_numbers(window):
    window.model.set_params(PoolParams("max", (3, 3), (2, 2), (1, 1), ceil_mode=True))
    text = window.formula.text()
    assert "ceil((28 + 2*1 - 1*(3-1) - 1)/2) + 1 = ceil(27/2) + 1 = 15" in text
    assert "784 elements in" in text


def test_long_formula_lines_shrink_to_the_strips_width_instead_of_wrapping(qtbot, window):
    """Regression: on a 512 px photo at 1366 x 768 every formula line wrapped in two and the
    strip needed a scroll bar."""
    from PySide6.QtGui import QFont, QFontMetricsF

    strip = window.formula
    full = strip.full_point_size
    assert strip.point_size == full  # the digit's short lines fit as they are
    window.model.set_image(np.zeros((1, 4000, 3000), dtype=np.float32))
    qtbot.waitUntil(lambda: not window.model.busy, timeout=10_000)
    strip.resize(700, strip.height())
    assert strip.point_size < full
    font = QFont("monospace")
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPointSizeF(strip.point_size)
    widest = max(QFontMetricsF(font).horizontalAdvance(line) for line in strip.text().split("\n"))
    assert widest <= strip.contentsRect().width()
    assert f"font-size: {strip.point_size}pt" in strip.styleSheet()


def test_invalid_combination_shows_message_and_keeps_last_result(qtbot, window):
    before = window.model.result.output.copy()
    set_spin(qtbot, control(window, "kernel_height"), 4)
    set_spin(qtbot, control(window, "padding_height"), 3)
    message = window.controls.message
    assert message.isVisible()
    assert "Padding" in message.text() and "at most half" in message.text()
    after_padding = window.model.result.output
    assert after_padding.shape == F.max_pool2d(window.model.image, 4, 2).shape
    assert not np.array_equal(after_padding, before) or after_padding.shape != before.shape
    set_spin(qtbot, control(window, "padding_height"), 1)
    assert not message.isVisible()


def test_broken_file_keeps_the_current_image(tmp_path, window, errors):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n garbage")
    image_before = window.model.image
    assert not window.open_path(broken)
    assert window.model.image is image_before
    assert len(errors) == 1 and "broken.png" in errors[0][1]


def test_controls_show_only_the_settings_of_the_chosen_kind(window):
    def shown(name):
        return control(window, name).isVisible()

    window.model.update_params(pool_type="avg")
    assert not shown("dilation_height") and shown("count_include_pad")
    window.model.update_params(pool_type="adaptive_max")
    assert not shown("kernel_height") and shown("output_height")
    assert not shown("square")
    window.model.update_params(pool_type="lp")
    assert shown("norm_type") and not shown("padding_height")
    window.model.update_params(pool_type="global_max")
    assert not any(shown(name) for name in ("kernel_height", "stride_height", "ceil_mode"))
    window.model.update_params(pool_type="max", framework="torch", same_padding=True)
    assert shown("padding_height") and not shown("same_padding")  # PyTorch has no 'same'
    window.model.update_params(framework="keras")
    assert shown("same_padding") and not shown("padding_height") and not shown("dilation_height")
    window.model.update_params(framework="jax")
    assert shown("pads_top") and not control(window, "pads_top").isEnabled()  # 'same' pads
    window.model.update_params(framework="onnx", auto_pad="VALID")
    assert shown("auto_pad") and not control(window, "pads_top").isEnabled()


def test_pool_type_combo_and_average_arithmetic(qtbot, window):
    combo = window.controls.pool_type
    combo.setCurrentIndex(combo.findData("avg"))
    assert window.model.params.pool_type == "avg"
    window.model.select_output(1, 1)
    text = window.info_panel.toPlainText()
    assert "sum(" in text and "divisor" in text


def test_settings_are_remembered_and_corrupt_ones_ignored(qtbot, window, isolated_settings):
    from gui.main_window import MainWindow

    window.model.set_params(PoolParams("avg", (4, 4), (3, 3)))
    window.save_settings()
    reopened = MainWindow()
    qtbot.addWidget(reopened)
    assert reopened.model.params == PoolParams("avg", (4, 4), (3, 3))
    isolated_settings.write_text('[General]\nparams="{not json"\nrecent_files=3\n')
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    assert fresh.model.params.pool_type == "max"


def test_physical_scale_places_output_cells_over_their_windows(window):
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    window.toggle_physical_scale(True)
    rect = window.output_panel.image_item.mapRectToParent(
        window.output_panel.image_item.boundingRect()
    )
    assert (rect.x(), rect.y(), rect.width(), rect.height()) == (0, 0, 28, 28)


def test_hovering_an_output_cell_previews_its_window(qtbot, window):
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    widget, point = window.output_panel.cell_position(5, 6)
    # QTest.mouseMove sends nothing without a button on the offscreen platform: post the move.
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(point),
        widget.mapToGlobal(QPointF(point)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, move)
    qtbot.waitUntil(lambda: window.model.selected == (5, 6), timeout=2000)
    assert not window.model.pinned
    assert window.input_panel.overlay.window_cells


def test_dropping_a_file_opens_it(qtbot, window):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(sample_path("checkerboard")))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.model.image.shape == (1, 64, 64)
    assert window.settings.recent_files()[0].endswith("checkerboard_64x64.png")
    assert window.recent_menu.actions()[0].text().endswith("checkerboard_64x64.png")


def test_every_control_has_a_tooltip(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QSlider

    kinds = (QAbstractSpinBox, QComboBox, QAbstractButton, QSlider)
    controls = [w for w in window.controls.findChildren(QWidget) if isinstance(w, kinds)]
    assert len(controls) > 15
    assert [w.objectName() or type(w).__name__ for w in controls if not w.toolTip()] == []
