"""Checks for notebook 08, spectral features: a centroid, a roll-off, a feature, a split.

Taught in: notebooks/08_spectral_features.ipynb
"""

from __future__ import annotations

import functools

import numpy as np

from .. import features, spectral
from ._core import (
    Case,
    Feedback,
    Slip,
    as_number,
    check_function,
    check_value,
    describe,
    fmt,
    not_attempted,
    report,
)

__all__ = [
    "check_centroid",
    "check_rolloff_frequency",
    "check_flute_or_noise",
    "check_split_frequency",
]

_SR = 22050


# ------------------------------------------------------------------ Exercise 1: a centroid


def _centroid_reference(S, freqs):
    """``spectral.spectral_centroid`` of a spectrogram whose rows are at ``freqs`` (FFT bins)."""
    freqs = np.asarray(freqs, dtype=float)
    n_fft = 2 * (len(freqs) - 1)
    return spectral.spectral_centroid(S=S, sr=freqs[1] * n_fft, n_fft=n_fft)


def _centroid_cases():
    rng = np.random.default_rng(8)
    small_freqs = spectral.fft_frequencies(16, sr=8000)  # 9 bins, 0 to 4000 Hz
    with_silence = rng.uniform(0, 1, (9, 5))
    with_silence[:, 2] = 0.0
    tone = np.zeros((9, 3))
    tone[2, :] = [1.0, 0.5, 2.0]  # all the magnitude in bin 2: the centroid is 1000 Hz
    from .. import signals

    y = signals.chirp(200, 3000, 0.5, sr=_SR, amplitude=0.5)
    chirp_mags = np.abs(spectral.stft(y, n_fft=512, hop_length=256))
    return [
        Case(
            rng.uniform(0, 1, (9, 4)), small_freqs, label="a 9 x 4 spectrogram (bins 0 to 4000 Hz)"
        ),
        Case(tone, small_freqs, label="3 frames of a tone in bin 2 (1000 Hz)"),
        Case(with_silence, small_freqs, label="a 9 x 5 spectrogram whose frame 2 is silent"),
        Case(
            chirp_mags,
            spectral.fft_frequencies(512, sr=_SR),
            label="the STFT magnitudes of a chirp (257 bins x 44 frames, n_fft=512)",
        ),
    ]


