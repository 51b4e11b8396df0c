"""Checks for notebook 02, sampling and quantization: duration, aliases, a quantizer, bit depth.

Taught in: notebooks/02_sampling_and_quantization.ipynb
"""

from __future__ import annotations

import numpy as np

from .. import signals
from ._core import (
    Case,
    Feedback,
    Slip,
    as_number,
    check_function,
    check_value,
    not_attempted,
    report,
)

__all__ = ["check_duration", "check_alias", "check_quantize", "check_bit_depth"]


def check_duration(answer, *, n_samples, sr):
    """Exercise (notebook 02): duration in seconds of ``n_samples`` samples at ``sr`` Hz.

    Accepts the exact value and any correct rounding to 0.01 s.

    Examples
    --------
    >>> check_duration(11.2, n_samples=246_960, sr=22050)
    ✅ Correct: that is the duration of 246960 samples at 22050 Hz.
    True

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    seconds = n_samples / sr
    return check_value(
        answer,
        seconds,
        what=f"the duration of {n_samples} samples at {sr:g} Hz",
        unit="s",
        precision=0.01,
        slips=[
            Slip(
                sr / n_samples, "That is upside down: samples ÷ samples per second gives seconds."
            ),
            Slip(seconds / 60, "That is in minutes: the question asks for seconds."),
            Slip(1000 * seconds, "That is in milliseconds: the question asks for seconds."),
        ],
        hint="The sample rate counts samples per second.",
        todo="A number of seconds; let Python do the arithmetic.",
    )


def check_alias(answer, *, freq, sr):
    """Exercise (notebook 02): the frequency you hear when ``freq`` Hz is sampled at ``sr`` Hz.

    Examples
    --------
    >>> check_alias(14100, freq=30000, sr=44100)
    ✅ Correct: that is the alias of 30000 Hz sampled at 44100 Hz.
    True

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    alias = signals.alias_frequency(freq, sr=sr)
    slips = [
        Slip(-alias, "Frequencies are not negative: drop the minus sign."),
        Slip(
            abs(freq - sr / 2),
            "You subtracted the Nyquist frequency: subtract the sample rate instead.",
        ),
    ]
    if freq > sr / 2:
        slips.append(
            Slip(
                freq,
                f"{freq:g} Hz is above the Nyquist frequency ({sr / 2:g} Hz), so it cannot "
                f"keep its frequency: it folds down.",
            )
        )
    return check_value(
        answer,
        alias,
        what=f"the alias of {freq:g} Hz sampled at {sr:g} Hz",
        unit="Hz",
        precision=1.0,
        slips=slips,
        hint="Subtract whole multiples of sr until the result lies between -sr/2 and sr/2, "
        "then take its absolute value.",
        todo="A frequency in Hz, between 0 and the Nyquist frequency.",
    )


def _quantize_reference(y, bits):
    return signals.quantize(y, bits)


def _cell_number(y, bits, *, clip=True, top=True):
    levels = 2.0**bits
    step = 2.0 / levels
    v = np.clip(np.asarray(y, dtype=float), -1, 1) if clip else np.asarray(y, dtype=float)
    k = np.floor((v + 1.0) / step)
    return (np.minimum(k, levels - 1) if top else k), step


