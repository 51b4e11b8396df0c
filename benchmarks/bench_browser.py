"""Explorers in a real browser: how quickly the picture follows the hand.

Usage:
    python benchmarks/bench_browser.py                  # every explorer, 15 key presses, 3 drags
    python benchmarks/bench_browser.py --quick          # 6 key presses, 1 drag
    python benchmarks/bench_browser.py --explorers sine_explorer,harmonics_mixer

JupyterLab 4 (this environment's) and Debian's Chromium, headless, driven by Playwright
(``pip install playwright``; no browser is downloaded).  A notebook with one cell per
explorer, each built with its defaults, is run in the browser.  For each explorer, the
first slider with a continuous range (the first slider if it has none) is moved:

- **key press -> picture**: the slider's handle has the focus; an arrow key is pressed
  (right and left in turn) and the time from the page's ``keydown`` event to the new
  picture is taken (median of the presses).  "New picture" means: for the canvas
  explorers, the moment the canvas was redrawn (its ``data-frame`` counter changed,
  which happens in the drawing's animation frame); for the older PNG explorers, the
  image's ``load`` event (the new PNG decoded).
- **drag**: the page presses the slider's handle and moves it a third of the slider's
  length over one second, with a mouse event every 16 ms (as a mouse reports its
  moves; dispatched by the page itself, so the drag lasts a second however long the
  test driver takes per step), then releases it.  Counted: new pictures between the
  press and the release (and per second of drag), and the lag from the release to the
  last new picture (0 when nothing came after the release).

The goals of issue 18: key press -> picture <= 50 ms (median), >= 30 pictures in a
one-second drag (or every value the drag passes, on a slider with fewer than 30 values in a
third of its track), the last picture <= 100 ms after release.  The table marks each
"met" or "missed"; nothing is asserted (times depend on the machine and its load).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_course import explorer_factories, machine, table  # noqa: E402
from jupyterlab_server import (  # noqa: E402
    CHROMIUM_ARGS,
    PANEL,
    chromium,
    run_all,
    running_lab,
    shut_down_kernels,
)

KEY_MS = 50.0
DRAG_PICTURES = 30
LAG_MS = 100.0

# Records, in page time (performance.now(), ms), every new picture of the explorer
# `root` and every key press.
WATCH_JS = """([root, index]) => {
    window.__frames = window.__frames || {};
    const frames = window.__frames[index] = [];
    if (!window.__events) {
        window.__events = {keydown: []};
        for (const type of Object.keys(window.__events)) {
            document.addEventListener(type, () => window.__events[type].push(performance.now()), true);
        }
    }
    const canvas = root.querySelector('canvas.course-canvas');
    if (canvas) {
        new MutationObserver(() => frames.push(performance.now()))
            .observe(canvas, {attributes: true, attributeFilter: ['data-frame']});
        return 'canvas';
    }
    const img = root.querySelector('img.widget-image');
    img.addEventListener('load', () => frames.push(performance.now()));
    return 'png';
}"""


def slider_index(explorer):
    """Index among the explorer's sliders of the first continuous one (else 0), and its name."""
    import ipywidgets as ipw

    sliders = [
        (name, c)
        for name, c in explorer.controls.items()
        if isinstance(c, ipw.SelectionSlider | ipw.FloatSlider | ipw.IntSlider | ipw.FloatLogSlider)
    ]
    for i, (name, control) in enumerate(sliders):
        if not isinstance(control, ipw.SelectionSlider):
            return i, name
    return 0, sliders[0][0]


def values_in_a_drag(control):
    """How many new slider values a drag over a third of the track passes.

    A drag cannot draw more new pictures than that: the drag goal asks for
    ``min(DRAG_PICTURES, values_in_a_drag(control))``.  (An explorer may still
    draw fewer, when neighbouring values give the same picture.)
    """
    import ipywidgets as ipw

    if isinstance(control, ipw.SelectionSlider):
        steps = len(control.options) - 1
    else:  # a FloatLogSlider's min, max and step are exponents: the same formula holds
        steps = round((control.max - control.min) / control.step)
    return max(1, steps // 3)


def write_notebook(folder, names):
    import nbformat

    cells = [nbformat.v4.new_code_cell("from helpers import widgets")]
    cells += [nbformat.v4.new_code_cell(f"widgets.{name}()") for name in names]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, folder / "explorers.ipynb")


