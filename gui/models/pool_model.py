"""PoolModel: the one object that owns what PoolScope shows, and announces every change.

Views never compute: they read the model and redraw in their ``_on_..._changed`` slots.
Pooling runs through ``engine.pooling.pipeline``: small images at once, large ones in a
background lane where the newest request wins (``gui.models.jobs``); images load in a lane of
their own. While an image loads, ``replacing`` names it, so every view can say that what it
shows is about to be replaced.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.errors import PoolingError
from engine.io.images import ImageLoadError, load_input
from engine.pooling.display import CHANNELS, data_range, display_array, select_channel
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import (
    PoolResult,
    coverage_of,
    depth_window,
    estimated_work,
    plane_of,
    run_pool,
    validate,
    window_of,
)
from engine.pooling.windows import Window
from gui.i18n import message_of, tr
from gui.models.jobs import CancelToken, JobRunner


def channel_shape(source_shape: tuple[int, ...], channel: str) -> tuple[int, ...]:
    """The shape :func:`select_channel` gives a source of ``source_shape``, without making it."""
    if source_shape[0] == 1 or channel == "rgb":
        return tuple(source_shape)
    return (1, *source_shape[1:])


class PooledImage:
    """A pooling result with the picture the output view draws, prepared off the UI thread.
    For a volume, ``volume_result`` is the whole 3D pool and ``result`` its slice
    ``output_depth`` (see :func:`~engine.pooling.pipeline.plane_of`).

    With ``channel`` the image pooled is first made from ``source`` (a channel change), with
    its levels and the picture of its slice ``depth``, so the model replaces the image and its
    result together and never shows one with the other's channels; ``params`` None then means
    the image alone (the settings do not fit it).
    """

    def __init__(
        self,
        image: np.ndarray,
        params: PoolParams | None,
        levels,
        token=None,
        output_depth: int = 0,
        channel: str | None = None,
        source: np.ndarray | None = None,
        depth: int = 0,
    ):
        self.channel, self.depth = channel, depth
        self.working = self.input_display = None
        if channel is not None:
            image = select_channel(source, channel)
            levels = data_range(image)
            self.working = image
            self.input_display = display_array(
                image[:, depth] if image.ndim == 4 else image, levels
            )
            if token is not None:
                token.check()
        self.levels = levels
        self.result = self.volume_result = self.display = None
        if params is None:
            return
        self.result = run_pool(image, params, None if token is None else token.check)
        self.volume_result = None
        if image.ndim == 4:
            self.volume_result = self.result
            depth = min(output_depth, self.result.output.shape[1] - 1)
            self.result = plane_of(self.volume_result, depth)
        if token is not None:
            token.check()  # a newer request came while pooling: skip the picture
        self.display = display_array(self.result.output, levels)


class LoadedImage:
    """An image read in the worker, with what the UI needs to show it at once."""

    def __init__(
        self, path: Path, reduce: int, channel: str, token: CancelToken, form: str = "auto"
    ):
        self.path, self.reduce, self.channel = path, reduce, channel
        self.image = load_input(path, form, reduce)
        token.check()
        self.working = select_channel(self.image, channel)
        self.levels = data_range(self.working)
        first = self.working[:, 0] if self.working.ndim == 4 else self.working
        self.display = display_array(first, self.levels)


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
    depthChanged = Signal()  # another input slice of the volume is shown
    replacingChanged = Signal(str)  # the name of the image being loaded, or ""

    def __init__(self, parent: QObject | None = None, synchronous_limit: int = 600_000):
        super().__init__(parent)
        self.source_image: np.ndarray | None = None  # (C, H, W) as loaded
        self.image: np.ndarray | None = None  # the channel(s) pooled, or the volume's slice shown
        self.volume: np.ndarray | None = None  # (C, D, H, W): the volume pooled, if any
        self.depth = 0  # the volume's input slice shown
        self.output_depth = 0  # the output slice shown
        self.volume_result: PoolResult | None = None  # the whole 3D pool
        self.levels = (0.0, 1.0)  # display range of image and output
        self.image_path: Path | None = None
        self.channel = "rgb"  # the channel chosen
        self.working_channel = "rgb"  # the channel of the image shown (until a change lands)
        self.params = PoolParams(pool_type="max", kernel_size=(3, 3), stride=(2, 2))
        self.result: PoolResult | None = None
        self.output_display: np.ndarray | None = None  # the output picture, prepared
        self.error = ""
        self.busy = False
        self.replacing = ""  # name of the image being loaded to replace this one
        self.selected: tuple[int, int] | None = None  # output cell
        self.pinned = False
        self.coverage_pixel: tuple[int, int] | None = None  # input cell
        self.coverage: list[tuple[int, int]] = []
        self.synchronous_limit = synchronous_limit
        self.scale = 1  # the working copy is 1/scale of the file's size
        self.input_display: np.ndarray | None = None  # prepared off the UI thread, if any
        self.loader = JobRunner("load", self, expected=(ImageLoadError, PoolingError))
        self.pooler = JobRunner("pool", self)
        self.loader.resultReady.connect(self._on_image_loaded)
        self.loader.failedWith.connect(self._on_load_failed)
        self.pooler.resultReady.connect(self._on_pooled)
        self.pooler.failedWith.connect(self._on_pooling_failed)
        for runner in (self.loader, self.pooler):
            runner.busyChanged.connect(self._on_runner_busy)

    # ----- loading -------------------------------------------------------------------------
    def open_image(self, path: str | Path, reduce: int = 1, form: str = "auto") -> None:
        """Load an image file now; raises ImageLoadError and changes nothing if it cannot.
        ``form``: as :func:`~engine.io.images.load_input` ("sequences": a matrix's rows are
        sequences; "volume": a 3D array or every frame of a picture)."""
        image = load_input(path, form, reduce)
        self.loader.cancel()
        self.set_replacing("")
        self.image_path, self.scale = Path(path), reduce
        self.set_image(image)

    def request_image(self, path: str | Path, reduce: int = 1, form: str = "auto") -> None:
        """Load an image in the background (large files); ``imageChanged`` or ``loadFailed``
        follows. ``reduce`` > 1 makes a downscaled working copy."""
        path, channel = Path(path), self.channel
        self.set_replacing(path.name)
        self.loader.submit(lambda token: LoadedImage(path, reduce, channel, token, form))

    def _on_image_loaded(self, loaded: LoadedImage) -> None:
        self.set_replacing("")
        self.image_path, self.scale = loaded.path, loaded.reduce
        self.set_image(loaded.image, prepared=loaded)

    def _on_load_failed(self, message: str) -> None:
        self.set_replacing("")
        self.loadFailed.emit(message)

    def set_replacing(self, name: str) -> None:
        if name != self.replacing:
            self.replacing = name
            self.replacingChanged.emit(name)

    def cancel(self) -> None:
        """Stop the running load or pooling: the last result stays."""
        self.loader.cancel()
        self.pooler.cancel()
        self.set_replacing("")
        self.set_error(tr("Cancelled: showing the last result."))

    def shutdown(self) -> None:
        """The window is closing: stop all background work without waiting for it."""
        self.loader.shutdown()
        self.pooler.shutdown()

    def set_image(self, image: np.ndarray, prepared: LoadedImage | None = None) -> None:
        """Show and pool an image (C, H, W) or a volume (C, D, H, W)."""
        if image.ndim not in (3, 4) or image.size == 0:
            raise ImageLoadError(
                "Expected a (C, H, W) image or a (C, D, H, W) volume, got shape {shape}.",
                shape=str(image.shape),
            )
        self.source_image = image
        if image.shape[0] == 1 and self.channel != "rgb":
            self.channel = "rgb"
        if prepared is not None and prepared.image is image:
            working, self.levels = prepared.working, prepared.levels
            self.input_display = prepared.display
            # A one-channel image is the same whichever channel was asked when it was read.
            self.working_channel = self.channel if image.shape[0] == 1 else prepared.channel
        else:
            working = select_channel(image, self.channel)
            self.levels = data_range(working)
            self.input_display = None
            self.working_channel = self.channel
        self.take_working(working)
        self.selected, self.pinned = None, False
        self.coverage_pixel, self.coverage = None, []
        self.result, self.output_display, self.volume_result = None, None, None
        self.imageChanged.emit()
        self.recompute()

    def take_working(self, working: np.ndarray) -> None:
        """The array pooled: an image, or a volume shown one slice at a time."""
        if working.ndim == 4:
            self.volume, self.depth, self.output_depth = working, 0, 0
            self.image = working[:, 0]
        else:
            self.volume, self.image = None, working

    def set_channel(self, channel: str) -> None:
        """Pool ``channel`` of the source. The image shown, its result and the selection
        change together when the new result is ready (in the worker for large images), so
        nothing ever reads a result of other channels than the image it is shown with."""
        if channel not in CHANNELS or channel == self.channel:
            return
        self.channel = channel
        if self.source_image is not None:
            self.recompute()

    # ----- volumes -------------------------------------------------------------------------
    def pooled_input(self) -> np.ndarray | None:
        """What is pooled: the volume, or the image."""
        return self.volume if self.volume is not None else self.image

    def set_depth(self, depth: int) -> None:
        """Show input slice ``depth`` of the volume."""
        if self.volume is None or not 0 <= depth < self.volume.shape[1] or depth == self.depth:
            return
        self.depth = depth
        self.image = self.volume[:, depth]
        self.input_display = None
        if self.coverage_pixel is not None:
            self.update_coverage()
        self.depthChanged.emit()

    def set_output_depth(self, depth: int) -> None:
        """Show output slice ``depth``; the input follows to the selected window's arg-max
        slice (or its first slice in the volume)."""
        result = self.volume_result
        if result is None or not 0 <= depth < result.output.shape[1]:
            return
        self.output_depth = depth
        self.result = plane_of(result, depth)
        self.output_display = display_array(self.result.output, self.levels)
        self.resultChanged.emit()
        self.selectionChanged.emit()
        self.follow_selected_depth()
        self.update_coverage()
        self.coverageChanged.emit()

    def selected_depths(self) -> np.ndarray | None:
        """The input slices (padding included) of the shown output slice's windows."""
        if self.volume_result is None:
            return None
        return depth_window(self.volume_result.params, self.volume.shape, self.output_depth)

    def selected_argmax_depth(self, channel: int = 0) -> int | None:
        """The input slice of the selected output cell's arg-max, for max kinds."""
        result = self.volume_result
        if self.selected is None or result is None or result.indices is None:
            return None
        index = int(result.indices[channel][(self.output_depth, *self.selected)])
        return None if index < 0 else index // (self.volume.shape[2] * self.volume.shape[3])

    def follow_selected_depth(self) -> None:
        """Show the input slice where the selected window's arg-max (or first real slice) is."""
        depth = self.selected_argmax_depth()
        if depth is None:
            depths = self.selected_depths()
            inside = [] if depths is None else [d for d in depths if 0 <= d < self.volume.shape[1]]
            depth = inside[0] if inside else None
        if depth is not None:
            self.set_depth(int(depth))

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
        """Pool the current image or volume with the current parameters (now, or in the
        background); while a channel change is pending, the new channel's image is made in the
        same job."""
        pooled_input = self.pooled_input()
        if pooled_input is None:
            return
        channel = None if self.working_channel == self.channel else self.channel
        source = self.source_image
        shape = pooled_input.shape if channel is None else channel_shape(source.shape, channel)
        params = self.params
        try:
            validate(params, shape)
        except PoolingError as error:
            self.set_error(message_of(error))  # keep the last good result on screen
            if channel is None:
                self.pooler.cancel()
                return
            params = None  # the image still takes its new channel, without a result
        levels, output_depth, depth = self.levels, self.output_depth, self.depth

        def job(token):
            return PooledImage(
                pooled_input, params, levels, token, output_depth, channel, source, depth
            )

        quick = int(np.prod(shape)) <= self.synchronous_limit
        if params is not None:
            quick = self.quick(params, shape)
        if quick:
            self.pooler.cancel()
            try:
                pooled = job(None)
            except PoolingError as error:
                self.set_error(message_of(error))
                return
            self.accept_result(pooled)
            return
        self.pooler.submit(job)

    def quick(self, params: PoolParams, shape: tuple[int, ...] | None = None) -> bool:
        """Whether pooling with ``params`` (an input of ``shape``, by default the one pooled)
        is cheap enough to do at once on the UI thread."""
        shape = self.pooled_input().shape if shape is None else shape
        return estimated_work(params, shape) <= self.synchronous_limit

    def _on_pooled(self, pooled: PooledImage) -> None:
        if pooled.working is not None:  # a channel change: the newest request, with its image
            self.accept_result(pooled)
            return
        pooled_result = pooled.volume_result or pooled.result
        if pooled_result.input_shape == self.pooled_input().shape:
            self.accept_result(pooled)

    def _on_pooling_failed(self, message: str) -> None:
        self.set_error(message)

    def accept_result(self, pooled: PooledImage) -> None:
        if pooled.working is not None:
            self.take_channel(pooled)
            if pooled.result is None:  # the settings do not fit: the image alone, as when opened
                self.result, self.output_display, self.volume_result = None, None, None
                self.selected, self.pinned = None, False
                self.coverage = []
                self.imageChanged.emit()
                return
        result = pooled.result
        self.result, self.output_display = result, pooled.display
        self.volume_result = pooled.volume_result
        if self.volume_result is not None:
            self.output_depth = min(self.output_depth, self.volume_result.output.shape[1] - 1)
        self.set_error("")
        out_h, out_w = result.output.shape[-2:]
        if self.selected and not (self.selected[0] < out_h and self.selected[1] < out_w):
            self.selected, self.pinned = None, False
        self.update_coverage()
        if pooled.working is not None:
            self.imageChanged.emit()  # image and result are both new by now
        self.resultChanged.emit()
        self.selectionChanged.emit()
        self.coverageChanged.emit()

    def take_channel(self, pooled: PooledImage) -> None:
        """Show the image a channel change made (its slice ``depth`` of a volume)."""
        self.working_channel, self.levels = pooled.channel, pooled.levels
        depth, output_depth = self.depth, self.output_depth
        self.take_working(pooled.working)
        if self.volume is not None:
            self.depth, self.output_depth = depth, output_depth
            self.image = self.volume[:, depth]
        self.input_display = pooled.input_display if pooled.depth == self.depth else None

    def update_coverage(self) -> None:
        """The output cells (of the shown output slice) whose windows hold the marked input
        cell (of the shown input slice)."""
        if self.coverage_pixel is None or self.result is None:
            return
        depths = self.selected_depths()
        if depths is not None and self.depth not in depths:
            self.coverage = []
            return
        self.coverage = coverage_of(
            self.result.params, self.result.input_shape, *self.coverage_pixel
        )

    def announce(self) -> None:
        """Say everything once more, as if it had just changed: views built on a model that
        already holds an image (a window rebuilt in another language) then show it."""
        self.imageChanged.emit()
        self.parametersChanged.emit()
        if self.error:
            self.errorChanged.emit(self.error)
        self.resultChanged.emit()
        self.selectionChanged.emit()
        self.coverageChanged.emit()
        if self.volume is not None:
            self.depthChanged.emit()
        self.busyChanged.emit(self.busy)
        self.replacingChanged.emit(self.replacing)

    def disconnect_views(self) -> None:
        """Forget every slot connected to the model's signals: the window showing it is
        going, and another will connect its own views (:meth:`announce`)."""
        signals = (
            self.imageChanged,
            self.parametersChanged,
            self.resultChanged,
            self.errorChanged,
            self.busyChanged,
            self.selectionChanged,
            self.coverageChanged,
            self.loadFailed,
            self.depthChanged,
            self.replacingChanged,
        )
        for signal in signals:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)  # a signal without slots
                try:
                    signal.disconnect()
                except (RuntimeError, SystemError, TypeError):
                    pass

    def set_error(self, message: str) -> None:
        if message != self.error:
            self.error = message
            self.errorChanged.emit(message)

    def _on_runner_busy(self, *_) -> None:
        busy = self.loader.busy or self.pooler.busy
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    def wait_until_idle(self, milliseconds: int = 60_000) -> bool:
        """Deliver background results until none is pending (command line and tests only)."""
        seconds = milliseconds / 1000
        return self.loader.wait_until_idle(seconds) and self.pooler.wait_until_idle(seconds)

    def is_sequence(self) -> bool:
        """Whether the input is pooled as a sequence: one row, along its length only."""
        return (
            self.volume is None
            and self.image is not None
            and kind_of(self.params).pools_sequence(self.image.shape)
        )

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
        if pin and self.volume is not None:
            self.follow_selected_depth()

    def move_selection(self, rows: int, cols: int) -> None:
        shape = self.output_shape()
        if shape is None:
            return
        row, col = self.selected or (0, 0)
        self.select_output(
            min(max(row + rows, 0), shape[0] - 1), min(max(col + cols, 0), shape[1] - 1), pin=True
        )

    def clear_selection(self) -> None:
        """Forget the selected output cell and the marked input cell (Esc)."""
        if self.selected is not None:
            self.selected, self.pinned = None, False
            self.selectionChanged.emit()
        if self.coverage_pixel is not None:
            self.coverage_pixel, self.coverage = None, []
            self.coverageChanged.emit()

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
        self.update_coverage()
        self.coverageChanged.emit()
