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

    cls = {"float": widgets.FloatSlider, "int": widgets.IntSlider,
           "log": widgets.FloatLogSlider}[kind]
    options = dict(value=value, min=minimum, max=maximum, step=step, description=description,
                   style=_STYLE, layout=_LAYOUT, continuous_update=True, **kwargs)
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
        self.audio.value = to_wav_bytes(result["y"], result["sr"],
                                        normalize=bool(result.get("normalize", False)))
        buf = io.BytesIO()
        self.fig.savefig(buf, format="png", dpi=self.dpi)
        self.image.value = buf.getvalue()
        self.updates += 1

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
    >>> ex.state["period_ms"]
    2.2727272727272725

    Taught in: notebooks/01_sound_waves.ipynb
    """
    fig, (ax,) = _figure(height=2.8)
    t_ms = np.linspace(0, 10, 2000)
    (line,) = ax.plot(t_ms, np.zeros_like(t_ms), lw=1.5)
    ax.axhline(0, color="0.7", lw=0.8)
    ax.set(xlim=(0, 10), ylim=(-1.05, 1.05), xlabel="Time (ms)", ylabel="Amplitude",
           title="The first 10 ms of the sine")
    controls = {
        "freq": _slider("log", "frequency (Hz)", freq, np.log10(50), np.log10(2000), 0.01,
                        base=10, readout_format=".0f"),
        "amplitude": _slider("float", "amplitude", amplitude, 0.0, 1.0, 0.01),
        "phase": _slider("float", "phase (radians)", phase, 0.0, 2 * np.pi, 0.05,
                         readout_format=".2f"),
    }

    def render(v):
        line.set_ydata(v["amplitude"] * np.sin(2 * np.pi * v["freq"] * t_ms / 1000 + v["phase"]))
        y = _fade(signals.sine(v["freq"], 1.0, sr=sr, amplitude=v["amplitude"],
                               phase=v["phase"]), sr)
        period_ms = 1000.0 / v["freq"]
        level = 20 * np.log10(v["amplitude"]) if v["amplitude"] > 0 else -np.inf
        readout = (f"period T = 1/f = <b>{period_ms:.2f} ms</b> &nbsp; "
                   f"({v['freq'] * 0.01:.1f} periods in the 10 ms shown) &nbsp; "
                   f"peak level = <b>{level:.1f} dBFS</b>")
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
    parts = [ax.plot(t_ms, np.zeros_like(t_ms), lw=0.8, alpha=0.6, label=f"sine {i + 1}")[0]
             for i in range(3)]
    (total,) = ax.plot(t_ms, np.zeros_like(t_ms), lw=2.0, color="k", label="sum")
    ax.set(xlim=(0, 20), ylim=(-1.6, 1.6), xlabel="Time (ms)", ylabel="Amplitude",
           title="Each sine (thin) and their sum (thick): the first 20 ms")
    ax.legend(loc="upper right", fontsize="small", ncols=4)
    controls = {}
    for i, (f, a) in enumerate(partials, start=1):
        controls[f"freq{i}"] = _slider("float", f"sine {i} frequency (Hz)", f, 50.0, 2000.0, 5.0)
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
        terms = " + ".join(f"{v[f'amp{i}']:.2f}&middot;sin(2&pi;&middot;{v[f'freq{i}']:.0f}&middot;t)"
                           for i in (1, 2, 3))
        readout = (f"y(t) = {terms}<br>peak of the sum = <b>{peak:.2f}</b> "
                   f"(at most the sum of the amplitudes, "
                   f"{sum(v[f'amp{i}'] for i in (1, 2, 3)):.2f})")
        return {"y": _fade(y, sr), "sr": sr, "readout": readout, "peak": peak}

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
        verdict = ("below Nyquist: the samples keep the tone"
                   if f < nyquist else "above Nyquist: the samples describe a lower tone")
        readout = (f"Nyquist frequency = sr / 2 = <b>{nyquist:.0f} Hz</b>; the tone is {verdict}. "
                   f"You hear <b>{alias:.0f} Hz</b>.")
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
    from . import _checks

    if y is None:
        y = signals.sine(440, 1.0, sr=sr, amplitude=0.9)
    y = np.asarray(_checks.signal(y), dtype=np.float64)
    sr = _checks.sample_rate(sr)
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
        readout = (f"measured SNR = <b>{snr:.1f} dB</b>; rule of thumb for a full-scale sine "
                   f"6.02&middot;{b} + 1.76 = <b>{rule:.1f} dB</b>")
        return {"y": q, "sr": sr, "readout": readout, "snr": snr, "snr_rule": rule}

    return Explorer("Bit-depth explorer", controls, render, fig)


def adsr_designer(*, attack=0.05, decay=0.2, sustain_level=0.6, release=0.4, duration=1.5,
                  freq=440.0, sr=_SR):
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
    ax_env.set(ylim=(-0.02, 1.05), xlim=(0, duration), ylabel="Envelope",
               title="The envelope (top) and the tone it shapes (bottom)")
    wave_ax_line = ax_wave.plot(t, np.zeros(n), color="C0", lw=0.5)[0]
    ax_wave.set(ylim=(-1.05, 1.05), xlim=(0, duration), xlabel="Time (s)", ylabel="Amplitude")
    controls = {
        "attack": _slider("float", "attack (s)", attack, 0.0, 0.5, 0.005, readout_format=".3f"),
        "decay": _slider("float", "decay (s)", decay, 0.0, 0.5, 0.005, readout_format=".3f"),
        "sustain_level": _slider("float", "sustain level", sustain_level, 0.0, 1.0, 0.01),
        "release": _slider("float", "release (s)", release, 0.0, 0.5, 0.005,
                           readout_format=".3f"),
    }
    last = {}

    def render(v):
        try:
            env = signals.adsr_envelope(v["attack"], v["decay"], v["sustain_level"],
                                        v["release"], duration, sr=sr)
        except ValueError as exc:
            return {**last, "readout": f"<span style='color:#b00'>{exc}</span>"}
        y = tone * env
        env_line.set_ydata(env)
        wave_ax_line.set_ydata(y)
        sustain_time = duration - v["attack"] - v["decay"] - v["release"]
        readout = (f"sustain lasts <b>{sustain_time:.3f} s</b> of the {duration:g} s note")
        last.update({"y": _fade(y, sr, 0.002), "sr": sr, "envelope": env})
        return {**last, "readout": readout}

    return Explorer("ADSR designer", controls, render, fig)


def harmonics_mixer(*, f0=220.0, amplitudes=(1.0, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.12),
                    sr=_SR):
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
    ax_wave.set(xlim=(0, t[-1] * 1000), xlabel="Time (ms)", ylabel="Amplitude",
                title=f"Two periods of the waveform (f0 = {f0:g} Hz)")
    ks = np.arange(1, 9)
    bars = ax_bars.bar(ks * f0, np.zeros(8), width=f0 * 0.4, color="C2")
    ax_bars.set(ylim=(0, 1.05), xlabel="Frequency (Hz)", ylabel="Amplitude",
                xticks=ks * f0, title="The recipe: how much of each harmonic")
    controls = {f"h{k}": _slider("float", f"harmonic {k} ({k * f0:g} Hz)", a, 0.0, 1.0, 0.01)
                for k, a in zip(ks, amplitudes)}

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
        readout = "brightness grows with the upper harmonics; all at 0 except the first is a pure sine"
        return {"y": y, "sr": sr, "normalize": True, "readout": readout, "amplitudes": amps}

    return Explorer("Harmonics mixer", controls, render, fig)


# ---------------------------------------------------------------- notebook 04 widgets


# ---------------------------------------------------------------- notebook 06 widgets


# ---------------------------------------------------------------- notebook 07 widgets
