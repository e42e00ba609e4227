"""Numbers behind the experiments that check what pooling is claimed to do (NumPy only).

Shift, rotation and scale invariance; robustness to noise; a convolution to make feature maps;
receptive fields of stacked layers; and the cost saved by pooling.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from engine.pooling.parameters import PoolParams
from engine.pooling.windows import Rect
from engine.text import Text

Pool = Callable[[np.ndarray], np.ndarray]

CONV_PRESETS: dict[str, np.ndarray] = {
    Text("edges (24 centre, -1 around)"): np.where(np.arange(25).reshape(5, 5) == 12, 24.0, -1.0),
    Text("Sobel x (vertical edges)"): np.array([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
    Text("Sobel y (horizontal edges)"): np.array([[-1.0, -2, -1], [0, 0, 0], [1, 2, 1]]),
    Text("box blur 3x3"): np.full((3, 3), 1 / 9),
    Text("Gaussian blur 5x5"): np.outer([1, 4, 6, 4, 1], [1, 4, 6, 4, 1]) / 256.0,
}
"""Convolution kernels for the feature-map experiment, by name (a :class:`Text`, so the window
can show it translated; looked up by the plain English name too)."""


def conv2d(image: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Depthwise 'same' correlation (what CNN layers compute), zero padding.

    Parameters
    ----------
    image : ndarray of shape (C, H, W)
    kernel : ndarray of shape (kH, kW), applied to every channel

    Returns
    -------
    ndarray of shape (C, H, W), float64
    """
    kernel = np.asarray(kernel, dtype=np.float64)
    if kernel.ndim != 2 or kernel.size == 0:
        raise ValueError(f"conv2d() kernel must be a non-empty 2D array, got shape {kernel.shape}")
    height, width = image.shape[-2:]
    top, left = (kernel.shape[0] - 1) // 2, (kernel.shape[1] - 1) // 2
    padded = np.pad(
        image.astype(np.float64),
        ((0, 0), (top, kernel.shape[0] - 1 - top), (left, kernel.shape[1] - 1 - left)),
    )
    out = np.zeros(image.shape, dtype=np.float64)
    for (row, col), weight in np.ndenumerate(kernel):  # a loop over kernel taps, not pixels
        if weight:
            out += weight * padded[:, row : row + height, col : col + width]
    return out


def rotate_scale(image: np.ndarray, angle_degrees: float = 0.0, scale: float = 1.0) -> np.ndarray:
    """Rotate counter-clockwise about the centre and zoom by ``scale``; bilinear, edges
    repeated. (C, H, W) in and out."""
    height, width = image.shape[-2:]
    theta = np.deg2rad(angle_degrees)
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float64)
    centre_r, centre_c = (height - 1) / 2, (width - 1) / 2
    row_offset, col_offset = (rows - centre_r) / scale, (cols - centre_c) / scale
    source_r = centre_r + np.cos(theta) * row_offset + np.sin(theta) * col_offset
    source_c = centre_c - np.sin(theta) * row_offset + np.cos(theta) * col_offset
    source_r = np.clip(source_r, 0, height - 1)
    source_c = np.clip(source_c, 0, width - 1)
    row_above, col_left = np.floor(source_r).astype(int), np.floor(source_c).astype(int)
    row_below = np.minimum(row_above + 1, height - 1)
    col_right = np.minimum(col_left + 1, width - 1)
    row_weight, col_weight = source_r - row_above, source_c - col_left
    top = (
        image[:, row_above, col_left] * (1 - col_weight)
        + image[:, row_above, col_right] * col_weight
    )
    bottom = (
        image[:, row_below, col_left] * (1 - col_weight)
        + image[:, row_below, col_right] * col_weight
    )
    return (top * (1 - row_weight) + bottom * row_weight).astype(image.dtype, copy=False)


def relative_change(reference: np.ndarray, other: np.ndarray, border: int = 1) -> float:
    """``||other - reference|| / ||reference||`` over the interior (``border`` cells dropped at
    every edge, where padding and clipped edges differ); arrays of one shape (C, h, w)."""
    if border and min(reference.shape[-2:]) > 2 * border:
        reference = reference[..., border:-border, border:-border]
        other = other[..., border:-border, border:-border]
    norm = float(np.linalg.norm(reference))
    return float(np.linalg.norm(other - reference)) / (norm if norm else 1.0)


