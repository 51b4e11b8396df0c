"""helpers.dataset: the folder-per-class loader.

The loader is tested on a tiny tree of synthesized WAV files made in tmp_path,
independently of the shipped data set.
"""

import numpy as np
import pytest
import soundfile as sf
from signals_for_tests import SR

from helpers import clip_features, dataset, signals

# ------------------------------------------------------------------ a tiny data set


def _write_tree(root, n_per_class=4, seconds=0.3):
    """root/sine/*.wav (tones), root/noise/*.wav (noise), root/chirp/*.flac (sweeps)."""
    rng = np.random.default_rng(0)
    n = int(seconds * SR)
    for k in range(n_per_class):
        (root / "sine").mkdir(parents=True, exist_ok=True)
        (root / "noise").mkdir(exist_ok=True)
        (root / "chirp").mkdir(exist_ok=True)
        sf.write(
            root / "sine" / f"tone{k}.wav",
            signals.sine(220 * (k + 1), seconds, sr=SR, amplitude=0.5)[:n],
            SR,
        )
        sf.write(root / "noise" / f"noise{k}.wav", rng.uniform(-0.3, 0.3, n), SR)
        sf.write(
            root / "chirp" / f"sweep{k}.flac",
            signals.chirp(100, 4000 + 500 * k, seconds, sr=SR, amplitude=0.5)[:n],
            SR,
        )
    return root


@pytest.fixture
def tree(tmp_path):
    return _write_tree(tmp_path / "data")


def first_sample(y, sr):
    """A tiny feature function: the first two samples and the rate."""
    return np.array([y[0], y[1], sr])


# ------------------------------------------------------------------ find_clips


def test_find_clips_sorted_labels_and_skips(tree):
    (tree / "README.txt").write_text("not a clip")
    (tree / ".ipynb_checkpoints").mkdir()
    (tree / ".ipynb_checkpoints" / "x.wav").write_bytes(b"")
    (tree / "sine" / "notes.txt").write_text("not a clip")
    sf.write(tree / "sine" / "LOUD.WAV", np.zeros(100), SR)
    files, labels = dataset.find_clips(tree)
    assert files[0] == "chirp/sweep0.flac"
    assert labels == sorted(labels)
    assert labels.count("sine") == 5 and labels.count("noise") == 4
    assert "sine/LOUD.WAV" in files and "sine/notes.txt" not in files
    assert all(not f.startswith(".") for f in files)
    only_wav, _ = dataset.find_clips(tree, extensions=["WAV", ".flac"])
    assert len(only_wav) == len(files)
    with pytest.raises(ValueError, match="chirp holds no sound files"):  # .flac only there
        dataset.find_clips(tree, extensions=["wav"])


# ------------------------------------------------------------------ load_dataset


def test_load_dataset_shapes_and_labels(tree):
    X, labels, files = dataset.load_dataset(tree, progress=False)
    assert X.shape == (12, 32) and X.dtype == np.float64
    assert labels.tolist() == ["chirp"] * 4 + ["noise"] * 4 + ["sine"] * 4
    assert files.tolist()[4] == "noise/noise0.wav"
    assert np.all(np.isfinite(X))
    # the RMS mean (column 0) of the 0.5-amplitude sines is about 0.5 / sqrt(2)
    assert np.allclose(X[labels == "sine", 0], 0.5 / np.sqrt(2), rtol=0.1)


def test_load_dataset_image_feature_and_rate(tree):
    X, _, _ = dataset.load_dataset(tree, feature=clip_features.log_mel_image, progress=False)
    assert X.shape == (12, 64, 44) and X.min() >= 0 and X.max() <= 1
    X, _, _ = dataset.load_dataset(tree, feature=first_sample, sr=8000, progress=False)
    assert np.all(X[:, 2] == 8000)
    X, _, _ = dataset.load_dataset(tree, feature=first_sample, sr=None, progress=False)
    assert np.all(X[:, 2] == SR)


