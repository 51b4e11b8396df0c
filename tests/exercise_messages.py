"""Helpers for the exercise-check tests: what a check said, and whether it said the key words."""


def said(outcome, *words, ok=False):
    """Assert a check's outcome (``ok``: True, False or None) and the key words of its message."""
    message = outcome.feedback.message
    assert outcome.ok is ok, f"expected ok={ok}, got {outcome.ok}: {message}"
    for word in words:  # sentences start with a capital letter wherever they fall
        assert word.lower() in message.lower(), f"{word!r} not in: {message}"
    return message


def not_said(outcome, *words):
    """Assert that none of ``words`` appears in a check's message (e.g. the answer)."""
    message = outcome.feedback.message
    for word in words:
        assert word not in message, f"{word!r} should not be in: {message}"
    return message
