"""Checks for notebook 09, the classifier: a feature of your own, the most confused pair.

Taught in: notebooks/09_classifier.ipynb
"""

from __future__ import annotations

from collections.abc import Mapping, Set

import numpy as np

from .. import signals
from ._core import Case, Feedback, describe, not_attempted, report, run_learner, to_array

__all__ = ["check_added_feature", "check_confused_pair"]

_FEATURE_HINT = (
    "Return a 1-D numpy array with the same number of values for every clip, e.g. "
    "np.array([a.mean(), a.std()]) for some frame-wise feature a."
)


def _feature_values(value, where):
    """The learner's feature values as a 1-D float array, or a wrong-answer message."""
    got, problem = to_array(value, kind="real", axes=("row", "value"))
    if problem:
        return None, f"on {where}, your my_feature returned {problem}. {_FEATURE_HINT}"
    if got.ndim == 0:
        got = got.reshape(1)
    if got.ndim != 1:
        return None, (
            f"on {where}, your my_feature returned shape {got.shape}: a classifier needs a flat "
            f"vector of numbers per clip (use .ravel(), or summarise with a mean). {_FEATURE_HINT}"
        )
    if got.size == 0:
        return None, (
            f"on {where}, your my_feature returned no numbers at all (an empty array): a feature "
            f"needs at least one number per clip. {_FEATURE_HINT}"
        )
    if not np.all(np.isfinite(got)):
        i = int(np.argmax(~np.isfinite(got)))
        bad = "NaN (not a number)" if np.isnan(got[i]) else "an infinite value"
        return None, (
            f"on {where}, your my_feature returned {bad} as its value {i}: every value must be "
            f"a finite number; guard divisions by zero (e.g. add 1e-10)."
        )
    return got, None


_ON_CLIP = "a clip of the data set"
_NAMED = 3  # failing clips named in a message; the rest are counted


class _ClipProblem(Exception):
    """Raised inside the data set loop when the learner's function fails on a clip.

    Its text is the feedback for that clip; ``load_dataset`` keeps it in its
    ``BadClipsError.failures``, next to the clip's file.
    """


def _clip_list(names):
    """'a, b, c and 9 more' for the first failing clips."""
    shown = ", ".join(names[:_NAMED])
    return shown + (f" and {len(names) - _NAMED} more" if len(names) > _NAMED else "")


def _data_set_problem(failures, n_clips, lengths):
    """Feedback for a ``BadClipsError``: name the first failing clips and say why they fail.

    ``failures`` is the error's list of (file, reason); a reason holding a
    :class:`_ClipProblem` is the learner's function failing on that clip.
    ``lengths`` holds how many values the function gave for each clip it worked on.
    """
    marker = f"{_ClipProblem.__name__}: "
    learner = [(f, r[r.index(marker) + len(marker) :]) for f, r in failures if marker in r]
    if learner:
        names = [f for f, _ in learner]
        first = learner[0][1].replace(f"on {_ON_CLIP}, your my_feature", "it", 1)
        other = len(failures) - len(learner)
        unread = f" ({other} more clips could not be read at all)" if other else ""
        how_many = f"all {n_clips}" if len(names) == n_clips else f"{len(names)} of the {n_clips}"
        return (
            f"your my_feature passed the three test signals but fails on {how_many} clips of "
            f"the data set{unread}: {_clip_list(names)}. On the first, "
            f"{names[0]}, {first} Listen to that clip and try your function on it: "
            f"clip, sr = load_audio(DATA / '{names[0]}')."
        )
    if failures and all(r.startswith("shape (") for _, r in failures) and lengths:
        usual = max(set(lengths), key=lengths.count)
        names = [f for f, _ in failures]
        return (
            f"your my_feature gave {usual} value{'s' * (usual != 1)} for most clips of the data "
            f"set but another number for {len(names)} of them: {_clip_list(names)} (the first "
            f"got {failures[0][1]}). The number of values must not depend on the clip. "
            f"{_FEATURE_HINT}"
        )
    names = [f for f, _ in failures]
    return (
        f"on the data set: {len(names)} clip{'s' * (len(names) != 1)} in root could not be "
        f"used ({_clip_list(names)}); the first: {failures[0][1]}. Pass the data set's folder "
        f"as root, as the exercise cell does."
    )


