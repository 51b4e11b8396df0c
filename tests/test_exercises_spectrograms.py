"""helpers.exercises.spectrograms: notebook 07's checks (n_fft for a resolution, STFT, Hz to mel)."""

import math

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import features, spectral

pytestmark = pytest.mark.usefixtures("lenient")


@pytest.mark.parametrize("answer", [8192, 8192.0, [8192], np.int64(8192), 2**13])
def test_n_fft_right(answer):
    said(
        E.check_n_fft_for_resolution(answer),
        "that is the smallest power of two with bins at most 5 Hz apart",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words, absent",
    [
        (4096, ["n_fft = 4096 gives bins 5.383 Hz apart: more than 5 Hz", "sr / n_fft"], []),
        (16384, ["fine enough (1.346 Hz), but a smaller power of two also is", "blur time"], []),
        (
            4410,
            ["4410 is not a power of two", "fine enough, but an FFT size here is a power of two"],
            [],
        ),
        (1000, ["1000 is not a power of two"], ["fine enough"]),
        (0, ["0 is not a power of two"], []),
        (8192.5, ["should be a whole number of samples; 8192.5 is not"], []),
        ("8192", ["'8192' is text", "remove the quotes"], []),
        (True, ["truth value"], []),
    ],
)
def test_n_fft_wrong(answer, words, absent):
    out = E.check_n_fft_for_resolution(answer)
    said(out, *words)
    not_said(out, *absent)


def test_n_fft_other_targets_and_hidden_answer():
    said(E.check_n_fft_for_resolution(2048, max_bin_hz=10.0, sr=16000), ok=True)
    said(E.check_n_fft_for_resolution(1024, max_bin_hz=10.0, sr=16000), "more than 10 Hz")
    out = E.check_n_fft_for_resolution(...)
    said(out, "a power of two", "Section 4", ok=None)
    not_said(out, "8192", "sr / n_fft")


def my_stft(y, n_fft, hop_length):
    frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
    return np.fft.rfft(frames * spectral.get_window("hann", n_fft), axis=1).T


def stft_window(window):
    def stft(y, n_fft, hop_length):
        frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
        return np.fft.rfft(frames * window(n_fft), axis=1).T

    return stft


def stft_sneaky(y, n_fft, hop_length):
    y[:] = 0
    return my_stft(y, n_fft, hop_length)


def test_stft_right():
    said(E.check_stft(my_stft), "agrees with the reference on 4 test cases", ok=True)
    periodic = lambda n: 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n) / n)  # noqa: E731
    said(E.check_stft(stft_window(periodic)), ok=True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda y, n, h: np.abs(my_stft(y, n, h)),
            [
                "on 4000 samples of noise, n_fft=512, hop_length=128",
                "Those are magnitudes (np.abs)",
                "keep the phase",
            ],
        ),
        (
            lambda y, n, h: my_stft(y, n, h).T,
            ["shape (28, 257) (28 frequency bins × 257 frames)", "Those are frames as rows"],
        ),
        (
            lambda y, n, h: spectral.stft(y, n_fft=n, hop_length=h),
            ["257 frequency bins × 32 frames", "Those frames are centred"],
        ),
        (
            stft_window(np.hanning),
            [
                "at frequency bin 0, frame 0",
                "np.hanning is the symmetric Hann window",
                "spectral.get_window('hann', n_fft)",
            ],
        ),
        (stft_window(np.ones), ["No window: multiply each frame by the Hann window"]),
        (
            lambda y, n, h: (
                np.fft.fft(
                    features.frame_signal(y, frame_length=n, hop_length=h)
                    * spectral.get_window("hann", n),
                    axis=1,
                ).T
            ),
            ["np.fft.fft keeps both mirror halves"],
        ),
        (lambda y, n, h: my_stft(y, n, h).real, ["only the real parts are right"]),
        (stft_sneaky, ["yours 0+0j"]),
        (lambda y, n, h: None, ["returned None"]),
        (lambda y, n: y, ["The check calls my_stft(y, n_fft, hop_length)"]),
        (42, ["should be a function"]),
    ],
)
def test_stft_wrong(wrong, words):
    said(E.check_stft(wrong), *words)


def test_stft_not_attempted():
    def not_written(y, n_fft, hop_length):
        raise NotImplementedError

    for todo in (..., not_written):
        out = E.check_stft(todo)
        said(out, "Section 2 builds the STFT", ok=None)
        not_said(out, "rfft", "transpose")


@pytest.mark.parametrize(
    "right",
    [
        lambda f: 2595 * np.log10(1 + np.asarray(f) / 700),
        lambda f: 1127 * np.log(1 + np.asarray(f) / 700),  # the same scale, published this way too
        lambda f: spectral.hz_to_mel(f, htk=True),
        lambda f: 2595 * np.log10(1 + f / 700),
    ],
)
def test_hz_to_mel_right(right):
    said(E.check_hz_to_mel(right), "agrees with the reference on 6 test cases", ok=True)


def mel_wrong_above_5000(f):  # right for single numbers, wrong in part of an array
    mel = 2595 * np.log10(1 + np.asarray(f, dtype=float) / 700)
    return mel if np.ndim(f) == 0 else mel * (np.asarray(f) < 5000)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda f: 2595 * math.log10(1 + f / 700),
            ["f = 50 frequencies from 0 to 11025 Hz", "a function of the math module got an array"],
        ),
        (
            lambda f: spectral.hz_to_mel(f),
            ["on f = 440 Hz", "yours 6.6 mel, expected 549.6 mel", "That is Slaney's mel scale"],
        ),
        (lambda f: 2595 * np.log(1 + np.asarray(f) / 700), ["np.log is the natural logarithm"]),
        (
            lambda f: 1127 * np.log10(1 + np.asarray(f) / 700),
            ["1127 goes with the natural logarithm"],
        ),
        (mel_wrong_above_5000, ["at frequency 23 (f = 5175): yours 0 mel"]),
        (lambda f: 2595 * np.log10(np.asarray(f) / 700), ["on f = 0 Hz", "-inf mel"]),
    ],
)
def test_hz_to_mel_wrong(wrong, words):
    with np.errstate(divide="ignore"):
        said(E.check_hz_to_mel(wrong), *words, "2595 * np.log10(1 + f / 700)")


def test_hz_to_mel_not_attempted():
    out = E.check_hz_to_mel(...)
    said(out, "for one frequency and for an array", ok=None)
    not_said(out, "2595", "549")
