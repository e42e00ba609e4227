"""Shared test set-up: Qt runs headless; hypothesis keeps CI time bounded."""

import os

# An empty value must not slip through: Qt would then try a real display.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"

import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "poolscope",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("poolscope")


@pytest.fixture(autouse=True)
def isolated_state(tmp_path_factory, monkeypatch):
    """The export journal of each test in a folder of its own, never the user's."""
    monkeypatch.setenv("POOLSCOPE_STATE_DIR", str(tmp_path_factory.mktemp("state")))
