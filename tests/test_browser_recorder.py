"""The recorder in a real JupyterLab and a real Chromium, with a fake microphone.

Chromium plays a 440 Hz WAV file (written by the test) as its microphone
(``--use-fake-device-for-media-stream --use-file-for-fake-audio-capture=FILE``) and
grants the permission by itself (``--use-fake-ui-for-media-stream``).  The test presses
Record, waits, presses Stop, and then asks the kernel what it got: the dominant frequency,
the length, the dtype and the range of ``rec.y``.  It also checks that the microphone is
opened only by Record and released by Stop, and that a refused permission shows a message
in the widget rather than a console error, and that an uploaded file arrives too.

Uses the JupyterLab server fixture of ``test_browser.py`` and skips or fails the same way:
skipped with a reason without Chromium or Playwright, required when
``COURSE_REQUIRE_BROWSER=1`` (CI).
"""

from __future__ import annotations

import json
import re
import urllib.request
import wave

import numpy as np
import pytest
import soundfile

# The server fixture (lab_url), and the same skip (or, in CI, failure) when Chromium or
# Playwright is missing: importing test_browser runs its check.
from test_browser import (  # noqa: F401  (lab_url is a fixture, used through `server`)
    ARTIFACTS,
    CHROMIUM_ARGS,
    PANEL,
    _chromium,
    _run_all,
    _shut_down_kernels,
    lab_url,
)

TONE_HZ = 440.0
FAKE_SR = 48000
NOTEBOOK = "recorder_check.ipynb"

CELLS = [
    "from helpers import widgets\nrec = widgets.recorder(sr=22050, max_seconds=10)\nrec",
    # Run again after Stop: what the kernel holds, as one line of JSON.
    """import json
import numpy as np
if rec.y is None:
    print("RESULT " + json.dumps({"y": None, "status": rec.status, "kind": rec.status_kind}))
else:
    y = rec.y
    n = 8 * len(y)
    spectrum = np.abs(np.fft.rfft(y * np.hanning(len(y)), n=n))
    print("RESULT " + json.dumps({
        "peak_hz": float(np.fft.rfftfreq(n, 1 / rec.sr)[spectrum.argmax()]),
        "seconds": len(y) / rec.sr,
        "sr": rec.sr,
        "native_sr": rec.native_sr,
        "dtype": str(y.dtype),
        "ndim": y.ndim,
        "max_abs": float(np.abs(y).max()),
        "rms": float(np.sqrt(np.mean(y.astype(np.float64) ** 2))),
        "source": rec.source,
        "takes": len(rec.takes),
        "status": rec.status,
    }))""",
]

# Count the microphone streams the page opens, and whether their tracks were stopped.
WATCH_MICROPHONE = """
(() => {
  window.__streams = [];
  const original = navigator.mediaDevices && navigator.mediaDevices.getUserMedia;
  if (!original) return;
  navigator.mediaDevices.getUserMedia = async function (constraints) {
    const stream = await original.call(navigator.mediaDevices, constraints);
    window.__streams.push(stream);
    return stream;
  };
})();
"""

REFUSE_MICROPHONE = """
(() => {
  window.__asked = 0;
  if (!navigator.mediaDevices) return;
  navigator.mediaDevices.getUserMedia = async function () {
    window.__asked += 1;
    throw new DOMException("Permission denied", "NotAllowedError");
  };
})();
"""


def _write_tone(path, seconds=2.0):
    """A 440 Hz sine at 48 kHz, 16 bit, a whole number of periods (it loops without a click)."""
    t = np.arange(int(seconds * FAKE_SR)) / FAKE_SR
    pcm = np.round(0.5 * np.sin(2 * np.pi * TONE_HZ * t) * 32767).astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(FAKE_SR)
        w.writeframes(pcm.tobytes())


@pytest.fixture(scope="module")
def fake_microphone(tmp_path_factory):
    path = tmp_path_factory.mktemp("microphone") / "tone_440.wav"
    _write_tone(path)
    return path


@pytest.fixture(scope="module")
def browser(fake_microphone):
    from playwright.sync_api import sync_playwright

    args = CHROMIUM_ARGS + [
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-audio-capture={fake_microphone}",
    ]
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=_chromium(), args=args)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(request):
    """test_browser's JupyterLab server (one for this module), serving a copy of the notebooks."""
    return request.getfixturevalue("lab_url")


