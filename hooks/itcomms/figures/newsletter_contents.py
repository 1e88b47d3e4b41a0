"""What each newsletter issue holds: the editor's picks first, then the month's news gathered from content.

An author writes only the editorial, the featured items and any extra stories;
everything else is found here: what was delivered, awards and talks of the
month, incidents resolved in it, maintenance planned for the month after, and
the KPI of the month with its trend. Nothing here knows how an issue looks: the
page, the feed and the email all tell the same ``Issue``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal, TypeVar

from itcomms import addresses
from itcomms.content.markdown_html import MarkdownRenderer
from itcomms.content.models import (
    Accomplishment,
    Award,
    Better,
    ContentFile,
    ContentModel,
    Incident,
    Maintenance,
    Metric,
    Newsletter,
    PeriodLength,
    Service,
    Story,
    Survey,
    Talk,
)
from itcomms.periods import Quarter, month_key, months_after
from itcomms.site import Site
from itcomms.words import month_key_words, quarter_words

KPI_READINGS = 6
"""How many of the KPI's latest values an issue shows as its trend."""

PUBLISHED_AT = time(9, 0)
"""An issue is dated the last day of the month it covers, at this local time (feeds and email need a moment)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^a-z\s])")

Dated = TypeVar("Dated", bound=ContentFile)


@dataclass(frozen=True)
class Entry:
    """One item of an issue: a headline, a sentence or two, and where to read the rest."""

    kind: str
    """accomplishment, award, talk, incident, maintenance, service, metric, survey or story."""
    id: str
    """The item's id (a story's number in its issue)."""
    title: str
    summary: str
    """Plain text, one or two sentences."""
    item: ContentModel
    """The item itself, for the page's details."""
    page: str | None
    """Source path of the item's own page on this site, if it has one."""
    read_more: str
    """Absolute address of the whole story: the item's page, a story's link, else its place in the issue."""

    @property
    def anchor(self) -> str:
        """Its id on the issue page."""
        return anchor(self.kind, self.id)


@dataclass(frozen=True)
class Reading:
    """One value of a KPI."""

    period: str
    """As the metric file names it: 2026-03 or 2026-q1."""
    label: str
    """As people read it: March 2026 or Q1 2026."""
    value: float


@dataclass(frozen=True)
class KpiTrend:
    """The KPI of the month: its latest values up to the issue's month, judged against ``better`` and target."""

    metric: Metric
    readings: tuple[Reading, ...]
    """Oldest first, ending with the latest value known for the issue's month (at most ``KPI_READINGS``)."""

    @property
    def latest(self) -> Reading:
        return self.readings[-1]

    @property
    def previous(self) -> Reading | None:
        return self.readings[-2] if len(self.readings) > 1 else None

    @property
    def direction(self) -> Literal["better", "worse", "steady"] | None:
        """How the latest value moved since the one before, judged by whether higher or lower is better."""
        if self.previous is None:
            return None
        change = self.latest.value - self.previous.value
        if abs(change) < 1e-9:
            return "steady"
        return "better" if (change > 0) == (self.metric.better is Better.HIGHER) else "worse"

    def meets_target(self, reading: Reading) -> bool | None:
        """Whether a value reaches the target; None when the KPI has none."""
        return self.metric.meets_target(reading.value)


