"""helpers.spectral's spectral features (notebook 08) against librosa, plain loops and hand values."""

import functools
import warnings

import librosa
import numpy as np
import pytest
from signals_for_tests import KINDS, SR, make

from helpers import features, signals
from helpers import spectral as S
from helpers.audio import list_samples, load_sample

FEATURES = {
    "spectral_centroid": S.spectral_centroid,
    "spectral_bandwidth": S.spectral_bandwidth,
    "spectral_rolloff": S.spectral_rolloff,
    "spectral_flatness": S.spectral_flatness,
}


def _click_track(n, *, every=0.25, sr=SR):
    """Single-sample clicks of alternating sign every ``every`` seconds, the first at 0.1 s."""
    y = np.zeros(n, dtype=np.float32)
    at = np.arange(int(0.1 * sr), n, int(every * sr))
    y[at] = np.where(np.arange(len(at)) % 2, -0.9, 0.9)
    return y


def _signal(kind, n):
    return _click_track(n) if kind == "clicks" else make(kind, n)


ALL_KINDS = [*KINDS, "clicks"]
# Lengths: a multiple of the hop, odd, not a multiple, shorter than one frame, tiny.
FEATURE_LENGTHS = [22528, 22051, 1500, 3]
SETTINGS = [
    dict(n_fft=2048, hop_length=512, window="hann", center=True),
    dict(n_fft=512, hop_length=128, window="hamming", center=True),
    dict(n_fft=1000, hop_length=250, window="boxcar", center=False),
    dict(n_fft=2047, hop_length=300, window="hann", center=True),
]


@functools.cache
def _shipped(name):
    return load_sample(name)[0]


def _librosa(name, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # librosa warns when n_fft > len(y)
        return getattr(librosa.feature, name)(**kw)[0]


def _assert_equal_to_librosa(name, ours, want):
    assert ours.shape == want.shape
    if name == "spectral_flatness":
        assert ours.dtype == want.dtype
    np.testing.assert_allclose(ours, want, rtol=1e-4, atol=0, err_msg=name)


@pytest.mark.parametrize("name", FEATURES)
@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize("n", FEATURE_LENGTHS)
@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: f"{s['n_fft']}-{s['window']}")
def test_features_equal_librosa(name, kind, n, settings):
    y = _signal(kind, n)
    sr_kw = {} if name == "spectral_flatness" else {"sr": SR}
    if not settings["center"] and n < settings["n_fft"]:
        with pytest.raises(librosa.util.exceptions.ParameterError):
            _librosa(name, y=y, **sr_kw, **settings)
        with pytest.raises(ValueError, match="n_fft"):
            FEATURES[name](y, **sr_kw, **settings)
        return
    want = _librosa(name, y=y, **sr_kw, **settings)
    _assert_equal_to_librosa(name, FEATURES[name](y, **sr_kw, **settings), want)


@pytest.mark.parametrize("name", FEATURES)
@pytest.mark.parametrize("sound", sorted(list_samples()))
def test_features_equal_librosa_on_the_shipped_sounds(name, sound):
    y = _shipped(sound)
    sr_kw = {} if name == "spectral_flatness" else {"sr": SR}
    for settings in (dict(), dict(n_fft=1024, hop_length=256)):
        want = _librosa(name, y=y, **sr_kw, **settings)
        _assert_equal_to_librosa(name, FEATURES[name](y, **sr_kw, **settings), want)


@pytest.mark.parametrize("name", FEATURES)
@pytest.mark.parametrize("kind", ["noise", "chirp", "silence_then_tone", "clicks"])
def test_features_equal_librosa_in_float64(name, kind):
    y = _signal(kind, 22051).astype(np.float64)
    sr_kw = {} if name == "spectral_flatness" else {"sr": 16000}
    want = _librosa(name, y=y, **sr_kw)
    _assert_equal_to_librosa(name, FEATURES[name](y, **sr_kw), want)


