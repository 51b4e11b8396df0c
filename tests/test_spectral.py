"""helpers.spectral against numpy.fft and librosa."""

import warnings

import librosa
import numpy as np
import pytest
from signals_for_tests import KINDS, SR, make

from helpers import signals
from helpers import spectral as S


@pytest.mark.parametrize("n", [1, 2, 7, 64, 1000, 1024])
def test_dft_equals_numpy_fft(n):
    rng = np.random.default_rng(n)
    x = rng.standard_normal(n)
    np.testing.assert_allclose(S.dft(x), np.fft.fft(x), atol=1e-9 * max(1, n))
    z = x + 1j * rng.standard_normal(n)
    np.testing.assert_allclose(S.dft(z), np.fft.fft(z), atol=1e-9 * max(1, n))


def test_dft_of_a_cosine_has_two_peaks():
    x = np.cos(2 * np.pi * 3 * np.arange(32) / 32)
    mags = np.abs(S.dft(x))
    assert set(np.flatnonzero(mags > 1e-9)) == {3, 29}
    assert mags[3] == pytest.approx(16)


@pytest.mark.parametrize("n_fft", [256, 2048, 2047])
@pytest.mark.parametrize("sr", [22050, 16000, 44100.0])
def test_fft_frequencies_equal_librosa(n_fft, sr):
    np.testing.assert_allclose(
        S.fft_frequencies(n_fft, sr=sr), librosa.fft_frequencies(sr=sr, n_fft=n_fft)
    )


def test_magnitude_spectrum_reads_amplitudes():
    y = signals.sine(1000, 1.0, sr=8000, amplitude=0.5) + signals.sine(
        2500, 1.0, sr=8000, amplitude=0.2
    )
    freqs, mags = S.magnitude_spectrum(y, sr=8000)
    assert mags[freqs == 1000][0] == pytest.approx(0.5, abs=1e-9)
    assert mags[freqs == 2500][0] == pytest.approx(0.2, abs=1e-9)
    assert freqs[-1] == 4000


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22528, 22051, 1500, 3])
@pytest.mark.parametrize("center", [True, False])
@pytest.mark.parametrize("window", ["hann", "hamming", "boxcar"])
@pytest.mark.parametrize("n_fft,hop_length", [(2048, 512), (512, 128), (1000, 250)])
def test_stft_equals_librosa(kind, n, center, window, n_fft, hop_length):
    y = make(kind, n)
    kw = dict(n_fft=n_fft, hop_length=hop_length, window=window, center=center)
    if not center and n < n_fft:
        with pytest.raises(librosa.util.exceptions.ParameterError):
            librosa.stft(y, **kw)
        with pytest.raises(ValueError, match="n_fft"):
            S.stft(y, **kw)
        return
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # librosa warns when n_fft > len(y)
        want = librosa.stft(y, **kw)
    got = S.stft(y, **kw)
    assert got.shape == want.shape and got.dtype == want.dtype
    scale = max(np.abs(want).max(), 1e-12)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * scale)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22528, 22051, 1500])
@pytest.mark.parametrize("n_fft,hop_length,n_mels", [(2048, 512, 128), (512, 256, 40)])
def test_mel_spectrogram_equals_librosa(kind, n, n_fft, hop_length, n_mels):
    y = make(kind, n)
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = librosa.feature.melspectrogram(
            y=y, sr=SR, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels
        )
    got = S.mel_spectrogram(y, sr=SR, n_fft=n_fft, hop_length=hop_length, n_mels=n_mels)
    assert got.shape == want.shape
    scale = max(np.abs(want).max(), 1e-20)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4 * scale)


@pytest.mark.parametrize(
    "sr,n_fft,n_mels", [(22050, 2048, 128), (16000, 512, 40), (44100, 4096, 256), (8000, 256, 20)]
)
@pytest.mark.parametrize("htk", [False, True])
def test_mel_filterbank_equals_librosa(sr, n_fft, n_mels, htk):
    got = S.mel_filterbank(sr=sr, n_fft=n_fft, n_mels=n_mels, htk=htk)
    want = librosa.filters.mel(sr=sr, n_fft=n_fft, n_mels=n_mels, htk=htk)
    assert got.dtype == want.dtype == np.float32
    np.testing.assert_allclose(got, want, atol=1e-5, rtol=1e-4)


