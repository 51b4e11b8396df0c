"""helpers.exercises.time_domain: notebook 05's checks (envelope, RMS, ZCR, hop, frame, silences)."""

import librosa
import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E
from helpers import features
from helpers.exercises.time_domain import feature_cases

pytestmark = pytest.mark.usefixtures("lenient")


def _starts(n, frame_length, hop_length):
    return range(0, n - frame_length + 1, hop_length)


def _frames(y, frame_length, hop_length, stop=None):
    y = np.asarray(y, dtype=np.float64)
    stop = len(y) - frame_length + 1 if stop is None else stop
    return [y[s : s + frame_length] for s in range(0, stop, hop_length)]


def good_ae(y, frame_length, hop_length):
    return np.array([np.abs(f).max() for f in _frames(y, frame_length, hop_length)])


def good_rms(y, frame_length, hop_length):
    p = np.pad(np.asarray(y, dtype=float), frame_length // 2)
    return np.array([np.sqrt(np.mean(f**2)) for f in _frames(p, frame_length, hop_length)])


def good_zcr(y, frame_length, hop_length):
    out = []
    for f in _frames(y, frame_length, hop_length):
        neg = f < 0
        out.append(np.sum(neg[1:] != neg[:-1]) / frame_length)
    return np.array(out)


def sneaky_rms(y, frame_length, hop_length):  # zeroes its input, then computes the RMS of zeros
    y[:] = 0
    return features.rms(y, frame_length=frame_length, hop_length=hop_length)


def not_written(y, frame_length, hop_length):
    raise NotImplementedError


def test_feature_cases_have_no_tiny_nonzero_samples():
    # y < 0 and librosa's |y| <= 1e-10 threshold must agree on every test signal.
    for case in feature_cases():
        y = np.asarray(case.args[0])
        assert not np.any((y != 0) & (np.abs(y) <= 1e-10))


def test_feature_cases_tell_the_conventions_apart():
    cases = feature_cases()
    assert any(np.asarray(c.args[0]).dtype == np.float32 for c in cases)
    # a last whole frame that ends exactly at the last sample (range's + 1 matters) ...
    assert any(
        (len(c.args[0]) - c.kwargs["frame_length"]) % c.kwargs["hop_length"] == 0 for c in cases
    )
    # ... and a tail that does not fill a frame, a hop that does not divide the frame, no overlap
    assert any((len(c.args[0]) - c.kwargs["frame_length"]) % c.kwargs["hop_length"] for c in cases)
    assert any(c.kwargs["frame_length"] % c.kwargs["hop_length"] for c in cases)
    assert any(c.kwargs["frame_length"] == c.kwargs["hop_length"] for c in cases)
    # the lopsided tone's negative peaks are larger than its positive ones
    y = cases[0].args[0]
    assert -y.min() > 1.5 * y.max()


@pytest.mark.parametrize(
    "check, right",
    [
        (E.check_amplitude_envelope, good_ae),
        (E.check_rms, good_rms),
        (
            E.check_rms,
            lambda y, frame_length, hop_length: librosa.feature.rms(
                y=y, frame_length=frame_length, hop_length=hop_length
            )[0],
        ),
        (E.check_zcr, good_zcr),
        (
            E.check_zcr,
            lambda y, frame_length, hop_length: librosa.feature.zero_crossing_rate(
                y, frame_length=frame_length, hop_length=hop_length, center=False
            )[0],
        ),
    ],
)
def test_feature_checks_right(check, right):
    said(check(right), "agrees with the reference on 5 test cases", ok=True)


@pytest.mark.parametrize("check", [E.check_amplitude_envelope, E.check_rms, E.check_zcr])
def test_feature_checks_not_attempted_and_not_functions(check):
    for todo in (..., None, not_written):
        assert check(todo).ok is None
    said(check(42), "should be a function")


def signed_ae(y, frame_length, hop_length):  # the source article's slip
    return np.array([f.max() for f in _frames(y, frame_length, hop_length)])


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            signed_ae,
            [
                "on a lopsided tone (3000 samples), frame_length=1024, hop_length=512",
                "at frame 0: yours 0.45, expected 0.9",
                "max(frame)",
                "largest absolute value",
            ],
        ),
        (
            lambda y, frame_length, hop_length: features.amplitude_envelope(
                y, frame_length=frame_length, hop_length=hop_length
            ),
            [
                "6 frames, where 4 frames are expected",
                "Those frames are centred (padded, center=True)",
            ],
        ),
        (
            lambda y, frame_length, hop_length: [
                np.abs(f).max() for f in _frames(y, frame_length, hop_length, len(y))
            ],
            ["Those include short frames at the end"],
        ),
        (
            lambda y, frame_length, hop_length: [
                np.abs(f).max() for f in _frames(y, frame_length, hop_length, len(y) - frame_length)
            ],
            [
                "float32 noise (5000 samples), frame_length=300, hop_length=100",
                "The last whole frame is missing",
                "(+ 1 needed)",
            ],
        ),
        (
            lambda y, frame_length, hop_length: [
                np.abs(f) for f in _frames(y, frame_length, hop_length)
            ],
            ["shape (4, 1024)", "where 4 frames are expected"],
        ),
    ],
)
def test_amplitude_envelope_wrong(wrong, words):
    said(E.check_amplitude_envelope(wrong), *words, "ABSOLUTE value in each frame")


