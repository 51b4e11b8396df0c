"""Every check at once: any answer at all gets feedback, never a traceback.

Each value check gets a battery of answers of every type, and each function check a battery of
learner functions returning or doing anything; each must come back as an Outcome (strict mode
off).  The not-attempted nudges must not give the answer away.
"""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import soundfile as sf
from exercise_messages import not_said
from sklearn.linear_model import LogisticRegression

from helpers import dataset, signals
from helpers import exercises as E

pytestmark = pytest.mark.usefixtures("lenient")

Y = signals.sine(440, 0.5, amplitude=0.5)
CM = np.array([[5, 1], [2, 5]])
ROLLOFF_FREQS = np.arange(9) * 500.0  # notebook 08's spectrum: its 85 % roll-off is 3000 Hz
ROLLOFF_MAGS = np.array([0, 8, 1, 2, 3, 2, 1, 2, 1], dtype=float)
SHAPE = dict(input_shape=(32, 22, 1), filters=12, kernel_size=5, padding="valid", pool_size=2)
PARAMS = dict(kernel_size=5, in_channels=16, filters=24)
CLIPS = [signals.sine(300, 0.5, sr=22050, amplitude=0.3), signals.sine(500, 0.5, sr=22050)]
AUGMENTATION = dict(clips=CLIPS, sr=22050, measure=lambda images: 0.5, baseline=0.5, n_test=10)

VALUE_CHECKS = [
    (E.check_period, {}),
    (E.check_octaves, {}),
    (E.check_duration, {"n_samples": 246_960, "sr": 22050}),
    (E.check_alias, {"freq": 30000, "sr": 44100}),
    (E.check_bit_depth, {}),
    (E.check_rms_db, {"y": Y}),
    (E.check_harmonics, {}),
    (E.check_frame_duration, {"frame_length": 2048, "sr": 44100}),
    (E.check_overlap, {"frame_length": 2048, "hop_length": 512}),
    (
        E.check_frame_count,
        {"n_samples": 65536, "frame_length": 2048, "hop_length": 512, "center": True},
    ),
    (E.check_silences, {"clean": np.zeros(4096)}),
    (E.check_hop_length, {}),
    (E.check_frame_length, {}),
    (E.check_bin_frequency, {"k": 100, "sr": 22050, "n_fft": 2048}),
    (E.check_nearest_bin, {"freq": 1000, "sr": 22050, "n_fft": 2048}),
    (E.check_frequency_resolution, {"sr": 22050, "n_fft": 4096}),
    (E.check_n_fft_for_resolution, {}),
    (E.check_confused_pair, {"cm": CM, "classes": ["cat", "dog"]}),
    (E.check_rolloff_frequency, {"S": ROLLOFF_MAGS, "freqs": ROLLOFF_FREQS}),
    (E.check_flute_or_noise, {}),
    (E.check_split_frequency, {}),
    (E.check_conv_pool_shape, SHAPE),
    (E.check_conv_params, PARAMS),
]

FUNCTION_CHECKS = [
    E.check_midi_to_hz,
    E.check_quantize,
    E.check_adsr,
    E.check_frame_signal,
    E.check_amplitude_envelope,
    E.check_rms,
    E.check_zcr,
    E.check_dft,
    E.check_stft,
    E.check_hz_to_mel,
    E.check_centroid,
]


class _Weird:
    """An object that breaks whatever is done with it."""

    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no array")

    def __len__(self):
        raise RuntimeError("no length")

    def __float__(self):
        raise RuntimeError("no float")

    def __iter__(self):
        raise RuntimeError("no iteration")

    def __eq__(self, other):
        raise RuntimeError("no comparison")

    __hash__ = object.__hash__


def _answers():
    """Answers of every kind, made fresh for each use (iterators are used up)."""
    return [
        "4",
        "four",
        "",
        b"4",
        True,
        False,
        np.True_,
        4 + 1j,
        4 + 0j,
        np.complex64(1),
        {"a": 1},
        {1, 2},
        map(float, [1, 2]),
        (x for x in range(3)),
        iter([1.0]),
        range(5),
        [1, None],
        [[1, 2], [3]],
        [],
        (),
        [[]],
        np.array([]),
        np.zeros((2, 2)),
        np.array(["a", "b"]),
        np.array([1, None], dtype=object),
        np.array([True, False]),
        float("nan"),
        float("inf"),
        -1,
        0,
        10**30,
        1e-300,
        -0.0,
        len,
        object(),
        _Weird(),
        Decimal("4"),
        Fraction(1, 3),
        np.float16(4),
        np.ma.masked_array([1.0, 2.0], mask=[0, 1]),
        [4],
        [[4]],
        (4,),
        np.array([[4.0]]),
        slice(3),
        ("cat", "dog", "bird"),
        ("cat", 1),
        (1, 0),
        np.datetime64("2020-01-01"),
        [1.0] * 1000,
        np.ones(87),
        np.ones(87, dtype=bool),
    ]


