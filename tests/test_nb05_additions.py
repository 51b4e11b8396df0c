"""Checks added for notebook 05 (time-domain features): right answers pass, wrong ones fail."""

import numpy as np
import pytest

from helpers import exercises as E
from helpers import features


@pytest.fixture
def lenient(monkeypatch):
    monkeypatch.setenv(E.STRICT_ENV, "0")


def _starts(n, frame_length, hop_length):
    return range(0, n - frame_length + 1, hop_length)


def good_ae(y, frame_length, hop_length):
    y = np.asarray(y)
    return np.array([np.abs(y[s:s + frame_length]).max()
                     for s in _starts(len(y), frame_length, hop_length)])


def signed_ae(y, frame_length, hop_length):  # the source article's mistake
    y = np.asarray(y)
    return np.array([y[s:s + frame_length].max() for s in _starts(len(y), frame_length, hop_length)])


def centred_ae(y, frame_length, hop_length):  # right idea, wrong framing convention
    return features.amplitude_envelope(y, frame_length=frame_length, hop_length=hop_length)


def good_rms(y, frame_length, hop_length):
    p = np.pad(np.asarray(y, dtype=float), frame_length // 2)
    return np.array([np.sqrt(np.mean(p[s:s + frame_length] ** 2))
                     for s in _starts(len(p), frame_length, hop_length)])


def uncentred_rms(y, frame_length, hop_length):
    return features.rms(y, frame_length=frame_length, hop_length=hop_length, center=False)


def no_root_rms(y, frame_length, hop_length):
    return good_rms(y, frame_length, hop_length) ** 2


def good_zcr(y, frame_length, hop_length):
    y = np.asarray(y)
    out = []
    for s in _starts(len(y), frame_length, hop_length):
        neg = y[s:s + frame_length] < 0
        out.append(np.sum(neg[1:] != neg[:-1]) / frame_length)
    return np.array(out)


def sign_zcr(y, frame_length, hop_length):  # np.sign makes 0 a third sign
    y = np.asarray(y)
    out = []
    for s in _starts(len(y), frame_length, hop_length):
        sg = np.sign(y[s:s + frame_length])
        out.append(np.sum(sg[1:] != sg[:-1]) / frame_length)
    return np.array(out)


def minus_one_zcr(y, frame_length, hop_length):
    return good_zcr(y, frame_length, hop_length) * frame_length / (frame_length - 1)


def not_written(y, frame_length, hop_length):
    raise NotImplementedError


@pytest.mark.parametrize("check,right,wrongs", [
    (E.check_amplitude_envelope, good_ae, [signed_ae, centred_ae]),
    (E.check_rms, good_rms, [uncentred_rms, no_root_rms]),
    (E.check_zcr, good_zcr, [sign_zcr, minus_one_zcr]),
], ids=["ae", "rms", "zcr"])
def test_feature_checks(check, right, wrongs, lenient):
    assert check(right).ok is True
    for wrong in wrongs:
        assert check(wrong).ok is False, wrong.__name__
    assert check(...).ok is None
    assert check(None).ok is None
    assert check(not_written).ok is None
    assert check(42).ok is False


def test_feature_check_raises_in_strict_mode():
    with pytest.raises(AssertionError, match="my_amplitude_envelope"):
        E.check_amplitude_envelope(signed_ae)


def test_feature_cases_have_no_tiny_nonzero_samples():
    # y < 0 and librosa's |y| <= 1e-10 threshold must agree on every test signal.
    for (y,), _ in E._feature_cases():
        y = np.asarray(y)
        assert not np.any((y != 0) & (np.abs(y) <= 1e-10))


def _speech_like():
    rng = np.random.default_rng(0)
    clean = np.zeros(22050 * 2)
    clean[4000:14000] = 0.5 * np.sin(np.arange(10000) * 0.3)
    clean[25000:38000] = rng.uniform(-0.3, 0.3, 13000)
    noisy = clean + rng.uniform(-0.003, 0.003, len(clean))
    return clean, noisy


def _mask(noisy, threshold_db):
    r = features.rms(noisy, frame_length=1024, hop_length=512)
    return 20 * np.log10(r) < threshold_db


def test_silences_check(lenient):
    clean, noisy = _speech_like()
    assert E.check_silences(_mask(noisy, -45), clean=clean).ok is True
    assert E.check_silences(_mask(noisy, -45).astype(int), clean=clean).ok is True
    assert E.check_silences(~_mask(noisy, -45), clean=clean).ok is False  # inverted
    assert E.check_silences(_mask(noisy, -70), clean=clean).ok is False   # below the noise floor
    assert E.check_silences(_mask(noisy, -5), clean=clean).ok is False    # everything silent
    assert E.check_silences(_mask(noisy, -45)[:-1], clean=clean).ok is False  # wrong length
    assert E.check_silences(np.full(87, 0.5), clean=clean).ok is False
    assert E.check_silences("silent", clean=clean).ok is False
    assert E.check_silences(..., clean=clean).ok is None


def test_hop_length_check(lenient):
    assert E.check_hop_length(220).ok is True
    assert E.check_hop_length(221).ok is True
    assert E.check_hop_length(np.int64(220)).ok is True
    assert E.check_hop_length(220.0).ok is True
    assert E.check_hop_length(220.5).ok is False
    assert E.check_hop_length(512).ok is False
    assert E.check_hop_length(True).ok is False
    assert E.check_hop_length([220]).ok is False
    assert E.check_hop_length(441, resolution_s=0.020).ok is True
    assert E.check_hop_length(160, resolution_s=0.010, sr=16000).ok is True
    assert E.check_hop_length(161, resolution_s=0.010, sr=16000).ok is False
    assert E.check_hop_length(...).ok is None


def test_frame_length_check(lenient, capsys):
    assert E.check_frame_length(1024).ok is True
    assert E.check_frame_length(512).ok is False
    assert "shorter than" in capsys.readouterr().out
    assert E.check_frame_length(2048).ok is False
    assert "long enough" in capsys.readouterr().out
    assert E.check_frame_length(1000).ok is False
    assert "power of two" in capsys.readouterr().out
    assert E.check_frame_length(551.25).ok is False
    assert E.check_frame_length(512, min_duration_s=0.020).ok is True
    assert E.check_frame_length(None).ok is None
