"""Data augmentation: new training examples made from the ones you have, in numpy.

On a clip (1-D samples): :func:`time_shift` (move the sound in time, either
wrapping round or letting silence in), :func:`gain` (louder or softer, in dB)
and :func:`add_noise` (noise mixed in at a chosen signal-to-noise ratio).  On a
log-mel image (``(n_mels, n_frames)``, or a stack of them): the masks of
SpecAugment, :func:`time_mask` (blank out a few frames) and :func:`freq_mask`
(blank out a few mel bands).

Every amount can be a single number (always that amount) or a ``(low, high)``
pair (a new amount drawn uniformly for every call, and for every image of a
stack).  Everything random is drawn from ``seed``: an int or a
``numpy.random.Generator`` makes the result reproducible (``None`` draws a fresh
one each time).  Pass one Generator to a chain of calls to get a different, but
repeatable, draw at every step.

Augment the **training** clips only, after splitting: an augmented copy of a
test clip in the training set is a sibling across the split (notebook 09).
Taught in notebook 10 (deep learning).
"""

from __future__ import annotations

import numbers

import numpy as np

from . import _validate

__all__ = [
    "rng_from",
    "time_shift",
    "gain",
    "add_noise",
    "snr_db",
    "time_mask",
    "freq_mask",
]


def rng_from(seed):
    """A ``numpy.random.Generator`` from an int seed, a Generator (returned as it is) or None.

    Examples
    --------
    >>> a = rng_from(0).integers(1000, size=3)
    >>> b = rng_from(0).integers(1000, size=3)
    >>> bool((a == b).all())
    True

    Taught in: notebooks/10_deep_learning.ipynb
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng()
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral):
        raise TypeError(
            "seed must be an int >= 0, a numpy.random.Generator or None; "
            f"got {_validate._show(seed)}"
        )
    if seed < 0:
        raise ValueError(f"seed must be an int >= 0; got {seed}")
    return np.random.default_rng(int(seed))


def _amount(value, name, *, low, high, integer, unit):
    """Check a fixed amount or a (low, high) range; return (lo, hi) as numbers."""
    if isinstance(value, (tuple, list)):
        if len(value) != 2:
            raise ValueError(
                f"{name} must be a number or a (low, high) pair; got {len(value)} values"
            )
        lo, hi = value
    else:
        lo = hi = value
    check = _validate.whole if integer else _validate.number
    out = []
    for part in (lo, hi):
        part = check(part, name, minimum=low)
        if part > high:
            raise ValueError(f"{name} must be between {low:g} and {high:g} {unit}; got {part!r}")
        out.append(part)
    if out[0] > out[1]:
        raise ValueError(f"{name}'s range must be (low, high) with low <= high; got {tuple(out)}")
    return out[0], out[1]


def _draw(lo, hi, rng, *, integer, size=None):
    if integer:
        return rng.integers(lo, hi, endpoint=True, size=size)
    if lo == hi:
        return np.full(size, lo) if size is not None else lo
    return rng.uniform(lo, hi, size=size)


def time_shift(y, shift, *, mode="circular", seed=None):
    """Move a clip in time by ``shift`` samples, keeping its length.

    A positive shift moves the sound later, a negative one earlier.  With
    ``mode="circular"`` what falls off one end comes back at the other (nothing
    is lost; a note cut in two is the price); with ``mode="silence"`` the gap is
    filled with zeros and what falls off is dropped.

    Parameters
    ----------
    y : array_like
        Mono clip.
    shift : int or (int, int)
        Shift in samples, or a range ``(low, high)`` (both included) to draw it
        from; ``|shift|`` at most ``len(y) - 1``.  For a shift in seconds,
        multiply by ``sr`` and round.
    mode : {"circular", "silence"}, keyword-only
        What fills the gap.
    seed : int, numpy.random.Generator or None, keyword-only
        Where a drawn shift comes from.

    Returns
    -------
    numpy.ndarray
        The shifted clip, same length and dtype as ``y``.

    Examples
    --------
    >>> time_shift([1.0, 2.0, 3.0, 4.0], 1)
    array([4., 1., 2., 3.])
    >>> time_shift([1.0, 2.0, 3.0, 4.0], -1, mode="silence")
    array([2., 3., 4., 0.])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    y = _validate.signal(y)
    mode = _validate.choice(mode, "mode", ("circular", "silence"))
    limit = len(y) - 1
    if isinstance(shift, (tuple, list)):
        lo, hi = _amount(shift, "shift", low=-limit, high=limit, integer=True, unit="samples")
        shift = int(_draw(lo, hi, rng_from(seed), integer=True))
    else:
        shift = _validate.whole(shift, "shift", minimum=-limit)
        if shift > limit:
            raise ValueError(
                f"shift must be between {-limit} and {limit} samples (the clip's length - 1); "
                f"got {shift}"
            )
    if mode == "circular":
        return np.roll(y, shift)
    out = np.zeros_like(y)
    if shift >= 0:
        out[shift:] = y[: len(y) - shift]
    else:
        out[:shift] = y[-shift:]
    return out


