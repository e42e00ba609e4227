"""A seeded fuzz of the window (``tests/gui/fuzz.py``): a few hundred random actions from every
control, menu, tab, timeline button and key, on samples and hostile files. ``make fuzz`` runs
thousands."""

import pytest

from tests.gui.fuzz import fuzz_window


@pytest.mark.qt_no_exception_capture  # the fuzzer counts exceptions itself
@pytest.mark.parametrize("seed", [2025, 7])
def test_a_seeded_fuzz_of_the_window_finds_nothing(qapp, seed):
    findings = fuzz_window(count=250, seed=seed, stall_limit_ms=500)
    print(findings.summary())  # the figures, in the log of a run with -s or of a failure
    assert findings.actions == 250
    assert findings.exceptions == [], findings.exceptions[0]
    assert findings.warnings == []
    assert findings.stalls == [], findings.summary()
    assert findings.close_seconds < 0.5  # closing during a job returns at once
