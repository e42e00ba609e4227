"""``from engine.images import load_image``: the loader lives in :mod:`engine.io.images`."""

from engine.io.images import (  # noqa: F401
    DEFAULT_MAX_PIXELS,
    MAX_MATRIX_CELLS,
    SAMPLES,
    ImageLoadError,
    MatrixParseError,
    image_size,
    load_image,
    load_matrix_file,
    load_matrix_text,
    sample_path,
)
