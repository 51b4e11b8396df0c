"""A small convolutional network on log-mel images: Keras set-up, inputs, and looking inside.

- :func:`load_keras` imports Keras on the JAX backend (CPU), so no learner has to set
  an environment variable, and keeps its start-up quiet;
- :func:`network_input` turns log-mel images (:func:`helpers.clip_features.log_mel_image`)
  into the array a Keras image model takes;
- :func:`conv2d` and :func:`max_pool` are what a convolution layer and a pooling layer
  compute, written out in numpy for one channel (the course checks them against Keras);
- :func:`augmented_batches` feeds a network freshly augmented training images, epoch after
  epoch (with the masks of :mod:`helpers.augment`);
- :func:`occlusion_map` shows which parts of an image a trained network relies on.

Importing this module is quick: Keras and JAX are imported only by :func:`load_keras`.
Taught in notebook 10 (deep learning).
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import sys
from pathlib import Path

import numpy as np

from . import _validate
from .augment import freq_mask, rng_from, time_mask

__all__ = [
    "BACKENDS",
    "load_keras",
    "network_input",
    "conv2d",
    "max_pool",
    "augmented_batches",
    "occlusion_map",
]

#: Keras backends the course knows how to start (JAX is the one it installs).
BACKENDS = ("jax", "torch", "tensorflow")

# JAX's notice, on a computer with a graphics card, that it will use the CPU. The course
# installs the CPU build on purpose, so this one notice is dropped (and nothing else).
_ACCELERATOR_NOTICES = ("An NVIDIA GPU may be present", "A Google TPU may be present")


class _DropAcceleratorNotice(logging.Filter):
    def filter(self, record):
        return not str(record.msg).startswith(_ACCELERATOR_NOTICES)


def _cache_dir():
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "audio-ml-course" / "jax"


def _quiet_jax():
    """Drop JAX's CPU-only notice; keep compiled networks in a disk cache."""
    logger = logging.getLogger("jax._src.xla_bridge")
    if not any(isinstance(f, _DropAcceleratorNotice) for f in logger.filters):
        logger.addFilter(_DropAcceleratorNotice())
    import jax

    # Compiling a network's training step takes seconds on a CPU; JAX can keep the
    # result on disk, so the same network (or the same notebook run again) starts at once.
    if jax.config.jax_compilation_cache_dir is None:
        try:
            path = _cache_dir()
            path.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only home: compile every time, no harm done
            return
        jax.config.update("jax_compilation_cache_dir", str(path))
        jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)


def load_keras(backend=None):
    """Import Keras 3 with the course's backend, and return the ``keras`` module.

    Keras runs on one of several backends (the library that does the arithmetic)
    and reads which one from the environment variable ``KERAS_BACKEND`` when it is
    first imported.  This function sets that variable to ``backend`` (default: the
    variable's value if you set one yourself, else ``"jax"``, the one the course
    installs, running on the CPU) before importing Keras, so nobody has to set it
    by hand.  On JAX it also drops JAX's notice that it is using the CPU, and keeps
    compiled networks in a cache folder (``~/.cache/audio-ml-course/jax``), so the
    same network starts faster the next time.

    To switch to PyTorch or TensorFlow, install it, restart the kernel, and call
    ``load_keras("torch")`` (or ``"tensorflow"``) before anything imports Keras.

    Parameters
    ----------
    backend : {"jax", "torch", "tensorflow"}, optional
        The backend to use.

    Returns
    -------
    module
        ``keras``, ready to use.

    Raises
    ------
    RuntimeError
        If Keras was already imported with another backend (restart the kernel).
    ModuleNotFoundError
        If Keras or the backend is not installed, with the command that installs it.

    Examples
    --------
    >>> keras = load_keras()
    >>> keras.backend.backend()
    'jax'

    Taught in: notebooks/10_deep_learning.ipynb
    """
    if backend is None:
        backend = os.environ.get("KERAS_BACKEND") or "jax"
    backend = _validate.choice(backend, "backend", BACKENDS)
    if "keras" in sys.modules:
        keras = sys.modules["keras"]
        current = keras.backend.backend()
        if current != backend:
            raise RuntimeError(
                f"Keras is already running on {current!r}; it picks its backend once, when it "
                f"is first imported. Restart the kernel, then call load_keras({backend!r}) "
                "before anything else imports Keras."
            )
        return keras
    package = {"jax": "jax", "torch": "torch", "tensorflow": "tensorflow"}[backend]
    if importlib.util.find_spec(package) is None or importlib.util.find_spec("keras") is None:
        raise ModuleNotFoundError(
            f"Keras on {backend!r} needs the packages keras and {package}: "
            f"python -m pip install keras {package}"
        )
    os.environ["KERAS_BACKEND"] = backend
    if backend == "jax":
        _quiet_jax()
    return importlib.import_module("keras")


