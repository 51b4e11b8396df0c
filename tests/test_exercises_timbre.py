"""helpers.exercises.timbre: notebook 03's checks (RMS level, ADSR envelope, harmonics)."""

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import signals

pytestmark = pytest.mark.usefixtures("lenient")

Y = signals.sine(440, 1.0, amplitude=0.6)  # RMS 0.6 / sqrt(2): -7.447 dBFS
LEVEL = 20 * np.log10(0.6 / np.sqrt(2))


@pytest.mark.parametrize(
    "answer",
    [
        LEVEL,
        -7.45,
        -7.4,
        [-7.447],
        10 * np.log10(np.mean(Y.astype(np.float32) ** 2)),  # float32 arithmetic, 10·log10 of power
    ],
)
def test_rms_db_right(answer):
    said(E.check_rms_db(answer, y=Y), "that is the RMS level of y", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (10 * np.log10(0.6 / np.sqrt(2)), ["10 · log10 is for powers", "20 · log10(RMS)"]),
        (20 * np.log10(0.18), ["20 · log10 of the mean square", "square root first"]),
        (
            20 * np.log10(np.mean(np.abs(Y))),
            ["mean absolute value", "square, then mean, then root"],
        ),
        (20 * np.log10(0.6), ["That is the peak level"]),
        (-LEVEL, ["negative in dBFS"]),
        (-7, ["rounded too coarsely", "0.1 dBFS"]),
        (-8.0, ["is not right", "too low", "square root of the mean of the squares"]),
        ("-7.4", ["remove the quotes"]),
    ],
)
def test_rms_db_wrong(answer, words):
    said(E.check_rms_db(answer, y=Y), *words)


def test_rms_db_not_attempted_hides_the_answer():
    out = E.check_rms_db(..., y=Y)
    said(out, "(in dBFS)", "negative", ok=None)
    not_said(out, "7.4", "log10")


def adsr_interp(a, d, s, r, dur, sr):
    t = np.arange(round(dur * sr)) / sr
    return np.interp(t, [0, a, a + d, dur - r, dur], [0, 1, s, s, 0])


def adsr_pieces(a, d, s, r, dur, sr):  # segment by segment, guarding zero-length phases
    t = np.arange(round(dur * sr)) / sr
    env = np.full(len(t), float(s))
    if a > 0:
        env[t < a] = t[t < a] / a
    decay = (t >= a) & (t < a + d)
    if d > 0:
        env[decay] = 1 - (1 - s) * (t[decay] - a) / d
    release = t >= dur - r
    if r > 0:
        env[release] = s * (dur - t[release]) / r
    return env


@pytest.mark.parametrize("right", [adsr_interp, adsr_pieces])
def test_adsr_right(right):
    said(E.check_adsr(right), "agrees with the reference on 5 test cases", ok=True)


def adsr_int(a, d, s, r, dur, sr):
    t = np.arange(int(dur * sr)) / sr
    return np.interp(t, [0, a, a + d, dur - r, dur], [0, 1, s, s, 0])


def adsr_linspace(a, d, s, r, dur, sr):
    t = np.linspace(0, dur, round(dur * sr))
    return np.interp(t, [0, a, a + d, dur - r, dur], [0, 1, s, s, 0])


def adsr_divides_by_zero(a, d, s, r, dur, sr):  # t <= a divides 0 by 0 when attack = 0
    env = adsr_pieces(a, d, s, r, dur, sr)
    t = np.arange(len(env)) / sr
    with np.errstate(all="ignore"):
        env[t <= a] = t[t <= a] / a
    return env


def adsr_late_release(a, d, s, r, dur, sr):
    t = np.arange(round(dur * sr)) / sr
    return np.interp(t, [0, a, a + d, dur - r / 2, dur], [0, 1, s, s, 0])


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            adsr_int,
            [
                "duration=0.29, sr=100",
                "28 samples, where 29 samples are expected",
                "Using int() cuts duration * sr down",
                "use round()",
            ],
        ),
        (adsr_linspace, ["np.linspace(0, duration, n) spreads the times"]),
        (adsr_divides_by_zero, ["attack=0, decay=0", "yours is NaN", "0 / 0 gives NaN"]),
        (
            adsr_late_release,
            ["at sample 81: yours 0.5, expected 0.475", "the release starts at duration - release"],
        ),
        (
            lambda a, d, s, r, dur: np.ones(10),
            ["The check calls my_adsr(attack, decay, sustain_level, release, duration, sr)"],
        ),
    ],
)
def test_adsr_wrong(wrong, words):
    said(E.check_adsr(wrong), *words)


def test_adsr_not_attempted():
    said(E.check_adsr(...), "Section 3 draws the five corners", ok=None)


@pytest.mark.parametrize("answer", [[440, 880, 1320, 1760, 2200], np.arange(1, 6) * 440.0])
def test_harmonics_right(answer):
    said(E.check_harmonics(answer), "those are the first 5 harmonics of 440 Hz.", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        ([440, 880, 1760, 3520, 7040], ["Those are octaves", "harmonic k is k times"]),
        ([880, 1320, 1760, 2200, 2640], ["The fundamental itself is the first harmonic"]),
        ([0, 440, 880, 1320, 1760], ["0 Hz is not a harmonic"]),
        ([440, 880, 1320, 1760, 2000], ["the 5th value (harmonic 5), 2000 Hz, is not right"]),
        ([440, 880], ["should be 5 numbers"]),
    ],
)
def test_harmonics_wrong(answer, words):
    said(E.check_harmonics(answer), *words)


def test_harmonics_other_fundamental_and_hidden_answer():
    said(E.check_harmonics([100, 200, 300], f0=100, n=3), ok=True)
    out = E.check_harmonics(...)
    said(out, "A list of 5 numbers in Hz", ok=None)
    not_said(out, "880", "k times")
