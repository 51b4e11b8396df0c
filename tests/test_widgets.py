"""helpers.widgets, headless: build each explorer, move every control, and see the outputs change."""

import asyncio
import html
import io
import re
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
    dots, alias = ex.layer("samples"), ex.layer("alias")
    np.testing.assert_allclose(np.interp(dots["x"], alias["x"], alias["y"]), dots["y"], atol=0.02)
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
    # 5000 Hz at bins 43 Hz apart: 118 rows and 130 frames, fewer than the picture's pixels,
    # so every cell is drawn as computed.
    ex = widgets.spectrogram_explorer(n_fft=512, hop_length=512, sound="chirp", fmax=5000)
    data = ex.layer("spectrogram")["z"]
    y = widgets._explorer_sound("chirp", 22050)
    mag = np.abs(spectral.stft(y, n_fft=512, hop_length=512))[: int(5000 / (22050 / 512)) + 2]
    expected = spectral.amplitude_to_db(mag, ref=mag.max())
    np.testing.assert_allclose(data, expected, atol=1e-3)
    assert data.max() == pytest.approx(0.0, abs=1e-4) and data.min() >= -80.0 - 1e-6


def test_spectrogram_explorer_shrinks_big_stfts_to_the_picture_keeping_the_peaks():
    ex = widgets.spectrogram_explorer(n_fft=8192, hop_length=64, sound="piano_A4", fmax=11025)
    rows, cols = ex.state["image_shape"]
    assert ex.state["shape"] == (4097, 1 + int(3.0 * 22050) // 64)
    assert rows <= 240 and cols <= 560 and (rows, cols) == ex.layer("spectrogram")["z"].shape
    y = widgets._explorer_sound("piano_A4", 22050)
    mag = np.abs(spectral.stft(y, n_fft=8192, hop_length=64))
    # each block keeps its loudest cell: the peak row is the block holding A4's peak bin
    peak_bin = np.unravel_index(np.argmax(mag), mag.shape)[0]
    peak_row = np.unravel_index(np.argmax(ex.layer("spectrogram")["z"]), (rows, cols))[0]
    assert peak_row == peak_bin // -(-4097 // 240)


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


# -------------------- every explorer: validation, text alternatives, live sound, coalescing

ALL_EXPLORERS = [
    getattr(widgets, name) for name in widgets.__all__ if name not in ("Explorer", "recorder")
]
STEADY = [
    widgets.sine_explorer,
    widgets.superposition_explorer,
    widgets.aliasing_explorer,
    widgets.bit_depth_explorer,
    widgets.harmonics_mixer,
    widgets.probe_explorer,
    widgets.window_explorer,
]


@pytest.mark.parametrize(
    "make,kwargs,error,message",
    [
        (
            widgets.sine_explorer,
            dict(freq=5000),
            ValueError,
            r"freq must be between 50 and 2000 Hz \(the range of its slider\); got 5000",
        ),
        (
            widgets.sine_explorer,
            dict(amplitude=1.5),
            ValueError,
            r"amplitude must be between 0 and 1 .*got 1\.5",
        ),
        (
            widgets.sine_explorer,
            dict(freq="440"),
            TypeError,
            r"freq must be a real number; got '440'",
        ),
        (widgets.sine_explorer, dict(sr=1000), ValueError, r"sr must be >= 4000; got 1000"),
        (
            widgets.aliasing_explorer,
            dict(freq=30000),
            ValueError,
            r"freq must be between 100 and 22000 Hz .*got 30000",
        ),
        (
            widgets.aliasing_explorer,
            dict(sr=96000),
            ValueError,
            r"sr must be between 2000 and 48000 Hz .*got 96000",
        ),
        (
            widgets.superposition_explorer,
            dict(partials=((220, 0.5), (330, 0.3))),
            ValueError,
            r"partials must hold 3 \(frequency, amplitude\) pairs",
        ),
        (
            widgets.superposition_explorer,
            dict(partials=((220, 0.5), (330, 0.9), (440, 0))),
            ValueError,
            r"partials\[1\] amplitude must be between 0 and 0\.5 .*got 0\.9",
        ),
        (
            widgets.adsr_designer,
            dict(duration=0.5),
            ValueError,
            r"attack \+ decay \+ release must fit in the note: 0\.05 \+ 0\.2 \+ 0\.4 = 0\.65 s "
            r"is longer than duration = 0\.5 s",
        ),
        (
            widgets.adsr_designer,
            dict(attack=2.0),
            ValueError,
            r"attack must be between 0 and 0\.5 s .*got 2\.0",
        ),
        (
            widgets.harmonics_mixer,
            dict(f0=0),
            ValueError,
            r"f0 must be between 20 and 1378\.12 Hz .*got 0",
        ),
        (
            widgets.harmonics_mixer,
            dict(amplitudes=(1, 0.5)),
            ValueError,
            r"amplitudes must hold 8 values; got 2",
        ),
        (
            widgets.harmonics_mixer,
            dict(amplitudes=(1, 0, 0, 0, 0, 0, 0, -1)),
            ValueError,
            r"amplitudes\[7\] must be between 0 and 1 .*got -1",
        ),
        (
            widgets.probe_explorer,
            dict(duration=1e-5),
            ValueError,
            r"duration must be between 0\.02 and 1 s .*got 1e-05",
        ),
        (
            widgets.probe_explorer,
            dict(probe=5000),
            ValueError,
            r"probe must be between 0 and 1000 Hz .*got 5000",
        ),
        (
            widgets.bit_depth_explorer,
            dict(window=(2.0, 2.01)),
            ValueError,
            r"window must be \(start, end\) in seconds with 0 <= start < end <= 1 "
            r"\(the signal's length\).*got \(2\.0, 2\.01\)",
        ),
        (widgets.bit_depth_explorer, dict(window=(0.5, 0.5)), ValueError, r"window must be"),
        (
            widgets.bit_depth_explorer,
            dict(window="start"),
            TypeError,
            r"window must be a pair \(start, end\) of times in seconds; got 'start'",
        ),
        (
            widgets.bit_depth_explorer,
            dict(bits=24),
            ValueError,
            r"bits must be between 1 and 16 .*got 24",
        ),
        (widgets.framing_explorer, dict(y=[0.5]), ValueError, r"y must hold at least 2 samples"),
    ],
)
def test_explorers_refuse_bad_starting_values_with_clear_messages(make, kwargs, error, message):
    with pytest.raises(error, match=message):
        make(**kwargs)


def test_starting_values_at_the_ends_of_the_sliders_are_kept_exactly():
    assert widgets.sine_explorer(freq=2000).state["period_ms"] == pytest.approx(0.5)
    ex = widgets.sine_explorer(freq=220.0)
    assert ex.controls["freq"].value == 220.0  # on the slider's grid, not snapped to 218.8
    assert widgets.aliasing_explorer(freq=22000, sr=48000).state["alias"] == 22000
    ex = widgets.adsr_designer(duration=0.5, attack=0.05, decay=0.1, release=0.3)
    assert ex.state["envelope"].max() == pytest.approx(1.0, abs=1e-3)


def test_aliasing_explorer_at_exactly_nyquist_draws_and_plays_silence():
    ex = widgets.aliasing_explorer(freq=11000, sr=22000)
    assert ex.state["silent"]
    assert np.all(ex.layer("samples")["y"] == 0) and np.all(ex.layer("alias")["y"] == 0)
    _, pcm = _wav(ex.audio.value)
    assert np.all(pcm == 0)
    assert "every sample is 0" in ex.readout.value and "silence" in ex.readout.value
    assert "every sample dot sits on zero" in ex.alt_text
    ex.live = True
    assert np.all(ex.loop[0] == 0)
    ex.controls["freq"].value = 10950  # just below Nyquist: a tone again
    assert not ex.state["silent"] and np.abs(ex.layer("samples")["y"]).max() > 0.1
    _, pcm = _wav(ex.audio.value)
    assert np.abs(pcm).max() > 0.2 * 32767


def test_bit_depth_explorer_explains_why_a_quiet_signal_falls_short_of_the_rule():
    amplitude = 0.05  # a sine 26 dB below full scale, like speech
    ex = widgets.bit_depth_explorer(signals.sine(441.7, 1.0, amplitude=amplitude), bits=12)
    shortfall = -20 * np.log10(amplitude)
    assert ex.state["level_shortfall_db"] == pytest.approx(shortfall, abs=0.01)
    assert ex.state["snr"] == pytest.approx(ex.state["snr_rule"] - shortfall, abs=1.0)
    assert f"{shortfall:.1f} dB</b> lower" in ex.readout.value
    loud = widgets.bit_depth_explorer(signals.sine(441.7, 1.0, amplitude=0.999))
    assert "quieter than a full-scale sine" not in loud.readout.value


def test_framing_explorer_frames_come_from_frame_signal_and_its_axis_counts_whole_frames(
    framing_segment,
):
    y, sr = framing_segment
    ex = widgets.framing_explorer(y, sr=sr, frame_length=512, hop_length=256)
    for center in (False, True):
        ex.controls["center"].value = center
        frames = features.frame_signal(y, frame_length=512, hop_length=256, center=center)
        index = ex.state["frame_index"]
        _, pcm = _wav(ex.audio.value)
        np.testing.assert_allclose(pcm / 32767, np.clip(frames[index], -1, 1), atol=1.5 / 32767)
        bars = ex.layer("frames")
        assert len(bars["y"]) == len(frames)
        np.testing.assert_allclose(
            bars["x0"], (np.arange(len(frames)) * 256 - 256 * center) / sr * 1000
        )
        ticks = ex.figure["panels"][1]["yticks"]
        assert ticks and all(t == int(t) and t >= 0 for t in ticks)
        assert all("." not in label for label in ex.figure["panels"][1]["yticklabels"])


@pytest.mark.parametrize("make", ALL_EXPLORERS, ids=lambda f: f.__name__)
def test_every_explorer_has_a_text_alternative_that_follows_the_values(make):
    ex = make()
    first = ex.alt_text
    assert len(first) > 80 and first.endswith((".", ")"))
    assert ex.image.alt == first and ex.canvas.figure["alt"] == first
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    img = re.search(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"', bundle["text/html"])
    assert img and img.group(1) == html.escape(first, quote=True)
    name, control = next(
        (n, c) for n, c in ex.controls.items() if hasattr(c, "min") or hasattr(c, "options")
    )
    control.value = _other_value(control) if hasattr(control, "min") else _other_option(control)
    assert ex.alt_text != first, f"moving {name} left the text alternative unchanged"


def _other_option(control):
    values = [o[1] if isinstance(o, tuple) else o for o in control.options]
    return next(v for v in values if v != control.value)


def _dominant(samples, sr):
    spec = np.abs(np.fft.rfft(samples))
    k = int(np.argmax(spec))
    return k * sr / len(samples), spec[k] ** 2 / np.sum(spec**2)


@pytest.mark.parametrize("make", STEADY, ids=lambda f: f.__name__)
def test_live_sound_is_a_seamless_loop_that_follows_the_sliders(make):
    ex = make()
    assert ex.canvas.sound and ex.loop is None  # offered, off until asked for
    ex.live = True
    samples, sr = ex.loop
    assert samples.dtype == np.float32 and len(samples) / sr >= 0.05
    assert np.abs(samples).max() <= 1.0
    sent = ex.canvas.loop
    np.testing.assert_array_equal(np.frombuffer(sent["samples"], "<f4"), samples)
    assert sent["sr"] == sr
    # Seamless: going round the loop is no bigger a step than the steps inside it.
    steps = np.abs(np.diff(samples))
    assert abs(float(samples[0]) - float(samples[-1])) <= steps.max() + 1e-6
    name, control = next((n, c) for n, c in ex.controls.items() if hasattr(c, "min"))
    control.value = _other_value(control)
    assert not np.array_equal(ex.loop[0], samples) or name == "phase", name
    ex.live = False
    assert ex.loop is None


def test_live_sine_is_the_helpers_sine_at_the_slider_frequency():
    ex = widgets.sine_explorer(amplitude=0.4)
    ex.live = True
    for freq in (440.0, 443.3, 1234.5, 55.0):
        ex.controls["freq"].value = freq
        samples, sr = ex.loop
        n = len(samples)
        cycles = round(freq * n / sr)
        expected = signals.sine(cycles * sr / n, n / sr, sr=sr, amplitude=0.4)
        np.testing.assert_allclose(samples, expected, atol=1e-6)
        assert cycles * sr / n == pytest.approx(freq, rel=1e-5)
        # a whole number of periods: the spectrum is one clean line
        peak, share = _dominant(samples, sr)
        assert peak == pytest.approx(freq, rel=1e-5) and share > 0.999


def test_live_harmonics_follow_the_mixer():
    ex = widgets.harmonics_mixer(f0=220.0, amplitudes=(1, 0, 0, 0, 0, 0, 0, 0))
    ex.live = True
    ex.controls["h1"].value = 0.0
    ex.controls["h3"].value = 0.8
    samples, sr = ex.loop
    peak, share = _dominant(samples, sr)
    assert peak == pytest.approx(660, rel=1e-5) and share > 0.999


@pytest.mark.parametrize(
    "make",
    [widgets.adsr_designer, widgets.framing_explorer, widgets.spectrogram_explorer],
    ids=lambda f: f.__name__,
)
def test_explorers_of_changing_sounds_offer_no_live_sound(make):
    ex = make()
    assert not ex.canvas.sound
    with pytest.raises(ValueError, match="has no live sound"):
        ex.live = True


def test_moves_that_arrive_together_are_drawn_once_with_the_newest_value():
    async def drag():
        ex = widgets.sine_explorer()
        before = ex._updates
        for freq in (300.0, 400.0, 500.0):
            ex.controls["freq"].value = freq
        assert ex._updates == before  # nothing recomputed yet: the moves wait together
        await asyncio.sleep(0.1)
        assert ex._updates == before + 1  # one recomputation, for the newest value
        assert ex.state["period_ms"] == pytest.approx(2.0)
        ex.controls["freq"].value = 1000.0
        assert ex.state["period_ms"] == pytest.approx(1.0)  # reading brings it up to date
        assert "1.00 ms" in ex.readout.value
        return ex

    ex = asyncio.run(drag())
    rate, pcm = _wav(ex.audio.value)  # the WAV follows too
    assert _dominant(pcm.astype(float), rate)[0] == pytest.approx(1000, abs=1)
