"""helpers.augment: time shift, gain, noise at an SNR, SpecAugment masks; seeds and bad input."""

import numpy as np
import pytest

from helpers import augment
from helpers.clip_features import log_mel_image
from helpers.signals import chirp, sine, white_noise

SR = 22050


@pytest.fixture
def clip():
    return (0.5 * chirp(200, 4000, 1.0, sr=SR)).astype(np.float32)


# ------------------------------------------------------------------ seeds


def test_rng_from_int_generator_and_none():
    a = augment.rng_from(3).standard_normal(5)
    b = augment.rng_from(3).standard_normal(5)
    assert np.array_equal(a, b)
    g = np.random.default_rng(1)
    assert augment.rng_from(g) is g
    assert isinstance(augment.rng_from(None), np.random.Generator)


@pytest.mark.parametrize("seed", [1.5, "0", True, [1]])
def test_rng_from_rejects_other_seeds(seed):
    with pytest.raises(TypeError, match="seed must be an int"):
        augment.rng_from(seed)


def test_rng_from_rejects_negative_seed():
    with pytest.raises(ValueError, match="seed must be an int >= 0; got -1"):
        augment.rng_from(-1)


# ------------------------------------------------------------------ time shift


@pytest.mark.parametrize("shift", [0, 1, 7, -3, 99, -99])
def test_circular_shift_is_numpy_roll(shift):
    y = np.arange(100.0)
    assert np.array_equal(augment.time_shift(y, shift), np.roll(y, shift))


@pytest.mark.parametrize("shift", [0, 5, -5, 99, -99])
def test_silence_shift_moves_and_pads_with_zeros(shift):
    y = np.arange(1.0, 101.0)
    out = augment.time_shift(y, shift, mode="silence")
    assert out.shape == y.shape and out.dtype == y.dtype
    if shift >= 0:
        assert np.all(out[:shift] == 0) and np.array_equal(out[shift:], y[: 100 - shift])
    else:
        assert np.all(out[shift:] == 0) and np.array_equal(out[:shift], y[-shift:])


def test_shift_keeps_float32(clip):
    assert augment.time_shift(clip, 10).dtype == np.float32
    assert augment.time_shift(clip, 10, mode="silence").dtype == np.float32


def test_drawn_shift_is_reproducible_and_in_range():
    y = np.zeros(1000)
    y[500] = 1.0
    positions = []
    for seed in range(40):
        out = augment.time_shift(y, (-20, 30), seed=seed)
        again = augment.time_shift(y, (-20, 30), seed=seed)
        assert np.array_equal(out, again)
        positions.append(int(np.argmax(out)) - 500)
    assert min(positions) >= -20 and max(positions) <= 30
    assert len(set(positions)) > 10  # really drawn, not fixed


def test_one_generator_gives_a_new_draw_each_call():
    y = np.zeros(1000)
    y[0] = 1.0
    rng = np.random.default_rng(0)
    draws = {int(np.argmax(augment.time_shift(y, (0, 500), seed=rng))) for _ in range(10)}
    assert len(draws) > 5


def test_shift_rejects_bad_input():
    with pytest.raises(ValueError, match="shift must be between -9 and 9 samples"):
        augment.time_shift(np.zeros(10), 10)
    with pytest.raises(ValueError, match="shift must be >= -9"):
        augment.time_shift(np.zeros(10), -10)
    with pytest.raises(TypeError, match="shift must be a whole number"):
        augment.time_shift(np.zeros(10), "3")
    with pytest.raises(ValueError, match="shift must be a whole number of samples; got 2.5"):
        augment.time_shift(np.zeros(10), 2.5)
    with pytest.raises(ValueError, match="mode must be one of 'circular', 'silence'"):
        augment.time_shift(np.zeros(10), 1, mode="wrap")
    with pytest.raises(ValueError, match=r"shift's range must be \(low, high\) with low <= high"):
        augment.time_shift(np.zeros(10), (5, 2))
    with pytest.raises(ValueError, match="shift must be a number or a"):
        augment.time_shift(np.zeros(10), (1, 2, 3))
    with pytest.raises(ValueError, match="y must be 1-D"):
        augment.time_shift(np.zeros((2, 10)), 1)
    with pytest.raises(ValueError, match="y is empty"):
        augment.time_shift([], 0)


