"""Turn pydantic's validation errors into messages an author can act on, at the right position."""

from __future__ import annotations

import calendar
import difflib
import re
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from itcomms.content.models.fields import MONTH_PATTERN, QUARTER_PATTERN, SLUG_PATTERN
from itcomms.content.yaml_source import DataPath

_PATTERN_MEANINGS = {
    SLUG_PATTERN: "lowercase letters, digits and hyphens, like new-laptops",
    MONTH_PATTERN: "a month like 2026-03",
    QUARTER_PATTERN: "a quarter like 2026-q1",
    r"^[A-Z]{3}$": "a three-letter currency code like EUR",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "an email address like it-help@example.com",
}

_LIBRARY_ERRORS = frozenset(get_args(ErrorType))
"""Every error type pydantic itself raises; the ones a content model can meet have words of their own below."""

_DATE_TIME_ERRORS = {"datetime_parsing", "datetime_type", "datetime_from_date_parsing", "datetime_object_invalid"}
_DATE_ERRORS = {"date_parsing", "date_type", "date_from_datetime_parsing", "date_from_datetime_inexact"}


def got(value: Any) -> str:
    """A short description of what the author wrote."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "…'"


def locate(error: ErrorDetails, data: Any) -> tuple[DataPath, bool]:
    """The data path an error is about, and whether it is about a key rather than a value.

    Pydantic's ``loc`` mixes real keys and indexes with names of internal
    schemas (union members, validator functions); only the parts that exist in
    the data are kept, plus a final missing key.
    """
    path: list[str | int] = []
    node = data
    about_key = error["type"] == "extra_forbidden"
    loc = error["loc"]
    for index, part in enumerate(loc):
        if part == "[key]":
            about_key = True
        elif (child := _child(node, part)) is not _ABSENT:
            node = child
            path.append(part)
        elif index == len(loc) - 1 and error["type"] == "missing" and isinstance(part, str):
            path.append(part)
    return tuple(path), about_key


_ABSENT = object()


def _child(node: Any, part: int | str) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part, _ABSENT)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return _ABSENT


def message(error: ErrorDetails, model: type[BaseModel]) -> str:
    kind = error["type"]
    value = error.get("input")
    context = error.get("ctx") or {}
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return _unknown_key(error, model)
    if kind in ("literal_error", "enum"):
        expected = str(context.get("expected", "")).replace("'", "").replace(" or ", ", ")
        return f"must be one of {expected} (got {got(value)})"
    if kind in _DATE_TIME_ERRORS:
        return f"must be a date and time like 2026-03-14 09:30 (got {got(value)}{_date_hint(value, with_time=True)})"
    if kind in _DATE_ERRORS:
        return f"must be a date like 2026-03-14 (got {got(value)}{_date_hint(value, with_time=False)})"
    if kind == "string_pattern_mismatch":
        meaning = _PATTERN_MEANINGS.get(str(context.get("pattern")), f"text matching {context.get('pattern')}")
        return f"must be {meaning} (got {got(value)})"
    simple = {
        "string_type": f"must be text (got {got(value)})",
        "string_too_short": "must not be empty",
        "int_type": f"must be a whole number (got {got(value)})",
        "int_parsing": f"must be a whole number (got {got(value)})",
        "int_from_float": f"must be a whole number (got {got(value)})",
        "float_type": f"must be a number (got {got(value)})",
        "float_parsing": f"must be a number (got {got(value)})",
        "finite_number": f"must be a finite number (got {got(value)})",
        "bool_type": f"must be true or false (got {got(value)})",
        "bool_parsing": f"must be true or false (got {got(value)})",
        "list_type": f"must be a list, one entry per line starting with '- ' (got {got(value)})",
        "dict_type": f"must be a mapping of keys to values (got {got(value)})",
        "model_type": f"must be a mapping of keys to values (got {got(value)})",
        "model_attributes_type": f"must be a mapping of keys to values (got {got(value)})",
        "greater_than": f"must be more than {context.get('gt')} (got {got(value)})",
        "greater_than_equal": f"must be at least {context.get('ge')} (got {got(value)})",
        "less_than": f"must be less than {context.get('lt')} (got {got(value)})",
        "less_than_equal": f"must be at most {_bound(context.get('le'))} (got {got(value)})",
        "too_short": f"needs at least {context.get('min_length')} {_entries(context.get('min_length'))}",
        "too_long": f"may have at most {context.get('max_length')} {_entries(context.get('max_length'))}",
    }
    if kind in simple:
        return simple[kind]
    if kind in _LIBRARY_ERRORS:  # the library's own phrase would be its words, not the author's
        return f"is not a value this field takes (got {got(value)}); the field reference in the authoring guide says what it takes"
    text = str(error["msg"])  # one of ours (PydanticCustomError): already in the author's words
    return text[:1].lower() + text[1:]


def _bound(limit: Any) -> str:
    """A limit as a person writes it: 8784, not 8784.0; 1,000,000,000,000, not 1e12."""
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    return f"{limit:,}" if isinstance(limit, int) and abs(limit) >= 100_000 else str(limit)


_TIME_ONLY = re.compile(r"^\s*\d{1,2}[:.h]\d{2}\s*$")
_DAY_FIRST = re.compile(r"^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_PARTS = re.compile(r"^\s*(\d{4})\D(\d{1,2})\D(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2}))?")


def _date_hint(value: Any, *, with_time: bool) -> str:
    """What is wrong with a written date, in the author's terms (never the parser's: "input is too short")."""
    if not isinstance(value, str):
        return ""
    example = "2026-03-14 21:30" if with_time else "2026-03-14"
    if _TIME_ONLY.match(value):
        return f": a time needs its date, like {example}"
    if _DAY_FIRST.match(value):
        return f": write the year first, then the month and the day, like {example}"
    parts = _PARTS.match(value)
    if parts is None:
        return ""
    year, month, day = (int(part) for part in parts.groups()[:3])
    if not 1 <= month <= 12:
        return f": there is no month {month}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f": {calendar.month_name[month]} {year} has no day {day}"
    hour, minute = parts.group(4), parts.group(5)
    if hour is not None and minute is not None and (int(hour) > 23 or int(minute) > 59):
        return f": {hour}:{minute} is not a time of day; times run from 00:00 to 23:59"
    if "/" in value[:10] or "." in value[:10]:
        return f": use hyphens between the year, month and day, like {example}"
    if any(len(part) < 2 for part in parts.groups()[1:3]) or (hour is not None and len(hour) < 2):
        return f": write two digits for the month, day and hour, like {example}"
    return ""


def _entries(count: Any) -> str:
    return "entry" if count == 1 else "entries"


def _unknown_key(error: ErrorDetails, model: type[BaseModel]) -> str:
    key = str(error["loc"][-1])
    known = _field_names_at(model, error["loc"][:-1])
    suggestion = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if suggestion:
        return f"unknown key '{key}'; did you mean '{suggestion[0]}'?"
    if known:
        return f"unknown key '{key}'; expected one of {', '.join(known)}"
    return f"unknown key '{key}'"


def _field_names_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The field names the model expects at ``loc``, following lists, mappings and sub-models."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if isinstance(part, str) and part in annotation.model_fields:
                annotation = annotation.model_fields[part].annotation
        elif get_origin(annotation) is list and isinstance(part, int):
            annotation = get_args(annotation)[0]
        elif get_origin(annotation) is dict and part != "[key]":
            annotation = get_args(annotation)[1]
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Strip ``Annotated`` and ``Optional`` to reach the type underneath."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            members = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = members[0] if len(members) == 1 else annotation
            if len(members) != 1:
                return annotation
        else:
            return annotation


SUGGESTIONS = 3
"""How many close ids a "did you mean" offers."""
LISTED = 10
"""Up to this many allowed ids are all listed when none is close; past it, only the closest few."""


def closest(word: str, candidates: list[str]) -> str:
    """A "did you mean" hint with the closest few, or what is allowed when nothing is close.

    ``candidates`` are the ids the rule would accept there (not every id of the kind), so a suggestion
    never leads to another error."""
    suggestions = difflib.get_close_matches(word, candidates, n=SUGGESTIONS, cutoff=0.6)
    if suggestions:
        return f"did you mean {_either(suggestions)}?"
    if not candidates:
        return "none are defined yet"
    if len(candidates) <= LISTED:
        return f"known: {', '.join(sorted(candidates))}"
    nearest = sorted(candidates, key=lambda candidate: (-_similarity(word, candidate), candidate))[:SUGGESTIONS]
    return f"nothing close; the nearest of the {len(candidates)} known are {', '.join(nearest)}"


def _similarity(word: str, candidate: str) -> float:
    return difflib.SequenceMatcher(None, word, candidate).ratio()


def _either(words: list[str]) -> str:
    quoted = [f"'{word}'" for word in words]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


__all__ = ["closest", "got", "locate", "message"]
