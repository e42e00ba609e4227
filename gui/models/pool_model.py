"""PoolModel: the one object that owns what PoolScope shows, and announces every change.

Views never compute: they read the model and redraw in their ``_on_..._changed`` slots.
Pooling runs through ``engine.pooling.pipeline`` in a worker thread for large images (a
generation number lets a newer request supersede an older one); small images are pooled at
once.
"""

from __future__ import annotations

import concurrent.futures
import traceback
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine.errors import PoolingError
from engine.io.images import ImageLoadError, load_image
from engine.pooling.display import CHANNELS, data_range, display_array, select_channel
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import PoolResult, coverage_of, run_pool, validate, window_of
from engine.pooling.windows import Window


class WorkerSignals(QObject):
    finished = Signal(int, object)  # generation, PooledImage
    failed = Signal(int, str)  # generation, message
    loaded = Signal(int, object)  # generation, LoadedImage
    load_failed = Signal(int, str)  # generation, message


class PooledImage:
    """A pooling result with the picture the output view draws, prepared off the UI thread."""

    def __init__(self, image: np.ndarray, params: PoolParams, levels):
        self.result = run_pool(image, params)
        self.display = display_array(self.result.output, levels)


class LoadedImage:
    """An image read in the worker, with what the UI needs to show it at once."""

    def __init__(self, path: Path, image: np.ndarray, reduce: int, channel: str):
        self.path, self.image, self.reduce = path, image, reduce
        self.working = select_channel(image, channel)
        self.levels = data_range(self.working)
        self.display = display_array(self.working, self.levels)


def load_in_worker(
    signals: WorkerSignals, generation: int, path: Path, reduce: int, channel: str
) -> None:
    """Read (and optionally downscale) an image off the UI thread; report by signal."""
    try:
        loaded = LoadedImage(path, load_image(path, reduce=reduce), reduce, channel)
    except ImageLoadError as error:
        signals.load_failed.emit(generation, str(error))
    except MemoryError:
        signals.load_failed.emit(generation, f"Not enough memory to open '{path.name}'.")
    else:
        signals.loaded.emit(generation, loaded)


def pool_in_worker(
    signals: WorkerSignals, generation: int, image, params: PoolParams, levels
) -> None:
    """Pool one image (runs in the worker thread) and report back by a queued signal."""
    try:
        pooled = PooledImage(image, params, levels)
    except PoolingError as error:
        signals.failed.emit(generation, str(error))
    except MemoryError:
        signals.failed.emit(generation, "Not enough memory for this pooling.")
    except Exception:  # reported, never lost in the thread
        signals.failed.emit(generation, traceback.format_exc(limit=3))
    else:
        signals.finished.emit(generation, pooled)


