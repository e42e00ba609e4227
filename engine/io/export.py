"""Writing results to files, atomically, and the current settings as PyTorch and Keras code.

Every file is written to a temporary file in the target folder and then moved over the target
in one step, so a failure never leaves a half-written file. The folders of unfinished
temporaries are listed in a journal, so a killed export's temporary is removed at the next
start of PoolScope (:func:`clean_journalled_temporaries`) or by the next export there. The
suffix, in any case, picks the format: ``.npy`` the array exactly, ``.csv`` the first channel,
``.png`` a picture, ``.gif`` the animation (its frames drawn small, and refused up front if
they would not fit in memory).
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image

from engine.io.render import (
    FramePainter,
    cell_scale,
    diverging_uint8,
    frame_counts,
    panel,
    render_output,
)
from engine.ops.memory import format_bytes, memory_budget
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import PoolResult, export_form, run_backward
from engine.pooling.steps import StepSequence, partial_input_gradient
from engine.text import Text

ARRAY_SUFFIXES = (".npy", ".csv", ".png")
ALL_SUFFIXES = (*ARRAY_SUFFIXES, ".gif")
TEMPORARY_PREFIX = ".poolscope-"
TEMPORARY_SUFFIX = ".part"
TEMPORARY_NAME = re.compile(r"\.poolscope-(?P<pid>\d+)-[A-Za-z0-9_]+\.part(\.[A-Za-z0-9]+)?")
"""A temporary export file: ``.poolscope-<pid>-<random>.part`` and the target's suffix."""


class ExportError(ValueError):
    """An export could not be written; the message says why, in one line.

    Given as a template and its values (``ExportError("Cannot write '{path}'", path=p)``) the
    message is a :class:`~engine.text.Text` the window can translate; ``str(error)`` is the
    English.
    """

    def __init__(self, message: str, /, **arguments) -> None:
        super().__init__(Text(message, **arguments) if arguments else message)


