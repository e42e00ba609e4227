"""Start-up and the command line: ``python main.py [options]``.

Without ``--screenshot`` the window opens (on the bundled astronaut photo unless ``--image``
is given). With ``--screenshot OUT.png`` the window is set up in the given state, rendered to
OUT.png and the program exits 0. Any bad input exits 2 with one line on stderr.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from engine.errors import PoolingError
from engine.io.export import clean_journalled_temporaries
from engine.io.images import ImageLoadError, load_input, sample_path
from engine.network.report import add_train_arguments, run_train_command
from engine.ops.memory import set_budget_hint, set_memory_budget
from engine.pooling.frameworks import FRAMEWORKS, backward_problem, framework_of, with_gradient
from engine.pooling.gotchas import GOTCHAS
from engine.pooling.kinds import KINDS, kind_of
from engine.pooling.parameters import PARAMETERS, PoolParams
from engine.pooling.pipeline import run_pool, validate

TABS = ["explore", "experiments", "frameworks", "network"]  # --tab, in the window's order
LANGUAGE_CODES = ["en", "zh_CN"]  # --lang: the keys of gui.i18n.LANGUAGES (no Qt imported here)


class UsageError(Exception):
    """A command-line problem, reported as one line and exit status 2."""


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line on stderr and exit status 2."""

    def error(self, message: str):
        raise UsageError(message)


def parse_pair(text: str) -> tuple[int, int]:
    """``"3"`` -> (3, 3); ``"3,2"`` -> (3, 2)."""
    try:
        parts = [int(part) for part in text.replace("x", ",").split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected N or H,W with whole numbers, got '{text}'"
        ) from None
    if len(parts) == 1:
        parts *= 2
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"expected N or H,W, got '{text}'")
    return parts[0], parts[1]


def parse_quad(text: str) -> tuple[int, int, int, int]:
    """``"1,0,2,1"`` -> (1, 0, 2, 1): top, left, bottom, right."""
    try:
        parts = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected TOP,LEFT,BOTTOM,RIGHT whole numbers, got '{text}'"
        ) from None
    if len(parts) != 4:
        raise argparse.ArgumentTypeError(
            f"expected four numbers TOP,LEFT,BOTTOM,RIGHT, got '{text}'"
        )
    return parts


