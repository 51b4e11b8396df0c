"""Loading, resampling and playing sound.

``load_audio`` reads a file the way ``librosa.load`` does by default (mono,
float32, resampled to 22 050 Hz with soxr's high-quality resampler, which
``resample`` offers on its own) without importing librosa, so a notebook's
first cell stays quick.  Taught in notebooks 00 and 02.
"""

from __future__ import annotations

import csv
import io
import os
import wave
from pathlib import Path

import numpy as np

from . import _validate

__all__ = [
    "samples_dir",
    "list_samples",
    "sample_info",
    "load_sample",
    "load_audio",
    "resample",
    "play",
    "to_wav_bytes",
]

_ENV_VAR = "COURSE_AUDIO_SAMPLES"

#: The highest sample rate :func:`load_audio` resamples to, in Hz: the highest rate in
#: common studio use (384 kHz), 17 times librosa's 22 050.  Higher rates only
#: make huge arrays slowly (``sr=1e12`` would take minutes and gigabytes).
MAX_LOAD_SR = 384_000

#: The largest sample rate a WAV header can hold (a 32-bit unsigned number).
_MAX_WAV_SR = 2**32 - 1


def samples_dir():
    """Folder holding the course's sounds and their ``manifest.csv``.

    It is ``audio_samples/`` at the top of the course repository, or the folder
    named by the environment variable ``COURSE_AUDIO_SAMPLES`` if that is set.

    Examples
    --------
    >>> samples_dir().name
    'audio_samples'
    """
    override = os.environ.get(_ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "audio_samples"


def _manifest():
    path = samples_dir() / "manifest.csv"
    if not path.is_file():
        raise FileNotFoundError(
            f"The course's sound manifest is missing: {path}. Run this from a full "
            f"clone of the course, or set {_ENV_VAR} to the folder that holds it."
        )
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["name"]: row for row in csv.DictReader(fh)}


def list_samples():
    """Names of the sounds shipped with the course, sorted.

    Examples
    --------
    >>> "piano_A4" in list_samples()
    True
    """
    return sorted(_manifest())


def sample_info(name):
    """The manifest row of one shipped sound (description, source, licence, ...), as a dict.

    Examples
    --------
    >>> sample_info("piano_A4")["licence"]
    'CC0-1.0'
    """
    rows = _manifest()
    if not isinstance(name, str) or name not in rows:
        raise ValueError(f"No sample named {name!r}. Samples that exist: {', '.join(sorted(rows))}")
    return dict(rows[name])


def load_sample(name, *, sr=22050):
    """Load one of the course's shipped sounds by name.

    Parameters
    ----------
    name : str
        A name from :func:`list_samples`, e.g. ``"piano_A4"``.
    sr : float or None, keyword-only
        Sample rate to resample to, in Hz; ``None`` keeps the file's own rate.

    Returns
    -------
    y : numpy.ndarray
        Mono samples, float32, within [-1, 1].
    sr : int or float
        Their sample rate in Hz.

    Examples
    --------
    >>> y, sr = load_sample("piano_A4")
    >>> sr, y.dtype.name
    (22050, 'float32')

    Taught in: notebooks/00_start_here.ipynb
    """
    info = sample_info(name)
    return load_audio(samples_dir() / info["file"], sr=sr)


def load_audio(path, *, sr=22050):
    """Read a sound file as mono float32 samples, like ``librosa.load`` with its defaults.

    Channels are averaged to mono, then the signal is resampled to ``sr``
    with soxr's high-quality mode (librosa's default), and its length set to
    ``ceil(n * sr / native_sr)`` samples, as librosa does.

    Parameters
    ----------
    path : str or os.PathLike
        The file (WAV, FLAC, OGG, MP3 and others that libsndfile reads).
    sr : float or None, keyword-only
        Target sample rate in Hz, at most ``MAX_LOAD_SR`` (384 000); ``None``
        keeps the file's own rate.

    Returns
    -------
    y : numpy.ndarray
        Mono samples, float32.
    sr : int or float
        Sample rate of ``y`` in Hz.

    Raises
    ------
    FileNotFoundError
        If there is no file at ``path`` (or it is a link to a missing file).
    ValueError
        If ``path`` is a folder or not a regular file (a named pipe, a device),
        if the file cannot be decoded as audio (corrupt or not a sound file), or
        if it holds NaN or infinite samples (a damaged floating-point file; librosa
        refuses those too).

    Examples
    --------
    >>> y, sr = load_audio(samples_dir() / "speech.flac", sr=None)
    >>> sr
    22050
    """
    import soundfile

    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path (str or Path); got {type(path).__name__}")
    path = Path(path)
    if sr is not None:
        sr = _load_sr(sr)
    _check_sound_file(path)
    try:
        with soundfile.SoundFile(path) as sound:
            native_sr, subtype = sound.samplerate, sound.subtype
            data = sound.read(dtype="float32", always_2d=True)
    except Exception as exc:  # libsndfile's errors vary by version
        raise ValueError(f"Could not read {path} as audio: {exc}") from exc
    if data.shape[0] == 0:
        raise ValueError(f"{path} holds no audio samples")
    # Whole-number samples (PCM, also inside FLAC) are always finite: only check the others.
    if not subtype.startswith("PCM_") and not np.isfinite(data).all():
        bad = data.size - np.count_nonzero(np.isfinite(data))
        raise ValueError(
            f"{path} holds {bad:,} NaN or infinite sample value(s): a damaged (or "
            f"unusual) floating-point file. Repair or re-export it; librosa refuses it too."
        )
    y = data.mean(axis=1, dtype=np.float32) if data.shape[1] > 1 else data[:, 0]
    y = np.ascontiguousarray(y, dtype=np.float32)
    if sr is None or sr == native_sr:
        return y, native_sr
    return _resample(y, native_sr, sr), sr