def network_input(images):
    """Log-mel images as a Keras image model takes them: float32, with a channel axis.

    A colour photo has three channels (red, green, blue) per pixel; a log-mel
    image has one.  Keras's image layers expect the channels as the last axis,
    so ``(n_images, n_mels, n_frames)`` becomes ``(n_images, n_mels, n_frames, 1)``.
    A single image ``(n_mels, n_frames)`` becomes a batch of one.

    Parameters
    ----------
    images : array_like, shape (n_images, n_mels, n_frames) or (n_mels, n_frames)
        Finite numbers, e.g. from :func:`helpers.clip_features.log_mel_image`.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_images, n_mels, n_frames, 1)``, float32.

    Examples
    --------
    >>> import numpy as np
    >>> network_input(np.zeros((64, 44))).shape
    (1, 64, 44, 1)

    Taught in: notebooks/10_deep_learning.ipynb
    """
    arr = _image_stack(images, "images")
    return arr.astype(np.float32)[..., None]


def _image_stack(images, name):
    if images is None or isinstance(images, (str, bytes)):
        raise TypeError(f"{name} must be an array of log-mel images; got {_validate._show(images)}")
    arr = np.asarray(images)
    if arr.dtype.kind not in "iuf" or arr.dtype.kind == "b":
        raise TypeError(f"{name} must be an array of real numbers; got dtype {arr.dtype}")
    if arr.ndim == 2:
        arr = arr[None]
    if arr.ndim != 3 or 0 in arr.shape:
        raise ValueError(
            f"{name} must have shape (n_mels, n_frames) or (n_images, n_mels, n_frames), "
            f"not empty; got shape {arr.shape}"
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def _matrix(value, name):
    arr = np.asarray(value, dtype=float) if not isinstance(value, (str, bytes)) else None
    if arr is None or arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(
            f"{name} must be a 2-D array of numbers; got {_validate._show(value)}"
            + (f" with shape {arr.shape}" if arr is not None else "")
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")
    return arr


def conv2d(image, kernel, *, bias=0.0, padding="same"):
    """What one filter of a convolution layer computes, for a one-channel image.

    The kernel (e.g. 3 x 3 numbers) slides over the image one cell at a time; at
    each place, the cells under it are multiplied by the kernel's numbers and
    added up, plus ``bias``.  (Strictly this is a cross-correlation, the kernel
    is not flipped: that is what deep-learning libraries compute and call a
    convolution.)  With ``padding="same"`` the image is padded with zeros so the
    output has the image's shape (the kernel needs odd sizes); with ``"valid"``
    the kernel only visits places where it fits, and the output shrinks by the
    kernel's size minus one.  A convolution layer does this for each of its
    filters and then applies its activation (e.g. ReLU).

    Parameters
    ----------
    image : array_like, shape (height, width)
        One channel, e.g. a log-mel image.
    kernel : array_like, shape (kh, kw)
        The filter's weights.
    bias : float, keyword-only
        Added to every output cell.
    padding : {"same", "valid"}, keyword-only
        As Keras's ``Conv2D(padding=...)``.

    Returns
    -------
    numpy.ndarray
        The feature map, float64.

    Examples
    --------
    >>> import numpy as np
    >>> image = np.arange(16.0).reshape(4, 4)
    >>> conv2d(image, np.ones((3, 3)) / 9, padding="valid")
    array([[ 5.,  6.],
           [ 9., 10.]])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    image = _matrix(image, "image")
    kernel = _matrix(kernel, "kernel")
    bias = _validate.number(bias, "bias")
    padding = _validate.choice(padding, "padding", ("same", "valid"))
    kh, kw = kernel.shape
    if padding == "same":
        if kh % 2 == 0 or kw % 2 == 0:
            raise ValueError(
                f"kernel must have odd sizes for padding='same' (e.g. 3 x 3); got {kernel.shape}"
            )
        image = np.pad(image, ((kh // 2, kh // 2), (kw // 2, kw // 2)))
    if image.shape[0] < kh or image.shape[1] < kw:
        raise ValueError(
            f"kernel {kernel.shape} is larger than the image {image.shape}; use a smaller kernel"
        )
    windows = np.lib.stride_tricks.sliding_window_view(image, (kh, kw))
    return np.einsum("ijkl,kl->ij", windows, kernel) + bias


def max_pool(image, size=2):
    """What a max-pooling layer computes: the largest value of each ``size`` x ``size`` block.

    The output is ``size`` times smaller on each axis; rows and columns left
    over at the end are dropped, as Keras's ``MaxPooling2D`` does.

    Parameters
    ----------
    image : array_like, shape (height, width)
        One channel (a feature map).
    size : int
        Block size in cells.

    Returns
    -------
    numpy.ndarray
        Shape ``(height // size, width // size)``.

    Examples
    --------
    >>> import numpy as np
    >>> max_pool(np.arange(20.0).reshape(4, 5))
    array([[ 6.,  8.],
           [16., 18.]])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    image = _matrix(image, "image")
    size = _validate.whole(size, "size")
    h, w = image.shape[0] // size, image.shape[1] // size
    if h == 0 or w == 0:
        raise ValueError(f"size {size} is larger than the image {image.shape}")
    blocks = image[: h * size, : w * size].reshape(h, size, w, size)
    return blocks.max(axis=(1, 3))


def augmented_batches(
    versions,
    labels,
    *,
    batch_size=32,
    time_width=(0, 0),
    freq_width=(0, 0),
    n_masks=1,
    seed=None,
):
    """Endless training batches, with a fresh augmented version of every image each epoch.

    ``versions`` holds one or more versions of every training image (the
    original, and copies made from augmented clips: shifted, noisier, ...).  For
    each epoch the generator shuffles the images, picks one version of each at
    random, and blanks out ``n_masks`` runs of frames (:func:`helpers.augment.time_mask`)
    and of mel bands (:func:`helpers.augment.freq_mask`) in it.  An epoch has as many
    images as there are training clips, as without augmentation, but the network
    never sees exactly the same picture twice.  Pass it to ``model.fit`` with
    ``steps_per_epoch=ceil(n_clips / batch_size)``.

    Parameters
    ----------
    versions : array_like, shape (n_versions, n_clips, n_mels, n_frames)
        The versions of each image (``versions[0]`` may be the originals).
    labels : array_like, shape (n_clips,)
        One class number per clip.
    batch_size : int, keyword-only
        Images per batch (the last batch of an epoch may be smaller).
    time_width, freq_width : int or (int, int), keyword-only
        Width of each mask in frames and in mel bands (0: no mask).
    n_masks : int, keyword-only
        Masks of each kind per image.
    seed : int, numpy.random.Generator or None, keyword-only
        Makes the whole sequence of batches reproducible.

    Yields
    ------
    (numpy.ndarray, numpy.ndarray)
        Images ``(batch, n_mels, n_frames, 1)`` float32 and their labels.

    Examples
    --------
    >>> import numpy as np
    >>> versions = np.ones((2, 5, 8, 6))       # 2 versions of 5 images, 8 x 6
    >>> batches = augmented_batches(versions, np.arange(5), batch_size=4, time_width=2, seed=0)
    >>> [next(batches)[0].shape for _ in range(3)]       # epoch 1 is 4 + 1 images
    [(4, 8, 6, 1), (1, 8, 6, 1), (4, 8, 6, 1)]

    Taught in: notebooks/10_deep_learning.ipynb
    """
    versions = np.asarray(versions)
    if versions.ndim != 4 or 0 in versions.shape:
        raise ValueError(
            "versions must have shape (n_versions, n_clips, n_mels, n_frames); "
            f"got {_validate._show(versions)}"
        )
    labels = np.asarray(labels)
    if labels.dtype.kind in "iu":  # class numbers: JAX computes in 32 bits
        labels = labels.astype(np.int32)
    if labels.shape != (versions.shape[1],):
        raise ValueError(
            f"labels must have one entry per clip ({versions.shape[1]}); got shape {labels.shape}"
        )
    batch_size = _validate.whole(batch_size, "batch_size")
    # Check the masks' arguments now, not at the first batch inside model.fit
    time_mask(versions[0, 0], time_width, n_masks=n_masks, seed=0)
    freq_mask(versions[0, 0], freq_width, n_masks=n_masks, seed=0)
    rng = rng_from(seed)
    return _batches(versions, labels, batch_size, time_width, freq_width, n_masks, rng)


def _batches(versions, labels, batch_size, time_width, freq_width, n_masks, rng):
    n_versions, n_clips = versions.shape[:2]
    while True:
        order = rng.permutation(n_clips)
        pick = rng.integers(n_versions, size=n_clips)
        for start in range(0, n_clips, batch_size):
            rows = order[start : start + batch_size]
            images = versions[pick[rows], rows]
            images = time_mask(images, time_width, n_masks=n_masks, seed=rng)
            images = freq_mask(images, freq_width, n_masks=n_masks, seed=rng)
            yield images.astype(np.float32)[..., None], labels[rows]


def occlusion_map(predict, image, *, class_index, patch=(8, 4), value=0.0):
    """How much a class's probability drops when each patch of the image is hidden.

    The image is cut into patches of ``patch = (bands, frames)`` cells; each one in
    turn is set to ``value`` (0 is silence in a log-mel image) and the model
    predicts again.  Where hiding a patch makes the class's probability fall, the
    model was relying on what is there.  All the occluded images go to
    ``predict`` in one batch.

    Parameters
    ----------
    predict : callable
        Takes a batch of images ``(n, n_mels, n_frames)`` and returns class
        probabilities ``(n, n_classes)``; e.g.
        ``lambda x: model.predict(network_input(x), verbose=0)``.
    image : array_like, shape (n_mels, n_frames)
        The image to explain.
    class_index : int
        The class whose probability is watched.
    patch : (int, int), keyword-only
        Patch size in mel bands and frames.
    value : float, keyword-only
        What hidden cells become.

    Returns
    -------
    drop : numpy.ndarray, shape (n_mels, n_frames)
        For every cell, the probability without occlusion minus the probability
        with its patch hidden (positive: the patch helped the class).
    probability : float
        The class's probability for the whole image.

    Examples
    --------
    >>> import numpy as np
    >>> def predict(x):        # a toy model: class 0 is sure when the top-left cells are loud
    ...     p = x[:, :2, :2].mean(axis=(1, 2))
    ...     return np.stack([p, 1 - p], axis=1)
    >>> drop, p = occlusion_map(predict, np.ones((4, 4)), class_index=0, patch=(2, 2))
    >>> drop
    array([[1., 1., 0., 0.],
           [1., 1., 0., 0.],
           [0., 0., 0., 0.],
           [0., 0., 0., 0.]])

    Taught in: notebooks/10_deep_learning.ipynb
    """
    if not callable(predict):
        raise TypeError(f"predict must be a function of a batch of images; got {predict!r}")
    image = _image_stack(image, "image")
    if len(image) != 1:
        raise ValueError(f"image must be one image (n_mels, n_frames); got {len(image)} images")
    image = image[0].astype(np.float32)
    class_index = _validate.whole(class_index, "class_index", minimum=0)
    if not isinstance(patch, (tuple, list)) or len(patch) != 2:
        raise ValueError(f"patch must be a pair (bands, frames); got {_validate._show(patch)}")
    ph = _validate.whole(patch[0], "patch[0]")
    pw = _validate.whole(patch[1], "patch[1]")
    value = _validate.number(value, "value")
    height, width = image.shape
    starts = [(r, c) for r in range(0, height, ph) for c in range(0, width, pw)]
    batch = np.repeat(image[None], len(starts) + 1, axis=0)
    for k, (r, c) in enumerate(starts, start=1):
        batch[k, r : r + ph, c : c + pw] = value
    probabilities = np.asarray(predict(batch))
    if probabilities.ndim != 2 or probabilities.shape[0] != len(batch):
        raise ValueError(
            f"predict must return one row of probabilities per image ({len(batch)} rows); "
            f"got shape {probabilities.shape}"
        )
    if class_index >= probabilities.shape[1]:
        raise ValueError(
            f"class_index must be below the number of classes ({probabilities.shape[1]}); "
            f"got {class_index}"
        )
    p = probabilities[:, class_index].astype(float)
    drop = np.zeros((height, width))
    for k, (r, c) in enumerate(starts, start=1):
        drop[r : r + ph, c : c + pw] = p[0] - p[k]
    return drop, float(p[0])
