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


# ------------------------------------------------------------------ bad input, round two

Y = signals.sine(220, 0.5, sr=8000, amplitude=0.5)


@pytest.mark.parametrize(
    "call,exc,words",
    [
        (
            lambda: plotting.waveform(Y, sr=8000, ax="left"),
            TypeError,
            r"ax must be a matplotlib Axes",
        ),
        (
            lambda: plotting.waveform(Y, sr=8000, ax=plt.subplots(2)[1]),
            TypeError,
            r"array of axes: pass one of them, e.g. axes\[0\]",
        ),
        (
            lambda: plotting.waveform(Y, sr=8000, ax=plt.figure()),
            TypeError,
            r"That is a Figure.*fig.axes\[0\]",
        ),
        (
            lambda: plotting.waveform(Y, sr=8000, offset="0"),
            TypeError,
            "offset must be a real number",
        ),
        (
            lambda: plotting.waveform(Y, sr=8000, color="blurple"),
            ValueError,
            r"color must be a matplotlib colour",
        ),
        (lambda: plotting.waveform(Y, sr="8000"), TypeError, "sr must be a real number"),
        (lambda: plotting.waveform(None, sr=8000), TypeError, "y must be"),
        (
            lambda: plotting.features_over_waveform(Y, sr=8000, features=[1, 2], hop_length=512),
            TypeError,
            r"features must be a dict from a curve's label to its values",
        ),
        (
            lambda: plotting.features_over_waveform(Y, sr=8000, features={}, hop_length=512),
            TypeError,
            "features must be a dict",
        ),
        (
            lambda: plotting.features_over_waveform(
                Y, sr=8000, features={"RMS": "loud"}, hop_length=512
            ),
            TypeError,
            r"features\['RMS'\] must be",
        ),
        (
            lambda: plotting.features_over_waveform(
                Y, sr=8000, features={"RMS": features.rms(Y, hop_length=64)}, hop_length=512
            ),
            ValueError,
            r"features\['RMS'\] has 63 values, but 4000 samples with hop_length=512 make at most 8 "
            r"frames: pass the hop_length the feature was computed with",
        ),
        (
            lambda: plotting.features_over_waveform(
                Y, sr=8000, features={"RMS": features.rms(Y)}, hop_length=512, frame_times=[0.0]
            ),
            ValueError,
            r"frame_times has 1 values but features\['RMS'\] has 8",
        ),
        (lambda: plotting.spectrum([0.0, 1.0], [1.0], db=False), ValueError, "same length"),
        (
            lambda: plotting.spectrum([0.0, 100.0], [1.0, 0.5], db="yes"),
            TypeError,
            "db must be True or False",
        ),
        (
            lambda: plotting.spectrum([0.0, 100.0], [1.0, 0.5], log_freq=1),
            TypeError,
            "log_freq must be True or False",
        ),
        (
            lambda: plotting.spectrum([0.0, 10.0], [1.0, 0.5], log_freq=True),
            ValueError,
            r"log_freq=True draws from 20 Hz up, but freqs stop at 10 Hz",
        ),
        (lambda: plotting.spectrum("freqs", [1.0], db=False), TypeError, "freqs must be"),
        (
            lambda: plotting.spectrogram(spectral.stft(Y), sr=8000, hop_length=512),
            TypeError,
            r"S_db is complex \(an STFT\?\).*amplitude_to_db\(np.abs\(D\)",
        ),
        (
            lambda: plotting.spectrogram(  # what 20 * log10(|D|) gives for digital silence
                np.full((1025, 8), -np.inf), sr=8000, hop_length=512
            ),
            ValueError,
            r"S_db contains NaN or infinite values.*amplitude_to_db",
        ),
        (
            lambda: plotting.spectrogram(None, sr=8000, hop_length=512),
            TypeError,
            "S_db must be a 2-D array",
        ),
        (lambda: plotting.spectrogram([["a"]], sr=8000, hop_length=512), TypeError, "real numbers"),
        (
            lambda: plotting.spectrogram(np.zeros((64, 0)), sr=8000, hop_length=512),
            ValueError,
            "S_db is empty",
        ),
        (
            lambda: plotting.spectrogram(np.zeros((64, 5)), sr=8000, hop_length=512, fmax=2000),
            ValueError,
            r"fmax is the top of the mel bands and only applies with y_axis='mel'",
        ),
        (
            lambda: plotting.spectrogram(
                np.zeros((64, 5)), sr=8000, hop_length=512, y_axis="mel", fmax=5000
            ),
            ValueError,
            r"fmax must be <= 4000",
        ),
        (
            lambda: plotting.spectrogram(np.zeros((64, 5)), sr=8000, hop_length=512, cmap="magmaa"),
            ValueError,
            r"cmap must be the name of a matplotlib colour map, e.g. 'magma'",
        ),
        (
            lambda: plotting.spectrogram(np.zeros((64, 5)), sr=8000, hop_length=512, colorbar="no"),
            TypeError,
            "colorbar must be True or False",
        ),
    ],
)
def test_wrong_types_and_mismatched_lengths_are_refused(call, exc, words):
    with pytest.raises(exc, match=words):
        call()
    # nothing was drawn before the error: at most the figure the test itself made
    assert len(plt.get_fignums()) <= 1


