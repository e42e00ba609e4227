"""Pooling operations with the names, argument order and defaults of ``torch.nn.functional``.

Use as ``from engine import functional as F``. Every forward op ``F.name`` has a backward
``F.name_backward(grad_output, x, <the same arguments>)`` returning the gradient with respect to
``x`` (its shape, a float dtype). Inputs are shaped like torch's: ``(C, L)`` or ``(N, C, L)`` in
1D, ``(C, H, W)`` or ``(N, C, H, W)`` in 2D, ``(C, D, H, W)`` or ``(N, C, D, H, W)`` in 3D;
indices are flat over the spatial axes (``h * W + w``, ``(d * H + h) * W + w``), as torch's.
The max-pool backwards also take ``tie="all"``, the textbook gradient that every cell equal to
its window's maximum receives (``"first"``, the default, is PyTorch's). Bad arguments raise
:class:`engine.errors.PoolingError`, a ``ValueError``, naming the parameter; so does a call
whose working memory, estimated from the shapes before anything is allocated, would exceed
the budget of :mod:`engine.ops.memory` (``set_memory_budget``; the sentence names the setting
the caller declared with ``set_budget_hint``).
"""

from engine.errors import PoolingError
from engine.ops.adaptive_avg import (
    adaptive_avg_pool1d,
    adaptive_avg_pool1d_backward,
    adaptive_avg_pool2d,
    adaptive_avg_pool2d_backward,
    adaptive_avg_pool3d,
    adaptive_avg_pool3d_backward,
)
from engine.ops.adaptive_max import (
    adaptive_max_pool1d,
    adaptive_max_pool1d_backward,
    adaptive_max_pool2d,
    adaptive_max_pool2d_backward,
    adaptive_max_pool3d,
    adaptive_max_pool3d_backward,
)
from engine.ops.avgpool import (
    avg_pool1d,
    avg_pool1d_backward,
    avg_pool2d,
    avg_pool2d_backward,
    avg_pool3d,
    avg_pool3d_backward,
)
from engine.ops.fractional import (
    fractional_max_pool2d,
    fractional_max_pool2d_backward,
    fractional_max_pool3d,
    fractional_max_pool3d_backward,
)
from engine.ops.fractional_windows import fractional_starts
from engine.ops.lppool import (
    lp_pool1d,
    lp_pool1d_backward,
    lp_pool2d,
    lp_pool2d_backward,
    lp_pool3d,
    lp_pool3d_backward,
)
from engine.ops.maxpool import (
    max_pool1d,
    max_pool1d_backward,
    max_pool2d,
    max_pool2d_backward,
    max_pool3d,
    max_pool3d_backward,
)
from engine.ops.unpool import (
    max_unpool1d,
    max_unpool1d_backward,
    max_unpool2d,
    max_unpool2d_backward,
    max_unpool3d,
    max_unpool3d_backward,
)

__all__ = [
    "PoolingError",
    "adaptive_avg_pool1d",
    "adaptive_avg_pool1d_backward",
    "adaptive_avg_pool2d",
    "adaptive_avg_pool2d_backward",
    "adaptive_avg_pool3d",
    "adaptive_avg_pool3d_backward",
    "adaptive_max_pool1d",
    "adaptive_max_pool1d_backward",
    "adaptive_max_pool2d",
    "adaptive_max_pool2d_backward",
    "adaptive_max_pool3d",
    "adaptive_max_pool3d_backward",
    "avg_pool1d",
    "avg_pool1d_backward",
    "avg_pool2d",
    "avg_pool2d_backward",
    "avg_pool3d",
    "avg_pool3d_backward",
    "fractional_max_pool2d",
    "fractional_max_pool2d_backward",
    "fractional_max_pool3d",
    "fractional_max_pool3d_backward",
    "fractional_starts",
    "lp_pool1d",
    "lp_pool1d_backward",
    "lp_pool2d",
    "lp_pool2d_backward",
    "lp_pool3d",
    "lp_pool3d_backward",
    "max_pool1d",
    "max_pool1d_backward",
    "max_pool2d",
    "max_pool2d_backward",
    "max_pool3d",
    "max_pool3d_backward",
    "max_unpool1d",
    "max_unpool1d_backward",
    "max_unpool2d",
    "max_unpool2d_backward",
    "max_unpool3d",
    "max_unpool3d_backward",
]
