"""helpers.exercises: right answers pass, wrong ones fail (loudly in strict mode), missing ones hint.

The ``lenient`` fixture (tests/conftest.py) turns strict mode off, so a wrong answer
returns feedback instead of raising."""

import numpy as np
import pytest
import soundfile as sf
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from helpers import dataset, features, signals, spectral
from helpers import exercises as E


def test_strict_mode_is_on_under_the_tests():
    assert E.strict_mode()


def test_not_attempted_is_a_hint_not_an_error(capsys):
    assert E.check_period(...).ok is None
    assert E.check_period(None).ok is None
    assert E.check_quantize(...).ok is None
    assert "Not attempted" in capsys.readouterr().out


def test_wrong_answers_raise_in_strict_mode():
    with pytest.raises(AssertionError, match="period"):
        E.check_period(5.0)


def test_wrong_answers_give_feedback_when_not_strict(lenient, capsys):
    assert E.check_period(5.0).ok is False
    assert "Not yet" in capsys.readouterr().out
    assert E.check_octaves([110, 220, 440]).ok is False  # wrong length
    assert E.check_octaves("lots").ok is False


def test_feedback_renders_as_html():
    fb = E.Feedback("wrong", "a < b")
    assert "a &lt; b" in fb._repr_html_()
    assert fb.ok is False


RIGHT_AND_WRONG = [
    (E.check_period, 4.0, 4.4, {}),
    (E.check_octaves, [110, 220, 440, 880, 1760], [110, 220, 440, 880, 1320], {}),
    (E.check_duration, 2.0, 2.2, {"n_samples": 44100, "sr": 22050}),
    (E.check_alias, 7050, 15000, {"freq": 15000, "sr": 22050}),
    (E.check_harmonics, [440, 880, 1320, 1760, 2200], [440, 880, 1760, 3520, 7040], {}),
]


@pytest.mark.parametrize(
    "check,right,wrong,kw", RIGHT_AND_WRONG, ids=lambda v: getattr(v, "__name__", "")
)
def test_value_checks(check, right, wrong, kw, lenient):
    assert check(right, **kw).ok is True
    assert check(wrong, **kw).ok is False


def test_rms_db_check(lenient):
    y = signals.sine(440, 1.0, amplitude=0.5)
    assert E.check_rms_db(20 * np.log10(0.5 / np.sqrt(2)), y=y).ok is True
    assert E.check_rms_db(20 * np.log10(0.5), y=y).ok is False


def test_function_checks(lenient):
    assert E.check_midi_to_hz(lambda n: 440 * 2 ** ((n - 69) / 12)).ok is True
    assert E.check_midi_to_hz(lambda n: 440 * 2 ** ((n - 69) / 10)).ok is False
    assert E.check_midi_to_hz(lambda n: None).ok is False
    assert E.check_quantize(signals.quantize).ok is True
    # a mid-tread quantizer is a different convention: rejected, with a hint
    assert (
        E.check_quantize(lambda y, b: np.round(np.asarray(y) * 2 ** (b - 1)) / 2 ** (b - 1)).ok
        is False
    )
    assert (
        E.check_adsr(lambda a, d, s, r, dur, sr: signals.adsr_envelope(a, d, s, r, dur, sr=sr)).ok
        is True
    )
    assert E.check_adsr(lambda a, d, s, r, dur, sr: np.ones(int(round(dur * sr)))).ok is False


def test_function_check_reports_learner_errors(lenient, capsys):
    def broken(y, bits):
        raise ZeroDivisionError("oops")

    assert E.check_quantize(broken).ok is False
    assert "ZeroDivisionError" in capsys.readouterr().out

    def todo(y, bits):
        raise NotImplementedError

    assert E.check_quantize(todo).ok is None
    assert E.check_quantize(42).ok is False


# -------------------- notebook 04 (moved from test_nb04_additions.py)


