"""JupyterLab, really started: every notebook opens through the REST API and gets a kernel.

The test starts ``jupyter lab`` headless on 127.0.0.1 (a free port, a random token, its own
runtime and config folders), asks the server for each notebook's contents, starts a kernel for
it through a session, waits until the kernel is idle, and stops everything it started.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from jupyter_client import BlockingKernelClient
from storydiff import config

pytest.importorskip("jupyterlab", reason="jupyterlab is not installed (pip install -e '.[lab]')")

NOTEBOOKS = sorted(
    p.relative_to(config.REPO_ROOT).as_posix()
    for p in config.NOTEBOOKS_DIR.rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, url: str, token: str, runtime):
        self.url, self.token, self.runtime = url, token, runtime

    def call(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            raw = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, (json.loads(raw) if raw and "json" in kind else raw)


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    home = tmp_path_factory.mktemp("jupyter")
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        "PATH": f"{config.REPO_ROOT / '.venv' / 'bin'}:/usr/bin:/bin",
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={config.REPO_ROOT}",
            "--ServerApp.port_retries=0",
            *(["--allow-root"] if os.geteuid() == 0 else []),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(f"http://127.0.0.1:{port}", token, home / "runtime")
    deadline = time.monotonic() + 60
    while True:
        try:
            server.call("GET", "/api/status")
            break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"JupyterLab did not start: {process.stderr.read().decode()[-800:]}")
            time.sleep(0.3)
    yield server
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "the server still listens"


def test_lab_serves_its_page_and_refuses_without_token(lab):
    status, page = lab.call("GET", "/lab")
    assert status == 200 and b"JupyterLab" in page
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{lab.url}/api/contents/notebooks", timeout=10)
    assert refused.value.code == 403


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_notebook_opens_and_its_kernel_starts(lab, path):
    status, model = lab.call("GET", f"/api/contents/{path}?content=1")
    assert status == 200 and model["type"] == "notebook"
    assert any("parameters" in c["metadata"].get("tags", []) for c in model["content"]["cells"])
    status, session = lab.call(
        "POST",
        "/api/sessions",
        {"path": path, "type": "notebook", "name": path, "kernel": {"name": "python3"}},
    )
    assert status == 201
    kernel = session["kernel"]["id"]
    try:
        # The server started the kernel; talk to it on its own channels (the connection file is
        # in the server's runtime folder) to see that it answers and can import storydiff.
        client = BlockingKernelClient(connection_file=str(lab.runtime / f"kernel-{kernel}.json"))
        client.load_connection_file()
        client.start_channels()
        try:
            client.wait_for_ready(timeout=60)
            reply = client.execute_interactive("import storydiff", timeout=60)
            assert reply["content"]["status"] == "ok"
        finally:
            client.stop_channels()
        deadline = time.monotonic() + 30
        state = ""
        while time.monotonic() < deadline and state != "idle":
            state = lab.call("GET", f"/api/kernels/{kernel}")[1]["execution_state"]
            time.sleep(0.1)
        assert state == "idle"
    finally:
        lab.call("DELETE", f"/api/sessions/{session['id']}")
    assert kernel not in [k["id"] for k in lab.call("GET", "/api/kernels")[1]]
