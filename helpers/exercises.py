"""Checks for the notebooks' exercises.

Every check answers at once, in one of three ways:

- **not attempted yet** (the answer is still ``...`` or ``None``): a hint, no error;
- **correct**: a short confirmation;
- **not yet right**: what is wrong and a nudge.  When the notebooks run under
  the test suite (environment variable ``COURSE_STRICT_EXERCISES=1``), a wrong
  answer raises ``AssertionError`` instead, so a broken worked solution fails
  loudly.

Each check returns an :class:`Outcome` whose ``ok`` is True (right), False
(wrong) or None (not attempted); it is truthy only when the answer is right.
"""

from __future__ import annotations

import html
import os

import numpy as np

from . import signals

__all__ = [
    "Feedback",
    "Outcome",
    "strict_mode",
    "check_value",
    "check_function",
    # 01
    "check_period",
    "check_octaves",
    "check_midi_to_hz",
    # 02
    "check_duration",
    "check_alias",
    "check_quantize",
    # 03
    "check_harmonics",
    "check_adsr",
    "check_rms_db",
    # 04
    "check_frame_count",
    "check_frame_duration",
    "check_overlap",
    "check_frame_signal",
    # 05
    "check_amplitude_envelope",
    "check_rms",
    "check_zcr",
    "check_silences",
    "check_hop_length",
    "check_frame_length",
    # 06
    "check_nearest_bin",
    "check_frequency_resolution",
    "check_dft",
    # 07
    "check_bin_frequency",
    "check_n_fft_for_resolution",
    "check_stft",
    "check_hz_to_mel",
    # 09
    "check_added_feature",
    "check_confused_pair",
]

STRICT_ENV = "COURSE_STRICT_EXERCISES"