@pytest.mark.parametrize("name", FEATURES)
@pytest.mark.parametrize("n_fft", [2048, 1023, 256])
def test_features_from_a_magnitude_spectrogram_equal_librosa(name, n_fft):
    y = make("chirp", 22050)
    mags = np.abs(S.stft(y, n_fft=n_fft, hop_length=256))
    sr_kw = {} if name == "spectral_flatness" else {"sr": SR}
    # librosa infers an even n_fft from S unless the one passed fits S's rows
    want = _librosa(name, S=mags, n_fft=n_fft, **sr_kw)
    _assert_equal_to_librosa(name, FEATURES[name](S=mags, n_fft=n_fft, **sr_kw), want)
    if n_fft % 2 == 0:  # n_fft left out: inferred from S, as librosa does
        _assert_equal_to_librosa(name, FEATURES[name](S=mags, **sr_kw), want)
    # one spectrum in, one number out
    single = FEATURES[name](S=mags[:, 30], n_fft=n_fft, **sr_kw)
    assert isinstance(single, float)
    assert single == pytest.approx(float(want[30]), rel=1e-4)


@pytest.mark.parametrize("p", [1.0, 1.5, 3.0])
@pytest.mark.parametrize("kind", ["noise", "chirp", "silence_then_tone"])
def test_bandwidth_of_other_orders_equals_librosa(p, kind):
    y = make(kind, 22051)
    want = _librosa("spectral_bandwidth", y=y, sr=SR, p=p)
    np.testing.assert_allclose(S.spectral_bandwidth(y, sr=SR, p=p), want, rtol=1e-4)


@pytest.mark.parametrize("roll_percent", [0.01, 0.5, 0.85, 0.95, 0.99])
@pytest.mark.parametrize("sound", ["speech", "trumpet_A4", "piano_A4"])
def test_rolloff_percentages_equal_librosa(roll_percent, sound):
    y = _shipped(sound)
    want = _librosa("spectral_rolloff", y=y, sr=SR, roll_percent=roll_percent)
    np.testing.assert_allclose(S.spectral_rolloff(y, sr=SR, roll_percent=roll_percent), want)


@pytest.mark.parametrize("amin,power", [(1e-10, 2.0), (1e-5, 2.0), (1e-10, 1.0), (1e-3, 0.5)])
@pytest.mark.parametrize("kind", ["noise", "sine", "silence_then_tone", "quiet"])
def test_flatness_options_equal_librosa(amin, power, kind):
    y = make(kind, 22051)
    want = _librosa("spectral_flatness", y=y, amin=amin, power=power)
    got = S.spectral_flatness(y, amin=amin, power=power)
    np.testing.assert_allclose(got, want, rtol=1e-4)


def test_silent_frames_follow_librosa():
    y = np.zeros(8192, dtype=np.float32)
    expected = {
        "spectral_centroid": 0.0,
        "spectral_bandwidth": 0.0,
        "spectral_rolloff": 0.0,
        "spectral_flatness": 1.0,
    }
    for name, func in FEATURES.items():
        sr_kw = {} if name == "spectral_flatness" else {"sr": SR}
        got = func(y, **sr_kw)
        np.testing.assert_allclose(got, expected[name], rtol=1e-6, err_msg=name)
        np.testing.assert_allclose(got, _librosa(name, y=y, **sr_kw), rtol=1e-6, err_msg=name)


def test_a_pure_tone_centroid_is_its_frequency_within_a_bin():
    for freq in (220.0, 441.3, 1000.0, 3150.7):
        y = signals.sine(freq, 1.0, sr=SR, amplitude=0.5)
        centroid = S.spectral_centroid(y, sr=SR, n_fft=2048, hop_length=512, center=False)
        assert np.all(np.abs(centroid - freq) < SR / 2048), freq


def test_white_noise_is_flat_and_a_sine_is_not():
    noise = S.spectral_flatness(signals.white_noise(2.0, sr=SR, seed=3))
    tone = S.spectral_flatness(signals.sine(440, 2.0, sr=SR))
    assert noise[2:-2].min() > 0.3  # the power spectrum of white noise is flat, but noisy
    assert tone.max() < 1e-3
    assert noise.min() > 100 * tone.max()


def test_rolloff_rises_with_roll_percent():
    y = _shipped("speech")
    percents = [0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 0.99]
    curves = np.array([S.spectral_rolloff(y, sr=SR, roll_percent=p) for p in percents])
    assert np.all(np.diff(curves, axis=0) >= 0)
    sounding = features.rms(y) > 0.01
    assert np.all(curves[-1, sounding] > curves[0, sounding])


def test_rolloff_threshold_is_reached_not_passed():
    # Running sum 1, 2, 3, 4 of a total of 4: 50 % is reached exactly at the second bin.
    spectrum = np.array([1.0, 1.0, 1.0, 1.0, 0.0])
    assert S.spectral_rolloff(S=spectrum, sr=8000, roll_percent=0.5) == 1000.0
    assert S.spectral_rolloff(S=spectrum, sr=8000, roll_percent=0.51) == 2000.0
    want = librosa.feature.spectral_rolloff(S=spectrum[:, None], sr=8000, roll_percent=0.5)
    assert want[0, 0] == 1000.0


