"""Values reach the built site as written: nothing dropped, rounded or turned into markup on the way."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from mkdocs.utils.meta import get_data

from itcomms.outputs import Page, render_site
from support import MINIMAL_CONTENT, build_site, load_site, make_project

SERVICE_NAME = "Chat 💬"
DEPARTMENT = "Example IT 🛠️"
PLAIN_SUMMARY = "Talk to colleagues.\n!!! danger\n# Notice\n??? note\n- not a list\n1. not a list either\n    not code"


def _edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / "content" / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("kept") / "project", MINIMAL_CONTENT)
    _edit(project, "site.yaml", "name: Example IT", f"name: {DEPARTMENT}")
    _edit(
        project,
        "site.yaml",
        "contact:\n  email: help@example.com",
        "contact:\n  email: help@example.com\n  phone: 01614960100",
    )
    _edit(project, "services/chat.yaml", "name: Chat", f"name: {SERVICE_NAME}")
    _edit(
        project,
        "services/chat.yaml",
        "summary: Talk to colleagues in real time.",
        "summary: |\n" + "".join(f"  {line}\n" for line in PLAIN_SUMMARY.splitlines()).rstrip("\n"),
    )
    _edit(
        project,
        "services/chat.yaml",
        "support:\n  email: help@example.com\n",
        "support:\n  email: help@example.com\n  phone: +441614960100\n"
        "keywords: [3.10, 007]\n"
        "video:\n  title: C# in two minutes\n  file: assets/videos/c#-basics.webm\n  captions: assets/videos/c#-basics.vtt\n",
    )
    _edit(project, "incidents/2026/2026-03-14-email-delays.yaml", "title: Email delays", "title: Email delays in C#")
    videos = project / "docs/assets/videos"
    videos.mkdir(parents=True, exist_ok=True)
    (videos / "c#-basics.webm").write_bytes(b"\x1a\x45\xdf\xa3")
    (videos / "c#-basics.vtt").write_text("WEBVTT\n", encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def site_dir(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("kept-site")
    build_site(project, site_dir, ITCOMMS_PDF="0")
    return site_dir


def _page(site_dir: Path, address: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site_dir / address / "index.html")).getroot()


def test_every_generated_front_matter_reads_back(project: Path) -> None:
    pages = [output for output in render_site(load_site(project)).outputs if isinstance(output, Page)]
    with_front_matter = [page for page in pages if page.markdown.startswith("---\n")]
    assert len(with_front_matter) >= 5
    for page in with_front_matter:
        body, meta = get_data(page.markdown)
        assert meta, f"{page.path}: MkDocs cannot read the front matter back"
        assert not body.lstrip().startswith("---"), page.path
        written = page.markdown.split("\n---\n", 1)[0]
        for value in re.findall(r'"((?:[^"\\]|\\.)*)"', written):
            assert "\\ud8" not in value and "\\ud83" not in value, f"{page.path}: surrogate escapes in {value}"
    feeds = get_data(next(page for page in pages if page.path == "services/chat/index.md").markdown)[1]["feeds"]
    assert SERVICE_NAME in str(feeds)


def test_emoji_names_keep_the_title_and_the_feed_links(site_dir: Path) -> None:
    page = _page(site_dir, "services/chat")
    assert SERVICE_NAME in page.findtext(".//title")
    feeds = page.xpath("//link[@rel='alternate feed'][contains(@href, '/services/chat/')]")
    assert feeds and all(SERVICE_NAME in link.get("title") for link in feeds), "the feed links were lost"
    assert "feeds:" not in page.text_content()  # the front matter is not printed as text
    assert DEPARTMENT in _page(site_dir, "services/brochure").findtext(".//title")


def test_numbers_in_text_fields_keep_how_they_were_written(site_dir: Path) -> None:
    page = _page(site_dir, "services/chat")
    assert "+441614960100" in " ".join(page.text_content().split())
    assert page.xpath("//a[@href='tel:+441614960100']")
    everything = "".join(path.read_text(encoding="utf-8") for path in site_dir.rglob("*.html"))
    assert "01614960100" in everything
    assert "1614960100" not in everything.replace("01614960100", "").replace("441614960100", "")
    keywords = (site_dir / "search/search_index.json").read_text(encoding="utf-8") + everything
    assert "3.10" in keywords


def test_a_hash_is_kept_in_titles_and_file_names(site_dir: Path) -> None:
    incident = _page(site_dir, "status/incidents/email-delays")
    assert incident.findtext(".//h1").strip() == "Email delays in C#"
    service = _page(site_dir, "services/chat")
    (source,) = service.xpath("//video/source/@src")
    assert source.endswith("assets/videos/c%23-basics.webm")
    assert (site_dir / "services/chat" / source.replace("%23", "#")).resolve().is_file()


def test_plain_text_never_becomes_markup(site_dir: Path) -> None:
    page = _page(site_dir, "services/chat")
    # the page's own collapsible box (the badge's HTML to copy) aside, no text turned into a box
    assert not page.xpath(
        "//main//*[contains(@class, 'admonition')] | //main//details[not(contains(@class, 'status-badge-snippet'))]"
    )
    headings = [" ".join(h.text_content().split()) for h in page.xpath("//article//h1")]
    assert headings == [f"{SERVICE_NAME}¶"] or headings == [SERVICE_NAME]
    text = page.text_content()
    for line in ("!!! danger", "# Notice", "??? note", "- not a list", "1. not a list either", "not code"):
        assert line in text, line