def crop_at(image: np.ndarray, offset: int, height: int, width: int) -> np.ndarray:
    """The ``height`` x ``width`` crop whose top-left pixel is (``offset``, ``offset``).

    Taking the crop ``offset`` pixels further down and right is how the shift experiments move
    the image: real pixels come in at one edge and none wrap around from the other, as they
    would with ``np.roll``.

    Parameters
    ----------
    image : ndarray of shape (C, H, W), with H >= offset + height and W >= offset + width

    Returns
    -------
    ndarray of shape (C, height, width), a view of ``image``
    """
    rows, cols = image.shape[-2:]
    if offset < 0 or height < 1 or width < 1 or offset + height > rows or offset + width > cols:
        raise ValueError(
            f"crop_at() cannot take a {height} x {width} (H x W) crop at offset {offset} from "
            f"an image of {rows} x {cols}"
        )
    return image[..., offset : offset + height, offset : offset + width]


def cells_spanned(shift: int, stride: int) -> int:
    """Output cells a shift of ``shift`` input pixels moves the output by: ``shift / stride``
    rounded half up (exact when the shift is a multiple of the stride)."""
    return (2 * shift + stride) // (2 * stride)


def edge_cells(params: PoolParams) -> int:
    """Output cells at each edge that an edge effect can reach, for the shift comparisons.

    Padding, "same" padding, ceil mode and BlurPool's reflected blur all make the outermost
    cells depend on where the crop ends; the interior ``edge_cells`` cells in from every edge
    sees only real pixels of the crop, the same ones whatever the crop's position. Generous on
    purpose (every setting counts, even one the kind ignores): a few cells fewer in the
    comparison cost nothing, one edge cell too many gives a false non-zero.
    """
    kernel, stride = max(params.kernel_size), min(params.stride)
    reach = kernel + max(params.padding) + params.blur_size
    return 1 + reach // max(stride, 1)


def aligned_interiors(
    first: np.ndarray, second: np.ndarray, displacement: int, border: int
) -> tuple[np.ndarray, np.ndarray]:
    """The parts of two pooled crops that show the same place, without their edges.

    ``second`` is the output of a crop taken ``displacement`` output cells further down and
    right than the one that gave ``first``, so ``second[..., i, j]`` lines up with
    ``first[..., i + displacement, j + displacement]``. ``border`` cells are dropped at every
    edge of both.

    Parameters
    ----------
    first, second : ndarray of shape (C, h, w), the same shape
    displacement : int, 0 <= displacement
    border : int, 0 <= border

    Returns
    -------
    (ndarray, ndarray), each of shape (C, h - displacement - 2 border, w - displacement -
    2 border)
    """
    if first.shape != second.shape:
        raise ValueError(
            f"aligned_interiors() needs outputs of one shape, got {first.shape} and {second.shape}"
        )
    rows, cols = first.shape[-2:]
    if min(rows, cols) - displacement - 2 * border < 1:
        raise ValueError(
            f"aligned_interiors(): nothing is left of a {rows} x {cols} (H x W) output moved by "
            f"{displacement} cells with {border} edge cells dropped"
        )
    return (
        first[..., border + displacement : rows - border, border + displacement : cols - border],
        second[..., border : rows - displacement - border, border : cols - displacement - border],
    )


