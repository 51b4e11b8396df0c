"""Checks for notebook 05, time-domain features: envelope, RMS, ZCR, hop and frame, silences.

Taught in: notebooks/05_time_domain_features.ipynb
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import features
from ._core import (
    Case,
    Feedback,
    Slip,
    as_number,
    check_function,
    fmt,
    not_attempted,
    report,
    to_array,
)

__all__ = [
    "check_amplitude_envelope",
    "check_rms",
    "check_zcr",
    "check_silences",
    "check_hop_length",
    "check_frame_length",
]

_CALL = "{}(y, frame_length=..., hop_length=...)"


def feature_cases():
    """Test signals for notebook 05's feature exercises, as :class:`Case` objects.

    A lopsided tone (negative peaks twice the positive ones, so a signed max
    fails), uniform noise in float64 and float32, and a signal with exact zeros
    and a stretch of digital silence (zero counts as positive).  No sample lies
    within 1e-10 of zero without being exactly zero, so ``y < 0`` and librosa's
    threshold agree.  Frame and hop lengths include a hop that does not divide
    the frame, frames that do not overlap, and a last whole frame that ends
    exactly at the last sample (300 / 100 on 5000 samples).
    """
    rng = np.random.default_rng(5)
    t = np.arange(3000) / 22050
    lopsided = 0.6 * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.cos(2 * np.pi * 440 * t))
    noise = rng.uniform(-0.5, 0.5, 5000)
    gappy = rng.uniform(-1.0, 1.0, 4001)
    gappy[np.abs(gappy) < 0.2] = 0.0
    gappy[1500:2500] = 0.0
    return [
        Case(
            lopsided,
            frame_length=1024,
            hop_length=512,
            label="a lopsided tone (3000 samples), frame_length=1024, hop_length=512",
        ),
        Case(
            noise,
            frame_length=256,
            hop_length=128,
            label="noise (5000 samples), frame_length=256, hop_length=128",
        ),
        Case(
            noise.astype(np.float32),
            frame_length=300,
            hop_length=100,
            label="float32 noise (5000 samples), frame_length=300, hop_length=100",
        ),
        Case(
            gappy,
            frame_length=512,
            hop_length=512,
            label="noise with exact zeros and a silent stretch (4001 samples), "
            "frame_length=512, hop_length=512",
        ),
        Case(
            gappy,
            frame_length=1000,
            hop_length=333,
            label="noise with exact zeros and a silent stretch (4001 samples), "
            "frame_length=1000, hop_length=333",
        ),
    ]


def _whole_frames(y, frame_length, hop_length):
    return features.frame_signal(
        np.asarray(y, dtype=np.float64), frame_length=frame_length, hop_length=hop_length
    )


def _frames_with_short_tail(y, frame_length, hop_length):
    y = np.asarray(y, dtype=np.float64)
    return [y[s : s + frame_length] for s in range(0, len(y), hop_length)]


def _frames_range_short(y, frame_length, hop_length):
    y = np.asarray(y, dtype=np.float64)
    return [y[s : s + frame_length] for s in range(0, len(y) - frame_length, hop_length)]


def check_amplitude_envelope(func):
    """Exercise (notebook 05): ``my_amplitude_envelope(y, frame_length, hop_length)``.

    The learner's function must return the largest absolute sample value of
    each whole frame (``center=False``: frames start at 0, ``hop_length``,
    ``2 * hop_length``, ... while a whole frame fits), as
    ``helpers.features.amplitude_envelope(y, ..., center=False)`` does.

    Parameters
    ----------
    func : callable or ...
        ``func(y, frame_length=..., hop_length=...)`` returning one value per frame.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> def ae(y, frame_length, hop_length):
    ...     starts = range(0, len(y) - frame_length + 1, hop_length)
    ...     return np.array([np.abs(y[s:s + frame_length]).max() for s in starts])
    >>> check_amplitude_envelope(ae)
    ✅ Correct: your my_amplitude_envelope agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """

    def reference(y, *, frame_length, hop_length):
        return features.amplitude_envelope(
            y, frame_length=frame_length, hop_length=hop_length, center=False
        )

    def signed(y, *, frame_length, hop_length):
        return _whole_frames(y, frame_length, hop_length).max(axis=1)

    def centred(y, *, frame_length, hop_length):
        return features.amplitude_envelope(y, frame_length=frame_length, hop_length=hop_length)

    def short_tail(y, *, frame_length, hop_length):
        return [np.abs(f).max() for f in _frames_with_short_tail(y, frame_length, hop_length)]

    def range_short(y, *, frame_length, hop_length):
        return [np.abs(f).max() for f in _frames_range_short(y, frame_length, hop_length)]

    return check_function(
        func,
        reference,
        feature_cases(),
        name="my_amplitude_envelope",
        axes=("frame",),
        call=_CALL.format("my_amplitude_envelope"),
        slips=[
            Slip(
                signed,
                "That is the largest signed value, max(frame) (the source article's slip): a "
                "negative peak can be the larger one, so take the largest absolute value.",
            ),
            Slip(
                centred,
                "Those frames are centred (padded, center=True): this exercise wants whole "
                "frames without padding.",
            ),
            Slip(
                short_tail,
                "Those include short frames at the end: keep only frames that fit whole.",
            ),
            Slip(
                range_short,
                "The last whole frame is missing: range() stops before its stop value "
                "(+ 1 needed).",
            ),
        ],
        hint="Frames start at 0, hop_length, 2 * hop_length, ... as long as a whole frame fits "
        "(no padding); take the largest ABSOLUTE value in each frame.",
        todo="Section 1 builds the envelope with a loop.",
    )


def check_rms(func):
    """Exercise (notebook 05): ``my_rms(y, frame_length, hop_length)``, centred like librosa.

    The learner's function must pad ``frame_length // 2`` zeros at both ends
    (``center=True``), cut frames every ``hop_length`` samples and return
    ``sqrt(mean(frame ** 2))`` for each, as ``helpers.features.rms`` and
    ``librosa.feature.rms(y=y, frame_length=..., hop_length=...)[0]`` do.
    The tolerance (relative 1e-5) allows float32 arithmetic.

    Parameters
    ----------
    func : callable or ...
        ``func(y, frame_length=..., hop_length=...)`` returning one value per frame.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> def my_rms(y, frame_length, hop_length):
    ...     padded = np.pad(y, frame_length // 2)
    ...     starts = range(0, len(padded) - frame_length + 1, hop_length)
    ...     return np.array([np.sqrt(np.mean(padded[s:s + frame_length] ** 2)) for s in starts])
    >>> check_rms(my_rms)
    ✅ Correct: your my_rms agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """

    def reference(y, *, frame_length, hop_length):
        return features.rms(y, frame_length=frame_length, hop_length=hop_length, center=True)

    def padded_frames(y, frame_length, mode="constant"):
        return np.pad(np.asarray(y, dtype=np.float64), frame_length // 2, mode=mode)

    def uncentred(y, *, frame_length, hop_length):
        return features.rms(y, frame_length=frame_length, hop_length=hop_length, center=False)

    def root_first(y, *, frame_length, hop_length):
        frames = _whole_frames(padded_frames(y, frame_length), frame_length, hop_length)
        return np.mean(np.sqrt(frames**2), axis=1)

    def reflected(y, *, frame_length, hop_length):
        frames = _whole_frames(padded_frames(y, frame_length, "reflect"), frame_length, hop_length)
        return np.sqrt(np.mean(frames**2, axis=1))

    return check_function(
        func,
        reference,
        feature_cases(),
        name="my_rms",
        axes=("frame",),
        rtol=1e-5,
        atol=1e-7,
        call=_CALL.format("my_rms"),
        slips=[
            Slip(
                uncentred,
                "Those are whole frames without padding (center=False): this exercise pads "
                "frame_length // 2 zeros at both ends first, as librosa does.",
            ),
            Slip(
                lambda y, **kw: reference(y, **kw) ** 2,
                "That is the mean square: the square root is missing.",
            ),
            Slip(
                root_first,
                "The root came before the mean (that is the mean absolute value): square, "
                "then mean, then root.",
            ),
            Slip(
                reflected,
                "The padding mirrors the signal: pad with zeros (np.pad's default mode).",
            ),
        ],
        hint="Pad frame_length // 2 zeros at both ends first (np.pad), then for each frame take "
        "sqrt(mean(frame ** 2)).",
        todo="Read the name backwards: root, mean, square.",
    )


def check_zcr(func):
    """Exercise (notebook 05): ``my_zcr(y, frame_length, hop_length)`` on whole frames.

    The learner's function must cut whole frames (``center=False``), count the
    neighbouring pairs inside each frame where one sample is negative and the
    other is not (zero counts as positive) and divide the count by
    ``frame_length``, as ``helpers.features.zero_crossing_rate(y, ...,
    center=False)`` and librosa do.

    Parameters
    ----------
    func : callable or ...
        ``func(y, frame_length=..., hop_length=...)`` returning one value per frame.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> def my_zcr(y, frame_length, hop_length):
    ...     starts = range(0, len(y) - frame_length + 1, hop_length)
    ...     neg = [np.asarray(y[s:s + frame_length]) < 0 for s in starts]
    ...     return np.array([np.sum(n[1:] != n[:-1]) / frame_length for n in neg])
    >>> check_zcr(my_zcr)
    ✅ Correct: your my_zcr agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """

    def reference(y, *, frame_length, hop_length):
        return features.zero_crossing_rate(
            y, frame_length=frame_length, hop_length=hop_length, center=False
        )

    def changes(y, frame_length, hop_length, how):
        frames = _whole_frames(y, frame_length, hop_length)
        if how == "sign":
            s = np.sign(frames)
            return np.sum(s[:, 1:] != s[:, :-1], axis=1)
        if how == "diff":
            return np.sum(np.abs(np.diff(np.sign(frames), axis=1)), axis=1)
        neg = frames < 0
        return np.sum(neg[:, 1:] != neg[:, :-1], axis=1)

    def with_sign(y, *, frame_length, hop_length):
        return changes(y, frame_length, hop_length, "sign") / frame_length

    def with_diff(y, *, frame_length, hop_length):
        return changes(y, frame_length, hop_length, "diff") / frame_length

    def minus_one(y, *, frame_length, hop_length):
        return changes(y, frame_length, hop_length, "neg") / (frame_length - 1)

    def counts(y, *, frame_length, hop_length):
        return changes(y, frame_length, hop_length, "neg")

    def centred(y, *, frame_length, hop_length):
        return features.zero_crossing_rate(y, frame_length=frame_length, hop_length=hop_length)

    return check_function(
        func,
        reference,
        feature_cases(),
        name="my_zcr",
        axes=("frame",),
        rtol=1e-9,
        call=_CALL.format("my_zcr"),
        slips=[
            Slip(
                with_sign,
                "np.sign gives 0 a sign of its own, so a step from 0.3 to 0 counts as a "
                "crossing: use y < 0 (zero counts as positive).",
            ),
            Slip(
                with_diff,
                "np.diff of the signs is 2 (or -2) at a crossing, so each one counts twice.",
            ),
            Slip(minus_one, "Divide by frame_length (as librosa does), not frame_length - 1."),
            Slip(counts, "Those are counts: divide each by frame_length to get a rate."),
            Slip(
                centred,
                "Those frames are centred (padded, center=True): this exercise wants whole "
                "frames without padding.",
            ),
        ],
        hint="No padding. Inside each frame compare each sample's sign with its neighbour's "
        "(y < 0 is negative; zero counts as positive), count the changes and divide by "
        "frame_length.",
        todo="Section 3 counts crossings on a short example.",
    )


def check_silences(answer, *, clean, frame_length=1024, hop_length=512, min_agreement=0.95):
    """Exercise (notebook 05): a boolean mask, one value per frame, True where speech is silent.

    The reference segmentation comes from the clean recording (before the
    noise was added): a frame, centred as in ``helpers.features.rms``, is
    silent when no sample of the clean speech in it exceeds 1e-4 in absolute
    value.  The answer passes when at least ``min_agreement`` of the frames
    agree, so a frame or two of disagreement at the edge of a word is fine.

    Parameters
    ----------
    answer : array_like of bool or ...
        One value per frame (``center=True`` frames of ``frame_length`` samples
        every ``hop_length``), True for silence.  1/0 is accepted for True/False.
    clean : array_like
        The speech without added noise (samples in its pauses are exactly zero).
    frame_length, hop_length : int, keyword-only
        Framing of the mask, in samples.
    min_agreement : float, keyword-only
        Fraction of frames that must agree with the reference (0 to 1).

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> clean = np.concatenate([np.zeros(4096), 0.5 * np.ones(4096), np.zeros(4096)])
    >>> mask = np.r_[np.ones(8), np.zeros(10), np.ones(7)].astype(bool)
    >>> check_silences(mask, clean=clean)
    ✅ Correct: 96% of the 25 frames agree with the reference segmentation (16 silent frames).
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    hint = (
        "Compute the RMS of each frame in dB, look where the noise floor and the speech sit, "
        "and mark a frame silent (True) when its level is below a threshold between the two."
    )
    if not_attempted(answer):
        return report(
            Feedback(
                "todo",
                "replace ... with a True/False mask, one value per frame. The histogram above "
                "shows where the noise floor is.",
            )
        )
    reference = (
        features.amplitude_envelope(
            clean, frame_length=frame_length, hop_length=hop_length, center=True
        )
        <= 1e-4
    )
    n = len(reference)
    single = isinstance(answer, (numbers.Number, np.number, np.bool_))
    if single or (isinstance(answer, np.ndarray) and answer.ndim == 0):
        return report(
            Feedback(
                "wrong",
                f"the mask should be {n} True/False values, one per frame; got a single value "
                f"({fmt(answer)}). Compare every frame's level with the threshold.",
            )
        )
    got, problem = to_array(answer, kind="bool", axes=("frame",))
    if problem:
        if "numbers, not True/False" in problem:
            problem += (
                " (levels in dB?): compare them with the threshold, e.g. rms_db < threshold_db"
            )
        return report(
            Feedback(
                "wrong",
                f"the mask should be {n} True/False values, one per frame; got {problem}.",
            )
        )
    if got.shape != reference.shape:
        shape = "a single value" if got.ndim == 0 else f"shape {got.shape}"
        return report(
            Feedback(
                "wrong",
                f"the mask should be {n} True/False values, one per frame; got {shape}. "
                f"Make it from the RMS of the frames, one comparison per frame.",
            )
        )
    agreement = float(np.mean(got == reference))
    if agreement >= min_agreement:
        return report(
            Feedback(
                "correct",
                f"{agreement:.0%} of the {n} frames agree with the reference segmentation "
                f"({int(reference.sum())} silent frames).",
            )
        )
    if float(np.mean(~got == reference)) >= min_agreement:
        return report(
            Feedback(
                "wrong",
                f"only {agreement:.0%} of the {n} frames agree, but {1 - agreement:.0%} would "
                f"with True and False swapped: True should mean silent (level below the "
                f"threshold).",
            )
        )
    too_many = got & ~reference
    too_few = ~got & reference
    if too_many.sum() > too_few.sum():
        a = int(np.flatnonzero(too_many)[0])
        nudge = (
            f"{int(too_many.sum())} frames with speech in them are marked silent (the first at "
            f"frame {a}): is the threshold too high?"
        )
    else:
        a = int(np.flatnonzero(too_few)[0])
        nudge = (
            f"{int(too_few.sum())} silent frames are not marked (the first at frame {a}): "
            f"is the threshold below the noise floor?"
        )
    return report(
        Feedback(
            "wrong",
            f"only {agreement:.0%} of the {n} frames agree with the reference (at least "
            f"{min_agreement:.0%} needed). {nudge} {hint}",
        )
    )


def _samples_answer(answer, what, seconds, sr, hint, right):
    """The answer as a whole number of samples, or Feedback naming a unit slip."""
    value = as_number(answer, what=what, hint=hint)
    if isinstance(value, Feedback):
        return value
    x = float(value)
    if x in right:
        return int(x)
    if np.isclose(x, seconds):
        return Feedback(
            "wrong", f"{what}: {fmt(x)} is in seconds; it is counted in samples. {hint}"
        )
    if np.isclose(x, 1000 * seconds):
        return Feedback(
            "wrong", f"{what}: {fmt(x)} is in milliseconds; it is counted in samples. {hint}"
        )
    return as_number(
        value,
        what=what,
        unit="samples",
        whole=True,
        hint=f"{hint} Round to a whole number of samples.",
    )


def check_hop_length(answer, *, resolution_s=0.010, sr=22050):
    """Exercise (notebook 05): the hop in samples that gives one frame every ``resolution_s`` seconds.

    A hop is a whole number of samples, so both neighbours of
    ``resolution_s * sr`` are accepted when it is not whole (220 or 221 for
    10 ms at 22 050 Hz).

    Parameters
    ----------
    answer : int or ...
        The learner's hop_length in samples.
    resolution_s : float, keyword-only
        Wanted time between frames in seconds.
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_hop_length(220)
    ✅ Correct: that hop gives one frame every 10 ms, to the nearest sample.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    hint = "hop_length = time between frames (s) × sample rate (samples per second)."
    if not_attempted(answer):
        return report(Feedback("todo", "replace ... with a hop_length: a whole number of samples."))
    exact = resolution_s * sr
    allowed = {max(1, int(np.floor(exact))), max(1, int(np.ceil(exact)))}
    value = _samples_answer(answer, "hop_length", resolution_s, sr, hint, allowed)
    if isinstance(value, Feedback):
        return report(value)
    if value in allowed:
        return report(
            Feedback(
                "correct",
                f"that hop gives one frame every {1000 * resolution_s:g} ms, to the nearest sample.",
            )
        )
    return report(
        Feedback(
            "wrong",
            f"hop_length = {value} samples is one frame every {1000 * value / sr:.2f} ms, "
            f"not {1000 * resolution_s:g} ms. {hint}",
        )
    )


def check_frame_length(answer, *, min_duration_s=0.025, sr=22050):
    """Exercise (notebook 05): the shortest power-of-two frame_length lasting ``min_duration_s``.

    Parameters
    ----------
    answer : int or ...
        The learner's frame_length in samples.
    min_duration_s : float, keyword-only
        Shortest acceptable frame duration in seconds.
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_frame_length(1024)
    ✅ Correct: that is the shortest power of two lasting at least 25 ms at 22050 Hz; half of it would be too short.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    hint = (
        "A frame lasts frame_length / sr seconds; try 256, 512, 1024, ... and keep the "
        "first that is long enough."
    )
    if not_attempted(answer):
        return report(
            Feedback("todo", "replace ... with a frame_length: a power of two, in samples.")
        )
    expected = 1
    while expected / sr < min_duration_s:
        expected *= 2
    value = _samples_answer(answer, "frame_length", min_duration_s, sr, hint, {expected})
    if isinstance(value, Feedback):
        return report(value)
    ms = 1000 * value / sr
    if value == expected:
        return report(
            Feedback(
                "correct",
                f"that is the shortest power of two lasting at least "
                f"{1000 * min_duration_s:g} ms at {sr:g} Hz; half of it would be too short.",
            )
        )
    if value < 1 or value & (value - 1):
        problem = f"{value} is not a power of two (..., 256, 512, 1024, 2048, ...)."
        if value >= 1 and value / sr >= min_duration_s:
            problem += " Round up to the next power of two."
    elif ms < 1000 * min_duration_s:
        problem = (
            f"{value} samples last only {ms:.1f} ms, shorter than {1000 * min_duration_s:g} ms."
        )
    else:
        problem = (
            f"{value} samples ({ms:.1f} ms) is long enough, but a shorter power of two is too."
        )
    return report(Feedback("wrong", f"{problem} {hint}"))