def parse_levels(text: str) -> tuple[int, ...]:
    """``"4,2,1"`` -> (4, 2, 1)."""
    try:
        levels = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected levels like 4,2,1, got '{text}'") from None
    return levels


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="poolscope", description="See what a pooling layer does.")
    parser.add_argument("--image", type=Path, help="image or matrix file (default: a sample)")
    parser.add_argument(
        "--open-as",
        choices=["auto", "image", "sequences", "volume"],
        default="auto",
        help="read --image as an image, as sequences (a matrix's rows) or as a volume (every "
        "frame of a TIFF/GIF); auto: a 3D .npy is a volume, a one-row matrix a sequence",
    )
    parser.add_argument(
        "--pool", choices=list(KINDS), default=argparse.SUPPRESS, help="pooling type (default max)"
    )
    parser.add_argument("--kernel", type=parse_pair, default=argparse.SUPPRESS, metavar="K|KH,KW")
    parser.add_argument(
        "--stride",
        type=parse_pair,
        default=argparse.SUPPRESS,
        metavar="S|SH,SW",
        help="default: the kernel size",
    )
    parser.add_argument("--padding", type=parse_pair, default=argparse.SUPPRESS, metavar="P|PH,PW")
    parser.add_argument("--dilation", type=parse_pair, default=argparse.SUPPRESS, metavar="D|DH,DW")
    parser.add_argument("--ceil", action="store_true", default=argparse.SUPPRESS, help="ceil mode")
    parser.add_argument(
        "--framework",
        choices=list(FRAMEWORKS),
        default=argparse.SUPPRESS,
        help="whose rules max and avg pooling follow (default torch): padding, divisor, ceil "
        "mode and defaults as that framework computes them",
    )
    include = parser.add_mutually_exclusive_group()
    include.add_argument(
        "--include-pad",
        dest="include_pad",
        action="store_true",
        default=argparse.SUPPRESS,
        help="average: divide by the whole window, padding included (count_include_pad=True)",
    )
    include.add_argument(
        "--exclude-pad",
        dest="include_pad",
        action="store_false",
        default=argparse.SUPPRESS,
        help="average: divide by the real cells only (count_include_pad=False); default: the "
        "framework's (torch and jax include, onnx excludes, keras always real cells)",
    )
    parser.add_argument(
        "--pads",
        type=parse_quad,
        default=argparse.SUPPRESS,
        metavar="TOP,LEFT,BOTTOM,RIGHT",
        help="padding of each side, asymmetric allowed (jax and onnx)",
    )
    parser.add_argument(
        "--auto-pad",
        choices=["SAME_UPPER", "SAME_LOWER", "VALID"],
        default=argparse.SUPPRESS,
        help="onnx: automatic padding",
    )
    parser.add_argument(
        "--tie",
        choices=["first", "all"],
        default=argparse.SUPPRESS,
        help="max: where a tied maximum's gradient goes: the first (autograd, default) or all "
        "of them (the textbook mask window == max)",
    )
    parser.add_argument(
        "--divisor", type=int, default=argparse.SUPPRESS, help="average: divisor override"
    )
    parser.add_argument(
        "--p", type=float, default=argparse.SUPPRESS, help="Lp pooling power (default 2)"
    )
    parser.add_argument(
        "--output-size",
        type=parse_pair,
        default=argparse.SUPPRESS,
        metavar="H,W",
        help="adaptive pooling output size",
    )
    parser.add_argument(
        "--same",
        action="store_true",
        default=argparse.SUPPRESS,
        help="the framework's 'same' padding (keras, jax; onnx: auto_pad SAME_UPPER)",
    )
    for axis_option, help_text in (
        ("--depth-kernel", "volumes: the window's depth (kernel_size[0] of the 3D pool)"),
        ("--depth-stride", "volumes: the step between windows along the depth"),
        ("--depth-padding", "volumes: slices of padding before and after"),
        ("--depth-dilation", "volumes: spacing between a window's slices (max)"),
        ("--depth-output", "volumes: output slices of adaptive and fractional pools"),
    ):
        parser.add_argument(axis_option, type=int, default=argparse.SUPPRESS, help=help_text)
    parser.add_argument(
        "--slice",
        type=int,
        default=None,
        metavar="D",
        help="volumes: the output slice to show (with --select, the cell is in it)",
    )
    parser.add_argument(
        "--mix",
        type=float,
        default=argparse.SUPPRESS,
        help="mixed pooling: lambda in mix*max + (1-mix)*avg (default 0.5)",
    )
    parser.add_argument(
        "--seed", type=int, default=argparse.SUPPRESS, help="stochastic pooling's seed"
    )
    parser.add_argument(
        "--inference",
        action="store_true",
        default=argparse.SUPPRESS,
        help="stochastic pooling: probability-weighted average",
    )
    parser.add_argument(
        "--blur", type=int, default=argparse.SUPPRESS, help="BlurPool filter taps, 2..5"
    )
    parser.add_argument(
        "--levels",
        type=parse_levels,
        default=argparse.SUPPRESS,
        metavar="L1,L2,...",
        help="spatial pyramid levels (default 4,2,1)",
    )
    parser.add_argument(
        "--channel",
        choices=["rgb", "gray", "red", "green", "blue"],
        default=None,
        help="channel(s) to pool",
    )
    parser.add_argument(
        "--select",
        type=parse_pair,
        default=None,
        metavar="ROW,COL",
        help="output cell to select and show the window of",
    )
    parser.add_argument(
        "--coverage",
        type=parse_pair,
        default=None,
        metavar="ROW,COL",
        help="input pixel whose coverage to mark",
    )
    parser.add_argument(
        "--physical-scale", action="store_true", help="draw the output at the input's scale"
    )
    parser.add_argument(
        "--zoom",
        type=parse_pair,
        default=None,
        metavar="ROWS,COLS",
        help="zoom the input view to this many cells around the selection",
    )
    parser.add_argument(
        "--screenshot", type=Path, metavar="OUT.png", help="render the window to OUT.png and exit"
    )
    parser.add_argument(
        "--experiment",
        metavar="NAME",
        default=None,
        help="open the Experiments tab at NAME (compare, feature, stacked, "
        "shift, noise, fixed, cost)",
    )
    parser.add_argument(
        "--gotcha",
        choices=[item.key for item in GOTCHAS],
        default=None,
        metavar="KEY",
        help="load a preset of the gotcha gallery (Pooling > Gotchas): "
        + ", ".join(item.key for item in GOTCHAS),
    )
    parser.add_argument(
        "--tab",
        choices=TABS,
        default=None,
        help="the tab to show",
    )
    parser.add_argument(
        "--step", type=int, default=None, metavar="N", help="show the animation after N steps"
    )
    parser.add_argument(
        "--backward", action="store_true", help="show the backward pass (gradient routing)"
    )
    parser.add_argument(
        "--upstream",
        choices=["ones", "random", "output", "one_hot"],
        default="ones",
        help="upstream gradient of the backward pass",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace existing --screenshot, --export or --grad files",
    )
    parser.add_argument(
        "--export",
        type=Path,
        metavar="OUT",
        help="write the output without a window: .npy (exact array), .csv "
        "(first channel), .png (picture) or .gif (forward animation)",
    )
    parser.add_argument(
        "--grad",
        type=Path,
        metavar="OUT",
        help="write the input gradient for an all-ones upstream gradient, "
        "same formats (.gif: the backward animation)",
    )
    parser.add_argument(
        "--frames", type=int, default=120, help="most frames in a .gif (default 120)"
    )
    parser.add_argument(
        "--memory-budget",
        type=float,
        default=None,
        metavar="MB",
        help="the most memory one computation may take, in megabytes (default: half the "
        "available memory); a refusal for lack of memory names this option",
    )
    parser.add_argument(
        "--size",
        type=parse_pair,
        default=(768, 1366),
        metavar="H,W",
        help="window size for --screenshot, height first (default 768,1366)",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGE_CODES,
        default=None,
        help="the window's language: en (English) or zh_CN (Simplified Chinese); default: the "
        "one chosen last in View > Language, else the system's",
    )
    add_train_arguments(parser)
    return parser


