"""Checks for the notebooks' exercises.

Every check answers at once, in one of three ways:

- **not attempted yet** (the answer is still ``...`` or ``None``): a hint, no error;
- **correct**: a short confirmation;
- **not yet right**: what is wrong and a nudge.  When the notebooks run under
  the test suite (environment variable ``COURSE_STRICT_EXERCISES=1``), a wrong
  answer raises ``AssertionError`` instead, so a broken worked solution fails
  loudly.

Each check returns True (right), False (wrong) or None (not attempted).
"""

from __future__ import annotations

import html
import os

import numpy as np

from . import signals

__all__ = [
    "Feedback",
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
        return (f"<div style='background:{bg};color:{fg};padding:6px 10px;border-radius:4px'>"
                f"<b>{head}</b>: {html.escape(self.message)}</div>")


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
    return feedback.ok


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
    bool or None

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
        return _report(Feedback("wrong", f"{what} should be a number; got {answer!r}. {hint}".strip()))
    want = np.asarray(expected, dtype=float)
    if got.shape != want.shape:
        return _report(Feedback(
            "wrong", f"{what} should have {want.size} value(s); got {got.size}. {hint}".strip()))
    if np.allclose(got, want, rtol=rtol, atol=atol):
        shown = np.array2string(want, precision=4) if want.ndim else f"{float(want):g}"
        return _report(Feedback("correct", f"{what} is {shown}{unit_text}."))
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
    bool or None
    """
    if _not_attempted(func):
        return _report(Feedback("todo", f"write {what}, then run this cell again. {hint}".strip()))
    if not callable(func):
        return _report(Feedback("wrong", f"{what} should be a function; got {type(func).__name__}."))
    for args, kwargs in cases:
        shown = ", ".join([*(_short(a) for a in args), *(f"{k}={v!r}" for k, v in kwargs.items())])
        try:
            got = func(*args, **kwargs)
        except NotImplementedError:
            return _report(Feedback("todo", f"{what} is not written yet. {hint}".strip()))
        except Exception as exc:  # report the learner's error as feedback
            return _report(Feedback(
                "wrong", f"{what}({shown}) raised {type(exc).__name__}: {exc}. {hint}".strip()))
        want = reference(*args, **kwargs)
        if got is None:
            return _report(Feedback("wrong", f"{what}({shown}) returned None: did you forget return?"))
        got_arr = np.asarray(got, dtype=float)
        want_arr = np.asarray(want, dtype=float)
        if got_arr.shape != want_arr.shape:
            return _report(Feedback(
                "wrong", f"{what}({shown}) gave shape {got_arr.shape}, expected "
                         f"{want_arr.shape}. {hint}".strip()))
        if not np.allclose(got_arr, want_arr, rtol=rtol, atol=atol):
            worst = int(np.argmax(np.abs(got_arr - want_arr))) if got_arr.ndim else 0
            return _report(Feedback(
                "wrong", f"{what}({shown}) differs from the expected result "
                         f"(first large difference at index {worst}). {hint}".strip()))
    return _report(Feedback("correct", f"{what} agrees with the reference on {len(cases)} test cases."))


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
    return check_value(answer, 1000.0 / freq, what=f"the period of a {freq:g} Hz tone", unit="ms",
                       hint="The period is T = 1 / f seconds; multiply by 1000 for ms.")


def check_octaves(answer):
    """Exercise (notebook 01): the frequencies of A2, A3, A4, A5 and A6 in Hz, as a list."""
    return check_value(answer, [110.0, 220.0, 440.0, 880.0, 1760.0],
                       what="the frequencies of A2..A6", unit="Hz",
                       hint="A4 is 440 Hz; each octave up doubles it, each octave down halves it.")


def check_midi_to_hz(func):
    """Exercise (notebook 01): a function turning a MIDI note number into Hz."""
    cases = [((69,), {}), ((81,), {}), ((60,), {}), ((21,), {}), ((69.5,), {})]
    return check_function(func, signals.midi_to_hz, cases, what="your midi_to_hz",
                          hint="A4 = MIDI 69 = 440 Hz, and each semitone multiplies by 2 ** (1 / 12).")


# ---------------------------------------------------------------- notebook 02

def check_duration(answer, *, n_samples, sr):
    """Exercise (notebook 02): duration in seconds of ``n_samples`` samples at ``sr`` Hz."""
    return check_value(answer, n_samples / sr, what=f"the duration of {n_samples} samples at {sr:g} Hz",
                       unit="s", hint="duration = number of samples / sample rate.")


def check_alias(answer, *, freq, sr):
    """Exercise (notebook 02): the frequency you hear when ``freq`` Hz is sampled at ``sr`` Hz."""
    return check_value(answer, signals.alias_frequency(freq, sr=sr), atol=0.5,
                       what=f"the alias of {freq:g} Hz sampled at {sr:g} Hz", unit="Hz",
                       hint="Subtract whole multiples of sr until the result lies between "
                            "-sr/2 and sr/2, then take its absolute value.")


def check_quantize(func):
    """Exercise (notebook 02): a function ``quantize(y, bits)`` like ``helpers.signals.quantize``."""
    rng = np.random.default_rng(7)
    y = np.concatenate([rng.uniform(-1, 1, 200), [-1.0, 0.0, 1.0, -0.3, 0.3]])
    cases = [((y, b), {}) for b in (1, 2, 3, 8, 16)]
    cases.append(((np.array([-1.5, 1.5, 0.2]), 4), {}))
    return check_function(func, signals.quantize, cases, what="your quantize", atol=1e-12,
                          hint="Clip to [-1, 1], find each sample's cell of width 2 / 2**bits, "
                               "and return the cell's centre.")


# ---------------------------------------------------------------- notebook 03

def check_harmonics(answer, *, f0=440.0, n=5):
    """Exercise (notebook 03): the first ``n`` harmonic frequencies of ``f0`` Hz, as a list."""
    return check_value(answer, [f0 * k for k in range(1, n + 1)],
                       what=f"the first {n} harmonics of {f0:g} Hz", unit="Hz",
                       hint="Harmonic k is k times the fundamental, starting with k = 1.")


def check_adsr(func):
    """Exercise (notebook 03): ``adsr(attack, decay, sustain_level, release, duration, sr)``."""
    def reference(a, d, s, r, dur, sr):
        return signals.adsr_envelope(a, d, s, r, dur, sr=sr)

    cases = [((0.1, 0.1, 0.5, 0.2, 1.0, 100), {}), ((0.01, 0.2, 0.7, 0.3, 1.5, 1000), {}),
             ((0.0, 0.0, 1.0, 0.0, 0.5, 200), {}), ((0.25, 0.25, 0.0, 0.5, 1.0, 400), {})]
    return check_function(func, reference, cases, what="your adsr", atol=1e-9,
                          hint="Use t = np.arange(n) / sr with n = round(duration * sr); the "
                               "release starts at duration - release.")


def check_rms_db(answer, *, y):
    """Exercise (notebook 03): the RMS level of the whole signal ``y`` in dBFS."""
    y = np.asarray(y, dtype=np.float64)
    expected = 20 * np.log10(np.sqrt(np.mean(y**2)))
    return check_value(answer, expected, atol=0.05, rtol=0, what="the RMS level", unit="dBFS",
                       hint="RMS = sqrt(mean(y ** 2)); in dBFS that is 20 * log10(RMS).")


# ---------------------------------------------------------------- notebook 04


# ---------------------------------------------------------------- notebook 05


# ---------------------------------------------------------------- notebook 06


# ---------------------------------------------------------------- notebook 07
