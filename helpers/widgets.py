"""Interactive explorers: sliders wired to ``signals``, ``plotting`` and ``audio``.

Each function returns an :class:`Explorer`, an ipywidgets box holding the
sliders, a figure (a PNG image widget, so it looks the same in every
front end), a sound player and a line of numbers.  Moving a slider recomputes
the sound, redraws the figure in place and updates the numbers.  Explorers
also work without a browser: set ``explorer.controls["freq"].value`` and read
``explorer.state``, ``explorer.image.value`` or ``explorer.audio.value``, which
is how the tests check them.
"""

from __future__ import annotations

import io

import numpy as np

from . import signals
from .audio import to_wav_bytes

__all__ = [
    "Explorer",
    "sine_explorer",
    "superposition_explorer",
    "aliasing_explorer",
    "bit_depth_explorer",
    "adsr_designer",
    "harmonics_mixer",
    "framing_explorer",
    "probe_explorer",
    "window_explorer",
    "spectrogram_explorer",
    "spectral_feature_explorer",
    "recorder",
]

_SR = 22050
_STYLE = {"description_width": "150px"}
_LAYOUT = {"width": "480px"}


def _figure(nrows=1, *, height=3.0, width=8.0):
    """A matplotlib figure that is not tied to pyplot (so it never shows twice)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(nrows, 1, squeeze=False)[:, 0]
    return fig, list(axes)


def _fade(y, sr, seconds=0.01):
    """Short fade in and out so a tone does not click when it starts and stops."""
    n = min(int(seconds * sr), len(y) // 2)
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n)
        y = y.copy()
        y[:n] *= ramp
        y[-n:] *= ramp[::-1]
    return y


def _slider(kind, description, value, minimum, maximum, step, *, readout_format=None, **kwargs):
    import ipywidgets as widgets

    cls = {"float": widgets.FloatSlider, "int": widgets.IntSlider, "log": widgets.FloatLogSlider}[
        kind
    ]
    options = dict(
        value=value,
        min=minimum,
        max=maximum,
        step=step,
        description=description,
        style=_STYLE,
        layout=_LAYOUT,
        continuous_update=True,
        **kwargs,
    )
    if readout_format:
        options["readout_format"] = readout_format
    return cls(**options)


class Explorer:
    """Sliders, a figure, a sound and a readout, kept in step.

    Parameters
    ----------
    title : str
        Heading shown above the sliders.
    controls : dict of str to ipywidgets.ValueWidget
        The sliders (or other controls); their ``value`` s are passed to ``render``.
    render : callable
        ``render(values) -> dict`` with keys ``"y"`` and ``"sr"`` (the sound),
        optionally ``"normalize"`` (bool) and ``"readout"`` (HTML text).  It
        updates the figure's artists itself.
    fig : matplotlib.figure.Figure
        The figure ``render`` draws on.

    Attributes
    ----------
    widget : ipywidgets.VBox
        What a notebook displays (an Explorer displays as this widget).
    controls, image, audio, readout, fig, state
        The parts, for tests and curious learners.
    """

    def __init__(self, title, controls, render, fig, *, dpi=80):
        import ipywidgets as widgets

        self.controls = dict(controls)
        self.fig = fig
        self.dpi = dpi
        self._render = render
        self.state = {}
        self.updates = 0
        self.image = widgets.Image(format="png", layout={"max_width": "100%"})
        self.audio = widgets.Audio(format="wav", autoplay=False, loop=False)
        self.readout = widgets.HTML()
        header = widgets.HTML(f"<b>{title}</b>")
        self.widget = widgets.VBox(
            [header, *self.controls.values(), self.readout, self.image, self.audio]
        )
        for control in self.controls.values():
            control.observe(self.update, names="value")
        self.update()

    def values(self):
        """Current control values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, change=None):
        """Recompute sound, figure and readout from the current control values."""
        result = self._render(self.values())
        self.state = result
        self.readout.value = result.get("readout", "")
        self.audio.value = to_wav_bytes(
            result["y"], result["sr"], normalize=bool(result.get("normalize", False))
        )
        self.image.value = self._png()
        self.updates += 1

    def _png(self):
        """The figure as PNG bytes, drawn on one Agg canvas kept for the explorer's life.

        Running the figure's layout engine (constrained layout) on every slider move
        doubles the time of a redraw, so the layout is kept from one drawing to the next
        and redone only when the tick labels change width (a new y range, say), which
        could otherwise push an axis label off the picture.  The PNG is RGB with light
        compression: smaller and quicker to write than savefig's RGBA.
        """
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        canvas = getattr(self, "_canvas", None)
        if canvas is None:
            self.fig.set_dpi(self.dpi)
            canvas = self._canvas = FigureCanvasAgg(self.fig)
            self._layout_engine = self.fig.get_layout_engine()
            self._laid_out_for = None
        engine, before = self._layout_engine, self._laid_out_for
        now = None if engine is None else self._tick_label_widths()
        if engine is not None and (
            before is None or len(now) != len(before) or any(n > b for n, b in zip(now, before))
        ):
            # First drawing, or a label grew (computing ticks does not need a drawing).
            self.fig.set_layout_engine(engine)
            canvas.draw()
            self.fig.set_layout_engine(None)
            self._laid_out_for = self._tick_label_widths()
        else:
            canvas.draw()  # with the kept layout
        buf = io.BytesIO()
        Image.fromarray(np.asarray(canvas.buffer_rgba())[..., :3]).save(
            buf, format="png", compress_level=3
        )
        return buf.getvalue()

    def _tick_label_widths(self):
        """What sets the layout's margins, per axes: longest y tick label, offset texts shown.

        Computing the tick labels updates the formatters' offsets; nothing is drawn.
        """
        widths = []
        for ax in self.fig.axes:
            widths.append(max((len(t.get_text()) for t in ax.get_yticklabels()), default=0))
            ax.get_xticklabels()
            widths += [bool(axis.major.formatter.get_offset()) for axis in (ax.xaxis, ax.yaxis)]
        return tuple(widths)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)

    def _ipython_display_(self):
        from IPython.display import display

        display(self.widget)


def sine_explorer(*, freq=220.0, amplitude=0.5, phase=0.0, sr=_SR):
    """Explore frequency, amplitude and phase of a sine wave.

    The plot shows the first 10 ms; the sound is 1 s long and is played at its
    true level (not normalised), so the amplitude slider changes the loudness.

    Examples
    --------
    >>> ex = sine_explorer()
    >>> ex.controls["freq"].value = 440
    >>> round(ex.state["period_ms"], 3)
    2.273

    Taught in: notebooks/01_sound_waves.ipynb
    """
    fig, (ax,) = _figure(height=2.8)
    t_ms = np.linspace(0, 10, 2000)
    (line,) = ax.plot(t_ms, np.zeros_like(t_ms), lw=1.5)
    ax.axhline(0, color="0.7", lw=0.8)
    ax.set(
        xlim=(0, 10),
        ylim=(-1.05, 1.05),
        xlabel="Time (ms)",
        ylabel="Amplitude",
        title="The first 10 ms of the sine",
    )
    controls = {
        "freq": _slider(
            "log",
            "frequency (Hz)",
            freq,
            np.log10(50),
            np.log10(2000),
            0.01,
            base=10,
            readout_format=".0f",
        ),
        "amplitude": _slider("float", "amplitude", amplitude, 0.0, 1.0, 0.01),
        "phase": _slider(
            "float", "phase (radians)", phase, 0.0, 2 * np.pi, 0.05, readout_format=".2f"
        ),
    }

    def render(v):
        line.set_ydata(v["amplitude"] * np.sin(2 * np.pi * v["freq"] * t_ms / 1000 + v["phase"]))
        y = _fade(
            signals.sine(v["freq"], 1.0, sr=sr, amplitude=v["amplitude"], phase=v["phase"]), sr
        )
        period_ms = 1000.0 / v["freq"]
        level = 20 * np.log10(v["amplitude"]) if v["amplitude"] > 0 else -np.inf
        readout = (
            f"period T = 1/f = <b>{period_ms:.2f} ms</b> &nbsp; "
            f"({v['freq'] * 0.01:.1f} periods in the 10 ms shown) &nbsp; "
            f"peak level = <b>{level:.1f} dBFS</b>"
        )
        return {"y": y, "sr": sr, "readout": readout, "period_ms": period_ms}

    return Explorer("Sine explorer", controls, render, fig)