@pytest.fixture(scope="module")
def notebook(server):
    """A two-cell notebook in the server's copy of the notebooks folder."""
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "source": source,
            "outputs": [],
            "execution_count": None,
        }
        for source in CELLS
    ]
    body = {
        "type": "notebook",
        "content": {
            "cells": cells,
            "metadata": {
                "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
            },
            "nbformat": 4,
            "nbformat_minor": 5,
        },
    }
    request = urllib.request.Request(
        f"{server}/api/contents/{NOTEBOOK}",
        data=json.dumps(body).encode(),
        method="PUT",
        headers={"Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=30).close()
    return NOTEBOOK


def _page(browser, init_script):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(init_script)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


@pytest.fixture
def cleanup(server, request):
    opened = []
    yield opened
    for context, page in opened:
        failed = getattr(request.node, "rep_call", None)
        if failed is not None and failed.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()
    _shut_down_kernels(server)


def _run_cell(page, index):
    """Run one code cell again (click it, Shift+Enter) and return the RESULT line it prints."""
    cell = page.locator(f"{PANEL} .jp-CodeCell").nth(index)
    prompt = cell.locator(".jp-InputArea-prompt")
    before = prompt.inner_text()
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(
        "([el, before]) => /\\[\\d+\\]/.test(el.textContent) && el.textContent !== before",
        arg=[prompt.element_handle(), before],
        timeout=60_000,
    )
    output = cell.locator(".jp-OutputArea-output", has_text="RESULT ")
    output.wait_for(timeout=60_000)
    line = next(t for t in output.inner_text().splitlines() if t.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


def test_a_recording_from_the_microphone_reaches_the_kernel(browser, server, notebook, cleanup):
    context, page, errors = _page(browser, WATCH_MICROPHONE)
    cleanup.append((context, page))
    _run_all(page, server, notebook)

    widget = page.locator(f"{PANEL} .course-recorder")
    widget.wait_for(timeout=60_000)
    record = widget.get_by_role("button", name="Record", exact=True)
    stop = widget.get_by_role("button", name="Stop", exact=True)
    assert widget.get_by_role("button", name="Upload", exact=True).is_enabled()
    assert record.is_enabled() and stop.is_disabled()
    assert page.evaluate("window.__streams.length") == 0, "the microphone opened before Record"

    record.click()
    page.wait_for_selector(f'{PANEL} .course-recorder[data-state="recording"]', timeout=30_000)
    started = page.evaluate("performance.now()")
    assert page.evaluate("window.__streams.length") == 1
    assert page.evaluate("window.__streams[0].getAudioTracks()[0].readyState") == "live"
    page.wait_for_timeout(2500)
    # The level meter moved while the tone played.
    assert int(widget.locator(".course-recorder-meter").get_attribute("aria-valuenow")) > 20
    stopped = page.evaluate(
        """() => {
            const t = performance.now();
            document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .course-recorder-stop').click();
            return t;
        }"""
    )
    elapsed = (stopped - started) / 1000

    status = widget.locator(".course-recorder-status")
    page.wait_for_function(
        "el => /^Got /.test(el.textContent)", arg=status.element_handle(), timeout=60_000
    )
    assert page.evaluate(
        "window.__streams.every(s => s.getTracks().every(t => t.readyState === 'ended'))"
    ), "the microphone was not released on Stop"
    assert widget.locator("audio.course-recorder-player").is_visible()
    assert record.is_enabled() and stop.is_disabled()

    result = _run_cell(page, 1)
    assert result["source"] == "microphone" and result["takes"] == 1
    assert result["dtype"] == "float32" and result["ndim"] == 1 and result["sr"] == 22050
    assert result["native_sr"] in (44100, 48000, 16000, 96000)
    assert 0.05 < result["rms"] and result["max_abs"] <= 1.0
    assert abs(result["peak_hz"] - TONE_HZ) < 3, result
    # As long as the button was held down, within a quarter of a second (or 8 %).
    assert abs(result["seconds"] - elapsed) < max(0.25, 0.08 * elapsed), (result, elapsed)
    assert not errors, errors


def test_a_refused_microphone_shows_a_message_in_the_widget(browser, server, notebook, cleanup):
    context, page, errors = _page(browser, REFUSE_MICROPHONE)
    cleanup.append((context, page))
    _run_all(page, server, notebook)
    widget = page.locator(f"{PANEL} .course-recorder")
    widget.wait_for(timeout=60_000)

    widget.get_by_role("button", name="Record", exact=True).click()
    status = widget.locator('.course-recorder-status[data-kind="error"]')
    status.wait_for(timeout=30_000)
    assert "did not allow the microphone" in status.inner_text()
    assert page.evaluate("window.__asked") == 1
    assert widget.get_by_role("button", name="Record", exact=True).is_enabled()
    assert not errors, errors

    result = _run_cell(page, 1)  # the kernel was told too, and still holds nothing
    assert result["y"] is None and result["kind"] == "error"
    assert "did not allow the microphone" in result["status"]


def test_an_uploaded_file_reaches_the_kernel(browser, server, notebook, cleanup, tmp_path):
    # A stereo float WAV of 1.5 MiB: the page sends it in two parts.
    seconds, rate = 4.0, 48000
    t = np.arange(int(seconds * rate)) / rate
    tone = (0.4 * np.sin(2 * np.pi * 330.0 * t)).astype("<f4")
    path = tmp_path / "my tone.wav"
    soundfile.write(path, np.stack([tone, tone], axis=1), rate, subtype="FLOAT")
    assert path.stat().st_size > 1 << 20

    context, page, errors = _page(browser, WATCH_MICROPHONE)
    cleanup.append((context, page))
    _run_all(page, server, notebook)
    widget = page.locator(f"{PANEL} .course-recorder")
    widget.wait_for(timeout=60_000)
    with page.expect_file_chooser() as chooser:
        widget.get_by_role("button", name="Upload", exact=True).click()
    chooser.value.set_files(str(path))
    status = widget.locator(".course-recorder-status")
    page.wait_for_function(
        "el => /^Got /.test(el.textContent)", arg=status.element_handle(), timeout=60_000
    )
    assert "from my tone.wav" in status.inner_text()
    assert page.evaluate("window.__streams.length") == 0  # Upload never opens the microphone

    result = _run_cell(page, 1)
    assert result["source"] == "file my tone.wav" and result["native_sr"] is None
    assert result["seconds"] == pytest.approx(seconds, abs=1e-4) and result["sr"] == 22050
    assert result["dtype"] == "float32" and result["max_abs"] <= 1.0
    assert abs(result["peak_hz"] - 330.0) < 1
    assert not errors, errors