def test_load_dataset_classes_subset_and_order(tree):
    X, labels, files = dataset.load_dataset(
        tree, classes=["sine", "chirp"], progress=False, feature=first_sample
    )
    assert labels.tolist() == ["sine"] * 4 + ["chirp"] * 4
    assert len(X) == len(files) == 8
    with pytest.raises(ValueError, match="cat"):
        dataset.load_dataset(tree, classes=["cat"], progress=False)


def test_n_jobs_2_equals_n_jobs_1(tree):
    one = dataset.load_dataset(tree, progress=False, n_jobs=1)
    two = dataset.load_dataset(tree, progress=False, n_jobs=2)
    np.testing.assert_array_equal(one[0], two[0])
    np.testing.assert_array_equal(one[1], two[1])
    np.testing.assert_array_equal(one[2], two[2])
    # a function defined here (pickled for the workers), and a lambda
    lam = dataset.load_dataset(tree, progress=False, n_jobs=2, feature=lambda y, sr: y[:3])
    assert lam[0].shape == (12, 3)


def test_progress_text_on_a_terminal(tree, capsys):
    dataset.load_dataset(tree, feature=first_sample, progress=True)
    err = capsys.readouterr().err
    assert "Loading" in err and "12/12" in err
    dataset.load_dataset(tree, feature=first_sample, progress=False)
    assert capsys.readouterr().err == ""


def test_progress_stops_where_a_failure_happened(tree, capsys):
    def fails_on_the_fifth(y, sr, calls=[]):  # noqa: B006 - counts the calls
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("boom")
        return y[:3]

    with pytest.raises(ValueError, match="boom"):
        dataset.load_dataset(tree, feature=fails_on_the_fifth, progress=True)
    assert "12/12" in capsys.readouterr().err  # the error is collected, every clip is tried


# ------------------------------------------------------------------ errors