POOLING_OPTIONS = {
    # argparse destination: (PoolParams field, the option as typed)
    "pool": ("pool_type", "--pool"),
    "framework": ("framework", "--framework"),
    "kernel": ("kernel_size", "--kernel"),
    "stride": ("stride", "--stride"),
    "padding": ("padding", "--padding"),
    "pads": ("pads", "--pads"),
    "auto_pad": ("auto_pad", "--auto-pad"),
    "same": ("same_padding", "--same"),
    "dilation": ("dilation", "--dilation"),
    "ceil": ("ceil_mode", "--ceil"),
    "include_pad": ("count_include_pad", "--include-pad / --exclude-pad"),
    "divisor": ("divisor_override", "--divisor"),
    "tie": ("tie", "--tie"),
    "p": ("norm_type", "--p"),
    "depth_kernel": ("depth_kernel", "--depth-kernel"),
    "depth_stride": ("depth_stride", "--depth-stride"),
    "depth_padding": ("depth_padding", "--depth-padding"),
    "depth_dilation": ("depth_dilation", "--depth-dilation"),
    "depth_output": ("depth_output", "--depth-output"),
    "output_size": ("output_size", "--output-size"),
    "mix": ("mix", "--mix"),
    "seed": ("seed", "--seed"),
    "inference": ("inference", "--inference"),
    "blur": ("blur_size", "--blur"),
    "levels": ("levels", "--levels"),
}
"""The pooling options; each is set in ``args`` only when given on the command line."""

