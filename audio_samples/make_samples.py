#!/usr/bin/env python3
"""Rebuild every sound in ``audio_samples/`` and rewrite its manifests.

Run from the repository root:

    python audio_samples/make_samples.py                  # everything
    python audio_samples/make_samples.py --part lessons   # the named sounds, manifest.csv
    python audio_samples/make_samples.py --part dataset   # dataset/ and dataset/manifest.csv
    python audio_samples/make_samples.py --part melody    # only melody.flac and its manifest row

Nothing is downloaded. The instrument notes are rendered with FluidSynth from
the FluidR3_GM SoundFont; the speech is synthesised with eSpeak NG (the
lesson sentence is trimmed/padded with SoX). Needed Debian packages:

    fluidsynth fluid-soundfont-gm espeak-ng sox

Python needs numpy, soundfile and librosa.

Every A4 note is checked before it is written: its fundamental must lie
within +/-10 cents of 440 Hz, it must not clip, and all notes are scaled to
the same RMS level (measured on the mono mix over the whole clip).

The labelled data set of notebook 09 (``dataset/<class>/*.flac``, 1 s mono
clips at 22 050 Hz) holds five instruments over two octaves at three MIDI
velocities and single words from nine synthetic voices; its random choices
(note lengths, onsets, speech levels) come from a seeded generator, so a
re-run gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

try:
    import librosa
    import soundfile as sf
except ImportError as exc:  # pragma: no cover - environment problem
    sys.exit(f"make_samples.py needs the Python packages numpy, soundfile and librosa ({exc})")

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.csv"
SOUNDFONT = Path("/usr/share/sounds/sf2/FluidR3_GM.sf2")
MANIFEST_COLUMNS = [
    "name",
    "file",
    "description",
    "source",
    "licence",
    "sample_rate",
    "channels",
    "duration_s",
    "sha256",
]

RENDER_SR = 44_100  # FluidSynth render rate
COURSE_SR = 22_050  # rate of every file except piano_A4
TARGET_RMS_DBFS = -25.0  # common loudness of all A4 notes (mono mix, whole clip);
# -20 would clip the piano attack (crest factor ~24 dB)
PEAK_LIMIT = 0.99
FADE_S = 0.05  # fade-out at the very end, avoids a click
A4_HZ = 440.0
PITCH_TOLERANCE_CENTS = 10.0
SPEECH_PEAK = 0.9

LICENCE = "CC0-1.0"
SF2_CREDIT = (
    "FluidR3_GM.sf2 by Frank Wen, released under the MIT licence "
    "(Debian package fluid-soundfont-gm)"
)

# name, GM program (0-based), GM instrument name, duration (s), note-off time (s),
# channels, sample rate, extra MIDI controller events [(time_s, controller, value)]
INSTRUMENTS = [
    dict(
        name="piano_A4",
        program=0,
        gm="Acoustic Grand Piano",
        duration=8.0,
        note_off=6.5,
        channels=2,
        sr=RENDER_SR,
        controllers=[],
        note="Kept in stereo at 44 100 Hz on purpose (librosa.load resamples "
        "and mixes to mono unless told otherwise).",
    ),
    # Programs 16-18 of FluidR3 sound one or two octaves low (16'/8' stops) and
    # 19 (Church Organ) is about +8 cents sharp; 20 (Reed Organ) is at 440 Hz.
    # The mod wheel (CC1) fades in a gentle vibrato during the sustain.
    dict(
        name="organ_A4",
        program=20,
        gm="Reed Organ",
        duration=8.0,
        note_off=7.3,
        channels=1,
        sr=COURSE_SR,
        controllers=[(1.5 + 0.1 * k, 1, 6 * (k + 1)) for k in range(10)],
        note="Vibrato is added from about 1.5 s on with the MIDI modulation "
        "wheel (CC1 ramped from 0 to 60 between 1.5 s and 2.4 s), so the sustain wavers slightly in pitch.",
    ),
    dict(
        name="violin_A4",
        program=40,
        gm="Violin",
        duration=3.0,
        note_off=2.5,
        channels=1,
        sr=COURSE_SR,
        controllers=[],
        note="",
    ),
    dict(
        name="flute_A4",
        program=73,
        gm="Flute",
        duration=3.0,
        note_off=2.5,
        channels=1,
        sr=COURSE_SR,
        controllers=[],
        note="",
    ),
    dict(
        name="trumpet_A4",
        program=56,
        gm="Trumpet",
        duration=3.0,
        note_off=2.5,
        channels=1,
        sr=COURSE_SR,
        controllers=[],
        note="",
    ),
    dict(
        name="guitar_A4",
        program=24,
        gm="Acoustic Guitar (nylon)",
        duration=3.0,
        note_off=2.5,
        channels=1,
        sr=COURSE_SR,
        controllers=[],
        note="",
    ),
]

SPEECH_SSML = (
    '<speak>Sound is a wave.<break time="700ms"/>'
    'A spectrogram shows it as a picture.<break time="700ms"/>'
    "Listen first, then look.</speak>"
)
SPEECH_TEXT = "Sound is a wave. A spectrogram shows it as a picture. Listen first, then look."
SPEECH_VOICE = "en-us"
SPEECH_WPM = 140
SPEECH_PAD_S = 0.3

# The melody of notebook 08 (onsets), on the reed organ of organ_A4: three detached notes
# (a pause after each), then five legato notes (each key goes down as the last comes up)
# and a long last note.  (start s, MIDI note, velocity, held s); the score is repeated in
# the manifest's description, so a notebook can compare detected onsets with it.
MELODY_PROGRAM, MELODY_GM = 20, "Reed Organ"
MELODY_NOTES = [
    (0.30, 72, 90, 0.30),  # C5
    (0.85, 76, 90, 0.30),  # E5
    (1.40, 79, 90, 0.30),  # G5
    (1.95, 81, 90, 0.40),  # A5, legato from here on
    (2.35, 79, 90, 0.40),  # G5
    (2.75, 77, 90, 0.40),  # F5
    (3.15, 76, 90, 0.40),  # E5
    (3.55, 74, 90, 0.40),  # D5
    (3.95, 72, 90, 0.80),  # C5
]
MELODY_TAIL_S = 0.6  # kept after the last note-off (the release dies away well within it)


# --------------------------------------------------------------------------
# tools
# --------------------------------------------------------------------------
def check_tools() -> None:
    """Stop with a readable message if a Debian dependency is missing."""
    missing = []
    for exe, package in [("fluidsynth", "fluidsynth"), ("espeak-ng", "espeak-ng"), ("sox", "sox")]:
        if shutil.which(exe) is None:
            missing.append(f"  program '{exe}' not found -> apt-get install {package}")
    if not SOUNDFONT.is_file():
        missing.append(f"  SoundFont {SOUNDFONT} not found -> apt-get install fluid-soundfont-gm")
    if missing:
        sys.exit("make_samples.py cannot run, missing dependencies:\n" + "\n".join(missing))


def run(cmd: list[str]) -> str:
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr}")
    return result.stdout


def tool_version(cmd: list[str], prefix: str) -> str:
    """Return e.g. 'FluidSynth 2.3.1' from the tool's own version banner."""
    first = run(cmd).splitlines()[0]
    for word in first.replace(":", " ").split():
        word = word.removeprefix("v")  # SoX prints 'v14.4.2'
        if word[:1].isdigit():
            return f"{prefix} {word}"
    return prefix