def check_added_feature(func, *, root, base, labels, files, train, test, model):
    """Exercise (notebook 09): a feature function of your own, added to the summary features.

    ``func(y, sr)`` must return the same number (at least one) of finite
    values for every clip (a 1-D array, or one number).  The check first tries
    it on three test signals of different lengths, then computes it for every
    clip in ``root`` (each call gets its own copy of the clip; if it fails on
    some, the feedback counts them, names the first few and says what went
    wrong on the first, from :class:`helpers.dataset.BadClipsError`), appends it to
    ``base`` and trains a fresh copy of ``model`` with and without it on
    ``train``, reporting the accuracy on ``test``.  Any change counts as a
    result: the check does not ask for an improvement.

    Parameters
    ----------
    func : callable
        The learner's ``my_feature(y, sr)``; ``...`` means "not attempted yet".
    root : str or os.PathLike
        The data set's folder (as given to ``helpers.dataset.load_dataset``).
    base : numpy.ndarray, shape (n_clips, n_features)
        The features the model already uses, one row per clip, in the order of ``files``.
    labels, files : numpy.ndarray
        What ``load_dataset`` returned with ``base``.
    train, test : numpy.ndarray of int
        Row indices of the training and the held-out test clips.
    model : scikit-learn estimator
        The notebook's model; it is cloned, not changed.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> from sklearn.linear_model import LogisticRegression
    >>> from helpers import dataset
    >>> root = dataset.shipped_dataset_dir()
    >>> peak = lambda y, sr: np.abs(y).max()
    >>> base, labels, files = dataset.load_dataset(root, feature=peak, progress=False)
    >>> rows = np.arange(len(files))
    >>> check_added_feature(lambda y, sr: [y.std(), len(y) / sr], root=root,
    ...                     base=base.reshape(-1, 1), labels=labels, files=files,
    ...                     train=rows[::2], test=rows[1::2],
    ...                     model=LogisticRegression())  # doctest: +ELLIPSIS
    ✅ Correct: your feature gives 2 numbers per clip. Held-out accuracy: ...
    True

    Taught in: notebooks/09_classifier.ipynb
    """
    from sklearn.base import clone

    from ..dataset import BadClipsError, load_dataset

    if not_attempted(func):
        return report(
            Feedback(
                "todo",
                "write my_feature(y, sr), then run this cell again. The exercise suggests a "
                "feature to start with.",
            )
        )
    if not callable(func):
        return report(
            Feedback(
                "wrong",
                f"my_feature should be a function (def my_feature(y, sr): ...); got "
                f"{describe(func)}.",
            )
        )
    sr = 22050
    probes = [
        Case(
            signals.sine(440, 0.5, sr=sr, amplitude=0.3).astype(np.float32),
            sr,
            label="a 0.5 s sine, sr=22050",
        ),
        Case(
            signals.white_noise(1.0, sr=sr, seed=0, amplitude=0.1).astype(np.float32),
            sr,
            label="1 s of noise, sr=22050",
        ),
        Case(
            signals.chirp(100, 5000, 1.3, sr=sr, amplitude=0.5).astype(np.float32),
            sr,
            label="a 1.3 s chirp, sr=22050",
        ),
    ]
    length = None
    for case in probes:
        run = run_learner(func, case, name="my_feature", call="my_feature(y, sr)")
        if run.feedback is not None:
            if run.feedback.status == "todo":
                return report(run.feedback)
            return report(Feedback("wrong", f"{run.feedback.message} {_FEATURE_HINT}"))
        value, problem = _feature_values(run.value, case.text)
        if problem:
            return report(Feedback("wrong", problem))
        if length is not None and len(value) != length:
            return report(
                Feedback(
                    "wrong",
                    f"your my_feature returned {length} values for {probes[0].text} and "
                    f"{len(value)} for {case.text}: the length must not depend on the clip's "
                    f"duration. {_FEATURE_HINT}",
                )
            )
        length = len(value)

    lengths = []  # how many values the function gave, clip after clip

    def safe_feature(y, sr_clip):
        case = Case(y, sr_clip, label=_ON_CLIP)
        run = run_learner(func, case, name="my_feature", call="my_feature(y, sr)")
        if run.feedback is not None:
            raise _ClipProblem(run.feedback.message)
        value, problem = _feature_values(run.value, _ON_CLIP)
        if problem:
            raise _ClipProblem(problem)
        lengths.append(len(value))
        return value

    try:
        extra, labels_new, files_new = load_dataset(root, feature=safe_feature, progress=False)
    except BadClipsError as exc:
        return report(Feedback("wrong", _data_set_problem(exc.failures, len(files), lengths)))
    except ValueError as exc:  # no class folders, an empty class, ...
        return report(Feedback("wrong", f"on the data set: {exc}"))
    if list(files_new) != list(files) or list(labels_new) != list(labels):
        return report(
            Feedback(
                "wrong",
                "the clips in root are not the ones `files` lists: pass the root, labels and "
                "files that belong together.",
            )
        )
    extra = extra.reshape(len(extra), -1)
    base = np.asarray(base, dtype=float).reshape(len(base), -1)
    labels = np.asarray(labels)
    train, test = np.asarray(train), np.asarray(test)
    scores = []
    for X in (base, np.hstack([base, extra])):
        fitted = clone(model).fit(X[train], labels[train])
        scores.append(float(np.mean(fitted.predict(X[test]) == labels[test])))
    before, after = scores
    change = 100 * (after - before)
    one_clip = 100 / len(test)
    verdict = (
        "a change of a clip or two is within the luck of the split"
        if abs(change) <= 2 * one_clip + 1e-9
        else "it helped"
        if change > 0
        else "it made things worse: extra numbers can add noise"
    )
    n = extra.shape[1]
    return report(
        Feedback(
            "correct",
            f"your feature gives {n} number{'s' * (n != 1)} per clip. Held-out accuracy: "
            f"{before:.1%} without it, {after:.1%} with it ({change:+.1f} percentage points; "
            f"one test clip is {one_clip:.1f}): {verdict}.",
        )
    )


