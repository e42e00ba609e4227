"""The README's pictures of a trained network: ``make network-pictures`` (about 3 minutes).

The command line cannot train, so this script drives the window itself, headless: the Network
tab at 1366 x 768 trains max, average and no pooling at the default settings (3 epochs of
6,000 digits, width 0.5, seed 0), then the "Training curves" page and the "Inside the network"
page are saved, once in English (docs/network.png, docs/network-inside.png) and once in
Chinese (docs/zh/network-curves.png, docs/zh/network-inside.png).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")  # as main.py: the same numbers as the window trains

PICTURES = {
    "en": ("docs/network.png", "docs/network-inside.png"),
    "zh_CN": ("docs/zh/network-curves.png", "docs/zh/network-inside.png"),
}


def pictures_in(language: str, curves_path: str, inside_path: str) -> None:
    from PySide6.QtCore import QCoreApplication

    from engine.network.architecture import NO_POOLING
    from gui.i18n import LANGUAGE
    from gui.main_window import MainWindow

    LANGUAGE.install(language)
    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentWidget(window.network)
    panel = window.network
    panel.model.train(["max", "avg", NO_POOLING])
    if not panel.model.wait_until_idle(900):
        raise SystemExit("network_pictures: the trainings did not finish in 15 minutes")
    # the channel of the second pooled convolution that answers the digit most strongly
    layer = [layer for layer in panel.model.map_layers() if layer.pooled_by is not None][1]
    strongest = int(layer.maps.reshape(len(layer.maps), -1).max(axis=1).argmax())
    panel.model.select_channel(layer.name, strongest)
    for page, path in ((1, curves_path), (2, inside_path)):
        panel.views.setCurrentIndex(page)
        for _ in range(20):
            QCoreApplication.processEvents()
        saved = panel.grab().save(str(ROOT / path))
        print(path, "saved" if saved else "NOT SAVED", flush=True)
    window.close()


def main() -> int:
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gui.qt_utils import MainThreadCollector, ui_thread_switching

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
    application = QApplication([sys.argv[0]])  # noqa: F841 (kept alive while drawing)
    collector = MainThreadCollector()  # as the window: Qt objects freed on this thread only
    with tempfile.TemporaryDirectory() as folder, ui_thread_switching():
        os.environ["POOLSCOPE_SETTINGS"] = str(Path(folder) / "settings.ini")
        (ROOT / "docs" / "zh").mkdir(exist_ok=True)
        for language, (curves_path, inside_path) in PICTURES.items():
            pictures_in(language, curves_path, inside_path)
    collector.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
