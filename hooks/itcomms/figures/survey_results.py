"""Satisfaction survey results over time: scores per question and per business unit, quotes, "you said, we did".

Questions are matched across surveys by their id, so a question asked every
time makes one line over time even if its wording changed; its latest
wording is shown. The **headline question** is the first question of the
latest survey (usually "overall").
"""

from __future__ import annotations

from dataclasses import dataclass

from itcomms.content.models import Survey
from itcomms.content.models.survey import Action, Question, Quote
from itcomms.site import Site

SURVEYS_SHOWN = 8
"""How many of the latest surveys the charts and tables show, so the pages stay small as years pass."""
ACTION_SURVEYS = 3
"""How many of the latest surveys' "you said, we did" actions are shown."""


@dataclass(frozen=True)
class ScoreRow:
    """One line of a score chart and a row of its table."""

    label: str
    """The full text of the row: a question or a business unit."""
    short: str
    """A short name for the chart's legend, made from an id: charts never carry an author's free text."""
    scores: tuple[float | None, ...]
    """One per survey, oldest first; None where the survey has no score for it."""


@dataclass(frozen=True)
class ScoreHistory:
    """Scores over the latest surveys, oldest first."""

    surveys: tuple[Survey, ...]
    rows: tuple[ScoreRow, ...]
    responses: tuple[int | None, ...]
    """How many people answered each survey (of the unit, when the history is one unit's)."""
    scale: int
    """The highest possible score."""


def recent_surveys(site: Site, count: int = SURVEYS_SHOWN) -> tuple[Survey, ...]:
    """The latest ``count`` surveys, oldest first."""
    return tuple(reversed(site.surveys[:count]))


def _questions(surveys: tuple[Survey, ...]) -> list[Question]:
    """Every question asked in the surveys, latest wording, in the order the latest survey asks them."""
    by_id: dict[str, Question] = {}
    for survey in reversed(surveys):
        for question in survey.questions:
            by_id.setdefault(question.id, question)
    return list(by_id.values())


def _short(slug: str) -> str:
    return slug.replace("-", " ").capitalize()


def _scale(surveys: tuple[Survey, ...]) -> int:
    return max((question.scale for survey in surveys for question in survey.questions), default=5)


def question_history(site: Site, unit_id: str | None = None) -> ScoreHistory:
    """Each question's average score per survey: everyone's, or one unit's."""
    surveys = recent_surveys(site)
    if unit_id is not None:
        surveys = tuple(survey for survey in surveys if unit_id in survey.by_unit)
    rows = tuple(
        ScoreRow(
            question.text,
            _short(question.id),
            tuple(_scores(survey, unit_id).get(question.id) for survey in surveys),
        )
        for question in _questions(surveys)
    )
    responses = tuple(survey.responses if unit_id is None else survey.by_unit[unit_id].responses for survey in surveys)
    return ScoreHistory(surveys, rows, responses, _scale(surveys))


def _scores(survey: Survey, unit_id: str | None) -> dict[str, float]:
    if unit_id is None:
        return survey.scores
    result = survey.by_unit.get(unit_id)
    return result.scores if result else {}


def headline_question(site: Site) -> Question | None:
    """The first question of the latest survey."""
    return site.surveys[0].questions[0] if site.surveys else None


def unit_history(site: Site) -> ScoreHistory:
    """The headline question's score per business unit (and for everyone) per survey."""
    surveys = recent_surveys(site)
    question = headline_question(site)
    if question is None:
        return ScoreHistory((), (), (), 5)
    rows = [ScoreRow("Everyone", "Everyone", tuple(survey.scores.get(question.id) for survey in surveys))]
    for unit in site.units.values():
        scores = tuple(_scores(survey, unit.id).get(question.id) for survey in surveys)
        if any(score is not None for score in scores):
            rows.append(ScoreRow(unit.name, _short(unit.id), scores))
    return ScoreHistory(surveys, tuple(rows), tuple(survey.responses for survey in surveys), _scale(surveys))


def quotes(site: Site, unit_id: str | None = None) -> tuple[Quote, ...]:
    """The latest survey's quotes (one unit's, or everyone's)."""
    if not site.surveys:
        return ()
    return tuple(quote for quote in site.surveys[0].quotes if unit_id is None or quote.unit == unit_id)


@dataclass(frozen=True)
class SurveyActions:
    survey: Survey
    actions: tuple[Action, ...]


def actions(site: Site, unit_id: str | None = None) -> tuple[SurveyActions, ...]:
    """ "You said, we did" of the latest surveys, latest first; for a unit, its own and those for everyone."""
    found = []
    for survey in site.surveys[:ACTION_SURVEYS]:
        chosen = tuple(action for action in survey.actions if unit_id is None or action.unit in (None, unit_id))
        if chosen:
            found.append(SurveyActions(survey, chosen))
    return tuple(found)
