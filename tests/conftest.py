"""Shared test fixtures: make ``tests/`` helpers importable and keep each test's outcome."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember the call-phase report, so fixtures (browser screenshots) know a test failed."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