def test_missing_and_wrong_root(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere"):
        dataset.load_dataset(tmp_path / "nowhere", progress=False)
    (tmp_path / "file.wav").write_bytes(b"RIFF")
    with pytest.raises(NotADirectoryError):
        dataset.load_dataset(tmp_path / "file.wav", progress=False)
    with pytest.raises(TypeError, match="root"):
        dataset.load_dataset(42, progress=False)


def test_no_class_folders(tmp_path):
    sf.write(tmp_path / "loose.wav", np.zeros(1000), SR)
    with pytest.raises(ValueError, match="no class folders"):
        dataset.load_dataset(tmp_path, progress=False)


def test_empty_class(tree):
    (tree / "cat").mkdir()
    (tree / "cat" / "notes.txt").write_text("no sound here")
    with pytest.raises(ValueError, match="cat.*no sound files"):
        dataset.load_dataset(tree, progress=False)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_unreadable_file_is_named(tree, n_jobs):
    (tree / "noise" / "broken.wav").write_bytes(b"this is not a wav file")
    with pytest.raises(ValueError, match="broken.wav"):
        dataset.load_dataset(tree, progress=False, n_jobs=n_jobs, feature=first_sample)


def test_failing_and_inconsistent_feature_named(tree):
    def picky(y, sr):
        if np.abs(y).max() > 0.45:
            raise RuntimeError("too loud")
        return y[:2]

    with pytest.raises(ValueError, match=r"feature function failed on .*chirp.*too loud"):
        dataset.load_dataset(tree, feature=picky, progress=False)
    # the shape most clips have is the reference: tone0 is the odd one out
    with pytest.raises(
        ValueError, match=r"shape \(2,\) for sine/tone0.wav but \(3,\) for sine/tone1"
    ):
        dataset.load_dataset(
            tree,
            feature=lambda y, sr: np.zeros(2 if abs(y[1]) < 0.05 else 3),
            progress=False,
            classes=["sine"],
        )
    with pytest.raises(TypeError, match="feature"):
        dataset.load_dataset(tree, feature="mfcc", progress=False)


@pytest.mark.parametrize(
    "n_jobs, error",
    [(0, ValueError), (-2, ValueError), (1.5, TypeError), (True, TypeError), ("2", TypeError)],
)
def test_bad_n_jobs(tree, n_jobs, error):
    with pytest.raises(error, match="n_jobs"):
        dataset.load_dataset(tree, n_jobs=n_jobs, progress=False)


def test_bad_progress_and_sr(tree):
    with pytest.raises(TypeError, match="progress"):
        dataset.load_dataset(tree, progress="no")
    with pytest.raises(ValueError, match="sr"):
        dataset.load_dataset(tree, sr=0, progress=False)


def test_all_cores(tree):
    X, _, _ = dataset.load_dataset(tree, feature=first_sample, n_jobs=-1, progress=False)
    assert X.shape == (12, 3)


# ------------------------------------------------------------------ manifests


def test_read_manifest(tmp_path):
    (tmp_path / "manifest.csv").write_text("file,label,group\npiano/a.flac,piano,pitch_60\n")
    rows = dataset.read_manifest(tmp_path)
    assert rows == {"piano/a.flac": {"file": "piano/a.flac", "label": "piano", "group": "pitch_60"}}
    (tmp_path / "manifest.csv").unlink()
    with pytest.raises(FileNotFoundError, match="manifest.csv"):
        dataset.read_manifest(tmp_path)


def test_shipped_manifest_matches_the_folders():
    files, labels = dataset.find_clips(dataset.shipped_dataset_dir())
    rows = dataset.read_manifest()
    assert sorted(rows) == files
    assert [rows[f]["label"] for f in files] == labels


# ------------------------------------------------------------------ bad input, round two


def counting(calls):
    """A feature function that records each call."""

    def feature(y, sr):
        calls.append(1)
        return y[:3]

    return feature


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_every_unreadable_clip_is_named_at_once_before_any_work(tree, tmp_path, n_jobs):
    # Before: the first bad clip was named after every good one was processed, and a broken
    # link was skipped without a word.
    import os

    (tree / "noise" / "broken.wav").write_bytes(b"this is not a wav file")
    (tree / "sine" / "empty.wav").write_bytes(b"")
    (tree / "chirp" / "gone.flac").symlink_to(tmp_path / "deleted.flac")
    if hasattr(os, "mkfifo"):
        os.mkfifo(tree / "sine" / "pipe.wav")
    calls = []
    with pytest.raises(
        dataset.BadClipsError, match=r"clips cannot be read, so none was loaded"
    ) as info:
        dataset.load_dataset(tree, feature=counting(calls), progress=False, n_jobs=n_jobs)
    assert calls == []  # found from the headers, before decoding anything
    named = dict(info.value.failures)
    expected = {"noise/broken.wav", "sine/empty.wav", "chirp/gone.flac"}
    if hasattr(os, "mkfifo"):
        expected.add("sine/pipe.wav")
        assert "not a regular file" in named["sine/pipe.wav"]
    assert set(named) == expected
    assert "broken link" in named["chirp/gone.flac"]
    message = str(info.value)
    assert f"{len(expected)} of {12 + len(expected)} clips" in message
    assert all(file in message for file in expected)
    assert isinstance(info.value, ValueError)


def test_find_clips_lists_broken_links(tree, tmp_path):
    (tree / "sine" / "gone.wav").symlink_to(tmp_path / "deleted.wav")
    files, _ = dataset.find_clips(tree)
    assert "sine/gone.wav" in files


def test_every_feature_failure_is_named_at_once(tree):
    def picky(y, sr):
        if np.abs(y).max() > 0.45:
            raise RuntimeError("too loud")
        return y[:2]

    with pytest.raises(dataset.BadClipsError) as info:
        dataset.load_dataset(tree, feature=picky, progress=False)
    failed = [file for file, _ in info.value.failures]
    assert len(failed) == 8 and all(f.startswith(("chirp/", "sine/")) for f in failed)
    assert "The feature function failed on 8 of 12 clips" in str(info.value)
    assert all(file in str(info.value) for file in failed)


def test_feature_values_that_are_not_finite_are_named(tree):
    def nan_for_noise(y, sr):
        return np.array([np.nan if np.abs(y).max() < 0.35 else 1.0])

    with pytest.raises(dataset.BadClipsError, match="gave NaN or infinite values") as info:
        dataset.load_dataset(tree, feature=nan_for_noise, progress=False)
    assert sorted(f for f, _ in info.value.failures) == [f"noise/noise{k}.wav" for k in range(4)]


def test_every_clip_of_another_shape_is_named(tree):
    with pytest.raises(
        dataset.BadClipsError, match=r"The 4 clip\(s\) whose shape is not \(2,\)"
    ) as info:
        dataset.load_dataset(
            tree,
            feature=lambda y, sr: np.zeros(3 if np.abs(y).max() < 0.35 else 2),
            progress=False,
        )
    assert [f for f, _ in info.value.failures] == [f"noise/noise{k}.wav" for k in range(4)]


def test_long_lists_of_failures_are_counted(tree):
    for k in range(25):
        (tree / "noise" / f"bad{k:02d}.wav").write_bytes(b"junk")
    with pytest.raises(dataset.BadClipsError, match=r"\.\.\. and 5 more") as info:
        dataset.load_dataset(tree, progress=False)
    assert len(info.value.failures) == 25


@pytest.mark.parametrize(
    "kw,exc,words",
    [
        (
            dict(classes=[]),
            ValueError,
            r"classes is empty: name at least one class folder.*'chirp'",
        ),
        (dict(classes=()), ValueError, "classes is empty"),
        (dict(classes=42), TypeError, r"classes must be a string or a list of strings"),
        (dict(classes=["sine", 3]), TypeError, r"classes must hold strings only"),
        (dict(extensions=None), TypeError, r"extensions must be a string or a list of strings"),
        (dict(extensions=[]), ValueError, r"extensions is empty"),
        (dict(extensions=[".wav", 7]), TypeError, r"extensions must hold strings only"),
        (dict(extensions=["."]), ValueError, r"extensions must be file endings such as '.wav'"),
        (dict(sr=1e12), ValueError, r"sr must be at most 384,000 Hz"),
    ],
)
def test_bad_options_are_refused(tree, kw, exc, words):
    with pytest.raises(exc, match=words):
        dataset.load_dataset(tree, progress=False, **kw)


def test_find_clips_checks_extensions(tree):
    with pytest.raises(TypeError, match="extensions"):
        dataset.find_clips(tree, extensions=None)
    with pytest.raises(ValueError, match="noise holds no sound files"):
        dataset.find_clips(tree, extensions="flac")  # one ending as a string
    files, _ = dataset.find_clips(tree, extensions=("WAV", "flac"))
    assert len(files) == 12


def test_read_and_feature_failures_are_named_together(tree, monkeypatch):
    # A clip whose header is fine but whose decoding fails, next to feature failures.
    real_load = dataset.load_audio

    def load(path, *, sr):
        if path.name == "tone2.wav":
            raise ValueError("truncated data")
        return real_load(path, sr=sr)

    def fails_on_noise(y, sr):
        if np.abs(y).max() < 0.35:
            raise RuntimeError("too quiet")
        return y[:2]

    monkeypatch.setattr(dataset, "load_audio", load)
    with pytest.raises(
        dataset.BadClipsError, match=r"5 of 12 clips failed: 1 could not be read"
    ) as info:
        dataset.load_dataset(tree, feature=fails_on_noise, progress=False)
    named = dict(info.value.failures)
    assert named["sine/tone2.wav"] == "could not be read: truncated data"
    assert named["noise/noise0.wav"] == "the feature function failed: RuntimeError: too quiet"


def test_the_usual_shape_is_the_reference(tree):
    # One odd clip first: it is the one named, not the eleven after it.
    with pytest.raises(
        dataset.BadClipsError, match=r"The 1 clip\(s\) whose shape is not \(2,\)"
    ) as info:
        dataset.load_dataset(
            tree,
            feature=lambda y, sr, calls=[]: np.zeros(
                3 if not calls.append(1) and len(calls) == 1 else 2
            ),  # noqa: B006
            progress=False,
        )
    assert [f for f, _ in info.value.failures] == ["chirp/sweep0.flac"]
