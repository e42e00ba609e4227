"""The command line: screenshots, and one-line refusals with exit status 2."""

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.images import sample_path
from gui.app import main


def test_screenshot_renders_the_requested_state_at_exactly_the_size(tmp_path, qapp):
    out = tmp_path / "shot.png"
    status = main(
        [
            "--image",
            str(sample_path("astronaut")),
            "--pool",
            "max",
            "--kernel",
            "3",
            "--stride",
            "2",
            "--select",
            "40,60",
            "--screenshot",
            str(out),
            "--size",
            "600,1000",
        ]
    )
    assert status == 0
    with Image.open(out) as image:
        assert image.size == (1000, 600)  # --size is height, width
        assert image.getextrema() != ((0, 0),) * len(image.getbands())


def test_screenshot_smaller_than_the_window_can_be_is_refused(tmp_path, qapp, capsys):
    # Regression: --size 500,700 silently wrote an 800 x 560 picture and exited 0.
    out = tmp_path / "shot.png"
    status = main(["--screenshot", str(out), "--size", "500,700"])
    assert status == 2 and not out.exists()
    assert "--size 500,700 is smaller than the window can be" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--image", "/nonexistent/photo.png"], "does not exist"),
        (["--kernel", "x"], "--kernel"),
        (["--kernel", "3", "--padding", "2"], "Padding"),
        (["--pool", "median"], "--pool"),
        (["--kernel", "2", "--select", "999,0"], "outside"),
    ],
)
def test_bad_input_exits_two_with_one_line(tmp_path, capsys, qapp, arguments, words):
    status = main([*arguments, "--screenshot", str(tmp_path / "x.png")])
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1 and words in error
    assert "Traceback" not in error


def test_export_npy_equals_the_engine_result(tmp_path):
    import numpy as np

    from engine import functional as F
    from engine.images import load_image, sample_path

    out, grad = tmp_path / "out.npy", tmp_path / "grad.npy"
    status = main(
        [
            "--image",
            str(sample_path("astronaut")),
            "--pool",
            "max",
            "--kernel",
            "3",
            "--stride",
            "2",
            "--padding",
            "1",
            "--export",
            str(out),
            "--grad",
            str(grad),
        ]
    )
    assert status == 0
    image = load_image(sample_path("astronaut"))
    saved = np.load(out)
    assert saved.dtype == np.float32 and saved.shape == (3, 256, 256)
    np.testing.assert_array_equal(saved, F.max_pool2d(image, 3, 2, 1))
    np.testing.assert_array_equal(
        np.load(grad), F.max_pool2d_backward(np.ones_like(saved), image, 3, 2, 1)
    )


def test_export_gif_and_refusals(tmp_path, capsys):
    gif = tmp_path / "anim.gif"
    assert main(["--image", "assets/matrix_4x4.csv", "--kernel", "2", "--export", str(gif)]) == 0
    with Image.open(gif) as animation:
        assert animation.n_frames == 5
    assert main(["--kernel", "2", "--export", str(tmp_path / "x.bmp")]) == 2
    assert main(["--kernel", "2", "--export", str(tmp_path / "no" / "x.npy")]) == 2
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 2 and all(line.startswith("poolscope: error:") for line in errors)


def test_existing_files_are_not_replaced_without_overwrite(tmp_path, capsys):
    out = tmp_path / "out.npy"
    out.write_bytes(b"keep me")
    assert main(["--kernel", "2", "--export", str(out)]) == 2
    assert out.read_bytes() == b"keep me"
    assert "--overwrite" in capsys.readouterr().err
    assert main(["--kernel", "2", "--export", str(out), "--overwrite"]) == 0
    assert out.read_bytes() != b"keep me"


@pytest.mark.parametrize(
    "arguments",
    [
        ["--pool", "adaptive_max", "--output-size", "100000,100000"],
        ["--pool", "spp", "--levels", "0,1"],
        ["--pool", "spp", "--levels", "1000"],
        ["--pool", "mixed", "--mix", "5"],
        ["--pool", "blurmax", "--blur", "9"],
        ["--kernel", "0"],
        ["--pool", "avg", "--divisor", "0"],
        ["--frames", "1", "--export", "x.gif"],
    ],
)
def test_impossible_command_line_settings_are_explained(tmp_path, capsys, arguments):
    arguments = [a if a != "x.gif" else str(tmp_path / "x.gif") for a in arguments]
    if "--export" not in arguments:
        arguments += ["--export", str(tmp_path / "out.npy")]
    assert main(arguments) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "Traceback" not in error


