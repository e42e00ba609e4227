"""Shared test set-up: Qt runs headless; hypothesis keeps CI time bounded."""

import os

# An empty value must not slip through: Qt would then try a real display.
os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"

from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "poolscope",
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("poolscope")
