"""Render the README's pictures with the command line: ``make screenshots``.

Each picture is ``python main.py ... --screenshot docs/NAME.png --size H,W`` in a fresh settings
file, headless (``QT_QPA_PLATFORM=offscreen``), so anyone can regenerate them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAPTOP = "768,1366"
FIRST_START = {"screenshot-1366x768", "screenshot-1920x1080"}  # the "try this" card shows
PHOTO = ["--image", "assets/astronaut.png", "--kernel", "3", "--stride", "2"]
MATRIX = ["--image", "assets/matrix_6x6.csv", "--kernel", "3", "--stride", "1"]
SHOTS = {
    # picture: command-line arguments
    "screenshot-1366x768": ["--size", LAPTOP],
    "screenshot-1920x1080": ["--size", "1080,1920"],
    "screenshot-astronaut": [*PHOTO, "--padding", "1", "--select", "118,130", "--zoom", "12,16"],
    "screenshot-matrix": [
        *MATRIX,
        "--padding",
        "1",
        "--select",
        "0,0",
        "--coverage",
        "3,3",
    ],
    "frameworks": [
        "--image",
        "assets/matrix_6x6.csv",
        "--pool",
        "avg",
        "--kernel",
        "3",
        "--stride",
        "2",
        "--padding",
        "1",
        "--ceil",
        "--select",
        "0,0",
        "--tab",
        "frameworks",
    ],
    "gotcha-gallery": ["--gotcha", "onnx_count_include_pad"],
    "sequence": [
        "--image",
        "assets/sequence_1x40.csv",
        "--pool",
        "max",
        "--kernel",
        "4",
        "--stride",
        "3",
        "--select",
        "0,5",
    ],
    "volume": [
        "--image",
        "assets/digit_volume_8x28x28.npy",
        "--kernel",
        "2",
        "--depth-kernel",
        "3",
        "--depth-stride",
        "2",
        "--slice",
        "1",
        "--select",
        "6,7",
        "--zoom",
        "10,12",
    ],
    "fractional": [
        "--image",
        "assets/digit_28x28.png",
        "--pool",
        "fractional_max",
        "--kernel",
        "2",
        "--output-size",
        "12,12",
        "--seed",
        "4",
        "--select",
        "5,6",
    ],
    **{
        f"experiment-{name}": [*PHOTO, "--experiment", name]
        for name in ("compare", "feature", "stacked", "shift", "noise", "fixed", "cost")
    },
}
CHINESE = {
    # the README.zh-CN pictures (docs/zh/NAME.png), taken with --lang zh_CN; a CJK font such as
    # Debian's fonts-noto-cjk must be installed for Qt to draw the characters
    **{
        name: SHOTS[name]
        for name in (
            "screenshot-1366x768",
            "screenshot-astronaut",
            "screenshot-matrix",
            "frameworks",
            "gotcha-gallery",
            "sequence",
            "volume",
            *(f"experiment-{name}" for name in ("compare", "feature", "stacked", "shift")),
            *(f"experiment-{name}" for name in ("noise", "fixed", "cost")),
        )
    },
    "backward": [*MATRIX, "--backward", "--step", "9"],
    "network": ["--tab", "network"],
}


def main(names: list[str]) -> int:
    shots = [(name, arguments, "") for name, arguments in SHOTS.items()]
    shots += [
        (f"zh/{name}", [*arguments, "--lang", "zh_CN"], "zh") for name, arguments in CHINESE.items()
    ]
    (ROOT / "docs" / "zh").mkdir(exist_ok=True)
    for name, arguments, _ in shots:
        if names and name not in names:
            continue
        with tempfile.TemporaryDirectory() as folder:
            if name.removeprefix("zh/") not in FIRST_START:
                Path(folder, "settings.ini").write_text("[General]\ntry_card_dismissed=yes\n")
            environment = dict(
                os.environ,
                QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM") or "offscreen",
                POOLSCOPE_SETTINGS=str(Path(folder) / "settings.ini"),
            )
            size = [] if "--size" in arguments else ["--size", LAPTOP]
            command = [
                sys.executable,
                "main.py",
                *arguments,
                *size,
                "--overwrite",
                "--screenshot",
                f"docs/{name}.png",
            ]
            print(" ".join(command[1:]), flush=True)
            subprocess.run(command, cwd=ROOT, env=environment, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
