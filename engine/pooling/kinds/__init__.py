"""The registry: every pooling kind PoolScope offers, each declared once.

Everything that depends on the kind (the engine calls, the window layout, the gradient
routing, the controls shown, the formula strip, the arithmetic, the exports and the code
snippets) asks the :class:`PoolKind` found here; no other module compares a kind's name.
Adding a kind is one :class:`PoolKind` entry plus its ops in :mod:`engine.ops`.
"""

from __future__ import annotations

from engine.errors import PoolingError
from engine.pooling.kinds.base import PoolKind
from engine.pooling.kinds.extra import EXTRA_KINDS
from engine.pooling.kinds.pytorch import PYTORCH_KINDS
from engine.pooling.kinds.reductions import Arithmetic, CellNumbers, Reduction, Writing
from engine.pooling.parameters import PoolParams

KINDS: dict[str, PoolKind] = {kind.name: kind for kind in (*PYTORCH_KINDS, *EXTRA_KINDS)}
"""Every kind by its command-line name, in the order the window lists them."""


def kind_of(params: PoolParams | str) -> PoolKind:
    """The kind of some settings (or of a kind name); PoolingError for an unknown one."""
    name = params if isinstance(params, str) else params.pool_type
    try:
        return KINDS[name]
    except KeyError:
        raise PoolingError(
            "Unknown pooling type '{name}': choose one of {names}.",
            name=name,
            names=", ".join(KINDS),
        ) from None


__all__ = ["KINDS", "Arithmetic", "CellNumbers", "PoolKind", "Reduction", "Writing", "kind_of"]
