"""Drawing: waveforms, feature curves, spectra and spectrograms.

Every function takes an optional matplotlib ``ax`` (a new figure is made if it
is None), labels its axes with units and returns the ``ax``.  Nothing here
computes features: pass in what ``helpers.features`` or ``helpers.spectral``
computed.  Colour maps (magma, viridis) read in greyscale and for colour-blind
readers.

``show(fig, alt=...)`` displays a finished figure with a text alternative (what
it shows and what to notice) that screen readers, JupyterLab and the course's
static site (``make html``) all carry.
"""

from __future__ import annotations

import re

import numpy as np

from . import _validate

__all__ = [
    "waveform",
    "features_over_waveform",
    "spectrum",
    "spectrogram",
    "new_axes",
    "show",
    "check_alt",
]

# Longer signals are drawn as the minimum and maximum of _MAX_POINTS // 2 stretches:
# 3000 stretches still give every pixel column its own minimum and maximum in a figure
# up to 3000 pixels wide (30 inches at 100 dpi); more points would only slow the drawing
# (measurements in benchmarks/README.md).
_MAX_POINTS = 6000


def new_axes(ax=None, *, figsize=(8, 3)):
    """Return ``ax``, or the axes of a new figure of ``figsize`` inches if ``ax`` is None.

    ``ax`` must be one matplotlib Axes: a clear ``TypeError`` says so when it is an
    array of them (``plt.subplots(2)``'s second value) or a Figure.
    """
    if _validate.axes(ax) is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _color(color, name="color"):
    from matplotlib.colors import is_color_like

    if not is_color_like(color):
        raise ValueError(
            f"{name} must be a matplotlib colour such as 'C0', 'red', '#1f77b4' or '0.7' "
            f"(a grey level); got {_validate._show(color)}"
        )
    return color


# Text alternatives that describe nothing: the stand-ins that tools write when an image
# has none (nbconvert's sentence, matplotlib's repr) and the words people type to fill the
# field.  Compared in lower case, without surrounding punctuation.
_PLACEHOLDER_ALTS = {
    "no description has been provided for this image",
    "image",
    "figure",
    "plot",
    "graph",
    "chart",
    "picture",
    "alt",
    "alt text",
    "description",
    "placeholder",
    "todo",
    "tbd",
    "fixme",
    "xxx",
    "none",
    "output",
}
_PLACEHOLDER_PATTERNS = (
    re.compile(r"<figure size .*>"),  # matplotlib's repr: <Figure size 800x300 with 1 Axes>
    re.compile(r"(figure|image|plot|fig|img)[\s_-]*\d*"),
    re.compile(r"[\W_]*"),  # only punctuation
)
_MIN_ALT_WORDS = 4
_FILE_BACKENDS = {"agg", "cairo", "pdf", "pgf", "ps", "svg", "template"}


def check_alt(alt, name="alt"):
    """Return a figure's text alternative, tidied, or raise if it describes nothing.

    A text alternative says what a figure shows and what to notice, for a reader
    who cannot see it.  Refused: anything that is not a string, empty text, the
    stand-ins tools write when there is none (nbconvert's "No description has
    been provided for this image", ``<Figure size ... with 1 Axes>``), words
    such as "figure", "plot" or "TODO", and anything shorter than four words.

    Parameters
    ----------
    alt : str
        The text alternative.
    name : str
        Parameter name used in the error message.

    Returns
    -------
    str
        ``alt`` with runs of whitespace collapsed to single spaces.

    Examples
    --------
    >>> check_alt("A sine wave:   amplitude 1, two full cycles in 10 ms.")
    'A sine wave: amplitude 1, two full cycles in 10 ms.'
    >>> check_alt("Figure 1")
    Traceback (most recent call last):
    ...
    ValueError: alt must describe the figure (what it shows and what to notice); got 'Figure 1', which is a placeholder

    Taught in: notebooks/00_start_here.ipynb
    """
    wanted = "what it shows and what to notice"
    if not isinstance(alt, str):
        raise TypeError(
            f"{name} must be a sentence saying {wanted}; got {_validate._show(alt)} "
            f"of type {type(alt).__name__}"
        )
    text = " ".join(alt.split())
    if not text:
        raise ValueError(f"{name} must describe the figure ({wanted}); got an empty text")
    bare = text.lower().strip(" .:;!?'\"")
    if bare in _PLACEHOLDER_ALTS or any(p.fullmatch(bare) for p in _PLACEHOLDER_PATTERNS):
        raise ValueError(
            f"{name} must describe the figure ({wanted}); got {text!r}, which is a placeholder"
        )
    if len(text.split()) < _MIN_ALT_WORDS:
        raise ValueError(
            f"{name} must describe the figure ({wanted}) in at least {_MIN_ALT_WORDS} words; "
            f"got {text!r}"
        )
    return text


