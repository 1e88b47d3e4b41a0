"""``scripts/serve`` picks up an edit to the Python code: the preview is started afresh and runs the new code."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from support import MINIMAL_CONTENT, REPO

TIMEOUT_SECONDS = 240


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(url: str, text: str) -> str:
    """The page at ``url`` once it holds ``text``; fails after the timeout."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    page = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                page = response.read().decode("utf-8")
        except OSError:
            page = ""
        if text in page:
            return page
        time.sleep(1)
    raise AssertionError(f"{url} never showed {text!r}; last seen:\n{page[:2000]}")


def test_an_edit_to_a_module_shows_in_the_running_preview(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    for folder in ("docs", "scripts"):
        shutil.copytree(REPO / folder, project / folder)
    shutil.copytree(REPO / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(MINIMAL_CONTENT, project / "content")
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    templates = project / "hooks/itcomms/outputs/site/templates"
    (templates / "home_edited.md.j2").write_text("# Edited home\n\nThe code was edited while the preview ran.\n")

    port = free_port()
    env = {**os.environ, "ITCOMMS_ADDR": f"127.0.0.1:{port}", "ITCOMMS_PDF": "0", "ITCOMMS_NOW": "2026-11-24T12:00:00"}
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen([project / "scripts/serve"], env=env, stdout=log, stderr=log, start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/"
        assert "Edited home" not in wait_for(url, "</html>")
        module = project / "hooks/itcomms/outputs/site/home.py"
        module.write_text(module.read_text().replace('"home.md.j2"', '"home_edited.md.j2"'))
        wait_for(url, "The code was edited while the preview ran.")
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
