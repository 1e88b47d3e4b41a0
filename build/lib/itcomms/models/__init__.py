"""Typed models of every kind of content file."""

from .achievements import Accomplishment, Award, Savings, Talk
from .base import ContentFile, ContentModel, Finding, Identity, Ref
from .glossary import Glossary, GlossaryTerm
from .incident import Impact, Incident, IncidentUpdate, UpdateState
from .maintenance import Cancellation, Maintenance, Revision
from .metric import Better, Metric, PeriodLength
from .publications import Newsletter, Report, Story
from .service import Lifecycle, Service
from .site import BusinessUnit, Person, SiteSettings, StrategicGoal
from .survey import Survey
from .units import TicketSummary, UnitReview

__all__ = [
    "Accomplishment",
    "Award",
    "Better",
    "BusinessUnit",
    "Cancellation",
    "ContentFile",
    "ContentModel",
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
