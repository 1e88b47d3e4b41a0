from __future__ import annotations

from pathlib import Path

import pytest

from support import DEMO_CONTENT, build_site, make_project


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
