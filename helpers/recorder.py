"""Your own sounds: record from the microphone, or upload a file, in a notebook.

:func:`recorder` returns a :class:`Recorder`, a small widget with a **Record**
and a **Stop** button, a live waveform and level meter while you record, a
player for the result and an **Upload** button for a sound file.  After a
recording (or an upload) ``rec.y`` holds the sound as mono float32 samples in
[-1, 1] at ``rec.sr`` Hz, like :func:`helpers.audio.load_audio` gives them;
before, ``rec.y`` is None.  ``rec.sound_or_sample("speech")`` returns your
sound, or a shipped clip if you have not recorded anything yet (and says
which), so a notebook cell that uses it always runs.

How the sound travels: the browser opens the microphone when you press
Record and releases it when you press Stop.  It captures 32-bit float samples
with the Web Audio API (an ``AudioWorklet``), at the sound card's rate
(usually 44 100 or 48 000 Hz), and sends them to the notebook's kernel over
the notebook's own connection, never anywhere else; :func:`decode_pcm` turns
them into ``rec.y``.  An uploaded file is sent the same way and read with
:func:`helpers.audio.load_audio` (:func:`decode_file`).  Browsers allow the
microphone only on pages served from ``localhost`` or over HTTPS.

The widget is written on ``anywidget``; its JavaScript (``recorder.js``) ships
in this package, so it works offline.  In a static HTML export of a notebook
it shows a short note instead (see ``tools/build_html.py``).

Taught in: notebooks/00_start_here.ipynb; used again in
05_time_domain_features.ipynb, 07_spectrograms.ipynb, 09_classifier.ipynb and
10_deep_learning.ipynb.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import anywidget
import numpy as np
import traitlets

from . import _validate
from .audio import MAX_LOAD_SR, resample

__all__ = ["Recorder", "recorder", "decode_pcm", "decode_file"]

#: Largest sound file the Upload button accepts, in bytes.
MAX_UPLOAD_BYTES = 64 * 1024 * 1024
#: Longest recording a recorder can be made for, in seconds.
MAX_SECONDS_LIMIT = 600.0
_NATIVE_SR_RANGE = (3000.0, 384000.0)
_MAX_CHANNELS = 32
_JS = Path(__file__).with_name("recorder.js")
_CSS = Path(__file__).with_name("recorder.css")

#: What a page without a live kernel (the static HTML site) shows instead of the widget.
STATIC_NOTE = (
    "Recorder: in a running notebook (JupyterLab, Jupyter Notebook or Binder) this is where "
    "you record your own voice with Record and Stop, or upload a sound file. This copy of the "
    "page has no kernel, so it cannot record: the cells below use a shipped clip instead."
)
_STATIC_NOTE_HTML = (
    '<div class="course-recorder-note" style="border-left:4px solid #888;padding:0.4em 0.8em;">'
    "<b>Recorder</b> (needs a running notebook): in JupyterLab, Jupyter Notebook or Binder this "
    "is where you record your own voice with <b>Record</b> and <b>Stop</b>, or upload a sound "
    "file. This copy of the page has no kernel, so it cannot record: the cells below use a "
    "shipped clip instead.</div>"
)
#: Output metadata that marks the recorder's output as needing a live kernel.
NEEDS_KERNEL_METADATA = {"helpers": {"needs_kernel": True}}


def _seconds(n, sr):
    return f"{n / sr:.2f} s"


def _finish(y):
    """Mono float32 within [-1, 1] (resampling can overshoot full scale a little)."""
    return np.ascontiguousarray(np.clip(y, -1.0, 1.0), dtype=np.float32)


def _target_sr(sr):
    sr = _validate.sample_rate(sr)
    if sr > MAX_LOAD_SR:
        raise ValueError(
            f"sr must be at most {MAX_LOAD_SR:,} Hz (the highest rate in common studio use); "
            f"got {sr:g}. The course works at 22 050 Hz."
        )
    return int(sr) if sr == int(sr) else sr


def _check_max_seconds(max_seconds):
    return _validate.number(
        max_seconds, "max_seconds", minimum=0, strict_min=True, maximum=MAX_SECONDS_LIMIT
    )


def decode_pcm(channels, *, native_sr, sr=22050, max_seconds=10.0):
    """Turn the samples a browser recorded into mono float32 at ``sr``.

    The recorder's JavaScript sends one buffer of little-endian 32-bit float
    samples per channel (the Web Audio API's own format), recorded at the
    sound card's rate ``native_sr``.  The channels are averaged to mono,
    resampled to ``sr`` with :func:`helpers.audio.resample`, as
    :func:`helpers.audio.load_audio` does (soxr, high quality,
    ``ceil(n * sr / native_sr)`` samples), and kept within [-1, 1].

    Parameters
    ----------
    channels : sequence of bytes-like
        One buffer per channel (1 for mono, 2 for stereo), all the same
        length, each a whole number of 4-byte float32 samples.
    native_sr : float, keyword-only
        The rate the browser recorded at, in Hz (3000 to 384 000).
    sr : float, keyword-only
        The rate to resample to, in Hz.
    max_seconds : float, keyword-only
        Longest recording accepted, in seconds.

    Returns
    -------
    y : numpy.ndarray
        Mono float32 samples in [-1, 1].
    sr : int or float
        Their sample rate in Hz.

    Raises
    ------
    ValueError
        If there are no channels or no samples, the buffers are not float32
        PCM (a length that is not a multiple of 4, channels of different
        lengths, NaN or infinite values), the rate is implausible or the
        recording is longer than ``max_seconds``.

    Examples
    --------
    >>> left = np.full(4800, 0.5, dtype="<f4")
    >>> right = np.zeros(4800, dtype="<f4")
    >>> y, sr = decode_pcm([left.tobytes(), right.tobytes()], native_sr=48000, sr=24000)
    >>> len(y), sr, y.dtype.name, round(float(y[1000]), 3)
    (2400, 24000, 'float32', 0.25)

    Taught in: notebooks/00_start_here.ipynb
    """
    sr = _target_sr(sr)
    max_seconds = _check_max_seconds(max_seconds)
    native_sr = _validate.number(native_sr, "native_sr")
    low, high = _NATIVE_SR_RANGE
    if not low <= native_sr <= high:
        raise ValueError(
            f"native_sr must be a sound card's sample rate, between {low:g} and {high:g} Hz; "
            f"got {native_sr!r}"
        )
    if isinstance(channels, (bytes, bytearray, memoryview, np.ndarray)) or channels is None:
        raise TypeError(
            "channels must be a list with one buffer of float32 samples per channel; "
            f"got {type(channels).__name__}"
        )
    channels = list(channels)
    if not 1 <= len(channels) <= _MAX_CHANNELS:
        raise ValueError(
            f"The recording has {len(channels)} channels; expected 1 (mono) to "
            f"{_MAX_CHANNELS}. Nothing arrived from the microphone: press Record, then Stop."
        )
    arrays = []
    for i, buffer in enumerate(channels):
        try:
            raw = memoryview(buffer).cast("B")
        except TypeError as exc:
            raise TypeError(
                f"channel {i} must be a bytes-like buffer of float32 samples; "
                f"got {type(buffer).__name__}"
            ) from exc
        if raw.nbytes % 4:
            raise ValueError(
                f"channel {i} is not float32 audio: {raw.nbytes} bytes is not a whole number "
                "of 4-byte samples"
            )
        arrays.append(np.frombuffer(raw, dtype="<f4"))
    lengths = {len(a) for a in arrays}
    if len(lengths) > 1:
        raise ValueError(
            f"The channels have different lengths ({sorted(lengths)} samples); "
            "a recording's channels must be the same length"
        )
    n = lengths.pop()
    if n == 0:
        raise ValueError(
            "The recording is empty: no sound arrived from the microphone. Press Record, "
            "make a sound, then press Stop (or use Upload)."
        )
    longest = int(np.ceil(max_seconds * native_sr))
    if n > longest:
        raise ValueError(
            f"The recording lasts {_seconds(n, native_sr)}, longer than this recorder's "
            f"max_seconds={max_seconds:g}. Make a recorder for longer sounds, e.g. "
            f"widgets.recorder(max_seconds={int(np.ceil(n / native_sr))})."
        )
    data = np.stack(arrays).astype(np.float64)
    bad = int(np.size(data) - np.count_nonzero(np.isfinite(data)))
    if bad:
        raise ValueError(f"The recording is not audio: it holds {bad} NaN or infinite value(s)")
    y = data.mean(axis=0) if len(arrays) > 1 else data[0]
    native = int(native_sr) if native_sr == int(native_sr) else native_sr
    return _finish(resample(y.astype(np.float32), orig_sr=native, target_sr=sr)), sr


def decode_file(data, *, name="upload.wav", sr=22050, max_seconds=10.0):
    """Read the bytes of an uploaded sound file with :func:`helpers.audio.load_audio`.

    The bytes are written to a temporary file named like the original (so its
    extension is kept), read with ``load_audio`` (so every format it reads
    works: WAV, FLAC, OGG, MP3, ...), mixed to mono, resampled to ``sr`` and
    kept within [-1, 1].  The temporary file is deleted at once.

    Parameters
    ----------
    data : bytes-like
        The file's contents.
    name : str, keyword-only
        The file's name as the learner chose it (for the extension and messages).
    sr : float, keyword-only
        The rate to resample to, in Hz.
    max_seconds : float, keyword-only
        Longest sound accepted, in seconds.

    Returns
    -------
    y : numpy.ndarray
        Mono float32 samples in [-1, 1].
    sr : int or float
        Their sample rate in Hz.

    Raises
    ------
    ValueError
        If the file is empty, larger than 64 MiB, cannot be read as audio,
        or lasts longer than ``max_seconds``.

    Examples
    --------
    >>> from helpers.audio import to_wav_bytes
    >>> wav = to_wav_bytes(np.zeros(8000), 8000)
    >>> y, sr = decode_file(wav, name="silence.wav", sr=16000)
    >>> len(y), sr
    (16000, 16000)

    Taught in: notebooks/00_start_here.ipynb
    """
    from .audio import load_audio

    sr = _target_sr(sr)
    max_seconds = _check_max_seconds(max_seconds)
    if not isinstance(name, str):
        raise TypeError(f"name must be the file's name (str); got {type(name).__name__}")
    try:
        raw = memoryview(data).cast("B")
    except TypeError as exc:
        raise TypeError(
            f"data must be the file's bytes (bytes-like); got {type(data).__name__}"
        ) from exc
    shown = Path(name).name or "the file"
    if raw.nbytes == 0:
        raise ValueError(f"{shown} is empty (0 bytes): there is no sound in it")
    if raw.nbytes > MAX_UPLOAD_BYTES:
        raise ValueError(
            f"{shown} is {raw.nbytes / 2**20:.0f} MiB; the recorder accepts files up to "
            f"{MAX_UPLOAD_BYTES // 2**20} MiB. Load a large file with load_audio(path) instead."
        )
    suffix = "".join(Path(shown).suffixes[-1:]) or ".wav"
    handle, tmp = tempfile.mkstemp(suffix=suffix, prefix="course-upload-")
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(raw)
        try:
            y, native_sr = load_audio(tmp, sr=None)
        except ValueError as exc:
            raise ValueError(
                f"{shown} could not be read as audio. Upload a sound file such as WAV, FLAC, "
                f"OGG or MP3. ({str(exc).replace(tmp, shown)})"
            ) from None
    finally:
        os.unlink(tmp)
    if len(y) > np.ceil(max_seconds * native_sr):
        raise ValueError(
            f"{shown} lasts {_seconds(len(y), native_sr)}, longer than this recorder's "
            f"max_seconds={max_seconds:g}. Cut it, make a recorder for longer sounds, e.g. "
            f"widgets.recorder(max_seconds={int(np.ceil(len(y) / native_sr))}), or load the "
            "file with load_audio(path)."
        )
    return _finish(resample(y, orig_sr=native_sr, target_sr=sr)), sr


def _loudest(y, n):
    """The ``n`` consecutive samples of ``y`` with the most energy (zero-padded if ``y`` is shorter)."""
    if len(y) <= n:
        return np.pad(y, (0, n - len(y)))
    energy = np.concatenate(([0.0], np.cumsum(np.square(y, dtype=np.float64))))
    start = int(np.argmax(energy[n:] - energy[:-n]))
    return y[start : start + n]


class Recorder(anywidget.AnyWidget):
    """A microphone recorder and file upload for a notebook (see :func:`recorder`).

    Attributes
    ----------
    y : numpy.ndarray or None
        The latest recording or upload: mono float32 in [-1, 1], or None before.
    sr : int or float
        Sample rate of ``y`` in Hz (the ``sr`` the recorder was made with).
    takes : list of numpy.ndarray
        Every recording and upload of this recorder, oldest first.
    source : str
        Where ``y`` came from: ``""`` (nothing yet), ``"microphone"`` or ``"file NAME"``.
    native_sr : float or None
        The rate the browser recorded at, in Hz (None after an upload).
    status : str
        The message the widget shows (also after an error).
    """

    _esm = _JS.read_text(encoding="utf-8")
    _css = _CSS.read_text(encoding="utf-8")
    max_seconds = traitlets.Float(10.0).tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    status_kind = traitlets.Unicode("").tag(sync=True)
    status_serial = traitlets.Int(0).tag(sync=True)
    wav = traitlets.Bytes(b"").tag(sync=True)
    max_upload_bytes = traitlets.Int(MAX_UPLOAD_BYTES).tag(sync=True)

    def __init__(self, *, sr=22050, max_seconds=10.0):
        super().__init__(max_seconds=_check_max_seconds(max_seconds))
        self.sr = _target_sr(sr)
        self.y = None
        self.takes = []
        self.source = ""
        self.native_sr = None
        self._pending = None
        self.on_msg(self._on_message)

    def __repr__(self):
        state = "nothing recorded yet" if self.y is None else f"{self.duration:.2f} s"
        return f"<Recorder: sr={self.sr} Hz, max_seconds={self.max_seconds:g}, {state}>"

    @property
    def recorded(self):
        """True once the recorder holds a recording or an upload."""
        return self.y is not None

    @property
    def duration(self):
        """Length of ``y`` in seconds (0.0 before anything was recorded)."""
        return 0.0 if self.y is None else len(self.y) / self.sr

    def sound_or_sample(self, fallback="speech", *, seconds=None):
        """Your latest recording, or a shipped sound if there is none yet; says which.

        Parameters
        ----------
        fallback : str or path-like
            What to use when nothing was recorded: the name of a shipped
            sample (:func:`helpers.audio.list_samples`), or the path of a
            sound file (e.g. a clip of the course's data set).
        seconds : float or None, keyword-only
            If given, return exactly this many seconds: the loudest stretch
            of the sound (by energy), padded with silence if it is shorter.
            Use it to match the length of a model's training clips.

        Returns
        -------
        y : numpy.ndarray
            Mono float32 samples in [-1, 1] (a copy).
        sr : int or float
            ``self.sr``.
        """
        from .audio import list_samples, load_audio, load_sample

        if seconds is not None:
            seconds = _validate.number(seconds, "seconds", minimum=0, strict_min=True)
        if self.y is not None:
            y = self.y
            what = "your file" if self.source.startswith("file") else "your recording"
        else:
            if isinstance(fallback, str) and fallback in list_samples():
                y, _ = load_sample(fallback, sr=self.sr)
                what = f"the shipped clip '{fallback}'"
            elif isinstance(fallback, (str, os.PathLike)) and Path(fallback).is_file():
                y, _ = load_audio(fallback, sr=self.sr)
                what = f"the file {Path(fallback).name}"
            else:
                raise ValueError(
                    f"fallback must be a shipped sample ({', '.join(list_samples())}) "
                    f"or the path of a sound file; got {fallback!r}"
                )
            y = _finish(y)
        length = f"{len(y) / self.sr:.2f} s"
        if seconds is not None:
            y = _loudest(y, max(1, int(round(seconds * self.sr))))
            length += f"; its loudest {seconds:g} s"
        if self.y is not None:
            message = f"Using {what} ({length})."
        else:
            message = (
                f"Nothing recorded yet, so this uses {what} ({length}). "
                "Record or upload above, then run this cell again to use your own sound."
            )
        print(message)
        return y.copy(), self.sr

    def clips(self, *, seconds=None):
        """Every take of this recorder (recordings and uploads), oldest first, as copies.

        Parameters
        ----------
        seconds : float or None, keyword-only
            If given, each take is cut to its loudest stretch of this many
            seconds (padded with silence if shorter), as in :meth:`sound_or_sample`.

        Returns
        -------
        list of numpy.ndarray
            Mono float32 clips at ``self.sr``; empty before the first take.
        """
        if seconds is None:
            return [take.copy() for take in self.takes]
        seconds = _validate.number(seconds, "seconds", minimum=0, strict_min=True)
        n = max(1, int(round(seconds * self.sr)))
        return [_loudest(take, n).copy() for take in self.takes]

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is None:
            return None
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = dict(data, **{"text/plain": STATIC_NOTE, "text/html": _STATIC_NOTE_HTML})
        return data, dict(metadata, **NEEDS_KERNEL_METADATA)

    # --- messages from the browser -------------------------------------------------

    def _say(self, text, kind=""):
        with self.hold_sync():
            self.status_kind = kind
            self.status = text
            self.status_serial += 1

    def _on_message(self, _widget, content, buffers):
        """Handle a message from the browser; problems become a message in the widget."""
        try:
            self._receive(content, list(buffers or []))
        except (ValueError, TypeError) as exc:
            self._pending = None
            self._say(str(exc), "error")
        except Exception as exc:  # a clear message in the widget, not a kernel-log traceback
            self._pending = None
            self._say(f"The sound could not be used: {type(exc).__name__}: {exc}", "error")

    def _receive(self, content, buffers):
        if not isinstance(content, dict):
            raise TypeError(f"unexpected message from the browser: {content!r}")
        event = content.get("event")
        if event == "problem":
            self._say(str(content.get("message", "The microphone could not be used.")), "error")
            return
        if event not in ("recording", "upload"):
            raise ValueError(f"unexpected message from the browser: {event!r}")
        take = content.get("take")
        index = _validate.whole(content.get("index"), "index", minimum=0)
        parts = _validate.whole(content.get("parts"), "parts", minimum=1)
        if self._pending is None or self._pending["take"] != take or index == 0:
            self._pending = {"take": take, "event": event, "parts": parts, "got": []}
        pending = self._pending
        if index != len(pending["got"]) or index >= parts or parts != pending["parts"]:
            raise ValueError(
                f"part {index + 1} of {parts} arrived out of order; record or upload again"
            )
        pending["got"].append(buffers)
        if event == "upload":
            size = sum(memoryview(b).nbytes for got in pending["got"] for b in got)
            if size > MAX_UPLOAD_BYTES:
                raise ValueError(
                    f"The file is larger than {MAX_UPLOAD_BYTES // 2**20} MiB; load a large "
                    "file with load_audio(path) instead."
                )
        if index + 1 < parts:
            return
        self._pending = None
        if event == "recording":
            n_channels = _validate.whole(content.get("channels"), "channels")
            if any(len(got) != n_channels for got in pending["got"]):
                raise ValueError(
                    f"each part of the recording must hold {n_channels} channel buffer(s)"
                )
            joined = [
                b"".join(bytes(memoryview(got[c]).cast("B")) for got in pending["got"])
                for c in range(n_channels)
            ]
            native_sr = content.get("sr")
            y, _ = decode_pcm(joined, native_sr=native_sr, sr=self.sr, max_seconds=self.max_seconds)
            source = "microphone"
            origin = (
                f"from the microphone ({native_sr:g} Hz, "
                f"{'mono' if n_channels == 1 else f'{n_channels} channels'})"
            )
        else:
            name = str(content.get("name") or "upload.wav")
            data = b"".join(bytes(memoryview(b).cast("B")) for got in pending["got"] for b in got)
            y, _ = decode_file(data, name=name, sr=self.sr, max_seconds=self.max_seconds)
            source = f"file {Path(name).name}"
            origin = f"from {Path(name).name}"
            native_sr = None
        self._keep(y, source, native_sr, origin)

    def _keep(self, y, source, native_sr, origin):
        from .audio import to_wav_bytes

        self.y = y
        self.takes.append(y)
        self.source = source
        self.native_sr = native_sr
        peak = float(np.max(np.abs(y)))
        self.wav = to_wav_bytes(y, self.sr)
        text = (
            f"Got {self.duration:.2f} s {origin}, as {len(y)} samples at {self.sr} Hz "
            f"(take {len(self.takes)}). Run the next cell to use it."
        )
        if peak < 1e-3:
            text += (
                " It is almost silent (loudest sample "
                f"{peak:.1e}): is the microphone muted, or another one selected?"
            )
        self._say(text, "ok")


def recorder(*, sr=22050, max_seconds=10):
    """A recorder for your own voice: Record, Stop, a live level meter, a player, and Upload.

    Press **Record** (the browser asks once for permission to use the
    microphone), make a sound, press **Stop**.  The widget shows the
    waveform and the level while you record and a player afterwards; the
    microphone is open only between Record and Stop.  **Upload** reads a
    sound file instead.  Then ``rec.y`` holds the sound (mono float32 in
    [-1, 1], resampled to ``sr``) and ``rec.sr`` its rate; ``rec.y`` is None
    before.  ``rec.sound_or_sample("speech")`` returns your sound, or a
    shipped clip when there is none yet, and prints which.

    Parameters
    ----------
    sr : float, keyword-only
        Sample rate of ``rec.y`` in Hz (22 050 Hz, like the rest of the course).
    max_seconds : float, keyword-only
        Recording stops by itself after this many seconds (at most 600);
        longer uploads are refused.

    Returns
    -------
    Recorder
        Displayed as the widget when it is the last value of a cell.

    Examples
    --------
    >>> rec = recorder(max_seconds=5)
    >>> rec.y is None, rec.sr
    (True, 22050)
    >>> y, sr = rec.sound_or_sample("speech")  # doctest: +ELLIPSIS
    Nothing recorded yet, so this uses the shipped clip 'speech' (...). Record or upload above, ...

    Taught in: notebooks/00_start_here.ipynb
    """
    return Recorder(sr=sr, max_seconds=max_seconds)
