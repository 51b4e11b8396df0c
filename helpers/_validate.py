"""Input validation shared by every helpers module (not the exercise checks: see ``exercises``).

Each checker raises a ``ValueError`` or ``TypeError`` whose message names the
parameter, shows the value it received and says what would be accepted, so a
learner's mistake is reported where it happens rather than deep inside numpy.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import NDArray

#: The largest single array, in bytes, that a helper makes because of its parameters
#: (a signal's duration, a frame length, an FFT size, a number of mel bands...): 2 GiB.
#: Anything larger is almost always a typo (``duration=1e6``, ``frame_length=10**9``) and
#: would swap or crash the kernel, so it is refused with a message naming the parameter.
#: Long real inputs stay well below it: 30 minutes at 44 100 Hz are 79 million samples,
#: 318 MB as float32.
MAX_BYTES = 2**31


def _show(value, limit=60):
    """Short, readable rendering of a value for error messages."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def show_bytes(n_bytes):
    """``n_bytes`` in the largest binary unit that keeps it >= 1, e.g. ``'7.5 GiB'``."""
    value = float(n_bytes)
    if not np.isfinite(value):
        return "infinitely many bytes"
    for unit in ("bytes", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if value < 1024 or unit == "PiB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.3g} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def count(n):
    """A count for a message: ``22,050,000,000``, or ``1.2e+300`` when it is huge."""
    n = float(n)
    if not np.isfinite(n):
        return "infinitely many"
    return f"{n:,.0f}" if n < 1e15 else f"{n:.3g}"


def fits(n_values, *, itemsize, what, advice) -> None:
    """Refuse to make an array of ``n_values`` items of ``itemsize`` bytes above MAX_BYTES.

    ``what`` says which parameter makes the array that big (it starts the message);
    ``advice`` says what would be accepted.  ``n_values`` may be a float (a duration
    times a sample rate), even an infinite one.
    """
    n_bytes = float(n_values) * itemsize
    if n_bytes > MAX_BYTES:
        raise ValueError(
            f"{what} asks for {count(n_values)} values, {show_bytes(n_bytes)} in one array, "
            f"more than the {show_bytes(MAX_BYTES)} a helper makes at once. {advice}"
        )


def max_values(itemsize=8) -> int:
    """How many values of ``itemsize`` bytes fit in MAX_BYTES."""
    return MAX_BYTES // itemsize


def _int_advice(dtype, name):
    """How to turn integer samples of ``dtype`` into floats within [-1, 1]."""
    dtype = np.dtype(dtype)
    if dtype == np.int16:
        scale = f"{name} / 32768"
    elif dtype == np.int32:
        scale = f"{name} / 2**31"
    elif dtype == np.int8:
        scale = f"{name} / 128"
    elif dtype == np.uint8:
        scale = f"({name} - 128) / 128"
    else:
        scale = f"{name} / 32768 for 16-bit samples"
    return (
        f"Scale them to [-1, 1] first: {scale}, or load the file with "
        f"helpers.audio.load_audio, which does that for you. If you made these numbers "
        f"yourself (np.arange, np.ones(..., dtype=int)), make them floats: "
        f"{name}.astype(float)."
    )


def signal(y, name="y", *, allow_complex=False, audio=True) -> NDArray:
    """Return ``y`` as a 1-D floating-point array, or raise a clear error.

    Accepts lists and numpy arrays of real numbers.  float32 and float64 stay as
    they are; float16 becomes float32 (float16 overflows to inf above 65 504, e.g.
    in a sum of squares).  Rejects empty, multi-dimensional, non-numeric and
    non-finite input.

    Integers: with ``audio=True`` (``y`` holds sound samples), a numpy array of
    integers is refused with advice, because it is almost always a WAV file's raw
    16-bit samples (up to 32 767, not 1.0) that would give wrong levels silently,
    as ``librosa.stft`` refuses them.  A plain list or tuple of Python ints is
    typed by hand (``[1, -1, 1, -1]``) and is converted to float64.  With
    ``audio=False`` (frame indices to cut up, a DFT's input, harmonic amplitudes,
    values to draw) integers of any kind are converted to float64.
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
        by_hand = isinstance(y, (list, tuple)) and arr.dtype == np.dtype(int)
        if audio and not by_hand:
            peak = np.abs(arr.astype(np.float64)).max()
            raise TypeError(
                f"{name} holds integers (dtype {arr.dtype}, values up to {peak:,.0f}), as a "
                f"WAV file's raw samples are read; this function needs floating-point "
                f"samples within [-1, 1]. " + _int_advice(arr.dtype, name)
            )
        arr = arr.astype(np.float64)
    elif arr.dtype == np.float16:
        arr = arr.astype(np.float32)
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s); audio samples must be finite"
        )
    return arr


def whole(value, name, *, minimum=1) -> int:
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


def number(value, name, *, minimum=None, maximum=None, strict_min=False) -> float:
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


def sample_rate(sr, name="sr") -> float:
    """A sample rate: a positive, finite number of samples per second."""
    return number(sr, name, minimum=0, strict_min=True)


def reals(value, name) -> NDArray[np.float64]:
    """A real number or an array of them (any shape), as float64; NaN and inf refused."""
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a number or an array of numbers; got {_show(value)}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(
            f"{name} must be a number or an array of numbers; got {_show(value)}"
        ) from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be real numbers; got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite; got NaN or infinite value(s) in {_show(value)}")
    return arr


def strings(value, name, *, example) -> tuple[str, ...]:
    """A string or a non-empty sequence of strings, as a tuple."""
    if isinstance(value, str):
        return (value,)
    if value is None or isinstance(value, bytes) or not hasattr(value, "__iter__"):
        raise TypeError(
            f"{name} must be a string or a list of strings, e.g. {example}; got {_show(value)}"
        )
    out = tuple(value)
    if not out:
        raise ValueError(f"{name} is empty: give at least one, e.g. {example}")
    wrong = [v for v in out if not isinstance(v, str)]
    if wrong:
        raise TypeError(
            f"{name} must hold strings only, e.g. {example}; got {_show(wrong[0])} in it"
        )
    return out


def axes(ax, name="ax"):
    """None or one matplotlib Axes (not an array of them, not a Figure)."""
    if ax is None:
        return None
    from matplotlib.axes import Axes

    if isinstance(ax, Axes):
        return ax
    hint = ""
    if isinstance(ax, np.ndarray):
        hint = " plt.subplots(2) gives an array of axes: pass one of them, e.g. axes[0]."
    elif type(ax).__name__ == "Figure":
        hint = " That is a Figure: pass one of its axes, e.g. fig.axes[0]."
    raise TypeError(
        f"{name} must be a matplotlib Axes (from plt.subplots()) or None; got "
        f"{_show(ax) if isinstance(ax, np.ndarray) else type(ax).__name__}.{hint}"
    )


def choice(value, name, options) -> str:
    """``value`` must be one of ``options`` (strings)."""
    if value not in options:
        opts = ", ".join(repr(o) for o in options)
        raise ValueError(f"{name} must be one of {opts}; got {_show(value)}")
    return value


def flag(value, name) -> bool:
    """A real boolean (True/False), not a string such as 'False'."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_show(value)}")
    return bool(value)
