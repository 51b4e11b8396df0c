"""helpers.audio: loading like librosa.load, the shipped samples, clear errors, playback."""

import io
import wave

import librosa
import numpy as np
import pytest
import soundfile

from helpers import audio, signals


@pytest.fixture
def sound_file(tmp_path):
    """Write a test sound file: (sample rate, channels, format) -> path."""

    def make(sr, channels, fmt="WAV", seconds=1.3):
        rng = np.random.default_rng(sr + channels)
        t = np.arange(int(seconds * sr)) / sr
        data = np.stack(
            [
                0.4 * np.sin(2 * np.pi * (300 + 200 * c) * t) + 0.05 * rng.standard_normal(len(t))
                for c in range(channels)
            ],
            axis=1,
        )
        path = tmp_path / f"test_{sr}_{channels}.{fmt.lower()}"
        soundfile.write(path, data, sr, format=fmt, subtype="PCM_16")
        return path

    return make


@pytest.mark.parametrize("native_sr", [22050, 44100, 48000, 16000, 8000])
@pytest.mark.parametrize("channels", [1, 2])
@pytest.mark.parametrize("target_sr", [22050, None, 16000])
@pytest.mark.parametrize("fmt", ["WAV", "FLAC"])
def test_load_audio_equals_librosa_load(sound_file, native_sr, channels, target_sr, fmt):
    path = sound_file(native_sr, channels, fmt)
    got, got_sr = audio.load_audio(path, sr=target_sr)
    want, want_sr = librosa.load(path, sr=target_sr)
    assert got_sr == want_sr
    assert got.dtype == want.dtype == np.float32
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, atol=1e-5)


# ------------------------------------------------------------------ resample


def _test_signal(n, dtype, seed=0):
    """Two tones and a little noise: content near the new Nyquist frequency shows a bad filter."""
    t = np.arange(n) / 44100
    rng = np.random.default_rng(seed)
    y = 0.4 * np.sin(2 * np.pi * 440 * t) + 0.3 * np.sin(2 * np.pi * 10500 * t)
    return (y + 0.05 * rng.standard_normal(n)).astype(dtype)


@pytest.mark.parametrize(
    "orig_sr, target_sr",
    [(44100, 22050), (48000, 22050), (8000, 22050), (22050, 16000), (44100, 11025), (48000, 44100)],
)
@pytest.mark.parametrize("n", [1, 7, 1000, 44101])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_resample_equals_librosa_soxr_hq(orig_sr, target_sr, n, dtype):
    y = _test_signal(n, dtype)
    got = audio.resample(y, orig_sr=orig_sr, target_sr=target_sr)
    want = librosa.resample(y, orig_sr=orig_sr, target_sr=target_sr, res_type="soxr_hq")
    assert got.dtype == want.dtype == dtype
    assert got.shape == want.shape == (int(np.ceil(n * target_sr / orig_sr)),)
    np.testing.assert_allclose(got, want, atol=1e-6 if dtype == np.float32 else 1e-12)


def test_resample_is_load_audios_resampler(sound_file):
    path = sound_file(48000, 1)
    native, native_sr = audio.load_audio(path, sr=None)
    loaded, _ = audio.load_audio(path, sr=22050)
    assert native_sr == 48000
    np.testing.assert_array_equal(audio.resample(native, orig_sr=48000, target_sr=22050), loaded)


def test_resample_filters_what_the_new_rate_cannot_hold():
    # 10.5 kHz fits under 22.05 kHz's Nyquist frequency (11 025 Hz) but not under 8 kHz's
    # (4 kHz): a resampler that only dropped samples would fold it down to 2.5 kHz.
    y = _test_signal(44100, np.float64)
    low = audio.resample(y, orig_sr=44100, target_sr=8000)
    spectrum = np.abs(np.fft.rfft(low))
    freqs = np.fft.rfftfreq(len(low), 1 / 8000)
    tone = spectrum[np.argmin(np.abs(freqs - 440))]
    alias = spectrum[np.argmin(np.abs(freqs - 2500))]
    assert alias < tone / 100


def test_resample_to_the_same_rate_returns_the_signal():
    y = _test_signal(100, np.float32)
    assert audio.resample(y, orig_sr=22050, target_sr=22050.0) is y
    listed = audio.resample([0.5, -0.5, 0.25], orig_sr=8000, target_sr=8000)
    assert listed.dtype == np.float64 and listed.tolist() == [0.5, -0.5, 0.25]


