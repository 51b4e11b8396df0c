"""Checks for notebook 06, the Fourier transform: bins, bin spacing and the DFT itself.

Taught in: notebooks/06_fourier_transform.ipynb
"""

from __future__ import annotations

import numpy as np

from ._core import Case, Slip, check_function, check_value

__all__ = ["check_bin_frequency", "check_nearest_bin", "check_frequency_resolution", "check_dft"]


def _bin_slips(k, sr, n_fft):
    spacing = sr / n_fft
    return [
        Slip(
            k * (sr / 2) / (n_fft // 2 + 1),
            "Close, but that divides the Nyquist frequency by the number of bins: there are "
            "n_fft // 2 + 1 bins from 0 Hz to sr / 2, so the gaps between them are sr / n_fft.",
        ),
        Slip(
            k * sr / (n_fft / 2),
            "That divides by n_fft / 2: the bins are sr / n_fft apart (the rfft keeps half of "
            "the n_fft bins, but their spacing does not change).",
        ),
        Slip((k + 1) * spacing, "Bin 0 is at 0 Hz, so bin k is k (not k + 1) spacings up."),
        Slip(k * n_fft / sr, "That is upside down: the spacing is sr / n_fft."),
        Slip(k * spacing / 1000, "That is in kHz: the question asks for Hz."),
    ]


def check_bin_frequency(answer, *, k=100, sr=22050, n_fft=2048):
    """Exercise (notebooks 06 and 07): the centre frequency in Hz of FFT bin ``k``.

    Accepts the exact value and any correct rounding to 0.1 Hz (1076.7 for
    bin 100 at 22 050 Hz with ``n_fft = 2048``); a whole-Hz answer is too
    coarse, because the near miss ``k * (sr / 2) / (n_fft // 2 + 1)`` lies about
    1 Hz away.

    Examples
    --------
    >>> check_bin_frequency(100 * 22050 / 2048)
    ✅ Correct: that is the frequency of bin 100 (sr = 22050 Hz, n_fft = 2048).
    True

    Taught in: notebooks/06_fourier_transform.ipynb, notebooks/07_spectrograms.ipynb
    """
    return check_value(
        answer,
        k * sr / n_fft,
        what=f"the frequency of bin {k} (sr = {sr:g} Hz, n_fft = {n_fft})",
        unit="Hz",
        precision=0.1,
        slips=_bin_slips(k, sr, n_fft),
        hint="Bin 0 is 0 Hz and the bins are equally spaced up to the sample rate.",
        todo="A frequency in Hz; the section on the DFT says how far apart the bins are.",
    )


def check_nearest_bin(answer, *, freq, sr, n_fft):
    """Exercise (notebook 06): the FFT bin whose centre is nearest to ``freq`` Hz (a whole number).

    Examples
    --------
    >>> check_nearest_bin(93, freq=1000, sr=22050, n_fft=2048)
    ✅ Correct: that is the bin nearest to 1000 Hz (sr = 22050 Hz, n_fft = 2048).
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    exact = freq * n_fft / sr
    expected = round(exact)
    slips = []
    if int(np.floor(exact)) != expected:
        slips.append(
            Slip(
                int(np.floor(exact)),
                "int() cuts the bin position down: the nearest bin is found by rounding.",
            )
        )
    if int(np.ceil(exact)) != expected:
        slips.append(Slip(int(np.ceil(exact)), "Rounding up is not always nearest: use round()."))
    half = round(freq * (n_fft / 2) / sr)
    if half != expected:
        slips.append(Slip(half, "The bins are sr / n_fft apart (not sr / (n_fft / 2))."))
    return check_value(
        answer,
        expected,
        what=f"the bin nearest to {freq:g} Hz (sr = {sr:g} Hz, n_fft = {n_fft})",
        unit="",
        whole=True,
        slips=slips,
        hint="Divide the frequency by the bin spacing sr / n_fft, then round to a whole bin "
        "number.",
        todo="A whole bin number.",
    )


def check_frequency_resolution(answer, *, sr, n_fft):
    """Exercise (notebook 06): the spacing in Hz between neighbouring FFT bins.

    Accepts the exact value and any correct rounding to 0.1 Hz (5.4 or 5.38
    for ``n_fft = 4096`` at 22 050 Hz).  A computed answer is held to 1e-6,
    which tells ``sr / n_fft`` from the near miss ``(sr / 2) / (n_fft // 2 + 1)``
    (0.05 % apart).

    Examples
    --------
    >>> check_frequency_resolution(10.0, sr=22050, n_fft=2205)
    ✅ Correct: that is the bin spacing for n_fft = 2205 at 22050 Hz.
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    return check_value(
        answer,
        sr / n_fft,
        what=f"the bin spacing for n_fft = {n_fft} at {sr:g} Hz",
        unit="Hz",
        precision=0.1,
        slips=[
            Slip(
                n_fft / sr,
                "That is the duration of the frame in seconds: the spacing is one over it.",
            ),
            Slip(
                1000 * n_fft / sr, "That is the duration of the frame in ms: the spacing is in Hz."
            ),
            *_bin_slips(1, sr, n_fft)[:2],
        ],
        hint="n_fft samples last n_fft / sr seconds; the spacing is one over that.",
        todo="A frequency in Hz; compute it in Python.",
    )


def check_dft(func):
    """Exercise (notebook 06): ``my_dft(x)``, the DFT from its definition, equal to ``numpy.fft.fft``.

    Tried on an impulse, a cosine, real noise of odd and even lengths and
    complex noise; real and imaginary parts must both match (relative 1e-6).
    Named slips: the imaginary parts lost in a real array, the wrong sign of
    the exponent, dividing by N, magnitudes only, half the bins.

    Examples
    --------
    >>> import numpy as np
    >>> def my_dft(x):
    ...     n = np.arange(len(x))
    ...     return np.exp(-2j * np.pi * np.outer(n, n) / len(x)) @ np.asarray(x)
    >>> check_dft(my_dft)
    ✅ Correct: your my_dft agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    rng = np.random.default_rng(6)
    cases = [
        Case(np.array([1.0, 0.0, 0.0, 0.0]), label="x = [1, 0, 0, 0]"),
        Case(np.cos(2 * np.pi * 3 * np.arange(16) / 16), label="x = a cosine, 16 samples"),
        Case(rng.standard_normal(7), label="x = 7 samples of noise"),
        Case(rng.standard_normal(64), label="x = 64 samples of noise"),
        Case(
            rng.standard_normal(12) + 1j * rng.standard_normal(12),
            label="x = 12 complex samples of noise",
        ),
    ]
    return check_function(
        func,
        np.fft.fft,
        cases,
        name="my_dft",
        kind="complex",
        axes=("bin",),
        rtol=1e-6,
        atol=1e-8,
        call="my_dft(x)",
        slips=[
            Slip(
                lambda x: np.fft.fft(x).real,
                "Only the real parts are right: the imaginary parts were lost. An array made "
                "with np.zeros(N) holds real numbers only, and numpy drops the imaginary part "
                "of what you put in it: use np.zeros(N, dtype=complex). (Or the exponent lost "
                "its 1j.)",
            ),
            Slip(
                lambda x: len(x) * np.fft.ifft(x),
                "The exponent has the wrong sign: the DFT uses exp(-2j * pi * k * n / N), "
                "with a minus.",
            ),
            Slip(
                lambda x: np.fft.fft(x) / len(x),
                "Every value is divided by N: the DFT of the exercise (and numpy's) does not "
                "divide.",
            ),
            Slip(
                lambda x: np.abs(np.fft.fft(x)),
                "Those are magnitudes (np.abs): return the complex values themselves.",
            ),
            Slip(
                lambda x: np.fft.rfft(np.real(x)),
                "Those are only bins 0 to N // 2 (what np.fft.rfft keeps): a DFT gives one "
                "coefficient per sample, N of them.",
            ),
        ],
        hint="X[k] = sum over n of x[n] * exp(-2j * pi * k * n / N), for k = 0 .. N-1; return "
        "N complex numbers.",
        todo="Section 4 writes the DFT as one probe per bin.",
    )
