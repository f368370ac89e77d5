"""Headless Debian chromium driven over the Chrome DevTools Protocol (CDP).

The report prints its PDFs with it; the browser tests load, measure and photograph pages with it.
One browser process serves many page loads; each load records the console errors, uncaught
exceptions and network requests the page made, so a test can prove the report is self-contained
and error-free in a real browser.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from websockets.sync.client import ClientConnection, connect

CHROMIUM = Path("/usr/bin/chromium")
# Flags that keep the browser itself off the network, so any request seen is the page's.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)
START_TIMEOUT_S = 20.0
COMMAND_TIMEOUT_S = 30.0
A4_INCHES = (8.27, 11.69)


class CdpError(RuntimeError):
    pass


@dataclass
class PageLoad:
    """What one page load did besides rendering: anything here is a defect of the page."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def record(self, method: str, params: dict) -> None:
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            words = (str(arg.get("value", arg.get("description"))) for arg in params["args"])
            self.console_errors.append(" ".join(words))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            self.console_errors.append(details.get("exception", {}).get("description") or details["text"])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.console_errors.append(f"{params['entry']['source']}: {params['entry']['text']}")
        elif method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != self.url and not url.startswith("data:"):
                self.requests.append(url)


class Page:
    """One tab, reached through the browser connection with a flattened session id."""

    def __init__(self, socket: ClientConnection, session_id: str):
        self._socket = socket
        self._session = session_id
        self._next_id = 0
        self._events: list[tuple[str, dict]] = []

    def send(self, method: str, params: dict | None = None) -> dict:
        self._next_id += 1
        message_id = self._next_id
        message = {"id": message_id, "method": method, "params": params or {}, "sessionId": self._session}
        self._socket.send(json.dumps(message))
        while True:
            message = json.loads(self._socket.recv(timeout=COMMAND_TIMEOUT_S))
            if message.get("sessionId") != self._session:
                continue
            if message.get("id") == message_id:
                if "error" in message:
                    raise CdpError(f"{method}: {message['error']}")
                return message["result"]
            if "method" in message:
                self._events.append((message["method"], message["params"]))

    def wait_for(self, event: str, timeout: float = COMMAND_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while not any(method == event for method, _ in self._events):
            message = json.loads(self._socket.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if message.get("sessionId") == self._session and "method" in message:
                self._events.append((message["method"], message["params"]))

    def load(self, path: Path) -> PageLoad:
        """Open a local file and wait for its load event, recording what the page did."""
        self._events.clear()
        load = PageLoad(path.resolve().as_uri())
        self.send("Page.navigate", {"url": load.url})
        self.wait_for("Page.loadEventFired")
        # A round trip after the load event flushes events the page emitted while loading.
        self.evaluate("1")
        for method, params in self._events:
            load.record(method, params)
        return load

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CdpError(f"{expression!r} threw {result['exceptionDetails']}")
        return result["result"].get("value")

    def print_pdf(self, out: Path | None = None, header: str | None = None, footer: str | None = None) -> bytes:
        """The loaded page as an A4 PDF with backgrounds; with a running header and footer when given
        (CDP templates: `<span class="pageNumber">` and the like are filled in per page).
        Written to `out` too when given."""
        width, height = A4_INCHES
        params = {"paperWidth": width, "paperHeight": height, "printBackground": True, "displayHeaderFooter": False}
        if header is not None or footer is not None:
            params |= {
                "displayHeaderFooter": True,
                "headerTemplate": header or "<span></span>",
                "footerTemplate": footer or "<span></span>",
                # room for them; the page's own margins sit inside
                "marginTop": 0.6,
                "marginBottom": 0.6,
            }
        data = base64.b64decode(self.send("Page.printToPDF", params)["data"])
        if out is not None:
            out.write_bytes(data)
        return data

    def screenshot(self, out: Path, width: int, height: int) -> Path:
        """The top `height` CSS pixels of the page at a `width`-pixel-wide window."""
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        result = self.send("Page.captureScreenshot", {"format": "png"})
        out.write_bytes(base64.b64decode(result["data"]))
        return out


def _devtools_url(user_data_dir: Path, process: subprocess.Popen) -> str:
    """Chromium writes the port it picked and the browser target's path to DevToolsActivePort."""
    port_file = user_data_dir / "DevToolsActivePort"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CdpError(f"chromium exited with {process.returncode} before DevTools started")
        lines = port_file.read_text().split("\n") if port_file.exists() else []
        if len(lines) >= 2 and lines[1]:
            return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
        time.sleep(0.05)
    raise CdpError(f"no DevToolsActivePort in {user_data_dir} after {START_TIMEOUT_S} s")


@contextlib.contextmanager
def chromium_page(user_data_dir: Path) -> Iterator[Page]:
    """A headless chromium with one blank tab; the whole process group is killed on exit."""
    user_data_dir.mkdir(parents=True, exist_ok=True)
    # A profile used before still holds the previous browser's port: wait for this one's.
    (user_data_dir / "DevToolsActivePort").unlink(missing_ok=True)
    log = (user_data_dir / "chromium.log").open("wb")
    process = subprocess.Popen(
        [str(CHROMIUM), *FLAGS, f"--user-data-dir={user_data_dir}", "about:blank"],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        url = _devtools_url(user_data_dir, process)
        with connect(url, max_size=None, open_timeout=START_TIMEOUT_S) as socket:
            blank_tab = {"id": 1, "method": "Target.createTarget", "params": {"url": "about:blank"}}
            socket.send(json.dumps(blank_tab))
            target = _reply(socket, 1)["targetId"]
            socket.send(
                json.dumps(
                    {
                        "id": 2,
                        "method": "Target.attachToTarget",
                        "params": {"targetId": target, "flatten": True},
                    }
                )
            )
            page = Page(socket, _reply(socket, 2)["sessionId"])
            # Enabled once, on the blank tab: enabling again later would replay the
            # previous page's console messages into the next load's record.
            for domain in ("Runtime", "Log", "Network", "Page"):
                page.send(f"{domain}.enable")
            yield page
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        log.close()


def _reply(socket: ClientConnection, message_id: int) -> dict:
    while True:
        message = json.loads(socket.recv(timeout=COMMAND_TIMEOUT_S))
        if message.get("id") == message_id:
            if "error" in message:
                raise CdpError(str(message["error"]))
            return message["result"]
