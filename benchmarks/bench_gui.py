"""GUI responsiveness, offscreen: medians of several runs, printed as a Markdown table.

- start-up: constructing the window on the 512x512 sample until it has painted once;
- parameter change to redrawn output, 1024x1024 RGB (goal under 50 ms);
- parameter change to redrawn output, 6000x4000 RGB, pooled in the worker, with the longest
  gap between UI timer ticks while it runs (how long the window could not respond).

Run with ``make bench-gui`` or ``QT_QPA_PLATFORM=offscreen .venv/bin/python
benchmarks/bench_gui.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
os.environ.setdefault("POOLSCOPE_SETTINGS", str(Path("/tmp/poolscope-bench-settings.ini")))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from engine.images import sample_path  # noqa: E402
from engine.pooling.parameters import PoolParams  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

PARAMETER_SETS = [
    PoolParams("max", (3, 3), (2, 2), (1, 1)),
    PoolParams("avg", (2, 2), (2, 2)),
    PoolParams("max", (2, 2), (2, 2)),
    PoolParams("avg", (3, 3), (1, 1), (1, 1)),
]


def paint_now(app: QApplication, window: MainWindow) -> None:
    window.output_panel.plot_widget.viewport().repaint()
    app.processEvents()


def time_startup(app: QApplication, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        window = MainWindow()
        window.resize(1400, 820)
        window.show()
        window.open_path(sample_path("astronaut"))
        paint_now(app, window)
        times.append(time.perf_counter() - start)
        window.close()
        window.deleteLater()
        app.processEvents()
    return statistics.median(times)


class StallMeter:
    """Records the longest gap between ticks of a 5 ms UI timer: how long the UI was stuck."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self.tick)
        self.longest, self.last = 0.0, 0.0

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def start(self) -> None:
        self.longest, self.last = 0.0, time.perf_counter()
        self.timer.start()

    def stop(self) -> float:
        self.tick()
        self.timer.stop()
        return self.longest


def time_parameter_changes(app: QApplication, window: MainWindow, runs: int):
    """Median time from a parameter change to the repainted output, and the longest stall."""
    times, stalls, meter = [], [], StallMeter()
    for run in range(runs):
        meter.start()
        start = time.perf_counter()
        window.model.set_params(PARAMETER_SETS[run % len(PARAMETER_SETS)])
        while window.model.busy:
            app.processEvents()
        paint_now(app, window)
        times.append(time.perf_counter() - start)
        stalls.append(meter.stop())
    return statistics.median(times), max(stalls)


def time_animation_step(app: QApplication, window: MainWindow) -> float:
    """Median time of one forward step (overlay, partial output, side panel) on the sample."""
    window.open_path(sample_path("astronaut"))
    window.model.set_params(PoolParams("max", (3, 3), (2, 2)))
    window.model.wait_until_idle()
    animation = window.animation
    animation.to_start()
    times = []
    for _ in range(40):
        start = time.perf_counter()
        animation.step_forward()
        paint_now(app, window)
        times.append(time.perf_counter() - start)
    animation.to_end()
    return statistics.median(times)


def time_huge_photo(app: QApplication, window: MainWindow):
    """Open a 50-megapixel photo (8660x5773 JPEG) in the background and pool it 2x2."""
    import tempfile

    from PIL import Image

    folder = Path(tempfile.mkdtemp())
    path = folder / "fifty-megapixels.jpg"
    rng = np.random.default_rng(1)
    small = rng.integers(0, 255, (577, 866, 3), dtype=np.uint8)
    Image.fromarray(small).resize((8660, 5773)).save(path, quality=90)
    window.ask_downscale = lambda *_: "full"
    window.model.synchronous_limit = 0
    meter = StallMeter()
    meter.start()
    start = time.perf_counter()
    window.open_path(path)
    while window.model.busy or window.model.image.shape[-1] != 8660:
        app.processEvents()
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    while window.model.busy:
        app.processEvents()
    paint_now(app, window)
    elapsed = time.perf_counter() - start
    stall = meter.stop()
    path.unlink()
    return (
        "open and pool a 50-megapixel JPEG (8660x5773 RGB), full size",
        f"{elapsed * 1e3:.0f} ms",
        f"{stall * 1e3:.0f} ms",
    )


def main() -> int:
    pg.setConfigOptions(imageAxisOrder="row-major")
    app = QApplication.instance() or QApplication([])
    rows = [
        (
            "start-up to first painted window (512x512 sample)",
            f"{time_startup(app, 5) * 1e3:.0f} ms",
            "-",
        )
    ]
    window = MainWindow()
    window.resize(1400, 820)
    window.show()
    rng = np.random.default_rng(0)
    for height, width, runs in ((1024, 1024, 9), (4000, 6000, 3)):
        window.model.set_image(rng.random((3, height, width), dtype=np.float32))
        window.model.wait_until_idle()
        app.processEvents()
        median, stall = time_parameter_changes(app, window, runs)
        worker = (
            "worker thread" if 3 * height * width > window.model.synchronous_limit else "UI thread"
        )
        rows.append(
            (
                f"parameter change to redrawn output, {width}x{height} RGB ({worker})",
                f"{median * 1e3:.0f} ms",
                f"{stall * 1e3:.0f} ms",
            )
        )
    rows.append(
        (
            "one animation step, 512x512 sample, 3x3 stride 2 (goal < 16 ms)",
            f"{time_animation_step(app, window) * 1e3:.1f} ms",
            "-",
        )
    )
    rows.append(time_huge_photo(app, window))
    window.close()
    print("| measurement | median | longest UI stall |")
    print("|---|---|---|")
    for name, value, stall in rows:
        print(f"| {name} | {value} | {stall} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
