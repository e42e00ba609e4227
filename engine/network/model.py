"""A whole network: its weights, its forward and backward over a batch, what each layer
shows for one image, and its weights as plain arrays (for ``.npz`` files)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine.network import functional as F
from engine.network.architecture import (
    Architecture,
    architecture_from_json,
    architecture_to_json,
    layer_shapes,
    layers_of,
)
from engine.network.layers import INFERENCE, Layer, Mode

ARCHITECTURE_KEY = "architecture"
"""The entry of :func:`network_arrays` that holds the architecture, as JSON text."""


@dataclass
class Network:
    """A network and its weights.

    Attributes
    ----------
    architecture : Architecture
    layers : tuple of layers
        :func:`~engine.network.architecture.layers_of` the architecture.
    weights : dict of str to ndarray
        ``"<layer>.weight"`` and ``"<layer>.bias"``: conv weights (C_out, C, k, k), dense
        weights (out_features, in_features), as torch lays them out. Training updates them
        in place.
    """

    architecture: Architecture
    layers: tuple[Layer, ...]
    weights: dict[str, np.ndarray]

    @property
    def dtype(self) -> np.dtype:
        return next(iter(self.weights.values())).dtype


def build_network(
    architecture: Architecture | None = None, seed: int = 0, dtype=np.float32
) -> Network:
    """A network with He-initialised weights (normal, standard deviation
    ``sqrt(2 / fan_in)``) and zero biases, the same for the same ``seed``."""
    architecture = architecture or Architecture()
    layers = layers_of(architecture)
    random = np.random.default_rng(seed)
    weights = {}
    for layer, (input_shape, _) in zip(layers, layer_shapes(architecture, layers)):
        for part, shape in layer.parameter_shapes(input_shape).items():
            if part == "bias":
                weights[f"{layer.name}.bias"] = np.zeros(shape, dtype)
                continue
            fan_in = int(np.prod(shape[1:]))
            scale = np.sqrt(2.0 / fan_in)
            weights[f"{layer.name}.weight"] = (random.standard_normal(shape) * scale).astype(dtype)
    return Network(architecture, layers, weights)


def check_images(network: Network, images: np.ndarray) -> np.ndarray:
    """``images`` as a batch (N, C, H, W) of the network's dtype, or ValueError."""
    expected = network.architecture.input_shape
    if images.ndim != 4 or tuple(images.shape[1:]) != tuple(expected):
        raise ValueError(
            f"The network takes images of shape (N, {', '.join(map(str, expected))}), not "
            f"{tuple(images.shape)}"
        )
    return images.astype(network.dtype, copy=False)


def forward(network: Network, images: np.ndarray, mode: Mode = INFERENCE):
    """Logits for a batch, and what :func:`backward` needs.

    Parameters
    ----------
    images : ndarray of shape (N, C, H, W)
    mode : Mode
        Training or inference (random pools differ).

    Returns
    -------
    logits : ndarray of shape (N, classes)
    caches : list
        One entry per layer.
    """
    output = check_images(network, images)
    caches = []
    for layer in network.layers:
        output, cache = layer.forward(network.weights, output, mode)
        caches.append(cache)
    return output, caches


def backward(network: Network, caches: list, grad_logits: np.ndarray) -> dict[str, np.ndarray]:
    """The gradient of every weight, given the gradient of the logits (N, classes)."""
    gradients: dict[str, np.ndarray] = {}
    grad = grad_logits
    for index in range(len(network.layers) - 1, -1, -1):
        layer = network.layers[index]
        grad, layer_gradients = layer.backward(network.weights, caches[index], grad, index > 0)
        gradients.update(layer_gradients)
    return gradients


def loss_and_gradients(
    network: Network, images: np.ndarray, labels: np.ndarray, mode: Mode = INFERENCE
) -> tuple[float, np.ndarray, dict[str, np.ndarray]]:
    """Mean cross-entropy of a batch, its logits (N, classes) and every weight's gradient."""
    logits, caches = forward(network, images, mode)
    loss = F.cross_entropy(logits, labels)
    gradients = backward(network, caches, F.cross_entropy_backward(logits, labels))
    return loss, logits, gradients


def predict(network: Network, images: np.ndarray, batch_size: int = 250) -> np.ndarray:
    """Class probabilities (N, classes) in inference mode, a batch at a time."""
    chunks = [
        np.exp(F.log_softmax(forward(network, images[start : start + batch_size])[0]))
        for start in range(0, len(images), batch_size)
    ]
    return np.concatenate(chunks) if chunks else np.zeros((0, network.architecture.classes))


def feature_maps(network: Network, image: np.ndarray) -> dict[str, np.ndarray]:
    """Every layer's output for one image, in inference mode, by layer name.

    Parameters
    ----------
    image : ndarray of shape (C, H, W), or (H, W) for one channel

    Returns
    -------
    dict of str to ndarray
        Maps (C, H, W) for convolutions and pools, vectors (features,) after the flatten; the
        last entry is the logits.
    """
    if image.ndim == 2:
        image = image[None]
    output = check_images(network, image[None])
    maps = {}
    for layer in network.layers:
        output, _ = layer.forward(network.weights, output, INFERENCE)
        maps[layer.name] = output[0]
    return maps


def network_arrays(network: Network) -> dict[str, np.ndarray]:
    """The weights and the architecture (JSON text in a 0-d string array) as plain arrays,
    what ``numpy.savez`` writes and :func:`network_from_arrays` reads back."""
    return {
        **network.weights,
        ARCHITECTURE_KEY: np.array(architecture_to_json(network.architecture)),
    }


def network_from_arrays(arrays) -> Network:
    """The network :func:`network_arrays` gave (a dict or an ``NpzFile``). Raises ValueError
    naming the array when one is missing or has the wrong shape."""
    if ARCHITECTURE_KEY not in arrays:
        raise ValueError(f"These arrays hold no '{ARCHITECTURE_KEY}': not a PoolScope network")
    architecture = architecture_from_json(str(arrays[ARCHITECTURE_KEY]))
    network = build_network(architecture)
    for name, expected in network.weights.items():
        if name not in arrays:
            raise ValueError(f"The weights lack '{name}' of shape {expected.shape}")
        array = np.asarray(arrays[name])
        if array.shape != expected.shape:
            raise ValueError(
                f"'{name}' has shape {array.shape}; the {architecture.pool} network needs "
                f"{expected.shape}"
            )
        if array.dtype.kind != "f":
            raise ValueError(f"'{name}' holds {array.dtype} numbers, not floating point")
        network.weights[name] = array.copy()
    return network