# --------------------------------------------------------------------------
# a very small Standard MIDI File writer (format 0, one track)
# --------------------------------------------------------------------------
TICKS_PER_BEAT = 480
TEMPO_US = 500_000  # 120 bpm -> 960 ticks per second
TICKS_PER_S = TICKS_PER_BEAT * 1_000_000 / TEMPO_US


def _varlen(value: int) -> bytes:
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(out))


def _write_track(path: Path, events: list[tuple[float, bytes]]) -> None:
    """Write a one-track MIDI file from (time in seconds, raw event bytes) pairs.

    Events are sorted by time (stable, so equal times keep their order), with the
    end-of-track marker last; times become delta ticks.
    """
    events.sort(key=lambda e: (e[0], e[1][0] == 0xFF and e[1][1] == 0x2F))
    track, last_tick = b"", 0
    for t, data in events:
        tick = int(round(t * TICKS_PER_S))
        track += _varlen(tick - last_tick) + data
        last_tick = tick
    header = b"MThd" + struct.pack(">IHHH", 6, 0, 1, TICKS_PER_BEAT)
    path.write_bytes(header + b"MTrk" + struct.pack(">I", len(track)) + track)


def write_midi(
    path: Path,
    program: int,
    note: int,
    note_off_s: float,
    end_s: float,
    controllers=(),
    velocity: int = 100,
) -> None:
    """One note on MIDI channel 1, with optional controller changes."""
    events = [  # (time in seconds, raw event bytes); stable sort keeps this order
        (0.0, b"\xff\x51\x03" + TEMPO_US.to_bytes(3, "big")),
        (0.0, bytes([0xC0, program])),
        (0.0, bytes([0xB0, 1, 0])),  # mod wheel off
        (0.0, bytes([0x90, note, velocity])),
        (note_off_s, bytes([0x80, note, 0])),
        (end_s, b"\xff\x2f\x00"),  # end of track
    ]
    events += [(t, bytes([0xB0, cc, val])) for t, cc, val in controllers]
    _write_track(path, events)


def render_midi(midi: Path, wav: Path, gain: float = 0.5) -> tuple[np.ndarray, int]:
    """Render with FluidSynth (dry: reverb and chorus off), 32-bit float WAV."""
    run(
        [
            "fluidsynth",
            "-n",
            "-i",
            "-q",
            "-R",
            "0",
            "-C",
            "0",
            "-F",
            str(wav),
            "-O",
            "float",
            "-T",
            "wav",
            "-r",
            str(RENDER_SR),
            "-g",
            str(gain),
            str(SOUNDFONT),
            str(midi),
        ]
    )
    audio, sr = sf.read(wav, dtype="float64", always_2d=True)
    return audio, sr