# ------------------------------------------------------------------ gain


def test_gain_scales_by_decibels(clip):
    assert np.allclose(augment.gain(clip, 6.0206), 2 * clip, rtol=1e-4)
    assert np.allclose(augment.gain(clip, -20), clip / 10, rtol=1e-6)
    assert np.array_equal(augment.gain(clip, 0), clip)
    assert augment.gain(clip, 3).dtype == np.float32


def test_drawn_gain_in_range_and_reproducible(clip):
    for seed in range(20):
        out = augment.gain(clip, (-6, 6), seed=seed)
        db = 20 * np.log10(np.max(np.abs(out)) / np.max(np.abs(clip)))
        assert -6.001 <= db <= 6.001
        assert np.array_equal(out, augment.gain(clip, (-6, 6), seed=seed))


def test_gain_leaves_the_log_mel_image_unchanged(clip):
    """log_mel_image is relative to the loudest cell: gain alone does not change it."""
    noisy = augment.add_noise(clip, 40, seed=0)
    for db in (-30, -6, 12):
        assert np.allclose(
            log_mel_image(augment.gain(noisy, db), SR), log_mel_image(noisy, SR), atol=1e-4
        )


def test_gain_rejects_bad_input(clip):
    with pytest.raises(ValueError, match="gain_db must be between -120 and 120 dB; got 200"):
        augment.gain(clip, 200)
    with pytest.raises(ValueError, match="gain_db must be >= -120"):
        augment.gain(clip, -500)
    with pytest.raises(ValueError, match="gain_db must be finite"):
        augment.gain(clip, np.nan)
    with pytest.raises(TypeError, match="gain_db must be a real number"):
        augment.gain(clip, "6")


# ------------------------------------------------------------------ noise at an SNR


@pytest.mark.parametrize("snr", [-10.0, 0.0, 6.0, 20.0, 45.5, 90.0])
@pytest.mark.parametrize("kind", ["chirp", "sine", "noise"])
def test_measured_snr_is_the_requested_one(snr, kind):
    y = {
        "chirp": 0.5 * chirp(100, 8000, 0.7, sr=SR),
        "sine": sine(440, 0.3, sr=SR, amplitude=0.01),
        "noise": white_noise(1.0, sr=SR, seed=3, amplitude=0.2),
    }[kind].astype(np.float32)
    noisy = augment.add_noise(y, snr, seed=1)
    assert noisy.dtype == np.float32 and noisy.shape == y.shape
    # measured independently of helpers: energies of the clip and of what was added
    measured = 10 * np.log10(np.sum(y.astype(float) ** 2) / np.sum((noisy - y.astype(float)) ** 2))
    assert abs(measured - snr) < 0.1
    assert abs(augment.snr_db(y, noisy) - measured) < 1e-9


def test_noise_of_your_own_is_mixed_at_the_snr(clip):
    hum = 0.3 * sine(50, 0.2, sr=SR)  # 10 periods, shorter than the clip: repeated
    noisy = augment.add_noise(clip, 15, noise=hum, seed=2)
    assert abs(augment.snr_db(clip, noisy) - 15) < 0.1
    added = noisy - clip
    spectrum = np.abs(np.fft.rfft(added))
    assert np.argmax(spectrum) * SR / len(added) == 50  # it is the hum


def test_noise_is_reproducible_and_differs_between_seeds(clip):
    a = augment.add_noise(clip, 10, seed=5)
    assert np.array_equal(a, augment.add_noise(clip, 10, seed=5))
    assert not np.allclose(a, augment.add_noise(clip, 10, seed=6))


def test_drawn_snr_is_in_range(clip):
    for seed in range(15):
        assert (
            30 - 0.1 <= augment.snr_db(clip, augment.add_noise(clip, (30, 50), seed=seed)) <= 50.1
        )


