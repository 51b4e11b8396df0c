"""The Fourier transform, spectrograms, decibels and the mel scale.

``dft`` is the plain definition, for learning; everything else uses numpy's
FFT and matches librosa's results (``stft``, ``amplitude_to_db``,
``power_to_db``, ``mel_filterbank``, ``mel_spectrogram``).  Taught in
notebooks 06 (Fourier transform) and 07 (spectrograms).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _validate, features

#: The longest signal :func:`dft` accepts: it does N * N multiplications, so 16 384
#: samples take seconds and 44 100 (a second of CD audio) minutes.
DFT_MAX_SAMPLES = 2**14

__all__ = [
    "dft",
    "fft_frequencies",
    "magnitude_spectrum",
    "get_window",
    "stft",
    "amplitude_to_db",
    "power_to_db",
    "hz_to_mel",
    "mel_to_hz",
    "mel_frequencies",
    "mel_filterbank",
    "mel_spectrogram",
    "mfcc",
]


def dft(x: ArrayLike) -> NDArray[np.complex128]:
    """The discrete Fourier transform from its definition, in O(N^2) operations.

    ``X[k] = sum_n x[n] * exp(-2j*pi*k*n/N)``: for each bin ``k``, how much of
    a complex sinusoid making ``k`` cycles over the signal is in ``x``.  Equal
    to ``numpy.fft.fft(x)``, only much slower; use it to learn, not to compute.

    Parameters
    ----------
    x : array_like
        Real or complex 1-D signal of length N, at most ``DFT_MAX_SAMPLES``
        (16 384); integers are fine.

    Returns
    -------
    numpy.ndarray
        N complex128 coefficients.

    Examples
    --------
    >>> import numpy as np
    >>> x = np.cos(2 * np.pi * 2 * np.arange(8) / 8)
    >>> np.round(np.abs(dft(x)), 6).tolist()
    [0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 4.0, 0.0]

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    x = _validate.signal(x, "x", allow_complex=True, audio=False)
    if len(x) > DFT_MAX_SAMPLES:
        raise ValueError(
            f"x has {len(x):,} samples; dft takes at most {DFT_MAX_SAMPLES:,}. It does "
            f"N * N = {len(x) ** 2:.2g} multiplications, which would take minutes or hours. "
            f"numpy.fft.fft(x) gives the same numbers in about N * log2(N) steps."
        )
    x = np.asarray(x, dtype=np.complex128)
    n_total = len(x)
    n = np.arange(n_total)
    out = np.empty(n_total, dtype=np.complex128)
    # exp(-2j*pi*k*n/N) only takes N different values, the N-th roots of unity:
    # compute them once and look up entry (k * n) % N (exact integers, so the angle
    # stays exact for long signals) instead of calling exp N^2 times.
    roots = np.exp(-2j * np.pi * n / n_total)
    # Rows of the DFT matrix in small blocks: little memory, and quicker (cache-sized).
    block = max(1, 2**18 // n_total)
    for start in range(0, n_total, block):
        k = np.arange(start, min(start + block, n_total))[:, None]
        out[start : start + len(k)] = roots[(k * n) % n_total] @ x
    return out


def _n_fft(n_fft, name="n_fft"):
    """An FFT size: a whole number of samples >= 1 whose arrays fit in memory."""
    n_fft = _validate.whole(n_fft, name)
    _validate.fits(
        n_fft,
        itemsize=8,
        what=f"{name}={n_fft}",
        advice=f"Use an {name} of at most {_validate.max_values(8):,} samples; FFT sizes "
        f"are usually 256 to 4096 samples.",
    )
    return n_fft


def fft_frequencies(n_fft: int, *, sr: float) -> NDArray[np.float64]:
    """Centre frequencies in Hz of the ``1 + n_fft // 2`` bins of a real FFT.

    Bin ``k`` is at ``k * sr / n_fft``; equal to ``librosa.fft_frequencies``.

    Examples
    --------
    >>> fft_frequencies(8, sr=8000).tolist()
    [0.0, 1000.0, 2000.0, 3000.0, 4000.0]

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    n_fft = _n_fft(n_fft)
    sr = _validate.sample_rate(sr)
    return np.arange(1 + n_fft // 2) * sr / n_fft


def magnitude_spectrum(
    y: ArrayLike, *, sr: float, n_fft: int | None = None
) -> tuple[NDArray[np.float64], NDArray[np.floating]]:
    """Frequencies and amplitudes of the sinusoids in a signal (one FFT of all of it).

    The magnitudes are scaled so a sine of amplitude A that falls exactly on a
    bin shows a peak of height A.

    Parameters
    ----------
    y : array_like
        Mono signal.
    sr : float, keyword-only
        Sample rate in Hz.
    n_fft : int or None, keyword-only
        FFT size; the signal is cut or zero-padded to it.  Default: ``len(y)``.

    Returns
    -------
    freqs : numpy.ndarray
        ``1 + n_fft // 2`` frequencies in Hz, from 0 to ``sr / 2``.
    mags : numpy.ndarray
        Amplitude at each frequency (same units as ``y``).

    Examples
    --------
    >>> from helpers.signals import sine
    >>> freqs, mags = magnitude_spectrum(sine(1000, 1.0, sr=8000, amplitude=0.5), sr=8000)
    >>> float(freqs[mags.argmax()]), round(float(mags.max()), 6)
    (1000.0, 0.5)

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    y = _validate.signal(y)
    sr = _validate.sample_rate(sr)
    n_fft = len(y) if n_fft is None else _n_fft(n_fft)
    n_used = min(len(y), n_fft)
    mags = np.abs(np.fft.rfft(y, n=n_fft)) / n_used
    mags[1 : (n_fft + 1) // 2] *= 2  # fold in the mirrored negative frequencies
    return fft_frequencies(n_fft, sr=sr), mags


_WINDOWS = ("hann", "hamming", "rectangular", "boxcar", "ones")


def get_window(window: str | ArrayLike, n_fft: int) -> NDArray[np.float64]:
    """A periodic analysis window of length ``n_fft``, as librosa's STFT uses it.

    Parameters
    ----------
    window : {"hann", "hamming", "rectangular"} or array_like
        Window name (``"boxcar"`` and ``"ones"`` mean rectangular), or the
        window's values themselves (length ``n_fft``).
    n_fft : int
        Length in samples.

    Returns
    -------
    numpy.ndarray
        float64 window values.  A window of one sample is ``[1.0]`` whatever
        its name, as in scipy and librosa (a periodic Hann window of length 1
        would otherwise be ``[0.0]`` and silence everything).

    Examples
    --------
    >>> get_window("hann", 4).round(6).tolist()
    [0.0, 0.5, 1.0, 0.5]
    """
    n_fft = _n_fft(n_fft)
    if isinstance(window, str):
        _validate.choice(window, "window", _WINDOWS)
        if n_fft == 1:
            return np.ones(1)
        n = np.arange(n_fft)
        if window == "hann":
            return 0.5 - 0.5 * np.cos(2 * np.pi * n / n_fft)
        if window == "hamming":
            return 0.54 - 0.46 * np.cos(2 * np.pi * n / n_fft)
        return np.ones(n_fft)
    values = _validate.signal(window, "window", audio=False)
    if len(values) != n_fft:
        raise ValueError(f"window must have n_fft={n_fft} values; got {len(values)}")
    return np.asarray(values, dtype=np.float64)


def stft(
    y: ArrayLike,
    *,
    n_fft: int = 2048,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
) -> NDArray[np.complexfloating]:
    """Short-time Fourier transform, equal to ``librosa.stft(y, ...)``.

    Frames of ``n_fft`` samples every ``hop_length`` samples, each multiplied
    by the window and transformed with a real FFT.

    Parameters
    ----------
    y : array_like
        Mono signal.
    n_fft : int, keyword-only
        Frame (and FFT) length in samples.
    hop_length : int, keyword-only
        Samples between frames.
    window : str or array_like, keyword-only
        See :func:`get_window`.
    center : bool, keyword-only
        Zero-pad ``n_fft // 2`` samples at each end, so frame ``t`` is centred
        on sample ``t * hop_length``.

    Returns
    -------
    numpy.ndarray
        Complex array of shape ``(1 + n_fft // 2, n_frames)``: rows are
        frequencies (see :func:`fft_frequencies`), columns are frames.
        complex64 for float32 input, complex128 otherwise.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> D = stft(sine(440, 1.0), n_fft=2048, hop_length=512)
    >>> D.shape
    (1025, 44)

    Taught in: notebooks/07_spectrograms.ipynb
    """
    y = _validate.signal(y)
    n_fft = _n_fft(n_fft)
    hop_length = _validate.whole(hop_length, "hop_length")
    center = _validate.flag(center, "center")
    win = get_window(window, n_fft)
    out_dtype = np.complex64 if y.dtype == np.float32 else np.complex128
    padded_length = len(y) + 2 * (n_fft // 2) if center else len(y)
    if padded_length < n_fft:
        raise ValueError(
            f"The signal has {len(y)} samples, fewer than n_fft={n_fft}. "
            f"Use a smaller n_fft, or center=True to pad the edges."
        )
    n_bins, n_frames = 1 + n_fft // 2, 1 + (padded_length - n_fft) // hop_length
    _validate.fits(
        n_bins * n_frames,
        itemsize=np.dtype(out_dtype).itemsize,
        what=f"The STFT of {len(y):,} samples with n_fft={n_fft} and hop_length={hop_length} "
        f"({n_bins:,} frequencies x {n_frames:,} frames)",
        advice="Use a larger hop_length or a smaller n_fft, or take the STFT of a "
        "shorter stretch of the signal.",
    )
    frames = features._framed(y, n_fft, hop_length, center)[1]
    import scipy.fft  # float32 stays float32 (numpy.fft always works in float64)

    n_frames = frames.shape[0]
    out = np.empty((n_frames, 1 + n_fft // 2), dtype=out_dtype)
    win = win.astype(y.dtype)
    # Blocks of frames keep the windowed copy small enough to stay in cache.
    block = max(1, 2**16 // n_fft)
    for start in range(0, n_frames, block):
        stop = min(start + block, n_frames)
        out[start:stop] = scipy.fft.rfft(frames[start:stop] * win, axis=1)
    return out.T


def _db_input(S, *, power):
    """``S`` for a decibel conversion: numbers, at least one, finite (and >= 0 for power)."""
    if S is None or isinstance(S, (str, bytes)):
        raise TypeError(f"S must be an array of numbers; got {_validate._show(S)}")
    try:
        S = np.asarray(S)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(f"S must be an array of numbers; got {_validate._show(S)}") from exc
    if S.dtype.kind not in "iufc":
        raise TypeError(f"S must be numeric; got dtype {S.dtype}")
    if S.size == 0:
        raise ValueError(f"S is empty (shape {S.shape}): it needs at least one value")
    if not np.all(np.isfinite(S)):
        raise ValueError(
            "S contains NaN or infinite values; decibels need finite values "
            "(look for a division by zero where S was computed)"
        )
    if power:
        if S.dtype.kind == "c":
            raise TypeError(
                "S is complex (an STFT?): power_to_db needs power, np.abs(D) ** 2, or "
                "use amplitude_to_db(np.abs(D)) for magnitudes."
            )
        if S.min() < 0:
            raise ValueError(
                f"S must be power values >= 0, such as np.abs(D) ** 2; its smallest value "
                f"is {S.min():.4g}. Negative values look like decibels already: do not "
                f"convert twice."
            )
    return S


def _ref_value(magnitude, ref):
    if callable(ref):
        return ref(magnitude)
    _validate.number(ref, "ref")
    return np.abs(ref)


def power_to_db(
    S: ArrayLike,
    *,
    ref: float | Callable[[NDArray], float] = 1.0,
    amin: float = 1e-10,
    top_db: float | None = 80.0,
) -> NDArray[np.floating]:
    """Convert power (squared magnitude) to decibels, like ``librosa.power_to_db``.

    ``10 * log10(max(amin, S) / ref)``, then values more than ``top_db`` below
    the maximum are raised to that floor.

    Parameters
    ----------
    S : array_like
        Power values (>= 0, finite, at least one), e.g. ``abs(stft(y)) ** 2``.
        Complex input is refused (librosa takes its absolute value with a
        warning, which gives magnitudes, not power).
    ref : float or callable, keyword-only
        Reference power for 0 dB; ``numpy.max`` makes the loudest value 0 dB.
    amin : float, keyword-only
        Smallest power considered (> 0), to avoid log(0).
    top_db : float or None, keyword-only
        Dynamic range kept below the maximum (>= 0); None keeps everything.

    Returns
    -------
    numpy.ndarray
        Decibels.

    Examples
    --------
    >>> power_to_db([1.0, 10.0, 100.0]).tolist()
    [0.0, 10.0, 20.0]
    """
    S = _db_input(S, power=True)
    amin = _validate.number(amin, "amin", minimum=0, strict_min=True)
    ref_value = _ref_value(S, ref)
    log_spec = 10.0 * np.log10(np.maximum(amin, S))
    log_spec = log_spec - 10.0 * np.log10(np.maximum(amin, ref_value))
    if top_db is not None:
        top_db = _validate.number(top_db, "top_db", minimum=0)
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def amplitude_to_db(
    S: ArrayLike,
    *,
    ref: float | Callable[[NDArray], float] = 1.0,
    amin: float = 1e-5,
    top_db: float | None = 80.0,
) -> NDArray[np.floating]:
    """Convert magnitudes to decibels, like ``librosa.amplitude_to_db``.

    ``20 * log10(max(amin, |S|) / ref)``, with the same ``top_db`` floor as
    :func:`power_to_db`.

    Parameters
    ----------
    S : array_like
        Magnitudes (complex values are replaced by their absolute value).
    ref : float or callable, keyword-only
        Reference amplitude for 0 dB; ``numpy.max`` makes the loudest value 0 dB.
    amin : float, keyword-only
        Smallest amplitude considered (> 0).
    top_db : float or None, keyword-only
        Dynamic range kept below the maximum.

    Returns
    -------
    numpy.ndarray
        Decibels.

    Examples
    --------
    >>> amplitude_to_db([1.0, 0.1, 0.01]).tolist()
    [0.0, -20.0, -40.0]

    Taught in: notebooks/07_spectrograms.ipynb
    """
    S = _db_input(S, power=False)
    amin = _validate.number(amin, "amin", minimum=0, strict_min=True)
    magnitude = np.abs(S)
    ref_value = _ref_value(magnitude, ref)
    return power_to_db(magnitude**2, ref=ref_value**2, amin=amin**2, top_db=top_db)


def hz_to_mel(freq: ArrayLike, *, htk: bool = False) -> NDArray[np.float64]:
    """Frequency in Hz to mels (Slaney's scale by default, as librosa).

    Slaney's mel scale is linear below 1000 Hz (one mel per 200/3 Hz, so 1000 Hz
    is 15 mels) and logarithmic above; ``htk=True`` uses ``2595 * log10(1 + f / 700)``.

    Examples
    --------
    >>> round(float(hz_to_mel(1000.0)), 6), round(float(hz_to_mel(1000.0, htk=True)))
    (15.0, 1000)
    """
    f = _validate.reals(freq, "freq")
    htk = _validate.flag(htk, "htk")
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    mels = f / f_sp
    above = f >= min_log_hz
    with np.errstate(divide="ignore", invalid="ignore"):
        log_part = min_log_mel + np.log(np.where(above, f, min_log_hz) / min_log_hz) / logstep
    return np.where(above, log_part, mels)


def mel_to_hz(mels: ArrayLike, *, htk: bool = False) -> NDArray[np.float64]:
    """Mels to frequency in Hz: the inverse of :func:`hz_to_mel`.

    Examples
    --------
    >>> round(float(mel_to_hz(15.0)), 6)
    1000.0
    """
    m = _validate.reals(mels, "mels")
    htk = _validate.flag(htk, "htk")
    if htk:
        with np.errstate(over="ignore"):
            return _finite_hz(700.0 * (10.0 ** (m / 2595.0) - 1.0), m, htk)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    with np.errstate(over="ignore"):
        hz = np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)
    return _finite_hz(hz, m, htk)


def _finite_hz(hz, mels, htk):
    if not np.all(np.isfinite(hz)):
        top = float(hz_to_mel(22050.0, htk=htk))
        raise ValueError(
            f"mels must be a mel value whose frequency is a number; got {np.max(mels):g}, "
            f"beyond any frequency (22 050 Hz is about {top:.0f} mels on this scale)"
        )
    return hz


def mel_frequencies(
    n_mels: int = 128, *, fmin: float = 0.0, fmax: float = 11025.0, htk: bool = False
) -> NDArray[np.float64]:
    """``n_mels`` frequencies in Hz, equally spaced on the mel scale from fmin to fmax.

    Examples
    --------
    >>> mel_frequencies(3, fmin=0.0, fmax=2000.0).round(1).tolist()
    [0.0, 836.1, 2000.0]
    """
    n_mels = _n_mels(n_mels)
    fmin = _validate.number(fmin, "fmin", minimum=0)
    fmax = _validate.number(fmax, "fmax", minimum=0)
    mels = np.linspace(hz_to_mel(fmin, htk=htk), hz_to_mel(fmax, htk=htk), n_mels)
    return mel_to_hz(mels, htk=htk)


def _n_mels(n_mels):
    """A number of mel bands: a whole number >= 1 whose arrays fit in memory."""
    n_mels = _validate.whole(n_mels, "n_mels")
    _validate.fits(
        n_mels,
        itemsize=8,
        what=f"n_mels={n_mels}",
        advice="Use fewer mel bands: usually 40 to 128.",
    )
    return n_mels


def _mel_params(sr, n_fft, n_mels, fmin, fmax, htk):
    """Validated filterbank parameters; ``fmax`` (default ``sr / 2``) is refused above it."""
    sr = _validate.sample_rate(sr)
    n_fft = _n_fft(n_fft)
    n_mels = _n_mels(n_mels)
    nyquist = sr / 2
    if fmax is None:
        fmax = nyquist
    else:
        fmax = _validate.number(fmax, "fmax", minimum=0, strict_min=True)
        if fmax > nyquist:
            raise ValueError(
                f"fmax must be at most the Nyquist frequency sr / 2 = {nyquist:g} Hz; got "
                f"{fmax:g}. The spectrum of a signal sampled at {sr:g} Hz stops there, so mel "
                f"bands above it would be empty (librosa only warns). Use fmax=None for sr / 2."
            )
    fmin = _validate.number(fmin, "fmin", minimum=0)
    if fmin >= fmax:
        raise ValueError(f"fmin must be below fmax={fmax:g} Hz; got fmin={fmin:g}")
    htk = _validate.flag(htk, "htk")
    _validate.fits(
        (n_mels + 2) * (1 + n_fft // 2),
        itemsize=8,
        what=f"n_mels={n_mels} mel filters over the {1 + n_fft // 2:,} frequencies of "
        f"n_fft={n_fft}",
        advice="Use fewer mel bands (usually 40 to 128) or a smaller n_fft.",
    )
    return sr, n_fft, n_mels, fmin, fmax, htk


def _mel_weights(sr, n_fft, n_mels, fmin, fmax, htk):
    """The filterbank (float32) and the empty filters librosa warns about, from valid input."""
    fftfreqs = fft_frequencies(n_fft, sr=sr)
    edges = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax, htk=htk)
    widths = np.diff(edges)
    ramps = edges[:, None] - fftfreqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges[2 : n_mels + 2] - edges[:n_mels]))[:, None]
    # librosa warns if a filter has no positive weight, not counting a filter that
    # starts at 0 Hz; the warning then names every empty filter.
    empty = ~(weights.max(axis=1) > 0)
    if not np.any(empty & (edges[:-2] != 0)):
        return weights.astype(np.float32), ()
    return weights.astype(np.float32), tuple(int(i) for i in np.flatnonzero(empty))


def _warn_empty(empty, *, sr, n_fft, n_mels):
    """Warn, as librosa does, when some mel filters catch no FFT bin at all."""
    if not empty:
        return
    shown = ", ".join(str(i) for i in empty[:8]) + (", ..." if len(empty) > 8 else "")
    warnings.warn(
        f"{len(empty)} of n_mels={n_mels} mel filters are empty (all zero: bands {shown}): "
        f"they are narrower than the {sr / n_fft:.3g} Hz between the FFT bins of n_fft={n_fft} "
        f"at sr={sr:g} Hz, so no bin falls inside them and their rows will be 0. Use fewer "
        f"mel bands (n_mels) or a larger n_fft.",
        UserWarning,
        stacklevel=3,
    )


def mel_filterbank(
    *,
    sr: float,
    n_fft: int,
    n_mels: int = 128,
    fmin: float = 0.0,
    fmax: float | None = None,
    htk: bool = False,
) -> NDArray[np.float32]:
    """Triangular mel filters, equal to ``librosa.filters.mel`` (Slaney area normalisation).

    Each row is one filter: a triangle over FFT bins, peaking at a mel band's
    centre and reaching zero at its neighbours' centres, scaled so each
    filter has the same area.  ``filterbank @ power_spectrogram`` gives a mel
    spectrogram.

    Parameters
    ----------
    sr : float, keyword-only
        Sample rate in Hz.
    n_fft : int, keyword-only
        FFT size the spectrogram was made with.
    n_mels : int, keyword-only
        Number of mel bands.  Too many for ``n_fft`` leaves the narrowest
        (lowest) bands without any FFT bin: a ``UserWarning`` says so, under
        the same condition as librosa's.
    fmin, fmax : float, keyword-only
        Lowest and highest frequency in Hz (default 0 and ``sr / 2``);
        ``fmin < fmax <= sr / 2`` (librosa accepts ``fmax`` above ``sr / 2`` with
        a warning about the empty bands it makes; this function refuses it).
    htk : bool, keyword-only
        Use the HTK mel formula instead of Slaney's.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_mels, 1 + n_fft // 2)``, float32.

    Examples
    --------
    >>> mel_filterbank(sr=22050, n_fft=2048, n_mels=40).shape
    (40, 1025)

    Taught in: notebooks/07_spectrograms.ipynb
    """
    sr, n_fft, n_mels, fmin, fmax, htk = _mel_params(sr, n_fft, n_mels, fmin, fmax, htk)
    weights, empty = _mel_weights(sr, n_fft, n_mels, fmin, fmax, htk)
    _warn_empty(empty, sr=sr, n_fft=n_fft, n_mels=n_mels)
    return weights


def mel_spectrogram(
    y: ArrayLike,
    *,
    sr: float,
    n_fft: int = 2048,
    hop_length: int = 512,
    n_mels: int = 128,
    window: str | ArrayLike = "hann",
    center: bool = True,
    power: float = 2.0,
) -> NDArray[np.floating]:
    """Mel spectrogram, equal to ``librosa.feature.melspectrogram(y=y, ...)``.

    ``mel_filterbank(...) @ abs(stft(y, ...)) ** power``.

    Parameters
    ----------
    y : array_like
        Mono signal.
    sr : float, keyword-only
        Sample rate in Hz.
    n_fft, hop_length : int, keyword-only
        STFT frame length and hop in samples.
    n_mels : int, keyword-only
        Number of mel bands (see :func:`mel_filterbank` for the warning when
        some are empty).
    window, center : keyword-only
        As for :func:`stft`.
    power : float, keyword-only
        2 for power (default), 1 for magnitude.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_mels, n_frames)``, float32 for float32 input.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> mel_spectrogram(sine(440, 1.0), sr=22050, n_mels=64).shape
    (64, 44)

    Taught in: notebooks/07_spectrograms.ipynb
    """
    power = _validate.number(power, "power", minimum=0, strict_min=True)
    sr, n_fft, n_mels, *_ = _mel_params(sr, n_fft, n_mels, 0.0, None, False)
    spec = np.abs(stft(y, n_fft=n_fft, hop_length=hop_length, window=window, center=center))
    if power != 1.0:
        spec = spec**power
    bands, empty = _mel_bands(sr, n_fft, n_mels, np.dtype(spec.dtype).str)
    _warn_empty(empty, sr=sr, n_fft=n_fft, n_mels=n_mels)
    # Each filter is non-zero over a few neighbouring bins only, so multiply just
    # that band: the same sum as filterbank @ spec with a fraction of the work.
    out = np.zeros((len(bands), spec.shape[1]), dtype=spec.dtype)
    for m, (lo, weights) in enumerate(bands):
        out[m] = weights @ spec[lo : lo + len(weights)]
    return out


@functools.lru_cache(maxsize=16)
def _mel_bands(sr, n_fft, n_mels, dtype):
    """The non-zero stretch of each mel filter, as (first bin, weights), kept between calls.

    A dataset of clips at one sample rate asks for the same filterbank hundreds of
    times; building it is slower than using it on a short clip.  Also returns the
    empty filters, so each call can warn about them.
    """
    filterbank, empty = _mel_weights(sr, n_fft, n_mels, 0.0, sr / 2, False)
    bands = []
    for row in filterbank.astype(dtype):
        nonzero = np.flatnonzero(row)
        lo, hi = (nonzero[0], nonzero[-1] + 1) if len(nonzero) else (0, 0)
        weights = row[lo:hi].copy()
        weights.flags.writeable = False
        bands.append((int(lo), weights))
    return tuple(bands), empty


def mfcc(
    y: ArrayLike,
    *,
    sr: float,
    n_mfcc: int = 13,
    n_fft: int = 2048,
    hop_length: int = 512,
    n_mels: int = 128,
) -> NDArray[np.floating]:
    """Mel-frequency cepstral coefficients, equal to ``librosa.feature.mfcc(y=y, sr=sr, ...)``.

    The discrete cosine transform (type 2, orthonormal) of each frame's log-mel
    spectrum, keeping the first ``n_mfcc`` coefficients: a few numbers that
    describe the broad shape of the spectral envelope.  Exactly librosa's
    recipe: ``power_to_db`` with ``ref=1.0`` and ``top_db=80`` (its defaults)
    of a Slaney-normalised mel power spectrogram, then the DCT over the mel
    axis.  Note that librosa's own default is ``n_mfcc=20``; 13 is the common
    choice for speech and this function's default.

    Parameters
    ----------
    y : array_like
        Mono signal.
    sr : float, keyword-only
        Sample rate in Hz.
    n_mfcc : int, keyword-only
        Number of coefficients kept (at most ``n_mels``).
    n_fft, hop_length : int, keyword-only
        STFT frame length and hop in samples.
    n_mels : int, keyword-only
        Number of mel bands the DCT runs over.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_mfcc, n_frames)``; float32 for float32 input.  Row 0 follows
        the overall level (in dB) of the frame, row 1 the balance between low
        and high frequencies, and so on to finer detail.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> mfcc(sine(440, 1.0), sr=22050).shape
    (13, 44)

    Taught in: notebooks/07_spectrograms.ipynb
    """
    import scipy.fft

    n_mels = _n_mels(n_mels)
    n_mfcc = _validate.whole(n_mfcc, "n_mfcc")
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc must be <= n_mels={n_mels}; got {n_mfcc}")
    mel = mel_spectrogram(y, sr=sr, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels)
    log_mel = power_to_db(mel).astype(mel.dtype, copy=False)
    return scipy.fft.dct(log_mel, type=2, norm="ortho", axis=0)[:n_mfcc]