def superposition_explorer(*, partials=((220.0, 0.5), (330.0, 0.3), (440.0, 0.0)), sr=_SR):
    """Add up to three sines and see and hear their sum.

    Parameters
    ----------
    partials : sequence of (frequency in Hz, amplitude), keyword-only
        Starting values of the three components.

    Examples
    --------
    >>> ex = superposition_explorer()
    >>> ex.controls["amp3"].value = 0.2
    >>> round(float(ex.state["peak"]), 2) > 0
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    partials = list(partials)
    if len(partials) != 3:
        raise ValueError(f"partials must hold 3 (frequency, amplitude) pairs; got {len(partials)}")
    fig, (ax,) = _figure(height=3.0)
    t_ms = np.linspace(0, 20, 2000)
    parts = [
        ax.plot(t_ms, np.zeros_like(t_ms), lw=0.8, alpha=0.6, label=f"sine {i + 1}")[0]
        for i in range(3)
    ]
    (total,) = ax.plot(t_ms, np.zeros_like(t_ms), lw=2.0, color="k", label="sum")
    ax.set(
        xlim=(0, 20),
        ylim=(-1.6, 1.6),
        xlabel="Time (ms)",
        ylabel="Amplitude",
        title="Each sine (thin) and their sum (thick): the first 20 ms",
    )
    ax.legend(loc="upper right", fontsize="small", ncols=4)
    controls = {}
    for i, (f, a) in enumerate(partials, start=1):
        controls[f"freq{i}"] = _slider("float", f"sine {i} frequency (Hz)", f, 50.0, 2000.0, 1.0)
        controls[f"amp{i}"] = _slider("float", f"sine {i} amplitude", a, 0.0, 0.5, 0.01)

    def render(v):
        t = t_ms / 1000
        acc = np.zeros_like(t)
        y = np.zeros(sr)
        for i, line in enumerate(parts, start=1):
            f, a = v[f"freq{i}"], v[f"amp{i}"]
            comp = a * np.sin(2 * np.pi * f * t)
            line.set_ydata(comp)
            acc += comp
            y += signals.sine(f, 1.0, sr=sr, amplitude=a)
        total.set_ydata(acc)
        peak = float(np.abs(y).max())
        terms = " + ".join(
            f"{v[f'amp{i}']:.2f}&middot;sin(2&pi;&middot;{v[f'freq{i}']:.0f}&middot;t)"
            for i in (1, 2, 3)
        )
        readout = (
            f"y(t) = {terms}<br>peak of the sum = <b>{peak:.2f}</b> "
            f"(at most the sum of the amplitudes, "
            f"{sum(v[f'amp{i}'] for i in (1, 2, 3)):.2f})"
        )
        if peak > 1.0:  # beyond full scale: play it scaled down rather than fail
            readout += "; above 1, so the sound is scaled down to play without clipping"
        return {
            "y": _fade(y, sr),
            "sr": sr,
            "readout": readout,
            "peak": peak,
            "normalize": peak > 1.0,
        }

    return Explorer("Superposition: adding sines", controls, render, fig)


def aliasing_explorer(*, freq=15000.0, sr=22050.0):
    """See and hear what sampling does to a tone above the Nyquist frequency.

    The thin curve is the true tone, the dots are the samples taken at the
    chosen sample rate, and the dashed curve is the lowest-frequency sine
    through those same dots: the alias, which is what playback produces.  The
    sound plays that alias (reconstructed at 44 100 Hz).

    Examples
    --------
    >>> ex = aliasing_explorer()
    >>> ex.state["alias"]
    7050.0
    >>> ex.controls["sr"].value = 44100
    >>> ex.state["alias"]
    15000.0

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    fig, (ax,) = _figure(height=3.2)
    (true_line,) = ax.plot([], [], lw=0.8, color="0.55", label="true tone")
    (alias_line,) = ax.plot([], [], lw=1.8, ls="--", color="C3", label="what the samples say")
    (dots,) = ax.plot([], [], "o", color="C0", ms=5, label="samples")
    ax.set(ylim=(-1.15, 1.15), xlabel="Time (ms)", ylabel="Amplitude")
    ax.legend(loc="upper right", fontsize="small", ncols=3)
    controls = {
        "freq": _slider("float", "tone frequency (Hz)", freq, 100.0, 22000.0, 50.0),
        "sr": _slider("float", "sample rate (Hz)", sr, 2000.0, 48000.0, 50.0),
    }
    play_sr = 44100

    def render(v):
        f, rate = v["freq"], v["sr"]
        n_samples = 24
        span = n_samples / rate
        t = np.linspace(0, span, 3000)
        tn = np.arange(n_samples + 1) / rate
        alias = signals.alias_frequency(f, sr=rate)
        # Sign of the folded copy: frequencies in the upper half of a fold flip phase.
        sign = 1.0 if (f % rate) <= rate / 2 else -1.0
        true_line.set_data(t * 1000, np.sin(2 * np.pi * f * t))
        dots.set_data(tn * 1000, np.sin(2 * np.pi * f * tn))
        alias_line.set_data(t * 1000, sign * np.sin(2 * np.pi * alias * t))
        ax.set_xlim(0, span * 1000)
        nyquist = rate / 2
        ax.set_title(f"{f:.0f} Hz sampled at {rate:.0f} Hz (Nyquist {nyquist:.0f} Hz)")
        verdict = (
            "below Nyquist: the samples keep the tone"
            if f < nyquist
            else "above Nyquist: the samples describe a lower tone"
        )
        readout = (
            f"Nyquist frequency = sr / 2 = <b>{nyquist:.0f} Hz</b>; the tone is {verdict}. "
            f"You hear <b>{alias:.0f} Hz</b>."
        )
        y = _fade(signals.sine(alias, 1.0, sr=play_sr, amplitude=0.3), play_sr)
        return {"y": y, "sr": play_sr, "readout": readout, "alias": alias}

    return Explorer("Aliasing explorer", controls, render, fig)


def bit_depth_explorer(y=None, *, sr=_SR, bits=4, window=(0.0, 0.01)):
    """Hear and see quantization: the signal rounded to ``2**bits`` levels, and the error.

    Parameters
    ----------
    y : array_like or None
        Signal to quantize (within [-1, 1]); default a 440 Hz sine at amplitude 0.9.
    sr : float, keyword-only
        Its sample rate in Hz.
    bits : int, keyword-only
        Starting bit depth (1 to 16 on the slider).
    window : (float, float), keyword-only
        Start and end time in seconds of the stretch drawn.

    Examples
    --------
    >>> ex = bit_depth_explorer()
    >>> ex.controls["bits"].value = 8
    >>> round(ex.state["snr_rule"], 2)
    49.92

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    from . import _validate

    if y is None:
        y = signals.sine(440, 1.0, sr=sr, amplitude=0.9)
    y = np.asarray(_validate.signal(y), dtype=np.float64)
    sr = _validate.sample_rate(sr)
    start, stop = (int(window[0] * sr), max(int(window[1] * sr), int(window[0] * sr) + 2))
    seg = slice(start, min(stop, len(y)))
    t_ms = np.arange(len(y))[seg] / sr * 1000
    fig, (ax, ax_err) = _figure(2, height=4.2)
    ax.plot(t_ms, y[seg], color="0.6", lw=1.0, label="original")
    (q_line,) = ax.step(t_ms, y[seg], where="mid", color="C0", lw=1.4, label="quantized")
    ax.set(ylim=(-1.05, 1.05), ylabel="Amplitude", xlim=(t_ms[0], t_ms[-1]))
    ax.legend(loc="upper right", fontsize="small")
    (err_line,) = ax_err.plot(t_ms, np.zeros_like(t_ms), color="C3", lw=1.0)
    ax_err.set(xlabel="Time (ms)", ylabel="Error", xlim=(t_ms[0], t_ms[-1]))
    controls = {"bits": _slider("int", "bit depth", bits, 1, 16, 1)}
    signal_power = float(np.mean(y**2))

    def render(v):
        b = v["bits"]
        q = signals.quantize(y, b)
        err = q - y
        q_line.set_ydata(q[seg])
        err_line.set_ydata(err[seg])
        step = 2.0 / 2**b
        ax_err.set_ylim(-step * 0.75, step * 0.75)
        ax.set_title(f"{b} bit(s): {2**b} levels, step {step:.3g}")
        noise_power = float(np.mean(err**2))
        snr = 10 * np.log10(signal_power / noise_power) if noise_power > 0 else np.inf
        rule = 6.02 * b + 1.76
        readout = (
            f"measured SNR = <b>{snr:.1f} dB</b>; rule of thumb for a full-scale sine "
            f"6.02&middot;{b} + 1.76 = <b>{rule:.1f} dB</b>"
        )
        return {"y": q, "sr": sr, "readout": readout, "snr": snr, "snr_rule": rule}

    return Explorer("Bit-depth explorer", controls, render, fig)


def adsr_designer(
    *, attack=0.05, decay=0.2, sustain_level=0.6, release=0.4, duration=1.5, freq=440.0, sr=_SR
):
    """Design an attack-decay-sustain-release envelope and hear it shape a tone.

    If attack + decay + release is longer than the note, the readout says so
    and the last valid sound stays.

    Examples
    --------
    >>> ex = adsr_designer()
    >>> ex.controls["attack"].value = 0.5
    >>> round(float(ex.state["envelope"].max()), 3)
    1.0

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    fig, (ax_env, ax_wave) = _figure(2, height=4.0)
    n = int(round(duration * sr))
    t = np.arange(n) / sr
    tone = signals.harmonic_tone(freq, [1.0, 0.5, 0.3, 0.2, 0.1], duration, sr=sr) / 2.1
    (env_line,) = ax_env.plot(t, np.zeros(n), color="C1", lw=2)
    ax_env.set(
        ylim=(-0.02, 1.05),
        xlim=(0, duration),
        ylabel="Envelope",
        title="The envelope (top) and the tone it shapes (bottom)",
    )
    wave_ax_line = ax_wave.plot(t, np.zeros(n), color="C0", lw=0.5)[0]
    ax_wave.set(ylim=(-1.05, 1.05), xlim=(0, duration), xlabel="Time (s)", ylabel="Amplitude")
    controls = {
        "attack": _slider("float", "attack (s)", attack, 0.0, 0.5, 0.005, readout_format=".3f"),
        "decay": _slider("float", "decay (s)", decay, 0.0, 0.5, 0.005, readout_format=".3f"),
        "sustain_level": _slider("float", "sustain level", sustain_level, 0.0, 1.0, 0.01),
        "release": _slider("float", "release (s)", release, 0.0, 0.5, 0.005, readout_format=".3f"),
    }
    last = {}

    def render(v):
        try:
            env = signals.adsr_envelope(
                v["attack"], v["decay"], v["sustain_level"], v["release"], duration, sr=sr
            )
        except ValueError as exc:
            return {**last, "readout": f"<span style='color:#b00'>{exc}</span>"}
        y = tone * env
        env_line.set_ydata(env)
        wave_ax_line.set_ydata(y)
        sustain_time = duration - v["attack"] - v["decay"] - v["release"]
        readout = f"sustain lasts <b>{sustain_time:.3f} s</b> of the {duration:g} s note"
        last.update({"y": _fade(y, sr, 0.002), "sr": sr, "envelope": env})
        return {**last, "readout": readout}

    return Explorer("ADSR designer", controls, render, fig)