def resample(y, *, orig_sr, target_sr):
    """Change a signal's sample rate, as ``librosa.resample`` does by default.

    The signal goes through soxr's high-quality resampler (``"soxr_hq"``,
    librosa's default ``res_type``), which filters out what the new rate
    cannot hold (everything above its Nyquist frequency, ``target_sr / 2``)
    before it drops samples, so nothing aliases.  The result has
    ``ceil(len(y) * target_sr / orig_sr)`` samples, as librosa gives, and the
    dtype of ``y``.  :func:`load_audio` and the recorder
    (:mod:`helpers.recorder`) resample with it.

    Parameters
    ----------
    y : array_like
        Mono samples (1-D, floating point, finite).
    orig_sr : float, keyword-only
        Sample rate of ``y`` in Hz.
    target_sr : float, keyword-only
        Sample rate wanted, in Hz, at most ``MAX_LOAD_SR`` (384 000).

    Returns
    -------
    numpy.ndarray
        The resampled signal, float32 for float32 input, else float64.  When the
        two rates are equal, ``y`` itself (as an array), not a copy.

    Raises
    ------
    TypeError
        If ``y`` is not an array of real numbers (integers from a WAV file
        included: scale them to [-1, 1] first), or a rate is not a number.
    ValueError
        If ``y`` is empty, not 1-D or holds NaN or infinite values, if a rate
        is not positive and finite, ``target_sr`` is above 384 000 Hz, or the
        result would be larger than 2 GiB.

    Examples
    --------
    One second at 44 100 Hz becomes one second at 22 050 Hz: half as many samples.

    >>> from helpers.signals import sine
    >>> y = sine(440, 1.0, sr=44100).astype(np.float32)
    >>> y_22k = resample(y, orig_sr=44100, target_sr=22050)
    >>> len(y), len(y_22k), y_22k.dtype.name
    (44100, 22050, 'float32')

    Taught in: notebooks/02_sampling_and_quantization.ipynb (why a resampler
    filters first, shown there with ``librosa.resample``, which gives the same samples).
    """
    y = _validate.signal(y)
    orig_sr = _validate.sample_rate(orig_sr, "orig_sr")
    target_sr = _load_sr(target_sr, "target_sr")
    if target_sr == orig_sr:
        return y
    return _resample(y, orig_sr, target_sr)


def _resample(y, orig_sr, target_sr):
    """soxr "HQ", then cut or zero-pad to ceil(n * target_sr / orig_sr) samples (librosa's length)."""
    import soxr

    n_out = int(np.ceil(len(y) * float(target_sr) / orig_sr))
    _validate.fits(
        n_out,
        itemsize=y.dtype.itemsize,
        what=f"Resampling {len(y):,} samples from {orig_sr:g} Hz to {target_sr:g} Hz",
        advice="Resample a shorter stretch, or to a lower target_sr.",
    )
    y_new = soxr.resample(np.ascontiguousarray(y), orig_sr, target_sr, quality="soxr_hq")
    if len(y_new) >= n_out:
        y_new = y_new[:n_out]
    else:
        y_new = np.pad(y_new, (0, n_out - len(y_new)))
    return np.ascontiguousarray(y_new, dtype=y.dtype)


def _load_sr(sr, name="sr"):
    """A target sample rate for loading: > 0 and at most MAX_LOAD_SR; whole numbers as int."""
    sr = _validate.sample_rate(sr, name)
    if sr > MAX_LOAD_SR:
        advice = " Use sr=None to keep the file's own rate." if name == "sr" else ""
        raise ValueError(
            f"{name} must be at most {MAX_LOAD_SR:,} Hz (the highest rate in common studio "
            f"use); got {sr:g}.{advice}"
        )
    return int(sr) if sr == int(sr) else sr


def _check_sound_file(path):
    """Raise a clear error unless ``path`` is a regular file (or a link to one).

    Reading anything else can hang (a named pipe waits for a writer for ever) or
    fail in libsndfile's words.  Opens nothing, so it is cheap.
    """
    path = Path(path)
    if not path.exists():
        if path.is_symlink():
            raise FileNotFoundError(
                f"{path} is a broken link: it points to {os.readlink(path)}, which does not exist"
            )
        raise FileNotFoundError(f"No such sound file: {path}")
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a sound file")
    if not path.is_file():
        raise ValueError(
            f"{path} is not a regular file (a named pipe, socket or device?); "
            f"load_audio reads sound files only"
        )