# --------------------------------------------------------------------------
# signal helpers
# --------------------------------------------------------------------------
def rms_dbfs(x: np.ndarray) -> float:
    """RMS level in dBFS of the mono mix (x is 1-D or (frames, channels))."""
    mono = x.mean(axis=1) if x.ndim == 2 else x
    return 20 * np.log10(np.sqrt(np.mean(mono**2)))


def trim_leading_silence(
    x: np.ndarray, threshold_db: float = -60.0, keep_s: float = 0.002, sr: int = RENDER_SR
) -> np.ndarray:
    """Drop everything before the first sample within threshold_db of the peak."""
    level = np.abs(x).max(axis=1)
    onset = int(np.argmax(level > level.max() * 10 ** (threshold_db / 20)))
    return x[max(0, onset - int(keep_s * sr)) :]


def fit_length(x: np.ndarray, n: int) -> np.ndarray:
    if len(x) >= n:
        return x[:n]
    pad = np.zeros((n - len(x),) + x.shape[1:], dtype=x.dtype)
    return np.concatenate([x, pad])


def fade_out(x: np.ndarray, sr: int, seconds: float = FADE_S) -> np.ndarray:
    n = int(seconds * sr)
    ramp = 0.5 * (1 + np.cos(np.linspace(0, np.pi, n)))  # 1 -> 0, half cosine
    y = x.copy()
    y[-n:] *= ramp[:, None] if y.ndim == 2 else ramp
    return y


def fundamental_hz(
    y: np.ndarray, sr: int, start_s: float = 0.1, stop_s: float = 2.5, floor_db: float = -30.0
) -> float:
    """Frequency of the fundamental, from a long zero-padded FFT.

    1. Take the strongest spectral peak between 50 and 2000 Hz.
    2. The fundamental is the lowest f_peak / k (k = 1..8) around which there
       is a component within floor_db of that peak, so a tone whose 2nd or 4th
       harmonic is loudest, or an organ stop sounding an octave low, is still
       measured at its real fundamental.
    3. Return the power-weighted mean frequency within +/-3 % (about half a
       semitone) of it; for a tone with vibrato this is its average pitch.
    """
    seg = y[int(start_s * sr) : int(stop_s * sr)]
    n_fft = 1 << 19
    power = np.abs(np.fft.rfft(seg * np.blackman(len(seg)), n=n_fft)) ** 2
    freqs = np.fft.rfftfreq(n_fft, 1 / sr)

    def window(f: float) -> slice:
        lo, hi = np.searchsorted(freqs, [f * 0.97, f * 1.03])
        return slice(lo, hi)

    lo, hi = np.searchsorted(freqs, [50.0, 2000.0])
    k_max = lo + int(np.argmax(power[lo:hi]))
    f_strong, floor = freqs[k_max], power[k_max] * 10 ** (floor_db / 10)
    f0 = f_strong
    for k in range(8, 0, -1):
        if f_strong / k >= 50.0 and power[window(f_strong / k)].max() > floor:
            f0 = f_strong / k
            break
    for _ in range(3):  # re-centre the window on the estimate
        w = window(f0)
        p = power[w]
        p = np.where(p > p.max() * 1e-4, p, 0.0)  # ignore the noise floor
        f0 = float(np.sum(freqs[w] * p) / np.sum(p))
    return f0


def pyin_median_hz(y: np.ndarray, sr: int, stop_s: float = 2.5) -> float:
    f0, voiced, _ = librosa.pyin(y[: int(stop_s * sr)], fmin=55.0, fmax=1760.0, sr=sr)
    return float(np.nanmedian(f0[voiced]))


def cents(f: float, ref: float = A4_HZ) -> float:
    return 1200 * np.log2(f / ref)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------
