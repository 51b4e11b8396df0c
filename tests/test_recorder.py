"""helpers.recorder without a browser: what the browser sends is decoded and resampled right.

The browser sends one buffer of float32 samples per channel, at the sound card's rate
(44 100 or 48 000 Hz), in messages of at most one second; an upload sends a file's bytes.
These tests build exactly those messages and pass them through the widget's real message
handler (ipywidgets' ``_handle_msg``), and compare the result with ``load_audio`` (soxr) and
librosa.  The real browser is in ``test_browser_recorder.py``.
"""

from __future__ import annotations

import io
import wave
from pathlib import Path

import librosa
import numpy as np
import pytest
import soundfile

from helpers import recorder as rec_module
from helpers import widgets
from helpers.audio import load_audio, load_sample, samples_dir
from helpers.recorder import Recorder, decode_file, decode_pcm

SR = 22050


def _tone(freqs_amps, seconds, sr):
    t = np.arange(int(round(seconds * sr))) / sr
    return sum(a * np.sin(2 * np.pi * f * t) for f, a in freqs_amps).astype(np.float32)


def _peak_hz(y, sr, *, pad=8):
    """The strongest frequency of y (Hann window, zero-padded FFT)."""
    n = pad * len(y)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y)), n=n))
    return np.fft.rfftfreq(n, 1 / sr)[spectrum.argmax()]


def _amplitude_at(y, sr, freq):
    """Amplitude of the sinusoid at ``freq`` in y (least squares on sine and cosine)."""
    t = np.arange(len(y)) / sr
    basis = np.stack([np.sin(2 * np.pi * freq * t), np.cos(2 * np.pi * freq * t)], axis=1)
    coef, *_ = np.linalg.lstsq(basis, y.astype(np.float64), rcond=None)
    return float(np.hypot(*coef))


def _send(widget, content, buffers=()):
    """Deliver a custom message to the widget the way ipywidgets does for the front end."""
    widget._handle_msg(
        {
            "content": {"data": {"method": "custom", "content": content}},
            "buffers": [memoryview(b) for b in buffers],
        }
    )