def gain(y, gain_db, *, seed=None):
    """Make a clip louder or softer by ``gain_db`` decibels.

    Every sample is multiplied by ``10 ** (gain_db / 20)``: +6 dB doubles the
    amplitude, -20 dB divides it by 10.  Nothing is clipped, so a loud clip
    made louder can go beyond +-1.

    Parameters
    ----------
    y : array_like
        Mono clip.
    gain_db : float or (float, float)
        Gain in dB, between -120 and 120, or a range to draw it from.
    seed : int, numpy.random.Generator or None, keyword-only
        Where a drawn gain comes from.

    Returns
    -------
    numpy.ndarray
        The scaled clip, same dtype as ``y``.

    Examples
    --------
    >>> gain([0.1, -0.2], 20.0)
    array([ 1., -2.])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    y = _validate.signal(y)
    lo, hi = _amount(gain_db, "gain_db", low=-120, high=120, integer=False, unit="dB")
    g = _draw(lo, hi, rng_from(seed), integer=False)
    return (y * 10.0 ** (g / 20.0)).astype(y.dtype, copy=False)


def snr_db(clean, noisy):
    """The signal-to-noise ratio of ``noisy`` against its ``clean`` part, in dB.

    The noise is what was added: ``noisy - clean``; the ratio compares the
    energies (sums of squares) of the clean clip and of that noise.

    Examples
    --------
    >>> round(snr_db([1.0, -1.0], [1.1, -0.9]), 2)
    20.0

    Taught in: notebooks/10_deep_learning.ipynb
    """
    clean = _validate.signal(clean, "clean").astype(np.float64)
    noisy = _validate.signal(noisy, "noisy").astype(np.float64)
    if clean.shape != noisy.shape:
        raise ValueError(
            f"clean and noisy must have the same length; got {clean.size} and {noisy.size}"
        )
    noise = np.sum((noisy - clean) ** 2)
    if noise == 0:
        return float("inf")
    return float(10 * np.log10(np.sum(clean**2) / noise))


def add_noise(y, snr_db, *, noise=None, seed=None):
    """Mix noise into a clip at a signal-to-noise ratio of ``snr_db`` decibels.

    The noise is scaled so that the energy of the clip divided by the energy
    of the added noise is ``10 ** (snr_db / 10)``: at 20 dB the noise has a
    hundredth of the clip's energy, at 0 dB as much.  By default the noise is
    white (Gaussian, a new draw each call); pass your own ``noise`` (a recording
    of a room, a fan, a crowd) to mix that instead: a random stretch of it as
    long as the clip, repeated if it is shorter.  Nothing is clipped.

    Parameters
    ----------
    y : array_like
        Mono clip; it must not be silent (a silent clip has no level to
        measure the ratio against).
    snr_db : float or (float, float)
        Signal-to-noise ratio in dB, between -60 and 120, or a range to draw it
        from.
    noise : array_like, optional, keyword-only
        Mono noise to mix in (not silent); default white noise.
    seed : int, numpy.random.Generator or None, keyword-only
        Where the noise (and a drawn ratio) comes from.

    Returns
    -------
    numpy.ndarray
        ``y`` plus the scaled noise, same length and dtype as ``y``.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> clean = sine(440, 1.0, amplitude=0.5)
    >>> noisy = add_noise(clean, 10.0, seed=0)
    >>> round(snr_db(clean, noisy), 3)
    10.0

    Taught in: notebooks/10_deep_learning.ipynb
    """
    y = _validate.signal(y)
    lo, hi = _amount(snr_db, "snr_db", low=-60, high=120, integer=False, unit="dB")
    rng = rng_from(seed)
    target = _draw(lo, hi, rng, integer=False)
    power = np.mean(np.square(y, dtype=np.float64))
    if power == 0:
        raise ValueError("y is silent (all zeros): a signal-to-noise ratio needs a signal")
    if noise is None:
        part = rng.standard_normal(len(y))
    else:
        noise = _validate.signal(noise, "noise").astype(np.float64)
        start = int(rng.integers(len(noise)))
        part = np.resize(np.roll(noise, -start), len(y))
        if not np.any(part):
            raise ValueError("noise is silent where it would be mixed in: it must not be all zeros")
    scale = np.sqrt(power / (np.mean(part**2) * 10.0 ** (target / 10.0)))
    return (y + scale * part).astype(y.dtype, copy=False)


def _images(image):
    if image is None or isinstance(image, (str, bytes)):
        raise TypeError(
            "image must be a 2-D array (n_mels, n_frames) or a 3-D stack of them; "
            f"got {_validate._show(image)}"
        )
    arr = np.asarray(image)
    if arr.dtype.kind not in "iuf" or arr.dtype.kind == "b":
        raise TypeError(f"image must be an array of real numbers; got dtype {arr.dtype}")
    if arr.ndim not in (2, 3) or 0 in arr.shape:
        raise ValueError(
            "image must be 2-D (n_mels, n_frames) or 3-D (n_images, n_mels, n_frames) "
            f"and not empty; got shape {arr.shape}"
        )
    return arr


def _mask(image, width, n_masks, value, seed, axis, name):
    arr = _images(image)
    out = np.array(arr, dtype=np.result_type(arr.dtype, np.float32))
    stack = out if out.ndim == 3 else out[None]
    size = stack.shape[axis]
    what = "frames" if axis == 2 else "mel bands"
    lo, hi = _amount(width, "width", low=0, high=size, integer=True, unit=what)
    n_masks = _validate.whole(n_masks, "n_masks", minimum=0)
    value = _validate.number(value, "value")
    rng = rng_from(seed)
    for k in range(len(stack)):
        for _ in range(n_masks):
            w = int(_draw(lo, hi, rng, integer=True))
            start = int(rng.integers(0, size - w, endpoint=True))
            if axis == 2:
                stack[k, :, start : start + w] = value
            else:
                stack[k, start : start + w, :] = value
    return out


def time_mask(image, width, *, n_masks=1, value=0.0, seed=None):
    """SpecAugment's time masks: blank out ``n_masks`` runs of frames in a log-mel image.

    Each mask covers ``width`` consecutive frames (columns) at a random place
    and sets them to ``value``; 0 is silence in a
    :func:`helpers.clip_features.log_mel_image`.  A network trained with masks
    cannot rely on any single moment of the clip.

    Parameters
    ----------
    image : array_like, shape (n_mels, n_frames) or (n_images, n_mels, n_frames)
        One image or a stack (each image gets its own masks).
    width : int or (int, int)
        Frames per mask (0 to n_frames), or a range to draw each mask's width from.
    n_masks : int, keyword-only
        Masks per image (0 or more; masks may overlap).
    value : float, keyword-only
        What the masked cells become.
    seed : int, numpy.random.Generator or None, keyword-only
        Where the places (and drawn widths) come from.

    Returns
    -------
    numpy.ndarray
        A masked copy (float), same shape as ``image``.

    Examples
    --------
    >>> import numpy as np
    >>> masked = time_mask(np.ones((3, 6)), 2, seed=0)
    >>> masked.sum(axis=0)
    array([3., 3., 3., 3., 0., 0.])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    return _mask(image, width, n_masks, value, seed, axis=2, name="time")


def freq_mask(image, width, *, n_masks=1, value=0.0, seed=None):
    """SpecAugment's frequency masks: blank out ``n_masks`` runs of mel bands in a log-mel image.

    Each mask covers ``width`` neighbouring mel bands (rows) at a random place
    and sets them to ``value``, as a microphone with a gap in its response
    would.  A network trained with masks cannot rely on any single band.

    Parameters
    ----------
    image : array_like, shape (n_mels, n_frames) or (n_images, n_mels, n_frames)
        One image or a stack (each image gets its own masks).
    width : int or (int, int)
        Bands per mask (0 to n_mels), or a range to draw each mask's width from.
    n_masks : int, keyword-only
        Masks per image (0 or more; masks may overlap).
    value : float, keyword-only
        What the masked cells become.
    seed : int, numpy.random.Generator or None, keyword-only
        Where the places (and drawn widths) come from.

    Returns
    -------
    numpy.ndarray
        A masked copy (float), same shape as ``image``.

    Examples
    --------
    >>> import numpy as np
    >>> masked = freq_mask(np.ones((5, 2)), 2, seed=0)
    >>> masked.sum(axis=1)
    array([2., 2., 2., 0., 0.])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    return _mask(image, width, n_masks, value, seed, axis=1, name="frequency")