def check_confused_pair(answer, *, cm, classes):
    """Exercise (notebook 09): the two classes mixed up most often, read off a confusion matrix.

    The count for a pair is the mistakes in both directions, ``cm[i, j] + cm[j, i]``
    (row = true class, column = predicted class).  Any order of the two names
    is accepted, and any pair tied for the most mistakes.

    Parameters
    ----------
    answer : tuple of two str
        The learner's pair of class names; ``...`` means "not attempted yet".
    cm : array_like, shape (n_classes, n_classes)
        Confusion matrix, rows the true classes.
    classes : sequence of str
        Class names in the order of the rows and columns.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> cm = [[9, 1, 0], [3, 7, 0], [0, 1, 9]]
    >>> check_confused_pair(("dog", "cat"), cm=cm, classes=["cat", "dog", "bird"])
    ✅ Correct: that pair was mixed up most often: 4 times, counting both directions.
    True

    Taught in: notebooks/09_classifier.ipynb
    """
    classes = [str(c) for c in classes]
    cm = np.asarray(cm)
    if cm.shape != (len(classes), len(classes)):
        raise ValueError(f"cm must be {len(classes)} x {len(classes)} like classes; got {cm.shape}")
    hint = (
        "Add the matrix to its transpose (mistakes both ways), set the diagonal (the right "
        "answers) to zero and find the largest entry."
    )
    example = f"('{classes[0]}', '{classes[1]}')"
    if not_attempted(answer):
        return report(
            Feedback(
                "todo",
                f"replace ... with two class names, e.g. {example}. The confusion matrix of "
                f"section 5 holds the answer.",
            )
        )
    try:
        pair = None if isinstance(answer, (str, bytes, Mapping, Set)) else list(answer)
        pair = [x if isinstance(x, (int, np.integer)) else str(x) for x in pair or []] or None
    except Exception:  # not a sequence (a number), or something that breaks when looked at
        pair = None
    if pair is None or len(pair) != 2:
        got = describe(answer)
        if isinstance(answer, str) and "," in answer:
            got += " (one string: split it into two)"
        return report(
            Feedback("wrong", f"give a pair of two class names, e.g. {example}; got {got}.")
        )
    a, b = pair
    for x in (a, b):
        if isinstance(x, (int, np.integer)) and not isinstance(x, bool) and 0 <= x < len(classes):
            return report(
                Feedback(
                    "wrong",
                    f"give the classes' names, not their numbers: class {int(x)} is "
                    f"'{classes[int(x)]}'.",
                )
            )
    a, b = str(a), str(b)
    unknown = [x for x in (a, b) if x not in classes]
    if unknown:
        return report(
            Feedback(
                "wrong", f"{unknown[0]!r} is not a class; the classes are {', '.join(classes)}."
            )
        )
    if a == b:
        return report(
            Feedback(
                "wrong",
                f"name two different classes; the diagonal cell ({a}, {a}) counts right "
                f"answers, not mistakes.",
            )
        )
    both = cm + cm.T
    np.fill_diagonal(both, 0)
    most = int(both.max())
    if most == 0:
        return report(
            Feedback("wrong", "this confusion matrix has no mistakes: no pair is confused.")
        )
    i, j = classes.index(a), classes.index(b)
    detail = f"{a} taken for {b} {int(cm[i, j])}, {b} taken for {a} {int(cm[j, i])}"
    if both[i, j] == most:
        return report(
            Feedback(
                "correct",
                f"that pair was mixed up most often: {most} times, counting both directions.",
            )
        )
    one_way = cm.copy()
    np.fill_diagonal(one_way, 0)
    told = ""
    if cm[i, j] == one_way.max() or cm[j, i] == one_way.max():
        told = " That pair has the largest single cell, but count the mistakes both ways."
    return report(
        Feedback(
            "wrong",
            f"{a} and {b} were mixed up {int(both[i, j])} times ({detail}); another pair was "
            f"mixed up more often.{told} {hint}",
        )
    )
