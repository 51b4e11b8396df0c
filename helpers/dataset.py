"""Labelled sound collections: loading a folder-per-class data set and describing each clip.

A data set on disk is one folder per class, with the class name as the folder name::

    root/
        piano/    piano_p060_v045.flac, ...
        speech/   speech_voice1_yes.flac, ...

:func:`load_dataset` reads every clip, turns it into numbers with a feature
function of your choice and returns ``(X, labels, files)``, ready for
scikit-learn.  Two feature functions are here, one for each route of notebook
08: :func:`summary_features` (a few dozen numbers per clip from RMS, ZCR and
MFCCs) and :func:`log_mel_image` (the log-mel spectrogram as a fixed-size
image).  The course ships such a data set in ``audio_samples/dataset/``
(:func:`shipped_dataset_dir`); the same loader reads a public data set
arranged the same way.  Taught in notebook 08.
"""

from __future__ import annotations

import csv
import numbers
import os
import sys
import time
from pathlib import Path

import numpy as np

from . import _validate, features, spectral
from .audio import load_audio, samples_dir

__all__ = [
    "AUDIO_EXTENSIONS",
    "shipped_dataset_dir",
    "read_manifest",
    "find_clips",
    "load_dataset",
    "summary_features",
    "summary_feature_names",
    "log_mel_image",
    "pool_image",
]

#: File endings (lower case) that :func:`find_clips` treats as sound files.
AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".mp3")


def shipped_dataset_dir():
    """Folder of the course's labelled data set, ``audio_samples/dataset``.

    Examples
    --------
    >>> shipped_dataset_dir().name
    'dataset'
    >>> sorted(p.name for p in shipped_dataset_dir().iterdir() if p.is_dir())
    ['flute', 'guitar', 'piano', 'speech', 'trumpet', 'violin']

    Taught in: notebooks/08_classifier.ipynb
    """
    return samples_dir() / "dataset"


def read_manifest(root=None):
    """The rows of a data set's ``manifest.csv``, as a dict from file to row.

    Parameters
    ----------
    root : str or os.PathLike, optional
        The data set's folder; default :func:`shipped_dataset_dir`.

    Returns
    -------
    dict of str to dict
        ``file`` (relative to ``root``, with ``/``) -> the row, every value a string
        (``pitch_midi`` and ``velocity`` are empty for speech).

    Examples
    --------
    >>> rows = read_manifest()
    >>> row = rows["piano/piano_p069_v080.flac"]
    >>> row["label"], row["pitch_midi"], row["group"]
    ('piano', '69', 'pitch_69')

    Taught in: notebooks/08_classifier.ipynb
    """
    root = shipped_dataset_dir() if root is None else _folder(root)
    path = Path(root) / "manifest.csv"
    if not path.is_file():
        raise FileNotFoundError(f"No manifest.csv in {root}")
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh)}


def _folder(root):
    if not isinstance(root, (str, os.PathLike)):
        raise TypeError(f"root must be a folder path (str or Path); got {_validate._show(root)}")
    root = Path(root)
    if not root.exists():
        raise FileNotFoundError(f"No such data set folder: {root}")
    if not root.is_dir():
        raise NotADirectoryError(
            f"root must be a folder with one sub-folder per class; {root} is a file"
        )
    return root


def _visible(path):
    return not path.name.startswith((".", "_"))


