"""The command line: screenshots, and one-line refusals with exit status 2."""

import pytest
from PIL import Image

from gui.app import main


def test_screenshot_renders_the_requested_state(tmp_path, qapp):
    out = tmp_path / "shot.png"
    status = main(
        [
            "--pool",
            "max",
            "--kernel",
            "3",
            "--stride",
            "2",
            "--select",
            "40,60",
            "--screenshot",
            str(out),
            "--size",
            "600,1000",
        ]
    )
    assert status == 0
    with Image.open(out) as image:
        assert image.size[0] >= 900 and image.getextrema() != ((0, 0),) * len(image.getbands())


@pytest.mark.parametrize(
    ("arguments", "words"),
    [
        (["--image", "/nonexistent/photo.png"], "does not exist"),
        (["--kernel", "x"], "--kernel"),
        (["--kernel", "3", "--padding", "2"], "Padding"),
        (["--pool", "median"], "--pool"),
        (["--kernel", "2", "--select", "999,0"], "outside"),
    ],
)
def test_bad_input_exits_two_with_one_line(tmp_path, capsys, qapp, arguments, words):
    status = main([*arguments, "--screenshot", str(tmp_path / "x.png")])
    error = capsys.readouterr().err
    assert status == 2
    assert error.count("\n") == 1 and words in error
    assert "Traceback" not in error
