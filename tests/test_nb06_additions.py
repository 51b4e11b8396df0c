"""What notebook 06 (the Fourier transform) added to helpers: its exercise checks and explorers."""

import io
import time
import wave

import numpy as np
import pytest

from helpers import exercises as E
from helpers import spectral, widgets


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "0")


def _wav(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


# ---------------------------------------------------------------- exercise checks

def test_nearest_bin(lenient):
    assert E.check_nearest_bin(93, freq=1000, sr=22050, n_fft=2048).ok is True
    assert E.check_nearest_bin(93.0, freq=1000, sr=22050, n_fft=2048).ok is True
    assert E.check_nearest_bin(92.88, freq=1000, sr=22050, n_fft=2048).ok is False  # not rounded
    assert E.check_nearest_bin(92, freq=1000, sr=22050, n_fft=2048).ok is False
    assert E.check_nearest_bin(46, freq=1000, sr=44100, n_fft=2048).ok is True
    assert E.check_nearest_bin(..., freq=1000, sr=22050, n_fft=2048).ok is None


def test_frequency_resolution(lenient):
    assert E.check_frequency_resolution(22050 / 4096, sr=22050, n_fft=4096).ok is True
    assert E.check_frequency_resolution(5.38, sr=22050, n_fft=4096).ok is True  # 3 digits are enough
    assert E.check_frequency_resolution(4096 / 22050, sr=22050, n_fft=4096).ok is False
    assert E.check_frequency_resolution(None, sr=22050, n_fft=4096).ok is None


def test_wrong_answers_raise_in_strict_mode():
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


@pytest.mark.parametrize("wrong,message", [
    (lambda x: np.conj(np.fft.fft(x)), "sign of the exponent"),  # exp(+2j...) instead of exp(-2j...)
    (lambda x: np.fft.rfft(x), "shape"),                         # only half the bins
    (lambda x: np.abs(np.fft.fft(x)), "differs"),                # magnitudes only
    (lambda x: np.fft.fft(x) / len(x), "differs"),               # another normalisation
    (lambda x: None, "return"),
    (lambda x: 1 / 0, "ZeroDivisionError"),
    (42, "function"),
])
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


# ---------------------------------------------------------------- explorers

def _update_seconds(control, value):
    start = time.perf_counter()
    control.value = value
    return time.perf_counter() - start


def test_probe_explorer_finds_the_tones_whatever_the_phase():
    ex = widgets.probe_explorer(f1=220, f2=550, a1=0.6, a2=0.4, probe=300)
    assert ex.updates == 1 and ex.image.value[:4] == b"\x89PNG"
    assert ex.state["match"] == pytest.approx(0.0, abs=1e-3)
    before = (ex.image.value, ex.audio.value, ex.readout.value)
    seconds = _update_seconds(ex.controls["probe"], 220)
    assert seconds < 0.5  # about 0.05 s on a laptop; generous for busy test machines
    assert ex.updates == 2
    assert (ex.image.value, ex.audio.value, ex.readout.value) != before
    assert ex.state["match"] == pytest.approx(0.6, abs=1e-3)
    assert ex.state["sin_part"] == pytest.approx(0.6, abs=1e-3)  # the tone is a sine
    assert ex.state["cos_part"] == pytest.approx(0.0, abs=1e-3)
    curve_before = ex.state["scores"].copy()
    before = (ex.image.value, ex.readout.value)
    ex.controls["phase"].value = np.pi / 2  # now a cosine: the other probe finds it
    assert (ex.image.value, ex.readout.value) != before
    assert ex.state["match"] == pytest.approx(0.6, abs=1e-3)
    assert ex.state["cos_part"] == pytest.approx(0.6, abs=1e-3)
    assert ex.state["sin_part"] == pytest.approx(0.0, abs=1e-3)
    # the cached curve (1 Hz steps) peaks at the two tones, for any phase
    freqs, scores = ex.state["freqs"], ex.state["scores"]
    np.testing.assert_allclose(scores, curve_before, atol=0.02)
    assert freqs[np.argmax(scores)] == 220
    upper = freqs > 400
    assert freqs[upper][np.argmax(scores[upper])] == 550
    assert scores[550] == pytest.approx(0.4, abs=1e-3)
    # the sound: the two tones, then the probe alone (220 Hz)
    rate, pcm = _wav(ex.audio.value)
    assert rate == 22050
    tail = pcm[-int(0.5 * rate):].astype(float)
    spec = np.abs(np.fft.rfft(tail))
    assert np.fft.rfftfreq(len(tail), 1 / rate)[np.argmax(spec)] == pytest.approx(220, abs=3)


def test_probe_explorer_validates():
    with pytest.raises(ValueError, match="a1 \\+ a2"):
        widgets.probe_explorer(a1=0.8, a2=0.4)
    with pytest.raises(ValueError, match="f2"):
        widgets.probe_explorer(f2=5000)


def test_window_explorer_shows_leakage_and_windows():
    ex = widgets.window_explorer(bins=10.0, window="rectangular", n_fft=1024)
    assert ex.state["peak_bin"] == 10
    assert ex.state["peak_db"] == pytest.approx(0.0, abs=1e-6)
    assert ex.state["leakage_db"] <= -120  # on a bin: nothing leaks
    assert "below -120 dB" in ex.readout.value
    before = (ex.image.value, ex.audio.value, ex.readout.value)
    seconds = _update_seconds(ex.controls["bins"], 10.5)
    assert seconds < 0.5  # about 0.05 s on a laptop
    assert (ex.image.value, ex.audio.value, ex.readout.value) != before
    rect = ex.state["leakage_db"]
    assert -25 < rect < -15
    assert ex.state["peak_db"] == pytest.approx(-3.9, abs=0.2)  # the rectangular scalloping loss
    assert ex.state["sidelobe_db"] == pytest.approx(-13.3, abs=0.3)
    assert ex.state["mainlobe_bins"] == pytest.approx(2.0)
    before = (ex.image.value, ex.readout.value)
    ex.controls["window"].value = "hann"
    assert (ex.image.value, ex.readout.value) != before
    assert ex.state["leakage_db"] < rect - 20
    assert ex.state["sidelobe_db"] == pytest.approx(-31.5, abs=0.3)
    assert ex.state["mainlobe_bins"] == pytest.approx(4.0)
    ex.controls["window"].value = "hamming"
    assert ex.state["sidelobe_db"] == pytest.approx(-42.7, abs=0.5)
    ex.controls["bins"].value = 11.8
    assert ex.state["peak_bin"] == 12
    # the sound is the tone at bins * sr / n_fft Hz
    rate, pcm = _wav(ex.audio.value)
    spec = np.abs(np.fft.rfft(pcm.astype(float)))
    assert np.fft.rfftfreq(len(pcm), 1 / rate)[np.argmax(spec)] == pytest.approx(11.8 * rate / 1024, abs=1)
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_window_explorer_validates():
    with pytest.raises(ValueError, match="window"):
        widgets.window_explorer(window="blackman")
    with pytest.raises(ValueError, match="bins"):
        widgets.window_explorer(bins=3.0)
