"""Making sounds: test tones, noise, envelopes and quantization.

Everything here returns a 1-D float64 numpy array of samples at sample rate
``sr`` (samples per second).  Taught in notebooks 01 (waves), 02 (sampling and
quantization) and 03 (timbre and envelopes).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import _validate

__all__ = [
    "sine",
    "square",
    "sawtooth",
    "chirp",
    "white_noise",
    "harmonic_tone",
    "adsr_envelope",
    "quantize",
    "alias_frequency",
    "midi_to_hz",
    "hz_to_midi",
    "time_axis",
]


def _seconds(seconds):
    """A duration for a message: '12,174 s (3.4 hours)', '2.5 s' or '0.000268 s'."""
    if seconds >= 3600:
        return f"{seconds:,.0f} s ({seconds / 3600:.2g} hours)"
    return f"{seconds:,.0f} s" if seconds >= 100 else f"{seconds:.3g} s"


def _n_samples(duration, sr):
    duration = _validate.number(duration, "duration", minimum=0, strict_min=True)
    sr = _validate.sample_rate(sr)
    longest = _validate.max_values(8) / sr
    _validate.fits(
        duration * sr,
        itemsize=8,
        what=f"duration={duration!r} s at sr={sr:g} Hz",
        advice=f"Use a duration of at most {_seconds(longest)} at this sample rate.",
    )
    n = int(round(duration * sr))
    if n < 1:
        raise ValueError(
            f"duration={duration!r} s at sr={sr:g} Hz gives no samples; use at least {1 / sr:.3g} s"
        )
    return n, sr


def time_axis(n_samples: int, *, sr: float = 22050) -> NDArray[np.float64]:
    """Times in seconds of ``n_samples`` samples taken at ``sr`` Hz.

    Parameters
    ----------
    n_samples : int
        Number of samples.
    sr : float
        Sample rate in Hz.

    Returns
    -------
    numpy.ndarray
        ``n / sr`` for ``n = 0 .. n_samples - 1``, in seconds (float64).

    Examples
    --------
    >>> time_axis(4, sr=4)
    array([0.  , 0.25, 0.5 , 0.75])
    """
    n_samples = _validate.whole(n_samples, "n_samples", minimum=0)
    sr = _validate.sample_rate(sr)
    _validate.fits(
        n_samples,
        itemsize=8,
        what=f"n_samples={n_samples}",
        advice=f"Use n_samples of at most {_validate.max_values(8):,}.",
    )
    return np.arange(n_samples) / sr


def sine(
    freq: float,
    duration: float,
    *,
    sr: float = 22050,
    amplitude: float = 1.0,
    phase: float = 0.0,
) -> NDArray[np.float64]:
    """A sine wave ``amplitude * sin(2*pi*freq*t + phase)``.

    Parameters
    ----------
    freq : float
        Frequency in Hz (>= 0).  Frequencies above the Nyquist frequency
        ``sr / 2`` are allowed on purpose: the samples then describe a lower
        frequency (an alias), which notebook 02 demonstrates.
    duration : float
        Length in seconds (> 0).
    sr : float, keyword-only
        Sample rate in Hz.
    amplitude : float, keyword-only
        Peak value (>= 0); 1.0 is digital full scale.
    phase : float, keyword-only
        Phase at t = 0, in radians.

    Returns
    -------
    numpy.ndarray
        ``round(duration * sr)`` samples, float64.

    Examples
    --------
    >>> y = sine(440, 1.0, sr=22050)
    >>> y.shape
    (22050,)
    >>> float(abs(y).max()) <= 1.0
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    freq = _validate.number(freq, "freq", minimum=0)
    amplitude = _validate.number(amplitude, "amplitude", minimum=0)
    phase = _validate.number(phase, "phase")
    n, sr = _n_samples(duration, sr)
    t = np.arange(n) / sr
    return amplitude * np.sin(2 * np.pi * freq * t + phase)


def square(
    freq: float,
    duration: float,
    *,
    sr: float = 22050,
    amplitude: float = 1.0,
    phase: float = 0.0,
) -> NDArray[np.float64]:
    """A square wave: ``+amplitude`` while the matching sine is >= 0, else ``-amplitude``.

    This is the naive (not band-limited) square wave: its odd harmonics go on
    forever, so the ones above ``sr / 2`` fold back as aliases.  Use
    :func:`harmonic_tone` with odd harmonics ``1/k`` for a clean version.

    Parameters are those of :func:`sine`.

    Examples
    --------
    >>> y = square(100, 0.1, sr=8000)
    >>> sorted(set(y.tolist()))
    [-1.0, 1.0]
    """
    s = sine(freq, duration, sr=sr, amplitude=1.0, phase=phase)
    amplitude = _validate.number(amplitude, "amplitude", minimum=0)
    return np.where(s >= 0, amplitude, -amplitude)


