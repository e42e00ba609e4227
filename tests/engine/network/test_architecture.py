"""The article's network, its twins and its Keras-style summary."""

import numpy as np
import pytest

from engine.errors import PoolingError
from engine.network.architecture import (
    Architecture,
    architecture_from_json,
    architecture_to_json,
    pool_choices,
    trainable_pools,
)
from engine.network.receptive import receptive_field
from engine.network.summary import head_arithmetic, parameter_count, summary_rows, summary_text
from engine.pooling.kinds import KINDS
from engine.pooling.parameters import PoolParams
from engine.pooling.windows import Rect
from tests.engine.oracles import keras_module

CHOLLET = [
    ("conv2d", "Conv2D", (None, 26, 26, 32), 320),
    ("max_pooling2d", "MaxPooling2D", (None, 13, 13, 32), 0),
    ("conv2d_1", "Conv2D", (None, 11, 11, 64), 18_496),
    ("max_pooling2d_1", "MaxPooling2D", (None, 5, 5, 64), 0),
    ("conv2d_2", "Conv2D", (None, 3, 3, 64), 36_928),
    ("flatten", "Flatten", (None, 576), 0),
    ("dense", "Dense", (None, 64), 36_928),
    ("dense_1", "Dense", (None, 10), 650),
]


def as_tuples(architecture):
    return [
        (row.name, row.type_name, row.output_shape, row.parameters)
        for row in summary_rows(architecture)
    ]


def test_the_default_is_chollets_network_with_93322_parameters():
    assert as_tuples(Architecture()) == CHOLLET
    assert parameter_count(Architecture()) == 93_322


def test_the_no_pooling_twin_flattens_30976_values():
    rows = as_tuples(Architecture().twin("none"))
    assert [row[2] for row in rows[:4]] == [
        (None, 26, 26, 32),
        (None, 24, 24, 64),
        (None, 22, 22, 64),
        (None, 30_976),
    ]
    assert rows[4] == ("dense", "Dense", (None, 64), 30_976 * 64 + 64)
    assert parameter_count(Architecture(pool="none")) == 2_038_922


def test_average_pooling_and_stride_2_convolutions_are_named_as_keras_names_them():
    assert [row[0] for row in as_tuples(Architecture(pool="avg"))][:4] == [
        "conv2d",
        "average_pooling2d",
        "conv2d_1",
        "average_pooling2d_1",
    ]
    strided = as_tuples(Architecture(pool="stride2conv"))
    assert strided[1] == ("conv2d_1", "Conv2D", (None, 12, 12, 32), 9 * 32 * 32 + 32)
    assert strided[3] == ("conv2d_3", "Conv2D", (None, 4, 4, 64), 9 * 64 * 64 + 64)


@pytest.mark.parametrize("pool", ["max", "avg", "none"])
def test_summary_matches_a_keras_model(pool):
    keras = keras_module()
    keras.backend.clear_session()
    layers = keras.layers
    pooling = {"max": [layers.MaxPooling2D(2)], "avg": [layers.AveragePooling2D(2)], "none": []}
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(32, 3, activation="relu"),
            *pooling[pool],
            layers.Conv2D(64, 3, activation="relu"),
            *([type(pooling[pool][0])(2)] if pooling[pool] else []),
            layers.Conv2D(64, 3, activation="relu"),
            layers.Flatten(),
            layers.Dense(64, activation="relu"),
            layers.Dense(10, activation="softmax"),
        ]
    )
    expected = [
        (layer.name, tuple(layer.output.shape), layer.count_params()) for layer in model.layers
    ]
    ours = [
        (row.name, row.output_shape, row.parameters) for row in summary_rows(Architecture(pool))
    ]
    assert ours == expected


def test_every_kind_that_fits_gives_the_shapes_of_max_pooling():
    shapes = [row[2] for row in as_tuples(Architecture())]
    for pool in pool_choices():
        if pool in KINDS:
            assert [row[2] for row in as_tuples(Architecture(pool))] == shapes, pool
    assert set(trainable_pools()) - set(pool_choices()) == {"global_max", "global_avg", "spp"}


