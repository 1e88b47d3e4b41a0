"""Status badges: an SVG for the whole site and one per service, from the same status as status.json, accessible and self-contained."""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.etree
import lxml.html

from itcomms import addresses
from itcomms.outputs.status.status_badges import COLOURS
from status_content import incident_file, rendered
from support import load_site, minimal_project, write_content

SVG = "{http://www.w3.org/2000/svg}"
NOW = "2026-11-24T12:00:00"


def contrast(foreground: str, background: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def badge(files: dict[str, str | bytes], path: str) -> tuple[str, str, lxml.etree._Element]:
    content = files[path]
    assert isinstance(content, bytes)
    root = lxml.etree.fromstring(content)
    title = root.find(f"{SVG}title")
    assert title is not None and title.text
    assert root.get("role") == "img" and root.get("aria-labelledby") == title.get("id")
    state = root.find(f".//{SVG}text[@data-state]")
    assert state is not None
    return title.text, str(state.get("data-state")), root


def test_badges_show_what_status_json_says(tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    write_content(project, incident_file("outage", "2026-11-24 09:00", impact="major", services=["email"]))
    files = rendered(load_site(project, now=NOW))
    shown = json.loads(files[addresses.STATUS_JSON])["display"]

    title, state, root = badge(files, addresses.service_badge("email"))
    assert (title, state) == ("Email: Not working", "down") and shown["services"]["email"]["label"] == "Not working"
    assert [text.text for text in root.iter(f"{SVG}text")] == ["Email", "Not working"]
    title, state, _ = badge(files, addresses.service_badge("chat"))
    assert state == shown["services"]["chat"]["state"] == "operational" and title.endswith(": Working normally")
    title, state, _ = badge(files, addresses.STATUS_BADGE)
    assert (title, state) == ("Example IT: Not working", shown["overall_state"])

    for path in (addresses.STATUS_BADGE, addresses.service_badge("email")):
        text = bytes(files[path]).decode()
        assert not re.search(r"href|url\(|@import|@font-face|<image|<script", text), path  # nothing fetched, no script
        widths = [float(value) for value in re.findall(r'<svg[^>]* width="([0-9.]+)"', text)]
        assert widths and widths[0] > 50


def test_badge_colours_keep_white_text_readable() -> None:
    for name, colour in COLOURS.items():
        assert contrast("#ffffff", colour) >= 4.5, name


def test_status_and_service_pages_give_the_html_to_paste(tmp_path: Path) -> None:
    files = rendered(load_site(minimal_project(tmp_path), now=NOW))
    for page, badge_path, link in (
        (addresses.STATUS, "status/badge.svg", "status/"),
        (addresses.service("email"), "services/email/badge.svg", "services/email/"),
    ):
        markdown = str(files[page])
        start = markdown.index('<details class="status-badge-snippet">')
        snippet = lxml.html.fromstring(markdown[start : markdown.index("</details>", start) + 10])
        code = snippet.xpath("string(.//pre/code)")
        pasted = lxml.html.fromstring(code)
        assert pasted.tag == "a" and pasted.get("href") == "https://intranet.example/it/" + link
        (image,) = pasted.xpath("img")
        assert image.get("src") == "https://intranet.example/it/" + badge_path
        assert image.get("alt", "").endswith(": current status, on the IT status page")
        assert badge_path in files
        # On the page itself, the image's text alternative says the state the badge shows (its SVG title).
        (shown,) = snippet.xpath(".//p/img")
        title = re.search(r"<title[^>]*>([^<]*)</title>", bytes(files[badge_path]).decode())
        assert title is not None and shown.get("alt") == title[1] and ":" in title[1]
        assert "state of Every service" not in markdown
