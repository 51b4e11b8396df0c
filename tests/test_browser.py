"""Every notebook in a real JupyterLab, driven through a real browser (Chromium).

nbval proves the notebooks execute; this proves learners *see* them work: all
cells run without an error, every widget renders as a widget (not as text such
as ``VBox(...)`` or "Error displaying widget"), every explorer's picture is
drawn with a text alternative, moving a slider from the keyboard changes the
picture, and the audio players appear.  Two more tests drag a slider with the
mouse (the picture keeps changing during the drag and ends on the final value)
and play the live sound from the keyboard (it follows the slider).

Needs Debian's Chromium (``apt-get install chromium``) and Playwright's Python
package (``pip install playwright``; no browser download: the test drives the
system Chromium).  Without them the tests skip with a message, unless
``COURSE_REQUIRE_BROWSER=1`` is set (``.ci/run`` sets it), which turns the
skip into a failure.  Screenshots of failures go to ``test-artifacts/browser/``.

The server runs on a copy of the notebooks, so nothing the browser does can
change the files in the repository.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from jupyterlab_server import (
    CHROMIUM_ARGS,
    PANEL,
    chromium,
    run_all,
    running_lab,
    shut_down_kernels,
)

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
REQUIRED = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")
FALLBACK_TEXT = re.compile(
    r"Error displaying widget|\b(VBox|HBox|FloatSlider|IntSlider|Explorer)\("
)
EXPLORER = f"{PANEL} .course-explorer"
# Names tests/test_browser_recorder.py imports from here.
_chromium, _shut_down_kernels = chromium, shut_down_kernels


def _missing():
    problems = []
    if chromium() is None:
        problems.append("Chromium is not installed (Debian: apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("Playwright's Python package is not installed (pip install playwright)")
    return problems


_problems = _missing()
if _problems:
    message = "browser tests need: " + "; ".join(_problems)
    if REQUIRED:
        pytest.fail(message + " (COURSE_REQUIRE_BROWSER=1 makes this a failure)", pytrace=False)
    pytest.skip(message, allow_module_level=True)


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    """A JupyterLab server of this environment on 127.0.0.1, serving a copy of the notebooks."""
    work = tmp_path_factory.mktemp("lab")
    served = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", served, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _write_explorer_notebook(served / "explorer_drag.ipynb")
    try:
        with running_lab(work, served) as url:
            yield url
    except RuntimeError as exc:
        pytest.fail(str(exc))


def _write_explorer_notebook(path):
    import nbformat

    cells = [nbformat.v4.new_code_cell("from helpers import widgets\nwidgets.sine_explorer()")]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium_browser = pw.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield chromium_browser
        chromium_browser.close()


@pytest.fixture
def page(browser, lab_url, request):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    yield pg
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    shut_down_kernels(lab_url)


def _uses(notebook, pattern):
    cells = json.loads(notebook.read_text())["cells"]
    return any(re.search(pattern, "".join(c["source"])) for c in cells if c["cell_type"] == "code")


def _count_solutions(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    return sum(1 for c in cells if c.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def _run_all(page, url, name):
    if not run_all(page, url, name):
        pytest.fail(f"{name}: cells were still running after 240 s")


def _prompts(page):
    """Execution prompts of the code cells whose input is shown (collapsed ones have none)."""
    return page.evaluate(
        "() => [...document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')"
        "   .querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent)"
    )


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_works_in_a_real_browser(lab_url, page, notebook):
    _run_all(page, lab_url, notebook.name)
    prompts = _prompts(page)
    not_run = [i for i, text in enumerate(prompts) if not re.search(r"\[\d+\]", text)]
    assert not not_run, f"code cells {not_run} did not run (an earlier cell probably failed)"

    # Worked solutions start collapsed: a "click to expand" placeholder, not code.
    hidden = page.locator(
        f"{PANEL} .jp-CodeCell .jp-InputPlaceholder .jp-PlaceholderText"
    ).all_inner_texts()
    assert all(text.startswith("# Worked solution") for text in hidden), hidden
    assert len(hidden) == _count_solutions(notebook)

    outputs = page.locator(f"{PANEL} .jp-OutputArea-output").all_inner_texts()
    # A raised exception shows IPython's traceback ("Cell In[3], line 2"); a notebook
    # that prints an error message on purpose (the article's mistakes) does not.
    errors = [
        o
        for o in outputs
        if "Traceback (most recent call last)" in o or re.search(r"Cell In\[\d+\], line \d+", o)
    ]
    assert not errors, "a cell shows an error:\n" + errors[0][:2000]
    fallbacks = [o for o in outputs if FALLBACK_TEXT.search(o)]
    assert not fallbacks, "a widget rendered as text:\n" + fallbacks[0][:500]

    if _uses(notebook, r"\bplay\(|widgets\.\w+\("):
        assert page.locator(f"{PANEL} audio").count() > 0, "no audio player appeared"

    explorers = page.locator(EXPLORER)
    if _uses(notebook, r"widgets\.(?!recorder\()\w+\("):  # the recorder is not an explorer
        assert explorers.count() > 0, "the notebook shows explorers but none rendered as a widget"
        assert page.locator(f"{PANEL} .widget-slider, {PANEL} .widget-hslider").count() > 0, (
            "no slider rendered"
        )
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        picture = explorer.locator("canvas.course-canvas").first
        assert picture.get_attribute("role") == "img"
        assert len(picture.get_attribute("aria-label") or "") > 40, "the picture has no description"
        # every slider is named after its visible label and announces the value it shows
        for slider in explorer.locator(".widget-slider").all():
            label = slider.locator(".widget-label").inner_text().strip()
            handle = slider.locator(".noUi-handle")
            page.wait_for_function(
                "([h, text]) => h.getAttribute('aria-label') === text",
                arg=[handle.element_handle(), label],
                timeout=5_000,
            )
            shown = slider.locator(".widget-readout").inner_text().strip()
            assert handle.get_attribute("aria-valuetext") == shown, label
        handle = explorer.locator(".noUi-handle").first
        if handle.count() == 0:
            continue
        before = picture.get_attribute("data-frame")
        handle.scroll_into_view_if_needed()
        handle.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
            page.keyboard.press(key)
            try:
                page.wait_for_function(
                    "([el, frame]) => el.dataset.frame !== frame",
                    arg=[picture.element_handle(), before],
                    timeout=5_000,
                )
                break
            except Exception:
                continue
        else:
            pytest.fail(f"moving the first slider of explorer {i + 1} did not change its figure")


# Counts the canvas's new pictures while the mouse drags (between pointerdown and pointerup).
_WATCH_JS = """(canvas) => {
    window.__pictures = [];
    window.__pointer = {};
    new MutationObserver(() => window.__pictures.push([performance.now(), canvas.getAttribute('aria-label')]))
        .observe(canvas, {attributes: true, attributeFilter: ['data-frame']});
    for (const type of ['pointerdown', 'pointerup']) {
        document.addEventListener(type, () => { window.__pointer[type] = performance.now(); }, true);
    }
}"""


def _open_sine_explorer(page, lab_url):
    _run_all(page, lab_url, "explorer_drag.ipynb")
    explorer = page.locator(EXPLORER).first
    explorer.scroll_into_view_if_needed()
    return explorer, explorer.locator("canvas.course-canvas").first


def test_dragging_a_slider_redraws_all_along_and_ends_on_the_final_value(lab_url, page):
    explorer, picture = _open_sine_explorer(page, lab_url)
    page.evaluate(_WATCH_JS, picture.element_handle())
    handle = explorer.locator(".noUi-handle").first
    track = explorer.locator(".noUi-target").first
    box, lane = handle.bounding_box(), track.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 41):
        page.mouse.move(x + lane["width"] * 0.4 * k / 40, y)
        page.wait_for_timeout(25)
    page.mouse.up()
    # The picture settles on the value the slider shows, whatever the machine's speed.
    readout = explorer.locator(".widget-readout").first
    page.wait_for_function(
        "([canvas, readout]) => (canvas.getAttribute('aria-label') || '')"
        "   .includes('a sine of ' + readout.textContent.trim() + ' Hz')",
        arg=[picture.element_handle(), readout.element_handle()],
        timeout=30_000,
    )
    final = float(readout.inner_text())
    pictures = page.evaluate("() => window.__pictures")
    pointer = page.evaluate("() => window.__pointer")
    during = [p for p in pictures if pointer["pointerdown"] < p[0] <= pointer["pointerup"]]
    frequencies = {re.search(r"a sine of (\d+) Hz", label).group(1) for _, label in during}
    assert len(during) >= 5 and len(frequencies) >= 5, (
        f"only {len(during)} pictures ({len(frequencies)} frequencies) while dragging"
    )
    assert f"a sine of {final:.0f} Hz" in pictures[-1][1]  # the last picture is the last value
    period = explorer.locator(".widget-html-content", has_text="period T").first.inner_text()
    assert f"{1000 / final:.2f} ms" in period


def test_live_sound_starts_from_the_keyboard_and_follows_the_slider(lab_url, page):
    explorer, picture = _open_sine_explorer(page, lab_url)
    button = explorer.get_by_role("button", name="live sound")
    assert button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    wrap = explorer.locator(".course-canvas-wrap").first
    page.wait_for_function("(el) => el.dataset.playing !== undefined", arg=wrap.element_handle())
    assert button.get_attribute("aria-pressed") == "true"
    first = wrap.get_attribute("data-playing")
    handle = explorer.locator(".noUi-handle").first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, first]) => el.dataset.playing !== undefined && el.dataset.playing !== first",
        arg=[wrap.element_handle(), first],
    )
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("(el) => el.dataset.playing === undefined", arg=wrap.element_handle())
    assert button.get_attribute("aria-pressed") == "false"
