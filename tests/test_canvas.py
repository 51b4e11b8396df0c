"""helpers.canvas: the explorers' drawing layer, as data, as PNG and as what the browser gets."""

import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from helpers import canvas


def _figure(**panel_kwargs):
    x = np.linspace(0, 1, 50)
    layers = [
        canvas.line(x, np.sin(2 * np.pi * x), color="C3", label="sine", name="sine"),
        canvas.dots(x[::10], np.zeros(5), name="dots"),
        canvas.bars([0.2, 0.6], [0.5, 1.0], width=0.1, name="bars"),
        canvas.bands([0.1], [0.3], color="0.88", label="band"),
        canvas.segments([0.0], [0.5], [0.2], width=3),
        canvas.vlines([0.5]),
        canvas.hlines([0.0], dash=(4, 2)),
    ]
    return canvas.figure(
        [
            canvas.panel(
                layers,
                xlim=(0, 1),
                ylim=(-1.1, 1.1),
                title="t",
                xlabel="x",
                ylabel="y",
                legend="upper right",
                **panel_kwargs,
            )
        ],
        width=320,
        height=200,
        alt="a test figure",
    )


def test_ticks_are_round_numbers_inside_the_limits():
    assert canvas._ticks(0, 10) == [0, 2, 4, 6, 8, 10]
    assert canvas._ticks(-1.05, 1.05) == pytest.approx([-1.0, -0.5, 0.0, 0.5, 1.0])
    assert canvas._ticks(-2.2, 11.2, integer=True) == [-2, 0, 2, 4, 6, 8, 10]
    assert all(float(t).is_integer() for t in canvas._ticks(0, 3, integer=True))
    p = canvas.panel([], xlim=(0, 46.4), ylim=(-0.003, 0.003))
    assert p["xticklabels"][:3] == ["0", "10", "20"]
    assert p["yticklabels"][0].startswith("\u2212")  # a real minus sign
    assert len(set(p["yticklabels"])) == len(p["yticklabels"])  # enough decimals to differ


def test_layout_stacks_panels_inside_the_figure():
    fig = canvas.figure(
        [
            canvas.panel([], xlim=(0, 1), ylim=(0, 1), title="a", show_xticklabels=False),
            canvas.panel([], xlim=(0, 1), ylim=(0, 1), xlabel="x", weight=2),
        ],
        width=640,
        height=400,
    )
    (x0, y0, w0, h0), (x1, y1, w1, h1) = (p["rect"] for p in fig["panels"])
    assert x0 == x1 and w0 == w1 and 0 < y0 < y0 + h0 < y1 and y1 + h1 < 400
    assert h1 == pytest.approx(2 * h0)


def test_wire_copy_carries_the_same_numbers_as_float32():
    fig = _figure()
    wire = canvas.to_wire(fig)
    sent = wire["panels"][0]["layers"][0]
    assert sent["color"] == "#d62728" and sent["label"] == "sine"
    np.testing.assert_array_equal(
        np.frombuffer(sent["x"], "<f4"), canvas.find_layer(fig, "sine")["x"].astype(np.float32)
    )
    assert wire["alt"] == "a test figure" and wire["panels"][0]["rect"] == fig["panels"][0]["rect"]


def test_image_colours_are_the_colour_maps_as_matplotlib_maps_them():
    from matplotlib import colormaps
    from matplotlib.colors import Normalize

    z = np.linspace(-90, 5, 60).reshape(6, 10).astype(np.float32)
    layer = canvas.image(z, extent=(0, 1, 0, 1), vmin=-80, vmax=0, cmap="magma")
    wire = canvas._wire_layer(layer)
    index = np.frombuffer(wire["index"], np.uint8).reshape(6, 10)[::-1]  # sent top row first
    lut = np.frombuffer(wire["lut"], np.uint8).reshape(256, 3)
    expected = colormaps["magma"](Normalize(-80, 0)(z), bytes=True)[..., :3]
    np.testing.assert_array_equal(lut[index], expected)


def test_png_has_the_figure_size_and_draws_the_layers():
    png = canvas.to_png(_figure())
    image = Image.open(io.BytesIO(png))
    assert image.size == (320, 200) and image.mode == "RGB"
    pixels = np.asarray(image).reshape(-1, 3)
    assert (np.abs(pixels.astype(int) - [214, 39, 40]).sum(axis=1) < 30).any()  # C3 line drawn


def test_html_fallback_has_the_text_alternative():
    text = canvas.html_fallback(b"\x89PNG", 'a "quoted" <alt>', "caption")
    assert re.search(r'alt="a &quot;quoted&quot; &lt;alt&gt;"', text)
    assert "<figcaption>caption</figcaption>" in text


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: canvas.line([0, 1], [0, 1], color="reddish"), r"color must be .*got 'reddish'"),
        (
            lambda: canvas.image(np.zeros(3), extent=(0, 1, 0, 1), vmin=0, vmax=1),
            r"image needs a 2-D array; got shape \(3,\)",
        ),
        (lambda: canvas.find_layer(_figure(), "nothing"), r"no layer named 'nothing'"),
    ],
)
def test_bad_input_is_refused_clearly(call, message):
    with pytest.raises((ValueError, KeyError), match=message):
        call()


def test_the_browser_code_ships_in_the_package_and_fetches_nothing():
    js = Path(canvas.__file__).with_name("canvas.js").read_text()
    assert "export default" in js and "render" in js
    assert not re.search(r"https?://|\bimport\s*\(|^\s*import\s", js, re.M)
    widget = canvas.new_canvas(sound=True)
    assert widget._esm.strip().startswith("//") and "export default" in widget._esm
    assert widget.sound and not widget.live


def test_the_browser_code_is_declared_as_package_data():
    import tomllib

    pyproject = tomllib.loads((Path(canvas.__file__).parents[1] / "pyproject.toml").read_text())
    assert "canvas.js" in pyproject["tool"]["setuptools"]["package-data"]["helpers"]
