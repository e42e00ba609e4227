"""What every experiment panel shares: the working copy, the layout, the pools it compares, and
the split into a compute step (background) and a show step (UI thread).

An experiment reads its inputs in :meth:`Experiment.capture` (UI thread: a crop of the image,
the settings, its own controls), computes in :meth:`Experiment.compute` (a pure function run by
the panel's :class:`~gui.models.jobs.JobRunner`, which may stop it at any
``token.check()``), and draws the result in :meth:`Experiment.show_result` (UI thread).
"""

from __future__ import annotations

import re

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import run_pool
from engine.text import Text
from gui.i18n import translated
from gui.models.jobs import CancelToken
from gui.models.pool_model import PoolModel

WORKING_SIDE = 256
CURVE_COLOURS = ((230, 60, 60), (60, 120, 230), (40, 170, 80), (200, 140, 0), (150, 60, 200))


class ExperimentError(Exception):
    """Why an experiment cannot run on this image or with these settings, as one sentence for
    the user (shown in the experiment's summary). Given as a template and its values
    (``ExperimentError("The {kernel} x {kernel} window ...", kernel=5)``) the message is a
    :class:`~engine.text.Text` the window translates; ``str(error)`` is the English."""

    def __init__(self, message: str, /, **arguments) -> None:
        super().__init__(Text(message, **arguments) if arguments else message)


def reason(error: Exception) -> str:
    """An exception's message as it was given (a :class:`~engine.text.Text` stays one), to
    put inside another sentence."""
    return error.args[0] if error.args and isinstance(error.args[0], str) else str(error)


def working_copy(image: np.ndarray, side: int = WORKING_SIDE) -> np.ndarray:
    """The central crop of at most ``side`` x ``side`` pixels.

    Parameters
    ----------
    image : ndarray of shape (C, H, W)
    side : int

    Returns
    -------
    ndarray of shape (C, min(H, side), min(W, side)), float64, a copy
    """
    height, width = image.shape[-2:]
    top, left = max(0, (height - side) // 2), max(0, (width - side) // 2)
    return image[:, top : top + side, left : left + side].astype(np.float64)


def size_text(shape: tuple[int, ...]) -> str:
    """'256 x 192' for an array of shape (..., 256, 192): height first, then width."""
    return f"{shape[-2]} x {shape[-1]}"


def check_finite(image: np.ndarray) -> None:
    """ExperimentError if ``image`` holds NaN or infinite values (no experiment can measure
    them)."""
    if not np.isfinite(image).all():
        raise ExperimentError(
            "The image holds NaN or infinite values, so the experiments cannot measure "
            "anything: load an image of finite numbers."
        )


def check_fits(shape: tuple[int, ...], kernel: int) -> None:
    """ExperimentError if a ``kernel`` x ``kernel`` window is larger than the crop the
    experiments use, an array of ``shape`` (..., H, W)."""
    if kernel > min(shape[-2:]):
        raise ExperimentError(
            "The {kernel} x {kernel} window is larger than the {size} (H x W) crop the "
            "experiments use: choose a kernel of at most {largest}.",
            kernel=kernel,
            size=size_text(shape),
            largest=min(shape[-2:]),
        )


def label(name: str) -> str:
    """A kind's short label for legends, in the window's language: 'BlurPool' for
    'BlurPool (anti-aliased max)' (a translation may bracket with full-width parentheses)."""
    return re.split(r" \(|\s*\uff08", translated(KINDS[name].label))[0]


def kind_pools(names, kernel: int, stride: int, token: CancelToken | None = None) -> dict:
    """Pools of the named kinds (from the registry), all with the same square window:
    {kind name: image -> float64 output}. Each pool first asks ``token`` whether a newer
    request replaced this one, so stale work stops between pool calls."""
    pools = {}
    for name in names:
        params = PoolParams(name, (kernel, kernel), (stride, stride))
        pools[name] = checked_pool(params, token)
    return pools


def checked_pool(params: PoolParams, token: CancelToken | None = None):
    """``image -> run_pool(image, params).output`` as float64, stopping first if ``token``
    was cancelled."""

    def pool(image: np.ndarray) -> np.ndarray:
        if token is not None:
            token.check()
        return run_pool(image, params).output.astype(np.float64)

    return pool


class Experiment(QWidget):
    """A panel: explanation on top, controls, results.

    Signals
    -------
    refreshRequested()
        One of its own controls changed: the panel computes it again (in the background).
    """

    refreshRequested = Signal()

    # Each experiment's Text("..."): English, so --experiment finds it by name; the window
    # shows it translated.
    title = ""
    explanation = ""

    def __init__(self, model: PoolModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = model
        self.text = QLabel(translated(self.explanation))
        self.text.setWordWrap(True)
        self.text.setObjectName("explanation")
        self.text.setStyleSheet("padding: 6px; background: #f4f1e8; color: #222;")
        self.controls = QHBoxLayout()
        self.body = QVBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addLayout(self.controls)
        layout.addLayout(self.body, 1)
        layout.addWidget(self.summary)

    def image(self, side: int = WORKING_SIDE) -> np.ndarray | None:
        """The central crop the experiment works on (a copy), or None without an image."""
        return None if self.model.image is None else working_copy(self.model.image, side)

    def kernel_stride(self) -> tuple[int, int]:
        params = self.model.params
        return params.kernel_size[0], params.stride[0]

    def refresh(self) -> None:
        """Ask for the experiment to be computed again with its current controls."""
        self.refreshRequested.emit()

    def capture(self) -> object | None:
        """The inputs of :meth:`compute`, read in the UI thread (copies, never the model's
        own arrays); None when there is nothing to compute. May raise ExperimentError."""
        raise NotImplementedError

    @staticmethod
    def compute(request, token: CancelToken) -> object:
        """The numbers, from :meth:`capture`'s request alone, in a background thread: no
        widget is touched here. Calls ``token.check()`` between expensive steps."""
        raise NotImplementedError

    def show_result(self, result) -> None:
        """Draw :meth:`compute`'s result (UI thread; no computing beyond formatting)."""
        raise NotImplementedError

    def show_problem(self, message: str) -> None:
        """Say why the experiment could not run; the last result stays on screen."""
        self.summary.setText(message)

    def plot(self, label: str) -> pg.PlotWidget:
        widget = pg.PlotWidget()
        widget.setLabel("left", label)
        widget.addLegend()
        widget.showGrid(x=True, y=True, alpha=0.3)
        return widget
