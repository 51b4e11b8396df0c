"""Time the three speeds a learner feels: running a notebook, moving a slider, the first cell.

Usage:
    python benchmarks/bench_course.py                 # all three parts, full number of runs
    python benchmarks/bench_course.py --quick         # fewer runs (CI uses this so it cannot rot)
    python benchmarks/bench_course.py --execution     # only part 1 (flags combine)
    python benchmarks/bench_course.py --widgets       # only part 2
    python benchmarks/bench_course.py --first-cell    # only part 3
    python benchmarks/bench_course.py --runs 5        # override the number of runs

1. Course execution: every notebook in notebooks/ (but those in OWN_BENCHMARK, e.g. notebook 10,
   which benchmarks/bench_deep.py measures) executed headless with nbclient (a fresh
   kernel each, working directory notebooks/, COURSE_STRICT_EXERCISES=1 as in the tests),
   against a baseline measured in the same run: a fresh kernel that only imports the
   course's libraries.  Budget: total <= 2 x (number of notebooks x baseline).
2. Widget latency: every explorer in helpers/widgets.py, built in this process; each
   control is stepped through its range and the time from setting ``.value`` to the
   explorer having recomputed its picture, sound and readout (its ``updates`` counter
   went up) is recorded.  The picture is the description the browser draws; its PNG
   copy (matplotlib) is made on demand only, and is checked once per explorer.
   benchmarks/bench_browser.py measures the same moves in a real browser.
   Budget per explorer: median <= 100 ms, worst <= 250 ms.
3. First cell: a fresh kernel computes its first feature, cold (librosa's numba cache
   cleared) and after ``python -m helpers.warmup``.  Kernel start and the cell are timed
   separately.  Budget for the cell after warm-up: <= 0.5 s.  This part deletes librosa's
   numba cache and always runs the warm-up again afterwards.

Prints tables of medians and ratios with PASS/OVER against each budget; it never fails
because of a time (times depend on the machine).  The exit code is non-zero only when a
notebook, explorer or cell raises an error.
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

EXECUTION_FACTOR = 2.0  # total <= 2 x (number of notebooks x baseline)
WIDGET_MEDIAN_MS = 100.0
WIDGET_WORST_MS = 250.0
FIRST_CELL_S = 0.5
# Notebooks with budgets of their own, measured by their own script (not part 1 here)
OWN_BENCHMARK = {"10_deep_learning.ipynb": "benchmarks/bench_deep.py"}


def course_imports(paths):
    """What the notebooks import: import statements, and the librosa attributes they use.

    librosa loads its submodules lazily: ``import librosa`` alone runs almost nothing,
    and the real import happens when a cell first touches ``librosa.feature.rms`` or
    ``librosa.stft``.  So the attribute chains the notebooks use are collected too,
    and the baseline touches each of them once.
    """
    import ast

    import nbformat

    modules, librosa_uses = set(), set()
    for path in paths:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            source = "\n".join(
                line
                for line in cell.source.splitlines()
                if not line.lstrip().startswith(("%", "!"))
            )
            try:
                tree = ast.parse(source)
            except SyntaxError:  # an exercise left for the learner to complete
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    modules.update(f"import {alias.name}" for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    modules.update(
                        f"from {node.module} import {alias.name}" for alias in node.names
                    )
                elif isinstance(node, ast.Attribute):
                    chain = ast.unparse(node)
                    if chain.startswith("librosa.") and chain.replace(".", "").isidentifier():
                        librosa_uses.add(chain)
    # Keep only the longest chains (librosa.feature.rms covers librosa.feature).
    librosa_uses = {
        c for c in librosa_uses if not any(other.startswith(c + ".") for other in librosa_uses)
    }
    return sorted(modules), sorted(librosa_uses)


def baseline_source(paths):
    """A cell that imports every module the notebooks import, and nothing else."""
    modules, librosa_uses = course_imports(paths)
    lines = ["%matplotlib inline"] + modules
    if librosa_uses:
        lines += ["import librosa"] + librosa_uses
    return "\n".join(lines) + "\n"


# The first feature a fresh kernel computes, with the course's own functions and with
# librosa; each is measured in a kernel of its own, so each really is the first cell.
FIRST_CELLS = {
    "helpers": """\
from helpers import features
import numpy as np
y = np.zeros(22050, np.float32)
features.rms(y)
""",
    "librosa": """\
