"""The machinery behind every exercise check: feedback, the runner, numbers, comparisons.

Everything public here is re-exported by :mod:`helpers.exercises`, whose
docstring explains how to write a check with it.  The topic modules
(``sound_waves``, ``sampling``, ...) use nothing else.
"""

from __future__ import annotations

import copy
import html
import numbers
import os
import sys
import traceback
import warnings
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

__all__ = [
    "STRICT_ENV",
    "Case",
    "Feedback",
    "Outcome",
    "Run",
    "Slip",
    "as_number",
    "check_function",
    "check_value",
    "compare",
    "describe",
    "fmt",
    "not_attempted",
    "report",
    "run_learner",
    "strict_mode",
    "to_array",
]

STRICT_ENV = "COURSE_STRICT_EXERCISES"


def strict_mode():
    """True when wrong answers should raise (the notebooks are being tested).

    Set by the environment variable ``COURSE_STRICT_EXERCISES`` (any value but
    empty, ``0``, ``false`` or ``False``); ``tests/conftest.py`` turns it on.
    """
    return os.environ.get(STRICT_ENV, "") not in ("", "0", "false", "False")


# ------------------------------------------------------------------ feedback


class Feedback:
    """What a check says; shows as a coloured box in a notebook, plain text elsewhere.

    Parameters
    ----------
    status : {"correct", "wrong", "todo"}
        Right, not yet right, or not attempted yet.
    message : str
        What to tell the learner (plain text, one or a few sentences).
    """

    _STYLE = {
        "correct": ("#e6f4ea", "#137333", "\u2705 Correct"),
        "wrong": ("#fce8e6", "#a50e0e", "\u274c Not yet"),
        "todo": ("#fef7e0", "#7a5b00", "\U0001f4a1 Not attempted yet"),
    }

    def __init__(self, status, message):
        if status not in self._STYLE:
            raise ValueError(f"status must be one of {sorted(self._STYLE)}; got {status!r}")
        self.status = status
        self.message = " ".join(str(message).split())

    @property
    def ok(self):
        """True (right), False (wrong) or None (not attempted)."""
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
    ``True`` appears under the box).  ``feedback`` holds the :class:`Feedback`.
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


def report(feedback):
    """Show a :class:`Feedback` and return its :class:`Outcome`: the last step of every check.

    In strict mode (:func:`strict_mode`) a wrong answer raises ``AssertionError``
    with the message instead, so a broken worked solution fails the tests.
    """
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


def not_attempted(answer):
    """True for an answer still left as ``...`` (or None): the check then only gives a hint."""
    return answer is None or answer is Ellipsis


def _join(*parts):
    """Sentences joined by spaces, each ending with a full stop (empty parts left out)."""
    out = []
    for part in parts:
        part = " ".join(str(part or "").split())
        if not part:
            continue
        if part.rstrip(")")[-1:] not in (".", "?", "!", ":"):
            part += "."
        first = part.split(" ", 1)[0]
        if out and first.isalpha() and first.islower():
            part = part[0].upper() + part[1:]
        out.append(part)
    return " ".join(out)


# ------------------------------------------------------------------ showing numbers


def _positional(x, digits):
    text = np.format_float_positional(
        float(x), precision=digits, unique=False, fractional=False, trim="-"
    )
    return "0" if text in ("-0", "0") else text


def fmt(value, unit="", digits=4):
    """A number (or short array) for a message: ``digits`` significant digits, then the unit.

    Examples
    --------
    >>> fmt(1076.66015625, "Hz"), fmt(0.75, "%"), fmt(14100), fmt(2 - 0.5j)
    ('1077 Hz', '0.75 %', '14100', '2-0.5j')
    >>> fmt(5.38330078125, "Hz", digits=3), fmt(1e-9), fmt(True)
    ('5.38 Hz', '1e-09', 'True')
    """
    unit_text = f" {unit}" if unit else ""
    if isinstance(value, (bool, np.bool_)):
        return f"{bool(value)}{unit_text}"
    if isinstance(value, (complex, np.complexfloating)):
        re, im = float(np.real(value)), float(np.imag(value))
        sign = "-" if im < 0 or (im == 0 and np.signbit(im)) else "+"
        return f"{fmt(re, digits=digits)}{sign}{fmt(abs(im), digits=digits)}j{unit_text}"
    if isinstance(value, (numbers.Integral, np.integer)):
        return f"{int(value)}{unit_text}"
    if isinstance(value, (np.ndarray, list, tuple)):
        arr = np.asarray(value)
        if arr.size <= 8:
            return "[" + ", ".join(fmt(v, digits=digits) for v in arr.ravel()) + "]" + unit_text
        return f"<{arr.size} values>{unit_text}"
    try:
        x = float(value)
    except (TypeError, ValueError):
        return _short_repr(value)
    if not np.isfinite(x):
        return f"{x}{unit_text}"
    if x == 0 or 1e-4 <= abs(x) < 1e15:
        return _positional(x, digits) + unit_text
    return f"{x:.{digits}g}{unit_text}"


def _fmt_pair(got, want, unit="", digits=4):
    """Both numbers with enough digits that they look different (when they differ at all)."""
    for d in range(digits, 16):
        a, b = fmt(got, unit, d), fmt(want, unit, d)
        if a != b:
            return a, b
    return fmt(got, unit, digits), fmt(want, unit, digits)


def _short_repr(value, limit=40):
    try:
        text = repr(value)
    except Exception:  # a learner's object whose repr breaks
        text = f"<{type(value).__name__}>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _plural(noun, n=2):
    if n == 1:
        return noun
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _ordinal(i):
    n = i + 1
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe(value):
    """A short description of an input for a message: small arrays in full, long ones by size.

    Examples
    --------
    >>> import numpy as np
    >>> describe(np.arange(1.0, 5.0)), describe(np.zeros(5000)), describe(440.0)
    ('[1, 2, 3, 4]', 'an array of 5000 values', '440')
    """
    if isinstance(value, np.ndarray) and value.ndim >= 1:
        if value.size <= 12 and value.ndim == 1:
            return fmt(value) if value.size <= 8 else "[" + ", ".join(fmt(v) for v in value) + "]"
        return (
            f"an array of {value.size} values"
            if value.ndim == 1
            else f"an array of shape {value.shape}"
        )
    if isinstance(value, (numbers.Number, np.number, np.bool_)):
        return fmt(value)
    return _short_repr(value)


