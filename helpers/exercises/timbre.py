"""Checks for notebook 03, timbre and envelopes: an RMS level, an ADSR envelope, harmonics.

Taught in: notebooks/03_timbre_and_envelopes.ipynb
"""

from __future__ import annotations

import numpy as np

from .. import signals
from ._core import Case, Slip, check_function, check_value

__all__ = ["check_rms_db", "check_adsr", "check_harmonics"]


def check_rms_db(answer, *, y):
    """Exercise (notebook 03): the RMS level of the whole signal ``y`` in dBFS.

    Accepts the value to within 0.01 dB (float32 or float64 arithmetic) and any
    correct rounding to 0.1 dB.

    Examples
    --------
    >>> from helpers import signals
    >>> y = signals.sine(440, 1.0, amplitude=0.5)
    >>> check_rms_db(-9.03, y=y)
    ✅ Correct: that is the RMS level of y.
    True

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    y = np.asarray(y, dtype=np.float64)
    mean_square = float(np.mean(y**2))
    rms = np.sqrt(mean_square)
    level = 20 * np.log10(rms)
    return check_value(
        answer,
        level,
        what="the RMS level of y",
        unit="dBFS",
        rtol=0,
        atol=0.01,
        precision=0.1,
        slips=[
            Slip(
                10 * np.log10(rms),
                "10 · log10 is for powers; an RMS is an amplitude: use 20 · log10(RMS) "
                "(or 10 · log10 of the mean square, the same thing).",
            ),
            Slip(
                20 * np.log10(mean_square),
                "That is 20 · log10 of the mean square: take its square root first (or use "
                "10 · log10 for the mean square).",
            ),
            Slip(
                20 * np.log10(np.mean(np.abs(y))),
                "That is the level of the mean absolute value: square, then mean, then root.",
            ),
            Slip(20 * np.log10(np.max(np.abs(y))), "That is the peak level, not the RMS level."),
            Slip(-level, "A level below full scale is negative in dBFS: check the sign."),
        ],
        hint="RMS is the square root of the mean of the squares; in dBFS that is 20 · log10(RMS).",
        todo="A number in dBFS (negative, since the organ is below full scale).",
    )


def _adsr_reference(attack, decay, sustain_level, release, duration, sr):
    return signals.adsr_envelope(attack, decay, sustain_level, release, duration, sr=sr)


def check_adsr(func):
    """Exercise (notebook 03): ``my_adsr(attack, decay, sustain_level, release, duration, sr)``.

    Compared with ``helpers.signals.adsr_envelope`` on five envelopes, one of
    them with phases of length 0 and one whose ``duration * sr`` is not a whole
    number in floating point (0.29 s at 100 Hz: 28.999..., so ``round`` gives
    29 samples where ``int`` gives 28).

    Examples
    --------
    >>> from helpers import signals
    >>> check_adsr(lambda a, d, s, r, dur, sr: signals.adsr_envelope(a, d, s, r, dur, sr=sr))
    ✅ Correct: your my_adsr agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """

    def envelope_case(a, d, s, r, dur, sr):
        label = (
            f"attack={a:g}, decay={d:g}, sustain_level={s:g}, release={r:g}, "
            f"duration={dur:g}, sr={sr:g}"
        )
        return Case(a, d, s, r, dur, sr, label=label)

    cases = [
        envelope_case(0.1, 0.1, 0.5, 0.2, 1.0, 100),
        envelope_case(0.01, 0.2, 0.7, 0.3, 1.5, 1000),
        envelope_case(0.0, 0.0, 1.0, 0.0, 0.5, 200),
        envelope_case(0.25, 0.25, 0.0, 0.5, 1.0, 400),
        envelope_case(0.05, 0.05, 0.6, 0.1, 0.29, 100),
    ]

    def with_int(a, d, s, r, dur, sr):
        t = np.arange(int(dur * sr)) / sr
        return np.interp(t, [0, a, a + d, dur - r, dur], [0, 1, s, s, 0])

    def with_linspace(a, d, s, r, dur, sr):
        t = np.linspace(0, dur, round(dur * sr))
        return np.interp(t, [0, a, a + d, dur - r, dur], [0, 1, s, s, 0])

    return check_function(
        func,
        _adsr_reference,
        cases,
        name="my_adsr",
        axes=("sample",),
        atol=1e-9,
        call="my_adsr(attack, decay, sustain_level, release, duration, sr)",
        slips=[
            Slip(
                with_int,
                "Using int() cuts duration * sr down (0.29 * 100 is 28.999... in floating point): "
                "use round().",
            ),
            Slip(
                with_linspace,
                "np.linspace(0, duration, n) spreads the times over the whole duration, so they "
                "are not 1 / sr apart: use t = np.arange(n) / sr.",
            ),
        ],
        hint="Use t = np.arange(n) / sr with n = round(duration * sr); the release starts at "
        "duration - release.",
        todo="Section 3 draws the five corners of the envelope.",
    )


def check_harmonics(answer, *, f0=440.0, n=5):
    """Exercise (notebook 03): the first ``n`` harmonic frequencies of ``f0`` Hz, as a list.

    Examples
    --------
    >>> check_harmonics([440, 880, 1320, 1760, 2200])
    ✅ Correct: those are the first 5 harmonics of 440 Hz.
    True

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    return check_value(
        answer,
        [f0 * k for k in range(1, n + 1)],
        what=f"the first {n} harmonics of {f0:g} Hz",
        unit="Hz",
        labels=[f"harmonic {k}" for k in range(1, n + 1)],
        slips=[
            Slip(
                [f0 * 2**k for k in range(n)],
                "Those are octaves (each one doubles the last): harmonic k is k times the "
                "fundamental.",
            ),
            Slip(
                [f0 * k for k in range(2, n + 2)],
                "The fundamental itself is the first harmonic: start at harmonic 1.",
            ),
            Slip(
                [f0 * k for k in range(n)],
                "Harmonic 1 is the fundamental; 0 Hz is not a harmonic.",
            ),
        ],
        hint="Harmonic k is k times the fundamental, starting with k = 1.",
        todo=f"A list of {n} numbers in Hz, from low to high.",
    )