def test_mel_scale_conversions_equal_librosa():
    hz = np.array([0.0, 100.0, 999.0, 1000.0, 4000.0, 11025.0])
    for htk in (False, True):
        np.testing.assert_allclose(S.hz_to_mel(hz, htk=htk), librosa.hz_to_mel(hz, htk=htk))
        mels = librosa.hz_to_mel(hz, htk=htk)
        np.testing.assert_allclose(S.mel_to_hz(mels, htk=htk), hz, atol=1e-6)
        np.testing.assert_allclose(
            S.mel_frequencies(40, fmax=8000.0, htk=htk),
            librosa.mel_frequencies(n_mels=40, fmax=8000.0, htk=htk),
        )


@pytest.mark.parametrize("ref", [1.0, np.max, 0.5])
@pytest.mark.parametrize("top_db", [80.0, None, 40.0])
@pytest.mark.parametrize("kind", ["noise", "sine", "quiet"])
def test_decibels_equal_librosa(ref, top_db, kind):
    D = np.abs(S.stft(make(kind, 22050)))
    np.testing.assert_allclose(
        S.amplitude_to_db(D, ref=ref, top_db=top_db),
        librosa.amplitude_to_db(D, ref=ref, top_db=top_db),
        atol=1e-5,
    )
    np.testing.assert_allclose(
        S.power_to_db(D**2, ref=ref, top_db=top_db),
        librosa.power_to_db(D**2, ref=ref, top_db=top_db),
        atol=1e-5,
    )
    # 1-D input too
    np.testing.assert_allclose(
        S.amplitude_to_db(D[:, 3], ref=ref, top_db=top_db),
        librosa.amplitude_to_db(D[:, 3], ref=ref, top_db=top_db),
        atol=1e-5,
    )


def test_decibel_parameters_are_checked():
    with pytest.raises(ValueError, match="amin"):
        S.amplitude_to_db([1.0], amin=0)
    with pytest.raises(ValueError, match="top_db"):
        S.power_to_db([1.0], top_db=-3)
    with pytest.raises(TypeError, match="S"):
        S.power_to_db(["a"])


@pytest.mark.parametrize(
    "param,value,exc",
    [
        ("n_fft", 0, ValueError),
        ("n_fft", 100.5, ValueError),
        ("hop_length", -1, ValueError),
        ("n_fft", "2048", TypeError),
        ("window", "triangle", ValueError),
        ("window", np.ones(10), ValueError),
    ],
)
def test_stft_bad_parameters(param, value, exc):
    with pytest.raises(exc, match=param):
        S.stft(make("noise", 4096), **{param: value})


@pytest.mark.parametrize(
    "bad,exc",
    [
        ([], ValueError),
        (np.zeros((2, 64)), ValueError),
        ([0.0, np.nan], ValueError),
        ("x", TypeError),
    ],
)
def test_spectral_bad_signals(bad, exc):
    for func in (
        lambda y: S.stft(y, n_fft=16, hop_length=4),
        S.dft,
        lambda y: S.magnitude_spectrum(y, sr=100),
    ):
        with pytest.raises(exc):
            func(bad)


def test_get_window_matches_scipy():
    import scipy.signal

    for name in ("hann", "hamming", "boxcar"):
        np.testing.assert_allclose(
            S.get_window(name, 1024), scipy.signal.get_window(name, 1024, fftbins=True), atol=1e-12
        )


# -------------------- notebook 07 (moved from test_nb07_additions.py)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22051, 1500])
@pytest.mark.parametrize("kw", [{}, dict(n_mfcc=20, n_fft=1024, hop_length=256, n_mels=64)])
def test_mfcc_equals_librosa(kind, n, kw):
    y = make(kind, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # librosa warns when n_fft > len(y)
        ref = librosa.feature.mfcc(y=y, sr=SR, **({"n_mfcc": 13} | kw))
    ours = S.mfcc(y, sr=SR, **kw)
    assert ours.shape == ref.shape
    assert ours.dtype == ref.dtype
    np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-5 * np.abs(ref).max())


def test_mfcc_uses_the_80_db_floor_like_librosa():
    # silence next to a tone: without the top_db floor the silent frames differ
    y = make("silence_then_tone", 22050).astype(np.float64)
    ref = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=13)
    np.testing.assert_allclose(S.mfcc(y, sr=SR), ref, rtol=1e-6, atol=1e-6)
    import scipy.fft

    no_floor = scipy.fft.dct(
        S.power_to_db(S.mel_spectrogram(y, sr=SR), top_db=None),
        type=2,
        norm="ortho",
        axis=0,
    )[:13]
    assert not np.allclose(no_floor, ref, atol=1e-3)


