"""helpers.signals: the sounds are what their formulas say, and bad input is refused."""

import numpy as np
import pytest
import scipy.signal

from helpers import signals as G
from helpers.spectral import magnitude_spectrum


def test_sine_matches_formula():
    y = G.sine(440, 0.5, sr=8000, amplitude=0.3, phase=0.7)
    t = np.arange(4000) / 8000
    np.testing.assert_allclose(y, 0.3 * np.sin(2 * np.pi * 440 * t + 0.7), atol=1e-12)
    assert y.dtype == np.float64


def test_sine_above_nyquist_is_allowed_and_aliases():
    y = G.sine(15000, 1.0, sr=22050)
    freqs, mags = magnitude_spectrum(y, sr=22050)
    assert freqs[mags.argmax()] == pytest.approx(7050, abs=1)


def test_square_and_sawtooth_match_scipy():
    t = np.arange(8000) / 8000
    np.testing.assert_allclose(
        G.sawtooth(5, 1.0, sr=8000), scipy.signal.sawtooth(2 * np.pi * 5 * t), atol=1e-9
    )
    sq = G.square(5, 1.0, sr=8000, amplitude=0.5)
    assert set(np.unique(sq)) == {-0.5, 0.5}
    assert np.mean(sq > 0) == pytest.approx(0.5, abs=0.01)


@pytest.mark.parametrize("method", ["linear", "exponential"])
def test_chirp_matches_scipy(method):
    t = np.arange(22050) / 22050
    ours = G.chirp(100, 4000, 1.0, sr=22050, method=method)
    theirs = scipy.signal.chirp(
        t,
        f0=100,
        t1=1.0,
        f1=4000,
        method="linear" if method == "linear" else "logarithmic",
        phi=-90,
    )
    np.testing.assert_allclose(ours, theirs, atol=1e-6)


def test_white_noise_is_seeded_and_bounded():
    a = G.white_noise(1.0, sr=8000, seed=3, amplitude=0.5)
    np.testing.assert_array_equal(a, G.white_noise(1.0, sr=8000, seed=3, amplitude=0.5))
    assert np.abs(a).max() <= 0.5
    assert not np.array_equal(a, G.white_noise(1.0, sr=8000, seed=4, amplitude=0.5))
    # white: the spectrum is flat on average (low and high halves within 10 %)
    _, mags = magnitude_spectrum(G.white_noise(4.0, sr=8000, seed=1), sr=8000)
    half = len(mags) // 2
    assert np.mean(mags[1:half] ** 2) == pytest.approx(np.mean(mags[half:-1] ** 2), rel=0.1)


def test_harmonic_tone_has_the_requested_partials():
    y = G.harmonic_tone(200, [1.0, 0.0, 0.5, 0.25], 1.0, sr=8000)
    freqs, mags = magnitude_spectrum(y, sr=8000)
    for k, amp in [(1, 1.0), (2, 0.0), (3, 0.5), (4, 0.25)]:
        assert mags[freqs == 200 * k][0] == pytest.approx(amp, abs=1e-9)


def test_harmonic_tone_leaves_out_partials_above_nyquist():
    y = G.harmonic_tone(3000, [1.0, 1.0], 1.0, sr=8000)  # 6000 Hz > 4000 Hz Nyquist
    np.testing.assert_allclose(y, G.sine(3000, 1.0, sr=8000), atol=1e-12)


def test_adsr_shape():
    sr = 1000
    env = G.adsr_envelope(0.1, 0.2, 0.5, 0.3, 1.0, sr=sr)
    assert len(env) == 1000
    assert env[0] == 0 and env[100] == pytest.approx(1.0)
    assert env[300] == pytest.approx(0.5)
    np.testing.assert_allclose(env[300:700], 0.5)
    assert env[850] == pytest.approx(0.25)
    assert env[-1] == pytest.approx(0.5 / 300, rel=1e-6)
    assert np.all(np.diff(env[:100]) > 0) and np.all(np.diff(env[700:]) < 0)
    # zero-length segments are fine
    np.testing.assert_allclose(G.adsr_envelope(0, 0, 1.0, 0, 0.1, sr=sr), 1.0)


@pytest.mark.parametrize("bits", [1, 2, 3, 8, 12, 16])
def test_quantize_levels_and_error(bits):
    y = np.linspace(-1, 1, 100001)
    q = G.quantize(y, bits)
    step = 2 / 2**bits
    assert len(np.unique(q)) == 2**bits if bits <= 16 else True
    assert np.abs(q - y).max() <= step / 2 + 1e-12


@pytest.mark.parametrize("bits", [8, 16])
def test_quantization_snr_follows_the_rule(bits):
    y = G.sine(441.7, 2.0, sr=44100, amplitude=0.999)
    err = G.quantize(y, bits) - y
    snr = 10 * np.log10(np.mean(y**2) / np.mean(err**2))
    assert snr == pytest.approx(6.02 * bits + 1.76, abs=1.0)


def test_quantize_clips():
    np.testing.assert_allclose(G.quantize([-3.0, 3.0], 2), [-0.75, 0.75])


def test_alias_frequency():
    assert G.alias_frequency(15000, sr=22050) == 7050
    assert G.alias_frequency(30000, sr=44100) == 14100
    assert G.alias_frequency(440, sr=22050) == 440
    assert G.alias_frequency(22050, sr=22050) == 0
    assert G.alias_frequency(11025, sr=22050) == 11025


