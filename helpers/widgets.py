"""Interactive explorers: sliders wired to ``signals``, ``features``, ``spectral`` and ``audio``.

Each function returns an :class:`Explorer`: sliders, a picture, a sound player and a
line of numbers, kept in step.  Moving a slider recomputes everything with the
helpers; the picture is drawn in the browser by the course's canvas widget
(:mod:`helpers.canvas`) from the arrays computed here, so it follows the hand at
screen rate.  Explorers of a steady sound also offer a *live sound* button: the
sound then plays continuously and follows the sliders while you drag.

Explorers also work without a browser: set ``explorer.controls["freq"].value`` and
read ``explorer.state``, ``explorer.readout.value``, ``explorer.image.value`` (the
picture as a PNG, drawn by matplotlib from the same description),
``explorer.audio.value`` (the sound as a WAV) or ``explorer.alt_text`` (what the
picture shows and what to notice); that is how the tests check them.  Where no
widget front end is present (the HTML site, other viewers) an explorer shows that
PNG, with the text alternative as its ``alt``.
"""

from __future__ import annotations

import asyncio

import numpy as np

from . import _validate, signals
from . import canvas as draw
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
_WIDTH = 640  # picture width in pixels
_AUDIO_DELAY_S = 0.25  # the WAV player is refreshed once the sliders rest this long
_MIN_INTERVAL_S = 1 / 60  # in a kernel, at most one recomputation per screen frame


