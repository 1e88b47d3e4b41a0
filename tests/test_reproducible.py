"""Reproducible builds: the same content and SOURCE_DATE_EPOCH give byte-identical output, PDFs and charts included."""

from __future__ import annotations

import hashlib
from pathlib import Path

from support import DEMO_CONTENT, build_site, make_project

EPOCH = "1764000000"  # 2025-11-24T16:00:00Z


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first = make_project(tmp_path / "first", DEMO_CONTENT)
    second = make_project(tmp_path / "second", DEMO_CONTENT)
    build_site(first, first / "site", now=None, SOURCE_DATE_EPOCH=EPOCH, ITCOMMS_NOW=None)
    build_site(second, second / "site", now=None, SOURCE_DATE_EPOCH=EPOCH, ITCOMMS_NOW=None)
    one, two = digests(first / "site"), digests(second / "site")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []
