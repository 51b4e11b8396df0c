"""Checks of notebook 10 (helpers.exercises.deep_learning): right answers, named slips, wrong
types, not attempted; the expected shapes and counts agree with Keras."""

import numpy as np
import pytest

from helpers import augment, deep
from helpers import exercises as E

SHAPE_CASE = dict(input_shape=(32, 22, 1), filters=12, kernel_size=5, padding="valid", pool_size=2)


def feedback_of(outcome):
    return outcome.feedback.message


# ------------------------------------------------------------------ output shape


@pytest.mark.parametrize(
    "case",
    [
        SHAPE_CASE,
        dict(input_shape=(16, 11, 8), filters=16, kernel_size=3, padding="same", pool_size=2),
        dict(input_shape=(64, 44, 1), filters=8, kernel_size=3, padding="valid", pool_size=3),
        dict(input_shape=(9, 9, 3), filters=4, kernel_size=1, padding="same", pool_size=2),
    ],
)
def test_expected_shape_agrees_with_keras(case, capsys):
    keras = deep.load_keras()
    block = keras.Sequential(
        [
            keras.Input(case["input_shape"]),
            keras.layers.Conv2D(case["filters"], case["kernel_size"], padding=case["padding"]),
            keras.layers.MaxPooling2D(case["pool_size"]),
        ]
    )
    assert E.check_conv_pool_shape(block.output_shape[1:], **case).ok is True
    assert "Correct" in capsys.readouterr().out


def test_shape_accepts_lists_and_arrays():
    assert E.check_conv_pool_shape([14, 9, 12], **SHAPE_CASE).ok is True
    assert E.check_conv_pool_shape(np.array([14, 9, 12]), **SHAPE_CASE).ok is True
    assert E.check_conv_pool_shape((14.0, 9.0, 12.0), **SHAPE_CASE).ok is True


@pytest.mark.parametrize(
    "answer, words",
    [
        ((28, 18, 12), "shape after the convolution"),
        ((14, 9, 1), "number of filters (12)"),
        ((16, 11, 12), "padding='same'"),
        ((14, 9), "third number"),
        ((None, 14, 9, 12), "leave out the batch size"),
        ((15, 9, 12), "1st value (height)"),
        ("14, 9, 12", "should be a list of 3 numbers"),
        ((14, 9.5, 12), "2nd value (width), 9.5, is not right"),
    ],
)
def test_shape_slips_are_named(answer, words, lenient):
    outcome = E.check_conv_pool_shape(answer, **SHAPE_CASE)
    assert outcome.ok is False
    assert words in feedback_of(outcome)


def test_shape_rounding_up_is_named(lenient):
    case = dict(input_shape=(16, 11, 8), filters=16, kernel_size=3, padding="same", pool_size=2)
    outcome = E.check_conv_pool_shape((8, 6, 16), **case)
    assert outcome.ok is False and "rounds down" in feedback_of(outcome)


def test_shape_not_attempted_gives_no_answer(capsys):
    assert E.check_conv_pool_shape(..., **SHAPE_CASE).ok is None
    out = capsys.readouterr().out
    assert "Not attempted" in out and "14" not in out


def test_shape_wrong_answer_raises_in_strict_mode():
    with pytest.raises(AssertionError, match="shape after the convolution"):
        E.check_conv_pool_shape((28, 18, 12), **SHAPE_CASE)


# ------------------------------------------------------------------ parameter count


def test_param_count_agrees_with_keras(capsys):
    keras = deep.load_keras()
    for k, c, f in [(5, 16, 24), (3, 1, 8), (1, 7, 2)]:
        layer = keras.layers.Conv2D(f, k)
        layer.build((None, 20, 20, c))
        assert E.check_conv_params(layer.count_params(), kernel_size=k, in_channels=c, filters=f)
    assert capsys.readouterr().out.count("Correct") == 3


@pytest.mark.parametrize(
    "answer, words",
    [
        (9600, "weights only"),
        (624, "for every one of the 16 input feature maps"),
        (19200, "one bias per filter, not one per weight"),
        (1944, "5 x 5 weights per input map"),
        (9616, "one bias per filter (24 of them)"),
        (9000, "not right"),
        ("9624", "text"),
        (9624.5, "whole number"),
        ([1, 2], "one number is asked for"),
    ],
)
def test_param_slips_are_named(answer, words, lenient):
    outcome = E.check_conv_params(answer, kernel_size=5, in_channels=16, filters=24)
    assert outcome.ok is False
    assert words in feedback_of(outcome)


def test_param_not_attempted(capsys):
    assert E.check_conv_params(None, kernel_size=5, in_channels=16, filters=24).ok is None
    assert "9624" not in capsys.readouterr().out


