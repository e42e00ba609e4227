"""When Qt cannot open a window, PoolScope says what to do in a few lines, not Qt's wall."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START = (
    "from PySide6.QtWidgets import QApplication\n"
    "from gui.system_check import PlatformFailureHint\n"
    "with PlatformFailureHint():\n"
    "    app = QApplication([])\n"
    "print('started')\n"
)


def start_qt(**environment) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", START],
        cwd=ROOT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_window_plugin_that_fails_to_load_prints_the_hint_not_qts_wall():
    # Regression: `make run` on a box without libxcb-cursor0 (or without a display) ended in
    # Qt's abort and its list of plugins.
    finished = start_qt(QT_QPA_PLATFORM="xcb", DISPLAY=":31999")  # no such display
    assert finished.returncode == 1  # not Qt's abort (-6)
    assert "PoolScope could not open a window" in finished.stderr
    assert "sudo apt install" in finished.stderr and "libxcb-cursor0" in finished.stderr
    assert "Reinstalling the application" not in finished.stderr
    assert "Available platform plugins" not in finished.stderr
    assert "started" not in finished.stdout


def test_a_plugin_that_loads_starts_normally():
    finished = start_qt(QT_QPA_PLATFORM="offscreen")
    assert finished.returncode == 0 and finished.stdout.strip() == "started"
    assert "could not open a window" not in finished.stderr
