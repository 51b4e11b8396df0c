"""helpers.exercises._core: feedback, strict mode, numbers, arrays, comparisons and the runner.

Most tests run with strict mode off (the ``lenient`` fixture of tests/conftest.py), so a wrong
answer returns feedback instead of raising.
"""

import math
import sys
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from exercise_messages import not_said, said

from helpers import exercises as E

# ------------------------------------------------------------------ feedback and strict mode


def test_strict_mode_is_on_under_the_tests():
    assert E.strict_mode()


@pytest.mark.parametrize("value", ["0", "", "false", "False"])
def test_strict_mode_off_values(monkeypatch, value):
    monkeypatch.setenv(E.STRICT_ENV, value)
    assert not E.strict_mode()


def test_wrong_answers_raise_in_strict_mode_with_the_message():
    with pytest.raises(AssertionError, match="times too large"):
        E.check_value(40.0, 4.0, what="the period", unit="ms")


def test_wrong_answers_give_feedback_when_not_strict(lenient, capsys):
    out = E.check_value(40.0, 4.0, what="the period", unit="ms")
    assert out.ok is False and not out
    assert "Not yet" in capsys.readouterr().out


def test_not_attempted_is_a_hint_not_an_error(capsys):
    out = E.check_value(..., 4.0, what="the period", unit="ms", todo="Section 4 says how.")
    said(out, "replace ... with the period (in ms)", "Section 4 says how.", ok=None)
    assert "Not attempted" in capsys.readouterr().out
    assert E.check_value(None, 4.0, what="the period").ok is None


def test_feedback_renders_as_html_and_text():
    fb = E.Feedback("wrong", "a < b\n   and   c")
    assert "a &lt; b and c" in fb._repr_html_()
    assert repr(fb) == "\u274c Not yet: a < b and c"
    assert fb.ok is False
    assert E.Feedback("correct", "x").ok is True and E.Feedback("todo", "x").ok is None
    with pytest.raises(ValueError, match="status"):
        E.Feedback("maybe", "x")


def test_outcome_is_truthy_only_when_right():
    assert E.Outcome(E.Feedback("correct", "x"))
    assert not E.Outcome(E.Feedback("todo", "x"))
    assert repr(E.Outcome(E.Feedback("wrong", "x"))) == "False"


def test_report_displays_through_ipython_when_there_is_a_shell(monkeypatch):
    shown = []
    import IPython
    import IPython.display

    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", shown.append)
    fb = E.Feedback("correct", "fine")
    assert E.report(fb).ok is True
    assert shown == [fb]


# ------------------------------------------------------------------ numbers are numbers


@pytest.mark.parametrize(
    "answer, value",
    [
        (4, 4),
        ([4], 4),
        ((4.5,), 4.5),
        (np.array([4.5]), 4.5),
        ([[2]], 2),
        (np.array(3.0), 3.0),
        (np.float32(1.5), 1.5),
        (np.int64(7), 7),
        (Fraction(1, 2), 0.5),
        (Decimal("2.5"), 2.5),
    ],
)
def test_as_number_accepts_numbers_and_size_one_containers(answer, value):
    got = E.as_number(answer, what="x")
    assert not isinstance(got, E.Feedback) and float(got) == value