def _fade(y, sr, seconds=0.01):
    """Short fade in and out so a tone does not click when it starts and stops."""
    n = min(int(seconds * sr), len(y) // 2)
    if n > 0:
        ramp = np.linspace(0.0, 1.0, n)
        y = y.copy()
        y[:n] *= ramp
        y[-n:] *= ramp[::-1]
    return y


def _start(value, name, low, high, unit=""):
    """A starting value for a slider: a real number within the slider's range, or a clear error."""
    value = _validate.number(value, name)
    if not low <= value <= high:
        raise ValueError(
            f"{name} must be between {low:g} and {high:g}{unit} (the range of its slider); "
            f"got {value!r}"
        )
    return value


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


def _loop_plan(freqs, sr, *, seconds=1.0):
    """Length of a sound loop that repeats seamlessly, and the frequencies it can hold.

    A loop of ``n`` samples repeats without a jump when every tone in it makes a whole
    number of cycles in ``n`` samples.  For one frequency (a tone and its harmonics) the
    loop holds the whole number of periods, between half and all of ``seconds``, that
    comes closest to a whole number of samples: the loop's frequency then differs from
    the one asked for by less than a millionth.  For several unrelated frequencies the
    loop lasts ``seconds`` and each frequency is rounded to a multiple of
    ``1 / seconds`` Hz (whole hertz for the default second).

    Returns ``(n, freqs_in_loop)``.
    """
    freqs = np.atleast_1d(np.asarray(freqs, dtype=float))
    if len(freqs) == 1 and freqs[0] > 0:
        period = sr / freqs[0]
        cycles = np.arange(max(1, int(0.5 * seconds * freqs[0])), int(seconds * freqs[0]) + 1)
        cycles = cycles if len(cycles) else np.array([1])
        misfit = np.abs(cycles * period - np.round(cycles * period))
        k = int(cycles[np.argmin(misfit)])
        n = int(round(k * period))
        return n, np.array([k * sr / n])
    n = int(round(seconds * sr))
    return n, np.round(freqs * n / sr) * sr / n


def _running_loop():
    """The event loop of the kernel we run in, if any (None in plain Python and tests)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class _Picture:
    """The explorer's picture as a PNG (``value``), drawn by matplotlib on demand."""

    def __init__(self, explorer):
        self._explorer = explorer
        self._cache = (None, b"")

    @property
    def value(self):
        ex = self._explorer
        ex.flush()
        if self._cache[0] != ex._updates:
            self._cache = (ex._updates, draw.to_png(ex._figure))
        return self._cache[1]

    @property
    def alt(self):
        return self._explorer.alt_text

    def _repr_png_(self):
        return self.value


class Explorer:
    """Sliders, a picture, a sound and a readout, kept in step.

    Parameters
    ----------
    title : str
        Heading shown above the sliders.
    controls : dict of str to ipywidgets.ValueWidget
        The sliders (or other controls); their ``value`` s are passed to ``render``.
    render : callable
        ``render(values) -> dict`` with keys ``"figure"`` (a :func:`helpers.canvas.figure`,
        whose ``alt`` says what it shows), ``"y"`` and ``"sr"`` (the sound; ``"y"`` may be a
        function that makes it, called only when the player needs it), optionally
        ``"normalize"`` (bool), ``"readout"`` (HTML text), ``"sound_label"`` (what the
        player plays) and ``"loop"`` (for a live sound: a function returning
        ``(samples, sr)``, samples that repeat seamlessly), plus any numbers worth
        keeping in ``state``.
    live_sound : bool, keyword-only
        Offer the live-sound button (steady sounds only).

    Attributes
    ----------
    widget : ipywidgets.VBox
        What a notebook displays (an Explorer displays as this widget).
    controls, canvas, readout, audio, image, state, figure, alt_text, live, loop
        The parts, for tests and curious learners.  ``image.value`` is the picture as
        PNG bytes, ``audio.value`` the sound as WAV bytes.

    Notes
    -----
    In a running kernel, a slider move only marks the explorer as out of date and asks
    the kernel's event loop to bring it up to date right after the message is handled
    (or, if the last recomputation is less than a screen frame, 1/60 s, old, once that
    frame has passed), with whatever values the controls hold by then.  The kernel
    so reports itself idle at once, and the browser, which sends a slider's next value
    only when the kernel has handled the previous one, can send it while the picture
    is computed.  Moves that arrive in between are merged: the newest value wins,
    nothing queues up, and the last move is always drawn.  Reading
    ``state``, ``readout``, ``audio``, ``image``, ``figure`` or ``alt_text`` brings it
    up to date first, so code that sets a value and reads the result sees the new
    result.  The WAV player is refreshed once the sliders rest for a quarter of a
    second (nobody presses play mid-drag); the live sound follows every move.
    """

    def __init__(self, title, controls, render, *, live_sound=False):
        import ipywidgets as widgets

        self.controls = dict(controls)
        self._render = render
        self._state = {}
        self._updates = 0
        self._stale = True
        self._scheduled = False
        self._last_flush = 0.0
        self._audio_pending = None
        self._audio_timer = None
        self.canvas = draw.new_canvas(sound=bool(live_sound))
        self._audio = widgets.Audio(format="wav", autoplay=False, loop=False)
        self._readout = widgets.HTML()
        self._sound_label = widgets.HTML()
        self.image = _Picture(self)
        header = widgets.HTML(f"<b>{title}</b>")
        self.title = title
        self.widget = widgets.VBox(
            [
                header,
                *self.controls.values(),
                self._readout,
                self.canvas,
                self._sound_label,
                self._audio,
            ]
        )
        self.widget.add_class("course-explorer")
        for control in self.controls.values():
            control.observe(self._changed, names="value")
        self.canvas.observe(self._live_changed, names="live")
        self.flush()
        self._push_audio()  # the first sound at once; later ones once the sliders rest

    # -- keeping up to date

    def values(self):
        """Current control values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def _changed(self, change=None):
        self._stale = True
        loop = _running_loop()
        if loop is None:
            self.flush()
            return
        if self._scheduled:
            return  # a recomputation is already on its way and will use the newest values
        # Not here, but just after this message is handled: the kernel then reports
        # itself idle at once, and the browser sends the next move while we compute.
        self._scheduled = True
        wait = self._last_flush + _MIN_INTERVAL_S - loop.time()
        if wait <= 0:
            loop.call_soon(self.flush)
        else:
            loop.call_later(wait, self.flush)

    def flush(self):
        """Bring sound, picture and readout up to date with the controls (if they are not)."""
        self._scheduled = False
        if not self._stale:
            return
        self._stale = False
        loop = _running_loop()
        self._last_flush = loop.time() if loop is not None else 0.0
        result = self._render(self.values())
        self._state = result
        self._figure = result["figure"]
        self._updates += 1
        self.canvas.figure = draw.to_wire(self._figure)
        self._readout.value = result.get("readout", "")
        if self.canvas.live:
            self._send_loop()
        self._audio_pending = result
        loop = _running_loop()
        if loop is None:
            self._push_audio()
        else:
            if self._audio_timer is not None:
                self._audio_timer.cancel()
            self._audio_timer = loop.call_later(_AUDIO_DELAY_S, self._push_audio)

    def _push_audio(self):
        self._audio_timer = None
        result, self._audio_pending = self._audio_pending, None
        if result is not None:
            self._sound_label.value = f"<small>{result.get('sound_label', 'The sound:')}</small>"
            y = result["y"]
            self._audio.value = to_wav_bytes(
                y() if callable(y) else y,
                result["sr"],
                normalize=bool(result.get("normalize", False)),
            )

    def _live_changed(self, change):
        if change["new"]:
            self.flush()
            self._send_loop()

    def _send_loop(self):
        make = self._state.get("loop")
        if make is None:
            return
        samples, sr = make()
        samples = np.asarray(samples, dtype=np.float32)
        self._loop = (samples, sr)
        self.canvas.loop = {
            "sr": float(sr),
            "samples": samples.astype("<f4").tobytes(),
            "id": self._updates,
        }

    # -- the parts, always up to date

    @property
    def state(self):
        """The numbers behind the current picture and sound (a dict)."""
        self.flush()
        return self._state

    @property
    def updates(self):
        """How many times sound, picture and readout were recomputed."""
        self.flush()
        return self._updates

    @property
    def readout(self):
        """The line of numbers (an ipywidgets.HTML; its ``value`` is the HTML text)."""
        self.flush()
        return self._readout

    @property
    def audio(self):
        """The sound player (an ipywidgets.Audio; its ``value`` is the WAV file's bytes)."""
        self.flush()
        if self._audio_pending is not None:
            if self._audio_timer is not None:
                self._audio_timer.cancel()
            self._push_audio()
        return self._audio

    @property
    def figure(self):
        """The picture's description (panels and layers of arrays; see helpers.canvas)."""
        self.flush()
        return self._figure

    def layer(self, name):
        """The arrays of one named layer of the picture, e.g. ``ex.layer("alias")["y"]``."""
        return draw.find_layer(self.figure, name)

    @property
    def alt_text(self):
        """What the picture shows and what to notice, with the current values (plain text)."""
        return self.figure["alt"]

    @property
    def live(self):
        """Whether the live sound plays (the button under the picture sets it)."""
        return self.canvas.live

    @live.setter
    def live(self, on):
        if on and not self.canvas.sound:
            raise ValueError(f"{self.title!r} has no live sound: its sound is not steady")
        self.canvas.live = _validate.flag(on, "live")

    @property
    def loop(self):
        """The live sound's samples and sample rate ``(samples, sr)``, or None when it is off."""
        self.flush()
        return getattr(self, "_loop", None) if self.canvas.live else None

    # -- display

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data = dict(data)
        data["text/plain"] = f"{self.title}: {self.alt_text}"
        data["text/html"] = draw.html_fallback(self.image.value, self.alt_text, self.readout.value)
        return data


# ---------------------------------------------------------------- notebook 01 widgets


def sine_explorer(*, freq=220.0, amplitude=0.5, phase=0.0, sr=_SR):
    """Explore frequency, amplitude and phase of a sine wave.

    The plot shows the first 10 ms; the sound is 1 s long and is played at its
    true level (not normalised), so the amplitude slider changes the loudness.
    The live sound plays the same sine without end and follows the sliders.

    Parameters
    ----------
    freq : float, keyword-only
        Starting frequency in Hz (50 to 2000, the slider's range).
    amplitude : float, keyword-only
        Starting amplitude (0 to 1).
    phase : float, keyword-only
        Starting phase in radians (0 to 2 pi).
    sr : float, keyword-only
        Sample rate in Hz (at least 4000, so every frequency on the slider is below
        the Nyquist frequency).

    Examples
    --------
    >>> ex = sine_explorer()
    >>> ex.controls["freq"].value = 440
    >>> round(ex.state["period_ms"], 3)
    2.273

    Taught in: notebooks/01_sound_waves.ipynb
    """
    freq = _start(freq, "freq", 50, 2000, " Hz")
    amplitude = _start(amplitude, "amplitude", 0, 1)
    phase = _start(phase, "phase", 0, 2 * np.pi, " radians")
    sr = _validate.number(sr, "sr", minimum=4000)
    t_ms = np.linspace(0, 10, 2000)
    controls = {
        # The slider moves in steps of 0.01 in log10(Hz) (2.3 %); its grid is shifted
        # (by less than a step) so that the starting frequency lies on it, exactly.
        "freq": _slider(
            "log",
            "frequency (Hz)",
            freq,
            np.log10(freq) - np.floor((np.log10(freq) - np.log10(50)) / 0.01 + 1e-9) * 0.01,
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
        f, a, phi = v["freq"], v["amplitude"], v["phase"]
        wave = a * np.sin(2 * np.pi * f * t_ms / 1000 + phi)
        y = _fade(signals.sine(f, 1.0, sr=sr, amplitude=a, phase=phi), sr)
        period_ms = 1000.0 / f
        level = 20 * np.log10(a) if a > 0 else -np.inf
        readout = (
            f"period T = 1/f = <b>{period_ms:.2f} ms</b> &nbsp; "
            f"({f * 0.01:.1f} periods in the 10 ms shown) &nbsp; "
            f"peak level = <b>{level:.1f} dBFS</b>"
        )
        alt = (
            f"The first 10 ms of a sine of {f:.0f} Hz, amplitude {a:.2f}, phase {phi:.2f} "
            f"radians: {f * 0.01:.1f} periods, each {period_ms:.2f} ms long, swinging between "
            f"{-a:.2f} and {a:.2f}. A higher frequency packs more periods into the 10 ms; "
            f"a larger amplitude makes the swings taller."
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.hlines([0], color="0.7", width=0.8),
                        draw.line(t_ms, wave, width=1.5, name="sine"),
                    ],
                    xlim=(0, 10),
                    ylim=(-1.05, 1.05),
                    xlabel="Time (ms)",
                    ylabel="Amplitude",
                    title="The first 10 ms of the sine",
                )
            ],
            width=_WIDTH,
            height=224,
            alt=alt,
        )

        def loop():
            n, (f_loop,) = _loop_plan([f], sr)
            return signals.sine(f_loop, n / sr, sr=sr, amplitude=a, phase=phi), sr

        return {
            "figure": fig,
            "y": y,
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: 1 s of this sine ({f:.0f} Hz), at its true level.",
            "loop": loop,
            "period_ms": period_ms,
        }

    return Explorer("Sine explorer", controls, render, live_sound=True)


def superposition_explorer(*, partials=((220.0, 0.5), (330.0, 0.3), (440.0, 0.0)), sr=_SR):
    """Add up to three sines and see and hear their sum.

    Parameters
    ----------
    partials : sequence of (frequency in Hz, amplitude), keyword-only
        Starting values of the three components: frequencies 50 to 2000 Hz,
        amplitudes 0 to 0.5 (the sliders' ranges).
    sr : float, keyword-only
        Sample rate in Hz (at least 4000).

    Notes
    -----
    The live sound repeats one second, so it plays each frequency rounded to whole
    hertz (the sliders move in whole hertz anyway).

    Examples
    --------
    >>> ex = superposition_explorer()
    >>> ex.controls["amp3"].value = 0.2
    >>> round(float(ex.state["peak"]), 2) > 0
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    try:
        partials = [tuple(p) for p in partials]
    except TypeError:
        raise TypeError(
            f"partials must be 3 (frequency, amplitude) pairs; got {_validate._show(partials)}"
        ) from None
    if len(partials) != 3 or any(len(p) != 2 for p in partials):
        raise ValueError(
            f"partials must hold 3 (frequency, amplitude) pairs; got {_validate._show(partials)}"
        )
    partials = [
        (
            _start(f, f"partials[{i}] frequency", 50, 2000, " Hz"),
            _start(a, f"partials[{i}] amplitude", 0, 0.5),
        )
        for i, (f, a) in enumerate(partials)
    ]
    sr = _validate.number(sr, "sr", minimum=4000)
    t_ms = np.linspace(0, 20, 2000)
    controls = {}
    for i, (f, a) in enumerate(partials, start=1):
        controls[f"freq{i}"] = _slider("float", f"sine {i} frequency (Hz)", f, 50.0, 2000.0, 1.0)
        controls[f"amp{i}"] = _slider("float", f"sine {i} amplitude", a, 0.0, 0.5, 0.01)

    def render(v):
        t = t_ms / 1000
        freqs = [v[f"freq{i}"] for i in (1, 2, 3)]
        amps = [v[f"amp{i}"] for i in (1, 2, 3)]
        comps = [a * np.sin(2 * np.pi * f * t) for f, a in zip(freqs, amps)]
        y = sum(signals.sine(f, 1.0, sr=sr, amplitude=a) for f, a in zip(freqs, amps))
        peak = float(np.abs(y).max())
        terms = " + ".join(
            f"{a:.2f}&middot;sin(2&pi;&middot;{f:.0f}&middot;t)" for f, a in zip(freqs, amps)
        )
        readout = (
            f"y(t) = {terms}<br>peak of the sum = <b>{peak:.2f}</b> "
            f"(at most the sum of the amplitudes, {sum(amps):.2f})"
        )
        if peak > 1.0:  # beyond full scale: play it scaled down rather than fail
            readout += "; above 1, so the sound is scaled down to play without clipping"
        alt = (
            "The first 20 ms of three sines (thin lines) and their sum (thick black line): "
            + ", ".join(f"{f:.0f} Hz at amplitude {a:.2f}" for f, a in zip(freqs, amps))
            + f". The sum peaks at {peak:.2f}: where the sines rise together the sum is tall, "
            "where they pull apart it shrinks."
        )
        layers = [
            draw.line(t_ms, c, color=f"C{i}", width=0.9, alpha=0.65, label=f"sine {i + 1}")
            for i, c in enumerate(comps)
        ]
        layers.append(draw.line(t_ms, sum(comps), color="k", width=2.0, label="sum", name="sum"))
        fig = draw.figure(
            [
                draw.panel(
                    layers,
                    xlim=(0, 20),
                    ylim=(-1.6, 1.6),
                    xlabel="Time (ms)",
                    ylabel="Amplitude",
                    title="Each sine (thin) and their sum (thick): the first 20 ms",
                    legend="upper right",
                )
            ],
            width=_WIDTH,
            height=240,
            alt=alt,
        )

        def loop():
            n, f_loop = _loop_plan(freqs, sr)
            total = sum(signals.sine(f, n / sr, sr=sr, amplitude=a) for f, a in zip(f_loop, amps))
            top = float(np.abs(total).max())
            return (total / top if top > 1.0 else total), sr

        return {
            "figure": fig,
            "y": _fade(y, sr),
            "sr": sr,
            "readout": readout,
            "sound_label": "The sound: 1 s of the sum"
            + (" (scaled down to fit full scale)." if peak > 1 else ", at its true level."),
            "loop": loop,
            "peak": peak,
            "normalize": peak > 1.0,
        }

    return Explorer("Superposition: adding sines", controls, render, live_sound=True)


# ---------------------------------------------------------------- notebook 02 widgets


def aliasing_explorer(*, freq=15000.0, sr=22050.0):
    """See and hear what sampling does to a tone above the Nyquist frequency.

    The thin curve is the true tone, the dots are the samples taken at the
    chosen sample rate, and the dashed curve is the lowest-frequency sine
    through those same dots: the alias, which is what playback produces.  The
    sound plays that alias (reconstructed at 44 100 Hz).  A tone at exactly a
    multiple of the Nyquist frequency is sampled at its zero crossings: every
    sample is 0, and the explorer draws and plays silence and says why.

    Parameters
    ----------
    freq : float, keyword-only
        Starting tone frequency in Hz (100 to 22 000, the slider's range).
    sr : float, keyword-only
        Starting sample rate in Hz (2000 to 48 000).

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
    freq = _start(freq, "freq", 100, 22000, " Hz")
    sr = _start(sr, "sr", 2000, 48000, " Hz")
    controls = {
        "freq": _slider("float", "tone frequency (Hz)", freq, 100.0, 22000.0, 50.0),
        "sr": _slider("float", "sample rate (Hz)", sr, 2000.0, 48000.0, 50.0),
    }
    play_sr = 44100
    n_samples = 24

    def render(v):
        f, rate = v["freq"], v["sr"]
        span = n_samples / rate
        t = np.linspace(0, span, 3000)
        tn = np.arange(n_samples + 1) / rate
        alias = signals.alias_frequency(f, sr=rate)
        nyquist = rate / 2
        # 2f/sr whole: every sample falls on a zero crossing of the sine.
        silent = bool(np.isclose(2 * f / rate, np.round(2 * f / rate), rtol=0, atol=1e-9))
        samples = np.sin(2 * np.pi * f * tn)
        if silent:
            samples = np.zeros_like(tn)
            alias_curve = np.zeros_like(t)
        else:
            # Sign of the folded copy: frequencies in the upper half of a fold flip phase.
            sign = 1.0 if (f % rate) <= rate / 2 else -1.0
            alias_curve = sign * np.sin(2 * np.pi * alias * t)
        if silent:
            verdict = (
                f"exactly {round(2 * f / rate)} &times; the Nyquist frequency: every sample "
                f"lands on a zero crossing of the sine, so <b>every sample is 0</b> and you "
                f"hear <b>silence</b>. Only frequencies strictly below sr / 2 are kept"
            )
            heard = "silence"
        elif f < nyquist:
            verdict = "below Nyquist: the samples keep the tone"
            heard = f"{alias:.0f} Hz"
        else:
            verdict = "above Nyquist: the samples describe a lower tone"
            heard = f"{alias:.0f} Hz"
        readout = (
            f"Nyquist frequency = sr / 2 = <b>{nyquist:.0f} Hz</b>; the tone is {verdict}. "
            f"You hear <b>{heard}</b>."
        )
        if silent:
            alt = (
                f"A {f:.0f} Hz tone (thin grey) sampled at {rate:.0f} Hz: every sample dot sits "
                f"on zero, so the samples describe silence (a flat dashed line)."
            )
        else:
            alt = (
                f"A {f:.0f} Hz tone (thin grey) sampled at {rate:.0f} Hz (dots, Nyquist "
                f"{nyquist:.0f} Hz). The dashed red curve, a {alias:.0f} Hz sine, passes "
                f"through every dot: "
                + (
                    "it is the tone itself, since the tone is below Nyquist."
                    if f < nyquist
                    else "the samples cannot tell it from the tone, so that lower tone is "
                    "what you hear."
                )
            )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.line(
                            t * 1000,
                            np.sin(2 * np.pi * f * t),
                            color="0.55",
                            width=0.8,
                            label="true tone",
                            name="tone",
                        ),
                        draw.line(
                            t * 1000,
                            alias_curve,
                            color="C3",
                            width=1.8,
                            dash=(6, 4),
                            label="what the samples say",
                            name="alias",
                        ),
                        draw.dots(
                            tn * 1000, samples, color="C0", size=7, label="samples", name="samples"
                        ),
                    ],
                    xlim=(0, span * 1000),
                    ylim=(-1.15, 1.15),
                    xlabel="Time (ms)",
                    ylabel="Amplitude",
                    title=f"{f:.0f} Hz sampled at {rate:.0f} Hz (Nyquist {nyquist:.0f} Hz)",
                    legend="upper right",
                )
            ],
            width=_WIDTH,
            height=256,
            alt=alt,
        )
        amplitude = 0.0 if silent else 0.3
        y = _fade(signals.sine(alias, 1.0, sr=play_sr, amplitude=amplitude), play_sr)

        def loop():
            if silent or alias == 0:
                return np.zeros(play_sr // 10), play_sr
            n, (f_loop,) = _loop_plan([alias], play_sr)
            return signals.sine(f_loop, n / play_sr, sr=play_sr, amplitude=0.3), play_sr

        return {
            "figure": fig,
            "y": y,
            "sr": play_sr,
            "readout": readout,
            "sound_label": f"The sound: what the samples describe, {heard}.",
            "loop": loop,
            "alias": alias,
            "silent": silent,
        }

    return Explorer("Aliasing explorer", controls, render, live_sound=True)


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
        Start and end time in seconds of the stretch drawn: within the signal, at
        least two samples long.

    Notes
    -----
    The rule of thumb, 6.02 dB per bit + 1.76 dB, is for a sine at full scale.  A
    quieter signal (speech sits far below full scale) keeps the same quantization
    noise but less signal, so its SNR falls short of the rule by how far its power is
    below a full-scale sine's; the readout says by how much.

    Examples
    --------
    >>> ex = bit_depth_explorer()
    >>> ex.controls["bits"].value = 8
    >>> round(ex.state["snr_rule"], 2)
    49.92

    Taught in: notebooks/02_sampling_and_quantization.ipynb
    """
    sr = _validate.sample_rate(sr)
    if y is None:
        y = signals.sine(440, 1.0, sr=sr, amplitude=0.9)
    y = np.asarray(_validate.signal(y), dtype=np.float64)
    bits = int(_start(_validate.whole(bits, "bits"), "bits", 1, 16))
    try:
        t0, t1 = (float(_validate.number(t, "window")) for t in window)
    except (TypeError, ValueError):
        raise TypeError(
            f"window must be a pair (start, end) of times in seconds; got {_validate._show(window)}"
        ) from None
    length_s = len(y) / sr
    start, stop = int(round(t0 * sr)), int(round(t1 * sr))
    if not (0 <= t0 < t1 <= length_s + 0.5 / sr) or stop - start < 2:
        raise ValueError(
            f"window must be (start, end) in seconds with 0 <= start < end <= {length_s:g} "
            f"(the signal's length) and at least 2 samples between them; got {tuple(window)!r}"
        )
    seg = slice(start, min(stop, len(y)))
    t_ms = np.arange(len(y))[seg] / sr * 1000
    controls = {"bits": _slider("int", "bit depth", bits, 1, 16, 1)}
    signal_power = float(np.mean(y**2))
    # How far this signal's power is below a full-scale sine's (power 1/2), in dB.
    shortfall = 10 * np.log10(0.5 / signal_power) if signal_power > 0 else np.inf
    x_mid = (t_ms[:-1] + t_ms[1:]) / 2
    step_x = np.concatenate([[t_ms[0]], np.repeat(x_mid, 2), [t_ms[-1]]])

    def render(v):
        b = v["bits"]
        q = signals.quantize(y, b)
        err = q - y
        step = 2.0 / 2**b
        noise_power = float(np.mean(err**2))
        snr = 10 * np.log10(signal_power / noise_power) if noise_power > 0 else np.inf
        rule = 6.02 * b + 1.76
        readout = (
            f"measured SNR = <b>{snr:.1f} dB</b>; rule of thumb for a full-scale sine "
            f"6.02&middot;{b} + 1.76 = <b>{rule:.1f} dB</b>"
        )
        if shortfall > 3:
            readout += (
                f"<br>This signal is quieter than a full-scale sine: its power is "
                f"<b>{shortfall:.1f} dB</b> lower, so with the same quantization noise its "
                f"SNR falls short of the rule by about that much "
                f"({rule:.1f} &minus; {shortfall:.1f} = {rule - shortfall:.1f} dB)."
            )
        q_seg = q[seg]
        alt = (
            f"Top: {t_ms[-1] - t_ms[0]:.1f} ms of the signal (grey) and its {b}-bit version "
            f"(blue staircase, {2**b} levels {step:.3g} apart). Bottom: the error, quantized "
            f"minus original, which stays within half a step ({step / 2:.3g}). More bits "
            f"make the steps and the error smaller; measured SNR {snr:.1f} dB."
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.line(t_ms, y[seg], color="0.6", width=1.0, label="original"),
                        draw.line(
                            step_x,
                            np.repeat(q_seg, 2),
                            color="C0",
                            width=1.4,
                            label="quantized",
                            name="quantized",
                        ),
                    ],
                    xlim=(t_ms[0], t_ms[-1]),
                    ylim=(-1.05, 1.05),
                    ylabel="Amplitude",
                    title=f"{b} bit(s): {2**b} levels, step {step:.3g}",
                    legend="upper right",
                    show_xticklabels=False,
                ),
                draw.panel(
                    [draw.line(t_ms, err[seg], color="C3", width=1.0, name="error")],
                    xlim=(t_ms[0], t_ms[-1]),
                    ylim=(-step * 0.75, step * 0.75),
                    xlabel="Time (ms)",
                    ylabel="Error",
                ),
            ],
            width=_WIDTH,
            height=336,
            alt=alt,
        )
        return {
            "figure": fig,
            "y": q,
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: the whole signal at {b} bit(s).",
            "loop": lambda: (q, sr),
            "snr": snr,
            "snr_rule": rule,
            "level_shortfall_db": shortfall,
        }

    return Explorer("Bit-depth explorer", controls, render, live_sound=True)


# ---------------------------------------------------------------- notebook 03 widgets


def _waveform_points(y, sr):
    """Times and values to draw a long signal (per-pixel minima and maxima, as plotting does)."""
    from .plotting import _envelope_points

    return _envelope_points(np.asarray(y), sr, 0.0)


def adsr_designer(
    *, attack=0.05, decay=0.2, sustain_level=0.6, release=0.4, duration=1.5, freq=440.0, sr=_SR
):
    """Design an attack-decay-sustain-release envelope and hear it shape a tone.

    If attack + decay + release is longer than the note, the readout says so
    and the last valid sound stays.

    Parameters
    ----------
    attack, decay, release : float, keyword-only
        Starting stage lengths in seconds (0 to 0.5 each, the sliders' range); together
        at most ``duration``.
    sustain_level : float, keyword-only
        Starting sustain level (0 to 1).
    duration : float, keyword-only
        Length of the note in seconds (0.1 to 10).
    freq : float, keyword-only
        Fundamental of the tone in Hz (20 up to a fifth of ``sr / 2``, so that its
        five harmonics are below the Nyquist frequency).
    sr : float, keyword-only
        Sample rate in Hz.

    Examples
    --------
    >>> ex = adsr_designer()
    >>> ex.controls["attack"].value = 0.5
    >>> round(float(ex.state["envelope"].max()), 3)
    1.0

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    sr = _validate.sample_rate(sr)
    duration = _start(duration, "duration", 0.1, 10.0, " s")
    attack = _start(attack, "attack", 0, 0.5, " s")
    decay = _start(decay, "decay", 0, 0.5, " s")
    release = _start(release, "release", 0, 0.5, " s")
    sustain_level = _start(sustain_level, "sustain_level", 0, 1)
    freq = _start(freq, "freq", 20, sr / 10, " Hz")
    if attack + decay + release > duration:
        raise ValueError(
            f"attack + decay + release must fit in the note: {attack:g} + {decay:g} + "
            f"{release:g} = {attack + decay + release:g} s is longer than duration = "
            f"{duration:g} s. Shorten a stage or lengthen the note."
        )
    tone = signals.harmonic_tone(freq, [1.0, 0.5, 0.3, 0.2, 0.1], duration, sr=sr) / 2.1
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
        sustain_time = duration - v["attack"] - v["decay"] - v["release"]
        readout = f"sustain lasts <b>{sustain_time:.3f} s</b> of the {duration:g} s note"
        t_env, env_pts = _waveform_points(env, sr)
        t_wave, wave_pts = _waveform_points(y, sr)
        alt = (
            f"Top: the envelope over the {duration:g} s note: it rises from 0 to 1 in "
            f"{v['attack']:.3f} s, falls to {v['sustain_level']:.2f} in {v['decay']:.3f} s, "
            f"holds for {sustain_time:.3f} s and fades to 0 in the last {v['release']:.3f} s. "
            f"Bottom: the {freq:g} Hz tone shaped by it: its outline follows the envelope."
        )
        fig = draw.figure(
            [
                draw.panel(
                    [draw.line(t_env, env_pts, color="C1", width=2, name="envelope")],
                    xlim=(0, duration),
                    ylim=(-0.02, 1.05),
                    ylabel="Envelope",
                    title="The envelope (top) and the tone it shapes (bottom)",
                    show_xticklabels=False,
                ),
                draw.panel(
                    [draw.line(t_wave, wave_pts, color="C0", width=0.6, name="tone")],
                    xlim=(0, duration),
                    ylim=(-1.05, 1.05),
                    xlabel="Time (s)",
                    ylabel="Amplitude",
                ),
            ],
            width=_WIDTH,
            height=320,
            alt=alt,
        )
        last.update(
            {
                "figure": fig,
                "y": _fade(y, sr, 0.002),
                "sr": sr,
                "envelope": env,
                "sound_label": f"The sound: the {duration:g} s note with this envelope.",
            }
        )
        return {**last, "readout": readout}

    return Explorer("ADSR designer", controls, render)


def harmonics_mixer(*, f0=220.0, amplitudes=(1.0, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14, 0.12), sr=_SR):
    """Mix the first 8 harmonics of a note and hear the timbre change.

    The sound is normalised (the point is the tone colour, not the loudness).

    Parameters
    ----------
    f0 : float, keyword-only
        Fundamental frequency in Hz: 20 up to ``sr / 16``, so that all 8 harmonics
        are below the Nyquist frequency.
    amplitudes : sequence of 8 floats, keyword-only
        Starting amplitude of each harmonic (0 to 1, the sliders' range).
    sr : float, keyword-only
        Sample rate in Hz.

    Examples
    --------
    >>> ex = harmonics_mixer()
    >>> ex.controls["h2"].value = 0.0
    >>> ex.state["amplitudes"][1]
    0.0

    Taught in: notebooks/03_timbre_and_envelopes.ipynb
    """
    sr = _validate.sample_rate(sr)
    f0 = _start(f0, "f0", 20, sr / 16, " Hz")
    try:
        amplitudes = list(amplitudes)
    except TypeError:
        raise TypeError(
            f"amplitudes must be 8 numbers; got {_validate._show(amplitudes)}"
        ) from None
    if len(amplitudes) != 8:
        raise ValueError(f"amplitudes must hold 8 values; got {len(amplitudes)}")
    amplitudes = [_start(a, f"amplitudes[{i}]", 0, 1) for i, a in enumerate(amplitudes)]
    periods = 2
    t = np.linspace(0, periods / f0, 1000)
    ks = np.arange(1, 9)
    controls = {
        f"h{k}": _slider("float", f"harmonic {k} ({k * f0:g} Hz)", a, 0.0, 1.0, 0.01)
        for k, a in zip(ks, amplitudes)
    }

    def render(v):
        amps = [float(v[f"h{k}"]) for k in ks]
        wave = sum(a * np.sin(2 * np.pi * k * f0 * t) for k, a in zip(ks, amps))
        lim = max(1e-3, float(np.abs(wave).max())) * 1.1
        silent = sum(amps) == 0

        def y():  # made only when the player needs it
            if silent:
                return np.zeros(int(sr * 1.5))
            return _fade(signals.harmonic_tone(f0, amps, 1.5, sr=sr), sr)

        readout = (
            "brightness grows with the upper harmonics; all at 0 except the first is a pure sine"
        )
        strongest = int(np.argmax(amps)) + 1
        alt = (
            f"Top: two periods of the waveform with fundamental {f0:g} Hz. Bottom: the recipe, "
            f"one bar per harmonic at {f0:g}, {2 * f0:g}, ... {8 * f0:g} Hz, heights "
            + ", ".join(f"{a:.2f}" for a in amps)
            + (
                "; all harmonics are 0, so there is no sound."
                if silent
                else f"; the strongest is harmonic {strongest}. More weight on the upper "
                "harmonics gives a sharper, more jagged waveform and a brighter sound."
            )
        )
        fig = draw.figure(
            [
                draw.panel(
                    [draw.line(t * 1000, wave, width=1.5, name="wave")],
                    xlim=(0, t[-1] * 1000),
                    ylim=(-lim, lim),
                    xlabel="Time (ms)",
                    ylabel="Amplitude",
                    title=f"Two periods of the waveform (f0 = {f0:g} Hz)",
                ),
                draw.panel(
                    [draw.bars(ks * f0, amps, width=f0 * 0.4, color="C2", name="recipe")],
                    xlim=(0.4 * f0, 8.6 * f0),
                    ylim=(0, 1.05),
                    xticks=ks * f0,
                    xticklabels=[f"{k * f0:g}" for k in ks],
                    xlabel="Frequency (Hz)",
                    ylabel="Amplitude",
                    title="The recipe: how much of each harmonic",
                ),
            ],
            width=_WIDTH,
            height=336,
            alt=alt,
        )

        def loop():
            if silent:
                return np.zeros(int(sr) // 10), sr
            n, (f_loop,) = _loop_plan([f0], sr)
            tone = signals.harmonic_tone(f_loop, amps, n / sr, sr=sr)
            return tone / np.abs(tone).max(), sr

        return {
            "figure": fig,
            "y": y,
            "sr": sr,
            "normalize": True,
            "readout": readout,
            "sound_label": f"The sound: 1.5 s of this recipe on {f0:g} Hz (normalised).",
            "loop": loop,
            "amplitudes": amps,
        }

    return Explorer("Harmonics mixer", controls, render, live_sound=True)


# ---------------------------------------------------------------- notebook 04 widgets


def _uncovered(n_samples, starts, stops):
    """(start, stop) sample ranges of the signal that no frame covers."""
    covered = np.zeros(n_samples + 1, dtype=np.int64)
    np.add.at(covered, np.clip(starts, 0, n_samples), 1)
    np.add.at(covered, np.clip(stops, 0, n_samples), -1)
    free = np.cumsum(covered[:-1]) == 0
    edges = np.flatnonzero(np.diff(np.concatenate(([0], free.astype(np.int8), [0]))))
    return list(zip(edges[0::2], edges[1::2], strict=True))


def _frame_count(n, frame_length, hop_length, center):
    """features.num_frames, or 0 where not even one frame fits."""
    from . import features

    try:
        return features.num_frames(
            n, frame_length=frame_length, hop_length=hop_length, center=center
        )
    except ValueError:
        return 0


def framing_explorer(y=None, *, sr=_SR, frame_length=1024, hop_length=512, center=False):
    """Cut a short stretch of sound into frames and see where each frame lies.

    The top panel is the waveform with the selected frame shaded; the bottom
    panel draws every frame as a bar (frame index up, time across), so overlap
    and gaps are plain to see.  The readout gives the frame and hop durations,
    the overlap and the number of frames under each counting convention.
    Samples that no frame covers (gaps when ``hop_length > frame_length``, or
    the tail that ``center=False`` leaves out) are marked in red.  The sound
    is the selected frame or the whole stretch, at its true level.  The frames
    are cut by the course's one framing routine (the one ``features.frame_signal``
    and every framed feature use).

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

    from . import features

    if y is None:
        from .audio import load_sample

        speech, sr = load_sample("speech", sr=sr)
        y = speech[int(0.25 * sr) : int(0.55 * sr)]
    y = np.asarray(_validate.signal(y), dtype=np.float64)
    sr = _validate.sample_rate(sr)
    if len(y) < 2:
        raise ValueError(f"y must hold at least 2 samples to be cut into frames; got {len(y)}")
    frame_options = [256, 512, 1024, 2048, 4096]
    hop_options = [64, 128, 256, 512, 1024, 2048, 4096]
    _validate.choice(frame_length, "frame_length", frame_options)
    _validate.choice(hop_length, "hop_length", hop_options)
    center = _validate.flag(center, "center")
    n = len(y)
    to_ms = 1000.0 / sr
    duration_ms = n * to_ms
    peak = max(float(np.abs(y).max()), 1e-3) * 1.1
    t_wave, y_wave = _waveform_points(y, sr)
    t_wave = t_wave * 1000

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
        pad = fl // 2 if cen else 0
        try:
            _, frames = features._framed(y, fl, hop, cen)
        except ValueError:  # not even one frame fits
            frames = np.zeros((0, fl))
        count = len(frames)
        starts = np.arange(count) * hop - pad
        stops = starts + fl
        lo_ms, hi_ms = -pad * to_ms, (n + pad) * to_ms
        holes = _uncovered(n, starts, stops)
        n_center = _frame_count(n, fl, hop, True)
        n_plain = _frame_count(n, fl, hop, False)
        n_ragged = -(-n // hop)
        overlap = max(fl - hop, 0)
        overlap_pct = 100.0 * overlap / fl
        uncovered = int(sum(b - a for a, b in holes))
        width = float(np.clip(110.0 / max(count, 1), 1.0, 8.0)) * 1.1
        if count:
            centres = (starts + stops) / 2 * to_ms
            index = int(np.argmin(np.abs(centres - v["at_ms"])))
            a, b = int(starts[index]), int(stops[index])
            frame = np.array(frames[index])
            where = "its centre" if cen else "its first sample"
            chosen_text = (
                f"selected: frame <b>{index}</b> of {count}, samples {a} to {b - 1} "
                f"({a * to_ms:.1f} to {b * to_ms:.1f} ms); frames_to_time gives "
                f"{index} &times; {hop} / sr = {index * hop * to_ms:.1f} ms, {where}"
            )
        else:
            index, a, b, frame = -1, 0, 0, np.zeros(1)
            chosen_text = (
                f"<span style='color:#b00'>no whole frame of {fl} samples fits in "
                f"these {n} samples: use a shorter frame or center=True</span>"
            )
        title = (
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
        alt = (
            f"Top: the waveform of {duration_ms:.0f} ms of sound"
            + (f" with {pad * to_ms:.1f} ms of zero padding at each end" if pad else "")
            + (f", frame {index} shaded" if count else "")
            + f". Bottom: {count} frames as horizontal bars, one row per frame index, each "
            f"{fl * to_ms:.1f} ms long and starting {hop * to_ms:.1f} ms after the previous"
            + (f"; they overlap by {overlap_pct:.0f} %." if overlap else "; they do not overlap.")
            + (
                f" Red marks {uncovered} samples that no frame covers."
                if uncovered
                else " Every sample is in at least one frame."
            )
        )
        wave_layers = [
            draw.bands([lo_ms, n * to_ms], [0.0, hi_ms], color="0.88", label="zero padding")
            if pad
            else draw.bands([], [], color="0.88"),
            draw.bands(
                [a * to_ms] if count else [],
                [b * to_ms] if count else [],
                color="C1",
                alpha=0.3,
                label="selected frame",
                name="selected",
            ),
            draw.line(t_wave, y_wave, color="C0", width=0.8, name="waveform"),
        ]
        frame_layers = [
            draw.segments(
                starts * to_ms,
                stops * to_ms,
                np.arange(count),
                color="C0",
                width=width,
                name="frames",
            ),
            draw.segments(
                [a * to_ms] if count else [],
                [b * to_ms] if count else [],
                [index] if count else [],
                color="C1",
                width=width + 1.0,
            ),
            draw.segments(
                [h[0] * to_ms for h in holes],
                [h[1] * to_ms for h in holes],
                [-1.2] * len(holes),
                color="C3",
                width=5,
                label="samples in no frame",
                name="gaps",
            ),
        ]
        top = max(count, 1) + 0.2
        frame_ticks = [t for t in draw._ticks(0, max(count - 1, 1), integer=True) if t >= 0]
        fig = draw.figure(
            [
                draw.panel(
                    wave_layers,
                    xlim=(lo_ms, hi_ms),
                    ylim=(-peak, peak),
                    ylabel="Amplitude",
                    title=title,
                    legend="upper left",
                    show_xticklabels=False,
                ),
                draw.panel(
                    frame_layers,
                    xlim=(lo_ms, hi_ms),
                    ylim=(-2.2, top),
                    yticks=frame_ticks,
                    xlabel="Time (ms)",
                    ylabel="Frame index",
                    legend="upper left" if holes else None,
                    weight=1.4,
                ),
            ],
            width=_WIDTH,
            height=352,
            alt=alt,
        )
        sound = frame if v["play"] == "frame" else y
        return {
            "figure": fig,
            "y": np.clip(sound, -1.0, 1.0),
            "sr": sr,
            "readout": readout,
            "sound_label": (
                f"The sound: frame {index} alone ({fl * to_ms:.1f} ms)."
                if v["play"] == "frame"
                else f"The sound: the whole stretch ({duration_ms:.0f} ms)."
            ),
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

    return Explorer("Framing explorer", controls, render)


# ---------------------------------------------------------------- notebook 06 widgets


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
    The sound is the two-tone signal, then the probe alone.  The live sound plays
    the two tones and the probe together: as the probe nears a tone you hear them
    beat, slower and slower, the ear's own version of a rising match score.

    Parameters
    ----------
    f1, f2 : float, keyword-only
        Frequencies of the two tones in Hz (between 0 and ``fmax``).
    a1, a2 : float, keyword-only
        Their amplitudes (``a1 + a2 <= 1``).
    probe : float, keyword-only
        Starting probe frequency in Hz (0 to ``fmax``).
    phase : float, keyword-only
        Starting phase of the first tone in radians (0 to 2 pi, a slider).
    fmax : float, keyword-only
        Highest probe frequency in Hz.
    duration : float, keyword-only
        Length in seconds of the stretch the scores are averaged over (0.02 to 1).
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
    sr = _validate.sample_rate(sr)
    fmax = _validate.number(fmax, "fmax", minimum=0, strict_min=True, maximum=sr / 2)
    f1 = _validate.number(f1, "f1", minimum=0, maximum=fmax)
    f2 = _validate.number(f2, "f2", minimum=0, maximum=fmax)
    a1 = _validate.number(a1, "a1", minimum=0)
    a2 = _validate.number(a2, "a2", minimum=0)
    if a1 + a2 > 1:
        raise ValueError(f"a1 + a2 must be <= 1 so the sound fits in [-1, 1]; got {a1 + a2:g}")
    duration = _start(duration, "duration", 0.02, 1.0, " s")
    phase = _start(phase, "phase", 0, 2 * np.pi, " radians")
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
    probe = _start(probe, "probe", 0, float(freqs[-1]), " Hz")

    view = t < 0.02
    t_ms = t[view] * 1000
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
    score_top = max(a1, a2, 0.05) * 1.2
    tones = [f"{f_:g} Hz" for f_, a_ in ((f1, a1), (f2, a2)) if a_ > 0]
    peaks = "with peaks at " + " and ".join(tones) if tones else "flat: the sound is silent"

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

        def sound():  # made only when the player needs it
            return np.concatenate(
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
        alt = (
            f"Top: 20 ms of the sound ({a1:g} at {f1:g} Hz and {a2:g} at {f2:g} Hz) with the "
            f"cosine and sine probes at {f:.0f} Hz. Middle: sound times each probe; it stays "
            f"on one side of zero only when the probe matches a tone. Bottom: the match score "
            f"for every probe frequency from 0 to {fmax:g} Hz, {peaks}; the red marker at "
            f"{f:.0f} Hz reads {match:.3f}."
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.line(t_ms, probe_cos[view], color="C0", width=1.0, name="cos"),
                        draw.line(
                            t_ms, probe_sin[view], color="C1", width=1.0, dash=(5, 3), name="sin"
                        ),
                        draw.line(t_ms, x[view], color="k", width=1.6, name="sound"),
                    ],
                    xlim=(0, t_ms[-1]),
                    ylim=(-1.1, 1.1),
                    yticks=[-1, 0, 1],
                    ylabel="Amplitude",
                    title="The sound (black), the cos probe (blue) and the sin probe "
                    "(orange, dashed)",
                    show_xticklabels=False,
                ),
                draw.panel(
                    [
                        draw.hlines([0], color="0.6", width=0.8),
                        draw.line(t_ms, (x * probe_cos)[view], color="C0", width=1.0),
                        draw.line(t_ms, (x * probe_sin)[view], color="C1", width=1.0, dash=(5, 3)),
                    ],
                    xlim=(0, t_ms[-1]),
                    ylim=(-1.1, 1.1),
                    yticks=[-1, 0, 1],
                    xlabel="Time (ms)",
                    ylabel="Product",
                    title="Sound x probe: mostly above (or below) zero only when the probe matches",
                ),
                draw.panel(
                    [
                        draw.line(freqs, scores, color="k", width=1.4, name="scores"),
                        draw.vlines([f], color="C3", width=1.2, name="probe"),
                        draw.dots([f], [match], color="C3", size=8),
                    ],
                    xlim=(0, fmax),
                    ylim=(0, score_top),
                    xlabel="Probe frequency (Hz)",
                    ylabel="Match score",
                    title="Match score sqrt(c\u00b2 + s\u00b2) for every probe frequency; "
                    "red: your probe",
                ),
            ],
            width=_WIDTH,
            height=512,
            alt=alt,
        )

        def loop():
            n_loop, (g1, g2, g) = _loop_plan([f1, f2, f], sr)
            tt = np.arange(n_loop) / sr
            tones = 0.5 * (
                a1 * np.sin(2 * np.pi * g1 * tt + phi) + a2 * np.sin(2 * np.pi * g2 * tt)
            )
            return tones + 0.3 * np.sin(2 * np.pi * g * tt), sr

        return {
            "figure": fig,
            "y": sound,
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: the two tones, then the probe alone ({f:.0f} Hz).",
            "loop": loop,
            "cos_part": c,
            "sin_part": s,
            "match": match,
            "freqs": freqs,
            "scores": scores,
        }

    return Explorer(
        "Probe explorer: how much of each frequency is in the sound?",
        controls,
        render,
        live_sound=True,
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
    shown_bins = 24
    near = k <= shown_bins + 1  # only what the picture shows is drawn
    near_fine = k_fine <= shown_bins + 1
    t_ms = n / sr * 1000
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
        kk, dd = k[near], db[near]
        stems_x = np.repeat(kk, 3).astype(float)
        stems_y = np.column_stack([np.full(len(kk), floor_db), dd, np.full(len(kk), np.nan)])
        stems_x[2::3] = np.nan
        peak_bin = int(np.argmax(db))
        far = np.abs(k - b) >= 3
        leakage = float(db[far].max())
        sidelobe, mainlobe = shapes[name]
        leak_text = "below -120 dB" if leakage <= floor_db else f"{leakage:.1f} dB"
        readout = (
            f"peak at bin <b>{peak_bin}</b>, level {db[peak_bin]:.1f} dB; leakage 3 or "
            f"more bins from the sine: <b>{leak_text}</b>. The {name} window's highest "
            f"sidelobe is {sidelobe:.1f} dB, its main lobe {mainlobe:.0f} bins wide."
        )
        alt = (
            f"Top: a frame of {n_fft} samples of a sine making {b:.2f} cycles (grey), the "
            f"{name} window (green, dashed) and their product (blue). Bottom: its spectrum in "
            f"dB over bins 0 to {shown_bins}: FFT bins as dots on stems, the zero-padded curve "
            f"between them in grey, the sine's frequency as a red dashed line. The peak is at "
            f"bin {peak_bin}; 3 or more bins away the level is {leak_text}"
            + (
                ": with the sine on a bin, nothing leaks."
                if leakage <= floor_db
                else ": that is the leakage, lower for smoother windows."
            )
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.line(t_ms, sine, color="0.75", width=0.8),
                        draw.line(t_ms, win, color="C2", width=1.2, dash=(5, 3)),
                        draw.line(t_ms, frame, color="C0", width=1.2, name="frame"),
                    ],
                    xlim=(0, t_ms[-1]),
                    ylim=(-1.1, 1.1),
                    yticks=[-1, 0, 1],
                    xlabel="Time (ms)",
                    ylabel="Amplitude",
                    title=f"A sine of {b:.2f} bins ({b * sr / n_fft:.1f} Hz, grey) times a "
                    f"{name} window (green): the frame (blue)",
                ),
                draw.panel(
                    [
                        draw.line(
                            k_fine[near_fine],
                            db_fine[near_fine],
                            color="0.6",
                            width=0.9,
                            name="between_bins",
                        ),
                        draw.line(stems_x, stems_y.ravel(), color="C0", width=0.8),
                        draw.dots(kk, dd, color="C0", size=5, name="bins"),
                        draw.vlines([b], color="C3", width=1.0, dash=(5, 3), name="sine"),
                    ],
                    xlim=(0, shown_bins),
                    ylim=(-110, 5),
                    yticks=[-100, -80, -60, -40, -20, 0],
                    xlabel=f"Frequency (bins; 1 bin = {sr / n_fft:.1f} Hz)",
                    ylabel="Level (dB)",
                    title="Its spectrum: FFT bins (blue dots), what lies between them (grey), "
                    "the sine (red)",
                ),
            ],
            width=_WIDTH,
            height=416,
            alt=alt,
        )
        f_tone = b * sr / n_fft
        y = _fade(signals.sine(f_tone, 1.0, sr=sr, amplitude=0.3), sr)

        def loop():
            n_loop, (f_loop,) = _loop_plan([f_tone], sr)
            return signals.sine(f_loop, n_loop / sr, sr=sr, amplitude=0.3), sr

        return {
            "figure": fig,
            "y": y,
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: the sine, {f_tone:.1f} Hz.",
            "loop": loop,
            "peak_bin": peak_bin,
            "peak_db": float(db[peak_bin]),
            "leakage_db": leakage,
            "sidelobe_db": sidelobe,
            "mainlobe_bins": mainlobe,
            "spectrum_db": db,
        }

    return Explorer("Window explorer: leakage between bins", controls, render, live_sound=True)


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
# The picture's image is at most this many cells: about one per pixel of its panel.
_IMAGE_ROWS, _IMAGE_COLS = 240, 560


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

    from . import spectral

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
    common = dict(style=_STYLE, layout=_LAYOUT, continuous_update=True)
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
        # Only the bins drawn, shrunk to about the picture's pixel size (the maximum
        # of each block of cells: the same picture from far fewer numbers).
        magnitude = _max_pool(np.abs(D[:n_bins]), _IMAGE_ROWS, _IMAGE_COLS)
        S_db = spectral.amplitude_to_db(magnitude, ref=float(magnitude.max()))
        n_frames = D.shape[1]
        rows, cols = magnitude.shape
        # Pooled blocks stand for several bins and frames: stretch them over the same span.
        extent = (
            -hop_s / 2,
            -hop_s / 2 + n_frames * hop_s,
            -delta_f / 2,
            -delta_f / 2 + n_bins * delta_f,
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
        alt = (
            f"Spectrogram of {_SPECTROGRAM_SOUNDS[v['sound']]}: time across "
            f"(0 to {len(y) / sr:.1f} s), frequency up (0 to {fmax:g} Hz), brightness the level "
            f"in dB (magma colour map, 80 dB range). Frames of {delta_t * 1000:.0f} ms, bins "
            f"{delta_f:.1f} Hz apart: "
            + (
                "a long frame draws sharp horizontal lines but smears changes over time."
                if n >= 2048
                else "a short frame shows changes sharply in time but blurs frequencies "
                "into thick bands."
                if n <= 512
                else "a middle ground between sharp time and sharp frequency."
            )
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.image(
                            S_db, extent=extent, vmin=-80, vmax=0, cmap="magma", name="spectrogram"
                        ),
                    ],
                    xlim=(0, len(y) / sr),
                    ylim=(0, fmax),
                    xlabel="Time (s)",
                    ylabel="Frequency (Hz)",
                    title=f"{v['sound']}: frames of {delta_t * 1000:.0f} ms, "
                    f"bins {delta_f:.1f} Hz apart ({v['window']} window)",
                    colorbar={"label": "dB (0 dB = loudest)", "ticks": [-80, -60, -40, -20, 0]},
                )
            ],
            width=_WIDTH,
            height=272,
            alt=alt,
        )
        return {
            "figure": fig,
            "y": y,
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: {_SPECTROGRAM_SOUNDS[v['sound']]}.",
            "delta_t": delta_t,
            "hop_s": hop_s,
            "delta_f": delta_f,
            "shape": D.shape,
            "image_shape": (rows, cols),
        }

    return Explorer("Spectrogram explorer: the time/frequency trade-off", controls, render)


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
    """An excerpt of 3 s, its STFT magnitudes and their dB (pooled for the picture), made once."""
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
        pooled = _max_pool(mags, _IMAGE_ROWS, _IMAGE_COLS)
        image = spectral.amplitude_to_db(pooled, ref=float(mags.max())).astype(np.float32)
        for array in (y, mags, image):
            array.setflags(write=False)
        _FEATURE_SOUND_CACHE[key] = (y, mags, image)
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
    roll-off.  The readout gives the numbers, and the flatness.  The sound plays
    0.4 s around the chosen moment.  Every number comes from
    :mod:`helpers.spectral` (``spectral_centroid`` and friends with ``S=`` one
    frame's magnitudes).

    Parameters
    ----------
    sound : {"trumpet_A4", "flute_A4", "piano_A4", "organ_A4", "speech", "white noise"}, keyword-only
        Starting sound (3 s of it; the speech from 1.9 s on).
    time : float, keyword-only
        Starting moment in seconds, from 0 to 3.
    roll_percent : float, keyword-only
        Starting roll-off fraction, from 0.05 to 0.99 (the slider's range).
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
        The picture's layers ``"moment"``, ``"spectrum"``, ``"spread"``,
        ``"centroid"``, ``"rolloff"``, ``"running_total"`` and ``"roll_level"``
        hold what is drawn.

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

    from . import spectral

    _validate.choice(sound, "sound", tuple(_FEATURE_SOUNDS))
    time = _start(time, "time", 0.0, _FEATURE_CLIP_S, " s")
    roll_percent = _start(roll_percent, "roll_percent", 0.05, 0.99)
    n_fft = _validate.whole(n_fft, "n_fft", minimum=256)
    if n_fft > 8192:
        raise ValueError(f"n_fft must be <= 8192; got {n_fft}")
    hop_length = _validate.whole(hop_length, "hop_length")
    if hop_length > n_fft:
        raise ValueError(f"hop_length must be <= n_fft={n_fft}; got {hop_length}")
    sr = _validate.sample_rate(sr)
    freqs = spectral.fft_frequencies(n_fft, sr=sr)
    controls = {
        "sound": ipw.Dropdown(
            options=list(_FEATURE_SOUNDS), value=sound, description="sound", style=_STYLE
        ),
        # One step of the slider (an arrow key) is one hop: the next frame, every time.
        "time": _slider(
            "float", "time (s)", time, 0.0, _FEATURE_CLIP_S, hop_length / sr, readout_format=".3f"
        ),
        "roll_percent": _slider(
            "float", "roll_percent", roll_percent, 0.05, 0.99, 0.01, readout_format=".2f"
        ),
    }
    half = int(0.2 * sr)

    def render(v):
        y, mags, db_image = _feature_sound(v["sound"], sr, n_fft, hop_length)
        n_bins, n_frames = mags.shape
        frame = min(int(round(v["time"] * sr / hop_length)), n_frames - 1)
        column = mags[:, frame]
        per_frame = dict(S=column, sr=sr, n_fft=n_fft)
        centroid = spectral.spectral_centroid(**per_frame)
        bandwidth = spectral.spectral_bandwidth(**per_frame)
        rolloff = spectral.spectral_rolloff(**per_frame, roll_percent=v["roll_percent"])
        flatness = spectral.spectral_flatness(S=column, n_fft=n_fft)
        peak = float(column.max())
        silent = not peak > 0
        running = np.cumsum(column, dtype=np.float64)
        running = running / running[-1] if not silent else np.zeros_like(running)
        t_frame = frame * hop_length / sr
        percent = f"{100 * v['roll_percent']:g} %"
        hop_s, bin_hz = hop_length / sr, sr / n_fft
        # Pooled blocks stand for several bins and frames: stretch them over the same span.
        extent = (
            -hop_s / 2,
            -hop_s / 2 + n_frames * hop_s,
            -bin_hz / 2,
            -bin_hz / 2 + n_bins * bin_hz,
        )
        low, high = max(0.0, centroid - bandwidth), min(sr / 2, centroid + bandwidth)
        flat_db = 10 * np.log10(flatness)
        readout = (
            f"{_FEATURE_SOUNDS[v['sound']]}<br>frame {frame} at {t_frame:.2f} s: "
            f"centroid <b>{centroid:.0f} Hz</b>; bandwidth <b>{bandwidth:.0f} Hz</b>; "
            f"{percent} of the magnitude lies below <b>{rolloff:.0f} Hz</b>; "
            f"flatness <b>{flatness:.3g}</b> ({flat_db:.0f} dB)"
            + (
                " &mdash; a silent frame: centroid and roll-off read 0 Hz, flatness 1"
                if silent
                else ""
            )
        )
        if silent:
            notice = (
                "The frame is silent: there is no spectrum to draw, and librosa's conventions "
                "give a centroid and roll-off of 0 Hz and a flatness of 1."
            )
        else:
            notice = (
                f"The centroid, {centroid:.0f} Hz, is where the spectrum would balance; the "
                f"shaded band reaches {bandwidth:.0f} Hz to each side; the roll-off, "
                f"{rolloff:.0f} Hz, is where the running total crosses {percent}. Flatness "
                f"{flatness:.3g}: "
                + ("noise-like." if flatness > 0.1 else "tone-like, a few peaks.")
            )
        alt = (
            f"Top: spectrogram of {_FEATURE_SOUNDS[v['sound']]} (time across, 0 to 3 s; "
            f"frequency up; magma colour map, 80 dB range), with a dashed line at {t_frame:.2f} s. "
            f"Bottom: that frame's magnitude spectrum, 0 to {sr / 2:g} Hz, its peak scaled to 1. "
            + notice
        )
        fig = draw.figure(
            [
                draw.panel(
                    [
                        draw.image(
                            db_image,
                            extent=extent,
                            vmin=-80,
                            vmax=0,
                            cmap="magma",
                            name="spectrogram",
                        ),
                        draw.vlines([t_frame], color="w", width=1.5, dash=(5, 3), name="moment"),
                    ],
                    xlim=(0, _FEATURE_CLIP_S),
                    ylim=(0, sr / 2),
                    xlabel="Time (s)",
                    ylabel="Frequency (Hz)",
                    title=f"{v['sound']}: the dashed line marks frame {frame} ({t_frame:.2f} s)",
                ),
                draw.panel(
                    [
                        draw.bands(
                            [low],
                            [high],
                            color="C0",
                            alpha=0.18,
                            label="± bandwidth",
                            name="spread",
                        ),
                        draw.line(
                            freqs,
                            column / (peak if not silent else 1.0),
                            color="0.35",
                            width=1.0,
                            name="spectrum",
                        ),
                        draw.line(
                            freqs,
                            running,
                            color="C2",
                            width=1.2,
                            label="running total",
                            name="running_total",
                        ),
                        draw.hlines(
                            [v["roll_percent"]], color="C2", dash=(2, 3), name="roll_level"
                        ),
                        draw.vlines(
                            [centroid], color="C0", width=2.2, label="centroid", name="centroid"
                        ),
                        draw.vlines(
                            [rolloff],
                            color="C3",
                            width=2.0,
                            dash=(6, 3),
                            label="roll-off",
                            name="rolloff",
                        ),
                    ],
                    xlim=(0, sr / 2),
                    ylim=(0, 1.08),
                    yticks=[0, 0.5, 1],
                    xlabel="Frequency (Hz)",
                    ylabel="Magnitude (peak = 1)",
                    title=f"Frame {frame}: centroid {centroid:.0f} Hz, bandwidth {bandwidth:.0f} Hz, "
                    f"{percent} roll-off {rolloff:.0f} Hz",
                    legend="upper right",
                ),
            ],
            width=_WIDTH,
            height=440,
            alt=alt,
        )
        centre = frame * hop_length
        snippet = np.asarray(y[max(0, centre - half) : centre + half], dtype=np.float64)
        return {
            "figure": fig,
            "y": _fade(snippet, sr),
            "sr": sr,
            "readout": readout,
            "sound_label": f"The sound: 0.4 s of {v['sound']} around {t_frame:.2f} s.",
            "frame": frame,
            "time": t_frame,
            "centroid": centroid,
            "bandwidth": bandwidth,
            "rolloff": rolloff,
            "flatness": flatness,
            "silent": silent,
        }

    return Explorer("Spectral feature explorer: one frame's spectrum, summarised", controls, render)


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
