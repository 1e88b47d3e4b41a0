"""What runs once an engine has built the HTML: glossary tooltips on every page, then the PDFs.

The same steps for every engine, on the built site folder. The MkDocs hook adds
the tooltips page by page instead, as each page is rendered (so MkDocs' search
index holds the words they spell out), with the same filter: here it is given
each page's content, the part of the page the theme fills from its Markdown.
"""

from __future__ import annotations

from pathlib import Path

from itcomms.pipeline import Build
from itcomms.problems import Problem

CONTENT_START = '<article class="md-content__inner md-typeset">'
"""Where Material's page frame (and Zensical's, made from it) opens a page's content."""
CONTENT_END = "</article>"


def finish(build: Build, site_dir: Path, *, tooltips: bool) -> list[Problem | str]:
    """Run the after-build steps on ``site_dir``; returns warnings and notes for the build log."""
    if tooltips:
        filter_pages(build, site_dir)
    return build.after_build(site_dir)


def filter_pages(build: Build, site_dir: Path) -> None:
    """Rewrite the content of every page the engine built (not the emails and other HTML files)."""
    for page in sorted(site_dir.rglob("*.html")):
        html = page.read_bytes().decode("utf-8")
        start = html.find(CONTENT_START)
        end = html.rfind(CONTENT_END)
        if start < 0 or end < start:
            continue  # not a page of the theme: an email, say
        start += len(CONTENT_START)
        content = build.page_html(page.relative_to(site_dir).as_posix(), html[start:end])
        page.write_bytes((html[:start] + content + html[end:]).encode("utf-8"))