def find_clips(root, *, extensions=AUDIO_EXTENSIONS):
    """List the sound files of a folder-per-class data set, with their labels.

    Every visible sub-folder of ``root`` is a class (folders whose names start
    with ``.`` or ``_``, such as ``.ipynb_checkpoints``, are skipped) and every
    file in it whose name ends in one of ``extensions`` is one clip.  Files
    directly in ``root`` (a manifest, a README) are ignored.  Classes and files
    are sorted by name, so the order is the same on every computer.

    Parameters
    ----------
    root : str or os.PathLike
        The data set's folder.
    extensions : sequence of str, keyword-only
        File endings counted as sound, compared in lower case.

    Returns
    -------
    files : list of str
        Paths relative to ``root``, with ``/`` separators, e.g. ``"piano/a.flac"``.
    labels : list of str
        The class (folder name) of each file.

    Raises
    ------
    FileNotFoundError, NotADirectoryError
        If ``root`` does not exist or is not a folder.
    ValueError
        If ``root`` has no class folders, or a class folder holds no sound file.

    Examples
    --------
    >>> files, labels = find_clips(shipped_dataset_dir())
    >>> len(files), files[0], labels[0]
    (447, 'flute/flute_p060_v045.flac', 'flute')

    Taught in: notebooks/08_classifier.ipynb
    """
    root = _folder(root)
    if isinstance(extensions, str):
        extensions = (extensions,)
    extensions = tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)
    classes = sorted(p for p in root.iterdir() if p.is_dir() and _visible(p))
    if not classes:
        raise ValueError(
            f"{root} has no class folders. Arrange the clips as root/<class>/<clip>, "
            f"e.g. {root / 'cat' / 'meow1.wav'}: one sub-folder per class."
        )
    files, labels = [], []
    for folder in classes:
        clips = sorted(
            p
            for p in folder.iterdir()
            if p.is_file() and _visible(p) and p.suffix.lower() in extensions
        )
        if not clips:
            raise ValueError(
                f"The class folder {folder} holds no sound files ({', '.join(extensions)}). "
                f"Put clips in it or remove it."
            )
        files += [p.relative_to(root).as_posix() for p in clips]
        labels += [folder.name] * len(clips)
    return files, labels


def _n_jobs(n_jobs):
    if isinstance(n_jobs, (bool, np.bool_)) or not isinstance(n_jobs, numbers.Integral):
        raise TypeError(
            f"n_jobs must be a whole number (1, 2, ... or -1 for every core); "
            f"got {_validate._show(n_jobs)}"
        )
    n_jobs = int(n_jobs)
    if n_jobs == -1:
        return os.cpu_count() or 1
    if n_jobs < 1:
        raise ValueError(f"n_jobs must be 1 or more (or -1 for every core); got {n_jobs}")
    return n_jobs


def _features_of(path, sr, feature):
    """Load one clip and compute its features; errors come back as text naming the file."""
    try:
        y, sr_used = load_audio(path, sr=sr)
    except Exception as exc:  # unreadable, empty, not audio
        return False, f"Could not read the clip {path}: {exc}"
    try:
        values = np.asarray(feature(y, sr_used), dtype=float)
    except Exception as exc:
        return False, (f"The feature function failed on {path}: {type(exc).__name__}: {exc}")
    return True, values


class _Progress:
    """A progress bar: an ipywidgets bar in a notebook, a text line on a terminal, or nothing."""

    def __init__(self, total, enabled, what):
        self.total, self.done, self.what = total, 0, what
        self.start = self.last_shown = time.perf_counter()
        self.bar = self.label = None
        self.text = False
        if not enabled:
            return
        if _in_notebook():
            import ipywidgets
            from IPython.display import display

            self.bar = ipywidgets.IntProgress(
                value=0, min=0, max=total, description=what, bar_style="info"
            )
            self.label = ipywidgets.Label(value=f"0 / {total}")
            display(ipywidgets.HBox([self.bar, self.label]))
        else:
            self.text = True
            self._print()

    def _print(self, end=""):
        print(f"\r{self.what}: {self.done} / {self.total}", end=end, file=sys.stderr, flush=True)

    # Redraw at most this often: each redraw of the bar is a message to the browser, and
    # hundreds of them per second cost more than the clips they report on.
    INTERVAL = 0.1  # seconds

    def update(self, n):
        self.done += n
        now = time.perf_counter()
        if now - self.last_shown < self.INTERVAL and self.done < self.total:
            return
        self.last_shown = now
        if self.bar is not None:
            self.bar.value = self.done
            self.label.value = f"{self.done} / {self.total}"
        elif self.text:
            self._print()

    def close(self, ok=True):
        seconds = time.perf_counter() - self.start
        if self.bar is not None:
            self.bar.value = self.done
            self.bar.bar_style = "success" if ok else "danger"
            self.label.value = (
                f"{self.done} / {self.total} clips in {seconds:.1f} s"
                if ok
                else f"stopped at {self.done} / {self.total}"
            )
        elif self.text:
            self._print(end=f" ({seconds:.1f} s)\n" if ok else " (stopped)\n")


