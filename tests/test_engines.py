"""The demo built by MkDocs, ProperDocs and Zensical with ``scripts/build --engine``: the same site from each.

The same HTML pages and byte-identical artefacts (feeds, calendar, JSON, emails)
from all three; in Zensical's pages, which no hook touched, the banner on every
page, the glossary tooltips and the PDFs made after the build; no broken
internal link from any engine. Run by ``scripts/test`` at the end, as the
engines other than MkDocs live in venvs of their own.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html
import pytest

from support import DEMO_NOW, MINIMAL_CONTENT, REPO, make_project

pytestmark = pytest.mark.engines

ENGINES = ("mkdocs", "properdocs", "zensical")
CONTENT_START = '<article class="md-content__inner md-typeset">'
SKIP_LINK = '<a id="__skip" tabindex="-1"></a>'
"""Zensical's target for "skip to content", inside the article where Material has none."""
SITE_URL = "https://intranet.larkspur.example/it/"
"""The demo's, from mkdocs.yml."""
ENGINE_OWN = re.compile(r"^(assets/|search/|search\.json$|sitemap\.xml)")
"""Files an engine makes of itself: theme assets, search index, sitemap."""


def project_with_scripts(folder: Path) -> Path:
    """A copy of the repository's project that runs its own scripts, with the engines' venvs shared."""
    project = make_project(folder)
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    (project / ".cache").mkdir()
    for engine in ("properdocs", "zensical"):
        (project / ".cache" / f"venv-{engine}").symlink_to(REPO / ".cache" / f"venv-{engine}")
    return project


