"""helpers.exercises.sampling: notebook 02's checks (duration, alias, quantizer, bit depth)."""

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import signals

pytestmark = pytest.mark.usefixtures("lenient")

CAT = dict(n_samples=246_960, sr=22050)


@pytest.mark.parametrize("answer", [11.2, 11.20, 246_960 / 22050, [11.2], np.float32(11.2)])
def test_duration_right(answer):
    said(
        E.check_duration(answer, **CAT),
        "that is the duration of 246960 samples at 22050 Hz",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        (22050 / 246_960, ["upside down", "samples ÷ samples per second gives seconds"]),
        (246_960 / 22050 / 60, ["in minutes"]),
        (1000 * 246_960 / 22050, ["in milliseconds"]),
        (11, ["rounded too coarsely", "0.01 s"]),
        (12.2, ["is not right", "too high", "samples per second"]),
        ("11.2", ["remove the quotes"]),
    ],
)
def test_duration_wrong(answer, words):
    said(E.check_duration(answer, **CAT), *words)


def test_duration_not_attempted_hides_the_answer():
    out = E.check_duration(..., **CAT)
    said(out, "(in s)", "let Python do", ok=None)
    not_said(out, "11.2", "/ sr")


@pytest.mark.parametrize(
    "answer, freq, sr",
    [
        (14100, 30000, 44100),
        (3000, 5000, 8000),
        (7050, 15000, 22050),
        (440, 440, 22050),
        ([3000.0], 5000, 8000),
    ],
)
def test_alias_right(answer, freq, sr):
    said(E.check_alias(answer, freq=freq, sr=sr), "that is the alias of", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (-14100, ["Frequencies are not negative"]),
        (7950, ["You subtracted the Nyquist frequency"]),
        (30000, ["30000 Hz is above the Nyquist frequency (22050 Hz)", "folds down"]),
        (14101, ["is not right", "Subtract whole multiples of sr"]),
    ],
)
def test_alias_wrong(answer, words):
    said(E.check_alias(answer, freq=30000, sr=44100), *words)


def test_alias_not_attempted_hides_the_answer():
    out = E.check_alias(..., freq=30000, sr=44100)
    said(out, "between 0 and the Nyquist", ok=None)
    not_said(out, "14100", "subtract")


def quantize_loop(y, bits):
    levels = 2**bits
    step = 2 / levels
    out = []
    for v in np.clip(y, -1, 1):
        k = min(int(np.floor((v + 1) / step)), levels - 1)
        out.append(-1 + (k + 0.5) * step)
    return out


@pytest.mark.parametrize("right", [signals.quantize, quantize_loop])
def test_quantize_right(right):
    said(E.check_quantize(right), "agrees with the reference on 6 test cases", ok=True)


def sneaky(y, bits):  # zeroes its input, then quantizes the zeros
    y[:] = 0
    return signals.quantize(y, bits)


def mid_tread(y, bits):
    step = 2 / 2**bits
    return np.round(np.clip(y, -1, 1) / step) * step


def no_clip(y, bits):
    levels = 2**bits
    step = 2 / levels
    k = np.minimum(np.floor((np.asarray(y) + 1) / step), levels - 1)
    return -1 + (k + 0.5) * step


def top_out(y, bits):
    step = 2 / 2**bits
    return -1 + (np.floor((np.clip(y, -1, 1) + 1) / step) + 0.5) * step


def lower_edge(y, bits):
    levels = 2**bits
    step = 2 / levels
    return -1 + np.minimum(np.floor((np.clip(y, -1, 1) + 1) / step), levels - 1) * step


def half_step(y, bits):
    levels = 2**bits
    step = 1 / levels
    return -1 + (np.minimum(np.floor((np.clip(y, -1, 1) + 1) / step), levels - 1) + 0.5) * step


@pytest.mark.parametrize(
    "wrong, words",
    [
        (sneaky, ["differs from the reference", "expected"]),
        (mid_tread, ["bits = 1", "a level at 0 (mid-tread)", "0 becomes +step / 2"]),
        (no_clip, ["y = [-1.5, 1.5, 0.2], bits = 4", "must be clipped to [-1, 1] first"]),
        (
            top_out,
            [
                "at sample 202 (y = 1): yours 1.5, expected 0.5",
                "exactly +1 belongs to the top cell",
            ],
        ),
        (lower_edge, ["bottom edge of each cell"]),
        (half_step, ["The cells are 2 / 2**bits wide"]),
        (lambda y, bits: (v for v in y), ["a generator object"]),
        (lambda y, bits: 1 / 0, ["ZeroDivisionError"]),
        (42, ["should be a function"]),
    ],
)
def test_quantize_wrong(wrong, words):
    said(E.check_quantize(wrong), *words)


def test_quantize_not_attempted():
    def todo(y, bits):
        raise NotImplementedError

    said(E.check_quantize(todo), "my_quantize is not written yet", "three steps", ok=None)
    said(E.check_quantize(...), "write my_quantize", ok=None)


@pytest.mark.parametrize("answer", [15, 15.0, [15], np.int64(15), np.array([15.0])])
def test_bit_depth_right(answer):
    said(
        E.check_bit_depth(answer),
        "that many bits give at least 90 dB, and one bit fewer would not",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        (14, ["14 bits give 86.04 dB, less than 90 dB", "round up, not down"]),
        (16, ["16 bits give 98.08 dB: enough, but fewer bits would do too"]),
        (14.66, ["should be a whole number of bits; 14.66 is not", "Round up with np.ceil"]),
        (15.01, ["15.01 is not"]),
        ("15", ["'15' is text", "remove the quotes"]),
        (True, ["truth value"]),
        (92.06, ["looks like decibels; the question asks for bits"]),
        (90, ["looks like decibels"]),
        (15 + 0j, ["complex number"]),
    ],
)
def test_bit_depth_wrong(answer, words):
    said(E.check_bit_depth(answer), *words)


def test_bit_depth_other_targets_and_hidden_answer():
    said(E.check_bit_depth(16, snr_db=96), ok=True)
    out = said(E.check_bit_depth(...), "a whole number of bits", ok=None)
    assert "15" not in out and "ceil" not in out


def test_quantize_cannot_be_fooled_by_zeroing_the_input():
    # issue 12's example: zero the input in place, return zeros
    def zeroes(y, bits):
        y[:] = 0
        return np.zeros(len(y))

    said(E.check_quantize(zeroes), "at sample 0 (y = 0.2502): yours 0, expected 0.5")
