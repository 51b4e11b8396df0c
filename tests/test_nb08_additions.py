"""What notebook 08 (the classifier) added to helpers.exercises: its two checks.

(helpers.dataset has its own tests in test_dataset.py.)  The feature check runs
on a tiny data set of synthesized WAV files made in tmp_path.
"""

import numpy as np
import pytest
import soundfile as sf
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import dataset, exercises, signals

SR = 22050


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "0")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory):
    """Two classes (tones and noise) of six 0.25 s clips, their peak level, and a split."""
    root = tmp_path_factory.mktemp("data")
    rng = np.random.default_rng(1)
    (root / "tone").mkdir()
    (root / "noise").mkdir()
    for k in range(6):
        sf.write(root / "tone" / f"t{k}.wav",
                 signals.sine(200 + 150 * k, 0.25, sr=SR, amplitude=0.1 + 0.05 * k), SR)
        sf.write(root / "noise" / f"n{k}.wav", rng.uniform(-1, 1, SR // 4) * (0.1 + 0.05 * k), SR)
    peak = lambda y, sr: [np.abs(y).max()]  # noqa: E731 - says nothing about the class
    base, labels, files = dataset.load_dataset(root, feature=peak, progress=False)
    rows = np.arange(len(files))
    return dict(root=root, base=base, labels=labels, files=files, train=rows[rows % 3 != 0],
                test=rows[rows % 3 == 0],
                model=make_pipeline(StandardScaler(), LogisticRegression()))


def zcr_feature(y, sr):
    z = np.mean(np.abs(np.diff(np.signbit(y).astype(int))))
    return np.array([z, np.std(y)])


# ------------------------------------------------------------------ check_added_feature


def test_added_feature_accepted_and_reports_accuracies(pipeline, capsys):
    assert exercises.check_added_feature(zcr_feature, **pipeline).ok is True
    out = capsys.readouterr().out
    assert "2 numbers per clip" in out and "without it" in out and "with it" in out
    # the zero-crossing rate separates tones from noise: 100 % on the test clips
    assert "100.0% with it" in out


def test_added_feature_single_number_is_fine(pipeline, capsys):
    assert exercises.check_added_feature(lambda y, sr: float(np.std(y)), **pipeline).ok is True
    assert "1 number per clip" in capsys.readouterr().out


def test_added_feature_not_attempted(pipeline):
    assert exercises.check_added_feature(..., **pipeline).ok is None

    def my_feature(y, sr):
        raise NotImplementedError

    assert exercises.check_added_feature(my_feature, **pipeline).ok is None


@pytest.mark.parametrize("func, message", [
    (lambda y, sr: y[: len(y) // 1000], "must not depend on the clip's duration"),
    (lambda y, sr: np.ones((2, 3)), "flat vector"),
    (lambda y, sr: np.array([np.nan]), "NaN"),
    (lambda y, sr: None, "return"),
    (lambda y, sr: "loud", "numbers"),
    (lambda y, sr: 1 / 0, "ZeroDivisionError"),
    ("mean", "should be a function"),
])
def test_added_feature_rejects(pipeline, func, message):
    with pytest.raises(AssertionError, match=message):
        exercises.check_added_feature(func, **pipeline)


def test_added_feature_rejects_nan_on_real_clips(pipeline, lenient, capsys):
    def nan_on_quiet(y, sr):  # fine on the probes, NaN on the quietest clips
        return [np.nan if np.abs(y).max() < 0.12 else 1.0]

    assert exercises.check_added_feature(nan_on_quiet, **pipeline).ok is False
    assert "NaN" in capsys.readouterr().out


def test_added_feature_wrong_files(pipeline, lenient):
    wrong = dict(pipeline, files=pipeline["files"][::-1])
    assert exercises.check_added_feature(zcr_feature, **wrong).ok is False


# ------------------------------------------------------------------ check_confused_pair

CLASSES = ["flute", "guitar", "piano", "speech"]
CM = np.array([[10, 0, 0, 0],
               [0, 8, 2, 0],
               [0, 1, 9, 0],
               [1, 0, 0, 12]])


@pytest.mark.parametrize("answer", [("guitar", "piano"), ["piano", "guitar"],
                                    (np.str_("piano"), np.str_("guitar"))])
def test_confused_pair_right(answer):
    assert exercises.check_confused_pair(answer, cm=CM, classes=CLASSES).ok is True


def test_confused_pair_ties_accept_either(capsys):
    tie = np.array([[5, 1, 0], [0, 5, 0], [1, 0, 5]])    # (a, b) once and (a, c) once
    assert exercises.check_confused_pair(("a", "b"), cm=tie, classes="abc").ok is True
    assert exercises.check_confused_pair(("c", "a"), cm=tie, classes="abc").ok is True


@pytest.mark.parametrize("answer, message", [
    (("flute", "speech"), "another pair"),
    (("piano", "piano"), "two different"),
    (("piano", "cello"), "not a class"),
    ("piano", "pair of two"),
    (("piano",), "pair of two"),
    (3, "pair of two"),
])
def test_confused_pair_wrong(answer, message):
    with pytest.raises(AssertionError, match=message):
        exercises.check_confused_pair(answer, cm=CM, classes=CLASSES)


def test_confused_pair_not_attempted_and_no_mistakes(lenient):
    assert exercises.check_confused_pair(..., cm=CM, classes=CLASSES).ok is None
    assert exercises.check_confused_pair(None, cm=CM, classes=CLASSES).ok is None
    perfect = np.diag([3, 4, 5, 6])
    assert exercises.check_confused_pair(("flute", "piano"), cm=perfect, classes=CLASSES).ok is False
    with pytest.raises(ValueError, match="cm"):
        exercises.check_confused_pair(("flute", "piano"), cm=CM[:3], classes=CLASSES)