def test_bandwidth_of_two_equal_tones_is_half_their_distance():
    # Two equally strong bins 1000 Hz apart: the centroid halfway, the spread 500 Hz.
    spectrum = np.zeros(9)
    spectrum[[2, 6]] = 1.0  # 500 and 1500 Hz at sr=2000 (n_fft=16: 125 Hz per bin)
    assert S.spectral_centroid(S=spectrum, sr=2000) == pytest.approx(500.0)
    assert S.spectral_bandwidth(S=spectrum, sr=2000) == pytest.approx(250.0)
    spectrum[[2, 6]] = [0.0, 1.0]
    assert S.spectral_centroid(S=spectrum, sr=2000) == pytest.approx(750.0)
    assert S.spectral_bandwidth(S=spectrum, sr=2000) == pytest.approx(0.0)


# ---------------------------------------------------------------- band energy ratio


def _ber_loop(mags, sr, n_fft, split):
    """The plain way: frame by frame, bin by bin."""
    out = []
    for t in range(mags.shape[1]):
        low = high = 0.0
        for k in range(mags.shape[0]):
            if k * sr / n_fft < split:
                low += float(mags[k, t]) ** 2
            else:
                high += float(mags[k, t]) ** 2
        with np.errstate(divide="ignore", invalid="ignore"):
            out.append(np.float64(low) / np.float64(high))  # inf or nan where high is 0
    return np.array(out)


@pytest.mark.parametrize("kind", ["noise", "chirp", "sine", "clicks"])
@pytest.mark.parametrize("split", [200.0, 1000.0, 2000.0, 5512.5, 10000.0])
def test_band_energy_ratio_equals_a_plain_loop(kind, split):
    y = _signal(kind, 11025)
    for n_fft, hop in [(2048, 512), (1000, 300)]:
        mags = np.abs(librosa.stft(y, n_fft=n_fft, hop_length=hop))
        want = _ber_loop(mags, SR, n_fft, split)
        got = S.band_energy_ratio(y, sr=SR, split_frequency=split, n_fft=n_fft, hop_length=hop)
        np.testing.assert_allclose(got, want, rtol=1e-7)
        np.testing.assert_allclose(
            S.band_energy_ratio(S=mags, sr=SR, split_frequency=split, n_fft=n_fft), want, rtol=1e-7
        )


@pytest.mark.parametrize("low_amp,high_amp", [(0.8, 0.4), (0.3, 0.6), (0.5, 0.5)])
def test_band_energy_ratio_of_two_tones_by_hand(low_amp, high_amp):
    # Two tones on exact bins, far from the split: each band holds one tone's power,
    # so the ratio is (low_amp / high_amp) ** 2 in every whole frame.
    n_fft = 2048
    low_f, high_f = 40 * SR / n_fft, 400 * SR / n_fft  # 430.7 and 4306.6 Hz
    y = signals.sine(low_f, 1.0, sr=SR, amplitude=low_amp) + signals.sine(
        high_f, 1.0, sr=SR, amplitude=high_amp
    )
    ratio = S.band_energy_ratio(y, sr=SR, split_frequency=2000, center=False)
    np.testing.assert_allclose(ratio, (low_amp / high_amp) ** 2, rtol=1e-6)


def test_band_energy_ratio_silent_upper_band_and_silent_frames():
    spectrum = np.zeros((5, 3))  # bins at 0, 1000, 2000, 3000, 4000 Hz (sr=8000)
    spectrum[1, 0] = 2.0  # frame 0: power only below the split
    spectrum[[1, 3], 1] = [2.0, 1.0]  # frame 1: 4 below, 1 above
    # frame 2: silent
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no division warnings either
        ratio = S.band_energy_ratio(S=spectrum, sr=8000, split_frequency=2500)
    assert ratio[0] == np.inf and ratio[1] == 4.0 and np.isnan(ratio[2])
    # a bin exactly at the split belongs to the upper band
    spectrum = np.array([0.0, 1.0, 1.0, 0.0, 0.0])
    assert S.band_energy_ratio(S=spectrum, sr=8000, split_frequency=2000) == 1.0
    assert S.band_energy_ratio(S=spectrum, sr=8000, split_frequency=2000.1) == np.inf


