"""Checks for the shipped sounds in audio_samples/ and their manifests.

Self-contained on purpose (no import of the course's helpers package): it
reads the files with soundfile and measures them with numpy.  The lesson
sounds are listed in audio_samples/manifest.csv, the labelled clips of
notebook 09 in audio_samples/dataset/manifest.csv.
"""

import csv
import hashlib
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

SAMPLES = Path(__file__).resolve().parents[1] / "audio_samples"
MANIFEST = SAMPLES / "manifest.csv"
COLUMNS = [
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
AUDIO_EXTENSIONS = {
    ".wav",
    ".flac",
    ".ogg",
    ".oga",
    ".opus",
    ".mp3",
    ".aif",
    ".aiff",
    ".aifc",
    ".m4a",
    ".au",
    ".w64",
    ".caf",
}


def read_manifest():
    with MANIFEST.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


FIELDS, ROWS = read_manifest()
BY_NAME = {row["name"]: row for row in ROWS}


def load_mono(name):
    audio, sr = sf.read(SAMPLES / BY_NAME[name]["file"], dtype="float64", always_2d=True)
    return audio.mean(axis=1), sr


def rms_db(x):
    return 20 * np.log10(np.sqrt(np.mean(x**2)))


def fundamental_hz(y, sr, start_s=0.1, stop_s=2.5):
    """Fundamental from a zero-padded FFT of the steady part of a note.

    Strongest peak in 50-2000 Hz, then the lowest subharmonic of it (1/k,
    k <= 8) that carries real energy (octave check), then the power-weighted
    mean frequency within +/-3 % of that, which is the average pitch even
    when the note has vibrato.
    """
    seg = y[int(start_s * sr) : int(stop_s * sr)]
    n_fft = 1 << 19
    power = np.abs(np.fft.rfft(seg * np.blackman(len(seg)), n=n_fft)) ** 2
    freqs = np.fft.rfftfreq(n_fft, 1 / sr)

    def window(f):
        lo, hi = np.searchsorted(freqs, [0.97 * f, 1.03 * f])
        return slice(lo, hi)

    lo, hi = np.searchsorted(freqs, [50.0, 2000.0])
    k_max = lo + int(np.argmax(power[lo:hi]))
    strongest, floor = freqs[k_max], power[k_max] * 1e-3  # -30 dB
    f0 = next(
        strongest / k
        for k in range(8, 0, -1)
        if strongest / k >= 50 and power[window(strongest / k)].max() > floor
    )
    for _ in range(3):
        w = window(f0)
        p = np.where(power[w] > power[w].max() * 1e-4, power[w], 0.0)
        f0 = float(np.sum(freqs[w] * p) / np.sum(p))
    return f0


def test_manifest_columns():
    assert FIELDS == COLUMNS


def test_manifest_has_core_sounds():
    for name in ("piano_A4", "organ_A4", "speech"):
        assert name in BY_NAME, f"{name} missing from manifest.csv"


def test_manifest_names_and_files_unique():
    assert len(BY_NAME) == len(ROWS)
    assert len({row["file"] for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["name"] for row in ROWS])
def test_file_matches_manifest(row):
    path = SAMPLES / row["file"]
    assert path.is_file(), f"{row['file']} listed in manifest.csv but missing"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], (
        f"{row['file']} changed; rerun audio_samples/make_samples.py to refresh the manifest"
    )
    info = sf.info(path)
    assert info.samplerate == int(row["sample_rate"])
    assert info.channels == int(row["channels"])
    assert abs(info.frames / info.samplerate - float(row["duration_s"])) <= 0.001
    assert row["licence"] and row["source"] and row["description"]


def test_every_audio_file_is_in_manifest():
    listed = {row["file"] for row in ROWS}
    on_disk = {
        p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix.lower() in AUDIO_EXTENSIONS
    }
    assert on_disk - listed == set(), "audio files not listed in manifest.csv"


def test_piano_and_organ_same_length_and_loudness():
    piano, sr_p = load_mono("piano_A4")
    organ, sr_o = load_mono("organ_A4")
    assert len(piano) / sr_p == pytest.approx(len(organ) / sr_o, abs=1e-3)
    assert abs(rms_db(piano) - rms_db(organ)) < 0.1