@pytest.mark.parametrize("center", [True, False])
def test_check_frame_count_accepts_the_count_features_return(center):
    n = 246960
    right = len(features.rms(np.zeros(n), frame_length=1024, hop_length=512, center=center))
    assert (
        E.check_frame_count(right, n_samples=n, frame_length=1024, hop_length=512, center=center).ok
        is True
    )


def test_check_frame_count_rejects_the_other_convention(monkeypatch):
    with pytest.raises(AssertionError, match="center=False"):
        E.check_frame_count(483, n_samples=246960, frame_length=1024, hop_length=512, center=False)
    monkeypatch.setenv(E.STRICT_ENV, "0")
    assert (
        E.check_frame_count(
            482, n_samples=246960, frame_length=1024, hop_length=512, center=True
        ).ok
        is False
    )
    assert (
        E.check_frame_count(
            ..., n_samples=246960, frame_length=1024, hop_length=512, center=True
        ).ok
        is None
    )


def test_check_frame_count_names_the_ragged_count(monkeypatch):
    # 2048 samples, hop 512: ceil(n / hop) = 4, whole frames of 1024 = 3
    with pytest.raises(AssertionError, match="ceil"):
        E.check_frame_count(4, n_samples=2048, frame_length=1024, hop_length=512, center=False)


def test_check_frame_duration(monkeypatch):
    assert E.check_frame_duration(1000 * 1024 / 22050, frame_length=1024, sr=22050)
    with pytest.raises(AssertionError, match="seconds"):
        E.check_frame_duration(1024 / 22050, frame_length=1024, sr=22050)
    monkeypatch.setenv(E.STRICT_ENV, "0")
    assert E.check_frame_duration(50, frame_length=1024, sr=22050).ok is False
    assert E.check_frame_duration(None, frame_length=1024, sr=22050).ok is None


def test_check_overlap(monkeypatch):
    assert E.check_overlap(50, frame_length=1024, hop_length=512)
    assert E.check_overlap(75.0, frame_length=2048, hop_length=512)
    assert E.check_overlap(0, frame_length=512, hop_length=1024)
    with pytest.raises(AssertionError, match="fraction"):
        E.check_overlap(0.75, frame_length=2048, hop_length=512)
    with pytest.raises(AssertionError, match="hop as a percentage"):
        E.check_overlap(25, frame_length=2048, hop_length=512)
    monkeypatch.setenv(E.STRICT_ENV, "0")
    assert E.check_overlap(..., frame_length=2048, hop_length=512).ok is None


def _loop_frames(y, frame_length, hop_length):
    starts = range(0, len(y) - frame_length + 1, hop_length)
    return np.array([y[s : s + frame_length] for s in starts])


def test_check_frame_signal(monkeypatch):
    assert E.check_frame_signal(_loop_frames).ok is True

    def ragged(y, frame_length, hop_length):  # keeps a short last frame: wrong shape
        frames = [y[s : s + frame_length] for s in range(0, len(y), hop_length)]
        return np.array([np.pad(f, (0, frame_length - len(f))) for f in frames])

    def columns(y, frame_length, hop_length):  # librosa's layout, not ours
        return _loop_frames(y, frame_length, hop_length).T

    def not_written(y, frame_length, hop_length):
        raise NotImplementedError

    for wrong in (ragged, columns):
        with pytest.raises(AssertionError):
            E.check_frame_signal(wrong)
    monkeypatch.setenv(E.STRICT_ENV, "0")
    assert E.check_frame_signal(not_written).ok is None
    assert E.check_frame_signal(...).ok is None
    assert E.check_frame_signal(columns).ok is False


# -------------------- notebook 05 (moved from test_nb05_additions.py)


def _starts(n, frame_length, hop_length):
    return range(0, n - frame_length + 1, hop_length)


def good_ae(y, frame_length, hop_length):
    y = np.asarray(y)
    return np.array(
        [np.abs(y[s : s + frame_length]).max() for s in _starts(len(y), frame_length, hop_length)]
    )


