"""helpers.features against librosa and against the plain definitions."""

import librosa
import numpy as np
import pytest
from signals_for_tests import KINDS, LENGTHS, SR, make

from helpers import features as F


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", LENGTHS)
@pytest.mark.parametrize("center", [True, False])
@pytest.mark.parametrize("frame_length,hop_length", [(2048, 512), (1024, 512), (1000, 300)])
def test_rms_and_zcr_equal_librosa(kind, n, center, frame_length, hop_length):
    y = make(kind, n)
    kw = dict(frame_length=frame_length, hop_length=hop_length, center=center)
    if not center and n < frame_length:
        # librosa refuses a signal shorter than one frame; so do we.
        with pytest.raises(librosa.util.exceptions.ParameterError):
            librosa.feature.rms(y=y, **kw)
        with pytest.raises(ValueError, match="frame_length"):
            F.rms(y, **kw)
        with pytest.raises(ValueError, match="frame_length"):
            F.zero_crossing_rate(y, **kw)
        return
    want_rms = librosa.feature.rms(y=y, **kw)[0]
    got_rms = F.rms(y, **kw)
    assert got_rms.shape == want_rms.shape
    assert got_rms.dtype == want_rms.dtype == np.float32
    np.testing.assert_allclose(got_rms, want_rms, atol=1e-5, rtol=0)
    want_zcr = librosa.feature.zero_crossing_rate(y, **kw)[0]
    got_zcr = F.zero_crossing_rate(y, **kw)
    assert got_zcr.shape == want_zcr.shape
    np.testing.assert_allclose(got_zcr, want_zcr, atol=1e-5, rtol=0)