def test_integers_are_drawn_as_they_are():
    ax = plotting.waveform(np.array([0, 1, 0, -1]), sr=4)
    np.testing.assert_array_equal(ax.lines[0].get_data()[1], [0, 1, 0, -1])
    ax = plotting.spectrogram(np.arange(12).reshape(3, 4), sr=8000, hop_length=512, cmap="viridis")
    assert ax.images[0].get_array().shape == (3, 4)


# --- show(fig, alt=...): figures with a text alternative -----------------------------

GOOD_ALT = "A 5 Hz sine over one second: five identical cycles between -1 and 1."


@pytest.mark.parametrize(
    ("alt", "error", "message"),
    [
        ("", ValueError, "empty"),
        ("   \n ", ValueError, "empty"),
        ("No description has been provided for this image", ValueError, "placeholder"),
        ("<Figure size 800x300 with 1 Axes>", ValueError, "placeholder"),
        ("Figure 3", ValueError, "placeholder"),
        ("plot.", ValueError, "placeholder"),
        ("TODO", ValueError, "placeholder"),
        ("...", ValueError, "placeholder"),
        ("A piano waveform", ValueError, "at least 4 words"),
        (None, TypeError, "got None"),
        (42, TypeError, "type int"),
    ],
)
def test_check_alt_refuses_text_that_describes_nothing(alt, error, message):
    with pytest.raises(error, match=message) as info:
        plotting.check_alt(alt)
    assert "alt must" in str(info.value)  # names the parameter


def test_check_alt_keeps_a_description_and_tidies_its_spaces():
    assert plotting.check_alt("  A piano note:\n loud at the strike, then fading.  ") == (
        "A piano note: loud at the strike, then fading."
    )
    assert plotting.check_alt(GOOD_ALT) == GOOD_ALT


@pytest.fixture
def displayed(monkeypatch):
    """Pretend to be in IPython and record what show() displays."""
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.append((objs, kw)))
    return shown


def test_show_displays_the_png_with_its_alt_and_closes_the_figure(displayed):
    import base64

    ax = plotting.waveform(signals.sine(5, 1.0, sr=1000), sr=1000)
    number = ax.figure.number
    assert plotting.show(ax, alt=GOOD_ALT + ' "quoted" & <tagged>') is None
    ((objs, kw),) = displayed
    (data,) = objs
    alt = GOOD_ALT + ' "quoted" & <tagged>'
    assert kw == {"raw": True, "metadata": {"image/png": {"alt": alt}}}
    png = base64.b64decode(data["image/png"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert data["text/plain"] == alt
    assert data["text/html"] == (
        f'<img src="data:image/png;base64,{data["image/png"]}" '
        f'alt="{GOOD_ALT} &quot;quoted&quot; &amp; &lt;tagged&gt;">'
    )
    assert not plt.fignum_exists(number)


def test_show_takes_a_figure_or_the_current_one(displayed):
    fig, _ = plt.subplots()
    plotting.show(fig, alt=GOOD_ALT)
    plt.subplots()
    plotting.show(alt=GOOD_ALT)
    assert len(displayed) == 2 and plt.get_fignums() == []


def test_show_refuses_a_bad_alt_and_keeps_the_figure_open(displayed):
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="placeholder"):
        plotting.show(fig, alt="No description has been provided for this image")
    assert displayed == [] and plt.fignum_exists(fig.number)
    with pytest.raises(TypeError, match="alt must"):
        plotting.show(fig, alt=None)
    with pytest.raises(TypeError, match="positional"):
        plotting.show(fig, GOOD_ALT)  # alt is keyword-only


def test_show_needs_a_figure(displayed):
    plt.close("all")
    with pytest.raises(ValueError, match="no open figure"):
        plotting.show(alt=GOOD_ALT)
    with pytest.raises(TypeError, match="Figure or Axes"):
        plotting.show("my figure", alt=GOOD_ALT)


def test_show_in_a_notebook_kernel_gives_one_image_with_its_alt():
    """In a real kernel with the inline backend: one output, not the figure twice."""
    import nbformat
    from nbclient import NotebookClient

    code = (
        "import matplotlib.pyplot as plt\n"
        "from helpers import plotting, signals\n"
        "ax = plotting.waveform(signals.sine(5, 1.0, sr=1000), sr=1000)\n"
        f"plotting.show(ax, alt={GOOD_ALT!r})\n"
        "fig, ax2 = plt.subplots()\n"  # a figure shown without show() keeps no alt
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outputs = nb.cells[0].outputs
    assert [o.output_type for o in outputs] == ["display_data", "display_data"]
    first, second = outputs
    assert first.metadata == {"image/png": {"alt": GOOD_ALT}}
    assert f'alt="{GOOD_ALT}"' in first.data["text/html"]
    assert "image/png" in second.data and "alt" not in second.metadata.get("image/png", {})
