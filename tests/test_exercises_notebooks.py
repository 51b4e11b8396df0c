"""The exercises as the notebooks hold them: solutions stay hidden, every exercise is checked.

Reads every notebook's JSON (the notebooks themselves are executed by the nbval run).
"""

import ast
import json
import re
from pathlib import Path

import pytest

from helpers import exercises as E

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
    # JupyterLab unfolds a cell's output when the cell runs, so after Run All a solution's output
    # is visible: the solution prints nothing, and its check confirms without repeating the answer
    # (tests/test_exercises_all_checks.py).
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


def test_notebook_04_frame_count_case_tells_the_conventions_apart():
    cells = _cells(next(nb for nb in NOTEBOOKS if nb.stem.startswith("04_")))
    source = next(_source(c) for c in cells if "check_frame_count(answer_centred" in _source(c))
    n = int(re.search(r"clip = speech\[:(\d+)\]", source).group(1))
    hop, frame = 512, 2048
    assert re.search(r"hop_length=512", source) and re.search(r"frame_length=2048", source)
    assert len({1 + n // hop, 1 + (n - frame) // hop, -(-n // hop)}) == 3