@pytest.mark.parametrize(
    "answer, words, absent",
    [
        ("4", ["'4' is text (a string)", "remove the quotes"], []),
        ("four", ["'four' is text"], ["remove the quotes"]),
        (b"4", ["is text", "remove the quotes"], []),
        (True, ["True is a truth value (True or False), not a number"], []),
        (np.False_, ["False is a truth value"], []),
        (4 + 0j, ["4+0j is a complex number", "keep the real part: .real"], []),
        (4 + 1j, ["4+1j is a complex number"], [".real"]),
        (np.complex64(2), ["complex number"], []),
        ([4, 5], ["a list of 2 values", "one number is asked for"], []),
        (np.array([1.0, 2.0]), ["an array of 2 values"], []),
        ([], ["with nothing in it"], []),
        ({"a": 1}, ["a dict"], []),
        ({1}, ["a set"], []),
        (float("nan"), ["nan is not a finite number"], []),
        (float("inf"), ["inf is not a finite number"], []),
        (len, ["a function (len), not a number: call it"], []),
        (object(), ["a object"], []),
    ],
)
def test_as_number_says_why_an_answer_is_not_a_number(answer, words, absent):
    fb = E.as_number(answer, what="the period", hint="Think.")
    assert isinstance(fb, E.Feedback) and fb.status == "wrong"
    assert fb.message.startswith("the period should be a number; ")
    assert fb.message.endswith("Think.")
    for word in words:
        assert word in fb.message, fb.message
    for word in absent:
        assert word not in fb.message, fb.message


def test_as_number_whole_means_whole():
    assert E.as_number(15.0, what="bits", whole=True) == 15
    assert isinstance(E.as_number(np.float64(15.0), what="bits", whole=True), int)
    fb = E.as_number(15.01, what="the bit depth", unit="bits", whole=True)
    assert fb.message == "the bit depth should be a whole number of bits; 15.01 is not."


# ------------------------------------------------------------------ learners' results as arrays


def _gen():
    yield 1.0


class _Unreadable:
    def __array__(self, dtype=None, copy=None):
        raise RuntimeError("no")


@pytest.mark.parametrize(
    "value, kind, words",
    [
        (None, "real", ["None (did you forget `return`?)"]),
        ("0.5", "real", ["text ('0.5'), not numbers"]),
        ({"rms": 1.0}, "real", ["a dict", "return the numbers themselves"]),
        ({1.0, 2.0}, "real", ["a set (it has no order)"]),
        (map(abs, [1.0]), "real", ["a map object", "wrap it as np.array(list(...))"]),
        (_gen(), "real", ["a generator object"]),
        (iter([1.0]), "real", ["a list_iterator object"]),
        (len, "real", ["a function (len): call it"]),
        ([1.0, None, 3.0], "real", ["None at position 1", "missing return"]),
        ([[1.0, 2.0], [None, 3.0]], "real", ["None at position [1][0]"]),
        ([1.0, "2"], "real", ["text at position 1"]),
        ([True, 1.0], "real", ["a True/False value at position 0"]),
        ([1.0, 2j], "real", ["a complex number at position 1 (0+2j)"]),
        ([1.0, {"a": 1}], "real", ["a dict at position 1"]),
        (np.array([True, False]), "real", ["True/False values, not numbers"]),
        (np.array(["a", "b"]), "real", ["text, not numbers"]),
        (
            np.array([1 + 2j, 3]),
            "real",
            ["complex numbers (e.g. 1+2j)", "real numbers are expected"],
        ),
        (np.array([1 + 0j, 3]), "real", ["imaginary parts are all 0: return .real"]),
        (np.array([0.5, 1.0]), "bool", ["numbers, not True/False values"]),
        ((np.zeros((4, 4)), 4), "real", ["a tuple of 2 things", "an array of shape (4, 4)", "4"]),
        (_Unreadable(), "real", ["cannot be read as numbers"]),
    ],
)
def test_to_array_describes_what_is_not_an_array_of_numbers(value, kind, words):
    got, problem = E.to_array(value, kind=kind)
    assert got is None
    for word in words:
        assert word in problem, problem


def test_to_array_tells_a_ragged_list_of_frames_that_its_last_frames_are_shorter():
    y = np.arange(10.0)
    one = [y[s : s + 4] for s in range(0, 8, 2)] + [y[8:]]
    got, problem = E.to_array(one, axes=("frame", "sample"))
    assert got is None
    assert problem == (
        "5 frames of different lengths: the last frame is shorter than the others "
        "(2 samples instead of 4)"
    )
    two = [y[s : s + 4] for s in range(0, 10, 2)] + [y[10:]]
    assert E.to_array(two, axes=("frame", "sample"))[1] == (
        "6 frames of different lengths: the last 2 frames are shorter than the others "
        "(2 and 0 samples instead of 4)"
    )
    assert E.to_array(np.array(two, dtype=object), axes=("frame", "sample"))[1].startswith(
        "6 frames of different lengths"
    )
    assert E.to_array([[1.0, 2.0], [1.0, 2.0, 3.0], [1.0]])[1] == (
        "3 rows of different lengths (2, 3, 1)"
    )


