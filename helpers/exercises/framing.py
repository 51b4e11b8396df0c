"""Checks for notebook 04, framing: frame duration, overlap, frame counts, a framing function.

Taught in: notebooks/04_framing.ipynb
"""

from __future__ import annotations

import numpy as np

from .. import features
from ._core import Case, Slip, check_function, check_value

__all__ = ["check_frame_duration", "check_overlap", "check_frame_count", "check_frame_signal"]


def check_frame_duration(answer, *, frame_length, sr):
    """Exercise (notebook 04): the duration in milliseconds of a frame of ``frame_length`` samples.

    Accepts the exact value and any correct rounding to 0.1 ms (46.4 or 46.44
    for 2048 samples at 44 100 Hz).

    Examples
    --------
    >>> check_frame_duration(46.44, frame_length=2048, sr=44100)
    ✅ Correct: that is the duration of 2048 samples at 44100 Hz, rounded to 2 decimals.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    ms = 1000.0 * frame_length / sr
    slips = [
        Slip(ms / 1000, "That looks like seconds: the question asks for milliseconds."),
        Slip(1000.0 * sr / frame_length, "That is upside down: samples ÷ samples per second."),
    ]
    if sr != 22050:
        slips.append(
            Slip(
                1000.0 * frame_length / 22050,
                f"That is the duration at 22 050 Hz; this recording's rate is {sr:g} Hz.",
            )
        )
    return check_value(
        answer,
        ms,
        what=f"the duration of {frame_length} samples at {sr:g} Hz",
        unit="ms",
        precision=0.1,
        slips=slips,
        hint="A frame of frame_length samples lasts frame_length / sr seconds; 1 s is 1000 ms.",
        todo="A number of milliseconds.",
    )


def check_overlap(answer, *, frame_length, hop_length):
    """Exercise (notebook 04): how much neighbouring frames overlap, in percent of a frame.

    The overlap is ``100 * (frame_length - hop_length) / frame_length`` %, and
    0 % when the hop is a whole frame or longer.

    Examples
    --------
    >>> check_overlap(75, frame_length=2048, hop_length=512)
    ✅ Correct: that is the overlap of frames of 2048 samples every 512 samples.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    shared = max(frame_length - hop_length, 0)
    expected = 100.0 * shared / frame_length
    slips = [
        Slip(
            100.0 * min(hop_length, frame_length) / frame_length,
            "That is the hop as a percentage of the frame: the overlap is the part of a "
            "frame that the next frame shares.",
        ),
    ]
    if expected:
        slips.insert(0, Slip(expected / 100, "That looks like a fraction: give a percentage."))
    if shared and shared != expected:
        slips.append(
            Slip(
                shared, "That is the number of shared samples: give it as a percentage of a frame."
            )
        )
    return check_value(
        answer,
        expected,
        what=f"the overlap of frames of {frame_length} samples every {hop_length} samples",
        unit="%",
        precision=0.1,
        slips=slips,
        hint="Count the samples a frame shares with the next one, as a percentage of a frame.",
        todo="A percentage, from 0 to 100.",
    )


