from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browser import chromium, serve
from notify_world import World, make_world
from support import DEMO_CONTENT, build_site, make_project


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "engines: builds the demo with every engine (scripts/test runs these last, on their own)"
    )


@pytest.fixture(scope="session")
def demo_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("demo"), DEMO_CONTENT)


@pytest.fixture(scope="session")
def demo_site(demo_project: Path) -> Path:
    """The demo content built once, at the demo's "now", into a temporary folder."""
    site_dir = demo_project / "site"
    warnings = build_site(demo_project, site_dir)
    assert warnings == []
    return site_dir


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, one per test module."""
    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base_url(demo_site: Path) -> Iterator[str]:
    """The demo site served on a free loopback port."""
    with serve(demo_site) as url:
        yield url


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    """A department publishing status updates to fake Teams, Slack and email (tests/notify_world.py)."""
    with make_world(tmp_path) as made:
        yield made