def _in_notebook():
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and hasattr(shell, "kernel")


def load_dataset(
    root,
    *,
    feature=None,
    sr=22050,
    n_jobs=1,
    progress=True,
    classes=None,
    extensions=AUDIO_EXTENSIONS,
):
    """Load a folder-per-class data set as a feature matrix, labels and file names.

    Every clip is read as mono at ``sr`` (like ``librosa.load``), passed to
    ``feature(y, sr)``, and the results are stacked: one row of ``X`` per clip.

    Parameters
    ----------
    root : str or os.PathLike
        The data set's folder: ``root/<class>/<clip>`` (see :func:`find_clips`).
    feature : callable, keyword-only
        ``feature(y, sr) -> array`` giving the same shape for every clip, e.g.
        :func:`summary_features` (the default) or :func:`log_mel_image`.  With
        ``n_jobs > 1`` it is sent to the worker processes (joblib pickles it
        with cloudpickle, so functions defined in a notebook and lambdas work).
    sr : float or None, keyword-only
        Sample rate in Hz to load at (default 22 050); ``None`` keeps each file's own.
    n_jobs : int, keyword-only
        Worker processes for loading and feature extraction; 1 (default) works
        in this process, -1 uses every core.  Needs joblib (installed with librosa).
    progress : bool, keyword-only
        Show a progress bar (a widget in a notebook, a line of text on a terminal).
    classes : sequence of str, optional, keyword-only
        Load only these class folders (in the order given); default all of them.
    extensions : sequence of str, keyword-only
        File endings counted as sound.

    Returns
    -------
    X : numpy.ndarray
        Shape ``(n_clips, *feature_shape)``, float64.
    labels : numpy.ndarray of str
        The class of each clip (its folder's name).
    files : numpy.ndarray of str
        Each clip's path relative to ``root`` (``"piano/piano_p060_v045.flac"``),
        the key of the data set's ``manifest.csv``.

    Raises
    ------
    FileNotFoundError, NotADirectoryError
        If ``root`` is missing or not a folder.
    ValueError
        No class folders, an empty class, a missing class in ``classes``, a
        clip that cannot be read or whose features have another shape (the
        message names the file), or ``n_jobs`` below 1.
    TypeError
        If ``feature`` is not callable or ``n_jobs`` is not a whole number.

    Examples
    --------
    >>> X, labels, files = load_dataset(shipped_dataset_dir(), classes=["flute", "speech"],
    ...                                 progress=False)
    >>> X.shape, sorted(set(labels.tolist()))
    ((147, 30), ['flute', 'speech'])
    >>> print(files[0])
    flute/flute_p060_v045.flac

    Taught in: notebooks/08_classifier.ipynb
    """
    feature = summary_features if feature is None else feature
    if not callable(feature):
        raise TypeError(
            f"feature must be a function feature(y, sr) -> array; got {_validate._show(feature)}"
        )
    n_jobs = _n_jobs(n_jobs)
    progress = _validate.flag(progress, "progress")
    if sr is not None:
        sr = _validate.sample_rate(sr)
    files, labels = find_clips(root, extensions=extensions)
    root = Path(root)
    if classes is not None:
        if isinstance(classes, str):
            classes = [classes]
        available = sorted(set(labels))
        missing = [c for c in classes if c not in available]
        if missing:
            raise ValueError(
                f"classes {missing} not found in {root}; its class folders are {available}"
            )
        order = {c: i for i, c in enumerate(classes)}
        keep = sorted((order[lab], i) for i, lab in enumerate(labels) if lab in order)
        files = [files[i] for _, i in keep]
        labels = [labels[i] for _, i in keep]

    paths = [root / f for f in files]
    bar = _Progress(len(paths), progress, "Loading")
    results = []
    ok = False
    try:
        if n_jobs == 1:
            for path in paths:
                results.append(_features_of(path, sr, feature))
                bar.update(1)
        else:
            try:
                from joblib import Parallel, delayed
            except ImportError as exc:  # pragma: no cover - joblib comes with librosa
                raise ImportError(
                    "n_jobs > 1 needs joblib (pip install joblib, or install "
                    "librosa, which brings it); or use n_jobs=1"
                ) from exc
            chunk = max(n_jobs, int(np.ceil(len(paths) / 20)))
            with Parallel(n_jobs=n_jobs) as parallel:
                for start in range(0, len(paths), chunk):
                    part = paths[start : start + chunk]
                    results += parallel(delayed(_features_of)(p, sr, feature) for p in part)
                    bar.update(len(part))
        ok = True
    finally:
        bar.close(ok)

    first_shape = None
    for file, (good, value) in zip(files, results):
        if not good:
            raise ValueError(value)
        if first_shape is None:
            first_shape = value.shape
        elif value.shape != first_shape:
            raise ValueError(
                f"The feature function gave shape {value.shape} for {file} but "
                f"{first_shape} for {files[0]}: every clip needs the same shape "
                f"(crop or pad to a fixed length)."
            )
    X = np.stack([value for _, value in results])
    return X, np.array(labels), np.array(files)


