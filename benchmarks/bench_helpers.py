"""Time the course's helpers against librosa (and the amplitude envelope against a loop).

Usage:
    python benchmarks/bench_helpers.py            # 60 s of audio, median of 7 runs
    python benchmarks/bench_helpers.py --quick    # 10 s of audio, 2 runs (CI uses this so it cannot rot)
    python benchmarks/bench_helpers.py --first-call   # also time a fresh process's first feature call,
                                                      # cold (numba cache cleared) and warm

Prints a table of median times in milliseconds and the ratio helpers / reference; it asserts
nothing about time (times depend on the machine).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import features, spectral  # noqa: E402

SR = 22050


def envelope_python_loop(y, frame_length=1024, hop_length=512):
    """The plain Python loop notebook 05 starts from (the article's loop, with abs)."""
    y = np.pad(y, frame_length // 2).tolist()
    envelope = []
    for start in range(0, len(y) - frame_length + 1, hop_length):
        envelope.append(max(abs(sample) for sample in y[start : start + frame_length]))
    return np.array(envelope)


def envelope_numpy_loop(y, frame_length=1024, hop_length=512):
    """A Python loop over frames with numpy inside each frame."""
    y = np.pad(y, frame_length // 2)
    return np.array(
        [
            np.max(np.abs(y[start : start + frame_length]))
            for start in range(0, len(y) - frame_length + 1, hop_length)
        ]
    )


def median_ms(func, runs):
    func()  # warm-up call (first-call costs are measured separately)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def compare(seconds, runs):
    import librosa

    y = np.random.default_rng(0).uniform(-0.5, 0.5, int(seconds * SR)).astype(np.float32)
    rows = [
        (
            "amplitude envelope",
            lambda: features.amplitude_envelope(y),
            "plain Python loop (notebook 05)",
            lambda: envelope_python_loop(y),
            "helpers >= 30x faster",
        ),
        (
            "amplitude envelope",
            lambda: features.amplitude_envelope(y),
            "loop over frames, numpy per frame",
            lambda: envelope_numpy_loop(y),
            "(for reference)",
        ),
        (
            "RMS",
            lambda: features.rms(y),
            "librosa.feature.rms",
            lambda: librosa.feature.rms(y=y),
            "ratio <= 1.0",
        ),
        (
            "zero-crossing rate",
            lambda: features.zero_crossing_rate(y),
            "librosa.feature.zero_crossing_rate",
            lambda: librosa.feature.zero_crossing_rate(y),
            "ratio <= 1.0",
        ),
        ("STFT", lambda: spectral.stft(y), "librosa.stft", lambda: librosa.stft(y), "ratio <= 1.0"),
        (
            "mel spectrogram",
            lambda: spectral.mel_spectrogram(y, sr=SR),
            "librosa.feature.melspectrogram",
            lambda: librosa.feature.melspectrogram(y=y, sr=SR),
            "ratio <= 1.0",
        ),
        # notebook 08: spectral features and onsets
        (
            "spectral centroid",
            lambda: spectral.spectral_centroid(y, sr=SR),
            "librosa.feature.spectral_centroid",
            lambda: librosa.feature.spectral_centroid(y=y, sr=SR),
            "ratio <= 1.0",
        ),
        (
            "spectral bandwidth",
            lambda: spectral.spectral_bandwidth(y, sr=SR),
            "librosa.feature.spectral_bandwidth",
            lambda: librosa.feature.spectral_bandwidth(y=y, sr=SR),
            "ratio <= 1.0",
        ),
        (
            "spectral roll-off",
            lambda: spectral.spectral_rolloff(y, sr=SR),
            "librosa.feature.spectral_rolloff",
            lambda: librosa.feature.spectral_rolloff(y=y, sr=SR),
            "ratio <= 1.0",
        ),
        (
            "spectral flatness",
            lambda: spectral.spectral_flatness(y),
            "librosa.feature.spectral_flatness",
            lambda: librosa.feature.spectral_flatness(y=y),
            "ratio <= 1.0",
        ),
        (
            "band energy ratio",
            lambda: spectral.band_energy_ratio(y, sr=SR, split_frequency=2000),
            "abs(librosa.stft), no BER in librosa",
            lambda: np.abs(librosa.stft(y)),
            "(for reference)",
        ),
        (
            "onset strength",
            lambda: spectral.onset_strength(y, sr=SR),
            "librosa.onset.onset_strength",
            lambda: librosa.onset.onset_strength(y=y, sr=SR),
            "ratio <= 1.0",
        ),
        (
            "onset detection",
            lambda: spectral.onset_detect(y, sr=SR),
            "librosa.onset.onset_detect",
            lambda: librosa.onset.onset_detect(y=y, sr=SR),
            "ratio <= 1.0",
        ),
    ]
    print(
        f"\n{seconds:g} s of audio at {SR} Hz, median of {runs} runs "
        f"(librosa {librosa.__version__}, numpy {np.__version__}, Python {platform.python_version()})\n"
    )
    header = (
        f"| {'feature':<20} | {'helpers (ms)':>12} | {'reference':<36} | {'ref (ms)':>9} "
        f"| {'ratio':>6} | target"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:]))
    for name, ours, ref_name, ref, target in rows:
        t_ours, t_ref = median_ms(ours, runs), median_ms(ref, runs)
        ratio = t_ours / t_ref
        shown = f"{1 / ratio:.0f}x" if name == "amplitude envelope" else f"{ratio:.2f}"
        print(
            f"| {name:<20} | {t_ours:12.2f} | {ref_name:<36} | {t_ref:9.2f} | {shown:>6} | {target}"
        )


FIRST_CALL = textwrap.dedent("""
    import time
    start = time.perf_counter()
    import numpy as np
    {imports}
    y = np.random.default_rng(0).uniform(-0.5, 0.5, 22050).astype(np.float32)
    {calls}
    print(time.perf_counter() - start)
""")


def fresh_process(imports, calls):
    code = FIRST_CALL.format(imports=imports, calls=calls)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def clear_numba_cache():
    import librosa

    root = Path(librosa.__file__).parent
    removed = 0
    for path in list(root.rglob("*.nbi")) + list(root.rglob("*.nbc")):
        path.unlink()
        removed += 1
    return removed


def first_call(runs):
    librosa_call = (
        "import librosa",
        "librosa.feature.rms(y=y); librosa.feature.zero_crossing_rate(y); librosa.stft(y)",
    )
    helpers_call = (
        "from helpers import features, spectral",
        "features.rms(y); features.zero_crossing_rate(y); spectral.stft(y)",
    )
    print("\nFirst feature call in a fresh Python process (import + rms + zcr + stft), seconds:\n")
    removed = clear_numba_cache()
    cold = fresh_process(*librosa_call)
    subprocess.run([sys.executable, "-m", "helpers.warmup"], check=True, capture_output=True)
    warm = statistics.median(fresh_process(*librosa_call) for _ in range(runs))
    ours = statistics.median(fresh_process(*helpers_call) for _ in range(runs))
    print(f"| {'what':<52} | seconds |")
    print(f"|{'-' * 54}|---------|")
    print(
        f"| {'librosa, cold (numba cache cleared: ' + str(removed) + ' files)':<52} | {cold:7.2f} |"
    )
    print(f"| {'librosa, after python -m helpers.warmup':<52} | {warm:7.2f} |")
    print(f"| {'helpers (no numba), fresh process':<52} | {ours:7.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 s of audio, 2 runs")
    parser.add_argument(
        "--first-call",
        action="store_true",
        help="also time first calls in fresh processes (clears librosa's numba cache, "
        "then warms it again)",
    )
    args = parser.parse_args()
    if args.quick:
        compare(10.0, 2)
    else:
        compare(60.0, 7)
    if args.first_call:
        first_call(2 if args.quick else 5)


if __name__ == "__main__":
    main()
