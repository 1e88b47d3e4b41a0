"""One name: the site's name (and description and copyright) come from content/site.yaml, never from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from itcomms.pipeline import engine_config
from support import MINIMAL_CONTENT, build_site, load_site, make_project


def test_renaming_the_department_in_site_yaml_renames_every_page(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    settings = project / "content/site.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("name: Example IT", "name: Northwind Help"))
    build_site(project, tmp_path / "site", ITCOMMS_PDF="0")
    for page in ("index.html", "status/index.html", "services/email/index.html"):
        document = lxml.html.parse(str(tmp_path / "site" / page)).getroot()
        title = document.findtext(".//title")
        assert title is not None and title.endswith("Northwind Help"), (page, title)
        assert "site.yaml" not in lxml.html.tostring(document, encoding="unicode")
        assert document.xpath("//meta[@name='description']/@content")
    footer = lxml.html.parse(str(tmp_path / "site/index.html")).getroot().xpath("//footer")[0].text_content()
    assert "Example Ltd" in footer


def test_the_engine_configuration_from_the_content() -> None:
    settings = engine_config(load_site(MINIMAL_CONTENT.parent))
    assert settings["site_name"] == "Example IT"
    assert settings["copyright"] == "Example Ltd"
