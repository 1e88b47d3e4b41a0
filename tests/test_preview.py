"""The preview shows problems where the author is looking: a real ``mkdocs serve`` over a copy of the demo, a save
that breaks a file, the page in the browser turning into the list of problems, and back to the site once fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from browser import chromium
from support import DEMO_CONTENT, DEMO_NOW, make_project

SERVICE = "content/services/printing.yaml"
GOOD = "name: Printers and label printers"
BROKEN = "name: Printers: label printers"
WAIT = 300.0
"""Seconds a rebuild of the demo may take on a busy machine."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "ITCOMMS_NOW": DEMO_NOW, "ITCOMMS_PDF": "0"}
    log = (project / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}/it/"
    try:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert server.poll() is None, (project / "serve.log").read_text()
            try:
                if fetch(base)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            pytest.fail("mkdocs serve did not start:\n" + (project / "serve.log").read_text())
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.browser
def test_a_broken_save_shows_the_problems_in_the_browser_and_the_site_comes_back(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", DEMO_CONTENT)
    service = project / SERVICE
    original = service.read_text(encoding="utf-8")
    assert GOOD in original
    line = original.splitlines().index(GOOD) + 1
    with mkdocs_serve(project) as base, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base}status/")
        assert "Status" in page.title()

        service.write_text(original.replace(GOOD, BROKEN), encoding="utf-8")
        page.get_by_text("The content has problems").first.wait_for(timeout=WAIT * 1000)
        listed = page.locator("li.itcomms-problem").all_inner_texts()
        assert listed == [
            f"{SERVICE}:{line}:15 YAML syntax error: this colon and space read as the start of another key; when a "
            f"text holds ': ', put the whole text in quotes: name: \"Printers: label printers\""
        ]
        assert page.url == f"{base}status/"  # still where the author was
        header = page.locator("header").first.inner_text()
        assert "Preview" in header and "set from" not in header and "site.yaml" not in header
        status, home = fetch(base)
        assert status == 200 and "The content has problems" in home

        service.write_text(original, encoding="utf-8")
        page.wait_for_function(
            "() => !document.body.innerText.includes('The content has problems')", timeout=WAIT * 1000
        )
        page.wait_for_load_state()
        assert page.url == f"{base}status/"
        assert page.locator("li.itcomms-problem").count() == 0
        assert "Status" in page.title()
