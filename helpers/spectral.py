"""The Fourier transform, spectrograms, decibels and the mel scale.

``dft`` is the plain definition, for learning; everything else uses numpy's
FFT and matches librosa's results (``stft``, ``amplitude_to_db``,
``power_to_db``, ``mel_filterbank``, ``mel_spectrogram``).  Taught in
notebooks 06 (Fourier transform) and 07 (spectrograms).
"""

from __future__ import annotations

import functools

import numpy as np

from . import _validate, features

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


def dft(x):
    """The discrete Fourier transform from its definition, in O(N^2) operations.

    ``X[k] = sum_n x[n] * exp(-2j*pi*k*n/N)``: for each bin ``k``, how much of
    a complex sinusoid making ``k`` cycles over the signal is in ``x``.  Equal
    to ``numpy.fft.fft(x)``, only much slower; use it to learn, not to compute.

    Parameters
    ----------
    x : array_like
        Real or complex 1-D signal of length N.

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
    x = np.asarray(_validate.signal(x, "x", allow_complex=True), dtype=np.complex128)
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


def fft_frequencies(n_fft, *, sr):
    """Centre frequencies in Hz of the ``1 + n_fft // 2`` bins of a real FFT.

    Bin ``k`` is at ``k * sr / n_fft``; equal to ``librosa.fft_frequencies``.

    Examples
    --------
    >>> fft_frequencies(8, sr=8000).tolist()
    [0.0, 1000.0, 2000.0, 3000.0, 4000.0]

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    n_fft = _validate.whole(n_fft, "n_fft")
    sr = _validate.sample_rate(sr)
    return np.arange(1 + n_fft // 2) * sr / n_fft


def magnitude_spectrum(y, *, sr, n_fft=None):
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
    n_fft = len(y) if n_fft is None else _validate.whole(n_fft, "n_fft")
    n_used = min(len(y), n_fft)
    mags = np.abs(np.fft.rfft(y, n=n_fft)) / n_used
    mags[1 : (n_fft + 1) // 2] *= 2  # fold in the mirrored negative frequencies
    return fft_frequencies(n_fft, sr=sr), mags


_WINDOWS = ("hann", "hamming", "rectangular", "boxcar", "ones")


def get_window(window, n_fft):
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
        float64 window values.

    Examples
    --------
    >>> get_window("hann", 4).round(6).tolist()
    [0.0, 0.5, 1.0, 0.5]
    """
    n_fft = _validate.whole(n_fft, "n_fft")
    if isinstance(window, str):
        _validate.choice(window, "window", _WINDOWS)
        n = np.arange(n_fft)
        if window == "hann":
            return 0.5 - 0.5 * np.cos(2 * np.pi * n / n_fft)
        if window == "hamming":
            return 0.54 - 0.46 * np.cos(2 * np.pi * n / n_fft)
        return np.ones(n_fft)
    values = _validate.signal(window, "window")
    if len(values) != n_fft:
        raise ValueError(f"window must have n_fft={n_fft} values; got {len(values)}")
    return np.asarray(values, dtype=np.float64)


def stft(y, *, n_fft=2048, hop_length=512, window="hann", center=True):
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
    n_fft = _validate.whole(n_fft, "n_fft")
    hop_length = _validate.whole(hop_length, "hop_length")
    center = _validate.flag(center, "center")
    win = get_window(window, n_fft)
    out_dtype = np.complex64 if y.dtype == np.float32 else np.complex128
    try:
        frames = features._framed(y, n_fft, hop_length, center)[1]
    except ValueError:
        raise ValueError(
            f"The signal has {len(y)} samples, fewer than n_fft={n_fft}. "
            f"Use a smaller n_fft, or center=True to pad the edges."
        ) from None
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


def _ref_value(magnitude, ref):
    if callable(ref):
        return ref(magnitude)
    _validate.number(ref, "ref")
    return np.abs(ref)


def power_to_db(S, *, ref=1.0, amin=1e-10, top_db=80.0):
    """Convert power (squared magnitude) to decibels, like ``librosa.power_to_db``.

    ``10 * log10(max(amin, S) / ref)``, then values more than ``top_db`` below
    the maximum are raised to that floor.

    Parameters
    ----------
    S : array_like
        Power values (>= 0), e.g. ``abs(stft(y)) ** 2``.
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
    S = np.asarray(S)
    if S.dtype.kind == "c":
        S = np.abs(S)
    elif S.dtype.kind not in "iuf":
        raise TypeError(f"S must be numeric; got dtype {S.dtype}")
    amin = _validate.number(amin, "amin", minimum=0, strict_min=True)
    ref_value = _ref_value(S, ref)
    log_spec = 10.0 * np.log10(np.maximum(amin, S))
    log_spec = log_spec - 10.0 * np.log10(np.maximum(amin, ref_value))
    if top_db is not None:
        top_db = _validate.number(top_db, "top_db", minimum=0)
        log_spec = np.maximum(log_spec, log_spec.max() - top_db)
    return log_spec


def amplitude_to_db(S, *, ref=1.0, amin=1e-5, top_db=80.0):
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
    S = np.asarray(S)
    if S.dtype.kind not in "iufc":
        raise TypeError(f"S must be numeric; got dtype {S.dtype}")
    amin = _validate.number(amin, "amin", minimum=0, strict_min=True)
    magnitude = np.abs(S)
    ref_value = _ref_value(magnitude, ref)
    return power_to_db(magnitude**2, ref=ref_value**2, amin=amin**2, top_db=top_db)


def hz_to_mel(freq, *, htk=False):
    """Frequency in Hz to mels (Slaney's scale by default, as librosa).

    Slaney's mel scale is linear below 1000 Hz (one mel per 200/3 Hz, so 1000 Hz
    is 15 mels) and logarithmic above; ``htk=True`` uses ``2595 * log10(1 + f / 700)``.

    Examples
    --------
    >>> round(float(hz_to_mel(1000.0)), 6), round(float(hz_to_mel(1000.0, htk=True)))
    (15.0, 1000)
    """
    f = np.asarray(freq, dtype=np.float64)
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


def mel_to_hz(mels, *, htk=False):
    """Mels to frequency in Hz: the inverse of :func:`hz_to_mel`.

    Examples
    --------
    >>> round(float(mel_to_hz(15.0)), 6)
    1000.0
    """
    m = np.asarray(mels, dtype=np.float64)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel_frequencies(n_mels=128, *, fmin=0.0, fmax=11025.0, htk=False):
    """``n_mels`` frequencies in Hz, equally spaced on the mel scale from fmin to fmax.

    Examples
    --------
    >>> mel_frequencies(3, fmin=0.0, fmax=2000.0).round(1).tolist()
    [0.0, 836.1, 2000.0]
    """
    n_mels = _validate.whole(n_mels, "n_mels")
    fmin = _validate.number(fmin, "fmin", minimum=0)
    fmax = _validate.number(fmax, "fmax", minimum=0)
    mels = np.linspace(hz_to_mel(fmin, htk=htk), hz_to_mel(fmax, htk=htk), n_mels)
    return mel_to_hz(mels, htk=htk)


def mel_filterbank(*, sr, n_fft, n_mels=128, fmin=0.0, fmax=None, htk=False):
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
        Number of mel bands.
    fmin, fmax : float, keyword-only
        Lowest and highest frequency in Hz (default 0 and ``sr / 2``).
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
    sr = _validate.sample_rate(sr)
    n_fft = _validate.whole(n_fft, "n_fft")
    n_mels = _validate.whole(n_mels, "n_mels")
    fmax = sr / 2 if fmax is None else _validate.number(fmax, "fmax", minimum=0)
    fmin = _validate.number(fmin, "fmin", minimum=0, maximum=fmax)
    fftfreqs = fft_frequencies(n_fft, sr=sr)
    edges = mel_frequencies(n_mels + 2, fmin=fmin, fmax=fmax, htk=htk)
    widths = np.diff(edges)
    ramps = edges[:, None] - fftfreqs[None, :]
    lower = -ramps[:-2] / widths[:-1, None]
    upper = ramps[2:] / widths[1:, None]
    weights = np.maximum(0.0, np.minimum(lower, upper))
    weights *= (2.0 / (edges[2 : n_mels + 2] - edges[:n_mels]))[:, None]
    return weights.astype(np.float32)


def mel_spectrogram(
    y, *, sr, n_fft=2048, hop_length=512, n_mels=128, window="hann", center=True, power=2.0
):
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
        Number of mel bands.
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
    spec = np.abs(stft(y, n_fft=n_fft, hop_length=hop_length, window=window, center=center))
    if power != 1.0:
        spec = spec**power
    bands = _mel_bands(
        _validate.sample_rate(sr),
        _validate.whole(n_fft, "n_fft"),
        _validate.whole(n_mels, "n_mels"),
        np.dtype(spec.dtype).str,
    )
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
    times; building it is slower than using it on a short clip.
    """
    bands = []
    for row in mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels).astype(dtype):
        nonzero = np.flatnonzero(row)
        lo, hi = (nonzero[0], nonzero[-1] + 1) if len(nonzero) else (0, 0)
        weights = row[lo:hi].copy()
        weights.flags.writeable = False
        bands.append((int(lo), weights))
    return tuple(bands)


def mfcc(y, *, sr, n_mfcc=13, n_fft=2048, hop_length=512, n_mels=128):
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

    n_mels = _validate.whole(n_mels, "n_mels")
    n_mfcc = _validate.whole(n_mfcc, "n_mfcc")
    if n_mfcc > n_mels:
        raise ValueError(f"n_mfcc must be <= n_mels={n_mels}; got {n_mfcc}")
    mel = mel_spectrogram(y, sr=sr, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels)
    log_mel = power_to_db(mel).astype(mel.dtype, copy=False)
    return scipy.fft.dct(log_mel, type=2, norm="ortho", axis=0)[:n_mfcc]
