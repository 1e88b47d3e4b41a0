"""Script injection: hostile text in every text field of every content file never becomes markup.

Markup an author might try is refused by validation (see content_cases/). What
gets through validation (quotes, stray angle brackets, entity-encoded tags,
Markdown attribute lists) must come out escaped in every output: pages,
feeds, calendar, JSON and email. Every page is then opened in Chromium, which
must fire no dialog.
"""

from __future__ import annotations

import email
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import lxml.html
import pytest
import yaml

from browser import chromium, serve
from itcomms.content.validate import check_content
from support import DEMO_CONTENT, build_site, make_project

MARKER = "alert(1)"
PAYLOAD = (
    ' x" onmouseover="alert(1)" y=\'<img\' {: onclick="alert(1)" } &lt;script&gt;alert(1)&lt;/script&gt;'
    " [click](#){: onclick=alert(1)} *[X]: alert(1) 1 <2 & 3 > 2"
)
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    elif isinstance(data, str):
        yield path, data


def _set(data: Any, path: tuple[Any, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


class _StringDates(yaml.SafeLoader):
    """Read dates as text, as the site's own loader does, so they are written back unchanged."""


_StringDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def poison(project: Path) -> int:
    """Append the payload to every free-text value the models accept it in; returns how many took it."""
    files = {
        path: yaml.load(path.read_text(encoding="utf-8"), Loader=_StringDates)
        for path in sorted((project / "content").rglob("*.yaml"))
        if ".schemas" not in path.parts
    }
    touched: dict[tuple[Path, tuple[Any, ...]], str] = {}
    for path, data in files.items():
        for leaf_path, value in list(_leaves(data)):
            if " " in value.strip() and not DATE.match(value):  # prose, not an id, date, address or number
                _set(data, leaf_path, value.rstrip() + PAYLOAD)
                touched[(path, leaf_path)] = value
    for _ in range(5):  # undo where a field's own rules refuse the payload (a single line, an address…)
        for path, data in files.items():
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        problems = [problem for problem in check_content(project).problems if problem.is_error]
        if not problems:
            return len(touched)
        for problem in problems:
            path = project / problem.file
            for (touched_path, leaf_path), original in list(touched.items()):
                dotted = ".".join(map(str, leaf_path))
                if touched_path == path and problem.field and f"{dotted}.".startswith(f"{problem.field}."):
                    _set(files[path], leaf_path, original)
                    del touched[(touched_path, leaf_path)]
    raise AssertionError(f"poisoned content does not validate: {problems[:5]}")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("poisoned"), DEMO_CONTENT)
    assert poison(project) > 100
    site_dir = project / "site"
    build_site(project, site_dir)
    return site_dir


_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "data")


def _dangerous_markup(document: lxml.html.HtmlElement) -> list[str]:
    """Markup the payload could run through: event handlers, script URLs, inline frames, script bodies.

    Escaped text is harmless wherever it shows, in a paragraph, an image's alt
    text or a chart's labels, so only these places count.
    """
    found = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            lowered = name.lower()
            if lowered.startswith("on") and MARKER in value:
                found.append(f"<{element.tag} {name}={value!r}>")
            if lowered in _URL_ATTRIBUTES and value.strip().lower().startswith(
                ("javascript:", "data:text", "vbscript:")
            ):
                found.append(f"<{element.tag} {name}={value!r}>")
            if lowered == "srcdoc" and MARKER in value:
                found.append(f"<{element.tag} {name}={value!r}>")
        if element.tag.lower() in ("script", "iframe", "object", "embed") and MARKER in (
            lxml.html.tostring(element, encoding="unicode")
        ):
            found.append(lxml.html.tostring(element, encoding="unicode")[:120])
    return found


def _html_documents(site_dir: Path) -> Iterator[tuple[str, str]]:
    """Every piece of HTML the site publishes: pages, feed entries, the HTML part of emails."""
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            yield relative, path.read_text(encoding="utf-8")
        elif path.suffix in (".xml", ".atom") and "sitemap" not in path.name:
            for element in ElementTree.parse(path).iter():
                if element.text and "<" in element.text:
                    yield f"{relative} <{element.tag}>", element.text
        elif path.suffix == ".eml":
            message = email.message_from_bytes(path.read_bytes())
            for part in message.walk():
                if part.get_content_type() == "text/html":
                    yield relative, part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")


def test_payload_is_escaped_in_every_html_output(poisoned_site: Path) -> None:
    findings = {
        name: found
        for name, html in _html_documents(poisoned_site)
        if html.strip() and (found := _dangerous_markup(lxml.html.document_fromstring(html)))
    }
    assert findings == {}


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


PLAIN_PAYLOAD = ' x" onmouseover="alert(1)" y=\'<img\''
"""The start of the payload, which a JSON string holds as written: neither escaped as HTML nor dropped."""


def test_payload_is_plain_text_in_json(poisoned_site: Path) -> None:
    documents = {
        path.relative_to(poisoned_site).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(poisoned_site.rglob("*.json"))
        if path.name != "search_index.json"
    }  # each parses: strings are quoted, so never markup
    assert "status/status.json" in documents
    holding = sorted(name for name, data in documents.items() if any(PLAIN_PAYLOAD in text for text in _strings(data)))
    assert "status/status.json" in holding
    escaped = [name for name, data in documents.items() if any("&quot;" in text for text in _strings(data))]
    assert escaped == []


def test_payload_reaches_the_pages(poisoned_site: Path) -> None:
    """The test is only worth something if the hostile text is actually on the pages."""
    status = lxml.html.document_fromstring((poisoned_site / "status" / "index.html").read_text(encoding="utf-8"))
    assert 'onmouseover="alert(1)"' in status.text_content()  # shown as text, escaped in the markup


@pytest.mark.browser
def test_no_page_fires_a_dialog(poisoned_site: Path) -> None:
    pages = sorted(path.relative_to(poisoned_site).as_posix() for path in poisoned_site.rglob("*.html"))
    dialogs: list[str] = []
    with serve(poisoned_site) as base_url, chromium() as browser:
        page = browser.new_context().new_page()
        page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
        for relative in pages:
            page.goto(base_url + relative, wait_until="load")
            page.mouse.move(200, 300)
            page.mouse.move(400, 500)
    assert dialogs == []


@pytest.mark.parametrize(
    ("html", "dangerous"),
    [
        ('<p>x" onmouseover="alert(1)"</p>', 0),
        ("<svg><text>alert(1)</text></svg>", 0),
        ('<img alt="alert(1)" src="a.png">', 0),
        ('<img src=x onerror="alert(1)">', 1),
        ('<a href="javascript:alert(1)">x</a>', 1),
        ("<script>alert(1)</script>", 1),
        ('<svg><a xlink:href="javascript:alert(1)">x</a></svg>', 1),
    ],
)
def test_the_detector_tells_escaped_text_from_live_markup(html: str, dangerous: int) -> None:
    assert len(_dangerous_markup(lxml.html.document_fromstring(html))) == dangerous