def start_build(project: Path, engine: str, site: Path, **env: str) -> subprocess.Popen[str]:
    environ = {**os.environ, "ITCOMMS_NOW": DEMO_NOW, "ITCOMMS_SITE_DIR": str(site), **env}
    command = [str(project / "scripts/build"), "--engine", engine]
    return subprocess.Popen(command, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run_build(project: Path, engine: str, site: Path, **env: str) -> tuple[int, str]:
    """Build and wait; returns the exit status and what the build printed on stderr."""
    process = start_build(project, engine, site, **env)
    _, stderr = process.communicate()
    return process.returncode, stderr


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The demo built by each engine; PDFs only by Zensical, the engine they are made for after the fact."""
    setup = "source scripts/_env.sh; source scripts/_engines.sh; engine_venv properdocs; engine_venv zensical"
    subprocess.run(["bash", "-c", setup], cwd=REPO, check=True, capture_output=True)
    project = project_with_scripts(tmp_path_factory.mktemp("engines") / "project")
    built = {engine: project.parent / f"site-{engine}" for engine in ENGINES}
    # All three at once, from the one project: each builds in a folder of its own.
    running = {
        engine: start_build(project, engine, site, ITCOMMS_PDF="1" if engine == "zensical" else "0")
        for engine, site in built.items()
    }
    for engine, process in running.items():
        _, stderr = process.communicate()
        assert process.returncode == 0, f"{engine}: {stderr}"
    return built


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def is_page(path: Path) -> bool:
    return path.suffix == ".html" and CONTENT_START in path.read_text(encoding="utf-8")


def pages(site: Path) -> set[str]:
    return {name for name, path in files(site).items() if is_page(path)}


def artefacts(site: Path) -> dict[str, bytes]:
    """Every file that is neither a page nor the engine's own: generated artefacts, docs' CSS and scripts."""
    return {
        name: path.read_bytes()
        for name, path in files(site).items()
        if not ENGINE_OWN.match(name) and not name.endswith(".pdf") and not is_page(path)
    }


def content(page: Path) -> list[str]:
    """The page's content as the theme placed it, line by line, indentation and blank lines aside.

    Two differences are left out of the comparison (README, engines): Zensical's theme also writes a page's
    search words (``tags:``) under its title, which our style sheet hides, and Zensical takes the
    ``data-search-exclude`` marks out of the HTML once its search has read them."""
    html = page.read_text(encoding="utf-8")
    inner = html[html.index(CONTENT_START) : html.rindex("</article>")].replace(SKIP_LINK, "")
    inner = re.sub(r'<nav class="md-tags" >.*?</nav>', "", inner, flags=re.DOTALL).replace(" data-search-exclude", "")
    return [line.strip() for line in inner.splitlines() if line.strip()]


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_engine_builds_the_same_pages(sites: dict[str, Path], engine: str) -> None:
    expected = pages(sites["mkdocs"])
    assert len(expected) > 100
    assert pages(sites[engine]) == expected


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_engine_publishes_the_same_artefacts_byte_for_byte(sites: dict[str, Path], engine: str) -> None:
    expected = artefacts(sites["mkdocs"])
    for kind in ("status/feed.xml", "status/feed.atom", "status/maintenance.ics", "status/status.json"):
        assert kind in expected
    assert any(name.endswith(".eml") for name in expected)
    got = artefacts(sites[engine])
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []


def test_zensical_pages_carry_the_same_content_tooltips_included(sites: dict[str, Path]) -> None:
    mkdocs, zensical = sites["mkdocs"], sites["zensical"]
    glossary = zensical / "glossary/index.html"
    assert "<abbr title=" in glossary.read_text(encoding="utf-8")
    differing = [name for name in sorted(pages(mkdocs)) if content(mkdocs / name) != content(zensical / name)]
    # Only the PDF links differ: MkDocs was built without PDFs, Zensical with.
    brochure = {name for name in pages(mkdocs) if name.startswith("services/brochure/")}
    assert set(differing) <= {
        "report/index.html",
        "report/2025/index.html",
        "report/2026/index.html",
        "services/index.html",
        *brochure,
    }
    assert "status/index.html" not in differing


def test_zensical_shows_the_banner_on_every_page_but_the_printable_ones(sites: dict[str, Path]) -> None:
    site = sites["zensical"]
    without = set()
    for name in pages(site):
        html = (site / name).read_text(encoding="utf-8")
        if 'class="status-banner"' not in html:
            without.add(name)
        elif name == "services/email/index.html":
            assert re.search(r'<a href="\.\./\.\./status/incidents/[^"]+/">', html)
    assert without == {name for name in pages(site) if name.startswith("services/brochure/")}  # printable
    assert len(without) > 1  # the cover and a chapter per category


def test_zensical_makes_the_pdfs_after_the_build(sites: dict[str, Path]) -> None:
    site = sites["zensical"]
    for pdf in ("services/brochure.pdf", "report/2025/annual-report-2025.pdf", "report/2026/annual-report-2026.pdf"):
        assert (site / pdf).read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("engine", ENGINES)
def test_no_broken_internal_link(sites: dict[str, Path], engine: str) -> None:
    site = sites[engine]
    ids: dict[str, set[str]] = {}

    def anchors(name: str) -> set[str]:
        if name not in ids:
            ids[name] = set(lxml.html.parse(str(site / name)).getroot().xpath("//@id"))
        return ids[name]

    prefix = urlsplit(SITE_URL).path  # 404.html links from the site's root, as it is served from any folder
    broken = []
    for name in sorted(pages(site)):
        document = lxml.html.parse(str(site / name)).getroot()
        for _element, attribute, link, _ in document.iterlinks():
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or attribute not in ("href", "src"):
                continue
            target = name
            if parts.path.startswith(prefix):
                target = posixpath.normpath(unquote(parts.path[len(prefix) :]) or ".")
            elif parts.path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(parts.path)))
            if (site / target).is_dir():
                target = posixpath.normpath(posixpath.join(target, "index.html"))
            path = site / target
            if target.startswith(".."):
                broken.append(f"{name}: {link} (outside the site)")
            elif not path.is_file():
                broken.append(f"{name}: {link}")
            elif parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in anchors(target):
                broken.append(f"{name}: {link} (no such anchor)")
    assert broken == []


def test_zensical_build_stops_on_a_content_error_before_writing(tmp_path: Path) -> None:
    project = project_with_scripts(tmp_path / "project")
    shutil.rmtree(project / "content")
    shutil.copytree(MINIMAL_CONTENT, project / "content")
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text().replace("impact: minor", "impact: huge"))
    status, stderr = run_build(project, "zensical", project / "site", ITCOMMS_PDF="0")
    assert status != 0
    assert "content/incidents/2026/2026-03-14-email-delays.yaml:3:9: impact:" in stderr
    assert "Traceback" not in stderr
    assert not (project / "site").exists()
    assert not (project / ".cache/engines").exists()
    assert not list(project.glob(".site-*"))


@pytest.mark.parametrize("engine", ENGINES)
def test_the_search_worker_each_theme_names_is_there(sites: dict[str, Path], engine: str) -> None:
    """The theme's configuration names its search worker in JSON, where no link check looks: a theme file
    copied from one engine names script files another engine's theme does not have."""

    config = lxml.html.parse(str(sites[engine] / "index.html")).getroot().xpath("//script[@id='__config']")[0]
    worker = sites[engine] / posixpath.normpath(json.loads(config.text)["search"])
    assert worker.is_file(), worker
    if engine != "zensical":  # ours, which loads the theme's own worker by its file name
        (loaded,) = re.findall(r'importScripts\("([^"]+)"\)', worker.read_text(encoding="utf-8"))
        assert (worker.parent / loaded).resolve().is_file(), loaded