def _send_recording(widget, channels, native_sr, *, take="t1", per_part=None):
    """Send planar float32 channels in parts of one second, as recorder.js does."""
    frames = len(channels[0])
    per_part = per_part or int(native_sr)
    parts = max(1, -(-frames // per_part))
    for index in range(parts):
        chunk = [
            np.asarray(c[index * per_part : (index + 1) * per_part], dtype="<f4") for c in channels
        ]
        _send(
            widget,
            {
                "event": "recording",
                "take": take,
                "index": index,
                "parts": parts,
                "sr": native_sr,
                "channels": len(channels),
            },
            [c.tobytes() for c in chunk],
        )


def _send_upload(widget, data, name, *, part_bytes=1 << 20, take="u1"):
    parts = max(1, -(-len(data) // part_bytes))
    for index in range(parts):
        _send(
            widget,
            {
                "event": "upload",
                "take": take,
                "index": index,
                "parts": parts,
                "name": name,
                "size": len(data),
            },
            [data[index * part_bytes : (index + 1) * part_bytes]],
        )


def _file_bytes(y, sr, fmt, subtype=None):
    buf = io.BytesIO()
    soundfile.write(buf, y, sr, format=fmt, subtype=subtype)
    return buf.getvalue()


# --- decode_pcm: what the microphone sends -------------------------------------------------


@pytest.mark.parametrize("native_sr", [44100, 48000])
@pytest.mark.parametrize("n_channels", [1, 2])
def test_decode_pcm_mixes_to_mono_and_resamples_like_load_audio(tmp_path, native_sr, n_channels):
    seconds = 1.5
    left = _tone([(440, 0.5)], seconds, native_sr)
    right = _tone([(660, 0.3)], seconds, native_sr)
    channels = [left] if n_channels == 1 else [left, right]

    y, sr = decode_pcm([c.tobytes() for c in channels], native_sr=native_sr, sr=SR)

    assert sr == SR and y.dtype == np.float32 and y.ndim == 1
    assert len(y) == int(np.ceil(len(left) * SR / native_sr))
    assert np.abs(y).max() <= 1.0
    # The same numbers as reading a float WAV of that recording with load_audio...
    path = tmp_path / "same.wav"
    soundfile.write(path, np.stack(channels, axis=1), native_sr, subtype="FLOAT")
    expected, _ = load_audio(path, sr=SR)
    np.testing.assert_allclose(y, expected, atol=1e-6)
    # ...and as librosa's mono mix and soxr resampling.
    mono = np.mean(np.stack(channels), axis=0)
    theirs = librosa.resample(mono, orig_sr=native_sr, target_sr=SR, res_type="soxr_hq")
    np.testing.assert_allclose(y[: len(theirs)], theirs[: len(y)], atol=1e-5)
    # The tones keep their frequencies and the mono mix halves each channel's amplitude.
    middle = y[SR // 4 : -SR // 4]
    if n_channels == 1:
        assert abs(_peak_hz(middle, SR) - 440) < 1
        assert _amplitude_at(middle, SR, 440) == pytest.approx(0.5, abs=0.005)
    else:
        assert _amplitude_at(middle, SR, 440) == pytest.approx(0.25, abs=0.005)
        assert _amplitude_at(middle, SR, 660) == pytest.approx(0.15, abs=0.005)


def test_decode_pcm_at_the_target_rate_keeps_the_samples_and_clips_to_full_scale():
    x = np.array([0.0, 0.5, -0.25, 1.5, -2.0], dtype="<f4")
    y, sr = decode_pcm([x.tobytes()], native_sr=22050, sr=22050)
    np.testing.assert_array_equal(y, [0.0, 0.5, -0.25, 1.0, -1.0])
    assert y.dtype == np.float32 and sr == 22050


def test_decode_pcm_accepts_exactly_max_seconds():
    x = np.zeros(2 * 48000, dtype="<f4")
    y, _ = decode_pcm([x.tobytes()], native_sr=48000, sr=SR, max_seconds=2)
    assert len(y) == 2 * SR


@pytest.mark.parametrize(
    ("channels", "kwargs", "error", "match"),
    [
        ([], {}, ValueError, r"0 channels"),
        ([b""], {}, ValueError, r"empty: no sound arrived"),
        ([b"", b""], {}, ValueError, r"empty"),
        ([b"\x00" * 10], {}, ValueError, r"channel 0 is not float32 audio: 10 bytes"),
        ([b"\x00" * 8, b"\x00" * 12], {}, ValueError, r"different lengths \(\[2, 3\] samples\)"),
        (
            [np.array([0.1, np.nan, np.inf], dtype="<f4").tobytes()],
            {},
            ValueError,
            r"not audio: it holds 2 NaN or infinite",
        ),
        (
            [np.zeros(48000 * 3 + 1, dtype="<f4").tobytes()],
            {"max_seconds": 3},
            ValueError,
            r"lasts 3\.00 s, longer than this recorder's max_seconds=3.*max_seconds=4",
        ),
        ([b"\x00" * 8], {"native_sr": 1e6}, ValueError, r"native_sr must be .*got 1000000\.0"),
        ([b"\x00" * 8], {"native_sr": 0}, ValueError, r"native_sr must be"),
        ([b"\x00" * 8], {"native_sr": "48000"}, TypeError, r"native_sr must be a real number"),
        (b"\x00" * 8, {}, TypeError, r"channels must be a list with one buffer"),
        (["abcd"], {}, TypeError, r"channel 0 must be a bytes-like buffer"),
        ([b"\x00" * 8], {"max_seconds": 0}, ValueError, r"max_seconds must be greater than 0"),
        ([b"\x00" * 8], {"sr": -1}, ValueError, r"sr must be greater than 0"),
    ],
)
def test_decode_pcm_refuses_bad_payloads_clearly(channels, kwargs, error, match):
    kwargs = {"native_sr": 48000, **kwargs}
    with pytest.raises(error, match=match):
        decode_pcm(channels, **kwargs)


# --- decode_file: the Upload button ---------------------------------------------------------

FORMATS = [("WAV", "PCM_16"), ("WAV", "FLOAT"), ("FLAC", "PCM_24"), ("OGG", "VORBIS")]
if "MP3" in soundfile.available_formats():
    FORMATS.append(("MP3", "MPEG_LAYER_III"))


@pytest.mark.parametrize(("fmt", "subtype"), FORMATS, ids=lambda v: str(v))
def test_decode_file_reads_what_load_audio_reads(tmp_path, fmt, subtype):
    stereo = np.stack([_tone([(440, 0.4)], 2.0, 48000), _tone([(440, 0.4)], 2.0, 48000)], axis=1)
    data = _file_bytes(stereo, 48000, fmt, subtype)
    name = f"my sound.{fmt.lower()}"
    y, sr = decode_file(data, name=name, sr=SR)
    path = tmp_path / name
    path.write_bytes(data)
    expected, _ = load_audio(path, sr=SR)
    np.testing.assert_array_equal(y, np.clip(expected, -1, 1))
    assert sr == SR and y.dtype == np.float32 and np.abs(y).max() <= 1
    assert abs(_peak_hz(y[SR // 2 : -SR // 2], SR) - 440) < 2


def test_decode_file_leaves_no_temporary_file(tmp_path, monkeypatch):
    monkeypatch.setattr(rec_module.tempfile, "tempdir", str(tmp_path))
    decode_file(_file_bytes(np.zeros(100), 8000, "WAV"), name="a.wav")
    with pytest.raises(ValueError):
        decode_file(b"not a sound at all" * 20, name="notes.txt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "name", "kwargs", "error", "match"),
    [
        (b"", "take.wav", {}, ValueError, r"take\.wav is empty \(0 bytes\)"),
        (
            b"just some text, not a sound" * 40,
            "notes.txt",
            {},
            ValueError,
            r"notes\.txt could not be read as audio\. Upload a sound file such as WAV",
        ),
        (
            b"RIFF\x00\x00\x00\x00WAVEjunk",
            "broken.wav",
            {},
            ValueError,
            r"broken\.wav could not be read as audio",
        ),
        ("a string", "x.wav", {}, TypeError, r"data must be the file's bytes"),
        (b"x", 42, {}, TypeError, r"name must be the file's name"),
    ],
)
def test_decode_file_refuses_bad_uploads_clearly(data, name, kwargs, error, match):
    with pytest.raises(error, match=match):
        decode_file(data, name=name, **kwargs)


def test_decode_file_refuses_a_file_longer_than_max_seconds():
    data = _file_bytes(np.zeros(int(12.5 * 16000)), 16000, "FLAC")
    with pytest.raises(
        ValueError, match=r"long\.flac lasts 12\.50 s.*max_seconds=10.*max_seconds=13"
    ):
        decode_file(data, name="long.flac", max_seconds=10)


def test_decode_file_refuses_a_file_that_is_too_large(monkeypatch):
    monkeypatch.setattr(rec_module, "MAX_UPLOAD_BYTES", 1000)
    with pytest.raises(ValueError, match=r"big\.wav is 0 MiB; the recorder accepts files up to"):
        decode_file(b"\x00" * 1001, name="big.wav")


# --- the widget: messages in, rec.y out -----------------------------------------------------


def _wav_frames(data):
    with wave.open(io.BytesIO(data)) as w:
        return w.getframerate(), w.getnchannels(), w.getnframes()


def test_recorder_starts_empty_and_is_reexported_from_widgets():
    rec = widgets.recorder()
    assert isinstance(rec, Recorder)
    assert rec.y is None and rec.sr == 22050 and not rec.recorded and rec.duration == 0.0
    assert rec.takes == [] and rec.wav == b""
    assert widgets.recorder(sr=16000, max_seconds=3).max_seconds == 3


@pytest.mark.parametrize("native_sr", [44100, 48000])
def test_a_stereo_recording_in_parts_becomes_rec_y(native_sr):
    rec = widgets.recorder(sr=SR, max_seconds=10)
    left = _tone([(440, 0.5)], 2.5, native_sr)
    right = _tone([(440, 0.5)], 2.5, native_sr)

    _send_recording(rec, [left, right], native_sr)

    expected, _ = decode_pcm([left.tobytes(), right.tobytes()], native_sr=native_sr, sr=SR)
    np.testing.assert_array_equal(rec.y, expected)
    assert rec.y.dtype == np.float32 and rec.sr == SR and rec.recorded
    assert rec.duration == pytest.approx(2.5, abs=1e-4)
    assert rec.source == "microphone" and rec.native_sr == native_sr
    assert len(rec.takes) == 1 and rec.takes[0] is rec.y
    assert rec.status_kind == "ok"
    assert f"Got 2.50 s from the microphone ({native_sr} Hz, 2 channels)" in rec.status
    assert _wav_frames(rec.wav) == (SR, 1, len(rec.y))  # the player plays what the kernel holds


def test_an_upload_in_parts_becomes_rec_y(tmp_path):
    rec = widgets.recorder(sr=SR)
    y44 = _tone([(330, 0.3)], 3.0, 44100)
    data = _file_bytes(y44, 44100, "WAV", "PCM_16")
    _send_upload(rec, data, "my voice.wav", part_bytes=100_000)  # three parts
    path = tmp_path / "x.wav"
    path.write_bytes(data)
    expected, _ = load_audio(path, sr=SR)
    np.testing.assert_array_equal(rec.y, expected)
    assert rec.source == "file my voice.wav" and rec.native_sr is None
    assert rec.status_kind == "ok" and "Got 3.00 s from my voice.wav" in rec.status


def test_bad_payloads_show_a_message_in_the_widget_and_keep_the_last_sound():
    rec = widgets.recorder(sr=SR, max_seconds=2)
    _send_recording(rec, [_tone([(440, 0.5)], 1.0, 48000)], 48000)
    kept = rec.y
    serial = rec.status_serial
    cases = [
        (lambda: _send_recording(rec, [np.zeros(0, "<f4")], 48000), "empty"),
        (lambda: _send_recording(rec, [np.zeros(3 * 48000, "<f4")], 48000), "max_seconds=2"),
        (lambda: _send_upload(rec, b"plain text, not sound" * 10, "notes.txt"), "not be read"),
        (lambda: _send_upload(rec, b"", "nothing.wav"), "empty (0 bytes)"),
        (
            lambda: _send(
                rec,
                {
                    "event": "recording",
                    "take": "z",
                    "index": 1,
                    "parts": 2,
                    "sr": 48000,
                    "channels": 1,
                },
                [b"\x00" * 8],
            ),
            "out of order",
        ),
        (lambda: _send(rec, {"event": "dance"}), "unexpected message"),
        (
            lambda: _send(
                rec,
                {
                    "event": "recording",
                    "take": "c",
                    "index": 0,
                    "parts": 1,
                    "sr": 48000,
                    "channels": 2,
                },
                [b"\x00" * 8],
            ),
            "2 channel buffer",
        ),
    ]
    for deliver, words in cases:
        deliver()  # no exception escapes to the kernel
        assert rec.status_kind == "error", words
        assert words in rec.status
        assert rec.status_serial > serial  # the page is told even if the text repeats
        serial = rec.status_serial
        assert rec.y is kept and len(rec.takes) == 1


def test_a_refused_microphone_is_shown_as_the_browser_reported_it():
    rec = widgets.recorder()
    _send(rec, {"event": "problem", "message": "The browser did not allow the microphone."})
    assert rec.status == "The browser did not allow the microphone." and rec.status_kind == "error"
    assert rec.y is None


def test_every_take_is_kept_and_y_is_the_latest():
    rec = widgets.recorder(sr=SR)
    for i, freq in enumerate((220, 330, 440)):
        _send_recording(rec, [_tone([(freq, 0.5)], 1.0, 48000)], 48000, take=f"t{i}")
    assert len(rec.takes) == 3 and rec.y is rec.takes[-1]
    assert [round(_peak_hz(t, SR)) for t in rec.takes] == [220, 330, 440]
    assert "take 3" in rec.status


def test_clips_gives_every_take_or_its_loudest_stretch():
    rec = widgets.recorder(sr=SR)
    assert rec.clips() == [] and rec.clips(seconds=1.0) == []
    for i, level in enumerate((0.2, 0.6)):
        burst = np.concatenate([np.zeros(SR), np.full(SR // 4, level), np.zeros(SR)]).astype("<f4")
        _send_recording(rec, [burst], SR, take=f"t{i}")
    whole = rec.clips()
    assert [len(c) for c in whole] == [SR * 9 // 4] * 2
    assert whole[0] is not rec.takes[0]
    np.testing.assert_array_equal(whole[1], rec.takes[1])
    cut = rec.clips(seconds=0.25)
    assert [len(c) for c in cut] == [SR // 4] * 2
    np.testing.assert_allclose([c.mean() for c in cut], [0.2, 0.6], rtol=1e-6)
    with pytest.raises(ValueError, match="seconds must be greater than 0"):
        rec.clips(seconds=-1)


def test_a_nearly_silent_recording_gets_a_hint():
    rec = widgets.recorder()
    _send_recording(rec, [np.full(48000, 1e-5, "<f4")], 48000)
    assert rec.status_kind == "ok" and "almost silent" in rec.status


# --- sound_or_sample: cells that run with or without a recording ----------------------------


def test_sound_or_sample_falls_back_to_a_shipped_clip_and_says_so(capsys):
    rec = widgets.recorder(sr=SR)
    y, sr = rec.sound_or_sample("speech")
    expected, _ = load_sample("speech", sr=SR)
    np.testing.assert_array_equal(y, expected)
    assert sr == SR
    out = capsys.readouterr().out
    assert "Nothing recorded yet, so this uses the shipped clip 'speech'" in out


def test_sound_or_sample_uses_the_recording_once_there_is_one(capsys):
    rec = widgets.recorder(sr=SR)
    _send_recording(rec, [_tone([(440, 0.5)], 1.2, 48000)], 48000)
    y, sr = rec.sound_or_sample("speech")
    np.testing.assert_array_equal(y, rec.y)
    assert y is not rec.y  # a copy: changing it does not change the recording
    assert "Using your recording (1.20 s)." in capsys.readouterr().out


def test_sound_or_sample_can_fall_back_to_a_file_and_cut_the_loudest_second(capsys):
    rec = widgets.recorder(sr=SR)
    clip = next((samples_dir() / "dataset" / "speech").glob("*.flac"))
    y, _ = rec.sound_or_sample(clip, seconds=0.5)
    assert len(y) == SR // 2
    out = capsys.readouterr().out
    assert f"this uses the file {clip.name} (1.00 s; its loudest 0.5 s)" in out

    quiet_loud_quiet = np.concatenate(
        [np.full(SR, 0.01), np.full(SR // 2, 0.8), np.full(2 * SR, 0.01)]
    ).astype("<f4")
    _send_recording(rec, [quiet_loud_quiet], SR)
    y, _ = rec.sound_or_sample("speech", seconds=0.5)
    assert len(y) == SR // 2 and np.all(y == pytest.approx(0.8))
    y_long, _ = rec.sound_or_sample("speech", seconds=5.0)  # longer than the take: padded
    assert len(y_long) == 5 * SR and np.all(y_long[len(rec.y) :] == 0)


def test_sound_or_sample_refuses_an_unknown_fallback():
    rec = widgets.recorder()
    with pytest.raises(ValueError, match=r"fallback must be a shipped sample .*got 'my_cat'"):
        rec.sound_or_sample("my_cat")
    with pytest.raises(ValueError, match=r"seconds must be greater than 0"):
        rec.sound_or_sample("speech", seconds=0)


# --- construction, display and the shipped JavaScript ---------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"max_seconds": 0}, ValueError, r"max_seconds must be greater than 0; got 0"),
        ({"max_seconds": 1e4}, ValueError, r"max_seconds must be <= 600"),
        ({"max_seconds": "10"}, TypeError, r"max_seconds must be a real number"),
        ({"sr": 0}, ValueError, r"sr must be greater than 0"),
        ({"sr": 10**6}, ValueError, r"sr must be at most 384,000 Hz"),
        ({"sr": "22050"}, TypeError, r"sr must be a real number"),
    ],
)
def test_recorder_refuses_bad_settings(kwargs, error, match):
    with pytest.raises(error, match=match):
        widgets.recorder(**kwargs)


def test_the_recorder_displays_as_a_widget_with_a_note_for_pages_without_a_kernel():
    rec = widgets.recorder()
    data, metadata = rec._repr_mimebundle_()
    assert data["application/vnd.jupyter.widget-view+json"]["model_id"] == rec.model_id
    assert "Record" in data["text/html"] and "no kernel" in data["text/html"]
    assert "cannot record" in data["text/plain"]
    assert metadata["helpers"]["needs_kernel"] is True


def test_the_javascript_ships_with_the_package_and_loads_nothing_from_the_network():
    esm = Recorder._esm
    assert esm == Path(rec_module.__file__).with_name("recorder.js").read_text(encoding="utf-8")
    for words in ('"Record"', '"Stop"', '"Upload"', "getUserMedia", "getTracks()", "track.stop()"):
        assert words in esm
    assert "http://" not in esm.replace("http://localhost:8888", "")
    assert "https://" not in esm and "import " not in esm.split("const WORKLET")[0]
    assert "recorder.js" in _package_data() and "recorder.css" in _package_data()


def _package_data():
    import tomllib

    root = Path(__file__).resolve().parents[1]
    config = tomllib.loads((root / "pyproject.toml").read_text())
    return " ".join(config["tool"]["setuptools"]["package-data"]["helpers"])


def test_the_static_site_shows_the_note_instead_of_a_dead_widget(tmp_path):
    """Execute a notebook with a recorder and an explorer, then build its page as make html does."""
    import importlib.util

    import nbformat
    from nbclient import NotebookClient

    root = Path(__file__).resolve().parents[1]
    spec = importlib.util.spec_from_file_location("build_html", root / "tools" / "build_html.py")
    build_html = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_html)

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("from helpers import widgets\nrec = widgets.recorder()\nrec"),
        nbformat.v4.new_code_cell("widgets.sine_explorer()"),
    ]
    NotebookClient(nb, timeout=120, kernel_name="python3").execute()
    view = "application/vnd.jupyter.widget-view+json"
    recorder_id = nb.cells[0].outputs[0]["data"][view]["model_id"]
    # The kernel's widget state is saved in the notebook, so a page drawn from it
    # could show the recorder as a widget that looks alive and cannot record.
    assert (
        recorder_id in nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    )
    path = tmp_path / "lesson.ipynb"
    nbformat.write(nb, path)
    build_html.build([path], tmp_path / "site", execute=False)
    body = (tmp_path / "site" / "lesson.html").read_text()

    assert "needs a running notebook" in body and "course-recorder-note" in body
    # only the explorer is drawn from the saved widget state (as a snapshot), not the recorder
    assert body.count('<div class="explorer">') == 1 and "Sine explorer" in body
