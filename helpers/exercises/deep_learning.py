"""Checks for notebook 10, deep learning: a layer's output shape, its parameters, an augmentation.

Taught in: notebooks/10_deep_learning.ipynb
"""

from __future__ import annotations

import numbers

import numpy as np

from .. import signals
from ._core import (
    Case,
    Feedback,
    Slip,
    check_value,
    describe,
    fmt,
    not_attempted,
    report,
    run_learner,
    to_array,
)

__all__ = ["check_conv_pool_shape", "check_conv_params", "check_augmentation"]


def _whole(value, name, minimum=1):
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number; got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def _conv_size(n, k, padding):
    return n if padding == "same" else n - k + 1


def check_conv_pool_shape(
    answer, *, input_shape, filters, kernel_size, padding="same", pool_size=2
):
    """Exercise (notebook 10): the output shape of a ``Conv2D`` followed by ``MaxPooling2D``.

    The expected answer is ``(height, width, feature maps)``: a convolution with
    ``padding="same"`` keeps height and width, ``"valid"`` shrinks each by
    ``kernel_size - 1``; it makes one feature map per filter; the pooling divides
    height and width by ``pool_size``, rounding down.  Counts are exact.  Named
    slips: the shape before pooling, the pooling rounded up, the padding
    mixed up, the input's number of channels kept, the batch axis included.

    Parameters
    ----------
    answer : tuple of 3 int
        The learner's ``(height, width, feature maps)``; ``...`` means "not attempted yet".
    input_shape : (int, int, int)
        The input's (height, width, channels).
    filters, kernel_size : int
        The ``Conv2D`` layer's filters and (square) kernel size.
    padding : {"same", "valid"}
        The ``Conv2D`` layer's padding.
    pool_size : int
        The ``MaxPooling2D`` layer's (square) pool size.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_conv_pool_shape((14, 9, 12), input_shape=(32, 22, 1), filters=12,
    ...                       kernel_size=5, padding="valid", pool_size=2)
    ✅ Correct: those are the output's height, width and feature maps.
    True

    Taught in: notebooks/10_deep_learning.ipynb
    """
    height, width, channels = (_whole(v, "input_shape") for v in input_shape)
    filters = _whole(filters, "filters")
    kernel_size = _whole(kernel_size, "kernel_size")
    pool_size = _whole(pool_size, "pool_size")
    if padding not in ("same", "valid"):
        raise ValueError(f"padding must be 'same' or 'valid'; got {padding!r}")
    other = "valid" if padding == "same" else "same"
    conv_h, conv_w = (_conv_size(n, kernel_size, padding) for n in (height, width))
    other_h, other_w = (_conv_size(n, kernel_size, other) for n in (height, width))
    expected = (conv_h // pool_size, conv_w // pool_size, filters)
    what = "the output's height, width and feature maps"
    if not_attempted(answer):
        return check_value(answer, expected, what=what, whole=True)
    if isinstance(answer, (tuple, list, np.ndarray)) and len(answer) == 2:
        pair = [v for v in answer if isinstance(v, numbers.Integral)]
        if len(pair) == 2 and tuple(pair) == expected[:2]:
            return report(
                Feedback(
                    "wrong",
                    f"{fmt(list(pair))} are the right height and width, but the shape has a "
                    "third number: how many feature maps come out (one per filter).",
                )
            )
    if isinstance(answer, (tuple, list, np.ndarray)) and len(answer) == 4:
        rest = list(answer)[1:]
        if all(isinstance(v, numbers.Integral) for v in rest) and tuple(rest) == expected:
            return report(
                Feedback(
                    "wrong",
                    "the last three numbers are right; leave out the batch size (Keras's None) "
                    "and give (height, width, feature maps).",
                )
            )
    slips = [
        Slip(
            (conv_h, conv_w, filters),
            "That is the shape after the convolution: the pooling still halves height and width "
            f"(pool size {pool_size}).",
        ),
        Slip(
            (-(-conv_h // pool_size), -(-conv_w // pool_size), filters),
            "The pooling rounds down: a leftover row or column that does not fill a whole "
            "block is dropped.",
        ),
        Slip(
            (other_h // pool_size, other_w // pool_size, filters),
            f"That would be padding='{other}'. With padding='{padding}' "
            + (
                "the filter is only placed where it fits entirely, so each side loses "
                "kernel_size - 1 cells."
                if padding == "valid"
                else "the image is padded with zeros so height and width are kept."
            ),
        ),
        Slip(
            (conv_h // pool_size, conv_w // pool_size, channels),
            f"The number of feature maps out of a Conv2D is its number of filters ({filters}), "
            "not the input's channels.",
        ),
    ]
    return check_value(
        answer,
        expected,
        what=what,
        whole=True,
        slips=[s for s in slips if tuple(s.answer) != expected],
        labels=["height", "width", "feature maps"],
        hint="Work through the two layers one after the other: first the convolution, then the pooling.",
    )


def check_conv_params(answer, *, kernel_size, in_channels, filters):
    """Exercise (notebook 10): the number of parameters of a ``Conv2D`` layer.

    Expected: ``kernel_size * kernel_size * in_channels * filters`` weights plus
    ``filters`` biases.  Exact (a count).  Named slips: the biases left out,
    the input channels left out, one bias per weight, the kernel counted once
    instead of ``k x k``.

    Parameters
    ----------
    answer : int
        The learner's count; ``...`` means "not attempted yet".
    kernel_size, in_channels, filters : int
        The layer's square kernel size, its input's feature maps, its filters.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> check_conv_params(4640, kernel_size=3, in_channels=16, filters=32)
    ✅ Correct: that is the number of parameters.
    True

    Taught in: notebooks/10_deep_learning.ipynb
    """
    k = _whole(kernel_size, "kernel_size")
    c = _whole(in_channels, "in_channels")
    f = _whole(filters, "filters")
    weights = k * k * c * f
    slips = [
        Slip(weights, "Those are the weights only: every filter also has one bias."),
        Slip(
            k * k * f + f,
            f"Each filter has a {k} x {k} grid for every one of the {c} input feature maps, "
            "not just one grid.",
        ),
        Slip(2 * weights, "There is one bias per filter, not one per weight."),
        Slip(k * c * f + f, f"A {k} x {k} kernel has {k} x {k} weights per input map, not {k}."),
        Slip(weights + c, f"There is one bias per filter ({f} of them), not one per input map."),
    ]
    return check_value(
        answer,
        weights + f,
        what="the number of parameters",
        whole=True,
        slips=[s for s in slips if s.answer != weights + f],
        hint="Count the weights of one filter, multiply by the filters, then add the biases.",
    )


_AUG_HINT = (
    "Return a changed copy of the clip: a 1-D numpy array of the same length, e.g. "
    "augment.add_noise(clip, (20, 40), seed=rng)."
)


def _augmented(value, clip, where):
    """The learner's augmented clip as a float array, or a wrong-answer message."""
    got, problem = to_array(value, kind="real", axes=("sample",))
    if problem:
        return None, f"on {where}, your my_augmentation returned {problem}. {_AUG_HINT}"
    if got.ndim != 1:
        return None, (
            f"on {where}, your my_augmentation returned shape {got.shape}: a clip is 1-D "
            f"(mono samples). {_AUG_HINT}"
        )
    if got.size != clip.size:
        return None, (
            f"on {where} ({clip.size} samples), your my_augmentation returned {got.size} samples: "
            "the copy must keep the clip's length (crop or pad it with zeros)."
        )
    if not np.all(np.isfinite(got)):
        return None, (
            f"on {where}, your my_augmentation returned NaN or infinite values: every sample must "
            "be a finite number."
        )
    return got, None


def check_augmentation(func, *, clips, sr, measure, baseline, n_test, seed=0):
    """Exercise (notebook 10): an augmentation of your own, measured on the test set.

    ``func(clip, sr, rng)`` must return a changed copy of ``clip``, the same
    length and finite, drawing every random choice from ``rng``: the check
    calls it twice with generators of the same seed and expects the same copy,
    and with another seed (a different copy is fine, the same one too).  It is
    tried on three test signals, then on every clip of ``clips``; the copies'
    log-mel images go to ``measure(copy_images)``, which trains a network and
    returns its test accuracy, reported next to ``baseline`` (the accuracy
    without augmentation).  Any change counts as a result.

    Parameters
    ----------
    func : callable
        The learner's ``my_augmentation(clip, sr, rng)``; ``...`` means "not attempted yet".
    clips : sequence of numpy.ndarray
        The fitting clips.
    sr : float
        Their sample rate in Hz.
    measure : callable
        ``measure(copy_images) -> accuracy`` with ``copy_images`` of shape
        ``(len(clips), n_mels, n_frames)``.
    baseline : float
        The test accuracy without augmentation (0 to 1).
    n_test : int
        Test clips (to say how much one clip is worth).
    seed : int
        Seed of the generator the copies are made with.

    Returns
    -------
    Outcome
        Truthy when right; ``.ok`` is True, False (wrong) or None (not attempted).

    Examples
    --------
    >>> import numpy as np
    >>> from helpers import augment
    >>> clips = [np.sin(np.arange(22050) * f / 22050 * 2 * np.pi) for f in (300, 600)]
    >>> louder_noise = lambda clip, sr, rng: augment.add_noise(clip, (20, 30), seed=rng)
    >>> check_augmentation(louder_noise, clips=clips, sr=22050, measure=lambda images: 0.5,
    ...                    baseline=0.5, n_test=10)  # doctest: +ELLIPSIS
    ✅ Correct: your augmentation makes a changed copy of every clip. Test accuracy: 50.0% ...
    True

    Taught in: notebooks/10_deep_learning.ipynb
    """
    from ..clip_features import log_mel_image

    if not_attempted(func):
        return report(
            Feedback(
                "todo",
                "write my_augmentation(clip, sr, rng), then run this cell again. The exercise "
                "lists a few ideas to start with.",
            )
        )
    if not callable(func):
        return report(
            Feedback(
                "wrong",
                "my_augmentation should be a function (def my_augmentation(clip, sr, rng): ...); "
                f"got {describe(func)}.",
            )
        )
    call = "my_augmentation(clip, sr, rng)"
    probe_sr = 22050
    probes = [
        (signals.sine(440, 1.0, sr=probe_sr, amplitude=0.3).astype(np.float32), "a 1 s sine"),
        (
            signals.white_noise(0.5, sr=probe_sr, seed=0, amplitude=0.1).astype(np.float32),
            "0.5 s of noise",
        ),
        (
            signals.chirp(100, 5000, 1.0, sr=probe_sr, amplitude=0.5).astype(np.float32),
            "a 1 s chirp",
        ),
    ]

    def attempt(clip, clip_sr, rng, where):
        run = run_learner(
            func, Case(clip, clip_sr, rng, label=where), name="my_augmentation", call=call
        )
        if run.feedback is not None:
            if run.feedback.status == "todo":
                return None, run.feedback
            return None, Feedback("wrong", f"{run.feedback.message} {_AUG_HINT}")
        got, problem = _augmented(run.value, clip, where)
        if problem:
            return None, Feedback("wrong", problem)
        return got, None

    changed = False
    for clip, where in probes:
        first, feedback = attempt(clip, probe_sr, np.random.default_rng(seed), where)
        if feedback is not None:
            return report(feedback)
        again, feedback = attempt(clip, probe_sr, np.random.default_rng(seed), where)
        if feedback is not None:
            return report(feedback)
        if not np.array_equal(first, again):
            return report(
                Feedback(
                    "wrong",
                    f"on {where}, two generators with the same seed gave two different copies: "
                    "draw every random choice from rng (rng.uniform, rng.integers, or seed=rng "
                    "for the augment functions), not from np.random or a fresh generator.",
                )
            )
        changed = changed or not np.allclose(first, clip, rtol=0, atol=1e-7)
    if not changed:
        return report(
            Feedback(
                "wrong",
                "your my_augmentation returned every test signal unchanged: it should make a "
                "changed copy (the same sound, shifted, noisier, filtered, ...).",
            )
        )
    images, unseen = [], True
    for k, clip in enumerate(clips):
        rng = np.random.default_rng([seed, k])  # its own draws for every clip, repeatable
        got, feedback = attempt(np.asarray(clip), sr, rng, f"fitting clip {k}")
        if feedback is not None:
            return report(feedback)
        images.append(log_mel_image(got, sr))
        # Does the network see any change?  (log_mel_image scales each image to its own top.)
        unseen = unseen and np.allclose(images[-1], log_mel_image(np.asarray(clip), sr), atol=1e-3)
    accuracy = float(measure(np.stack(images)))
    change = 100 * (accuracy - baseline)
    one_clip = 100 / n_test
    verdict = (
        "note that the copies' log-mel images are the same as the originals' (each image is scaled "
        "to its own loudest cell, so a gain changes nothing the network sees): the difference "
        "comes from the training run, not from your copies. Try a change that survives the "
        "scaling: a shift, noise, a filter"
        if unseen
        else "a change of a clip or two is within the luck of one training run"
        if abs(change) <= 2 * one_clip + 1e-9
        else "it helped this time; try other seeds before you believe it"
        if change > 0
        else "it hurt this time: a change can take the copies too far from real clips"
    )
    return report(
        Feedback(
            "correct",
            f"your augmentation makes a changed copy of every clip. Test accuracy: "
            f"{accuracy:.1%} with your copies, {baseline:.1%} without ({change:+.1f} percentage "
            f"points; one test clip is {one_clip:.1f}): {verdict}.",
        )
    )
