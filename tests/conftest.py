"""Fixtures shared by the tests, and each test's outcome kept for the fixtures."""

import pytest


@pytest.fixture
def lenient(monkeypatch):
    """Exercise checks report a wrong answer as feedback instead of raising (strict mode off)."""
    from helpers.exercises import STRICT_ENV

    monkeypatch.setenv(STRICT_ENV, "0")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Remember the call-phase report, so fixtures (browser screenshots) know a test failed."""
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.rep_call = report