def check_quantize(func):
    """Exercise (notebook 02): ``my_quantize(y, bits)`` like ``helpers.signals.quantize``.

    Mid-rise: clip to [-1, 1], cut it into ``2**bits`` cells of width
    ``2 / 2**bits``, return each sample's cell centre (+1 belongs to the top
    cell).  Tried on noise with the edge values -1, 0, +1 for 1, 2, 3, 8 and
    16 bits, and on values outside [-1, 1].

    Examples
    --------
    >>> from helpers import signals
    >>> check_quantize(signals.quantize)
    ✅ Correct: your my_quantize agrees with the reference on 6 test cases.
    True

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    rng = np.random.default_rng(7)
    y = np.concatenate([rng.uniform(-1, 1, 200), [-1.0, 0.0, 1.0, -0.3, 0.3]])
    label = "y = 205 samples (200 of noise, then -1, 0, 1, -0.3, 0.3), bits = {}"
    cases = [Case(y, b, label=label.format(b)) for b in (1, 2, 3, 8, 16)]
    cases.append(Case(np.array([-1.5, 1.5, 0.2]), 4, label="y = [-1.5, 1.5, 0.2], bits = 4"))

    def mid_tread(y, bits):
        step = 2.0 / 2**bits
        return np.round(np.clip(y, -1, 1) / step) * step

    def no_clip(y, bits):
        k, step = _cell_number(y, bits, clip=False)
        return -1.0 + (k + 0.5) * step

    def top_out(y, bits):
        k, step = _cell_number(y, bits, top=False)
        return -1.0 + (k + 0.5) * step

    def lower_edge(y, bits):
        k, step = _cell_number(y, bits)
        return -1.0 + k * step

    def half_step(y, bits):
        levels = 2.0**bits
        step = 1.0 / levels
        k = np.minimum(np.floor((np.clip(y, -1, 1) + 1.0) / step), levels - 1)
        return -1.0 + (k + 0.5) * step

    return check_function(
        func,
        _quantize_reference,
        cases,
        name="my_quantize",
        axes=("sample",),
        input_name="y",
        rtol=0,
        atol=1e-12,
        call="my_quantize(y, bits)",
        slips=[
            Slip(
                mid_tread,
                "That rounds to multiples of the step, with a level at 0 (mid-tread); this "
                "quantizer returns the centres of its cells (mid-rise), so 0 becomes +step / 2.",
            ),
            Slip(no_clip, "Values outside [-1, 1] must be clipped to [-1, 1] first."),
            Slip(top_out, "A value of exactly +1 belongs to the top cell: cap k at 2**bits - 1."),
            Slip(lower_edge, "That is the bottom edge of each cell: return the cell's centre."),
            Slip(half_step, "The cells are 2 / 2**bits wide: [-1, 1] is 2 long, not 1."),
        ],
        hint="Clip to [-1, 1], find each sample's cell of width 2 / 2**bits, and return the "
        "cell's centre.",
        todo="Follow the three steps of the exercise; numpy works on the whole array at once.",
    )


def check_bit_depth(answer, *, snr_db=90.0):
    """Exercise (notebook 02): the smallest whole number of bits with an SNR of ``snr_db`` dB or more.

    Uses the rule of the notebook, SNR = 6.02 · bits + 1.76 dB for a
    full-scale sine.  The answer must be a whole number.

    Examples
    --------
    >>> check_bit_depth(15)
    ✅ Correct: that many bits give at least 90 dB, and one bit fewer would not.
    True

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    what = f"the smallest bit depth for {snr_db:g} dB of SNR"

    def snr(bits):
        return 6.02 * bits + 1.76

    hint = "Solve 6.02 · bits + 1.76 ≥ the SNR for bits, then round up to a whole number."
    if not_attempted(answer):
        return report(
            Feedback(
                "todo", f"replace ... with {what}: a whole number of bits. Use the rule above."
            )
        )
    value = as_number(answer, what=what)
    if isinstance(value, Feedback):
        return report(value)
    expected = int(np.ceil((snr_db - 1.76) / 6.02))
    if np.isclose(float(value), snr(expected)) or np.isclose(float(value), snr_db):
        return report(
            Feedback("wrong", f"{what}: {value:g} looks like decibels; the question asks for bits.")
        )
    whole = as_number(value, what=what, unit="bits", whole=True, hint="Round up with np.ceil.")
    if isinstance(whole, Feedback):
        return report(whole)
    if whole == expected:
        return report(
            Feedback(
                "correct",
                f"that many bits give at least {snr_db:g} dB, and one bit fewer would not.",
            )
        )
    if whole < expected:
        problem = (
            f"{whole} bits give {snr(whole):.2f} dB, less than {snr_db:g} dB: not enough "
            f"(round up, not down)"
        )
    else:
        problem = f"{whole} bits give {snr(whole):.2f} dB: enough, but fewer bits would do too"
    return report(Feedback("wrong", f"{what}: {problem}. {hint}"))
