"""Bad input everywhere, huge images, crash safety: nothing crashes, hangs or loses work."""

import os
import time

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PySide6.QtCore import QTimer

from engine.errors import PoolingError
from engine.io import export
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool, validate
from gui.app import main
from tests.image_corpus import make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def test_every_corpus_file_through_the_open_action(window, errors, corpus):
    for name, (path, (expectation, shape)) in corpus.items():
        before = window.model.image
        errors.clear()
        opened = window.open_path(path)
        if expectation == "volume":
            assert opened and window.model.volume.shape == shape, name
            assert errors == []
        elif expectation == "loads":
            assert opened and window.model.image.shape == shape, name
            assert errors == []
        else:
            assert not opened, name
            assert window.model.image is before, name
            assert len(errors) == 1 and "\n" not in errors[0][1], name


def test_every_corpus_file_through_the_command_line(tmp_path, capsys, corpus):
    for name, (path, (expectation, _)) in corpus.items():
        status = main(
            [
                "--image",
                str(path),
                "--kernel",
                "2",
                "--overwrite",
                "--export",
                str(tmp_path / "out.npy"),
            ]
        )
        error = capsys.readouterr().err
        if expectation in ("loads", "volume"):
            assert status == 0 and error == "", name
        else:
            assert status == 2, name
            assert error.count("\n") == 1 and "Traceback" not in error, name


def test_pooling_a_large_image_never_stalls_the_window(qtbot, window):
    image = np.random.default_rng(0).random((3, 2000, 3000), dtype=np.float32)
    gaps, last = [], [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(10)
    last[0] = time.perf_counter()
    window.model.set_image(image)
    qtbot.waitUntil(lambda: not window.model.busy, timeout=20_000)
    window.model.set_params(PoolParams("avg", (3, 3), (2, 2), (1, 1)))
    qtbot.waitUntil(lambda: not window.model.busy, timeout=20_000)
    qtbot.wait(50)
    timer.stop()
    assert window.model.result.output.shape == (3, 1000, 1500)
    # Setting the image itself (levels, first display) happens on the UI thread by design;
    # from then on, pooling and drawing the result must leave the UI thread free. A stall is
    # what the fuzz counts, a gap over half a second; how short the gaps are is measured by
    # `make bench-gui`, not asserted here.
    assert max(gaps[3:]) < 0.5


def test_large_file_loads_in_background_with_a_downscale_offer(qtbot, window, tmp_path):
    path = tmp_path / "big.png"
    gradient = (np.add.outer(np.arange(1500), np.arange(2000)) % 256).astype(np.uint8)
    Image.fromarray(gradient).save(path)
    window.settings.set_value("downscale_above_megapixels", 1.0)
    window.settings.set_value("background_load_megapixels", 0.5)
    offers = []
    window.ask_downscale = lambda p, megapixels, factor: offers.append(factor) or "downscale"
    assert window.open_path(path)
    qtbot.waitUntil(lambda: window.model.image.shape == (1, 750, 1000), timeout=20_000)
    assert offers == [2] and window.model.scale == 2
    assert "working copy at 1/2 of 1500 x 2000 (H x W)" in window.input_panel.full_title
    window.ask_downscale = lambda *_: None
    before = window.model.image
    assert not window.open_path(path)  # cancelled: nothing changes
    assert window.model.image is before


def test_cancel_keeps_the_last_result(qtbot, window):
    window.model.synchronous_limit = 10
    good = window.model.result
    window.model.set_params(PoolParams("avg", (4, 4), (4, 4)))
    assert window.cancel_button.isVisible() or not window.model.busy
    window.model.cancel()
    window.model.wait_until_idle()
    assert not window.model.busy and window.model.result is good
    assert "Cancelled" in window.controls.message.text()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_is_reported_and_the_window_survives(
    qtbot, window, tmp_path, monkeypatch
):
    import sys

    from gui.crash import CrashReporter, install

    monkeypatch.setenv("POOLSCOPE_LOG_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    reporter = CrashReporter()
    reporter.show_dialogs = False
    install(reporter)

    def broken_slot():
        raise RuntimeError("injected failure")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(reporter.shown), timeout=5000)
    message, details, log = reporter.shown[0]
    assert message == "RuntimeError: injected failure" and "broken_slot" in details
    assert log == tmp_path / "crash.log" and "injected failure" in log.read_text()
    assert window.isVisible() and window.model.image is not None
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))  # still working
    assert window.model.result.params.kernel_size == (2, 2)


def test_export_into_an_unwritable_folder_reports_and_leaves_nothing(
    window, errors, tmp_path, monkeypatch
):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(export.tempfile, "mkstemp", refuse)
    assert not window.export_to(folder / "out.npy", "output")
    assert errors and "Permission denied" in errors[0][1]
    assert os.listdir(folder) == []


def test_export_failing_half_way_leaves_no_partial_file(window, errors, tmp_path, monkeypatch):
    def half_write(path, array):
        open(path, "wb").write(b"\x93NUMPY half")
        raise OSError(28, "No space left on device")

    folder = tmp_path / "exports"
    folder.mkdir()
    monkeypatch.setattr(export.np, "save", half_write)
    assert not window.export_to(folder / "out.npy", "output")
    assert "No space left" in errors[0][1] and os.listdir(folder) == []


def test_matrix_mode_handles_inf_nan_and_huge_values(qtbot, window):
    panel = window.matrix_panel
    panel.editor.setPlainText("1 inf\nnan 2")
    assert panel.apply()
    assert np.isnan(window.model.image[0, 1, 0]) and np.isinf(window.model.image[0, 0, 1])
    before = window.model.image
    panel.editor.setPlainText("1e300 1\n2 3")
    assert not panel.apply() and "too large" in panel.message.text()
    panel.editor.setPlainText("")
    assert not panel.apply() and "empty" in panel.message.text()
    assert window.model.image is before


PARAMETERS = st.builds(
    PoolParams,
    pool_type=st.sampled_from(list(KINDS)),
    kernel_size=st.tuples(st.integers(0, 9), st.integers(0, 9)),
    stride=st.tuples(st.integers(0, 4), st.integers(1, 4)),
    padding=st.tuples(st.integers(0, 5), st.integers(0, 5)),
    dilation=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    ceil_mode=st.booleans(),
    output_size=st.tuples(st.integers(0, 6), st.integers(1, 6)),
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(PARAMETERS, min_size=1, max_size=6))
def test_displayed_result_always_matches_the_last_valid_parameters(window, sequence):
    window.model.set_params(PoolParams())
    window.model.set_image(np.arange(64, dtype=np.float32).reshape(1, 8, 8) % 7)
    last_valid = PoolParams()
    for params in sequence:
        window.model.set_params(params)  # never raises, whatever the settings
        try:
            validate(params, window.model.image.shape)
            last_valid = params
        except PoolingError:
            assert window.controls.message.isVisible()
    expected = run_pool(window.model.image, last_valid).output
    np.testing.assert_array_equal(window.model.result.output, expected)
    shown = window.output_panel.image_item.image
    # The picture holds the values, saturated at the display range (as they are drawn).
    low, high = window.model.levels
    drawn = np.clip(np.nan_to_num(expected[0], nan=low, neginf=low, posinf=high), low, high)
    np.testing.assert_array_equal(shown, drawn)