def show(fig=None, *, alt):
    """Display a figure with a text alternative, then close it.

    Use it instead of ``plt.show()``.  The figure is shown as a PNG whose
    output carries ``alt`` three ways: as the image's ``alt`` metadata (which
    nbconvert, and so ``make html``, writes into the ``<img alt>``), as an HTML
    ``<img>`` with that ``alt`` (what JupyterLab shows, so a screen reader there
    reads it too) and as the plain-text version of the output.  The figure is
    then closed, so the notebook does not draw it a second time.

    Parameters
    ----------
    fig : matplotlib Figure or Axes, optional
        The figure to show (an Axes stands for its figure); by default pyplot's
        current figure.
    alt : str, keyword-only
        What the figure shows and what to notice, in a sentence or two, for a
        reader who cannot see it (see :func:`check_alt` for what is refused).

    Returns
    -------
    None

    Examples
    --------
    >>> from helpers.signals import sine
    >>> ax = waveform(sine(5, 1.0, sr=1000), sr=1000, title="A 5 Hz sine")
    >>> show(ax, alt="A 5 Hz sine over one second: five identical cycles between -1 and 1.")
    >>> import matplotlib.pyplot as plt
    >>> plt.fignum_exists(ax.figure.number)  # closed once shown
    False

    Taught in: notebooks/00_start_here.ipynb
    """
    import base64
    import html

    import matplotlib.pyplot as plt
    from IPython import get_ipython
    from IPython.core.pylabtools import print_figure
    from IPython.display import display
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    text = check_alt(alt)
    if fig is None:
        if not plt.get_fignums():
            raise ValueError("show() found no open figure: draw one first, or pass fig")
        fig = plt.gcf()
    elif isinstance(fig, Axes):
        fig = fig.figure
    if not isinstance(fig, Figure):
        raise TypeError(
            f"fig must be a matplotlib Figure or Axes (or None for the current figure); "
            f"got {_validate._show(fig)} of type {type(fig).__name__}"
        )
    if get_ipython() is None:
        # A script or a doctest: no notebook to show the figure in.  An interactive
        # backend still opens its window; Agg and the other file backends draw nothing.
        if plt.get_backend().lower() not in _FILE_BACKENDS:
            plt.show()
    else:
        png = print_figure(fig, fmt="png", bbox_inches="tight")  # as the inline backend draws
        b64 = base64.b64encode(png).decode("ascii")
        data = {
            "image/png": b64,
            "text/html": f'<img src="data:image/png;base64,{b64}" alt="{html.escape(text)}">',
            "text/plain": text,
        }
        display(data, raw=True, metadata={"image/png": {"alt": text}})
    plt.close(fig)