def _envelope_loop(y, frame_length, hop_length, center):
    """The readable definition: pad, then the max of |x| in each frame."""
    if center:
        y = np.pad(y, frame_length // 2)
    out = []
    for start in range(0, len(y) - frame_length + 1, hop_length):
        out.append(np.max(np.abs(y[start : start + frame_length])))
    return np.array(out)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("n", [22528, 22051, 1500])
@pytest.mark.parametrize("center", [True, False])
@pytest.mark.parametrize(
    "frame_length,hop_length", [(1024, 512), (1024, 256), (1000, 300), (512, 512)]
)
def test_amplitude_envelope_equals_loop_and_lines_up_with_rms(
    kind, n, center, frame_length, hop_length
):
    y = make(kind, n)
    kw = dict(frame_length=frame_length, hop_length=hop_length, center=center)
    if not center and n < frame_length:
        with pytest.raises(ValueError):
            F.amplitude_envelope(y, **kw)
        return
    got = F.amplitude_envelope(y, **kw)
    np.testing.assert_array_equal(got, _envelope_loop(y, frame_length, hop_length, center))
    assert len(got) == len(librosa.feature.rms(y=y, **kw)[0])


def test_amplitude_envelope_uses_absolute_value():
    # An asymmetric waveform: the negative peak is the larger one.
    y = np.array([0.1, -0.9, 0.2, 0.3, -0.2, 0.1])
    env = F.amplitude_envelope(y, frame_length=3, hop_length=3, center=False)
    np.testing.assert_array_equal(env, [0.9, 0.3])


@pytest.mark.parametrize("n", [0, 1, 511, 512, 22050, 22051])
@pytest.mark.parametrize("frame_length,hop_length", [(2048, 512), (1024, 512), (1001, 300)])
@pytest.mark.parametrize("center", [True, False])
def test_num_frames_matches_frame_signal_and_librosa(n, frame_length, hop_length, center):
    kw = dict(frame_length=frame_length, hop_length=hop_length, center=center)
    padded = n + 2 * (frame_length // 2) if center else n
    if padded < frame_length:
        with pytest.raises(ValueError):
            F.num_frames(n, **kw)
        return
    count = F.num_frames(n, **kw)
    if n > 0:
        y = make("noise", n)
        assert F.frame_signal(y, **kw).shape == (count, frame_length)
        assert len(librosa.feature.rms(y=y, **kw)[0]) == count
    if center and frame_length % 2 == 0:
        assert count == 1 + n // hop_length


def test_frame_signal_rows_are_the_frames():
    y = np.arange(10.0)
    frames = F.frame_signal(y, frame_length=4, hop_length=3)
    np.testing.assert_array_equal(frames, [[0, 1, 2, 3], [3, 4, 5, 6], [6, 7, 8, 9]])
    lib = librosa.util.frame(y, frame_length=4, hop_length=3)
    np.testing.assert_array_equal(frames, lib.T)
    centred = F.frame_signal(y, frame_length=4, hop_length=3, center=True)
    np.testing.assert_array_equal(centred[0], [0, 0, 0, 1])


def test_frames_to_time_equals_librosa():
    frames = np.arange(50)
    np.testing.assert_allclose(
        F.frames_to_time(frames, sr=SR, hop_length=512),
        librosa.frames_to_time(frames, sr=SR, hop_length=512),
    )
    assert F.frames_to_time(10, sr=22050, hop_length=512) == pytest.approx(10 * 512 / 22050)
    np.testing.assert_array_equal(F.frames_to_samples([0, 2], hop_length=512), [0, 1024])


def test_rms_of_a_sine_is_amplitude_over_root_two():
    from helpers.signals import sine

    r = F.rms(sine(441, 1.0, sr=22050, amplitude=0.5), center=False)
    np.testing.assert_allclose(r, 0.5 / np.sqrt(2), rtol=1e-3)


def test_zcr_of_a_sine_tracks_its_frequency():
    from helpers.signals import sine

    for freq in (200.0, 2000.0):
        zcr = F.zero_crossing_rate(sine(freq, 1.0, sr=22050, phase=0.3), center=False)
        assert np.median(zcr) * 22050 / 2 == pytest.approx(freq, rel=0.02)


def test_integer_and_float64_input_accepted():
    y = (make("sine", 4096) * 1000).astype(np.int16)
    assert F.rms(y).dtype == np.float32
    assert F.amplitude_envelope(y.astype(np.float64)).dtype == np.float64


BAD_SIGNALS = [
    ([], ValueError, "empty"),
    (np.zeros((2, 100)), ValueError, "mono"),
    (np.array([0.0, np.nan, 0.1]), ValueError, "NaN"),
    (np.array([0.0, np.inf]), ValueError, "NaN or infinite"),
    ("abc", TypeError, "numbers"),
    (np.array(["a", "b"]), TypeError, "real numbers"),
    (None, TypeError, "None"),
    (np.array([True, False]), TypeError, "real numbers"),
]


@pytest.mark.parametrize("func", [F.rms, F.zero_crossing_rate, F.amplitude_envelope])
@pytest.mark.parametrize("bad,exc,words", BAD_SIGNALS)
def test_bad_signals_are_refused_clearly(func, bad, exc, words):
    with pytest.raises(exc, match=words) as info:
        func(bad)
    assert "y" in str(info.value)


@pytest.mark.parametrize("func", [F.rms, F.zero_crossing_rate, F.amplitude_envelope])
@pytest.mark.parametrize("param", ["frame_length", "hop_length"])
@pytest.mark.parametrize(
    "value,exc",
    [
        (0, ValueError),
        (-512, ValueError),
        (512.5, ValueError),
        ("512", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_bad_frame_parameters_name_the_parameter(func, param, value, exc):
    with pytest.raises(exc, match=param):
        func(make("noise", 4096), **{param: value})


def test_whole_float_frame_lengths_are_accepted():
    y = make("noise", 4096)
    np.testing.assert_array_equal(
        F.rms(y, frame_length=1024.0, hop_length=256.0), F.rms(y, frame_length=1024, hop_length=256)
    )


def test_center_must_be_a_bool():
    with pytest.raises(TypeError, match="center"):
        F.rms(make("noise", 4096), center="False")


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        F.rms(make("noise", 4096), 1024, 512)