@dataclass(frozen=True)
class Issue:
    """One newsletter issue with everything it tells, in the order it tells it."""

    newsletter: Newsletter
    name: str
    """What the newsletter is called (site settings, or "<department> news")."""
    first_day: date
    """The first day of the month it covers."""
    published: datetime
    """The moment it is dated (see ``PUBLISHED_AT``); feeds and the email carry it."""
    url: str
    """Absolute address of the issue's page."""
    summary: str
    """The editorial's first sentences, as plain text."""
    featured: tuple[Entry, ...]
    stories: tuple[Entry, ...]
    delivered: tuple[Entry, ...]
    """The month's accomplishments not already featured, oldest first."""
    recognition: tuple[Entry, ...]
    """The month's awards and talks not already featured, oldest first."""
    incidents: tuple[Entry, ...]
    """Incidents resolved in the month, not already featured, oldest first."""
    maintenance: tuple[Entry, ...]
    """Maintenance planned for the next month (not cancelled), not already featured, soonest first."""
    kpi: KpiTrend | None
    previous: Newsletter | None
    """The issue before it on the site."""
    next: Newsletter | None
    """The issue after it on the site."""

    @property
    def month(self) -> str:
        """Like 2026-03."""
        return self.newsletter.id

    @property
    def title(self) -> str:
        """The editor's headline, else the newsletter's name and month."""
        return self.newsletter.title or f"{self.name}, {month_key_words(self.month)}"

    @property
    def dated_title(self) -> str:
        """The title with the month in front, where it does not already say it: for lists of issues."""
        return f"{month_key_words(self.month)}: {self.newsletter.title}" if self.newsletter.title else self.title

    @property
    def next_month(self) -> date:
        """The first day of the month after."""
        return months_after(self.first_day, 1)

    @property
    def sections(self) -> tuple[tuple[str, tuple[Entry, ...]], ...]:
        """The issue's parts in reading order, by name; templates give each its heading and skip empty ones."""
        return (
            ("featured", self.featured),
            ("stories", self.stories),
            ("delivered", self.delivered),
            ("recognition", self.recognition),
            ("incidents", self.incidents),
            ("maintenance", self.maintenance),
        )

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(entry for _, entries in self.sections for entry in entries)


def newsletter_name(site: Site) -> str:
    return site.settings.newsletter.name or f"{site.settings.name} news"


def shown(site: Site) -> tuple[Newsletter, ...]:
    """The issues this build publishes, latest first (the ``Site`` holds drafts only in a preview build)."""
    return site.newsletters


def anchor(kind: str, item_id: str) -> str:
    """An entry's id on its issue page: accomplishment-new-laptops, story-2."""
    return f"{kind}-{item_id}"


def lead(text: str, sentences: int = 2) -> str:
    """The first sentences of a plain text, on one line: what a summary shows before "read more"."""
    return " ".join(_SENTENCE_END.split(" ".join(text.split()))[:sentences])


def gather(site: Site, markdown: MarkdownRenderer) -> tuple[Issue, ...]:
    """Every issue this build publishes, latest first, with its contents."""
    newsletters = shown(site)
    by_month = _month_index(site)
    items = _items_by_ref(site)
    return tuple(
        _issue(
            site,
            _EntryMaker(site, markdown, newsletter),
            by_month,
            items,
            earlier=newsletters[index + 1] if index + 1 < len(newsletters) else None,
            later=newsletters[index - 1] if index > 0 else None,
        )
        for index, newsletter in enumerate(newsletters)
    )


def _issue(
    site: Site,
    maker: _EntryMaker,
    by_month: Mapping[str, Mapping[str, list[str]]],
    items: Mapping[str, ContentFile],
    earlier: Newsletter | None,
    later: Newsletter | None,
) -> Issue:
    newsletter = maker.newsletter
    first_day = date.fromisoformat(f"{newsletter.id}-01")
    month, next_month = newsletter.id, month_key(months_after(first_day, 1))
    featured = set(newsletter.featured)

    def news(kind: str, month: str) -> tuple[Entry, ...]:
        """The month's items of a kind, leaving out those the editor featured (they come first)."""
        return tuple(maker.entry(ref, items[ref]) for ref in by_month[kind].get(month, []) if ref not in featured)

    return Issue(
        newsletter=newsletter,
        name=newsletter_name(site),
        first_day=first_day,
        published=datetime.combine(months_after(first_day, 1) - timedelta(days=1), PUBLISHED_AT, site.timezone),
        url=maker.issue_url,
        summary=lead(maker.markdown.plain(newsletter.editorial)),
        # an item featured before its day (or a draft in a preview) is not on the site yet: it is left out until it is
        featured=tuple(maker.entry(ref, items[ref]) for ref in newsletter.featured if ref in items),
        stories=tuple(maker.story(number, story) for number, story in enumerate(newsletter.stories, 1)),
        delivered=news("accomplishment", month),
        recognition=news("award", month) + news("talk", month),
        incidents=news("incident", month),
        maintenance=news("maintenance", next_month),
        kpi=_kpi(site, metric, first_day) if (metric := site.metrics.get(newsletter.kpi or "")) else None,
        previous=earlier,
        next=later,
    )


