"""scripts/new: a correctly named file that validates once its placeholders are filled."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from itcomms.cli.new import main, slugify
from itcomms.validate import check_content
from support import MINIMAL_CONTENT, environment

KINDS = [
    "service",
    "incident",
    "maintenance",
    "accomplishment",
    "award",
    "talk",
    "metric",
    "survey",
    "newsletter",
    "report",
    "review",
    "tickets",
]


def test_slugify() -> None:
    assert slugify("Email arriving late!") == "email-arriving-late"
    assert slugify("Café Wi-Fi — 2nd floor") == "cafe-wi-fi-2nd-floor"


@pytest.mark.parametrize("kind", KINDS)
def test_new_file_validates_once_filled_in(kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL_CONTENT, tmp_path / "content")
    # the fixture already has the 2026 report and 2026-03 newsletter: start these in another period
    with environment({"ITCOMMS_NOW": "2027-05-06T10:00:00"}):
        assert main([kind, "Printer queue stuck", "--unit", "sales", "--project", str(tmp_path)]) == 0
    created = tmp_path / capsys.readouterr().out.strip()
    assert created.is_file()
    if kind == "report":  # a report needs something to report: give its year an award
        award = tmp_path / "content/awards/2027-04-01-good-year.yaml"
        award.write_text("title: A good year\nby: Example Awards\nsummary: For good work.\n", encoding="utf-8")
    before = [problem for problem in check_content(tmp_path).problems if problem.file.endswith(created.name)]
    assert all("placeholder" in problem.message for problem in before)

    text = created.read_text(encoding="utf-8")
    text = re.sub(r'"FILL IN[^"]*"', '"Written by an author."', text)
    text = re.sub(r"FILL IN[^\n]*", "Written by an author.", text)
    text = text.replace("fill-in", "email")
    created.write_text(text, encoding="utf-8")
    assert [str(problem) for problem in check_content(tmp_path).problems] == []


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(MINIMAL_CONTENT, tmp_path / "content")
    assert main(["service", "Email", "--project", str(tmp_path)]) == 1
    assert "already exists" in capsys.readouterr().err