import librosa
import numpy as np
y = np.zeros(22050, np.float32)
librosa.feature.rms(y=y)
""",
}


def kernel_env():
    """The environment a notebook kernel gets: the tests' strict exercises, Jupyter's backend."""
    env = dict(os.environ)
    env["COURSE_STRICT_EXERCISES"] = "1"
    env.pop("MPLBACKEND", None)  # let the kernel pick the inline backend, as JupyterLab does
    return env


def verdict(ok):
    return "PASS" if ok else "OVER"


def table(header, rows, align=None):
    """Print a Markdown table; ``align`` is a string of 'l'/'r' per column."""
    align = align or "l" + "r" * (len(header) - 1)
    cells = [[str(c) for c in row] for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]

    def line(row):
        return (
            "| "
            + " | ".join(
                c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align)
            )
            + " |"
        )

    print(line(cells[0]))
    print(
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if a == "r" else ":" + "-" * (w + 1) for w, a in zip(widths, align)
        )
        + "|"
    )
    for row in cells[1:]:
        print(line(row))


# ------------------------------------------------------------------ part 1: execution


def _timestamp(value):
    if isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value).replace("Z", "+00:00"))


def run_notebook(nb):
    """Execute a notebook node in a fresh kernel; wall time and per-cell times in seconds."""
    from nbclient import NotebookClient

    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        record_timing=True,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    # The kernel's own log (start-up warnings) is shown only if something fails.
    with tempfile.TemporaryFile(mode="w+") as log:
        start = time.perf_counter()
        try:
            client.execute(env=kernel_env(), stderr=log)
        except Exception:
            log.seek(0)
            sys.stderr.write(log.read()[-3000:])
            raise
        wall = time.perf_counter() - start
    cells = {}
    for index, cell in enumerate(nb.cells):
        timing = cell.get("metadata", {}).get("execution", {})
        if cell.cell_type == "code" and "shell.execute_reply" in timing:
            begin = timing.get("iopub.execute_input", timing.get("iopub.status.busy"))
            cells[index] = (
                _timestamp(timing["shell.execute_reply"]) - _timestamp(begin)
            ).total_seconds()
    return wall, cells


def execution(runs):
    import nbformat

    paths = [p for p in sorted(NOTEBOOKS.glob("[0-9]*.ipynb")) if p.name not in OWN_BENCHMARK]
    for name, script in OWN_BENCHMARK.items():
        print(f"\n{name} has budgets of its own (training a network): see {script}")

    def kernel_with(source):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])

    baseline_nb = kernel_with(baseline_source(paths))
    own_nbs = {p.name: kernel_with(baseline_source([p])) for p in paths}
    modules, librosa_uses = course_imports(paths)
    walls = {"baseline": []}
    own = {p.name: [] for p in paths}
    walls.update({p.name: [] for p in paths})
    cell_times = {p.name: {} for p in paths}
    sources = {}
    print(
        f"\n## 1. Course execution: {len(paths)} notebooks, fresh kernel each, "
        f"median of {runs} run(s)\n",
        flush=True,
    )
    top = sorted({m.split()[1].split(".")[0] for m in modules})
    print(
        f"Baseline kernel: %matplotlib inline, then the {len(modules)} imports the notebooks "
        f"make ({', '.join(top)}), and it touches "
        f"the {len(librosa_uses)} librosa functions they use, so that librosa's lazily "
        f"loaded parts are really loaded.  For each notebook, a second kernel that makes "
        f"only that notebook's imports ('own imports') shows how much of its time is its "
        f"own work.\n",
        flush=True,
    )
    failed = []
    for run in range(runs):
        # The baseline is measured in the same run, between the same kind of load.
        wall, _ = run_notebook(baseline_nb)
        walls["baseline"].append(wall)
        print(f"  run {run + 1}/{runs}: baseline {wall:.1f} s", end="", flush=True)
        for path in paths:
            nb = nbformat.read(path, as_version=4)
            try:
                wall, cells = run_notebook(nb)
            except Exception as exc:  # an execution error: report it and go on
                failed.append(path.name)
                message = re.sub(r"\x1b\[[0-9;]*m", "", str(exc)).strip()  # no colour codes
                print(
                    f"\n  ERROR in {path.name}: {type(exc).__name__}: "
                    f"{message.splitlines()[-1] if message else ''}",
                    flush=True,
                )
                continue
            walls[path.name].append(wall)
            own[path.name].append(run_notebook(own_nbs[path.name])[0])
            for index, seconds in cells.items():
                cell_times[path.name].setdefault(index, []).append(seconds)
                sources[path.name, index] = nb.cells[index].source
            print(f", {path.name[:2]} {wall:.1f} s", end="", flush=True)
        print(flush=True)
    if failed:
        print(f"\nExecution errors in: {', '.join(sorted(set(failed)))}")
        return False

    base = statistics.median(walls["baseline"])
    header = [
        "notebook",
        "median (s)",
        "min (s)",
        "in cells (s)",
        "x baseline",
        "own imports (s)",
        "x own imports",
    ]
    rows = [
        (
            "baseline: kernel + the course's imports",
            f"{base:.2f}",
            f"{min(walls['baseline']):.2f}",
            "",
            "1.00",
            "",
            "",
        )
    ]
    total_runs = [sum(walls[p.name][r] for p in paths) for r in range(runs)]
    own_total = 0.0
    for path in paths:
        med = statistics.median(walls[path.name])
        own_med = statistics.median(own[path.name])
        own_total += own_med
        in_cells = sum(statistics.median(t) for t in cell_times[path.name].values())
        rows.append(
            (
                path.name,
                f"{med:.2f}",
                f"{min(walls[path.name]):.2f}",
                f"{in_cells:.2f}",
                f"{med / base:.2f}",
                f"{own_med:.2f}",
                f"{med / own_med:.2f}",
            )
        )
    total = statistics.median(total_runs)
    budget = EXECUTION_FACTOR * len(paths) * base
    rows.append(
        (
            f"total ({len(paths)} notebooks)",
            f"{total:.2f}",
            f"{min(total_runs):.2f}",
            "",
            f"{total / base:.2f}",
            f"{own_total:.2f}",
            f"{total / own_total:.2f}",
        )
    )
    table(header, rows)
    ratio = total / (len(paths) * base)
    print(
        f"\nBudget: total <= {EXECUTION_FACTOR:g} x {len(paths)} x baseline = {budget:.1f} s; "
        f"total / ({len(paths)} x baseline) = {ratio:.2f} -> {verdict(ratio <= EXECUTION_FACTOR)}"
    )
    print(
        f"Stricter, each notebook against its own imports only: total / sum of own imports = "
        f"{total / own_total:.2f} (the same budget would be {EXECUTION_FACTOR:g})."
    )
    print(
        "(wall time includes starting and stopping the kernel; 'in cells' is the sum of the "
        "cells' own times)"
    )

    slow = sorted(
        (
            (statistics.median(t), name, index)
            for name, cells in cell_times.items()
            for index, t in cells.items()
        ),
        reverse=True,
    )[:8]
    print("\nSlowest cells (median seconds):\n")
    table(
        ["notebook", "cell", "seconds", "first line"],
        [
            (
                name,
                index,
                f"{seconds:.2f}",
                next(
                    (
                        ln.strip()
                        for ln in sources[name, index].splitlines()
                        if ln.strip() and not ln.lstrip().startswith("#")
                    ),
                    "",
                )[:60],
            )
            for seconds, name, index in slow
        ],
        align="lrrl",
    )
    return True


# ------------------------------------------------------------------ part 2: widgets


def explorer_factories():
    """Public functions of helpers.widgets that return an Explorer when called with defaults."""
    from helpers import widgets

    found, skipped = [], []
    for name, func in inspect.getmembers(widgets, inspect.isfunction):
        if name.startswith("_") or func.__module__ != widgets.__name__:
            continue
        try:
            inspect.signature(func).bind()
        except TypeError:
            skipped.append(name)  # needs arguments: not an explorer we can build blind
            continue
        found.append((name, func))
    return found, skipped


def _snap(x, lo, step):
    return lo + round((x - lo) / step) * step if step else x


def control_values(control, steps):
    """Values to step a control through: spread over a slider's range, or every option."""
    import ipywidgets as ipw

    if isinstance(control, (ipw.Checkbox, ipw.ToggleButton)):
        return [not control.value, control.value]
    if hasattr(control, "options"):  # SelectionSlider, Dropdown, ToggleButtons, ...
        values = [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in control.options]
        if len(values) > steps:
            picks = [round(i * (len(values) - 1) / (steps - 1)) for i in range(steps)]
            values = [values[i] for i in picks]
        return values
    lo, hi = control.min, control.max
    step = getattr(control, "step", None) or 0
    values = []
    for i in range(steps):
        x = _snap(lo + (hi - lo) * i / (steps - 1), lo, step)
        x = min(max(x, lo), hi)
        if isinstance(control, ipw.FloatLogSlider):  # min, max and step are exponents
            x = control.base**x
        elif isinstance(control, ipw.IntSlider):
            x = int(round(x))
        values.append(x)
    return values


