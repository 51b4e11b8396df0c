"""Budgets of notebook 10 (the convolutional network): time, training time, memory, determinism.

Usage:
    python benchmarks/bench_deep.py            # 2 runs with a cold, then a warm compilation cache
    python benchmarks/bench_deep.py --quick    # 1 run (warm cache if one exists); CI
    python benchmarks/bench_deep.py --runs 3   # more warm runs (determinism across all of them)

Each run executes notebooks/10_deep_learning.ipynb headless with nbclient, as the tests do (a
fresh kernel, working directory notebooks/, COURSE_STRICT_EXERCISES=1), plus one extra cell at
the end that reports the kernel's peak memory (resident set size) and CPU time, and a digest of
the trained network's weights and of every test accuracy the notebook computed.

Budgets (issue 16): the whole notebook <= 90 s; its training cells together <= 60 s (the cells
that train networks: section 4, the augmentation comparison and exercise 3's worked
solution); peak memory <= 2 GB; the same seed on the same machine gives the same weights and
accuracies in every run.  The first run uses an empty JAX compilation cache (what a learner
meets the very first time; later runs, and later sessions, find the compiled networks on disk).

Prints Markdown tables with PASS/OVER; never fails because of a time (times depend on the
machine and on what else it is doing: the load average is printed).  Exits non-zero only when
the notebook raises or the runs disagree.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_course import NOTEBOOKS, kernel_env, run_notebook, table, verdict  # noqa: E402

NOTEBOOK = NOTEBOOKS / "10_deep_learning.ipynb"
TOTAL_S, TRAINING_S, MEMORY_MB = 90.0, 60.0, 2048.0
# Cells that train networks (their source calls one of these)
TRAINING_MARKERS = ("train_model(", "check_augmentation(")

REPORT_CELL = r"""
import hashlib, json, resource
_usage = resource.getrusage(resource.RUSAGE_SELF)
_digest = hashlib.sha256(b"".join(w.tobytes() for w in model.get_weights())).hexdigest()[:16]
print("BENCH" + json.dumps({
    "peak_mb": _usage.ru_maxrss / 1024, "cpu_s": _usage.ru_utime + _usage.ru_stime,
    "weights": _digest, "accuracy": {k: [round(float(a), 6) for a in v] for k, v in accuracy.items()},
    "scores": {k: round(float(v), 6) for k, v in scores.items()},
}))
"""


def one_run(cache_dir):
    import json

    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(REPORT_CELL))
    os.environ["XDG_CACHE_HOME"] = str(cache_dir)  # the kernel inherits it (kernel_env)
    wall, cells = run_notebook(nb)
    training = sum(
        seconds
        for index, seconds in cells.items()
        if any(marker in nb.cells[index].source for marker in TRAINING_MARKERS)
        and not nb.cells[index].source.lstrip().startswith("def my_augmentation")
    )
    stray = [
        line
        for cell in nb.cells[:-1]
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream" and output.get("name") == "stderr"
        for line in output.get("text", "").splitlines()
        if line.strip() and not line.lstrip("\r").startswith("Loading:")  # the progress bar
    ]
    report = None
    for output in nb.cells[-1].get("outputs", []):
        for line in output.get("text", "").splitlines():
            if line.startswith("BENCH"):
                report = json.loads(line[5:])
    if report is None:
        raise RuntimeError("the report cell printed nothing")
    report.update(wall=wall, training=training, stray=stray)
    return report


def machine():
    from importlib.metadata import version

    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {platform.python_version()}, Keras {version('keras')}, JAX {version('jax')}; "
        f"{os.cpu_count()} CPUs ({model}); load average {load}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run, warm cache if present")
    parser.add_argument("--runs", type=int, default=None, help="warm runs after the cold one")
    args = parser.parse_args()
    print(f"## Notebook 10 budgets\n\n{machine()}\n")
    kernel_env()  # fail early if the environment cannot start kernels

    scratch = Path(tempfile.mkdtemp(prefix="bench_deep_"))
    rows, reports = [], []
    try:
        if args.quick:
            plan = [("warm" if _course_cache().exists() else "cold", _course_cache().parent.parent)]
        else:
            plan = [("cold", scratch)] + [("warm", scratch)] * (args.runs or 1)
        for kind, cache in plan:
            r = one_run(cache)
            reports.append(r)
            rows.append(
                [
                    kind,
                    f"{r['wall']:.1f}",
                    f"{r['training']:.1f}",
                    f"{r['cpu_s']:.0f}",
                    f"{r['peak_mb']:.0f}",
                    verdict(
                        r["wall"] <= TOTAL_S
                        and r["training"] <= TRAINING_S
                        and r["peak_mb"] <= MEMORY_MB
                    ),
                ]
            )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    table(
        [
            "compilation cache",
            "notebook (s)",
            "training cells (s)",
            "kernel CPU (s)",
            "peak memory (MB)",
            f"<= {TOTAL_S:.0f} s, {TRAINING_S:.0f} s, {MEMORY_MB:.0f} MB",
        ],
        rows,
    )
    stray = sorted({line for r in reports for line in r["stray"]})
    print(f"\nmessages on stderr in the notebook's outputs (the progress bar aside): {len(stray)}")
    for line in stray[:10]:
        print(f"    {line[:160]}")
    first = reports[0]
    print(f"\nweights digest {first['weights']}; test accuracies {first['accuracy']}")
    same = all(
        (r["weights"], r["accuracy"], r["scores"])
        == (first["weights"], first["accuracy"], first["scores"])
        for r in reports
    )
    if len(reports) > 1:
        print(
            f"same seed, {len(reports)} runs: {'identical' if same else 'DIFFERENT'} weights "
            "and accuracies"
        )
    print(f"load average after: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if same and not stray else 1


def _course_cache():
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "audio-ml-course" / "jax"


if __name__ == "__main__":
    sys.exit(main())
