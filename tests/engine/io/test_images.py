"""The image loader: every awkward file either loads sensibly or is refused in words."""

import builtins

import numpy as np
import pytest
from PIL import Image

from engine.images import ImageLoadError, MatrixParseError, load_image, load_matrix_text
from engine.io import images
from tests.image_corpus import gradient, make_corpus


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def test_every_corpus_file_loads_or_is_refused_in_one_line(corpus):
    for name, (path, (expectation, shape)) in corpus.items():
        if expectation == "loads":
            array = load_image(path)
            assert array.dtype == np.float32 and array.shape == shape, name
            assert 0 <= array.min() and array.max() <= 1, name
        else:
            with pytest.raises(ImageLoadError) as caught:
                load_image(path)
            message = str(caught.value)
            assert "\n" not in message and path.name in message, name


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("empty.png", "empty"),
        ("bomb.png", "decompression bomb"),
        ("folder.png", "folder"),
        ("missing.png", "does not exist"),
        ("text.png", "not an image"),
        ("truncated.png", "truncated"),
        ("zero_width.png", "zero_width.png"),
    ],
)
def test_refusals_say_what_is_wrong(corpus, name, words):
    with pytest.raises(ImageLoadError, match=words):
        load_image(corpus[name][0])


def test_exif_rotation_is_applied(corpus):
    path = corpus["rotated_phone_photo.jpg"][0]
    with Image.open(path) as image:
        assert image.size == (20, 12)
    assert load_image(path).shape == (3, 20, 12)


def test_sixteen_bit_is_scaled_by_full_range(corpus):
    array = load_image(corpus["sixteen_bit.png"][0])
    assert array.max() == pytest.approx(int(gradient().max()) * 257 / 65535, rel=1e-6)


def test_animated_gif_frame_picker(corpus):
    path = corpus["animated.gif"][0]
    assert load_image(path).max() == 0
    assert load_image(path, frame=2).min() == pytest.approx(1.0)
    with pytest.raises(ImageLoadError, match="frame"):
        load_image(path, frame=7)


def test_alpha_is_composited_on_white(tmp_path):
    path = tmp_path / "clear.png"
    Image.new("RGBA", (3, 2), (0, 0, 0, 0)).save(path)
    np.testing.assert_array_equal(load_image(path), 1.0)


def test_size_limit_is_configurable(corpus):
    with pytest.raises(ImageLoadError, match="megapixels"):
        load_image(corpus["really_a_png.jpg"][0], max_pixels=100)


def test_permission_denied_is_refused(corpus, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(images.Image, "open", refuse)
    with pytest.raises(ImageLoadError, match="permission denied"):
        load_image(corpus["really_a_png.jpg"][0])
    monkeypatch.setattr(builtins, "open", refuse)


def test_bundled_samples_all_load():
    for name in images.SAMPLES:
        array = load_image(images.sample_path(name))
        assert array.ndim == 3 and array.dtype == np.float32
    np.testing.assert_array_equal(load_image(images.sample_path("matrix"))[0, 1], [5, 6, 7, 8])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1\t2\n3\t4", [[1, 2], [3, 4]]),
        ("1,2,3", [[1, 2, 3]]),
        (" 1 2 \n\n 3 4 ", [[1, 2], [3, 4]]),
        ("nan,inf\n-inf,0", [[np.nan, np.inf], [-np.inf, 0]]),
    ],
)
def test_matrix_text_parsing(text, expected):
    np.testing.assert_array_equal(load_matrix_text(text), np.array(expected))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("1,2\n3", "same number"),
        ("1,x", "column 2"),
        ("1e400", "too large"),
        ("\n".join(["1," * 99 + "1"] * 99), "small examples"),
    ],
)
def test_matrix_text_refusals(text, words):
    with pytest.raises(MatrixParseError, match=words):
        load_matrix_text(text)