def test_first_start_opens_a_small_image_with_a_cell_pinned(tmp_path):
    # In a subprocess: quitting an application's event loop would end every later test's
    # event loops in this process too.
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "from PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "def look_and_quit():\n"
        "    for widget in QApplication.topLevelWidgets():\n"
        "        if hasattr(widget, 'model'):\n"
        "            model = widget.model\n"
        "            print('shape', model.image.shape, widget.isVisible(), model.selected, "
        "model.pinned, model.params.kernel_size, widget.explore.try_card.isVisible())\n"
        "    app.quit()\n"
        "timer = QTimer()\n"  # repeats: a quit before the event loop starts would be lost
        "timer.timeout.connect(look_and_quit)\n"
        "timer.start(300)\n"
        "from gui.app import main\n"
        "raise SystemExit(main([]))\n"
    )
    environment = dict(
        os.environ, QT_QPA_PLATFORM="offscreen", POOLSCOPE_SETTINGS=str(tmp_path / "settings.ini")
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=environment,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "shape (1, 28, 28) True (6, 6) True (2, 2) True" in result.stdout


def test_a_missing_xcb_library_is_named_in_one_line():
    from gui.system_check import window_system_problem

    x11 = {"DISPLAY": ":0"}
    missing_cursor = {"xcb-cursor": None}

    def find_library(name):
        return missing_cursor.get(name, f"lib{name}.so")

    problem = window_system_problem(x11, find_library)
    assert problem.endswith("sudo apt install libxcb-cursor0") and "\n" not in problem
    assert window_system_problem(x11, lambda name: f"lib{name}.so") is None
    assert (
        window_system_problem({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, find_library)
        is None
    )
    assert (
        window_system_problem({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, find_library)
        is None
    )


# ----- issue 15: the command line refuses up front what it could not finish -----------------


def one_line_refusal(capsys, arguments) -> str:
    status = main(arguments)
    error = capsys.readouterr().err
    assert status == 2 and error.count("\n") == 1 and "Traceback" not in error, error
    return error


@pytest.mark.parametrize("option", ["--screenshot", "--export", "--grad"])
def test_output_into_a_missing_folder_is_refused_up_front(tmp_path, capsys, option):
    target = tmp_path / "no such folder" / "out.png"
    error = one_line_refusal(capsys, ["--kernel", "2", option, str(target)])
    assert "does not exist" in error and option in error
    assert not target.parent.exists()


def test_output_into_an_unwritable_folder_is_refused_up_front(tmp_path, capsys, monkeypatch):
    import gui.app

    locked = tmp_path / "locked"
    locked.mkdir()
    real_access = os.access
    monkeypatch.setattr(  # root may write anywhere, so the check itself is faked
        gui.app.os,
        "access",
        lambda path, mode, **kwargs: Path(path) != locked and real_access(path, mode, **kwargs),
    )
    error = one_line_refusal(capsys, ["--kernel", "2", "--screenshot", str(locked / "x.png")])
    assert "not writable" in error and os.listdir(locked) == []


def test_export_and_grad_on_the_same_path_are_refused(tmp_path, capsys):
    out = tmp_path / "out.npy"
    arguments = ["--kernel", "2", "--export", str(out), "--grad", str(tmp_path / "." / "out.npy")]
    error = one_line_refusal(capsys, arguments)
    assert "--export and --grad name the same file" in error
    assert not out.exists()


def test_upper_case_export_suffix_from_the_command_line(tmp_path):
    assert main(["--kernel", "2", "--export", str(tmp_path / "OUT.NPY")]) == 0
    assert os.listdir(tmp_path) == ["OUT.NPY"]
    assert np.load(tmp_path / "OUT.NPY").shape == (3, 256, 256)


def test_command_line_export_removes_a_killed_exports_leftover(tmp_path):
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # its id now belongs to no process
    leftover = tmp_path / f".poolscope-{child.pid}-abc123_x.part.gif"
    leftover.write_bytes(b"half an animation")
    assert main(["--kernel", "2", "--export", str(tmp_path / "out.npy")]) == 0
    assert os.listdir(tmp_path) == ["out.npy"]


def test_the_memory_budget_is_set_from_the_command_line(tmp_path, capsys):
    from engine.ops.memory import memory_budget, set_memory_budget

    try:
        arguments = ["--pool", "softpool", "--kernel", "9", "--stride", "1"]
        arguments += ["--memory-budget", "1", "--export", str(tmp_path / "out.npy")]
        assert main(arguments) == 2
        assert memory_budget() == 2**20
        error = capsys.readouterr().err
        assert "memory budget" in error and error.count("\n") == 1
        assert main(["--memory-budget", "0", "--export", str(tmp_path / "x.npy")]) == 2
    finally:
        set_memory_budget(None)


def test_a_memory_refusal_names_the_command_line_option(tmp_path, capsys):
    # Regression: the sentence told the user to call engine.ops.memory.set_memory_budget().
    from engine.ops.memory import budget_hint, set_memory_budget

    try:
        arguments = ["--pool", "softpool", "--kernel", "9", "--stride", "1"]
        arguments += ["--memory-budget", "1", "--export", str(tmp_path / "out.npy")]
        assert main(arguments) == 2
    finally:
        set_memory_budget(None)
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.rstrip().endswith(", or raise the budget with --memory-budget MB")
    assert "set_memory_budget" not in error
    assert budget_hint() == "raise the memory budget"  # the window names its own setting