class _EntryMaker:
    """Turns the items of one issue into entries."""

    def __init__(self, site: Site, markdown: MarkdownRenderer, newsletter: Newsletter) -> None:
        self.site = site
        self.markdown = markdown
        self.newsletter = newsletter
        self.issue_url = site.options.absolute(addresses.url(addresses.newsletter(newsletter.id)))

    def entry(self, ref: str, item: ContentFile) -> Entry:
        """The entry of an item, named by its reference (accomplishment:new-laptops)."""
        kind, _, item_id = ref.partition(":")
        title, summary, page = self._describe(item, item_id)
        return Entry(kind, item_id, title, lead(summary), item, page, self._read_more(kind, item_id, page, None))

    def story(self, number: int, story: Story) -> Entry:
        summary = lead(self.markdown.plain(story.body))
        read_more = self._read_more("story", str(number), None, story.link)
        return Entry("story", str(number), story.title, summary, story, None, read_more)

    def _read_more(self, kind: str, item_id: str, page: str | None, elsewhere: str | None) -> str:
        if page is not None:
            return self.site.options.absolute(addresses.url(page))
        return elsewhere or f"{self.issue_url}#{anchor(kind, item_id)}"

    def _describe(self, item: ContentFile, item_id: str) -> tuple[str, str, str | None]:
        """Headline, summary (plain text) and own page of an item."""
        match item:
            case Accomplishment() | Award() | Talk():
                return item.title, item.summary, None
            case Incident():
                return item.title, item.summary, addresses.incident(item_id)
            case Maintenance():
                return item.title, self.markdown.plain(item.message), addresses.STATUS
            case Service():
                return item.name, item.summary, addresses.service(item_id)
            case Metric():
                return item.name, item.meaning, None
            case Survey():
                said = [f"You said: {action.you_said} We did: {action.we_did}" for action in item.actions[:1]]
                return item.title, " ".join([f"{item.responses} people answered.", *said]), None
        raise TypeError(f"a newsletter cannot show {type(item).__name__}")


def _kpi(site: Site, metric: Metric, first_day: date) -> KpiTrend | None:
    """The metric's latest values known by the end of the issue's month; None when it has none yet."""
    month_end = months_after(first_day, 1)
    start_month = site.settings.fiscal_year_start
    known: list[Reading] = []
    for period, value in sorted(metric.values.items()):
        if metric.period is PeriodLength.MONTH:
            if period > month_key(first_day):
                continue
            label = month_key_words(period)
        else:
            quarter = Quarter.parse(period, start_month)
            if quarter.end > month_end:
                continue
            label = quarter_words(quarter, start_month)
        known.append(Reading(period, label, value))
    if not known:
        return None
    return KpiTrend(metric, tuple(known[-KPI_READINGS:]))


def _month_index(site: Site) -> Mapping[str, Mapping[str, list[str]]]:
    """Each kind's items (as references) by the month they belong to, in one pass over the content: incidents by
    when they ended, maintenance by when it starts (cancelled windows left out)."""
    zone = site.timezone
    return {
        "accomplishment": _by_month("accomplishment", site.accomplishments, lambda item: item.date),
        "award": _by_month("award", site.awards, lambda item: item.date),
        "talk": _by_month("talk", site.talks, lambda item: item.date),
        "incident": _by_month(
            "incident",
            (item for item in site.incidents if item.end is not None),
            lambda item: item.end.astimezone(zone).date() if item.end else date.min,
        ),
        "maintenance": _by_month(
            "maintenance",
            (item for item in site.maintenance if item.cancelled is None),
            lambda item: item.start.astimezone(zone).date(),
        ),
    }


def _by_month(kind: str, items: Iterable[Dated], day_of: Callable[[Dated], date]) -> dict[str, list[str]]:
    """References to items grouped by month, oldest first (the site keeps them newest first)."""
    grouped: dict[str, list[str]] = {}
    for day, item_id in sorted((day_of(item), item.id) for item in items):
        grouped.setdefault(month_key(day), []).append(f"{kind}:{item_id}")
    return grouped


def _items_by_ref(site: Site) -> dict[str, ContentFile]:
    """Every item a newsletter may feature, by its reference (accomplishment:new-laptops)."""
    collections: dict[str, Iterable[ContentFile]] = {
        "service": site.services.values(),
        "incident": site.incidents,
        "maintenance": site.maintenance,
        "accomplishment": site.accomplishments,
        "award": site.awards,
        "talk": site.talks,
        "metric": site.metrics.values(),
        "survey": site.surveys,
    }
    return {f"{kind}:{item.id}": item for kind, found in collections.items() for item in found}
