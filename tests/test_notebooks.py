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
