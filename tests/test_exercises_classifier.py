"""helpers.exercises.classifier: notebook 09's checks (a feature of your own, the confused pair)."""

import numpy as np
import pytest
import soundfile as sf
from exercise_messages import not_said, said
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import dataset, signals
from helpers import exercises as E

pytestmark = pytest.mark.usefixtures("lenient")

SR = 22050


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """Two classes (tones and noise) of six 0.25 s clips, their peak level, and a split."""
    root = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(1)
    (root / "tone").mkdir()
    (root / "noise").mkdir()
    for k in range(6):
        sf.write(
            root / "tone" / f"t{k}.wav",
            signals.sine(200 + 150 * k, 0.25, sr=SR, amplitude=0.1 + 0.05 * k),
            SR,
        )
        sf.write(root / "noise" / f"n{k}.wav", rng.uniform(-1, 1, SR // 4) * (0.1 + 0.05 * k), SR)
    peak = lambda y, sr: [np.abs(y).max()]  # noqa: E731 - says nothing about the class
    base, labels, files = dataset.load_dataset(root, feature=peak, progress=False)
    rows = np.arange(len(files))
    return dict(
        root=root,
        base=base,
        labels=labels,
        files=files,
        train=rows[rows % 3 != 0],
        test=rows[rows % 3 == 0],
        model=make_pipeline(StandardScaler(), LogisticRegression()),
    )


def zcr_feature(y, sr):
    z = np.mean(np.abs(np.diff(np.signbit(y).astype(int))))
    return np.array([z, np.std(y)])


def test_added_feature_accepted_and_reports_accuracies(pipeline):
    # the zero-crossing rate separates tones from noise: 100 % on the test clips
    said(
        E.check_added_feature(zcr_feature, **pipeline),
        "your feature gives 2 numbers per clip",
        "without it",
        "100.0% with it",
        "one test clip is 25.0",
        ok=True,
    )


@pytest.mark.parametrize(
    "func",
    [
        lambda y, sr: float(np.std(y)),
        lambda y, sr: [np.std(y)],
        lambda y, sr: np.array([[np.std(y)]]).ravel(),
    ],
)
def test_added_feature_single_number_is_fine(pipeline, func):
    said(E.check_added_feature(func, **pipeline), "1 number per clip", ok=True)


def test_added_feature_gets_copies_of_the_clips(pipeline):
    def zeroes(y, sr):
        spread = float(np.std(y))
        y[:] = 0  # changes only its own copy
        return [spread]

    said(E.check_added_feature(zeroes, **pipeline), ok=True)


def test_added_feature_not_attempted(pipeline):
    said(E.check_added_feature(..., **pipeline), "write my_feature(y, sr)", ok=None)

    def my_feature(y, sr):
        raise NotImplementedError

    said(E.check_added_feature(my_feature, **pipeline), "my_feature is not written yet", ok=None)


def _gen(y, sr):
    yield y.mean()


@pytest.mark.parametrize(
    "func, words",
    [
        (
            lambda y, sr: y[: len(y) // 1000],
            [
                "returned 11 values for a 0.5 s sine, sr=22050 and 22",
                "must not depend on the clip's duration",
            ],
        ),
        (lambda y, sr: np.ones((2, 3)), ["returned shape (2, 3)", "flat vector"]),
        (
            lambda y, sr: np.array([]),
            ["returned no numbers at all (an empty array)", "at least one number"],
        ),
        (lambda y, sr: [], ["no numbers at all"]),
        (
            lambda y, sr: np.array([np.nan]),
            ["returned NaN (not a number) as its value 0", "add 1e-10"],
        ),
        (lambda y, sr: [1.0, np.inf], ["an infinite value as its value 1"]),
        (lambda y, sr: None, ["returned None (did you forget `return`?)"]),
        (lambda y, sr: "loud", ["returned text"]),
        (lambda y, sr: {"mean": 1.0}, ["returned a dict"]),
        (_gen, ["returned a generator object"]),
        (lambda y, sr: [y[:10], y[:5]], ["2 rows of different lengths"]),
        (lambda y, sr: [1.0, None], ["None at position 1"]),
        (
            lambda y, sr: 1 / 0,
            ["on a 0.5 s sine, sr=22050, your my_feature raised ZeroDivisionError"],
        ),
        (lambda y: 1.0, ["The check calls my_feature(y, sr)"]),
        ("mean", ["should be a function (def my_feature(y, sr): ...); got 'mean'"]),
    ],
)
def test_added_feature_rejects(pipeline, func, words):
    said(E.check_added_feature(func, **pipeline), *words)


def test_added_feature_raises_in_strict_mode(pipeline, monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match="no numbers at all"):
        E.check_added_feature(lambda y, sr: [], **pipeline)


def test_added_feature_problems_on_real_clips_name_the_first_clips(pipeline):
    def nan_on_quiet(y, sr):  # fine on the probes, NaN on the three quietest clips of each class
        return [np.nan if np.abs(y).max() < 0.22 and len(y) < sr // 2 else 1.0]

    out = E.check_added_feature(nan_on_quiet, **pipeline)
    said(
        out,
        "passed the three test signals but fails on 6 of the 12 clips of the data set",
        "noise/n0.wav, noise/n1.wav, noise/n2.wav and 3 more",
        "On the first, noise/n0.wav, it returned NaN (not a number) as its value 0",
        "guard divisions by zero (e.g. add 1e-10)",
        "load_audio(DATA / 'noise/n0.wav')",
        ok=False,
    )
    not_said(out, "tone/t0.wav", "a clip of the data set", "_ClipProblem")

    def fails_on_short(y, sr):  # the probes are longer than the clips
        if len(y) < sr // 2:
            raise IndexError("frame 30 is out of range")
        return [1.0]

    said(
        E.check_added_feature(fails_on_short, **pipeline),
        "fails on all 12 clips of the data set: noise/n0.wav",
        "On the first, noise/n0.wav, it raised IndexError: frame 30 is out of range",
        ok=False,
    )


def test_added_feature_other_length_on_some_clips_names_them(pipeline):
    def longer_when_loud(y, sr):  # one value, or two for the loudest short clips
        return np.ones(2 if np.abs(y).max() > 0.32 and len(y) < sr // 2 else 1)

    said(
        E.check_added_feature(longer_when_loud, **pipeline),
        "gave 1 value for most clips of the data set but another number for 2 of them: "
        "noise/n5.wav, tone/t5.wav (the first got shape (2,))",
        "must not depend on the clip",
        ok=False,
    )


def test_added_feature_problems_come_from_the_data_sets_failures(pipeline, monkeypatch):
    # The check reads load_dataset's BadClipsError.failures, not a count of its own calls
    # (it imports load_dataset from helpers.dataset when it runs).
    def failing_load(root, **kwargs):
        raise dataset.BadClipsError(
            "The feature function failed:",
            [("tone/t3.wav", "_ClipProblem: on a clip of the data set, your my_feature raised X")],
        )

    monkeypatch.setattr(dataset, "load_dataset", failing_load)
    said(
        E.check_added_feature(zcr_feature, **pipeline),
        "fails on 1 of the 12 clips of the data set: tone/t3.wav. On the first, tone/t3.wav, "
        "it raised X",
    )


def test_added_feature_wrong_files(pipeline):
    wrong = dict(pipeline, files=pipeline["files"][::-1])
    said(
        E.check_added_feature(zcr_feature, **wrong),
        "the clips in root are not the ones `files` lists",
    )


def test_added_feature_unreadable_data_set(pipeline, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.wav").write_bytes(b"not a sound")
    said(
        E.check_added_feature(zcr_feature, **dict(pipeline, root=tmp_path)),
        "on the data set: 1 clip in root could not be used (a/x.wav); the first:",
        "Pass the data set's folder as root",
    )


# ------------------------------------------------------------------ the most confused pair

CLASSES = ["flute", "guitar", "piano", "speech"]
CM = np.array([[10, 0, 0, 0], [0, 8, 2, 0], [0, 1, 9, 0], [1, 0, 0, 12]])


@pytest.mark.parametrize(
    "answer", [("guitar", "piano"), ["piano", "guitar"], (np.str_("piano"), np.str_("guitar"))]
)
def test_confused_pair_right(answer):
    said(
        E.check_confused_pair(answer, cm=CM, classes=CLASSES),
        "that pair was mixed up most often: 3 times",
        ok=True,
    )


def test_confused_pair_ties_accept_either():
    tie = np.array([[5, 1, 0], [0, 5, 0], [1, 0, 5]])  # (a, b) once and (a, c) once
    said(E.check_confused_pair(("a", "b"), cm=tie, classes="abc"), ok=True)
    said(E.check_confused_pair(("c", "a"), cm=tie, classes="abc"), ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (
            ("flute", "speech"),
            [
                "flute and speech were mixed up 1 times",
                "another pair was mixed up more often",
                "Add the matrix to its transpose",
            ],
        ),
        (("piano", "piano"), ["name two different classes", "counts right answers"]),
        (
            ("piano", "cello"),
            ["'cello' is not a class; the classes are flute, guitar, piano, speech"],
        ),
        ("piano", ["give a pair of two class names, e.g. ('flute', 'guitar'); got 'piano'"]),
        ("piano, guitar", ["(one string: split it into two)"]),
        (("piano",), ["give a pair of two class names"]),
        (3, ["give a pair of two class names"]),
        ((1, 2), ["give the classes' names, not their numbers: class 1 is 'guitar'"]),
    ],
)
def test_confused_pair_wrong(answer, words):
    said(E.check_confused_pair(answer, cm=CM, classes=CLASSES), *words)


def test_confused_pair_one_way_only():
    cm = np.array([[9, 3, 0], [0, 9, 2], [0, 2, 9]])  # (a, b) 3 one way; (b, c) 2 + 2 = 4
    said(
        E.check_confused_pair(("a", "b"), cm=cm, classes="abc"),
        "That pair has the largest single cell, but count the mistakes both ways",
    )


def test_confused_pair_not_attempted_and_no_mistakes():
    out = E.check_confused_pair(..., cm=CM, classes=CLASSES)
    said(out, "replace ... with two class names", ok=None)
    not_said(out, "guitar', 'piano", "transpose")
    said(
        E.check_confused_pair(("flute", "piano"), cm=np.diag([3, 4, 5, 6]), classes=CLASSES),
        "no mistakes",
    )
    with pytest.raises(ValueError, match="cm"):
        E.check_confused_pair(("flute", "piano"), cm=CM[:3], classes=CLASSES)
