"""The printable e-brochure and its PDF: a cover page and a page per category, joined in one PDF with every
service in it, one bookmark each, none split across pages, the contents numbered and linked inside the PDF."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import lxml.html
import pypdf
import pytest

from browser import chromium, serve
from itcomms import addresses
from itcomms.content.models import Lifecycle
from itcomms.outputs import Page, render_site
from itcomms.site import Site
from support import MINIMAL_CONTENT, REPO, build_log, build_site, load_site, make_project

BROCHURE_HTML = addresses.url(addresses.BROCHURE) + "index.html"


def squeeze(text: str) -> str:
    """Text without whitespace or ligatures: PDF text breaks lines wherever the layout did, and may write "ﬁ"."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def chapters(site_dir: Path) -> list[Path]:
    return sorted((site_dir / BROCHURE_HTML).parent.glob("*/index.html"))


def articles(pages: list[Path]) -> Iterator[tuple[str, str, str]]:
    """Each service in the brochure's pages: its name, its first line (name and badge) and its last line."""
    for built in pages:
        yield from _articles(lxml.html.document_fromstring(built.read_text(encoding="utf-8")))


def _articles(document: lxml.html.HtmlElement) -> Iterator[tuple[str, str, str]]:
    for article in document.xpath("//article[@class='brochure-service']"):
        name = article.xpath(".//h3")[0].text_content()
        badge = article.xpath(".//span[contains(@class, 'catalogue-badge')]")[0].text_content()
        last = article.xpath(".//dd")[-1].text_content()
        yield name, name + badge, last


def assert_no_service_split(pdf: Path, built: list[Path]) -> int:
    """Each service's first and last lines are on one page; returns how many services were checked."""
    pages = [squeeze(page.extract_text()) for page in pypdf.PdfReader(pdf).pages]
    checked = 0
    for name, first, last in articles(built):
        starts = [number for number, page in enumerate(pages) if squeeze(first) in page]
        ends = [number for number, page in enumerate(pages) if squeeze(last) in page]
        assert len(starts) == 1, f"{name} starts on pages {starts}"
        assert starts == ends, f"{name} starts on page {starts} but ends on {ends}"
        checked += 1
    return checked


def test_brochure_page_has_a_cover_contents_and_no_navigation(demo_site: Path) -> None:
    html = (demo_site / BROCHURE_HTML).read_text(encoding="utf-8")
    document = lxml.html.document_fromstring(html)
    assert not document.xpath("//nav[contains(@class, 'md-tabs')] | //div[contains(@class, 'md-sidebar')]")
    assert not document.xpath("//footer[contains(@class, 'md-footer')]")
    assert [h1.text_content() for h1 in document.xpath("//h1")] == ["Service catalogue"]
    contents = [link.text_content() for link in document.xpath("//nav[@class='brochure-contents']//a")]
    site = load_site(REPO)
    for service in site.services.values():
        if service.lifecycle is not Lifecycle.RETIRED:
            assert service.name in contents
    assert "Larkspur Logistics" in document.xpath("//section[@class='brochure-cover']")[0].text_content()


def test_pdf_holds_every_service_with_a_bookmark_each(demo_site: Path) -> None:
    reader = pypdf.PdfReader(demo_site / addresses.BROCHURE_PDF)
    first = reader.pages[0].extract_text().split()
    assert "Home" not in first and len(first) > 5  # it opens on its cover, not on a page holding a breadcrumb
    catalog = reader.trailer["/Root"]  # tagged (PDF/UA), with its language and title
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"]) and catalog["/Lang"] == "en"
    text = squeeze(" ".join(page.extract_text() for page in reader.pages))
    site = load_site(REPO)
    for service in site.services.values():
        assert squeeze(service.name) in text, service.name

    def titles(outline: list[object]) -> Iterator[str]:
        for item in outline:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title  # type: ignore[attr-defined]

    bookmarks = list(titles(reader.outline))
    expected = []
    for category in site.settings.service_categories:
        expected.append(category.name)
        expected += [
            service.name
            for service in site.services.values()
            if service.category == category.id and service.lifecycle is not Lifecycle.RETIRED
        ]
    assert bookmarks == ["Service catalogue", "Contents", *expected, "No longer offered"]