# builders
# --------------------------------------------------------------------------
def build_instrument(spec: dict, tmp: Path, synth_version: str) -> dict:
    name = spec["name"]
    mid, wav = tmp / f"{name}.mid", tmp / f"{name}.wav"
    write_midi(
        mid, spec["program"], 69, spec["note_off"], spec["duration"] + 1.0, spec["controllers"]
    )
    audio, sr = render_midi(mid, wav)
    assert sr == RENDER_SR, f"{name}: FluidSynth rendered at {sr} Hz"

    audio = trim_leading_silence(audio)
    if spec["channels"] == 1:
        audio = audio.mean(axis=1, keepdims=True)
    if spec["sr"] != RENDER_SR:
        audio = librosa.resample(audio.T, orig_sr=RENDER_SR, target_sr=spec["sr"]).T
    out_sr = spec["sr"]
    audio = fit_length(audio, int(round(spec["duration"] * out_sr)))
    audio = fade_out(audio, out_sr)
    audio *= 10 ** ((TARGET_RMS_DBFS - rms_dbfs(audio)) / 20)
    if spec["channels"] == 1:
        audio = audio[:, 0]

    peak = float(np.abs(audio).max())
    assert peak < PEAK_LIMIT, f"{name}: peak {peak:.3f} would clip, lower TARGET_RMS_DBFS"

    path = HERE / f"{name}.flac"
    sf.write(path, audio, out_sr, subtype="PCM_16", format="FLAC")

    # check what was actually written (after 16-bit rounding)
    stored, stored_sr = sf.read(path, dtype="float64")
    mono = stored.mean(axis=1) if stored.ndim == 2 else stored
    if stored_sr != COURSE_SR:
        mono = librosa.resample(mono, orig_sr=stored_sr, target_sr=COURSE_SR)
    f_peak = fundamental_hz(mono, COURSE_SR)
    f_pyin = pyin_median_hz(mono, COURSE_SR)
    assert abs(cents(f_peak)) <= PITCH_TOLERANCE_CENTS, (
        f"{name}: fundamental {f_peak:.2f} Hz is {cents(f_peak):+.1f} cents from 440 Hz"
    )
    assert abs(cents(f_pyin)) <= 50, (
        f"{name}: pyin median f0 {f_pyin:.2f} Hz is not in the A4 semitone"
    )
    level = rms_dbfs(stored)
    print(
        f"  {name:11s} program {spec['program']:2d}  fundamental {f_peak:7.2f} Hz "
        f"({cents(f_peak):+5.1f} c)  pyin median {f_pyin:7.2f} Hz  "
        f"RMS {level:6.2f} dBFS  peak {np.abs(stored).max():.3f}"
    )

    channels = "stereo" if spec["channels"] == 2 else "mono"
    article = "an" if spec["gm"][0] in "AEIOU" else "a"
    description = (
        f"A4 (440 Hz, MIDI note 69) on {article} {spec['gm']}, {spec['duration']:.1f} s, "
        f"{channels}, normalised to {TARGET_RMS_DBFS:.0f} dBFS RMS. {spec['note']}"
    ).strip()
    source = (
        f"Rendered with {synth_version} (reverb and chorus off) from {SF2_CREDIT}; "
        f"GM program {spec['program']} ({spec['gm']}), MIDI note 69, velocity 100, "
        f"note-off at {spec['note_off']} s; leading silence trimmed, "
        f"{int(FADE_S * 1000)} ms fade-out; by make_samples.py"
    )
    return dict(name=name, path=path, description=description, source=source, rms_dbfs=level)


def build_speech(tmp: Path, tts_version: str, sox_version: str) -> dict:
    raw, padded = tmp / "speech_raw.wav", tmp / "speech_padded.wav"
    run(["espeak-ng", "-v", SPEECH_VOICE, "-s", str(SPEECH_WPM), "-m", "-w", str(raw), SPEECH_SSML])
    info = sf.info(raw)
    assert info.samplerate == COURSE_SR, (
        f"espeak-ng wrote {info.samplerate} Hz, expected {COURSE_SR}"
    )
    # SoX: remove espeak-ng's own leading and trailing silence, then add exactly
    # SPEECH_PAD_S of digital silence at both ends.
    run(
        [
            "sox",
            str(raw),
            "-e",
            "floating-point",
            "-b",
            "32",
            str(padded),
            "silence",
            "1",
            "0.005",
            "0.1%",
            "reverse",
            "silence",
            "1",
            "0.005",
            "0.1%",
            "reverse",
            "pad",
            str(SPEECH_PAD_S),
            str(SPEECH_PAD_S),
        ]
    )
    y, sr = sf.read(padded, dtype="float64")
    assert sr == COURSE_SR and y.ndim == 1
    y *= SPEECH_PEAK / np.abs(y).max()
    path = HERE / "speech.flac"
    sf.write(path, y, sr, subtype="PCM_16", format="FLAC")
    print(f"  speech      {len(y) / sr:.3f} s, peak {np.abs(sf.read(path)[0]).max():.3f}")
    description = (
        f'Spoken English sentence, "{SPEECH_TEXT}", with about 0.7 s pauses '
        f"between the three phrases and {SPEECH_PAD_S} s of silence at both ends; "
        f"mono, peak normalised to {SPEECH_PEAK}."
    )
    source = (
        f"Synthesised with {tts_version} (voice {SPEECH_VOICE}, {SPEECH_WPM} words/min, "
        f"SSML breaks), silence trimmed and padded with {sox_version}, by make_samples.py. "
        f"eSpeak NG is GPL-3.0-or-later software; its output is not covered by that licence"
    )
    return dict(name="speech", path=path, description=description, source=source)


