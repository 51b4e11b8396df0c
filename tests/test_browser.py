"""Every notebook in a real JupyterLab, driven through a real browser (Chromium).

nbval proves the notebooks execute; this proves learners *see* them work: all
cells run without an error, every widget renders as a widget (not as text such
as ``VBox(...)`` or "Error displaying widget"), moving a slider changes the
figure, and the audio players appear.

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
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
ARTIFACTS = ROOT / "test-artifacts" / "browser"
REQUIRED = os.environ.get("COURSE_REQUIRE_BROWSER", "") not in ("", "0")
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen
FALLBACK_TEXT = re.compile(
    r"Error displaying widget|\b(VBox|HBox|FloatSlider|IntSlider|Explorer)\("
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--autoplay-policy=no-user-gesture-required",
]


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _missing():
    problems = []
    if _chromium() is None:
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


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(folder):
    """JupyterLab settings for the test server: render every cell, no news pop-up."""
    tracker = folder / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text(json.dumps({"windowingMode": "none"}))
    notes = folder / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    notes.parent.mkdir(parents=True)
    notes.write_text(json.dumps({"fetchNews": "false", "checkForUpdates": False}))


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    """A JupyterLab server of this environment on 127.0.0.1, serving a copy of the notebooks."""
    work = tmp_path_factory.mktemp("lab")
    served = work / "notebooks"
    shutil.copytree(ROOT / "notebooks", served, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _write_settings(work / "settings")
    port = _free_port()
    log = open(work / "jupyterlab.log", "w")
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(work / "config"))
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            # Token off for this throw-away server only; it listens on loopback.
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.extension_manager=readonly",
            "--LabApp.news_url=",
            f"--ServerApp.root_dir={served}",
            f"--LabApp.user_settings_dir={work / 'settings'}",
            f"--LabApp.workspaces_dir={work / 'workspaces'}",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(url + "/api/status", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                pytest.fail(
                    "JupyterLab did not start:\n" + (work / "jupyterlab.log").read_text()[-3000:]
                )
            time.sleep(0.5)
    yield url
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _shut_down_kernels(url):
    with urllib.request.urlopen(url + "/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


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
    _shut_down_kernels(lab_url)


def _uses(notebook, pattern):
    cells = json.loads(notebook.read_text())["cells"]
    return any(re.search(pattern, "".join(c["source"])) for c in cells if c["cell_type"] == "code")


def _count_solutions(notebook):
    cells = json.loads(notebook.read_text())["cells"]
    return sum(1 for c in cells if c.get("metadata", {}).get("jupyter", {}).get("source_hidden"))


def _run_all(page, url, name):
    # ?reset starts from an empty workspace, so tabs of earlier tests do not come back.
    page.goto(f"{url}/lab/tree/{name}?reset")
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=90_000)
    # The kernel must be connected and idle before "Run All Cells" does anything.
    page.wait_for_function(
        "() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')",
        timeout=90_000,
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # Finished when every code cell has an execution count and the kernel is idle;
    # stopped (an error halts "Run All") when nothing is queued or running and the
    # kernel has stayed idle for a few seconds.
    deadline = time.monotonic() + 240
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(_STATE_JS)
        if state["idle"] and not state["busy"]:
            if state["done"]:
                return
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 5:
                return
        else:
            quiet_since = None
        page.wait_for_timeout(500)
    pytest.fail(f"{name}: cells were still running after 240 s")


_STATE_JS = r"""() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent) : [];
    const status = document.querySelector('#jp-main-statusbar')?.textContent || '';
    return {
        done: prompts.length > 0 && prompts.every(t => /\[\d+\]/.test(t)),
        busy: prompts.some(t => t.includes('*')),
        idle: /\|\s*Idle/.test(status),
    };
}"""


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

    explorers = page.locator(f"{PANEL} .widget-vbox:has(> img.widget-image)")
    if _uses(notebook, r"widgets\.(?!recorder\()\w+\("):  # the recorder is not an explorer
        assert explorers.count() > 0, "the notebook shows explorers but none rendered as a widget"
        assert page.locator(f"{PANEL} .widget-slider, {PANEL} .widget-hslider").count() > 0, (
            "no slider rendered"
        )
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        handle = explorer.locator(".noUi-handle").first
        if handle.count() == 0:
            continue
        image = explorer.locator("img.widget-image").first
        before = image.get_attribute("src")
        handle.scroll_into_view_if_needed()
        handle.focus()
        for key in ("ArrowRight", "ArrowRight", "ArrowLeft", "ArrowLeft", "ArrowLeft"):
            page.keyboard.press(key)
            try:
                page.wait_for_function(
                    "([el, src]) => el.getAttribute('src') !== src",
                    arg=[image.element_handle(), before],
                    timeout=5_000,
                )
                break
            except Exception:
                continue
        else:
            pytest.fail(f"moving the first slider of explorer {i + 1} did not change its figure")
