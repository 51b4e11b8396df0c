"""helpers.widgets, headless: build each explorer, move every control, and see the outputs change."""

import io
import wave

import numpy as np
import pytest

from helpers import features, signals, spectral, widgets

EXPLORERS = [
    widgets.sine_explorer,
    widgets.superposition_explorer,
    widgets.aliasing_explorer,
    widgets.bit_depth_explorer,
    widgets.adsr_designer,
    widgets.harmonics_mixer,
]


def _wav(data):
    with wave.open(io.BytesIO(data)) as w:
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return w.getframerate(), frames


def _other_value(control):
    """A different value inside a slider's range (a third or two thirds of the way along)."""
    for fraction in (1 / 3, 2 / 3):
        target = control.min + (control.max - control.min) * fraction
        if hasattr(control, "base"):  # FloatLogSlider: min and max are exponents
            target = control.base**target
        if isinstance(control.value, int):
            target = int(round(target))
        if not np.isclose(target, control.value):
            return target
    raise AssertionError(f"no other value found for {control.description}")


@pytest.mark.parametrize("make", EXPLORERS, ids=lambda f: f.__name__)
def test_every_control_updates_figure_sound_and_state(make):
    ex = make()
    assert ex.updates == 1
    assert ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    rate, _ = _wav(ex.audio.value)
    assert rate == ex.state["sr"]
    for name, control in ex.controls.items():
        before = (ex.image.value, ex.audio.value, ex.readout.value)
        before_count = ex.updates
        control.value = _other_value(control)
        assert ex.updates == before_count + 1, name
        after = (ex.image.value, ex.audio.value, ex.readout.value)
        assert after != before, f"moving {name} changed none of figure, sound and readout"
    # the explorer displays as its ipywidgets box
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_sine_explorer_plays_at_true_level():
    ex = widgets.sine_explorer(amplitude=0.25)
    _, pcm = _wav(ex.audio.value)
    assert np.abs(pcm).max() / 32767 == pytest.approx(0.25, abs=0.01)
    ex.controls["freq"].value = 500
    assert ex.state["period_ms"] == pytest.approx(2.0)
    assert "2.00 ms" in ex.readout.value


def test_aliasing_explorer_predicts_and_draws_the_alias():
    ex = widgets.aliasing_explorer(freq=15000, sr=22050)
    assert ex.state["alias"] == 7050
    assert "7050 Hz" in ex.readout.value
    # the dashed alias curve passes through every sample dot
    ax = ex.fig.axes[0]
    true_line, alias_line, dots = ax.lines[:3]
    tx, ty = dots.get_data()
    ax_t, ax_y = alias_line.get_data()
    np.testing.assert_allclose(np.interp(tx, ax_t, ax_y), ty, atol=0.02)
    ex.controls["freq"].value = 5000
    assert ex.state["alias"] == 5000


def test_bit_depth_explorer_snr_follows_rule():
    ex = widgets.bit_depth_explorer(signals.sine(441.7, 1.0, amplitude=0.999))
    for bits in (8, 12, 16):
        ex.controls["bits"].value = bits
        assert ex.state["snr"] == pytest.approx(ex.state["snr_rule"], abs=1.0)


def test_adsr_designer_reports_impossible_envelopes_without_crashing():
    ex = widgets.adsr_designer(duration=1.0)
    ex.controls["attack"].value = 0.5
    ex.controls["decay"].value = 0.5
    ex.controls["release"].value = 0.5
    assert "longer than" in ex.readout.value
    assert ex.state["envelope"].max() == pytest.approx(1.0, abs=1e-3)


def test_harmonics_mixer_sound_has_the_chosen_harmonics():
    ex = widgets.harmonics_mixer(f0=220.0, amplitudes=(1, 0, 0, 0, 0, 0, 0, 0))
    ex.controls["h3"].value = 0.5
    rate, pcm = _wav(ex.audio.value)
    spec = np.abs(np.fft.rfft(pcm.astype(float)))
    freqs = np.fft.rfftfreq(len(pcm), 1 / rate)
    peaks = sorted(freqs[np.argsort(spec)[-2:]])
    assert peaks == pytest.approx([220, 660], abs=1)


# -------------------- notebook 04 (moved from test_nb04_additions.py)