@pytest.mark.parametrize("check, kwargs", VALUE_CHECKS, ids=lambda v: getattr(v, "__name__", ""))
def test_value_checks_answer_anything_with_feedback(check, kwargs):
    for answer in _answers():
        out = check(answer, **kwargs)
        assert isinstance(out, E.Outcome) and out.ok in (True, False, None), answer
        assert out.feedback.message


def _returning(value):
    def learner(*args, **kwargs):
        return value

    return learner


def _doing(action):
    def learner(*args, **kwargs):
        return action(*args)

    return learner


def _behaviours():
    learners = [_returning(v) for v in _answers()] + [_returning(None)]
    learners += [
        _doing(lambda *a: 1 / 0),
        _doing(lambda *a: [][1]),
        _doing(lambda *a: {}["x"]),
        _doing(lambda *a: undefined),  # noqa: F821
        _doing(lambda *a: int("x")),
        _doing(lambda *a: np.zeros(3).reshape(2, 2)),
        _doing(lambda *a: (_ for _ in ()).throw(StopIteration)),
        _doing(lambda *a: exit()),
        _doing(lambda *a: a),
        _doing(lambda *a: a[0]),
        _doing(lambda *a: -np.asarray(a[0])),
        _doing(lambda *a: np.asarray(a[0])[::-1]),
        _doing(lambda *a: [np.asarray(a[0])] * 3),
        _doing(lambda *a: np.asarray(a[0], dtype=float) * np.nan),
        _doing(lambda *a: np.full(np.shape(a[0]), np.inf)),
        lambda: 1,
        lambda *a, **k: print("printing, not returning"),
    ]
    return learners


@pytest.mark.parametrize("check", FUNCTION_CHECKS, ids=lambda c: c.__name__)
def test_function_checks_answer_anything_with_feedback(check):
    for learner in _behaviours():
        out = check(learner)
        assert isinstance(out, E.Outcome) and out.ok in (False, None), learner
        assert out.feedback.message
    for not_a_function in ("my_f", 42, [1, 2], None, ...):
        assert check(not_a_function).ok in (False, None)


@pytest.fixture(scope="module")
def tiny_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("tiny")
    for name in ("a", "b"):
        (root / name).mkdir()
        for k in range(2):
            sf.write(root / name / f"{k}.wav", signals.sine(300 + 100 * k, 0.2, sr=22050), 22050)
    base, labels, files = dataset.load_dataset(
        root, feature=lambda y, sr: [y.std()], progress=False
    )
    return dict(
        root=root,
        base=base,
        labels=labels,
        files=files,
        train=np.array([0, 2]),
        test=np.array([1, 3]),
        model=LogisticRegression(),
    )


def test_added_feature_answers_anything_with_feedback(tiny_data):
    for learner in _behaviours():
        out = E.check_added_feature(learner, **tiny_data)
        assert isinstance(out, E.Outcome) and out.feedback.message, learner


def test_augmentation_answers_anything_with_feedback():
    for learner in _behaviours():
        out = E.check_augmentation(learner, **AUGMENTATION)
        assert isinstance(out, E.Outcome) and out.feedback.message, learner
    for not_a_function in ("my_f", 42, [1, 2], None, ...):
        assert E.check_augmentation(not_a_function, **AUGMENTATION).ok in (False, None)


# Each check left as `...`: the nudge must not contain the answer or the formula that gives it.
NOT_ATTEMPTED = [
    (E.check_period, {}, ["4 ms", "1 / f"]),
    (E.check_octaves, {}, ["110", "1760", "doubl"]),
    (E.check_midi_to_hz, {}, ["2 **", "440"]),
    (E.check_duration, {"n_samples": 246_960, "sr": 22050}, ["11.2", "/ sr"]),
    (E.check_alias, {"freq": 30000, "sr": 44100}, ["14100", "subtract"]),
    (E.check_quantize, {}, ["floor", "centre"]),
    (E.check_bit_depth, {}, ["15", "ceil"]),
    (E.check_rms_db, {"y": Y}, ["log10", "-9.03"]),
    (E.check_adsr, {}, ["interp", "round("]),
    (E.check_harmonics, {}, ["880", "times the fundamental"]),
    (E.check_frame_duration, {"frame_length": 2048, "sr": 44100}, ["46", "1000"]),
    (E.check_overlap, {"frame_length": 2048, "hop_length": 512}, ["75", "1536"]),
    (
        E.check_frame_count,
        {"n_samples": 65536, "frame_length": 2048, "hop_length": 512, "center": True},
        ["129", "//", "1 +", "pad"],
    ),
    (E.check_frame_signal, {}, ["i * hop_length", "+ 1"]),
    (E.check_amplitude_envelope, {}, ["abs", "max"]),
    (E.check_rms, {}, ["np.pad", "frame_length // 2"]),
    (E.check_zcr, {}, ["y < 0", "divide"]),
    (E.check_silences, {"clean": np.zeros(4096)}, ["-45", "<"]),
    (E.check_hop_length, {}, ["220", "× sample rate"]),
    (E.check_frame_length, {}, ["1024", "/ sr"]),
    (E.check_bin_frequency, {"k": 100, "sr": 22050, "n_fft": 2048}, ["1076", "sr / n_fft"]),
    (E.check_nearest_bin, {"freq": 1000, "sr": 22050, "n_fft": 2048}, ["93", "round"]),
    (E.check_frequency_resolution, {"sr": 22050, "n_fft": 4096}, ["5.38", "sr / n_fft"]),
    (E.check_dft, {}, ["exp(", "1j"]),
    (E.check_n_fft_for_resolution, {}, ["8192", "sr / n_fft"]),
    (E.check_stft, {}, ["rfft", "transpose"]),
    (E.check_hz_to_mel, {}, ["2595", "549"]),
    (E.check_confused_pair, {"cm": CM, "classes": ["cat", "dog"]}, ["transpose", "3 times"]),
    (E.check_centroid, {}, ["freqs @ S", "weighted"]),
    (E.check_rolloff_frequency, {"S": ROLLOFF_MAGS, "freqs": ROLLOFF_FREQS}, ["3000", "cumsum"]),
    (E.check_flute_or_noise, {}, ["few peaks", "geometric"]),
    (E.check_split_frequency, {}, ["600", "880", "between"]),
    (E.check_conv_pool_shape, SHAPE, ["14", "- 5 + 1", "// 2"]),
    (E.check_conv_params, PARAMS, ["9624", "* 16 *", "+ 24"]),
    (E.check_augmentation, AUGMENTATION, ["echo", "add_noise("]),
]