def summary_feature_names(n_mfcc=13):
    """Names of the numbers :func:`summary_features` returns, in order.

    Examples
    --------
    >>> summary_feature_names(2)
    ['rms_mean', 'rms_std', 'zcr_mean', 'zcr_std', 'mfcc0_mean', 'mfcc1_mean', 'mfcc0_std', 'mfcc1_std']

    Taught in: notebooks/08_classifier.ipynb
    """
    n_mfcc = _validate.whole(n_mfcc, "n_mfcc")
    return (
        ["rms_mean", "rms_std", "zcr_mean", "zcr_std"]
        + [f"mfcc{k}_mean" for k in range(n_mfcc)]
        + [f"mfcc{k}_std" for k in range(n_mfcc)]
    )


def summary_features(y, sr, *, n_mfcc=13, frame_length=2048, hop_length=512):
    """A clip summarised in ``4 + 2 * n_mfcc`` numbers: means and spreads over its frames.

    Per frame: RMS (:func:`helpers.features.rms`), zero-crossing rate
    (:func:`helpers.features.zero_crossing_rate`) and ``n_mfcc`` MFCCs
    (:func:`helpers.spectral.mfcc`), all with the same frames; then each is
    summarised over time by its mean and its standard deviation.  The order
    is given by :func:`summary_feature_names`: RMS mean and std (amplitude,
    full scale = 1), ZCR mean and std (fraction of sample pairs), the MFCC
    means, then the MFCC standard deviations (dB-like units).

    Parameters
    ----------
    y : array_like
        Mono clip.
    sr : float
        Sample rate in Hz.
    n_mfcc : int, keyword-only
        Number of MFCCs.
    frame_length, hop_length : int, keyword-only
        Frame size (also the FFT size of the MFCCs) and hop, in samples.

    Returns
    -------
    numpy.ndarray
        ``4 + 2 * n_mfcc`` float64 numbers (30 with the defaults), the same
        length for a clip of any duration.

    Examples
    --------
    >>> from helpers.signals import sine
    >>> v = summary_features(sine(440, 1.0, amplitude=0.5), 22050)
    >>> v.shape, round(float(v[0]), 2)
    ((30,), 0.35)

    Taught in: notebooks/08_classifier.ipynb
    """
    y = _validate.signal(y)
    sr = _validate.sample_rate(sr)
    kw = dict(frame_length=frame_length, hop_length=hop_length)
    r = features.rms(y, **kw)
    z = features.zero_crossing_rate(y, **kw)
    m = spectral.mfcc(y, sr=sr, n_mfcc=n_mfcc, n_fft=frame_length, hop_length=hop_length)
    return np.concatenate(
        [[r.mean(), r.std(), z.mean(), z.std()], m.mean(axis=1), m.std(axis=1)]
    ).astype(np.float64)


