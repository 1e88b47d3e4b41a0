"""Pages kept filtered (tooltips, phone links) between builds: whatever the glossary becomes, a page taken as
kept filtered is the page filtered now. A term's meaning is read only by the pages that explain the term, so
an edit of it filters only those again; every other field of every term is read by every page."""

from __future__ import annotations

import dataclasses
import functools
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from itcomms.content.models import Glossary, GlossaryTerm
from itcomms.engines.page_cache import PageCache
from itcomms.outputs import filter_page, page_filters_read, parts_read_now
from itcomms.site import Site
from support import MINIMAL_CONTENT, load_site

NAMES = ["IT", "SLA", "Backlog", "R&D", "Network switch", "Q3"]
WORDS = ["the", "team", "IT", "SLA", "SLAs", "backlog", "R&amp;D", "network switch", "switch", "Q3", "&", "été", "—"]
PAGE_PARTS = ["<p>", "</p>", "<a href='x'>", "</a>", "<h2>", "</h2>", "<code>", "</code>", "<td>", "</td>", " ", "."]


@functools.cache
def base_site() -> Site:
    return load_site(MINIMAL_CONTENT.parent)


def with_glossary(terms: list[GlossaryTerm]) -> Site:
    return dataclasses.replace(base_site(), glossary=Glossary(terms=terms))


words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@st.composite
def glossaries(draw: st.DrawFn) -> list[GlossaryTerm]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=len(NAMES), unique=True))
    return [
        GlossaryTerm(
            term=name,
            meaning=draw(words),
            spelled_out=draw(st.none() | st.sampled_from(["Spelled out", "Information Technology"])),
            spell_out=draw(st.booleans()),
            aliases=draw(st.lists(st.sampled_from(["switch", "the team", "agreed level"]), max_size=1)),
        )
        for name in names
    ]


@st.composite
def edited(draw: st.DrawFn, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
    """The glossary after an author's edit: meanings rewritten, a field changed, a term removed."""
    changed = []
    for term in terms:
        action = draw(st.sampled_from(["keep", "keep", "meaning", "spelled out", "alias", "remove"]))
        if action == "meaning":
            term = term.model_copy(update={"meaning": draw(words)})
        elif action == "spelled out":
            term = term.model_copy(update={"spelled_out": "Written out", "spell_out": True})
        elif action == "alias":
            term = term.model_copy(update={"aliases": ["team"]})
        if action != "remove":
            changed.append(term)
    return changed


pages = st.lists(st.sampled_from(WORDS) | st.sampled_from(PAGE_PARTS), min_size=1, max_size=40).map(" ".join)


def cache_for(site: Site, folder: Path) -> PageCache:
    return PageCache(
        folder, "test", ["page/index.md"], page_filters_read(site), functools.partial(parts_read_now, site)
    )


def filtered(site: Site, cache: PageCache, page: str) -> str:
    return cache.filtered("page/index.md", page, functools.partial(filter_page, site))


@settings(max_examples=150, deadline=None)
@given(st.data(), glossaries(), pages)
def test_a_page_kept_filtered_is_the_page_filtered_now(
    data: st.DataObject, terms: list[GlossaryTerm], page: str
) -> None:
    before = with_glossary(terms)
    after = with_glossary(data.draw(edited(terms)))
    with tempfile.TemporaryDirectory() as folder:
        filtered(before, cache_for(before, Path(folder)), page)
        again = cache_for(after, Path(folder))
        assert filtered(after, again, page) == filter_page(after, "page/index.md", page).html


def test_a_meaning_edit_filters_again_only_the_pages_that_explain_the_term(tmp_path: Path) -> None:
    terms = [GlossaryTerm(term="IT", meaning="The team."), GlossaryTerm(term="SLA", meaning="A promise.")]
    before = with_glossary(terms)
    written = {"it": "<p>Ask IT.</p>", "sla": "<p>Our SLA.</p>", "none": "<p>Nothing.</p>"}
    first = cache_for(before, tmp_path)
    for page in written.values():
        filtered(before, first, page)
    after = with_glossary([terms[0], terms[1].model_copy(update={"meaning": "A promise we keep."})])
    again = cache_for(after, tmp_path)
    shown = {name: filtered(after, again, page) for name, page in written.items()}
    assert again.filtered_again == 1
    assert (
        "A promise we keep." in shown["sla"]
        and shown["it"] == filter_page(after, "page/index.md", "<p>Ask IT.</p>").html
    )