Z = np.zeros(10)
BAD_RESAMPLE = [
    (Z, 0, 22050, ValueError, "orig_sr must be greater than 0"),
    (Z, 44100, -1, ValueError, "target_sr must be greater than 0"),
    (Z, "44100", 22050, TypeError, "orig_sr must be a real number"),
    (Z, 44100, None, TypeError, "target_sr must be a real number"),
    (Z, np.nan, 22050, ValueError, "orig_sr must be finite"),
    (Z, 44100, 10**6, ValueError, r"target_sr must be at most 384,000 Hz .*got 1e\+06\.$"),
    (np.zeros(10**6), 1, 384_000, ValueError, r"from 1 Hz to 384000 Hz asks for .* GiB"),
    (np.array([], dtype=np.float32), 44100, 22050, ValueError, "y is empty"),
    (np.zeros((2, 100)), 44100, 22050, ValueError, r"y must be 1-D .*mix to mono"),
    (np.array([0.1, np.nan]), 44100, 22050, ValueError, "1 NaN or infinite"),
    (np.array([100, -100], dtype=np.int16), 44100, 22050, TypeError, "y / 32768"),
    ("sound.wav", 44100, 22050, TypeError, "y must be a 1-D array"),
]


@pytest.mark.parametrize("y, orig_sr, target_sr, error, match", BAD_RESAMPLE)
def test_resample_refuses_bad_input_clearly(y, orig_sr, target_sr, error, match):
    with pytest.raises(error, match=match):
        audio.resample(y, orig_sr=orig_sr, target_sr=target_sr)


def test_resample_needs_keyword_rates():
    with pytest.raises(TypeError):
        audio.resample(np.zeros(10), 44100, 22050)


def test_missing_file_is_named(tmp_path):
    missing = tmp_path / "nope.wav"
    with pytest.raises(FileNotFoundError, match="nope.wav"):
        audio.load_audio(missing)


def test_corrupt_file_is_named(tmp_path):
    bad = tmp_path / "broken.wav"
    bad.write_bytes(b"RIFF\x00\x00\x00\x00WAVEnot really audio at all")
    with pytest.raises(ValueError, match="broken.wav"):
        audio.load_audio(bad)
    text = tmp_path / "notes.flac"
    text.write_text("just words")
    with pytest.raises(ValueError, match="notes.flac"):
        audio.load_audio(text)
    with pytest.raises(ValueError, match="folder"):
        audio.load_audio(tmp_path)


def test_bad_arguments(sound_file):
    path = sound_file(22050, 1)
    with pytest.raises(ValueError, match="sr"):
        audio.load_audio(path, sr=-1)
    with pytest.raises(TypeError, match="path"):
        audio.load_audio(123)


# ------------------------------------------------------------------ shipped samples


def test_list_samples_has_the_course_sounds():
    names = audio.list_samples()
    for name in ("piano_A4", "organ_A4", "speech"):
        assert name in names
    assert names == sorted(names)


@pytest.mark.parametrize("name", audio.list_samples())
def test_every_sample_loads_as_mono_float32(name):
    y, sr = audio.load_sample(name)
    assert sr == 22050 and y.dtype == np.float32 and y.ndim == 1
    info = audio.sample_info(name)
    assert len(y) / sr == pytest.approx(float(info["duration_s"]), abs=0.01)
    assert 0.05 < np.abs(y).max() <= 1.0
    y_native, native_sr = audio.load_sample(name, sr=None)
    assert native_sr == int(info["sample_rate"])


def test_unknown_sample_lists_the_names():
    with pytest.raises(ValueError) as info:
        audio.load_sample("cat_meow")
    assert "cat_meow" in str(info.value) and "piano_A4" in str(info.value)