# ------------------------------------------------------------------ numbers are numbers


def _number_problem(value):
    """``(number, None)`` when ``value`` is one real number, else ``(None, why not)``."""
    try:
        return _read_number(value)
    except Exception:  # an object that breaks when looked at is not a number either
        return None, f"a {type(value).__name__} that cannot be read as a number"


def _read_number(value):
    if isinstance(value, (bool, np.bool_)):
        return None, f"{bool(value)} is a truth value (True or False), not a number"
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str):
        try:
            float(value.replace("_", ""))
        except ValueError:
            return None, f"{value!r} is text (a string), not a number"
        return None, f"{value!r} is text (a string), not a number: remove the quotes"
    if isinstance(value, (complex, np.complexfloating)):
        why = f"{fmt(value)} is a complex number; the answer is a real number"
        if np.imag(value) == 0:
            why += " (keep the real part: .real)"
        return None, why
    if isinstance(value, (numbers.Integral, np.integer)):
        return int(value), None
    if isinstance(value, (numbers.Real, np.floating)):
        x = float(value)
        if not np.isfinite(x):
            return None, f"{x} is not a finite number"
        return value, None
    if isinstance(value, (list, tuple, np.ndarray)):
        try:
            leaves = np.asarray(value, dtype=object).ravel()
        except (ValueError, TypeError):
            leaves = None
        if leaves is not None and leaves.size == 1:
            return _number_problem(leaves[0])
        kind = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
        if leaves is not None and leaves.size == 0:
            return None, f"{kind} with nothing in it, not a number"
        n = len(value) if leaves is None else leaves.size
        return None, f"{kind} of {n} values ({_short_repr(value)}), but one number is asked for"
    if isinstance(value, Mapping):
        return None, f"a dict ({_short_repr(value)}), not a number"
    if isinstance(value, Set):
        return None, f"a set ({_short_repr(value)}), not a number"
    if callable(value):
        return None, f"a function ({getattr(value, '__name__', '?')}), not a number: call it"
    try:  # decimal.Decimal and other number-like objects
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return None, f"a {type(value).__name__} ({_short_repr(value)}), not a number"
    return (x, None) if np.isfinite(x) else (None, f"{x} is not a finite number")


def as_number(answer, *, what, unit="", whole=False, hint=""):
    """The learner's answer as one number, or a wrong-answer :class:`Feedback` saying why not.

    A size-1 list or array counts as the number it holds.  Text (even ``"4"``),
    True/False, complex numbers, NaN and infinity are not numbers.  With
    ``whole=True`` the number must be whole (15.0 is, 15.01 is not) and comes
    back as an ``int``.

    Parameters
    ----------
    answer : object
        What the learner wrote.
    what : str
        What the answer is, for the message ("the number of bits").
    unit : str
        Unit named in the message when ``whole`` ("bits", "samples").
    whole : bool
        Ask for a whole number.
    hint : str
        Added to a "not a number" message.

    Returns
    -------
    int, float or Feedback

    Examples
    --------
    >>> as_number([4], what="the period")
    4
    >>> as_number("4", what="the period")
    ❌ Not yet: the period should be a number; '4' is text (a string), not a number: remove the quotes.
    >>> as_number(15.01, what="the bit depth", unit="bits", whole=True).message
    'the bit depth should be a whole number of bits; 15.01 is not.'
    """
    value, problem = _number_problem(answer)
    if problem:
        return Feedback("wrong", _join(f"{what} should be a number; {problem}", hint))
    if whole:
        x = float(value)
        if x != round(x):
            unit_text = f" of {unit}" if unit else ""
            return Feedback(
                "wrong",
                _join(f"{what} should be a whole number{unit_text}; {x!r} is not", hint),
            )
        return int(round(x))
    return value


def _written_decimals(value):
    """How many decimals the learner's number shows (5.4 -> 1, 46.44 -> 2, 15 -> 0)."""
    if isinstance(value, (numbers.Integral, np.integer)):
        return 0
    try:
        x = np.float32(value) if isinstance(value, np.float32) else np.float64(value)
        text = np.format_float_positional(x, unique=True, trim="-")
    except (TypeError, ValueError):
        return 17
    return len(text.split(".")[1]) if "." in text else 0


def _agrees(value, exact, *, rtol, atol, precision):
    """``"yes"``, ``"coarse"`` (right, but rounded more coarsely than ``precision``) or ``"no"``.

    The tolerance rule of the value checks: a number agrees with the exact value
    when it is within ``max(rtol * |exact|, atol)`` of it (a computed answer),
    or, when the exercise has a ``precision``, when it is the exact value
    rounded to that precision or to the finer decimals the learner wrote.
    """
    x, exact = float(value), float(exact)
    slack = 1e-9 * max(abs(exact), 1e-300)
    if abs(x - exact) <= max(rtol * abs(exact), atol) + slack:
        return "yes"
    if precision is None:
        return "no"
    written = 10.0 ** -_written_decimals(value)
    if abs(x - exact) <= min(written, precision) / 2 + slack:
        return "yes"
    if abs(x - exact) <= written / 2 + slack:
        return "coarse"
    return "no"


def _matches_slip(value, wrong, rtol, atol, precision):
    """The answer is the slip's value: by the rounding rule, and within 5 % of it."""
    if _agrees(value, wrong, rtol=rtol, atol=atol, precision=precision) != "yes":
        return False
    return abs(float(value) - float(wrong)) <= 0.05 * abs(float(wrong)) or float(value) == float(
        wrong
    )