def harmonics_mixer(*, f0=220.0, amplitudes=(1.0, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.12), sr=_SR):
    """Mix the first 8 harmonics of a note and hear the timbre change.

    The sound is normalised (the point is the tone colour, not the loudness).

    Examples
    --------
    >>> ex = harmonics_mixer()
    >>> ex.controls["h2"].value = 0.0
    >>> ex.state["amplitudes"][1]
    0.0

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    amplitudes = list(amplitudes)
    if len(amplitudes) != 8:
        raise ValueError(f"amplitudes must hold 8 values; got {len(amplitudes)}")
    fig, (ax_wave, ax_bars) = _figure(2, height=4.2)
    periods = 2
    t = np.linspace(0, periods / f0, 1000)
    (wave_line,) = ax_wave.plot(t * 1000, np.zeros_like(t), lw=1.5)
    ax_wave.set(
        xlim=(0, t[-1] * 1000),
        xlabel="Time (ms)",
        ylabel="Amplitude",
        title=f"Two periods of the waveform (f0 = {f0:g} Hz)",
    )
    ks = np.arange(1, 9)
    bars = ax_bars.bar(ks * f0, np.zeros(8), width=f0 * 0.4, color="C2")
    ax_bars.set(
        ylim=(0, 1.05),
        xlabel="Frequency (Hz)",
        ylabel="Amplitude",
        xticks=ks * f0,
        title="The recipe: how much of each harmonic",
    )
    controls = {
        f"h{k}": _slider("float", f"harmonic {k} ({k * f0:g} Hz)", a, 0.0, 1.0, 0.01)
        for k, a in zip(ks, amplitudes)
    }

    def render(v):
        amps = [float(v[f"h{k}"]) for k in ks]
        wave = sum(a * np.sin(2 * np.pi * k * f0 * t) for k, a in zip(ks, amps))
        wave_line.set_ydata(wave)
        lim = max(1e-3, float(np.abs(wave).max())) * 1.1
        ax_wave.set_ylim(-lim, lim)
        for bar, a in zip(bars, amps):
            bar.set_height(a)
        if sum(amps) == 0:
            y = np.zeros(int(sr * 1.5))
        else:
            y = _fade(signals.harmonic_tone(f0, amps, 1.5, sr=sr), sr)
        readout = (
            "brightness grows with the upper harmonics; all at 0 except the first is a pure sine"
        )
        return {"y": y, "sr": sr, "normalize": True, "readout": readout, "amplitudes": amps}

    return Explorer("Harmonics mixer", controls, render, fig)


# ---------------------------------------------------------------- notebook 04 widgets


def _frame_spans(n_samples, frame_length, hop_length, center):
    """First and one-past-last sample of every frame (centre padding gives negative starts)."""
    pad = frame_length // 2 if center else 0
    starts = np.arange(0, n_samples + 2 * pad - frame_length + 1, hop_length) - pad
    return starts, starts + frame_length


def _uncovered(n_samples, starts, stops):
    """(start, stop) sample ranges of the signal that no frame covers."""
    covered = np.zeros(n_samples + 1, dtype=np.int64)
    np.add.at(covered, np.clip(starts, 0, n_samples), 1)
    np.add.at(covered, np.clip(stops, 0, n_samples), -1)
    free = np.cumsum(covered[:-1]) == 0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], free.astype(np.int8), [0]))))
    return list(zip(edges[0::2], edges[1::2], strict=True))


def framing_explorer(y=None, *, sr=_SR, frame_length=1024, hop_length=512, center=False):
    """Cut a short stretch of sound into frames and see where each frame lies.

    The top panel is the waveform with the selected frame shaded; the bottom
    panel draws every frame as a bar (frame index up, time across), so overlap
    and gaps are plain to see.  The readout gives the frame and hop durations,
    the overlap and the number of frames under each counting convention.
    Samples that no frame covers (gaps when ``hop_length > frame_length``, or
    the tail that ``center=False`` leaves out) are marked in red.  The sound
    is the selected frame or the whole stretch, at its true level.

    Parameters
    ----------
    y : array_like or None
        A short mono signal (a few tenths of a second, so single frames are
        visible).  Default: 0.25 s to 0.55 s of the course's ``speech`` sample
        (silence, the hiss of an "s", then a vowel).
    sr : float, keyword-only
        Sample rate of ``y`` in Hz.
    frame_length, hop_length : int, keyword-only
        Starting values in samples (powers of two: 256 to 4096 and 64 to 4096).
    center : bool, keyword-only
        Start with librosa's centred frames (``frame_length // 2`` zeros of
        padding at each end) instead of frames that start at sample 0.

    Returns
    -------
    Explorer
        Controls ``frame_length``, ``hop_length``, ``center``, ``at_ms`` (picks
        the frame whose centre is nearest that time) and ``play``;
        ``state`` holds ``n_frames`` (with the current centring),
        ``n_frames_center``, ``n_frames_no_center``, ``n_frames_ragged``,
        ``overlap_percent``, ``frame_ms``, ``hop_ms``, ``frame_index``,
        ``frame_start`` (sample, negative inside the left padding) and
        ``uncovered`` (samples no frame looks at).

    Examples
    --------
    >>> ex = framing_explorer()
    >>> ex.state["n_frames_no_center"], ex.state["n_frames_center"], ex.state["overlap_percent"]
    (11, 13, 50.0)
    >>> ex.controls["hop_length"].value = 2048
    >>> ex.state["uncovered"] > 0
    True

    Taught in: notebooks/04_framing.ipynb
    """
    import ipywidgets as widgets
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    from . import _validate, features

    if y is None:
        from .audio import load_sample

        speech, sr = load_sample("speech", sr=sr)
        y = speech[int(0.25 * sr) : int(0.55 * sr)]
    y = np.asarray(_validate.signal(y), dtype=np.float64)
    sr = _validate.sample_rate(sr)
    frame_options = [256, 512, 1024, 2048, 4096]
    hop_options = [64, 128, 256, 512, 1024, 2048, 4096]
    _validate.choice(frame_length, "frame_length", frame_options)
    _validate.choice(hop_length, "hop_length", hop_options)
    center = _validate.flag(center, "center")
    n = len(y)
    to_ms = 1000.0 / sr
    duration_ms = n * to_ms

    # A fixed layout: re-running constrained layout on every slider move costs 40 ms.
    fig = Figure(figsize=(8.0, 4.4))
    fig.subplots_adjust(left=0.09, right=0.98, top=0.93, bottom=0.11, hspace=0.12)
    ax_wave, ax_frames = fig.subplots(2, 1, sharex=True, height_ratios=[1.0, 1.4])
    peak = max(float(np.abs(y).max()), 1e-3) * 1.1
    pad_left = Rectangle(
        (0, 0),
        0,
        1,
        transform=ax_wave.get_xaxis_transform(),
        color="0.88",
        zorder=0,
        label="zero padding",
    )
    pad_right = Rectangle(
        (0, 0), 0, 1, transform=ax_wave.get_xaxis_transform(), color="0.88", zorder=0
    )
    chosen = Rectangle(
        (0, 0),
        0,
        1,
        transform=ax_wave.get_xaxis_transform(),
        color="C1",
        alpha=0.3,
        zorder=1,
        label="selected frame",
    )
    for patch in (pad_left, pad_right, chosen):
        ax_wave.add_patch(patch)
    ax_wave.plot(np.arange(n) * to_ms, y, color="C0", lw=0.7, zorder=2)
    ax_wave.set(ylim=(-peak, peak), ylabel="Amplitude")
    ax_wave.legend(loc="upper left", fontsize="small", ncols=2)
    bars = LineCollection([], colors="C0", capstyle="butt")
    picked = LineCollection([], colors="C1", capstyle="butt")
    gaps = LineCollection(
        [], colors="C3", linewidths=5, capstyle="butt", label="samples in no frame"
    )
    for artist in (bars, picked, gaps):
        ax_frames.add_collection(artist)
    ax_frames.legend(handles=[gaps], loc="upper left", fontsize="small")
    ax_frames.set(xlabel="Time (ms)", ylabel="Frame index")

    controls = {
        "frame_length": widgets.SelectionSlider(
            options=frame_options,
            value=frame_length,
            description="frame_length (samples)",
            style=_STYLE,
            layout=_LAYOUT,
            continuous_update=True,
        ),
        "hop_length": widgets.SelectionSlider(
            options=hop_options,
            value=hop_length,
            description="hop_length (samples)",
            style=_STYLE,
            layout=_LAYOUT,
            continuous_update=True,
        ),
        "center": widgets.Checkbox(
            value=center,
            description="center=True (librosa's default)",
            style=_STYLE,
            layout=_LAYOUT,
        ),
        "at_ms": _slider(
            "float",
            "selected frame at (ms)",
            round(duration_ms / 2),
            0.0,
            round(duration_ms),
            1.0,
            readout_format=".0f",
        ),
        "play": widgets.ToggleButtons(
            options=[("the selected frame", "frame"), ("the whole stretch", "all")],
            value="frame",
            description="play",
            style=_STYLE,
        ),
    }

    def render(v):
        fl, hop, cen = int(v["frame_length"]), int(v["hop_length"]), bool(v["center"])
        starts, stops = _frame_spans(n, fl, hop, cen)
        count = len(starts)
        pad = fl // 2 if cen else 0
        lo_ms, hi_ms = -pad * to_ms, (n + pad) * to_ms
        pad_left.set_bounds(lo_ms, 0, pad * to_ms, 1)
        pad_right.set_bounds(n * to_ms, 0, pad * to_ms, 1)
        bars.set_segments(
            [
                ((a * to_ms, i), (b * to_ms, i))
                for i, (a, b) in enumerate(zip(starts, stops, strict=True))
            ]
        )
        width = float(np.clip(110.0 / max(count, 1), 1.0, 8.0))
        bars.set_linewidth(width)
        picked.set_linewidth(width + 1.0)
        holes = _uncovered(n, starts, stops)
        gaps.set_segments([((a * to_ms, -1.2), (b * to_ms, -1.2)) for a, b in holes])
        ax_frames.set_ylim(-2.2, max(count, 1) + 0.2)
        ax_wave.set_xlim(lo_ms, hi_ms)
        n_center = features.num_frames(n, frame_length=fl, hop_length=hop, center=True)
        n_plain = count if not cen else (1 + (n - fl) // hop if n >= fl else 0)
        n_ragged = -(-n // hop)
        overlap = max(fl - hop, 0)
        overlap_pct = 100.0 * overlap / fl
        uncovered = int(sum(b - a for a, b in holes))
        if count:
            centres = (starts + stops) / 2 * to_ms
            index = int(np.argmin(np.abs(centres - v["at_ms"])))
            a, b = int(starts[index]), int(stops[index])
            chosen.set_bounds(a * to_ms, 0, fl * to_ms, 1)
            picked.set_segments([((a * to_ms, index), (b * to_ms, index))])
            padded = np.pad(y, pad)
            frame = padded[a + pad : b + pad]
            where = "its centre" if cen else "its first sample"
            chosen_text = (
                f"selected: frame <b>{index}</b> of {count}, samples {a} to {b - 1} "
                f"({a * to_ms:.1f} to {b * to_ms:.1f} ms); frames_to_time gives "
                f"{index} &times; {hop} / sr = {index * hop * to_ms:.1f} ms, {where}"
            )
        else:
            index, a, frame = -1, 0, np.zeros(1)
            chosen.set_width(0)
            picked.set_segments([])
            chosen_text = (
                f"<span style='color:#b00'>no whole frame of {fl} samples fits in "
                f"these {n} samples: use a shorter frame or center=True</span>"
            )
        ax_wave.set_title(
            f"{count} frames of {fl} samples ({fl * to_ms:.1f} ms), a new one "
            f"every {hop} samples ({hop * to_ms:.1f} ms)" + (", centred" if cen else "")
        )
        if hop > fl:
            warn = (
                f"<br><span style='color:#b00'>hop_length &gt; frame_length: {hop - fl} "
                f"samples between neighbouring frames belong to no frame (the red gaps). "
                f"Keep hop_length &le; frame_length; frame_length / 2 or / 4 is usual.</span>"
            )
        else:
            warn = ""
        readout = (
            f"frame: {fl} samples = <b>{fl * to_ms:.1f} ms</b> &nbsp; hop: {hop} samples = "
            f"<b>{hop * to_ms:.1f} ms</b> ({sr / hop:.1f} frames per second) &nbsp; overlap: "
            f"{overlap} samples = <b>{overlap_pct:.1f} %</b><br>"
            f"frames in these {n} samples: center=False <b>{n_plain}</b> "
            f"(1 + (n &minus; frame) // hop), center=True <b>{n_center}</b> (1 + n // hop), "
            f"range(0, n, hop) <b>{n_ragged}</b> (ceil(n / hop), the last ones short)<br>"
            f"{chosen_text}{warn}"
        )
        sound = frame if v["play"] == "frame" else y
        return {
            "y": np.clip(sound, -1.0, 1.0),
            "sr": sr,
            "readout": readout,
            "n_frames": count,
            "n_frames_center": n_center,
            "n_frames_no_center": n_plain,
            "n_frames_ragged": n_ragged,
            "overlap_percent": overlap_pct,
            "frame_ms": fl * to_ms,
            "hop_ms": hop * to_ms,
            "frame_index": index,
            "frame_start": a,
            "uncovered": uncovered,
        }

    return Explorer("Framing explorer", controls, render, fig)


# ---------------------------------------------------------------- notebook 06 widgets


def _frozen_layout(explorer):
    """Keep the layout of the first drawing, so later redraws skip the layout pass.

    Each redraw then draws the figure once instead of twice (about half the time).
    """
    explorer.fig.set_layout_engine(None)
    return explorer


def probe_explorer(
    *, f1=220.0, f2=550.0, a1=0.6, a2=0.4, probe=300.0, phase=0.0, fmax=1000.0, duration=0.1, sr=_SR
):
    """Probe a two-tone sound with sinusoids: how much of each probe frequency is in it?

    The sound is ``a1 * sin(2 pi f1 t + phase) + a2 * sin(2 pi f2 t)``.  A probe
    of frequency f is a cosine and a sine of that frequency.  Multiply the sound
    by each and average over ``duration`` seconds, times 2: that gives the cosine
    part ``c`` and the sine part ``s``.  The match score ``sqrt(c**2 + s**2)`` is
    the amplitude of a tone at f, whatever its phase.  The score curve over every
    probe frequency from 0 to ``fmax`` (1 Hz apart) is computed once, when the
    explorer is built; the sliders only move a marker and redraw the probes.
    The sound is the two-tone signal, then the probe alone.

    Parameters
    ----------
    f1, f2 : float, keyword-only
        Frequencies of the two tones in Hz (between 0 and ``fmax``).
    a1, a2 : float, keyword-only
        Their amplitudes (``a1 + a2 <= 1``).
    probe : float, keyword-only
        Starting probe frequency in Hz.
    phase : float, keyword-only
        Starting phase of the first tone in radians (a slider).
    fmax : float, keyword-only
        Highest probe frequency in Hz.
    duration : float, keyword-only
        Length in seconds of the stretch the scores are averaged over (at most 1).
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    Explorer
        Controls ``"probe"`` (Hz) and ``"phase"`` (radians); ``state`` holds
        ``"cos_part"``, ``"sin_part"``, ``"match"``, and ``"freqs"`` with
        ``"scores"`` (the whole curve).

    Examples
    --------
    >>> ex = probe_explorer()
    >>> ex.controls["probe"].value = 220
    >>> round(ex.state["match"], 3)
    0.6
    >>> ex.controls["phase"].value = 1.0
    >>> round(ex.state["match"], 3)
    0.6

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    from . import _validate

    sr = _validate.sample_rate(sr)
    fmax = _validate.number(fmax, "fmax", minimum=0, strict_min=True, maximum=sr / 2)
    f1 = _validate.number(f1, "f1", minimum=0, maximum=fmax)
    f2 = _validate.number(f2, "f2", minimum=0, maximum=fmax)
    a1 = _validate.number(a1, "a1", minimum=0)
    a2 = _validate.number(a2, "a2", minimum=0)
    if a1 + a2 > 1:
        raise ValueError(f"a1 + a2 must be <= 1 so the sound fits in [-1, 1]; got {a1 + a2:g}")
    duration = _validate.number(duration, "duration", minimum=0, strict_min=True, maximum=1.0)
    n = int(round(duration * sr))
    t = np.arange(n) / sr

    # The score curve, cached.  The sound is linear in cos(phase) and sin(phase):
    # a1*sin(w1 t + phase) = a1*(cos(phase) sin(w1 t) + sin(phase) cos(w1 t)),
    # so the probe sums of three parts, done once, give the curve for any phase.
    # Probing every 1 Hz is an FFT zero-padded to sr samples (bins 1 Hz apart).
    parts = np.stack(
        [np.sin(2 * np.pi * f1 * t), np.cos(2 * np.pi * f1 * t), np.sin(2 * np.pi * f2 * t)], axis=1
    )
    n_pad = int(round(sr))
    n_probes = int(np.floor(fmax * n_pad / sr)) + 1
    freqs = np.arange(n_probes) * sr / n_pad
    responses = np.fft.rfft(parts, n=n_pad, axis=0)[:n_probes] * (2.0 / n)

    fig, (ax_sig, ax_prod, ax_score) = _figure(3, height=6.4)
    view = t < 0.02
    t_ms = t[view] * 1000
    (sig_line,) = ax_sig.plot(t_ms, np.zeros_like(t_ms), color="k", lw=1.6, zorder=3)
    (cos_line,) = ax_sig.plot(t_ms, np.zeros_like(t_ms), color="C0", lw=1.0)
    (sin_line,) = ax_sig.plot(t_ms, np.zeros_like(t_ms), color="C1", lw=1.0, ls="--")
    ax_sig.set(
        xlim=(0, t_ms[-1]),
        ylim=(-1.1, 1.1),
        yticks=[-1, 0, 1],
        ylabel="Amplitude",
        title="The sound (black), the cos probe (blue) and the sin probe (orange, dashed)",
    )
    ax_sig.tick_params(labelbottom=False)
    (cprod_line,) = ax_prod.plot(t_ms, np.zeros_like(t_ms), color="C0", lw=1.0)
    (sprod_line,) = ax_prod.plot(t_ms, np.zeros_like(t_ms), color="C1", lw=1.0, ls="--")
    ax_prod.axhline(0, color="0.6", lw=0.8)
    ax_prod.set(
        xlim=(0, t_ms[-1]),
        ylim=(-1.1, 1.1),
        yticks=[-1, 0, 1],
        xlabel="Time (ms)",
        ylabel="Product",
        title="Sound x probe: mostly above (or below) zero only when the probe matches",
    )
    (score_line,) = ax_score.plot(freqs, np.zeros_like(freqs), color="k", lw=1.4)
    marker = ax_score.axvline(probe, color="C3", lw=1.2)
    (dot,) = ax_score.plot([probe], [0.0], "o", color="C3", ms=7)
    ax_score.set(
        xlim=(0, fmax),
        ylim=(0, max(a1, a2, 0.05) * 1.2),
        xlabel="Probe frequency (Hz)",
        ylabel="Match score",
        title="Match score sqrt(c² + s²) for every probe frequency; red: your probe",
    )
    controls = {
        "probe": _slider(
            "float", "probe frequency (Hz)", probe, 0.0, float(freqs[-1]), 1.0, readout_format=".0f"
        ),
        "phase": _slider(
            "float",
            f"phase of the {f1:g} Hz tone",
            phase,
            0.0,
            2 * np.pi,
            0.05,
            readout_format=".2f",
        ),
    }
    n_play = int(0.8 * sr)
    t_play = np.arange(n_play) / sr
    gap = np.zeros(int(0.15 * sr))

    def render(v):
        f, phi = v["probe"], v["phase"]
        x = a1 * np.sin(2 * np.pi * f1 * t + phi) + a2 * np.sin(2 * np.pi * f2 * t)
        probe_cos = np.cos(2 * np.pi * f * t)
        probe_sin = np.sin(2 * np.pi * f * t)
        c = 2.0 * float(np.mean(x * probe_cos))
        s = 2.0 * float(np.mean(x * probe_sin))
        match = float(np.hypot(c, s))
        curve = responses @ np.array([a1 * np.cos(phi), a1 * np.sin(phi), a2])
        scores = np.abs(curve)
        sig_line.set_ydata(x[view])
        cos_line.set_ydata(probe_cos[view])
        sin_line.set_ydata(probe_sin[view])
        cprod_line.set_ydata((x * probe_cos)[view])
        sprod_line.set_ydata((x * probe_sin)[view])
        score_line.set_ydata(scores)
        marker.set_xdata([f, f])
        dot.set_data([f], [match])
        sound = np.concatenate(
            [
                _fade(
                    0.5
                    * (
                        a1 * np.sin(2 * np.pi * f1 * t_play + phi)
                        + a2 * np.sin(2 * np.pi * f2 * t_play)
                    ),
                    sr,
                ),
                gap,
                _fade(0.3 * np.sin(2 * np.pi * f * t_play), sr),
            ]
        )
        c_shown, s_shown = round(c, 3) + 0.0, round(s, 3) + 0.0  # no "-0.000"
        readout = (
            f"probe {f:.0f} Hz: cos part c = {c_shown:+.3f}, sin part s = {s_shown:+.3f}, "
            f"match &radic;(c&sup2; + s&sup2;) = <b>{match:.3f}</b> &nbsp; "
            f"(the tones: {a1:g} at {f1:g} Hz, {a2:g} at {f2:g} Hz). "
            f"The sound plays the two tones, then the probe."
        )
        return {
            "y": sound,
            "sr": sr,
            "readout": readout,
            "cos_part": c,
            "sin_part": s,
            "match": match,
            "freqs": freqs,
            "scores": scores,
        }

    return _frozen_layout(
        Explorer(
            "Probe explorer: how much of each frequency is in the sound?", controls, render, fig
        )
    )