def sawtooth(
    freq: float,
    duration: float,
    *,
    sr: float = 22050,
    amplitude: float = 1.0,
    phase: float = 0.0,
) -> NDArray[np.float64]:
    """A rising sawtooth wave from ``-amplitude`` to ``+amplitude`` once per period.

    Naive (not band-limited), like :func:`square`.  ``phase`` is in radians:
    ``2*pi`` is one whole period.

    Examples
    --------
    >>> y = sawtooth(1, 1.0, sr=4)
    >>> y.tolist()
    [-1.0, -0.5, 0.0, 0.5]
    """
    freq = _validate.number(freq, "freq", minimum=0)
    amplitude = _validate.number(amplitude, "amplitude", minimum=0)
    phase = _validate.number(phase, "phase")
    n, sr = _n_samples(duration, sr)
    cycles = freq * np.arange(n) / sr + phase / (2 * np.pi)
    return amplitude * (2.0 * (cycles - np.floor(cycles)) - 1.0)


def chirp(
    f0: float,
    f1: float,
    duration: float,
    *,
    sr: float = 22050,
    method: str = "linear",
    amplitude: float = 1.0,
) -> NDArray[np.float64]:
    """A sweep whose frequency moves from ``f0`` to ``f1`` Hz over ``duration`` seconds.

    Parameters
    ----------
    f0, f1 : float
        Start and end frequencies in Hz (>= 0; both > 0 for ``"exponential"``).
    duration : float
        Length in seconds.
    sr : float, keyword-only
        Sample rate in Hz.
    method : {"linear", "exponential"}, keyword-only
        ``"linear"``: frequency changes by the same number of Hz each second.
        ``"exponential"``: by the same ratio each second (equal time per
        octave, which is how we hear pitch).
    amplitude : float, keyword-only
        Peak value.

    Returns
    -------
    numpy.ndarray
        float64 samples.  The instantaneous frequency at time t is
        ``f0 + (f1 - f0) * t / duration`` (linear) or
        ``f0 * (f1 / f0) ** (t / duration)`` (exponential).

    Examples
    --------
    >>> y = chirp(20, 20000, 2.0, sr=44100, method="exponential")
    >>> y.shape
    (88200,)

    Taught in: notebooks/01_sound_waves.ipynb (the hearing-range sweep)
    """
    method = _validate.choice(method, "method", ("linear", "exponential"))
    strict = method == "exponential"
    f0 = _validate.number(f0, "f0", minimum=0, strict_min=strict)
    f1 = _validate.number(f1, "f1", minimum=0, strict_min=strict)
    amplitude = _validate.number(amplitude, "amplitude", minimum=0)
    n, sr = _n_samples(duration, sr)
    duration = float(duration)
    t = np.arange(n) / sr
    if method == "linear" or f0 == f1:
        cycles = f0 * t + (f1 - f0) * t**2 / (2 * duration)
    else:
        ratio = f1 / f0
        cycles = f0 * duration / np.log(ratio) * (ratio ** (t / duration) - 1.0)
    return amplitude * np.sin(2 * np.pi * cycles)


def white_noise(
    duration: float, *, sr: float = 22050, seed: int | None = None, amplitude: float = 1.0
) -> NDArray[np.float64]:
    """White noise: independent samples, uniform in ``[-amplitude, amplitude]``.

    Parameters
    ----------
    duration : float
        Length in seconds.
    sr : float, keyword-only
        Sample rate in Hz.
    seed : int or None, keyword-only
        Seed for numpy's random generator; the same seed gives the same noise.
    amplitude : float, keyword-only
        Largest possible absolute value.

    Examples
    --------
    >>> a = white_noise(0.5, sr=8000, seed=1)
    >>> b = white_noise(0.5, sr=8000, seed=1)
    >>> bool((a == b).all()), a.shape
    (True, (4000,))
    """
    amplitude = _validate.number(amplitude, "amplitude", minimum=0)
    if seed is not None:
        seed = _validate.whole(seed, "seed", minimum=0)
    n, sr = _n_samples(duration, sr)
    rng = np.random.default_rng(seed)
    return rng.uniform(-amplitude, amplitude, size=n)


