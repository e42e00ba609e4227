"""Plain-loop pooling written straight from the definitions, as an independent test oracle.

Nothing here is shared with the engine: every window is walked cell by cell in Python, on a
single (H, W) plane (or, for the n-D helpers, one volume) of float64 values, so the code
reads like the textbook.
"""

from __future__ import annotations

import itertools
import math

import numpy as np


def output_length(length, kernel, stride, padding, dilation, ceil_mode):
    span = dilation * (kernel - 1) + 1
    exact = (length + 2 * padding - span) / stride
    count = (math.ceil(exact) if ceil_mode else math.floor(exact)) + 1
    if ceil_mode and (count - 1) * stride >= length + padding:
        count -= 1
    return count


def window_cells(start, kernel, dilation):
    return [start + j * dilation for j in range(kernel)]


def max_pool_plane(plane, kernel, stride, padding, dilation, ceil_mode):
    """Max of every window of a 2D plane; returns (values, flat indices) as lists of rows.

    Padding cells are skipped (never candidates). Within a window the cells are visited in
    row-major order; a value replaces the best so far if it is strictly greater or NaN.
    A window whose real cells are all -inf keeps its first real cell; a window with no real
    cell at all gives -inf and index -1.
    """
    height, width = plane.shape
    out_h = output_length(height, kernel[0], stride[0], padding[0], dilation[0], ceil_mode)
    out_w = output_length(width, kernel[1], stride[1], padding[1], dilation[1], ceil_mode)
    values = np.empty((out_h, out_w))
    indices = np.empty((out_h, out_w), dtype=np.int64)
    for oh in range(out_h):
        for ow in range(out_w):
            best, best_index = -math.inf, -1
            for h in window_cells(oh * stride[0] - padding[0], kernel[0], dilation[0]):
                for w in window_cells(ow * stride[1] - padding[1], kernel[1], dilation[1]):
                    if not (0 <= h < height and 0 <= w < width):
                        continue  # padding is never a candidate
                    if best_index == -1:
                        best_index = h * width + w  # PyTorch starts from the first real cell
                    if plane[h, w] > best or math.isnan(plane[h, w]):
                        best, best_index = plane[h, w], h * width + w
            values[oh, ow], indices[oh, ow] = best, best_index
    return values, indices


