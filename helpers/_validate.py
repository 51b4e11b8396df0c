"""Input validation shared by every helpers module (not the exercise checks: see ``exercises``).

Each checker raises a ``ValueError`` or ``TypeError`` whose message names the
parameter, shows the value it received and says what would be accepted, so a
learner's mistake is reported where it happens rather than deep inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np


def _show(value, limit=60):
    """Short, readable rendering of a value for error messages."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def signal(y, name="y", *, allow_complex=False):
    """Return ``y`` as a 1-D floating-point array, or raise a clear error.

    Accepts lists and numpy arrays of real numbers.  Integer input is converted
    to float64; float32 stays float32.  Rejects empty, multi-dimensional,
    non-numeric and non-finite input.
    """
    if y is None:
        raise TypeError(f"{name} must be a 1-D array of audio samples; got None")
    if isinstance(y, (str, bytes)):
        raise TypeError(f"{name} must be a 1-D array of numbers; got {_show(y)}")
    try:
        arr = np.asarray(y)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"{name} must be a 1-D array of numbers; got {_show(y)}") from exc
    kinds = "biufc" if allow_complex else "biuf"
    if arr.dtype.kind not in kinds or arr.dtype.kind == "b":
        wanted = "numbers" if allow_complex else "real numbers"
        raise TypeError(f"{name} must be an array of {wanted}; got dtype {arr.dtype}")
    if arr.ndim != 1:
        hint = ""
        if arr.ndim == 2:
            hint = (
                " For stereo audio, mix to mono first, e.g. y.mean(axis=0) for a "
                "(channels, samples) array."
            )
        raise ValueError(
            f"{name} must be 1-D (one channel of samples); got shape {arr.shape}.{hint}"
        )
    if arr.size == 0:
        raise ValueError(f"{name} is empty: it needs at least one sample")
    if arr.dtype.kind in "iu":
        arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); audio samples must be finite"
        )
    return arr


def whole(value, name, *, minimum=1):
    """Return ``value`` as an int >= ``minimum``; whole floats such as 512.0 are accepted."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a whole number (int); got {_show(value)}")
    if isinstance(value, numbers.Integral):
        out = int(value)
    else:
        if not np.isfinite(value) or float(value) != int(value):
            raise ValueError(
                f"{name} must be a whole number of samples; got {value!r}. "
                f"Round it first, e.g. int(round({name}))."
            )
        out = int(value)
    if out < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {out}")
    return out


def number(value, name, *, minimum=None, maximum=None, strict_min=False):
    """Return ``value`` as a finite float within the given bounds."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number; got {_show(value)}")
    out = float(value)
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite; got {value!r}")
    if minimum is not None:
        if strict_min and out <= minimum:
            raise ValueError(f"{name} must be greater than {minimum:g}; got {value!r}")
        if not strict_min and out < minimum:
            raise ValueError(f"{name} must be >= {minimum:g}; got {value!r}")
    if maximum is not None and out > maximum:
        raise ValueError(f"{name} must be <= {maximum:g}; got {value!r}")
    return out


def sample_rate(sr, name="sr"):
    """A sample rate: a positive, finite number of samples per second."""
    return number(sr, name, minimum=0, strict_min=True)


def choice(value, name, options):
    """``value`` must be one of ``options`` (strings)."""
    if value not in options:
        opts = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {opts}; got {_show(value)}")
    return value


def flag(value, name):
    """A real boolean (True/False), not a string such as 'False'."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_show(value)}")
    return bool(value)