def frames(page, index):
    return page.evaluate(f"() => window.__frames[{index}].slice()")


def events(page, kind):
    return page.evaluate(f"() => window.__events.{kind}.slice()")


def wait_quiet(page, index, quiet_ms=600, limit_ms=8000):
    """Wait until no new picture came for ``quiet_ms`` (at most ``limit_ms``)."""
    start = time.monotonic()
    count, since = len(frames(page, index)), time.monotonic()
    while (time.monotonic() - start) * 1000 < limit_ms:
        page.wait_for_timeout(50)
        now = len(frames(page, index))
        if now != count:
            count, since = now, time.monotonic()
        elif (time.monotonic() - since) * 1000 >= quiet_ms:
            return


def key_presses(page, index, handle, presses):
    """Times (ms) from keydown to the next new picture; None for a press that drew nothing."""
    handle.focus()
    out = []
    for i in range(presses):
        before = len(frames(page, index))
        page.keyboard.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        pressed = events(page, "keydown")[-1]
        deadline = time.monotonic() + 5
        while len(frames(page, index)) == before and time.monotonic() < deadline:
            page.wait_for_timeout(5)
        new = [t for t in frames(page, index)[before:] if t >= pressed]
        out.append(new[0] - pressed if new else None)
        wait_quiet(page, index, quiet_ms=300)
    return out


# A one-second drag made by the page itself: mouse events every 16 ms, as a mouse reports
# them, so the drag lasts a second however long the test driver takes per step.  (The
# slider, noUiSlider, listens to mouse events in Chromium.)  Returns the page times of
# the press and the release.
DRAG_JS = """async ([handle, lane, seconds]) => {
    const box = handle.getBoundingClientRect(), track = lane.getBoundingClientRect();
    const x0 = box.x + box.width / 2, y = box.y + box.height / 2;
    const distance = track.width / 3;
    const x1 = track.x + track.width - x0 > distance ? x0 + distance : x0 - distance;
    const fire = (target, type, x) => target.dispatchEvent(new MouseEvent(type, {
        clientX: x, clientY: y, buttons: type === 'mouseup' ? 0 : 1, button: 0,
        bubbles: true, cancelable: true, view: window,
    }));
    fire(handle, 'mousedown', x0);
    const down = performance.now();
    await new Promise((done) => {
        const step = () => {
            const k = Math.min((performance.now() - down) / (seconds * 1000), 1);
            fire(document.documentElement, 'mousemove', x0 + (x1 - x0) * k);
            if (k < 1) setTimeout(step, 16); else done();
        };
        setTimeout(step, 16);
    });
    fire(document.documentElement, 'mouseup', x1);
    return [down, performance.now()];
}"""


def drag(page, index, handle, track):
    """One drag of a second; (pictures during the drag, drag seconds, lag ms)."""
    before = len(frames(page, index))
    down, up = page.evaluate(DRAG_JS, [handle.element_handle(), track.element_handle(), 1.0])
    wait_quiet(page, index)
    new = frames(page, index)[before:]
    during = [t for t in new if down < t <= up]
    after = [t for t in new if t > up]
    return len(during), (up - down) / 1000, (after[-1] - up) if after else 0.0


