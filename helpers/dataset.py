"""Labelled sound collections: loading a folder-per-class data set into features and labels.

A data set on disk is one folder per class, with the class name as the folder name::

    root/
        piano/    piano_p060_v045.flac, ...
        speech/   speech_voice1_yes.flac, ...

:func:`load_dataset` reads every clip, turns it into numbers with a feature
function of your choice and returns ``(X, labels, files)``, ready for
scikit-learn.  The feature functions of notebook 09's two routes live in
:mod:`helpers.clip_features`: ``summary_features`` (the default here) and
``log_mel_image``.  The course ships such a data set in ``audio_samples/dataset/``
(:func:`shipped_dataset_dir`); the same loader reads a public data set
arranged the same way.  Taught in notebook 09.
"""

from __future__ import annotations

import csv
import numbers
import os
from pathlib import Path

import numpy as np
from tqdm.auto import tqdm

from . import _validate
from .audio import _check_sound_file, _load_sr, load_audio, samples_dir
from .clip_features import summary_features

__all__ = [
    "AUDIO_EXTENSIONS",
    "BadClipsError",
    "shipped_dataset_dir",
    "read_manifest",
    "find_clips",
    "load_dataset",
]

#: File endings (lower case) that :func:`find_clips` treats as sound files.
AUDIO_EXTENSIONS = (".wav", ".flac", ".ogg", ".mp3")

#: How many bad clips an error message lists one per line; the rest are counted.
_LISTED = 20


class BadClipsError(ValueError):
    """Some clips of a data set could not be read or turned into features.

    Raised by :func:`load_dataset`, once, naming every bad clip: fix or remove
    them all, then load again.  A ``ValueError``, so ``except ValueError`` catches it.

    Attributes
    ----------
    failures : list of (str, str)
        Each bad clip's path (relative to the data set's folder) and what is wrong.
    """

    def __init__(self, headline, failures):
        self.failures = list(failures)
        lines = [f"  {file}: {reason}" for file, reason in self.failures[:_LISTED]]
        if len(self.failures) > _LISTED:
            lines.append(
                f"  ... and {len(self.failures) - _LISTED} more (every one is in this "
                f"error's .failures)"
            )
        super().__init__(headline + "\n" + "\n".join(lines))


def shipped_dataset_dir():
    """Folder of the course's labelled data set, ``audio_samples/dataset``.

    Examples
    --------
    >>> shipped_dataset_dir().name
    'dataset'
    >>> sorted(p.name for p in shipped_dataset_dir().iterdir() if p.is_dir())
    ['flute', 'guitar', 'piano', 'speech', 'trumpet', 'violin']

    Taught in: notebooks/09_classifier.ipynb
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

    Taught in: notebooks/09_classifier.ipynb
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
    file in it whose name ends in one of ``extensions`` is one clip.  A link
    whose target is missing is listed too, so that :func:`load_dataset` reports
    it instead of skipping it without a word.  Files
    directly in ``root`` (a manifest, a README) are ignored.  Classes and files
    are sorted by name, so the order is the same on every computer.

    Parameters
    ----------
    root : str or os.PathLike
        The data set's folder.
    extensions : str or sequence of str, keyword-only
        File endings counted as sound, compared in lower case (at least one).

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

    Taught in: notebooks/09_classifier.ipynb
    """
    root = _folder(root)
    extensions = _extensions(extensions)
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
            if not p.is_dir() and _visible(p) and p.suffix.lower() in extensions
        )
        if not clips:
            raise ValueError(
                f"The class folder {folder} holds no sound files ({', '.join(extensions)}). "
                f"Put clips in it or remove it."
            )
        files += [p.relative_to(root).as_posix() for p in clips]
        labels += [folder.name] * len(clips)
    return files, labels


def _extensions(extensions):
    extensions = _validate.strings(extensions, "extensions", example='[".wav", ".flac"]')
    bad = [e for e in extensions if not e.strip(".")]
    if bad:
        raise ValueError(f"extensions must be file endings such as '.wav'; got {bad[0]!r}")
    return tuple(e.lower() if e.startswith(".") else "." + e.lower() for e in extensions)


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


def _unreadable(root, files):
    """(file, reason) for each clip that cannot be read, found cheaply before any decoding.

    Checks that each path is a regular file (a broken link or a named pipe is not)
    and that libsndfile recognises its header and finds samples in it: a few
    milliseconds per clip, against tens for decoding one and computing its features.
    """
    import soundfile

    bad = []
    for file in files:
        path = root / file
        try:
            _check_sound_file(path)
            info = soundfile.info(path)
        except Exception as exc:  # libsndfile's errors vary by version
            bad.append((file, f"{type(exc).__name__}: {exc}"))
            continue
        if info.frames == 0:
            bad.append((file, "holds no audio samples"))
    return bad