def _wav_len(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes()


@pytest.fixture(scope="module")
def framing_segment():
    sr = 22050
    y = signals.sine(220, 0.3, sr=sr, amplitude=0.5)
    y[: sr // 20] = 0.0  # 50 ms of silence, then the tone
    return y, sr


def test_framing_explorer_counts_match_features(framing_segment):
    y, sr = framing_segment
    ex = widgets.framing_explorer(y, sr=sr)
    n = len(y)
    for frame_length, hop_length in [(1024, 512), (4096, 1024), (512, 2048)]:
        ex.controls["frame_length"].value = frame_length
        ex.controls["hop_length"].value = hop_length
        for center in (False, True):
            ex.controls["center"].value = center
            s = ex.state
            assert s["n_frames"] == len(
                features.frame_signal(
                    y, frame_length=frame_length, hop_length=hop_length, center=center
                )
            )
            assert s["n_frames_center"] == features.num_frames(
                n, frame_length=frame_length, hop_length=hop_length, center=True
            )
            assert s["n_frames_no_center"] == features.num_frames(
                n, frame_length=frame_length, hop_length=hop_length, center=False
            )
            assert s["n_frames_ragged"] == int(np.ceil(n / hop_length))
            assert s["overlap_percent"] == pytest.approx(
                100 * max(frame_length - hop_length, 0) / frame_length
            )
            assert s["frame_ms"] == pytest.approx(1000 * frame_length / sr)
            if hop_length > frame_length:
                assert s["uncovered"] > 0
            elif center and hop_length <= frame_length // 2:
                assert s["uncovered"] == 0  # centred frames that overlap by half cover it all


def test_framing_explorer_flags_gaps_and_plays_the_frame(framing_segment):
    y, sr = framing_segment
    ex = widgets.framing_explorer(y, sr=sr, frame_length=512, hop_length=256, center=True)
    assert ex.state["uncovered"] == 0 and "&gt;" not in ex.readout.value
    ex.controls["hop_length"].value = 512  # no overlap: the centred frames miss the tail
    assert ex.state["uncovered"] == len(y) - (ex.state["n_frames"] - 1) * 512 - 256
    ex.controls["hop_length"].value = 2048
    assert ex.state["uncovered"] > 0
    assert "hop_length &gt; frame_length" in ex.readout.value
    assert _wav_len(ex.audio.value) == 512
    ex.controls["play"].value = "all"
    assert _wav_len(ex.audio.value) == len(y)


def test_framing_explorer_selected_frame_follows_the_slider(framing_segment):
    y, sr = framing_segment
    ex = widgets.framing_explorer(y, sr=sr, frame_length=1024, hop_length=512)
    ex.controls["at_ms"].value = 0.0
    assert ex.state["frame_index"] == 0 and ex.state["frame_start"] == 0
    ex.controls["center"].value = True
    assert ex.state["frame_start"] == -512  # centred frame 0 starts in the padding
    ex.controls["at_ms"].value = ex.controls["at_ms"].max
    assert ex.state["frame_index"] == ex.state["n_frames"] - 1


def test_framing_explorer_every_control_changes_something(framing_segment):
    y, sr = framing_segment
    ex = widgets.framing_explorer(y, sr=sr)
    moves = {"frame_length": 2048, "hop_length": 256, "center": True, "at_ms": 40.0, "play": "all"}
    for name, value in moves.items():
        before = (ex.image.value, ex.audio.value, ex.readout.value)
        ex.controls[name].value = value
        assert (ex.image.value, ex.audio.value, ex.readout.value) != before, name


def test_framing_explorer_too_short_for_a_frame():
    ex = widgets.framing_explorer(np.zeros(300), sr=22050, frame_length=512)
    assert ex.state["n_frames"] == 0 and "no whole frame" in ex.readout.value
    ex.controls["center"].value = True
    assert ex.state["n_frames"] == 1 + 300 // 512


def test_framing_explorer_validates():
    with pytest.raises(ValueError, match="frame_length"):
        widgets.framing_explorer(np.zeros(4096), frame_length=1000)
    with pytest.raises(ValueError, match="hop_length"):
        widgets.framing_explorer(np.zeros(4096), hop_length=100)


# -------------------- notebook 06 (moved from test_nb06_additions.py)


def test_probe_explorer_finds_the_tones_whatever_the_phase():
    ex = widgets.probe_explorer(f1=220, f2=550, a1=0.6, a2=0.4, probe=300)
    assert ex.updates == 1 and ex.image.value[:4] == b"\x89PNG"
    assert ex.state["match"] == pytest.approx(0.0, abs=1e-3)
    before = (ex.image.value, ex.audio.value, ex.readout.value)
    ex.controls["probe"].value = 220
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
    tail = pcm[-int(0.5 * rate) :].astype(float)
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
    ex.controls["bins"].value = 10.5
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
    assert np.fft.rfftfreq(len(pcm), 1 / rate)[np.argmax(spec)] == pytest.approx(
        11.8 * rate / 1024, abs=1
    )
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_window_explorer_validates():
    with pytest.raises(ValueError, match="window"):
        widgets.window_explorer(window="blackman")
    with pytest.raises(ValueError, match="bins"):
        widgets.window_explorer(bins=3.0)


# -------------------- notebook 07 (moved from test_nb07_additions.py)


@pytest.fixture(scope="module")
def spectrogram_ex():
    return widgets.spectrogram_explorer()


def test_spectrogram_explorer_starts_with_the_requested_settings(spectrogram_ex):
    ex = spectrogram_ex
    assert ex.updates >= 1
    assert ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    assert ex.state["delta_f"] == pytest.approx(22050 / 1024)
    assert ex.state["delta_t"] == pytest.approx(1024 / 22050)
    assert ex.state["hop_s"] == pytest.approx(256 / 22050)
    assert ex.state["shape"] == (513, 1 + int(3.0 * 22050) // 256)
    rate, pcm = _wav(ex.audio.value)
    assert rate == 22050 and len(pcm) / rate <= 3.0


def test_spectrogram_explorer_sounds_are_made_once_and_short():
    a = widgets._explorer_sound("speech", 22050)
    b = widgets._explorer_sound("speech", 22050)
    assert a is b and not a.flags.writeable
    for name in ("chirp", "speech", "piano_A4"):
        y = widgets._explorer_sound(name, 22050)
        assert 1.0 < len(y) / 22050 <= 3.0 and np.abs(y).max() <= 1.0


def test_spectrogram_explorer_image_is_drawn_from_the_stft_in_db():
    ex = widgets.spectrogram_explorer(n_fft=512, hop_length=512, sound="chirp", fmax=11025)
    data = np.asarray(ex.fig.axes[0].images[0].get_array())
    y = widgets._explorer_sound("chirp", 22050)
    mag = np.abs(spectral.stft(y, n_fft=512, hop_length=512))
    expected = spectral.amplitude_to_db(mag, ref=mag.max())
    np.testing.assert_allclose(data, expected, atol=1e-3)
    assert data.max() == pytest.approx(0.0, abs=1e-4) and data.min() >= -80.0 - 1e-6


@pytest.mark.parametrize(
    "kw",
    [
        dict(n_fft=1000),
        dict(hop_length=100),
        dict(window="blackman"),
        dict(sound="cat"),
        dict(fmax=20000),
    ],
)
def test_spectrogram_explorer_rejects_bad_settings(kw):
    with pytest.raises(ValueError, match=next(iter(kw))):
        widgets.spectrogram_explorer(**kw)


@pytest.mark.parametrize(
    "name,value",
    [
        ("n_fft", 4096),
        ("hop_length", 64),
        ("window", "rectangular"),
        ("sound", "speech"),
        ("sound", "piano_A4"),
        ("n_fft", 256),
        ("hop_length", 2048),
        ("window", "hamming"),
        ("sound", "chirp"),
    ],
)
def test_spectrogram_explorer_every_control_changes_the_output(spectrogram_ex, name, value):
    ex = spectrogram_ex
    before = (ex.image.value, ex.audio.value, ex.readout.value)
    count = ex.updates
    ex.controls[name].value = value
    assert ex.updates == count + 1
    assert (ex.image.value, ex.audio.value, ex.readout.value) != before
    n_fft, hop = ex.controls["n_fft"].value, ex.controls["hop_length"].value
    assert ex.state["delta_f"] == pytest.approx(22050 / n_fft)
    assert ex.state["hop_s"] == pytest.approx(hop / 22050)
    assert ex.state["delta_t"] * ex.state["delta_f"] == pytest.approx(1.0)
    assert ex.state["shape"][0] == 1 + n_fft // 2
    assert f"{22050 / n_fft:.2f} Hz" in ex.readout.value


def test_an_explorer_figure_has_a_text_alternative_that_follows_the_sliders():
    ex = widgets.sine_explorer(freq=220.0, amplitude=0.3)
    assert ex.image.tooltip.startswith("The first 10 ms of a 220 Hz sine of amplitude 0.30")
    ex.controls["freq"].value = 440
    assert "440 Hz" in ex.image.tooltip and "4.4 smooth cycles" in ex.image.tooltip
