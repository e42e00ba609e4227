"""Volumes and fractional pooling in the window, through the widgets: the slice sliders, the
depth settings, the window's slices, the 3D arithmetic, exports and code; the seed of
fractional pooling and its irregular windows."""

import numpy as np
from PIL import Image
from PySide6.QtWidgets import QApplication, QFileDialog

from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import depth_window, run_pool

VOLUME = np.random.default_rng(8).integers(0, 9, size=(7, 8, 9)).astype(np.float64)


def menu_action(window, text: str):
    return next(
        action for action in window.menu_actions() if action.text().replace("&", "") == text
    )


def open_volume(window, tmp_path):
    path = tmp_path / "volume.npy"
    np.save(path, VOLUME)
    assert window.open_path(path)
    window.model.set_params(PoolParams("max", (2, 2), (2, 2), depth_kernel=3, depth_stride=2))
    return path


def test_a_3d_npy_opens_as_a_volume_with_slice_sliders(qtbot, window, tmp_path):
    open_volume(window, tmp_path)
    model, explore = window.model, window.explore
    assert model.volume.shape == (1, 7, 8, 9) and model.image.shape == (1, 8, 9)
    expected = run_pool(VOLUME[np.newaxis], model.params).output
    np.testing.assert_array_equal(model.volume_result.output, expected)
    assert explore.input_depth.isVisible() and explore.output_depth.isVisible()
    assert window.controls.editors["depth_kernel"].isVisible()
    assert window.formula.text().startswith("D_out = floor((D + 2p")
    assert not window.timeline.isEnabled()  # volumes are explored slice by slice
    explore.output_depth.slider.setValue(2)
    assert model.output_depth == 2
    np.testing.assert_array_equal(model.result.output, expected[:, 2])
    np.testing.assert_array_equal(window.output_panel.overlay.values, expected[:, 2])
    assert "Output slice 2 of 3" in window.output_panel.full_title


def test_selecting_a_cell_shows_its_slices_and_the_input_follows_its_arg_max(
    qtbot, window, tmp_path
):
    open_volume(window, tmp_path)
    model = window.model
    window.explore.output_depth.slider.setValue(1)
    widget, point = window.output_panel.cell_position(2, 3)
    from PySide6.QtCore import Qt

    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
    assert model.selected == (2, 3) and model.pinned
    depths = depth_window(model.volume_result.params, model.volume.shape, 1)
    assert depths.tolist() == [2, 3, 4]
    flat = int(model.volume_result.indices[0, 1, 2, 3])
    assert model.depth == flat // (8 * 9)  # the input shows the arg-max's slice
    text = window.info_panel.toPlainText()
    assert "Output cell (1, 2, 3)" in text and "Window slices 2..4, rows 4..5, columns 6..7" in text
    assert f"at input ({flat // 72}, {flat % 72 // 9}, {flat % 9})" in text
    assert "in the window: slices 2..4" in window.explore.input_depth.label.text()
    window.explore.input_depth.slider.setValue(0)
    assert model.depth == 0 and "outside the window" in window.explore.input_depth.label.text()
    assert window.input_panel.overlay.argmax == []  # the arg-max is in another slice
    menu_action(window, "Next output slice").trigger()
    assert model.output_depth == 2


def test_a_volume_exports_whole_and_copies_3d_code(qtbot, window, tmp_path, monkeypatch):
    open_volume(window, tmp_path)
    monkeypatch.setattr(type(window), "show_message", lambda self, title, text, code="": None)
    assert window.export_to(tmp_path / "out.npy", "output")
    np.testing.assert_array_equal(np.load(tmp_path / "out.npy"), window.model.volume_result.output)
    assert window.export_to(tmp_path / "slice.csv", "output")
    assert not window.export_to(tmp_path / "g.npy", "gradient")  # refused in words
    window.copy_as_code()
    clipboard = QApplication.clipboard().text()
    assert "torch.nn.MaxPool3d(kernel_size=(3, 2, 2), stride=(2, 2, 2)" in clipboard
    assert "F.max_pool3d(x, kernel_size=(3, 2, 2)" in clipboard
    window.model.update_params(pool_type="min")
    assert "Min pooling has no 3D form" in window.controls.message.text()
    window.tabs.setCurrentWidget(window.frameworks)
    assert "Volumes are not compared" in window.frameworks.status.text()


def test_frames_of_a_tiff_open_as_a_volume_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "stack.tif"
    frames = [Image.fromarray((VOLUME[index] * 20).astype(np.uint8)) for index in range(7)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )
    menu_action(window, "Open as volume…").trigger()
    assert window.model.volume.shape == (1, 7, 8, 9)
    np.testing.assert_allclose(window.model.volume[0] * 255, (VOLUME * 20), atol=1e-3)


def test_fractional_pooling_draws_its_windows_and_its_seed_moves_them(qtbot, window):
    combo = window.controls.pool_type
    combo.setCurrentIndex(combo.findData("fractional_max"))
    window.controls.editors["output_size"].set_value((9, 9))
    window.controls.editors["output_size"].changed.emit()
    model = window.model
    assert model.params.pool_type == "fractional_max" and model.error == ""
    windows = list(window.input_panel.overlay.bins)
    assert len(windows) == 81
    steps = {window_.top for window_ in windows}
    gaps = np.diff(sorted(steps))
    assert len(set(gaps.tolist())) == 2 and np.ptp(gaps) == 1  # steps of a and a + 1 cells
    seed = window.controls.editors["seed"]
    seed.set_value(model.params.seed + 1)
    seed.changed.emit()
    assert list(window.input_panel.overlay.bins) != windows
    model.select_output(4, 4)
    rows, cols = model.selected_window().real_positions()
    assert model.result.output[0, 4, 4] == model.image[0][rows, cols].max()
