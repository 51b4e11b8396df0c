"""helpers.exercises.framing: notebook 04's checks (frame duration, overlap, counts, frames)."""

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import features

pytestmark = pytest.mark.usefixtures("lenient")

FRAME = dict(frame_length=2048, sr=44100)


@pytest.mark.parametrize("answer", [1000 * 2048 / 44100, 46.44, 46.4, 46.440, [46.44]])
def test_frame_duration_right(answer):
    said(
        E.check_frame_duration(answer, **FRAME),
        "that is the duration of 2048 samples at 44100 Hz",
        ok=True,
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        (2048 / 44100, ["That looks like seconds"]),
        (1000 * 44100 / 2048, ["upside down"]),
        (1000 * 2048 / 22050, ["the duration at 22 050 Hz; this recording's rate is 44100 Hz"]),
        (46, ["rounded too coarsely", "0.1 ms"]),
        (46.43, ["46.43 ms is not right", "frame_length / sr seconds"]),
    ],
)
def test_frame_duration_wrong(answer, words):
    said(E.check_frame_duration(answer, **FRAME), *words)


def test_frame_duration_at_22050_has_no_22050_slip():
    message = said(E.check_frame_duration(40, frame_length=1024, sr=22050), "not right")
    assert "22 050" not in message


def test_frame_duration_not_attempted_hides_the_answer():
    out = E.check_frame_duration(..., **FRAME)
    said(out, "A number of milliseconds", ok=None)
    not_said(out, "46", "/ sr")


@pytest.mark.parametrize(
    "answer, frame_length, hop_length",
    [(75, 2048, 512), (75.0, 2048, 512), (50, 1024, 512), (0, 512, 1024), (66.67, 300, 100)],
)
def test_overlap_right(answer, frame_length, hop_length):
    said(E.check_overlap(answer, frame_length=frame_length, hop_length=hop_length), ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (0.75, ["That looks like a fraction: give a percentage"]),
        (25, ["That is the hop as a percentage of the frame"]),
        (1536, ["That is the number of shared samples"]),
        (80, ["80 % is not right", "Count the samples a frame shares"]),
        ("75%", ["'75%' is text"]),
    ],
)
def test_overlap_wrong(answer, words):
    said(E.check_overlap(answer, frame_length=2048, hop_length=512), *words)


def test_overlap_not_attempted_hides_the_answer():
    out = E.check_overlap(..., frame_length=2048, hop_length=512)
    said(out, "A percentage, from 0 to 100", ok=None)
    not_said(out, "75", "1536")


# 65 536 samples: a whole number of hops, so ceil(n / hop) = 128 differs from 1 + n // hop = 129.
COUNT = dict(n_samples=65536, frame_length=2048, hop_length=512)


@pytest.mark.parametrize("center", [True, False])
def test_frame_count_accepts_what_the_features_return(center):
    right = len(features.rms(np.zeros(65536), frame_length=2048, hop_length=512, center=center))
    for answer in (right, float(right), [right], np.int64(right)):
        said(
            E.check_frame_count(answer, center=center, **COUNT),
            "that is the number of frames",
            ok=True,
        )


