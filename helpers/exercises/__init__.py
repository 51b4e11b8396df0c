"""Checks for the notebooks' exercises: one module per notebook, one machinery for all.

Every check answers at once, in one of three ways:

- **not attempted yet** (the answer is still ``...`` or None, or the function
  still raises ``NotImplementedError``): a nudge that does not give the answer away;
- **correct**: a short confirmation;
- **not yet right**: the evidence (the case, the learner's value, the expected
  one, where they differ), the name of the slip when it is a known one, and a
  hint.  When the notebooks run under the test suite (environment variable
  ``COURSE_STRICT_EXERCISES=1``), a wrong answer raises ``AssertionError``
  instead, so a broken worked solution fails loudly.

Each check returns an :class:`Outcome` whose ``ok`` is True (right), False
(wrong) or None (not attempted); it is truthy only when the answer is right.

Layout
------
``_core``
    The machinery: :class:`Feedback`, :class:`Outcome`, :func:`report`,
    :func:`strict_mode`, :func:`check_value`, :func:`check_function`, the one
    runner for learners' code :func:`run_learner`, and the building blocks
    :class:`Case`, :class:`Slip`, :func:`as_number`, :func:`to_array`,
    :func:`compare`, :func:`not_attempted`, :func:`fmt`, :func:`describe`.
``sound_waves`` (01), ``sampling`` (02), ``timbre`` (03), ``framing`` (04),
``time_domain`` (05), ``fourier`` (06), ``spectrograms`` (07), ``spectral_features`` (08),
``classifier`` (09), ``deep_learning`` (10)
    One module per notebook, named by topic, holding that notebook's checks.

Everything public is re-exported here: ``from helpers import exercises;
exercises.check_rms(my_rms)``.

How to write a check for a new exercise
---------------------------------------
1. Put it in the notebook's module (make one, named by topic, if the notebook
   has none), as ``check_<what>(answer_or_func, *, <the case as keywords>)``
   with a numpydoc docstring, an Examples section that runs, and a
   ``Taught in: notebooks/NN_name.ipynb`` line.  List it in the module's
   ``__all__``, then import its checks in this file and add them to ``__all__`` here.
2. **A number, or a list of numbers**: return
   ``check_value(answer, expected, what="the bin spacing", unit="Hz",
   precision=0.1, slips=[Slip(wrong_value, "That is ...: do ... instead.")],
   hint=..., todo=...)``.  ``whole=True`` for counts (frames, bits, bins).
   ``evidence=lambda x: "14 bits give 86.0 dB"`` says what the learner's
   number means.  A wrong value's message says which way and how far it is off
   but never prints the right value (that is the answer), and a right one
   confirms without repeating it.
3. **A function**: return ``check_function(func, reference, cases,
   name="my_rms", axes=("frame",), call="my_rms(y, frame_length, hop_length)",
   slips=[Slip(wrong_function, "That is ...")], hint=..., todo=...)`` where
   ``cases`` is a list of ``Case(*args, label="what the input is", **kwargs)``.
   ``kind="complex"`` for complex results (the real part alone is then named
   as a slip), ``unit`` and ``input_name`` for element-wise functions.
   The reference runs on untouched copies; the learner's function runs through
   :func:`run_learner` on other copies.
4. **Anything else** (a mask, a pair of names, a feature trained on a data
   set): write the logic with the same building blocks:
   :func:`not_attempted`, :func:`as_number` / :func:`to_array` (never
   ``np.asarray`` on an answer directly), :func:`run_learner` for any call
   of learner code, :func:`compare`, then ``return report(Feedback(...))``.
5. Test it in ``tests/test_exercises_<topic>.py``: the right answer passes,
   each slip gets its message (assert its key words), wrong types give
   feedback, not attempted gives a hint without the answer; and add the check
   to the tables of ``tests/test_exercises_all_checks.py`` (any answer at all
   gets feedback; no message gives the answer away).

Rules every check follows
-------------------------
- **Never a traceback from an answer.**  Anything the learner's code raises,
  and anything it returns (None, text, a dict, a ``map`` object or generator,
  a ragged list of frames, a tuple, None inside a list, complex, True/False)
  becomes feedback.  A ragged list of frames is told that its last frames are
  shorter.
- **Evidence.**  For functions: the input case, the position (row and column
  named after the axes: "frame 2, sample 1"), the learner's value and the
  expected one, in the exercise's units.  For values: the learner's number,
  which way and how far it is off, or what it means (``evidence``).
- **Common slips are named**, from the exercise's ``slips`` first, then the
  generic ones of :func:`compare`: rows and columns swapped, magnitudes or
  real parts of complex values, a constant factor, a missing square root,
  extra or missing frames, a wrong sign.  Exceptions are explained too
  (``^`` for powers, ``j`` for ``1j``, ``math`` on arrays, complex values
  into a real array, a division by zero), and numpy's warnings.
- **Numbers are numbers.**  A size-1 list or array counts as its number.
  Text (even ``"4"``), True/False, complex numbers, NaN and infinity are not
  numbers, and the message says so.  A whole number is whole: 15.0 is 15,
  15.01 is not.
- **Tolerance rule.**  A *computed* answer must agree to ``rtol`` (default
  1e-6 for values and functions) or ``atol``: tight enough to tell apart every
  known wrong formula (the slips are tested to fail), loose enough for
  float32 arithmetic and for the equivalent published formulas (HTK mel as
  ``2595 · log10(1 + f/700)`` or ``1127 · ln(1 + f/700)``, 5e-6 apart, so
  ``check_hz_to_mel`` uses 1e-5).  A *rounded* answer is right when it is the
  exact value rounded to the exercise's ``precision`` (what the course itself
  prints, or coarser) or to the finer decimals the learner wrote: 5.4 and
  5.38 for a bin spacing of 5.383 Hz (precision 0.1 Hz), 46.4 or 46.44 ms
  for 46.4399 ms, but not 5.39.  Coarser roundings (5 Hz) are told they are
  too coarse.  A slip's value is matched by the same rule (and within 5 % of
  it, so 0 is not "the period in seconds").  Near misses closer than ``precision`` cannot
  be told apart when rounded, so choose the case or the precision so that
  they differ there (bin 100 at 22 050 Hz / 2048 is 1076.66 Hz; the near
  miss ``k · (sr/2) / (n_fft/2 + 1)`` is 1075.61 Hz: precision 0.1 Hz),
  and a computed near miss (0.05 % off for the bin spacing) fails ``rtol``.
  Counts are exact.  The tolerance of each check is in its docstring.
- **Mutation cannot fool a check.**  Learners' functions get deep copies of
  the inputs; references are computed on untouched data.
- **Cases tell conventions apart.**  When an exercise is about a convention
  (centred or whole frames, periodic or symmetric window, +1 in the top
  quantizer cell, ``round`` or ``int``), at least one case gives different
  results for the two.
- **Solutions stay hidden.**  A "not attempted" message never contains the
  answer or its formula.  A "correct" message confirms without repeating the
  answer ("that is the period of a 250 Hz tone"): JupyterLab unfolds a cell's
  output when the cell runs, so after Run All the worked solution's check box
  is on screen.  Solution cells carry the metadata ``{"jupyter":
  {"source_hidden": true, "outputs_hidden": true}, "tags": ["solution"]}`` and
  print nothing (tests/test_exercises_notebooks.py checks every notebook;
  tests/test_exercises_all_checks.py checks the messages).
"""