def measure(page, url, names, presses, drags):
    run_all(page, url, "explorers.ipynb", timeout=300)
    roots = page.locator(f"{PANEL} .course-explorer, {PANEL} .widget-vbox:has(> img.widget-image)")
    if roots.count() != len(names):
        raise RuntimeError(f"{roots.count()} explorers rendered, expected {len(names)}")
    from helpers import widgets

    rows = []
    for index, name in enumerate(names):
        root = roots.nth(index)
        root.scroll_into_view_if_needed()
        kind = page.evaluate(WATCH_JS, [root.element_handle(), index])
        explorer = getattr(widgets, name)()
        slider, control = slider_index(explorer)
        drag_goal = min(DRAG_PICTURES, values_in_a_drag(explorer.controls[control]))
        handle = root.locator(".noUi-handle").nth(slider)
        track = root.locator(".noUi-target").nth(slider)
        handle.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        keys = key_presses(page, index, handle, presses)
        drawn = [k for k in keys if k is not None]
        runs = [drag(page, index, handle, track) for _ in range(drags)]
        count = statistics.median(r[0] for r in runs)
        seconds = statistics.median(r[1] for r in runs)
        lag = statistics.median(r[2] for r in runs)
        key_med = statistics.median(drawn) if drawn else float("nan")
        met = [
            key_med <= KEY_MS,
            count >= drag_goal,
            lag <= LAG_MS,
        ]
        rows.append(
            (
                name,
                f"{control} ({kind})",
                f"{key_med:.0f}",
                f"{min(drawn):.0f}-{max(drawn):.0f}" if drawn else "-",
                f"{len(keys) - len(drawn)}",
                f"{count:.0f}"
                if drag_goal == DRAG_PICTURES
                else f"{count:.0f} (of {drag_goal} values)",
                f"{count / seconds:.0f}" if seconds else "-",
                f"{lag:.0f}",
                "met"
                if all(met)
                else "missed: "
                + ", ".join(what for what, ok in zip(("key", "drag", "lag"), met) if not ok),
            )
        )
        print(
            f"  {name}: key {key_med:.0f} ms, drag {count:.0f} pictures, lag {lag:.0f} ms",
            flush=True,
        )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="6 key presses and 1 drag each")
    parser.add_argument("--explorers", default="", help="comma-separated names (default: all)")
    parser.add_argument("--presses", type=int, default=None, help="key presses per explorer")
    parser.add_argument("--drags", type=int, default=None, help="drags per explorer")
    args = parser.parse_args()
    if chromium() is None:
        sys.exit("needs Chromium (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    from helpers.widgets import Explorer

    # the public functions that build an Explorer with their defaults (not the recorder)
    names = [n for n, make in explorer_factories()[0] if isinstance(make(), Explorer)]
    if args.explorers:
        wanted = args.explorers.split(",")
        unknown = set(wanted) - set(names)
        if unknown:
            sys.exit(f"unknown explorers: {', '.join(sorted(unknown))}; choose from {names}")
        names = wanted
    presses = args.presses or (6 if args.quick else 15)
    drags = args.drags or (1 if args.quick else 3)
    print(f"# Browser benchmark: {machine()}", flush=True)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        served = work / "notebooks"
        served.mkdir()
        write_notebook(served, names)
        with running_lab(work, served) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
            try:
                rows = measure(page, url, names, presses, drags)
            finally:
                browser.close()
                shut_down_kernels(url)
    print(
        f"\nJupyterLab + headless Chromium, {presses} key presses and {drags} drag(s) of about "
        f"1 s per explorer (medians):\n"
    )
    table(
        [
            "explorer",
            "slider (picture)",
            "key -> picture (ms)",
            "range (ms)",
            "keys without picture",
            "pictures in drag",
            "pictures / s",
            "lag after release (ms)",
            "goals",
        ],
        rows,
        align="llrrrrrrl",
    )
    print(
        f"\nGoals: key -> picture <= {KEY_MS:g} ms, >= {DRAG_PICTURES} pictures in a 1 s drag "
        f"(or every value the drag passes, where a third of the slider holds fewer), "
        f"last picture <= {LAG_MS:g} ms after release.  Finished in "
        f"{time.perf_counter() - started:.0f} s."
    )


if __name__ == "__main__":
    main()