def test_noise_rejects_bad_input(clip):
    with pytest.raises(ValueError, match="y is silent"):
        augment.add_noise(np.zeros(100), 10)
    with pytest.raises(ValueError, match="noise is silent"):
        augment.add_noise(clip, 10, noise=np.zeros(50))
    with pytest.raises(ValueError, match="snr_db must be between -60 and 120 dB; got 200"):
        augment.add_noise(clip, 200)
    with pytest.raises(ValueError, match="noise contains 1 NaN"):
        augment.add_noise(clip, 10, noise=np.array([0.1, np.nan]))
    with pytest.raises(ValueError, match="y contains 1 NaN"):
        augment.add_noise(np.array([0.1, np.nan]), 10)


def test_snr_db_rejects_different_lengths():
    with pytest.raises(ValueError, match="clean and noisy must have the same length; got 3 and 2"):
        augment.snr_db([1.0, 2.0, 3.0], [1.0, 2.0])
    assert augment.snr_db([1.0, 2.0], [1.0, 2.0]) == float("inf")


# ------------------------------------------------------------------ SpecAugment masks


def test_time_mask_blanks_whole_columns():
    image = np.random.default_rng(0).uniform(0.1, 1, size=(64, 44))
    out = augment.time_mask(image, 5, seed=0)
    blank = np.flatnonzero((out == 0).all(axis=0))
    assert len(blank) == 5 and np.all(np.diff(blank) == 1)  # 5 neighbouring frames
    untouched = np.setdiff1d(np.arange(44), blank)
    assert np.array_equal(out[:, untouched], image[:, untouched])
    assert np.all(image > 0)  # the input is not changed


def test_freq_mask_blanks_whole_rows():
    image = np.random.default_rng(0).uniform(0.1, 1, size=(64, 44))
    out = augment.freq_mask(image, 7, value=-1.0, seed=1)
    blank = np.flatnonzero((out == -1).all(axis=1))
    assert len(blank) == 7 and np.all(np.diff(blank) == 1)
    assert np.array_equal(np.delete(out, blank, axis=0), np.delete(image, blank, axis=0))


def test_masks_on_a_stack_differ_per_image_and_are_reproducible():
    stack = np.ones((20, 16, 12), dtype=np.float32)
    out = augment.time_mask(stack, (1, 4), n_masks=2, seed=3)
    assert out.shape == stack.shape and out.dtype == np.float32
    places = {tuple(np.flatnonzero((m == 0).all(axis=0))) for m in out}
    assert len(places) > 5
    assert np.array_equal(out, augment.time_mask(stack, (1, 4), n_masks=2, seed=3))
    for m in out:
        assert 1 <= (m == 0).all(axis=0).sum() <= 8


def test_zero_width_and_zero_masks_change_nothing():
    image = np.arange(12.0).reshape(3, 4)
    assert np.array_equal(augment.time_mask(image, 0, seed=0), image)
    assert np.array_equal(augment.freq_mask(image, 2, n_masks=0, seed=0), image)


def test_full_width_mask_blanks_everything():
    assert not augment.time_mask(np.ones((3, 4)), 4, seed=0).any()


def test_masks_reject_bad_input():
    image = np.ones((8, 6))
    with pytest.raises(ValueError, match="width must be between 0 and 6 frames; got 7"):
        augment.time_mask(image, 7)
    with pytest.raises(ValueError, match="width must be between 0 and 8 mel bands; got 9"):
        augment.freq_mask(image, 9)
    with pytest.raises(ValueError, match="width must be >= 0"):
        augment.time_mask(image, -1)
    with pytest.raises(ValueError, match="n_masks must be >= 0"):
        augment.time_mask(image, 1, n_masks=-1)
    with pytest.raises(ValueError, match="image must be 2-D"):
        augment.time_mask(np.ones(5), 1)
    with pytest.raises(ValueError, match="not empty"):
        augment.freq_mask(np.ones((0, 4)), 0)
    with pytest.raises(TypeError, match="image must be an array of real numbers"):
        augment.time_mask(np.array([["a", "b"]]), 1)
    with pytest.raises(TypeError, match="image must be a 2-D array"):
        augment.time_mask(None, 1)
    with pytest.raises(TypeError, match="value must be a real number"):
        augment.time_mask(image, 1, value="0")
