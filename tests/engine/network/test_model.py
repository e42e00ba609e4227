"""A whole network: its gradient against finite differences and PyTorch, its feature maps, and
its weights through an .npz file."""

import numpy as np
import pytest

from engine.network import functional as F
from engine.network.architecture import Architecture
from engine.network.files import load_network, save_network
from engine.network.layers import INFERENCE
from engine.network.model import (
    build_network,
    feature_maps,
    forward,
    loss_and_gradients,
    network_arrays,
    network_from_arrays,
    predict,
)
from tests.engine.oracles import torch_module

SMALL = 0.25  # 8, 16 and 16 channels, a 16-unit dense layer


def batch(count=3, seed=0):
    random = np.random.default_rng(seed)
    return random.random((count, 1, 28, 28)), random.integers(0, 10, count)


def loss_of(network, images, labels):
    return F.cross_entropy(forward(network, images, INFERENCE)[0], labels)


@pytest.mark.parametrize("pool", ["max", "avg", "none", "stride2conv"])
def test_whole_network_gradient_matches_finite_differences(pool):
    network = build_network(Architecture(pool, width=SMALL), seed=3, dtype=np.float64)
    images, labels = batch()
    _, _, gradients = loss_and_gradients(network, images, labels)
    assert set(gradients) == set(network.weights)
    random = np.random.default_rng(5)
    eps = 1e-6
    for _ in range(3):  # every weight at once, along random directions
        directions = {name: random.standard_normal(w.shape) for name, w in network.weights.items()}
        saved = {name: w.copy() for name, w in network.weights.items()}
        for name in network.weights:
            network.weights[name] = saved[name] + eps * directions[name]
        plus = loss_of(network, images, labels)
        for name in network.weights:
            network.weights[name] = saved[name] - eps * directions[name]
        minus = loss_of(network, images, labels)
        network.weights.update(saved)
        expected = sum(float((gradients[name] * directions[name]).sum()) for name in gradients)
        assert (plus - minus) / (2 * eps) == pytest.approx(expected, rel=1e-5, abs=1e-8)
    for name, weight in network.weights.items():  # and a few single weights of each array
        for flat in random.choice(weight.size, size=min(4, weight.size), replace=False):
            index = np.unravel_index(flat, weight.shape)
            saved = weight[index]
            weight[index] = saved + eps
            plus = loss_of(network, images, labels)
            weight[index] = saved - eps
            minus = loss_of(network, images, labels)
            weight[index] = saved
            numeric = (plus - minus) / (2 * eps)
            assert gradients[name][index] == pytest.approx(numeric, rel=1e-4, abs=1e-8), name


@pytest.mark.parametrize("pool", ["max", "avg", "none"])
def test_whole_network_matches_torch(pool):
    torch = torch_module()
    nn = torch.nn
    network = build_network(Architecture(pool, width=SMALL), seed=4, dtype=np.float64)
    images, labels = batch(4, seed=1)
    loss, logits, gradients = loss_and_gradients(network, images, labels)
    pools = {"max": nn.MaxPool2d, "avg": nn.AvgPool2d, "none": None}[pool]
    modules = []
    for layer in network.layers:
        if layer.type_name == "Conv2D":
            weight = network.weights[f"{layer.name}.weight"]
            modules += [nn.Conv2d(weight.shape[1], weight.shape[0], 3, layer.stride), nn.ReLU()]
        elif layer.type_name == "Dense":
            weight = network.weights[f"{layer.name}.weight"]
            modules += [nn.Linear(weight.shape[1], weight.shape[0])]
            modules += [nn.ReLU()] if layer.activation else []
        elif layer.type_name == "Flatten":
            modules.append(nn.Flatten())
        else:
            modules.append(pools(2, 2))
    model = nn.Sequential(*modules).double()
    weighted = [module for module in model if isinstance(module, nn.Conv2d | nn.Linear)]
    named = [layer for layer in network.layers if f"{layer.name}.weight" in network.weights]
    for module, layer in zip(weighted, named):
        module.weight.data = torch.from_numpy(network.weights[f"{layer.name}.weight"].copy())
        module.bias.data = torch.from_numpy(network.weights[f"{layer.name}.bias"].copy())
    theirs = model(torch.from_numpy(images))
    expected = nn.functional.cross_entropy(theirs, torch.from_numpy(labels))
    expected.backward()
    np.testing.assert_allclose(logits, theirs.detach().numpy(), rtol=1e-9, atol=1e-12)
    assert loss == pytest.approx(float(expected.detach()), rel=1e-10)
    for module, layer in zip(weighted, named):
        np.testing.assert_allclose(
            gradients[f"{layer.name}.weight"], module.weight.grad.numpy(), rtol=1e-7, atol=1e-12
        )
        np.testing.assert_allclose(
            gradients[f"{layer.name}.bias"], module.bias.grad.numpy(), rtol=1e-7, atol=1e-12
        )


