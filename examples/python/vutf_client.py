#!/usr/bin/env python3
"""A minimal ViolentUTF daemon client in Python: proof that any language can drive the daemon.

It finds the daemon through its discovery file, takes a token minted by `vutf token --user NAME` (it never
reads the signing secret itself), connects over WebSocket with the `vutf.v1` subprotocol, calls `initialize`
and `health/get`, and prints both as JSON.

    TOKEN=$(vutf token --user alice) /usr/bin/python3 examples/python/vutf_client.py

Needs the `websockets` package (Debian: python3-websockets, seen by /usr/bin/python3).
"""
import asyncio
import itertools
import json
import os
import sys
from pathlib import Path

import websockets


def state_dir() -> Path:
    if os.environ.get("VUTF_STATE_DIR"):
        return Path(os.environ["VUTF_STATE_DIR"])
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "state"
    return base / "violentutf"


def read_discovery() -> dict:
    path = state_dir() / "daemon.json"
    try:
        return json.loads(path.read_text())
    except FileNotFoundError:
        sys.exit(f"vutf_client: no daemon discovery file at {path}; start one with `vutf daemon start`.")


class DaemonClient:
    def __init__(self, socket):
        self._socket = socket
        self._ids = itertools.count(1)

    async def request(self, method: str, params: dict | None = None) -> dict:
        request_id = next(self._ids)
        message = {"jsonrpc": "2.0", "id": request_id, "method": method}
        if params is not None:
            message["params"] = params
        await self._socket.send(json.dumps(message))
        while True:
            reply = json.loads(await self._socket.recv())
            if reply.get("id") != request_id:
                continue  # a notification (health/changed, …) arriving in between
            if "error" in reply:
                error = reply["error"]
                raise RuntimeError(f"{method} failed ({error['code']}): {error['message']}")
            return reply["result"]


async def main() -> None:
    token = os.environ.get("TOKEN") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not token:
        sys.exit("vutf_client: pass a token from `vutf token --user NAME` as TOKEN=… or the first argument.")
    discovery = read_discovery()
    url = f"ws://127.0.0.1:{discovery['port']}/"
    headers = {"Authorization": f"Bearer {token}"}
    # websockets 14 renamed extra_headers (Debian 12 ships 10.4).
    header_option = "additional_headers" if int(websockets.__version__.split(".")[0]) >= 14 else "extra_headers"
    async with websockets.connect(url, subprotocols=["vutf.v1"], **{header_option: headers}) as socket:
        client = DaemonClient(socket)
        info = await client.request("initialize", {"protocol_version": "1.0", "client": {"name": "python-example", "version": "1"}})
        health = await client.request("health/get")
        print(json.dumps({"initialize": info, "health": health}, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
