"""What notebook 07 (spectrograms) added to helpers: spectral.mfcc, its exercise checks
and the spectrogram explorer."""

import io
import time
import warnings
import wave

import librosa
import numpy as np
import pytest
from signals_for_tests import KINDS, SR, make

from helpers import exercises, spectral, widgets

# ------------------------------------------------------------------ spectral.mfcc


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22051, 1500])
@pytest.mark.parametrize("kw", [{}, dict(n_mfcc=20, n_fft=1024, hop_length=256, n_mels=64)])
def test_mfcc_equals_librosa(kind, n, kw):
    y = make(kind, n)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # librosa warns when n_fft > len(y)
        ref = librosa.feature.mfcc(y=y, sr=SR, **({"n_mfcc": 13} | kw))
    ours = spectral.mfcc(y, sr=SR, **kw)
    assert ours.shape == ref.shape
    assert ours.dtype == ref.dtype
    np.testing.assert_allclose(ours, ref, rtol=1e-4, atol=1e-5 * np.abs(ref).max())


def test_mfcc_uses_the_80_db_floor_like_librosa():
    # silence next to a tone: without the top_db floor the silent frames differ
    y = make("silence_then_tone", 22050).astype(np.float64)
    ref = librosa.feature.mfcc(y=y, sr=SR, n_mfcc=13)
    np.testing.assert_allclose(spectral.mfcc(y, sr=SR), ref, rtol=1e-6, atol=1e-6)
    import scipy.fft

    no_floor = scipy.fft.dct(spectral.power_to_db(spectral.mel_spectrogram(y, sr=SR),
                                                  top_db=None), type=2, norm="ortho", axis=0)[:13]
    assert not np.allclose(no_floor, ref, atol=1e-3)


def test_mfcc_bad_parameters():
    y = make("noise", 4096)
    with pytest.raises(ValueError, match="n_mfcc"):
        spectral.mfcc(y, sr=SR, n_mfcc=50, n_mels=40)
    with pytest.raises(ValueError, match="n_mfcc"):
        spectral.mfcc(y, sr=SR, n_mfcc=0)
    with pytest.raises(ValueError, match="n_mels"):
        spectral.mfcc(y, sr=SR, n_mels=12.5)


# ------------------------------------------------------------------ exercise checks


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "0")


def _my_stft(y, n_fft, hop_length):
    from helpers import features

    frames = features.frame_signal(y, frame_length=n_fft, hop_length=hop_length)
    return np.fft.rfft(frames * spectral.get_window("hann", n_fft), axis=1).T


@pytest.mark.parametrize("check,right,wrongs", [
    (exercises.check_bin_frequency, 100 * 22050 / 2048, [100 * 22050 / 1024, 100.0, "x"]),
    (exercises.check_n_fft_for_resolution, 8192, [4096, 16384, 4410, 0, 2.5, "8192"]),
    (exercises.check_stft, _my_stft,
     [lambda y, n, h: np.abs(_my_stft(y, n, h)),          # magnitudes, not complex values
      lambda y, n, h: _my_stft(y, n, h).T,                # frames as rows
      lambda y, n, h: spectral.stft(y, n_fft=n, hop_length=h),  # centre-padded
      lambda y, n, h: np.fft.rfft(np.lib.stride_tricks.sliding_window_view(y, n)[::h], axis=1).T,
      lambda y, n, h: None, 42]),
    (exercises.check_hz_to_mel, lambda f: 2595 * np.log10(1 + np.asarray(f) / 700),
     [lambda f: spectral.hz_to_mel(f), lambda f: 1127 * np.log10(1 + np.asarray(f) / 700)]),
])
def test_checks_accept_right_reject_wrong_and_hint_when_not_attempted(check, right, wrongs,
                                                                      lenient, capsys):
    assert check(right).ok is True
    assert check(...).ok is None
    assert "Not attempted" in capsys.readouterr().out
    for wrong in wrongs:
        assert check(wrong).ok is False, wrong


def test_checks_raise_on_wrong_answers_under_the_tests():
    with pytest.raises(AssertionError, match="not a power of two"):
        exercises.check_n_fft_for_resolution(4410)
    with pytest.raises(AssertionError, match="smaller power of two"):
        exercises.check_n_fft_for_resolution(16384)


