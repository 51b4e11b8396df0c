"""helpers.clip_features: the two feature routes of the classifier notebook, against librosa."""

import warnings

import librosa
import numpy as np
import pytest
from signals_for_tests import KINDS, SR, make

from helpers import clip_features


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22050, 3000])
def test_summary_features_equal_librosa(kind, n):
    y = make(kind, n)
    v = clip_features.summary_features(y, SR)
    assert v.shape == (32,) and v.dtype == np.float64
    rms = librosa.feature.rms(y=y, frame_length=2048, hop_length=512)[0]
    zcr = librosa.feature.zero_crossing_rate(y, frame_length=2048, hop_length=512)[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # n_fft larger than a short signal
        mfcc = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=13, n_fft=2048, hop_length=512)
        flux = librosa.onset.onset_strength(y=y, sr=SR, n_fft=2048, hop_length=512)
    np.testing.assert_allclose(
        v[:4], [rms.mean(), rms.std(), zcr.mean(), zcr.std()], rtol=1e-4, atol=1e-7
    )
    tol = 1e-4 * np.abs(mfcc).max()
    np.testing.assert_allclose(v[4:17], mfcc.mean(axis=1), atol=tol)
    np.testing.assert_allclose(v[17:30], mfcc.std(axis=1), atol=tol)
    np.testing.assert_allclose(v[30:], [flux.mean(), flux.std()], rtol=1e-4, atol=1e-6)


def test_summary_feature_names_match_length():
    y = make("noise", 5000)
    for n_mfcc in (5, 13, 20):
        v = clip_features.summary_features(y, SR, n_mfcc=n_mfcc)
        assert len(v) == len(clip_features.summary_feature_names(n_mfcc)) == 6 + 2 * n_mfcc
    with pytest.raises(ValueError, match="n_mfcc"):
        clip_features.summary_feature_names(0)


@pytest.mark.parametrize("kind", ["noise", "chirp", "silence_then_tone"])
def test_log_mel_image_equals_librosa_recipe(kind):
    y = make(kind, 22050)
    mel = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=2048, hop_length=512, n_mels=64)
    ref = (librosa.power_to_db(mel, ref=np.max, top_db=80) + 80) / 80
    image = clip_features.log_mel_image(y, SR)
    assert image.shape == (64, 44) and image.dtype == np.float32
    np.testing.assert_allclose(image, ref[:, :44], atol=1e-3)


def test_log_mel_image_crop_pad_silence():
    long = clip_features.log_mel_image(make("noise", 3 * SR), SR)
    assert long.shape == (64, 44)
    short = clip_features.log_mel_image(make("sine", SR // 4), SR, n_frames=44)
    n_real = 1 + (SR // 4) // 512
    assert short.shape == (64, 44) and np.all(short[:, n_real:] == 0)
    assert np.isclose(short.max(), 1.0) and short.min() >= 0
    silent = clip_features.log_mel_image(np.zeros(SR), SR)
    assert silent.shape == (64, 44) and np.all(silent == 0)
    custom = clip_features.log_mel_image(make("chirp", SR), SR, n_mels=32, n_frames=10, top_db=60)
    assert custom.shape == (32, 10) and custom.min() >= 0
    with pytest.raises(ValueError, match="n_frames"):
        clip_features.log_mel_image(make("sine", SR), SR, n_frames=0)


def test_pool_image():
    image = np.arange(64 * 44, dtype=float).reshape(64, 44)
    pooled = clip_features.pool_image(image, rows=4, cols=4)
    assert pooled.shape == (16, 11)
    assert pooled[0, 0] == image[:4, :4].mean() and pooled[-1, -1] == image[-4:, -4:].mean()
    stack = clip_features.pool_image(np.stack([image, 2 * image]), rows=4, cols=4)
    assert stack.shape == (2, 16, 11) and np.allclose(stack[1], 2 * pooled)
    with pytest.raises(ValueError, match="multiple"):
        clip_features.pool_image(image, rows=5, cols=4)
    with pytest.raises(ValueError, match="2-D"):
        clip_features.pool_image(np.zeros(10), rows=2, cols=2)


# ------------------------------------------------------------------ bad input, round two


@pytest.mark.parametrize("func", [clip_features.summary_features, clip_features.log_mel_image])
def test_integer_samples_are_refused_with_the_conversion(func):
    pcm = np.round(make("sine", SR) * 16384).astype(np.int16)
    with pytest.raises(TypeError, match=r"y holds integers \(dtype int16.*y / 32768"):
        func(pcm, SR)
    func(pcm / 32768, SR)


def test_log_mel_image_refuses_sizes_beyond_memory():
    with pytest.raises(ValueError, match=r"n_frames=1000000000 .*at most 8,388,608"):
        clip_features.log_mel_image(make("sine", SR), SR, n_frames=10**9)


@pytest.mark.parametrize(
    "image,exc,words",
    [
        (None, TypeError, "image must be an array of numbers"),
        ("image", TypeError, "image must be an array of numbers"),
        ([["a", "b"]], TypeError, "real numbers"),
        (np.zeros((4, 4), dtype=complex), TypeError, "real numbers"),
    ],
)
def test_pool_image_refuses_what_is_not_an_image(image, exc, words):
    with pytest.raises(exc, match=words):
        clip_features.pool_image(image, rows=2, cols=2)
