"""helpers.deep: Keras set-up, network input, numpy convolution and pooling against Keras,
augmented batches, occlusion maps; and a tiny model built and trained for a few steps."""

import logging
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest

from helpers import deep


@pytest.fixture(scope="module")
def keras():
    return deep.load_keras()


# ------------------------------------------------------------------ load_keras


def test_importing_helpers_deep_does_not_import_keras_or_jax():
    code = "import helpers.deep, sys; print('keras' in sys.modules, 'jax' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_load_keras_picks_jax_prints_nothing_and_caches_compiled_code(tmp_path):
    code = (
        "import jax\n"
        "from helpers import deep\n"
        "keras = deep.load_keras()\n"
        "m = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2)])\n"
        "m(__import__('numpy').zeros((1, 3)))\n"
        "import os\n"
        "print(keras.backend.backend(), os.environ['KERAS_BACKEND'])\n"
        "print(jax.config.jax_compilation_cache_dir)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KERAS_", "JAX_"))}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    backend, variable, cache = out.stdout.split()
    assert (backend, variable) == ("jax", "jax")
    assert out.stderr == ""  # no start-up messages or warnings
    assert cache == str(tmp_path / "audio-ml-course" / "jax")
    assert (tmp_path / "audio-ml-course" / "jax").is_dir()


def test_load_keras_refuses_a_second_backend(keras):
    with pytest.raises(RuntimeError, match="Keras is already running on 'jax'.*Restart the kernel"):
        deep.load_keras("torch")
    assert deep.load_keras("jax") is keras
    with pytest.raises(ValueError, match="backend must be one of 'jax', 'torch', 'tensorflow'"):
        deep.load_keras("numpy")


def test_accelerator_notice_is_dropped_and_nothing_else(keras):
    logger = logging.getLogger("jax._src.xla_bridge")
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record.getMessage())

    handler = Keep()
    logger.addHandler(handler)
    try:
        logger.warning("An NVIDIA GPU may be present on this machine, but a CUDA-enabled ...")
        logger.warning("Something else went wrong")
    finally:
        logger.removeHandler(handler)
    assert records == ["Something else went wrong"]


# ------------------------------------------------------------------ network_input


def test_network_input_adds_the_channel_axis():
    images = np.random.default_rng(0).uniform(size=(5, 64, 44))
    x = deep.network_input(images)
    assert x.shape == (5, 64, 44, 1) and x.dtype == np.float32
    assert np.array_equal(x[..., 0], images.astype(np.float32))
    assert deep.network_input(images[0]).shape == (1, 64, 44, 1)


@pytest.mark.parametrize(
    "bad, error, words",
    [
        (np.zeros(5), ValueError, "must have shape"),
        (np.zeros((2, 3, 4, 5)), ValueError, "must have shape"),
        (np.zeros((0, 4, 4)), ValueError, "not empty"),
        (np.array([[np.nan, 1.0]]), ValueError, "NaN"),
        ("image", TypeError, "array of log-mel images"),
        (np.array([["a"]]), TypeError, "real numbers"),
    ],
)
def test_network_input_rejects_bad_input(bad, error, words):
    with pytest.raises(error, match=words):
        deep.network_input(bad)


# ------------------------------------------------------------------ conv2d and max_pool


def _loop_conv(image, kernel, bias=0.0):
    """The definition, one output cell at a time ('valid')."""
    kh, kw = kernel.shape
    out = np.zeros((image.shape[0] - kh + 1, image.shape[1] - kw + 1))
    for i in range(out.shape[0]):
        for j in range(out.shape[1]):
            out[i, j] = np.sum(image[i : i + kh, j : j + kw] * kernel) + bias
    return out


