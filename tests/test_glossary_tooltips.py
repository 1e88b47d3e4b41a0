"""Glossary tooltips: a term's first use on every page is an ``<abbr title>``, and never where it must not be."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser

from browser import serve, visit
from itcomms.content.models import Glossary, GlossaryTerm
from itcomms.outputs.site.glossary_tooltips import add_tooltips
from support import DEMO_CONTENT, MINIMAL_CONTENT, load_site

TERMS = [
    GlossaryTerm(term="IT", spelled_out="Information Technology", meaning='Computers & "people" > 3.'),
    GlossaryTerm(
        term="SLA",
        spelled_out="Service Level Agreement",
        meaning="A promise.",
        spell_out=True,
        aliases=["agreed level"],
    ),
    GlossaryTerm(term="Teams", meaning="The chat app.", match_case=True),
    GlossaryTerm(term="Backlog", meaning="Work waiting."),
    GlossaryTerm(term="R&D", meaning="Research."),
    GlossaryTerm(term="Network switch", meaning="A box.", aliases=["switch"], not_in=["switch it on", "switch to"]),
    GlossaryTerm(term="Q3", meaning="July to September."),
    GlossaryTerm(term="Incident", meaning="An outage."),
]


Filter = Callable[[str], str]


@pytest.fixture(scope="module")
def filtered() -> Iterator[Filter]:
    site = dataclasses.replace(load_site(MINIMAL_CONTENT.parent), glossary=Glossary(terms=TERMS))

    def run(page_html: str) -> str:
        return add_tooltips(site, "page/index.md", page_html)

    yield run


def abbr(text: str, title: str) -> str:
    return f'<abbr title="{title}">{text}</abbr>'


IT = abbr("IT", "Information Technology: Computers &amp; &quot;people&quot; &gt; 3.")


def test_terms_in_text_get_a_tooltip_with_their_meaning(filtered: Filter) -> None:
    assert filtered("<p>Ask IT.</p>") == f"<p>Ask {IT}.</p>"
    assert filtered("<p>IT's plan</p>") == f"<p>{IT}'s plan</p>"
    assert filtered("<li><strong>IT</strong></li>") == f"<li><strong>{IT}</strong></li>"


def test_whole_words_only_and_capitals_as_written(filtered: Filter) -> None:
    assert filtered("<p>ITEM it It</p>") == "<p>ITEM it It</p>"
    assert filtered("<p>teams of people</p>") == "<p>teams of people</p>"
    assert filtered("<p>Use Teams</p>") == f"<p>Use {abbr('Teams', 'The chat app.')}</p>"
    assert filtered("<p>the backlog</p>") == f"<p>the {abbr('backlog', 'Work waiting.')}</p>"
    assert filtered("<p>Backlogs</p>") == f"<p>{abbr('Backlogs', 'Work waiting.')}</p>"


def test_longest_name_first_and_aliases(filtered: Filter) -> None:
    assert filtered("<p>network switches</p>") == f"<p>{abbr('network switches', 'A box.')}</p>"
    assert filtered("<p>a switch</p>") == f"<p>a {abbr('switch', 'A box.')}</p>"


def test_text_as_html_writes_it(filtered: Filter) -> None:
    assert filtered("<p>R&amp;D</p>") == f"<p>{abbr('R&amp;D', 'Research.')}</p>"
    assert filtered("<p>&lt;IT&gt;</p>") == f"<p>&lt;{IT}&gt;</p>"


@pytest.mark.parametrize(
    "page_html",
    [
        '<p><a href="/it/">IT</a></p>',
        '<h2 id="it">IT news<a class="headerlink" href="#it" title="IT">¶</a></h2>',
        "<p><code>IT</code></p>",
        "<pre><code>IT = 1\n</code></pre>",
        '<p><abbr title="mine">IT</abbr></p>',
        '<dl><dt><dfn id="term-it">IT</dfn></dt></dl>',
        "<script>if (a<b) { IT = 1 }</script>",
        "<style>.IT { color: red }</style>",
        '<svg><text x="1">IT</text></svg>',
        '<p title="IT"><img alt="IT" src="it.png"></p>',
        "<!-- IT -->",
    ],
)
def test_never_inside_links_headings_code_abbr_attributes_or_scripts(filtered: Filter, page_html: str) -> None:
    assert filtered(page_html) == page_html


def test_spelled_out_at_the_first_use_in_running_text_only(filtered: Filter) -> None:
    sla = abbr("SLA", "Service Level Agreement: A promise.")
    page = "<table><tr><td>SLA</td></tr></table><p>The SLA and the SLA.</p><p>SLAs</p>"
    assert filtered(page) == (
        f"<table><tr><td>{sla}</td></tr></table><p>The Service Level Agreement (SLA) and the SLA.</p><p>SLAs</p>"
    )
    assert filtered("<p>The SLA and the SLA.</p>") == f"<p>The Service Level Agreement ({sla}) and the SLA.</p>"
    alias = "<p>The agreed level, then the SLA.</p>"
    assert filtered(alias) == (
        f"<p>The {abbr('agreed level', 'Service Level Agreement: A promise.')}, then the Service Level Agreement (SLA).</p>"
    )
    already = "<p>Our Service Level Agreement (SLA) says so.</p>"
    assert filtered(already) == f"<p>Our Service Level Agreement ({sla}) says so.</p>"


def test_a_tooltip_at_the_first_use_on_a_page_only(filtered: Filter) -> None:
    page = "<p>Ask IT.</p><ul><li>IT again</li></ul><table><tr><td>IT</td></tr></table>"
    assert filtered(page) == f"<p>Ask {IT}.</p><ul><li>IT again</li></ul><table><tr><td>IT</td></tr></table>"
    assert filtered("<p>Backlog, backlogs and the backlog</p>") == (
        f"<p>{abbr('Backlog', 'Work waiting.')}, backlogs and the backlog</p>"
    )


@pytest.mark.parametrize(
    "page_html",
    [
        "<p>Forward it to teams@it.example or Teams-help@it.example.</p>",
        "<p>See https://it.example/Teams/IT or www.it.example/IT today.</p>",
        '<p data-glossary="skip">Teams that rely on it most: <a href="a">IT</a>, <strong>IT</strong>.</p>',
        "<div data-glossary='skip'><div>IT</div><p>Teams</p></div>",
    ],
)
def test_never_inside_addresses_or_the_templates_own_words(filtered: Filter, page_html: str) -> None:
    assert filtered(page_html) == page_html


def test_marked_words_end_where_their_element_does(filtered: Filter) -> None:
    page = '<div data-glossary="skip"><div>IT</div></div><p>Teams</p>'
    assert filtered(page) == f'<div data-glossary="skip"><div>IT</div></div><p>{abbr("Teams", "The chat app.")}</p>'


@pytest.mark.parametrize(
    ("page_html", "explained"),
    [
        ("<p>Before we switch it on, and once it switches to the new one.</p>", None),
        ("<p>We Switch It On.</p>", None),
        ("<p>The switch failed, then we switched it on.</p>", "switch"),
        ("<p>Codes 2026-q3, 2026-Q3, Q3-2026, Q3/2026, q3_totals, 2026.Q3.</p>", None),
        ("<p>In q3 we grew.</p>", None),  # an acronym is found as written
        ("<p>In Q3, and in Q3-led work.</p>", "Q3"),
        ("<table><tr><th>Incident</th><td>4</td></tr><caption>Incident</caption></table>", None),
        ('<p><span data-glossary="skip" class="status-badge">Incident</span></p>', None),
        ("<table><tr><td>Incident</td></tr></table>", "Incident"),
    ],
)
def test_no_tooltip_where_the_words_mean_something_else(
    filtered: Filter, page_html: str, explained: str | None
) -> None:
    marked = lxml.html.fromstring(filtered(page_html)).xpath("//abbr/text()")
    assert marked == ([explained] if explained else [])


def misplaced_tooltips(page_html: str, terms: list[GlossaryTerm]) -> list[str]:
    """Every tooltip on a built page where the words are not the term: table headers, captions, labels, the
    templates' own words, codes, and the phrases the glossary says mean something else."""
    document = lxml.html.fromstring(page_html)
    misplaced = [
        f"in <{element.getparent().tag}>: {element.text_content()}"
        for element in document.xpath(
            "//th//abbr | //caption//abbr | //legend//abbr | //label//abbr | //*[@data-glossary='skip']//abbr"
        )
    ]
    marked = re.sub(r"<abbr\b[^>]*>(.*?)</abbr>", r"[[\1]]", page_html)
    misplaced += re.findall(r"(?:_|[0-9][-/.])\[\[[^\]]*\]\]|\[\[[^\]]*\]\](?:_|[-/.][0-9])", marked)
    for term in terms:
        for phrase in term.not_in:
            pattern = r"\s+".join(rf"(?:\[\[)?{re.escape(word)}(?:e?s)?(?:\]\])?" for word in phrase.split())
            misplaced += [
                found.group() for found in re.finditer(pattern, marked, re.IGNORECASE) if "[[" in found.group()
            ]
    return misplaced