def time_explorer(make, steps, sweeps):
    """Build an explorer, move every control through its range; build time and move times.

    Returns None if ``make()`` does not return an Explorer.
    """
    import numpy as np

    from helpers.widgets import Explorer

    start = time.perf_counter()
    ex = make()
    build = time.perf_counter() - start
    if not isinstance(ex, Explorer):
        return None
    moves = {}
    for _ in range(sweeps):
        for name, control in ex.controls.items():
            original = control.value
            for value in [*control_values(control, steps), original]:
                if np.isscalar(value) and np.isscalar(control.value) and value == control.value:
                    continue  # setting the same value fires no event
                before = ex.updates
                start = time.perf_counter()
                control.value = value
                elapsed = time.perf_counter() - start
                if ex.updates != before + 1:
                    raise RuntimeError(
                        f"setting {name} = {value!r} did not update the output "
                        f"(updates {before} -> {ex.updates})"
                    )
                if not ex.figure["panels"] or not ex.audio.value:
                    raise RuntimeError(f"setting {name} = {value!r} left no picture or sound")
                moves.setdefault(name, []).append(elapsed)
    if not ex.image.value.startswith(b"\x89PNG"):  # the PNG copy is made on demand only
        raise RuntimeError("the explorer's picture could not be drawn as a PNG")
    return build, moves