def test_frame_count_case_tells_the_conventions_apart():
    n, hop = COUNT["n_samples"], COUNT["hop_length"]
    counts = {
        "centred": 1 + n // hop,
        "whole": 1 + (n - COUNT["frame_length"]) // hop,
        "ceil": -(-n // hop),
    }
    assert len(set(counts.values())) == 3, counts


@pytest.mark.parametrize(
    "answer, center, words",
    [
        (128, True, ["That is ceil(n_samples / hop_length)", "the padding at both ends"]),
        (125, True, ["That is the count for center=False"]),
        (130, True, ["That is one frame too many"]),
        (32, True, ["counts frames that do not overlap"]),
        (200, True, ["is not right: it is too high", "pads frame_length // 2 samples"]),
        (128.5, True, ["should be a whole number; 128.5 is not"]),
        ("129", True, ["remove the quotes"]),
        (128, False, ["That is ceil(n_samples / hop_length)", "only frames that fit whole count"]),
        (129, False, ["That is the count for center=True"]),
        (124, False, ["one frame too few", "starts at sample 0."]),
        (100, False, ["it is too low", "only frames that fit whole inside the signal count"]),
    ],
)
def test_frame_count_wrong(answer, center, words):
    said(E.check_frame_count(answer, center=center, **COUNT), *words)


def test_frame_count_one_too_few_when_centred():
    # 3000 samples, hop 512: ceil(n / hop) = 1 + n // hop, so one fewer is named as such
    message = said(
        E.check_frame_count(5, n_samples=3000, frame_length=1024, hop_length=512, center=True),
        "one frame too few",
        "of the padded signal",
    )
    assert "ceil" not in message


def test_frame_count_raises_in_strict_mode(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match="center=False"):
        E.check_frame_count(129, center=False, **COUNT)


@pytest.mark.parametrize("center", [True, False])
def test_frame_count_not_attempted_does_not_give_the_formula(center):
    out = E.check_frame_count(..., center=center, **COUNT)
    said(out, "A whole number of frames", "section 3", ok=None)
    not_said(out, "//", "1 +", "129", "125", "ceil", "pads")


def loop_frames(y, frame_length, hop_length):
    starts = range(0, len(y) - frame_length + 1, hop_length)
    return np.array([y[s : s + frame_length] for s in starts])


def fancy_frames(y, frame_length, hop_length):
    n = 1 + (len(y) - frame_length) // hop_length
    return np.asarray(y)[np.arange(n)[:, None] * hop_length + np.arange(frame_length)]


@pytest.mark.parametrize(
    "right", [loop_frames, fancy_frames, lambda y, f, h: list(loop_frames(y, f, h))]
)
def test_frame_signal_right(right):
    said(E.check_frame_signal(right), "agrees with the reference on 6 test cases", ok=True)


def ragged(y, frame_length, hop_length):
    return [y[s : s + frame_length] for s in range(0, len(y), hop_length)]


def padded(y, frame_length, hop_length):
    return np.array(
        [np.pad(f, (0, frame_length - len(f))) for f in ragged(y, frame_length, hop_length)]
    )


def short_range(y, frame_length, hop_length):
    return np.array([y[s : s + frame_length] for s in range(0, len(y) - frame_length, hop_length)])


def sneaky(y, frame_length, hop_length):
    y[:] = 0
    return loop_frames(y, frame_length, hop_length)


def fill_past_the_end(y, frame_length, hop_length):
    n = 1 + (len(y) - frame_length) // hop_length
    out = np.zeros((n, frame_length))
    for i in range(n + 1):
        out[i] = y[i * hop_length : i * hop_length + frame_length]
    return out


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            ragged,
            [
                "y = [1, 2, ..., 10], frame_length=4, hop_length=2",
                "5 frames of different lengths: the last frame is shorter than the others "
                "(2 samples instead of 4)",
                "keep only frames that fit whole",
            ],
        ),
        (
            lambda y, f, h: loop_frames(y, f, h).T,
            ["at frame 0, sample 1: yours 3, expected 2", "frames as columns (librosa.util.frame"],
        ),
        (
            padded,
            ["shape (5, 4) (5 frames × 4 samples)", "run past the signal (filled with zeros)"],
        ),
        (
            short_range,
            ["shape (3, 4)", "The last whole frame is missing", "len(y) - frame_length + 1"],
        ),
        (
            lambda y, f, h: features.frame_signal(y, frame_length=f, hop_length=h, center=True),
            ["Those frames are centred"],
        ),
        (sneaky, ["yours 0, expected 1"]),
        (fill_past_the_end, ["IndexError", "an index past the end", "out[i] = y[i * hop_length"]),
        (
            lambda y, f, h: (loop_frames(y, f, h), 4),
            ["a tuple of 2 things", "return only the result"],
        ),
        (lambda y, f, h: loop_frames(y, f, h).astype(int), ["1000 samples of noise", "yours 0"]),
        (
            lambda signal, frame_size: signal,
            ["The check calls my_frame_signal(y, frame_length, hop_length)"],
        ),
    ],
)
def test_frame_signal_wrong(wrong, words):
    said(E.check_frame_signal(wrong), *words)


def test_frame_signal_not_attempted():
    def my_frame_signal(y, frame_length, hop_length):
        raise NotImplementedError

    for todo in (..., my_frame_signal):
        said(E.check_frame_signal(todo), "Section 3 shows how frames are laid out", ok=None)
    said(E.check_frame_signal(42), "should be a function")