FRAMEWORK_FIELDS = ("framework", "pads", "auto_pad", "same_padding", "count_include_pad", "tie")
"""Settings whose options are refused, not ignored, by a kind that does not use them."""


def pooling_given(args: argparse.Namespace) -> bool:
    return any(name in vars(args) for name in POOLING_OPTIONS)


def params_from_args(args: argparse.Namespace) -> PoolParams:
    """The settings given, the rest at PoolScope's defaults (kernel 2, stride = kernel) and
    the chosen framework's (its ``count_include_pad``; JAX's and ONNX's ``--padding`` is
    their per-side ``pads``, ONNX's ``--same`` its ``auto_pad=SAME_UPPER``). Raises
    UsageError, in one line naming the framework and the option, for what the framework's
    pooling cannot express."""
    given = dict(vars(args))
    values = {field: given[name] for name, (field, _) in POOLING_OPTIONS.items() if name in given}
    values.setdefault("kernel_size", (2, 2))
    values.setdefault("stride", values["kernel_size"])
    framework = framework_of(values.get("framework", "torch"))
    if framework.include_pad_default is not None:
        values.setdefault("count_include_pad", framework.include_pad_default)
    pads_option = "--pads"
    if "pads" in framework.max_settings and "padding" in values:
        if "pads" in values:
            raise UsageError(
                f"{framework.name} pads each side with --pads; give --pads or --padding, not both"
            )
        height, width = values.pop("padding")
        values["pads"] = (height, width, height, width)
        given["pads"] = given.pop("padding")
        pads_option = "--padding"
    if "pads" in framework.max_settings and "pads" in values:
        problem = automatic_padding_clash(framework.name, values, pads_option)
        if problem:
            raise UsageError(problem)
    if framework.name == "onnx" and values.pop("same_padding", False):
        if values.get("auto_pad", "SAME_UPPER") != "SAME_UPPER":
            raise UsageError("onnx: --same is --auto-pad SAME_UPPER; give one of them")
        values["auto_pad"] = given["auto_pad"] = "SAME_UPPER"
        del given["same"]
    params = PoolParams(**values)
    problem = unused_option(params, given)
    if problem:
        raise UsageError(problem)
    return params


def automatic_padding_clash(framework: str, values: dict, pads_option: str) -> str:
    """Why explicit pads cannot go with the framework's automatic padding (in one line), or
    "": ONNX forbids ``pads`` with ``auto_pad``, and JAX's 'same' works out its own pads."""
    if values.get("same_padding"):
        automatic = "--same"
    elif values.get("auto_pad", "NOTSET") != "NOTSET":
        automatic = f"--auto-pad {values['auto_pad']}"
    else:
        return ""
    if framework == "onnx":
        return (
            f"onnx: {pads_option} cannot be combined with {automatic} (ONNX forbids pads with "
            "auto_pad); give one of them"
        )
    return (
        f"{framework}: {pads_option} cannot be combined with {automatic} ('same' padding works "
        "out the pads itself); give one of them"
    )


SEQUENCE_OPTIONS = {
    "kernel": "--kernel",
    "stride": "--stride",
    "padding": "--padding",
    "dilation": "--dilation",
    "output_size": "--output-size",
}
"""The per-axis options whose one number is a sequence's length setting."""


