"""The network's layers: thin declarations over :mod:`engine.network.functional` and the
pooling registry.

A layer holds no weights; ``weights`` is the network's dict, where a layer's arrays are
``"<name>.weight"`` and ``"<name>.bias"``. Every layer answers the same questions: its output
shape for an input shape (per example, channels first, no batch axis), the shapes of its
weights, a forward over a batch that returns what its backward needs, and that backward.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import functional as F
from engine.pooling.kinds import kind_of
from engine.pooling.parameters import PoolParams
from engine.pooling.pipeline import output_shape, validate
from engine.text import Text


@dataclass(frozen=True)
class Mode:
    """How a forward runs: ``training`` (random pools draw anew at each ``step``) or not
    (random pools take their inference form when they have one)."""

    training: bool = False
    step: int = 0


INFERENCE = Mode()
"""The mode of evaluation and of the feature maps."""


@dataclass(frozen=True)
class Conv2D:
    """Keras's ``Conv2D(out_channels, kernel_size, strides=stride, activation="relu")``,
    'valid' padding; weight (C_out, C, k, k) as torch's."""

    name: str
    out_channels: int
    kernel_size: int = 3
    stride: int = 1
    activation: bool = True
    type_name: str = "Conv2D"

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        if len(input_shape) != 3:
            raise ValueError(Text("it needs a (C, H, W) input, not {shape}", shape=input_shape))
        channels, height, width = input_shape
        out_h = F.conv_output_size(height, self.kernel_size, self.stride, 0)
        out_w = F.conv_output_size(width, self.kernel_size, self.stride, 0)
        if out_h < 1 or out_w < 1:
            raise ValueError(
                Text(
                    "a {kernel}x{kernel} kernel does not fit an input of shape {shape} (C, H, W)",
                    kernel=self.kernel_size,
                    shape=input_shape,
                )
            )
        return (self.out_channels, out_h, out_w)

    def parameter_shapes(self, input_shape: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
        kernel = (self.out_channels, input_shape[0], self.kernel_size, self.kernel_size)
        return {"weight": kernel, "bias": (self.out_channels,)}

    def forward(self, weights: dict, input: np.ndarray, mode: Mode):
        output, columns = F.conv2d_forward(
            input, weights[f"{self.name}.weight"], weights[f"{self.name}.bias"], self.stride, 0
        )
        if self.activation:
            output = F.relu(output)
        return output, (columns, input.shape, output)

    def backward(self, weights: dict, cache, grad_output: np.ndarray, input_gradient: bool):
        columns, input_shape, output = cache
        if self.activation:
            grad_output = F.relu_backward(grad_output, output)
        grad_input, grad_weight, grad_bias = F.conv2d_backward(
            grad_output,
            columns,
            input_shape,
            weights[f"{self.name}.weight"],
            self.stride,
            0,
            input_gradient,
        )
        return grad_input, {f"{self.name}.weight": grad_weight, f"{self.name}.bias": grad_bias}


@dataclass(frozen=True)
class Pooling2D:
    """A pooling layer of any registry kind: the kind's own forward and backward, on a batch
    (N, C, H, W) folded into the channels (N * C, H, W) they take.

    Kinds with a ``seed`` draw anew at every training step; kinds with an ``inference``
    setting (stochastic pooling) use it outside training.
    """

    name: str
    params: PoolParams
    type_name: str

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        if len(input_shape) != 3:
            raise ValueError(Text("it needs a (C, H, W) input, not {shape}", shape=input_shape))
        validate(self.params, input_shape)
        return (input_shape[0], *output_shape(self.params, input_shape))

    def parameter_shapes(self, input_shape: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
        return {}

    def params_for(self, mode: Mode, input_shape: tuple[int, ...]) -> PoolParams:
        """The settings of one forward: a fresh draw per training step, the inference form
        outside training."""
        kind = kind_of(self.params)
        changes = {}
        if "inference" in kind.parameters:
            changes["inference"] = not mode.training
        if mode.training and "seed" in kind.parameters:
            changes["seed"] = (self.params.seed + mode.step) % 1_000_000
        return kind.effective(self.params.replace(**changes), input_shape)

    def forward(self, weights: dict, input: np.ndarray, mode: Mode):
        batch, channels, height, width = input.shape
        params = self.params_for(mode, input.shape[1:])
        folded = input.reshape(batch * channels, height, width)
        output, indices = kind_of(params).forward(folded, params)
        output = output.reshape(batch, channels, *output.shape[1:]).astype(input.dtype, copy=False)
        return output, (folded, indices, params, input.shape)

    def backward(self, weights: dict, cache, grad_output: np.ndarray, input_gradient: bool):
        folded, indices, params, input_shape = cache
        grad_folded = grad_output.reshape(folded.shape[0], *grad_output.shape[2:])
        grad_input = kind_of(params).backward(grad_folded, folded, params, indices)
        return grad_input.reshape(input_shape).astype(grad_output.dtype, copy=False), {}


@dataclass(frozen=True)
class Flatten:
    """Keras's ``Flatten()``: (C, H, W) to C * H * W values, in channels-first order."""

    name: str
    type_name: str = "Flatten"

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        return (int(np.prod(input_shape)),)

    def parameter_shapes(self, input_shape: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
        return {}

    def forward(self, weights: dict, input: np.ndarray, mode: Mode):
        return input.reshape(len(input), -1), input.shape

    def backward(self, weights: dict, cache, grad_output: np.ndarray, input_gradient: bool):
        return grad_output.reshape(cache), {}


@dataclass(frozen=True)
class Dense:
    """Keras's ``Dense(units)``, with ReLU when ``activation``; weight (units, in_features) as
    torch's ``Linear``. The last layer has no activation: the softmax is in the loss."""

    name: str
    units: int
    activation: bool = True
    type_name: str = "Dense"

    def output_shape(self, input_shape: tuple[int, ...]) -> tuple[int, ...]:
        if len(input_shape) != 1:
            raise ValueError(Text("it needs a flat input, not {shape}", shape=input_shape))
        return (self.units,)

    def parameter_shapes(self, input_shape: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
        return {"weight": (self.units, input_shape[0]), "bias": (self.units,)}

    def forward(self, weights: dict, input: np.ndarray, mode: Mode):
        output = F.linear(input, weights[f"{self.name}.weight"], weights[f"{self.name}.bias"])
        if self.activation:
            output = F.relu(output)
        return output, (input, output)

    def backward(self, weights: dict, cache, grad_output: np.ndarray, input_gradient: bool):
        input, output = cache
        if self.activation:
            grad_output = F.relu_backward(grad_output, output)
        grad_input, grad_weight, grad_bias = F.linear_backward(
            grad_output, input, weights[f"{self.name}.weight"]
        )
        return grad_input, {f"{self.name}.weight": grad_weight, f"{self.name}.bias": grad_bias}


Layer = Conv2D | Pooling2D | Flatten | Dense
"""Any layer of a network."""