def test_no_built_page_explains_a_label_a_code_or_a_phrase_that_means_something_else(demo_site: Path) -> None:
    terms = load_site(DEMO_CONTENT.parent).glossary.terms
    assert any(term.not_in for term in terms)
    for page in sorted(demo_site.rglob("*.html")):
        assert misplaced_tooltips(page.read_text("utf-8"), terms) == [], page


def test_every_built_page_has_each_tooltip_once_and_none_in_the_templates_own_words(demo_site: Path) -> None:
    relied_on = []
    for page in sorted(demo_site.rglob("index.html")):
        document = lxml.html.parse(str(page)).getroot()
        titles = [element.get("title") for element in document.xpath("//article//abbr[@title]")]
        assert len(titles) == len(set(titles)), page
        assert document.xpath("//*[@data-glossary='skip']//abbr") == [], page
        assert [element for element in document.xpath("//article//abbr") if (element.tail or "").startswith("@")] == []
        relied_on += document.xpath("//p[starts-with(normalize-space(.), 'Teams that rely on it most')]")
    assert relied_on
    assert [paragraph for paragraph in relied_on if paragraph.xpath(".//abbr")] == []


def test_every_built_page_keeps_tooltips_out_of_links_headings_and_code(demo_site: Path) -> None:
    found = 0
    for page in sorted(demo_site.rglob("*.html")):
        document = lxml.html.parse(str(page)).getroot()
        misplaced = document.xpath(
            "//a//abbr | //code//abbr | //pre//abbr | //abbr//abbr | //dfn//abbr"
            " | //h1//abbr | //h2//abbr | //h3//abbr | //h4//abbr | //h5//abbr | //h6//abbr"
        )
        assert misplaced == [], page
        found += len(document.xpath("//article//abbr[@title]"))
    assert found > 100


