"""The notebooks as files: stored without outputs, numbered in order, and every reference to one exists.

(Executing them is nbval's job: ``python -m pytest notebooks``.)
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NAMES = {nb.name for nb in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_without_outputs(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    code = [c for c in cells if c["cell_type"] == "code"]
    assert code, "a lesson without code cells"
    assert all(c.get("outputs") == [] for c in code), "outputs stored (run `make hooks`)"
    assert all(c.get("execution_count") is None for c in code), "execution counts stored"


def test_numbered_without_gaps_and_in_the_course_map():
    numbers = [int(nb.name[:2]) for nb in NOTEBOOKS]
    assert numbers == list(range(len(numbers))), numbers
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [nb.name for nb in NOTEBOOKS if nb.name not in readme]
    assert not missing, f"README's course map does not name {missing}"


def _texts():
    patterns = [
        "README.md",
        "CONTRIBUTING.md",
        "docs/**/*.md",
        "notebooks/*.ipynb",
        "tests/*.py",
        "helpers/**/*.py",
        "benchmarks/*.py",
        "benchmarks/*.md",
        "tools/*.py",
        "audio_samples/*.md",
        "audio_samples/*.py",
    ]
    for pattern in patterns:
        yield from ROOT.glob(pattern)


def test_every_named_notebook_exists():
    dangling = []
    for path in _texts():
        text = path.read_text(encoding="utf-8", errors="replace")
        for ref in set(re.findall(r"\b\d\d_[a-z0-9_]+\.ipynb", text)):
            if ref not in NAMES:
                dangling.append(f"{path.relative_to(ROOT)} names {ref}")
    assert not dangling, dangling


# --- figures and players carry text for readers who cannot see or hear them -----------------

# Calls that start a new figure: pyplot's figure makers, and the course's drawing functions
# when they are not given an ``ax`` to draw into.
_PYPLOT_MAKERS = {"figure", "subplots", "subplot_mosaic"}
_PLOTTING_DRAWERS = {"waveform", "features_over_waveform", "spectrum", "spectrogram", "new_axes"}
_FROM_CLASSMETHODS = {"from_predictions", "from_estimator"}  # sklearn's *Display.from_...


def _code_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "code":
            yield index, "".join(cell["source"])


def _calls_in_order(tree):
    """Every call outside function bodies, in the order Python finishes evaluating them."""
    import ast

    calls = []

    def visit(node):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return  # a helper defined here draws only when called: judged where it is used
        if isinstance(node, ast.Call):
            calls.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return sorted(calls, key=lambda c: (c.end_lineno, c.end_col_offset))


def _owner_and_name(call):
    import ast

    func = call.func
    if isinstance(func, ast.Attribute):
        owner = func.value.id if isinstance(func.value, ast.Name) else None
        return owner, func.attr
    if isinstance(func, ast.Name):
        return None, func.id
    return None, None


def _figure_problems(source):
    """What a cell does wrong with its figures and players (empty if nothing)."""
    import ast

    from helpers import plotting

    problems = []
    open_figure = None  # the line of a figure made and not yet shown
    for call in _calls_in_order(ast.parse(source)):
        owner, name = _owner_and_name(call)
        keywords = {k.arg: k.value for k in call.keywords}
        line = call.lineno
        makes = (
            (owner == "plt" and name in _PYPLOT_MAKERS)
            or (owner == "plotting" and name in _PLOTTING_DRAWERS and "ax" not in keywords)
            or (name in _FROM_CLASSMETHODS and "ax" not in keywords)
        )
        if owner == "plt" and name == "show":
            problems.append(f"line {line}: plt.show() shows no text alternative; use plotting.show")
        elif owner in ("fig", "figure") and name == "show":
            problems.append(f"line {line}: fig.show(); use plotting.show(fig, alt=...)")
        elif name == "display" and any(
            isinstance(a, ast.Name) and a.id.startswith(("fig", "ax")) for a in call.args
        ):
            problems.append(f"line {line}: display() of a figure; use plotting.show(fig, alt=...)")
        elif makes:
            if open_figure is not None:
                problems.append(f"line {open_figure}: a figure never shown with plotting.show")
            open_figure = line
        elif owner == "plotting" and name == "show":
            alt = keywords.get("alt")
            if alt is None:
                problems.append(f"line {line}: plotting.show without alt=")
            elif isinstance(alt, ast.Constant):
                try:
                    plotting.check_alt(alt.value)
                except (TypeError, ValueError) as error:
                    problems.append(f"line {line}: {error}")
            elif isinstance(alt, ast.JoinedStr):
                words = " ".join(v.value for v in alt.values if isinstance(v, ast.Constant)).split()
                if len(words) < 4:
                    problems.append(f"line {line}: the alt text says too little: {words}")
            open_figure = None
        elif name == "play" and owner in (None, "audio") and "label" not in keywords:
            problems.append(f"line {line}: play(...) without label= (say what the player plays)")
    if open_figure is not None:
        problems.append(f"line {open_figure}: a figure never shown with plotting.show")
    return problems


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_has_a_text_alternative_and_every_player_a_label(path):
    found = [
        f"cell {index}, {problem}"
        for index, source in _code_cells(path)
        for problem in _figure_problems(source)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    "source, expected",
    [
        ("fig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()", ["plt.show()", "never shown"]),
        ("ax = plotting.waveform(y, sr=sr)", ["never shown"]),
        ("ax = plotting.waveform(y, sr=sr)\nplotting.show(ax)", ["without alt="]),
        ("ax = plotting.waveform(y, sr=sr)\nplotting.show(ax, alt='Figure 1')", ["placeholder"]),
        ("plotting.show(plotting.waveform(y, sr=sr), alt=f'{n} cycles')", ["says too little"]),
        (
            "fig, ax = plt.subplots()\nfig2, ax2 = plt.subplots()\nplotting.show(fig2, alt=ALT)",
            ["never shown"],
        ),
        ("fig, ax = plt.subplots()\ndisplay(fig)", ["display()", "never shown"]),
        ("ConfusionMatrixDisplay.from_predictions(y, p)", ["never shown"]),
        ("play(y, sr)", ["without label="]),
        # Right: each figure shown with a real alt, drawing into given axes, labelled players.
        (
            "fig, axes = plt.subplots(2)\nplotting.waveform(y, sr=sr, ax=axes[0])\n"
            "plotting.show(fig, alt=f'Two panels: {n} cycles of a sine, then silence.')\n"
            "play(y, sr, label='a sine')",
            [],
        ),
        (
            "for k in range(3):\n    ax = plotting.spectrum(f, m)\n"
            "    plotting.show(ax, alt='A spectrum with one peak at 440 Hz.')",
            [],
        ),
        ("def draw(ax):\n    plotting.waveform(y, sr=sr, ax=ax)", []),
    ],
)
def test_the_figure_check_finds_what_it_should(source, expected):
    problems = _figure_problems(source)
    assert len(problems) == len(expected), problems
    for problem, words in zip(problems, expected):
        assert words in problem, (problem, words)
