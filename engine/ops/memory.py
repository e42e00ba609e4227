"""The memory budget every op checks before it allocates.

An op works out, from the shapes alone, how many bytes it would hold at its peak and refuses
with a :class:`~engine.errors.PoolingError` when that exceeds the budget, before allocating
anything: a kernel of 100000 or an output size of 10**6 is a sentence, not a frozen machine.
The budget is half of the memory the system reports available (``MemAvailable`` in
``/proc/meminfo`` on Linux, :data:`FALLBACK_BUDGET` elsewhere) unless set with
:func:`set_memory_budget`. A refusal names the setting the user can change where they are:
the program declares it once with :func:`set_budget_hint` (the command line its
``--memory-budget MB``, the window its menu entry). Large outputs written in order come from
:func:`fresh_array`, which maps ordinary pages rather than huge ones.
"""

from __future__ import annotations

import math
import mmap

import numpy as np

from engine.errors import PoolingError
from engine.text import Text

FALLBACK_BUDGET = 2 * 1024**3
"""Budget in bytes where the available memory cannot be read (not Linux)."""

MEMINFO = "/proc/meminfo"

DEFAULT_BUDGET_HINT = Text("raise the memory budget")
"""How a refusal says the budget can be raised when the program has not said where."""

_budget_override: int | None = None
_budget_hint: str = DEFAULT_BUDGET_HINT


def available_memory() -> int | None:
    """Bytes the system reports available (Linux ``MemAvailable``), or None if unknown."""
    try:
        with open(MEMINFO, encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024  # the file counts in kB
    except (OSError, ValueError, IndexError):
        return None
    return None


def memory_budget() -> int:
    """The number of bytes an op may hold at its peak: the value given to
    :func:`set_memory_budget`, else :func:`default_memory_budget`."""
    return default_memory_budget() if _budget_override is None else _budget_override


def default_memory_budget() -> int:
    """The budget when none is set: half of the available memory, in bytes."""
    available = available_memory()
    return FALLBACK_BUDGET if available is None else available // 2


def set_memory_budget(budget: int | None) -> None:
    """Set the memory budget in bytes (a positive int), or restore the default with None."""
    global _budget_override
    if budget is not None and (
        isinstance(budget, bool) or not isinstance(budget, int) or budget < 1
    ):
        raise PoolingError(
            "{op_name}() budget must be a positive int, got {value}",
            op_name="set_memory_budget",
            value=repr(budget),
        )
    _budget_override = None if budget is None else int(budget)


def set_budget_hint(hint: str | None) -> None:
    """Declare how the user raises the budget where they are, as the end of a refusal's
    sentence after "or" (``"raise the budget with --memory-budget MB"``, ``"raise the budget
    in Edit > Memory budget…"``); None restores :data:`DEFAULT_BUDGET_HINT`. A
    :class:`~engine.text.Text` hint stays one, so the window can translate it."""
    global _budget_hint
    if hint is not None and (not isinstance(hint, str) or not hint.strip()):
        raise PoolingError(
            "{op_name}() hint must be a non-empty string, got {value}",
            op_name="set_budget_hint",
            value=repr(hint),
        )
    if hint is None:
        _budget_hint = DEFAULT_BUDGET_HINT
    else:
        _budget_hint = hint if hint == hint.strip() else hint.strip()


def budget_hint() -> str:
    """How a refusal tells the user to raise the budget (:func:`set_budget_hint`)."""
    return _budget_hint


def format_bytes(count: float) -> str:
    """``1536`` -> ``'1.5 KiB'``; three significant digits, binary units."""
    units = ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB")
    power = 0 if count < 1024 else min(int(math.log(count, 1024)), len(units) - 1)
    if power == 0:
        return Text("{count} bytes", count=int(count))
    value = count / 1024**power
    return f"{value:.3g} {units[power]}" if value < 1000 else f"{value:.0f} {units[power]}"


def describe_size(sizes: tuple[int, ...], labels: str) -> str:
    """``(100, 200), "H x W"`` -> ``'100 x 200 (H x W)'``."""
    return f"{' x '.join(str(size) for size in sizes)} ({labels})"


MAPPED_BYTES = 64 * 1024**2
"""Arrays from this size up are mapped straight from the kernel by :func:`fresh_array`."""


def fresh_array(shape: tuple[int, ...], dtype) -> np.ndarray:
    """A new zero-filled array, for a large output: from :data:`MAPPED_BYTES` up, an anonymous
    memory map of ordinary pages rather than NumPy's allocation.

    NumPy advises the kernel to back large arrays with transparent huge pages; where the
    kernel then compacts memory to find them (``defrag = madvise``, as on this project's
    machines), first writes to a fresh 64-megapixel output stalled for up to seconds, two to
    three times the whole pool. Ordinary pages cost what PyTorch's cost, faulted in by the
    mapping all at once, and they come zeroed. For outputs written in order (a scatter's
    writes land anywhere, where huge pages spare translation misses: it keeps ``np.zeros``).

    Returns
    -------
    ndarray of ``shape``, ``dtype``, zeros, writable, C-ordered
    """
    dtype = np.dtype(dtype)
    size = math.prod(shape) * dtype.itemsize
    if size < MAPPED_BYTES:
        return np.zeros(shape, dtype=dtype)
    # Pages faulted in at once by the mapping (where the platform can) rather than one by one.
    flags = mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | getattr(mmap, "MAP_POPULATE", 0)
    return np.frombuffer(mmap.mmap(-1, size, flags=flags), dtype=dtype).reshape(shape)


def require_memory(op_name: str, needed: int, what: str, advice: str) -> None:
    """Refuse a call whose peak memory ``needed`` (bytes) exceeds the budget.

    Parameters
    ----------
    op_name : str
        Name used in the message, such as ``"max_unpool2d"``.
    needed : int
        Estimated peak of the extra memory the call would hold, in bytes.
    what : str
        What makes it large, such as ``"an output of 100000 x 100000 (H x W)"``.
    advice : str
        The arguments to change, such as ``"use a smaller kernel_size or output_size"``.

    Raises
    ------
    PoolingError
        One sentence naming the need, the budget, the arguments to change and the setting
        that raises the budget (:func:`budget_hint`).
    """
    budget = memory_budget()
    if needed > budget:
        raise PoolingError(
            "{op_name}() would need {needed} for {what}; the memory budget is {budget}: "
            "{advice}, or {hint}",
            op_name=op_name,
            needed=format_bytes(needed),
            what=what,
            budget=format_bytes(budget),
            advice=advice,
            hint=budget_hint(),
        )


def require_window_memory(op_name: str, needed: int, output_text: str, window: int) -> None:
    """:func:`require_memory` for a kind that works on every cell of every window (SoftPool,
    stochastic pooling): the output and the window size make it large, and a smaller kernel
    or input is the advice."""
    require_memory(
        op_name,
        needed,
        Text("{output} with windows of {window} cells", output=output_text, window=window),
        Text("use a smaller kernel_size or input"),
    )


__all__ = [
    "DEFAULT_BUDGET_HINT",
    "FALLBACK_BUDGET",
    "MAPPED_BYTES",
    "available_memory",
    "budget_hint",
    "default_memory_budget",
    "describe_size",
    "format_bytes",
    "fresh_array",
    "memory_budget",
    "require_memory",
    "require_window_memory",
    "set_budget_hint",
    "set_memory_budget",
]