def shift_sensitivity(
    image: np.ndarray, pool: Pool, stride: int, shifts: Sequence[int], border: int = 1
) -> list[float]:
    """How much the pooled output changes when the input moves diagonally by each shift.

    The reference is the crop at offset 0 of the region, the shifted input the crop of the
    same size at offset (shift, shift): the region is ``max(shifts)`` pixels larger than the
    crops, so nothing wraps around. The shifted output is compared with the reference output
    displaced by the whole output cells the shift spans (:func:`cells_spanned`), over the
    interior (:func:`aligned_interiors`, ``border`` cells dropped at every edge). A pool that
    commutes with shifts scores exactly 0 at every shift that is a multiple of the stride (and
    average pooling at stride 1 at every shift); the values in between show the aliasing.

    Parameters
    ----------
    image : ndarray of shape (C, H, W), the region: crops of (H - max(shifts)) x
        (W - max(shifts)) are pooled
    pool : callable, (C, h, w) -> (C, h', w')
    stride : int, the pool's stride
    shifts : sequence of int, each >= 0
    border : int, output cells dropped at every edge (see :func:`edge_cells`)

    Returns
    -------
    list of float, ``||moved - reference|| / ||reference||`` for each shift
    """
    largest = max(shifts)
    height, width = image.shape[-2] - largest, image.shape[-1] - largest
    reference = pool(crop_at(image, 0, height, width))
    changes = []
    for shift in shifts:
        moved = pool(crop_at(image, shift, height, width))
        aligned, compared = aligned_interiors(
            reference, moved, cells_spanned(shift, stride), border
        )
        changes.append(relative_change(aligned, compared, border=0))
    return changes


def shift_consistency(
    image: np.ndarray,
    pool: Pool,
    stride: int,
    max_shift: int,
    pairs: int = 24,
    seed: int = 0,
    border: int = 1,
) -> float:
    """Zhang's shift consistency, for a pooling layer instead of a classifier: the mean cosine
    similarity between the aligned outputs of two random shifts of the same image.

    Each shift is a crop of (H - max_shift) x (W - max_shift) at offset (shift, shift), as in
    :func:`shift_sensitivity` (no wrap-around); two outputs are aligned by the cells their
    shifts' difference spans and compared over the interior. 1 means the pooled features do
    not care where the image sits; aliasing lowers it.

    Parameters
    ----------
    image : ndarray of shape (C, H, W), the region the crops are taken from
    pool : callable, (C, h, w) -> (C, h', w')
    stride : int, the pool's stride
    max_shift : int, the largest shift drawn
    pairs : int, pairs of shifts drawn
    seed : int, the draw's seed
    border : int, output cells dropped at every edge (see :func:`edge_cells`)

    Returns
    -------
    float, at most 1
    """
    rng = np.random.default_rng(seed)
    height, width = image.shape[-2] - max_shift, image.shape[-1] - max_shift
    pooled: dict[int, np.ndarray] = {}  # one pool per offset, however often it is drawn
    scores = []
    for _ in range(pairs):
        low, high = sorted(int(shift) for shift in rng.integers(0, max_shift + 1, 2))
        for shift in (low, high):
            if shift not in pooled:
                pooled[shift] = pool(crop_at(image, shift, height, width))
        first, second = aligned_interiors(
            pooled[low], pooled[high], cells_spanned(high - low, stride), border
        )
        first, second = first.ravel(), second.ravel()
        denominator = float(np.linalg.norm(first) * np.linalg.norm(second)) or 1.0
        scores.append(float(first @ second) / denominator)
    return float(np.mean(scores))


def transform_sensitivity(
    image: np.ndarray, pool: Pool, angles: Sequence[float] = (), scales: Sequence[float] = ()
) -> dict[str, list[float]]:
    """Output change (relative to the untouched image's output) for small rotations and
    zooms."""
    reference = pool(image)
    return {
        "rotation": [
            relative_change(reference, pool(rotate_scale(image, angle, 1.0))) for angle in angles
        ],
        "scale": [
            relative_change(reference, pool(rotate_scale(image, 0.0, scale))) for scale in scales
        ],
    }


def add_noise(image: np.ndarray, kind: str, amount: float, seed: int = 0) -> np.ndarray:
    """Gaussian noise of standard deviation ``amount`` or salt-and-pepper noise on a fraction
    ``amount`` of the pixels (set to the image's minimum or maximum)."""
    rng = np.random.default_rng(seed)
    low, high = float(np.min(image)), float(np.max(image))
    if kind == "gaussian":
        return image + rng.normal(0.0, amount, image.shape).astype(image.dtype)
    if kind == "salt_pepper":
        noisy = image.copy()
        hit = rng.random(image.shape[-2:]) < amount
        salt = rng.random(image.shape[-2:]) < 0.5
        noisy[:, hit & salt] = high
        noisy[:, hit & ~salt] = low
        return noisy
    raise ValueError(f"noise kind must be 'gaussian' or 'salt_pepper', got {kind!r}")