from ._core import (
    STRICT_ENV,
    Case,
    Feedback,
    Outcome,
    Run,
    Slip,
    as_number,
    check_function,
    check_value,
    compare,
    describe,
    fmt,
    not_attempted,
    report,
    run_learner,
    strict_mode,
    to_array,
)
from .classifier import check_added_feature, check_confused_pair
from .deep_learning import check_augmentation, check_conv_params, check_conv_pool_shape
from .fourier import check_bin_frequency, check_dft, check_frequency_resolution, check_nearest_bin
from .framing import check_frame_count, check_frame_duration, check_frame_signal, check_overlap
from .sampling import check_alias, check_bit_depth, check_duration, check_quantize
from .sound_waves import check_midi_to_hz, check_octaves, check_period
from .spectral_features import (
    check_centroid,
    check_flute_or_noise,
    check_rolloff_frequency,
    check_split_frequency,
)
from .spectrograms import check_hz_to_mel, check_n_fft_for_resolution, check_stft
from .timbre import check_adsr, check_harmonics, check_rms_db
from .time_domain import (
    check_amplitude_envelope,
    check_frame_length,
    check_hop_length,
    check_rms,
    check_silences,
    check_zcr,
)

__all__ = [
    # the machinery (_core)
    "STRICT_ENV",
    "Case",
    "Feedback",
    "Outcome",
    "Run",
    "Slip",
    "as_number",
    "check_function",
    "check_value",
    "compare",
    "describe",
    "fmt",
    "not_attempted",
    "report",
    "run_learner",
    "strict_mode",
    "to_array",
    # 01 sound_waves
    "check_period",
    "check_octaves",
    "check_midi_to_hz",
    # 02 sampling
    "check_duration",
    "check_alias",
    "check_quantize",
    "check_bit_depth",
    # 03 timbre
    "check_rms_db",
    "check_adsr",
    "check_harmonics",
    # 04 framing
    "check_frame_duration",
    "check_overlap",
    "check_frame_count",
    "check_frame_signal",
    # 05 time_domain
    "check_amplitude_envelope",
    "check_rms",
    "check_hop_length",
    "check_frame_length",
    "check_zcr",
    "check_silences",
    # 06 fourier (check_bin_frequency is used by 07 too)
    "check_bin_frequency",
    "check_nearest_bin",
    "check_frequency_resolution",
    "check_dft",
    # 07 spectrograms
    "check_n_fft_for_resolution",
    "check_stft",
    "check_hz_to_mel",
    # 08 spectral_features
    "check_centroid",
    "check_rolloff_frequency",
    "check_flute_or_noise",
    "check_split_frequency",
    # 09 classifier
    "check_added_feature",
    "check_confused_pair",
    # 10 deep_learning
    "check_conv_pool_shape",
    "check_conv_params",
    "check_augmentation",
]