def test_stft_check_reports_an_unwritten_function_as_not_attempted(lenient):
    def my_stft(y, n_fft, hop_length):
        raise NotImplementedError

    assert exercises.check_stft(my_stft).ok is None


def test_n_fft_check_follows_its_parameters(lenient):
    assert exercises.check_n_fft_for_resolution(2048, max_bin_hz=10.0, sr=16000).ok is True
    assert exercises.check_n_fft_for_resolution(1024, max_bin_hz=10.0, sr=16000).ok is False


# ------------------------------------------------------------------ spectrogram explorer


def _wav(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


@pytest.fixture(scope="module")
def explorer():
    return widgets.spectrogram_explorer()


def test_explorer_starts_with_the_requested_settings(explorer):
    ex = explorer
    assert ex.updates >= 1
    assert ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert ex.state["delta_f"] == pytest.approx(22050 / 1024)
    assert ex.state["delta_t"] == pytest.approx(1024 / 22050)
    assert ex.state["hop_s"] == pytest.approx(256 / 22050)
    assert ex.state["shape"] == (513, 1 + int(3.0 * 22050) // 256)
    rate, pcm = _wav(ex.audio.value)
    assert rate == 22050 and len(pcm) / rate <= 3.0


@pytest.mark.parametrize("name,value", [("n_fft", 4096), ("hop_length", 64), ("window", "rectangular"),
                                        ("sound", "speech"), ("sound", "piano_A4"),
                                        ("n_fft", 256), ("hop_length", 2048), ("window", "hamming"),
                                        ("sound", "chirp")])
def test_every_control_changes_the_output_quickly(explorer, name, value):
    ex = explorer
    before = (ex.image.value, ex.audio.value, ex.readout.value)
    count = ex.updates
    start = time.perf_counter()
    ex.controls[name].value = value
    elapsed = time.perf_counter() - start
    assert ex.updates == count + 1
    assert (ex.image.value, ex.audio.value, ex.readout.value) != before
    # Generous bound for a busy test machine; about 50 ms is typical.
    assert elapsed < 0.5, f"moving {name} took {elapsed * 1000:.0f} ms"
    n_fft, hop = ex.controls["n_fft"].value, ex.controls["hop_length"].value
    assert ex.state["delta_f"] == pytest.approx(22050 / n_fft)
    assert ex.state["hop_s"] == pytest.approx(hop / 22050)
    assert ex.state["delta_t"] * ex.state["delta_f"] == pytest.approx(1.0)
    assert ex.state["shape"][0] == 1 + n_fft // 2
    assert f"{22050 / n_fft:.2f} Hz" in ex.readout.value


def test_explorer_sounds_are_made_once_and_short():
    a = widgets._explorer_sound("speech", 22050)
    b = widgets._explorer_sound("speech", 22050)
    assert a is b and not a.flags.writeable
    for name in ("chirp", "speech", "piano_A4"):
        y = widgets._explorer_sound(name, 22050)
        assert 1.0 < len(y) / 22050 <= 3.0 and np.abs(y).max() <= 1.0


def test_explorer_image_is_drawn_from_the_stft_in_db():
    ex = widgets.spectrogram_explorer(n_fft=512, hop_length=512, sound="chirp", fmax=11025)
    data = np.asarray(ex.fig.axes[0].images[0].get_array())
    y = widgets._explorer_sound("chirp", 22050)
    mag = np.abs(spectral.stft(y, n_fft=512, hop_length=512))
    expected = spectral.amplitude_to_db(mag, ref=mag.max())
    np.testing.assert_allclose(data, expected, atol=1e-3)
    assert data.max() == pytest.approx(0.0, abs=1e-4) and data.min() >= -80.0 - 1e-6


@pytest.mark.parametrize("kw", [dict(n_fft=1000), dict(hop_length=100), dict(window="blackman"),
                                dict(sound="cat"), dict(fmax=20000)])
def test_explorer_rejects_bad_settings(kw):
    with pytest.raises(ValueError, match=next(iter(kw))):
        widgets.spectrogram_explorer(**kw)