# ---------------------------------------------------------------- onsets


def _onset_sounds():
    sounds = {name: _shipped(name) for name in sorted(list_samples())}
    sounds["clicks"] = _click_track(3 * SR)
    sounds["clicks_fast"] = _click_track(2 * SR, every=0.06)
    sounds["silence_then_tone"] = make("silence_then_tone", 22051)
    sounds["noise"] = make("noise", 22050)
    sounds["short"] = make("chirp", 1500)
    return sounds


ONSET_SOUNDS = list(_onset_sounds())


@pytest.mark.parametrize("sound", ONSET_SOUNDS)
@pytest.mark.parametrize(
    "kw",
    [
        {},
        dict(hop_length=256),
        dict(n_fft=1024, hop_length=441),
        dict(lag=2),
        dict(max_size=3),
        dict(center=False),
        dict(n_mels=64),
        dict(window="hamming"),
    ],
    ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()) or "defaults",
)
def test_onset_strength_equals_librosa(sound, kw):
    y = _onset_sounds()[sound]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = librosa.onset.onset_strength(y=y, sr=SR, **kw)
    got = S.onset_strength(y, sr=SR, **kw)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * max(float(want.max()), 1e-6))


@pytest.mark.parametrize("sound", ONSET_SOUNDS)
@pytest.mark.parametrize(
    "kw",
    [
        {},
        dict(hop_length=256),
        dict(hop_length=128, delta=0.2),
        dict(backtrack=True),
        dict(units="time"),
        dict(units="samples", backtrack=True),
        dict(normalize=False, delta=1.0),
        dict(pre_max=3, post_max=2, pre_avg=6, post_avg=3, wait=4),
    ],
    ids=lambda kw: ",".join(f"{k}={v}" for k, v in kw.items()) or "defaults",
)
def test_onset_detect_equals_librosa(sound, kw):
    y = _onset_sounds()[sound]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = librosa.onset.onset_detect(y=y, sr=SR, **kw)
    got = S.onset_detect(y, sr=SR, **kw)
    if kw.get("units") == "time":
        np.testing.assert_allclose(got, want)
    else:
        np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize("sound", ["piano_A4", "speech", "clicks"])
def test_onset_detect_with_other_n_fft_and_rms_backtracking_equals_librosa(sound):
    y = _onset_sounds()[sound]
    envelope = librosa.onset.onset_strength(y=y, sr=SR, n_fft=1024, hop_length=256)
    want = librosa.onset.onset_detect(onset_envelope=envelope, sr=SR, hop_length=256)
    np.testing.assert_array_equal(S.onset_detect(y, sr=SR, n_fft=1024, hop_length=256), want)
    energy = features.rms(y, frame_length=2048, hop_length=512)
    want = librosa.onset.onset_detect(y=y, sr=SR, backtrack=True, energy=energy)
    np.testing.assert_array_equal(S.onset_detect(y, sr=SR, backtrack=True, energy=energy), want)


def test_onset_detect_finds_every_click_of_a_click_track():
    y = _click_track(4 * SR, every=0.5)
    clicks = np.flatnonzero(y)
    onsets = S.onset_detect(y, sr=SR, units="samples")
    assert len(onsets) == len(clicks)
    # within two hops of the click (the curve peaks a frame or two after it)
    assert np.all(np.abs(onsets - clicks) <= 2 * 512)


def test_onsets_of_silence_are_empty():
    assert S.onset_detect(np.zeros(22050), sr=SR).tolist() == []
    assert S.onset_strength(np.zeros(22050), sr=SR).max() == 0


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize("name", [*FEATURES, "band_energy_ratio"])
@pytest.mark.parametrize(
    "bad,exc,message",
    [
        ([], ValueError, "y is empty"),
        ([0.0, np.nan, 0.1], ValueError, "y contains 1 NaN"),
        (np.zeros((2, 4096)), ValueError, "y must be 1-D"),
        ("abc", TypeError, "y must be"),
        (np.arange(-3000, 3000, dtype=np.int16), TypeError, "y holds integers"),
    ],
)
def test_bad_signals_get_clear_errors(name, bad, exc, message):
    func = getattr(S, name)
    kw = {"split_frequency": 1000} if name == "band_energy_ratio" else {}
    with pytest.raises(exc, match=message):
        func(bad, sr=SR, **kw)


