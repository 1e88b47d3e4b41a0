"""Theme partials made from the data: the status banner is a template the engine renders again, safely."""

from __future__ import annotations

from pathlib import Path

import jinja2

from itcomms.outputs import THEME_VALUES, theme_partials
from status_content import incident_file
from support import load_site, minimal_project, write_content

NOW = "2026-11-24T12:00:00"
BANNER = "partials/status-banner.html"


def as_the_engine_renders(partial: str) -> str:
    """The partial rendered as a theme renders it: by Jinja, with a ``url`` filter (here: from a page two deep)."""
    engine = jinja2.Environment(autoescape=False)
    engine.filters["url"] = lambda address: f"../../{address}"
    return engine.from_string(partial).render()


def test_no_banner_when_all_is_well(tmp_path: Path) -> None:
    assert theme_partials(load_site(minimal_project(tmp_path), now=NOW))[BANNER] == ""


def test_titles_stay_text_when_the_engine_renders_the_banner(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    hostile = "Mail {{ 7 * 7 }} {% if true %}slow{% endif %} {# hidden #} & more"
    write_content(project, incident_file("slow", "2026-11-24 10:00", title=hostile))
    html = as_the_engine_renders(theme_partials(load_site(project, now=NOW))[BANNER])
    assert '<a href="../../status/incidents/slow/">' in html
    assert "Mail &#123;&#123; 7 * 7 &#125;&#125; &#123;% if true %&#125;slow" in html
    assert "&#123;# hidden #&#125; &amp; more</a>" in html
    assert "49" not in html
    assert '<a href="../../status/">service status page</a>' in html


def test_the_values_partial_holds_text_as_text(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    settings = (project / "content" / "site.yaml").read_text(encoding="utf-8")
    (project / "content" / "site.yaml").write_text(
        settings.replace("name: Example IT", "name: 'Example IT 50%} {{ 7 * 7 }}'", 1), encoding="utf-8"
    )
    values = theme_partials(load_site(project, now=NOW))[THEME_VALUES]
    module = jinja2.Environment(loader=jinja2.DictLoader({"values": values})).get_template("values").module
    assert module.status_feeds[0]["title"] == "Example IT 50%} {{ 7 * 7 }} service status (RSS)"