@pytest.mark.parametrize("shape, kshape", [((9, 7), (3, 3)), ((6, 11), (5, 3)), ((4, 4), (1, 1))])
def test_conv2d_matches_the_loop(shape, kshape):
    rng = np.random.default_rng(1)
    image, kernel = rng.normal(size=shape), rng.normal(size=kshape)
    assert np.allclose(
        deep.conv2d(image, kernel, bias=0.5, padding="valid"), _loop_conv(image, kernel, 0.5)
    )
    same = deep.conv2d(image, kernel, padding="same")
    padded = np.pad(image, ((kshape[0] // 2,) * 2, (kshape[1] // 2,) * 2))
    assert same.shape == image.shape and np.allclose(same, _loop_conv(padded, kernel))


@pytest.mark.parametrize("padding", ["same", "valid"])
def test_conv2d_and_max_pool_match_keras(keras, padding):
    rng = np.random.default_rng(2)
    image = rng.uniform(size=(16, 11)).astype(np.float32)
    kernel = rng.normal(size=(3, 3)).astype(np.float32)
    conv = keras.layers.Conv2D(1, 3, padding=padding)
    conv.build((None, 16, 11, 1))
    conv.set_weights([kernel.reshape(3, 3, 1, 1), np.array([0.25], dtype=np.float32)])
    x = deep.network_input(image)
    by_keras = keras.ops.convert_to_numpy(conv(x))[0, :, :, 0]
    ours = deep.conv2d(image, kernel, bias=0.25, padding=padding)
    assert np.allclose(by_keras, ours, atol=1e-5)
    pooled = keras.ops.convert_to_numpy(keras.layers.MaxPooling2D(2)(conv(x)))[0, :, :, 0]
    assert np.allclose(pooled, deep.max_pool(ours, 2), atol=1e-5)


def test_max_pool_drops_leftovers():
    image = np.arange(35.0).reshape(5, 7)
    out = deep.max_pool(image, 2)
    assert out.shape == (2, 3)
    assert np.array_equal(out, [[8, 10, 12], [22, 24, 26]])
    assert np.array_equal(deep.max_pool(image, 1), image)


def test_conv_and_pool_reject_bad_input():
    with pytest.raises(ValueError, match="kernel must have odd sizes for padding='same'"):
        deep.conv2d(np.ones((5, 5)), np.ones((2, 2)))
    with pytest.raises(ValueError, match="kernel .* is larger than the image"):
        deep.conv2d(np.ones((2, 2)), np.ones((3, 3)), padding="valid")
    with pytest.raises(ValueError, match="padding must be one of 'same', 'valid'"):
        deep.conv2d(np.ones((5, 5)), np.ones((3, 3)), padding="full")
    with pytest.raises(ValueError, match="image must be a 2-D array"):
        deep.conv2d(np.ones(5), np.ones((3, 3)))
    with pytest.raises(ValueError, match="kernel contains NaN"):
        deep.conv2d(np.ones((5, 5)), np.full((3, 3), np.nan))
    with pytest.raises(ValueError, match="size 4 is larger than the image"):
        deep.max_pool(np.ones((3, 3)), 4)
    with pytest.raises(ValueError, match="size must be >= 1"):
        deep.max_pool(np.ones((3, 3)), 0)


# ------------------------------------------------------------------ augmented_batches


def test_augmented_batches_cover_every_clip_once_per_epoch():
    n_clips = 10
    versions = np.stack(
        [np.full((n_clips, 4, 6), v) + np.arange(n_clips)[:, None, None] * 10 for v in (0.0, 1.0)]
    )
    labels = np.arange(n_clips)
    batches = deep.augmented_batches(versions, labels, batch_size=4, seed=0)
    for _ in range(3):  # three epochs
        seen, picks = [], []
        for _ in range(3):  # 4 + 4 + 2
            x, lab = next(batches)
            assert x.shape[1:] == (4, 6, 1) and x.dtype == np.float32
            seen.extend(lab.tolist())
            # every image is the version picked for its own clip (clip k holds 10k or 10k + 1)
            assert np.array_equal(x[:, 0, 0, 0] // 10, lab)
            picks.extend((x[:, 0, 0, 0] % 10).tolist())
        assert sorted(seen) == list(range(n_clips))
        assert set(picks) <= {0.0, 1.0}


def test_augmented_batches_masks_and_seed():
    versions = np.ones((1, 6, 8, 10))
    one = deep.augmented_batches(
        versions, np.zeros(6), batch_size=6, time_width=3, freq_width=2, seed=4
    )
    two = deep.augmented_batches(
        versions, np.zeros(6), batch_size=6, time_width=3, freq_width=2, seed=4
    )
    for _ in range(2):
        a, b = next(one)[0], next(two)[0]
        assert np.array_equal(a, b)
        for image in a[..., 0]:
            assert (image == 0).all(axis=0).sum() == 3 and (image == 0).all(axis=1).sum() == 2


def test_augmented_batches_reject_bad_input():
    with pytest.raises(ValueError, match="versions must have shape"):
        deep.augmented_batches(np.ones((5, 4, 6)), np.zeros(5))
    with pytest.raises(ValueError, match="labels must have one entry per clip"):
        deep.augmented_batches(np.ones((1, 5, 4, 6)), np.zeros(4))
    with pytest.raises(ValueError, match="width must be between 0 and 6 frames"):
        deep.augmented_batches(np.ones((1, 5, 4, 6)), np.zeros(5), time_width=7)
    with pytest.raises(ValueError, match="batch_size must be >= 1"):
        deep.augmented_batches(np.ones((1, 5, 4, 6)), np.zeros(5), batch_size=0)


# ------------------------------------------------------------------ occlusion_map


def test_occlusion_map_finds_the_region_a_model_uses():
    def predict(batch):  # class 1 is sure when rows 4..7, columns 6..9 are loud
        p = batch[:, 4:8, 6:10].mean(axis=(1, 2))
        return np.stack([1 - p, p], axis=1)

    image = np.ones((12, 16))
    drop, p = deep.occlusion_map(predict, image, class_index=1, patch=(4, 2))
    assert p == 1.0 and drop.shape == image.shape
    assert np.allclose(drop[4:8, 6:10], 0.5)  # each 4 x 2 patch hides half of the 4 x 4 region
    drop[4:8, 6:10] = 0
    assert not drop.any()


def test_occlusion_map_with_patches_that_do_not_divide_the_image():
    calls = []

    def predict(batch):
        calls.append(len(batch))
        return np.stack([batch.sum(axis=(1, 2)), np.zeros(len(batch))], axis=1)

    drop, p = deep.occlusion_map(predict, np.ones((5, 7)), class_index=0, patch=(2, 3))
    assert calls == [1 + 3 * 3]  # one batch: the original and 9 patches
    assert p == 35 and drop[4, 6] == 1 and drop[0, 0] == 6


def test_occlusion_map_rejects_bad_input():
    ok = lambda b: np.ones((len(b), 2)) / 2  # noqa: E731
    with pytest.raises(TypeError, match="predict must be a function"):
        deep.occlusion_map("model", np.ones((4, 4)), class_index=0)
    with pytest.raises(ValueError, match="image must be one image"):
        deep.occlusion_map(ok, np.ones((2, 4, 4)), class_index=0)
    with pytest.raises(ValueError, match="class_index must be below the number of classes"):
        deep.occlusion_map(ok, np.ones((4, 4)), class_index=2)
    with pytest.raises(ValueError, match="patch must be a pair"):
        deep.occlusion_map(ok, np.ones((4, 4)), class_index=0, patch=4)
    with pytest.raises(ValueError, match="predict must return one row of probabilities"):
        deep.occlusion_map(lambda b: np.ones(3), np.ones((4, 4)), class_index=0)


# ------------------------------------------------------------------ a tiny model


def test_a_tiny_model_builds_trains_and_reloads(keras, tmp_path):
    """The notebook's kind of network, tiny: shapes, parameter counts, training, save/load."""
    layers = keras.layers
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [
            keras.Input((16, 12, 1)),
            layers.Normalization(mean=0.5, variance=0.04),
            layers.Conv2D(4, 3, padding="same", activation="relu"),
            layers.MaxPooling2D(2),
            layers.Conv2D(6, 3, padding="valid", activation="relu"),
            layers.GlobalMaxPooling2D(),
            layers.Dense(2, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    shapes = [tuple(layer.output.shape) for layer in model.layers]
    assert shapes[1:4] == [(None, 16, 12, 4), (None, 8, 6, 4), (None, 6, 4, 6)]
    assert model.count_params() == (3 * 3 * 1 * 4 + 4) + (3 * 3 * 4 * 6 + 6) + (6 * 2 + 2)

    # two classes: a bright upper half or a bright lower half
    rng = np.random.default_rng(0)
    images = rng.uniform(0, 0.3, size=(64, 16, 12))
    labels = np.arange(64) % 2
    images[labels == 0, :8] += 0.7
    images[labels == 1, 8:] += 0.7
    batches = deep.augmented_batches(images[None], labels, batch_size=16, time_width=(0, 2), seed=0)
    with warnings.catch_warnings(record=True) as caught:  # int64 labels: no dtype warning
        warnings.simplefilter("always")
        history = model.fit(batches, steps_per_epoch=4, epochs=15, verbose=0, shuffle=False)
    assert not [w for w in caught if issubclass(w.category, UserWarning)]
    assert history.history["loss"][-1] < history.history["loss"][0]
    x = deep.network_input(images)
    assert model.evaluate(x, labels, verbose=0)[1] > 0.9

    path = tmp_path / "tiny.keras"
    model.save(path)
    loaded = keras.models.load_model(path)
    assert np.allclose(loaded.predict(x, verbose=0), model.predict(x, verbose=0), atol=1e-6)


def test_same_seed_same_training(keras):
    def run():
        keras.utils.set_random_seed(3)
        model = keras.Sequential(
            [
                keras.Input((8, 8, 1)),
                keras.layers.Conv2D(2, 3),
                keras.layers.GlobalMaxPooling2D(),
                keras.layers.Dense(2),
            ]
        )
        model.compile(optimizer="adam", loss="mse")
        x = np.random.default_rng(0).normal(size=(32, 8, 8, 1)).astype(np.float32)
        model.fit(x, np.zeros((32, 2)), batch_size=8, epochs=2, verbose=0)
        return [w.copy() for w in model.get_weights()]

    first, second = run(), run()
    assert all(np.array_equal(a, b) for a, b in zip(first, second))
