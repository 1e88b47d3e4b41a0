"""The search index every reader's browser fetches: small, because what another page holds is left out, and
still finding every incident, service and newsletter by its title (the demo's index, read as the theme reads it)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from support import DEMO_CONTENT, REPO, load_site


@pytest.fixture(scope="module")
def index(demo_site: Path) -> list[dict[str, Any]]:
    documents: list[dict[str, Any]] = json.loads((demo_site / "search/search_index.json").read_text("utf-8"))["docs"]
    return documents


def page_titles(index: list[dict[str, Any]]) -> dict[str, str]:
    """Each page's own entry (the one without an anchor): its address and title."""
    return {document["location"]: document["title"] for document in index if "#" not in document["location"]}


def test_every_incident_service_and_newsletter_is_found_by_its_title(index: list[dict[str, Any]]) -> None:
    site = load_site(REPO)
    titles = page_titles(index)
    expected = {f"status/incidents/{incident.id}/": incident.title for incident in site.incidents}
    expected |= {f"services/{service.id}/": service.name for service in site.services.values()}
    expected |= {f"newsletter/{issue.month}/": issue.title for issue in site.newsletters}
    assert len(expected) > 40
    missing = {location: title for location, title in expected.items() if titles.get(location) != title}
    assert missing == {}


def test_pages_that_retell_others_are_left_out(index: list[dict[str, Any]]) -> None:
    locations = {document["location"].split("#")[0] for document in index}
    assert not [location for location in locations if location.startswith("status/history/")]
    assert not [location for location in locations if location.count("/") == 3 and location.startswith("units/")]
    assert not [location for location in locations if location.endswith("/in-full/")]
    assert "units/finance/" in locations  # the unit's page, which lists its reviews, is found


def test_an_incident_is_indexed_by_its_summary_not_its_timeline(index: list[dict[str, Any]]) -> None:
    path = next((DEMO_CONTENT / "incidents").rglob("*delivery-photos-slow.yaml"))
    incident = yaml.safe_load(path.read_text("utf-8"))
    text = " ".join(
        document["text"]
        for document in index
        if document["location"].startswith("status/incidents/delivery-photos-slow/")
    )
    assert " ".join(incident["summary"].split()[:6]) in " ".join(text.split())
    for update in incident["updates"]:
        assert " ".join(update["message"].split()[:8]) not in " ".join(text.split())
