"""Plain-loop references for the extra pooling types, written from their definitions."""

import math

import numpy as np

from tests.engine.reference import output_length, window_cells


def windows(plane, kernel, stride, padding, ceil_mode=False):
    """Yield (oh, ow, list of real cell values) for every window of a 2D plane."""
    height, width = plane.shape
    out_h = output_length(height, kernel[0], stride[0], padding[0], 1, ceil_mode)
    out_w = output_length(width, kernel[1], stride[1], padding[1], 1, ceil_mode)
    for oh in range(out_h):
        for ow in range(out_w):
            values = [
                plane[h, w]
                for h in window_cells(oh * stride[0] - padding[0], kernel[0], 1)
                for w in window_cells(ow * stride[1] - padding[1], kernel[1], 1)
                if 0 <= h < height and 0 <= w < width
            ]
            yield oh, ow, values


def pool_plane(plane, kernel, stride, padding, reduce, ceil_mode=False):
    height, width = plane.shape
    out_h = output_length(height, kernel[0], stride[0], padding[0], 1, ceil_mode)
    out_w = output_length(width, kernel[1], stride[1], padding[1], 1, ceil_mode)
    out = np.empty((out_h, out_w))
    for oh, ow, values in windows(plane, kernel, stride, padding, ceil_mode):
        out[oh, ow] = reduce(values)
    return out


def softpool(values):
    weights = [math.exp(v - max(values)) for v in values]
    return sum(w * v for w, v in zip(weights, values)) / sum(weights)


def stochastic_inference(values):
    positive = [max(v, 0.0) for v in values]
    total = sum(positive)
    return sum(p * p for p in positive) / total if total > 0 else 0.0


def blur_max(plane, kernel, stride, taps):
    """Max with stride 1, then the reflect-padded binomial filter every ``stride`` cells."""
    dense = pool_plane(plane, (kernel, kernel), (1, 1), (0, 0), max)
    filt = np.array([math.comb(taps - 1, i) for i in range(taps)], float)
    filt /= filt.sum()
    before = (taps - 1) // 2

    def reflect(index, length):
        while index < 0 or index >= length:
            index = -index if index < 0 else 2 * (length - 1) - index
        return index

    height, width = dense.shape
    out = np.empty(((height - 1) // stride + 1, (width - 1) // stride + 1))
    for oh in range(out.shape[0]):
        for ow in range(out.shape[1]):
            total = 0.0
            for i in range(taps):
                for j in range(taps):
                    h = reflect(oh * stride - before + i, height)
                    w = reflect(ow * stride - before + j, width)
                    total += filt[i] * filt[j] * dense[h, w]
            out[oh, ow] = total
    return out
