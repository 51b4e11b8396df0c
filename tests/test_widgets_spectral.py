"""helpers.widgets.spectral_feature_explorer (notebook 08), headless: values, controls, errors."""

import io
import wave

import librosa
import numpy as np
import pytest

from helpers import spectral, widgets


def _wav(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")


@pytest.fixture(scope="module")
def explorer():
    return widgets.spectral_feature_explorer(sound="trumpet_A4", time=1.0, roll_percent=0.85)


def _expected(sound, time, roll_percent, n_fft=2048, hop_length=512, sr=22050):
    """The chosen frame's features, computed from the excerpt with the helpers and librosa."""
    y = widgets._feature_sound(sound, sr, n_fft, hop_length)[0]
    frame = int(round(time * sr / hop_length))
    kw = dict(sr=sr, n_fft=n_fft, hop_length=hop_length)
    values = {
        "centroid": spectral.spectral_centroid(y, **kw)[frame],
        "bandwidth": spectral.spectral_bandwidth(y, **kw)[frame],
        "rolloff": spectral.spectral_rolloff(y, **kw, roll_percent=roll_percent)[frame],
        "flatness": spectral.spectral_flatness(y, n_fft=n_fft, hop_length=hop_length)[frame],
    }
    lib = {
        "centroid": librosa.feature.spectral_centroid(y=y, **kw)[0, frame],
        "rolloff": librosa.feature.spectral_rolloff(y=y, **kw, roll_percent=roll_percent)[0, frame],
    }
    return frame, values, lib


def test_starts_with_the_requested_frame_and_its_features(explorer):
    ex = explorer
    assert ex.updates == 1 and ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    frame, values, lib = _expected("trumpet_A4", 1.0, 0.85)
    assert ex.state["frame"] == frame == 43
    assert ex.state["time"] == pytest.approx(frame * 512 / 22050)
    for name, value in values.items():
        assert ex.state[name] == pytest.approx(value, rel=1e-3), name
    assert ex.state["centroid"] == pytest.approx(lib["centroid"], rel=1e-4)
    # the roll-off is a bin frequency; float32 rounding may move it by one bin at most
    assert abs(ex.state["rolloff"] - lib["rolloff"]) <= 22050 / 2048
    assert f"{ex.state['centroid']:.0f} Hz" in ex.readout.value
    assert not ex.state["silent"]
    rate, pcm = _wav(ex.audio.value)
    assert rate == 22050 and len(pcm) == pytest.approx(0.4 * 22050, abs=2)


@pytest.mark.parametrize(
    "name,value",
    [
        ("sound", "flute_A4"),
        ("time", 2.0),
        ("roll_percent", 0.5),
        ("sound", "speech"),
        ("time", 0.55),
        ("sound", "white noise"),
        ("roll_percent", 0.95),
        ("sound", "piano_A4"),
        ("sound", "organ_A4"),
    ],
)
def test_every_control_changes_the_output(explorer, name, value):
    ex = explorer
    before = (ex.image.value, ex.readout.value, ex.audio.value)
    count = ex.updates
    ex.controls[name].value = value
    assert ex.updates == count + 1
    assert (ex.image.value, ex.readout.value) != before[:2]
    if name != "roll_percent":  # the sound plays the chosen moment of the chosen sound
        assert ex.audio.value != before[2]
    v = ex.values()
    frame, values, _ = _expected(v["sound"], v["time"], v["roll_percent"])
    assert ex.state["frame"] == frame
    for key, expected in values.items():
        assert ex.state[key] == pytest.approx(expected, rel=1e-3), key


def test_the_rolloff_rises_with_the_slider():
    ex = widgets.spectral_feature_explorer(sound="speech", time=0.5)
    rolloffs = []
    for fraction in (0.1, 0.3, 0.5, 0.7, 0.85, 0.95, 0.99):
        ex.controls["roll_percent"].value = fraction
        rolloffs.append(ex.state["rolloff"])
        assert f"{100 * fraction:g} % of the magnitude" in ex.readout.value
    assert rolloffs == sorted(rolloffs) and rolloffs[-1] > rolloffs[0]


def test_the_flute_is_darker_and_less_noisy_than_the_trumpet_and_the_noise():
    ex = widgets.spectral_feature_explorer(sound="flute_A4", time=1.5)
    flute = dict(ex.state)
    ex.controls["sound"].value = "trumpet_A4"
    trumpet = dict(ex.state)
    ex.controls["sound"].value = "white noise"
    noise = dict(ex.state)
    assert flute["centroid"] < trumpet["centroid"] < noise["centroid"]
    assert noise["flatness"] > 100 * max(flute["flatness"], trumpet["flatness"])


def test_a_silent_frame_reads_zero_and_flat():
    ex = widgets.spectral_feature_explorer(sound="speech", time=2.9)  # after the phrase
    assert ex.state["silent"]
    assert ex.state["centroid"] == ex.state["bandwidth"] == ex.state["rolloff"] == 0.0
    assert ex.state["flatness"] == pytest.approx(1.0, abs=1e-5)
    assert "silent frame" in ex.readout.value


def test_the_marked_frame_and_lines_follow_the_controls():
    ex = widgets.spectral_feature_explorer(sound="organ_A4", time=2.0, roll_percent=0.6)
    for roll_percent in (0.6, 0.9):
        ex.controls["roll_percent"].value = roll_percent
        state = ex.state
        assert ex.layer("moment")["x"].tolist() == pytest.approx([state["time"]])
        assert ex.layer("centroid")["x"].tolist() == pytest.approx([state["centroid"]])
        assert ex.layer("rolloff")["x"].tolist() == pytest.approx([state["rolloff"]])
        assert ex.layer("roll_level")["y"].tolist() == pytest.approx([roll_percent])
        spread = ex.layer("spread")
        assert spread["x0"][0] == pytest.approx(state["centroid"] - state["bandwidth"], rel=1e-6)
        assert spread["x1"][0] == pytest.approx(state["centroid"] + state["bandwidth"], rel=1e-6)
        # the spectrum is the frame's magnitudes scaled to a peak of 1, the running total
        # their cumulative share, which crosses roll_percent at the roll-off
        y = widgets._feature_sound("organ_A4", 22050, 2048, 512)[1][:, state["frame"]]
        np.testing.assert_allclose(ex.layer("spectrum")["y"], y / y.max(), rtol=1e-6)
        running = ex.layer("running_total")
        first = int(np.argmax(running["y"] >= roll_percent))
        assert running["x"][first] == pytest.approx(state["rolloff"])
    assert "90 %" in ex.alt_text  # the text alternative follows the slider


@pytest.mark.parametrize(
    "kw,message",
    [
        (dict(sound="cat"), "sound must be one of"),
        (dict(time=5.0), r"time must be between 0 and 3 s \(the range of its slider\); got 5.0"),
        (dict(time=-1), "time must be between 0 and 3 s"),
        (dict(roll_percent=1.5), "roll_percent must be between 0.05 and 0.99"),
        (dict(roll_percent=0.0), "roll_percent must be between 0.05 and 0.99"),
        (dict(n_fft=100), "n_fft must be >= 256"),
        (dict(n_fft=16384), "n_fft must be <= 8192"),
        (dict(n_fft=1024, hop_length=2048), "hop_length must be <= n_fft=1024"),
        (dict(sr=0), "sr must be"),
    ],
)
def test_bad_arguments_get_clear_errors(kw, message):
    with pytest.raises(ValueError, match=message):
        widgets.spectral_feature_explorer(**kw)


def test_bad_argument_types_get_clear_errors():
    with pytest.raises(TypeError, match="time must be a real number"):
        widgets.spectral_feature_explorer(time="1 s")