def sequence_problem(args: argparse.Namespace, params: PoolParams, input_shape) -> str:
    """Why a per-axis option given for a sequence (a one-row input, pooled along its length)
    cannot apply (in one line), or "": a sequence has one axis, so two different numbers
    (``--kernel 3,2``) would silently lose one, as would padding on its top or bottom."""
    if not kind_of(params).pools_sequence(input_shape):
        return ""
    given = vars(args)
    for name, option in SEQUENCE_OPTIONS.items():
        if name not in given:
            continue
        height, width = given[name]
        if height != width:
            return (
                f"the input is a sequence of {input_shape[-1]} (one axis): give {option} one "
                f"number, its length's, not {height},{width}"
            )
    if "pads" in given:
        top, left, bottom, right = given["pads"]
        if top or bottom:
            return (
                f"the input is a sequence of {input_shape[-1]} (one axis): --pads pads only its "
                f"start and end, so give 0,{left},0,{right}, not {top},{left},{bottom},{right}"
            )
    return ""


def backward_option_problem(params: PoolParams, option: str) -> str:
    """Why ``option`` (``--grad`` or ``--backward``) cannot apply to ``params`` because their
    framework has no backward pass (in one line), or ""."""
    kind = kind_of(params)
    problem = backward_problem(kind.effective(params))
    if not problem:
        return ""
    names = [framework.name for framework in with_gradient()]
    choices = f"{', '.join(names[:-1])} or {names[-1]}"
    return f"{problem}; choose --framework {choices} for {option}"


COMMAND_LINE_BUDGET_HINT = "raise the budget with --memory-budget MB"
"""How a memory refusal printed by the command line says the budget can be raised."""


def unused_option(params: PoolParams, given: dict) -> str:
    """Why an option given cannot apply to the settings (in one line), or "". Max and average
    pooling refuse every option their framework lacks; other kinds refuse the framework
    options (and ignore the rest, as before)."""
    kind = kind_of(params)
    used = set(kind.used(params)) | {"pool_type", "kernel_size", "stride"}
    for name, (field, option) in POOLING_OPTIONS.items():
        if name not in given or field in used:
            continue
        if field not in kind.parameters:
            if field in FRAMEWORK_FIELDS and getattr(params, field) != getattr(PoolParams(), field):
                return f"{option} does not apply to {kind.label.lower()} pooling"
            continue  # settings of other kinds are ignored, as they always were
        framework = framework_of(params)
        if field == "same_padding" and framework.name == "torch":
            return (
                "torch has no 'same' padding in its pooling layers (--same): choose "
                "--framework keras, jax or onnx, or pad with --padding"
            )
        what = f"{framework.name} {kind.label.lower()} pooling"
        if field == "pads":
            return f"{what} pads both sides alike (--pads is for jax and onnx): use --padding"
        if field == "count_include_pad":
            return f"{what} always divides by the real cells ({option})"
        if field == "padding":
            return f"{what} has no explicit padding (--padding): use --same, or --framework jax"
        return f"{what} has no {PARAMETERS[field].label.lower()} ({option})"
    return ""