def noise_sensitivity(
    image: np.ndarray, pool: Pool, kind: str, amounts: Sequence[float], seed: int = 0
) -> list[float]:
    """Relative output change for each noise amount (same noise pattern seed throughout)."""
    reference = pool(image)
    return [
        relative_change(reference, pool(add_noise(image, kind, amount, seed)), border=0)
        for amount in amounts
    ]


@dataclass(frozen=True)
class Layer:
    """One conv or pool layer of a stack, per axis the same."""

    kind: str  # "conv" or "pool"
    kernel_size: int
    stride: int = 1
    padding: int = 0
    dilation: int = 1


@dataclass(frozen=True)
class ReceptiveField:
    """After a layer: ``size`` input pixels seen by one unit, ``jump`` input pixels between
    neighbouring units, ``start`` the centre of the first unit in input coordinates."""

    size: int
    jump: int
    start: float


def receptive_fields(layers: Sequence[Layer]) -> list[ReceptiveField]:
    """Receptive field after each layer (Dumoulin and Visin's arithmetic):
    ``r += (d(k-1)) * jump``, ``start += ((d(k-1))/2 - p) * jump``, ``jump *= s``."""
    size, jump, start = 1, 1, 0.0
    fields = []
    for layer in layers:
        span = layer.dilation * (layer.kernel_size - 1)
        size += span * jump
        start += (span / 2 - layer.padding) * jump
        jump *= layer.stride
        fields.append(ReceptiveField(size, jump, start))
    return fields


def receptive_field_of(layers: Sequence[Layer], row: int, col: int, shape: tuple[int, int]) -> Rect:
    """The input area (clipped to ``shape``) seen by output unit (row, col) of the stack."""
    field = receptive_fields(layers)[-1] if layers else ReceptiveField(1, 1, 0.0)
    half = (field.size - 1) / 2
    spans = []
    for index, length in ((row, shape[0]), (col, shape[1])):
        centre = field.start + index * field.jump
        low, high = int(np.floor(centre - half)), int(np.floor(centre + half)) + 1
        spans.append((max(low, 0), min(high, length)))
    (top, bottom), (left, right) = spans
    return Rect(top, left, bottom - top, right - left)


def pooling_cost(
    input_shape: tuple[int, int, int], output_shape: tuple[int, int, int], dense_units: int = 512
) -> dict[str, int]:
    """What a pooling layer saves, for (C, H, W) before and after.

    Returns element counts, float32 bytes, the multiply-adds of a following 3x3 convolution
    with as many output channels as input channels, and the weights (biases not counted) of a
    dense layer of ``dense_units`` placed after flattening. Example: a 64x22x22 map flattened
    into 512 units needs 22*22*64*512 = 15,859,712 weights; after a 2x2 pool, 11*11*64*512 =
    3,964,928.
    """
    result = {}
    for name, (channels, height, width) in (("before", input_shape), ("after", output_shape)):
        elements = channels * height * width
        result[f"elements_{name}"] = elements
        result[f"bytes_{name}"] = 4 * elements
        result[f"conv3x3_macs_{name}"] = height * width * channels * channels * 9
        result[f"dense_weights_{name}"] = elements * dense_units
    return result


def nonlinearity(image: np.ndarray, pool: Pool) -> float:
    """How far ``pool`` is from linear on this image: the relative gap between
    ``pool(x + y)`` and ``pool(x) + pool(y)``, with ``y`` the image mirrored left-right.

    0 for average pooling (a linear map); clearly above 0 for max pooling, whose maximum of a
    sum is not the sum of the maxima.
    """
    mirrored = image[..., ::-1].copy()
    together = pool(image + mirrored)
    return relative_change(together, pool(image) + pool(mirrored), border=0)
