"""Test signals shared by the test modules: the kinds the issue lists."""

import numpy as np

from helpers import signals

SR = 22050


def make(kind, n):
    """A float32 test signal of ``n`` samples."""
    rng = np.random.default_rng(n)
    duration = n / SR
    if kind == "noise":
        y = rng.uniform(-1, 1, n)
    elif kind == "sine":
        y = signals.sine(441.3, duration, sr=SR, amplitude=0.8)
    elif kind == "chirp":
        y = signals.chirp(50, 9000, duration, sr=SR, method="exponential", amplitude=0.7)
    elif kind == "quiet":
        y = 1e-4 * rng.standard_normal(n)
    elif kind == "silence_then_tone":
        y = np.zeros(n)
        y[n // 2 :] = signals.sine(300, (n - n // 2) / SR, sr=SR, amplitude=0.5)
    else:
        raise ValueError(kind)
    return np.asarray(y[:n], dtype=np.float32)


KINDS = ["noise", "sine", "chirp", "quiet", "silence_then_tone"]
# Lengths: a multiple of the hop, not a multiple, shorter than one frame, tiny.
LENGTHS = [22528, 22050, 22051, 1500, 3]
