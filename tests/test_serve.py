"""``scripts/serve`` picks up an edit to the Python code: the preview is started afresh and runs the new code."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from itcomms.outputs import Page
from itcomms.pipeline import load_build
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


SITE_URL = "https://intranet.larkspur.example/it/"
NOW = "2026-11-24T12:00:00"
CONVERTED = re.compile(
    r"pages converted: (\d+), kept from the last build: (\d+), filtered again: (\d+), themed again: (\d+)"
    r"(?:: (.*))?$",
    re.M,
)


def generated_pages(project: Path) -> dict[str, str]:
    """Every generated page's Markdown, rendered in this process from ``project``'s content (on a copy, so the
    running preview's kept files are not touched)."""
    copy = project.parent / "expected"
    shutil.rmtree(copy, ignore_errors=True)
    for folder in ("content", "docs"):
        shutil.copytree(project / folder, copy / folder)
    rendered = load_build(copy, SITE_URL, {"ITCOMMS_NOW": NOW, "ITCOMMS_PDF": "0"}).render()
    return {output.path: output.markdown for output in rendered.outputs if isinstance(output, Page)}


def changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def converted_after(log_file: Path, builds_seen: int) -> tuple[int, int, int, int, set[str]]:
    """The next build's count of pages converted, kept, filtered and themed again, and the names of those
    converted, once it has been logged."""
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        reports = CONVERTED.findall(log_file.read_text("utf-8"))
        if len(reports) > builds_seen:
            count, kept, filtered, themed, names = reports[-1]
            return int(count), int(kept), int(filtered), int(themed), set(names.split(", ")) if names else set()
        time.sleep(0.5)
    raise AssertionError(f"no build was logged after build {builds_seen}:\n{log_file.read_text('utf-8')[-3000:]}")


def test_an_edit_reaches_every_page_that_shows_it_and_converts_no_other(tmp_path: Path) -> None:
    """An incident, a service and the glossary edited in turn while the preview runs: every page, the banner
    and the search index show each edit, and only the pages whose content changed are converted again (and
    themed again only where their title or contents changed)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    for folder in ("docs", "scripts", "content"):
        shutil.copytree(REPO / folder, project / folder)
    (project / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)

    port = free_port()
    env = {**os.environ, "ITCOMMS_ADDR": f"127.0.0.1:{port}", "ITCOMMS_PDF": "0", "ITCOMMS_NOW": NOW}
    log_file = tmp_path / "serve.log"
    log = log_file.open("w")
    server = subprocess.Popen([project / "scripts/serve"], env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}/it/"
    incident = project / "content/incidents/2026/2026-11-24-delivery-photos-slow.yaml"
    service = project / "content/services/driver-handheld-app.yaml"
    glossary = project / "content/glossary.yaml"
    edits = [
        # (file, words replaced, their replacement, pages that must show it beyond those whose content changed)
        (incident, "title: Delivery photos slow to upload", "title: Delivery photos slow to reach Zanzibar", 1),
        (service, "name: Driver handheld app", "name: Driver handheld Zanzibar app", 1),
        (glossary, "A second step when you sign in", "A Zanzibar step when you sign in", 0),
    ]
    try:
        wait_for(url, "</html>")
        reports = CONVERTED.findall(log_file.read_text("utf-8"))
        builds, pages = len(reports), sum(map(int, reports[-1][:2]))
        before = generated_pages(project)
        for edited, old, new, banner in edits:
            edited.write_text(edited.read_text("utf-8").replace(old, new, 1), "utf-8")
            after = generated_pages(project)
            expected = changed(before, after)
            count, kept, filtered, themed, names = converted_after(log_file, builds)
            builds += 1
            shown = new.removeprefix("title: ").removeprefix("name: ")
            assert names == expected, (edited.name, sorted(names - expected), sorted(expected - names))
            assert kept == pages - count > 0
            # Neither what a page says nor the banner is in its kept shell: only a page whose title or contents
            # changed is themed again.
            assert themed <= count, (edited.name, themed, count)
            for path in sorted(expected):
                address = path.removesuffix("index.md")
                assert shown in wait_for(url + address, "</html>"), f"{address} does not show {shown!r}"
            if edited == glossary:
                # A term's meaning reaches the pages that explain the term: only those are filtered again, only
                # the glossary's own page is converted again, and none is themed again.
                assert (expected, themed) == ({"glossary/index.md"}, 0)
                assert 0 < filtered < pages / 2, filtered
                page = wait_for(f"{url}services/accounts-and-passwords/", shown)
                assert f'<abbr title="Multi-factor authentication: {shown}' in page
            else:
                assert filtered == count
            if banner:  # the ongoing incident is in the banner of every page, those not converted included
                untouched = url + "accessibility/"
                assert shown in wait_for(untouched, "status-banner").split('<div class="status-banner"')[1]
            assert shown in wait_for(url + "search/search_index.json", shown)
            before = after
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        log.close()
