"""tools/wheelhouse.py: pip sees each laptop's environment markers, not this machine's."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("wheelhouse", ROOT / "tools" / "wheelhouse.py")
wheelhouse = importlib.util.module_from_spec(spec)
spec.loader.exec_module(wheelhouse)


@pytest.mark.parametrize(
    "platform,needed",
    [("windows", True), ("linux", False), ("macos-intel", False), ("macos-arm", False)],
)
def test_markers_are_evaluated_for_the_target_laptop(tmp_path, platform, needed):
    """A Windows-only requirement is wanted for Windows only, whatever machine runs pip."""
    requirements = tmp_path / "requirements.txt"
    requirements.write_text('colorama; sys_platform == "win32"\n')
    result = wheelhouse._pip(
        [
            "install",
            "--dry-run",
            "--ignore-installed",
            "--target",
            str(tmp_path / "t"),
            "--no-index",
            "--find-links",
            str(tmp_path),
            "-r",
            str(requirements),
        ]
        + wheelhouse._target_args(platform, "3.12"),
        isolated=True,
        target=(platform, "3.12"),
    )
    if needed:  # nothing in the empty folder can satisfy it
        assert result.returncode != 0 and "colorama" in result.stderr
    else:  # the marker is false for this laptop: nothing to install
        assert result.returncode == 0, result.stderr


def test_the_course_asks_intel_macs_for_the_last_jax_they_have():
    from packaging.markers import Marker
    from packaging.requirements import Requirement

    lines = [
        line.split("#")[0].strip()
        for line in (ROOT / "requirements.txt").read_text().splitlines()
        if line.strip().startswith("jax")
    ]
    wanted = {}
    for platform in wheelhouse.PLATFORMS:
        env = wheelhouse._marker_environment(platform, "3.12")
        chosen = [
            Requirement(line)
            for line in lines
            if Requirement(line).marker is None
            or Marker(str(Requirement(line).marker)).evaluate(env)
        ]
        assert len(chosen) == 1, (platform, chosen)
        wanted[platform] = str(chosen[0].specifier)
    assert "<0.5" in wanted["macos-intel"]
    assert all(v == ">=0.10" for p, v in wanted.items() if p != "macos-intel"), wanted