def widget_latency(steps, sweeps):
    import matplotlib

    matplotlib.use("Agg")
    factories, skipped = explorer_factories()
    print(
        f"\n## 2. Widget latency: {len(factories)} explorers, every control stepped through "
        f"{steps} values of its range (or every option) and back, {sweeps} sweep(s)\n",
        flush=True,
    )
    rows, ok = [], True
    for name, make in factories:
        try:
            timed = time_explorer(make, steps, sweeps)
        except Exception as exc:
            sys.stdout.flush()
            traceback.print_exc()
            print(f"ERROR in {name}: {type(exc).__name__}: {exc}", flush=True)
            ok = False
            continue
        if timed is None:  # a public function that is not an explorer
            continue
        build, moves = timed
        everything = [t * 1000 for times in moves.values() for t in times]
        med, worst = statistics.median(everything), max(everything)
        slowest = max(moves, key=lambda k: statistics.median(moves[k]))
        rows.append(
            (
                name,
                len(everything),
                f"{build * 1000:.0f}",
                f"{med:.1f}",
                f"{worst:.1f}",
                f"{slowest} ({statistics.median(moves[slowest]) * 1000:.0f})",
                verdict(med <= WIDGET_MEDIAN_MS and worst <= WIDGET_WORST_MS),
            )
        )
    table(
        [
            "explorer",
            "moves",
            "build (ms)",
            "median (ms)",
            "worst (ms)",
            "slowest control (median ms)",
            "budget",
        ],
        rows,
        align="lrrrrll",
    )
    print(
        f"\nBudget: median <= {WIDGET_MEDIAN_MS:g} ms and worst <= {WIDGET_WORST_MS:g} ms per "
        "explorer (time from setting .value to the new picture, sound and readout)"
    )
    if skipped:
        print(f"Not timed (need arguments): {', '.join(skipped)}")
    return ok


# ------------------------------------------------------------------ part 3: first cell


