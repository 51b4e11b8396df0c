"""Checks for notebook 07, spectrograms: n_fft for a resolution, an STFT, Hz to mel.

Notebook 07's first exercise (the frequency of a bin) uses
:func:`helpers.exercises.check_bin_frequency` from notebook 06's checks.

Taught in: notebooks/07_spectrograms.ipynb
"""

from __future__ import annotations

import numpy as np

from .. import features, signals, spectral
from ._core import Case, Feedback, Slip, as_number, check_function, not_attempted, report

__all__ = ["check_n_fft_for_resolution", "check_stft", "check_hz_to_mel"]


def check_n_fft_for_resolution(answer, *, max_bin_hz=5.0, sr=22050):
    """Exercise (notebook 07): the smallest power-of-two ``n_fft`` with bins at most ``max_bin_hz`` apart.

    Examples
    --------
    >>> check_n_fft_for_resolution(8192)
    ✅ Correct: that is the smallest power of two with bins at most 5 Hz apart; half of it would give bins more than 5 Hz apart.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    hint = "The bin spacing is sr / n_fft: try powers of two 2 ** k until it is small enough."
    what = "n_fft"
    if not_attempted(answer):
        return report(
            Feedback("todo", "replace ... with a power of two. Section 4 shows what n_fft changes.")
        )
    value = as_number(answer, what=what, unit="samples", whole=True, hint=hint)
    if isinstance(value, Feedback):
        return report(value)
    n = value
    if n < 1 or n & (n - 1):
        extra = ""
        if n >= 1 and sr / n <= max_bin_hz:
            extra = " It is fine enough, but an FFT size here is a power of two: round up."
        return report(Feedback("wrong", f"{n} is not a power of two (2, 4, 8, ...).{extra} {hint}"))
    expected = 1 << int(np.ceil(np.log2(sr / max_bin_hz)))
    if sr / n > max_bin_hz:
        return report(
            Feedback(
                "wrong",
                f"n_fft = {n} gives bins {sr / n:.4g} Hz apart: more than {max_bin_hz:g} Hz. {hint}",
            )
        )
    if n != expected:
        return report(
            Feedback(
                "wrong",
                f"n_fft = {n} is fine enough ({sr / n:.4g} Hz), but a smaller power of two also "
                f"is: longer frames blur time.",
            )
        )
    return report(
        Feedback(
            "correct",
            f"that is the smallest power of two with bins at most {max_bin_hz:g} Hz apart; half "
            f"of it would give bins more than {max_bin_hz:g} Hz apart.",
        )
    )


def _stft_reference(y, n_fft, hop_length):
    return spectral.stft(y, n_fft=n_fft, hop_length=hop_length, window="hann", center=False)


def check_stft(func):
    """Exercise (notebook 07): ``my_stft(y, n_fft, hop_length)`` without centre padding.

    Checked against ``helpers.spectral.stft(y, n_fft=n_fft, hop_length=hop_length,
    window="hann", center=False)``: complex values, shape ``(1 + n_fft // 2,
    n_frames)``.  Named slips: magnitudes, frames as rows, centre padding, no
    window, the symmetric Hann window (``np.hanning``), ``np.fft.fft`` instead
    of ``rfft``.

    Examples
    --------
    >>> from helpers import spectral
    >>> check_stft(lambda y, n_fft, hop_length: spectral.stft(
    ...     y, n_fft=n_fft, hop_length=hop_length, center=False))
    ✅ Correct: your my_stft agrees with the reference on 4 test cases.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    rng = np.random.default_rng(7)
    cases = [
        Case(
            rng.uniform(-1, 1, 4000),
            512,
            128,
            label="4000 samples of noise, n_fft=512, hop_length=128",
        ),
        Case(
            rng.uniform(-1, 1, 3000),
            256,
            256,
            label="3000 samples of noise, n_fft=256, hop_length=256",
        ),
        Case(
            signals.sine(440, 0.2, sr=8000),
            400,
            100,
            label="a 440 Hz sine (1600 samples at 8000 Hz), n_fft=400, hop_length=100",
        ),
        Case(
            rng.uniform(-1, 1, 1024),
            1024,
            512,
            label="1024 samples of noise, n_fft=1024, hop_length=512",
        ),
    ]

    def with_window(window):
        def slip(y, n_fft, hop_length):
            frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
            return np.fft.rfft(frames * window(n_fft), axis=1).T

        return slip

    def full_fft(y, n_fft, hop_length):
        frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
        return np.fft.fft(frames * spectral.get_window("hann", n_fft), axis=1).T

    return check_function(
        func,
        _stft_reference,
        cases,
        name="my_stft",
        kind="complex",
        axes=("frequency bin", "frame"),
        atol=1e-6,
        call="my_stft(y, n_fft, hop_length)",
        slips=[
            Slip(
                lambda y, n, h: np.abs(_stft_reference(y, n, h)),
                "Those are magnitudes (np.abs): return the complex values (keep the phase).",
            ),
            Slip(
                lambda y, n, h: _stft_reference(y, n, h).T,
                "Those are frames as rows: transpose so that rows are frequency bins and "
                "columns are frames.",
            ),
            Slip(
                lambda y, n, h: spectral.stft(y, n_fft=n, hop_length=h),
                "Those frames are centred (padded, center=True): this exercise starts the first "
                "frame at sample 0 and keeps only whole frames.",
            ),
            Slip(
                with_window(np.hanning),
                "np.hanning is the symmetric Hann window; the STFT uses the periodic one, "
                "spectral.get_window('hann', n_fft) (the two differ slightly).",
            ),
            Slip(
                with_window(np.ones),
                "No window: multiply each frame by the Hann window before the FFT.",
            ),
            Slip(
                full_fft,
                "np.fft.fft keeps both mirror halves (n_fft rows): np.fft.rfft keeps the "
                "1 + n_fft // 2 you need.",
            ),
        ],
        hint="Frame with center=False, multiply each frame by the periodic Hann window, take "
        "np.fft.rfft of each frame (axis=1) and transpose so rows are frequencies and columns "
        "frames. Keep the complex values (no abs).",
        todo="Section 2 builds the STFT step by step.",
    )