def strict_mode():
    """True when wrong answers should raise (the notebooks are being tested)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0", "false", "False")


class Feedback:
    """What a check says; shows as a coloured box in a notebook, plain text elsewhere."""

    _STYLE = {
        "correct": ("#e6f4ea", "#137333", "\u2705 Correct"),
        "wrong": ("#fce8e6", "#a50e0e", "\u274c Not yet"),
        "todo": ("#fef7e0", "#7a5b00", "\U0001f4a1 Not attempted yet"),
    }

    def __init__(self, status, message):
        self.status = status
        self.message = message

    @property
    def ok(self):
        return {"correct": True, "wrong": False, "todo": None}[self.status]

    def __repr__(self):
        return f"{self._STYLE[self.status][2]}: {self.message}"

    def _repr_html_(self):
        bg, fg, head = self._STYLE[self.status]
        return (
            f"<div style='background:{bg};color:{fg};padding:6px 10px;border-radius:4px'>"
            f"<b>{head}</b>: {html.escape(self.message)}</div>"
        )


class Outcome:
    """What a check returns: ``ok`` is True (right), False (wrong) or None (not attempted).

    It is truthy only when the answer is right.  In a notebook it displays as
    nothing, because the check has already shown its feedback box (so no stray
    ``True`` appears under the box).
    """

    __slots__ = ("ok", "feedback")

    def __init__(self, feedback):
        self.feedback = feedback
        self.ok = feedback.ok

    def __bool__(self):
        return bool(self.ok)

    def __repr__(self):
        return repr(self.ok)

    def _ipython_display_(self):
        pass


def _report(feedback):
    if feedback.status == "wrong" and strict_mode():
        raise AssertionError(feedback.message)
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(feedback)
        else:
            print(repr(feedback))
    except ImportError:
        print(repr(feedback))
    return Outcome(feedback)


def _not_attempted(answer):
    return answer is None or answer is Ellipsis


def check_value(answer, expected, *, what, unit="", rtol=1e-3, atol=0.0, hint=""):
    """Compare a numeric answer (or list of numbers) with the expected value.

    Parameters
    ----------
    answer : number or array_like
        The learner's answer; ``...`` or None means "not attempted yet".
    expected : number or array_like
        The right answer.
    what : str
        What the answer is, for the message ("the period").
    unit : str
        Unit to show ("ms").
    rtol, atol : float
        Relative and absolute tolerance.
    hint : str
        Shown when the answer is missing or wrong.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_value(4.0, 4.0, what="the period", unit="ms")
    \u2705 Correct: the period is 4 ms.
    True
    """
    unit_text = f" {unit}" if unit else ""
    if _not_attempted(answer):
        return _report(Feedback("todo", f"replace ... with {what}. {hint}".strip()))
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return _report(
            Feedback("wrong", f"{what} should be a number; got {answer!r}. {hint}".strip())
        )
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return _report(
            Feedback(
                "wrong", f"{what} should have {want.size} value(s); got {got.size}. {hint}".strip()
            )
        )
    if np.allclose(got, want, rtol=rtol, atol=atol):
        shown = np.array2string(want, precision=4) if want.ndim else f"{float(want):g}"
        verb = "are" if want.ndim else "is"
        return _report(Feedback("correct", f"{what} {verb} {shown}{unit_text}."))
    shown = np.array2string(got, precision=4) if got.ndim else f"{float(got):g}"
    return _report(Feedback("wrong", f"{what}: {shown}{unit_text} is not right. {hint}".strip()))


def check_function(func, reference, cases, *, what, hint="", rtol=1e-6, atol=1e-9):
    """Call a learner's function on test cases and compare with a reference.

    Parameters
    ----------
    func : callable
        The learner's function; ``...`` or None means "not attempted yet".
    reference : callable
        The correct implementation.
    cases : list of (args tuple, kwargs dict)
        Inputs to try.
    what : str
        Name shown in the messages.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).
    """
    if _not_attempted(func):
        return _report(Feedback("todo", f"write {what}, then run this cell again. {hint}".strip()))
    if not callable(func):
        return _report(
            Feedback("wrong", f"{what} should be a function; got {type(func).__name__}.")
        )
    for args, kwargs in cases:
        shown = ", ".join([*(_short(a) for a in args), *(f"{k}={v!r}" for k, v in kwargs.items())])
        try:
            got = func(*args, **kwargs)
        except NotImplementedError:
            return _report(Feedback("todo", f"{what} is not written yet. {hint}".strip()))
        except Exception as exc:  # report the learner's error as feedback
            return _report(
                Feedback(
                    "wrong", f"{what}({shown}) raised {type(exc).__name__}: {exc}. {hint}".strip()
                )
            )
        want = reference(*args, **kwargs)
        if got is None:
            return _report(
                Feedback("wrong", f"{what}({shown}) returned None: did you forget return?")
            )
        got_arr = np.asarray(got, dtype=float)
        want_arr = np.asarray(want, dtype=float)
        if got_arr.shape != want_arr.shape:
            return _report(
                Feedback(
                    "wrong",
                    f"{what}({shown}) gave shape {got_arr.shape}, expected "
                    f"{want_arr.shape}. {hint}".strip(),
                )
            )
        if not np.allclose(got_arr, want_arr, rtol=rtol, atol=atol):
            worst = int(np.argmax(np.abs(got_arr - want_arr))) if got_arr.ndim else 0
            return _report(
                Feedback(
                    "wrong",
                    f"{what}({shown}) differs from the expected result "
                    f"(first large difference at index {worst}). {hint}".strip(),
                )
            )
    return _report(
        Feedback("correct", f"{what} agrees with the reference on {len(cases)} test cases.")
    )


def _short(value):
    if isinstance(value, np.ndarray):
        return f"<array of {value.size}>"
    return repr(value)


# ---------------------------------------------------------------- notebook 01


def check_period(answer, *, freq=250.0):
    """Exercise (notebook 01): the period in milliseconds of a ``freq`` Hz tone.

    Examples
    --------
    >>> check_period(4.0)
    \u2705 Correct: the period of a 250 Hz tone is 4 ms.
    True
    """
    return check_value(
        answer,
        1000.0 / freq,
        what=f"the period of a {freq:g} Hz tone",
        unit="ms",
        hint="The period is T = 1 / f seconds; multiply by 1000 for ms.",
    )


def check_octaves(answer):
    """Exercise (notebook 01): the frequencies of A2, A3, A4, A5 and A6 in Hz, as a list."""
    return check_value(
        answer,
        [110.0, 220.0, 440.0, 880.0, 1760.0],
        what="the frequencies of A2..A6",
        unit="Hz",
        hint="A4 is 440 Hz; each octave up doubles it, each octave down halves it.",
    )


def check_midi_to_hz(func):
    """Exercise (notebook 01): a function turning a MIDI note number into Hz."""
    cases = [((69,), {}), ((81,), {}), ((60,), {}), ((21,), {}), ((69.5,), {})]
    return check_function(
        func,
        signals.midi_to_hz,
        cases,
        what="my_midi_to_hz",
        hint="A4 = MIDI 69 = 440 Hz, and each semitone multiplies by 2 ** (1 / 12).",
    )


# ---------------------------------------------------------------- notebook 02


def check_duration(answer, *, n_samples, sr):
    """Exercise (notebook 02): duration in seconds of ``n_samples`` samples at ``sr`` Hz."""
    return check_value(
        answer,
        n_samples / sr,
        what=f"the duration of {n_samples} samples at {sr:g} Hz",
        unit="s",
        hint="duration = number of samples / sample rate.",
    )


def check_alias(answer, *, freq, sr):
    """Exercise (notebook 02): the frequency you hear when ``freq`` Hz is sampled at ``sr`` Hz."""
    return check_value(
        answer,
        signals.alias_frequency(freq, sr=sr),
        atol=0.5,
        what=f"the alias of {freq:g} Hz sampled at {sr:g} Hz",
        unit="Hz",
        hint="Subtract whole multiples of sr until the result lies between "
        "-sr/2 and sr/2, then take its absolute value.",
    )


def check_quantize(func):
    """Exercise (notebook 02): a function ``quantize(y, bits)`` like ``helpers.signals.quantize``."""
    rng = np.random.default_rng(7)
    y = np.concatenate([rng.uniform(-1, 1, 200), [-1.0, 0.0, 1.0, -0.3, 0.3]])
    cases = [((y, b), {}) for b in (1, 2, 3, 8, 16)]
    cases.append(((np.array([-1.5, 1.5, 0.2]), 4), {}))
    return check_function(
        func,
        signals.quantize,
        cases,
        what="my_quantize",
        atol=1e-12,
        hint="Clip to [-1, 1], find each sample's cell of width 2 / 2**bits, "
        "and return the cell's centre.",
    )


# ---------------------------------------------------------------- notebook 03


def check_harmonics(answer, *, f0=440.0, n=5):
    """Exercise (notebook 03): the first ``n`` harmonic frequencies of ``f0`` Hz, as a list."""
    return check_value(
        answer,
        [f0 * k for k in range(1, n + 1)],
        what=f"the first {n} harmonics of {f0:g} Hz",
        unit="Hz",
        hint="Harmonic k is k times the fundamental, starting with k = 1.",
    )


def check_adsr(func):
    """Exercise (notebook 03): ``adsr(attack, decay, sustain_level, release, duration, sr)``."""

    def reference(a, d, s, r, dur, sr):
        return signals.adsr_envelope(a, d, s, r, dur, sr=sr)

    cases = [
        ((0.1, 0.1, 0.5, 0.2, 1.0, 100), {}),
        ((0.01, 0.2, 0.7, 0.3, 1.5, 1000), {}),
        ((0.0, 0.0, 1.0, 0.0, 0.5, 200), {}),
        ((0.25, 0.25, 0.0, 0.5, 1.0, 400), {}),
    ]
    return check_function(
        func,
        reference,
        cases,
        what="my_adsr",
        atol=1e-9,
        hint="Use t = np.arange(n) / sr with n = round(duration * sr); the "
        "release starts at duration - release.",
    )


def check_rms_db(answer, *, y):
    """Exercise (notebook 03): the RMS level of the whole signal ``y`` in dBFS."""
    y = np.asarray(y, dtype=np.float64)
    expected = 20 * np.log10(np.sqrt(np.mean(y**2)))
    return check_value(
        answer,
        expected,
        atol=0.05,
        rtol=0,
        what="the RMS level",
        unit="dBFS",
        hint="RMS = sqrt(mean(y ** 2)); in dBFS that is 20 * log10(RMS).",
    )


# ---------------------------------------------------------------- notebook 04


def check_frame_count(answer, *, n_samples, frame_length, hop_length, center):
    """Exercise (notebook 04): how many frames librosa's features return for a signal.

    Parameters
    ----------
    answer : int
        The learner's count; ``...`` or None means "not attempted yet".
    n_samples : int, keyword-only
        Length of the signal in samples.
    frame_length, hop_length : int, keyword-only
        Frame size and step in samples.
    center : bool, keyword-only
        True for librosa's default (``frame_length // 2`` samples of padding at
        each end: ``1 + n_samples // hop_length`` frames for an even
        ``frame_length``), False for whole frames only
        (``1 + (n_samples - frame_length) // hop_length``).

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_frame_count(483, n_samples=246960, frame_length=1024, hop_length=512, center=True)
    \u2705 Correct: the number of frames (center=True) is 483.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    from . import features

    expected = features.num_frames(
        n_samples, frame_length=frame_length, hop_length=hop_length, center=center
    )
    other = features.num_frames(
        n_samples, frame_length=frame_length, hop_length=hop_length, center=not center
    )
    ragged = -(-n_samples // hop_length)
    if center:
        hint = (
            "With center=True the signal is padded by frame_length // 2 at both ends, "
            "so there are 1 + n_samples // hop_length frames."
        )
    else:
        hint = (
            "With center=False only whole frames count: "
            "1 + (n_samples - frame_length) // hop_length."
        )
    if _is_real_number(answer) and float(answer) != expected:
        if float(answer) == other:
            hint = f"That is the count for center={not center}. " + hint
        elif float(answer) == ragged and not center:
            hint = (
                "That is ceil(n_samples / hop_length), which counts the short frames at "
                "the end too. " + hint
            )
    return check_value(
        answer, expected, rtol=0, atol=0, what=f"the number of frames (center={center})", hint=hint
    )


def check_frame_duration(answer, *, frame_length, sr):
    """Exercise (notebook 04): the duration in milliseconds of a frame of ``frame_length`` samples.

    Examples
    --------
    >>> check_frame_duration(46.44, frame_length=2048, sr=44100)
    \u2705 Correct: the duration of 2048 samples at 44100 Hz is 46.4399 ms.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    expected = 1000.0 * frame_length / sr
    hint = "duration = frame_length / sr seconds; multiply by 1000 for milliseconds."
    if _is_real_number(answer) and np.isclose(float(answer), expected / 1000, rtol=1e-3):
        hint = "That looks like seconds: the question asks for milliseconds. " + hint
    return check_value(
        answer,
        expected,
        rtol=2e-3,
        what=f"the duration of {frame_length} samples at {sr:g} Hz",
        unit="ms",
        hint=hint,
    )


def check_overlap(answer, *, frame_length, hop_length):
    """Exercise (notebook 04): how much neighbouring frames overlap, in percent of a frame.

    The overlap is ``100 * (frame_length - hop_length) / frame_length`` %, and
    0 % when the hop is a whole frame or longer.

    Examples
    --------
    >>> check_overlap(75, frame_length=2048, hop_length=512)
    \u2705 Correct: the overlap of frames of 2048 samples every 512 samples is 75 %.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    expected = 100.0 * max(frame_length - hop_length, 0) / frame_length
    hint = (
        "Neighbouring frames share frame_length - hop_length samples; divide by "
        "frame_length and multiply by 100."
    )
    if _is_real_number(answer) and expected and np.isclose(float(answer), expected / 100):
        hint = "That looks like a fraction: give a percentage (0 to 100). " + hint
    elif _is_real_number(answer) and np.isclose(float(answer), 100.0 * hop_length / frame_length):
        hint = "That is the hop as a percentage of the frame, not the shared part. " + hint
    return check_value(
        answer,
        expected,
        rtol=1e-3,
        atol=0.05,
        what=(f"the overlap of frames of {frame_length} samples every {hop_length} samples"),
        unit="%",
        hint=hint,
    )


def check_frame_signal(func):
    """Exercise (notebook 04): ``my_frame_signal(y, frame_length, hop_length)``, frames as rows.

    Compared with ``helpers.features.frame_signal(y, frame_length=...,
    hop_length=..., center=False)`` on several signals, including ones where
    the last samples do not fill a whole frame and a hop longer than a frame.

    Examples
    --------
    >>> from helpers.features import frame_signal
    >>> check_frame_signal(lambda y, f, h: frame_signal(y, frame_length=f, hop_length=h))
    \u2705 Correct: your my_frame_signal agrees with the reference on 6 test cases.
    True

    Taught in: notebooks/04_framing.ipynb
    """
    from . import features

    def reference(y, frame_length, hop_length):
        return features.frame_signal(y, frame_length=frame_length, hop_length=hop_length)

    rng = np.random.default_rng(4)
    noise = rng.uniform(-1, 1, 1000)
    cases = [
        ((np.arange(10.0), 4, 2), {}),
        ((np.arange(11.0), 4, 2), {}),
        ((noise, 256, 128), {}),
        ((noise, 100, 100), {}),
        ((noise, 64, 100), {}),
        ((noise[:300].astype(np.float32), 300, 7), {}),
    ]
    return check_function(
        func,
        reference,
        cases,
        what="your my_frame_signal",
        atol=0,
        rtol=0,
        hint="Frame i is y[i * hop_length : i * hop_length + frame_length]; "
        "keep only frames that fit whole, one per row: "
        "1 + (len(y) - frame_length) // hop_length of them.",
    )


def _is_real_number(value):
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


# ---------------------------------------------------------------- notebook 05


def _feature_cases():
    """Test signals for the notebook-05 feature exercises.

    A lopsided tone (negative peaks twice the positive ones, so a signed max
    fails), uniform noise in float64 and float32, and a signal with exact zeros
    and a stretch of digital silence (zero counts as positive).  No sample lies
    within 1e-10 of zero without being exactly zero, so ``y < 0`` and librosa's
    threshold agree.  Frame and hop lengths include a hop that does not divide
    the frame and frames that do not overlap.
    """
    rng = np.random.default_rng(5)
    t = np.arange(3000) / 22050
    lopsided = 0.6 * (np.sin(2 * np.pi * 220 * t) + 0.5 * np.cos(2 * np.pi * 440 * t))
    noise = rng.uniform(-0.5, 0.5, 5000)
    gappy = rng.uniform(-1.0, 1.0, 4001)
    gappy[np.abs(gappy) < 0.2] = 0.0
    gappy[1500:2500] = 0.0
    return [
        ((lopsided,), {"frame_length": 1024, "hop_length": 512}),
        ((noise,), {"frame_length": 256, "hop_length": 128}),
        ((noise.astype(np.float32),), {"frame_length": 300, "hop_length": 100}),
        ((gappy,), {"frame_length": 512, "hop_length": 512}),
        ((gappy,), {"frame_length": 1000, "hop_length": 333}),
    ]


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
    \u2705 Correct: your my_amplitude_envelope agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    from . import features

    def reference(y, *, frame_length, hop_length):
        return features.amplitude_envelope(
            y, frame_length=frame_length, hop_length=hop_length, center=False
        )

    return check_function(
        func,
        reference,
        _feature_cases(),
        what="your my_amplitude_envelope",
        hint="Frames start at 0, hop_length, 2 * hop_length, ... as long as a "
        "whole frame fits (no padding); take the largest ABSOLUTE value "
        "in each frame.",
    )


def check_rms(func):
    """Exercise (notebook 05): ``my_rms(y, frame_length, hop_length)``, centred like librosa.

    The learner's function must pad ``frame_length // 2`` zeros at both ends
    (``center=True``), cut frames every ``hop_length`` samples and return
    ``sqrt(mean(frame ** 2))`` for each, as ``helpers.features.rms`` and
    ``librosa.feature.rms(y=y, frame_length=..., hop_length=...)[0]`` do.

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
    \u2705 Correct: your my_rms agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    from . import features

    def reference(y, *, frame_length, hop_length):
        return features.rms(y, frame_length=frame_length, hop_length=hop_length, center=True)

    return check_function(
        func,
        reference,
        _feature_cases(),
        what="your my_rms",
        rtol=1e-5,
        atol=1e-7,
        hint="Pad frame_length // 2 zeros at both ends first (np.pad), then "
        "for each frame take sqrt(mean(frame ** 2)).",
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
    \u2705 Correct: your my_zcr agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    from . import features

    def reference(y, *, frame_length, hop_length):
        return features.zero_crossing_rate(
            y, frame_length=frame_length, hop_length=hop_length, center=False
        )

    return check_function(
        func,
        reference,
        _feature_cases(),
        what="your my_zcr",
        hint="No padding. Inside each frame compare each sample's sign with its "
        "neighbour's (y < 0 is negative; zero counts as positive), count "
        "the changes and divide by frame_length, not frame_length - 1.",
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
        every ``hop_length``), True for silence.
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
    \u2705 Correct: 96% of the 25 frames agree with the reference segmentation (16 silent frames).
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    from . import features

    hint = (
        "Compute the RMS of each frame in dB, look where the noise floor and the speech sit, "
        "and mark a frame silent (True) when its level is below a threshold between the two."
    )
    if _not_attempted(answer):
        return _report(
            Feedback("todo", f"replace ... with a boolean mask, one value per frame. {hint}")
        )
    reference = (
        features.amplitude_envelope(
            clean, frame_length=frame_length, hop_length=hop_length, center=True
        )
        <= 1e-4
    )
    got = np.asarray(answer)
    if got.dtype.kind not in "biuf" or got.shape != reference.shape:
        return _report(
            Feedback(
                "wrong",
                f"the mask should be an array of {len(reference)} True/False values (one per "
                f"frame); got shape {got.shape}.",
            )
        )
    if got.dtype.kind != "b" and not np.all(np.isin(got, (0, 1))):
        return _report(
            Feedback(
                "wrong",
                "the mask should hold True/False (or 1/0) values, e.g. rms_db < threshold_db.",
            )
        )
    got = got.astype(bool)
    agreement = float(np.mean(got == reference))
    n = len(reference)
    if agreement >= min_agreement:
        return _report(
            Feedback(
                "correct",
                f"{agreement:.0%} of the {n} frames agree with the reference segmentation "
                f"({int(reference.sum())} silent frames).",
            )
        )
    too_many = int(np.sum(got & ~reference))
    too_few = int(np.sum(~got & reference))
    if too_many > too_few:
        nudge = (
            f"{too_many} frames with speech in them are marked silent: is True where it is "
            f"silent, and is the threshold too high?"
        )
    else:
        nudge = f"{too_few} silent frames are not marked: is the threshold below the noise floor?"
    return _report(
        Feedback(
            "wrong",
            f"only {agreement:.0%} of the {n} frames agree with the reference (at least "
            f"{min_agreement:.0%} needed). {nudge}",
        )
    )


def _whole_samples(answer, what, hint):
    """The answer as an int, or a Feedback saying why it is not a whole number."""
    if isinstance(answer, (bool, np.bool_)):
        return Feedback("wrong", f"{what} should be a number of samples; got {answer!r}. {hint}")
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback("wrong", f"{what} should be a number of samples; got {answer!r}. {hint}")
    if not np.isfinite(value) or value != round(value):
        return Feedback(
            "wrong", f"{what} must be a whole number of samples; got {answer!r}. {hint}"
        )
    return int(round(value))


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
    \u2705 Correct: hop_length = 220 samples is one frame every 9.98 ms at 22050 Hz.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    hint = "hop_length = time between frames (s) x sample rate (Hz), rounded to whole samples."
    if _not_attempted(answer):
        return _report(Feedback("todo", f"replace ... with a hop_length in samples. {hint}"))
    value = _whole_samples(answer, "hop_length", hint)
    if isinstance(value, Feedback):
        return _report(value)
    exact = resolution_s * sr
    allowed = {max(1, int(np.floor(exact))), max(1, int(np.ceil(exact)))}
    if value in allowed:
        return _report(
            Feedback(
                "correct",
                f"hop_length = {value} samples is one frame every "
                f"{1000 * value / sr:.2f} ms at {sr:g} Hz.",
            )
        )
    return _report(
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
    \u2705 Correct: frame_length = 1024 samples lasts 46.4 ms at 22050 Hz, the shortest power of two of at least 25 ms.
    True

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    hint = (
        "A frame lasts frame_length / sr seconds; try 256, 512, 1024, ... and keep the "
        "first that is long enough."
    )
    if _not_attempted(answer):
        return _report(Feedback("todo", f"replace ... with a frame_length in samples. {hint}"))
    value = _whole_samples(answer, "frame_length", hint)
    if isinstance(value, Feedback):
        return _report(value)
    expected = 1
    while expected / sr < min_duration_s:
        expected *= 2
    ms = 1000 * value / sr
    if value == expected:
        return _report(
            Feedback(
                "correct",
                f"frame_length = {value} samples lasts {ms:.1f} ms at {sr:g} Hz, the "
                f"shortest power of two of at least {1000 * min_duration_s:g} ms.",
            )
        )
    if value < 1 or value & (value - 1):
        problem = f"{value} is not a power of two (..., 256, 512, 1024, 2048, ...)."
    elif ms < 1000 * min_duration_s:
        problem = (
            f"{value} samples last only {ms:.1f} ms, shorter than {1000 * min_duration_s:g} ms."
        )
    else:
        problem = (
            f"{value} samples ({ms:.1f} ms) is long enough, but a shorter power of two is too."
        )
    return _report(Feedback("wrong", f"{problem} {hint}"))


# ---------------------------------------------------------------- notebook 06


def check_nearest_bin(answer, *, freq, sr, n_fft):
    """Exercise (notebook 06): the FFT bin whose centre is nearest to ``freq`` Hz (a whole number).

    Examples
    --------
    >>> check_nearest_bin(93, freq=1000, sr=22050, n_fft=2048)
    \u2705 Correct: the bin nearest to 1000 Hz (sr = 22050 Hz, n_fft = 2048) is 93.
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    return check_value(
        answer,
        round(freq * n_fft / sr),
        rtol=0,
        atol=1e-9,
        what=f"the bin nearest to {freq:g} Hz (sr = {sr:g} Hz, n_fft = {n_fft})",
        hint="Divide the frequency by the bin spacing sr / n_fft, then round "
        "to a whole bin number.",
    )


def check_frequency_resolution(answer, *, sr, n_fft):
    """Exercise (notebook 06): the spacing in Hz between neighbouring FFT bins.

    Examples
    --------
    >>> check_frequency_resolution(10.0, sr=22050, n_fft=2205)
    \u2705 Correct: the bin spacing for n_fft = 2205 at 22050 Hz is 10 Hz.
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    return check_value(
        answer,
        sr / n_fft,
        what=f"the bin spacing for n_fft = {n_fft} at {sr:g} Hz",
        unit="Hz",
        hint="n_fft samples last n_fft / sr seconds; the spacing is one over that.",
    )


def check_dft(func):
    """Exercise (notebook 06): ``my_dft(x)``, the DFT from its definition, equal to ``numpy.fft.fft``.

    Tried on real and complex signals of several lengths (odd ones too);
    real and imaginary parts must both match.

    Examples
    --------
    >>> import numpy as np
    >>> def my_dft(x):
    ...     n = np.arange(len(x))
    ...     return np.exp(-2j * np.pi * np.outer(n, n) / len(x)) @ np.asarray(x)
    >>> check_dft(my_dft)
    \u2705 Correct: your my_dft agrees with numpy.fft.fft on 5 test signals.
    True

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    what = "your my_dft"
    hint = (
        "X[k] = sum over n of x[n] * exp(-2j * pi * k * n / N), for k = 0 .. N-1; "
        "return N complex numbers."
    )
    if _not_attempted(func):
        return _report(Feedback("todo", f"write {what}, then run this cell again. {hint}"))
    if not callable(func):
        return _report(
            Feedback("wrong", f"{what} should be a function; got {type(func).__name__}.")
        )
    rng = np.random.default_rng(6)
    cases = [
        np.array([1.0, 0.0, 0.0, 0.0]),
        np.cos(2 * np.pi * 3 * np.arange(16) / 16),
        rng.standard_normal(7),
        rng.standard_normal(64),
        rng.standard_normal(12) + 1j * rng.standard_normal(12),
    ]
    for x in cases:
        shown = f"a signal of {len(x)} samples"
        try:
            got = func(x.copy())
        except NotImplementedError:
            return _report(Feedback("todo", f"{what} is not written yet. {hint}"))
        except Exception as exc:  # report the learner's error as feedback
            return _report(
                Feedback("wrong", f"{what} raised {type(exc).__name__} on {shown}: {exc}. {hint}")
            )
        if got is None:
            return _report(Feedback("wrong", f"{what} returned None: did you forget return?"))
        try:
            got = np.asarray(got, dtype=np.complex128)
        except (TypeError, ValueError):
            return _report(Feedback("wrong", f"{what} should return numbers; got {got!r:.60}."))
        want = np.fft.fft(x)
        if got.shape != want.shape:
            return _report(
                Feedback(
                    "wrong",
                    f"on {shown}, {what} returned shape {got.shape}; a DFT gives one "
                    f"coefficient per sample, shape {want.shape}. {hint}",
                )
            )
        if not np.allclose(got, want, rtol=1e-6, atol=1e-8):
            worst = int(np.argmax(np.abs(got - want)))
            detail = (
                "the real parts match but the imaginary parts do not (check the sign of "
                "the exponent)"
                if np.allclose(got.real, want.real, atol=1e-8)
                else f"bin {worst} is {complex(got[worst]):.3g}, expected "
                f"{complex(want[worst]):.3g}"
            )
            return _report(
                Feedback(
                    "wrong", f"on {shown}, {what} differs from numpy.fft.fft: {detail}. {hint}"
                )
            )
    return _report(
        Feedback("correct", f"{what} agrees with numpy.fft.fft on {len(cases)} test signals.")
    )


# ---------------------------------------------------------------- notebook 07


def check_bin_frequency(answer, *, k=100, sr=22050, n_fft=2048):
    """Exercise (notebook 07): the centre frequency in Hz of FFT bin ``k``.

    Examples
    --------
    >>> check_bin_frequency(100 * 22050 / 2048)
    \u2705 Correct: the frequency of bin 100 (sr = 22050 Hz, n_fft = 2048) is 1076.66 Hz.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    return check_value(
        answer,
        k * sr / n_fft,
        what=f"the frequency of bin {k} (sr = {sr:g} Hz, n_fft = {n_fft})",
        unit="Hz",
        hint="Bin 0 is 0 Hz and the bins are sr / n_fft Hz apart.",
    )


def check_n_fft_for_resolution(answer, *, max_bin_hz=5.0, sr=22050):
    """Exercise (notebook 07): the smallest power-of-two ``n_fft`` with bins at most ``max_bin_hz`` apart.

    Examples
    --------
    >>> check_n_fft_for_resolution(8192)
    \u2705 Correct: n_fft = 8192 gives bins 2.692 Hz apart (at most 5 Hz), and 4096 would give 5.383 Hz.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    hint = "The bin spacing is sr / n_fft: try powers of two 2 ** k until it is small enough."
    if _not_attempted(answer):
        return _report(Feedback("todo", f"replace ... with a power of two. {hint}"))
    if isinstance(answer, (bool, np.bool_)) or not isinstance(
        answer, (int, np.integer, float, np.floating)
    ):
        return _report(Feedback("wrong", f"n_fft should be a whole number; got {answer!r}."))
    n = float(answer)
    if n < 1 or n != int(n) or int(n) & (int(n) - 1):
        return _report(
            Feedback("wrong", f"{answer!r} is not a power of two (2, 4, 8, ...). {hint}")
        )
    n = int(n)
    expected = 1 << int(np.ceil(np.log2(sr / max_bin_hz)))
    if sr / n > max_bin_hz:
        return _report(
            Feedback(
                "wrong",
                f"n_fft = {n} gives bins {sr / n:.4g} Hz apart: more "
                f"than {max_bin_hz:g} Hz. {hint}",
            )
        )
    if n != expected:
        return _report(
            Feedback(
                "wrong",
                f"n_fft = {n} is fine enough ({sr / n:.4g} Hz), but a "
                f"smaller power of two also is: longer frames blur time.",
            )
        )
    return _report(
        Feedback(
            "correct",
            f"n_fft = {n} gives bins {sr / n:.4g} Hz apart (at most "
            f"{max_bin_hz:g} Hz), and {n // 2} would give "
            f"{2 * sr / n:.4g} Hz.",
        )
    )


def _complex_as_pairs(D):
    """A complex array as real numbers, with (real, imaginary) pairs along a last axis."""
    if D is None:
        return None
    D = np.asarray(D)
    return np.stack([D.real, D.imag], axis=-1) if D.dtype.kind in "biufc" else D


def check_stft(func):
    """Exercise (notebook 07): ``my_stft(y, n_fft, hop_length)`` without centre padding.

    Checked against ``helpers.spectral.stft(y, n_fft=n_fft, hop_length=hop_length,
    window="hann", center=False)``: complex values, shape ``(1 + n_fft // 2, n_frames)``.

    Examples
    --------
    >>> from helpers import spectral
    >>> check_stft(lambda y, n_fft, hop_length: spectral.stft(
    ...     y, n_fft=n_fft, hop_length=hop_length, center=False))
    \u2705 Correct: your my_stft agrees with the reference on 4 test cases.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    from . import spectral

    if _not_attempted(func) or not callable(func):
        return check_function(func, None, [], what="your my_stft")
    rng = np.random.default_rng(7)
    cases = [
        ((rng.uniform(-1, 1, 4000), 512, 128), {}),
        ((rng.uniform(-1, 1, 3000), 256, 256), {}),
        ((signals.sine(440, 0.2, sr=8000), 400, 100), {}),
        ((rng.uniform(-1, 1, 1024), 1024, 512), {}),
    ]

    def reference(y, n_fft, hop_length):
        D = spectral.stft(y, n_fft=n_fft, hop_length=hop_length, window="hann", center=False)
        return _complex_as_pairs(D)

    def learner(y, n_fft, hop_length):
        return _complex_as_pairs(func(y.copy(), n_fft, hop_length))

    return check_function(
        learner,
        reference,
        cases,
        what="your my_stft",
        atol=1e-6,
        hint="Frame with center=False, multiply each frame by the periodic "
        "Hann window, take np.fft.rfft of each frame (axis=1) and transpose "
        "so rows are frequencies and columns frames. Keep the complex "
        "values (no abs). A shape ending in 2 counts real and imaginary parts.",
    )


def check_hz_to_mel(func):
    """Exercise (notebook 07): ``my_hz_to_mel(f)`` with the HTK formula ``2595 * log10(1 + f / 700)``.

    Examples
    --------
    >>> import numpy as np
    >>> check_hz_to_mel(lambda f: 2595 * np.log10(1 + np.asarray(f) / 700))
    \u2705 Correct: your my_hz_to_mel agrees with the reference on 6 test cases.
    True

    Taught in: notebooks/07_spectrograms.ipynb
    """
    from . import spectral

    cases = [((f,), {}) for f in (0.0, 440.0, 700.0, 1000.0, 8000.0)]
    cases.append(((np.linspace(0, 11025, 50),), {}))
    return check_function(
        func,
        lambda f: spectral.hz_to_mel(f, htk=True),
        cases,
        what="your my_hz_to_mel",
        rtol=1e-6,
        atol=1e-6,
        hint="Use np.log10 (it works for single numbers and arrays alike): "
        "2595 * np.log10(1 + f / 700).",
    )


# ---------------------------------------------------------------- notebook 09


def check_added_feature(func, *, root, base, labels, files, train, test, model):
    """Exercise (notebook 09): a feature function of your own, added to the summary features.

    ``func(y, sr)`` must return the same number of finite values for every
    clip (a 1-D array, or one number).  The check first tries it on three
    test signals of different lengths, then computes it for every clip in
    ``root``, appends it to ``base`` and trains a fresh copy of ``model``
    with and without it on ``train``, reporting the accuracy on ``test``.
    Any change counts as a result: the check does not ask for an improvement.

    Parameters
    ----------
    func : callable
        The learner's ``my_feature(y, sr)``; ``...`` means "not attempted yet".
    root : str or os.PathLike
        The data set's folder (as given to ``helpers.dataset.load_dataset``).
    base : numpy.ndarray, shape (n_clips, n_features)
        The features the model already uses, one row per clip, in the order of ``files``.
    labels, files : numpy.ndarray
        What ``load_dataset`` returned with ``base``.
    train, test : numpy.ndarray of int
        Row indices of the training and the held-out test clips.
    model : scikit-learn estimator
        The notebook's model; it is cloned, not changed.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import dataset
    >>> root = dataset.shipped_dataset_dir()
    >>> peak = lambda y, sr: np.abs(y).max()
    >>> base, labels, files = dataset.load_dataset(root, feature=peak, progress=False)
    >>> rows = np.arange(len(files))
    >>> check_added_feature(lambda y, sr: [y.std(), len(y) / sr], root=root,
    ...                     base=base.reshape(-1, 1), labels=labels, files=files,
    ...                     train=rows[::2], test=rows[1::2],
    ...                     model=LogisticRegression())  # doctest: +ELLIPSIS
    ✅ Correct: your feature gives 2 numbers per clip. Held-out accuracy: ...
    True

    Taught in: notebooks/09_classifier.ipynb
    """
    from sklearn.base import clone

    from .dataset import load_dataset

    hint = (
        "Return a 1-D numpy array with the same number of values for every clip, e.g. "
        "np.array([a.mean(), a.std()]) for some frame-wise feature a."
    )
    if _not_attempted(func):
        return _report(
            Feedback("todo", f"write my_feature(y, sr), then run this cell again. {hint}")
        )
    if not callable(func):
        return _report(
            Feedback("wrong", f"my_feature should be a function; got {type(func).__name__}.")
        )
    sr = 22050
    probes = {
        "a 0.5 s sine": signals.sine(440, 0.5, sr=sr, amplitude=0.3),
        "1 s of noise": signals.white_noise(1.0, sr=sr, seed=0, amplitude=0.1),
        "a 1.3 s chirp": signals.chirp(100, 5000, 1.3, sr=sr, amplitude=0.5),
    }
    length = None
    for what, y in probes.items():
        try:
            value = func(np.asarray(y, dtype=np.float32), sr)
        except NotImplementedError:
            return _report(Feedback("todo", f"my_feature is not written yet. {hint}"))
        except Exception as exc:  # report the learner's error as feedback
            return _report(
                Feedback("wrong", f"my_feature raised {type(exc).__name__} on {what}: {exc}")
            )
        if value is None:
            return _report(Feedback("wrong", "my_feature returned None: did you forget return?"))
        try:
            value = np.atleast_1d(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            return _report(
                Feedback(
                    "wrong",
                    f"my_feature should return numbers; on {what} it "
                    f"returned {_short(value)}. {hint}",
                )
            )
        if value.ndim != 1:
            return _report(
                Feedback(
                    "wrong",
                    f"my_feature returned shape {value.shape} on {what}: "
                    f"a classifier needs a flat vector (use .ravel()). "
                    f"{hint}",
                )
            )
        if not np.all(np.isfinite(value)):
            return _report(
                Feedback(
                    "wrong",
                    f"my_feature returned NaN or infinite values on "
                    f"{what}; guard divisions by zero (e.g. add 1e-10).",
                )
            )
        if length is not None and len(value) != length:
            return _report(
                Feedback(
                    "wrong",
                    f"my_feature returned {length} values for one clip "
                    f"and {len(value)} for {what}: the length must not "
                    f"depend on the clip's duration. {hint}",
                )
            )
        length = len(value)
    try:
        extra, labels_new, files_new = load_dataset(root, feature=func, progress=False)
    except ValueError as exc:
        return _report(Feedback("wrong", f"on the data set: {exc}"))
    if list(files_new) != list(files) or list(labels_new) != list(labels):
        return _report(
            Feedback(
                "wrong",
                "the clips in root are not the ones `files` lists: pass "
                "the root, labels and files that belong together.",
            )
        )
    extra = extra.reshape(len(extra), -1)
    bad = ~np.all(np.isfinite(extra), axis=1)
    if bad.any():
        return _report(
            Feedback(
                "wrong",
                f"my_feature gave NaN or infinite values for "
                f"{int(bad.sum())} clip(s), e.g. {files[np.argmax(bad)]}; "
                f"guard divisions by zero (e.g. add 1e-10).",
            )
        )
    base = np.asarray(base, dtype=float).reshape(len(base), -1)
    labels = np.asarray(labels)
    train, test = np.asarray(train), np.asarray(test)
    scores = []
    for X in (base, np.hstack([base, extra])):
        fitted = clone(model).fit(X[train], labels[train])
        scores.append(float(np.mean(fitted.predict(X[test]) == labels[test])))
    before, after = scores
    change = 100 * (after - before)
    one_clip = 100 / len(test)
    verdict = (
        "a change of a clip or two is within the luck of the split"
        if abs(change) <= 2 * one_clip + 1e-9
        else "it helped"
        if change > 0
        else "it made things worse: extra numbers can add noise"
    )
    return _report(
        Feedback(
            "correct",
            f"your feature gives {extra.shape[1]} number{'s' * (extra.shape[1] != 1)} "
            f"per clip. Held-out accuracy: {before:.1%} without it, {after:.1%} with it "
            f"({change:+.1f} percentage points; one test clip is {one_clip:.1f}): "
            f"{verdict}.",
        )
    )


def check_confused_pair(answer, *, cm, classes):
    """Exercise (notebook 09): the two classes mixed up most often, read off a confusion matrix.

    The count for a pair is the mistakes in both directions, ``cm[i, j] + cm[j, i]``
    (row = true class, column = predicted class).  Any order of the two names
    is accepted, and any pair tied for the most mistakes.

    Parameters
    ----------
    answer : tuple of two str
        The learner's pair of class names; ``...`` means "not attempted yet".
    cm : array_like, shape (n_classes, n_classes)
        Confusion matrix, rows the true classes.
    classes : sequence of str
        Class names in the order of the rows and columns.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> cm = [[9, 1, 0], [3, 7, 0], [0, 1, 9]]
    >>> check_confused_pair(("dog", "cat"), cm=cm, classes=["cat", "dog", "bird"])
    ✅ Correct: dog and cat were mixed up 4 times (dog taken for cat 3, cat taken for dog 1).
    True

    Taught in: notebooks/09_classifier.ipynb
    """
    classes = [str(c) for c in classes]
    cm = np.asarray(cm)
    if cm.shape != (len(classes), len(classes)):
        raise ValueError(f"cm must be {len(classes)} x {len(classes)} like classes; got {cm.shape}")
    hint = (
        "Add the matrix to its transpose (mistakes both ways), set the diagonal (the right "
        "answers) to zero and find the largest entry."
    )
    if _not_attempted(answer):
        return _report(
            Feedback(
                "todo",
                f"replace ... with two class names, e.g. ('{classes[0]}', '{classes[1]}'). {hint}",
            )
        )
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 2:
        return _report(
            Feedback(
                "wrong",
                f"give a pair of two class names, e.g. "
                f"('{classes[0]}', '{classes[1]}'); got {_short(answer)}.",
            )
        )
    a, b = (str(x) for x in answer)
    unknown = [x for x in (a, b) if x not in classes]
    if unknown:
        return _report(
            Feedback(
                "wrong", f"{unknown[0]!r} is not a class; the classes are {', '.join(classes)}."
            )
        )
    if a == b:
        return _report(
            Feedback(
                "wrong",
                f"name two different classes; the diagonal cell "
                f"({a}, {a}) counts right answers, not mistakes.",
            )
        )
    both = cm + cm.T
    np.fill_diagonal(both, 0)
    most = int(both.max())
    if most == 0:
        return _report(
            Feedback("wrong", "this confusion matrix has no mistakes: no pair is confused.")
        )
    i, j = classes.index(a), classes.index(b)
    detail = f"{a} taken for {b} {int(cm[i, j])}, {b} taken for {a} {int(cm[j, i])}"
    if both[i, j] == most:
        return _report(Feedback("correct", f"{a} and {b} were mixed up {most} times ({detail})."))
    return _report(
        Feedback(
            "wrong",
            f"{a} and {b} were mixed up {int(both[i, j])} times "
            f"({detail}); another pair was mixed up {most} times. {hint}",
        )
    )