def harmonic_tone(
    f0: float,
    harmonic_amplitudes: ArrayLike,
    duration: float,
    *,
    sr: float = 22050,
    phases: ArrayLike | None = None,
) -> NDArray[np.float64]:
    """A periodic tone built from harmonics: ``sum_k a_k sin(2*pi*k*f0*t + phi_k)``.

    Parameters
    ----------
    f0 : float
        Fundamental frequency in Hz (> 0).
    harmonic_amplitudes : sequence of float
        ``a_1, a_2, ...``: amplitude of the fundamental, the 2nd harmonic, and
        so on (each >= 0).  Harmonics at or above the Nyquist frequency
        ``sr / 2`` are left out, because the samples cannot represent them
        (they would alias to a wrong pitch).
    duration : float
        Length in seconds.
    sr : float, keyword-only
        Sample rate in Hz.
    phases : sequence of float or None, keyword-only
        Phase of each harmonic in radians (default all 0).

    Returns
    -------
    numpy.ndarray
        float64 samples.  Not normalised: the peak can exceed 1 if the
        amplitudes add up to more than 1.

    Examples
    --------
    >>> y = harmonic_tone(220, [1.0, 0.5, 0.25], 1.0, sr=22050)
    >>> y.shape
    (22050,)

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    f0 = _validate.number(f0, "f0", minimum=0, strict_min=True)
    amps = _validate.signal(harmonic_amplitudes, "harmonic_amplitudes", audio=False)
    if np.any(amps < 0):
        raise ValueError("harmonic_amplitudes must all be >= 0; use phases to flip a harmonic")
    if phases is None:
        phis = np.zeros(len(amps))
    else:
        phis = _validate.signal(phases, "phases", audio=False)
        if len(phis) != len(amps):
            raise ValueError(
                f"phases must have one value per harmonic ({len(amps)}); got {len(phis)}"
            )
    n, sr = _n_samples(duration, sr)
    t = np.arange(n) / sr
    y = np.zeros(n)
    for k, (a, phi) in enumerate(zip(amps, phis), start=1):
        if a == 0 or k * f0 >= sr / 2:
            continue
        y += a * np.sin(2 * np.pi * k * f0 * t + phi)
    return y


def adsr_envelope(
    attack: float,
    decay: float,
    sustain_level: float,
    release: float,
    duration: float,
    *,
    sr: float = 22050,
) -> NDArray[np.float64]:
    """An attack-decay-sustain-release envelope with straight-line segments.

    The envelope rises from 0 to 1 in ``attack`` seconds, falls to
    ``sustain_level`` in ``decay`` seconds, holds there, and falls to 0 over the
    last ``release`` seconds of the note.  Multiply a tone by it to shape its
    loudness over time.

    Parameters
    ----------
    attack, decay, release : float
        Segment lengths in seconds (>= 0).
    sustain_level : float
        Level held during the sustain, between 0 and 1.
    duration : float
        Whole note length in seconds; must be at least
        ``attack + decay + release``.
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    numpy.ndarray
        ``round(duration * sr)`` values between 0 and 1, float64.

    Examples
    --------
    >>> env = adsr_envelope(0.1, 0.1, 0.5, 0.2, 1.0, sr=100)
    >>> float(env.max()), float(env[50])
    (1.0, 0.5)

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    attack = _validate.number(attack, "attack", minimum=0)
    decay = _validate.number(decay, "decay", minimum=0)
    release = _validate.number(release, "release", minimum=0)
    sustain_level = _validate.number(sustain_level, "sustain_level", minimum=0, maximum=1)
    n, sr = _n_samples(duration, sr)
    duration = float(duration)
    if attack + decay + release > duration + 1e-12:
        raise ValueError(
            f"attack + decay + release = {attack + decay + release:g} s is longer than "
            f"duration = {duration:g} s; shorten a segment or lengthen the note"
        )
    t = np.arange(n) / sr
    release_start = duration - release
    env = np.full(n, sustain_level)
    in_attack = t < attack
    env[in_attack] = t[in_attack] / attack  # attack > 0 whenever this is non-empty
    in_decay = (t >= attack) & (t < attack + decay)
    env[in_decay] = 1.0 - (1.0 - sustain_level) * (t[in_decay] - attack) / decay
    in_release = t >= release_start
    if release > 0:
        env[in_release] = sustain_level * (duration - t[in_release]) / release
    return env