def _envelope_points(y, sr, offset):
    """Times and values to draw; long signals are reduced to per-bin min and max."""
    n = len(y)
    if n <= _MAX_POINTS:
        return offset + np.arange(n) / sr, y
    per = int(np.ceil(n / (_MAX_POINTS // 2)))
    n_bins = n // per
    body = y[: n_bins * per].reshape(n_bins, per)
    lo, hi = body.min(axis=1), body.max(axis=1)
    values = np.empty(2 * n_bins, dtype=y.dtype)
    values[0::2], values[1::2] = lo, hi
    times = offset + (np.repeat(np.arange(n_bins), 2) * per + per / 2) / sr
    return times, values


def waveform(y, *, sr, ax=None, title=None, offset=0.0, color="C0", label=None, **kwargs):
    """Draw a waveform: amplitude against time in seconds.

    Long signals are drawn from per-pixel minima and maxima, so the picture
    is faithful and fast even for minutes of audio.

    Parameters
    ----------
    y : array_like
        Mono samples.
    sr : float, keyword-only
        Sample rate in Hz.
    ax : matplotlib Axes, keyword-only
        Where to draw; a new figure if None.
    title : str, keyword-only
        Axes title.
    offset : float, keyword-only
        Time in seconds of the first sample.
    color, label, **kwargs
        Passed to ``ax.plot`` (or, for signals longer than 6000 samples, which are
        drawn as a filled band from per-pixel minima and maxima, to
        ``ax.fill_between``).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from helpers.signals import sine
    >>> ax = waveform(sine(5, 1.0, sr=1000), sr=1000, title="A 5 Hz sine")
    >>> ax.get_xlabel()
    'Time (s)'
    """
    y = _validate.signal(y, audio=False)
    sr = _validate.sample_rate(sr)
    offset = _validate.number(offset, "offset")
    _color(color)
    ax = new_axes(ax)
    t, v = _envelope_points(y, sr, offset)
    lw = kwargs.pop("lw", kwargs.pop("linewidth", 0.8))
    if len(v) < len(y):
        # A long signal is drawn as the band between each stretch's minimum and maximum:
        # one filled outline looks the same as thousands of vertical zigzags and draws
        # several times faster.  Its edge keeps silent stretches visible as a thin line.
        kwargs.setdefault("zorder", 2)  # where a line would be: above shading, below curves
        ax.fill_between(
            t[0::2],
            v[0::2],
            v[1::2],
            color=color,
            edgecolor=color,
            linewidth=lw,
            label=label,
            **kwargs,
        )
    else:
        ax.plot(t, v, color=color, label=label, lw=lw, **kwargs)
    ax.set_xlabel("Time (s)")
    ax.set_ylabel("Amplitude")
    ax.set_xlim(offset, offset + len(y) / sr)
    if title:
        ax.set_title(title)
    return ax


def features_over_waveform(y, *, sr, features, hop_length, ax=None, title=None, frame_times=None):
    """Draw frame-wise feature curves on top of a (faded) waveform.

    Parameters
    ----------
    y : array_like
        Mono samples.
    sr : float, keyword-only
        Sample rate in Hz.
    features : dict of str to array_like
        Curve label -> one value per frame, e.g. ``{"RMS": rms(y)}``.
    hop_length : int, keyword-only
        Samples between frames; frame ``i`` is drawn at ``i * hop_length / sr``
        (the frame centre for ``center=True`` features).
    frame_times : array_like, keyword-only
        Override the frame times (seconds), e.g. for ``center=False`` frames.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> from helpers.signals import sine
    >>> from helpers.features import rms
    >>> y = sine(220, 1.0, amplitude=0.5)
    >>> ax = features_over_waveform(y, sr=22050, features={"RMS": rms(y)}, hop_length=512)
    >>> ax.get_legend() is not None
    True
    """
    from collections.abc import Mapping

    y = _validate.signal(y, audio=False)
    sr = _validate.sample_rate(sr)
    hop_length = _validate.whole(hop_length, "hop_length")
    if not isinstance(features, Mapping) or not features:
        raise TypeError(
            f"features must be a dict from a curve's label to its values, e.g. "
            f'{{"RMS": rms(y)}}; got {_validate._show(features)}'
        )
    curves = {
        name: _validate.signal(v, f"features[{name!r}]", audio=False)
        for name, v in features.items()
    }
    if frame_times is not None:
        frame_times = _validate.signal(frame_times, "frame_times", audio=False)
    most = 1 + len(y) // hop_length  # frames of a centred feature; fewer without centring
    for name, values in curves.items():
        if frame_times is not None and len(frame_times) != len(values):
            raise ValueError(
                f"frame_times has {len(frame_times)} values but features[{name!r}] has "
                f"{len(values)}: give one time per frame"
            )
        if frame_times is None and len(values) > most:
            raise ValueError(
                f"features[{name!r}] has {len(values)} values, but {len(y)} samples with "
                f"hop_length={hop_length} make at most {most} frames: pass the hop_length "
                f"the feature was computed with (and the same y)"
            )
    ax = waveform(y, sr=sr, ax=ax, title=title, color="0.7", label="waveform")
    for i, (name, values) in enumerate(curves.items(), start=1):
        t = (np.arange(len(values)) * hop_length / sr) if frame_times is None else frame_times
        ax.plot(t, values, color=f"C{i}", lw=1.8, label=name)
    ax.legend(loc="upper right", fontsize="small")
    return ax


def spectrum(freqs, mags, *, ax=None, title=None, db=False, log_freq=False, **kwargs):
    """Draw a magnitude spectrum: amplitude against frequency in Hz.

    Parameters
    ----------
    freqs, mags : array_like
        Frequencies in Hz and their magnitudes, e.g. from
        ``helpers.spectral.magnitude_spectrum``.
    db : bool, keyword-only
        Draw ``20 * log10(mags)`` (dB relative to 1.0) instead of the linear value.
    log_freq : bool, keyword-only
        Logarithmic frequency axis (as we hear pitch).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> ax = spectrum(np.array([0.0, 100.0, 200.0]), np.array([0.0, 1.0, 0.5]))
    >>> ax.get_xlabel()
    'Frequency (Hz)'
    """
    freqs = _validate.signal(freqs, "freqs", audio=False)
    mags = _validate.signal(mags, "mags", audio=False)
    if len(freqs) != len(mags):
        raise ValueError(
            f"freqs and mags must have the same length; got {len(freqs)} and {len(mags)}"
        )
    db = _validate.flag(db, "db")
    log_freq = _validate.flag(log_freq, "log_freq")
    if log_freq and freqs[-1] <= 20:
        raise ValueError(
            f"log_freq=True draws from 20 Hz up, but freqs stop at {freqs[-1]:g} Hz; "
            f"use log_freq=False"
        )
    ax = new_axes(ax)
    values = 20 * np.log10(np.maximum(mags, 1e-10)) if db else mags
    kwargs.setdefault("lw", 0.9)
    ax.plot(freqs, values, **kwargs)
    ax.set_xlabel("Frequency (Hz)")
    ax.set_ylabel("Magnitude (dB)" if db else "Magnitude")
    if log_freq:
        ax.set_xscale("log")
        ax.set_xlim(max(freqs[1] if len(freqs) > 1 else 1.0, 20.0), freqs[-1])
    else:
        ax.set_xlim(freqs[0], freqs[-1])
    if title:
        ax.set_title(title)
    return ax


def spectrogram(
    S_db,
    *,
    sr,
    hop_length,
    y_axis="linear",
    ax=None,
    title=None,
    fmax=None,
    colorbar=True,
    cmap="magma",
    unit="dB",
):
    """Draw a spectrogram image: time in seconds across, frequency up.

    Parameters
    ----------
    S_db : array_like, shape (n_bins, n_frames)
        Values to draw, usually in decibels.  Rows are linear FFT bins
        (``y_axis`` "linear" or "log") or mel bands (``y_axis="mel"``).
    sr : float, keyword-only
        Sample rate in Hz.
    hop_length : int, keyword-only
        Samples between frames.
    y_axis : {"linear", "log", "mel"}, keyword-only
        Frequency axis.  "log" spaces octaves equally; "mel" expects mel-band
        rows (spanning 0 to ``fmax``) and labels them in Hz.
    fmax : float, keyword-only
        Highest frequency of the mel bands (default ``sr / 2``).
    colorbar : bool, keyword-only
        Add a colour bar labelled with ``unit``.
    cmap : str, keyword-only
        Colour map.
    unit : str, keyword-only
        Label of the colour bar.  Say what 0 dB is, e.g. ``"dB (0 = loudest)"``
        for ``ref=np.max``; a label starting with "dB" gets signed ticks (+0, -20).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> ax = spectrogram(np.zeros((1025, 10)), sr=22050, hop_length=512)
    >>> ax.get_ylabel()
    'Frequency (Hz)'
    """
    from .spectral import hz_to_mel

    S_db = _image(S_db)
    sr = _validate.sample_rate(sr)
    hop_length = _validate.whole(hop_length, "hop_length")
    _validate.choice(y_axis, "y_axis", ("linear", "log", "mel"))
    if fmax is not None:
        if y_axis != "mel":
            raise ValueError(
                f"fmax is the top of the mel bands and only applies with y_axis='mel'; "
                f"got fmax={_validate._show(fmax)} with y_axis={y_axis!r}. To show less of "
                f"a linear axis, call ax.set_ylim(0, fmax) afterwards."
            )
        fmax = _validate.number(fmax, "fmax", minimum=0, strict_min=True, maximum=sr / 2)
    colorbar = _validate.flag(colorbar, "colorbar")
    _colormap(cmap)
    ax = new_axes(ax)
    n_bins, n_frames = S_db.shape
    hop_s = hop_length / sr
    t_lo, t_hi = -0.5 * hop_s, (n_frames - 0.5) * hop_s
    if y_axis == "log":
        # A log axis bends the rows, so each cell is drawn as its own quadrilateral.
        bin_hz = sr / (2 * (n_bins - 1)) if n_bins > 1 else sr / 2
        f_edges = (np.arange(n_bins + 1) - 0.5) * bin_hz
        f_edges[0] = 0.0
        mesh = ax.pcolormesh(
            np.linspace(t_lo, t_hi, n_frames + 1),
            f_edges,
            S_db,
            cmap=cmap,
            shading="flat",
            rasterized=True,
        )
        ax.set_yscale("symlog", linthresh=64, base=2)
        ax.yaxis.set_major_formatter(_hz_formatter())
        ax.set_ylim(0, f_edges[-1])
    else:
        # On a linear (or mel) axis every cell has the same size, so the whole array is
        # one image: several times faster to draw than a mesh of cells.
        if y_axis == "mel":
            top = sr / 2 if fmax is None else fmax
            y_lo, y_hi = 0.0, float(hz_to_mel(top))  # the bands share 0 to mel(top) equally
        else:
            bin_hz = sr / (2 * (n_bins - 1)) if n_bins > 1 else sr / 2
            y_lo, y_hi = -0.5 * bin_hz, (n_bins - 0.5) * bin_hz  # bin k centred on k * bin_hz
        # "nearest" keeps every frame and band a sharp-edged block, as a mesh of cells
        # would draw them, also when a learner zooms in with set_xlim / set_ylim.
        mesh = ax.imshow(
            S_db,
            origin="lower",
            aspect="auto",
            cmap=cmap,
            extent=(t_lo, t_hi, y_lo, y_hi),
            interpolation="nearest",
        )
        if y_axis == "mel":
            ticks_hz = [f for f in (0, 250, 500, 1000, 2000, 4000, 8000, 16000) if f <= top]
            ax.set_yticks(hz_to_mel(np.array(ticks_hz, dtype=float)))
            ax.set_yticklabels([f"{f:g}" for f in ticks_hz])
        ax.set_ylim(max(y_lo, 0.0), y_hi)
    ax.set_xlabel("Time (s)")
    ax.set_ylabel("Frequency (Hz)")
    if title:
        ax.set_title(title)
    if colorbar:
        ax.figure.colorbar(
            mesh, ax=ax, label=unit, format="%+.0f" if str(unit).startswith("dB") else None
        )
    return ax


def _colormap(cmap):
    import matplotlib

    if isinstance(cmap, matplotlib.colors.Colormap):
        return cmap
    if not isinstance(cmap, str) or cmap not in matplotlib.colormaps:
        raise ValueError(
            f"cmap must be the name of a matplotlib colour map, e.g. 'magma', 'viridis' or "
            f"'cividis' (they read in greyscale too); got {_validate._show(cmap)}"
        )
    return cmap


def _image(S_db):
    """``S_db`` as a finite, non-empty 2-D float array, or a clear error."""
    if S_db is None or isinstance(S_db, (str, bytes)):
        raise TypeError(f"S_db must be a 2-D array of numbers; got {_validate._show(S_db)}")
    try:
        arr = np.asarray(S_db)
    except Exception as exc:  # ragged lists and the like
        raise TypeError(
            f"S_db must be a 2-D array of numbers; got {_validate._show(S_db)}"
        ) from exc
    if arr.dtype.kind == "c":
        raise TypeError(
            "S_db is complex (an STFT?): draw its magnitude in decibels, "
            "amplitude_to_db(np.abs(D), ref=np.max)"
        )
    if arr.dtype.kind not in "iuf":
        raise TypeError(f"S_db must be an array of real numbers; got dtype {arr.dtype}")
    if arr.ndim != 2:
        raise ValueError(f"S_db must be 2-D (frequency bins x frames); got shape {arr.shape}")
    if arr.size == 0:
        raise ValueError(f"S_db is empty (shape {arr.shape}): nothing to draw")
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            "S_db contains NaN or infinite values (20 * log10(0) is -inf): convert with "
            "amplitude_to_db or power_to_db, which keep a floor instead"
        )
    return arr.astype(float)


def _hz_formatter():
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda v, _pos: f"{v:g}")