def service_page_with_a_term(demo_site: Path) -> str:
    """A generated service page whose text uses a glossary term, as a path under the site."""
    for page in sorted((demo_site / "services").glob("*/index.html")):
        if lxml.html.parse(str(page)).getroot().xpath("//article//abbr[@title]"):
            return page.relative_to(demo_site).as_posix().removesuffix("index.html")
    raise AssertionError("no service page uses a glossary term")


@pytest.mark.browser
def test_tooltip_shows_the_meaning_in_a_browser(browser: Browser, demo_site: Path) -> None:
    glossary = load_site(DEMO_CONTENT.parent).glossary
    path = service_page_with_a_term(demo_site)
    with serve(demo_site) as base_url:
        seen = visit(browser, base_url + path)
        term = seen.page.locator("article abbr[title]").first
        title = term.get_attribute("title") or ""
        assert any(title.endswith(" ".join(entry.meaning.split())) for entry in glossary.terms)
        term.hover()
        tooltip = seen.page.locator(".md-tooltip2--active")
        tooltip.wait_for(state="visible", timeout=5_000)
        assert tooltip.inner_text().strip() == title
        assert seen.console_errors == []


@pytest.mark.browser
def test_tooltips_are_not_printed(browser: Browser, demo_site: Path) -> None:
    with serve(demo_site) as base_url:
        seen = visit(browser, base_url + service_page_with_a_term(demo_site))
        term = seen.page.locator("article abbr[title]").first
        on_screen = term.evaluate("element => getComputedStyle(element).borderBottomStyle")
        seen.page.emulate_media(media="print")
        printed = term.evaluate(
            "element => [getComputedStyle(element).borderBottomStyle, getComputedStyle(element).textDecorationLine]"
        )
        assert on_screen != "none"
        assert printed == ["none", "none"]