def signed_ae(y, frame_length, hop_length):  # the source article's mistake
    y = np.asarray(y)
    return np.array(
        [y[s : s + frame_length].max() for s in _starts(len(y), frame_length, hop_length)]
    )


def centred_ae(y, frame_length, hop_length):  # right idea, wrong framing convention
    return features.amplitude_envelope(y, frame_length=frame_length, hop_length=hop_length)


def good_rms(y, frame_length, hop_length):
    p = np.pad(np.asarray(y, dtype=float), frame_length // 2)
    return np.array(
        [
            np.sqrt(np.mean(p[s : s + frame_length] ** 2))
            for s in _starts(len(p), frame_length, hop_length)
        ]
    )


def uncentred_rms(y, frame_length, hop_length):
    return features.rms(y, frame_length=frame_length, hop_length=hop_length, center=False)


def no_root_rms(y, frame_length, hop_length):
    return good_rms(y, frame_length, hop_length) ** 2


def good_zcr(y, frame_length, hop_length):
    y = np.asarray(y)
    out = []
    for s in _starts(len(y), frame_length, hop_length):
        neg = y[s : s + frame_length] < 0
        out.append(np.sum(neg[1:] != neg[:-1]) / frame_length)
    return np.array(out)


def sign_zcr(y, frame_length, hop_length):  # np.sign makes 0 a third sign
    y = np.asarray(y)
    out = []
    for s in _starts(len(y), frame_length, hop_length):
        sg = np.sign(y[s : s + frame_length])
        out.append(np.sum(sg[1:] != sg[:-1]) / frame_length)
    return np.array(out)


def minus_one_zcr(y, frame_length, hop_length):
    return good_zcr(y, frame_length, hop_length) * frame_length / (frame_length - 1)


def not_written(y, frame_length, hop_length):
    raise NotImplementedError


@pytest.mark.parametrize(
    "check,right,wrongs",
    [
        (E.check_amplitude_envelope, good_ae, [signed_ae, centred_ae]),
        (E.check_rms, good_rms, [uncentred_rms, no_root_rms]),
        (E.check_zcr, good_zcr, [sign_zcr, minus_one_zcr]),
    ],
    ids=["ae", "rms", "zcr"],
)
def test_feature_checks(check, right, wrongs, lenient):
    assert check(right).ok is True
    for wrong in wrongs:
        assert check(wrong).ok is False, wrong.__name__
    assert check(...).ok is None
    assert check(None).ok is None
    assert check(not_written).ok is None
    assert check(42).ok is False


def test_feature_check_raises_in_strict_mode():
    with pytest.raises(AssertionError, match="my_amplitude_envelope"):
        E.check_amplitude_envelope(signed_ae)


def test_feature_cases_have_no_tiny_nonzero_samples():
    # y < 0 and librosa's |y| <= 1e-10 threshold must agree on every test signal.
    from helpers.exercises.time_domain import feature_cases

    for case in feature_cases():
        y = np.asarray(case.args[0])
        assert not np.any((y != 0) & (np.abs(y) <= 1e-10))


def _speech_like():
    rng = np.random.default_rng(0)
    clean = np.zeros(22050 * 2)
    clean[4000:14000] = 0.5 * np.sin(np.arange(10000) * 0.3)
    clean[25000:38000] = rng.uniform(-0.3, 0.3, 13000)
    noisy = clean + rng.uniform(-0.003, 0.003, len(clean))
    return clean, noisy


def _mask(noisy, threshold_db):
    r = features.rms(noisy, frame_length=1024, hop_length=512)
    return 20 * np.log10(r) < threshold_db


def test_silences_check(lenient):
    clean, noisy = _speech_like()
    assert E.check_silences(_mask(noisy, -45), clean=clean).ok is True
    assert E.check_silences(_mask(noisy, -45).astype(int), clean=clean).ok is True
    assert E.check_silences(~_mask(noisy, -45), clean=clean).ok is False  # inverted
    assert E.check_silences(_mask(noisy, -70), clean=clean).ok is False  # below the noise floor
    assert E.check_silences(_mask(noisy, -5), clean=clean).ok is False  # everything silent
    assert E.check_silences(_mask(noisy, -45)[:-1], clean=clean).ok is False  # wrong length
    assert E.check_silences(np.full(87, 0.5), clean=clean).ok is False
    assert E.check_silences("silent", clean=clean).ok is False
    assert E.check_silences(..., clean=clean).ok is None


def test_hop_length_check(lenient):
    assert E.check_hop_length(220).ok is True
    assert E.check_hop_length(221).ok is True
    assert E.check_hop_length(np.int64(220)).ok is True
    assert E.check_hop_length(220.0).ok is True
    assert E.check_hop_length(220.5).ok is False
    assert E.check_hop_length(512).ok is False
    assert E.check_hop_length(True).ok is False
    assert E.check_hop_length([220]).ok is True  # a size-1 list counts as its number
    assert E.check_hop_length(441, resolution_s=0.020).ok is True
    assert E.check_hop_length(160, resolution_s=0.010, sr=16000).ok is True
    assert E.check_hop_length(161, resolution_s=0.010, sr=16000).ok is False
    assert E.check_hop_length(...).ok is None


def test_frame_length_check(lenient, capsys):
    assert E.check_frame_length(1024).ok is True
    assert E.check_frame_length(512).ok is False
    assert "shorter than" in capsys.readouterr().out
    assert E.check_frame_length(2048).ok is False
    assert "long enough" in capsys.readouterr().out
    assert E.check_frame_length(1000).ok is False
    assert "power of two" in capsys.readouterr().out
    assert E.check_frame_length(551.25).ok is False
    assert E.check_frame_length(512, min_duration_s=0.020).ok is True
    assert E.check_frame_length(None).ok is None


# -------------------- notebook 06 (moved from test_nb06_additions.py)


def test_nearest_bin(lenient):
    assert E.check_nearest_bin(93, freq=1000, sr=22050, n_fft=2048).ok is True
    assert E.check_nearest_bin(93.0, freq=1000, sr=22050, n_fft=2048).ok is True
    assert E.check_nearest_bin(92.88, freq=1000, sr=22050, n_fft=2048).ok is False  # not rounded
    assert E.check_nearest_bin(92, freq=1000, sr=22050, n_fft=2048).ok is False
    assert E.check_nearest_bin(46, freq=1000, sr=44100, n_fft=2048).ok is True
    assert E.check_nearest_bin(..., freq=1000, sr=22050, n_fft=2048).ok is None


def test_frequency_resolution(lenient):
    assert E.check_frequency_resolution(22050 / 4096, sr=22050, n_fft=4096).ok is True
    assert (
        E.check_frequency_resolution(5.38, sr=22050, n_fft=4096).ok is True
    )  # 3 digits are enough
    assert E.check_frequency_resolution(4096 / 22050, sr=22050, n_fft=4096).ok is False
    assert E.check_frequency_resolution(None, sr=22050, n_fft=4096).ok is None


def test_fourier_checks_raise_in_strict_mode():
    with pytest.raises(AssertionError, match="bin"):
        E.check_nearest_bin(92, freq=1000, sr=22050, n_fft=2048)
    with pytest.raises(AssertionError, match="my_dft"):
        E.check_dft(lambda x: np.fft.rfft(x))


def _dft_table(x):
    n = np.arange(len(x))
    return np.exp(-2j * np.pi * np.outer(n, n) / len(x)) @ np.asarray(x)


def _dft_loops(x):
    N = len(x)
    return [sum(x[n] * np.exp(-2j * np.pi * k * n / N) for n in range(N)) for k in range(N)]


def _not_written(x):
    raise NotImplementedError


@pytest.mark.parametrize("right", [_dft_table, _dft_loops, np.fft.fft, spectral.dft])
def test_dft_check_accepts_right_answers(right):
    assert E.check_dft(right).ok is True


@pytest.mark.parametrize(
    "wrong,message",
    [
        (
            lambda x: np.conj(np.fft.fft(x)),
            "wrong sign",
        ),  # exp(+2j...) instead of exp(-2j...)
        (lambda x: np.fft.rfft(x), "bins"),  # only half the bins
        (lambda x: np.abs(np.fft.fft(x)), "differs"),  # magnitudes only
        (lambda x: np.fft.fft(x) / len(x), "differs"),  # another normalisation
        (lambda x: None, "return"),
        (lambda x: 1 / 0, "ZeroDivisionError"),
        (42, "function"),
    ],
)
def test_dft_check_rejects_wrong_answers(wrong, message, lenient, capsys):
    assert E.check_dft(wrong).ok is False
    assert message in capsys.readouterr().out


def test_dft_check_not_attempted(capsys):
    assert E.check_dft(...).ok is None
    assert E.check_dft(_not_written).ok is None
    assert "Not attempted" in capsys.readouterr().out


def test_dft_check_does_not_let_the_learner_change_the_cases():
    def sneaky(x):
        x[:] = 0  # works on a copy, so the reference still sees the real signal
        return np.zeros(len(x), dtype=complex)

    with pytest.raises(AssertionError):
        E.check_dft(sneaky)


# -------------------- notebook 07 (moved from test_nb07_additions.py)


def _my_stft(y, n_fft, hop_length):
    from helpers import features

    frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
    return np.fft.rfft(frames * spectral.get_window("hann", n_fft), axis=1).T


@pytest.mark.parametrize(
    "check,right,wrongs",
    [
        (E.check_bin_frequency, 100 * 22050 / 2048, [100 * 22050 / 1024, 100.0, "x"]),
        (E.check_n_fft_for_resolution, 8192, [4096, 16384, 4410, 0, 2.5, "8192"]),
        (
            E.check_stft,
            _my_stft,
            [
                lambda y, n, h: np.abs(_my_stft(y, n, h)),  # magnitudes, not complex values
                lambda y, n, h: _my_stft(y, n, h).T,  # frames as rows
                lambda y, n, h: spectral.stft(y, n_fft=n, hop_length=h),  # centre-padded
                lambda y, n, h: (
                    np.fft.rfft(np.lib.stride_tricks.sliding_window_view(y, n)[::h], axis=1).T
                ),
                lambda y, n, h: None,
                42,
            ],
        ),
        (
            E.check_hz_to_mel,
            lambda f: 2595 * np.log10(1 + np.asarray(f) / 700),
            [lambda f: spectral.hz_to_mel(f), lambda f: 1127 * np.log10(1 + np.asarray(f) / 700)],
        ),
    ],
)
def test_spectrogram_checks_accept_right_reject_wrong_and_hint(
    check, right, wrongs, lenient, capsys
):
    assert check(right).ok is True
    assert check(...).ok is None
    assert "Not attempted" in capsys.readouterr().out
    for wrong in wrongs:
        assert check(wrong).ok is False, wrong


def test_spectrogram_checks_raise_in_strict_mode():
    with pytest.raises(AssertionError, match="not a power of two"):
        E.check_n_fft_for_resolution(4410)
    with pytest.raises(AssertionError, match="smaller power of two"):
        E.check_n_fft_for_resolution(16384)


def test_stft_check_reports_an_unwritten_function_as_not_attempted(lenient):
    def my_stft(y, n_fft, hop_length):
        raise NotImplementedError

    assert E.check_stft(my_stft).ok is None


def test_n_fft_check_follows_its_parameters(lenient):
    assert E.check_n_fft_for_resolution(2048, max_bin_hz=10.0, sr=16000).ok is True
    assert E.check_n_fft_for_resolution(1024, max_bin_hz=10.0, sr=16000).ok is False


# -------------------- notebook 09 (moved from test_nb08_additions.py)


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


def test_added_feature_accepted_and_reports_accuracies(pipeline, capsys):
    assert E.check_added_feature(zcr_feature, **pipeline).ok is True
    out = capsys.readouterr().out
    assert "2 numbers per clip" in out and "without it" in out and "with it" in out
    # the zero-crossing rate separates tones from noise: 100 % on the test clips
    assert "100.0% with it" in out


def test_added_feature_single_number_is_fine(pipeline, capsys):
    assert E.check_added_feature(lambda y, sr: float(np.std(y)), **pipeline).ok is True
    assert "1 number per clip" in capsys.readouterr().out


def test_added_feature_not_attempted(pipeline):
    assert E.check_added_feature(..., **pipeline).ok is None

    def my_feature(y, sr):
        raise NotImplementedError

    assert E.check_added_feature(my_feature, **pipeline).ok is None


@pytest.mark.parametrize(
    "func, message",
    [
        (lambda y, sr: y[: len(y) // 1000], "must not depend on the clip's duration"),
        (lambda y, sr: np.ones((2, 3)), "flat vector"),
        (lambda y, sr: np.array([np.nan]), "NaN"),
        (lambda y, sr: None, "return"),
        (lambda y, sr: "loud", "numbers"),
        (lambda y, sr: 1 / 0, "ZeroDivisionError"),
        ("mean", "should be a function"),
    ],
)
def test_added_feature_rejects(pipeline, func, message):
    with pytest.raises(AssertionError, match=message):
        E.check_added_feature(func, **pipeline)


def test_added_feature_rejects_nan_on_real_clips(pipeline, lenient, capsys):
    def nan_on_quiet(y, sr):  # fine on the probes, NaN on the quietest clips
        return [np.nan if np.abs(y).max() < 0.12 else 1.0]

    assert E.check_added_feature(nan_on_quiet, **pipeline).ok is False
    assert "NaN" in capsys.readouterr().out


def test_added_feature_wrong_files(pipeline, lenient):
    wrong = dict(pipeline, files=pipeline["files"][::-1])
    assert E.check_added_feature(zcr_feature, **wrong).ok is False


CLASSES = ["flute", "guitar", "piano", "speech"]


CM = np.array([[10, 0, 0, 0], [0, 8, 2, 0], [0, 1, 9, 0], [1, 0, 0, 12]])


@pytest.mark.parametrize(
    "answer", [("guitar", "piano"), ["piano", "guitar"], (np.str_("piano"), np.str_("guitar"))]
)
def test_confused_pair_right(answer):
    assert E.check_confused_pair(answer, cm=CM, classes=CLASSES).ok is True


def test_confused_pair_ties_accept_either(capsys):
    tie = np.array([[5, 1, 0], [0, 5, 0], [1, 0, 5]])  # (a, b) once and (a, c) once
    assert E.check_confused_pair(("a", "b"), cm=tie, classes="abc").ok is True
    assert E.check_confused_pair(("c", "a"), cm=tie, classes="abc").ok is True


@pytest.mark.parametrize(
    "answer, message",
    [
        (("flute", "speech"), "another pair"),
        (("piano", "piano"), "two different"),
        (("piano", "cello"), "not a class"),
        ("piano", "pair of two"),
        (("piano",), "pair of two"),
        (3, "pair of two"),
    ],
)
def test_confused_pair_wrong(answer, message):
    with pytest.raises(AssertionError, match=message):
        E.check_confused_pair(answer, cm=CM, classes=CLASSES)


def test_confused_pair_not_attempted_and_no_mistakes(lenient):
    assert E.check_confused_pair(..., cm=CM, classes=CLASSES).ok is None
    assert E.check_confused_pair(None, cm=CM, classes=CLASSES).ok is None
    perfect = np.diag([3, 4, 5, 6])
    assert E.check_confused_pair(("flute", "piano"), cm=perfect, classes=CLASSES).ok is False
    with pytest.raises(ValueError, match="cm"):
        E.check_confused_pair(("flute", "piano"), cm=CM[:3], classes=CLASSES)
