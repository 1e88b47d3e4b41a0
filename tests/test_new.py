"""scripts/new: for every kind, a file in the right folder with the right name, dated now in the site's
timezone, that validates as soon as its placeholders are filled in; it asks for nothing it can work out."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from itcomms.cli.new import main, slugify
from itcomms.content.kinds import identify
from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT, environment

# The fixture already has the 2026 report and 2026-03 newsletter: start these in another period.
NOW = "2027-05-06T10:00:00"
EXPECTED_PATHS = {
    "service": "services/printer-queue-stuck.yaml",
    "incident": "incidents/2027/2027-05-06-printer-queue-stuck.yaml",
    "maintenance": "maintenance/2027-05-06-printer-queue-stuck.yaml",
    "accomplishment": "accomplishments/2027/2027-05-06-printer-queue-stuck.yaml",
    "award": "awards/2027-05-06-printer-queue-stuck.yaml",
    "talk": "talks/2027-05-06-printer-queue-stuck.yaml",
    "metric": "metrics/printer-queue-stuck.yaml",
    "survey": "surveys/printer-queue-stuck.yaml",
    "newsletter": "newsletters/2027-05.yaml",
    "report": "reports/2027.yaml",
    "review": "units/sales/2027-q2.yaml",
    "tickets": "tickets/sales/2027-q2.yaml",
}
NAMED_BY_PERIOD = {"newsletter", "report", "review", "tickets"}
NAMES_SERVICES = {"incident", "maintenance"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL_CONTENT, tmp_path / "content")
    return tmp_path


def run(project: Path, capsys: pytest.CaptureFixture[str], *arguments: str, now: str = NOW) -> Path:
    with environment({"ITCOMMS_NOW": now}):
        assert main([*arguments, "--project", str(project)]) == 0
    return project / capsys.readouterr().out.strip()


def fill_in(created: Path) -> None:
    """What an author does: replace each FILL IN with their own words and choose each fill-in id from its comment's
    list, and nothing else."""
    text = re.sub(r"fill-in  # [^:\n]*: ([a-z0-9-]+)[^\n]*", r"\1", created.read_text(encoding="utf-8"))
    text = re.sub(r'"FILL IN[^"]*"', '"Written by an author."', text)
    created.write_text(re.sub(r"FILL IN[^\n]*", "Written by an author.", text), encoding="utf-8")


def test_slugify() -> None:
    assert slugify("Email arriving late!") == "email-arriving-late"
    assert slugify("Café Wi-Fi — 2nd floor") == "cafe-wi-fi-2nd-floor"


@pytest.mark.parametrize("kind", EXPECTED_PATHS)
def test_new_file_lands_right_and_validates_once_filled_in(
    kind: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [kind]
    if kind not in NAMED_BY_PERIOD:
        arguments.append("Printer queue stuck")
    if kind in NAMES_SERVICES:
        arguments += ["--service", "email"]
    created = run(project, capsys, *arguments)  # no --unit: the fixture has one business unit
    relative = created.relative_to(project / "content").as_posix()
    assert relative == EXPECTED_PATHS[kind]
    identity = identify(relative, relative)
    assert not isinstance(identity, str)
    assert identity.kind == kind
    if kind == "report":  # a report needs something to report: give its year an award
        award = project / "content/awards/2027-04-01-good-year.yaml"
        award.write_text("title: A good year\nby: Example Awards\nsummary: For good work.\n", encoding="utf-8")

    before = [problem for problem in check_content(project).problems if problem.file.endswith(created.name)]
    assert before or kind == "tickets"  # ticket counts start at 0, which is a count like any other
    assert all("placeholder" in problem.message for problem in before)
    fill_in(created)
    assert [str(problem) for problem in check_content(project).problems] == []


def test_times_are_now_in_the_sites_timezone(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 23:30 in UTC on 5 May is 00:30 on 6 May in London (summer time): the file is dated the 6th.
    created = run(project, capsys, "incident", "Printer queue stuck", "--service", "email", now="2027-05-05T23:30:00Z")
    assert created.name == "2027-05-06-printer-queue-stuck.yaml"
    assert "start: 2027-05-06 00:30\n" in created.read_text(encoding="utf-8")


def test_date_option_keeps_the_time_of_day(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    created = run(project, capsys, "incident", "Email slow", "--service", "email", "--date", "2027-06-12")
    text = created.read_text(encoding="utf-8")
    assert created.name == "2027-06-12-email-slow.yaml"
    assert "start: 2027-06-12 10:00\n" in text


def test_a_maintenance_window_is_planned_in_the_quiet_evening_slot(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    created = run(project, capsys, "maintenance", "Email upgrade", "--service", "email", "--date", "2027-06-12")
    assert created.name == "2027-06-12-email-upgrade.yaml"
    assert "start: 2027-06-12 20:00\nend: 2027-06-12 22:00\n" in created.read_text(encoding="utf-8")
    # Without --date: today's slot while it is still ahead, else tomorrow's.
    created = run(project, capsys, "maintenance", "Chat upgrade", "--service", "chat", now="2027-06-13T19:00:00")
    assert "start: 2027-06-13 20:00\nend: 2027-06-13 22:00\n" in created.read_text(encoding="utf-8")
    created = run(project, capsys, "maintenance", "Chat tidy", "--service", "chat", now="2027-06-13T20:30:00")
    assert created.name == "2027-06-14-chat-tidy.yaml"


def test_the_quiet_slot_is_a_setting(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = project / "content/site.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "status:\n  maintenance_from: '23:00'\n  maintenance_until: '01:30'\n",
        encoding="utf-8",
    )
    created = run(project, capsys, "maintenance", "Email upgrade", "--service", "email", "--date", "2027-06-12")
    assert "start: 2027-06-12 23:00\nend: 2027-06-13 01:30\n" in created.read_text(encoding="utf-8")


def test_now_comes_from_itcomms_now_like_the_build(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    created = run(project, capsys, "award", "Best team", now="2031-02-03T08:15:00")
    assert created.name == "2031-02-03-best-team.yaml"
    created = run(project, capsys, "newsletter", now="2031-02-03T08:15:00")
    assert created.name == "2031-02.yaml"


def test_every_id_is_the_authors_choice_listed_from_the_content(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    created = run(project, capsys, "incident", "Printer queue stuck")
    assert "  - fill-in  # one or more of: chat, email\n" in created.read_text(encoding="utf-8")
    text = re.sub(r'"FILL IN[^"]*"', '"Written by an author."', created.read_text(encoding="utf-8"))
    created.write_text(text, encoding="utf-8")
    assert [problem.message for problem in check_content(project).problems] == [
        "still holds the template's placeholder; choose: chat, email"
    ]
    accomplishment = run(project, capsys, "accomplishment", "New laptops")
    written = accomplishment.read_text(encoding="utf-8")
    assert "  - fill-in  # any of: sales\n" in written  # never the first unit or goal, quietly
    assert re.search(r"goals:\n  - fill-in  # any of: [a-z]", written)


def test_a_title_is_needed_where_the_file_is_named_after_it(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["service", "--project", str(project)])
    assert exited.value.code == 2
    assert 'a service needs a title, like: scripts/new service "Email arriving late"' in capsys.readouterr().err


def test_unknown_services_and_units_are_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["incident", "Printer", "--service", "printing", "--project", str(project)]) == 2
    assert "unknown --service printing; services: chat, email" in capsys.readouterr().err
    assert main(["review", "--unit", "marketing", "--project", str(project)]) == 2
    assert "--unit must be one of: sales" in capsys.readouterr().err
    assert not list((project / "content/incidents").rglob("*printer*"))


def test_new_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["service", "Email", "--project", str(project)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_a_retired_service_is_not_offered_for_a_new_incident(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chat = project / "content/services/chat.yaml"
    fax = chat.read_text(encoding="utf-8").replace("lifecycle: live\n", "") + "lifecycle: retired\n"
    (project / "content/services/fax.yaml").write_text(fax, encoding="utf-8")
    assert check_content(project).ok
    created = run(project, capsys, "incident", "Printer queue stuck")
    assert "  - fill-in  # one or more of: chat, email\n" in created.read_text(encoding="utf-8")