class PoolModel(QObject):
    """Image, parameters, result, selection and coverage of one PoolScope window."""

    imageChanged = Signal()
    parametersChanged = Signal()
    resultChanged = Signal()
    errorChanged = Signal(str)
    busyChanged = Signal(bool)
    selectionChanged = Signal()
    coverageChanged = Signal()
    loadFailed = Signal(str)

    def __init__(self, parent: QObject | None = None, synchronous_limit: int = 600_000):
        super().__init__(parent)
        self.source_image: np.ndarray | None = None  # (C, H, W) as loaded
        self.image: np.ndarray | None = None  # the channel(s) being pooled
        self.levels = (0.0, 1.0)  # display range of image and output
        self.image_path: Path | None = None
        self.channel = "rgb"
        self.params = PoolParams(pool_type="max", kernel_size=(3, 3), stride=(2, 2))
        self.result: PoolResult | None = None
        self.output_display: np.ndarray | None = None  # the output picture, prepared
        self.error = ""
        self.busy = False
        self.selected: tuple[int, int] | None = None  # output cell
        self.pinned = False
        self.coverage_pixel: tuple[int, int] | None = None  # input cell
        self.coverage: list[tuple[int, int]] = []
        self.synchronous_limit = synchronous_limit
        # A Python thread, not QThreadPool: PySide6 6.12 on Python 3.11 mis-counts references
        # to None returned by Python runnables and eventually aborts ("deallocating None").
        self.executor = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="pool")
        self.pending: list[concurrent.futures.Future] = []
        self.generation = 0
        # One signals object for every job, living in this (the UI) thread: workers emit on
        # it and Qt queues the calls to the slots here. Jobs are plain callables, so no
        # Python-owned QRunnable can be freed while the pool still runs it.
        self.worker_signals = WorkerSignals(self)
        self.worker_signals.finished.connect(self._on_job_finished)
        self.worker_signals.failed.connect(self._on_job_failed)
        self.worker_signals.loaded.connect(self._on_image_loaded)
        self.worker_signals.load_failed.connect(self._on_load_failed)
        self.load_generation = 0
        self.scale = 1  # the working copy is 1/scale of the file's size
        self.input_display: np.ndarray | None = None  # prepared off the UI thread, if any

    # ----- loading -------------------------------------------------------------------------
    def open_image(self, path: str | Path, reduce: int = 1) -> None:
        """Load an image file now; raises ImageLoadError and changes nothing if it cannot."""
        image = load_image(path, reduce=reduce)
        self.image_path, self.scale = Path(path), reduce
        self.set_image(image)

    def request_image(self, path: str | Path, reduce: int = 1) -> None:
        """Load an image in the worker (large files); ``imageChanged`` or ``loadFailed``
        follows. ``reduce`` > 1 makes a downscaled working copy."""
        self.load_generation += 1
        self.set_busy(True)
        self.pending.append(
            self.executor.submit(
                load_in_worker,
                self.worker_signals,
                self.load_generation,
                Path(path),
                reduce,
                self.channel,
            )
        )

    def _on_image_loaded(self, generation: int, loaded: LoadedImage) -> None:
        if generation != self.load_generation:
            return
        self.image_path, self.scale = loaded.path, loaded.reduce
        self.set_image(loaded.image, prepared=loaded)

    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation == self.load_generation:
            self.set_busy(False)
            self.loadFailed.emit(message)

    def cancel(self) -> None:
        """Stop waiting for the running job: its result will be ignored; the last stays."""
        self.generation += 1
        self.load_generation += 1
        self.set_busy(False)
        self.set_error("Cancelled: showing the last result.")

    def set_image(self, image: np.ndarray, prepared: LoadedImage | None = None) -> None:
        if image.ndim != 3 or image.size == 0:
            raise ImageLoadError(f"Expected a (C, H, W) image, got shape {image.shape}.")
        self.source_image = image
        if image.shape[0] == 1 and self.channel != "rgb":
            self.channel = "rgb"
        if prepared is not None and prepared.image is image:
            self.image, self.levels = prepared.working, prepared.levels
            self.input_display = prepared.display
        else:
            self.image = select_channel(image, self.channel)
            self.levels = data_range(self.image)
            self.input_display = None
        self.selected, self.pinned = None, False
        self.coverage_pixel, self.coverage = None, []
        self.result, self.output_display = None, None
        self.imageChanged.emit()
        self.recompute()

    def set_channel(self, channel: str) -> None:
        if channel not in CHANNELS or channel == self.channel:
            return
        self.channel = channel
        if self.source_image is not None:
            self.image = select_channel(self.source_image, channel)
            self.levels = data_range(self.image)
            self.input_display = None
            self.imageChanged.emit()
            self.recompute()

    # ----- parameters ----------------------------------------------------------------------
    def set_params(self, params: PoolParams) -> None:
        if params == self.params:
            return
        self.params = params
        self.parametersChanged.emit()
        self.recompute()

    def update_params(self, **changes) -> None:
        self.set_params(self.params.replace(**changes))

    def recompute(self) -> None:
        """Pool the current image with the current parameters (now, or in the worker)."""
        if self.image is None:
            return
        self.generation += 1
        try:
            validate(self.params, self.image.shape)
        except PoolingError as error:
            self.set_error(str(error))  # keep the last good result on screen
            self.set_busy(False)
            return
        if self.image.size <= self.synchronous_limit:
            try:
                pooled = PooledImage(self.image, self.params, self.levels)
            except PoolingError as error:
                self.set_error(str(error))
                return
            self.accept_result(pooled)
            self.set_busy(False)
            return
        generation, image, params = self.generation, self.image, self.params
        self.set_busy(True)
        self.pending = [future for future in self.pending if not future.done()]
        self.pending.append(
            self.executor.submit(
                pool_in_worker, self.worker_signals, generation, image, params, self.levels
            )
        )

    def _on_job_finished(self, generation: int, pooled: PooledImage) -> None:
        if generation != self.generation:
            return  # superseded by a newer request
        self.accept_result(pooled)
        self.set_busy(False)

    def _on_job_failed(self, generation: int, message: str) -> None:
        if generation == self.generation:
            self.set_error(message)
            self.set_busy(False)

    def accept_result(self, pooled: PooledImage) -> None:
        result = pooled.result
        self.result, self.output_display = result, pooled.display
        self.set_error("")
        out_h, out_w = result.output.shape[-2:]
        if self.selected and not (self.selected[0] < out_h and self.selected[1] < out_w):
            self.selected, self.pinned = None, False
        if self.coverage_pixel is not None:
            self.coverage = coverage_of(result.params, result.input_shape, *self.coverage_pixel)
        self.resultChanged.emit()
        self.selectionChanged.emit()
        self.coverageChanged.emit()

    def set_error(self, message: str) -> None:
        if message != self.error:
            self.error = message
            self.errorChanged.emit(message)

    def set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    def wait_until_idle(self, milliseconds: int = 60_000) -> bool:
        """Block until queued jobs (and the jobs their results start) finish, delivering their
        results (command line and tests only)."""
        while self.pending:
            waiting, self.pending = self.pending, []
            _, not_done = concurrent.futures.wait(waiting, timeout=milliseconds / 1000)
            QCoreApplication.processEvents()
            if not_done:
                self.pending.extend(not_done)
                return False
        return True

    # ----- selection and coverage ----------------------------------------------------------
    def output_shape(self) -> tuple[int, int] | None:
        return None if self.result is None else tuple(self.result.output.shape[-2:])

    def hover_output(self, row: int, col: int) -> None:
        if not self.pinned:
            self.select_output(row, col, pin=False)

    def select_output(self, row: int, col: int, pin: bool = True) -> None:
        shape = self.output_shape()
        if shape is None or not (0 <= row < shape[0] and 0 <= col < shape[1]):
            return
        if (row, col) == self.selected and pin == self.pinned:
            return
        self.selected, self.pinned = (row, col), pin
        self.selectionChanged.emit()

    def move_selection(self, rows: int, cols: int) -> None:
        shape = self.output_shape()
        if shape is None:
            return
        row, col = self.selected or (0, 0)
        self.select_output(
            min(max(row + rows, 0), shape[0] - 1), min(max(col + cols, 0), shape[1] - 1), pin=True
        )

    def clear_selection(self) -> None:
        if self.selected is not None:
            self.selected, self.pinned = None, False
            self.selectionChanged.emit()

    def selected_window(self) -> Window | None:
        if self.selected is None or self.result is None:
            return None
        return window_of(self.result.params, self.result.input_shape, *self.selected)

    def selected_argmax(self, channel: int = 0) -> tuple[int, int] | None:
        """Input (row, col) of the arg-max of the selected output cell, for max types."""
        if self.selected is None or self.result is None or self.result.indices is None:
            return None
        index = int(self.result.indices[channel][self.selected])
        if index < 0:
            return None
        return divmod(index, self.result.input_shape[-1])

    def set_coverage_pixel(self, row: int, col: int) -> None:
        if self.image is None or not (
            0 <= row < self.image.shape[1] and 0 <= col < self.image.shape[2]
        ):
            return
        self.coverage_pixel = (row, col)
        if self.result is not None:
            self.coverage = coverage_of(self.result.params, self.result.input_shape, row, col)
        self.coverageChanged.emit()