_WINDOW_NAMES = ("rectangular", "hann", "hamming")


def _window_shape(win, pad=64):
    """Highest sidelobe (dB below the main lobe) and main-lobe width (bins, null to null)."""
    spec = np.abs(np.fft.rfft(win, n=pad * len(win)))
    spec_db = 20 * np.log10(np.maximum(spec / spec[0], 1e-12))
    rising = np.flatnonzero(np.diff(spec_db) > 0)
    first_null = int(rising[0]) if len(rising) else len(spec_db) - 1
    return float(spec_db[first_null:].max()), 2.0 * first_null / pad


def window_explorer(*, bins=10.5, window="rectangular", n_fft=1024, sr=_SR):
    """See spectral leakage: a sine between two bins, through a choice of window.

    A sine making ``bins`` cycles in a frame of ``n_fft`` samples (its
    frequency is ``bins * sr / n_fft`` Hz) is multiplied by a window and
    transformed.  The dots are the FFT's bins; the thin curve behind them is
    the same spectrum zero-padded 16 times, the smooth curve the bins sample.
    Levels are in dB relative to the sine's amplitude (0 dB = a full-size peak),
    using the window's sum for the scale, so a sine on a bin reaches 0 dB.

    Parameters
    ----------
    bins : float, keyword-only
        Starting tone frequency in bins (10 to 12 on the slider).
    window : {"rectangular", "hann", "hamming"}, keyword-only
        Starting window.
    n_fft : int, keyword-only
        Frame length in samples (at least 64).
    sr : float, keyword-only
        Sample rate in Hz (for the sound and the Hz readout).

    Returns
    -------
    Explorer
        Controls ``"bins"`` and ``"window"``; ``state`` holds ``"peak_bin"``,
        ``"peak_db"``, ``"leakage_db"`` (the highest level 3 or more bins from
        the tone), ``"sidelobe_db"`` and ``"mainlobe_bins"`` (of the window
        itself) and ``"spectrum_db"`` (per bin).

    Examples
    --------
    >>> ex = window_explorer(bins=10.5, window="rectangular")
    >>> rectangular = ex.state["leakage_db"]
    >>> ex.controls["window"].value = "hann"
    >>> round(rectangular), round(ex.state["leakage_db"])
    (-20, -42)

    Taught in: notebooks/06_fourier_transform.ipynb
    """
    import ipywidgets as ipw

    from . import _validate
    from .spectral import get_window

    sr = _validate.sample_rate(sr)
    n_fft = _validate.whole(n_fft, "n_fft", minimum=64)
    bins = _validate.number(bins, "bins", minimum=10.0, maximum=12.0)
    _validate.choice(window, "window", _WINDOW_NAMES)
    pad = 16
    n = np.arange(n_fft)
    k = np.arange(1 + n_fft // 2)
    k_fine = np.arange(1 + pad * n_fft // 2) / pad
    windows = {name: get_window(name, n_fft) for name in _WINDOW_NAMES}
    shapes = {name: _window_shape(win) for name, win in windows.items()}
    floor_db = -120.0

    fig, (ax_frame, ax_spec) = _figure(2, height=5.2)
    t_ms = n / sr * 1000
    (raw_line,) = ax_frame.plot(t_ms, np.zeros(n_fft), color="0.75", lw=0.8)
    (win_line,) = ax_frame.plot(t_ms, np.zeros(n_fft), color="C2", lw=1.2, ls="--")
    (frame_line,) = ax_frame.plot(t_ms, np.zeros(n_fft), color="C0", lw=1.2)
    ax_frame.set(
        xlim=(0, t_ms[-1]),
        ylim=(-1.1, 1.1),
        yticks=[-1, 0, 1],
        xlabel="Time (ms)",
        ylabel="Amplitude",
    )
    (fine_line,) = ax_spec.plot(k_fine, np.zeros_like(k_fine), color="0.6", lw=0.9)
    (stem_line,) = ax_spec.plot([], [], color="C0", lw=0.8)
    (bin_dots,) = ax_spec.plot(k, np.zeros_like(k, dtype=float), "o", color="C0", ms=4)
    tone_line = ax_spec.axvline(bins, color="C3", lw=1.0, ls="--")
    ax_spec.set(
        xlim=(0, 24),
        ylim=(-110, 5),
        yticks=[-100, -80, -60, -40, -20, 0],
        xlabel=f"Frequency (bins; 1 bin = {sr / n_fft:.1f} Hz)",
        ylabel="Level (dB)",
        title="Its spectrum: FFT bins (blue dots), what lies between them (grey), the sine (red)",
    )
    controls = {
        "bins": _slider(
            "float", "sine frequency (bins)", bins, 10.0, 12.0, 0.05, readout_format=".2f"
        ),
        "window": ipw.Dropdown(
            options=list(_WINDOW_NAMES), value=window, description="window", style=_STYLE
        ),
    }

    def render(v):
        b, name = v["bins"], v["window"]
        win = windows[name]
        sine = np.cos(2 * np.pi * b * n / n_fft)
        frame = sine * win
        scale = 2.0 / win.sum()
        with np.errstate(divide="ignore"):
            db = 20 * np.log10(np.abs(np.fft.rfft(frame)) * scale)
            db_fine = 20 * np.log10(np.abs(np.fft.rfft(frame, n=pad * n_fft)) * scale)
        db = np.maximum(db, floor_db)
        db_fine = np.maximum(db_fine, floor_db)
        raw_line.set_ydata(sine)
        win_line.set_ydata(win)
        frame_line.set_ydata(frame)
        fine_line.set_ydata(db_fine)
        stems_x = np.repeat(k, 3).astype(float)
        stems_y = np.column_stack([np.full(len(k), floor_db), db, np.full(len(k), np.nan)]).ravel()
        stems_x[2::3] = np.nan
        stem_line.set_data(stems_x, stems_y)
        bin_dots.set_ydata(db)
        tone_line.set_xdata([b, b])
        peak_bin = int(np.argmax(db))
        far = np.abs(k - b) >= 3
        leakage = float(db[far].max())
        sidelobe, mainlobe = shapes[name]
        ax_frame.set_title(
            f"A sine of {b:.2f} bins ({b * sr / n_fft:.1f} Hz, grey) times a "
            f"{name} window (green): the frame (blue)"
        )
        leak_text = "below -120 dB" if leakage <= floor_db else f"{leakage:.1f} dB"
        readout = (
            f"peak at bin <b>{peak_bin}</b>, level {db[peak_bin]:.1f} dB; leakage 3 or "
            f"more bins from the sine: <b>{leak_text}</b>. The {name} window's highest "
            f"sidelobe is {sidelobe:.1f} dB, its main lobe {mainlobe:.0f} bins wide."
        )
        y = _fade(signals.sine(b * sr / n_fft, 1.0, sr=sr, amplitude=0.3), sr)
        return {
            "y": y,
            "sr": sr,
            "readout": readout,
            "peak_bin": peak_bin,
            "peak_db": float(db[peak_bin]),
            "leakage_db": leakage,
            "sidelobe_db": sidelobe,
            "mainlobe_bins": mainlobe,
            "spectrum_db": db,
        }

    return _frozen_layout(Explorer("Window explorer: leakage between bins", controls, render, fig))


# ---------------------------------------------------------------- notebook 07 widgets

_SPECTROGRAM_SOUNDS = {
    "chirp": "a sweep from 100 Hz up to 5000 Hz (signals.chirp)",
    "speech": "the spoken phrase \u201cA spectrogram shows it as a picture\u201d",
    "piano_A4": "the first 3 s of the piano playing A4 (440 Hz)",
}
_N_FFT_CHOICES = (256, 512, 1024, 2048, 4096, 8192)
_HOP_CHOICES = (64, 128, 256, 512, 1024, 2048)
_EXPLORER_CLIP_S = 3.0
# (start, stop) in seconds of the excerpt used: the middle phrase of the shipped sentence.
_EXPLORER_EXCERPTS = {"speech": (1.9, 4.5), "piano_A4": (0.0, _EXPLORER_CLIP_S)}


_EXPLORER_SOUNDS = {}  # (name, sr) -> samples: each sound is made or loaded once


def _max_pool(a, max_rows, max_cols):
    """Shrink a 2-D array to at most ``max_rows`` x ``max_cols`` by block maxima (for drawing).

    A figure a few hundred pixels high cannot show 4000 frequency bins; taking
    the maximum of each block keeps thin bright lines (harmonics) visible and
    makes the redraw fast.
    """
    step_rows = -(-a.shape[0] // max_rows)
    step_cols = -(-a.shape[1] // max_cols)
    if step_rows > 1:
        a = np.maximum.reduceat(a, np.arange(0, a.shape[0], step_rows), axis=0)
    if step_cols > 1:
        a = np.maximum.reduceat(a, np.arange(0, a.shape[1], step_cols), axis=1)
    return a


def _explorer_sound(name, sr):
    """A sound for :func:`spectrogram_explorer` (at most 3 s), made or loaded only once."""
    if (name, sr) in _EXPLORER_SOUNDS:
        return _EXPLORER_SOUNDS[name, sr]
    if name == "chirp":
        y = _fade(signals.chirp(100.0, 5000.0, _EXPLORER_CLIP_S, sr=sr, amplitude=0.5), sr)
    else:
        from .audio import load_sample

        y, _ = load_sample(name, sr=sr)
        start, stop = (int(round(t * sr)) for t in _EXPLORER_EXCERPTS[name])
        y = _fade(np.asarray(y[start:stop], dtype=np.float64), sr, 0.005)
    y = np.ascontiguousarray(y, dtype=np.float32)
    y.setflags(write=False)
    _EXPLORER_SOUNDS[name, sr] = y
    return y


def spectrogram_explorer(
    *, n_fft=1024, hop_length=256, window="hann", sound="chirp", fmax=5000.0, sr=_SR
):
    """Explore the time/frequency trade-off of a spectrogram.

    A longer frame (``n_fft``) separates frequencies more finely (bins
    ``sr / n_fft`` Hz apart) but blurs events over a longer time
    (``n_fft / sr`` seconds); the hop sets how often a frame is taken.  The
    picture is the STFT magnitude in dB (0 dB = the loudest cell, an 80 dB
    range) up to ``fmax``; the sound is the clip analysed (at most 3 s, loaded
    or made once and cached, so moving a control only recomputes the STFT).

    Parameters
    ----------
    n_fft : int, keyword-only
        Starting frame length in samples: a power of two from 256 to 8192.
    hop_length : int, keyword-only
        Starting hop in samples: a power of two from 64 to 2048.
    window : {"hann", "hamming", "rectangular"}, keyword-only
        Starting window.
    sound : {"chirp", "speech", "piano_A4"}, keyword-only
        Starting sound.
    fmax : float, keyword-only
        Highest frequency drawn, in Hz.
    sr : float, keyword-only
        Sample rate in Hz.

    Examples
    --------
    >>> ex = spectrogram_explorer()
    >>> ex.controls["n_fft"].value = 4096
    >>> round(ex.state["delta_f"], 2), round(ex.state["delta_t"] * 1000)
    (5.38, 186)

    Taught in: notebooks/07_spectrograms.ipynb
    """
    import ipywidgets as ipw

    from . import _validate, spectral

    for name, value, options in (
        ("n_fft", n_fft, _N_FFT_CHOICES),
        ("hop_length", hop_length, _HOP_CHOICES),
        ("window", window, ("hann", "hamming", "rectangular")),
        ("sound", sound, tuple(_SPECTROGRAM_SOUNDS)),
    ):
        if value not in options:
            raise ValueError(
                f"{name} must be one of {', '.join(map(repr, options))}; got {value!r}"
            )
    sr = _validate.sample_rate(sr)
    fmax = _validate.number(fmax, "fmax", minimum=0, strict_min=True, maximum=sr / 2)
    fig, (ax,) = _figure(height=3.4)
    image = ax.imshow(
        np.full((2, 2), -80.0),
        origin="lower",
        aspect="auto",
        cmap="magma",
        vmin=-80,
        vmax=0,
        interpolation="antialiased",
    )
    fig.colorbar(
        image, ax=ax, label="dB (0 dB = loudest)", format="%+.0f", ticks=[-80, -60, -40, -20, 0]
    )
    ax.set(xlabel="Time (s)", ylabel="Frequency (Hz)", ylim=(0, fmax), title=" ")
    # Lay the figure out once, then keep that layout: redrawing is then much faster.
    fig.draw_without_rendering()
    fig.set_layout_engine(None)
    common = dict(style=_STYLE, layout=_LAYOUT, continuous_update=False)
    controls = {
        "n_fft": ipw.SelectionSlider(
            options=_N_FFT_CHOICES, value=n_fft, description="n_fft (samples)", **common
        ),
        "hop_length": ipw.SelectionSlider(
            options=_HOP_CHOICES, value=hop_length, description="hop_length (samples)", **common
        ),
        "window": ipw.ToggleButtons(
            options=("hann", "hamming", "rectangular"),
            value=window,
            description="window",
            style=_STYLE,
        ),
        "sound": ipw.Dropdown(
            options=list(_SPECTROGRAM_SOUNDS), value=sound, description="sound", style=_STYLE
        ),
    }

    def render(v):
        n, hop = int(v["n_fft"]), int(v["hop_length"])
        y = _explorer_sound(v["sound"], sr)
        D = spectral.stft(y, n_fft=n, hop_length=hop, window=v["window"])
        delta_f, delta_t, hop_s = sr / n, n / sr, hop / sr
        n_bins = min(D.shape[0], int(fmax / delta_f) + 2)
        # Only the bins drawn, shrunk to about the figure's pixel size (the maximum
        # of each block of cells: the same picture, drawn in a fraction of the time).
        magnitude = _max_pool(np.abs(D[:n_bins]), 480, 720)
        S_db = spectral.amplitude_to_db(magnitude, ref=float(magnitude.max()))
        n_frames = D.shape[1]
        image.set_data(S_db.astype(np.float32))
        image.set_extent(
            (-hop_s / 2, (n_frames - 0.5) * hop_s, -delta_f / 2, (n_bins - 0.5) * delta_f)
        )
        ax.set_xlim(0, len(y) / sr)
        ax.set_ylim(0, fmax)
        ax.set_title(
            f"{v['sound']}: frames of {delta_t * 1000:.0f} ms, "
            f"bins {delta_f:.1f} Hz apart ({v['window']} window)"
        )
        readout = (
            f"{_SPECTROGRAM_SOUNDS[v['sound']]}<br>"
            f"frame duration &Delta;t = n_fft / sr = <b>{delta_t * 1000:.1f} ms</b>; "
            f"hop = hop_length / sr = <b>{hop_s * 1000:.1f} ms</b> between frames; "
            f"bin spacing &Delta;f = sr / n_fft = <b>{delta_f:.2f} Hz</b>; "
            f"&Delta;t &middot; &Delta;f = 1.<br>"
            f"The STFT has {D.shape[0]} bins &times; {n_frames} frames"
            + (" (hop longer than the frame: some samples are never looked at)" if hop > n else "")
        )
        return {
            "y": y,
            "sr": sr,
            "readout": readout,
            "delta_t": delta_t,
            "hop_s": hop_s,
            "delta_f": delta_f,
            "shape": D.shape,
        }

    return Explorer("Spectrogram explorer: the time/frequency trade-off", controls, render, fig)


# ---------------------------------------------------------------- notebook 08 widgets

_FEATURE_SOUNDS = {
    "trumpet_A4": "a trumpet playing A4 (440 Hz): strong harmonics far up",
    "flute_A4": "a flute playing A4: few harmonics, nearly a pure tone",
    "piano_A4": "a piano playing A4: a bright strike that darkens as it fades",
    "organ_A4": "a reed organ playing A4: steady, with a slight vibrato",
    "speech": "the spoken phrase \u201cA spectrogram shows it as a picture\u201d",
    "white noise": "white noise: the same power at every frequency, on average",
}
_FEATURE_CLIP_S = 3.0
_FEATURE_EXCERPTS = {"speech": 1.9}  # where the excerpt starts (s); the others start at 0
_FEATURE_SOUND_CACHE = {}  # (name, sr, n_fft, hop_length) -> (samples, magnitudes, dB image)


def _feature_sound(name, sr, n_fft, hop_length):
    """An excerpt of 3 s and its STFT magnitudes (and their dB, for the picture), made once."""
    from . import spectral

    key = (name, sr, n_fft, hop_length)
    if key not in _FEATURE_SOUND_CACHE:
        if name == "white noise":
            y = signals.white_noise(_FEATURE_CLIP_S, sr=sr, seed=8, amplitude=0.1)
        else:
            from .audio import load_sample

            y, _ = load_sample(name, sr=sr)
            start = int(round(_FEATURE_EXCERPTS.get(name, 0.0) * sr))
            y = np.asarray(y[start : start + int(round(_FEATURE_CLIP_S * sr))], dtype=np.float64)
        y = np.ascontiguousarray(_fade(y, sr, 0.005), dtype=np.float32)
        mags = np.abs(spectral.stft(y, n_fft=n_fft, hop_length=hop_length))
        image = spectral.amplitude_to_db(_max_pool(mags, 240, 400), ref=float(mags.max()))
        for array in (y, mags, image):
            array.setflags(write=False)
        _FEATURE_SOUND_CACHE[key] = (y, mags, image.astype(np.float32))
    return _FEATURE_SOUND_CACHE[key]


def spectral_feature_explorer(
    *, sound="trumpet_A4", time=1.0, roll_percent=0.85, n_fft=2048, hop_length=512, sr=_SR
):
    """See one frame's spectrum with its centroid, bandwidth and roll-off marked.

    Choose a sound and a moment: the top panel is the sound's spectrogram with
    the chosen frame marked; the bottom panel is that frame's magnitude
    spectrum (linear, scaled so its peak is 1), with the centroid (its centre
    of mass), the band centroid ± bandwidth (its spread), the roll-off (below
    which ``roll_percent`` of the magnitude lies) and the running total (as a
    fraction of the frame's magnitude, on the same 0 to 1 axis) that defines the
    roll-off.  The readout gives the numbers, and the flatness.
    The sound plays 0.4 s around the chosen moment.  Every number comes from
    :mod:`helpers.spectral` (``spectral_centroid`` and friends with ``S=`` one
    frame's magnitudes).

    Parameters
    ----------
    sound : {"trumpet_A4", "flute_A4", "piano_A4", "organ_A4", "speech", "white noise"}, keyword-only
        Starting sound (3 s of it; the speech from 1.9 s on).
    time : float, keyword-only
        Starting moment in seconds, from 0 to 3.
    roll_percent : float, keyword-only
        Starting roll-off fraction, from 0.05 to 0.99 on the slider.
    n_fft, hop_length : int, keyword-only
        STFT frame length (256 to 8192) and hop in samples.
    sr : float, keyword-only
        Sample rate in Hz.

    Returns
    -------
    Explorer
        Controls ``"sound"``, ``"time"`` and ``"roll_percent"``; ``state`` holds
        ``"frame"``, ``"time"`` (the frame's centre, s), ``"centroid"``,
        ``"bandwidth"`` and ``"rolloff"`` (Hz), ``"flatness"`` and ``"silent"``.

    Examples
    --------
    >>> ex = spectral_feature_explorer(sound="flute_A4", time=1.0)
    >>> flute = ex.state["centroid"]
    >>> ex.controls["sound"].value = "trumpet_A4"
    >>> bool(ex.state["centroid"] > 2 * flute)   # the trumpet is much brighter
    True

    Taught in: notebooks/08_spectral_features.ipynb
    """
    import ipywidgets as ipw

    from . import _validate, spectral

    _validate.choice(sound, "sound", tuple(_FEATURE_SOUNDS))
    time = _validate.number(time, "time", minimum=0.0, maximum=_FEATURE_CLIP_S)
    roll_percent = _validate.number(roll_percent, "roll_percent", minimum=0.05, maximum=0.99)
    n_fft = _validate.whole(n_fft, "n_fft", minimum=256)
    if n_fft > 8192:
        raise ValueError(f"n_fft must be <= 8192; got {n_fft}")
    hop_length = _validate.whole(hop_length, "hop_length")
    if hop_length > n_fft:
        raise ValueError(f"hop_length must be <= n_fft={n_fft}; got {hop_length}")
    sr = _validate.sample_rate(sr)
    freqs = spectral.fft_frequencies(n_fft, sr=sr)

    fig, (ax_img, ax_spec) = _figure(2, height=5.6)
    image = ax_img.imshow(
        np.full((2, 2), -80.0),
        origin="lower",
        aspect="auto",
        cmap="magma",
        vmin=-80,
        vmax=0,
        interpolation="nearest",
        extent=(0, _FEATURE_CLIP_S, 0, sr / 2),
    )
    moment = ax_img.axvline(time, color="w", lw=1.5, ls="--")
    # Few tick labels and a fixed title: text is most of the time a redraw takes.
    ax_img.set(
        xlabel="Time (s)",
        ylabel="Frequency (Hz)",
        xticks=[0, 1, 2, 3],
        yticks=np.arange(0, sr / 2, 5000),
        title="Spectrogram; the dashed line marks the frame below",
    )
    (spec_line,) = ax_spec.plot(freqs, np.zeros_like(freqs), color="0.35", lw=1.0)
    spread = ax_spec.axvspan(0, 1, color="C0", alpha=0.18, lw=0)
    centroid_line = ax_spec.axvline(0, color="C0", lw=2.2)
    rolloff_line = ax_spec.axvline(0, color="C3", lw=2.0, ls="--")
    # The running total (a fraction of the frame's magnitude) shares the 0..1 axis.
    (sum_line,) = ax_spec.plot(freqs, np.zeros_like(freqs), color="C2", lw=1.2)
    level_line = ax_spec.axhline(roll_percent, color="C2", lw=0.9, ls=":")
    ax_spec.set(
        xlim=(0, sr / 2),
        ylim=(0, 1.08),
        xticks=np.arange(0, sr / 2, 2500),
        yticks=[0, 0.5, 1],
        xlabel="Frequency (Hz)",
        ylabel="Magnitude (peak = 1)",
    )
    # The key in the title (one text instead of a legend); the numbers are in the readout.
    ax_spec.set_title(
        "That frame: centroid (blue) ± bandwidth (shaded), roll-off (red), running total (green)",
        fontsize="medium",
    )
    fig.draw_without_rendering()
    fig.set_layout_engine(None)

    controls = {
        "sound": ipw.Dropdown(
            options=list(_FEATURE_SOUNDS), value=sound, description="sound", style=_STYLE
        ),
        "time": _slider(
            "float", "time (s)", time, 0.0, _FEATURE_CLIP_S, 0.01, readout_format=".2f"
        ),
        "roll_percent": _slider(
            "float", "roll_percent", roll_percent, 0.05, 0.99, 0.01, readout_format=".2f"
        ),
    }
    half = int(0.2 * sr)

    def render(v):
        y, mags, db_image = _feature_sound(v["sound"], sr, n_fft, hop_length)
        n_frames = mags.shape[1]
        frame = min(int(round(v["time"] * sr / hop_length)), n_frames - 1)
        column = mags[:, frame]
        features = dict(S=column, sr=sr, n_fft=n_fft)
        centroid = spectral.spectral_centroid(**features)
        bandwidth = spectral.spectral_bandwidth(**features)
        rolloff = spectral.spectral_rolloff(**features, roll_percent=v["roll_percent"])
        flatness = spectral.spectral_flatness(S=column, n_fft=n_fft)
        peak = float(column.max())
        silent = not peak > 0
        scale = peak if not silent else 1.0
        running = np.cumsum(column, dtype=np.float64)
        running = running / running[-1] if not silent else np.zeros_like(running)

        image.set_data(db_image)
        moment.set_xdata([frame * hop_length / sr] * 2)
        spec_line.set_ydata(column / scale)
        spread.set_x(max(0.0, centroid - bandwidth))
        spread.set_width(min(sr / 2, centroid + bandwidth) - max(0.0, centroid - bandwidth))
        centroid_line.set_xdata([centroid, centroid])
        rolloff_line.set_xdata([rolloff, rolloff])
        sum_line.set_ydata(running)
        level_line.set_ydata([v["roll_percent"]] * 2)
        t_frame = frame * hop_length / sr
        flat_db = 10 * np.log10(flatness)
        readout = (
            f"{_FEATURE_SOUNDS[v['sound']]}<br>frame {frame} at {t_frame:.2f} s: "
            f"centroid <b>{centroid:.0f} Hz</b>; bandwidth <b>{bandwidth:.0f} Hz</b>; "
            f"{100 * v['roll_percent']:g} % of the magnitude lies below <b>{rolloff:.0f} Hz</b>; "
            f"flatness <b>{flatness:.3g}</b> ({flat_db:.0f} dB)"
            + (
                " &mdash; a silent frame: centroid and roll-off read 0 Hz, flatness 1"
                if silent
                else ""
            )
        )
        centre = frame * hop_length
        snippet = np.asarray(y[max(0, centre - half) : centre + half], dtype=np.float64)
        return {
            "y": _fade(snippet, sr),
            "sr": sr,
            "readout": readout,
            "frame": frame,
            "time": t_frame,
            "centroid": centroid,
            "bandwidth": bandwidth,
            "rolloff": rolloff,
            "flatness": flatness,
            "silent": silent,
        }

    return Explorer(
        "Spectral feature explorer: one frame's spectrum, summarised", controls, render, fig
    )


def recorder(*, sr=22050, max_seconds=10):
    """Record your own voice (or upload a file): see :func:`helpers.recorder.recorder`.

    Examples
    --------
    >>> recorder().y is None
    True

    Taught in: notebooks/00_start_here.ipynb
    """
    from .recorder import recorder as _recorder  # imported on use: anywidget loads only then

    return _recorder(sr=sr, max_seconds=max_seconds)
