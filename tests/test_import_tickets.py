"""scripts/import-tickets: a generated export in, exact counts out; bad rows by line; no personal data anywhere."""

from __future__ import annotations

import csv
import os
import random
import subprocess
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
import yaml

from itcomms.cli.import_tickets import main
from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT, REPO, build_site, make_project

SERVICENOW_HEADER = [
    "number",
    "short_description",
    "caller_id",
    "assigned_to",
    "u_business_unit",
    "opened_at",
    "resolved_at",
    "priority",
    "category",
    "sys_class_name",
]
MAPPING = """\
source: ServiceNow export
columns:
  id: Number
  unit: U_Business_Unit
  opened: opened_at
  resolved: resolved_at
  priority: priority
  category: category
  type: sys_class_name
units:
  Sales & Marketing: sales
priorities:
  1 - Critical: urgent
  2 - High: high
  3 - Moderate: normal
types:
  Incident: incident
  Requested Item: request
categories:
  hardware: Hardware
  software: Software
target_hours:
  urgent: 4
  high: 8
  normal: 40
"""
PRIORITY_NAMES = {"1 - Critical": "urgent", "2 - High": "high", "3 - Moderate": "normal"}
TARGETS = {"urgent": 4, "high": 8, "normal": 40}
PEOPLE = ["Zebedee Quartermaine", "Ottoline Fairweather", "Barnaby Thistlewood"]
TEXTS = ["Toner smudges on invoices xylophone", "Cannot open payroll marmalade", "Scanner beeps thrice kumquat"]


@dataclass(frozen=True)
class Ticket:
    number: str
    unit: str
    opened: datetime
    resolved: datetime | None
    priority: str
    category: str
    kind: str

    def row(self, rng: random.Random) -> list[str]:
        return [
            self.number,
            rng.choice(TEXTS),
            rng.choice(PEOPLE),
            rng.choice(PEOPLE),
            self.unit,
            f"{self.opened:%Y-%m-%d %H:%M:%S}",
            f"{self.resolved:%Y-%m-%d %H:%M:%S}" if self.resolved else "",
            self.priority,
            self.category,
            self.kind,
        ]


def generated_tickets(count: int, seed: int = 7) -> list[Ticket]:
    """Tickets of 2025 for the minimal content's one unit, written two ways ("sales" and its export name)."""
    rng = random.Random(seed)
    tickets = []
    for number in range(count):
        opened = datetime(2025, 1, 1) + timedelta(minutes=rng.randrange(0, 60 * 24 * 360))
        resolved = opened + timedelta(minutes=rng.randrange(1, 60 * 72)) if rng.random() > 0.05 else None
        tickets.append(
            Ticket(
                f"INC{number:07d}",
                rng.choice(["Sales & Marketing", "sales", " SALES & marketing "]),
                opened,
                resolved,
                rng.choice(list(PRIORITY_NAMES)),
                rng.choice(["hardware", "software", "Network"]),
                rng.choice(["Incident", "Requested Item"]),
            )
        )
    return tickets


def write_export(path: Path, tickets: list[Ticket], extra_rows: list[list[str]] | None = None) -> None:
    rng = random.Random(1)
    with path.open("w", newline="", encoding="utf-8") as export:
        writer = csv.writer(export)
        writer.writerow(SERVICENOW_HEADER)
        writer.writerows(ticket.row(rng) for ticket in tickets)
        writer.writerows(extra_rows or [])


def quarter_of(moment: datetime) -> str:
    return f"{moment.year}-q{(moment.month - 1) // 3 + 1}"