def test_samples_dir_can_be_overridden(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_AUDIO_SAMPLES", str(tmp_path))
    assert audio.samples_dir() == tmp_path
    with pytest.raises(FileNotFoundError, match="manifest"):
        audio.list_samples()


# ------------------------------------------------------------------ playback


def test_wav_bytes_round_trip():
    y = signals.sine(440, 0.5, sr=8000, amplitude=0.5)
    data = audio.to_wav_bytes(y, 8000)
    with wave.open(io.BytesIO(data)) as w:
        assert (w.getframerate(), w.getnchannels(), w.getsampwidth()) == (8000, 1, 2)
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2") / 32767
    np.testing.assert_allclose(pcm, y, atol=1 / 32767)


def test_play_keeps_the_level_unless_asked():
    quiet = signals.sine(440, 0.5, sr=8000, amplitude=0.1)
    player = audio.play(quiet, 8000)
    assert type(player).__name__ == "Audio"
    with wave.open(io.BytesIO(audio.to_wav_bytes(quiet, 8000))) as w:
        peak = np.abs(np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")).max() / 32767
    assert peak == pytest.approx(0.1, abs=1e-3)
    with wave.open(io.BytesIO(audio.to_wav_bytes(quiet, 8000, normalize=True))) as w:
        peak = np.abs(np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")).max() / 32767
    assert peak == pytest.approx(1.0, abs=1e-3)


def test_play_refuses_clipping_signals_with_advice():
    loud = signals.sine(440, 0.5, sr=8000, amplitude=2.0)
    with pytest.raises(ValueError, match="normalize=True"):
        audio.play(loud, 8000)
    audio.play(loud, 8000, normalize=True)
    with pytest.raises(ValueError, match="1-D"):
        audio.play(np.zeros((2, 100)), 8000)
    with pytest.raises(TypeError, match="normalize"):
        audio.play(loud, 8000, normalize="yes")


# ------------------------------------------------------------------ bad input, round two


def _load_in_thread(path, **kw):
    """Call load_audio in a thread, so a regression that blocks fails instead of hanging."""
    import threading

    outcome = {}

    def run():
        try:
            outcome["value"] = audio.load_audio(path, **kw)
        except Exception as exc:  # reported to the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)  # a guard against hanging for ever, not a speed requirement
    assert not thread.is_alive(), "load_audio blocked on a named pipe"
    return outcome


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="no named pipes here")
def test_named_pipe_is_refused_without_opening_it(tmp_path):
    import os

    pipe = tmp_path / "stream.wav"
    os.mkfifo(pipe)
    outcome = _load_in_thread(pipe)
    assert isinstance(outcome.get("error"), ValueError)
    assert "stream.wav is not a regular file" in str(outcome["error"])


def test_links_to_files_load_and_broken_links_are_named(sound_file, tmp_path):
    target = sound_file(22050, 1)
    link = tmp_path / "link.wav"
    link.symlink_to(target)
    np.testing.assert_array_equal(audio.load_audio(link)[0], audio.load_audio(target)[0])
    broken = tmp_path / "gone.wav"
    broken.symlink_to(tmp_path / "deleted.wav")
    with pytest.raises(FileNotFoundError, match=r"gone.wav is a broken link: .*deleted.wav"):
        audio.load_audio(broken)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("sr", [None, 16000])
def test_float_files_with_nan_or_inf_are_refused_like_librosa(tmp_path, bad, sr):
    path = tmp_path / "damaged.wav"
    data = signals.sine(440, 0.5, sr=22050, amplitude=0.5)
    data[1000:1003] = bad
    soundfile.write(path, data, 22050, subtype="FLOAT")
    with pytest.raises(ValueError, match=r"damaged.wav holds 3 NaN or infinite sample value"):
        audio.load_audio(path, sr=sr)
    if sr is not None:  # librosa refuses when it resamples
        with pytest.raises(librosa.util.exceptions.ParameterError, match="not finite"):
            librosa.load(path, sr=sr)


@pytest.mark.parametrize("sr", [1e12, 384_001, 10**6])
def test_sample_rate_above_the_maximum_is_refused(sound_file, sr):
    # Before: sr=1e12 ran for 25 s and took 6 GB.
    with pytest.raises(ValueError, match=r"sr must be at most 384,000 Hz .*sr=None"):
        audio.load_audio(sound_file(22050, 1), sr=sr)


def test_sample_rate_at_the_maximum_loads(sound_file):
    y, sr = audio.load_audio(sound_file(8000, 1, seconds=0.1), sr=audio.MAX_LOAD_SR)
    assert sr == 384_000 and len(y) == int(np.ceil(800 * 384_000 / 8000))


@pytest.mark.parametrize(
    "sr,words",
    [
        (1e12, r"sr must round to a whole number of Hz from 1 to 4,294,967,295"),
        (0.4, r"sr must round to a whole number of Hz from 1"),
        (0, r"sr must be greater than 0"),
        ("8000", r"sr must be a real number"),
        (None, r"sr must be a real number"),
    ],
)
@pytest.mark.parametrize("func", [audio.to_wav_bytes, audio.play])
def test_wav_sample_rate_outside_the_header_is_refused(func, sr, words):
    # Before: wave.Error or struct.error.
    with pytest.raises((ValueError, TypeError), match=words):
        func(signals.sine(440, 0.1, sr=8000, amplitude=0.5), sr)


@pytest.mark.parametrize("func", [audio.to_wav_bytes, audio.play])
def test_playing_integer_samples_is_refused_with_the_conversion(func):
    pcm = np.round(signals.sine(440, 0.1, sr=8000, amplitude=0.5) * 32767).astype(np.int16)
    with pytest.raises(TypeError, match=r"y holds integers \(dtype int16.*y / 32768"):
        func(pcm, 8000)
    func(pcm / 32768, 8000)
    func([0, 1, 0, -1], 8000)  # a list typed by hand is fine


def test_play_names_its_player_for_screen_readers():
    tone = signals.sine(440, 2.0, sr=8000, amplitude=0.1)
    named = audio.play(tone, 8000, label='a 440 Hz "sine"')
    assert named.label == 'a 440 Hz "sine" (2.0 s)'
    page = named._repr_html_()
    assert page.count("<audio ") == 1
    assert 'aria-label="a 440 Hz &quot;sine&quot; (2.0 s)"' in page
    assert named.data == audio.to_wav_bytes(tone, 8000)  # the sound itself is unchanged
    unnamed = audio.play(tone[:4000], 8000)
    assert 'aria-label="Sound (0.5 s)"' in unnamed._repr_html_()
    with pytest.raises(ValueError, match="label must"):
        audio.play(tone, 8000, label="  ")
    with pytest.raises(TypeError, match="label must"):
        audio.play(tone, 8000, label=3)