def test_midi_conversions():
    assert G.midi_to_hz(69) == 440.0 and G.midi_to_hz(57) == 220.0
    np.testing.assert_allclose(G.midi_to_hz([60, 72]), [261.6255653, 523.2511306])
    assert G.hz_to_midi(880.0) == pytest.approx(81)
    np.testing.assert_allclose(G.hz_to_midi(G.midi_to_hz(np.arange(21, 109))), np.arange(21, 109))
    with pytest.raises(ValueError, match="freq"):
        G.hz_to_midi(0)


@pytest.mark.parametrize(
    "call,exc,words",
    [
        (lambda: G.sine(-1, 1.0), ValueError, "freq"),
        (lambda: G.sine(440, -1.0), ValueError, "duration"),
        (lambda: G.sine(440, 0.0), ValueError, "duration"),
        (lambda: G.sine(440, 1e-9), ValueError, "no samples"),
        (lambda: G.sine("440", 1.0), TypeError, "freq"),
        (lambda: G.sine(440, 1.0, sr=0), ValueError, "sr"),
        (lambda: G.sine(440, np.nan), ValueError, "duration"),
        (lambda: G.sine(440, 1.0, amplitude=-1), ValueError, "amplitude"),
        (lambda: G.chirp(0, 100, 1.0, method="exponential"), ValueError, "f0"),
        (lambda: G.chirp(10, 100, 1.0, method="log"), ValueError, "method"),
        (lambda: G.white_noise(1.0, seed=-1), ValueError, "seed"),
        (lambda: G.harmonic_tone(0, [1.0], 1.0), ValueError, "f0"),
        (lambda: G.harmonic_tone(100, [1.0, -0.5], 1.0), ValueError, "harmonic_amplitudes"),
        (lambda: G.harmonic_tone(100, [1.0], 1.0, phases=[0, 1]), ValueError, "phases"),
        (lambda: G.adsr_envelope(0.5, 0.5, 0.5, 0.5, 1.0), ValueError, "longer than"),
        (lambda: G.adsr_envelope(0.1, 0.1, 1.5, 0.1, 1.0), ValueError, "sustain_level"),
        (lambda: G.adsr_envelope(-0.1, 0.1, 0.5, 0.1, 1.0), ValueError, "attack"),
        (lambda: G.quantize([0.1], 0), ValueError, "bits"),
        (lambda: G.quantize([0.1], 33), ValueError, "bits"),
        (lambda: G.quantize([0.1], 4.5), ValueError, "bits"),
        (lambda: G.quantize([], 8), ValueError, "empty"),
        (lambda: G.quantize([[0.1, 0.2]], 8), ValueError, "1-D"),
        (lambda: G.quantize([np.nan], 8), ValueError, "NaN"),
        (lambda: G.alias_frequency(100, sr=-5), ValueError, "sr"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, exc, words):
    with pytest.raises(exc, match=words):
        call()


# ------------------------------------------------------------------ sizes that cannot fit


@pytest.mark.parametrize(
    "call",
    [
        lambda: G.sine(440, 1e6),
        lambda: G.square(440, 1e6),
        lambda: G.sawtooth(440, 1e6),
        lambda: G.chirp(100, 200, 1e6),
        lambda: G.white_noise(1e6),
        lambda: G.harmonic_tone(100, [1.0], 1e6),
        lambda: G.adsr_envelope(0.1, 0.1, 0.5, 0.1, 1e6),
    ],
)
def test_durations_beyond_memory_are_refused(call):
    # Before: sine(440, 1e6) asked numpy for 164 GiB.
    with pytest.raises(ValueError, match=r"duration=1000000.0 s at sr=22050 Hz") as info:
        call()
    message = str(info.value)
    assert "164 GiB" in message and "at most 12,174 s" in message


def test_huge_sample_rates_and_durations_are_refused_not_overflowed():
    with pytest.raises(ValueError, match="duration=1e\\+300 s at sr=1e\\+10 Hz"):
        G.sine(440, 1e300, sr=1e10)
    with pytest.raises(ValueError, match=r"n_samples=10000000000 .*at most 268,435,456"):
        G.time_axis(10**10)


def test_long_signals_that_fit_still_work():
    y = G.sine(440, 600.0, sr=8000)  # ten minutes
    assert y.shape == (4_800_000,) and np.abs(y).max() <= 1


# ------------------------------------------------------------------ integers


def test_quantize_refuses_integer_arrays_with_the_conversion():
    pcm = np.array([0, 16384, -32768], dtype=np.int16)
    with pytest.raises(TypeError, match=r"y holds integers .*y / 32768"):
        G.quantize(pcm, 8)
    np.testing.assert_allclose(G.quantize(pcm / 32768, 8), [0.00390625, 0.50390625, -0.99609375])


def test_integers_are_fine_where_they_are_not_samples():
    np.testing.assert_allclose(G.midi_to_hz(np.array([57, 69])), [220.0, 440.0])
    np.testing.assert_allclose(
        G.harmonic_tone(100, np.array([1, 0]), 0.1, sr=8000), G.sine(100, 0.1, sr=8000)
    )


def test_notes_beyond_any_frequency_are_refused():
    # Before: OverflowError from Python's float power.
    with pytest.raises(ValueError, match=r"note must be a MIDI note number .*got 1e\+12"):
        G.midi_to_hz(1e12)
    with pytest.raises(ValueError, match="note must be a MIDI note number"):
        G.midi_to_hz([60, 1e5])