def root_first(y, frame_length, hop_length):
    p = np.pad(np.asarray(y, dtype=float), frame_length // 2)
    return np.array([np.mean(np.sqrt(f**2)) for f in _frames(p, frame_length, hop_length)])


def reflected(y, frame_length, hop_length):
    p = np.pad(np.asarray(y, dtype=float), frame_length // 2, mode="reflect")
    return np.array([np.sqrt(np.mean(f**2)) for f in _frames(p, frame_length, hop_length)])


@pytest.mark.parametrize(
    "wrong, words",
    [
        (sneaky_rms, ["at frame 0: yours 0, expected 0.3345"]),
        (
            lambda y, frame_length, hop_length: features.rms(
                y, frame_length=frame_length, hop_length=hop_length, center=False
            ),
            [
                "4 frames, where 6 frames are expected",
                "whole frames without padding (center=False)",
            ],
        ),
        (
            lambda y, frame_length, hop_length: good_rms(y, frame_length, hop_length) ** 2,
            ["That is the mean square: the square root is missing"],
        ),
        (root_first, ["The root came before the mean"]),
        (reflected, ["The padding mirrors the signal: pad with zeros"]),
        (
            lambda y, frame_length, hop_length: librosa.feature.rms(
                y=y, frame_length=frame_length, hop_length=hop_length
            ),
            ["shape (1, 6), where 6 frames are expected", "in shape (1, 6) instead of (6,)"],
        ),
    ],
)
def test_rms_wrong(wrong, words):
    said(E.check_rms(wrong), *words, "Pad frame_length // 2 zeros")


def _changes(y, frame_length, hop_length, how):
    out = []
    for f in _frames(y, frame_length, hop_length):
        s = np.sign(f) if how != "neg" else f < 0
        out.append(
            np.sum(np.abs(np.diff(s.astype(float)))) if how == "diff" else np.sum(s[1:] != s[:-1])
        )
    return np.array(out, dtype=float)


@pytest.mark.parametrize(
    "wrong, words",
    [
        (
            lambda y, frame_length, hop_length: (
                _changes(y, frame_length, hop_length, "sign") / frame_length
            ),
            ["noise with exact zeros", "np.sign gives 0 a sign of its own", "use y < 0"],
        ),
        (
            lambda y, frame_length, hop_length: (
                _changes(y, frame_length, hop_length, "diff") / frame_length
            ),
            ["so each one counts twice"],
        ),
        (
            lambda y, frame_length, hop_length: (
                _changes(y, frame_length, hop_length, "neg") / (frame_length - 1)
            ),
            ["yours 0.01955, expected 0.01953", "not frame_length - 1"],
        ),
        (
            lambda y, frame_length, hop_length: _changes(y, frame_length, hop_length, "neg"),
            ["Those are counts: divide each by frame_length"],
        ),
        (
            lambda y, frame_length, hop_length: features.zero_crossing_rate(
                y, frame_length=frame_length, hop_length=hop_length
            ),
            ["Those frames are centred"],
        ),
    ],
)
def test_zcr_wrong(wrong, words):
    said(E.check_zcr(wrong), *words, "zero counts as positive")


def test_feature_check_raises_in_strict_mode(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "1")
    with pytest.raises(AssertionError, match="my_amplitude_envelope"):
        E.check_amplitude_envelope(signed_ae)


# ------------------------------------------------------------------ silences


def _speech_like():
    rng = np.random.default_rng(0)
    clean = np.zeros(22050 * 2)
    clean[4000:14000] = 0.5 * np.sin(np.arange(10000) * 0.3)
    clean[25000:38000] = rng.uniform(-0.3, 0.3, 13000)
    noisy = clean + rng.uniform(-0.003, 0.003, len(clean))
    return clean, noisy


def _levels(noisy):
    return 20 * np.log10(features.rms(noisy, frame_length=1024, hop_length=512))


CLEAN, NOISY = _speech_like()


@pytest.mark.parametrize(
    "answer",
    [_levels(NOISY) < -45, (_levels(NOISY) < -45).astype(int), list(_levels(NOISY) < -45)],
)
def test_silences_right(answer):
    said(E.check_silences(answer, clean=CLEAN), "of the 87 frames agree", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (~(_levels(NOISY) < -45), ["would with True and False swapped", "True should mean silent"]),
        (
            _levels(NOISY) < -70,
            ["silent frames are not marked (the first at frame 0)", "below the noise floor"],
        ),
        (
            _levels(NOISY) < -5,
            ["frames with speech in them are marked silent", "threshold too high"],
        ),
        ((_levels(NOISY) < -45)[:-1], ["should be 87 True/False values", "got shape (86,)"]),
        (
            np.full(87, 0.5),
            ["numbers, not True/False values (levels in dB?)", "rms_db < threshold_db"],
        ),
        (_levels(NOISY), ["numbers, not True/False values (levels in dB?)"]),
        (-45.0, ["got a single value"]),
        ("silent", ["got text"]),
        ([True, None, False], ["None at position 1"]),
    ],
)
def test_silences_wrong(answer, words):
    said(E.check_silences(answer, clean=CLEAN), *words)


def test_silences_not_attempted():
    out = E.check_silences(..., clean=CLEAN)
    said(out, "a True/False mask, one value per frame", "histogram", ok=None)
    not_said(out, "-45", "threshold_db")


# ------------------------------------------------------------------ hop and frame length


@pytest.mark.parametrize(
    "answer, kwargs",
    [
        (220, {}),
        (221, {}),
        (220.0, {}),
        (np.int64(220), {}),
        ([220], {}),
        (441, {"resolution_s": 0.020}),
        (160, {"resolution_s": 0.010, "sr": 16000}),
    ],
)
def test_hop_length_right(answer, kwargs):
    said(E.check_hop_length(answer, **kwargs), "to the nearest sample", ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (220.5, ["should be a whole number of samples; 220.5 is not", "Round to a whole number"]),
        (0.01, ["0.01 is in seconds; it is counted in samples"]),
        (10, ["10 is in milliseconds"]),
        (512, ["hop_length = 512 samples is one frame every 23.22 ms, not 10 ms"]),
        (True, ["truth value"]),
        ("220", ["remove the quotes"]),
    ],
)
def test_hop_length_wrong(answer, words):
    said(E.check_hop_length(answer), *words)