def test_a_pool_that_leaves_no_room_is_refused_naming_the_layer_and_shape():
    with pytest.raises(PoolingError, match=r"conv2d_1 \(Conv2D\).*\(32, 1, 1\)"):
        summary_rows(Architecture("global_max"))
    with pytest.raises(PoolingError, match="Unknown pooling 'median'"):
        Architecture("median")
    with pytest.raises(ValueError, match="width factor"):
        Architecture(width=0)


def test_the_width_factor_scales_channels_and_the_hidden_dense_layer():
    rows = as_tuples(Architecture(width=0.5))
    assert [row[2][-1] for row in rows] == [16, 16, 32, 32, 32, 288, 32, 10]
    assert rows[0][3] == 16 * 9 + 16
    assert [row[2][-1] for row in as_tuples(Architecture(width=0.01))][:5] == [1, 1, 1, 1, 1]


def test_summary_text_reads_as_keras_prints_it():
    text = summary_text(Architecture())
    assert text.splitlines()[0] == 'Model: "sequential"'
    assert " max_pooling2d_1 (MaxPooling2D) (None, 5, 5, 64)" in text
    assert "Total params: 93,322" in text and "Non-trainable params: 0" in text


def test_head_arithmetic_gives_the_articles_15_8_million_weights():
    text = head_arithmetic(Architecture())
    assert "22 x 22 x 64 = 30,976 values" in text
    assert "30,976 x 512 = 15,859,712 weights (15.86 M)" in text
    assert "3 x 3 x 64 = 576 values" in text


def test_receptive_field_of_the_last_convolution():
    assert receptive_field(Architecture("none")) == Rect(0, 0, 7, 7)
    assert receptive_field(Architecture("none"), 21, 21) == Rect(21, 21, 7, 7)
    assert receptive_field(Architecture()) == Rect(0, 0, 18, 18)
    assert receptive_field(Architecture(), 2, 1) == Rect(8, 4, 18, 18)
    assert receptive_field(Architecture(), 0, 0, "max_pooling2d") == Rect(0, 0, 4, 4)
    assert receptive_field(Architecture(), 0, 0, "conv2d") == Rect(0, 0, 3, 3)
    with pytest.raises(ValueError, match=r"outside the 3 x 3"):
        receptive_field(Architecture(), 3, 0)
    with pytest.raises(ValueError, match="flatten"):
        receptive_field(Architecture(), 0, 0, "flatten")


def test_receptive_field_matches_the_gradient_of_one_cell():
    """The pixels whose gradient is non-zero lie in the field (and fill its corners)."""
    from engine.network.layers import INFERENCE
    from engine.network.model import build_network

    for pool in ("max", "avg", "none", "stride2conv", "blurmax"):
        network = build_network(Architecture(pool, width=0.25), seed=1, dtype=np.float64)
        image = np.random.default_rng(0).random((1, 1, 28, 28)) + 0.5
        last = max(i for i, layer in enumerate(network.layers) if layer.type_name == "Conv2D")
        output, caches = image, []
        for layer in network.layers[: last + 1]:
            output, cache = layer.forward(network.weights, output, INFERENCE)
            caches.append(cache)
        grad = np.zeros_like(output)
        grad[0, :, 1, 1] = 1.0
        for index in range(last, -1, -1):
            grad, _ = network.layers[index].backward(network.weights, caches[index], grad, True)
        rows, cols = np.nonzero(np.abs(grad[0, 0]) > 0)
        field = receptive_field(Architecture(pool, width=0.25), 1, 1)
        assert field.top <= rows.min() and rows.max() < field.bottom, pool
        assert field.left <= cols.min() and cols.max() < field.right, pool


def test_architecture_survives_json():
    architecture = Architecture("lp", 0.5, PoolParams(kernel_size=(3, 3), norm_type=3.0))
    assert architecture_from_json(architecture_to_json(architecture)) == architecture
