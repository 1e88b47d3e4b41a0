"""A retired service leaves the current status (status page, status.json, the banner) but stays in its history."""

from __future__ import annotations

import json
from pathlib import Path

from itcomms.figures.service_status import current_status
from itcomms.site import Site
from status_content import incident_file, rendered
from support import DEMO_CONTENT, load_site, make_project, write_content

RETIRED = "fax"  # "Fax to email", switched off in June 2025


def _site_with_a_fax_incident(tmp_path: Path) -> Site:
    project = make_project(tmp_path / "project", DEMO_CONTENT)
    write_content(project, incident_file("fax-lost", "2025-05-06 09:00", "2025-05-06 12:00", services=["fax"]))
    return load_site(project)


def test_a_retired_service_is_absent_from_current_status_and_status_json(tmp_path: Path) -> None:
    site = _site_with_a_fax_incident(tmp_path)
    name = site.services[RETIRED].name
    assert "fax-lost" in {incident.id for incident in site.incidents_by_service[RETIRED]}
    pages = rendered(site)

    assert RETIRED not in current_status(site)
    document = json.loads(pages["status/status.json"])
    components = [component["id"] for component in document["components"]]
    assert RETIRED not in components
    assert "email" in components
    status_page = pages["status/index.md"]
    assert isinstance(status_page, str)
    services = status_page.split("## Services")[1].split("## History")[0]
    assert '<a href="../services/email/">' in services
    assert f'<a href="../services/{RETIRED}/">' not in services  # no line among the services now
    # still in the history of the year it ran
    history = pages["status/history/2025/index.md"]
    assert isinstance(history, str) and name in history
