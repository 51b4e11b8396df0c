"""The exercises as the notebooks hold them: solutions stay hidden, every exercise is checked.

Reads every notebook's JSON (the notebooks themselves are executed by the nbval run).
"""

import ast
import json
import re
from pathlib import Path

import numpy as np
import pytest
from exercise_messages import not_said

from helpers import exercises as E
from helpers import signals

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTION_METADATA = {
    "jupyter": {"source_hidden": True, "outputs_hidden": True},
    "tags": ["solution"],
}


def _cells(notebook):
    return json.loads(notebook.read_text(encoding="utf-8"))["cells"]


def _source(cell):
    return "".join(cell["source"])


def _is_solution(cell):
    return cell["cell_type"] == "code" and (
        _source(cell).startswith("# Worked solution")
        or "solution" in cell.get("metadata", {}).get("tags", [])
    )


def _checks_called(source):
    return set(re.findall(r"exercises\.(check_\w+)\(", source))


def test_there_are_notebooks_with_solutions():
    assert len(NOTEBOOKS) >= 9
    with_solutions = [nb.stem for nb in NOTEBOOKS if any(_is_solution(c) for c in _cells(nb))]
    assert len(with_solutions) >= 8, with_solutions


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_solution_cells_hide_their_code_and_their_output(notebook):
    for index, cell in enumerate(_cells(notebook)):
        if _is_solution(cell):
            assert _source(cell).startswith("# Worked solution"), (notebook.stem, index)
            assert cell["metadata"] == SOLUTION_METADATA, (notebook.stem, index, cell["metadata"])
            assert cell.get("outputs", []) == [], "notebooks are stored without outputs"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_solution_cells_print_nothing(notebook):
    # The check's own box (folded away with the output) confirms the answer; nothing else may
    # print it, so a learner who runs everything does not see it.
    for index, cell in enumerate(_cells(notebook)):
        if not _is_solution(cell):
            continue
        calls = {
            node.func.id
            for node in ast.walk(ast.parse(_source(cell)))
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not calls & {"print", "display"}, (notebook.stem, index)


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_exercise_has_a_check_a_stuck_note_and_a_solution_that_passes_it(notebook):
    cells = _cells(notebook)
    exercises = [
        i
        for i, c in enumerate(cells)
        if c["cell_type"] == "markdown" and _source(c).startswith("### Exercise")
    ]
    for i in exercises:
        answer = next(j for j in range(i + 1, len(cells)) if cells[j]["cell_type"] == "code")
        checks = _checks_called(_source(cells[answer]))
        assert checks, f"{notebook.stem}: the exercise in cell {i} has no check"
        assert checks <= set(E.__all__), checks
        solution = next(j for j in range(answer + 1, len(cells)) if _is_solution(cells[j]))
        assert checks <= _checks_called(_source(cells[solution])), (notebook.stem, solution)
        stuck = _source(cells[solution - 1])
        assert stuck.startswith("*Stuck? Click the collapsed cell below"), (notebook.stem, solution)
        assert "Run All does not show the answer" in stuck


def test_notebook_04_frame_count_case_tells_the_conventions_apart():
    cells = _cells(next(nb for nb in NOTEBOOKS if nb.stem.startswith("04_")))
    source = next(_source(c) for c in cells if "check_frame_count(answer_centred" in _source(c))
    n = int(re.search(r"clip = speech\[:(\d+)\]", source).group(1))
    hop, frame = 512, 2048
    assert re.search(r"hop_length=512", source) and re.search(r"frame_length=2048", source)
    assert len({1 + n // hop, 1 + (n - frame) // hop, -(-n // hop)}) == 3


Y = signals.sine(440, 0.5, amplitude=0.5)

# Each check left as `...`: the nudge must not contain the answer or the formula that gives it.
NOT_ATTEMPTED = [
    (E.check_period, {}, ["4 ms", "1 / f"]),
    (E.check_octaves, {}, ["110", "1760", "doubl"]),
    (E.check_midi_to_hz, {}, ["2 **", "440"]),
    (E.check_duration, {"n_samples": 246_960, "sr": 22050}, ["11.2", "/ sr"]),
    (E.check_alias, {"freq": 30000, "sr": 44100}, ["14100", "subtract"]),
    (E.check_quantize, {}, ["floor", "centre"]),
    (E.check_bit_depth, {}, ["15", "ceil"]),
    (E.check_rms_db, {"y": Y}, ["log10", "-9.03"]),
    (E.check_adsr, {}, ["interp", "round("]),
    (E.check_harmonics, {}, ["880", "times the fundamental"]),
    (E.check_frame_duration, {"frame_length": 2048, "sr": 44100}, ["46", "1000"]),
    (E.check_overlap, {"frame_length": 2048, "hop_length": 512}, ["75", "1536"]),
    (
        E.check_frame_count,
        {"n_samples": 65536, "frame_length": 2048, "hop_length": 512, "center": True},
        ["129", "//", "1 +", "pad"],
    ),
    (E.check_frame_signal, {}, ["i * hop_length", "+ 1"]),
    (E.check_amplitude_envelope, {}, ["abs", "max"]),
    (E.check_rms, {}, ["np.pad", "frame_length // 2"]),
    (E.check_zcr, {}, ["y < 0", "divide"]),
    (E.check_silences, {"clean": np.zeros(4096)}, ["-45", "<"]),
    (E.check_hop_length, {}, ["220", "× sample rate"]),
    (E.check_frame_length, {}, ["1024", "/ sr"]),
    (E.check_bin_frequency, {"k": 100, "sr": 22050, "n_fft": 2048}, ["1076", "sr / n_fft"]),
    (E.check_nearest_bin, {"freq": 1000, "sr": 22050, "n_fft": 2048}, ["93", "round"]),
    (E.check_frequency_resolution, {"sr": 22050, "n_fft": 4096}, ["5.38", "sr / n_fft"]),
    (E.check_dft, {}, ["exp(", "1j"]),
    (E.check_n_fft_for_resolution, {}, ["8192", "sr / n_fft"]),
    (E.check_stft, {}, ["rfft", "transpose"]),
    (E.check_hz_to_mel, {}, ["2595", "549"]),
    (
        E.check_confused_pair,
        {"cm": np.array([[5, 1], [2, 5]]), "classes": ["cat", "dog"]},
        ["transpose", "3 times"],
    ),
]


@pytest.mark.parametrize(
    "check, kwargs, answer", NOT_ATTEMPTED, ids=lambda v: getattr(v, "__name__", "")
)
def test_not_attempted_hints_do_not_give_the_answer_away(check, kwargs, answer):
    out = check(..., **kwargs)
    assert out.ok is None and out.feedback.status == "todo"
    not_said(out, *answer)


def test_every_check_is_covered_by_the_not_attempted_table():
    covered = {check.__name__ for check, _, _ in NOT_ATTEMPTED} | {"check_added_feature"}
    checks = {name for name in E.__all__ if name.startswith("check_")} - {
        "check_value",
        "check_function",
    }
    assert checks == covered
