"""helpers.exercises: right answers pass, wrong ones fail (loudly in strict mode), missing ones hint."""

import numpy as np
import pytest

from helpers import exercises as E
from helpers import signals


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "0")


def test_strict_mode_is_on_under_the_tests():
    assert E.strict_mode()


def test_not_attempted_is_a_hint_not_an_error(capsys):
    assert E.check_period(...).ok is None
    assert E.check_period(None).ok is None
    assert E.check_quantize(...).ok is None
    assert "Not attempted" in capsys.readouterr().out


def test_wrong_answers_raise_in_strict_mode():
    with pytest.raises(AssertionError, match="period"):
        E.check_period(5.0)


def test_wrong_answers_give_feedback_when_not_strict(lenient, capsys):
    assert E.check_period(5.0).ok is False
    assert "Not yet" in capsys.readouterr().out
    assert E.check_octaves([110, 220, 440]).ok is False  # wrong length
    assert E.check_octaves("lots").ok is False


def test_feedback_renders_as_html():
    fb = E.Feedback("wrong", "a < b")
    assert "a &lt; b" in fb._repr_html_()
    assert fb.ok is False


RIGHT_AND_WRONG = [
    (E.check_period, 4.0, 4.4, {}),
    (E.check_octaves, [110, 220, 440, 880, 1760], [110, 220, 440, 880, 1320], {}),
    (E.check_duration, 2.0, 2.2, {"n_samples": 44100, "sr": 22050}),
    (E.check_alias, 7050, 15000, {"freq": 15000, "sr": 22050}),
    (E.check_harmonics, [440, 880, 1320, 1760, 2200], [440, 880, 1760, 3520, 7040], {}),
]


@pytest.mark.parametrize("check,right,wrong,kw", RIGHT_AND_WRONG, ids=lambda v: getattr(v, "__name__", ""))
def test_value_checks(check, right, wrong, kw, lenient):
    assert check(right, **kw).ok is True
    assert check(wrong, **kw).ok is False


def test_rms_db_check(lenient):
    y = signals.sine(440, 1.0, amplitude=0.5)
    assert E.check_rms_db(20 * np.log10(0.5 / np.sqrt(2)), y=y).ok is True
    assert E.check_rms_db(20 * np.log10(0.5), y=y).ok is False


def test_function_checks(lenient):
    assert E.check_midi_to_hz(lambda n: 440 * 2 ** ((n - 69) / 12)).ok is True
    assert E.check_midi_to_hz(lambda n: 440 * 2 ** ((n - 69) / 10)).ok is False
    assert E.check_midi_to_hz(lambda n: None).ok is False
    assert E.check_quantize(signals.quantize).ok is True
    # a mid-tread quantizer is a different convention: rejected, with a hint
    assert E.check_quantize(lambda y, b: np.round(np.asarray(y) * 2 ** (b - 1)) / 2 ** (b - 1)).ok is False
    assert E.check_adsr(lambda a, d, s, r, dur, sr: signals.adsr_envelope(a, d, s, r, dur, sr=sr)).ok is True
    assert E.check_adsr(lambda a, d, s, r, dur, sr: np.ones(int(round(dur * sr)))).ok is False


def test_function_check_reports_learner_errors(lenient, capsys):
    def broken(y, bits):
        raise ZeroDivisionError("oops")

    assert E.check_quantize(broken).ok is False
    assert "ZeroDivisionError" in capsys.readouterr().out

    def todo(y, bits):
        raise NotImplementedError

    assert E.check_quantize(todo).ok is None
    assert E.check_quantize(42).ok is False
