"""Real headless Chromium (Debian's package) driven by Playwright, and a local server for a built site."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free loopback port; yields the base address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What a page did while it loaded: console errors, uncaught errors, and every host it asked."""

    page: Page
    console_errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)

    @property
    def foreign_hosts(self) -> set[str]:
        return {host for host in self.hosts if host not in ("127.0.0.1", "")}


def visit(browser: Browser, url: str, **context_options: object) -> Visit:
    page = browser.new_context(**context_options).new_page()  # type: ignore[arg-type]
    record = Visit(page)
    page.on("console", lambda message: record.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.on("request", lambda request: record.hosts.add(urlparse(request.url).hostname or ""))
    page.goto(url, wait_until="networkidle")
    return record


def search(page: Page, query: str) -> list[str]:
    """Type into Material's search box as a person would; returns the result titles."""
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    return page.locator(".md-search-result__item > a h1").all_inner_texts()


AXE_SCRIPT = Path(
    os.environ.get("ITCOMMS_AXE_SCRIPT", Path(__file__).parents[1] / ".cache/node/node_modules/axe-core/axe.min.js")
)
"""axe-core from the npm registry; scripts/test installs it."""


ALL_IMPACTS = ("minor", "moderate", "serious", "critical")


def accessibility_violations(page: Page, impacts: tuple[str, ...] = ALL_IMPACTS) -> list[str]:
    """What axe-core finds on the page at WCAG 2.1 AA and in its best practices, of the given impacts."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "axe.run(document, {runOnly: {type: 'tag', values:"
        " ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}, resultTypes: ['violations']})"
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {node['target']}"
        for violation in result["violations"]
        if violation["impact"] in impacts
        for node in violation["nodes"]
    ]