def build_melody(tmp: Path, synth_version: str) -> dict:
    """The short melody of notebook 08: mono, 22 050 Hz, the first note 0.3 s in."""
    mid, wav = tmp / "melody.mid", tmp / "melody.wav"
    last_off = max(start + hold for start, _, _, hold in MELODY_NOTES)
    duration = last_off + MELODY_TAIL_S
    write_midi_notes(mid, MELODY_PROGRAM, MELODY_NOTES, duration + 1.0)
    audio, sr = render_midi(mid, wav)
    assert sr == RENDER_SR, f"melody: FluidSynth rendered at {sr} Hz"
    # No trimming: the first note starts at its written time, after 0.3 s of silence
    # (an onset detector needs a few frames before a note to see it begin).
    mono = librosa.resample(audio.mean(axis=1), orig_sr=RENDER_SR, target_sr=COURSE_SR)
    mono = fade_out(fit_length(mono, int(round(duration * COURSE_SR))), COURSE_SR)
    mono *= 10 ** ((TARGET_RMS_DBFS - rms_dbfs(mono)) / 20)
    peak = float(np.abs(mono).max())
    assert peak < PEAK_LIMIT, f"melody: peak {peak:.3f} would clip"
    path = HERE / "melody.flac"
    sf.write(path, mono, COURSE_SR, subtype="PCM_16", format="FLAC")
    stored, _ = sf.read(path, dtype="float64")
    print(f"  melody      {len(stored) / COURSE_SR:.3f} s, RMS {rms_dbfs(stored):6.2f} dBFS")

    names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
    score = ", ".join(
        f"{names[note % 12]}{note // 12 - 1} at {start:.2f} s" for start, note, _, _ in MELODY_NOTES
    )
    description = (
        f"A short melody on a {MELODY_GM}, {duration:.2f} s, mono, normalised to "
        f"{TARGET_RMS_DBFS:.0f} dBFS RMS: three detached notes, each followed by a pause, then "
        f"five legato notes and a long last note. Note-ons: {score}."
    )
    held = ", ".join(f"{hold:.2f}" for _, _, _, hold in MELODY_NOTES)
    source = (
        f"Rendered with {synth_version} (reverb and chorus off) from {SF2_CREDIT}; "
        f"GM program {MELODY_PROGRAM} ({MELODY_GM}), velocity 90, notes held {held} s; "
        f"{int(FADE_S * 1000)} ms fade-out; by make_samples.py"
    )
    return dict(name="melody", path=path, description=description, source=source)


def manifest_row(row: dict) -> dict:
    """A manifest.csv row for a built sound: its text and what the file says about itself."""
    info = sf.info(row["path"])
    return dict(
        name=row["name"],
        file=row["path"].name,
        description=row["description"],
        source=row["source"],
        licence=LICENCE,
        sample_rate=info.samplerate,
        channels=info.channels,
        duration_s=f"{info.frames / info.samplerate:.3f}",
        sha256=sha256(row["path"]),
    )


def update_manifest_row(row: dict) -> None:
    """Replace (or add) one sound's row in manifest.csv and leave the other rows as they are."""
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    new = manifest_row(row)
    rows = [new if old["name"] == new["name"] else old for old in rows]
    if new["name"] not in {old["name"] for old in rows}:
        rows.append(new)
    with MANIFEST.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def write_manifest(rows: list[dict]) -> None:
    with MANIFEST.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=MANIFEST_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow(manifest_row(row))


# --------------------------------------------------------------------------
# the labelled data set of notebook 09 (audio_samples/dataset/)
# --------------------------------------------------------------------------
DATASET = HERE / "dataset"
DATASET_MANIFEST = DATASET / "manifest.csv"
DATASET_COLUMNS = [
    "file",
    "label",
    "pitch_midi",
    "velocity",
    "group",
    # the recording session: which clips share it, and its conditions
    "session",
    "room_rt60_s",
    "reverberant_fraction",
    "mic_low_hz",
    "mic_high_hz",
    "noise_floor_dbfs",
    "source",
    "licence",
    "sample_rate",
    "duration_s",
    "sha256",
]
DATASET_SR = 22_050
CLIP_S = 1.0  # every clip lasts exactly this long
CLIP_FADE_S = 0.02  # fade-out at the end of each clip
DATASET_SEED = 8  # seeds the note lengths, onsets and speech levels
NOTE_SPACING_S = 4.0  # notes in one render are this far apart (no overlap)
DATASET_LEVEL_DBFS = -30.0  # median RMS of each instrument's velocity-80 clips
MAX_DATASET_BYTES = 10_000_000
MAX_FOLDER_BYTES = 15_000_000

# label, GM program (0-based), GM name
DATASET_INSTRUMENTS = [
    ("piano", 0, "Acoustic Grand Piano"),
    ("guitar", 24, "Acoustic Guitar (nylon)"),
    ("violin", 40, "Violin"),
    ("trumpet", 56, "Trumpet"),
    ("flute", 73, "Flute"),
]
DATASET_PITCHES = range(60, 85)  # C4 to C6: two octaves, every semitone
DATASET_VELOCITIES = (45, 80, 115)  # soft, medium, loud
HOLD_RANGE_S = (0.3, 0.85)  # how long the key is held
ONSET_RANGE_S = (0.0, 0.08)  # silence before the sound starts

# Nine synthetic speakers: eSpeak NG voice (accent + variant), pitch (0-99), words/min.
DATASET_VOICES = [
    ("en-us", 50, 160),
    ("en-us+f2", 65, 150),
    ("en-gb+m3", 40, 170),
    ("en-gb-scotland+f4", 55, 145),
    ("en-029+m1", 45, 175),
    ("en-gb-x-rp+f1", 60, 155),
    ("en-us-nyc+m7", 35, 165),
    ("en-gb-x-gbclan+f5", 70, 150),
    ("en-gb-x-gbcwmd+m2", 50, 185),
]
DATASET_WORDS = ("yes", "no", "up", "down", "left", "right", "stop", "go")
SPEECH_LEVEL_RANGE_DBFS = (-40.0, -24.0)  # RMS of a speech clip, drawn at random

