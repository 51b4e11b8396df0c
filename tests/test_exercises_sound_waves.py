"""helpers.exercises.sound_waves: notebook 01's checks (period, octave ladder, MIDI to Hz)."""

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import signals

pytestmark = pytest.mark.usefixtures("lenient")


@pytest.mark.parametrize("answer", [4, 4.0, [4], np.array([4.0]), np.float32(4.0), 1000 / 250])
def test_period_right(answer):
    said(E.check_period(answer), "that is the period of a 250 Hz tone.", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.004, ["0.004 ms is not right", "the period in seconds", "asks for milliseconds"]),
        (250, ["That is the frequency", "time one cycle takes"]),
        (250_000, ["one over the frequency, not the frequency times 1000"]),
        (5, ["5 ms is not right: it is 25 % too high", "1 / f seconds; 1 s is 1000 ms"]),
        (4.01, ["is not right"]),
        ("4", ["'4' is text", "remove the quotes"]),
        (True, ["truth value"]),
        (4 + 0j, ["complex number"]),
        ([4, 5], ["2 values"]),
    ],
)
def test_period_wrong(answer, words):
    said(E.check_period(answer), *words)


def test_period_follows_its_frequency_and_hides_the_answer():
    said(E.check_period(2.5, freq=400), "that is the period of a 400 Hz tone", ok=True)
    out = E.check_period(...)
    said(out, "replace ... with the period of a 250 Hz tone (in ms)", "Section 4", ok=None)
    not_said(out, "4 ms", "1 / f", "1000")


def test_period_raises_in_strict_mode(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match="seconds"):
        E.check_period(0.004)


@pytest.mark.parametrize(
    "answer",
    [
        [110, 220, 440, 880, 1760],
        (110.0, 220.0, 440.0, 880.0, 1760.0),
        np.array([110, 220, 440, 880, 1760]),
    ],
)
def test_octaves_right(answer):
    said(E.check_octaves(answer), "those are the frequencies of A2..A6.", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (
            [110, 220, 440, 880, 1320],
            ["the 5th value (A6), 1320 Hz, is not right", "25 % too low", "the others are right"],
        ),
        ([220, 220, 440, 880, 1760], ["the 1st value (A2), 220 Hz", "2 times too large"]),
        ([-440, 0, 440, 880, 1320], ["Adding 440 Hz each time makes harmonics, not octaves"]),
        ([440, 880, 1320, 1760, 2200], ["Those are the harmonics of A4"]),
        ([1760, 880, 440, 220, 110], ["the right numbers, in the wrong order", "from low to high"]),
        ([110, 220, 440], ["should be 5 numbers (A2, A3, A4, A5, A6); got 3"]),
        (440, ["should be a list of 5 numbers"]),
        (["110", 220, 440, 880, 1760], ["the 1st value (A2) is not a number", "remove the quotes"]),
    ],
)
def test_octaves_wrong(answer, words):
    said(E.check_octaves(answer), *words, "each octave up doubles")


def test_octaves_not_attempted():
    out = said(E.check_octaves(...), "A list of five numbers", ok=None)
    assert "1760" not in out and "110" not in out


def good_midi(n):
    return 440 * 2 ** ((n - 69) / 12)


@pytest.mark.parametrize(
    "right",
    [good_midi, signals.midi_to_hz, lambda n: np.array([good_midi(n)]), lambda n: [good_midi(n)]],
)
def test_midi_to_hz_right(right):
    said(E.check_midi_to_hz(right), "agrees with the reference on 5 test cases", ok=True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda n: 440 * 2 ** (n - 69) / 12,
            [
                "on midi_note = 69 (A4)",
                "yours 36.67 Hz, expected 440 Hz",
                "put the exponent in brackets",
            ],
        ),
        (
            lambda n: 440 * 2 ** ((n - 69) // 12),
            ["midi_note = 60 (middle C)", "// rounds down to whole octaves"],
        ),
        (lambda n: 440 * 2 ** ((69 - n) / 12), ["Higher note numbers are higher notes"]),
        (lambda n: 440 * 2 ** ((n - 60) / 12), ["A4 = MIDI 69 = 440 Hz (60 is middle C)"]),
        (lambda n: 2 ** ((n - 69) / 12), ["That is the ratio to A4; multiply it by A4's 440 Hz"]),
        (lambda n: 440 * 2 ^ ((n - 69) // 12), ["^ is not a power in Python"]),
        (lambda n: 440 * 2 ^ ((n - 69) / 12), ["raised TypeError", "^ is not a power in Python"]),
        (
            lambda n: 440 * 2 ** ((n - 69) / 10),
            ["on midi_note = 81 (A5)", "each semitone multiplies"],
        ),
        (lambda n: None, ["returned None (did you forget `return`?)"]),
        (lambda n: str(n), ["returned text"]),
        (lambda a, b: a, ["The check calls my_midi_to_hz(midi_note)"]),
        (42, ["my_midi_to_hz should be a function"]),
    ],
)
def test_midi_to_hz_wrong(wrong, words):
    said(E.check_midi_to_hz(wrong), *words)


def test_midi_to_hz_not_attempted():
    def my_midi_to_hz(midi_note):
        raise NotImplementedError

    for todo in (..., my_midi_to_hz):
        out = said(E.check_midi_to_hz(todo), "Section 7 explains MIDI note numbers", ok=None)
        assert "2 **" not in out and "12" not in out