def test_hop_length_other_rate_and_hidden_answer():
    said(E.check_hop_length(161, resolution_s=0.010, sr=16000), "10.06 ms, not 10 ms")
    out = E.check_hop_length(...)
    said(out, "a whole number of samples", ok=None)
    not_said(out, "220", "×")


@pytest.mark.parametrize(
    "answer, words",
    [
        (512, ["512 samples last only 23.2 ms, shorter than 25 ms"]),
        (2048, ["2048 samples (92.9 ms) is long enough, but a shorter power of two is too"]),
        (1000, ["1000 is not a power of two", "Round up to the next power of two"]),
        (300, ["300 is not a power of two"]),
        (551.25, ["should be a whole number of samples; 551.25 is not"]),
        (0.025, ["0.025 is in seconds"]),
        (25, ["25 is in milliseconds"]),
    ],
)
def test_frame_length_wrong(answer, words):
    message = said(E.check_frame_length(answer), *words)
    if answer == 300:
        assert "Round up" not in message


def test_frame_length_right_and_hidden_answer():
    said(
        E.check_frame_length(1024),
        "that is the shortest power of two lasting at least 25 ms",
        ok=True,
    )
    said(E.check_frame_length(512, min_duration_s=0.020), ok=True)
    out = E.check_frame_length(None)
    said(out, "a power of two, in samples", ok=None)
    not_said(out, "1024")


def test_rms_cannot_be_fooled_by_zeroing_the_input():
    # issue 12's example: zero the input in place, return zeros of the right length
    def zeroes(y, frame_length, hop_length):
        y[:] = 0
        return np.zeros(1 + len(y) // hop_length)

    said(E.check_rms(zeroes), "at frame 0: yours 0, expected 0.3345")


def test_hop_in_samples_equal_to_the_time_in_ms_is_right():
    # at 1000 Hz, 10 ms is 10 samples: the number 10 is the right hop, not "milliseconds"
    said(E.check_hop_length(10, resolution_s=0.010, sr=1000), ok=True)
    said(E.check_hop_length(0.01, resolution_s=0.010, sr=1000), "in seconds")
