"""helpers.exercises.fourier: notebook 06's checks (bin frequency, nearest bin, spacing, DFT)."""

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import spectral

pytestmark = pytest.mark.usefixtures("lenient")

BIN = dict(k=100, sr=22050, n_fft=2048)


@pytest.mark.parametrize("answer", [100 * 22050 / 2048, 1076.66, 1076.7, 1076.660, [1076.7]])
def test_bin_frequency_right(answer):
    said(E.check_bin_frequency(answer, **BIN), "that is the frequency of bin 100", ok=True)


def test_bin_frequency_notebook_07_case():
    said(
        E.check_bin_frequency(100 * 22050 / 1024, k=100, sr=22050, n_fft=1024),
        "n_fft = 1024",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        (1077, ["rounded too coarsely", "0.1 Hz"]),
        (1075.6, ["Close, but that divides the Nyquist frequency by the number of bins"]),
        (100 * 11025 / 1025, ["divides the Nyquist frequency by the number of bins"]),
        (100 * 22050 / 1024, ["That divides by n_fft / 2"]),
        (101 * 22050 / 2048, ["Bin 0 is at 0 Hz"]),
        (100 * 2048 / 22050, ["upside down"]),
        (1.07666, ["That is in kHz"]),
        (1076.0, ["is not right", "equally spaced"]),
    ],
)
def test_bin_frequency_wrong(answer, words):
    said(E.check_bin_frequency(answer, **BIN), *words)


def test_bin_frequency_near_miss_differs_at_the_asked_precision():
    near = round(100 * (22050 / 2) / (2048 // 2 + 1), 1)
    assert near != round(100 * 22050 / 2048, 1)


def test_bin_frequency_hides_the_answer():
    out = E.check_bin_frequency(..., **BIN)
    said(out, "A frequency in Hz", ok=None)
    not_said(out, "1076", "sr / n_fft")


@pytest.mark.parametrize("answer", [93, 93.0, [93], np.int64(93)])
def test_nearest_bin_right(answer):
    said(
        E.check_nearest_bin(answer, freq=1000, sr=22050, n_fft=2048),
        "that is the bin nearest to 1000 Hz",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, freq, words",
    [
        (92, 1000, ["int() cuts the bin position down"]),
        (94, 1003, ["Rounding up is not always nearest"]),
        (46, 1000, ["not sr / (n_fft / 2)"]),
        (92.88, 1000, ["should be a whole number; 92.88 is not"]),
        (90, 1000, ["90 is not right: it is too low", "round to a whole bin number"]),
        ("93", 1000, ["remove the quotes"]),
    ],
)
def test_nearest_bin_wrong(answer, freq, words):
    said(E.check_nearest_bin(answer, freq=freq, sr=22050, n_fft=2048), *words)


def test_nearest_bin_other_rate_and_hidden_answer():
    said(E.check_nearest_bin(46, freq=1000, sr=44100, n_fft=2048), ok=True)
    out = E.check_nearest_bin(..., freq=1000, sr=22050, n_fft=2048)
    said(out, "A whole bin number", ok=None)
    not_said(out, "93", "round")


SPACING = dict(sr=22050, n_fft=4096)


@pytest.mark.parametrize("answer", [22050 / 4096, 5.4, 5.38, 5.383, np.float32(22050 / 4096)])
def test_frequency_resolution_right(answer):
    said(
        E.check_frequency_resolution(answer, **SPACING),
        "that is the bin spacing for n_fft = 4096",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        (11025 / 2049, ["divides the Nyquist frequency by the number of bins"]),
        (5.381, ["divides the Nyquist frequency by the number of bins"]),
        (22050 / 2048, ["That divides by n_fft / 2"]),
        (4096 / 22050, ["the duration of the frame in seconds"]),
        (1000 * 4096 / 22050, ["the duration of the frame in ms"]),
        (5, ["rounded too coarsely"]),
        (5.3, ["5.3 Hz is not right", "one over that"]),
    ],
)
def test_frequency_resolution_wrong(answer, words):
    said(E.check_frequency_resolution(answer, **SPACING), *words)


def test_frequency_resolution_hides_the_answer():
    out = E.check_frequency_resolution(None, **SPACING)
    said(out, "compute it in Python", ok=None)
    not_said(out, "5.38", "n_fft / sr")


def dft_table(x):
    n = np.arange(len(x))
    return np.exp(-2j * np.pi * np.outer(n, n) / len(x)) @ np.asarray(x)


def dft_loops(x):
    N = len(x)
    return [sum(x[n] * np.exp(-2j * np.pi * k * n / N) for n in range(N)) for k in range(N)]


def dft_real_array(x):  # the classic slip: np.zeros(N) holds real numbers only
    N = len(x)
    X = np.zeros(N)
    for k in range(N):
        for n in range(N):
            X[k] += x[n] * np.exp(-2j * np.pi * k * n / N)
    return X


def dft_j(x):
    n = np.arange(len(x))
    return np.exp(-2 * j * np.pi * np.outer(n, n) / len(x)) @ x  # noqa: F821 - the slip


def dft_sneaky(x):
    x[:] = 0
    return np.zeros(len(x), dtype=complex)


@pytest.mark.parametrize("right", [dft_table, dft_loops, np.fft.fft, spectral.dft])
def test_dft_right(right):
    said(E.check_dft(right), "agrees with the reference on 5 test cases", ok=True)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            dft_real_array,
            [
                "on x = 7 samples of noise",
                "at bin 1: yours 2.047+0j, expected 2.047+3.429j",
                "Only the real parts are right",
                "np.zeros(N, dtype=complex)",
            ],
        ),
        (lambda x: np.conj(np.fft.fft(x)), ["The exponent has the wrong sign"]),
        (lambda x: len(x) * np.fft.ifft(x), ["The exponent has the wrong sign"]),
        (lambda x: np.fft.fft(x) / len(x), ["Every value is divided by N"]),
        (lambda x: np.abs(np.fft.fft(x)), ["Those are magnitudes (np.abs)"]),
        (
            lambda x: np.fft.rfft(x),
            ["3 bins, where 4 bins are expected", "Those are only bins 0 to N // 2"],
        ),
        (
            lambda x: np.fft.fft(x)[::-1],
            ["on x = a cosine, 16 samples", "at bin 2: yours 8+0j, expected 0+0j"],
        ),
        (dft_j, ["NameError", "imaginary unit as 1j"]),
        (dft_sneaky, ["on x = [1, 0, 0, 0]", "yours 0+0j, expected 1+0j"]),
        (lambda x: None, ["returned None"]),
        (lambda x: 1 / 0, ["ZeroDivisionError"]),
        (42, ["should be a function"]),
    ],
)
def test_dft_wrong(wrong, words):
    said(E.check_dft(wrong), *words)


def test_dft_real_array_does_not_leak_a_warning(recwarn):
    E.check_dft(dft_real_array)
    assert not [w for w in recwarn if "ComplexWarning" in w.category.__name__]


def test_dft_not_attempted():
    def not_written(x):
        raise NotImplementedError

    for todo in (..., not_written):
        out = E.check_dft(todo)
        said(out, "Section 4 writes the DFT", ok=None)
        not_said(out, "exp(")


def test_dft_raises_in_strict_mode(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match="my_dft"):
        E.check_dft(lambda x: np.fft.rfft(x))