def quantize(y: ArrayLike, bits: int) -> NDArray[np.float64]:
    """Round samples to ``2**bits`` equally spaced levels between -1 and 1.

    The range [-1, 1] is cut into ``2**bits`` cells of width
    ``step = 2 / 2**bits``; each sample is replaced by the centre of its cell
    (a "mid-rise" quantizer, so 1 bit gives the two levels -0.5 and +0.5).
    Values outside [-1, 1] are clipped first: that is clipping distortion.
    The rounding error is at most ``step / 2``, which gives the rule of thumb
    of about 6.02 dB of signal-to-noise ratio per bit.

    Parameters
    ----------
    y : array_like
        Samples, nominally within [-1, 1].  A numpy array of integers (a WAV
        file's raw samples) is refused: scale it to [-1, 1] first.
    bits : int
        Bit depth, 1 to 32.

    Returns
    -------
    numpy.ndarray
        Quantized samples, float64.

    Examples
    --------
    >>> quantize([-1.0, -0.2, 0.1, 0.9], 1).tolist()
    [-0.5, -0.5, 0.5, 0.5]
    >>> quantize([0.3], 2).tolist()
    [0.25]

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    y = _validate.signal(y)
    bits = _validate.whole(bits, "bits", minimum=1)
    if bits > 32:
        raise ValueError(f"bits must be between 1 and 32; got {bits}")
    levels = 2.0**bits
    step = 2.0 / levels
    clipped = np.clip(np.asarray(y, dtype=np.float64), -1.0, 1.0)
    cell = np.floor((clipped + 1.0) / step)
    cell = np.minimum(cell, levels - 1)  # +1.0 exactly belongs to the top cell
    return -1.0 + (cell + 0.5) * step


def alias_frequency(freq: float, *, sr: float) -> float:
    """The frequency a tone of ``freq`` Hz appears at after sampling at ``sr`` Hz.

    Sampling cannot tell ``freq`` apart from ``|freq - k * sr|`` for any whole
    ``k``; the one we hear is the copy folded into ``[0, sr / 2]``.  Tones
    below the Nyquist frequency ``sr / 2`` come out unchanged.

    Parameters
    ----------
    freq : float
        Frequency of the tone in Hz (>= 0).
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    float
        The apparent frequency in Hz, between 0 and ``sr / 2``.

    Examples
    --------
    >>> alias_frequency(15000, sr=22050)
    7050.0
    >>> alias_frequency(440, sr=22050)
    440.0

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    freq = _validate.number(freq, "freq", minimum=0)
    sr = _validate.sample_rate(sr)
    folded = freq % sr
    return float(min(folded, sr - folded))


def midi_to_hz(note: ArrayLike) -> float | NDArray[np.float64]:
    """Frequency in Hz of a MIDI note number (69 = A4 = 440 Hz, 12 notes per octave).

    Parameters
    ----------
    note : float or array_like
        MIDI note number(s); fractions are allowed (cents are hundredths).

    Returns
    -------
    float or numpy.ndarray
        ``440 * 2 ** ((note - 69) / 12)`` in Hz.

    Examples
    --------
    >>> midi_to_hz(69), midi_to_hz(81)
    (440.0, 880.0)

    Taught in: notebooks/01_sound_waves.ipynb
    """
    scalar = np.ndim(note) == 0
    if scalar:
        arr = np.asarray(_validate.number(note, "note"))
    else:
        arr = _validate.signal(note, "note", audio=False)
    with np.errstate(over="ignore"):
        hz = 440.0 * 2.0 ** ((arr - 69.0) / 12.0)
    if not np.all(np.isfinite(hz)):
        raise ValueError(
            f"note must be a MIDI note number (0 to 127; the piano spans 21 to 108); got "
            f"{np.max(arr):g}, whose frequency is too large for a number"
        )
    return float(hz) if scalar else hz


def hz_to_midi(freq: ArrayLike) -> float | NDArray[np.float64]:
    """MIDI note number of a frequency in Hz (440 Hz = 69); the inverse of :func:`midi_to_hz`.

    Examples
    --------
    >>> hz_to_midi(440.0), hz_to_midi(220.0)
    (69.0, 57.0)
    """
    if np.ndim(freq) == 0:
        freq = _validate.number(freq, "freq", minimum=0, strict_min=True)
        return float(69.0 + 12.0 * np.log2(freq / 440.0))
    arr = _validate.signal(freq, "freq", audio=False)
    if np.any(arr <= 0):
        raise ValueError("freq must be > 0 Hz for every value")
    return 69.0 + 12.0 * np.log2(arr / 440.0)