def _mel_reference(f):
    return spectral.hz_to_mel(f, htk=True)


def check_hz_to_mel(func):
    """Exercise (notebook 07): ``my_hz_to_mel(f)``, the HTK mel scale.

    Accepts both published forms, ``2595 * log10(1 + f / 700)`` and
    ``1127 * ln(1 + f / 700)`` (relative 1e-5: they differ by 5e-6), for
    single frequencies and arrays.

    Examples
    --------
    >>> import numpy as np
    >>> check_hz_to_mel(lambda f: 2595 * np.log10(1 + np.asarray(f) / 700))
    ✅ Correct: your my_hz_to_mel agrees with the reference on 6 test cases.
    True
    >>> check_hz_to_mel(lambda f: 1127 * np.log(1 + np.asarray(f) / 700))
    ✅ Correct: your my_hz_to_mel agrees with the reference on 6 test cases.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    cases = [Case(f, label=f"f = {f:g} Hz") for f in (0.0, 440.0, 700.0, 1000.0, 8000.0)]
    cases.append(Case(np.linspace(0, 11025, 50), label="f = 50 frequencies from 0 to 11025 Hz"))

    def f_array(f):
        return np.asarray(f, dtype=float)

    return check_function(
        func,
        _mel_reference,
        cases,
        name="my_hz_to_mel",
        unit="mel",
        axes=("frequency",),
        input_name="f",
        rtol=1e-5,
        atol=1e-6,
        call="my_hz_to_mel(f)",
        slips=[
            Slip(
                lambda f: spectral.hz_to_mel(f),
                "That is Slaney's mel scale (librosa's default): the exercise asks for the HTK "
                "formula.",
            ),
            Slip(
                lambda f: 2595 * np.log(1 + f_array(f) / 700),
                "np.log is the natural logarithm: with 2595 the formula needs np.log10.",
            ),
            Slip(
                lambda f: 1127 * np.log10(1 + f_array(f) / 700),
                "1127 goes with the natural logarithm (np.log); with np.log10 the factor is 2595.",
            ),
        ],
        hint="Use np.log10, which works for single numbers and arrays alike: "
        "2595 * np.log10(1 + f / 700).",
        todo="Make it work for one frequency and for an array alike.",
    )
