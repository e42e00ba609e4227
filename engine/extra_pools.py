"""The pooling kinds beyond PyTorch's built-ins, gathered as ``engine.functional`` gathers
torch's: ``from engine import extra_pools as X``. Each lives in its own module of
:mod:`engine.ops`, with its forward and ``*_backward`` side by side."""

from engine.ops.blurpool import blur_max_pool2d, blur_max_pool2d_backward
from engine.ops.global_pool import (
    global_avg_pool2d,
    global_avg_pool2d_backward,
    global_max_pool2d,
    global_max_pool2d_backward,
)
from engine.ops.min_pool import min_pool2d, min_pool2d_backward
from engine.ops.mixed_pool import mixed_pool2d, mixed_pool2d_backward
from engine.ops.pyramid import spatial_pyramid_pool2d, spatial_pyramid_pool2d_backward
from engine.ops.same_padding import (
    avg_pool2d_same,
    avg_pool2d_same_backward,
    max_pool2d_same,
    max_pool2d_same_backward,
)
from engine.ops.soft_pool import soft_pool2d, soft_pool2d_backward
from engine.ops.stochastic_pool import stochastic_pool2d, stochastic_pool2d_backward

__all__ = [
    "avg_pool2d_same",
    "avg_pool2d_same_backward",
    "blur_max_pool2d",
    "blur_max_pool2d_backward",
    "global_avg_pool2d",
    "global_avg_pool2d_backward",
    "global_max_pool2d",
    "global_max_pool2d_backward",
    "max_pool2d_same",
    "max_pool2d_same_backward",
    "min_pool2d",
    "min_pool2d_backward",
    "mixed_pool2d",
    "mixed_pool2d_backward",
    "soft_pool2d",
    "soft_pool2d_backward",
    "spatial_pyramid_pool2d",
    "spatial_pyramid_pool2d_backward",
    "stochastic_pool2d",
    "stochastic_pool2d_backward",
]