@pytest.mark.parametrize(
    "value, kind, dtype",
    [
        ([1, 2, 3], "real", np.float64),
        ((1.0, 2.0), "real", np.float64),
        ([np.ones(2), np.ones(2)], "real", np.float64),
        (np.float32(1.0), "real", np.float64),
        ([1.0, 2j], "complex", np.complex128),
        (np.ones(3), "complex", np.complex128),
        (np.array([True, False]), "bool", np.bool_),
        ([0, 1, 1], "bool", np.bool_),
    ],
)
def test_to_array_accepts_numbers(value, kind, dtype):
    got, problem = E.to_array(value, kind=kind)
    assert problem is None and got.dtype == dtype


# ------------------------------------------------------------------ evidence and diagnosis


def test_compare_agrees_and_counts_a_size_one_result_as_its_number():
    assert E.compare(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-12])) == ""
    assert E.compare(np.array([440.0]), np.array(440.0)) == ""
    assert E.compare(np.array(440.0), np.array([440.0])) == ""


def test_compare_shows_the_position_and_both_values():
    assert E.compare(np.array([1.0, 2.0, 9.0]), np.array([1.0, 2.0, 3.0]), axes=("frame",)) == (
        "at frame 2: yours 9, expected 3 (1 of 3 values differs)"
    )
    got = np.array([[1.0, 2.0], [7.0, 8.0]])
    want = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert E.compare(got, want, axes=("frame", "sample")) == (
        "at frame 1, sample 0: yours 7, expected 3 (2 of 4 values differ)"
    )
    assert E.compare(got, want).startswith("at row 1, column 0:")
    shown = E.compare(
        np.array([0.5, 1.5]),
        np.array([0.5, 0.75]),
        axes=("sample",),
        unit="Hz",
        inputs=np.array([0.1, 1.0]),
        input_name="y",
    )
    assert shown == "at sample 1 (y = 1): yours 1.5 Hz, expected 0.75 Hz (1 of 2 values differs)"
    assert E.compare(np.array(2.0), np.array(3.0), unit="mel") == "yours 2 mel, expected 3 mel"


def test_compare_shows_enough_digits_to_see_the_difference():
    shown = E.compare(np.array([0.0195503]), np.array([0.0195312]))
    assert "yours 0.01955, expected 0.01953" in shown


