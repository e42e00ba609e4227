"""GUI responsiveness as a user feels it, offscreen, printed as a Markdown table.

Every measurement runs in the real event loop: key presses are real key events sent to the
kernel spin box, a measurement ends when the output image has *painted* the new result, and a
5 ms timer records the longest gap between its ticks (minus the 5 ms): how long the window
could not respond. Each family runs in a process of its own, so one cannot slow the next.

- key change: the astronaut upscaled to 1024x1024 RGB (and to 6000x4000), one arrow key press
  in the kernel box until the new output has been painted;
- burst: 5 presses 40 ms apart, until the output for the final value has been painted;
- start-up: ``python main.py`` from process start to the window's first paint;
- tab switch: Experiments and each experiment in turn, until its result is shown;
- animation step: one timeline step on the 512x512 sample, until the output has painted;
- scrubbing: the scrubber moved 30 times 40 ms apart on the 1024x1024 photo, forward and
  backward (there until the gradient of the final position is shown);
- backward play: how many times a second the gradient view is redrawn while the backward
  animation plays at 20 steps a second on the 1024x1024 photo;
- channel switch and "Output at input scale": until the output has painted, 1024x1024.

Run with ``make bench-gui`` or ``.venv/bin/python benchmarks/bench_gui.py``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
os.environ["POOLSCOPE_SETTINGS"] = str(Path(tempfile.gettempdir()) / "poolscope-bench.ini")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PIL import Image  # noqa: E402
from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, Signal  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QSpinBox, QWidget  # noqa: E402

from engine.images import sample_path  # noqa: E402
from engine.pooling.parameters import PoolParams  # noqa: E402

TICK_MS, GAP_GOAL_MS, BURST_GOAL, STEP_GOAL_MS = 5, 100.0, 1.5, 16.0
SCRUB_MOVES, SCRUB_APART_MS = 30, 40
REDRAWS_GOAL = 5.0  # backward play: the gradient view redrawn at least every 200 ms
FIRST_PAINT_HOOK = """
import sys, time
sys.path.insert(0, {root!r})
sys.argv = [{main!r}]
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import gui.main_window

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not hasattr(self, "seen"):
            self.seen = True
            print("first-paint", time.time(), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False

construct = gui.main_window.MainWindow.__init__
def hooked(self, *args, **kwargs):
    construct(self, *args, **kwargs)
    self.first_paint = FirstPaint(self)
    self.installEventFilter(self.first_paint)
gui.main_window.MainWindow.__init__ = hooked
import runpy
runpy.run_path({main!r}, run_name="__main__")
"""


# ----- event-loop helpers (run inside a family's process) -------------------------------------
def run_loop(action=None, until: Signal | None = None, timeout_ms: int = 60_000) -> bool:
    """Run the event loop; ``action`` runs first, inside it. Returns when ``until`` fires
    (True) or after ``timeout_ms`` (False). Nothing spins: Qt sleeps between events."""
    loop, fired = QEventLoop(), []
    timer = QTimer(singleShot=True, interval=timeout_ms)
    timer.timeout.connect(loop.quit)

    def on_signal(*_) -> None:
        fired.append(True)
        loop.quit()

    if until is not None:
        until.connect(on_signal)
    timer.start()
    if action is not None:
        QTimer.singleShot(0, action)
    loop.exec()
    timer.stop()
    if until is not None:
        until.disconnect(on_signal)
    return bool(fired)


class GapMeter(QObject):
    """The longest gap between ticks of a 5 ms timer, minus the 5 ms: how long the UI froze."""

    def __init__(self) -> None:
        super().__init__()
        self.timer = QTimer(self, interval=TICK_MS, timerType=Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._on_tick)
        self.longest = self.last = 0.0

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self.longest, self.last = max(self.longest, now - self.last), now

    def start(self) -> None:
        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        """Milliseconds of the longest stall since ``start``."""
        self._on_tick()
        self.timer.stop()
        return max(0.0, self.longest * 1e3 - TICK_MS)


class PaintProbe(QObject):
    """Emits ``painted`` once the output ImageItem has painted a new picture; with an expected
    kernel height, only a picture drawn after the result with that kernel arrived."""

    painted = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.model, self.item = window.model, window.output_panel.image_item
        self.expected, self.armed, self.before, self.painted_at = None, False, None, 0.0
        original = self.item.paint

        def paint(*args) -> None:
            original(*args)
            if self.armed and self.item.image is not self.before:
                self.armed, self.painted_at = False, time.perf_counter()
                self.painted.emit()

        self.item.paint = paint  # on this instance only: the window's code stays untouched
        self.model.resultChanged.connect(self._on_result_changed)

    def expect(self, kernel_height: int | None) -> None:
        self.expected, self.armed, self.before = (
            kernel_height,
            kernel_height is None,
            self.item.image,
        )

    def _on_result_changed(self) -> None:
        result = self.model.result
        if self.expected is not None and result.params.kernel_size[0] == self.expected:
            self.armed, self.expected = True, None


class StepProbe(QObject):
    """Emits ``painted`` once the output view has painted a new animation step: a step draws
    no new picture, only the overlay that covers the cells not computed yet."""

    painted = Signal()

    def __init__(self, window) -> None:
        super().__init__()
        self.overlay = window.output_panel.overlay
        self.armed, self.before, self.painted_at = False, None, 0.0
        original = self.overlay.paint

        def paint(*args) -> None:
            original(*args)
            if self.armed and self.overlay.hidden_from != self.before:
                self.armed, self.painted_at = False, time.perf_counter()
                self.painted.emit()

        self.overlay.paint = paint  # on this instance only

    def expect(self, _) -> None:
        self.armed, self.before = True, self.overlay.hidden_from


def time_until_painted(probe, meter, action, expected, timeout_ms) -> tuple[float, float]:
    """Milliseconds from ``action`` until the probe saw the picture, and the longest stall."""
    started = []

    def start() -> None:
        started.append(time.perf_counter())
        action()

    probe.expect(expected)
    meter.start()
    painted = run_loop(start, probe.painted, timeout_ms)
    gap = meter.stop()
    if not painted:
        raise TimeoutError(f"no paint of kernel {expected} within {timeout_ms} ms")
    return (probe.painted_at - started[0]) * 1e3, gap


def repeat(probe, meter, changes, timeout_ms: int) -> tuple[float, float]:
    """Median milliseconds to paint over ``changes`` ((action, expected kernel) pairs), and the
    longest stall of any; the window rests 150 ms between changes."""
    times, gaps = [], []
    for action, expected in changes:
        elapsed, gap = time_until_painted(probe, meter, action, expected, timeout_ms)
        times.append(elapsed)
        gaps.append(gap)
        run_loop(timeout_ms=150)
    return statistics.median(times), max(gaps)


def open_window(photo: np.ndarray, timeout_ms: int):
    """The main window at a laptop's size showing ``photo`` pooled 3x3 stride 2, with a probe
    on the output and a gap meter."""
    from gui.main_window import MainWindow

    window = MainWindow()
    window.resize(1400, 820)
    window.show()
    probe, meter = PaintProbe(window), GapMeter()
    window.model.set_params(PoolParams("max", (3, 3), (2, 2)))
    time_until_painted(probe, meter, lambda: window.model.set_image(photo), 3, timeout_ms)
    run_loop(timeout_ms=300)  # let the window settle
    return window, probe, meter


def astronaut_photo(height: int, width: int) -> np.ndarray:
    """The astronaut sample resized (bicubic) to (3, height, width) float32 in [0, 1]."""
    with Image.open(sample_path("astronaut")) as picture:
        resized = picture.convert("RGB").resize((width, height), Image.Resampling.BICUBIC)
    return np.ascontiguousarray((np.asarray(resized, np.float32) / 255).transpose(2, 0, 1))


def row(name: str, median: str, gap: float | None, goals=()) -> dict:
    """One line of the table; a measured gap is checked against the 100 ms goal as well."""
    if gap is not None:
        goals = [*goals, (f"gap <= {GAP_GOAL_MS:.0f} ms", gap <= GAP_GOAL_MS)]
    return {"name": name, "median": median, "gap": gap, "goals": list(goals)}


# ----- families: each runs in a process of its own ------------------------------------------
def family_keys(height: int, width: int, count: int) -> list[dict]:
    """Single arrow presses in the kernel box (up, then down), then a burst of 5 presses."""
    window, probe, meter = open_window(astronaut_photo(height, width), 300_000)
    box = window.findChild(QSpinBox, "kernel_height")
    box.setFocus()
    ups = (count + 1) // 2
    kernels = [3 + index + 1 for index in range(ups)]
    kernels += [kernels[-1] - index - 1 for index in range(count - ups)]
    keys = [Qt.Key.Key_Up] * ups + [Qt.Key.Key_Down] * (count - ups)
    changes = [(lambda key=key: QTest.keyClick(box, key), k) for key, k in zip(keys, kernels)]
    single, gap = repeat(probe, meter, changes, 300_000)
    size = f"{width}x{height} astronaut"
    rows = [row(f"key change to painted output, {size} ({count} presses)", f"{single:.0f} ms", gap)]
    settles, elapsed_times, gaps = [], [], []
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Up):
        pressed = []

        def press(key=key, pressed=pressed) -> None:
            pressed.append(time.perf_counter())
            QTest.keyClick(box, key)

        def press_five(press=press) -> None:
            for index in range(5):
                QTimer.singleShot(index * 40, press)

        final = box.value() + (5 if key == Qt.Key.Key_Up else -5)
        elapsed, gap = time_until_painted(probe, meter, press_five, final, 300_000)
        settles.append((probe.painted_at - pressed[-1]) * 1e3)
        elapsed_times.append(elapsed)
        gaps.append(gap)
        run_loop(timeout_ms=150)
    settle, elapsed = statistics.median(settles), statistics.median(elapsed_times)
    goal = (f"after last press <= {BURST_GOAL}x single", settle <= BURST_GOAL * single)
    rows.append(
        row(
            f"burst of 5 presses 40 ms apart, {size}: first press to painted output "
            "(after the last press; as a ratio to one key change; median of 3 bursts)",
            f"{elapsed:.0f} ms ({settle:.0f} ms; {settle / single:.2f}x)",
            max(gaps),
            [goal],
        )
    )
    window.close()
    return rows


class Repaints(QObject):
    """When the window finished each repaint: Qt repaints every changed widget in one pass on
    the window's UpdateRequest, and a zero timer fires once that pass is over."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.times, self.pending = [], False
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.UpdateRequest and not self.pending:
            self.pending = True
            QTimer.singleShot(0, self._on_repainted)
        return False

    def _on_repainted(self) -> None:
        self.pending = False
        self.times.append(time.perf_counter())


def switch_tab(window, meter, tabs, index: int, runner) -> tuple[float, float]:
    """Milliseconds until the experiment's result is shown (the first repaint after the runner,
    if any, went idle), and the longest stall until the runner stayed idle for 300 ms."""
    repaints, idle_at, started = Repaints(window), [], []
    settle = QTimer(singleShot=True, interval=300)

    def on_busy(busy: bool) -> None:
        idle_at.append(time.perf_counter())
        settle.stop() if busy else settle.start()

    def switch() -> None:
        started.append(time.perf_counter())
        tabs.setCurrentIndex(index)
        on_busy(runner is not None and runner.busy)

    if runner is not None:
        runner.busyChanged.connect(on_busy)
    meter.start()
    run_loop(switch, settle.timeout, 120_000)
    gap = meter.stop()
    if runner is not None:
        runner.busyChanged.disconnect(on_busy)
    window.removeEventFilter(repaints)
    shown = next((moment for moment in repaints.times if moment >= idle_at[-1]), idle_at[-1])
    return (shown - started[0]) * 1e3, gap


def family_tabs() -> list[dict]:
    """Explore to Experiments, then each experiment tab in turn, on the 1024x1024 photo."""
    window, _, meter = open_window(astronaut_photo(1024, 1024), 120_000)
    experiments = window.experiments
    runner = getattr(experiments, "runner", None)  # None: experiments compute on the UI thread
    rows = []
    for index in range(experiments.count()):
        tabs, target = (window.tabs, 1) if index == 0 else (experiments, index)
        elapsed, gap = switch_tab(window, meter, tabs, target, runner)
        where = "Explore to Experiments" if index == 0 else "experiment tab"
        name = f"{where}: {experiments.tabText(index)}, 1024x1024, until shown"
        rows.append(row(name, f"{elapsed:.0f} ms", gap))
    if runner is None:
        rows[0]["name"] += " (no background runner: experiments compute on the UI thread)"
    window.close()
    return rows


def family_animation(steps: int = 40) -> list[dict]:
    """Timeline steps forward on the 512x512 sample, each until the output has painted."""
    window, _, meter = open_window(astronaut_photo(512, 512), 60_000)
    probe = StepProbe(window)
    window.animation.to_start()
    run_loop(timeout_ms=300)
    median, gap = repeat(probe, meter, [(window.animation.step_forward, None)] * steps, 5000)
    window.close()
    goal = (f"< {STEP_GOAL_MS:.0f} ms", median < STEP_GOAL_MS)
    name = "animation step to painted output, 512x512 sample, 3x3 stride 2"
    return [row(name, f"{median:.1f} ms", gap, [goal])]


def choose(combo, data) -> None:
    combo.setCurrentIndex(combo.findData(data))


def scrub(window, meter, direction: str) -> dict:
    """The scrubber moved 30 times 40 ms apart across the steps, in one direction; backward,
    until the gradient of its final position is shown."""
    animation, timeline = window.animation, window.timeline
    choose(timeline.direction, direction)
    animation.routing_runner.wait_until_idle()
    run_loop(timeout_ms=300)
    total = animation.total()
    positions = [round(total * (index + 1) / (SCRUB_MOVES + 1)) for index in range(SCRUB_MOVES)]
    moved, shown = [], []

    def move(position: int) -> None:
        moved.append(time.perf_counter())
        timeline.scrubber.setValue(position)

    def start() -> None:
        for index, position in enumerate(positions):
            QTimer.singleShot(index * SCRUB_APART_MS, lambda p=position: move(p))

    def on_routing() -> None:
        routing = animation.routing
        if routing is not None and routing.cells_done == positions[-1]:
            shown.append(time.perf_counter())

    animation.routingChanged.connect(on_routing)
    meter.start()
    run_loop(start, timeout_ms=SCRUB_MOVES * SCRUB_APART_MS + 300)
    deadline = time.perf_counter() + 30
    while direction == "backward" and not shown and time.perf_counter() < deadline:
        run_loop(until=animation.routingChanged, timeout_ms=1000)
    gap = meter.stop()
    animation.routingChanged.disconnect(on_routing)
    name = f"scrubbing {direction}: {SCRUB_MOVES} moves {SCRUB_APART_MS} ms apart, 1024x1024"
    if direction == "forward":
        return row(name, f"at step {animation.count:,} of {total:,}", gap)
    after = f"{(shown[0] - moved[-1]) * 1e3:.0f} ms" if shown else "never"
    return row(f"{name} (final gradient shown, after the last move)", after, gap)


def family_scrubbing() -> list[dict]:
    """Scrubbing the 1024x1024 photo's steps forward, then backward."""
    window, _, meter = open_window(astronaut_photo(1024, 1024), 120_000)
    rows = [scrub(window, meter, direction) for direction in ("forward", "backward")]
    window.close()
    return rows


def family_backward_play(seconds: float = 3.0) -> list[dict]:
    """The backward animation playing at 20 steps a second on the 1024x1024 photo: how often
    the gradient view is redrawn."""
    window, _, meter = open_window(astronaut_photo(1024, 1024), 120_000)
    animation = window.animation
    choose(window.timeline.direction, "backward")
    animation.routing_runner.wait_until_idle()
    animation.to_start()
    animation.set_speed(20)
    redraws = []
    animation.routingChanged.connect(lambda: redraws.append(time.perf_counter()))
    meter.start()
    run_loop(animation.play, timeout_ms=round(seconds * 1000))
    gap = meter.stop()
    animation.pause()
    window.close()
    rate = len(redraws) / seconds
    name = "backward play at 20 steps/s, 1024x1024: gradient view redraws per second"
    return [row(name, f"{rate:.1f}/s", gap, [(f">= {REDRAWS_GOAL:.0f}/s", rate >= REDRAWS_GOAL)])]


def family_switches() -> list[dict]:
    """Channel switches (gray and back) and "Output at input scale" (on and off) on the
    1024x1024 photo, each until the output has painted."""
    window, probe, meter = open_window(astronaut_photo(1024, 1024), 120_000)
    channel = window.image_source.channel
    changes = [(lambda data=data: choose(channel, data), None) for data in ("gray", "rgb")] * 2
    median, gap = repeat(probe, meter, changes, 60_000)
    rows = [row("channel switch (gray, RGB) to painted output, 1024x1024", f"{median:.0f} ms", gap)]
    toggles = [(window.physical_action.trigger, None)] * 4
    median, gap = repeat(probe, meter, toggles, 60_000)
    name = "'Output at input scale' on/off to painted output, 1024x1024"
    rows.append(row(name, f"{median:.0f} ms", gap))
    window.close()
    return rows


def family_startup(runs: int = 5) -> list[dict]:
    """``python main.py`` from process start to the first Paint event of the main window."""
    handle, hook = tempfile.mkstemp(prefix="poolscope-first-paint-", suffix=".py")
    with os.fdopen(handle, "w") as file:
        file.write(FIRST_PAINT_HOOK.format(root=str(ROOT), main=str(ROOT / "main.py")))
    times = []
    try:
        for _ in range(runs):
            started = time.time()
            command = [sys.executable, hook]
            done = subprocess.run(
                command, cwd=ROOT, capture_output=True, text=True, check=True, timeout=300
            )
            line = next(line for line in done.stdout.splitlines() if line.startswith("first-paint"))
            times.append((float(line.split()[1]) - started) * 1e3)
    finally:
        os.unlink(hook)
    name = "start-up: `python main.py` from process start to first paint (512x512 sample)"
    return [row(name, f"{statistics.median(times):.0f} ms", None)]


FAMILIES = {
    "startup": family_startup,
    "keys-1024": lambda: family_keys(1024, 1024, 10),
    "keys-24mp": lambda: family_keys(4000, 6000, 9),
    "tabs": family_tabs,
    "animation": family_animation,
    "scrubbing": family_scrubbing,
    "backward-play": family_backward_play,
    "switches": family_switches,
}


# ----- the parent: one process per family, then the table --------------------------------------
def run_family(name: str, attempts: int = 2) -> list[dict]:
    """Run one family in a fresh process (retried once); its rows come back as JSON."""
    for attempt in range(attempts):
        command = [sys.executable, __file__, "--family", name]
        done = subprocess.run(command, capture_output=True, text=True)
        lines = [line for line in done.stdout.splitlines() if line.startswith("ROWS ")]
        if done.returncode == 0 and lines:
            return json.loads(lines[-1][5:])
        print(f"{name}: attempt {attempt + 1} failed\n{done.stderr[-2000:]}", file=sys.stderr)
    return [row(f"{name} (failed, see stderr)", "-", None, [("finishes", False)])]


def table(rows: list[dict]) -> str:
    lines = ["| measurement | median | longest UI gap | goal |", "|---|---|---|---|"]
    for entry in rows:
        gap = "-" if entry["gap"] is None else f"{entry['gap']:.0f} ms"
        goals = "; ".join(f"{text}: {'ok' if ok else 'MISS'}" for text, ok in entry["goals"])
        lines.append(f"| {entry['name']} | {entry['median']} | {gap} | {goals or '-'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--family", choices=FAMILIES, help="run one family here (internal)")
    parser.add_argument("--skip", nargs="*", default=[], choices=FAMILIES, help="families to skip")
    args = parser.parse_args()
    if args.family:
        pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
        application = QApplication([sys.argv[0]])  # noqa: F841 (kept alive while measuring)
        from gui.qt_utils import MainThreadCollector, ui_thread_switching

        collector = MainThreadCollector()  # noqa: F841 (as the window: collect on the UI thread)
        with ui_thread_switching():  # as the window
            print("ROWS " + json.dumps(FAMILIES[args.family]()), flush=True)
        return 0
    rows = [entry for name in FAMILIES if name not in args.skip for entry in run_family(name)]
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
