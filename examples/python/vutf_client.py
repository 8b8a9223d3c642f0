#!/usr/bin/env python3
"""A minimal ViolentUTF daemon client in Python: proof that any language can drive the daemon.

It finds the daemon through its discovery file, takes a token minted by `vutf token --user NAME` (it never
reads the signing secret itself), connects over WebSocket with the `vutf.v2` subprotocol, calls `initialize`,
`health/get` and `executions/list`, and prints them as JSON with the headline of your latest execution, e.g.
"3 of 38 judged jailbroken (7.9%) · 2 errors · 40 prompts" (docs/results.md defines every figure).

    TOKEN=$(vutf token --user alice) /usr/bin/python3 examples/python/vutf_client.py

Needs the `websockets` package (Debian: python3-websockets, seen by /usr/bin/python3).
"""
import asyncio
import itertools
import json
import math
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


def headline(figures: dict, planned: int) -> str:
    """The daemon's figures as the CLI and the extension say them; the figures are read, never recomputed."""
    outcomes = figures["outcomes"]
    judged = outcomes["success"] + outcomes["failure"]
    if judged == 0:
        parts = ["none judged"]
    else:
        percent = math.floor(figures["attack_success_rate"] * 1000 + 0.5) / 10  # rounds half up, as the CLI does
        parts = [f"{outcomes['success']} of {judged} judged jailbroken ({percent:.1f}%)"]
    if outcomes["error"]:
        parts.append(f"{outcomes['error']} error{'s' if outcomes['error'] != 1 else ''}")
    if outcomes["undetermined"]:
        parts.append(f"{outcomes['undetermined']} undetermined")
    total = figures["judged_total"]
    prompts = f"{planned} prompt{'s' if planned != 1 else ''}"
    parts.append(f"{total} of {prompts}" if planned > total else prompts)
    return " · ".join(parts)


async def main() -> None:
    token = os.environ.get("TOKEN") or (sys.argv[1] if len(sys.argv) > 1 else None)
    if not token:
        sys.exit("vutf_client: pass a token from `vutf token --user NAME` as TOKEN=… or the first argument.")
    discovery = read_discovery()
    url = f"ws://127.0.0.1:{discovery['port']}/"
    headers = {"Authorization": f"Bearer {token}"}
    # websockets 14 renamed extra_headers (Debian 12 ships 10.4).
    header_option = "additional_headers" if int(websockets.__version__.split(".")[0]) >= 14 else "extra_headers"
    async with websockets.connect(url, subprotocols=["vutf.v2"], **{header_option: headers}) as socket:
        client = DaemonClient(socket)
        info = await client.request("initialize", {"protocol_version": "2.0", "client": {"name": "python-example", "version": "1"}})
        health = await client.request("health/get")
        # Newest first: the first one is the latest run.
        latest = (await client.request("executions/list", {"limit": 1}))["executions"]
        run = None
        if latest:
            execution = latest[0]
            run = {
                "execution_id": execution["execution_id"],
                "orchestrator_name": execution["orchestrator_name"],
                "status": execution["status"],
                "figures": execution["figures"],
                "headline": headline(execution["figures"], execution["progress"]["total"]),
            }
        print(json.dumps({"initialize": info, "health": health, "latest_execution": run}, indent=2))


if __name__ == "__main__":
    asyncio.run(main())