def fail(message: str) -> int:
    print(f"poolscope: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run PoolScope; returns the exit status (0 fine, 2 bad input)."""
    set_budget_hint(COMMAND_LINE_BUDGET_HINT)
    try:
        return run_command_line(argv)
    finally:
        set_budget_hint(None)


def run_command_line(argv: Sequence[str] | None) -> int:
    """Parse the command line, then export headless or open the window."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as error:
        return fail(str(error))
    if args.train is not None:
        return run_train_command(args)  # the network trains without a window
    clean_journalled_temporaries()  # what killed exports left behind, wherever they were
    problem = output_problem(args)
    if problem is not None:
        return fail(problem)
    if args.memory_budget is not None:
        if not 1 <= args.memory_budget < 2**40:
            return fail(f"--memory-budget must be a number of megabytes, not {args.memory_budget}")
        set_memory_budget(round(args.memory_budget * 2**20))
    try:
        params = params_from_args(args)
    except UsageError as error:
        return fail(str(error))
    for option, asked in (("--grad", args.grad is not None), ("--backward", args.backward)):
        problem = backward_option_problem(params, option) if asked else ""
        if problem:
            return fail(problem)
    try:
        image = (
            None
            if args.image is None and not (args.export or args.grad)
            else load_input(args.image or sample_path("astronaut"), args.open_as)
        )
        if image is not None and pooling_given(args):
            problem = sequence_problem(args, params, image.shape)
            if problem:
                return fail(problem)
            validate(params, image.shape)
    except (ImageLoadError, PoolingError) as error:
        return fail(str(error))
    if args.export or args.grad:
        return run_exports(args, image, params)
    set_budget_hint(None)  # the window names its own setting
    return run_window(args, params if pooling_given(args) else None)


def output_problem(args: argparse.Namespace) -> str | None:
    """Why the files of --screenshot, --export and --grad cannot be written as asked (in one
    line), or None: checked before any work, so nothing is computed for nothing."""
    targets = {
        option: path
        for option, path in (
            ("--screenshot", args.screenshot),
            ("--export", args.export),
            ("--grad", args.grad),
        )
        if path is not None
    }
    seen: dict[str, str] = {}
    for option, target in targets.items():
        folder = target.parent
        if not os.path.isdir(folder):
            return f"cannot write {target} ({option}): the folder {folder} does not exist"
        if not os.access(folder, os.W_OK | os.X_OK):
            return f"cannot write {target} ({option}): the folder {folder} is not writable"
        same = os.path.normcase(os.path.realpath(target))
        if same in seen:
            return f"{seen[same]} and {option} name the same file {target}; give two names"
        seen[same] = option
        if os.path.exists(target) and not args.overwrite:
            return f"{target} already exists; add --overwrite to replace it"
    return None


def run_exports(args: argparse.Namespace, image, params: PoolParams) -> int:
    """``--export`` and ``--grad``, headless: no window is opened."""
    from engine.io.export import ExportError, export_gradient, export_result
    from engine.pooling.display import select_channel

    if args.frames < 2:
        return fail("--frames must be at least 2")
    image = select_channel(image, args.channel or "rgb")
    try:
        result = run_pool(image, params)
        if args.export:
            export_result(args.export, image, result, args.frames)
        if args.grad:
            export_gradient(args.grad, image, result, args.frames)
    except (ExportError, PoolingError) as error:
        return fail(str(error))
    return 0


def run_window(args: argparse.Namespace, params: PoolParams | None) -> int:
    from gui.system_check import PlatformFailureHint, window_system_problem

    problem = window_system_problem()
    if problem is not None:
        print(f"poolscope: {problem}", file=sys.stderr)
        return 1
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from gui.crash import CrashReporter, install
    from gui.i18n import LANGUAGE
    from gui.qt_utils import MainThreadCollector, ui_thread_switching

    pg.setConfigOptions(imageAxisOrder="row-major", antialias=True)
    with PlatformFailureHint():  # a plugin that fails anyway: a hint, not Qt's wall of text
        app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("PoolScope")
    app.setOrganizationName("PoolScope")
    reporter = CrashReporter(app)
    uninstall = install(reporter)
    collector = MainThreadCollector()  # Qt objects are never freed on a pooling thread
    previous_language = LANGUAGE.code
    try:
        with ui_thread_switching():
            return show_window(app, args, params)
    finally:
        collector.stop()
        uninstall()
        LANGUAGE.install(previous_language)  # main() leaves no language behind (tests call it)


def start_language(args: argparse.Namespace, settings) -> str:
    """Install the window's language: ``--lang``, else the one chosen last, else the
    system's. Returns its code ("en" when a translation cannot be loaded)."""
    from gui.i18n import LANGUAGE, system_language

    code = args.lang or settings.language() or system_language()
    if not LANGUAGE.install(code):
        LANGUAGE.install("en")
    return LANGUAGE.code


def show_window(app, args: argparse.Namespace, params: PoolParams | None) -> int:
    from gui.main_window import MainWindow
    from gui.models.settings import Settings

    settings = Settings()
    start_language(args, settings)
    window = MainWindow(settings=settings)
    app.poolscope_window = window  # View > Language replaces it with a rebuilt window
    smallest = window.minimumSize()
    if args.screenshot is not None and (
        args.size[0] < smallest.height() or args.size[1] < smallest.width()
    ):
        return fail(
            f"--size {args.size[0]},{args.size[1]} is smaller than the window can be: at least "
            f"{smallest.height()},{smallest.width()} (height,width)"
        )
    if args.screenshot is not None:
        window.ask_downscale = lambda *_: "full"  # no questions when scripted
    if args.channel:
        window.model.set_channel(args.channel)
    if not window.start(args.image, args.open_as):
        return 2
    if params is not None:
        try:
            validate(params, window.model.image.shape)
        except PoolingError as error:
            return fail(str(error))
        window.model.set_params(params)
    window.model.wait_until_idle()
    app.processEvents()
    if args.physical_scale:
        window.physical_action.setChecked(True)
        window.toggle_physical_scale(True)
    if args.gotcha is not None:
        window.load_gotcha(args.gotcha)
    if args.slice is not None:
        result = window.model.volume_result
        if result is None or not 0 <= args.slice < result.output.shape[1]:
            slices = (
                "the input is not a volume"
                if result is None
                else (f"the output has slices 0..{result.output.shape[1] - 1}")
            )
            return fail(f"--slice {args.slice}: {slices}")
        window.model.set_output_depth(args.slice)
    if args.select is not None:
        shape = window.model.output_shape()
        row, col = args.select
        if shape is None or not (0 <= row < shape[0] and 0 <= col < shape[1]):
            return fail(
                f"--select {row},{col} is outside the {shape[0]} x {shape[1]} (H x W) output "
                f"(rows 0..{shape[0] - 1}, columns 0..{shape[1] - 1})"
            )
        window.model.select_output(row, col, pin=True)
    if args.coverage is not None:
        window.model.set_coverage_pixel(*args.coverage)
    if args.backward:
        window.animation.set_upstream(args.upstream)
        window.animation.set_direction("backward")
    if args.step is not None:
        window.animation.set_count(args.step)
    if args.tab is not None:
        window.tabs.setCurrentIndex(TABS.index(args.tab))
        window.frameworks.runner.wait_until_idle()
    if args.experiment:
        try:
            window.show_experiment(args.experiment)
        except KeyError:
            return fail(f"no experiment called '{args.experiment}'")
        window.experiments.runner.wait_until_idle()
    if args.screenshot is None:
        window.show()
        app.processEvents()
        window.show_first_view()
        status = app.exec()
        app.poolscope_window.close()  # the window shown last (a language switch rebuilds it)
        return status
    window.resize(args.size[1], args.size[0])
    window.show()
    app.processEvents()
    window.show_first_view()
    app.processEvents()
    if args.zoom is not None:
        zoom_around_selection(window, args.zoom)
    app.processEvents()
    from engine.io.export import ExportError

    try:
        window.save_screenshot(args.screenshot)
    except (OSError, ExportError) as error:
        return fail(f"cannot write {args.screenshot}: {error}")
    window.close()
    return 0


def zoom_around_selection(window, cells: tuple[int, int]) -> None:
    """Zoom the input view to ``cells`` rows x columns centred on the selected window."""
    rows, cols = cells
    window_cells = window.model.selected_window()
    if window_cells is None:
        centre_row, centre_col = (length / 2 for length in window.model.image.shape[1:])
    else:
        centre_row = (window_cells.rows[0] + window_cells.rows[-1] + 1) / 2
        centre_col = (window_cells.cols[0] + window_cells.cols[-1] + 1) / 2
    window.input_panel.zoom_to_cells(centre_row - rows / 2, centre_col - cols / 2, rows, cols)
