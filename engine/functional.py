"""Pooling operations with the names, argument order and defaults of ``torch.nn.functional``.

Use as ``from engine import functional as F``. Every forward op ``F.name`` has a backward
``F.name_backward(grad_output, x, <the same arguments>)`` returning the gradient with respect to
``x`` (its shape, a float dtype). Inputs are shaped like torch's: ``(C, L)`` or ``(N, C, L)`` in
1D, ``(C, H, W)`` or ``(N, C, H, W)`` in 2D. Bad arguments raise
:class:`engine.errors.PoolingError`, a ``ValueError``, naming the parameter; so does a call
whose working memory, estimated from the shapes before anything is allocated, would exceed
the budget of :mod:`engine.ops.memory` (``set_memory_budget``).
"""

from engine.errors import PoolingError
from engine.ops.adaptive_avg import (
    adaptive_avg_pool1d,
    adaptive_avg_pool1d_backward,
    adaptive_avg_pool2d,
    adaptive_avg_pool2d_backward,
)
from engine.ops.adaptive_max import (
    adaptive_max_pool1d,
    adaptive_max_pool1d_backward,
    adaptive_max_pool2d,
    adaptive_max_pool2d_backward,
)
from engine.ops.avgpool import avg_pool1d, avg_pool1d_backward, avg_pool2d, avg_pool2d_backward
from engine.ops.lppool import lp_pool1d, lp_pool1d_backward, lp_pool2d, lp_pool2d_backward
from engine.ops.maxpool import (
    max_pool1d,
    max_pool1d_backward,
    max_pool2d,
    max_pool2d_backward,
)
from engine.ops.unpool import max_unpool1d, max_unpool2d

__all__ = [
    "PoolingError",
    "adaptive_avg_pool1d",
    "adaptive_avg_pool1d_backward",
    "adaptive_avg_pool2d",
    "adaptive_avg_pool2d_backward",
    "adaptive_max_pool1d",
    "adaptive_max_pool1d_backward",
    "adaptive_max_pool2d",
    "adaptive_max_pool2d_backward",
    "avg_pool1d",
    "avg_pool1d_backward",
    "avg_pool2d",
    "avg_pool2d_backward",
    "lp_pool1d",
    "lp_pool1d_backward",
    "lp_pool2d",
    "lp_pool2d_backward",
    "max_pool1d",
    "max_pool1d_backward",
    "max_pool2d",
    "max_pool2d_backward",
    "max_unpool1d",
    "max_unpool2d",
]
