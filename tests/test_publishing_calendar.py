"""Nothing is counted before its day: items dated after the build's "now", and drafts, are in no page and no figure."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from itcomms.figures import year_in_review
from itcomms.figures.service_status import started_incidents
from itcomms.figures.year_in_review import review
from itcomms.outputs import render_site
from itcomms.site import Site
from support import REPO, load_site, make_project, write_content

DAY_AFTER = "2026-11-25T12:00:00"
NEXT_YEAR = "2027-01-02T12:00:00"

# Dated after DEMO_NOW (24 November 2026, noon): each kind's own notion of "its day".
FUTURE_FILES = {
    "accomplishments/2026/2026-11-25-tomorrow.yaml": """\
title: Delivered tomorrow
summary: Something that is done only tomorrow.
business_units: [finance]
goals: [safe-and-secure]
savings:
  money: 50000
  hours: 900
""",
    "awards/2026-11-25-tomorrow.yaml": """\
title: An award given tomorrow
by: A trade magazine
summary: For something we will be told about tomorrow.
""",
    "talks/2026-11-25-tomorrow.yaml": """\
title: A talk given tomorrow
event: A meetup
people: [Sam Lee]
summary: About something said only tomorrow.
""",
    "incidents/2026/2026-11-24-this-evening.yaml": """\
title: An outage this evening
services: [email]
impact: critical
start: 2026-11-24 18:00
end: 2026-11-24 23:00
summary: Email will be down this evening.
updates:
  - at: 2026-11-24 18:10
    state: investigating
    message: Email is down.
  - at: 2026-11-24 23:00
    state: resolved
    message: Email is back.
""",
    "newsletters/2026-12.yaml": """\
title: December news
editorial: The December issue, written early and not marked as a draft.
""",
    "surveys/2026-winter.yaml": """\
title: A survey that closes tomorrow
opened: 2026-11-10
closed: 2026-11-25
responses: 10
questions:
  - id: overall
    text: Overall, how happy are you?
scores:
  overall: 1.0
""",
    "tickets/finance/2026-q4.yaml": """\
handled: 5000
within_target: 10
""",
}

DRAFT_FILES = {
    "accomplishments/2026/2026-11-02-a-draft.yaml": """\
title: A draft accomplishment
summary: Written up, not ready.
business_units: [finance]
goals: [safe-and-secure]
draft: true
""",
    "awards/2026-06-01-a-draft.yaml": """\
title: A draft award
by: Someone
summary: Not announced yet.
draft: true
""",
    "talks/2026-06-01-a-draft.yaml": """\
title: A draft talk
event: A meetup
people: [Sam Lee]
summary: Not announced yet.
draft: true
""",
    "incidents/2026/2026-06-01-a-draft.yaml": """\
title: A draft incident
services: [email]
impact: major
start: 2026-06-01 09:00
end: 2026-06-01 19:00
summary: Being written up.
draft: true
updates:
  - at: 2026-06-01 19:00
    state: resolved
    message: Email is back.