def max_pool_backward_plane(grad, indices, shape):
    """Add every output gradient at its arg-max."""
    result = np.zeros(shape)
    for (oh, ow), index in np.ndenumerate(indices):
        if index >= 0:
            result[index // shape[1], index % shape[1]] += grad[oh, ow]
    return result


def avg_pool_plane(plane, kernel, stride, padding, ceil_mode, count_include_pad, divisor=None):
    """Average of every window of a 2D plane, with PyTorch's divisor rules."""
    height, width = plane.shape
    out_h = output_length(height, kernel[0], stride[0], padding[0], 1, ceil_mode)
    out_w = output_length(width, kernel[1], stride[1], padding[1], 1, ceil_mode)
    values = np.empty((out_h, out_w))
    for oh in range(out_h):
        for ow in range(out_w):
            total, real, padded = 0.0, 0, 0
            for h in window_cells(oh * stride[0] - padding[0], kernel[0], 1):
                for w in window_cells(ow * stride[1] - padding[1], kernel[1], 1):
                    if 0 <= h < height and 0 <= w < width:
                        total += plane[h, w]
                        real += 1
                    if h < height + padding[0] and w < width + padding[1]:
                        padded += 1  # inside the padded input (not past it, in ceil mode)
            if divisor is not None:
                values[oh, ow] = total / divisor
            else:
                values[oh, ow] = total / (padded if count_include_pad else real)
    return values


def avg_pool_backward_plane(
    grad, shape, kernel, stride, padding, ceil_mode, count_include_pad, divisor=None
):
    """Spread each gradient over the real cells of its window, divided like the forward."""
    height, width = shape
    result = np.zeros(shape)
    for (oh, ow), value in np.ndenumerate(grad):
        rows = window_cells(oh * stride[0] - padding[0], kernel[0], 1)
        cols = window_cells(ow * stride[1] - padding[1], kernel[1], 1)
        real = [(h, w) for h in rows for w in cols if 0 <= h < height and 0 <= w < width]
        padded = [
            (h, w) for h in rows for w in cols if h < height + padding[0] and w < width + padding[1]
        ]
        if divisor is None:
            divisor_here = len(padded) if count_include_pad else len(real)
        else:
            divisor_here = divisor
        for h, w in real:
            result[h, w] += value / divisor_here
    return result


def adaptive_window(index, input_size, output_size):
    return range(
        math.floor(index * input_size / output_size),
        math.ceil((index + 1) * input_size / output_size),
    )


def adaptive_pool_plane(plane, output_size, reduce):
    """Adaptive max (with first/last-NaN indices) or average of a 2D plane."""
    height, width = plane.shape
    values = np.empty(output_size)
    indices = np.empty(output_size, dtype=np.int64)
    for oh in range(output_size[0]):
        for ow in range(output_size[1]):
            cells = [
                (h, w)
                for h in adaptive_window(oh, height, output_size[0])
                for w in adaptive_window(ow, width, output_size[1])
            ]
            if reduce == "avg":
                values[oh, ow] = sum(plane[h, w] for h, w in cells) / len(cells)
                continue
            best, best_index = -math.inf, cells[0][0] * width + cells[0][1]
            for h, w in cells:
                if plane[h, w] > best or math.isnan(plane[h, w]):
                    best, best_index = plane[h, w], h * width + w
            values[oh, ow], indices[oh, ow] = best, best_index
    return values, indices


def lp_pool_plane(plane, norm_type, kernel, stride, ceil_mode):
    """PyTorch's Lp pool: the average of x**p over the real cells, times kH*kW, to the 1/p."""
    averages = avg_pool_plane(plane**norm_type, kernel, stride, (0, 0), ceil_mode, True)
    return (averages * kernel[0] * kernel[1]) ** (1.0 / norm_type)


def unpool_plane(values, indices, output_shape):
    result = np.zeros(output_shape)
    for (row, col), index in np.ndenumerate(indices):
        if index >= 0:
            result[index // output_shape[1], index % output_shape[1]] = values[row, col]
    return result


def per_plane(function, x, *args, **kwargs):
    """Apply a plane function to every (N, C) plane of a 4D array; stacks tuple results."""
    results = [
        function(x[n, c], *args, **kwargs) for n in range(x.shape[0]) for c in range(x.shape[1])
    ]
    if isinstance(results[0], tuple):
        return tuple(np.stack(part).reshape(x.shape[:2] + part[0].shape) for part in zip(*results))
    return np.stack(results).reshape(x.shape[:2] + results[0].shape)


def numerical_gradient(function, x, grad_output, step=1e-6):
    """Central finite differences of ``sum(function(x) * grad_output)`` with respect to x."""
    gradient = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        original = x[index]
        x[index] = original + step
        plus = np.sum(function(x) * grad_output)
        x[index] = original - step
        minus = np.sum(function(x) * grad_output)
        x[index] = original
        gradient[index] = (plus - minus) / (2 * step)
    return gradient


def volume_windows(shape, kernel, stride, padding, dilation, ceil_mode):
    """Every window of an n-D volume (one spatial axis per entry of ``shape``), in output
    order: ``(output position, real cells)``, the real cells in row-major window order and
    padding left out."""
    counts = [
        output_length(n, k, s, p, d, ceil_mode)
        for n, k, s, p, d in zip(shape, kernel, stride, padding, dilation)
    ]
    for out in itertools.product(*(range(count) for count in counts)):
        per_axis = [
            window_cells(o * s - p, k, d)
            for o, k, s, p, d in zip(out, kernel, stride, padding, dilation)
        ]
        cells = [
            cell
            for cell in itertools.product(*per_axis)
            if all(0 <= c < n for c, n in zip(cell, shape))
        ]
        yield out, cells


def max_pool_backward_all_volume(volume, grad, kernel, stride, padding, dilation, ceil_mode):
    """The textbook ``mask = (window == max)`` gradient of one n-D volume: every real cell equal
    to its window's maximum (NaN if the window holds one; then every NaN cell matches) gets
    the window's whole gradient; overlapping windows add up."""
    result = np.zeros(volume.shape)
    for out, cells in volume_windows(volume.shape, kernel, stride, padding, dilation, ceil_mode):
        values = [volume[cell] for cell in cells]
        if not values:
            continue  # a window of padding only
        maximum = math.nan if any(math.isnan(v) for v in values) else max(values)
        for cell, value in zip(cells, values):
            if value == maximum or (math.isnan(value) and math.isnan(maximum)):
                result[cell] += grad[out]
    return result


def max_pool_volume(volume, kernel, stride, padding, dilation, ceil_mode):
    """Max pool of one n-D volume with PyTorch's first-maximum (last-NaN) rule: values and
    flat indices (-1 for a window of padding only)."""
    results = {}
    for out, cells in volume_windows(volume.shape, kernel, stride, padding, dilation, ceil_mode):
        best, best_cell = -math.inf, cells[0] if cells else None
        for cell in cells:
            if volume[cell] > best or math.isnan(volume[cell]):
                best, best_cell = volume[cell], cell
        index = -1 if best_cell is None else int(np.ravel_multi_index(best_cell, volume.shape))
        results[out] = (best, index)
    counts = tuple(np.array(list(results)).max(axis=0) + 1)
    values = np.empty(counts)
    indices = np.empty(counts, dtype=np.int64)
    for out, (value, index) in results.items():
        values[out], indices[out] = value, index
    return values, indices