def _how_far(x, exact, unit=""):
    """Which way and how far an answer is off, without giving the right value away."""
    x, exact = float(x), float(exact)
    if exact == 0:
        return f"it is {fmt(abs(x), unit)} away from the right value"
    if x == 0:
        return "the right value is not 0"
    if x * exact < 0:
        return "it has the wrong sign"
    ratio = abs(x) / abs(exact)
    size = " in size" if exact < 0 else ""
    if ratio > 1.5:
        return f"it is about {fmt(ratio, digits=2)} times too large{size}"
    if ratio < 1 / 1.5:
        return f"it is about {fmt(1 / ratio, digits=2)} times too small{size}"
    pct = abs(x - exact) / abs(exact) * 100
    shown = fmt(pct, digits=2) if pct >= 0.1 else fmt(pct, digits=1)
    return f"it is {shown} % too {'high' if x > exact else 'low'}"


@dataclass(frozen=True)
class Slip:
    """A known wrong answer and what to tell a learner who gives it.

    Parameters
    ----------
    answer : number, array_like or callable
        For :func:`check_value`, the wrong value itself (matched with the same
        tolerance rule as the right one).  For :func:`check_function`, a
        function with the learner's signature that makes the slip; it is called
        on copies of each case's inputs.
    message : str
        Names the slip and says what to do instead ("That is seconds: the
        question asks for milliseconds.").
    """

    answer: object
    message: str


def check_value(
    answer,
    expected,
    *,
    what,
    unit="",
    precision=None,
    rtol=1e-6,
    atol=0.0,
    whole=False,
    slips=(),
    labels=None,
    evidence=None,
    hint="",
    todo="",
):
    """Compare a number (or a list of numbers) with the expected value, and say what is wrong.

    Parameters
    ----------
    answer : number or list of numbers
        The learner's answer; ``...`` or None means "not attempted yet".
    expected : number or array_like
        The right answer (a list when the exercise asks for several numbers).
    what : str
        What the answer is, for the message ("the period of a 250 Hz tone").
    unit : str
        Unit of the answer ("ms").
    precision : float, optional
        The coarsest rounding accepted, in ``unit`` (0.1 accepts 5.4 for 5.383).
        None accepts only computed values (``rtol``, ``atol``).
    rtol, atol : float
        Tolerance for computed answers: relative, and absolute in ``unit``.
    whole : bool
        The answer must be a whole number (a count) and equal ``expected``.
    slips : sequence of Slip
        Known wrong answers (values) and their messages; the first that
        matches is named.
    labels : sequence of str, optional
        Names of a list's positions ("A2", "A3", ...), for the evidence.
    evidence : callable, optional
        ``evidence(value) -> str``: what the learner's number means in the
        exercise ("14 bits give 86.0 dB"), added to a wrong answer's message.
    hint : str
        Added to every wrong answer's message.
    todo : str
        Added to the "not attempted" message; must not give the answer away.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_value(4.0, 4.0, what="the period", unit="ms")
    ✅ Correct: that is the period.
    True
    >>> check_value(5.4, 22050 / 4096, what="the bin spacing", unit="Hz", precision=0.1)
    ✅ Correct: that is the bin spacing, rounded to 1 decimal.
    True
    """
    unit_in = f" (in {unit})" if unit else ""
    if not_attempted(answer):
        return report(Feedback("todo", _join(f"replace ... with {what}{unit_in}", todo)))
    want = np.asarray(expected)
    if want.ndim == 0:
        return report(
            _check_one(
                answer, want.item(), what, unit, precision, rtol, atol, whole, slips, evidence, hint
            )
        )
    return report(
        _check_list(answer, want, what, unit, precision, rtol, atol, whole, slips, labels, hint)
    )


def _check_one(answer, exact, what, unit, precision, rtol, atol, whole, slips, evidence, hint):
    value = as_number(answer, what=what, unit=unit, whole=whole, hint=hint)
    if isinstance(value, Feedback):
        return value
    unit_text = f" {unit}" if unit else ""
    if whole:
        right = value == exact
        verdict = "yes" if right else "no"
    else:
        verdict = _agrees(value, exact, rtol=rtol, atol=atol, precision=precision)
    if verdict == "yes":
        # Confirm without repeating the value: a solution cell shows this box after Run All.
        decimals = _written_decimals(value)
        extra = ""
        if not whole and abs(float(value) - exact) > max(rtol * abs(exact), atol) and decimals < 6:
            extra = f", rounded to {decimals} decimal{'s' * (decimals != 1)}"
            extra = ", rounded to a whole number" if decimals == 0 else extra
        return Feedback("correct", f"that is {what}{extra}.")
    for slip in slips:
        if _matches_slip(value, slip.answer, rtol, atol, precision):
            return Feedback(
                "wrong", _join(f"{what}: {fmt(value, unit, 8)} is not right", slip.message, hint)
            )
    if verdict == "coarse":
        return Feedback(
            "wrong",
            _join(
                f"{what}: {fmt(value, unit, 8)} is the right value rounded too coarsely; "
                f"give it to {fmt(precision)}{unit_text} or better",
                hint,
            ),
        )
    if evidence:
        far = evidence(value)
    elif whole:
        far = f"it is too {'high' if value > exact else 'low'}"
    else:
        far = _how_far(value, exact, unit)
    return Feedback("wrong", _join(f"{what}: {fmt(value, unit, 8)} is not right: {far}", hint))


