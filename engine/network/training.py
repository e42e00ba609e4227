"""Training with Adam, evaluation, and accuracy on shifted images.

:func:`train` reports after every batch and every epoch through a callback and stops when a
``cancelled`` callable says so, so a window can run it in a worker thread with a Cancel button
and live curves.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

from engine.network import functional as F
from engine.network.adam import Adam
from engine.network.data import batches, shift_images
from engine.network.layers import Mode
from engine.network.model import Network, forward, loss_and_gradients


@dataclass(frozen=True)
class EpochRecord:
    """One epoch: the running means over its batches (as Keras's ``fit`` prints them), the
    test set's after it, and its wall time (training only) in seconds."""

    train_loss: float
    train_accuracy: float
    test_loss: float | None
    test_accuracy: float | None
    seconds: float


@dataclass(frozen=True)
class Progress:
    """Where training is, sent after every batch and again when an epoch ends.

    Attributes
    ----------
    epoch : int
        0-based.
    batch, batches : int
        Batches done in this epoch, and its number of batches.
    fraction : float
        Of the whole training, 0..1.
    running_loss, running_accuracy : float
        Means over this epoch's batches so far.
    record : EpochRecord or None
        Set when the epoch has ended (and been evaluated).
    """

    epoch: int
    batch: int
    batches: int
    fraction: float
    running_loss: float
    running_accuracy: float
    record: EpochRecord | None = None


@dataclass
class History:
    """What :func:`train` did: one record per finished epoch, and whether it was cancelled."""

    epochs: list[EpochRecord] = field(default_factory=list)
    cancelled: bool = False


def evaluate(
    network: Network, images: np.ndarray, labels: np.ndarray, batch_size: int = 250
) -> tuple[float, float]:
    """Mean cross-entropy and accuracy (a fraction) in inference mode.

    Parameters
    ----------
    images : ndarray of shape (N, C, H, W)
    labels : ndarray of shape (N,), int
    """
    if len(images) == 0:
        raise ValueError("evaluate needs at least one image, not an empty set")
    loss_sum = correct = 0.0
    for start in range(0, len(images), batch_size):
        logits, _ = forward(network, images[start : start + batch_size])
        target = labels[start : start + batch_size]
        loss_sum += F.cross_entropy(logits, target) * len(target)
        correct += int((logits.argmax(axis=1) == target).sum())
    return loss_sum / len(images), correct / len(images)


def shift_accuracy(
    network: Network,
    images: np.ndarray,
    labels: np.ndarray,
    shifts: Iterable[int] = range(7),
    seed: int = 0,
) -> dict[int, float]:
    """Accuracy on the images moved by each distance in ``shifts`` (pixels right, left, down
    or up, drawn per image: :func:`~engine.network.data.shift_images`)."""
    return {
        int(pixels): evaluate(network, shift_images(images, int(pixels), seed), labels)[1]
        for pixels in shifts
    }


def train(
    network: Network,
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray | None = None,
    test_labels: np.ndarray | None = None,
    *,
    epochs: int = 3,
    batch_size: int = 64,
    learning_rate: float = 1e-3,
    seed: int = 0,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> History:
    """Train ``network`` in place with Adam on shuffled batches.

    Parameters
    ----------
    train_images, test_images : ndarray of shape (N, C, H, W)
    train_labels, test_labels : ndarray of shape (N,), int
    epochs, batch_size : int
    learning_rate : float
    seed : int
        The shuffling and the random pools' draws.
    progress : callable, optional
        Called with a :class:`Progress` after every batch and at the end of every epoch.
    cancelled : callable, optional
        Asked before every batch; when it returns True training stops, keeping the weights
        of the last step and the records of the finished epochs.
    """
    if epochs < 1 or batch_size < 1 or len(train_images) != len(train_labels):
        raise ValueError(
            f"train needs epochs >= 1, batch_size >= 1 and one label per image, not "
            f"{epochs}, {batch_size}, images {tuple(train_images.shape)} and labels "
            f"{tuple(train_labels.shape)}"
        )
    optimizer = Adam(learning_rate)
    random = np.random.default_rng(seed)
    count = len(train_images)
    batch_count = -(-count // batch_size)
    history = History()
    for epoch in range(epochs):
        start = time.perf_counter()
        loss_sum = correct = seen = 0.0
        for batch, indices in enumerate(batches(count, batch_size, random)):
            if cancelled is not None and cancelled():
                history.cancelled = True
                return history
            mode = Mode(training=True, step=seed + optimizer.steps)
            loss, logits, gradients = loss_and_gradients(
                network, train_images[indices], train_labels[indices], mode
            )
            optimizer.step(network.weights, gradients)
            loss_sum += loss * len(indices)
            correct += int((logits.argmax(axis=1) == train_labels[indices]).sum())
            seen += len(indices)
            if progress is not None:
                fraction = (epoch * batch_count + batch + 1) / (epochs * batch_count)
                progress(
                    Progress(
                        epoch, batch + 1, batch_count, fraction, loss_sum / seen, correct / seen
                    )
                )
        seconds = time.perf_counter() - start
        test_loss = test_accuracy = None
        if test_images is not None and test_labels is not None:
            test_loss, test_accuracy = evaluate(network, test_images, test_labels)
        record = EpochRecord(loss_sum / seen, correct / seen, test_loss, test_accuracy, seconds)
        history.epochs.append(record)
        if progress is not None:
            progress(
                Progress(
                    epoch,
                    batch_count,
                    batch_count,
                    (epoch + 1) / epochs,
                    record.train_loss,
                    record.train_accuracy,
                    record,
                )
            )
    return history