def test_mfcc_bad_parameters():
    y = make("noise", 4096)
    with pytest.raises(ValueError, match="n_mfcc"):
        S.mfcc(y, sr=SR, n_mfcc=50, n_mels=40)
    with pytest.raises(ValueError, match="n_mfcc"):
        S.mfcc(y, sr=SR, n_mfcc=0)
    with pytest.raises(ValueError, match="n_mels"):
        S.mfcc(y, sr=SR, n_mels=12.5)


# -------------------- bad input, round two (issue 13)


@pytest.mark.parametrize(
    "func",
    [
        lambda y: S.stft(y),
        lambda y: S.mel_spectrogram(y, sr=SR),
        lambda y: S.mfcc(y, sr=SR),
        lambda y: S.magnitude_spectrum(y, sr=SR),
    ],
    ids=["stft", "mel_spectrogram", "mfcc", "magnitude_spectrum"],
)
def test_integer_samples_are_refused_like_librosa(func):
    pcm = np.round(make("sine", 4096) * 16384).astype(np.int16)
    with pytest.raises(librosa.util.exceptions.ParameterError, match="floating-point"):
        librosa.stft(pcm)
    with pytest.raises(TypeError, match=r"y holds integers \(dtype int16.*y / 32768.*load_audio"):
        func(pcm)
    func(pcm / 32768)  # converted as advised


def test_dft_takes_integers_and_float16_is_computed_in_float32():
    np.testing.assert_allclose(S.dft([1, 0, -1, 0]), np.fft.fft([1, 0, -1, 0]), atol=1e-12)
    y = make("noise", 4096)
    D16 = S.stft(y.astype(np.float16))
    assert D16.dtype == np.complex64 and np.isfinite(D16).all()
    np.testing.assert_array_equal(D16, S.stft(y.astype(np.float16).astype(np.float32)))
    loud = np.full(70000, 0.99, dtype=np.float16)  # a sum of squares beyond float16's 65504
    assert np.isfinite(S.power_to_db(np.abs(S.stft(loud)) ** 2)).all()


def test_dft_refuses_signals_it_would_take_minutes_on():
    S.dft(np.ones(S.DFT_MAX_SAMPLES))  # the limit itself is fine
    with pytest.raises(ValueError, match=r"x has 44,100 samples; dft takes at most 16,384.*fft"):
        S.dft(np.zeros(44100))


@pytest.mark.parametrize(
    "call,words",
    [
        (
            lambda: S.stft(make("noise", 1500), n_fft=10**9),
            r"n_fft=1000000000 .*at most 268,435,456",
        ),
        (lambda: S.get_window("hann", 10**10), r"n_fft=10000000000 .*at most"),
        (lambda: S.fft_frequencies(10**10, sr=SR), r"n_fft=10000000000"),
        (lambda: S.magnitude_spectrum(make("noise", 100), sr=SR, n_fft=10**10), r"n_fft="),
        (lambda: S.mel_frequencies(10**10), r"n_mels=10000000000 .*40 to 128"),
        (lambda: S.mel_filterbank(sr=SR, n_fft=2**20, n_mels=10**5), r"n_mels=100000 mel filters"),
        (
            lambda: S.stft(np.zeros(10**6, dtype=np.float32), n_fft=65536, hop_length=1),
            r"STFT of 1,000,000 samples with n_fft=65536 and hop_length=1 .*larger hop_length",
        ),
    ],
)
def test_sizes_beyond_memory_are_refused(call, words):
    with pytest.raises(ValueError, match=words):
        call()


@pytest.mark.parametrize("n_fft", [1, 2, 3])
@pytest.mark.parametrize("window", ["hann", "hamming", "boxcar"])
def test_tiny_n_fft_equals_librosa(n_fft, window):
    # Before: stft(n_fft=1) was all zeros (a periodic Hann window of one sample is 0).
    y = make("noise", 64)
    got = S.stft(y, n_fft=n_fft, hop_length=1, window=window)
    want = librosa.stft(y, n_fft=n_fft, hop_length=1, window=window)
    np.testing.assert_allclose(got, want, atol=1e-6)
    if n_fft == 1:
        np.testing.assert_allclose(np.abs(got[0]), np.abs(y), rtol=1e-6)


