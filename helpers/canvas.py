"""The explorers' drawing layer: a figure described as data, drawn by the browser or by matplotlib.

An explorer describes its picture as a *figure*: panels (axes with limits, ticks,
labels and a title) holding *layers* (lines, dots, bars, shaded bands, horizontal
segments, vertical and horizontal rules, images), each a few numpy arrays.  The
same description is drawn two ways:

- in the browser, by the canvas widget (:func:`new_canvas`), an `anywidget <https://anywidget.dev>`_ widget
  whose JavaScript (``canvas.js``, shipped in this package: nothing is fetched from
  the network) draws the arrays, sent as binary buffers, on an HTML canvas at the
  screen's pace; it can also play a *live sound*: a loop of samples that follows
  the sliders, crossfaded so that changes do not click;
- by :func:`to_png`, with matplotlib, as a PNG: for the HTML site, for front ends
  without the widget, and for the tests.

Only drawing happens here: the numbers drawn are the numbers the explorers computed
with ``signals``, ``features`` and ``spectral``.  The layout (where each panel sits,
which ticks it has) is decided once, here in Python, so both drawings agree.
"""

from __future__ import annotations

import base64
import html
import io
import math
from pathlib import Path

import numpy as np

__all__ = [
    "line",
    "dots",
    "bars",
    "bands",
    "segments",
    "vlines",
    "hlines",
    "image",
    "panel",
    "figure",
    "find_layer",
    "to_png",
    "html_fallback",
    "new_canvas",
]

# matplotlib's default colour cycle ("tab10"), so "C0".."C9" mean what they mean there.
_CYCLE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
_NAMED = {"k": "#000000", "black": "#000000", "w": "#ffffff", "white": "#ffffff"}

# Layout, in CSS pixels (at 80 dots per inch, the PNG has the same size).
_LEFT, _RIGHT, _COLORBAR = 64, 14, 78
_TITLE, _NO_TITLE, _XLABEL, _NO_XLABEL = 24, 8, 40, 12
_LEGEND = 22  # a legend gets its own row above the axes, so it never covers the data
DPI = 80
_JS = Path(__file__).with_name("canvas.js")


def _hex(color):
    """'C3', 'k', '0.7' (grey level) or '#rrggbb' -> '#rrggbb'."""
    if isinstance(color, str):
        if color.startswith("#") and len(color) == 7:
            return color
        if len(color) == 2 and color[0] == "C" and color[1].isdigit():
            return _CYCLE[int(color[1])]
        if color in _NAMED:
            return _NAMED[color]
        try:
            level = float(color)
        except ValueError:
            pass
        else:
            v = round(255 * min(max(level, 0.0), 1.0))
            return f"#{v:02x}{v:02x}{v:02x}"
    raise ValueError(
        f"color must be 'C0'..'C9', 'k', a grey level such as '0.7' or '#rrggbb'; got {color!r}"
    )


def _arr(values):
    return np.ascontiguousarray(values, dtype=np.float64).ravel()


def _layer(kind, name, **fields):
    return {"kind": kind, "name": name, **fields}


def line(x, y, *, color="C0", width=1.5, dash=None, alpha=1.0, label=None, name=None):
    """A polyline through (x, y); NaN in either breaks it.  ``width`` in pixels, ``dash`` e.g. (5, 3)."""
    return _layer(
        "line",
        name,
        x=_arr(x),
        y=_arr(y),
        color=_hex(color),
        width=float(width),
        dash=list(dash) if dash else None,
        alpha=float(alpha),
        label=label,
    )


def dots(x, y, *, color="C0", size=5.0, label=None, name=None):
    """Filled circles of diameter ``size`` pixels at (x, y)."""
    return _layer(
        "dots", name, x=_arr(x), y=_arr(y), color=_hex(color), size=float(size), label=label
    )


def bars(x, heights, *, width, color="C0", label=None, name=None):
    """Vertical bars from 0 to ``heights``, centred on ``x``, ``width`` wide (data units)."""
    return _layer(
        "bars",
        name,
        x=_arr(x),
        y=_arr(heights),
        width=float(width),
        color=_hex(color),
        label=label,
    )


def bands(x0, x1, *, color="0.88", alpha=1.0, label=None, name=None):
    """Shaded vertical bands from ``x0[i]`` to ``x1[i]``, the panel's full height."""
    return _layer(
        "bands",
        name,
        x0=_arr(x0),
        x1=_arr(x1),
        color=_hex(color),
        alpha=float(alpha),
        label=label,
    )


def segments(x0, x1, y, *, color="C0", width=4.0, label=None, name=None):
    """Horizontal bars from (x0[i], y[i]) to (x1[i], y[i]), ``width`` pixels thick."""
    return _layer(
        "segments",
        name,
        x0=_arr(x0),
        x1=_arr(x1),
        y=_arr(y),
        color=_hex(color),
        width=float(width),
        label=label,
    )


