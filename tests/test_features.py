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


def test_float64_input_keeps_its_dtype():
    y = make("sine", 4096).astype(np.float64)
    assert F.amplitude_envelope(y).dtype == np.float64
    assert F.rms(y).dtype == np.float32  # as librosa returns


# ------------------------------------------------------------------ integers and float16


def _int16_sine():
    """A sine of amplitude 0.5 as a 16-bit WAV file holds it: integers up to 16384."""
    from helpers.signals import sine

    return np.round(sine(441, 1.0, sr=SR, amplitude=0.5) * 32768).astype(np.int16)


@pytest.mark.parametrize(
    "func", [F.rms, F.zero_crossing_rate, F.amplitude_envelope], ids=lambda f: f.__name__
)
@pytest.mark.parametrize("dtype", [np.int16, np.int32, np.uint8, np.int64])
def test_integer_arrays_are_refused_with_the_conversion(func, dtype):
    # Before: rms of int16 samples was 11585 instead of 0.35, silently.
    y = _int16_sine().astype(dtype)
    with pytest.raises(TypeError, match=r"y holds integers \(dtype") as info:
        func(y)
    message = str(info.value)
    assert "load_audio" in message and "[-1, 1]" in message
    if dtype == np.int16:
        assert "y / 32768" in message
    if dtype == np.uint8:
        assert "(y - 128) / 128" in message


def test_int16_scaled_as_advised_gives_the_right_level():
    y = _int16_sine() / 32768
    np.testing.assert_allclose(F.rms(y, center=False), 0.5 / np.sqrt(2), rtol=1e-3)
    np.testing.assert_allclose(
        F.rms(y), librosa.feature.rms(y=y.astype(np.float32))[0], rtol=1e-4, atol=1e-6
    )


def test_integers_typed_by_hand_are_fine():
    # A plain list of Python ints is not a file's samples: it is used as floats.
    np.testing.assert_array_equal(
        F.zero_crossing_rate([1, -1, 1, -1], frame_length=4, hop_length=4, center=False),
        [0.75],
    )
    np.testing.assert_array_equal(
        F.amplitude_envelope([0, 1, 0, -2], frame_length=2, hop_length=2, center=False), [1, 2]
    )
    # framing only moves numbers around: integer arrays are fine there
    np.testing.assert_array_equal(
        F.frame_signal(np.arange(6), frame_length=4, hop_length=2), [[0, 1, 2, 3], [2, 3, 4, 5]]
    )


def test_float16_is_computed_in_float32():
    # float16 overflows above 65504: a sum of squares of loud frames would be inf
    y = np.full(4096, 0.9, dtype=np.float16)
    r = F.rms(y, frame_length=4096, hop_length=512, center=False)
    assert np.isfinite(r).all() and r[0] == pytest.approx(0.9, rel=1e-3)
    assert F.amplitude_envelope(y).dtype == np.float32
    np.testing.assert_array_equal(
        F.zero_crossing_rate(make("noise", 5000).astype(np.float16)),
        F.zero_crossing_rate(make("noise", 5000).astype(np.float16).astype(np.float32)),
    )


# ------------------------------------------------------------------ sizes that cannot fit


@pytest.mark.parametrize(
    "func", [F.rms, F.zero_crossing_rate, F.amplitude_envelope, F.frame_signal]
)
def test_frame_lengths_beyond_memory_are_refused(func):
    # Before: rms(short_signal, frame_length=10**9) padded to 7.5 GiB.
    kw = dict(frame_length=10**9, hop_length=512)
    if func is F.frame_signal:
        kw["center"] = True
    with pytest.raises(ValueError, match=r"frame_length=1000000000 .*at most 268,435,456") as info:
        func(make("noise", 1500), **kw)
    assert "7.45 GiB" in str(info.value)


def test_long_frames_that_fit_still_work():
    y = make("noise", 1500)
    r = F.rms(y, frame_length=100_001, hop_length=512)
    np.testing.assert_allclose(r, librosa.feature.rms(y=y, frame_length=100_001)[0], rtol=1e-5)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(
    "frame_length,hop_length", [(1000, 3), (2048, 500), (7, 5), (300, 1000), (4097, 4096)]
)
@pytest.mark.parametrize("center", [True, False])
def test_amplitude_envelope_any_hop_equals_loop(kind, frame_length, hop_length, center):
    # Hops that do not divide the frame take the running-maximum route (no frame-sized copies).
    y = make(kind, 22051)
    got = F.amplitude_envelope(y, frame_length=frame_length, hop_length=hop_length, center=center)
    np.testing.assert_array_equal(got, _envelope_loop(y, frame_length, hop_length, center))
    assert got.dtype == y.dtype


def test_amplitude_envelope_with_many_long_frames_stays_small():
    # 7350 frames of a million samples: np.abs(frames) would be 58 GB; the running maximum
    # needs about three copies of the padded signal.
    y = make("chirp", 22050)
    got = F.amplitude_envelope(y, frame_length=10**6, hop_length=3)
    assert got.shape == (1 + 22050 // 3,)
    np.testing.assert_array_equal(got, np.full(len(got), np.abs(y).max()))


# ------------------------------------------------------------------ frame indices


@pytest.mark.parametrize(
    "frames,exc,words",
    [
        (["a"], TypeError, "frames must be frame indices"),
        (None, TypeError, "frames must be frame indices"),
        ("3", TypeError, "frames must be frame indices"),
        (1.5, ValueError, r"whole frame indices .*got 1.5.*frames_to_time"),
        ([0, 1, 2.5], ValueError, "got 2.5"),
        ([0, np.nan], ValueError, "finite"),
        ([[0, 1], [2]], TypeError, "frames must be frame indices"),
        (True, TypeError, "frame indices"),
    ],
)
def test_frames_to_samples_refuses_what_is_not_a_frame_index(frames, exc, words):
    with pytest.raises(exc, match=words):
        F.frames_to_samples(frames, hop_length=512)


def test_frames_to_samples_gives_whole_sample_indices_like_librosa():
    for frames in ([0, 1, 2], np.arange(10), 7, np.array([3.0, 4.0]), np.int32(5)):
        got = F.frames_to_samples(frames, hop_length=300)
        want = librosa.frames_to_samples(frames, hop_length=300)
        np.testing.assert_array_equal(got, want)
        assert np.asarray(got).dtype.kind == "i"
    assert isinstance(F.frames_to_samples(7, hop_length=300), int)


@pytest.mark.parametrize(
    "frames,exc,words",
    [
        (["a"], TypeError, "frame indices"),
        (None, TypeError, "frame indices"),
        ([0, np.inf], ValueError, "finite"),
    ],
)
def test_frames_to_time_refuses_what_is_not_a_frame_index(frames, exc, words):
    with pytest.raises(exc, match=words):
        F.frames_to_time(frames, sr=22050, hop_length=512)
    # fractions are fine for a time between frames
    assert F.frames_to_time(1.5, sr=1000, hop_length=10) == pytest.approx(0.015)


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