def _features_of(path, sr, feature):
    """Load one clip and compute its features: ("ok", values) or (stage, what went wrong)."""
    try:
        y, sr_used = load_audio(path, sr=sr)
    except Exception as exc:  # unreadable, empty, not audio
        return "read", str(exc)
    try:
        values = np.asarray(feature(y, sr_used), dtype=float)
    except Exception as exc:
        return "feature", f"{type(exc).__name__}: {exc}"
    if not np.all(np.isfinite(values)):
        return "feature", (
            "gave NaN or infinite values (a division by zero? add a small number such as "
            "1e-10 to the denominator)"
        )
    return "ok", values


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
        :func:`~helpers.clip_features.summary_features` (the default) or
        :func:`~helpers.clip_features.log_mel_image`.  With
        ``n_jobs > 1`` it is sent to the worker processes (joblib pickles it
        with cloudpickle, so functions defined in a notebook and lambdas work).
    sr : float or None, keyword-only
        Sample rate in Hz to load at (default 22 050); ``None`` keeps each file's own.
    n_jobs : int, keyword-only
        Worker processes for loading and feature extraction; 1 (default) works
        in this process, -1 uses every core (with joblib).
    progress : bool, keyword-only
        Show a progress bar (a widget in a notebook, a line of text on a terminal).
    classes : str or sequence of str, optional, keyword-only
        Load only these class folders (in the order given, at least one);
        default all of them.
    extensions : str or sequence of str, keyword-only
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
    BadClipsError
        (a ``ValueError``) If clips cannot be read, or the feature function fails
        on them, gives NaN, or gives another shape than for the first clip.  The
        message names every such clip at once.  Unreadable files (broken links,
        files that are not sound, empty ones) are found from their headers before
        any clip is decoded, so no work is spent before that error.
    ValueError
        No class folders, an empty class, an empty or missing class in
        ``classes``, or ``n_jobs`` below 1.
    TypeError
        If ``feature`` is not callable, ``n_jobs`` is not a whole number, or
        ``classes`` or ``extensions`` are not strings.

    Examples
    --------
    >>> X, labels, files = load_dataset(shipped_dataset_dir(), classes=["flute", "speech"],
    ...                                 progress=False)
    >>> X.shape, sorted(set(labels.tolist()))
    ((147, 32), ['flute', 'speech'])
    >>> print(files[0])
    flute/flute_p060_v045.flac

    Taught in: notebooks/09_classifier.ipynb
    """
    feature = summary_features if feature is None else feature
    if not callable(feature):
        raise TypeError(
            f"feature must be a function feature(y, sr) -> array; got {_validate._show(feature)}"
        )
    n_jobs = _n_jobs(n_jobs)
    progress = _validate.flag(progress, "progress")
    if sr is not None:
        sr = _load_sr(sr)
    files, labels = find_clips(root, extensions=extensions)
    root = Path(root)
    if classes is not None:
        available = sorted(set(labels))
        if not isinstance(classes, str) and hasattr(classes, "__len__") and not len(classes):
            raise ValueError(
                f"classes is empty: name at least one class folder, or pass classes=None "
                f"for all of them ({available})"
            )
        classes = _validate.strings(classes, "classes", example='["piano", "speech"]')
        missing = [c for c in classes if c not in available]
        if missing:
            raise ValueError(
                f"classes {missing} not found in {root}; its class folders are {available}"
            )
        order = {c: i for i, c in enumerate(classes)}
        keep = sorted((order[lab], i) for i, lab in enumerate(labels) if lab in order)
        files = [files[i] for _, i in keep]
        labels = [labels[i] for _, i in keep]

    unreadable = _unreadable(root, files)
    if unreadable:
        raise BadClipsError(
            f"{len(unreadable)} of {len(files)} clips cannot be read, so none was loaded "
            f"(fix or remove them, then load again):",
            unreadable,
        )

    paths = [root / f for f in files]
    results = []
    # tqdm.auto: a widget bar in a notebook, a text line on a terminal; it redraws at most
    # every 0.1 s, and on an error it stops (red in a notebook) at the clip that failed.
    with tqdm(total=len(paths), desc="Loading", unit="clip", disable=not progress) as bar:
        if n_jobs == 1:
            for path in paths:
                results.append(_features_of(path, sr, feature))
                bar.update(1)
        else:
            from joblib import Parallel, delayed

            chunk = max(n_jobs, int(np.ceil(len(paths) / 20)))
            with Parallel(n_jobs=n_jobs) as parallel:
                for start in range(0, len(paths), chunk):
                    part = paths[start : start + chunk]
                    results += parallel(delayed(_features_of)(p, sr, feature) for p in part)
                    bar.update(len(part))

    _raise_failures(files, results)
    X = np.stack([value for _, value in results])
    return X, np.array(labels), np.array(files)


def _raise_failures(files, results):
    """Raise one BadClipsError naming every clip that failed, if any did."""
    bad = [(f, stage, msg) for f, (stage, msg) in zip(files, results) if stage != "ok"]
    n_read = sum(stage == "read" for _, stage, _ in bad)
    n_feature = len(bad) - n_read
    if bad:
        first, stage, msg = bad[0]
        if n_read == 0:
            headline = (
                f"The feature function failed on {n_feature} of {len(files)} clips, first on "
                f"{first}: {msg}. Every one:"
            )
            failures = [(f, m) for f, _, m in bad]
        elif n_feature == 0:
            headline = (
                f"{n_read} of {len(files)} clips could not be read, first {first} ({msg}); "
                f"fix or remove them, then load again:"
            )
            failures = [(f, m) for f, _, m in bad]
        else:
            headline = (
                f"{len(bad)} of {len(files)} clips failed: {n_read} could not be read and the "
                f"feature function failed on {n_feature}. Every one:"
            )
            words = {"read": "could not be read: ", "feature": "the feature function failed: "}
            failures = [(f, words[st] + m) for f, st, m in bad]
        raise BadClipsError(headline, failures)
    # Every clip needs the shape most clips have; name each one that differs.
    shapes = [value.shape for _, value in results]
    usual = max(dict.fromkeys(shapes), key=shapes.count)  # ties: the first clip's shape
    other = [(f, f"shape {shape}") for f, shape in zip(files, shapes) if shape != usual]
    if other:
        example = files[shapes.index(usual)]
        raise BadClipsError(
            f"The feature function gave shape {shapes[files.index(other[0][0])]} for "
            f"{other[0][0]} but {usual} for {example}: every clip needs the same shape (crop "
            f"or pad to a fixed length). The {len(other)} clip(s) whose shape is not {usual}:",
            other,
        )