@pytest.mark.parametrize(
    "got, want, axes, words",
    [
        (
            np.ones((3, 2)) * [1, 2],
            (np.ones((3, 2)) * [1, 2]).T,
            ("frame", "sample"),
            [
                "shape (3, 2) (3 frames × 2 samples)",
                "where shape (2, 3)",
                "rows and columns are swapped",
                "one frame per row",
            ],
        ),
        (
            np.arange(4.0).reshape(2, 2),
            np.arange(4.0).reshape(2, 2).T,
            None,
            ["rows and columns are swapped (transpose with .T)"],
        ),
        (
            np.array([[1.0, 2.0, 3.0]]),
            np.array([1.0, 2.0, 3.0]),
            ("frame",),
            ["shape (1, 3), where 3 frames are expected", "in shape (1, 3) instead of (3,)"],
        ),
        (
            np.array([1.0, 2.0, 3.0, 4.0]),
            np.array([[1.0, 2.0], [3.0, 4.0]]),
            None,
            ["in shape (4,) instead of (2, 2)"],
        ),
        (
            np.array([1.0, 2.0]),
            np.array([1 + 1j, 2 - 1j]),
            ("bin",),
            ["only the real parts are right", "dtype=complex"],
        ),
        (
            np.abs(np.array([3 + 4j, 1j])),
            np.array([3 + 4j, 1j]),
            ("bin",),
            ["these are magnitudes (np.abs)"],
        ),
        (
            np.array([3 - 4j, -1j]),
            np.array([3 + 4j, 1j]),
            ("bin",),
            ["every imaginary part has the wrong sign"],
        ),
        (np.array([-1.0, -2.0]), np.array([1.0, 2.0]), None, ["every value has the wrong sign"]),
        (np.array([1.0, 4.0, 9.0]), np.array([1.0, 2.0, 3.0]), None, ["a square root is missing"]),
        (np.sqrt([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.0]), None, ["one square root too many"]),
        (
            np.array([0.5, 1.0]),
            np.array([1.0, 2.0]),
            None,
            ["every value is 0.5 times the right one"],
        ),
        (
            np.array([1.0, 2.0, 3.0, 4.0]),
            np.array([1.0, 2.0, 3.0]),
            ("frame",),
            [
                "4 frames, where 3 frames are expected",
                "the first 3 frames are right",
                "the extra one is at the end",
            ],
        ),
        (
            np.array([1.0]),
            np.array([1.0, 2.0, 3.0]),
            ("frame",),
            ["1 frame, where 3 frames are expected", "the last 2 are missing"],
        ),
        (
            np.ones((5, 3)),
            np.ones((5, 4)),
            ("frequency bin", "frame"),
            ["the first 3 frames are right; the last one is missing"],
        ),
        (
            np.array([1.0, np.nan]),
            np.array([1.0, 2.0]),
            ("frame",),
            ["at frame 1: yours is NaN (not a number)", "0 / 0 gives NaN"],
        ),
    ],
)
def test_compare_names_common_slips(got, want, axes, words):
    shown = E.compare(got, want, axes=axes).lower()
    for word in words:
        assert word.lower() in shown, shown


def test_compare_can_leave_the_diagnosis_out():
    shown = E.compare(np.array([-1.0, -2.0]), np.array([1.0, 2.0]), diagnose=False)
    assert "wrong sign" not in shown and "yours -1, expected 1" in shown


# ------------------------------------------------------------------ the runner


def test_run_learner_works_on_copies():
    y = np.arange(5.0)
    case = E.Case(y, label="five samples")

    def zeroes(x):
        x[:] = 0
        return x.sum()

    run = E.run_learner(zeroes, case, name="f")
    assert run.feedback is None and run.value == 0
    assert np.array_equal(y, np.arange(5.0)), "the case's array must not change"


def test_run_learner_not_written_is_todo():
    def f(x):
        raise NotImplementedError

    run = E.run_learner(f, E.Case(1), name="my_f")
    assert run.feedback.status == "todo" and run.feedback.message == "my_f is not written yet."


def _xor(x):
    return 440 * 2 ^ (x / 12)


def _name_j(x):
    return np.exp(2 * j * np.pi * x)  # noqa: F821 - the learner's slip


def _name_other(x):
    return x + undefined_name  # noqa: F821 - the learner's slip


def _math_on_array(x):
    return math.log10(np.array([x, x]))


def _complex_into_real(x):
    out = np.zeros(2)
    out[0] = complex(1, 2)
    return out


def _past_the_end(x):
    return [1, 2][5]


def _broadcast(x):
    out = np.zeros((2, 4))
    out[0] = np.ones(2)
    return out


def _recurse(x):
    return _recurse(x)


def _exit(x):
    sys.exit()


def _list_method(x):
    return [1.0, 2.0].mean()


def _value_error(x):
    raise ValueError("something else")