def write_atomically(path: str | os.PathLike, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary_path)`` and move the result over ``path`` in one step.

    The temporary file is ``.poolscope-<pid>-<random>.part<suffix>`` in the target's folder
    (so the move is atomic), its suffix the target's in lower case (``np.save`` appends
    ``.npy`` to any other name). Temporaries that a killed PoolScope left there are removed
    first (:func:`clean_stale_temporaries`).

    Raises
    ------
    ExportError
        If the folder does not exist or is not writable, or ``write`` fails; no partial
        file is left behind.
    """
    path = Path(path)
    clean_stale_temporaries(path.parent)
    remember_folder(path.parent)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent,
            prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-",
            suffix=f"{TEMPORARY_SUFFIX}{path.suffix.lower()}",
        )
    except OSError as error:
        raise ExportError(
            "Cannot write '{path}': {problem}.",
            path=str(path),
            problem=str(error.strerror or error),
        ) from None
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o666 & ~current_umask())  # mkstemp makes it private (0600)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(
            "Cannot write '{path}': {problem}.",
            path=str(path),
            problem=str(error.strerror or error),
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def clean_stale_temporaries(folder: str | os.PathLike) -> list[Path]:
    """Remove the temporary files of exports into ``folder`` whose process is gone.

    A killed export (out of memory, the power cut) leaves its ``.poolscope-<pid>-*.part*``
    file behind; the next export into the folder removes it. Files of running processes
    (another PoolScope still writing) stay. Never raises: an unreadable folder is left alone.

    Returns
    -------
    list of Path
        The files removed.
    """
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = TEMPORARY_NAME.fullmatch(entry.name)
        if match is None or process_running(int(match["pid"])):
            continue
        try:
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass  # gone already, or not ours to remove
    return removed


JOURNAL_NAME = "export-folders.txt"


def journal_path() -> Path:
    """Where the folders of unfinished exports are listed: ``$POOLSCOPE_STATE_DIR``, else
    ``$XDG_STATE_HOME/poolscope``, else ``~/.local/state/poolscope``."""
    folder = os.environ.get("POOLSCOPE_STATE_DIR")
    if not folder:
        state_home = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
        folder = Path(state_home) / "poolscope"
    return Path(folder) / JOURNAL_NAME


def remember_folder(folder: Path) -> None:
    """Add ``folder`` to the journal before a temporary is made there (never raises: an
    unwritable journal only means the next export there cleans up instead)."""
    journal = journal_path()
    entry = str(Path(folder).resolve())
    try:
        if entry in journalled_folders():
            return
        journal.parent.mkdir(parents=True, exist_ok=True)
        with open(journal, "a", encoding="utf-8") as listing:
            listing.write(entry + "\n")
    except OSError:
        pass


def journalled_folders() -> list[str]:
    try:
        lines = journal_path().read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return list(dict.fromkeys(line for line in lines if line.strip()))


def clean_journalled_temporaries() -> list[Path]:
    """At start-up: remove the temporaries that killed exports left in any folder PoolScope
    wrote to, and forget the folders left clean (a folder where another PoolScope is still
    writing stays listed). Never raises.

    Returns
    -------
    list of Path
        The files removed.
    """
    removed, still_pending = [], []
    for folder in journalled_folders():
        removed.extend(clean_stale_temporaries(folder))
        try:
            if any(TEMPORARY_NAME.fullmatch(name) for name in os.listdir(folder)):
                still_pending.append(folder)
        except OSError:
            pass  # the folder is gone or unreadable: nothing of ours to find there
    try:
        journal = journal_path()
        if journal.exists():
            temporary = journal.with_name(f"{JOURNAL_NAME}.{os.getpid()}")
            temporary.write_text("".join(f"{folder}\n" for folder in still_pending))
            os.replace(temporary, journal)
    except OSError:
        pass
    return removed


def process_running(pid: int) -> bool:
    """Whether process ``pid`` exists (True when that cannot be told)."""
    if os.name != "posix":
        return True  # os.kill(pid, 0) would terminate the process on Windows
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else, or cannot be asked
    return True


def current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def check_suffix(path: Path, allowed: tuple[str, ...]) -> str:
    suffix = path.suffix.lower()
    if suffix not in allowed:
        raise ExportError(
            "Cannot export to '{name}': use one of {suffixes} as the suffix.",
            name=path.name,
            suffixes=", ".join(allowed),
        )
    return suffix


def export_array(path: str | os.PathLike, array: np.ndarray, signed: bool = False) -> None:
    """Write a (C, H, W) array: ``.npy`` exactly, ``.csv`` its first channel, ``.png`` a picture
    (``signed`` arrays such as gradients as a blue-white-red map). A (C, N) array (spatial
    pyramid vectors) is written as it is, one row per channel in the CSV."""
    path = Path(path)
    suffix = check_suffix(path, ARRAY_SUFFIXES)
    if suffix == ".npy":  # the temporary's name ends in ".npy", so np.save writes exactly there
        write_atomically(path, lambda temporary: np.save(temporary, array))
    elif suffix == ".csv":
        plane = array[0] if array.ndim == 3 else array
        plane = plane if plane.ndim == 2 else plane[np.newaxis]
        write_atomically(
            path, lambda temporary: np.savetxt(temporary, plane, delimiter=",", fmt="%.9g")
        )
    else:
        if signed:
            picture = panel(diverging_uint8(array), cell_scale(*array.shape[-2:]))
        else:
            picture = render_output(array if array.ndim == 3 else array[:, np.newaxis, :])
        write_atomically(path, lambda temporary: picture.save(temporary, format="PNG"))


def animation_frames(
    image: np.ndarray,
    result: PoolResult,
    frame_limit: int = 120,
    backward: bool = False,
    grad_output: np.ndarray | None = None,
    progress: Callable[[int, int], bool] | None = None,
) -> list[Image.Image]:
    """Render the forward (or backward) animation as Pillow frames (palette images, as a GIF
    stores them).

    Steps go a cell at a time when that fits in ``frame_limit`` frames, else a row at a time,
    and frames are then spaced evenly. Large inputs are drawn subsampled (see
    :class:`~engine.io.render.FramePainter`). ``progress(done, total)`` is called after each
    frame; returning False cancels (the frames so far are returned).

    Raises
    ------
    ExportError
        Before drawing anything, if the frames would need more than the memory budget
        (:func:`check_animation_memory`, the budget every op keeps to).
    """
    sequence = StepSequence(image, result)
    if len(sequence) + 1 > frame_limit:
        sequence = StepSequence(image, result, unit="row")
    counts = frame_counts(len(sequence), max(frame_limit, 2))
    painter = FramePainter(image, sequence)
    check_animation_memory(painter.size, len(counts), image.nbytes * 6 if backward else 0)
    if backward and grad_output is None:
        grad_output = np.ones(result.output.shape)
    frames = []
    for number, count in enumerate(counts, start=1):
        gradient = None
        if backward:
            gradient = partial_input_gradient(
                image, result, grad_output, sequence.cells_done(count)
            )
        title = f"{'backward' if backward else 'forward'}: step {count} of {len(sequence)}"
        frame = painter.frame(count, gradient, title)
        # A palette frame, as the GIF keeps it; the fast octree (ms, not a second a frame)
        frames.append(frame.quantize(256, method=Image.Quantize.FASTOCTREE))
        if progress is not None and progress(number, len(counts)) is False:
            break
    return frames


def check_animation_memory(frame_size: tuple[int, int], frames: int, working: int = 0) -> None:
    """Refuse, in one sentence, an animation whose frames would need more than the memory
    budget (:func:`engine.ops.memory.memory_budget`, the same every op keeps to): a palette
    frame takes a byte a pixel, and a few full-colour ones (4 bytes a pixel) are alive while
    drawing and writing; ``working`` is any other memory needed (bytes)."""
    width, height = frame_size
    needed = width * height * (frames + 4 * 4) + working
    budget = memory_budget()
    if needed > budget:
        raise ExportError(
            "The animation would need about {needed} ({frames} frames of {width} x {height} "
            "pixels, W x H), more than the memory budget of {budget}: ask for fewer frames.",
            needed=format_bytes(needed),
            frames=frames,
            width=width,
            height=height,
            budget=format_bytes(budget),
        )


def export_gif(path: str | os.PathLike, frames, frame_ms: int = 400) -> None:
    """Write Pillow frames as a looping animated GIF (the last frame held longer)."""
    path = Path(path)
    check_suffix(path, (".gif",))
    if not frames:
        raise ExportError("There is nothing to animate.")
    durations = [frame_ms] * (len(frames) - 1) + [frame_ms * 4]

    def write(temporary: Path) -> None:
        frames[0].save(
            temporary,
            format="GIF",
            save_all=True,
            append_images=frames[1:],
            duration=durations,
            loop=0,
            disposal=1,
        )

    write_atomically(path, write)


def export_result(
    path: str | os.PathLike, image: np.ndarray, result: PoolResult, frame_limit: int = 120
) -> None:
    """The command line's ``--export``: the output by suffix, or the forward GIF."""
    path = Path(path)
    if check_suffix(path, ALL_SUFFIXES) == ".gif":
        export_gif(path, animation_frames(image, result, frame_limit))
    else:
        export_array(path, export_form(result))


