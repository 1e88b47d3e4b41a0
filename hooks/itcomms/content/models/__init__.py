"""Typed models of every kind of content file."""

from itcomms.content.models.achievements import Accomplishment, Award, Savings, Talk
from itcomms.content.models.base import ContentFile, ContentModel, Finding, Identity, PublishedItem, Ref
from itcomms.content.models.glossary import Glossary, GlossaryTerm
from itcomms.content.models.incident import Impact, Incident, IncidentUpdate, UpdateState
from itcomms.content.models.maintenance import Cancellation, Maintenance, Revision
from itcomms.content.models.metric import Better, Derivation, Metric, PeriodLength
from itcomms.content.models.publications import Newsletter, Report, Story
from itcomms.content.models.service import Lifecycle, Service
from itcomms.content.models.settings import BusinessUnit, Person, SiteSettings, StrategicGoal
from itcomms.content.models.survey import Survey
from itcomms.content.models.units import TicketSummary, UnitReview

__all__ = [
    "Accomplishment",
    "Award",
    "Better",
    "BusinessUnit",
    "Cancellation",
    "ContentFile",
    "ContentModel",
    "Derivation",
    "Finding",
    "Glossary",
    "GlossaryTerm",
    "Identity",
    "Impact",
    "Incident",
    "IncidentUpdate",
    "Lifecycle",
    "Maintenance",
    "Metric",
    "Newsletter",
    "PeriodLength",
    "Person",
    "PublishedItem",
    "Ref",
    "Report",
    "Revision",
    "Savings",
    "Service",
    "SiteSettings",
    "Story",
    "StrategicGoal",
    "Survey",
    "Talk",
    "TicketSummary",
    "UnitReview",
    "UpdateState",
]
