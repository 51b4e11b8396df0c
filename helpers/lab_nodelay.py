"""A Jupyter server extension: send kernel messages to the browser without Nagle's delay.

JupyterLab talks to each kernel through a websocket.  When a slider moves, the kernel
answers with a burst of small messages (busy, the slider's echo, idle, the new
picture, the readout).  On a socket without ``TCP_NODELAY``, Nagle's algorithm holds
every message after the first until the browser acknowledges that first one, and
browsers delay their acknowledgements (40 ms on Linux): each move then waits about
40 ms for nothing.  jupyter_server does not set the flag on its kernel websockets
(tornado leaves it to the application), so this extension sets it on each kernel
websocket as it opens.  Measured with the explorers in JupyterLab and headless
Chromium: one move's round trip fell from about 75 ms to about 35 ms on a busy
machine (benchmarks/README.md).

``make setup`` (and so ``make lab`` and ``make test``) and Binder's ``postBuild``
enable it in the course's environment with ``python -m helpers.lab_nodelay``, which
writes ``etc/jupyter/jupyter_server_config.d/helpers.lab_nodelay.json`` under the
environment's prefix; ``jupyter lab`` started from that environment then loads it.
Without it everything works, only about 40 ms slower per slider move.  It changes nothing
but that socket option; if jupyter_server's handler is not where it is expected
(a future version), it logs a warning and leaves the server as it is.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CONFIG = {"ServerApp": {"jpserver_extensions": {"helpers.lab_nodelay": True}}}


def _jupyter_server_extension_points():
    return [{"module": "helpers.lab_nodelay"}]


def _load_jupyter_server_extension(serverapp):
    try:
        from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

        original = KernelWebsocketHandler.open
    except (ImportError, AttributeError) as exc:  # pragma: no cover - other jupyter_server
        serverapp.log.warning("helpers.lab_nodelay: kernel websocket handler not found (%s)", exc)
        return
    if getattr(original, "_course_nodelay", False):
        return

    async def open(self, *args, **kwargs):
        self.set_nodelay(True)
        return await original(self, *args, **kwargs)

    open._course_nodelay = True
    KernelWebsocketHandler.open = open
    serverapp.log.info("helpers.lab_nodelay: kernel websockets send without Nagle's delay")


def enable(prefix=None):
    """Write the config file that makes ``jupyter lab`` of this environment load the extension.

    Returns the file's path.
    """
    folder = Path(prefix or sys.prefix) / "etc" / "jupyter" / "jupyter_server_config.d"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "helpers.lab_nodelay.json"
    path.write_text(json.dumps(CONFIG, indent=2) + "\n")
    return path


if __name__ == "__main__":
    print(f"helpers.lab_nodelay enabled: {enable()}")
