"""Framing and the time-domain features: amplitude envelope, RMS, zero-crossing rate.

All functions are vectorized (no Python loop over frames) and agree frame for
frame with librosa's conventions.  With ``center=True`` the signal is padded
by ``frame_length // 2`` samples on each side, so frame ``i`` is centred on
sample ``i * hop_length`` and ``frames_to_time`` gives its centre.  Taught in
notebooks 04 (framing) and 05 (time-domain features).
"""

from __future__ import annotations

from typing import overload

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from . import _validate

__all__ = [
    "frame_signal",
    "num_frames",
    "amplitude_envelope",
    "rms",
    "zero_crossing_rate",
    "frames_to_time",
    "frames_to_samples",
]


def _frame_params(frame_length, hop_length, center, *, name="frame_length"):
    frame_length = _validate.whole(frame_length, name)
    _validate.fits(
        frame_length,
        itemsize=8,
        what=f"{name}={frame_length}",
        advice=f"Use a {name} of at most {_validate.max_values(8):,} samples; frames are "
        f"usually 256 to 4096 samples (12 to 186 ms at 22 050 Hz).",
    )
    hop_length = _validate.whole(hop_length, "hop_length")
    center = _validate.flag(center, "center")
    return frame_length, hop_length, center


def _padded_length(n_samples, frame_length, center):
    return n_samples + 2 * (frame_length // 2) if center else n_samples


def _too_short(n_samples, frame_length, center):
    raise ValueError(
        f"The signal has {n_samples} samples, fewer than frame_length={frame_length}"
        + (" even after centre padding" if center else "")
        + ". Use a shorter frame_length, or center=True to pad the edges."
    )


def num_frames(n_samples: int, *, frame_length: int, hop_length: int, center: bool) -> int:
    """How many frames a signal of ``n_samples`` samples is cut into.

    With ``center=False`` only whole frames that fit are counted:
    ``1 + (n_samples - frame_length) // hop_length``.  With ``center=True``
    the signal is first padded by ``frame_length // 2`` on each side, which for
    an even ``frame_length`` gives ``1 + n_samples // hop_length``: the count
    librosa's features return.

    Parameters
    ----------
    n_samples : int
        Signal length in samples.
    frame_length, hop_length : int
        Frame size and step, in samples.
    center : bool
        Whether frames are centred on ``i * hop_length`` (padding the edges).

    Returns
    -------
    int

    Examples
    --------
    >>> num_frames(22050, frame_length=1024, hop_length=512, center=True)
    44
    >>> num_frames(22050, frame_length=1024, hop_length=512, center=False)
    42

    Taught in: notebooks/04_framing.ipynb
    """
    n_samples = _validate.whole(n_samples, "n_samples", minimum=0)
    frame_length = _validate.whole(frame_length, "frame_length")
    hop_length = _validate.whole(hop_length, "hop_length")
    center = _validate.flag(center, "center")
    padded = _padded_length(n_samples, frame_length, center)
    if padded < frame_length:
        _too_short(n_samples, frame_length, center)
    return 1 + (padded - frame_length) // hop_length


def _framed(y, frame_length, hop_length, center, *, pad_mode="constant"):
    """The course's one framing routine: every framed feature and the STFT go through it.

    Pads ``frame_length // 2`` samples at both ends when ``center`` (zeros, or the
    edge samples with ``pad_mode="edge"`` as the zero-crossing rate does), checks
    that at least one frame fits, and slides a window over the result.

    Returns
    -------
    padded : numpy.ndarray
        The (padded) signal.
    frames : numpy.ndarray
        A read-only view of ``padded``, one frame per row:
        shape ``(1 + (len(padded) - frame_length) // hop_length, frame_length)``.
    """
    padded = np.pad(y, frame_length // 2, mode=pad_mode) if center else y
    if len(padded) < frame_length:
        _too_short(len(y), frame_length, center)
    return padded, sliding_window_view(padded, frame_length)[::hop_length]


def frame_signal(
    y: ArrayLike, *, frame_length: int, hop_length: int, center: bool = False
) -> NDArray[np.floating]:
    """Cut a signal into (possibly overlapping) frames, one frame per row.

    Parameters
    ----------
    y : array_like
        Mono signal, or any sequence of numbers (integers such as
        ``np.arange(10)`` are fine here: framing only moves them around).
    frame_length : int, keyword-only
        Samples per frame.
    hop_length : int, keyword-only
        Samples between the starts of consecutive frames.
    center : bool, keyword-only
        If True, zero-pad ``frame_length // 2`` samples at both ends first, so
        frame ``i`` is centred on sample ``i * hop_length``.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_frames, frame_length)``: ``frames[i]`` is the i-th frame.
        This is a read-only view when no padding is needed (no copy).  Note
        that ``librosa.util.frame`` puts frames in columns instead.

    Raises
    ------
    ValueError
        If the (padded) signal is shorter than one frame, as librosa does.

    Examples
    --------
    >>> frame_signal([0, 1, 2, 3, 4, 5], frame_length=4, hop_length=2)
    array([[0., 1., 2., 3.],
           [2., 3., 4., 5.]])

    Taught in: notebooks/04_framing.ipynb
    """
    y = _validate.signal(y, audio=False)
    frame_length, hop_length, center = _frame_params(frame_length, hop_length, center)
    return _framed(y, frame_length, hop_length, center)[1]


def amplitude_envelope(
    y: ArrayLike, *, frame_length: int = 1024, hop_length: int = 512, center: bool = True
) -> NDArray[np.floating]:
    """The largest absolute sample value in each frame.

    Parameters
    ----------
    y : array_like
        Mono signal.
    frame_length, hop_length : int, keyword-only
        Frame size and step in samples.
    center : bool, keyword-only
        Zero-pad ``frame_length // 2`` at each end, like librosa's ``rms``, so
        the envelope lines up with :func:`rms` frame for frame.

    Returns
    -------
    numpy.ndarray
        One value per frame, same dtype as ``y`` (float32 or float64).

    Examples
    --------
    >>> amplitude_envelope([0.1, -0.9, 0.3, 0.2], frame_length=2, hop_length=2, center=False)
    array([0.9, 0.3])

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    y = _validate.signal(y)
    frame_length, hop_length, center = _frame_params(frame_length, hop_length, center)
    padded, frames = _framed(y, frame_length, hop_length, center)
    n_frames = len(frames)
    if frame_length % hop_length == 0:
        # Max over hop-sized blocks once, then over the blocks each frame spans:
        # every sample is read once instead of frame_length / hop_length times.
        per = frame_length // hop_length
        n_blocks = n_frames - 1 + per
        blocks = np.abs(padded[: n_blocks * hop_length]).reshape(n_blocks, hop_length).max(axis=1)
        if per == 1:
            return blocks
        return sliding_window_view(blocks, per).max(axis=1)
    # Otherwise the running maximum over every window position (van Herk / Gil-Werman):
    # three passes over the signal whatever the frame length, and no frames-sized copy
    # (np.abs(frames) would need n_frames * frame_length values).
    starts = np.arange(n_frames) * hop_length
    return _running_max_abs(padded, frame_length, starts)


def _running_max_abs(x, width, starts):
    """``abs(x[s : s + width]).max()`` for each ``s`` in ``starts``, in O(len(x)).

    Cut ``|x|`` into blocks of ``width``; a window starting at ``s`` spans the end of
    one block and the beginning of the next, so its maximum is the larger of the
    suffix maximum at ``s`` and the prefix maximum at ``s + width - 1``.  Needs two
    arrays the size of ``x``.
    """
    n_blocks = -(-len(x) // width)
    blocks = np.zeros((n_blocks, width), dtype=x.dtype)  # zeros never beat |x|
    np.abs(x, out=blocks.reshape(-1)[: len(x)])
    # Suffix maxima, kept in reversed column order: column width - 1 - c is position c.
    suffix = np.maximum.accumulate(blocks[:, ::-1], axis=1)
    from_suffix = suffix[starts // width, width - 1 - starts % width]
    del suffix
    np.maximum.accumulate(blocks, axis=1, out=blocks)  # prefix maxima, in place
    ends = starts + width - 1
    return np.maximum(from_suffix, blocks[ends // width, ends % width])


def rms(
    y: ArrayLike, *, frame_length: int = 2048, hop_length: int = 512, center: bool = True
) -> NDArray[np.float32]:
    """Root-mean-square level of each frame, equal to ``librosa.feature.rms(y=y, ...)[0]``.

    ``rms = sqrt(mean(frame ** 2))``: the level of a steady sound (a sine of
    amplitude A has RMS A / sqrt(2)), a better guide to loudness than the peak.

    Parameters
    ----------
    y : array_like
        Mono signal.
    frame_length, hop_length : int, keyword-only
        Frame size and step in samples.
    center : bool, keyword-only
        Zero-pad ``frame_length // 2`` at each end (librosa's default).

    Returns
    -------
    numpy.ndarray
        One value per frame, float32 (as librosa returns).

    Examples
    --------
    >>> import numpy as np
    >>> r = rms(np.ones(4096), frame_length=2048, hop_length=512, center=False)
    >>> r.tolist()
    [1.0, 1.0, 1.0, 1.0, 1.0]

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    y = _validate.signal(y)
    frame_length, hop_length, center = _frame_params(frame_length, hop_length, center)
    frames = _framed(y, frame_length, hop_length, center)[1]
    # One dot product per frame: the sum of squares, without copying the frames.
    power = np.einsum("ij,ij->i", frames, frames) / frame_length
    return np.sqrt(power).astype(np.float32)


def zero_crossing_rate(
    y: ArrayLike, *, frame_length: int = 2048, hop_length: int = 512, center: bool = True
) -> NDArray[np.float64]:
    """Fraction of sample-to-sample sign changes in each frame.

    Equal to ``librosa.feature.zero_crossing_rate(y, ...)[0]``: samples with
    ``|x| <= 1e-10`` count as zero, zero counts as positive, a frame's count of
    sign changes between its neighbouring samples is divided by
    ``frame_length``, and centring pads by repeating the edge samples.

    Parameters
    ----------
    y : array_like
        Mono signal.
    frame_length, hop_length : int, keyword-only
        Frame size and step in samples.
    center : bool, keyword-only
        Pad ``frame_length // 2`` copies of the first/last sample at each end.

    Returns
    -------
    numpy.ndarray
        One value per frame between 0 and (frame_length - 1) / frame_length,
        float64.  Multiply by ``sr`` / 2 for a rough frequency of a pure tone.

    Examples
    --------
    >>> zero_crossing_rate([1.0, -1.0, 1.0, -1.0], frame_length=4, hop_length=4, center=False)
    array([0.75])

    Taught in: notebooks/05_time_domain_features.ipynb
    """
    y = _validate.signal(y)
    frame_length, hop_length, center = _frame_params(frame_length, hop_length, center)
    padded, frames = _framed(y, frame_length, hop_length, center, pad_mode="edge")
    negative = padded < -1e-10
    changes = negative[1:] != negative[:-1]
    counts = np.concatenate(([0], np.cumsum(changes, dtype=np.int64)))
    starts = np.arange(len(frames)) * hop_length
    # changes[s : s + frame_length - 1] are the crossings inside frame s.
    return (counts[starts + frame_length - 1] - counts[starts]) / frame_length


def _frame_indices(frames, *, whole):
    """Frame indices as a float64 array (any shape), or a clear error."""
    if frames is None or isinstance(frames, (str, bytes)):
        raise TypeError(f"frames must be frame indices (numbers); got {_validate._show(frames)}")
    try:
        arr = np.asarray(frames)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(
            f"frames must be frame indices (numbers); got {_validate._show(frames)}"
        ) from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"frames must be frame indices (numbers); got dtype {arr.dtype}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError("frames must be finite frame indices; got NaN or infinity")
    if whole and not np.all(arr == np.round(arr)):
        bad = arr[arr != np.round(arr)].flat[0]
        raise ValueError(
            f"frames must be whole frame indices (0, 1, 2, ...); got {bad:g}. A sample "
            f"index has no fractions: round the frames first, or use frames_to_time "
            f"for the time between two frames."
        )
    return arr


@overload
def frames_to_time(frames: float, *, sr: float, hop_length: int) -> float: ...
@overload
def frames_to_time(frames: ArrayLike, *, sr: float, hop_length: int) -> NDArray[np.float64]: ...
def frames_to_time(frames, *, sr, hop_length):
    """Time in seconds of frame indices: ``frames * hop_length / sr``.

    With ``center=True`` features this is the frame's centre; with
    ``center=False`` it is the frame's start.

    Parameters
    ----------
    frames : int or array_like of int
        Frame indices (fractions are allowed: a time between two frames).
    sr : float, keyword-only
        Sample rate in Hz.
    hop_length : int, keyword-only
        Samples between frames.

    Returns
    -------
    float or numpy.ndarray
        Seconds (float64).

    Examples
    --------
    >>> frames_to_time([0, 1, 2], sr=22050, hop_length=512)
    array([0.        , 0.02321995, 0.04643991])
    """
    sr = _validate.sample_rate(sr)
    hop_length = _validate.whole(hop_length, "hop_length")
    arr = _frame_indices(frames, whole=False)
    if arr.ndim == 0:
        return float(arr) * hop_length / sr
    return arr * hop_length / sr


@overload
def frames_to_samples(frames: int, *, hop_length: int) -> int: ...
@overload
def frames_to_samples(frames: ArrayLike, *, hop_length: int) -> NDArray[np.int64]: ...
def frames_to_samples(frames, *, hop_length):
    """Sample index of frame indices: ``frames * hop_length``.

    Parameters
    ----------
    frames : int or array_like of int
        Whole frame indices (``2.0`` is fine, ``1.5`` is refused: a sample index
        has no fractions).
    hop_length : int, keyword-only
        Samples between frames.

    Returns
    -------
    int or numpy.ndarray
        Sample indices (int64 for an array).

    Examples
    --------
    >>> frames_to_samples([0, 1, 2], hop_length=512)
    array([   0,  512, 1024])
    >>> frames_to_samples(3, hop_length=512)
    1536
    """
    hop_length = _validate.whole(hop_length, "hop_length")
    arr = _frame_indices(frames, whole=True).astype(np.int64)
    if arr.ndim == 0:
        return int(arr) * hop_length
    return arr * hop_length
