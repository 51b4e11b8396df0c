"""A throw-away JupyterLab server and headless Chromium, shared by the browser test and benchmark.

``tests/test_browser.py`` and ``benchmarks/bench_browser.py`` both drive the course in a
real JupyterLab 4 through Playwright and Debian's Chromium (never a downloaded browser).
The server listens on 127.0.0.1 only, without a token, serves a copy of the notebooks
it is given, and keeps its settings and workspaces in a temporary folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

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
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen


def chromium():
    """Path of the system's Chromium, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


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


@contextlib.contextmanager
def running_lab(work: Path, served: Path, *, timeout=90):
    """Start JupyterLab serving ``served`` (settings under ``work``); yield its URL.

    Raises RuntimeError with the end of the server's log if it does not start.
    """
    _write_settings(work / "settings")
    port = _free_port()
    log_path = work / "jupyterlab.log"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(work / "config"))
    with open(log_path, "w") as log:
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
        try:
            url = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + timeout
            while True:
                try:
                    urllib.request.urlopen(url + "/api/status", timeout=2).close()
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            "JupyterLab did not start:\n" + log_path.read_text()[-3000:]
                        ) from None
                    time.sleep(0.5)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def shut_down_kernels(url):
    """Stop every kernel session of the server at ``url``."""
    with urllib.request.urlopen(url + "/api/sessions", timeout=10) as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(f"{url}/api/sessions/{session['id']}", method="DELETE")
        urllib.request.urlopen(request, timeout=30).close()


STATE_JS = r"""() => {
    const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
    const prompts = panel ? [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(p => p.textContent) : [];
    const status = document.querySelector('#jp-main-statusbar')?.textContent || '';
    return {
        done: prompts.length > 0 && prompts.every(t => /\[\d+\]/.test(t)),
        busy: prompts.some(t => t.includes('*')),
        idle: /\|\s*Idle/.test(status),
    };
}"""


def run_all(page, url, name, *, timeout=240):
    """Open notebook ``name`` in JupyterLab and run all its cells; False if they did not finish.

    Finished when every code cell has an execution count and the kernel is idle;
    stopped (an error halts "Run All") when nothing is queued or running and the
    kernel has stayed idle for a few seconds.
    """
    # ?reset starts from an empty workspace, so tabs of earlier runs do not come back.
    page.goto(f"{url}/lab/tree/{name}?reset")
    page.wait_for_selector(f"{PANEL} .jp-Cell", timeout=90_000)
    # The kernel must be connected and idle before "Run All Cells" does anything.
    page.wait_for_function(
        "() => /\\|\\s*Idle/.test(document.querySelector('#jp-main-statusbar')?.textContent || '')",
        timeout=90_000,
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    deadline = time.monotonic() + timeout
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(STATE_JS)
        if state["idle"] and not state["busy"]:
            if state["done"]:
                return True
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 5:
                return True
        else:
            quiet_since = None
        page.wait_for_timeout(500)
    return False
