"""Notebook 04's additions: the framing checks in helpers.exercises and widgets.framing_explorer."""

import io
import time
import wave

import numpy as np
import pytest

from helpers import exercises, features, signals, widgets


@pytest.fixture(autouse=True)
def strict(monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "1")


def _lenient(monkeypatch):
    monkeypatch.setenv(exercises.STRICT_ENV, "0")


# ----------------------------------------------------------------------------- checks

@pytest.mark.parametrize("center", [True, False])
def test_check_frame_count_accepts_the_count_features_return(center):
    n = 246960
    right = len(features.rms(np.zeros(n), frame_length=1024, hop_length=512, center=center))
    assert exercises.check_frame_count(right, n_samples=n, frame_length=1024, hop_length=512,
                                       center=center).ok is True


def test_check_frame_count_rejects_the_other_convention(monkeypatch):
    with pytest.raises(AssertionError, match="center=False"):
        exercises.check_frame_count(483, n_samples=246960, frame_length=1024, hop_length=512,
                                    center=False)
    _lenient(monkeypatch)
    assert exercises.check_frame_count(482, n_samples=246960, frame_length=1024,
                                       hop_length=512, center=True).ok is False
    assert exercises.check_frame_count(..., n_samples=246960, frame_length=1024,
                                       hop_length=512, center=True).ok is None


def test_check_frame_count_names_the_ragged_count(monkeypatch):
    # 2048 samples, hop 512: ceil(n / hop) = 4, whole frames of 1024 = 3
    with pytest.raises(AssertionError, match="ceil"):
        exercises.check_frame_count(4, n_samples=2048, frame_length=1024, hop_length=512,
                                    center=False)


def test_check_frame_duration(monkeypatch):
    assert exercises.check_frame_duration(1000 * 1024 / 22050, frame_length=1024, sr=22050)
    with pytest.raises(AssertionError, match="seconds"):
        exercises.check_frame_duration(1024 / 22050, frame_length=1024, sr=22050)
    _lenient(monkeypatch)
    assert exercises.check_frame_duration(50, frame_length=1024, sr=22050).ok is False
    assert exercises.check_frame_duration(None, frame_length=1024, sr=22050).ok is None


def test_check_overlap(monkeypatch):
    assert exercises.check_overlap(50, frame_length=1024, hop_length=512)
    assert exercises.check_overlap(75.0, frame_length=2048, hop_length=512)
    assert exercises.check_overlap(0, frame_length=512, hop_length=1024)
    with pytest.raises(AssertionError, match="fraction"):
        exercises.check_overlap(0.75, frame_length=2048, hop_length=512)
    with pytest.raises(AssertionError, match="hop as a percentage"):
        exercises.check_overlap(25, frame_length=2048, hop_length=512)
    _lenient(monkeypatch)
    assert exercises.check_overlap(..., frame_length=2048, hop_length=512).ok is None


def _loop_frames(y, frame_length, hop_length):
    starts = range(0, len(y) - frame_length + 1, hop_length)
    return np.array([y[s:s + frame_length] for s in starts])


def test_check_frame_signal(monkeypatch):
    assert exercises.check_frame_signal(_loop_frames).ok is True

    def ragged(y, frame_length, hop_length):  # keeps a short last frame: wrong shape
        frames = [y[s:s + frame_length] for s in range(0, len(y), hop_length)]
        return np.array([np.pad(f, (0, frame_length - len(f))) for f in frames])

    def columns(y, frame_length, hop_length):  # librosa's layout, not ours
        return _loop_frames(y, frame_length, hop_length).T

    def not_written(y, frame_length, hop_length):
        raise NotImplementedError

    for wrong in (ragged, columns):
        with pytest.raises(AssertionError):
            exercises.check_frame_signal(wrong)
    _lenient(monkeypatch)
    assert exercises.check_frame_signal(not_written).ok is None
    assert exercises.check_frame_signal(...).ok is None
    assert exercises.check_frame_signal(columns).ok is False


# ----------------------------------------------------------------------------- widget

def _wav_len(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getnframes()


@pytest.fixture(scope="module")
def segment():
    sr = 22050
    y = signals.sine(220, 0.3, sr=sr, amplitude=0.5)
    y[: sr // 20] = 0.0  # 50 ms of silence, then the tone
    return y, sr


def test_framing_explorer_counts_match_features(segment):
    y, sr = segment
    ex = widgets.framing_explorer(y, sr=sr)
    n = len(y)
    for frame_length, hop_length in [(1024, 512), (4096, 1024), (512, 2048)]:
        ex.controls["frame_length"].value = frame_length
        ex.controls["hop_length"].value = hop_length
        for center in (False, True):
            ex.controls["center"].value = center
            s = ex.state
            assert s["n_frames"] == len(features.frame_signal(
                y, frame_length=frame_length, hop_length=hop_length, center=center))
            assert s["n_frames_center"] == features.num_frames(
                n, frame_length=frame_length, hop_length=hop_length, center=True)
            assert s["n_frames_no_center"] == features.num_frames(
                n, frame_length=frame_length, hop_length=hop_length, center=False)
            assert s["n_frames_ragged"] == int(np.ceil(n / hop_length))
            assert s["overlap_percent"] == pytest.approx(
                100 * max(frame_length - hop_length, 0) / frame_length)
            assert s["frame_ms"] == pytest.approx(1000 * frame_length / sr)
            if hop_length > frame_length:
                assert s["uncovered"] > 0
            elif center and hop_length <= frame_length // 2:
                assert s["uncovered"] == 0  # centred frames that overlap by half cover it all


def test_framing_explorer_flags_gaps_and_plays_the_frame(segment):
    y, sr = segment
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


def test_framing_explorer_selected_frame_follows_the_slider(segment):
    y, sr = segment
    ex = widgets.framing_explorer(y, sr=sr, frame_length=1024, hop_length=512)
    ex.controls["at_ms"].value = 0.0
    assert ex.state["frame_index"] == 0 and ex.state["frame_start"] == 0
    ex.controls["center"].value = True
    assert ex.state["frame_start"] == -512  # centred frame 0 starts in the padding
    ex.controls["at_ms"].value = ex.controls["at_ms"].max
    assert ex.state["frame_index"] == ex.state["n_frames"] - 1


def test_framing_explorer_every_control_changes_something_quickly(segment):
    y, sr = segment
    ex = widgets.framing_explorer(y, sr=sr)
    moves = {"frame_length": 2048, "hop_length": 256, "center": True, "at_ms": 40.0,
             "play": "all"}
    slowest = 0.0
    for name, value in moves.items():
        before = (ex.image.value, ex.audio.value, ex.readout.value)
        start = time.perf_counter()
        ex.controls[name].value = value
        slowest = max(slowest, time.perf_counter() - start)
        assert (ex.image.value, ex.audio.value, ex.readout.value) != before, name
    assert slowest < 0.5  # about 50 ms on a laptop; generous for a busy CI machine


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