# Recording sessions. Each note (all three velocities of one instrument and pitch) and
# each voice (all its words) is "recorded" in its own session: a room (reverberation),
# a microphone (band-pass) and a noise floor, drawn at random. Clips of one session are
# siblings: notebook 09 keeps them on one side of its train/test split.
ROOM_RT60_RANGE_S = (0.1, 0.8)  # reverberation time of the room
ROOM_WET_RANGE = (0.1, 0.6)  # share of reverberant sound in the mix
MIC_LOW_HZ_RANGE = (40.0, 400.0)  # high-pass corner of the microphone (log-uniform)
MIC_HIGH_HZ_RANGE = (1500.0, 10000.0)  # low-pass corner (log-uniform)
NOISE_FLOOR_DBFS_RANGE = (-90.0, -70.0)  # RMS of the session's background noise (pink)


def write_midi_notes(
    path: Path, program: int, notes: list[tuple[float, int, int, float]], end_s: float
) -> None:
    """Several notes, one after another, on MIDI channel 1: (start_s, note, velocity, hold_s)."""
    events = [
        (0.0, b"\xff\x51\x03" + TEMPO_US.to_bytes(3, "big")),
        (0.0, bytes([0xC0, program])),
        (end_s, b"\xff\x2f\x00"),
    ]
    for start, note, velocity, hold in notes:
        events.append((start, bytes([0x90, note, velocity])))
        events.append((start + hold, bytes([0x80, note, 0])))
    _write_track(path, events)


def draw_session(rng: np.random.Generator) -> dict:
    """Random recording conditions shared by the clips of one session."""
    rt60 = float(rng.uniform(*ROOM_RT60_RANGE_S))
    n = int(rt60 * DATASET_SR)
    t = np.arange(n) / DATASET_SR
    ir = rng.standard_normal(n) * np.exp(-6.91 * t / rt60)  # -60 dB after rt60 seconds
    return dict(
        rt60=rt60,
        wet=float(rng.uniform(*ROOM_WET_RANGE)),
        ir=ir / np.sqrt(np.sum(ir**2)),
        low_hz=float(np.exp(rng.uniform(*np.log(MIC_LOW_HZ_RANGE)))),
        high_hz=float(np.exp(rng.uniform(*np.log(MIC_HIGH_HZ_RANGE)))),
        noise_dbfs=float(rng.uniform(*NOISE_FLOOR_DBFS_RANGE)),
    )


def session_columns(name: str, session: dict) -> dict:
    """The session's facts as manifest columns (read as data by the classifier notebook)."""
    return dict(
        session=name,
        room_rt60_s=f"{session['rt60']:.2f}",
        reverberant_fraction=f"{session['wet']:.2f}",
        mic_low_hz=f"{session['low_hz']:.0f}",
        mic_high_hz=f"{session['high_hz']:.0f}",
        noise_floor_dbfs=f"{session['noise_dbfs']:.1f}",
    )


def pink_noise(n: int, rng: np.random.Generator) -> np.ndarray:
    """Noise with power falling 3 dB per octave (1/f), RMS 1."""
    spectrum = np.fft.rfft(rng.standard_normal(n))
    f = np.fft.rfftfreq(n, 1 / DATASET_SR)
    spectrum[1:] /= np.sqrt(f[1:] / f[1])
    spectrum[0] = 0.0
    noise = np.fft.irfft(spectrum, n)
    return noise / np.sqrt(np.mean(noise**2))


def record(clip: np.ndarray, session: dict, rng: np.random.Generator) -> np.ndarray:
    """Play a dry clip in the session's room through its microphone, keeping its RMS level."""
    from scipy import signal

    sos = signal.butter(
        2, [session["low_hz"], session["high_hz"]], btype="bandpass", fs=DATASET_SR, output="sos"
    )
    y = signal.sosfilt(sos, clip)
    wet = signal.fftconvolve(y, session["ir"])[: len(y)]
    y = (1 - session["wet"]) * y + session["wet"] * wet
    y *= np.sqrt(np.mean(clip**2) / np.mean(y**2))
    y += pink_noise(len(y), rng) * 10 ** (session["noise_dbfs"] / 20)
    return fade_out(y, DATASET_SR, CLIP_FADE_S)


def place_in_clip(sound: np.ndarray, onset_s: float, sr: int = DATASET_SR) -> np.ndarray:
    """Put a sound (starting at its first sample) at onset_s in a CLIP_S-long clip, faded out."""
    n = int(round(CLIP_S * sr))
    start = int(round(onset_s * sr))
    clip = np.zeros(n)
    body = sound[: n - start]
    clip[start : start + len(body)] = body
    return fade_out(clip, sr, CLIP_FADE_S)


def write_clip(path: Path, clip: np.ndarray) -> None:
    peak = float(np.abs(clip).max())
    assert 0 < peak < PEAK_LIMIT, f"{path.name}: peak {peak:.3f} (silent or clipping)"
    path.parent.mkdir(parents=True, exist_ok=True)
    sf.write(path, clip, DATASET_SR, subtype="PCM_16", format="FLAC")