def first_cell_once(source):
    """Start a kernel, run ``source`` as its first cell; (kernel start, cell) in seconds."""
    from jupyter_client import KernelManager

    km = KernelManager(kernel_name="python3")
    start = time.perf_counter()
    km.start_kernel(env=kernel_env(), cwd=str(NOTEBOOKS), stderr=subprocess.DEVNULL)
    try:
        kc = km.client()
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        ready = time.perf_counter()
        reply = kc.execute_interactive(source, timeout=600, output_hook=lambda m: None)
        done = time.perf_counter()
        kc.stop_channels()
    finally:
        km.shutdown_kernel(now=True)
    if reply["content"]["status"] != "ok":
        raise RuntimeError(
            f"first cell failed: {reply['content'].get('ename')}: {reply['content'].get('evalue')}"
        )
    return ready - start, done - ready


def first_cell(cold_runs, warm_runs):
    from bench_helpers import clear_numba_cache

    print(
        f"\n## 3. First cell in a fresh kernel: cold {cold_runs} run(s), "
        f"after warm-up {warm_runs} run(s)\n",
        flush=True,
    )
    for name, source in FIRST_CELLS.items():
        print(f"{name}:\n```python\n{source}```\n")
    results = {}
    warmup = [sys.executable, "-m", "helpers.warmup"]
    try:
        removed = []
        cold = {name: [] for name in FIRST_CELLS}
        for _ in range(cold_runs):
            for name, source in FIRST_CELLS.items():
                removed.append(clear_numba_cache())  # what the previous cold run compiled, too
                cold[name].append(first_cell_once(source))
        for name in FIRST_CELLS:
            results[name, f"cold (numba cache cleared: {max(removed)} files)"] = cold[name]
    finally:
        start = time.perf_counter()
        subprocess.run(warmup, check=True, capture_output=True)
        warm_up_s = time.perf_counter() - start
    for name, source in FIRST_CELLS.items():
        results[name, "after python -m helpers.warmup"] = [
            first_cell_once(source) for _ in range(warm_runs)
        ]
    rows = []
    for (name, label), pairs in sorted(
        results.items(), key=lambda kv: (kv[0][0], "cold" not in kv[0][1])
    ):
        kernel = statistics.median(k for k, _ in pairs)
        cell = statistics.median(c for _, c in pairs)
        total = statistics.median(k + c for k, c in pairs)
        rows.append((name, label, f"{kernel:.2f}", f"{cell:.2f}", f"{total:.2f}"))
    table(
        ["first feature with", "state", "kernel start (s)", "first cell (s)", "total (s)"],
        rows,
        align="llrrr",
    )
    print(
        f"\nBudget: first cell after warm-up <= {FIRST_CELL_S:g} s "
        f"(re-warming took {warm_up_s:.1f} s):"
    )
    for name in FIRST_CELLS:
        warm_cell = statistics.median(c for _, c in results[name, "after python -m helpers.warmup"])
        print(f"  {name}: {warm_cell:.2f} s -> {verdict(warm_cell <= FIRST_CELL_S)}")
    return True


# ------------------------------------------------------------------ main


def machine():
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    import librosa
    import matplotlib
    import numpy

    return (
        f"Python {platform.python_version()}, librosa {librosa.__version__}, numpy "
        f"{numpy.__version__}, matplotlib {matplotlib.__version__}; {os.cpu_count()} CPUs "
        f"({model}); load average {load}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer runs and slider steps (a few minutes; CI uses this)",
    )
    parser.add_argument("--execution", action="store_true", help="part 1: run every notebook")
    parser.add_argument("--widgets", action="store_true", help="part 2: slider latency")
    parser.add_argument(
        "--first-cell",
        action="store_true",
        help="part 3: first cell in a fresh kernel, cold and warm (clears "
        "librosa's numba cache, then warms it again)",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="runs per measurement (default 3, or 1 with --quick)"
    )
    args = parser.parse_args()
    everything = not (args.execution or args.widgets or args.first_cell)
    runs = args.runs or (1 if args.quick else 3)
    print(f"# Course benchmark ({'quick' if args.quick else 'full'}): {machine()}", flush=True)
    started = time.perf_counter()
    ok = True
    if everything or args.execution:
        ok &= execution(runs)
    if everything or args.widgets:
        ok &= widget_latency(steps=5 if args.quick else 9, sweeps=runs)
    if everything or args.first_cell:
        ok &= first_cell(
            cold_runs=1 if args.quick else min(runs, 2), warm_runs=2 if args.quick else max(runs, 5)
        )
    print(
        f"\nBenchmark finished in {time.perf_counter() - started:.0f} s"
        + ("" if ok else "; something failed to execute (see above)")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