def export_gradient(
    path: str | os.PathLike, image: np.ndarray, result: PoolResult, frame_limit: int = 120
) -> None:
    """The command line's ``--grad``: the input gradient for an all-ones upstream gradient."""
    path = Path(path)
    ones = np.ones(result.output.shape, dtype=np.float64)
    if check_suffix(path, ALL_SUFFIXES) == ".gif":
        export_gif(
            path, animation_frames(image, result, frame_limit, backward=True, grad_output=ones)
        )
        return
    gradient = run_backward(image, result, ones.astype(result.output.dtype))
    export_array(path, gradient, signed=True)


def code_snippets(params: PoolParams, input_shape: tuple[int, ...]) -> dict[str, str]:
    """The settings as code for each framework that can express them (the kind's snippets;
    a volume's: PyTorch's 3D module, and the same call in PoolScope's engine)."""
    kind = kind_of(params)
    if not kind.pools_volume(input_shape):
        return kind.snippets(params, input_shape)
    module = kind.volume.code(params, input_shape)
    name, arguments = module.removeprefix("torch.nn.").split("(", 1)
    function = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().replace("lppool", "lp_pool")
    return {
        "PyTorch": module,
        "PoolScope": f"F.{function}(x, {arguments}  # from engine import functional as F",
    }