def _check_list(answer, want, what, unit, precision, rtol, atol, whole, slips, labels, hint):
    want = want.ravel()
    n = want.size
    names = f" ({', '.join(labels)})" if labels else ""
    if isinstance(answer, (str, bytes, Mapping, Set)) or not hasattr(answer, "__len__"):
        _, problem = _number_problem(answer)
        got_text = problem or f"{_short_repr(answer)}"
        if isinstance(answer, Iterator):
            got_text = f"a {type(answer).__name__} object: wrap it in list(...)"
        return Feedback(
            "wrong", _join(f"{what} should be a list of {n} numbers{names}; got {got_text}", hint)
        )
    try:
        items = (
            list(np.asarray(answer, dtype=object).ravel())
            if isinstance(answer, np.ndarray)
            else list(answer)
        )
    except Exception:  # an object that breaks when looked at
        return Feedback(
            "wrong",
            _join(
                f"{what} should be a list of {n} numbers{names}; got {_short_repr(answer)}", hint
            ),
        )
    if len(items) != n:
        return Feedback(
            "wrong",
            _join(
                f"{what} should be {n} numbers{names}; got {len(items)} ({_short_repr(answer)})",
                hint,
            ),
        )
    values = []
    for i, item in enumerate(items):
        label = f" ({labels[i]})" if labels else ""
        value, problem = _number_problem(item)
        if problem:
            return Feedback(
                "wrong",
                _join(f"{what}: the {_ordinal(i)} value{label} is not a number: {problem}", hint),
            )
        values.append(value)

    def agree(vals, target):
        return [
            (v == t) if whole else _agrees(v, t, rtol=rtol, atol=atol, precision=precision) == "yes"
            for v, t in zip(vals, target)
        ]

    ok = agree(values, want)
    if all(ok):
        return Feedback("correct", f"those are {what}.")
    for slip in slips:
        target = np.asarray(slip.answer, dtype=float).ravel()
        matched = [_matches_slip(v, t, rtol, atol, precision) for v, t in zip(values, target)]
        if target.size == n and all(matched):
            shown = fmt(np.asarray(values, dtype=float), unit)
            return Feedback("wrong", _join(f"{what}: {shown} are not right", slip.message, hint))
    if all(agree(sorted(values, key=float), np.sort(want))):
        return Feedback(
            "wrong",
            _join(f"{what}: the right numbers, in the wrong order; list them {_order(want)}", hint),
        )
    bad = [i for i, good in enumerate(ok) if not good]
    i = bad[0]
    label = f" ({labels[i]})" if labels else ""
    others = (
        "the others are right" if len(bad) == 1 else f"{len(bad)} of the {n} values are not right"
    )
    return Feedback(
        "wrong",
        _join(
            f"{what}: the {_ordinal(i)} value{label}, {fmt(values[i], unit, 8)}, is not right: "
            f"{_how_far(values[i], want[i])}; {others}",
            hint,
        ),
    )


def _order(want):
    if np.all(np.diff(want) > 0):
        return "from low to high"
    if np.all(np.diff(want) < 0):
        return "from high to low"
    return "in the order the exercise asks"


# ------------------------------------------------------------------ cases and the runner


class Case:
    """One set of inputs to try a learner's function on.

    ``Case(y, 4, 2, label="a ten-sample ramp")`` calls ``func(y, 4, 2)``;
    keyword arguments are passed on as keywords.  ``label`` describes the
    inputs in messages (default: the arguments themselves, long arrays by size).

    Examples
    --------
    >>> import numpy as np
    >>> Case(np.arange(1.0, 5.0), frame_length=2, hop_length=1).text
    'y = [1, 2, 3, 4], frame_length=2, hop_length=1'
    """

    __slots__ = ("args", "kwargs", "label")

    def __init__(self, *args, label=None, **kwargs):
        self.args = args
        self.kwargs = kwargs
        self.label = label

    @classmethod
    def of(cls, case):
        """A Case from a Case, or from a ``(args, kwargs)`` pair."""
        if isinstance(case, cls):
            return case
        args, kwargs = case
        return cls(*args, **kwargs)

    @property
    def text(self):
        """The inputs as a message shows them."""
        if self.label:
            return self.label
        parts = [describe(a) for a in self.args]
        if len(self.args) >= 1 and isinstance(self.args[0], np.ndarray) and self.args[0].ndim == 1:
            parts[0] = f"y = {parts[0]}"
        parts += [f"{k}={describe(v)}" for k, v in self.kwargs.items()]
        return ", ".join(parts)

    def copies(self):
        """Deep copies of the arguments: nothing a function does to them reaches the case."""
        return copy.deepcopy(self.args), copy.deepcopy(self.kwargs)

    def __repr__(self):
        return f"Case({self.text})"


@dataclass
class Run:
    """What happened when :func:`run_learner` called a learner's function once.

    ``feedback`` is None when the function returned (its result is ``value``);
    otherwise it says what went wrong ("wrong") or that the function is not
    written yet ("todo", for ``NotImplementedError``).  ``warnings`` lists what
    numpy or Python warned about during the call.
    """

    value: object = None
    feedback: Feedback | None = None
    warnings: list = field(default_factory=list)
    error: BaseException | None = None

    @property
    def call_error(self):
        """True when the function could not even be called with the case's arguments."""
        return _is_call_error(self.error)


def _is_call_error(exc):
    """A TypeError raised by the call itself (wrong parameters), not inside the function."""
    return (
        isinstance(exc, TypeError)
        and exc.__traceback__ is not None
        and exc.__traceback__.tb_next is None
    )


_HELPERS_DIR = str(Path(__file__).resolve().parent.parent)
_LIBRARY_DIRS = tuple(
    str(Path(p).resolve())
    for p in {sys.prefix, sys.base_prefix, getattr(sys, "exec_prefix", sys.prefix)}
)


