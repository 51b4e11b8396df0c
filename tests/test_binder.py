"""Binder builds the course with the right Python, installs it, and warms it up.

repo2docker (the tool behind mybinder.org) can print the Dockerfile it would
build without building it (``--no-build --debug``), offline.  This test checks
that generated build: Python 3.12 (Binder's default would give librosa 0.11),
``requirements.txt`` installed, and ``postBuild`` run.  It skips when
``jupyter-repo2docker`` is not installed, unless ``COURSE_REQUIRE_REPO2DOCKER=1``
(set by ``.ci/run``) makes that a failure.
"""

import os
import re
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_runtime_pins_python_312():
    assert (ROOT / "runtime.txt").read_text().strip() == "python-3.12"


def test_postbuild_installs_helpers_and_warms_up():
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "postBuild must be executable"
    text = post_build.read_text()
    assert "pip install --no-deps -e ." in text
    assert "python -m helpers.warmup" in text


def test_readme_binder_badge_opens_the_first_notebook():
    readme = (ROOT / "README.md").read_text()
    links = re.findall(r"https://mybinder\.org/v2/gh/[^)\s]+", readme)
    assert links, "README needs a Binder link"
    for link in links:
        query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
        assert query.get("urlpath") == ["lab/tree/notebooks/00_start_here.ipynb"], link
    assert (ROOT / "notebooks" / "00_start_here.ipynb").exists()


def test_repo2docker_build_plan():
    # The tool installed in this environment (its bin/ need not be on PATH), else PATH.
    beside = Path(sys.executable).parent / "jupyter-repo2docker"
    exe = str(beside) if beside.exists() else shutil.which("jupyter-repo2docker")
    if exe is None:
        message = "jupyter-repo2docker is not installed (pip install jupyter-repo2docker)"
        if os.environ.get("COURSE_REQUIRE_REPO2DOCKER", "") not in ("", "0"):
            pytest.fail(message + " and COURSE_REQUIRE_REPO2DOCKER=1")
        pytest.skip(message)
    result = subprocess.run(
        [exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "python=3.12" in output, "repo2docker would not use Python 3.12"
    assert re.search(r'pip install --no-cache-dir -r "?requirements\.txt"?', output), (
        "repo2docker would not install requirements.txt"
    )
    assert "./postBuild" in output, "repo2docker would not run postBuild"
    # requirements.txt must resolve librosa 1.x on that Python: its librosa range allows it.
    spec = next(
        line
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.startswith("librosa")
    )
    assert "<1.1" in spec and ">=0.11" in spec, spec
