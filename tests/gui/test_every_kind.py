"""Every kind in the registry through every view of the window: a new kind that a view
forgot fails here. Exceptions escaping a Qt slot fail the test (pytest-qt)."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_rect, run_backward, window_of

ROOT = Path(__file__).resolve().parents[2]
# Positive values (ties included): every cell a window routes to gets a nonzero gradient, so
# the routed count can be checked against the engine's own backward cell by cell.
IMAGE = np.random.default_rng(5).integers(1, 9, (1, 11, 13)).astype(np.float64)
EXPORTS = [
    ("input", "input.png"),
    ("output", "output.png"),
    ("output", "output.npy"),
    ("output", "output.csv"),
    ("gradient", "gradient.png"),
    ("gradient", "gradient.npy"),
    ("gradient", "gradient.csv"),
    ("forward_gif", "forward.gif"),
    ("backward_gif", "backward.gif"),
]


def contributions_by_one_hot(image: np.ndarray, result) -> np.ndarray:
    """How many output cells send a nonzero gradient to each input cell: one backward of
    the engine per output cell, independent of the routing the view counts with."""
    counts = np.zeros(image.shape, dtype=np.int64)
    for index in np.ndindex(result.output.shape[-2:]):
        one_hot = np.zeros(result.output.shape)
        one_hot[(slice(None), *index)] = 1.0
        counts += run_backward(image, result, one_hot) != 0
    return counts


def choose(combo: QComboBox, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


@pytest.mark.parametrize("name", list(KINDS))
def test_every_kind_through_every_view(qtbot, window, errors, tmp_path, monkeypatch, name):
    shown = []
    monkeypatch.setattr(
        type(window), "show_message", lambda self, title, text, code="": shown.append(text + code)
    )
    model, animation, timeline = window.model, window.animation, window.timeline
    model.set_image(IMAGE)
    model.set_params(
        PoolParams("max", (3, 3), (2, 2), (1, 1), output_size=(4, 5), levels=(3, 2, 1), seed=1)
    )
    choose(window.controls.pool_type, name)
    assert model.result.kind.name == name and model.error == ""

    # Forward view: the output is drawn, and every cell explains its arithmetic.
    out_h, out_w = model.result.output.shape[-2:]
    assert window.output_panel.image_item.image.shape[:2] == (out_h, out_w)
    for row, col in [(0, 0), (out_h - 1, out_w - 1)]:
        model.select_output(row, col)
        assert f"Output cell ({row}, {col})" in window.info_panel.toPlainText()
        assert window.input_panel.overlay.window is not None

    # Backward view, stepped to the end one click at a time.
    choose(timeline.direction, "backward")
    assert window.gradient_box.isVisible()
    qtbot.mouseClick(timeline.start_button, Qt.MouseButton.LeftButton)
    for _ in range(animation.total()):
        qtbot.mouseClick(timeline.forward_button, Qt.MouseButton.LeftButton)
    assert animation.count == animation.total()
    expected = contributions_by_one_hot(model.image, model.result)
    np.testing.assert_array_equal(animation.counts(), expected)
    title = window.gradient_panel.full_title
    assert f"Gradient: {int(expected.sum())} routed" in title

    # Output at input scale: each cell's rectangle is the area its window covers (padding
    # included), and
    # the cell is drawn inside it (overlapping windows share their area, so a drawn tile can
    # be smaller than the rectangle).
    window.physical_action.trigger()
    placement = window.output_panel.placement
    assert not placement.plain
    for row in range(out_h):
        for col in range(out_w):
            cover = output_rect(model.result.params, IMAGE.shape, row, col)
            assert cover == window_of(model.result.params, IMAGE.shape, row, col).extent
            rect, (down, across) = placement.rect(row, col), placement.offset(row, col)
            moved = type(rect)(rect.top - down, rect.left - across, rect.height, rect.width)
            assert rect.height == 0 or rect.width == 0 or cover.contains(moved)
    window.physical_action.trigger()

    # Every export format, and copy as code.
    for what, file_name in EXPORTS:
        assert window.export_to(tmp_path / file_name, what, frame_limit=12), file_name
    for gif_name in ("forward.gif", "backward.gif"):
        with Image.open(tmp_path / gif_name) as gif:
            assert gif.n_frames >= 2, gif_name
    output = np.load(tmp_path / "output.npy")
    assert output.size == model.result.output.size
    window.copy_as_code()
    clipboard = QApplication.clipboard().text()
    assert "# PoolScope" in clipboard and "# TensorFlow / Keras" in clipboard and shown
    assert errors == []  # no error dialog on the way


def test_backward_view_of_global_and_pyramid_kinds_raises_nothing(qtbot, window):
    # Regression: the backward view of global_avg, global_max and spp let a PoolingError
    # escape inside a Qt slot.
    for name in ("global_avg", "global_max", "spp"):
        window.model.set_params(PoolParams(name))
        choose(window.timeline.direction, "backward")
        window.animation.to_start()
        window.animation.to_end()
        assert window.animation.input_gradient().shape == window.model.image.shape
        choose(window.timeline.direction, "forward")


def test_command_line_export_loads_no_qt(tmp_path):
    # Regression: the model imported a view, so the headless --export path loaded PySide6.
    code = (
        "import sys\n"
        "from gui.app import main\n"
        f"status = main(['--export', {str(tmp_path / 'out.npy')!r}, '--kernel', '3'])\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(status, loaded)\n"
    )
    finished = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert finished.stdout.strip() == "0 []"
    assert np.load(tmp_path / "out.npy").shape == (3, 170, 170)
