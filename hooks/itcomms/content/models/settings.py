"""``content/site.yaml``: the department, its strategic goals, business units and settings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import time
from typing import Annotated

from pydantic import Field, WithJsonSchema

from itcomms.content.models.base import ContentFile, ContentModel, Finding, Shape
from itcomms.content.models.fields import Day, Email, Line, Slug, Text, TimeZoneName, WebLink


class Person(ContentModel):
    """Someone readers can contact."""

    name: Line
    """Full name."""
    role: Line | None = None
    """Job title, in words a reader outside IT understands."""
    email: Email
    """Work email address."""
    phone: Line | None = None
    """Phone number, as staff would dial it."""


class Contact(ContentModel):
    """How to reach a team."""

    email: Email
    """Email address that reaches the team."""
    phone: Line | None = None
    """Phone number, as staff would dial it."""
    url: WebLink | None = None
    """The portal or page where people ask for help."""
    hours: Line | None = None
    """When someone answers, for example "Monday to Friday, 8:00 to 18:00"."""


class StrategicGoal(ContentModel):
    """One of the company's strategic goals that IT's work advances."""

    id: Slug
    """Short name used to refer to the goal from other files, for example `customer-experience`."""
    name: Line
    """The goal as the business states it."""
    description: Text
    """What the goal means, in a sentence or two."""


class BusinessUnit(ContentModel):
    """A part of the company that IT serves, with its IT liaison and its business lead."""

    id: Slug
    """Short name used in addresses and other files, for example `sales`."""
    name: Line
    """The unit's name as staff know it."""
    description: Text
    """What the unit does, in a sentence."""
    liaison: Person
    """The person in IT who looks after this unit."""
    lead: Person
    """The unit's leader, whom IT meets every quarter."""


class Audience(ContentModel):
    """A group of staff a service is for, such as new starters or people who travel."""

    id: Slug
    """Short name used in service files, for example `everyone`."""
    name: Line
    """The group's name as readers would say it."""
    everyone: bool = False
    """True when the group is all staff: the catalogue then shows its services to every group."""


class ServiceCategory(ContentModel):
    """A heading under which the service catalogue groups services."""

    id: Slug
    """Short name used in service files, for example `collaboration`."""
    name: Line
    """The heading shown in the catalogue."""
    description: Text
    """What the services in this category have in common."""


class NewsletterSettings(ContentModel):
    """How the monthly newsletter is sent."""

    name: Line | None = None
    """What the newsletter is called in its subject line, feed and pages; by default "<department> news"."""
    from_name: Line
    """The sender's name shown in the reader's inbox."""
    from_address: Email
    """The sender's address."""
    word_budget: Annotated[int, Field(ge=50, le=10_000)] = 250
    """Most words the email may hold before its first "read more" link."""


ClockTime = Annotated[
    time,
    WithJsonSchema({"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$", "description": "A time like 20:00"}),
    Shape("time of day, like 20:00 (24-hour clock)"),
]


class StatusSettings(ContentModel):
    """How status updates are published."""

    feed_items: Annotated[int, Field(ge=1, le=1000)] = 50
    """How many of the latest updates each status feed holds."""
    announce_days: Annotated[int, Field(ge=0, le=365)] = 14
    """How many days before it starts a maintenance window without `announce_from` is announced."""
    banner_days: Annotated[int, Field(ge=0, le=60)] = 7
    """How many days ahead planned maintenance shows in the banner on every page."""
    maintenance_from: ClockTime = time(20, 0)
    """When the department's usual quiet slot for maintenance starts, in its time zone; `scripts/new maintenance`
    plans a new window in it."""
    maintenance_until: ClockTime = time(22, 0)
    """When that slot ends; earlier than the start means the next morning."""


STARTER_JARGON: dict[str, str] = {
    "leverage": "use",
    "utilise": "use",
    "utilize": "use",
    "facilitate": "help",
    "in order to": "to",
    "prior to": "before",
    "going forward": "from now on",
    "end users": "people",
    "stakeholders": "the people involved",
    "impacted": "affected",
    "remediate": "fix",
    "root cause": "cause",
    "degraded performance": "slower than usual",
    "intermittent": "on and off",
    "latency": "delay",
    "functionality": "features",
    "deprecated": "being retired",
    "mission-critical": "essential",
    "commence": "start",
}
"""Jargon ``scripts/validate`` warns about when ``plain_language.jargon`` is left out of site.yaml."""


class PlainLanguage(ContentModel):
    """How plain the writing must be: ``scripts/validate`` warns (without failing) about anything past these limits."""

    reading_grade: Annotated[float, Field(ge=1, le=20)] = 9
    """The highest school grade a summary may need (Flesch-Kincaid); 9 suits most adults."""
    summary_words: Annotated[int, Field(ge=5, le=1_000)] = 40
    """The most words a summary may have."""
    story_words: Annotated[int, Field(ge=20, le=5_000)] = 120
    """The most words a newsletter story may have."""
    jargon: dict[Line, Line] = STARTER_JARGON
    """Phrases to avoid, each with the plainer words to write instead, like `leverage: use`; left out, a starter list applies, and `{}` turns the check off."""


class AccessibilityStatement(ContentModel):
    """What the accessibility statement promises and when people last looked at it."""

    prepared: Day | None = None
    """The day the statement was first prepared."""
    reviewed: Day | None = None
    """The day someone last reviewed it against the site (the tests run on every build; this is a person's look)."""
    reply_within_days: Annotated[int, Field(ge=1, le=30)] = 5
    """Working days within which the service desk replies to a reported barrier."""


class SiteSettings(ContentFile):
    """The IT department: who it is, when its year starts and whom it serves."""

    name: Line
    """The department's name as staff know it, for example "Northwind IT"."""
    organisation: Line
    """The company's name."""
    tagline: Text | None = None
    """One sentence under the name on the home page."""
    timezone: TimeZoneName
    """IANA time zone (for example Europe/London); times written without a zone are in it."""
    fiscal_year_start: Annotated[int, Field(ge=1, le=12)] = 1
    """The month (1 to 12) the company's financial year starts; reports and reviews follow it."""
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "EUR"
    """Three-letter currency code used for money saved and costs, for example GBP."""
    contact: Contact
    """How staff reach the IT service desk."""
    leader: Person
    """The head of IT, who signs the annual report."""
    newsletter: NewsletterSettings
    """How the monthly newsletter is sent."""
    status: StatusSettings = StatusSettings()
    """How status updates are published."""
    plain_language: PlainLanguage = PlainLanguage()
    """Limits for plain writing: reading grade, word budgets, jargon."""
    accessibility: AccessibilityStatement = AccessibilityStatement()
    """The accessibility statement's dates and its promise of a reply."""
    strategic_goals: Annotated[list[StrategicGoal], Field(min_length=1)]
    """The company's strategic goals that IT's work is tied to."""
    business_units: Annotated[list[BusinessUnit], Field(min_length=1)]
    """The parts of the company IT serves."""
    audiences: Annotated[list[Audience], Field(min_length=1)]
    """The groups of staff services are meant for."""
    service_categories: Annotated[list[ServiceCategory], Field(min_length=1)]
    """The headings of the service catalogue."""

    def findings(self) -> Iterator[Finding]:
        for field in ("strategic_goals", "business_units", "audiences", "service_categories"):
            entries = getattr(self, field)
            counts = Counter(entry.id for entry in entries)
            for index, entry in enumerate(entries):
                if counts[entry.id] > 1:
                    yield Finding((field, index, "id"), f"id '{entry.id}' is used more than once; each must be unique")
