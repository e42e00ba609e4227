"""Each experiment opens on the loaded image and shows what the engine computes."""

import numpy as np
import pytest

from engine import functional as F
from engine.analysis.experiments import conv2d, pooling_cost, shift_consistency
from engine.ops.blurpool import blur_max_pool2d
from engine.pooling.parameters import PoolParams
from gui.experiments.base import working_copy


@pytest.fixture
def photo_window(window):
    from engine.images import sample_path

    assert window.open_path(sample_path("astronaut"))
    window.model.set_params(PoolParams("max", (2, 2), (2, 2)))
    window.model.wait_until_idle()
    return window


def test_every_experiment_opens_with_an_explanation(photo_window):
    for title in ("Compare", "Feature", "Stacked", "Shift", "Noise", "Fixed", "Cost"):
        experiment = photo_window.show_experiment(title)
        assert len(experiment.text.text()) > 150  # a paragraph for a student
        assert experiment.summary.text()


def test_compare_shows_the_engine_outputs_and_their_difference(photo_window):
    compare = photo_window.show_experiment("Compare")
    image = working_copy(photo_window.model.image)
    np.testing.assert_allclose(compare.outputs[0], F.max_pool2d(image, 2, 2))
    np.testing.assert_allclose(compare.outputs[1], F.avg_pool2d(image, 2, 2))
    assert "mean absolute difference" in compare.summary.text()
    assert compare.nonlinearity["Average"] < 1e-6 < compare.nonlinearity["Max"]


def test_feature_map_is_the_convolution_then_the_pool(photo_window):
    feature = photo_window.show_experiment("Feature")
    gray = working_copy(photo_window.model.image).mean(axis=0, keepdims=True)
    kernel = np.where(np.arange(25).reshape(5, 5) == 12, 24.0, -1.0)
    np.testing.assert_allclose(feature.feature_map, conv2d(gray, kernel))
    shown = feature.pooled_panel.image_item.image
    np.testing.assert_allclose(shown, F.max_pool2d(feature.feature_map, 2, 2)[0], rtol=1e-6)
    feature.use_as_input()
    assert photo_window.model.image.shape == (1, 256, 256)


def test_stack_receptive_field(photo_window):
    stack = photo_window.show_experiment("Stacked")
    stack.show_field(10, 10)
    assert stack.field.height == 10 and stack.field.width == 10
    assert "pool 10px" in stack.summary.text()
    stack.kind.setCurrentText("pool")
    stack.add_layer()
    assert len(stack.layers) == 5 and "pool 2x2" in stack.list.item(4).text()


def test_shift_experiment_scores_match_the_engine(photo_window):
    shift = photo_window.show_experiment("Shift")
    gray = working_copy(photo_window.model.image).mean(axis=0, keepdims=True)
    expected = shift_consistency(gray, lambda v: blur_max_pool2d(v, 2, 2, 3), 2, 4)
    assert shift.scores["blurmax"] == pytest.approx(expected)
    assert shift.scores["blurmax"] >= shift.scores["max"]
    assert shift.changes["max"][0] == 0


def test_noise_and_fixed_length_and_cost(photo_window):
    noise = photo_window.show_experiment("Noise")
    assert noise.changes["avg"][-1] < noise.changes["max"][-1]
    fixed = photo_window.show_experiment("Fixed")
    assert fixed.lengths[0] == fixed.lengths[1] == 3 * 16
    cost = photo_window.show_experiment("Cost")
    cost.use_image_size.setChecked(False)
    assert cost.cost == pooling_cost((64, 22, 22), (64, 11, 11), 512)
    assert "15.9 M" in cost.table.text() and "4.0 M" in cost.table.text()
