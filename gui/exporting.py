"""File > Export and Edit > Copy as code: dialogs around ``engine.io.export``.

Every export is written atomically by the engine; this module asks for the file name, asks
before replacing a file, shows progress (with Cancel) while GIF frames are drawn, and reports
failures in one dialog. The window's ``show_error``, ``show_message`` and ``confirm_overwrite``
are the only places that open a dialog (tests replace them).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QProgressDialog

from engine.errors import PoolingError
from engine.io.export import (
    ExportError,
    animation_frames,
    code_snippets,
    export_array,
    export_gif,
)
from engine.pooling.pipeline import export_form
from engine.text import Text
from gui.i18n import message_of, tr, translated

EXPORTS = (
    # (what, suffix, menu text, its tooltip)
    ("input", ".png", Text("Input as PNG…"), Text("Export the input as png")),
    ("output", ".png", Text("Output as PNG…"), Text("Export the output as png")),
    ("output", ".npy", Text("Output as NPY (exact)…"), Text("Export the output as npy (exact)")),
    ("output", ".csv", Text("Output as CSV…"), Text("Export the output as csv")),
    ("gradient", ".png", Text("Input gradient as PNG…"), Text("Export the input gradient as png")),
    (
        "gradient",
        ".npy",
        Text("Input gradient as NPY (exact)…"),
        Text("Export the input gradient as npy (exact)"),
    ),
    ("gradient", ".csv", Text("Input gradient as CSV…"), Text("Export the input gradient as csv")),
    (
        "forward_gif",
        ".gif",
        Text("Forward animation as GIF…"),
        Text("Export the forward animation as gif"),
    ),
    (
        "backward_gif",
        ".gif",
        Text("Backward animation as GIF…"),
        Text("Export the backward animation as gif"),
    ),
)
"""Every File > Export entry (texts translatable: shown with ``translated``)."""


def file_filter(suffix: str) -> str:
    """The save dialog's filter for ``suffix``: words translated, the pattern kept."""
    pattern = f"*{suffix}"
    if suffix == ".png":
        return tr("PNG image ({pattern})").format(pattern=pattern)
    if suffix == ".npy":
        return tr("NumPy array, exact ({pattern})").format(pattern=pattern)
    if suffix == ".csv":
        return tr("CSV, first channel ({pattern})").format(pattern=pattern)
    return tr("Animated GIF ({pattern})").format(pattern=pattern)


class Exporter:
    """The export actions of one window."""

    def __init__(self, window):
        self.window = window

    def export_dialog(self, what: str, suffix: str) -> None:
        """Ask where to write one export (File > Export), then write it."""
        folder = self.window.settings.value_str("last_folder", str(Path.home()))
        default = Path(folder) / f"{what.replace('_gif', '')}{suffix}"
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            tr("Export"),
            str(default),
            file_filter(suffix),
            options=QFileDialog.Option.DontConfirmOverwrite,  # confirm_overwrite asks
        )
        if path:
            self.export_to(path, what)

    def export_to(self, path: str | Path, what: str, frame_limit: int | None = None) -> bool:
        """Write one export; never overwrites without confirmation; errors in a dialog.

        ``what``: "input", "output", "gradient", "forward_gif", "backward_gif", or "gif" for
        the animation in the timeline's current direction.
        """
        window, model = self.window, self.window.model
        path = Path(path)
        result, image = model.result, model.image
        if result is None:
            window.show_error(tr("Nothing to export"), tr("Open an image first."))
            return False
        if model.volume is not None and what not in ("input", "output"):
            window.show_error(
                tr("Not for volumes"),
                tr(
                    "Gradients and animations are exported for images and sequences; for a "
                    "volume export the output (.npy: the whole volume) or the slices shown."
                ),
            )
            return False
        backward = what in ("gradient", "backward_gif") or (
            what == "gif" and window.animation.direction == "backward"
        )
        problem = window.animation.backward_problem() if backward else ""
        if problem:
            window.show_error(
                tr("No gradient to export"), tr("{problem}.").format(problem=translated(problem))
            )
            return False
        if path.exists() and not window.confirm_overwrite(path):
            return False
        try:
            if what == "input":
                export_array(path, image)
            elif (
                what == "output"
                and model.volume_result is not None
                and path.suffix.lower() == ".npy"
            ):
                export_array(path, model.volume_result.output)  # the whole volume, exactly
            elif what == "output":
                export_array(path, export_form(result))
            elif what == "gradient":
                export_array(path, window.animation.input_gradient(), signed=True)
            else:
                frames = self.render_gif_frames(frame_limit, backward)
                if frames is None:
                    return False
                export_gif(path, frames)
        except (ExportError, PoolingError) as error:
            window.show_error(tr("Export failed"), message_of(error))
            return False
        window.statusBar().showMessage(tr("Exported {name}").format(name=path.name), 5000)
        return True

    def render_gif_frames(self, frame_limit: int | None, backward: bool):
        """Frames of the forward or backward animation, with a cancellable progress bar."""
        window, animation = self.window, self.window.animation
        if frame_limit is None:
            frame_limit, accepted = QInputDialog.getInt(
                window,
                tr("Animated GIF"),
                tr("Most frames (longer animations skip steps evenly):"),
                120,
                2,
                2000,
            )
            if not accepted:
                return None
        progress = QProgressDialog(tr("Rendering frames…"), tr("Cancel"), 0, frame_limit, window)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)

        def report(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        frames = animation_frames(
            window.model.image,
            window.model.result,
            frame_limit,
            backward,
            animation.upstream() if backward else None,
            report,
        )
        cancelled = progress.wasCanceled()
        progress.close()
        return None if cancelled else frames

    def copy_as_code(self) -> None:
        """Put the settings, as code for each framework, on the clipboard and show it."""
        model = self.window.model
        if model.result is None:
            return
        result = model.volume_result or model.result
        snippets = code_snippets(result.params, result.input_shape)
        text = "\n".join(f"# {name}\n{code}" for name, code in snippets.items())
        QApplication.clipboard().setText(text)
        self.window.show_message(
            tr("Copied as code"), tr("This code is on the clipboard:"), code=text
        )
