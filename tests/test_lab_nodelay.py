"""helpers.lab_nodelay: the server extension that sends kernel messages without Nagle's delay."""

import asyncio
import json
import logging
import types

from helpers import lab_nodelay


def test_enable_writes_the_server_config_for_this_environment(tmp_path):
    path = lab_nodelay.enable(tmp_path)
    assert path == tmp_path / "etc/jupyter/jupyter_server_config.d/helpers.lab_nodelay.json"
    config = json.loads(path.read_text())
    assert config["ServerApp"]["jpserver_extensions"] == {"helpers.lab_nodelay": True}
    assert lab_nodelay._jupyter_server_extension_points() == [{"module": "helpers.lab_nodelay"}]


def test_each_kernel_websocket_opens_with_nodelay(monkeypatch):
    from jupyter_server.services.kernels.websocket import KernelWebsocketHandler

    calls = []

    async def original(self, kernel_id):
        calls.append(("open", kernel_id))

    monkeypatch.setattr(KernelWebsocketHandler, "open", original)
    app = types.SimpleNamespace(log=logging.getLogger("test"))
    lab_nodelay._load_jupyter_server_extension(app)
    lab_nodelay._load_jupyter_server_extension(app)  # loading twice wraps once
    handler = types.SimpleNamespace(set_nodelay=lambda flag: calls.append(("nodelay", flag)))
    asyncio.run(KernelWebsocketHandler.open(handler, "k1"))
    assert calls == [("nodelay", True), ("open", "k1")]