def vlines(x, *, color="0.6", width=1.0, dash=None, label=None, name=None):
    """Vertical rules across the whole panel at each ``x``."""
    return _layer(
        "vlines",
        name,
        x=_arr(x),
        color=_hex(color),
        width=float(width),
        dash=list(dash) if dash else None,
        label=label,
    )


def hlines(y, *, color="0.6", width=1.0, dash=None, label=None, name=None):
    """Horizontal rules across the whole panel at each ``y``."""
    return _layer(
        "hlines",
        name,
        y=_arr(y),
        color=_hex(color),
        width=float(width),
        dash=list(dash) if dash else None,
        label=label,
    )


_LUTS = {}


def _lut(cmap):
    """256 RGB colours of a matplotlib colour map, as bytes (computed once per map)."""
    if cmap not in _LUTS:
        from matplotlib import colormaps

        rgb = colormaps[cmap](np.linspace(0, 1, 256))[:, :3]
        _LUTS[cmap] = (rgb * 255).astype(np.uint8).tobytes()  # as matplotlib makes bytes
    return _LUTS[cmap]


def image(z, *, extent, vmin, vmax, cmap="magma", name=None):
    """A 2-D array drawn as blocks of colour, row 0 at the bottom.

    ``extent`` is (left, right, bottom, top) in data units; values are mapped to
    ``cmap``'s 256 colours between ``vmin`` and ``vmax`` exactly as matplotlib does.
    """
    z = np.asarray(z, dtype=np.float32)
    if z.ndim != 2:
        raise ValueError(f"image needs a 2-D array; got shape {z.shape}")
    return _layer(
        "image",
        name,
        z=z,
        extent=[float(e) for e in extent],
        vmin=float(vmin),
        vmax=float(vmax),
        cmap=cmap,
    )


def _ticks(lo, hi, *, integer=False, target=6):
    """'Nice' tick values (1, 2, 2.5 or 5 times a power of ten apart) between lo and hi."""
    span = hi - lo
    if not (np.isfinite(span) and span > 0):
        return [lo]
    raw = span / target
    power = 10.0 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        step = mult * power
        if step >= raw:
            break
    if integer:
        step = max(1.0, round(step))
    first = math.ceil(lo / step - 1e-9)
    values = []
    k = first
    while k * step <= hi + step * 1e-9:
        v = k * step
        values.append(0.0 if abs(v) < step * 1e-9 else v)
        k += 1
    return values


def _label(value, values):
    """Tick label with just enough decimals to tell the ticks apart; a real minus sign."""
    step = min((abs(b - a) for a, b in zip(values, values[1:])), default=1.0) or 1.0
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if decimals and any(abs(v * 10**decimals - round(v * 10**decimals)) > 1e-6 for v in values):
        decimals += 1
    text = f"{value:.{decimals}f}"
    return text.replace("-", "\u2212")


def panel(
    layers,
    *,
    xlim,
    ylim,
    title="",
    xlabel="",
    ylabel="",
    xticks=None,
    yticks=None,
    xticklabels=None,
    yticklabels=None,
    xinteger=False,
    yinteger=False,
    show_xticklabels=True,
    legend=None,
    colorbar=None,
    weight=1.0,
):
    """One set of axes: limits, labels, ticks (chosen here unless given) and its layers.

    ``legend`` is None or "upper right" / "upper left": the layers with a ``label`` are
    listed in one row above the axes (right- or left-aligned), never over the data.  ``colorbar`` is None or a dict with ``label`` and ``ticks`` for
    the panel's image.
    """
    xlim = [float(v) for v in xlim]
    ylim = [float(v) for v in ylim]
    if xticks is None:
        xticks = _ticks(*xlim, integer=xinteger)
    if yticks is None:
        yticks = _ticks(*ylim, integer=yinteger)
    xticks = [float(v) for v in xticks if xlim[0] - 1e-9 <= v <= xlim[1] + 1e-9]
    yticks = [float(v) for v in yticks if ylim[0] - 1e-9 <= v <= ylim[1] + 1e-9]
    if xticklabels is None:
        xticklabels = [_label(v, xticks) for v in xticks]
    if yticklabels is None:
        yticklabels = [_label(v, yticks) for v in yticks]
    if not show_xticklabels:
        xticklabels = [""] * len(xticks)
    return {
        "xlim": xlim,
        "ylim": ylim,
        "title": title,
        "xlabel": xlabel,
        "ylabel": ylabel,
        "xticks": xticks,
        "yticks": yticks,
        "xticklabels": list(xticklabels),
        "yticklabels": list(yticklabels),
        "legend": legend,
        "colorbar": colorbar,
        "weight": float(weight),
        "layers": list(layers),
    }


