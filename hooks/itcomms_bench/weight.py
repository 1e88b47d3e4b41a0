"""What a built site weighs for its readers: pages, the search index every reader fetches, the largest pages."""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Weight:
    """What a reader's browser carries: the search index every reader fetches, the status page, the largest page."""

    search_gzip_kib: float
    status_kib: float
    largest: str
    largest_kib: float
    over_300_kb: int


def page_weight(site_dir: Path) -> Weight:
    index = (site_dir / "search" / "search_index.json").read_bytes()
    sizes = {page.relative_to(site_dir).as_posix(): page.stat().st_size for page in site_dir.rglob("*.html")}
    largest = max(sizes, key=lambda name: sizes[name])
    return Weight(
        search_gzip_kib=len(gzip.compress(index)) / 1024,
        status_kib=sizes["status/index.html"] / 1024,
        largest=largest,
        largest_kib=sizes[largest] / 1024,
        over_300_kb=sum(1 for size in sizes.values() if size > 300_000),
    )


def count_pages(site_dir: Path) -> int:
    return sum(1 for _ in site_dir.rglob("*.html"))


def home_page_transfer_kib(site_dir: Path, repo: Path) -> float:
    """Everything the home page loads in Chromium, gzip-compressed as a web server would send it."""
    sys.path.insert(0, str(repo / "tests"))  # the tests' Chromium helpers
    from browser import chromium, serve

    fetched: set[str] = set()
    with serve(site_dir) as base_url, chromium() as browser:
        page = browser.new_context().new_page()
        page.on("requestfinished", lambda request: fetched.add(request.url))
        page.goto(base_url, wait_until="networkidle")
        page.wait_for_timeout(500)
    total = 0
    for url in fetched:
        relative = url.split("/", 3)[3].split("?")[0].split("#")[0]
        path = site_dir / relative
        if path.is_dir() or not relative:
            path = path / "index.html"
        if path.is_file():
            total += len(gzip.compress(path.read_bytes(), mtime=0))
    return total / 1024
