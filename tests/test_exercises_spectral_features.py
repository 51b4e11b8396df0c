"""Notebook 08's exercise checks: right answers pass, each named slip is named, nothing raises.

The ``lenient`` fixture (tests/conftest.py) turns strict mode off, so a wrong answer
returns feedback (``outcome.feedback.message``) instead of raising.
"""

import numpy as np
import pytest

from helpers import exercises as E
from helpers import spectral

# ------------------------------------------------------------------ Exercise 1: centroid


def _centroid_with_divide(S, freqs):
    S = np.asarray(S, dtype=float)
    total = S.sum(axis=0)
    weighted = np.asarray(freqs, dtype=float) @ S
    return np.divide(weighted, total, out=np.zeros_like(weighted), where=total > 0)


def _centroid_with_loop(S, freqs):
    out = []
    for frame in np.asarray(S, dtype=float).T:
        total = frame.sum()
        out.append(float(np.sum(freqs * frame) / total) if total > 0 else 0.0)
    return out  # a list is fine


@pytest.mark.parametrize("func", [_centroid_with_divide, _centroid_with_loop])
def test_centroid_check_accepts_right_answers(func, capsys):
    assert E.check_centroid(func).ok is True
    assert "Correct" in capsys.readouterr().out


def _message(outcome):
    assert outcome.ok is False
    return outcome.feedback.message


@pytest.mark.parametrize(
    "func,words",
    [
        (
            lambda S, f: np.asarray(f) @ np.asarray(S) / np.asarray(S).sum(axis=0),
            "silent frame gives NaN",
        ),
        (lambda S, f: np.asarray(f) @ np.asarray(S) / np.asarray(S).shape[0], "number of bins"),
        (
            lambda S, f: _centroid_with_divide(np.asarray(S) ** 2, f),
            "weights are powers",
        ),
        (
            lambda S, f: _centroid_with_divide(S, np.arange(len(f))),
            "bin numbers, not Hz",
        ),
        (
            lambda S, f: np.where(np.asarray(S).sum(axis=0) > 0, f[np.argmax(S, axis=0)], 0.0),
            "loudest bin",
        ),
    ],
    ids=["nan", "bins", "power", "index", "argmax"],
)
def test_centroid_check_names_the_slips(func, words, lenient):
    with np.errstate(all="ignore"):
        message = _message(E.check_centroid(func))
    assert words in message
    assert "my_centroid" in message and "Hz" in message  # the evidence: the case, the values


@pytest.mark.parametrize(
    "func,words",
    [
        (lambda S, f: _centroid_with_divide(S, f).tolist()[:-1], "frame"),  # one frame short
        (lambda S, f: None, "None"),
        (lambda S, f: "1000 Hz", "text"),
        (lambda S, f: 1 / 0, "ZeroDivisionError"),
        (lambda S: 0.0, "my_centroid(S, freqs)"),  # wrong signature
    ],
    ids=["short", "none", "text", "raises", "signature"],
)
def test_centroid_check_turns_any_mistake_into_feedback(func, words, lenient):
    message = _message(E.check_centroid(func))
    assert words in message


def test_centroid_check_not_attempted_gives_a_hint_without_the_formula(capsys):
    def not_written(S, freqs):
        raise NotImplementedError

    for answer in (..., None, not_written):
        assert E.check_centroid(answer).ok is None
    out = capsys.readouterr().out
    assert "Not attempted" in out and "freqs @ S" not in out


def test_centroid_check_raises_in_strict_mode():
    with pytest.raises(AssertionError, match="number of bins"):
        E.check_centroid(lambda S, f: np.asarray(f) @ np.asarray(S) / np.asarray(S).shape[0])


def test_centroid_check_cannot_be_fooled_by_changing_the_input(lenient):
    def sneaky(S, freqs):
        S[:] = 0  # zeroes the learner's copy, not the reference's
        return np.zeros(S.shape[1])

    assert E.check_centroid(sneaky).ok is False


# ------------------------------------------------------------------ Exercise 2: roll-off

FREQS = np.arange(9) * 500.0
MAGS = np.array([0, 8, 1, 2, 3, 2, 1, 2, 1], dtype=float)  # running total reaches 17 exactly


def test_the_rolloff_case_tells_the_conventions_apart():
    right = spectral.spectral_rolloff(S=MAGS, sr=8000, roll_percent=0.85)
    power = spectral.spectral_rolloff(S=MAGS**2, sr=8000, roll_percent=0.85)
    values = {right, right + 500, right - 500, power, 0.85 * 4000}
    assert right == 3000.0 and len(values) == 5  # every slip is a different number


@pytest.mark.parametrize("answer", [3000, 3000.0, np.float32(3000), [3000.0], np.array([3000])])
def test_rolloff_check_accepts_the_right_frequency(answer):
    assert E.check_rolloff_frequency(answer, S=MAGS, freqs=FREQS, roll_percent=0.85).ok is True