def expected_counts(tickets: list[Ticket]) -> dict[str, dict[str, object]]:
    """What each quarter's file must say, worked out directly from the tickets."""
    expected: dict[str, dict[str, object]] = {}
    for quarter in sorted({quarter_of(t.resolved) for t in tickets if t.resolved}):
        done = [t for t in tickets if t.resolved and quarter_of(t.resolved) == quarter]

        def within(ticket: Ticket) -> bool:
            assert ticket.resolved is not None
            return ticket.resolved - ticket.opened <= timedelta(hours=TARGETS[PRIORITY_NAMES[ticket.priority]])

        category = {"hardware": "Hardware", "software": "Software", "Network": "Other"}  # not in the mapping
        kind = {"Incident": "incident", "Requested Item": "request"}
        expected[quarter] = {
            "handled": len(done),
            "within_target": sum(map(within, done)),
            "by_type": dict(Counter(kind[t.kind] for t in done)),
            "by_priority": {
                name: {
                    "handled": sum(PRIORITY_NAMES[t.priority] == name for t in done),
                    "within_target": sum(PRIORITY_NAMES[t.priority] == name and within(t) for t in done),
                }
                for name in TARGETS
                if any(PRIORITY_NAMES[t.priority] == name for t in done)
            },
            "by_category": dict(Counter(category[t.category] for t in done)),
            "by_category_within_target": dict(Counter(category[t.category] for t in done if within(t))),
            "hours": sorted((t.resolved - t.opened).total_seconds() / 3600 for t in done if t.resolved),
        }
    return expected


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    make_project(folder, MINIMAL_CONTENT)
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    return folder


def run(project: Path, export: Path, *options: str) -> int:
    return main([str(export), "--mapping", str(project.parent / "mapping.yaml"), "--project", str(project), *options])


