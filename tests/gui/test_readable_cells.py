"""Cell numbers fit their cells and contrast with them; ticks sit at cell centres; fitting
shows the padding cells; an image being replaced says so."""

import numpy as np
from PIL import Image
from PySide6.QtGui import QFont, QFontMetricsF

from engine.pooling.parameters import PoolParams
from gui.views.cell_overlay import CellOverlay
from gui.views.formatting import fitting_texts, format_value
from gui.views.image_panel import CellAxis


def test_numbers_get_the_precision_that_fits_or_none(qapp):
    values = np.array([[0.00392, 0.5], [0.12345, 1.0]])
    font = QFont()
    font.setPixelSize(12)
    metrics = QFontMetricsF(font)
    for width in (200, 30, 22, 5):
        texts = fitting_texts(
            values, lambda text, room=width: metrics.horizontalAdvance(text) <= room
        )
        if texts is None:
            assert width == 5  # nothing fits: nothing is written
            continue
        assert all(metrics.horizontalAdvance(text) <= width for text in texts.ravel())
    assert format_value(0.00392) == "0.00392" and format_value(0.00392, 1) == "0.0"
    assert format_value(1.0, 1) == "1" and format_value(float("nan")) == "NaN"


def test_numbers_in_the_view_fit_inside_their_cells(qtbot, window):
    window.model.set_image(np.random.default_rng(0).random((1, 6, 6)) / 3)
    window.fit_views()
    qtbot.wait(50)
    window.input_panel.plot_widget.grab()  # paint once
    overlay = window.input_panel.overlay
    size = overlay.cell_size * overlay.cell_pixels()
    chosen = CellOverlay.fitting(overlay.values, size, 1)
    assert chosen is not None and overlay.shown_channels == 1
    font, texts = chosen
    metrics = QFontMetricsF(font)
    assert max(metrics.horizontalAdvance(text) for text in texts.ravel()) <= size - 4
    assert CellOverlay.fitting(overlay.values, 6, 1) is None  # tiny cells: no numbers


def test_text_is_dark_on_light_cells_and_light_on_dark(window):
    window.model.set_image(np.array([[[0.0, 1.0], [0.2, 0.9]]]))
    overlay = window.input_panel.overlay
    brightness = overlay.brightness(range(2), range(2))
    assert brightness[0, 1] > 0.55 > brightness[0, 0]  # white cell: dark text
    assert brightness[1, 1] > 0.55 > brightness[1, 0]


def test_three_channels_are_written_labelled_when_they_fit(window):
    window.model.set_image(np.random.default_rng(1).random((3, 4, 4)))
    overlay = window.input_panel.overlay
    font, texts = CellOverlay.fitting(overlay.values, 120, 3)
    assert len(texts) == 3
    assert CellOverlay.fitting(overlay.values, 30, 3) is None  # then one channel is written
    assert "numbers: red" in window.input_panel.full_title


def test_ticks_are_whole_cell_numbers_at_cell_centres():
    axis = CellAxis("bottom")
    levels = axis.tickValues(0, 10, 400)
    positions = [value for _, values in levels for value in values]
    assert positions and all(value % 1 == 0.5 for value in positions)
    assert axis.tickStrings([0.5, 3.5], 1, 1) == ["0", "3"]


def test_fitting_shows_the_padding_cells(qtbot, window):
    window.model.set_params(PoolParams("max", (3, 3), (2, 2), (1, 1)))
    window.fit_views()
    shown = window.input_panel.plot_item.getViewBox().viewRect()
    assert shown.left() <= -1 and shown.top() <= -1  # the padding ring is in view
    window.model.set_params(PoolParams("max", (3, 3), (2, 2)))
    window.timeline.direction.setCurrentIndex(1)
    window.gradient_choice.setCurrentIndex(window.gradient_choice.findData("unpool"))
    unpooled = window.gradient_panel.plot_item.getViewBox().viewRect()
    assert unpooled.width() >= 28 and unpooled.height() >= 28  # refitted to the whole plane


def test_everything_says_the_image_is_being_replaced_while_it_loads(qtbot, window, tmp_path):
    path = tmp_path / "big.png"
    Image.fromarray(np.zeros((2200, 2200), dtype=np.uint8)).save(path)
    window.settings.set_value("background_load_megapixels", 1.0)
    assert window.open_path(path)
    assert "being replaced by big.png" in window.input_panel.full_title
    assert "being replaced by big.png" in window.output_panel.full_title
    assert "being replaced by big.png" in window.formula.text()
    assert "being replaced by big.png" in window.info_panel.toPlainText()
    qtbot.waitUntil(lambda: window.model.image.shape == (1, 2200, 2200), timeout=20_000)
    assert "being replaced" not in window.input_panel.full_title
    assert "being replaced" not in window.formula.text()


def test_a_burst_of_changes_on_a_large_image_shows_the_last(qtbot, window):
    window.model.set_image(np.random.default_rng(2).random((3, 1024, 1024)).astype(np.float32))
    window.model.wait_until_idle()
    for kernel in (3, 4, 5, 6, 7):
        window.model.update_params(kernel_size=(kernel, kernel), stride=(2, 2))
        qtbot.wait(40)
    assert window.model.wait_until_idle()
    assert window.model.result.params.kernel_size == (7, 7)
    assert window.output_panel.image_item.image.shape[:2] == window.model.result.output.shape[1:]
