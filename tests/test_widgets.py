"""helpers.widgets, headless: build each explorer, move every control, and see the outputs change."""

import io
import wave

import numpy as np
import pytest

from helpers import signals, widgets

EXPLORERS = [
    widgets.sine_explorer,
    widgets.superposition_explorer,
    widgets.aliasing_explorer,
    widgets.bit_depth_explorer,
    widgets.adsr_designer,
    widgets.harmonics_mixer,
]


def _wav(data):
    with wave.open(io.BytesIO(data)) as w:
        frames = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return w.getframerate(), frames


def _other_value(control):
    """A different value inside a slider's range (a third or two thirds of the way along)."""
    for fraction in (1 / 3, 2 / 3):
        target = control.min + (control.max - control.min) * fraction
        if hasattr(control, "base"):  # FloatLogSlider: min and max are exponents
            target = control.base**target
        if isinstance(control.value, int):
            target = int(round(target))
        if not np.isclose(target, control.value):
            return target
    raise AssertionError(f"no other value found for {control.description}")


@pytest.mark.parametrize("make", EXPLORERS, ids=lambda f: f.__name__)
def test_every_control_updates_figure_sound_and_state(make):
    ex = make()
    assert ex.updates == 1
    assert ex.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    rate, _ = _wav(ex.audio.value)
    assert rate == ex.state["sr"]
    for name, control in ex.controls.items():
        before = (ex.image.value, ex.audio.value, ex.readout.value)
        before_count = ex.updates
        control.value = _other_value(control)
        assert ex.updates == before_count + 1, name
        after = (ex.image.value, ex.audio.value, ex.readout.value)
        assert after != before, f"moving {name} changed none of figure, sound and readout"
    # the explorer displays as its ipywidgets box
    assert "application/vnd.jupyter.widget-view+json" in ex._repr_mimebundle_()


def test_sine_explorer_plays_at_true_level():
    ex = widgets.sine_explorer(amplitude=0.25)
    _, pcm = _wav(ex.audio.value)
    assert np.abs(pcm).max() / 32767 == pytest.approx(0.25, abs=0.01)
    ex.controls["freq"].value = 500
    assert ex.state["period_ms"] == pytest.approx(2.0)
    assert "2.00 ms" in ex.readout.value


def test_aliasing_explorer_predicts_and_draws_the_alias():
    ex = widgets.aliasing_explorer(freq=15000, sr=22050)
    assert ex.state["alias"] == 7050
    assert "7050 Hz" in ex.readout.value
    # the dashed alias curve passes through every sample dot
    ax = ex.fig.axes[0]
    true_line, alias_line, dots = ax.lines[:3]
    tx, ty = dots.get_data()
    ax_t, ax_y = alias_line.get_data()
    np.testing.assert_allclose(np.interp(tx, ax_t, ax_y), ty, atol=0.02)
    ex.controls["freq"].value = 5000
    assert ex.state["alias"] == 5000


def test_bit_depth_explorer_snr_follows_rule():
    ex = widgets.bit_depth_explorer(signals.sine(441.7, 1.0, amplitude=0.999))
    for bits in (8, 12, 16):
        ex.controls["bits"].value = bits
        assert ex.state["snr"] == pytest.approx(ex.state["snr_rule"], abs=1.0)


def test_adsr_designer_reports_impossible_envelopes_without_crashing():
    ex = widgets.adsr_designer(duration=1.0)
    ex.controls["attack"].value = 0.5
    ex.controls["decay"].value = 0.5
    ex.controls["release"].value = 0.5
    assert "longer than" in ex.readout.value
    assert ex.state["envelope"].max() == pytest.approx(1.0, abs=1e-3)


def test_harmonics_mixer_sound_has_the_chosen_harmonics():
    ex = widgets.harmonics_mixer(f0=220.0, amplitudes=(1, 0, 0, 0, 0, 0, 0, 0))
    ex.controls["h3"].value = 0.5
    rate, pcm = _wav(ex.audio.value)
    spec = np.abs(np.fft.rfft(pcm.astype(float)))
    freqs = np.fft.rfftfreq(len(pcm), 1 / rate)
    peaks = sorted(freqs[np.argsort(spec)[-2:]])
    assert peaks == pytest.approx([220, 660], abs=1)
