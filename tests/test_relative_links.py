"""Links between pages are relative, so the site works under any prefix; they must match posixpath.relpath."""

from __future__ import annotations

import itertools
import posixpath

import pytest

from itcomms.rendering.templating import relative_link

SOURCES = [
    "index.md",
    "status/index.md",
    "status/history/2025/index.md",
    "status/incidents/email-delays/index.md",
    "services/brochure/index.md",
    "units/finance/2026-q1/index.md",
]
TARGETS = [*SOURCES, "services/brochure.pdf", "status/feed.xml", "status", "services/index.md#find-a-service"]


@pytest.mark.parametrize(("source", "target"), list(itertools.product(SOURCES, TARGETS)))
def test_a_link_is_the_relative_path_from_the_page_folder(source: str, target: str) -> None:
    assert relative_link(source, target) == posixpath.relpath(target, posixpath.dirname(source) or ".")