def _per_frame(func):
    """A slip function over the whole spectrogram, silent frames 0 like the reference."""

    def slip(S, freqs):
        S = np.asarray(S, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            out = func(S, np.asarray(freqs, dtype=float))
        return np.where(S.sum(axis=0) > 0, out, 0.0)

    return slip


def check_centroid(func):
    """Exercise (notebook 08): ``my_centroid(S, freqs)``, the centroid in Hz of every frame.

    Checked against :func:`helpers.spectral.spectral_centroid` (relative 1e-6) on
    four spectrograms: random magnitudes, a tone in one bin, one with a silent
    frame (which must give 0 Hz) and a chirp's STFT.  Named slips: NaN for the
    silent frame, a mean over the bins instead of a weighted mean, power
    (squared magnitudes) as weights, bin numbers instead of Hz, the loudest
    bin's frequency instead of the balance point.

    Examples
    --------
    >>> import numpy as np
    >>> def my_centroid(S, freqs):
    ...     total = S.sum(axis=0)
    ...     return np.where(total > 0, freqs @ S / np.where(total > 0, total, 1), 0.0)
    >>> check_centroid(my_centroid)
    ✅ Correct: your my_centroid agrees with the reference on 4 test cases.
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """

    def with_nan(S, freqs):
        S = np.asarray(S, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(freqs, dtype=float) @ S / S.sum(axis=0)

    return check_function(
        func,
        _centroid_reference,
        _centroid_cases(),
        name="my_centroid",
        axes=("frame",),
        unit="Hz",
        call="my_centroid(S, freqs)",
        slips=[
            Slip(
                with_nan,
                "The silent frame gives NaN (0 / 0): a frame with no magnitude at all has no "
                "balance point, and librosa's convention is 0 Hz there. Divide only where the "
                "total is above 0 (np.where, or np.divide with where=).",
            ),
            Slip(
                _per_frame(lambda S, f: f @ S / S.shape[0]),
                "That divides by the number of bins: divide by the frame's total magnitude, "
                "sum(S) over the bins, so the weights add up to 1.",
            ),
            Slip(
                _per_frame(lambda S, f: f @ S**2 / (S**2).sum(axis=0)),
                "Those weights are powers (S squared): the centroid weighs each bin by its "
                "magnitude S, as librosa does.",
            ),
            Slip(
                _per_frame(lambda S, f: np.arange(len(f)) @ S / S.sum(axis=0)),
                "Those are bin numbers, not Hz: weigh the frequencies freqs[k], not the indices k.",
            ),
            Slip(
                lambda S, f: np.where(
                    np.asarray(S).sum(axis=0) > 0, np.asarray(f)[np.argmax(S, axis=0)], 0.0
                ),
                "That is the frequency of the loudest bin in each frame: the centroid is the "
                "balance point of all the bins, a weighted average.",
            ),
        ],
        hint="For every frame (column): sum of freqs[k] * S[k] over the bins, divided by the "
        "sum of S[k]; freqs @ S does the first sum for all frames at once. A silent frame "
        "gives 0 Hz.",
        todo="Section 1 has the formula.",
    )


# ------------------------------------------------------------------ Exercise 2: a roll-off


def check_rolloff_frequency(answer, *, S, freqs, roll_percent=0.85):
    """Exercise (notebook 08): the roll-off frequency in Hz of one given spectrum.

    The expected value is :func:`helpers.spectral.spectral_rolloff` of ``S``
    (magnitudes) at ``freqs`` (relative 1e-6: a roll-off is a bin frequency).
    Named slips: the first bin *past* the threshold (``>`` instead of ``>=``),
    the last bin below it, powers instead of magnitudes, the bin number
    instead of Hz, ``roll_percent`` of the top frequency.

    Examples
    --------
    >>> import numpy as np
    >>> mags, freqs = np.array([0.0, 2, 1, 1]), np.array([0.0, 1000, 2000, 3000])
    >>> check_rolloff_frequency(2000, S=mags, freqs=freqs, roll_percent=0.75)
    ✅ Correct: that is the 75 % roll-off.
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """
    S = np.asarray(S, dtype=float)
    freqs = np.asarray(freqs, dtype=float)
    n_fft = 2 * (len(freqs) - 1)
    sr = freqs[1] * n_fft
    expected = spectral.spectral_rolloff(S=S, sr=sr, n_fft=n_fft, roll_percent=roll_percent)
    running = np.cumsum(S)
    threshold = roll_percent * running[-1]
    first = int(np.searchsorted(freqs, expected))
    past = freqs[min(int(np.argmax(running > threshold)), len(freqs) - 1)]
    power = spectral.spectral_rolloff(S=S**2, sr=sr, n_fft=n_fft, roll_percent=roll_percent)
    slips = [
        Slip(
            past,
            "That is the first bin where the running total goes past the threshold: librosa "
            "takes the first bin where it reaches it (>=), and here one bin reaches it exactly.",
        ),
        Slip(
            freqs[max(first - 1, 0)],
            "That is the last bin still below the threshold: the roll-off is the first bin "
            "whose running total reaches it.",
        ),
        Slip(
            power,
            "That is the roll-off of the powers (S squared); librosa's spectral_rolloff adds up "
            "the magnitudes S themselves.",
        ),
        Slip(first, "That is the bin number: give its frequency in Hz."),
        Slip(expected / 1000, "That looks like kHz: give the roll-off in Hz (1.5 kHz is 1500 Hz)."),
        Slip(
            roll_percent * freqs[-1],
            f"That is {100 * roll_percent:g} % of the highest frequency: the roll-off depends on "
            f"where the magnitude lies, found with a running total of the magnitudes.",
        ),
    ]

    def evidence(value):
        value = float(value)  # a Decimal or a Fraction counts as its number
        k = int(np.argmin(np.abs(freqs - value)))
        if np.isclose(freqs[k], value):
            share = running[k] / running[-1]
            return (
                f"up to {fmt(freqs[k], 'Hz')} the running total is {fmt(running[k])} of "
                f"{fmt(running[-1])}, {100 * share:.0f} % of the frame; the threshold is "
                f"{100 * roll_percent:g} % of the total, {fmt(threshold)}"
            )
        return "a roll-off is always one of the bin frequencies"

    return check_value(
        answer,
        expected,
        what=f"the {100 * roll_percent:g} % roll-off",
        unit="Hz",
        slips=slips,
        evidence=evidence,
        hint="Add up the magnitudes from 0 Hz upwards (np.cumsum) and find the first bin "
        "whose running total is at least roll_percent of the whole.",
        todo="Section 3 shows the running total.",
    )


# ------------------------------------------------------------------ Exercise 3: flute or wind

_FEATURE_NAMES = (
    "spectral_centroid",
    "spectral_bandwidth",
    "spectral_rolloff",
    "spectral_flatness",
    "band_energy_ratio",
)
_SLIP_TEXT = {
    "spectral_centroid": "The wind was filtered to the flute's band, so it is just as bright: "
    "the centroids overlap.",
    "spectral_rolloff": "The wind was filtered to the flute's band, so most of its magnitude "
    "lies below the same frequencies: the roll-offs overlap.",
    "spectral_bandwidth": "Filtered to the same band, the wind spreads about as widely as the "
    "flute's harmonics: the bandwidths overlap.",
    "band_energy_ratio": "The filter copies the flute's balance of low against high, so the "
    "ratios overlap for many frames.",
}


@functools.lru_cache(maxsize=1)
def _flute_and_wind():
    """Feature values per frame: the sounding frames of flute_A4, and wind shaped like it.

    The wind is white noise filtered by the flute's average magnitude spectrum,
    smoothed over 300 Hz (so it has the flute's brightness and band but none of
    its sharp harmonic peaks), at the flute's level.
    """
    from ..audio import load_sample

    flute = np.asarray(load_sample("flute_A4", sr=_SR)[0], dtype=np.float64)
    level = features.rms(flute)
    sounding = level >= level.max() * 10 ** (-30 / 20)
    flute_mags = np.abs(spectral.stft(flute))
    envelope = flute_mags[:, sounding].mean(axis=1)
    width = int(round(300 / (_SR / 2048)))
    envelope = np.convolve(envelope, np.ones(width) / width, mode="same")
    noise = np.random.default_rng(8).standard_normal(3 * _SR)
    freqs = np.fft.rfftfreq(len(noise), 1 / _SR)
    gain = np.interp(freqs, spectral.fft_frequencies(2048, sr=_SR), envelope)
    wind = np.fft.irfft(np.fft.rfft(noise) * gain, n=len(noise))
    wind *= np.sqrt(np.mean(level[sounding] ** 2) / np.mean(wind**2))  # the flute's level
    wind_mags = np.abs(spectral.stft(wind))[:, 4:-4]  # whole frames of noise only

    def all_features(mags):
        return {
            "spectral_centroid": spectral.spectral_centroid(S=mags, sr=_SR),
            "spectral_bandwidth": spectral.spectral_bandwidth(S=mags, sr=_SR),
            "spectral_rolloff": spectral.spectral_rolloff(S=mags, sr=_SR),
            "spectral_flatness": spectral.spectral_flatness(S=mags),
            "band_energy_ratio": spectral.band_energy_ratio(S=mags, sr=_SR, split_frequency=1000.0),
        }

    return all_features(flute_mags[:, sounding]), all_features(wind_mags)


def _best_threshold(a, b):
    """Share of frames one threshold on a feature puts on the right side (0.5 to 1)."""
    values = np.concatenate([a, b])
    labels = np.concatenate([np.zeros(len(a), bool), np.ones(len(b), bool)])
    order = np.argsort(values, kind="stable")
    is_b = labels[order]
    # threshold after position i: a-frames at or below it count as a, b-frames above as b
    a_below = np.concatenate([[0], np.cumsum(~is_b)])
    b_above = len(b) - np.concatenate([[0], np.cumsum(is_b)])
    right = np.maximum(a_below + b_above, (len(a) - a_below) + (len(b) - b_above))
    return float(right.max() / len(values))


def check_flute_or_noise(answer):
    """Exercise (notebook 08): which feature tells a flute from wind filtered to its band?

    ``answer`` is one of ``"spectral_centroid"``, ``"spectral_bandwidth"``,
    ``"spectral_rolloff"``, ``"spectral_flatness"``, ``"band_energy_ratio"``.
    The check computes every feature on the sounding frames of ``flute_A4`` and
    on noise shaped like the flute's average spectrum, and scores each feature
    by the share of frames the best single threshold sorts correctly.  Right:
    the feature whose threshold sorts every frame (only the flatness does).
    The evidence is the chosen feature's ranges and score.

    Examples
    --------
    >>> check_flute_or_noise("spectral_flatness")  # doctest: +ELLIPSIS
    ✅ Correct: that feature sorts 100 % of the frames with one threshold: ...
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """
    options = ", ".join(f'"{name}"' for name in _FEATURE_NAMES)
    if not_attempted(answer):
        return report(
            Feedback(
                "todo",
                f"replace ... with one of {options}. The explorer of section 4 lets you compare "
                f"the flute with noise.",
            )
        )
    if not isinstance(answer, str):
        return report(
            Feedback(
                "wrong",
                f"give the feature's name as text (in quotes), one of {options}; got "
                f"{describe(answer)}.",
            )
        )
    name = answer.strip().lower().removeprefix("spectral.").removesuffix("()")
    if name in ("centroid", "bandwidth", "rolloff", "flatness"):
        name = f"spectral_{name}"
    if name not in _FEATURE_NAMES:
        return report(Feedback("wrong", f"{answer!r} is not one of {options}."))
    flute, wind = _flute_and_wind()
    score = _best_threshold(flute[name], wind[name])
    unit = {"spectral_flatness": "", "band_energy_ratio": ""}.get(name, " Hz")

    def span(values):
        low, high = np.percentile(values, [5, 95])
        if unit:  # Hz: whole hertz
            return f"{low:.0f} to {high:.0f}{unit}"
        return f"{low:.3g} to {high:.3g}"

    evidence = (
        f"on the flute's frames it runs from {span(flute[name])}, on the wind's from "
        f"{span(wind[name])} (5th to 95th percentile)"
    )
    best = max(_FEATURE_NAMES, key=lambda n: _best_threshold(flute[n], wind[n]))
    if score >= 0.99 and name == best:
        # Confirmed without naming the feature: after Run All this box shows under the
        # hidden solution cell, so it must not be the answer.
        return report(
            Feedback(
                "correct",
                f"that feature sorts {100 * score:.0f} % of the frames with one threshold: "
                f"{evidence}.",
            )
        )

    return report(
        Feedback(
            "wrong",
            f"{name} sorts only {100 * score:.0f} % of the frames with the best single threshold: "
            f"{evidence}. {_SLIP_TEXT.get(name, '')} Which feature asks whether a frame is made "
            "of a few peaks or spread over every bin?",
        )
    )


# ------------------------------------------------------------------ Exercise 4: a split


@functools.lru_cache(maxsize=64)
def _piano_and_organ_db(split):
    """The band energy ratios (dB) of the sounding frames of piano_A4 and organ_A4."""
    from ..audio import load_sample

    out = []
    for name in ("piano_A4", "organ_A4"):
        y = load_sample(name, sr=_SR)[0]
        level = features.rms(y)
        sounding = level >= level.max() * 10 ** (-30 / 20)
        ratio = spectral.band_energy_ratio(y, sr=_SR, split_frequency=split)[sounding]
        out.append(10 * np.log10(np.maximum(ratio, 1e-30)))
    return tuple(out)


def check_split_frequency(answer, *, margin_db=6.0):
    """Exercise (notebook 08): a split frequency whose band energy ratio tells piano from organ.

    Right when, with ``split_frequency=answer``, every sounding frame of
    ``piano_A4`` (within 30 dB of its loudest) has a band energy ratio at
    least ``margin_db`` dB (6 dB: four times) above every sounding frame of
    ``organ_A4``, or the other way round.  Any such split is accepted (about
    445 to 870 Hz: between the notes' fundamental and the organ's strong second
    harmonic).  The evidence is both sounds' ranges in dB.  Named slips: a
    split at or near the fundamental (440 Hz) or the second harmonic (880 Hz),
    a value that looks like kHz, one outside 0 to ``sr / 2``.

    Examples
    --------
    >>> check_split_frequency(600)  # doctest: +ELLIPSIS
    ✅ Correct: with your split, the piano's ratio runs from ...
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """
    what = "the split frequency"
    hint = (
        "Both notes are A4, with harmonics at 440, 880 and 1320 Hz and up. Notebook 03 found "
        "the organ's second harmonic stronger than its fundamental: where would a split put "
        "the two sounds on different sides?"
    )
    if not_attempted(answer):
        return report(
            Feedback(
                "todo",
                "replace ... with a split frequency in Hz. Section 5 shows the band energy ratio "
                "of the shipped notes.",
            )
        )
    value = as_number(answer, what=what, unit="Hz", hint=hint)
    if isinstance(value, Feedback):
        return report(value)
    split = float(value)
    if not 0 < split < _SR / 2:
        return report(
            Feedback(
                "wrong",
                f"{what} must lie above 0 Hz and below the Nyquist frequency, {_SR / 2:g} Hz, "
                f"or one band is empty; got {split:g} Hz. {hint}",
            )
        )
    if split < 20:
        return report(
            Feedback(
                "wrong",
                f"{what}: {fmt(split, 'Hz')} is below anything you can hear. Is it in kHz? "
                "Give it in Hz (1.5 kHz is 1500 Hz).",
            )
        )
    piano, organ = _piano_and_organ_db(split)
    gap = max(piano.min() - organ.max(), organ.min() - piano.max())
    evidence = (
        f"with a split at {fmt(split, 'Hz')}, the piano's ratio runs from {piano.min():.1f} to "
        f"{piano.max():.1f} dB and the organ's from {organ.min():.1f} to {organ.max():.1f} dB"
    )
    if gap >= margin_db:
        # Confirmed without repeating the split or where it must lie (the box shows under the
        # hidden solution after Run All).
        ranges = (
            f"the piano's ratio runs from {piano.min():.1f} to {piano.max():.1f} dB and the "
            f"organ's from {organ.min():.1f} to {organ.max():.1f} dB"
        )
        return report(Feedback("correct", f"with your split, {ranges}: {gap:.1f} dB apart."))
    if gap > 0:
        far = f"apart, but only by {gap:.1f} dB; ask for at least {margin_db:g} dB"
    else:
        far = f"overlapping by {-gap:.1f} dB"
    # The accepted splits lie between about 445 and 870 Hz; say which side this one missed on.
    if split < 400:
        slip = (
            "Your split is below both notes' fundamental, 440 Hz: nearly all the power of both "
            "lies above it, and what little lies below does not tell them apart."
        )
    elif split < 660:
        slip = (
            "Your split is at or near the fundamental, 440 Hz (its peak spreads over a few "
            "bins): both notes put nearly all their power above the split."
        )
    elif split < 930:
        slip = (
            "Your split is at or near the second harmonic, 880 Hz (its peak spreads over a few "
            "bins), so the organ's strongest harmonic counts as low, like the piano's "
            "fundamental."
        )
    else:
        slip = (
            "Your split is above the second harmonic, 880 Hz: the organ's strong second harmonic "
            "then lies below the split with both fundamentals, so both notes keep most of their "
            "power below it."
        )
    return report(Feedback("wrong", f"{evidence}: {far}. {slip} {hint}"))