def check_frame_count(answer, *, n_samples, frame_length, hop_length, center):
    """Exercise (notebook 04): how many frames librosa's features return for a signal.

    The answer must be a whole number.  Wrong counts that come from a known
    method are named: the other ``center`` setting, ``ceil(n_samples /
    hop_length)`` (frames starting anywhere inside the signal), a count that
    leaves out the first frame, and ``n_samples / frame_length`` (no overlap).
    Choose ``n_samples`` a multiple of ``hop_length`` so that ``ceil(n_samples
    / hop_length)`` differs from the centred count ``1 + n_samples //
    hop_length``.

    Parameters
    ----------
    answer : int
        The learner's count; ``...`` or None means "not attempted yet".
    n_samples : int, keyword-only
        Length of the signal in samples.
    frame_length, hop_length : int, keyword-only
        Frame size and step in samples.
    center : bool, keyword-only
        True for librosa's default (``frame_length // 2`` samples of padding
        at each end), False for whole frames only.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_frame_count(129, n_samples=65536, frame_length=2048, hop_length=512, center=True)
    ✅ Correct: that is the number of frames (center=True).
    True

    Taught in: notebooks/04_framing.ipynb
    """
    expected = features.num_frames(
        n_samples, frame_length=frame_length, hop_length=hop_length, center=center
    )
    other = features.num_frames(
        n_samples, frame_length=frame_length, hop_length=hop_length, center=not center
    )
    ragged = -(-n_samples // hop_length)
    slips = [
        Slip(other, f"That is the count for center={not center}."),
        Slip(
            ragged,
            "That is ceil(n_samples / hop_length): one frame for every start inside the signal, "
            "short frames at the end included"
            + (
                "; with center=True the padding at both ends changes where frames start."
                if center
                else "; with center=False only frames that fit whole count."
            ),
        ),
        Slip(
            expected - 1,
            "That is one frame too few: count the first frame, the one that starts at sample 0"
            + (" of the padded signal." if center else "."),
        ),
        Slip(expected + 1, "That is one frame too many."),
    ]
    if n_samples % frame_length == 0:
        slips.append(
            Slip(
                n_samples // frame_length,
                "That counts frames that do not overlap: a new frame starts every hop_length "
                "samples.",
            )
        )
    if center:
        hint = (
            "With center=True, librosa first pads frame_length // 2 samples at both ends, then "
            "counts the frames that fit."
        )
    else:
        hint = "With center=False, only frames that fit whole inside the signal count."
    return check_value(
        answer,
        expected,
        what=f"the number of frames (center={center})",
        whole=True,
        slips=slips,
        hint=hint,
        todo="A whole number of frames; section 3 explains the conventions.",
    )


def _frame_reference(y, frame_length, hop_length):
    return features.frame_signal(y, frame_length=frame_length, hop_length=hop_length)


def check_frame_signal(func):
    """Exercise (notebook 04): ``my_frame_signal(y, frame_length, hop_length)``, frames as rows.

    Compared with ``helpers.features.frame_signal(y, frame_length=...,
    hop_length=..., center=False)`` on several signals: one whose last frame
    ends exactly at the last sample, one whose tail does not fill a frame, a
    hop longer than a frame and a float32 signal.  The values must be exactly
    the signal's samples.

    Examples
    --------
    >>> from helpers.features import frame_signal
    >>> check_frame_signal(lambda y, f, h: frame_signal(y, frame_length=f, hop_length=h))
    ✅ Correct: your my_frame_signal agrees with the reference on 6 test cases.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    rng = np.random.default_rng(4)
    noise = rng.uniform(-1, 1, 1000)
    cases = [
        Case(np.arange(1.0, 11.0), 4, 2, label="y = [1, 2, ..., 10], frame_length=4, hop_length=2"),
        Case(np.arange(1.0, 12.0), 4, 2, label="y = [1, 2, ..., 11], frame_length=4, hop_length=2"),
        Case(noise, 256, 128, label="1000 samples of noise, frame_length=256, hop_length=128"),
        Case(noise, 100, 100, label="1000 samples of noise, frame_length=100, hop_length=100"),
        Case(noise, 64, 100, label="1000 samples of noise, frame_length=64, hop_length=100"),
        Case(
            noise[:300].astype(np.float32),
            300,
            7,
            label="300 samples of float32 noise, frame_length=300, hop_length=7",
        ),
    ]

    def columns(y, frame_length, hop_length):
        return _frame_reference(y, frame_length, hop_length).T

    def padded_tail(y, frame_length, hop_length):
        y = np.asarray(y)
        starts = range(0, len(y), hop_length)
        return np.array(
            [
                np.pad(y[s : s + frame_length], (0, max(0, s + frame_length - len(y))))
                for s in starts
            ]
        )

    def short_range(y, frame_length, hop_length):
        starts = range(0, len(y) - frame_length, hop_length)
        return np.array([y[s : s + frame_length] for s in starts])

    def centred(y, frame_length, hop_length):
        return features.frame_signal(
            y, frame_length=frame_length, hop_length=hop_length, center=True
        )

    return check_function(
        func,
        _frame_reference,
        cases,
        name="my_frame_signal",
        axes=("frame", "sample"),
        rtol=0,
        atol=0,
        call="my_frame_signal(y, frame_length, hop_length)",
        slips=[
            Slip(
                columns,
                "Those are frames as columns (librosa.util.frame's layout): here each frame "
                "is a row.",
            ),
            Slip(
                padded_tail,
                "The frames at the end run past the signal (filled with zeros): keep only "
                "frames that fit whole.",
            ),
            Slip(
                short_range,
                "The last whole frame is missing: range() stops before its stop value, so "
                "the stop must be len(y) - frame_length + 1.",
            ),
            Slip(
                centred,
                "Those frames are centred (padded at both ends, center=True): this exercise "
                "wants whole frames of the signal itself.",
            ),
        ],
        hint="Frame i is y[i * hop_length : i * hop_length + frame_length]; keep only frames "
        "that fit whole, one per row.",
        todo="Section 3 shows how frames are laid out.",
    )
