"""The Fourier transform, spectrograms, decibels and the mel scale.

``dft`` is the plain definition, for learning; everything else uses numpy's
FFT and matches librosa's results (``stft``, ``amplitude_to_db``,
``power_to_db``, ``mel_filterbank``, ``mel_spectrogram``).  Taught in
notebooks 06 (Fourier transform) and 07 (spectrograms); the spectral features
at the end (centroid, bandwidth, roll-off, flatness, band energy ratio, onset
strength and onsets) in notebook 08.
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
    "spectral_centroid",
    "spectral_bandwidth",
    "spectral_rolloff",
    "spectral_flatness",
    "band_energy_ratio",
    "onset_strength",
    "onset_detect",
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


# ---------------------------------------------------------------- notebook 08: spectral features
#
# One number per spectrum: where its energy sits (centroid), how far it spreads
# (bandwidth), below which frequency most of it lies (roll-off), how noise-like it
# is (flatness), how it balances low against high (band energy ratio), and how much
# it grew since the last frame (onset strength).  Each function equals librosa's
# function of the same name (band_energy_ratio has no librosa counterpart).

_DEFAULT_N_FFT = 2048


def _stft_magnitude(y, *, n_fft, hop_length, window, center) -> NDArray[np.floating]:
    """``abs(stft(y))`` computed as librosa computes it: the same values, bit for bit.

    :func:`stft` windows and transforms float32 frames in float32, which is quicker
    but leaves a noise floor about 140 dB below the peak.  librosa multiplies by a
    float64 window and transforms in float64, rounding only the result to float32;
    its floor is the input's own rounding, far lower.  The floor hardly shows in a
    spectrogram, but it decides the bandwidth and flatness of a pure tone (every
    far-away bin counts), so the spectral features use librosa's arithmetic.
    """
    y = _validate.signal(y)
    n_fft = _n_fft(n_fft)
    hop_length = _validate.whole(hop_length, "hop_length")
    center = _validate.flag(center, "center")
    win = get_window(window, n_fft)  # float64
    padded_length = len(y) + 2 * (n_fft // 2) if center else len(y)
    if padded_length < n_fft:
        raise ValueError(
            f"The signal has {len(y)} samples, fewer than n_fft={n_fft}. "
            f"Use a smaller n_fft, or center=True to pad the edges."
        )
    n_bins, n_frames = 1 + n_fft // 2, 1 + (padded_length - n_fft) // hop_length
    _validate.fits(
        n_bins * n_frames,
        itemsize=y.dtype.itemsize,
        what=f"The spectrogram of {len(y):,} samples with n_fft={n_fft} and "
        f"hop_length={hop_length} ({n_bins:,} frequencies x {n_frames:,} frames)",
        advice="Use a larger hop_length or a smaller n_fft, or a shorter stretch of the signal.",
    )
    frames = features._framed(y, n_fft, hop_length, center)[1]
    import scipy.fft

    complex_dtype = np.complex64 if y.dtype == np.float32 else np.complex128
    mags = np.empty((len(frames), 1 + n_fft // 2), dtype=y.dtype)
    block = max(1, 2**16 // n_fft)  # frames per block: the windowed copy stays in cache
    for start in range(0, len(frames), block):
        spectra = scipy.fft.rfft(frames[start : start + block] * win, axis=1)
        # Rounded to complex64 first, as librosa's STFT stores it, then the magnitude.
        mags[start : start + block] = np.abs(spectra.astype(complex_dtype, copy=False))
    return mags.T


def _magnitudes(y, S, *, n_fft, hop_length, window, center):
    """The magnitude spectrogram a spectral feature works on, and its ``n_fft``.

    Exactly one of ``y`` (a signal: its STFT magnitude is computed) and ``S`` (a
    magnitude spectrogram, frequency bins x frames, or one spectrum) must be given.
    Returns ``(magnitudes as a 2-D array, n_fft, True if S was one spectrum)``.
    """
    if (y is None) == (S is None):
        raise TypeError(
            "Pass either a signal y or a magnitude spectrogram S (keyword S=...), not "
            + ("both" if y is not None else "neither")
        )
    if y is not None:
        n_fft = _DEFAULT_N_FFT if n_fft is None else n_fft
        mags = _stft_magnitude(y, n_fft=n_fft, hop_length=hop_length, window=window, center=center)
        return mags, int(n_fft), False
    if isinstance(S, (str, bytes)):
        raise TypeError(f"S must be a magnitude spectrogram (an array); got {_validate._show(S)}")
    mags = np.asarray(S)
    if mags.dtype.kind == "c":
        raise TypeError(
            "S must hold magnitudes (real numbers >= 0), not complex STFT values; "
            "pass np.abs(stft(...))"
        )
    if mags.dtype.kind not in "iuf" or mags.dtype.kind == "b":
        raise TypeError(f"S must be an array of real numbers; got dtype {mags.dtype}")
    if mags.ndim not in (1, 2):
        raise ValueError(
            f"S must be 2-D (frequency bins x frames) or 1-D (one spectrum); got shape {mags.shape}"
        )
    if mags.size == 0:
        raise ValueError(f"S is empty (shape {mags.shape}): it needs at least one bin and frame")
    if mags.dtype.kind in "iu":
        mags = mags.astype(np.float64)
    if not np.all(np.isfinite(mags)):
        raise ValueError("S contains NaN or infinite values; magnitudes must be finite")
    if np.any(mags < 0):
        raise ValueError(
            f"S must hold magnitudes (>= 0); its smallest value is {float(mags.min()):g}. "
            "Pass np.abs(stft(...)), not the signal or decibels."
        )
    one = mags.ndim == 1
    if one:
        mags = mags[:, np.newaxis]
    n_bins = mags.shape[0]
    if n_bins < 2:
        raise ValueError(
            f"S has {n_bins} frequency row; a spectrum from an FFT has 1 + n_fft // 2 >= 2 rows"
        )
    if n_fft is None:
        n_fft = 2 * (n_bins - 1)
    else:
        n_fft = _n_fft(n_fft)
        if 1 + n_fft // 2 != n_bins:
            raise ValueError(
                f"S has {n_bins} frequency rows, which fits n_fft={2 * (n_bins - 1)} (or "
                f"{2 * n_bins - 1}), not n_fft={n_fft} (1 + n_fft // 2 = {1 + n_fft // 2} rows). "
                "Pass the n_fft that S was computed with, or leave n_fft out."
            )
    return mags, n_fft, one


def _per_frame(values, one):
    """One spectrum in, one number out; a spectrogram in, one number per frame out."""
    return float(values[0]) if one else values


def _moments(mags, freqs, *, second=False):
    """Per frame: the normaliser, sum S*f, and (if ``second``) sum S*f^2, all float64.

    The normaliser is the frame's total magnitude, or 1 for a frame whose total is
    below the smallest normal number of its dtype: such a frame is left
    unnormalised, as ``librosa.util.normalize`` does, so its centroid and bandwidth
    come out as (about) 0 Hz instead of 0 / 0.
    """
    raw = mags.sum(axis=0, dtype=np.float64)
    total = np.where(raw < np.finfo(mags.dtype).tiny, 1.0, raw)
    first = np.einsum("kt,k->t", mags, freqs)  # float64 sums, no float64 copy of mags
    if not second:
        return total, first
    return total, first, np.einsum("kt,k->t", mags, freqs**2), raw


def spectral_centroid(
    y: ArrayLike | None = None,
    *,
    sr: float,
    S: ArrayLike | None = None,
    n_fft: int | None = None,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
) -> NDArray[np.float64] | float:
    """The centre of mass of each frame's magnitude spectrum, in Hz: its "brightness".

    ``centroid = sum_k f_k * S[k] / sum_k S[k]``: the average frequency, each bin
    weighted by its magnitude.  Equal to ``librosa.feature.spectral_centroid(...)[0]``.
    A pure tone's centroid is its frequency; energy high up (a trumpet, a hiss)
    pulls it up, a dark sound (a flute, a hum) keeps it low.

    Parameters
    ----------
    y : array_like, optional
        Mono signal.  Give either ``y`` or ``S``.
    sr : float, keyword-only
        Sample rate in Hz.
    S : array_like, keyword-only, optional
        Magnitude spectrogram (``abs(stft(y))``), shape ``(1 + n_fft // 2, n_frames)``,
        or a single spectrum of shape ``(1 + n_fft // 2,)``.
    n_fft : int, keyword-only, optional
        FFT size in samples.  Default 2048 for ``y`` (librosa's); for ``S``,
        ``2 * (S.shape[0] - 1)``, and an ``n_fft`` you pass must fit ``S``'s rows.
    hop_length : int, keyword-only
        Samples between frames (for ``y``).
    window : str or array_like, keyword-only
        Analysis window (for ``y``), see :func:`get_window`.
    center : bool, keyword-only
        Centre frame ``t`` on sample ``t * hop_length`` (for ``y``), see :func:`stft`.

    Returns
    -------
    numpy.ndarray or float
        Centroid in Hz per frame (float64); a float for a single spectrum.
        A silent frame (all magnitudes zero) gives 0 Hz, as in librosa.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> c = spectral_centroid(sine(1000, 1.0, sr=22050), sr=22050)
    >>> c.shape, round(float(c[10]))
    ((44,), 1000)

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    mags, n_fft, one = _magnitudes(
        y, S, n_fft=n_fft, hop_length=hop_length, window=window, center=center
    )
    total, first = _moments(mags, fft_frequencies(n_fft, sr=sr))
    return _per_frame(first / total, one)


def spectral_bandwidth(
    y: ArrayLike | None = None,
    *,
    sr: float,
    S: ArrayLike | None = None,
    n_fft: int | None = None,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
    p: float = 2.0,
) -> NDArray[np.float64] | float:
    """How far each frame's spectrum spreads around its centroid, in Hz.

    ``bandwidth = (sum_k S[k] / sum_j S[j] * |f_k - centroid| ** p) ** (1 / p)``;
    with ``p = 2`` (the default) it is the standard deviation of frequency, each
    bin weighted by its magnitude.  Equal to
    ``librosa.feature.spectral_bandwidth(...)[0]``.  A pure tone has a narrow
    spread (only the window's leakage), noise a wide one.

    Parameters
    ----------
    y, sr, S, n_fft, hop_length, window, center
        As for :func:`spectral_centroid`.
    p : float, keyword-only
        Order of the deviation (> 0); 2 gives the standard deviation.

    Returns
    -------
    numpy.ndarray or float
        Bandwidth in Hz per frame (float64); a float for a single spectrum.
        A silent frame gives 0 Hz, as in librosa.

    Examples
    --------
    >>> from helpers.signals import white_noise
    >>> bw = spectral_bandwidth(white_noise(1.0, sr=22050, seed=0), sr=22050)
    >>> 3000 < float(bw[10]) < 3400   # about 11025 / sqrt(12) Hz: a flat spread
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    p = _validate.number(p, "p", minimum=0, strict_min=True)
    mags, n_fft, one = _magnitudes(
        y, S, n_fft=n_fft, hop_length=hop_length, window=window, center=center
    )
    freqs = fft_frequencies(n_fft, sr=sr)
    total, first, second, raw_sum = _moments(mags, freqs, second=True)
    centroid = first / total
    if p == 2.0:
        # sum S (f - c)^2 = sum S f^2 - 2 c sum S f + c^2 sum S: three sums per frame
        # instead of a (bins x frames) table of deviations.
        spread = (second - 2 * centroid * first + centroid**2 * raw_sum) / total
        return _per_frame(np.sqrt(np.maximum(spread, 0.0)), one)
    deviation = np.abs(freqs[:, np.newaxis] - centroid[np.newaxis, :]) ** p
    spread = np.einsum("kt,kt->t", mags.astype(np.float64, copy=False), deviation) / total
    return _per_frame(spread ** (1.0 / p), one)


def _roll_percent(roll_percent):
    value = _validate.number(roll_percent, "roll_percent")
    if not 0.0 < value < 1.0:
        hint = f" Did you mean {value / 100:g}?" if 1.0 < value < 100.0 else ""
        raise ValueError(
            f"roll_percent must be a fraction between 0 and 1 (both excluded), e.g. 0.85 for "
            f"85 %; got {roll_percent!r}.{hint}"
        )
    return value


def spectral_rolloff(
    y: ArrayLike | None = None,
    *,
    sr: float,
    S: ArrayLike | None = None,
    n_fft: int | None = None,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
    roll_percent: float = 0.85,
) -> NDArray[np.float64] | float:
    """The frequency below which ``roll_percent`` of each frame's magnitude lies, in Hz.

    Add up the magnitudes from 0 Hz upwards; the roll-off is the lowest bin
    frequency where the running sum reaches ``roll_percent`` of the frame's total
    (``>=``: a bin that brings the sum exactly to the threshold is the roll-off).
    Equal to ``librosa.feature.spectral_rolloff(...)[0]``, which, like this
    function, sums magnitudes rather than powers.

    Parameters
    ----------
    y, sr, S, n_fft, hop_length, window, center
        As for :func:`spectral_centroid`.
    roll_percent : float, keyword-only
        The fraction, strictly between 0 and 1 (0.85 means 85 %).

    Returns
    -------
    numpy.ndarray or float
        Roll-off frequency in Hz per frame (float64, always one of the bin
        frequencies); a float for a single spectrum.  A silent frame gives 0 Hz,
        as in librosa.

    Examples
    --------
    >>> import numpy as np
    >>> spectrum = np.array([0.0, 1.0, 1.0, 1.0, 1.0])   # bins 0, 1000, ..., 4000 Hz
    >>> spectral_rolloff(S=spectrum, sr=8000, roll_percent=0.5)
    2000.0

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    roll_percent = _roll_percent(roll_percent)
    mags, n_fft, one = _magnitudes(
        y, S, n_fft=n_fft, hop_length=hop_length, window=window, center=center
    )
    running = np.cumsum(mags, axis=0)
    threshold = roll_percent * running[-1]
    first = np.argmax(running >= threshold, axis=0)  # the last row always qualifies
    return _per_frame(fft_frequencies(n_fft, sr=sr)[first], one)


def spectral_flatness(
    y: ArrayLike | None = None,
    *,
    sr: float | None = None,
    S: ArrayLike | None = None,
    n_fft: int | None = None,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
    amin: float = 1e-10,
    power: float = 2.0,
) -> NDArray[np.floating] | float:
    """How noise-like each frame is: the geometric over the arithmetic mean of its power spectrum.

    ``flatness = exp(mean(log P)) / mean(P)`` with ``P = max(amin, S ** power)``.
    The two means are equal only when every bin holds the same power, so a flat
    (white-noise) spectrum gives values near 1 and a few strong peaks (a tone)
    near 0.  Equal to ``librosa.feature.spectral_flatness(...)[0]``, computed in
    the same precision.

    Parameters
    ----------
    y, S, n_fft, hop_length, window, center
        As for :func:`spectral_centroid`.
    sr : float, keyword-only, optional
        Sample rate in Hz: flatness does not depend on it (accepted for symmetry).
    amin : float, keyword-only
        Floor for the powers (> 0), so the logarithm of a silent bin stays finite.
    power : float, keyword-only
        Exponent applied to the magnitudes (> 0): 2 for power (default), 1 for magnitude.

    Returns
    -------
    numpy.ndarray or float
        Flatness per frame, between 0 and 1; float32 for float32 input, as
        librosa.  A silent frame has every bin at ``amin``, a perfectly flat
        spectrum, so its flatness is 1 (librosa's convention): use RMS to tell
        silence from noise.

    Examples
    --------
    >>> from helpers.signals import sine, white_noise
    >>> noise = spectral_flatness(white_noise(1.0, sr=22050, seed=1))
    >>> tone = spectral_flatness(sine(440, 1.0, sr=22050))
    >>> bool(noise.mean() > 0.3), bool(tone.mean() < 0.01)
    (True, True)

    Taught in: notebooks/08_spectral_features.ipynb
    """
    if sr is not None:
        _validate.sample_rate(sr)
    amin = _validate.number(amin, "amin", minimum=0, strict_min=True)
    power = _validate.number(power, "power", minimum=0, strict_min=True)
    mags, _, one = _magnitudes(
        y, S, n_fft=n_fft, hop_length=hop_length, window=window, center=center
    )
    floored = np.maximum(amin, mags**power)
    geometric = np.exp(np.mean(np.log(floored), axis=0))
    return _per_frame(geometric / np.mean(floored, axis=0), one)


def band_energy_ratio(
    y: ArrayLike | None = None,
    *,
    sr: float,
    split_frequency: float,
    S: ArrayLike | None = None,
    n_fft: int | None = None,
    hop_length: int = 512,
    window: str | ArrayLike = "hann",
    center: bool = True,
) -> NDArray[np.float64] | float:
    """Power below ``split_frequency`` divided by power above it, per frame.

    ``sum of S[k] ** 2 over bins below the split / sum over bins at or above it``:
    more than 1 when the low band holds more power.  Bins whose frequency is
    below ``split_frequency`` count as low, the others (including a bin exactly
    at the split) as high.  librosa has no such function.

    Parameters
    ----------
    y, sr, S, n_fft, hop_length, window, center
        As for :func:`spectral_centroid`.
    split_frequency : float, keyword-only
        The frequency in Hz separating the bands, strictly between 0 and ``sr / 2``.

    Returns
    -------
    numpy.ndarray or float
        The ratio per frame (float64); a float for a single spectrum.  A frame
        whose high band holds no power at all gives ``inf`` (its low band has
        some) or ``nan`` (a silent frame: 0 / 0); no warning is printed.  Take
        ``np.log10`` of the ratio, with a floor, to plot it.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> y = sine(500, 1.0, sr=22050, amplitude=0.8) + sine(4000, 1.0, sr=22050, amplitude=0.4)
    >>> ratio = band_energy_ratio(y, sr=22050, split_frequency=2000)
    >>> round(float(ratio[10]), 3)   # (0.8 / 0.4) ** 2
    4.0

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    split = _validate.number(split_frequency, "split_frequency")
    if not 0.0 < split < sr / 2:
        raise ValueError(
            f"split_frequency must lie between 0 and the Nyquist frequency sr / 2 = {sr / 2:g} Hz "
            f"(both excluded); got {split_frequency!r}"
        )
    mags, n_fft, one = _magnitudes(
        y, S, n_fft=n_fft, hop_length=hop_length, window=window, center=center
    )
    power = mags.astype(np.float64) ** 2
    # Bins k * sr / n_fft below the split: 0 .. ceil(split * n_fft / sr) - 1.
    n_low = int(np.searchsorted(fft_frequencies(n_fft, sr=sr), split, side="left"))
    low = power[:n_low].sum(axis=0)
    high = power[n_low:].sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _per_frame(low / high, one)


def onset_strength(
    y: ArrayLike,
    *,
    sr: float,
    n_fft: int = 2048,
    hop_length: int = 512,
    n_mels: int = 128,
    lag: int = 1,
    max_size: int = 1,
    center: bool = True,
    window: str | ArrayLike = "hann",
) -> NDArray[np.floating]:
    """How much louder each frame got than the one before, over all mel bands: spectral flux.

    Equal to ``librosa.onset.onset_strength(y=y, sr=sr, ...)`` with the same
    settings.  The recipe:

    1. a mel power spectrogram (:func:`mel_spectrogram`) in decibels
       (:func:`power_to_db`: ``ref=1.0``, 80 dB range);
    2. in each band, the rise since ``lag`` frames earlier (compared with the
       largest of ``max_size`` neighbouring bands there, if ``max_size > 1``);
       falls count as 0, since a note's start makes the spectrum grow;
    3. the mean of those rises over the bands;
    4. shifted right by ``lag`` frames, and with ``center=True`` by a further
       ``n_fft // (2 * hop_length)`` frames, so a peak lines up with the frame
       in which the sound starts; the first frames are 0.

    Parameters
    ----------
    y : array_like
        Mono signal.
    sr : float, keyword-only
        Sample rate in Hz.
    n_fft, hop_length : int, keyword-only
        STFT frame length and hop in samples.
    n_mels : int, keyword-only
        Mel bands.
    lag : int, keyword-only
        Compare each frame with the one ``lag`` frames earlier (>= 1).
    max_size : int, keyword-only
        Compare with the largest of this many neighbouring bands in the earlier
        frame (1: the same band), which ignores a tone that merely wobbles in pitch.
    center : bool, keyword-only
        Shift the curve to make up for the frames' length (librosa's ``center``;
        the mel spectrogram's frames are centred either way).
    window : str or array_like, keyword-only
        Analysis window.

    Returns
    -------
    numpy.ndarray
        One value per frame (``1 + len(y) // hop_length`` of them), in dB
        averaged over the bands, >= 0; float32 for float32 input.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.zeros(22050)
    >>> y[11025:] = np.sin(2 * np.pi * 440 * np.arange(11025) / 22050)   # a tone from 0.5 s
    >>> strength = onset_strength(y, sr=22050)
    >>> strength.shape, int(np.argmax(strength))   # frame 23 is at 23 * 512 / 22050 = 0.53 s
    ((44,), 23)

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    n_fft = _n_fft(n_fft)
    hop_length = _validate.whole(hop_length, "hop_length")
    lag = _validate.whole(lag, "lag")
    max_size = _validate.whole(max_size, "max_size")
    center = _validate.flag(center, "center")
    mel = mel_spectrogram(
        y, sr=sr, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels, window=window
    )
    mel_db = power_to_db(mel).astype(mel.dtype, copy=False)  # float32 stays float32, as librosa
    reference = mel_db
    if max_size > 1:
        import scipy.ndimage

        reference = scipy.ndimage.maximum_filter1d(mel_db, max_size, axis=0)
    rises = np.maximum(0.0, mel_db[:, lag:] - reference[:, :-lag])
    flux = np.mean(rises, axis=0)
    shift = lag + (n_fft // (2 * hop_length) if center else 0)
    n_frames = mel_db.shape[1]
    out = np.zeros(n_frames, dtype=flux.dtype)
    kept = flux[: max(0, n_frames - shift)]
    out[shift : shift + len(kept)] = kept
    return out


def _frames_from_seconds(seconds, sr, hop_length, extra=0):
    """librosa's default peak-picking window in frames: ceil(seconds * sr // hop) + extra."""
    return int(np.ceil(seconds * sr // hop_length + extra))


def _peak_pick(x, *, pre_max, post_max, pre_avg, post_avg, delta, wait):
    """``librosa.util.peak_pick``: frames that are a local maximum and stand out from the average.

    Frame ``n`` is a candidate if ``x[n] == max(x[n - pre_max : n + post_max])`` and
    ``x[n] >= mean(x[n - pre_avg : n + post_avg]) + delta`` (windows cut at the ends).
    Then, from left to right, a candidate is kept if it comes more than ``wait``
    frames after the last one kept.  The tests are vectorized; only the few
    candidates are visited one by one.
    """
    n_total = len(x)
    idx = np.arange(n_total)
    padded = np.concatenate(
        [np.full(pre_max, -np.inf), x.astype(np.float64), np.full(post_max - 1, -np.inf)]
    )
    from numpy.lib.stride_tricks import sliding_window_view

    local_max = sliding_window_view(padded, pre_max + post_max).max(axis=1)
    sums = np.concatenate([[0.0], np.cumsum(x, dtype=np.float64)])
    lo = np.maximum(0, idx - pre_avg)
    hi = np.minimum(n_total, idx + post_avg)
    average = (sums[hi] - sums[lo]) / (hi - lo)
    candidates = np.flatnonzero((x == local_max) & (x >= average + delta))
    kept, last = [], -np.inf
    for n in candidates.tolist():
        if n > last + wait:
            kept.append(n)
            last = n
    return np.array(kept, dtype=int)


def onset_detect(
    y: ArrayLike,
    *,
    sr: float,
    hop_length: int = 512,
    n_fft: int = 2048,
    backtrack: bool = False,
    energy: ArrayLike | None = None,
    units: str = "frames",
    normalize: bool = True,
    pre_max: int | None = None,
    post_max: int | None = None,
    pre_avg: int | None = None,
    post_avg: int | None = None,
    delta: float = 0.07,
    wait: int | None = None,
) -> NDArray[np.int_] | NDArray[np.float64]:
    """Where notes (or other events) start: the peaks of :func:`onset_strength`.

    Returns the same frames as ``librosa.onset.onset_detect(y=y, sr=sr, ...)``.
    The onset strength is scaled to run from 0 to 1 (``normalize``); then a frame
    is an onset if it is at least as large as the ``pre_max`` frames before it,
    at least ``delta`` above the average from ``pre_avg`` frames before to
    ``post_avg - 1`` frames after it, and more than ``wait`` frames after the
    previous onset.  The windows default to librosa's: 30 ms before for the
    maximum, 100 ms around for the average, 30 ms of waiting, in frames.

    Parameters
    ----------
    y : array_like
        Mono signal.
    sr : float, keyword-only
        Sample rate in Hz.
    hop_length, n_fft : int, keyword-only
        Hop and frame length in samples of the onset strength.
    backtrack : bool, keyword-only
        Move each onset back to the nearest earlier local minimum of ``energy``
        (where the rise begins: a better place to cut a recording).
    energy : array_like, keyword-only, optional
        One value per frame to backtrack on, e.g. :func:`helpers.features.rms`;
        default the (scaled) onset strength.
    units : {"frames", "samples", "time"}, keyword-only
        Return frame indices, sample indices (``frame * hop_length``) or seconds.
    normalize : bool, keyword-only
        Scale the onset strength to 0..1 before picking (librosa's default).
    pre_max, post_max, pre_avg, post_avg, wait : int, keyword-only, optional
        Peak-picking windows in frames (see above); default from the durations above.
    delta : float, keyword-only
        How far above the local average a peak must be (on the 0..1 scale).

    Returns
    -------
    numpy.ndarray
        Onsets in ``units``: int frames or samples, or float seconds.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.zeros(22050)
    >>> y[[5512, 11025, 16538]] = 1.0            # three clicks, at 0.25, 0.5 and 0.75 s
    >>> onset_detect(y, sr=22050, units="time").round(2).tolist()
    [0.26, 0.51, 0.77]

    Taught in: notebooks/08_spectral_features.ipynb
    """
    sr = _validate.sample_rate(sr)
    hop_length = _validate.whole(hop_length, "hop_length")
    backtrack = _validate.flag(backtrack, "backtrack")
    normalize = _validate.flag(normalize, "normalize")
    _validate.choice(units, "units", ("frames", "samples", "time"))
    delta = _validate.number(delta, "delta", minimum=0)
    windows = {
        "pre_max": (pre_max, 0.03, 0, 0),
        "post_max": (post_max, 0.0, 1, 1),
        "pre_avg": (pre_avg, 0.10, 0, 0),
        "post_avg": (post_avg, 0.10, 1, 1),
        "wait": (wait, 0.03, 0, 0),
    }
    picks = {}
    for name, (value, seconds, extra, minimum) in windows.items():
        if value is None:
            picks[name] = _frames_from_seconds(seconds, sr, hop_length, extra)
        else:
            picks[name] = _validate.whole(value, name, minimum=minimum)
    strength = onset_strength(y, sr=sr, n_fft=n_fft, hop_length=hop_length)
    if normalize:
        strength = strength - strength.min()
        strength /= strength.max() + np.finfo(strength.dtype).tiny
    if not strength.any():
        onsets = np.array([], dtype=int)
    else:
        onsets = _peak_pick(strength, delta=delta, **picks)
    if backtrack and len(onsets):
        if energy is None:
            curve = strength
        else:
            curve = _validate.signal(energy, "energy", audio=False)
            if len(curve) != len(strength):
                raise ValueError(
                    f"energy must have one value per frame ({len(strength)} for this signal); "
                    f"got {len(curve)}"
                )
        # Local minima: no higher than the frame before, lower than the frame after;
        # frame 0 counts as one, so every onset has a minimum at or before it.
        inner = (curve[1:-1] <= curve[:-2]) & (curve[1:-1] < curve[2:])
        minima = np.union1d([0], 1 + np.flatnonzero(inner))
        onsets = minima[np.searchsorted(minima, onsets, side="right") - 1]
    if units == "samples":
        return onsets * hop_length
    if units == "time":
        return onsets * hop_length / sr
    return onsets
