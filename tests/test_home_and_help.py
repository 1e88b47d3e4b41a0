"""Help first: the home page starts with how to report a problem and get help and the status now, phone
numbers are tappable everywhere, and every page's footer leads to the accessibility statement."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms import addresses
from itcomms.outputs.site.phone_links import add_phone_links, known_numbers, linked_in_text, numbers_pattern
from itcomms.words import month_key_words as month_label
from support import DEMO_CONTENT, load_site

SITE = load_site(DEMO_CONTENT.parent)


def parsed(demo_site: Path, source: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(demo_site / addresses.url(source) / "index.html")).getroot()


def test_home_page_starts_with_help_and_the_status_now(demo_site: Path) -> None:
    home = parsed(demo_site, addresses.HOME)
    first = home.xpath("//article//h2")[0]
    assert first.text_content().strip().rstrip("¶") == "Get help"
    help_text = " ".join(home.xpath("//div[contains(@class, 'home-help')]")[0].text_content().split())
    assert "Report a problem" in help_text
    assert "Status now" in help_text
    phone = SITE.settings.contact.phone or ""
    assert home.xpath(f"//div[contains(@class, 'home-help')]//a[@href='tel:{phone.replace(' ', '')}']")
    assert home.xpath(f"//div[contains(@class, 'home-help')]//a[@href='{addresses.url(addresses.STATUS)}']")


def test_this_month_shows_the_issues_title_not_its_id(demo_site: Path) -> None:
    latest = next(issue for issue in SITE.newsletters if not issue.draft)
    home = parsed(demo_site, addresses.HOME)
    link = home.xpath(f"//article//a[@href='{addresses.url(addresses.newsletter(latest.id))}']")[0]
    assert link.text_content() == latest.title
    paragraph = " ".join(link.getparent().text_content().split())
    assert f"({latest.id})" not in paragraph
    assert month_label(latest.id) in paragraph


def test_a_known_number_becomes_a_tel_link_outside_links_and_code() -> None:
    number = SITE.settings.contact.phone or ""
    dialled = number.replace(" ", "")
    assert add_phone_links(SITE, "x.md", f"<p>Call {number} now.</p>") == (
        f'<p>Call <a href="tel:{dialled}">{number}</a> now.</p>'
    )
    for untouched in (
        f'<p><a href="tel:{dialled}">{number}</a></p>',
        f"<p><code>{number}</code></p>",
        "<p>0161 496 01000</p>",
    ):
        assert add_phone_links(SITE, "x.md", untouched) == untouched


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*known_numbers(SITE), "<p>", "</p>", "<a href='x'>", "</a>", "<code>", "</code>", "<!-- -->"])
        | st.sampled_from(["0", "1", "+", " ", "a", "<", ">", "&amp;", "<br/>", '<b class="x>y">', "</b>"]),
        max_size=30,
    ).map("".join)
)
def test_a_page_naming_no_number_anywhere_is_left_as_the_text_walk_would_leave_it(page: str) -> None:
    """The shortcut (no number anywhere in the page, so nothing to link) gives what reading every tag gives."""
    pattern = numbers_pattern(known_numbers(SITE))
    assert pattern is not None
    assert add_phone_links(SITE, "x.md", page) == linked_in_text(page, pattern)


def test_every_phone_number_is_a_tel_link(demo_site: Path) -> None:
    numbers = {SITE.settings.contact.phone} | {service.support.phone for service in SITE.services.values()}
    numbers.discard(None)
    untappable = []
    for page in sorted(demo_site.rglob("*.html")):
        document = lxml.html.parse(str(page)).getroot()
        for number in numbers:
            for text in document.xpath(f"//body//text()[contains(., '{number}')]"):
                holder = text.getparent().getparent() if text.is_tail else text.getparent()
                link = next((element for element in (holder, *holder.iterancestors()) if element.tag == "a"), None)
                if link is None or not link.get("href", "").startswith("tel:"):
                    untappable.append(f"{page.relative_to(demo_site)}: {number}")
    assert untappable == []


def test_accessibility_statement_is_linked_from_every_page(demo_site: Path) -> None:
    statement = parsed(demo_site, addresses.ACCESSIBILITY)
    text = " ".join(statement.text_content().split())
    assert statement.xpath("//h1")[0].text_content().strip().rstrip("¶") == "Accessibility statement"
    for words in ("WCAG", "2.1", "AA", "Nu HTML Checker", "axe-core", "Report a barrier", SITE.settings.contact.email):
        assert words in text
    # In the shape public bodies publish: the current standard, a compliance status, the known gaps (the PDFs
    # among them), a reply time, where to go next, and when it was prepared and reviewed.
    for words in (
        "WCAG) 2.2",
        "partially compliant",
        "tagged PDFs",
        "We reply within 5 working days",
        "If you are not happy with our reply",
        "prepared on 15 January 2025",
        "last reviewed on 1 October 2026",
    ):
        assert words in text, words
    missing = []
    for page in sorted(demo_site.rglob("index.html")):
        document = lxml.html.parse(str(page)).getroot()
        if document.xpath("//footer") and not document.xpath("//footer//a[text()='Accessibility statement']"):
            missing.append(page.relative_to(demo_site).as_posix())
    assert missing == []