def read(project: Path, unit: str, quarter: str) -> dict[str, object]:
    data = yaml.safe_load((project / f"content/tickets/{unit}/{quarter}.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_generated_export_gives_exact_counts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tickets = generated_tickets(3000)
    export = project.parent / "export.csv"
    write_export(export, tickets)
    assert run(project, export) == 0
    expected = expected_counts(tickets)
    assert set(expected) == {"2025-q1", "2025-q2", "2025-q3", "2025-q4"}
    for quarter, counts in expected.items():
        written = read(project, "sales", quarter)
        assert written["generated"] is True and written["source"] == "ServiceNow export"
        hours = counts.pop("hours")
        assert isinstance(hours, list)
        median = written.pop("median_hours_to_resolve")
        assert abs(median - hours[(len(hours) - 1) // 2]) <= 0.02 * hours[(len(hours) - 1) // 2] + 0.05
        for priority in written["by_priority"].values():  # type: ignore[attr-defined]
            assert priority.pop("median_hours_to_resolve") > 0
        assert {key: written[key] for key in counts} == counts
        assert list(written["by_priority"]) == [name for name in TARGETS if name in counts["by_priority"]]  # type: ignore[operator]
    check = check_content(project)
    assert [str(problem) for problem in check.problems] == []
    summary = capsys.readouterr().err
    opened = sum(1 for ticket in tickets if ticket.resolved is None)
    assert f"3,000 rows read: {3000 - opened:,} counted, {opened} still open" in summary
    assert "0 bad rows" in summary and "wrote 4 files" in summary


def test_nothing_personal_reaches_the_files_or_the_built_site(project: Path, tmp_path: Path) -> None:
    tickets = generated_tickets(400)
    export = project.parent / "export.csv"
    write_export(export, tickets)
    assert run(project, export) == 0
    site_dir = tmp_path / "site"
    build_site(project, site_dir, ITCOMMS_PDF="0")
    assert (site_dir / "units/sales/2025-q3/index.html").is_file()
    secrets = [*PEOPLE, *TEXTS, *(word for text in TEXTS for word in text.split()[-1:]), *(t.number for t in tickets)]
    secrets += [name.split()[-1] for name in PEOPLE]
    searched = 0
    for folder in (project / "content/tickets", site_dir):
        for path in folder.rglob("*"):
            if path.is_file():
                content = path.read_bytes().decode("utf-8", errors="replace").casefold()
                found = [secret for secret in secrets if secret.casefold() in content]
                assert found == [], f"{path} holds {found[:3]}"
                searched += 1
    assert searched > 50
    # the figures themselves did reach the site
    page = lxml.html.parse(str(site_dir / "units/sales/2025-q3/index.html")).getroot().text_content()
    assert f"IT closed {expected_counts(tickets)['2025-q3']['handled']} tickets" in " ".join(page.split())


def test_bad_rows_are_reported_by_line_and_skipped(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tickets = generated_tickets(5)
    export = project.parent / "export.csv"
    good = ["INC9000001", "a\nmulti-line\ndescription", "x", "y", "sales", "2025-02-01 09:00", "2025-02-01 10:00"]
    write_export(
        export,
        tickets,
        [
            ["INC9000000", "t", "x", "y", "Marketing", "2025-02-01 09:00", "2025-02-01 10:00", "2 - High", "", ""],
            [*good, "2 - High", "hardware", "Incident"],  # lines 8 to 10: a quoted field spans lines
            ["INC9000002", "t", "x", "y", "sales", "01/02/2025", "2025-02-01 10:00", "2 - High", "", ""],
            ["INC9000003", "t", "x", "y", "sales", "2025-02-01 09:00", "2025-01-31 10:00", "2 - High", "", ""],
            ["INC9000004", "t", "x", "y", "sales", "2025-02-01 09:00", "2025-02-01 10:00", "9 - Whenever", "", ""],
            ["INC9000005", "t", "x"],
            ["INC9000001", "again", "x", "y", "sales", "2025-02-01 09:00", "2025-02-01 10:00", "2 - High", "", ""],
            ["", "no id", "x", "y", "sales", "2025-02-01 09:00", "2025-02-01 10:00", "2 - High", "", ""],
        ],
    )
    assert run(project, export) == 1
    lines = [line for line in capsys.readouterr().err.splitlines() if ": line " in line]
    assert [line.split(": ", 1)[1] for line in lines] == [
        "line 7: unknown business unit 'Marketing' (add it to units: in the mapping); known: sales",
        "line 11: opened time '01/02/2025' is not an ISO 8601 date (set date_format in the mapping)",
        "line 12: was resolved before it was opened",
        "line 13: priority '9 - Whenever' has no target_hours in the mapping (add it to priorities:)",
        "line 14: has 3 fields, the header has 10",
        "line 15: ticket 'INC9000001' appeared earlier; counted once",
        "line 16: has no ticket id, so it cannot be told apart from others",
    ]
    february = read(project, "sales", "2025-q1")
    assert february["by_category"]["Hardware"] >= 1  # type: ignore[index]  # the multi-line row counted


def test_duplicate_ids_count_once(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    tickets = generated_tickets(50)
    export = project.parent / "export.csv"
    resolved = [ticket for ticket in tickets if ticket.resolved]
    write_export(export, tickets + resolved[:3])
    assert run(project, export) == 1
    err = capsys.readouterr().err
    assert err.count("appeared earlier; counted once") == 3
    assert "3 duplicates counted once" in err
    total = sum(int(read(project, "sales", quarter)["handled"]) for quarter in expected_counts(tickets))  # type: ignore[call-overload]
    assert total == len(resolved)


def test_missing_columns_are_named(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = project.parent / "export.csv"
    export.write_text("number,caller_id,u_business_unit,opened_at,priority\nINC1,a,sales,2025-01-01,2 - High\n")
    assert run(project, export) == 2
    err = capsys.readouterr().err
    assert "line 1: the export has no column 'resolved_at' (columns.resolved), 'category' (columns.category), " in err
    assert "'sys_class_name' (columns.type); its columns are: number, caller_id, u_business_unit" in err
    assert not (project / "content/tickets/sales/2025-q1.yaml").exists()


def test_mapping_problems_are_positioned(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = project.parent / "mapping.yaml"
    mapping.write_text(MAPPING.replace("  3 - Moderate: normal", "  3 - Moderate: medium"))
    export = project.parent / "export.csv"
    write_export(export, generated_tickets(5))
    assert run(project, export) == 2
    err = capsys.readouterr().err
    assert (
        f"{mapping}:15:17: priorities.3 - Moderate: 'medium' has no target_hours (target_hours: urgent, high, normal)"
        in err
    )
    mapping.write_text(MAPPING.replace("units:\n  Sales & Marketing: sales", "units:\n  Sales & Marketing: sails"))
    assert run(project, export) == 2
    assert (
        "units: 'Sales & Marketing' maps to 'sails', which is not a business unit in site.yaml; did you mean 'sales'?"
        in capsys.readouterr().err
    )


def test_hand_written_and_hand_edited_files_are_protected(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = project.parent / "export.csv"
    tickets = [t for t in generated_tickets(200) if t.resolved and quarter_of(t.resolved) in ("2025-q1", "2025-q2")]
    write_export(export, tickets)
    hand_written = project / "content/tickets/sales/2025-q1.yaml"
    hand_written.write_text("handled: 3\nwithin_target: 3\n", encoding="utf-8")
    imported = project / "content/tickets/sales/2025-q2.yaml"

    assert run(project, export) == 1
    assert hand_written.read_text(encoding="utf-8") == "handled: 3\nwithin_target: 3\n"
    assert "content/tickets/sales/2025-q1.yaml: written or edited by hand; left alone" in capsys.readouterr().err
    first = imported.read_text(encoding="utf-8")

    assert run(project, export) == 1  # the same export again
    assert "0 files, 1 unchanged, 1 left alone" in capsys.readouterr().err

    write_export(export, tickets[:-5])  # a newer export replaces a file the import wrote
    assert run(project, export, "--dry-run") == 1
    assert imported.read_text(encoding="utf-8") == first
    assert run(project, export) == 1
    second = imported.read_text(encoding="utf-8")
    assert second != first

    edited = second.replace("source: ServiceNow export", "source: ServiceNow export, checked by Finance")
    imported.write_text(edited, encoding="utf-8")  # once edited by hand, it is protected too
    write_export(export, tickets)
    assert run(project, export) == 1
    assert imported.read_text(encoding="utf-8") == edited
    assert "content/tickets/sales/2025-q2.yaml: written or edited by hand" in capsys.readouterr().err

    assert run(project, export, "--force") == 0
    assert imported.read_text(encoding="utf-8") == first
    assert yaml.safe_load(hand_written.read_text(encoding="utf-8"))["generated"] is True


def test_jira_style_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    mapping = tmp_path / "jira.yaml"
    text = (REPO / "hooks/itcomms/tickets/mappings/jira.yaml").read_text(encoding="utf-8")
    units = text[text.index("units:") : text.index("priorities:")]
    mapping.write_text(text.replace(units, "units:\n  Sales team: sales\n"), encoding="utf-8")
    export = tmp_path / "jira.csv"
    export.write_text(
        "\ufeffIssue key,Summary,Reporter,Custom field (Business Unit),Created,Resolved,Priority,Component/s,Issue Type\n"
        "HELP-1,Laptop,Ann Example,Sales team,03/Mar/25 9:15 AM,03/Mar/25 11:45 AM,High,Hardware,[System] Incident\n"
        "HELP-2,Access,Bob Example,Sales team,03/Mar/25 9:15 AM,05/Mar/25 4:00 PM,Medium,,[System] Service request\n"
        "HELP-3,Still open,Cy Example,Sales team,04/Mar/25 9:15 AM,,Low,Hardware,[System] Incident\n",
        encoding="utf-8",
    )
    assert main([str(export), "--mapping", str(mapping), "--project", str(project)]) == 0
    data = yaml.safe_load((project / "content/tickets/sales/2025-q1.yaml").read_text(encoding="utf-8"))
    assert data["handled"] == 2 and data["within_target"] == 1
    assert data["by_type"] == {"incident": 1, "request": 1}
    assert data["by_category"] == {"Hardware": 1, "Uncategorised": 1}
    assert data["by_priority"]["high"] == {"handled": 1, "within_target": 1, "median_hours_to_resolve": 2.5}
    assert "1 still open" in capsys.readouterr().err


def test_the_script_runs_from_any_folder(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    write_export(tmp_path / "export.csv", generated_tickets(20))
    finished = subprocess.run(
        [REPO / "scripts/import-tickets", "export.csv", "--mapping", "mapping.yaml", "--project", str(project)],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": ""},
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    assert "content/tickets/sales/2025-q1.yaml" in finished.stdout
    assert "\r" not in finished.stderr  # no progress line when stderr is not a terminal
    finished = subprocess.run(
        [REPO / "scripts/import-tickets", "missing.csv", "--mapping", "mapping.yaml", "--project", str(project)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 2 and "missing.csv: the export is not found" in finished.stderr