@pytest.mark.parametrize("func", [S.power_to_db, S.amplitude_to_db])
@pytest.mark.parametrize(
    "S_in,exc,words",
    [
        (np.array([]), ValueError, r"S is empty \(shape \(0,\)\)"),
        (np.zeros((128, 0)), ValueError, "S is empty"),
        ([1.0, np.nan], ValueError, "NaN or infinite"),
        ([1.0, np.inf], ValueError, "NaN or infinite"),
        (None, TypeError, "S must be an array of numbers"),
        ("loud", TypeError, "S must be an array of numbers"),
        ([True, False], TypeError, "numeric"),
    ],
)
def test_decibels_of_nothing_or_garbage_are_refused(func, S_in, exc, words):
    # Before: numpy's "zero-size array to reduction operation maximum which has no identity".
    with pytest.raises(exc, match=words):
        func(S_in)


def test_power_to_db_refuses_what_is_not_power():
    D = S.stft(make("noise", 4096))
    with pytest.raises(TypeError, match=r"S is complex.*np.abs\(D\) \*\* 2"):
        S.power_to_db(D)
    with pytest.raises(ValueError, match=r"power values >= 0.*decibels already"):
        S.power_to_db(S.power_to_db(np.abs(D) ** 2))
    # amplitudes may be negative or complex: their absolute value is the magnitude
    np.testing.assert_allclose(S.amplitude_to_db(D), S.amplitude_to_db(np.abs(D)))
    np.testing.assert_allclose(S.amplitude_to_db([-0.1, 0.1]), [-20.0, -20.0])


def test_mel_filterbank_warns_about_empty_filters_when_librosa_does():
    for kw in (
        dict(sr=22050, n_fft=256, n_mels=128),
        dict(sr=8000, n_fft=128, n_mels=200),
        dict(sr=22050, n_fft=2048, n_mels=40, fmin=100.0, fmax=120.0),
    ):
        with pytest.warns(UserWarning, match="Empty filters"):
            want = librosa.filters.mel(**kw)
        with pytest.warns(UserWarning, match=r"mel filters are empty.*n_mels.*n_fft") as record:
            got = S.mel_filterbank(**kw)
        np.testing.assert_allclose(got, want, atol=1e-5, rtol=1e-4)
        n_empty = int(str(record[0].message).split(" of ")[0])
        assert n_empty == int(np.sum(~(got.max(axis=1) > 0))) > 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # the usual settings do not warn, in librosa either
        S.mel_filterbank(sr=22050, n_fft=2048, n_mels=128)
        librosa.filters.mel(sr=22050, n_fft=2048, n_mels=128)


def test_mel_spectrogram_warns_on_every_call_with_empty_filters():
    y = make("noise", 4096)
    for _ in range(2):  # the filterbank is cached; the warning is not
        with pytest.warns(UserWarning, match="mel filters are empty"):
            S.mel_spectrogram(y, sr=SR, n_fft=256, n_mels=128)


@pytest.mark.parametrize(
    "kw,words",
    [
        (dict(fmax=12000.0), r"fmax must be at most the Nyquist frequency sr / 2 = 11025 Hz"),
        (dict(fmin=5000.0, fmax=5000.0), r"fmin must be below fmax=5000 Hz"),
        (dict(fmin=6000.0, fmax=5000.0), r"fmin must be below fmax"),
        (dict(fmax=0.0), r"fmax must be greater than 0"),
    ],
)
def test_mel_filterbank_frequency_range(kw, words):
    # Before: fmax above sr / 2 gave all-zero bands, fmin == fmax gave NaN.
    with pytest.raises(ValueError, match=words):
        S.mel_filterbank(sr=22050, n_fft=2048, n_mels=40, **kw)


@pytest.mark.parametrize("func", [S.hz_to_mel, S.mel_to_hz])
@pytest.mark.parametrize(
    "value,exc,words",
    [
        (None, TypeError, "a number or an array"),
        ("440", TypeError, "a number or an array"),
        (["a"], TypeError, "real numbers"),
        ([1.0, np.nan], ValueError, "finite"),
    ],
)
def test_mel_conversions_refuse_what_is_not_a_number(func, value, exc, words):
    with pytest.raises(exc, match=words):
        func(value)
    with pytest.raises(TypeError, match="htk"):
        func(440.0, htk="yes")


@pytest.mark.parametrize("htk", [False, True])
def test_mels_beyond_any_frequency_are_refused(htk):
    # Before: inf, with numpy's overflow warning.
    with pytest.raises(ValueError, match=r"mels must be a mel value .*got 1e\+12"):
        S.mel_to_hz(1e12, htk=htk)