@pytest.mark.parametrize(
    "check, kwargs, answer", NOT_ATTEMPTED, ids=lambda v: getattr(v, "__name__", "")
)
def test_not_attempted_hints_do_not_give_the_answer_away(check, kwargs, answer):
    out = check(..., **kwargs)
    assert out.ok is None and out.feedback.status == "todo"
    not_said(out, *answer)


def test_every_check_is_in_these_tables():
    tables = {c.__name__ for c, _ in VALUE_CHECKS} | {c.__name__ for c in FUNCTION_CHECKS}
    tables |= {"check_added_feature", "check_augmentation"}
    assert tables == {c.__name__ for c, _, _ in NOT_ATTEMPTED} | {"check_added_feature"}
    checks = {name for name in E.__all__ if name.startswith("check_")} - {
        "check_value",
        "check_function",
    }
    assert checks == tables


# A right answer is confirmed without repeating it: a solution cell shows the same box after
# Run All (JupyterLab unfolds a cell's output when it runs), so the box must not be the answer.
RIGHT = [
    (E.check_period, {}, 4.0, [" 4 ms", "is 4"]),
    (E.check_octaves, {}, [110, 220, 440, 880, 1760], ["110", "1760"]),
    (E.check_duration, {"n_samples": 246_960, "sr": 22050}, 11.2, ["11.2"]),
    (E.check_alias, {"freq": 30000, "sr": 44100}, 14100, ["14100"]),
    (E.check_bit_depth, {}, 15, ["15", "92"]),
    (E.check_rms_db, {"y": Y}, 20 * np.log10(0.5 / np.sqrt(2)), ["9.0"]),
    (E.check_harmonics, {}, [440, 880, 1320, 1760, 2200], ["880", "2200"]),
    (E.check_frame_duration, {"frame_length": 2048, "sr": 44100}, 46.44, ["46"]),
    (E.check_overlap, {"frame_length": 2048, "hop_length": 512}, 75, ["75"]),
    (
        E.check_frame_count,
        {"n_samples": 65536, "frame_length": 2048, "hop_length": 512, "center": True},
        129,
        ["129"],
    ),
    (E.check_hop_length, {}, 220, ["220", "221"]),
    (E.check_frame_length, {}, 1024, ["1024"]),
    (E.check_bin_frequency, {"k": 100, "sr": 22050, "n_fft": 2048}, 1076.66, ["1076", "1077"]),
    (E.check_nearest_bin, {"freq": 1000, "sr": 22050, "n_fft": 2048}, 93, ["93"]),
    (E.check_frequency_resolution, {"sr": 22050, "n_fft": 4096}, 22050 / 4096, ["5.38"]),
    (E.check_n_fft_for_resolution, {}, 8192, ["8192", "4096"]),
    (E.check_confused_pair, {"cm": CM, "classes": ["cat", "dog"]}, ("cat", "dog"), ["cat", "dog"]),
    (
        E.check_rolloff_frequency,
        {"S": ROLLOFF_MAGS, "freqs": ROLLOFF_FREQS},
        3000.0,
        ["3000", "bin 6"],
    ),
    (E.check_flute_or_noise, {}, "spectral_flatness", ["flatness", "peaks"]),
    (E.check_split_frequency, {}, 600, ["600", "440", "880"]),
    (E.check_conv_pool_shape, SHAPE, (14, 9, 12), ["14", "12"]),
    (E.check_conv_params, PARAMS, 9624, ["9624"]),
]


@pytest.mark.parametrize(
    "check, kwargs, right, answer", RIGHT, ids=lambda v: getattr(v, "__name__", "")
)
def test_correct_messages_do_not_repeat_the_answer(check, kwargs, right, answer):
    out = check(right, **kwargs)
    assert out.ok is True, out.feedback.message
    not_said(out, *answer)