@pytest.mark.parametrize(
    "func, words",
    [
        (_xor, ["raised TypeError", "^ is not a power in Python", "write ** for powers"]),
        (_name_j, ["NameError", "imaginary unit as 1j"]),
        (_name_other, ["a name that is not defined", "Run All Above Selected Cell"]),
        (_math_on_array, ["math module got an array", "np.log10"]),
        (_complex_into_real, ["a complex number went into a real (float) array", "dtype=complex"]),
        (lambda x: 1 / 0, ["ZeroDivisionError", "a division by zero"]),
        (_past_the_end, ["IndexError", "an index past the end of an array"]),
        (_broadcast, ["pieces of different lengths do not fit together"]),
        (_recurse, ["RecursionError", "calls itself again and again"]),
        (_exit, ["SystemExit", "exit() stops Python"]),
        (_list_method, ["a Python list has no numpy methods", "np.asarray"]),
        (_value_error, ["raised ValueError: something else"]),
    ],
)
def test_run_learner_turns_exceptions_into_advice(func, words):
    run = E.run_learner(func, E.Case(1.0, label="x = 1"), name="my_f")
    assert run.value is None and run.error is not None
    message = run.feedback.message
    assert run.feedback.status == "wrong" and message.startswith("on x = 1, your my_f raised")
    for word in words:
        assert word.lower() in message.lower(), message


def test_run_learner_points_at_the_learners_line():
    run = E.run_learner(_past_the_end, E.Case(1.0), name="my_f")
    assert "(line " in run.feedback.message and "`return [1, 2][5]`" in run.feedback.message


def test_run_learner_explains_a_call_that_does_not_fit():
    def two(a, b):
        return a

    run = E.run_learner(two, E.Case(1.0), name="my_f")
    assert run.call_error
    assert "The check calls my_f(…): give your function exactly these parameters" in (
        run.feedback.message
    )
    run = E.run_learner(two, E.Case(1.0, k=2), name="my_f", call="my_f(y, k)")
    assert "The check calls my_f(y, k)" in run.feedback.message

    def inside(a):
        return two(a)  # a TypeError inside the learner's code is not a call error

    assert not E.run_learner(inside, E.Case(1.0), name="my_f").call_error


def test_run_learner_records_warnings_and_lets_keyboard_interrupt_through():
    def warns(x):
        out = np.zeros(2)
        out[0] += np.exp(1j)
        return out

    run = E.run_learner(warns, E.Case(1.0), name="f")
    assert any("ComplexWarning" in w for w in run.warnings)

    def interrupted(x):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        E.run_learner(interrupted, E.Case(1.0), name="f")


def test_case_text_and_pairs():
    assert E.Case(np.arange(1.0, 5.0), frame_length=2).text == "y = [1, 2, 3, 4], frame_length=2"
    assert E.Case(np.zeros(50), 4).text == "y = an array of 50 values, 4"
    assert E.Case(1, label="one").text == "one"
    case = E.Case.of(((1, 2), {"k": 3}))
    assert case.args == (1, 2) and case.kwargs == {"k": 3}


# ------------------------------------------------------------------ check_value: the tolerance rule


def spacing(answer, **kw):
    return E.check_value(answer, 22050 / 4096, what="the bin spacing", unit="Hz", **kw)


@pytest.mark.parametrize("answer", [22050 / 4096, 5.4, 5.38, 5.383, 5.3833, np.float32(5.38)])
def test_value_rounded_to_the_precision_or_finer_is_right(lenient, answer):
    said(spacing(answer, precision=0.1), "that is the bin spacing", ok=True)


def test_value_correct_message_names_the_rounding(lenient):
    said(spacing(5.4, precision=0.1), "that is the bin spacing, rounded to 1 decimal.", ok=True)
    not_said(spacing(22050 / 4096, precision=0.1), "you gave")


def test_value_rounded_too_coarsely_is_told_so(lenient):
    said(
        spacing(5, precision=0.1),
        "5 Hz is the right value rounded too coarsely; give it to 0.1 Hz or better",
    )


