"""The ticket import given careless or hostile exports and mappings: no free text from an export ever reaches
content/, formulas are never copied, and every refusal says where and what to do."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from itcomms.cli.import_tickets import main
from support import MINIMAL_CONTENT, make_project
from test_import_tickets import MAPPING, SERVICENOW_HEADER

PERSONAL = ["alice.brown@example.com", "Bob Green's laptop", "serial 5CG1234XYZ", "=HYPERLINK(", "@SUM(A1)"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = make_project(tmp_path / "project", MINIMAL_CONTENT)
    (tmp_path / "mapping.yaml").write_text(MAPPING, encoding="utf-8")
    return folder


def row(number: str, category: str = "hardware", kind: str = "Incident", description: str = "words") -> list[str]:
    return [number, description, "x", "y", "sales", "2025-02-01 09:00", "2025-02-01 10:00", "2 - High", category, kind]


def export(path: Path, rows: list[list[str]], header: list[str] = SERVICENOW_HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(project: Path, path: Path, mapping: str = MAPPING, *options: str) -> int:
    mapping_file = project.parent / "mapping.yaml"
    mapping_file.write_text(mapping, encoding="utf-8")
    return main([str(path), "--mapping", str(mapping_file), "--project", str(project), *options])


def written(project: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted((project / "content/tickets").rglob("*.yaml")))


def test_unlisted_categories_and_types_count_as_other_by_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        row("INC1"),
        row("INC2", category="Bob Green's laptop"),
        row("INC3", category="serial 5CG1234XYZ", kind="Bob Green's laptop"),
        row("INC4", category='=HYPERLINK("http://x")'),
        row("INC5", category="", kind="@SUM(A1)"),
    ]
    assert run(project, export(project.parent / "export.csv", rows)) == 0
    data = yaml.safe_load((project / "content/tickets/sales/2025-q1.yaml").read_text(encoding="utf-8"))
    assert data["by_category"] == {"Other": 3, "Hardware": 1, "Uncategorised": 1}
    assert data["by_type"] == {"incident": 3, "other": 2}
    assert all(secret.casefold() not in written(project).casefold() for secret in PERSONAL)
    err = capsys.readouterr().err
    assert "line 3: category not listed under categories: in the mapping; counted as Other" in err
    assert "line 4: type not listed under types: in the mapping; counted as other" in err
    assert "line 6: type not listed" in err
    assert "counted as Other, because the mapping does not list the value: 3 rows by category, 2 rows by type" in err
    assert all(secret not in err for secret in PERSONAL)  # not even in the log


@pytest.mark.parametrize(
    ("values", "reason"),
    [
        (["Password reset for alice.brown@example.com"], "an email address"),
        (["The laptop of the new starter in accounts will not start after the update"], "a sentence"),
        ([f"Printer {number} jammed" for number in range(60)], "more than 50 different values"),
    ],
    ids=["email", "sentence", "many-values"],
)
def test_a_free_text_grouping_column_is_refused(
    project: Path, values: list[str], reason: str, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [row(f"INC{index}", description=value) for index, value in enumerate(values)]
    mapping = MAPPING.replace("category: category", "category: short_description")
    assert run(project, export(project.parent / "export.csv", rows), mapping) == 2
    err = capsys.readouterr().err
    assert f"columns.category ('short_description') holds free text ({reason}" in err
    assert "nothing was written" in err
    assert not (project / "content/tickets/sales/2025-q1.yaml").exists()


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("  hardware: Hardware", "  hardware: =HYPERLINK(1)", "categories.hardware"),
        ("  Incident: incident", "  Incident: '+incident'", "types.Incident"),
        ("source: ServiceNow export", "source: '@export'", "source"),
        ("  normal: 40", "  -normal: 40", "target_hours.-normal"),
    ],
)
def test_names_that_look_like_formulas_are_refused(
    project: Path, old: str, new: str, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert old in MAPPING
    assert run(project, export(project.parent / "export.csv", [row("INC1")]), MAPPING.replace(old, new)) == 2
    assert f": {where}: '" in capsys.readouterr().err
    assert not (project / "content/tickets").joinpath("sales/2025-q1.yaml").exists()


def test_encoding_error_names_the_line_and_the_option(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = export(project.parent / "export.csv", [row("INC1"), row("INC2")])
    path.write_bytes(
        path.read_bytes() + b"INC3,Caf\xe9 machine,x,y,sales,2025-02-01 09:00,2025-02-01 10:00,2 - High,,\n"
    )
    assert run(project, path) == 2
    err = capsys.readouterr().err
    assert "line 4, column 9: is not UTF-8 text (byte 0xE9); " in err and "--encoding cp1252" in err
    assert run(project, path, MAPPING, "--encoding", "cp1252") == 0


def test_a_row_whose_fields_do_not_line_up_with_the_header_is_reported_not_shifted(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shifted = ["INC2", "Broken, again", *row("INC2")[1:]]  # an unquoted comma split the description
    # The same, where the last field was empty: the one extra field is empty too, and every column is shifted.
    empty_extra = ["INC3", "Broken", "", *row("INC3", kind="")[2:]]
    short = row("INC4")[:-1]  # a field lost
    rows = [row("INC1"), shifted, empty_extra, short]
    assert run(project, export(project.parent / "export.csv", rows)) == 1
    err = capsys.readouterr().err
    assert "line 3: has 11 fields, the header has 10" in err and "line 4: has 11 fields, the header has 10" in err
    assert "line 5: has 9 fields, the header has 10" in err
    data = yaml.safe_load((project / "content/tickets/sales/2025-q1.yaml").read_text(encoding="utf-8"))
    assert data["handled"] == 1  # only the row whose fields line up with the header


def test_a_header_only_export_exits_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(project, export(project.parent / "export.csv", [])) == 2
    assert "has a header but no rows" in capsys.readouterr().err
    (project.parent / "blank.csv").write_text("", encoding="utf-8")
    assert run(project, project.parent / "blank.csv") == 2


def test_ids_differing_only_in_case_are_one_ticket(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [row("INC0012"), row("inc0012"), row(" Inc0012 "), row("INC0013")]
    assert run(project, export(project.parent / "export.csv", rows)) == 1
    assert capsys.readouterr().err.count("appeared earlier; counted once") == 2
    data = yaml.safe_load((project / "content/tickets/sales/2025-q1.yaml").read_text(encoding="utf-8"))
    assert data["handled"] == 2


def test_placeholder_dates_are_bad_rows_not_a_file_for_the_year_9999(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    placeholder = [*row("INC2")[:5], "2025-02-01 09:00", "9999-12-31 00:00", *row("INC2")[7:]]
    long_ago = [*row("INC3")[:5], "1900-01-01 00:00", "2025-02-01 10:00", *row("INC3")[7:]]
    assert run(project, export(project.parent / "export.csv", [row("INC1"), placeholder, long_ago])) == 1
    err = capsys.readouterr().err
    assert "line 3: opened or resolved time is in the year 9999; dates must fall between 1990 and 2100" in err
    assert "line 4: opened or resolved time is in the year 1900" in err
    written = sorted(path.name for path in (project / "content/tickets/sales").iterdir())
    assert written == ["2025-q1.yaml", "2026-q1.yaml"]  # 2026-q1 is the fixture's own


def test_a_time_zone_never_carries_a_ticket_into_a_year_validate_refuses(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Resolved late on 31 December 2100 in New York: 1 January 2101 in London, the site's time zone.
    late = [*row("INC2")[:5], "2100-12-31 20:00-05:00", "2100-12-31 23:30-05:00", *row("INC2")[7:]]
    assert run(project, export(project.parent / "export.csv", [row("INC1"), late])) == 1
    assert "line 3: opened or resolved time is in the year 2101" in capsys.readouterr().err
    assert not (project / "content/tickets/sales/2101-q1.yaml").exists()


def test_a_file_validate_would_refuse_is_never_written(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Open two years: the median time to resolve is past the longest a figure may be (a year).
    slow = [[*row(f"INC{n}")[:5], "2023-02-01 09:00", "2025-02-01 10:00", *row("INC1")[7:]] for n in range(3)]
    assert run(project, export(project.parent / "export.csv", slow)) == 2
    err = capsys.readouterr().err
    assert (
        "content/tickets/sales/2025-q1.yaml" in err
        and "median_hours_to_resolve" in err
        and "nothing was written" in err
    )
    assert not (project / "content/tickets/sales/2025-q1.yaml").exists()
