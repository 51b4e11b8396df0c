"""Warm the caches that make a fresh kernel's first feature call slow.

librosa compiles parts of itself with numba the first time they run (seconds
per function; about 20 s right after installation) and matplotlib builds its
font cache on first import.  Both are cached on disk, so running this once
after installing (``make lab`` and Binder's ``postBuild`` do) makes the
learner's first cells quick.

Run it with ``python -m helpers.warmup``; it prints how long each step took.
"""

from __future__ import annotations

import time


def main():
    """Import the course's libraries and call each librosa feature once."""
    steps = []

    def step(name, func):
        start = time.perf_counter()
        func()
        steps.append((name, time.perf_counter() - start))

    step("import matplotlib (font cache)", lambda: __import__("matplotlib.pyplot"))
    step("import librosa", lambda: __import__("librosa"))
    import librosa
    import numpy as np

    rng = np.random.default_rng(0)
    y = rng.uniform(-0.5, 0.5, 22050).astype(np.float32)
    step("librosa.feature.rms", lambda: librosa.feature.rms(y=y))
    step("librosa.feature.zero_crossing_rate", lambda: librosa.feature.zero_crossing_rate(y))
    step("librosa.stft", lambda: librosa.stft(y))
    step("librosa.feature.melspectrogram", lambda: librosa.feature.melspectrogram(y=y, sr=22050))
    step("librosa.feature.mfcc", lambda: librosa.feature.mfcc(y=y, sr=22050))
    step("librosa.amplitude_to_db", lambda: librosa.amplitude_to_db(np.abs(y)))
    step("librosa.resample", lambda: librosa.resample(y, orig_sr=22050, target_sr=16000))
    step("librosa.yin", lambda: librosa.yin(y, fmin=80, fmax=1000, sr=22050))
    step("librosa.pyin", lambda: librosa.pyin(y[:8192], fmin=80, fmax=1000, sr=22050))
    step("librosa.onset.onset_detect", lambda: librosa.onset.onset_detect(y=y, sr=22050))
    total = sum(seconds for _, seconds in steps)
    width = max(len(name) for name, _ in steps)
    print(f"Warm-up (librosa {librosa.__version__}):")
    for name, seconds in steps:
        print(f"  {name:<{width}}  {seconds:6.2f} s")
    print(f"  {'total':<{width}}  {total:6.2f} s")


if __name__ == "__main__":
    main()