def build_dataset_instrument(
    label: str, program: int, gm: str, rng: np.random.Generator, tmp: Path, synth_version: str
) -> list[dict]:
    """Render every pitch and velocity of one instrument in a single FluidSynth run, then cut."""
    notes, plans = [], []
    for k, (pitch, velocity) in enumerate(
        (p, v) for p in DATASET_PITCHES for v in DATASET_VELOCITIES
    ):
        if velocity == DATASET_VELOCITIES[0]:
            session = draw_session(rng)  # one session per note, all velocities
        hold = float(rng.uniform(*HOLD_RANGE_S))
        onset = float(rng.uniform(*ONSET_RANGE_S))
        start = 0.5 + k * NOTE_SPACING_S
        notes.append((start, pitch, velocity, hold))
        plans.append(
            dict(
                start=start, pitch=pitch, velocity=velocity, hold=hold, onset=onset, session=session
            )
        )
    mid, wav = tmp / f"dataset_{label}.mid", tmp / f"dataset_{label}.wav"
    write_midi_notes(mid, program, notes, end_s=notes[-1][0] + NOTE_SPACING_S)
    audio, sr = render_midi(mid, wav)
    assert sr == RENDER_SR, f"{label}: FluidSynth rendered at {sr} Hz"
    mono = audio.mean(axis=1)

    sounds = []
    for plan in plans:
        i0 = int(round(plan["start"] * RENDER_SR))
        before = mono[i0 - int(0.4 * RENDER_SR) : i0]
        assert np.abs(before).max() < 1e-6, f"{label}: previous note still sounding"
        seg = mono[i0 : i0 + int(1.2 * RENDER_SR)]
        seg = trim_leading_silence(seg[:, None])[:, 0]
        seg = librosa.resample(seg, orig_sr=RENDER_SR, target_sr=DATASET_SR)
        sounds.append(record(place_in_clip(seg, plan["onset"]), plan["session"], rng))

    # One gain per instrument: its velocity-80 clips get a median RMS of DATASET_LEVEL_DBFS,
    # so the instruments are equally loud on average and velocity sets the spread.
    medium = [rms_dbfs(s) for s, p in zip(sounds, plans) if p["velocity"] == 80]
    gain = 10 ** ((DATASET_LEVEL_DBFS - float(np.median(medium))) / 20)

    rows = []
    for clip, plan in zip(sounds, plans):
        name = f"{label}/{label}_p{plan['pitch']:03d}_v{plan['velocity']:03d}.flac"
        write_clip(DATASET / name, clip * gain)
        rows.append(
            dict(
                file=name,
                label=label,
                pitch_midi=plan["pitch"],
                velocity=plan["velocity"],
                group=f"pitch_{plan['pitch']}",
                **session_columns(f"{label}_p{plan['pitch']:03d}", plan["session"]),
                source=(
                    f"Rendered with {synth_version} (reverb and chorus off) from FluidR3_GM.sf2 "
                    f"(MIT licence); GM program {program} ({gm}), MIDI note {plan['pitch']}, "
                    f"velocity {plan['velocity']}, key held {plan['hold']:.2f} s, sound starts "
                    f"at {plan['onset']:.3f} s; by make_samples.py"
                ),
            )
        )
    levels = [rms_dbfs(clip * gain) for clip in sounds]
    print(f"  {label:8s} {len(rows)} clips, RMS {min(levels):6.1f} to {max(levels):6.1f} dBFS")
    return rows


def build_dataset_speech(rng: np.random.Generator, tmp: Path, tts_version: str) -> list[dict]:
    """Each voice says each word; the word is cut out of eSpeak NG's silence and placed in a clip."""
    rows, levels = [], []
    for number, (voice, pitch, wpm) in enumerate(DATASET_VOICES, start=1):
        session = draw_session(rng)  # one session per voice, all words
        for word in DATASET_WORDS:
            raw = tmp / f"speech_{number}_{word}.wav"
            run(["espeak-ng", "-v", voice, "-p", str(pitch), "-s", str(wpm), "-w", str(raw), word])
            y, sr = sf.read(raw, dtype="float64")
            assert sr == DATASET_SR and y.ndim == 1, f"espeak-ng wrote {sr} Hz, {y.shape}"
            loud = np.flatnonzero(np.abs(y) > np.abs(y).max() * 10 ** (-50 / 20))
            y = y[loud[0] : loud[-1] + 1]
            onset = float(rng.uniform(*ONSET_RANGE_S))
            level = float(rng.uniform(*SPEECH_LEVEL_RANGE_DBFS))
            assert onset + len(y) / sr < CLIP_S - CLIP_FADE_S, f"'{word}' by {voice} is too long"
            clip = place_in_clip(y, onset)
            clip *= 10 ** ((level - rms_dbfs(clip)) / 20)
            clip = record(clip, session, rng)
            name = f"speech/speech_voice{number}_{word}.flac"
            write_clip(DATASET / name, clip)
            levels.append(level)
            rows.append(
                dict(
                    file=name,
                    label="speech",
                    pitch_midi="",
                    velocity="",
                    group=f"voice_{number}",
                    **session_columns(f"speech_voice{number}", session),
                    source=(
                        f"Synthesised with {tts_version}: voice {voice}, pitch {pitch}, "
                        f"{wpm} words/min, the word '{word}'; silence cut, sound starts at "
                        f"{onset:.3f} s, level {level:.1f} dBFS RMS; by make_samples.py"
                    ),
                )
            )
    print(f"  speech   {len(rows)} clips, RMS {min(levels):6.1f} to {max(levels):6.1f} dBFS")
    return rows