@pytest.mark.parametrize("answer", [5.3, 5.39, 5.37, 11025 / 2049, 5.3807])
def test_value_wrong_digits_and_near_misses_are_wrong(lenient, answer):
    said(spacing(answer, precision=0.1), "is not right", "too low" if answer < 5.38 else "too")


def test_value_without_precision_needs_a_computed_answer(lenient):
    said(spacing(5.4), "5.4 Hz is not right: it is 0.31 % too high")
    said(spacing(22050 / 4096 * (1 + 1e-9)), ok=True)
    said(E.check_value(4.0 + 1e-3, 4.0, what="t", rtol=1e-3), ok=True)
    said(E.check_value(0.004, 0.0, what="t", atol=0.01), ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        (40.0, ["it is about 10 times too large"]),
        (0.4, ["it is about 10 times too small"]),
        (-4.0, ["it has the wrong sign"]),
        (4.4, ["it is 10 % too high"]),
        (3.99, ["it is 0.25 % too low"]),
    ],
)
def test_value_says_which_way_and_how_far_without_the_answer(lenient, answer, words):
    out = E.check_value(answer, 4.0, what="the period", unit="ms")
    said(out, *words)
    not_said(out, " 4 ms", "4.0")


def test_value_far_from_zero(lenient):
    said(E.check_value(3.0, 0.0, what="x", unit="Hz"), "it is 3 Hz away from the right value")


def test_value_whole_numbers(lenient):
    said(E.check_value(15.0, 15, what="bits", whole=True), "that is bits.", ok=True)
    said(E.check_value(15.01, 15, what="bits", whole=True), "should be a whole number")
    said(E.check_value(14, 15, what="bits", whole=True), "14 is not right: it is too low")
    said(E.check_value(16, 15, what="bits", whole=True), "it is too high")


def test_value_slips_and_evidence(lenient):
    slips = [E.Slip(0.004, "That is seconds."), E.Slip(250, "That is the frequency.")]
    said(E.check_value(0.004, 4.0, what="T", unit="ms", slips=slips), "T: 0.004 ms", "seconds")
    said(E.check_value(250, 4.0, what="T", unit="ms", slips=slips), "That is the frequency.")
    said(
        E.check_value(5.0, 4.0, what="T", evidence=lambda x: f"{x} means something"),
        "5.0 means something",
    )


def test_value_slip_matches_by_the_rounding_rule(lenient):
    slip = [E.Slip(11025 / 2049, "Nyquist over the bins.")]
    said(spacing(5.381, precision=0.1, slips=slip), "Nyquist over the bins.")


def test_value_not_a_number(lenient):
    said(E.check_value("4", 4.0, what="the period", hint="Hint."), "remove the quotes", "Hint.")


# ------------------------------------------------------------------ check_value: lists


def ladder(answer):
    return E.check_value(
        answer,
        [110.0, 220.0, 440.0],
        what="the ladder",
        unit="Hz",
        labels=["A2", "A3", "A4"],
        slips=[E.Slip([440, 880, 1320], "Those are harmonics.")],
    )


@pytest.mark.parametrize(
    "answer, words",
    [
        ([110, 220, 440], ["those are the ladder."]),
        ((110.0, 220.0, 440.0), []),
        (np.array([110, 220, 440]), []),
    ],
)
def test_value_list_right(lenient, answer, words):
    said(ladder(answer), *words, ok=True)


@pytest.mark.parametrize(
    "answer, words",
    [
        ([110, 220], ["should be 3 numbers (A2, A3, A4); got 2"]),
        (440, ["should be a list of 3 numbers (A2, A3, A4); got 440"]),
        ("110, 220, 440", ["should be a list of 3 numbers", "is text"]),
        ({"A2": 110}, ["should be a list of 3 numbers", "a dict"]),
        (map(float, [1]), ["a map object: wrap it in list(...)"]),
        ([110, "220", 440], ["the 2nd value (A3) is not a number", "remove the quotes"]),
        ([110, None, 440], ["the 2nd value (A3) is not a number", "None"]),
        ([440, 220, 110], ["the right numbers, in the wrong order; list them from low to high"]),
        (
            [110, 220, 880],
            [
                "the 3rd value (A4), 880 Hz, is not right",
                "2 times too large",
                "the others are right",
            ],
        ),
        ([100, 200, 440], ["the 1st value (A2)", "2 of the 3 values are not right"]),
        ([440, 880, 1320], ["[440, 880, 1320] Hz are not right", "Those are harmonics."]),
    ],
)
def test_value_list_wrong(lenient, answer, words):
    said(ladder(answer), *words)