def test_he_initialisation_is_seeded_and_scaled_by_fan_in():
    first, again = build_network(seed=1), build_network(seed=1)
    assert all(np.array_equal(first.weights[n], again.weights[n]) for n in first.weights)
    assert not np.array_equal(
        first.weights["conv2d.weight"], build_network(seed=2).weights["conv2d.weight"]
    )
    assert first.weights["dense.weight"].std() == pytest.approx(np.sqrt(2 / 576), rel=0.05)
    assert not first.weights["dense.bias"].any()
    assert first.dtype == np.float32


def test_feature_maps_give_every_layers_output_for_one_image():
    network = build_network(Architecture())
    image = batch(1)[0][0]
    maps = feature_maps(network, image)
    assert [(name, array.shape) for name, array in maps.items()] == [
        ("conv2d", (32, 26, 26)),
        ("max_pooling2d", (32, 13, 13)),
        ("conv2d_1", (64, 11, 11)),
        ("max_pooling2d_1", (64, 5, 5)),
        ("conv2d_2", (64, 3, 3)),
        ("flatten", (576,)),
        ("dense", (64,)),
        ("dense_1", (10,)),
    ]
    np.testing.assert_allclose(maps["dense_1"], forward(network, image[None])[0][0], rtol=1e-6)
    np.testing.assert_array_equal(feature_maps(network, image[0])["conv2d"], maps["conv2d"])


def test_predict_gives_probabilities_and_refuses_other_shapes():
    network = build_network(Architecture(width=SMALL))
    probabilities = predict(network, batch(7)[0], batch_size=3)
    assert probabilities.shape == (7, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1, rtol=1e-5)
    with pytest.raises(ValueError, match=r"\(N, 1, 28, 28\).*\(2, 28, 28\)"):
        predict(network, np.zeros((2, 28, 28)))


def test_weights_survive_an_npz_file(tmp_path):
    network = build_network(Architecture("avg", width=0.5), seed=9)
    path = tmp_path / "net.npz"
    save_network(path, network)
    loaded = load_network(path)
    assert loaded.architecture == network.architecture
    assert set(loaded.weights) == set(network.weights)
    for name, weight in network.weights.items():
        np.testing.assert_array_equal(loaded.weights[name], weight)
    assert [p.name for p in tmp_path.iterdir()] == ["net.npz"]  # no temporary left behind


def test_loading_refuses_what_is_not_a_network(tmp_path):
    np.savez(tmp_path / "other.npz", x=np.zeros(3))
    with pytest.raises(ValueError, match="other.npz.*architecture"):
        load_network(tmp_path / "other.npz")
    (tmp_path / "broken.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="broken.npz"):
        load_network(tmp_path / "broken.npz")
    arrays = network_arrays(build_network(Architecture(width=SMALL)))
    arrays["dense.weight"] = np.zeros((3, 3), np.float32)
    with pytest.raises(ValueError, match=r"'dense.weight' has shape \(3, 3\)"):
        network_from_arrays(arrays)
    with pytest.raises(ValueError, match=r"\.npz"):
        save_network(tmp_path / "net.npy", build_network(Architecture(width=SMALL)))