# ------------------------------------------------------------------ augmentation


def _clips(n=4):
    t = np.arange(22050) / 22050
    return [(0.3 * np.sin(2 * np.pi * (200 + 50 * k) * t)).astype(np.float32) for k in range(n)]


class Measure:
    def __init__(self, accuracy=0.8):
        self.accuracy = accuracy
        self.images = None

    def __call__(self, images):
        self.images = images
        return self.accuracy


def test_a_good_augmentation_is_measured(capsys):
    measure = Measure(0.85)
    outcome = E.check_augmentation(
        lambda clip, sr, rng: augment.add_noise(clip, (20, 30), seed=rng),
        clips=_clips(),
        sr=22050,
        measure=measure,
        baseline=0.8,
        n_test=100,
    )
    assert outcome.ok is True
    assert measure.images.shape == (4, 64, 44)
    # each clip gets its own draws: the noisy copies differ
    assert not np.allclose(measure.images[0], measure.images[1])
    message = feedback_of(outcome)
    assert "85.0% with your copies, 80.0% without (+5.0 percentage points" in message
    assert "it helped this time" in message


def test_input_clips_are_not_changed_by_the_learner():
    clips = _clips(2)
    before = [c.copy() for c in clips]

    def in_place(clip, sr, rng):
        clip *= 0.5
        return clip

    E.check_augmentation(
        in_place, clips=clips, sr=22050, measure=Measure(), baseline=0.8, n_test=50
    )
    assert all(np.array_equal(a, b) for a, b in zip(clips, before))


@pytest.mark.parametrize(
    "func, words",
    [
        (lambda clip, sr, rng: clip, "unchanged"),
        (lambda clip, sr, rng: clip[:-10], "must keep the clip's length"),
        (lambda clip, sr, rng: clip + np.random.default_rng().normal(size=clip.size), "same seed"),
        (lambda clip, sr, rng: np.stack([clip, clip]), "a clip is 1-D"),
        (lambda clip, sr, rng: None, "None"),
        (lambda clip, sr, rng: clip / 0, "NaN or infinite"),
        (lambda clip, sr: clip * 0.5, "my_augmentation(clip, sr, rng)"),
        (lambda clip, sr, rng: clip[1000000], "IndexError"),
        ("add noise", "should be a function"),
    ],
)
def test_augmentation_mistakes_get_feedback(func, words, lenient):
    outcome = E.check_augmentation(
        func, clips=_clips(2), sr=22050, measure=Measure(), baseline=0.8, n_test=50
    )
    assert outcome.ok is False
    assert words in feedback_of(outcome)


def test_augmentation_not_attempted(capsys):
    def not_written(clip, sr, rng):
        raise NotImplementedError

    for func in (..., not_written):
        outcome = E.check_augmentation(
            func, clips=_clips(1), sr=22050, measure=Measure(), baseline=0.8, n_test=50
        )
        assert outcome.ok is None


def test_augmentation_verdicts(lenient):
    good = lambda clip, sr, rng: augment.gain(clip, (-3, 3), seed=rng) + 1e-3  # noqa: E731
    for accuracy, words in [(0.81, "within the luck"), (0.6, "it hurt this time")]:
        outcome = E.check_augmentation(
            good, clips=_clips(1), sr=22050, measure=Measure(accuracy), baseline=0.8, n_test=50
        )
        assert outcome.ok is True and words in feedback_of(outcome)


def test_a_gain_alone_is_told_that_the_network_sees_no_change(lenient):
    # log_mel_image scales each image to its own loudest cell, so a gain leaves it as it was
    gain = lambda clip, sr, rng: clip * rng.uniform(0.5, 0.9)  # noqa: E731
    measure = Measure(0.7)
    outcome = E.check_augmentation(
        gain, clips=_clips(2), sr=22050, measure=measure, baseline=0.8, n_test=50
    )
    message = feedback_of(outcome)
    assert outcome.ok is True and "same as the originals'" in message
    assert "it hurt this time" not in message
    noisy = lambda clip, sr, rng: augment.add_noise(clip, (20, 30), seed=rng)  # noqa: E731
    outcome = E.check_augmentation(
        noisy, clips=_clips(2), sr=22050, measure=measure, baseline=0.8, n_test=50
    )
    assert "same as the originals'" not in feedback_of(outcome)


def test_a_count_that_is_almost_whole_is_shown_as_given(lenient):
    outcome = E.check_conv_params(9624.0000001, kernel_size=5, in_channels=16, filters=24)
    assert "9624.0000001 is not" in feedback_of(outcome)
