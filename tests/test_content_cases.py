"""Bad content, case by case: each file in content_cases/ breaks the minimal fixture one way.

A case names the files to change (``write``, ``replace``, ``remove`` under
content/; ``docs`` for files published beside the pages, like a video) and the
exact problems ``scripts/validate`` must report (``file:line:column: field:
message``). Adding a case needs no code.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from itcomms.content.validate import check_content
from support import MINIMAL_CONTENT

CASES = sorted((Path(__file__).parent / "content_cases").glob("*.yaml"))


def apply_case(case: dict[str, Any], content: Path) -> None:
    for relative, text in case.get("write", {}).items():
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            target.write_text(text, encoding="utf-8")
        else:
            target.write_bytes(bytes(text["bytes"], "latin-1"))
    for change in case.get("replace", []):
        target = content / change["file"]
        original = target.read_text(encoding="utf-8")
        assert change["old"] in original, f"{change['old']!r} is not in {change['file']}"
        target.write_text(original.replace(change["old"], change["new"], 1), encoding="utf-8")
    for relative in case.get("remove", []):
        (content / relative).unlink()
    for relative, text in case.get("docs", {}).items():
        target = content.parent / "docs" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case_file", CASES, ids=[case.stem for case in CASES])
def test_case(case_file: Path, tmp_path: Path) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    shutil.copytree(MINIMAL_CONTENT, tmp_path / "content")
    apply_case(case, tmp_path / "content")
    found = [str(problem) for problem in check_content(tmp_path, advice=True).problems]
    assert found == case["expect"]


def test_minimal_fixture_is_valid() -> None:
    check = check_content(MINIMAL_CONTENT.parent, advice=True)
    assert [str(problem) for problem in check.problems] == []