def figure(panels, *, width=640, height=240, alt=""):
    """A figure of panels stacked top to bottom; ``alt`` says what it shows and what to notice.

    Each panel's rectangle (``rect``: left, top, width, height in pixels) is computed
    here, from the titles, axis labels and colour bars present.
    """
    panels = list(panels)
    right = _RIGHT + (_COLORBAR if any(p["colorbar"] for p in panels) else 0)
    pads = []
    for p in panels:
        top = (_TITLE if p["title"] else _NO_TITLE) + (_LEGEND if p["legend"] else 0)
        shows_x = p["xlabel"] or any(p["xticklabels"])
        pads.append((top, _XLABEL if shows_x else _NO_XLABEL))
    free = height - sum(a + b for a, b in pads)
    total = sum(p["weight"] for p in panels)
    y = 0.0
    for p, (top, bottom) in zip(panels, pads):
        h = free * p["weight"] / total
        p["rect"] = [float(_LEFT), y + top, float(width - _LEFT - right), h]
        y += top + h + bottom
    return {"width": int(width), "height": int(height), "panels": panels, "alt": alt}


def find_layer(fig, name):
    """The layer called ``name`` (first found), for tests and curious learners."""
    for p in fig["panels"]:
        for layer in p["layers"]:
            if layer.get("name") == name:
                return layer
    raise KeyError(f"no layer named {name!r}")


# ------------------------------------------------------------------ the browser's copy


def _f32(values):
    return np.ascontiguousarray(values, dtype="<f4").tobytes()