def log_mel_image(y, sr, *, n_mels=64, n_frames=44, n_fft=2048, hop_length=512, top_db=80.0):
    """A clip's log-mel spectrogram as a fixed-size image with values from 0 to 1.

    The recipe of notebook 07: a mel power spectrogram
    (:func:`helpers.spectral.mel_spectrogram`), in decibels relative to the
    clip's loudest cell (``power_to_db(ref=np.max, top_db=top_db)``), scaled
    so the floor ``-top_db`` dB is 0 and the loudest cell is 1; then cropped
    to ``n_frames`` frames, or padded with 0 (silence) if the clip is shorter.
    A silent clip gives all zeros.

    Parameters
    ----------
    y : array_like
        Mono clip.
    sr : float
        Sample rate in Hz.
    n_mels : int, keyword-only
        Mel bands (rows).
    n_frames : int, keyword-only
        Frames (columns); 44 frames of ``hop_length=512`` cover 1 s at 22 050 Hz.
    n_fft, hop_length : int, keyword-only
        STFT frame length and hop in samples.
    top_db : float, keyword-only
        Dynamic range kept, in dB.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_mels, n_frames)``, float32, values in [0, 1].

    Examples
    --------
    >>> from helpers.signals import sine
    >>> image = log_mel_image(sine(440, 0.5), 22050)
    >>> image.shape, float(image.max()), float(image[:, -1].max())
    ((64, 44), 1.0, 0.0)

    Taught in: notebooks/08_classifier.ipynb
    """
    n_frames = _validate.whole(n_frames, "n_frames")
    top_db = _validate.number(top_db, "top_db", minimum=0, strict_min=True)
    mel = spectral.mel_spectrogram(y, sr=sr, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels)
    if not mel.max() > 1e-10:  # silence: no level to take as the reference
        image = np.zeros_like(mel)
    else:
        mel_db = spectral.power_to_db(mel, ref=np.max, top_db=top_db)
        image = (mel_db + top_db) / top_db
    image = image[:, :n_frames]
    image = np.pad(image, ((0, 0), (0, n_frames - image.shape[1])))
    return image.astype(np.float32)


def pool_image(image, *, rows, cols):
    """Shrink an image by averaging blocks of ``rows`` x ``cols`` cells.

    A smaller image keeps the broad shape (which bands are loud, and when) and
    loses fine detail, such as the exact position of each harmonic: fewer
    numbers for a classifier to learn from.  The image's height and width must
    be multiples of ``rows`` and ``cols``.

    Parameters
    ----------
    image : array_like, shape (height, width) or (n_images, height, width)
        One image or a stack of them.
    rows, cols : int, keyword-only
        Block size.

    Returns
    -------
    numpy.ndarray
        Shape ``(height // rows, width // cols)`` (with the leading axis kept
        for a stack).

    Examples
    --------
    >>> import numpy as np
    >>> pool_image(np.arange(16.0).reshape(4, 4), rows=2, cols=2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])

    Taught in: notebooks/08_classifier.ipynb
    """
    rows = _validate.whole(rows, "rows")
    cols = _validate.whole(cols, "cols")
    image = np.asarray(image, dtype=float)
    if image.ndim not in (2, 3):
        raise ValueError(f"image must be 2-D, or 3-D for a stack; got shape {image.shape}")
    height, width = image.shape[-2:]
    if height % rows or width % cols:
        raise ValueError(
            f"the image's shape {(height, width)} must be a multiple of "
            f"(rows, cols) = {(rows, cols)}"
        )
    blocks = image.reshape(*image.shape[:-2], height // rows, rows, width // cols, cols)
    return blocks.mean(axis=(-3, -1))
