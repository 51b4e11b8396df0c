"""One wheelhouse for a workshop room of mixed laptops, and a check that it is complete.

Usage:
    python tools/wheelhouse.py [--dest wheelhouse] [--platforms linux,windows,...]
                               [--pythons 3.11,3.12,3.13]          # download (make wheelhouse)
    python tools/wheelhouse.py --check [--platforms ...] [--pythons ...]  # resolve offline

Downloads, for every platform and Python version asked for (default: all of them),
the wheels that ``requirements.txt`` resolves to, plus pip and setuptools (which
``pip install -e .`` needs to build the course's own package), into one folder.
Learners then install with the network off, whatever their laptop:

    python -m pip install --no-index --find-links wheelhouse -r requirements.txt -e .

Wheels are binary-only (``--only-binary=:all:``) because a laptop in a workshop may
have no compiler.  A requirement published only as a source archive is built here
once into a wheel, which is accepted if it is pure Python (``py3-none-any``: it then
installs everywhere); otherwise the script stops and names it.  Where the newest
release of a package has no wheel for a platform, pip picks the newest release that
has one, as it would on that laptop; the summary lists the packages whose version
differs between platforms.

``--check`` resolves every platform's set from the folder alone (``--no-index``,
pip's own configuration ignored so nothing else on this machine can fill a gap) and
fails naming what is missing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# pip's platform tags for each kind of laptop.  For macOS pip also accepts the wheels of
# older versions (macOS 12 takes those built for 10.9 and 11, and universal2 ones).
# pip takes an explicit manylinux tag literally, so every glibc level up to 2.28 is listed.
_MANYLINUX = [f"manylinux_2_{glibc}_x86_64" for glibc in range(28, 4, -1)] + [
    "manylinux2014_x86_64",
    "manylinux2010_x86_64",
    "manylinux1_x86_64",
]
PLATFORMS = {
    "linux": _MANYLINUX,  # glibc 2.28 or newer: Debian 10, Ubuntu 20.04, Fedora 29, RHEL 8
    "windows": ["win_amd64"],
    "macos-intel": ["macosx_12_0_x86_64"],  # macOS 12 Monterey or newer
    "macos-arm": ["macosx_12_0_arm64"],  # Apple silicon, macOS 12 or newer
}
PYTHONS = ["3.11", "3.12", "3.13"]
EXTRA = ["setuptools>=77", "pip"]  # to build and install the course's package offline


# What PEP 508 environment markers see on each kind of laptop.  pip evaluates markers
# (``colorama; sys_platform == "win32"``, ``appnope; sys_platform == "darwin"``, the course's
# own ``jax`` lines) against the machine it runs on even with ``--platform``, and its
# maintainers keep it that way (pypa/pip#10050), so a Windows set downloaded on Linux would
# miss Windows-only dependencies.  _pip runs pip with the target laptop's values instead.
MARKER_ENVIRONMENTS = {
    "linux": {
        "sys_platform": "linux",
        "platform_system": "Linux",
        "os_name": "posix",
        "platform_machine": "x86_64",
    },
    "windows": {
        "sys_platform": "win32",
        "platform_system": "Windows",
        "os_name": "nt",
        "platform_machine": "AMD64",
    },
    "macos-intel": {
        "sys_platform": "darwin",
        "platform_system": "Darwin",
        "os_name": "posix",
        "platform_machine": "x86_64",
    },
    "macos-arm": {
        "sys_platform": "darwin",
        "platform_system": "Darwin",
        "os_name": "posix",
        "platform_machine": "arm64",
    },
}

# pip, started with its marker environment replaced by the one given as the first argument.
_PIP_FOR_TARGET = """
import json, sys
from pip._vendor.packaging import markers
target = json.loads(sys.argv.pop(1))
host = markers.default_environment
markers.default_environment = lambda: {**host(), **target}
from pip._internal.cli.main import main
sys.argv[0] = "pip"
sys.exit(main())
"""


def _marker_environment(platform, python):
    return {
        **MARKER_ENVIRONMENTS[platform],
        "python_version": python,
        "python_full_version": f"{python}.0",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "implementation_version": f"{python}.0",
    }


def _pip(args, *, isolated=False, capture=True, target=None):
    env = dict(os.environ)
    command = [sys.executable, "-m", "pip"]
    if target is not None:
        command = [sys.executable, "-c", _PIP_FOR_TARGET, json.dumps(_marker_environment(*target))]
    if isolated:
        # Only the wheelhouse: no configured find-links, indexes or constraints.
        env["PIP_CONFIG_FILE"] = os.devnull
        env = {k: v for k, v in env.items() if not k.startswith("PIP_") or k == "PIP_CONFIG_FILE"}
        command.append("--isolated")
    return subprocess.run(command + args, env=env, text=True, capture_output=capture, check=False)


def _target_args(platform, python):
    args = ["--only-binary=:all:", "--implementation", "cp", "--python-version", python]
    for tag in PLATFORMS[platform]:
        args += ["--platform", tag]
    return args


def _requirements(requirements):
    return ["-r", str(requirements), *EXTRA]


def _missing(output):
    """Names pip could not find a wheel for, from its error message."""
    return sorted(set(re.findall(r"No matching distribution found for ([A-Za-z0-9_.\-]+)", output)))


def _build_pure_wheel(name, dest, where):
    """A requirement without a wheel for ``where``: build one if it is pure Python, or stop."""
    with tempfile.TemporaryDirectory() as tmp:
        fetched = _pip(["download", "--no-deps", "--dest", tmp, name])
        files = list(Path(tmp).iterdir())
        if fetched.returncode != 0 or not files:
            sys.exit(f"{name}: cannot download it at all:\n{fetched.stderr[-2000:]}")
        (archive,) = files
        if archive.name.endswith(".whl"):
            # PyPI has wheels for it, only not for this laptop: nothing to build here.
            sys.exit(
                f"{name} has no wheel for {where} (only for others, such as {archive.name}), "
                f"and it is not pure Python: leave that platform out (make wheelhouse "
                f"PLATFORMS=...), or let those laptops install it with the network on."
            )
        built = _pip(["wheel", "--no-deps", "--wheel-dir", tmp, str(archive)])
        wheels = list(Path(tmp).glob("*.whl"))
        if built.returncode != 0 or not wheels:
            sys.exit(
                f"{name}: only a source archive, and building it failed:\n{built.stderr[-2000:]}"
            )
        (wheel,) = wheels
        if not wheel.name.endswith("-none-any.whl"):
            sys.exit(
                f"{name} is published only as source code that needs compiling ({wheel.name}): "
                f"one wheelhouse cannot serve every laptop with it."
            )
        (dest / wheel.name).write_bytes(wheel.read_bytes())
        print(f"  built {wheel.name} from its source archive (pure Python: installs everywhere)")


def download(dest, platforms, pythons, requirements):
    dest.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for platform in platforms:
        for python in pythons:
            t0 = time.perf_counter()
            for _attempt in range(10):
                result = _pip(
                    ["download", "--quiet", "--dest", str(dest), "--find-links", str(dest)]
                    + _target_args(platform, python)
                    + _requirements(requirements),
                    target=(platform, python),
                )
                if result.returncode == 0:
                    break
                missing = _missing(result.stderr + result.stdout)
                if not missing:
                    sys.exit(
                        f"pip download failed for {platform}, Python {python}:\n"
                        f"{result.stderr[-3000:]}"
                    )
                for name in missing:
                    print(f"  {name}: no wheel for {platform}, Python {python}")
                    _build_pure_wheel(name, dest, f"{platform}, Python {python}")
            else:
                sys.exit(f"{platform}, Python {python}: still incomplete after 10 rounds")
            print(f"{platform:12s} Python {python}: {time.perf_counter() - t0:5.1f} s", flush=True)
    files = sorted(dest.iterdir())
    size = sum(f.stat().st_size for f in files)
    print(
        f"\n{dest}/: {len(files)} files, {size / 2**20:.0f} MiB, downloaded in "
        f"{time.perf_counter() - started:.0f} s for {', '.join(platforms)} on Python "
        f"{', '.join(pythons)}"
    )


def check(dest, platforms, pythons, requirements):
    """Resolve each platform's set from the wheelhouse alone; return what each installs."""
    failures, resolved = [], {}
    for platform in platforms:
        for python in pythons:
            with tempfile.TemporaryDirectory() as tmp:
                report = Path(tmp) / "report.json"
                result = _pip(
                    [
                        "install",
                        "--dry-run",
                        "--ignore-installed",
                        "--quiet",
                        "--report",
                        str(report),
                        "--target",
                        str(Path(tmp) / "target"),
                        "--no-index",
                        "--find-links",
                        str(dest),
                    ]
                    + _target_args(platform, python)
                    + _requirements(requirements),
                    isolated=True,
                    target=(platform, python),
                )
                if result.returncode != 0:
                    missing = _missing(result.stderr) or [result.stderr.strip()[-500:]]
                    failures.append(f"{platform}, Python {python}: missing {', '.join(missing)}")
                    continue
                items = json.loads(report.read_text())["install"]
                resolved[(platform, python)] = {
                    i["metadata"]["name"].lower(): i["metadata"]["version"] for i in items
                }
            print(f"{platform:12s} Python {python}: {len(items)} packages resolve offline")
    if failures:
        sys.exit(
            "The wheelhouse is incomplete:\n  "
            + "\n  ".join(failures)
            + "\nRun make wheelhouse again (with the network on)."
        )
    differing = defaultdict(set)
    for (platform, python), packages in resolved.items():
        for name, version in packages.items():
            differing[name].add((version, platform, python))
    notes = []
    for name, seen in sorted(differing.items()):
        versions = {v for v, _, _ in seen}
        if len(versions) > 1:
            by_version = defaultdict(list)
            for version, platform, python in sorted(seen):
                by_version[version].append(f"{platform}/{python}")
            notes.append(
                f"  {name}: " + "; ".join(f"{v} on {', '.join(w)}" for v, w in by_version.items())
            )
    if notes:
        print("\nVersions that differ between laptops (the newest each one has a wheel for):")
        print("\n".join(notes))
    print(f"\nEvery platform's set resolves from {dest}/ without the network.")


def _choices(text, allowed, what):
    values = [v.strip() for v in text.split(",") if v.strip()]
    unknown = [v for v in values if v not in allowed]
    if unknown or not values:
        sys.exit(f"--{what}: got {text!r}; choose from {', '.join(allowed)} (comma-separated)")
    return values


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dest", type=Path, default=ROOT / "wheelhouse")
    parser.add_argument("--platforms", default=",".join(PLATFORMS))
    parser.add_argument("--pythons", default=",".join(PYTHONS))
    parser.add_argument("--requirements", type=Path, default=ROOT / "requirements.txt")
    parser.add_argument(
        "--check", action="store_true", help="resolve offline instead of downloading"
    )
    args = parser.parse_args()
    platforms = _choices(args.platforms, list(PLATFORMS), "platforms")
    pythons = _choices(args.pythons, PYTHONS, "pythons")
    if args.check:
        check(args.dest, platforms, pythons, args.requirements)
    else:
        download(args.dest, platforms, pythons, args.requirements)


if __name__ == "__main__":
    main()