""",
}


def _project(folder: Path, files: dict[str, str]) -> Path:
    make_project(folder)
    cache = REPO / ".cache" / "itcomms"
    if cache.is_dir():  # charts are slow to draw and the same in both projects: start from the repository's
        shutil.copytree(cache, folder / ".cache" / "itcomms")
    write_content(folder, files)
    return folder


def _pages(site: Site) -> dict[str, bytes | str]:
    return {
        output.path: output.markdown if hasattr(output, "markdown") else output.content
        for output in render_site(site).outputs
    }


def _with_first_contact_resolution_for_november(folder: Path) -> None:
    metric = folder / "content" / "metrics" / "first-contact-resolution.yaml"
    metric.write_text(metric.read_text(encoding="utf-8") + "  2026-11: 40.0\n", encoding="utf-8")


@pytest.fixture(scope="module")
def future_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = _project(tmp_path_factory.mktemp("future"), {**FUTURE_FILES, **DRAFT_FILES})
    _with_first_contact_resolution_for_november(project)  # November has not ended on the 24th
    return project


def test_items_dated_after_now_and_drafts_change_no_page_and_no_file(future_project: Path) -> None:
    plain = _pages(load_site(REPO))
    with_future = _pages(load_site(future_project))

    assert with_future.keys() == plain.keys()
    changed = [path for path in plain if plain[path] != with_future[path]]
    assert changed == []


def test_items_dated_after_now_change_no_figure(future_project: Path) -> None:
    plain, with_future = load_site(REPO), load_site(future_project)

    for site in (plain, with_future):
        assert site.settings.fiscal_year_start == 1
    assert review(with_future, with_future.reports["2026"]).figures == review(plain, plain.reports["2026"]).figures
    assert with_future.metrics["first-contact-resolution"].values == plain.metrics["first-contact-resolution"].values


def test_each_item_is_published_by_the_first_build_on_or_after_its_day(future_project: Path) -> None:
    tomorrow = load_site(future_project, DAY_AFTER)

    assert "tomorrow" in {item.id for item in tomorrow.accomplishments}
    assert "tomorrow" in {item.id for item in tomorrow.awards}
    assert "tomorrow" in {item.id for item in tomorrow.talks}
    assert "this-evening" in {item.id for item in tomorrow.incidents}
    assert "2026-winter" in {item.id for item in tomorrow.surveys}
    # a month's newsletter from its first day, a KPI's month and a quarter's tickets once they have ended
    assert "2026-12" not in {item.id for item in tomorrow.newsletters}
    assert "2026-11" not in tomorrow.metrics["first-contact-resolution"].values
    assert ("finance", "2026-q4") not in tomorrow.tickets

    next_year = load_site(future_project, NEXT_YEAR)
    assert "2026-12" in {item.id for item in next_year.newsletters}
    assert next_year.metrics["first-contact-resolution"].values["2026-11"] == 40.0
    assert next_year.tickets["finance", "2026-q4"].handled == 5000
    figures = review(next_year, next_year.reports["2026"]).figures
    plain = review(load_site(REPO, NEXT_YEAR), load_site(REPO, NEXT_YEAR).reports["2026"]).figures
    assert figures.delivered == plain.delivered + 1
    assert figures.money_saved == plain.money_saved + 50000
    assert figures.tickets_handled == (plain.tickets_handled or 0) + 5000


def test_drafts_stay_out_of_every_kind_until_a_preview_asks(future_project: Path) -> None:
    published = load_site(future_project, NEXT_YEAR)
    preview = load_site(future_project, NEXT_YEAR, ITCOMMS_DRAFTS="1")

    for kind in ("accomplishments", "awards", "talks", "incidents"):
        assert not [item for item in getattr(published, kind) if item.draft], kind
        assert [item.id for item in getattr(preview, kind) if item.draft], kind


def test_a_preview_of_the_future_shows_what_is_dated_after_now(future_project: Path) -> None:
    preview = load_site(future_project, ITCOMMS_FUTURE="1")

    assert "tomorrow" in {item.id for item in preview.accomplishments}
    assert "2026-12" in {item.id for item in preview.newsletters}
    assert ("finance", "2026-q4") in preview.tickets
    assert "2026-11" in preview.metrics["first-contact-resolution"].values
    # the site as at the last moment its content names: the end of Q4 2026, when its ticket counts are published
    assert preview.local_now.isoformat() == "2027-01-01T00:00:00+00:00"
    assert preview.options.future


def test_a_preview_of_the_future_counts_each_future_item_wherever_it_will_be(future_project: Path) -> None:
    published = load_site(future_project)
    preview = load_site(future_project, ITCOMMS_FUTURE="1")
    # the status page's and the report's figures take the same "now" as the pages that list the items
    assert not [incident for incident in started_incidents(published) if incident.id == "this-evening"]
    assert [incident for incident in started_incidents(preview) if incident.id == "this-evening"]
    before, after = (year_in_review.review(site, site.reports["2026"]) for site in (published, preview))
    assert "tomorrow" in {item.id for item in after.savings}  # listed, and counted in the figures
    assert after.figures.money_saved == before.figures.money_saved + 50000