def to_wav_bytes(y, sr, *, normalize=False):
    """Encode samples as a 16-bit mono WAV file in memory.

    Parameters
    ----------
    y : array_like
        Samples within [-1, 1] (unless ``normalize``).
    sr : float
        Sample rate in Hz, rounded to a whole number for the file header, so
        from 1 to 4 294 967 295 (what the header can hold).
    normalize : bool, keyword-only
        If True, scale so the loudest sample is at full scale.

    Returns
    -------
    bytes
        The WAV file's bytes.

    Examples
    --------
    >>> to_wav_bytes([0.0, 0.5, -0.5], 8000)[:4]
    b'RIFF'
    """
    y = _validate.signal(y)
    sr = _validate.sample_rate(sr)
    if not 1 <= round(sr) <= _MAX_WAV_SR:
        raise ValueError(
            f"sr must round to a whole number of Hz from 1 to {_MAX_WAV_SR:,} to be written "
            f"in a WAV file; got {sr:g}. Sounds are usually sampled at 8000 to 48 000 Hz."
        )
    if 2 * len(y) > _MAX_WAV_SR - 36:
        raise ValueError(
            f"y has {len(y):,} samples; a 16-bit WAV file holds at most "
            f"{(_MAX_WAV_SR - 36) // 2:,}. Play a shorter stretch."
        )
    normalize = _validate.flag(normalize, "normalize")
    y = np.asarray(y, dtype=np.float64)
    peak = float(np.max(np.abs(y)))
    if normalize:
        if peak > 0:
            y = y / peak
    elif peak > 1.0:
        raise ValueError(
            f"y has samples up to {peak:.3g}, beyond full scale [-1, 1]. Pass "
            f"normalize=True, or scale it first, e.g. y / np.abs(y).max()."
        )
    pcm = np.round(np.clip(y, -1.0, 1.0) * 32767).astype("<i2")
    buf = io.BytesIO()
    with wave.open(buf, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(int(round(sr)))
        wav.writeframes(pcm.tobytes())
    return buf.getvalue()


def play(y, sr, *, normalize=False, label=None):
    """An audio player for a notebook cell, labelled for screen readers.

    By default the sound plays at its true level (no normalisation), so a
    quiet signal sounds quiet: samples must then lie within [-1, 1].

    Parameters
    ----------
    y : array_like
        Mono samples, floats within [-1, 1] (a numpy array of integers, such
        as a WAV file's raw 16-bit samples, is refused: divide by 32768).
    sr : float
        Sample rate in Hz (see :func:`to_wav_bytes`).
    normalize : bool, keyword-only
        If True, scale to full volume before playing.
    label : str, keyword-only
        What the player plays, e.g. ``"a piano playing A4"``.  It becomes the
        player's accessible name (``aria-label``, read by screen readers, and
        its tooltip), followed by the duration: "a piano playing A4 (4.0 s)".
        Without it the name says only what is known: "Sound (4.0 s)".

    Returns
    -------
    IPython.display.Audio
        Shown as a player when it is the last value of a cell.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> player = play(sine(440, 1.0, amplitude=0.3), 22050, label="a 440 Hz sine")
    >>> player.label
    'a 440 Hz sine (1.0 s)'
    >>> 'aria-label="a 440 Hz sine (1.0 s)"' in player._repr_html_()
    True

    Taught in: notebooks/00_start_here.ipynb
    """
    data = to_wav_bytes(y, sr, normalize=normalize)
    seconds = len(np.asarray(y)) / float(sr)
    wanted = "a short text saying what the player plays, e.g. 'a piano playing A4'"
    if label is None:
        label = "Sound"
    elif not isinstance(label, str):
        raise TypeError(f"label must be {wanted}; got {_validate._show(label)}")
    elif not label.strip():
        raise ValueError(f"label must be {wanted}; got an empty text")
    return _player_class()(data, label=f"{' '.join(label.split())} ({seconds:.1f} s)")


_PLAYER_CLASS = None


def _player_class():
    """IPython's Audio with an accessible name (IPython is imported only when needed)."""
    global _PLAYER_CLASS
    if _PLAYER_CLASS is None:
        import html

        from IPython.display import Audio as _IPythonAudio

        class Audio(_IPythonAudio):
            """IPython's audio player whose ``<audio>`` element carries ``label``."""

            def __init__(self, data, *, label):
                super().__init__(data=data)
                self.label = label

            def _repr_html_(self):
                name = html.escape(self.label)
                return (
                    super()
                    ._repr_html_()
                    .replace("<audio ", f'<audio aria-label="{name}" title="{name}" ', 1)
                )

        _PLAYER_CLASS = Audio
    return _PLAYER_CLASS
