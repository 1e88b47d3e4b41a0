"""The real site, built with MkDocs from the demo content and from broken content."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support import MINIMAL_CONTENT, REPO, BuildFailed, build_site, make_project

SECTION_PAGES = [
    "index.html",
    "status/index.html",
    "services/index.html",
    "newsletter/index.html",
    "report/index.html",
    "units/index.html",
    "glossary/index.html",
    "authoring/index.html",
]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.mark.parametrize("page", SECTION_PAGES)
def test_demo_site_has_every_section(demo_site: Path, page: str) -> None:
    html = (demo_site / page).read_text(encoding="utf-8")
    assert "</html>" in html


def test_demo_pages_list_their_items(demo_site: Path) -> None:
    services = (demo_site / "services/index.html").read_text(encoding="utf-8")
    assert "Email" in services
    glossary = (demo_site / "glossary/index.html").read_text(encoding="utf-8")
    assert "<dt>" in glossary


def test_generated_pages_are_not_written_into_the_project(demo_project: Path, demo_site: Path) -> None:
    assert not (demo_project / "docs" / "status").exists()
    assert tree_digest(demo_project / "content") == tree_digest(REPO / "content")
    assert tree_digest(demo_project / "docs") == tree_digest(REPO / "docs")


def test_generated_pages_have_no_edit_link(demo_site: Path) -> None:
    assert "Edit this page" not in (demo_site / "status/index.html").read_text(encoding="utf-8")


def test_content_error_stops_the_build_with_every_problem(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text().replace("impact: minor", "impact: huge"))
    service = project / "content/services/chat.yaml"
    service.write_text(service.read_text().replace("category: working-together", "category: teamwork"))
    with pytest.raises(BuildFailed) as raised:
        build_site(project, tmp_path / "site")
    message = str(raised.value)
    assert "content/incidents/2026/2026-03-14-email-delays.yaml:3:9: impact: must be one of" in message
    assert "content/services/chat.yaml:2:11: category: unknown service category 'teamwork'" in message
    assert "2 problems in content; nothing was built." in message
    assert not (tmp_path / "site").exists()


def test_site_url_is_required(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    config = project / "mkdocs.yml"
    config.write_text("\n".join(line for line in config.read_text().splitlines() if not line.startswith("site_url:")))
    with pytest.raises(BuildFailed, match="site_url must be set"):
        build_site(project, tmp_path / "site")


def test_build_script_keeps_the_last_good_site(tmp_path: Path) -> None:
    """scripts/build as an author runs it: a failed build prints positions, no traceback, and leaves site/ alone."""
    project = tmp_path / "project"
    make_project(project, MINIMAL_CONTENT)
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    env = {**os.environ, "ITCOMMS_NOW": "2026-11-24T12:00:00", "ITCOMMS_PDF": "0"}

    good = subprocess.run([project / "scripts/build"], env=env, capture_output=True, text=True)
    assert good.returncode == 0, good.stderr
    before = tree_digest(project / "site")
    assert "index.html" in before

    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text().replace("impact: minor", "impact: huge"))
    bad = subprocess.run([project / "scripts/build"], env=env, capture_output=True, text=True)
    assert bad.returncode != 0
    assert "content/incidents/2026/2026-03-14-email-delays.yaml:3:9: impact:" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert tree_digest(project / "site") == before
    assert not list(project.glob(".site-*"))
