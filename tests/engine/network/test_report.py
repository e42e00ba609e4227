"""The training report and the headless ``--train`` command."""

import argparse
import json

import pytest

from engine.network.report import add_train_arguments, run_train_command, train_report


def parser():
    """The app's parser in small: its own --seed and --overwrite, then the training options."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=argparse.SUPPRESS)
    parser.add_argument("--overwrite", action="store_true")
    add_train_arguments(parser)
    return parser


SMALL_RUN = ["--epochs", "1", "--width", "0.25", "--train-count", "200", "--test-count", "50"]


def test_report_has_the_contracted_keys():
    report = train_report("max", epochs=2, seed=1, width=0.25, train_count=200, test_count=50)
    assert list(report) == ["pool", "parameters", "layers", "epochs", "shift_accuracy"]
    assert report["pool"] == "max"
    assert report["parameters"] == sum(layer["parameters"] for layer in report["layers"])
    assert report["layers"][0] == {
        "name": "conv2d",
        "output_shape": [None, 26, 26, 8],
        "parameters": 80,
    }
    assert len(report["epochs"]) == 2
    assert set(report["epochs"][0]) == {
        "train_loss",
        "train_accuracy",
        "test_loss",
        "test_accuracy",
        "seconds",
    }
    assert list(report["shift_accuracy"]) == ["0", "2", "4", "6"]
    assert all(0 <= value <= 1 for value in report["shift_accuracy"].values())
    assert report["shift_accuracy"]["0"] == report["epochs"][-1]["test_accuracy"]
    json.dumps(report)  # JSON-ready as it is


def test_train_command_writes_the_report_and_weights(tmp_path, capsys):
    out, weights = tmp_path / "report.json", tmp_path / "net.npz"
    args = parser().parse_args(
        ["--train", "none", *SMALL_RUN, "--train-report", str(out), "--train-weights", str(weights)]
    )
    assert run_train_command(args) == 0
    report = json.loads(out.read_text())
    assert report["pool"] == "none" and report["layers"][3]["output_shape"] == [None, 7744]
    assert weights.exists()
    assert "epoch 1/1: train loss" in capsys.readouterr().err
    assert run_train_command(args) == 2  # exists: --overwrite is needed
    assert "already exists; add --overwrite" in capsys.readouterr().err


def test_train_command_without_a_file_prints_the_report(capsys):
    args = parser().parse_args(["--train", "avg", "--seed", "3", *SMALL_RUN])
    assert run_train_command(args) == 0
    assert json.loads(capsys.readouterr().out)["pool"] == "avg"


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--train", "max", "--epochs", "0"], "at least 1"),
        (["--train", "max", "--train-report", "/no/such/folder/r.json"], "does not exist"),
        (["--train", "max", "--train-weights", "w.txt"], ".npz"),
        (["--train", "max", "--width", "0"], "width factor"),
    ],
)
def test_bad_training_options_fail_in_one_line(arguments, message, capsys):
    assert run_train_command(parser().parse_args(arguments)) == 2
    error = capsys.readouterr().err
    assert message in error and error.startswith("poolscope: error:") and error.count("\n") == 1


def test_pools_that_do_not_fit_are_not_offered():
    with pytest.raises(SystemExit):
        parser().parse_args(["--train", "global_max"])
