"""helpers.plotting: each function draws on the given axes, labels units and returns the axes."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import features, plotting, signals, spectral  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_waveform_draws_what_it_is_given():
    y = signals.sine(5, 1.0, sr=1000)
    fig, ax = plt.subplots()
    out = plotting.waveform(y, sr=1000, ax=ax, title="t")
    assert out is ax and ax.get_xlabel() == "Time (s)" and ax.get_ylabel() == "Amplitude"
    x, v = ax.lines[0].get_data()
    np.testing.assert_allclose(v, y)
    assert x[-1] == pytest.approx(0.999)


def test_long_waveforms_are_reduced_but_keep_their_peaks():
    y = signals.white_noise(60.0, sr=22050, seed=0)
    y[123456] = 1.0
    ax = plotting.waveform(y, sr=22050)
    assert not ax.lines  # drawn as one filled band, not a line
    band = ax.collections[0].get_paths()[0].vertices
    assert len(band) <= 20000
    assert band[:, 1].max() == 1.0 and band[:, 1].min() == y.min()
    assert band[:, 0].min() >= 0 and band[:, 0].max() <= 60.0


def test_features_over_waveform_places_frames_in_time():
    y = signals.sine(220, 1.0, amplitude=0.5)
    r = features.rms(y)
    ax = plotting.features_over_waveform(y, sr=22050, features={"RMS": r}, hop_length=512)
    (line,) = [line for line in ax.lines if line.get_label() == "RMS"]
    x, v = line.get_data()
    np.testing.assert_allclose(x, np.arange(len(r)) * 512 / 22050)
    np.testing.assert_allclose(v, r)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["waveform", "RMS"]


@pytest.mark.parametrize("db,log_freq", [(False, False), (True, True)])
def test_spectrum(db, log_freq):
    freqs, mags = spectral.magnitude_spectrum(signals.sine(1000, 0.5, sr=8000), sr=8000)
    ax = plotting.spectrum(freqs, mags, db=db, log_freq=log_freq)
    assert ax.get_xlabel() == "Frequency (Hz)"
    assert ax.get_ylabel() == ("Magnitude (dB)" if db else "Magnitude")
    assert ax.get_xscale() == ("log" if log_freq else "linear")
    with pytest.raises(ValueError, match="same length"):
        plotting.spectrum(freqs, mags[:-1])


@pytest.mark.parametrize("y_axis", ["linear", "log", "mel"])
def test_spectrogram_axes(y_axis):
    y = signals.chirp(100, 8000, 1.0, method="exponential")
    if y_axis == "mel":
        S = spectral.power_to_db(spectral.mel_spectrogram(y, sr=22050, n_mels=64), ref=np.max)
    else:
        S = spectral.amplitude_to_db(np.abs(spectral.stft(y)), ref=np.max)
    ax = plotting.spectrogram(S, sr=22050, hop_length=512, y_axis=y_axis)
    assert ax.get_xlabel() == "Time (s)" and ax.get_ylabel() == "Frequency (Hz)"
    assert ax.get_xlim()[1] == pytest.approx((S.shape[1] - 0.5) * 512 / 22050)
    assert len(ax.figure.axes) == 2  # the colour bar
    if y_axis == "linear":
        assert ax.get_ylim()[1] == pytest.approx(11025 + 22050 / 2048 / 2)
    if y_axis == "mel":
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert "1000" in labels


def test_spectrogram_refuses_1d():
    with pytest.raises(ValueError, match="2-D"):
        plotting.spectrogram(np.zeros(10), sr=22050, hop_length=512)
    with pytest.raises(ValueError, match="y_axis"):
        plotting.spectrogram(np.zeros((10, 10)), sr=22050, hop_length=512, y_axis="bark")
