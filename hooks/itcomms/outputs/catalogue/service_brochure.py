"""The e-brochure: a cover and contents page, a chapter page per category, and one PDF of them all.

Every page uses the ``printable.html`` theme template (no navigation chrome).
A catalogue of hundreds of services would make one page too heavy to open on
a phone, so each category is a page of its own; the PDF joins them back into
one document after the build, where the contents gets its page numbers and
every link between chapters becomes a jump inside the PDF. The catalogue's
print styles put each category on a new page, keep each service whole on its
page and print links as text. WeasyPrint turns the headings into the PDF's
bookmarks: one per category and per service.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html

from itcomms import addresses
from itcomms.content.models import Lifecycle, Service
from itcomms.figures.service_facts import ServiceFacts, by_category, offered_categories, retired
from itcomms.problems import Problem
from itcomms.rendering.outputs import Page
from itcomms.rendering.pdf import html_to_pdf, turned_off
from itcomms.rendering.templating import Templates
from itcomms.site import Site


def pages(site: Site, templates: Templates, facts: Mapping[str, ServiceFacts]) -> Iterator[Page]:
    """The cover with the contents (and the services no longer offered), then each category's chapter."""
    groups = by_category(site, facts)
    context = {
        "page_address": lambda path: site.options.absolute(addresses.url(path)),
        "chapter_of": lambda service_id: chapter_of(site.services[service_id]),
        "category_anchor": category_anchor,
    }
    yield templates.page("brochure.md.j2", addresses.BROCHURE, groups=groups, retired=retired(facts), **context)
    for number, (category, cards) in enumerate(groups):
        yield templates.page(
            "brochure_chapter.md.j2",
            addresses.brochure_chapter(category.id),
            category=category,
            cards=cards,
            previous=groups[number - 1][0] if number else None,
            next=groups[number + 1][0] if number + 1 < len(groups) else None,
            **context,
        )


def category_anchor(category_id: str) -> str:
    """A category's id in the brochure. Prefixed: joined into the PDF, a category named ``retired`` or
    ``service-email`` would otherwise share its id with the retired list or with a service."""
    return f"category-{category_id}"


def chapter_of(service: Service) -> str:
    """Where the brochure tells of a service: its category's chapter, or the cover's list of retired services."""
    return (
        addresses.BROCHURE if service.lifecycle is Lifecycle.RETIRED else addresses.brochure_chapter(service.category)
    )


def write_pdf(site: Site, site_dir: Path) -> Iterator[Problem | str]:
    """After the build: the brochure's PDF, or a note in the build log that PDFs are off."""
    if not site.options.pdf:
        yield turned_off(addresses.BROCHURE_PDF)
        return
    built = [addresses.BROCHURE] + [addresses.brochure_chapter(category.id) for category in offered_categories(site)]
    cover, *chapters = [site_dir / addresses.url(path) / "index.html" for path in built]
    urls = [site.options.absolute(addresses.url(path)) for path in built]
    html_to_pdf(
        cover, site_dir / addresses.BROCHURE_PDF, site_dir, site.options.site_url, text=joined(cover, chapters, urls)
    )


def joined(cover: Path, chapters: list[Path], urls: list[str]) -> str:
    """The cover page's HTML with every chapter's sections put in before the retired list, as one document.

    ``urls`` are where the cover and the chapters are published. Every link is made absolute
    against its own page, since the chapters sit a folder deeper than the cover; a link to a place
    in the brochure becomes a link inside the document, so the PDF's contents gets page numbers
    and "Goes well with" jumps to the page the other service is on.
    """
    document = lxml.html.document_fromstring(cover.read_bytes())
    document.make_links_absolute(urls[0])
    retired_list = document.get_element_by_id("retired", None)
    last = document.find_class("brochure")[-1]
    for chapter, url in zip(chapters, urls[1:], strict=True):
        page = lxml.html.document_fromstring(chapter.read_bytes())
        page.make_links_absolute(url)
        for section in page.find_class("brochure-category"):
            if retired_list is not None:
                retired_list.addprevious(section)
            else:
                last.addnext(section)
                last = section
    for element, attribute, target, _ in document.iterlinks():
        address = urlsplit(target)
        if attribute == "href" and address.fragment and address._replace(fragment="").geturl() in urls:
            element.set("href", "#" + address.fragment)
    text: str = lxml.html.tostring(document, encoding="unicode", doctype="<!DOCTYPE html>")
    return text