@pytest.mark.parametrize("name", [*FEATURES, "band_energy_ratio"])
@pytest.mark.parametrize(
    "kw,exc,message",
    [
        (
            dict(S=np.ones((513, 4)), n_fft=2048),
            ValueError,
            r"S has 513 frequency rows.*n_fft=1024",
        ),
        (dict(S=np.ones((513, 4)) * -1), ValueError, "S must hold magnitudes"),
        (dict(S=np.ones((513, 4), dtype=complex)), TypeError, "not complex"),
        (dict(S=np.ones((2, 513, 4))), ValueError, "S must be 2-D"),
        (dict(S=np.ones((513, 0))), ValueError, "S is empty"),
        (dict(S=np.full((513, 4), np.nan)), ValueError, "S contains NaN"),
        (dict(S=np.ones(1)), ValueError, "S has 1 frequency row"),
        (dict(), TypeError, "either a signal y or a magnitude spectrogram S"),
    ],
)
def test_bad_spectrograms_get_clear_errors(name, kw, exc, message):
    func = getattr(S, name)
    extra = {"split_frequency": 1000} if name == "band_energy_ratio" else {}
    with pytest.raises(exc, match=message):
        func(sr=SR, **kw, **extra)


def test_y_and_s_together_are_refused():
    y = make("noise", 4096)
    with pytest.raises(TypeError, match="not both"):
        S.spectral_centroid(y, sr=SR, S=np.abs(S.stft(y)))


@pytest.mark.parametrize("roll_percent", [0, 0.0, 1, 1.0, -0.2, 85, np.nan, "0.85"])
def test_roll_percent_outside_zero_one_is_refused(roll_percent):
    exc = TypeError if isinstance(roll_percent, str) else ValueError
    with pytest.raises(exc, match="roll_percent") as info:
        S.spectral_rolloff(make("noise", 4096), sr=SR, roll_percent=roll_percent)
    if roll_percent == 85:
        assert "Did you mean 0.85?" in str(info.value)
    # librosa refuses the same values (except the string, which it would multiply)
    if not isinstance(roll_percent, str) and not np.isnan(roll_percent):
        with pytest.raises(librosa.util.exceptions.ParameterError):
            librosa.feature.spectral_rolloff(y=make("noise", 4096), roll_percent=roll_percent)


@pytest.mark.parametrize("split", [0, -100.0, 11025, 11025.0, 20000, np.inf])
def test_split_frequency_outside_zero_nyquist_is_refused(split):
    with pytest.raises(ValueError, match="split_frequency") as info:
        S.band_energy_ratio(make("noise", 4096), sr=SR, split_frequency=split)
    if np.isfinite(split):
        assert "11025" in str(info.value) and repr(split) in str(info.value)


@pytest.mark.parametrize(
    "func,kw,message",
    [
        (S.spectral_flatness, dict(amin=0), "amin"),
        (S.spectral_flatness, dict(power=-1), "power"),
        (S.spectral_bandwidth, dict(sr=SR, p=0), "p must be"),
        (S.spectral_centroid, dict(sr=0), "sr must be"),
        (S.spectral_centroid, dict(sr=SR, hop_length=0), "hop_length"),
        (S.spectral_centroid, dict(sr=SR, n_fft=100.5), "n_fft"),
        (S.spectral_centroid, dict(sr=SR, window="triangle"), "window"),
        (S.spectral_centroid, dict(sr=SR, center="yes"), "center"),
        (S.onset_strength, dict(sr=SR, lag=0), "lag"),
        (S.onset_strength, dict(sr=SR, max_size=0), "max_size"),
        (S.onset_detect, dict(sr=SR, units="seconds"), "units"),
        (S.onset_detect, dict(sr=SR, delta=-0.1), "delta"),
        (S.onset_detect, dict(sr=SR, post_max=0), "post_max"),
        (S.onset_detect, dict(sr=SR, wait=1.5), "wait"),
        (S.onset_detect, dict(sr=SR, backtrack=True, energy=np.ones(3)), "energy must have"),
    ],
)
def test_bad_options_get_clear_errors(func, kw, message):
    with pytest.raises((ValueError, TypeError), match=message):
        func(_click_track(22050), **kw)


@pytest.mark.parametrize("func", [S.onset_strength, S.onset_detect])
def test_onset_functions_refuse_bad_signals(func):
    with pytest.raises(ValueError, match="y is empty"):
        func([], sr=SR)
    with pytest.raises(ValueError, match="NaN"):
        func(np.array([0.0, np.nan] * 100), sr=SR)