@pytest.mark.parametrize(
    "answer,words",
    [
        (3500, "goes past the threshold"),
        (2500, "last bin still below"),
        (2000, "roll-off of the powers"),
        (6, "bin number"),
        (3400, "85 % of the highest frequency"),
        (1500, "the threshold is 85 % of the total, 17"),  # evidence: what 1500 Hz holds
        (3100, "one of the bin frequencies"),
        (3.0, "looks like kHz"),
        ("3000", "text"),
        (np.nan, "not a finite number"),
    ],
)
def test_rolloff_check_names_the_slips(answer, words, lenient):
    message = _message(E.check_rolloff_frequency(answer, S=MAGS, freqs=FREQS, roll_percent=0.85))
    assert words in message


def test_rolloff_check_not_attempted_and_strict(capsys):
    assert E.check_rolloff_frequency(..., S=MAGS, freqs=FREQS).ok is None
    assert "3000" not in capsys.readouterr().out
    with pytest.raises(AssertionError, match="goes past"):
        E.check_rolloff_frequency(3500, S=MAGS, freqs=FREQS)


# ------------------------------------------------------------------ Exercise 3: flute or wind


@pytest.mark.parametrize(
    "answer",
    ["spectral_flatness", "flatness", " spectral_flatness ", "Spectral_Flatness", "FLATNESS"],
)
def test_flute_or_noise_accepts_flatness(answer, capsys):
    assert E.check_flute_or_noise(answer).ok is True
    out = capsys.readouterr().out
    assert "100 %" in out and "flatness" not in out  # confirmed without naming it


@pytest.mark.parametrize(
    "answer,words",
    [
        ("spectral_centroid", "just as bright"),
        ("spectral_rolloff", "below the same frequencies"),
        ("spectral_bandwidth", "spreads about as widely"),
        ("band_energy_ratio", "balance of low against high"),
        ("zero_crossing_rate", "is not one of"),
        (3, "as text"),
        (E.check_flute_or_noise, "as text"),
    ],
)
def test_flute_or_noise_explains_each_wrong_feature(answer, words, lenient):
    message = _message(E.check_flute_or_noise(answer))
    assert words in message
    if isinstance(answer, str) and answer.startswith(("spectral", "band")):
        assert "% of the frames" in message and "percentile" in message  # the evidence


def test_only_the_flatness_separates_the_flute_from_the_wind():
    from helpers.exercises import spectral_features as X

    flute, wind = X._flute_and_wind()
    scores = {name: X._best_threshold(flute[name], wind[name]) for name in flute}
    assert scores["spectral_flatness"] == 1.0
    assert all(score < 0.9 for name, score in scores.items() if name != "spectral_flatness")
    # the wind really is flute-like in brightness: the median centroids are close
    assert abs(np.median(flute["spectral_centroid"]) - np.median(wind["spectral_centroid"])) < 100


def test_best_threshold_by_hand():
    from helpers.exercises import spectral_features as X

    assert X._best_threshold(np.array([1.0, 2.0]), np.array([3.0, 4.0])) == 1.0
    assert X._best_threshold(np.array([3.0, 4.0]), np.array([1.0, 2.0])) == 1.0
    assert X._best_threshold(np.array([1.0, 3.0]), np.array([2.0, 4.0])) == 0.75


def test_flute_or_noise_not_attempted(capsys):
    assert E.check_flute_or_noise(...).ok is None
    assert "flatness" in capsys.readouterr().out  # the options are listed, not the answer alone


# ------------------------------------------------------------------ Exercise 4: split


@pytest.mark.parametrize("answer", [450, 600.0, 700, 850, [600]])
def test_split_check_accepts_splits_between_the_first_two_harmonics(answer, capsys):
    assert E.check_split_frequency(answer).ok is True
    out = capsys.readouterr().out
    assert "dB apart" in out and "piano's ratio runs from" in out


@pytest.mark.parametrize(
    "answer,words",
    [
        (56, "below both notes' fundamental"),  # the bin number of 600 Hz
        (300, "below both notes' fundamental"),
        (440, "near the fundamental"),
        (900, "near the second harmonic"),
        (1000, "above the second harmonic"),
        (4000, "above the second harmonic"),
        (0.6, "kHz"),
        (20000, "Nyquist"),
        (-100, "Nyquist"),
        (11025, "below the Nyquist frequency, 11025 Hz"),
        (0, "must lie above 0 Hz"),
        ("600", "text"),
        (np.inf, "not a finite number"),
    ],
)
def test_split_check_names_the_slips(answer, words, lenient):
    message = _message(E.check_split_frequency(answer))
    assert words in message
    if isinstance(answer, (int, float)) and 20 < answer < 11025:
        assert "piano's ratio runs from" in message and "organ's from" in message


def test_split_check_not_attempted_and_strict(capsys):
    assert E.check_split_frequency(...).ok is None
    assert "Not attempted" in capsys.readouterr().out
    with pytest.raises(AssertionError, match="above the second harmonic"):
        E.check_split_frequency(2000)