def test_pdf_keeps_each_service_on_one_page(demo_site: Path) -> None:
    pdf = demo_site / addresses.BROCHURE_PDF
    assert assert_no_service_split(pdf, chapters(demo_site)) == 17
    pages = pypdf.PdfReader(pdf).pages
    assert "Service catalogue" in pages[0].extract_text()
    contents = pages[1].extract_text()
    assert "Contents" in contents
    # The chapters are joined into one document: the contents has page numbers, and its links are jumps inside it.
    assert re.search(r"Working together \.+ \d+", contents)
    links = [annotation.get_object() for annotation in pages[1].get("/Annots", [])]
    assert not [link for link in links if "/URI" in link.get("/A", {})]
    site = load_site(REPO)
    offered = [service for service in site.services.values() if service.lifecycle is not Lifecycle.RETIRED]
    expected = {
        *(f"category-{id}" for id in site.categories),
        *(f"service-{service.id}" for service in offered),
        "retired",
    }
    assert {str(link["/Dest"]) for link in links} == expected
    # Links are printed as text: the request form's address is on the page, not only behind a link.
    laptops = next(page.extract_text() for page in pages if "Laptops and new computers\nLive" in page.extract_text())
    assert "help.larkspur.example/request/laptop" in squeeze(laptops)


@pytest.mark.browser
def test_chromium_prints_the_brochure_without_splitting_a_service(demo_site: Path, tmp_path: Path) -> None:
    with serve(demo_site) as base_url, chromium() as browser:
        page = browser.new_context().new_page()
        printed = 0
        for chapter in chapters(demo_site):
            page.goto(base_url + chapter.relative_to(demo_site).as_posix(), wait_until="networkidle")
            (tmp_path / "printed.pdf").write_bytes(page.pdf(format="A4", print_background=True))
            printed += assert_no_service_split(tmp_path / "printed.pdf", [chapter])
    assert printed == 17


def test_each_category_is_a_page_that_leads_to_the_others(demo_site: Path) -> None:
    site = load_site(REPO)
    pages = chapters(demo_site)
    assert len(pages) == len(site.settings.service_categories)
    for built in pages:
        document = lxml.html.document_fromstring(built.read_text(encoding="utf-8"))
        assert not document.xpath("//nav[contains(@class, 'md-tabs')] | //div[contains(@class, 'md-sidebar')]")
        [heading] = document.xpath("//h1")
        assert heading.text_content() == "Service catalogue"  # the category's own heading follows
        assert document.findtext(".//title").startswith("Service catalogue: ")
        for link in document.xpath("//nav[@class='brochure-pages']//a/@href | //dd//a[contains(@href, '#')]/@href"):
            target, _, anchor = urljoin(built.as_uri(), link).partition("#")
            assert (Path(url2pathname(urlsplit(target).path)) / "index.html").exists() or target.endswith(".pdf"), link
            if anchor:
                linked = lxml.html.document_fromstring(
                    (Path(url2pathname(urlsplit(target).path)) / "index.html").read_bytes()
                )
                assert linked.get_element_by_id(anchor, None) is not None, link


def test_pdf_off_is_said_in_the_build_log_not_warned(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    with build_log() as notes:
        warnings = build_site(project, tmp_path / "site", ITCOMMS_PDF="0")
    assert warnings == []
    assert f"{addresses.BROCHURE_PDF} not made: PDFs are turned off (ITCOMMS_PDF=0)" in notes
    assert not (tmp_path / "site" / addresses.BROCHURE_PDF).exists()
    assert (tmp_path / "site" / BROCHURE_HTML).exists()
    catalogue = (tmp_path / "site" / addresses.url(addresses.SERVICES) / "index.html").read_text(encoding="utf-8")
    assert "brochure.pdf" not in catalogue


def test_a_category_named_like_another_anchor_shares_no_id_with_it(tmp_path: Path) -> None:
    # Ids an author may well choose, each also an id in the brochure joined into the PDF: the retired list,
    # the contents, a service.
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    site_file = project / "content/site.yaml"
    categories = "".join(
        f"  - id: {category}\n    name: {category.title()}\n    description: Services.\n"
        for category in ("retired", "brochure-contents", "service-email")
    )
    site_file.write_text(
        site_file.read_text(encoding="utf-8").replace("service_categories:\n", "service_categories:\n" + categories),
        encoding="utf-8",
    )
    services = project / "content/services"
    fax = (services / "chat.yaml").read_text(encoding="utf-8").replace("name: Chat", "name: Fax")
    (services / "fax.yaml").write_text(fax + "lifecycle: retired\n", encoding="utf-8")  # so the retired list shows
    for service, category in (("email", "service-email"), ("chat", "retired")):
        path = services / f"{service}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("working-together", category), encoding="utf-8")
    pages = rendered_pages(load_site(project))
    brochure = [text for path, text in pages.items() if path.startswith("services/brochure/")]
    ids = [found for text in brochure for found in re.findall(r'\bid="([^"]+)"', text)]
    assert "retired" in ids and "service-email" in ids  # the retired list, and the service
    assert len(ids) == len(set(ids))


def rendered_pages(site: Site) -> dict[str, str]:
    return {output.path: output.markdown for output in render_site(site).outputs if isinstance(output, Page)}