def _image_indices(layer):
    """Colour-map indices 0..255 per cell, as matplotlib computes them (Normalize, then N=256)."""
    z = layer["z"].astype(np.float64)
    span = layer["vmax"] - layer["vmin"]
    scaled = (z - layer["vmin"]) / span if span > 0 else np.zeros_like(z)
    idx = np.floor(scaled * 256)
    idx = np.clip(np.nan_to_num(idx, nan=0.0), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(idx[::-1])  # top row first, as a canvas draws


def _wire_layer(layer):
    out = {}
    for key, value in layer.items():
        if key == "z":
            continue
        out[key] = _f32(value) if isinstance(value, np.ndarray) else value
    if layer["kind"] == "image":
        rows, cols = layer["z"].shape
        out.update(
            rows=rows, cols=cols, index=_image_indices(layer).tobytes(), lut=_lut(layer["cmap"])
        )
    return out


def to_wire(fig):
    """The figure as sent to the browser: arrays as little-endian float32 bytes."""
    panels = []
    for p in fig["panels"]:
        q = {k: v for k, v in p.items() if k != "layers"}
        if p["colorbar"]:
            images = [lay for lay in p["layers"] if lay["kind"] == "image"]
            if images:
                q["colorbar"] = dict(
                    p["colorbar"],
                    vmin=images[0]["vmin"],
                    vmax=images[0]["vmax"],
                    lut=_lut(images[0]["cmap"]),
                )
        q["layers"] = [_wire_layer(lay) for lay in p["layers"]]
        panels.append(q)
    return {**{k: v for k, v in fig.items() if k != "panels"}, "panels": panels}


# ------------------------------------------------------------------ matplotlib's copy


def to_png(fig, *, dpi=DPI):
    """Draw the figure with matplotlib (Agg) and return PNG bytes (RGB)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from PIL import Image

    W, H = fig["width"], fig["height"]
    mfig = Figure(figsize=(W / dpi, H / dpi), dpi=dpi)
    px = 72.0 / dpi  # one pixel in points (line widths, marker sizes)
    for p in fig["panels"]:
        x, y, w, h = p["rect"]
        ax = mfig.add_axes((x / W, 1 - (y + h) / H, w / W, h / H))
        legend = []
        for layer in p["layers"]:
            kind, color = layer["kind"], layer.get("color")
            if kind == "line":
                (artist,) = ax.plot(
                    layer["x"],
                    layer["y"],
                    color=color,
                    lw=layer["width"] * px,
                    alpha=layer["alpha"],
                    dashes=[d for d in layer["dash"]] if layer["dash"] else (None, None),
                )
            elif kind == "dots":
                (artist,) = ax.plot(
                    layer["x"], layer["y"], "o", color=color, ms=layer["size"] * px, lw=0
                )
            elif kind == "bars":
                artist = ax.bar(layer["x"], layer["y"], width=layer["width"], color=color)
            elif kind == "bands":
                artist = None
                for a, b in zip(layer["x0"], layer["x1"]):
                    artist = ax.axvspan(a, b, color=color, alpha=layer["alpha"], lw=0, zorder=0)
            elif kind == "segments":
                pts = [((a, c), (b, c)) for a, b, c in zip(layer["x0"], layer["x1"], layer["y"])]
                artist = LineCollection(
                    pts, colors=color, linewidths=layer["width"] * px, capstyle="butt"
                )
                ax.add_collection(artist)
            elif kind in ("vlines", "hlines"):
                rule = ax.axvline if kind == "vlines" else ax.axhline
                artist = None
                for v in layer["x" if kind == "vlines" else "y"]:
                    artist = rule(
                        v,
                        color=color,
                        lw=layer["width"] * px,
                        dashes=layer["dash"] if layer["dash"] else (None, None),
                    )
            elif kind == "image":
                artist = ax.imshow(
                    layer["z"],
                    origin="lower",
                    aspect="auto",
                    cmap=layer["cmap"],
                    vmin=layer["vmin"],
                    vmax=layer["vmax"],
                    extent=layer["extent"],
                    interpolation="nearest",
                )
                if p["colorbar"]:
                    right = x + w + 14
                    cax = mfig.add_axes(((right) / W, 1 - (y + h) / H, 12 / W, h / H))
                    mfig.colorbar(
                        artist,
                        cax=cax,
                        label=p["colorbar"].get("label", ""),
                        ticks=p["colorbar"].get("ticks"),
                        format="%+.0f",
                    )
            else:  # pragma: no cover - every kind above is drawn
                raise ValueError(f"unknown layer kind {kind!r}")
            if layer.get("label") and artist is not None:
                legend.append((artist, layer["label"]))
        ax.set_xlim(*p["xlim"])
        ax.set_ylim(*p["ylim"])
        ax.set_xticks(p["xticks"], p["xticklabels"])
        ax.set_yticks(p["yticks"], p["yticklabels"])
        ax.tick_params(labelsize=8.5)
        ax.set_xlabel(p["xlabel"], fontsize=9)
        ax.set_ylabel(p["ylabel"], fontsize=9)
        ax.set_title(p["title"], fontsize=9.5, pad=6 + (_LEGEND if p["legend"] else 0) * px)
        if p["legend"] and legend:
            right = "right" in p["legend"]
            ax.legend(
                [a for a, _ in legend],
                [t for _, t in legend],
                loc="lower right" if right else "lower left",
                bbox_to_anchor=(1.0 if right else 0.0, 1.0),
                borderaxespad=0.2,
                fontsize=8,
                ncols=len(legend),
                frameon=False,
            )
    agg = FigureCanvasAgg(mfig)
    agg.draw()
    buf = io.BytesIO()
    Image.fromarray(np.asarray(agg.buffer_rgba())[..., :3]).save(
        buf, format="png", compress_level=3
    )
    return buf.getvalue()


def html_fallback(png, alt, caption=""):
    """An ``<img>`` of the PNG with its text alternative, and an optional caption (HTML)."""
    src = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    text = f'<img src="{src}" alt="{html.escape(alt, quote=True)}" style="max-width:100%">'
    if caption:
        text = f"<figure style='margin:0'>{text}<figcaption>{caption}</figcaption></figure>"
    return text


# ------------------------------------------------------------------ the widget


_CANVAS_CLASS = None


def new_canvas(**traits):
    """A :class:`Canvas` widget (the class is defined on first use: anywidget loads only then)."""
    global _CANVAS_CLASS
    if _CANVAS_CLASS is None:
        _CANVAS_CLASS = _define_canvas()
    return _CANVAS_CLASS(**traits)


def _define_canvas():
    import anywidget
    import traitlets

    class Canvas(anywidget.AnyWidget):
        """Draws a figure description on an HTML canvas; optionally plays a live sound loop.

        Traits: ``figure`` (the description, arrays as bytes), ``sound`` (whether the
        live-sound button is offered), ``live`` (set by that button: the loop plays),
        ``loop`` (``{"sr", "samples", "id"}``: float32 samples that repeat seamlessly).
        The browser counts the figures it has drawn in the canvas's ``data-frame``
        attribute and puts the figure's ``alt`` text in its ``aria-label``.
        """

        _esm = _JS
        _css = _CSS
        figure = traitlets.Dict().tag(sync=True)
        sound = traitlets.Bool(False).tag(sync=True)
        live = traitlets.Bool(False).tag(sync=True)
        loop = traitlets.Dict().tag(sync=True)

    return Canvas


_CSS = """
.course-canvas-wrap { display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
.course-canvas { max-width: 100%; height: auto; }
.course-live { font: inherit; padding: 2px 10px; cursor: pointer; }
.course-live[aria-pressed="true"] { background: #1f5f9f; color: white; }
.course-live:focus-visible { outline: 2px solid #1f5f9f; outline-offset: 2px; }
"""
