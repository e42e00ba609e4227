"""A seeded fuzzer of the window: random actions from every control, menu, tab, timeline button
and key, on samples and a corpus of hostile files, with the event loop running.

It counts what must never happen: exceptions reaching the crash reporter or an excepthook, Qt
warnings, and stalls of the UI thread (the longest gap of a 5 ms timer). ``make fuzz`` runs
thousands of actions (``python -m tests.gui.fuzz --actions 3000``); the test suite runs a few
hundred (``tests/gui/test_fuzz.py``).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, field
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QEventLoop, Qt, QTimer, qInstallMessageHandler  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QSlider,
    QSpinBox,
    QTabWidget,
    QWidget,
)

# The offscreen platform says these about top-level (and floated) windows; not ours to fix.
IGNORED_QT_MESSAGES = ("propagateSizeHints", "does not support raise()")
KEYS = [
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Space,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
]
MATRIX_TEXTS = [
    "1 2\n3 4",
    "1 nan 3\ninf -inf 0\n1e300 -1e300 5",
    "",
    "1 2 3\n4 5",
    "x y\nz w",
    "\n".join(" ".join(str(value) for value in range(17)) for _ in range(17)),
    "0",
    "1e-320 5e-324\n-0.0 0",
]
LEVEL_TEXTS = ["4,2,1", "1", "", "0", "64,64", "a,b", "65", "3, 3 ,3", "-1", "100000000000"]


@dataclass
class Findings:
    """What one fuzz run saw."""

    actions: int = 0
    exceptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stalls: list[tuple[float, str]] = field(default_factory=list)  # (milliseconds, action)
    # What the UI thread was doing while a stall was under way (a watchdog's sample).
    stall_stacks: list[str] = field(default_factory=list)
    longest_gap_ms: float = 0.0
    longest_gap_action: str = ""
    peak_rss_mb: float = 0.0
    seconds: float = 0.0
    close_seconds: float = 0.0

    def summary(self) -> str:
        distinct = sorted({line.split("\n")[0] for line in self.exceptions})
        return (
            f"{self.actions} actions in {self.seconds:.0f} s: {len(self.exceptions)} exceptions "
            f"({len(distinct)} distinct), {len(self.warnings)} warnings (Qt or Python), "
            f"{len(self.stalls)} "
            f"stalls over the limit, longest UI gap {self.longest_gap_ms:.0f} ms "
            f"({self.longest_gap_action}), peak memory {self.peak_rss_mb:.0f} MB, closing "
            f"during a job took {self.close_seconds:.2f} s"
            + "".join(f"\n--- UI thread during a stall:\n{stack}" for stack in self.stall_stacks)
        )


class WindowFuzzer:
    """Drives one MainWindow with random actions from a seeded generator."""

    def __init__(self, window, files: list[Path], seed: int, stall_limit_ms: float = 500.0):
        self.window = window
        self.files = files
        self.random = random.Random(seed)
        self.numbers = np.random.default_rng(seed)
        self.stall_limit_ms = stall_limit_ms
        self.findings = Findings()
        self.output_folder = Path(tempfile.mkdtemp(prefix="poolscope-fuzz-"))
        self.last_tick = None
        self.current = "start"
        self.trace = bool(os.environ.get("POOLSCOPE_FUZZ_TRACE"))
        self.stub_dialogs()

    # ----- dialogs answered at once ---------------------------------------------------------
    def stub_dialogs(self) -> None:
        window, fuzzer = self.window, self
        window.show_error = lambda title, text: None
        window.show_message = lambda title, text, code="": None
        window.confirm_overwrite = lambda path: fuzzer.random.random() < 0.5
        window.ask_downscale = lambda path, megapixels, factor: fuzzer.random.choice(
            ["downscale", "full", None]
        )
        window.settings.set_value("last_folder", str(self.output_folder))
        QFileDialog.getOpenFileName = staticmethod(
            lambda *args, **kwargs: (str(fuzzer.random.choice(fuzzer.files)), "")
        )
        QFileDialog.getSaveFileName = staticmethod(
            lambda parent, caption, default, *args, **kwargs: (
                fuzzer.random.choice(["", str(fuzzer.output_folder / Path(default).name)]),
                "",
            )
        )
        QInputDialog.getInt = staticmethod(
            lambda *args, **kwargs: (fuzzer.random.choice([2, 5, 20]), fuzzer.random.random() < 0.8)
        )
        QMessageBox.about = staticmethod(lambda *args: None)
        QMessageBox.question = staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.No)

    # ----- the actions ----------------------------------------------------------------------
    def actions(self):
        return [
            (6, "control", self.change_control),
            (2, "kind", self.choose_kind),
            (3, "menu", self.trigger_menu_action),
            (2, "tab", self.switch_tab),
            (3, "timeline", self.use_timeline),
            (3, "click", self.click_cell),
            (2, "key", self.press_key),
            (1, "file", self.open_file),
            (1, "matrix", self.type_matrix),
            (1, "resize", self.resize),
            (2, "wait", self.wait),
        ]

    def change_control(self) -> str:
        kinds = (QSpinBox, QDoubleSpinBox, QCheckBox, QComboBox, QSlider, QLineEdit)
        widgets = [
            widget
            for widget in self.window.findChildren(QWidget)
            if isinstance(widget, kinds)
            and widget.isVisible()
            and widget.isEnabled()
            and widget.objectName()
            and not widget.objectName().startswith("qt_")
        ]
        if not widgets:
            return "no control"
        widget = self.random.choice(widgets)
        name = widget.objectName()
        if isinstance(widget, QSpinBox | QDoubleSpinBox | QSlider):
            low, high = widget.minimum(), widget.maximum()
            value = self.random.choice(
                [low, high, low + 1, high - 1, self.random.uniform(low, high), low + 2]
            )
            value = value if isinstance(widget, QDoubleSpinBox) else int(value)
            widget.setValue(value)
            return f"{name}={value}"
        if isinstance(widget, QCheckBox):
            widget.click()
            return f"{name} clicked"
        if isinstance(widget, QComboBox):
            if widget.count():
                index = self.random.randrange(widget.count())
                widget.setCurrentIndex(index)
                widget.activated.emit(index)
            return f"{name}#{widget.currentIndex()}"
        text = self.random.choice(LEVEL_TEXTS)
        widget.setText(text)
        widget.editingFinished.emit()
        return f"{name}={text!r}"

    def choose_kind(self) -> str:
        combo = self.window.controls.pool_type
        combo.setCurrentIndex(self.random.randrange(combo.count()))
        return f"kind {combo.currentData()}"

    def trigger_menu_action(self) -> str:
        actions = [
            action
            for action in self.window.menu_actions()
            if action.isEnabled() and action.text().replace("&", "") != "Quit"
        ]
        action: QAction = self.random.choice(actions)
        action.trigger()
        return f"menu {action.text().replace('&', '')}"

    def switch_tab(self) -> str:
        tabs = [widget for widget in self.window.findChildren(QTabWidget) if widget.isVisible()]
        tab = self.random.choice(tabs)
        index = self.random.randrange(tab.count())
        tab.setCurrentIndex(index)
        return f"tab {tab.tabText(index)}"

    def use_timeline(self) -> str:
        timeline = self.window.timeline
        choice = self.random.randrange(6)
        if choice == 0:
            button = self.random.choice(timeline.findChildren(QAbstractButton))
            button.click()
            return f"timeline {button.objectName()}"
        if choice == 1:
            timeline.scrubber.setValue(self.random.randint(0, max(timeline.scrubber.maximum(), 0)))
            return "scrubber"
        if choice == 2:
            timeline.direction.setCurrentIndex(self.random.randrange(2))
            return "direction"
        if choice == 3:
            timeline.upstream.setCurrentIndex(self.random.randrange(timeline.upstream.count()))
            return "upstream"
        if choice == 4:
            self.window.gradient_choice.setCurrentIndex(self.random.randrange(2))
            return "gradient choice"
        timeline.speed.setValue(self.random.randint(0, 100))
        return "speed"

    def click_cell(self) -> str:
        panel = self.random.choice(
            [self.window.input_panel, self.window.output_panel, self.window.gradient_panel]
        )
        if panel.placement is None or not panel.isVisible():
            return "no cell"
        rows, cols = panel.placement.output_shape
        row, col = self.random.randrange(max(rows, 1)), self.random.randrange(max(cols, 1))
        widget, point = panel.cell_position(row, col)
        if self.random.random() < 0.5:
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=point)
            return f"click ({row}, {col})"
        QTest.mouseMove(widget, point)
        return f"hover ({row}, {col})"

    def press_key(self) -> str:
        key = self.random.choice(KEYS)
        target = self.random.choice([self.window, self.window.output_panel.plot_widget])
        QTest.keyClick(target, key)
        return f"key {key.name}"

    def open_file(self) -> str:
        path = self.random.choice(self.files)
        self.window.open_path(path)
        return f"open {path.name}"

    def type_matrix(self) -> str:
        panel = self.window.matrix_panel
        panel.editor.setPlainText(self.random.choice(MATRIX_TEXTS))
        panel.apply()
        return "matrix"

    def resize(self) -> str:
        width, height = self.random.randint(800, 1920), self.random.randint(560, 1080)
        self.window.resize(width, height)
        return f"resize {width}x{height}"

    def wait(self) -> str:
        milliseconds = self.random.choice([1, 20, 100])
        QTest.qWait(milliseconds)
        return f"wait {milliseconds}"

    # ----- running --------------------------------------------------------------------------
    def step(self) -> None:
        weights, names, functions = zip(*self.actions())
        index = self.random.choices(range(len(functions)), weights=weights)[0]
        self.current = names[index]
        self.findings.actions += 1
        if self.trace:
            print(f"{self.findings.actions}: {names[index]}", end=" ", flush=True)
        self.current = functions[index]()
        if self.trace:
            print(self.current, flush=True)

    def on_tick(self) -> None:
        now = time.perf_counter()
        if self.last_tick is not None:
            gap = (now - self.last_tick) * 1000 - 5
            if gap > self.findings.longest_gap_ms:
                self.findings.longest_gap_ms, self.findings.longest_gap_action = gap, self.current
            if gap > self.stall_limit_ms:
                self.findings.stalls.append((gap, self.current))
        self.last_tick = now

    def watch_stalls(self, stop: threading.Event) -> None:
        """Sample the UI thread's stack once per stall, so a stall seen only on a loaded CI
        machine still says where it was."""
        main = threading.main_thread().ident
        sampled_tick = None
        while not stop.wait(0.05):
            tick = self.last_tick
            if tick is None or tick == sampled_tick:
                continue
            if (time.perf_counter() - tick) * 1000 > self.stall_limit_ms * 0.8:
                frame = sys._current_frames().get(main)
                if frame is not None:
                    stack = "".join(traceback.format_stack(frame)[-14:])
                    self.findings.stall_stacks.append(f"(after {self.current})\n{stack}")
                sampled_tick = tick

    def run(self, count: int) -> Findings:
        started = time.perf_counter()
        stop_watching = threading.Event()
        watchdog = threading.Thread(target=self.watch_stalls, args=(stop_watching,), daemon=True)
        watchdog.start()
        loop = QEventLoop()
        remaining = [count]
        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.timeout.connect(self.on_tick)
        ticker.start(5)

        def next_action() -> None:
            if remaining[0] <= 0:
                loop.quit()
                return
            remaining[0] -= 1
            # Scheduled first: an action that raises must not end the run.
            QTimer.singleShot(self.random.choice([0, 5, 15]), next_action)
            self.step()

        QTimer.singleShot(0, next_action)
        loop.exec()
        ticker.stop()
        stop_watching.set()
        watchdog.join()
        self.window.model.wait_until_idle(30_000)
        self.findings.seconds = time.perf_counter() - started
        self.findings.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return self.findings


class Watch:
    """Catches what must never happen while it is active: exceptions on any thread, Qt
    warnings and Python warnings (a NumPy overflow while drawing, say)."""

    def __init__(self, findings: Findings):
        self.findings = findings

    def __enter__(self) -> Watch:
        self.previous = sys.excepthook, threading.excepthook
        sys.excepthook = self.on_exception
        threading.excepthook = lambda args: self.on_exception(
            args.exc_type, args.exc_value, args.exc_traceback
        )
        qInstallMessageHandler(self.on_message)
        self.watch_jobs()
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("always")
        warnings.showwarning = self.on_warning
        return self

    def watch_jobs(self) -> None:
        """A background job turns an unexpected exception into an "Unexpected problem"
        message for the user; to the fuzzer it is a bug like one in a slot, so its traceback
        is recorded too."""
        from gui.models.jobs import CancelledError, JobRunner

        self.original_outcome = original = JobRunner._outcome
        on_exception = self.findings.exceptions

        def watched(token, job, expected):
            def traced(token):
                try:
                    return job(token)
                except (CancelledError, MemoryError, *expected):
                    raise
                except Exception:
                    on_exception.append("in a background job: " + traceback.format_exc())
                    raise

            return original(token, traced, expected)

        JobRunner._outcome = staticmethod(watched)

    def __exit__(self, *exception) -> None:
        from gui.models.jobs import JobRunner

        JobRunner._outcome = staticmethod(self.original_outcome)
        sys.excepthook, threading.excepthook = self.previous
        qInstallMessageHandler(None)
        self.warnings.__exit__(*exception)

    def on_warning(self, message, category, filename, lineno, *args) -> None:
        self.findings.warnings.append(f"{category.__name__}: {message} ({filename}:{lineno})")

    def on_exception(self, kind, value, trace) -> None:
        self.findings.exceptions.append("".join(traceback.format_exception(kind, value, trace)))

    def on_message(self, mode, context, message) -> None:
        from PySide6.QtCore import QtMsgType

        if mode != QtMsgType.QtDebugMsg and not any(
            text in message for text in IGNORED_QT_MESSAGES
        ):
            self.findings.warnings.append(message)


def fuzz_files(folder: Path) -> list[Path]:
    """Samples, small generated images and the hostile corpus."""
    from PIL import Image

    from engine.images import SAMPLES, sample_path
    from tests.image_corpus import make_corpus

    files = [sample_path(name) for name in SAMPLES]
    files.extend(path for path, _ in make_corpus(folder / "corpus").values())
    generator = np.random.default_rng(0)
    np.save(folder / "noise.npy", generator.random((40, 56)).astype(np.float32))
    large = (generator.random((1200, 1600, 3)) * 255).astype(np.uint8)
    Image.fromarray(large).save(folder / "large.png", compress_level=1)
    np.save(folder / "volume.npy", generator.integers(0, 9, (6, 20, 24)).astype(np.float32))
    (folder / "row.csv").write_text(",".join(str(value) for value in range(1, 31)) + "\n")
    frames = [
        Image.fromarray((generator.random((16, 18)) * 255).astype(np.uint8)) for _ in range(5)
    ]
    frames[0].save(folder / "stack.gif", save_all=True, append_images=frames[1:])
    files.extend(
        folder / name for name in ("noise.npy", "large.png", "volume.npy", "row.csv", "stack.gif")
    )
    return files


def fuzz_window(count: int, seed: int, stall_limit_ms: float = 500.0) -> Findings:
    """Open a window on the digit, fuzz it ``count`` times, close it."""
    from engine.images import sample_path
    from gui.main_window import MainWindow

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["POOLSCOPE_SETTINGS"] = str(Path(folder) / "settings.ini")
        files = fuzz_files(Path(folder))
        threads_before = set(threading.enumerate())
        window = MainWindow()
        window.resize(1366, 768)
        window.show()
        window.open_path(sample_path("digit"))
        fuzzer = WindowFuzzer(window, files, seed, stall_limit_ms)
        with Watch(fuzzer.findings):
            findings = fuzzer.run(count)
            findings.close_seconds = close_during_a_job(window)
        # a job the close stopped may still be inside one engine call: let it end here, not
        # in whatever runs next in this process
        for thread in set(threading.enumerate()) - threads_before:
            thread.join(timeout=60)
        return findings


def close_during_a_job(window) -> float:
    """Start a long pooling and close the window at once: how long the close takes."""
    from engine.pooling.parameters import PoolParams

    window.model.set_image(np.random.default_rng(1).random((3, 1500, 1500)).astype(np.float32))
    window.model.set_params(PoolParams("softpool", (9, 9), (1, 1)))
    started = time.perf_counter()
    window.close()
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz the PoolScope window.")
    parser.add_argument("--actions", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stall-limit", type=float, default=500.0, metavar="MS")
    args = parser.parse_args(argv)
    from gui.qt_utils import MainThreadCollector, ui_thread_switching

    QApplication.instance() or QApplication([])
    collector = MainThreadCollector()  # as the window does: never free Qt objects off the UI thread
    with ui_thread_switching():  # and the GIL handed back to it as quickly
        findings = fuzz_window(args.actions, args.seed, args.stall_limit)
    collector.stop()
    print(findings.summary())
    for text in sorted({line.strip().splitlines()[-1] for line in findings.exceptions}):
        print("exception:", text)
    for text in sorted(set(findings.warnings))[:20]:
        print("warning:", text)
    for gap, action in sorted(findings.stalls, reverse=True)[:20]:
        print(f"stall: {gap:.0f} ms after {action}")
    return 1 if findings.exceptions or findings.warnings or findings.stalls else 0


if __name__ == "__main__":
    raise SystemExit(main())
