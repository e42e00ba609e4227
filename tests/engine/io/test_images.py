"""The image loader: every awkward file either loads sensibly or is refused in words."""

import builtins
import itertools
import os
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from engine.images import ImageLoadError, MatrixParseError, load_image, load_matrix_text
from engine.io import images, matrices
from engine.io.images import load_input
from tests.image_corpus import gradient, make_corpus, png_claiming, running_as_root


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return make_corpus(tmp_path_factory.mktemp("corpus"))


def test_every_corpus_file_loads_or_is_refused_in_one_line(corpus):
    for name, (path, (expectation, shape)) in corpus.items():
        if expectation == "volume":
            assert load_input(path).shape == shape, name
            with pytest.raises(ImageLoadError, match="a 3D array is a volume"):
                load_image(path)
        elif expectation == "loads":
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
        array = load_input(images.sample_path(name))
        assert array.ndim == (4 if name == "volume" else 3) and array.dtype == np.float32
    assert load_input(images.sample_path("sequence")).shape == (1, 1, 40)
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


# ----- issue 15: nothing a file contains can hang, crash or exhaust memory --------------------


def finishes_in_time(function, seconds: float = 10.0, fifo=None):
    """Call ``function`` on a thread; fail (and release a blocked FIFO reader) if it is not
    done within ``seconds``. Returns what it returned or raised."""
    outcome = {}

    def run():
        try:
            outcome["value"] = function()
        except BaseException as error:  # handed to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None:  # a writer lets the blocked reader go
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail(f"still running after {seconds} s: it blocked")
    return outcome


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_fifo_named_like_an_image_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "x.png"
    os.mkfifo(fifo)
    assert finishes_in_time(lambda: images.image_size(fifo), fifo=fifo)["value"] == (0, 0)
    error = finishes_in_time(lambda: load_image(fifo), fifo=fifo)["error"]
    assert isinstance(error, ImageLoadError) and "named pipe" in str(error)
    matrix = tmp_path / "x.csv"
    os.mkfifo(matrix)
    error = finishes_in_time(lambda: load_image(matrix), fifo=matrix)["error"]
    assert isinstance(error, ImageLoadError) and "named pipe" in str(error)


def test_postscript_is_never_handed_to_ghostscript(corpus, monkeypatch):
    from PIL import EpsImagePlugin

    tried = []
    monkeypatch.setattr(
        EpsImagePlugin.EpsImageFile, "_open", lambda self: tried.append(self) or 1 / 0
    )
    for name in ("photo.png", "drawing.eps"):
        path = corpus[name][0]
        assert images.image_size(path) == (0, 0)
        with pytest.raises(ImageLoadError, match="not an image format"):
            load_image(path)
    assert tried == []


def test_csv_of_millions_of_rows_is_refused_at_the_cell_limit(corpus):
    endless = itertools.repeat("1,2,3,4")  # a parser that read everything would never stop
    with pytest.raises(MatrixParseError, match="more than 4096 cells"):
        matrices.parse_matrix_lines(endless)
    started = time.perf_counter()
    with pytest.raises(MatrixParseError, match="small examples"):
        load_image(corpus["two_million_rows.csv"][0])
    assert time.perf_counter() - started < 1.0
    with pytest.raises(ImageLoadError, match="longer than"):
        load_image(corpus["one_long_line.csv"][0])


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("huge_header.npy", "10000 megapixels, over the limit of 120"),
        ("over_the_limit.npy", "144 megapixels, over the limit"),
        ("truncated.npy", "truncated"),
        ("objects.npy", "expected an array of numbers, got object"),
        ("structured.npy", "expected an array of numbers"),
    ],
)
def test_npy_header_is_checked_before_the_data_is_read(corpus, monkeypatch, name, words):
    monkeypatch.setattr(np.lib.format, "read_array", lambda *args, **kwargs: 1 / 0)
    with pytest.raises(ImageLoadError, match=words):
        load_image(corpus[name][0])
    assert images.image_size(corpus[name][0]) == (0, 0)  # no downscale offer for it either


def test_npy_limits_match_the_image_limits(tmp_path, corpus):
    path = tmp_path / "wide.npy"
    np.save(path, np.ones((3, 50), dtype=np.uint8))
    assert images.image_size(path) == (50, 3)
    with pytest.raises(ImageLoadError, match="megapixels"):
        load_image(path, max_pixels=100)
    assert load_image(path, max_pixels=150).shape == (1, 3, 50)
    fortran = load_image(corpus["fortran_order.npy"][0])
    np.testing.assert_allclose(fortran[0], np.linspace(0, 1, 12).reshape(3, 4), rtol=1e-6)


def test_permission_denied_while_checking_the_file_is_refused(corpus, monkeypatch):
    path = corpus["really_a_png.jpg"][0]
    real_stat = os.stat

    def stat(target, *args, **kwargs):
        if os.fspath(target) == os.fspath(path):
            raise PermissionError(13, "Permission denied")
        return real_stat(target, *args, **kwargs)

    monkeypatch.setattr(images.os, "stat", stat)
    assert images.image_size(path) == (0, 0)
    with pytest.raises(ImageLoadError, match="permission denied"):
        load_image(path)


def test_file_in_an_unreadable_folder_is_refused(tmp_path):
    # Root reads every folder; as root the check runs in a child process without the two
    # capabilities that let root ignore permissions (setpriv, from util-linux).
    folder = tmp_path / "locked"
    folder.mkdir()
    Image.new("L", (4, 4)).save(folder / "inside.png")
    folder.chmod(0o000)
    code = (
        "import sys\n"
        "from engine.io import images\n"
        f"path = {str(folder / 'inside.png')!r}\n"
        "print(images.image_size(path))\n"
        "try:\n"
        "    images.load_image(path)\n"
        "except images.ImageLoadError as error:\n"
        "    print(error)\n"
    )
    command = [sys.executable, "-c", code]
    if running_as_root():
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    try:
        finished = subprocess.run(
            command,
            cwd=Path(__file__).resolve().parents[3],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        folder.chmod(0o755)
    assert finished.returncode == 0, finished.stderr
    size, message = finished.stdout.splitlines()
    assert size == "(0, 0)" and "permission denied" in message


def test_honest_100_megapixel_photo_loads_and_a_bigger_one_is_refused_from_its_header(tmp_path):
    path = tmp_path / "hundred_megapixels.png"
    Image.new("1", (10_000, 10_000), 1).save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # not even a DecompressionBombWarning
        assert images.image_size(path) == (10_000, 10_000)
        assert load_image(path, reduce=4).shape == (1, 2500, 2500)  # the window's "downscale"
    bomb = tmp_path / "over_the_limit.png"
    bomb.write_bytes(png_claiming(12_000, 12_000))  # 144 megapixels, a few bytes of data
    assert images.image_size(bomb) == (0, 0)
    with pytest.raises(ImageLoadError, match="144 megapixels, over the limit of 120"):
        load_image(bomb)
