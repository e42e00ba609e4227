"""``from engine.images import load_image``: the loader lives in :mod:`engine.io.images`."""

from engine.io.images import (  # noqa: F401
    SAMPLES,
    ImageLoadError,
    MatrixParseError,
    image_size,
    load_image,
    load_matrix_file,
    load_matrix_text,
    sample_path,
)