# ------------------------------------------------------------------ check_function


def _square_cases():
    return [E.Case(np.array([1.0, 2.0, 3.0]), label="three numbers"), ((np.array([-2.0]),), {})]


def square(y):
    return np.asarray(y) ** 2


def test_function_right_and_not_attempted(lenient):
    said(
        E.check_function(square, np.square, _square_cases(), name="my_sq"),
        "your my_sq agrees with the reference on 2 test cases",
        ok=True,
    )
    said(
        E.check_function(square, np.square, _square_cases()[:1], name="my_sq"),
        "on 1 test case.",
        ok=True,
    )
    for todo in (..., None):
        said(
            E.check_function(todo, np.square, [], name="my_sq", todo="Try."),
            "write my_sq, then run this cell again. Try.",
            ok=None,
        )

    def not_written(y):
        raise NotImplementedError

    said(
        E.check_function(not_written, np.square, _square_cases(), name="my_sq", todo="Try."),
        "my_sq is not written yet. Try.",
        ok=None,
    )


def test_function_not_callable(lenient):
    said(
        E.check_function(42, np.square, _square_cases(), name="my_sq"),
        "my_sq should be a function (def my_sq(...): ...); got 42",
    )


def test_function_cannot_be_fooled_by_changing_its_input(lenient):
    def sneaky(y):
        y[:] = 0
        return np.square(y)

    said(E.check_function(sneaky, np.square, _square_cases(), name="my_sq"), "yours 0, expected 1")


def test_function_evidence_slips_and_hints(lenient):
    slips = [E.Slip(lambda y: np.asarray(y), "You forgot to square.")]
    out = E.check_function(
        lambda y: y,
        np.square,
        _square_cases(),
        name="my_sq",
        axes=("sample",),
        slips=slips,
        hint="Square it.",
    )
    message = said(
        out,
        "on three numbers, your my_sq differs from the reference",
        "at sample 1: yours 2, expected 4",
        "You forgot to square.",
        "Square it.",
    )
    assert "square root" not in message  # the named slip replaces the generic diagnosis

    out = E.check_function(
        lambda y: np.sqrt(np.square(y)) ** 4,
        np.square,
        _square_cases(),
        name="my_sq",
        hint="Square it.",
    )
    said(out, "these are the squares of the right values")


def test_function_result_problems_and_errors(lenient):
    said(
        E.check_function(
            lambda y: None, np.square, _square_cases(), name="my_sq", hint="Square it."
        ),
        "on three numbers, your my_sq returned None (did you forget `return`?)",
        "Square it.",
    )
    out = E.check_function(
        lambda a, b: a, np.square, _square_cases(), name="my_sq", hint="Square it."
    )
    said(out, "The check calls my_sq(…)")
    not_said(out, "Square it.")  # the exercise's hint does not help with the parameters


def test_function_warnings_explain_a_wrong_result(lenient):
    def real_array(x):
        out = np.zeros(len(x))
        for k in range(len(x)):
            out[k] += np.fft.fft(x)[k]
        return out

    out = E.check_function(
        real_array, np.fft.fft, [E.Case(np.array([0.0, 1.0, 0.0]))], name="my_dft", kind="complex"
    )
    said(out, "only the real parts are right", "numpy warned that complex values were cast")


def test_function_strict_mode_raises():
    with pytest.raises(AssertionError, match="my_sq"):
        E.check_function(lambda y: y, np.square, _square_cases(), name="my_sq")