def _learner_line(exc):
    """' (line 4: `X[k] += ...`)' for the last line of the learner's own code in a traceback."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        name = frame.filename
        if name.startswith(_HELPERS_DIR) or "site-packages" in name or name.startswith("<frozen"):
            continue
        if any(name.startswith(d + os.sep + "lib") for d in _LIBRARY_DIRS):
            continue
        line = (frame.line or "").strip()
        if line:
            return f" (line {frame.lineno}: `{line if len(line) <= 70 else line[:67] + '...'}`)"
        return f" (line {frame.lineno})"
    return ""


def _error_advice(exc, call):
    """What a learner's exception most likely means, in the course's words."""
    text = str(exc)
    kind = type(exc).__name__
    if _is_call_error(exc):
        return (
            f"The check calls {call}: give your function exactly these parameters "
            f"(the names after = must match)"
        )
    if isinstance(exc, NameError):
        if getattr(exc, "name", None) in ("j", "i", "J", "I"):
            return "Python writes the imaginary unit as 1j: e to the power i·x is np.exp(1j * x)"
        return (
            "a name that is not defined: a typo, or a variable from a cell you have not run "
            "(Run → Run All Above Selected Cell)"
        )
    if "for ^" in text:
        return "^ is not a power in Python (it is bitwise XOR): write ** for powers"
    if "arrays can be converted to Python scalars" in text:
        return (
            "a function of the math module got an array: use numpy's functions "
            "(np.log10, np.exp, np.sqrt, ...), which work on whole arrays"
        )
    if "complex" in text and ("float" in text or "real" in text):
        return (
            "a complex number went into a real (float) array: create that array with dtype=complex"
        )
    if isinstance(exc, ZeroDivisionError) or "division by zero" in text:
        return "a division by zero: look for a length or a count that can be 0"
    if isinstance(exc, IndexError):
        return "an index past the end of an array: check where your loop stops"
    if isinstance(exc, ValueError) and (
        "broadcast" in text or "sequence" in text or "inhomogeneous" in text
    ):
        return (
            "pieces of different lengths do not fit together (is the last frame shorter than "
            "the others?)"
        )
    if isinstance(exc, RecursionError):
        return "your function calls itself again and again without end"
    if isinstance(exc, MemoryError):
        return "an array far too big for memory: check the sizes you create"
    if isinstance(exc, SystemExit):
        return "exit() stops Python: return the result instead"
    if kind == "AttributeError" and "'list' object has no attribute" in text:
        return "a Python list has no numpy methods: turn it into an array with np.asarray(...)"
    return ""


def _warning_advice(messages):
    for message in messages:
        if "ComplexWarning" in message or "discards the imaginary part" in message:
            return (
                "NumPy warned that complex values were cast to real ones: the imaginary parts "
                "were thrown away (create the array with dtype=complex)"
            )
    for message in messages:
        if "divide" in message or "invalid value" in message:
            return f"NumPy warned: {message} (a division by zero gives inf, 0 / 0 gives NaN)"
    return f"NumPy warned: {messages[0]}" if messages else ""


def run_learner(func, case, *, name, call=None):
    """Call a learner's function once on copies of a case's inputs; catch whatever it does.

    The one runner every function check uses.  The function gets deep copies
    (so it cannot change the case, or the reference's input); anything it
    raises becomes feedback: ``NotImplementedError`` means "not written yet",
    any other exception a wrong answer naming the error, the line of the
    learner's code where it happened and its likely cause.  Warnings are
    recorded, not shown.  ``KeyboardInterrupt`` still stops it.

    Parameters
    ----------
    func : callable
        The learner's function.
    case : Case or (args, kwargs)
        The inputs.
    name : str
        The function's name in the exercise ("my_rms").
    call : str, optional
        How the check calls it, for a signature mistake
        ("my_rms(y, frame_length=..., hop_length=...)"); default from the case.

    Returns
    -------
    Run

    Examples
    --------
    >>> run = run_learner(lambda x: 1 / x, Case(0), name="inverse")
    >>> run.feedback.status, run.feedback.message[:44]
    ('wrong', 'on 0, your inverse raised ZeroDivisionError:')
    >>> run_learner(lambda x: 2 * x, Case(21), name="double").value
    42
    """
    case = Case.of(case)
    args, kwargs = case.copies()
    if call is None:
        shown = ["…"] * len(args) + [f"{k}=…" for k in kwargs]
        call = f"{name}({', '.join(shown)})"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            value = func(*args, **kwargs)
        except NotImplementedError:
            return Run(feedback=Feedback("todo", f"{name} is not written yet."))
        except (Exception, SystemExit) as exc:  # the learner's error becomes feedback
            message = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            return Run(
                feedback=Feedback(
                    "wrong",
                    _join(
                        f"on {case.text}, your {name} raised {message}{_learner_line(exc)}",
                        _error_advice(exc, call),
                    ),
                ),
                error=exc,
            )
    messages = []
    for w in caught:
        text = f"{w.category.__name__}: {w.message}"
        if text not in messages:
            messages.append(text)
    return Run(value=value, warnings=messages)


# ------------------------------------------------------------------ results as arrays


def _element_problem(item, kind, path):
    where = f" at position {path}" if path else ""
    if item is None:
        return f"None{where} (a missing return in a function you call?)"
    if isinstance(item, (str, bytes)):
        return f"text{where} ({_short_repr(item)}), not a number"
    if isinstance(item, (bool, np.bool_)) and kind != "bool":
        return f"a True/False value{where}, not a number"
    if isinstance(item, (complex, np.complexfloating)) and kind == "real":
        return f"a complex number{where} ({fmt(item)}), where real numbers are expected"
    if isinstance(item, (Mapping, Set)) or isinstance(item, Iterator):
        return f"a {type(item).__name__}{where}, not a number"
    return None


def _sequence_problem(value, kind, axes):
    """Why a list/tuple/object array cannot be one array of numbers (ragged, None, text ...)."""
    rows = list(value)
    row, col = (axes + ("value", "value"))[:2] if axes else ("row", "value")
    if len(axes or ()) == 1:
        col = "value"
    kinds = [
        "seq" if isinstance(r, (list, tuple, np.ndarray)) and np.ndim(r) >= 1 else "one"
        for r in rows
    ]
    if "seq" in kinds and "one" in kinds and isinstance(value, tuple) and len(rows) <= 4:
        what = ", ".join(
            f"an array of shape {np.shape(r)}" if k == "seq" else describe(r)
            for r, k in zip(rows, kinds)
        )
        return f"a tuple of {len(rows)} things ({what}): return only the result"
    for i, r in enumerate(rows):
        if kinds[i] == "one":
            problem = _element_problem(r, kind, f"{i}")
            if problem:
                return problem
        else:
            for j, item in enumerate(np.asarray(r, dtype=object).ravel()[:10000]):
                problem = _element_problem(item, kind, f"[{i}][{j}]")
                if problem:
                    return problem
    if all(k == "seq" for k in kinds) and rows:
        lengths = [np.shape(r)[0] for r in rows]
        if len({np.shape(r) for r in rows}) > 1:
            full = lengths[0]
            tail = 0
            while tail < len(lengths) - 1 and lengths[-1 - tail] < full:
                tail += 1
            if tail and all(n == full for n in lengths[:-tail]):
                shorts = lengths[-tail:]
                if tail == 1:
                    which = (
                        f"the last {row} is shorter than the others "
                        f"({shorts[0]} {_plural(col, shorts[0])} instead of {full})"
                    )
                else:
                    listed = ", ".join(str(n) for n in shorts[:-1]) + f" and {shorts[-1]}"
                    which = (
                        f"the last {tail} {_plural(row)} are shorter than the others "
                        f"({listed} {_plural(col)} instead of {full})"
                    )
                return f"{len(rows)} {_plural(row)} of different lengths: {which}"
            shown = ", ".join(str(n) for n in lengths[:6]) + (", ..." if len(lengths) > 6 else "")
            return f"{len(rows)} {_plural(row)} of different lengths ({shown})"
    return None


def to_array(value, *, kind="real", axes=None):
    """A learner's result as a numpy array, or the reason it is not one.

    Parameters
    ----------
    value : object
        What the learner's function returned, or the learner's answer.
    kind : {"real", "complex", "bool"}
        What the numbers should be: real numbers (True/False and complex
        numbers are refused), complex numbers (real ones are accepted), or a
        True/False mask (1/0 accepted).
    axes : tuple of str, optional
        Names of the axes ("frame", "sample"), for a ragged result's message.

    Returns
    -------
    (numpy.ndarray or None, str or None)
        The array and None, or None and a description of the value that
        follows "returned" or "is" ("None (did you forget `return`?)").

    Examples
    --------
    >>> import numpy as np
    >>> to_array([np.ones(4), np.ones(4), np.ones(2)], axes=("frame", "sample"))[1]
    '3 frames of different lengths: the last frame is shorter than the others (2 samples instead of 4)'
    >>> to_array(map(abs, [1, -2]))[1]
    'a map object, which has not computed its values yet: wrap it as np.array(list(...))'
    """
    try:
        return _read_array(value, kind, axes)
    except Exception:  # anything that breaks when looked at
        return None, f"something that cannot be read as numbers ({_short_repr(value)})"


def _read_array(value, kind, axes):
    dtype = {"real": np.float64, "complex": np.complex128, "bool": bool}[kind]
    if value is None:
        return None, "None (did you forget `return`?)"
    if isinstance(value, (str, bytes)):
        return None, f"text ({_short_repr(value)}), not numbers"
    if isinstance(value, Mapping):
        return None, f"a dict ({_short_repr(value)}): return the numbers themselves, as an array"
    if isinstance(value, Set):
        return None, "a set (it has no order): return a list or an array"
    if isinstance(value, Iterator):
        return None, (
            f"a {type(value).__name__} object, which has not computed its values yet: "
            f"wrap it as np.array(list(...))"
        )
    if callable(value) and not isinstance(value, np.ndarray):
        return (
            None,
            f"a function ({getattr(value, '__name__', '?')}): call it and return its result",
        )
    if isinstance(value, (list, tuple)) or (
        isinstance(value, np.ndarray) and value.dtype == object
    ):
        problem = _sequence_problem(value, kind, axes)
        if problem:
            return None, problem
    elif not isinstance(value, np.ndarray):
        problem = _element_problem(value, kind, "")
        if problem:
            return None, problem
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", np.exceptions.ComplexWarning)
            raw = np.asarray(value)
            if raw.dtype.kind in "US":
                return None, "text, not numbers"
            if raw.dtype.kind == "b" and kind != "bool":
                return None, "True/False values, not numbers"
            if raw.dtype.kind == "c" and kind == "real":
                if np.all(raw.imag == 0):
                    return None, "complex numbers whose imaginary parts are all 0: return .real"
                return None, (
                    f"complex numbers (e.g. {fmt(raw.ravel()[np.argmax(raw.imag != 0)])}), "
                    f"where real numbers are expected"
                )
            if kind == "bool" and raw.dtype.kind in "iuf":
                if not np.all(np.isin(raw, (0, 1))):
                    return None, "numbers, not True/False values"
            return np.asarray(raw, dtype=dtype), None
    except Exception:  # anything numpy cannot read as numbers
        return None, f"something that cannot be read as numbers ({_short_repr(value)})"


# ------------------------------------------------------------------ comparing results


def _position(index, axes, inputs=None, input_name=None):
    """'frame 2, sample 1' for an index, in the names of the result's axes."""
    if not index:
        return ""
    default = ("row", "column") if len(index) == 2 else ("index",) * len(index)
    names = list(axes or ())[: len(index)] + list(default[len(axes or ()) :])
    text = ", ".join(f"{names[d]} {i}" for d, i in enumerate(index))
    if inputs is not None and input_name and np.ndim(inputs) == len(index):
        try:
            text += f" ({input_name} = {fmt(np.asarray(inputs)[index])})"
        except (IndexError, TypeError, ValueError):
            pass
    return text


def _close(a, b, rtol, atol):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if b.dtype.kind not in "biufc" or a.dtype.kind not in "biufc":
        return False
    return bool(np.all(np.isclose(a, b, rtol=rtol, atol=atol, equal_nan=True)))


def _shape_text(shape, axes):
    if not shape:
        return "a single number"
    if len(shape) == 1:
        noun = (axes or ("value",))[0]
        return f"{shape[0]} {_plural(noun, shape[0])}"
    if len(shape) == 2 and axes and len(axes) >= 2:
        rows = f"{shape[0]} {_plural(axes[0], shape[0])}"
        return f"shape {shape} ({rows} × {shape[1]} {_plural(axes[1], shape[1])})"
    return f"shape {shape}"


def _generic_diagnosis(got, want, rtol, atol, axes):
    """Names a common slip that turns ``want`` into ``got``, or returns ''."""
    if got.ndim == 2 and want.ndim == 2 and got.T.shape == want.shape:
        if _close(got.T, want, rtol, atol) and not _close(got, want, rtol, atol):
            if axes and len(axes) >= 2:
                return (
                    f"rows and columns are swapped: yours has one {axes[0]} per column, the "
                    f"exercise wants one {axes[0]} per row (transpose with .T)"
                )
            return "rows and columns are swapped (transpose with .T)"
    if got.shape != want.shape and got.size == want.size and got.size:
        if _close(got.reshape(want.shape), want, rtol, atol):
            return (
                f"the right numbers, in shape {got.shape} instead of {want.shape} "
                f"(use .ravel(), [0] or .reshape)"
            )
    if got.shape == want.shape and want.dtype.kind == "c":
        if _close(got, want.real, rtol, atol):
            return (
                "only the real parts are right: the imaginary parts are lost (complex numbers "
                "stored in a real array, e.g. one made with np.zeros(N) without dtype=complex)"
            )
        if _close(got, np.abs(want), rtol, atol):
            return "these are magnitudes (np.abs): return the complex values themselves"
        if _close(got, np.conj(want), rtol, atol):
            return "every imaginary part has the wrong sign (these are the complex conjugates)"
    if got.shape == want.shape and want.size > 1:
        if _close(got, -want, rtol, atol):
            return "every value has the wrong sign"
        if want.dtype.kind != "c" and np.all(want >= 0):
            if _close(got, want**2, rtol, atol):
                return "these are the squares of the right values: a square root is missing"
            if _close(got, np.sqrt(want), rtol, atol):
                return "these are the square roots of the right values: one square root too many"
        nonzero = np.abs(want) > max(atol, 1e-12)
        if nonzero.any() and np.all(np.isfinite(got)):
            ratio = complex(np.median(got[nonzero] / want[nonzero]))
            if ratio.imag == 0 and ratio.real != 0 and not np.isclose(ratio.real, 1, rtol=1e-3):
                if _close(got, ratio.real * want, max(rtol, 1e-6), atol):
                    return (
                        f"every value is {fmt(ratio.real)} times the right one: a factor is "
                        f"missing or one too many"
                    )
    if got.ndim == want.ndim and got.ndim >= 1:
        differ = [d for d in range(got.ndim) if got.shape[d] != want.shape[d]]
        if len(differ) == 1:
            d = differ[0]
            names = list(axes or ())
            noun = names[d] if d < len(names) else ("row" if d == 0 else "column")
            n, m = got.shape[d], want.shape[d]
            k = min(n, m)
            first = (np.take(got, range(k), axis=d), np.take(want, range(k), axis=d))
            if k and _close(*first, rtol, atol):
                if n > m:
                    extra = "extra one is" if n - m == 1 else f"{n - m} extra ones are"
                    return f"the first {k} {_plural(noun, k)} are right; the {extra} at the end"
                missing = "last one is" if m - n == 1 else f"last {m - n} are"
                return f"the first {k} {_plural(noun, k)} are right; the {missing} missing"
    return ""


def _clean(value, tiny):
    """A value with rounding noise (parts smaller than ``tiny``) set to 0, for showing."""
    if np.iscomplexobj(value):
        re, im = float(np.real(value)), float(np.imag(value))
        return complex(0.0 if abs(re) < tiny else re, 0.0 if abs(im) < tiny else im)
    return 0.0 if abs(float(value)) < tiny else value


def compare(
    got,
    want,
    *,
    rtol=1e-6,
    atol=1e-9,
    axes=None,
    unit="",
    inputs=None,
    input_name=None,
    diagnose=True,
):
    """Where a result differs from the expected one, as evidence; '' when they agree.

    Parameters
    ----------
    got, want : numpy.ndarray
        The learner's result (from :func:`to_array`) and the reference's.
    rtol, atol : float
        Tolerance (``numpy.isclose``).
    axes : tuple of str, optional
        Names of the axes ("frame", "sample"), for the position.
    unit : str
        Unit of the values.
    inputs : array_like, optional
        For element-wise functions: the input array, shown at the position.
    input_name : str, optional
        Its name ("y").
    diagnose : bool
        Also name a common slip that explains the difference, when there is one.

    Returns
    -------
    str
        '' when they agree; otherwise the position, the learner's value and the
        expected one (or the two shapes), plus the name of a common slip when
        one explains the difference.  A size-1 result counts as its number.

    Examples
    --------
    >>> import numpy as np
    >>> compare(np.array([1.0, 2.0, 9.0]), np.array([1.0, 2.0, 3.0]), axes=("frame",))
    'at frame 2: yours 9, expected 3 (1 of 3 values differs)'
    >>> print(compare(np.ones((3, 2)), np.zeros((2, 3)) + 1, axes=("frame", "sample")))
    shape (3, 2) (3 frames × 2 samples), where shape (2, 3) (2 frames × 3 samples) is expected. Rows and columns are swapped: yours has one frame per column, the exercise wants one frame per row (transpose with .T)
    """
    got, want = np.asarray(got), np.asarray(want)
    if got.size == 1 and want.size == 1 and got.shape != want.shape:
        got = got.reshape(want.shape)
    if got.shape == want.shape and _close(got, want, rtol, atol):
        return ""
    diagnosis = _generic_diagnosis(got, want, rtol, atol, axes) if diagnose else ""
    if got.shape != want.shape:
        verb = "are" if len(want.shape) == 1 and want.shape[0] != 1 else "is"
        head = (
            f"{_shape_text(got.shape, axes)}, where {_shape_text(want.shape, axes)} {verb} expected"
        )
        return _join(head, diagnosis).rstrip(".")
    bad = ~np.isclose(got, want, rtol=rtol, atol=atol, equal_nan=True)
    index = tuple(int(i) for i in np.argwhere(bad)[0]) if want.ndim else ()
    g, w = got[index], want[index]
    where = _position(index, axes, inputs, input_name)
    at = f"at {where}: " if where else ""
    n_bad, size = int(bad.sum()), want.size
    count = (
        f" ({n_bad} of {size} values {'differ' if n_bad > 1 else 'differs'})" if size > 1 else ""
    )
    if np.isnan(g) and not np.isnan(w):
        return _join(
            f"{at}yours is NaN (not a number){count}",
            "0 / 0 gives NaN: look for a division by a count or a sum that can be 0",
        ).rstrip(".")
    tiny = 1e-9 * max(float(np.max(np.abs(want))) if want.size else 0.0, 1e-300)
    yours, expected = _fmt_pair(_clean(g, tiny), _clean(w, tiny), unit)
    return _join(f"{at}yours {yours}, expected {expected}{count}", diagnosis).rstrip(".")


def check_function(
    func,
    reference,
    cases,
    *,
    name,
    rtol=1e-6,
    atol=1e-9,
    kind="real",
    axes=None,
    unit="",
    input_name=None,
    call=None,
    slips=(),
    hint="",
    todo="",
):
    """Run a learner's function on test cases and compare each result with a reference.

    For each case the reference runs on untouched copies of the inputs, and the
    learner's function on other copies (:func:`run_learner`), so changing its
    input in place cannot fool the check.  The first case that differs is
    reported with the evidence: the inputs, where the results differ, the
    learner's value and the expected one.  A slip from ``slips`` that gives
    the learner's result is named; otherwise a common one (transposed,
    magnitudes instead of complex values, a missing square root, a constant
    factor, extra or missing frames) is recognised.

    Parameters
    ----------
    func : callable
        The learner's function; ``...`` or None means "not attempted yet".
    reference : callable
        The right implementation, called like the learner's function.
    cases : sequence of Case (or ``(args, kwargs)`` pairs)
        Inputs to try; choose them so that the conventions and slips the
        exercise is about give different results.
    name : str
        The function's name in the exercise ("my_rms").
    rtol, atol : float
        Tolerance of the comparison (``numpy.isclose``).
    kind : {"real", "complex", "bool"}
        What the results are (see :func:`to_array`).
    axes : tuple of str, optional
        Names of the result's axes, e.g. ``("frame", "sample")``.
    unit : str
        Unit of the values ("Hz", "mel").
    input_name : str, optional
        For element-wise functions, the name of the first input ("f"): its
        value is shown where the results differ.
    call : str, optional
        How the check calls the function ("my_rms(y, frame_length=..., hop_length=...)"),
        shown when the learner's parameters do not fit.
    slips : sequence of Slip
        Wrong implementations with the learner's signature, and their names.
    hint : str
        Added to every wrong answer's message.
    todo : str
        Added to the "not attempted" message; must not give the answer away.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> cases = [Case(np.array([1.0, 2.0, 3.0])), Case(np.array([-2.0, 0.5]))]
    >>> check_function(lambda y: np.asarray(y) ** 2, np.square, cases, name="my_square")
    ✅ Correct: your my_square agrees with the reference on 2 test cases.
    True
    """
    if not_attempted(func):
        return report(Feedback("todo", _join(f"write {name}, then run this cell again", todo)))
    if not callable(func):
        return report(
            Feedback(
                "wrong",
                _join(
                    f"{name} should be a function (def {name}(...): ...); got {describe(func)}",
                    hint,
                ),
            )
        )
    cases = [Case.of(c) for c in cases]
    for case in cases:
        args, kwargs = case.copies()
        want = np.asarray(reference(*args, **kwargs))
        run = run_learner(func, case, name=name, call=call)
        if run.feedback is not None:
            if run.feedback.status == "todo":
                return report(Feedback("todo", _join(run.feedback.message, todo)))
            told = "" if run.call_error else hint
            return report(Feedback("wrong", _join(run.feedback.message, told)))
        got, problem = to_array(run.value, kind=kind, axes=axes)
        if problem:
            return report(
                Feedback("wrong", _join(f"on {case.text}, your {name} returned {problem}", hint))
            )
        shown = dict(axes=axes, unit=unit, inputs=case.args[0] if case.args else None)
        evidence = compare(got, want, rtol=rtol, atol=atol, input_name=input_name, **shown)
        if not evidence:
            continue
        slip_text = _matching_slip(got, slips, case, kind, rtol, atol)
        if slip_text:
            evidence = compare(
                got, want, rtol=rtol, atol=atol, input_name=input_name, diagnose=False, **shown
            )
        message = _join(
            f"on {case.text}, your {name} differs from the reference: {evidence}",
            slip_text,
            "" if slip_text else _warning_advice(run.warnings),
            hint,
        )
        return report(Feedback("wrong", message))
    n = len(cases)
    return report(
        Feedback(
            "correct", f"your {name} agrees with the reference on {n} test case{'s' * (n != 1)}."
        )
    )


def _matching_slip(got, slips, case, kind, rtol, atol):
    for slip in slips:
        args, kwargs = case.copies()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wrong = slip.answer(*args, **kwargs) if callable(slip.answer) else slip.answer
            wrong, problem = to_array(wrong, kind="complex" if kind == "complex" else kind)
        except Exception:  # a slip that cannot be made on this case does not match
            continue
        if problem is None and wrong.shape == got.shape and _close(got, wrong, rtol, atol):
            return slip.message
    return ""
