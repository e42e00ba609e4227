"""PoolModel: results equal the engine's, the worker supersedes old requests, errors keep the
last good result."""

import numpy as np

from engine import functional as F
from engine.pooling.parameters import PoolParams
from gui.models.pool_model import PoolModel


def test_large_image_pools_in_the_worker_and_newer_request_wins(qtbot):
    model = PoolModel(synchronous_limit=10)
    image = np.random.default_rng(0).random((1, 300, 300)).astype(np.float32)
    busy = []
    model.busyChanged.connect(busy.append)
    model.set_image(image)
    model.set_params(PoolParams("max", (3, 3), (3, 3)))
    with qtbot.waitSignal(model.resultChanged, timeout=10_000):
        model.set_params(PoolParams("avg", (5, 5), (5, 5)))
    qtbot.waitUntil(lambda: not model.busy, timeout=10_000)
    model.wait_until_idle()
    qtbot.wait(50)
    assert model.result.params == PoolParams("avg", (5, 5), (5, 5))
    np.testing.assert_array_equal(model.result.output, F.avg_pool2d(image, 5, 5))
    assert busy[0] is True and busy[-1] is False


def test_invalid_parameters_keep_the_last_result_and_explain(qtbot):
    model = PoolModel()
    model.set_image(np.zeros((1, 6, 6), np.float32))
    good = model.result
    with qtbot.waitSignal(model.errorChanged) as signal:
        model.set_params(PoolParams("max", (9, 9), (1, 1)))
    assert "window is 9 cells" in signal.args[0]
    assert model.result is good


def test_channel_choice_changes_what_is_pooled():
    model = PoolModel()
    image = np.random.default_rng(1).random((3, 8, 8)).astype(np.float32)
    model.set_image(image)
    model.set_channel("green")
    np.testing.assert_array_equal(model.result.output, F.max_pool2d(image[1:2], 3, 2))
    model.set_channel("gray")
    assert model.result.output.shape == (1, 3, 3)


def test_a_channel_change_in_the_worker_replaces_image_and_result_together(qtbot):
    model = PoolModel(synchronous_limit=10)
    image = np.random.default_rng(2).random((3, 40, 50)).astype(np.float32)
    model.set_image(image)
    assert model.wait_until_idle()
    model.select_output(2, 3)
    shown = []
    model.imageChanged.connect(lambda: shown.append((model.image.shape, model.result)))
    model.set_channel("red")
    assert model.image.shape == (3, 40, 50) and model.result.output.shape[0] == 3  # until ready
    model.set_params(PoolParams("avg", (2, 2), (2, 2)))  # a change while the channel is pending
    assert model.wait_until_idle()
    assert model.channel == model.working_channel == "red"
    np.testing.assert_array_equal(model.image, image[:1])
    np.testing.assert_array_equal(model.result.output, F.avg_pool2d(image[:1], 2, 2))
    assert shown == [((1, 40, 50), model.result)]  # announced once, with its own result
    assert model.selected == (2, 3)


def test_a_channel_change_under_settings_that_do_not_fit_still_changes_the_image(qtbot):
    model = PoolModel(synchronous_limit=10)
    image = np.random.default_rng(3).random((3, 8, 8)).astype(np.float32)
    model.set_image(image)
    assert model.wait_until_idle()
    model.set_params(PoolParams("max", (9, 9), (1, 1)))
    model.set_channel("gray")
    assert model.wait_until_idle()
    assert model.image.shape == (1, 8, 8) and model.result is None
    assert "window is 9 cells" in model.error
