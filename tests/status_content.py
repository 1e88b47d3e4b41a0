"""Incidents and maintenance windows written as content files, for the status tests, and the site rendered in memory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import yaml

from itcomms.outputs import Artefact, Page, render_site
from itcomms.site import Site

Update = tuple[str, str, str]
"""(at, state, message)"""


def incident_file(
    name: str,
    start: str,
    end: str | None = None,
    *,
    impact: str = "minor",
    services: Sequence[str] = ("email",),
    updates: Sequence[Update] | None = None,
    **extra: Any,
) -> dict[str, str]:
    """``{path: text}`` of an incident; by default one update when it starts and one when it ends."""
    if updates is None:
        updates = [(start, "investigating", "We are looking into it.")]
        if end:
            updates.append((end, "resolved", "Fixed."))
    data: dict[str, Any] = {"title": name.replace("-", " ").capitalize(), "services": list(services)}
    data |= {"impact": impact, "start": start, **({"end": end} if end else {}), "summary": "Something happened."}
    data["updates"] = [{"at": at, "state": state, "message": message} for at, state, message in updates]
    return {f"incidents/{start[:4]}/{start[:10]}-{name}.yaml": yaml.safe_dump(data | extra, sort_keys=False)}


def window_file(
    name: str, start: str, end: str, *, services: Sequence[str] = ("email",), impact: str = "minor", **extra: Any
) -> dict[str, str]:
    """``{path: text}`` of a maintenance window; ``extra`` adds announce_from, revisions or cancelled."""
    data = {"title": name.replace("-", " ").capitalize(), "services": list(services), "start": start, "end": end}
    data |= {"impact": impact, "message": "Planned work.", **extra}
    return {f"maintenance/{start[:10]}-{name}.yaml": yaml.safe_dump(data, sort_keys=False)}


def rendered(site: Site) -> dict[str, str | bytes]:
    """Every generated page (Markdown) and file (bytes) by path, as the build would publish them."""
    return {
        output.path: output.markdown if isinstance(output, Page) else output.content
        for output in render_site(site).outputs
        if isinstance(output, Page | Artefact)
    }