@pytest.mark.parametrize("name", ["piano_A4", "organ_A4"])
def test_a4_pitch(name):
    y, sr = load_mono(name)
    f0 = fundamental_hz(y, sr)
    cents = 1200 * np.log2(f0 / 440.0)
    assert abs(cents) <= 10, f"{name}: fundamental {f0:.2f} Hz ({cents:+.1f} cents)"


# ---------------------------------------------------------------- the data set of notebook 09

DATASET = SAMPLES / "dataset"
DATASET_MANIFEST = DATASET / "manifest.csv"
DATASET_COLUMNS = [
    "file",
    "label",
    "pitch_midi",
    "velocity",
    "group",
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
MAX_FOLDER_BYTES = 15_000_000


def read_dataset_manifest():
    with DATASET_MANIFEST.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


DATASET_FIELDS, DATASET_ROWS = read_dataset_manifest()


def test_dataset_manifest_columns_and_unique_files():
    assert DATASET_FIELDS == DATASET_COLUMNS
    files = [row["file"] for row in DATASET_ROWS]
    assert len(set(files)) == len(files)
    assert files == sorted(files)


def test_dataset_size_and_balance():
    labels = [row["label"] for row in DATASET_ROWS]
    counts = {label: labels.count(label) for label in set(labels)}
    assert len(DATASET_ROWS) >= 300
    assert 5 <= len(counts) <= 8, counts
    assert min(counts.values()) >= 0.8 * max(counts.values()), counts


def test_dataset_files_match_manifest():
    """Checksum, sample rate, channels and duration of every clip (no decoding)."""
    problems = []
    for row in DATASET_ROWS:
        path = DATASET / row["file"]
        if not path.is_file():
            problems.append(f"{row['file']}: listed but missing")
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            problems.append(
                f"{row['file']}: checksum differs (rerun make_samples.py --part dataset)"
            )
        info = sf.info(path)
        if info.samplerate != int(row["sample_rate"]) or info.channels != 1:
            problems.append(f"{row['file']}: {info.samplerate} Hz, {info.channels} channel(s)")
        if abs(info.frames / info.samplerate - float(row["duration_s"])) > 0.001:
            problems.append(f"{row['file']}: lasts {info.frames / info.samplerate:.3f} s")
    assert not problems, "\n".join(problems[:20])


def test_dataset_rows_are_consistent():
    for row in DATASET_ROWS:
        folder, _, name = row["file"].partition("/")
        assert folder == row["label"] and "/" not in name, row["file"]
        assert row["licence"] and row["source"], row["file"]
        assert float(row["duration_s"]) == 1.0
        if row["label"] == "speech":  # not pitched: grouped by voice
            assert row["pitch_midi"] == row["velocity"] == ""
            assert row["group"].startswith("voice_")
        else:  # grouped by pitch
            assert 0 <= int(row["pitch_midi"]) <= 127 and 1 <= int(row["velocity"]) <= 127
            assert row["group"] == f"pitch_{int(row['pitch_midi'])}"


def test_every_audio_file_anywhere_is_in_a_manifest():
    listed = {row["file"] for row in ROWS} | {f"dataset/{row['file']}" for row in DATASET_ROWS}
    on_disk = {
        p.relative_to(SAMPLES).as_posix()
        for p in SAMPLES.rglob("*")
        if p.is_file() and p.suffix.lower() in AUDIO_EXTENSIONS
    }
    assert on_disk - listed == set(), "audio files not listed in any manifest"


def test_folder_stays_small():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file())
    assert total < MAX_FOLDER_BYTES, f"audio_samples/ is {total / 1e6:.2f} MB"


def test_dataset_sessions_are_data():
    """Each session's conditions are columns, the same on every clip of the session."""
    conditions = {}
    for row in DATASET_ROWS:
        facts = (
            float(row["room_rt60_s"]),
            float(row["reverberant_fraction"]),
            float(row["mic_low_hz"]),
            float(row["mic_high_hz"]),
            float(row["noise_floor_dbfs"]),
        )
        assert 0 < facts[0] < 2 and 0 <= facts[1] <= 1 and 0 < facts[2] < facts[3] < 11025
        assert -120 < facts[4] < 0
        assert conditions.setdefault(row["session"], facts) == facts, row["file"]
        assert "session" not in row["source"]  # the facts are columns, not prose
