"""Checks for notebook 01, sound waves: the period, an octave ladder, MIDI note numbers.

Taught in: notebooks/01_sound_waves.ipynb
"""

from __future__ import annotations

from .. import signals
from ._core import Case, Slip, check_function, check_value

__all__ = ["check_period", "check_octaves", "check_midi_to_hz"]


def check_period(answer, *, freq=250.0):
    """Exercise (notebook 01): the period in milliseconds of a ``freq`` Hz tone.

    Accepts the exact value and any correct rounding to 0.01 ms.

    Examples
    --------
    >>> check_period(4.0)
    ✅ Correct: that is the period of a 250 Hz tone.
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    return check_value(
        answer,
        1000.0 / freq,
        what=f"the period of a {freq:g} Hz tone",
        unit="ms",
        precision=0.01,
        slips=[
            Slip(1.0 / freq, "That is the period in seconds: the question asks for milliseconds."),
            Slip(freq, "That is the frequency: the period is the time one cycle takes."),
            Slip(
                1000.0 * freq, "The period is one over the frequency, not the frequency times 1000."
            ),
        ],
        hint="A period is the time of one cycle, 1 / f seconds; 1 s is 1000 ms.",
        todo="Section 4 says how the period and the frequency are related.",
    )


def check_octaves(answer):
    """Exercise (notebook 01): the frequencies of A2, A3, A4, A5 and A6 in Hz, as a list.

    Examples
    --------
    >>> check_octaves([110, 220, 440, 880, 1760])
    ✅ Correct: those are the frequencies of A2..A6.
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    return check_value(
        answer,
        [110.0, 220.0, 440.0, 880.0, 1760.0],
        what="the frequencies of A2..A6",
        unit="Hz",
        labels=["A2", "A3", "A4", "A5", "A6"],
        slips=[
            Slip(
                [440 + 440 * k for k in (-2, -1, 0, 1, 2)],
                "Adding 440 Hz each time makes harmonics, not octaves: an octave multiplies "
                "the frequency by 2.",
            ),
            Slip(
                [440 * k for k in (1, 2, 3, 4, 5)],
                "Those are the harmonics of A4; an octave multiplies the frequency by 2.",
            ),
        ],
        hint="A4 is 440 Hz; each octave up doubles the frequency, each octave down halves it.",
        todo="A list of five numbers, from A2 up to A6.",
    )


def _midi_reference(midi_note):
    return signals.midi_to_hz(midi_note)


def check_midi_to_hz(func):
    """Exercise (notebook 01): ``my_midi_to_hz(midi_note)``, a MIDI note number in Hz.

    Tried on notes 69 (A4), 81, 60, 21 and 69.5 (a quarter tone above A4).

    Examples
    --------
    >>> check_midi_to_hz(lambda n: 440 * 2 ** ((n - 69) / 12))
    ✅ Correct: your my_midi_to_hz agrees with the reference on 5 test cases.
    True

    Taught in: notebooks/01_sound_waves.ipynb
    """
    cases = [
        Case(69, label="midi_note = 69 (A4)"),
        Case(81, label="midi_note = 81 (A5)"),
        Case(60, label="midi_note = 60 (middle C)"),
        Case(21, label="midi_note = 21 (the piano's lowest A)"),
        Case(69.5, label="midi_note = 69.5 (a quarter tone above A4)"),
    ]
    return check_function(
        func,
        _midi_reference,
        cases,
        name="my_midi_to_hz",
        unit="Hz",
        rtol=1e-9,
        call="my_midi_to_hz(midi_note)",
        slips=[
            Slip(
                lambda n: 440 * 2 ** (n - 69) / 12,
                "2 ** (n - 69) / 12 raises 2 to the power first and divides afterwards: put "
                "the exponent in brackets, 2 ** ((n - 69) / 12).",
            ),
            Slip(
                lambda n: 440 * 2 ** ((n - 69) // 12),
                "// rounds down to whole octaves: divide with / so every semitone counts.",
            ),
            Slip(
                lambda n: 440 * 2 ** ((69 - n) / 12),
                "Higher note numbers are higher notes: use (midi_note - 69), not (69 - midi_note).",
            ),
            Slip(
                lambda n: 440 * 2 ** ((n - 60) / 12),
                "The reference note is A4 = MIDI 69 = 440 Hz (60 is middle C).",
            ),
            Slip(
                lambda n: 2 ** ((n - 69) / 12),
                "That is the ratio to A4; multiply it by A4's 440 Hz.",
            ),
            Slip(
                lambda n: 440 * 2 ^ ((n - 69) // 12),
                "^ is not a power in Python (it is bitwise XOR): write ** for powers.",
            ),
        ],
        hint="A4 = MIDI 69 = 440 Hz, and each semitone multiplies the frequency by 2 ** (1 / 12).",
        todo="Section 7 explains MIDI note numbers.",
    )