def write_dataset_manifest(rows: list[dict]) -> None:
    with DATASET_MANIFEST.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=DATASET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in sorted(rows, key=lambda r: r["file"]):
            path = DATASET / row["file"]
            info = sf.info(path)
            writer.writerow(
                dict(
                    row,
                    licence=LICENCE,
                    sample_rate=info.samplerate,
                    duration_s=f"{info.frames / info.samplerate:.3f}",
                    sha256=sha256(path),
                )
            )


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build_melody_only(synth_version: str) -> None:
    """Only melody.flac and its row of manifest.csv; every other file stays as it is."""
    with tempfile.TemporaryDirectory(prefix="make_melody_") as tmpdir:
        print("Rendering the melody:")
        row = build_melody(Path(tmpdir), synth_version)
    update_manifest_row(row)
    print(f"Wrote {row['path'].name} and its row of {MANIFEST.name}")


def build_dataset(synth_version: str, tts_version: str) -> None:
    """Re-render audio_samples/dataset/ from scratch and rewrite its manifest."""
    if DATASET.exists():
        shutil.rmtree(DATASET)
    DATASET.mkdir()
    rng = np.random.default_rng(DATASET_SEED)
    rows = []
    with tempfile.TemporaryDirectory(prefix="make_dataset_") as tmpdir:
        tmp = Path(tmpdir)
        print("Rendering the data set (notebook 09):")
        for label, program, gm in DATASET_INSTRUMENTS:
            rows += build_dataset_instrument(label, program, gm, rng, tmp, synth_version)
        rows += build_dataset_speech(rng, tmp, tts_version)
    write_dataset_manifest(rows)
    size = folder_bytes(DATASET)
    if size > MAX_DATASET_BYTES:
        print(
            f"WARNING: dataset/ is {size / 1e6:.2f} MB, over its {MAX_DATASET_BYTES / 1e6:.0f} MB "
            f"budget (the whole folder must stay under {MAX_FOLDER_BYTES / 1e6:.0f} MB)"
        )
    print(
        f"Wrote {len(rows)} clips and dataset/{DATASET_MANIFEST.name}; "
        f"dataset/ is {size / 1e6:.2f} MB"
    )


def build_lesson_sounds(synth_version: str, tts_version: str, sox_version: str) -> None:
    """The named sounds of notebooks 00-08 and manifest.csv."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="make_samples_") as tmpdir:
        tmp = Path(tmpdir)
        print("Rendering instruments:")
        for spec in INSTRUMENTS:
            rows.append(build_instrument(spec, tmp, synth_version))
        print("Synthesising speech:")
        rows.append(build_speech(tmp, tts_version, sox_version))
        print("Rendering the melody:")
        rows.append(build_melody(tmp, synth_version))

    # all A4 notes share one loudness; piano and organ also share one length
    levels = [r["rms_dbfs"] for r in rows if "rms_dbfs" in r]
    assert max(levels) - min(levels) < 0.1, f"RMS levels differ: {levels}"
    piano, organ = (sf.info(HERE / f"{n}.flac") for n in ("piano_A4", "organ_A4"))
    assert piano.duration == organ.duration == 8.0, (piano.duration, organ.duration)

    write_manifest(rows)
    total = sum(p.stat().st_size for p in HERE.iterdir() if p.is_file())
    print(f"Wrote {len(rows)} sounds and {MANIFEST.name}; top-level files {total / 1e6:.2f} MB")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--part",
        choices=["all", "lessons", "dataset", "melody"],
        default="all",
        help="what to render: the lesson sounds (manifest.csv), the labelled "
        "data set of notebook 09 (dataset/), both (default), or only the melody of "
        "notebook 08 (melody.flac and its manifest row)",
    )
    args = parser.parse_args(argv)

    check_tools()
    synth_version = tool_version(["fluidsynth", "--version"], "FluidSynth")
    tts_version = tool_version(["espeak-ng", "--version"], "eSpeak NG")
    sox_version = tool_version(["sox", "--version"], "SoX")

    if args.part in ("all", "lessons"):
        build_lesson_sounds(synth_version, tts_version, sox_version)
    if args.part in ("all", "dataset"):
        build_dataset(synth_version, tts_version)
    if args.part == "melody":
        build_melody_only(synth_version)
    size = folder_bytes(HERE)
    assert size <= MAX_FOLDER_BYTES, f"audio_samples/ is {size / 1e6:.2f} MB, over 15 MB"
    print(f"audio_samples/ is {size / 1e6:.2f} MB in all")


if __name__ == "__main__":
    main()
