"""Field types shared by every content model: text, links, dates, identifiers and references."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from itcomms.content.mail_address import address_problem
from itcomms.content.markdown_html import dropped_markup
from itcomms.content.markdown_shape import DEEPEST_NESTING, deepest_nesting
from itcomms.content.models.base import REFERENCE_KEYWORD, DocsFile, Ref, Shape
from itcomms.content.models.clock_changes import clock_change_problem, moved_date_problem
from itcomms.content.text_safety import (
    encoded_word,
    line_break,
    refused_character,
    refused_character_message,
    unsafe_link_reason,
    unsafe_markup_reason,
)
from itcomms.content.yaml_source import as_written

PLACEHOLDER = "FILL IN"
"""Text that ``scripts/new`` leaves for an author to replace; it never validates."""
PLACEHOLDER_ID = "fill-in"
"""The id ``scripts/new`` leaves where an author must choose a unit, goal, service, audience or category."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
MONTH_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
QUARTER_PATTERN = r"^[0-9]{4}-q[1-4]$"

FIRST_YEAR, LAST_YEAR = 1990, 2100
"""Every date, month, quarter and year content names falls in these years: outside them is a typo or a
placeholder (9999-12-31), and calendars, durations and fiscal years would run off the end of the calendar."""
LARGEST_NUMBER = 10**12
"""No figure is larger (a trillion): beyond it a number is a typo, and charts and sums lose their footing."""
LARGEST_COUNT = 10**9
LONGEST_HOURS = 24 * 366
"""A response or resolution target longer than a year is a typo."""

LONGEST_TEXT = 10_000
"""Characters in one text field (about 1,500 words; the longest in the demo has 1,000). Turning Markdown into
HTML takes time that grows faster than the text for some inputs, so the bound keeps every field's cost small."""
LONGEST_LINE = 300


def year_problem(year: int) -> str | None:
    """Why a year is refused, or ``None`` when it is within the years content may name."""
    if FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return f"is in the year {year}; dates must fall between {FIRST_YEAR} and {LAST_YEAR}"


def _check_text(value: str) -> str:
    if len(value) > LONGEST_TEXT:
        raise PydanticCustomError(
            "text_too_long",
            "is {length} characters long; keep a text under {longest} (say less, or link to a document)",
            {"length": f"{len(value):,}", "longest": f"{LONGEST_TEXT:,}"},
        )
    if value.strip().startswith(PLACEHOLDER):
        raise PydanticCustomError("placeholder", "still holds the template's placeholder text; write your own")
    if reason := unsafe_markup_reason(value):
        raise PydanticCustomError("unsafe_markup", reason)
    # One rule for the characters of every text (text_safety.py): the email builder holds headers to it too.
    if char := refused_character(value):
        raise PydanticCustomError("control_character", refused_character_message(char))
    return value


_IMAGE = re.compile(r"!\[[^\]\n]*\][ \t]*\n?[ \t]*(?:\([^)\n]*\)?|\[[^\]\n]*\]?)")
"""The usual image forms, to quote as written; ``dropped_markup`` finds every other."""


def _check_markdown(value: str) -> str:
    # Nesting first: converting text nested hundreds deep exhausts Python's stack (markdown_shape.py).
    depth, line = deepest_nesting(value)
    if depth > DEEPEST_NESTING:
        raise PydanticCustomError(
            "nesting",
            "nests lists or quotes {depth} deep (line {line} of the text); keep it to {deepest} levels or fewer",
            {"depth": depth, "line": line, "deepest": DEEPEST_NESTING},
        )
    # The page's sanitiser keeps no images (a picture from another host could track readers), so one written
    # here would vanish without a word: say so instead.
    if image := _IMAGE.search(value):
        raise PydanticCustomError(
            "image",
            "images are not shown on the site (found '{found}'); link to the picture instead, like [the diagram](https://…)",
            {"found": image.group()[:80]},
        )
    # Whatever else the sanitiser would remove (an image the pattern above does not know, an XML declaration,
    # a CDATA section), found as the renderer converts it: one rule for "vanishes from the page".
    if dropped := dropped_markup(value):
        shown = " ".join(dropped.split())[:80]
        if dropped.startswith("!["):
            raise PydanticCustomError(
                "image",
                "images are not shown on the site (found '{found}'); link to the picture instead, like [the diagram](https://…)",
                {"found": shown},
            )
        raise PydanticCustomError(
            "dropped_markup",
            "holds '{found}', markup the page cannot show, so it would vanish; remove it, "
            "or put it between backticks (`like this`) to show it as written",
            {"found": shown},
        )
    return value


def _check_single_line(value: str) -> str:
    if len(value.strip()) > LONGEST_LINE:
        raise PydanticCustomError(
            "line_too_long",
            "is {length} characters long; keep one line of text under {longest}",
            {"length": f"{len(value.strip()):,}", "longest": LONGEST_LINE},
        )
    if brk := line_break(value.strip()):
        shown = "" if brk == "\n" else f" (found a line break character, U+{ord(brk):04X})"
        raise PydanticCustomError("single_line", "must fit on one line{shown}", {"shown": shown})
    # Titles and names become email subjects and senders, where a mail program decodes an encoded word.
    if word := encoded_word(value):
        raise PydanticCustomError(
            "encoded_word",
            "holds '{found}', which mail programs decode as hidden text (an RFC 2047 encoded word) "
            "that can carry a line break into an email header; write the words themselves",
            {"found": word[:60]},
        )
    return value.strip()


def _check_email_address(value: str) -> str:
    if problem := address_problem(value):
        raise PydanticCustomError("email_address", problem)
    return value


def _check_year(value: Any) -> Any:
    if isinstance(value, date) and (problem := year_problem(value.year)):
        raise PydanticCustomError("year_range", problem)
    return value


def _check_period_year(value: str) -> str:
    if value[:4].isdigit() and (problem := year_problem(int(value[:4]))):
        raise PydanticCustomError("year_range", problem)
    return value


def _check_link(value: str) -> str:
    value = value.strip()
    if reason := unsafe_link_reason(value):
        raise PydanticCustomError("unsafe_link", reason)
    if not re.match(r"^(?:https?://[^\s/]+|mailto:[^\s@]+@[^\s@]+|tel:[+0-9 ()-]+$)", value):
        raise PydanticCustomError(
            "link", "must be a full web address (https://…), a mailto: or a tel: link (got '{value}')", {"value": value}
        )
    return value


def _check_request_link(value: str) -> str:
    if not re.match(r"^(?:https?|mailto):", value):
        raise PydanticCustomError(
            "request_link",
            "must be a web address (https://…) or a mailto: link people can ask with; "
            "a phone number goes under support.phone (got '{value}')",
            {"value": value},
        )
    return value


def _check_docs_path(value: str) -> str:
    value = value.strip()
    # No way out of docs/ and nothing but a plain relative path: "", "." and ".." parts are refused.
    if "\\" in value or ":" in value or any(part in ("", ".", "..") for part in value.split("/")):
        raise PydanticCustomError(
            "docs_path", "must be a path inside docs/, like assets/videos/intro.webm (got '{value}')", {"value": value}
        )
    return value


def _check_timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ValueError, KeyError, OSError):
        raise PydanticCustomError(
            "timezone", "must be an IANA time zone name like Europe/London (got '{value}')", {"value": value}
        ) from None
    return value


def _require_text_or_date(value: Any) -> Any:
    """Numbers are never dates: ``2026`` must not silently become a moment in 1970."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise PydanticCustomError("date_type", "must be a date, written like 2026-03-14")
    return value


def _in_site_timezone(value: datetime, info: ValidationInfo) -> datetime:
    """Times written without a zone are in the department's timezone; around a clock change, say which is meant."""
    timezone = (info.context or {}).get("timezone")
    if value.tzinfo is not None:
        if timezone is not None and (problem := moved_date_problem(value, timezone)):
            raise PydanticCustomError("zone_moves_date", problem)
        return value
    if timezone is None:
        raise PydanticCustomError("timezone_unknown", "needs a time zone (the site's time zone is not known)")
    if problem := clock_change_problem(value, timezone):
        raise PydanticCustomError("clock_change", problem)
    return value.replace(tzinfo=timezone)


Text = Annotated[
    str,
    BeforeValidator(as_written),
    StringConstraints(min_length=1),
    AfterValidator(_check_text),
    Shape("plain text (shown as written, never as Markdown)", prose=True),
]
"""Plain text that may span lines."""

Line = Annotated[
    str,
    BeforeValidator(as_written),  # a phone number or a version as written: 01614960100, 3.10
    StringConstraints(min_length=1),
    AfterValidator(_check_text),
    AfterValidator(_check_single_line),
    Shape("plain text on one line", prose=True),
]
"""Plain text on one line: a title or a name."""

Markdown = Annotated[
    str,
    BeforeValidator(as_written),
    StringConstraints(min_length=1),
    AfterValidator(_check_text),
    AfterValidator(_check_markdown),
    WithJsonSchema({"type": "string", "minLength": 1, "description": "Markdown text; no raw HTML"}),
    Shape("Markdown text: paragraphs, lists, **bold**, [links](https://…)", prose=True),
]
"""Markdown text: paragraphs, lists, **bold**, [links](https://…). No raw HTML."""

Slug = Annotated[
    str, StringConstraints(pattern=SLUG_PATTERN), Shape("short name: lowercase letters, digits and hyphens")
]
Email = Annotated[
    str,
    StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    AfterValidator(_check_email_address),  # one that mail carries: it is sent from (mail_address.py)
    Shape("email address"),
]
WebLink = Annotated[
    str,
    AfterValidator(_check_link),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://|mailto:|tel:)"}),
    Shape("web address (https://…), or a mailto: or tel: link"),
]
RequestLink = Annotated[
    str,
    AfterValidator(_check_link),
    AfterValidator(_check_request_link),
    Shape("web address (https://…) of a form, or a mailto: link"),
    WithJsonSchema({"type": "string", "pattern": r"^(https?://|mailto:)"}),
]
"""Where people ask for something: a web form or an email address, never a phone number."""
DocsPath = Annotated[
    str,
    AfterValidator(_check_docs_path),
    DocsFile(),
    Shape("path of a file under docs/, like assets/videos/vpn.webm"),
    WithJsonSchema({"type": "string", "pattern": r"^[^/\\:]", "description": "A path under docs/"}),
]
"""A file published with the site, as a path under ``docs/``; it must exist there."""
TimeZoneName = Annotated[str, AfterValidator(_check_timezone), Shape("time zone name, like Europe/London")]
Month = Annotated[
    str, StringConstraints(pattern=MONTH_PATTERN), AfterValidator(_check_period_year), Shape("month, like 2026-03")
]
Quarter = Annotated[
    str, StringConstraints(pattern=QUARTER_PATTERN), AfterValidator(_check_period_year), Shape("quarter, like 2026-q1")
]

_DATE_TIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$"
)

LocalDateTime = Annotated[
    datetime,
    BeforeValidator(_require_text_or_date),
    AfterValidator(_in_site_timezone),
    AfterValidator(_check_year),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _DATE_TIME_PATTERN,
            "description": "Date and time like 2026-03-14 09:30; without a zone it is the site's time zone",
        }
    ),
    Shape("date and time, like 2026-03-14 09:30 (in the site's time zone)"),
]
Day = Annotated[
    date,
    BeforeValidator(_require_text_or_date),
    AfterValidator(_check_year),
    WithJsonSchema(
        {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "A date like 2026-03-14"}
    ),
    Shape("date, like 2026-03-14"),
]

Percent = Annotated[float, Field(ge=0, le=100), Shape("percentage, from 0 to 100")]
Count = Annotated[int, Field(ge=0, le=LARGEST_COUNT), Shape("whole number, 0 or more")]
Amount = Annotated[float, Field(ge=0, le=LARGEST_NUMBER), Shape("number, 0 or more")]
Figure = Annotated[float, Field(ge=-LARGEST_NUMBER, le=LARGEST_NUMBER), Shape("number")]
"""A measured value (a KPI's): any sign, finite and no larger than a trillion."""
TargetHours = Annotated[float, Field(gt=0, le=LONGEST_HOURS), Shape("number of hours, more than 0")]
DurationHours = Annotated[float, Field(ge=0, le=LONGEST_HOURS), Shape("number of hours, 0 or more")]
"""How long something took, in hours (a median time to resolve): a year at most, past which it is a typo."""

ServiceId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("service")]
UnitId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("unit")]
GoalId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("goal")]
AudienceId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("audience")]
CategoryId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("category")]
MetricId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN), Ref("metric")]
NewsletterMonth = Annotated[
    str, StringConstraints(pattern=MONTH_PATTERN), AfterValidator(_check_period_year), Ref("newsletter")
]
"""Another newsletter issue, by the month it covers (2026-03): its file is newsletters/2026-03.yaml."""

ITEM_KINDS = ("service", "incident", "maintenance", "accomplishment", "award", "talk", "metric", "survey")
ItemRef = Annotated[
    str,
    StringConstraints(pattern=rf"^(?:{'|'.join(ITEM_KINDS)}):[a-z0-9]+(?:-[a-z0-9]+)*$"),
    Ref("item"),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": rf"^({'|'.join(ITEM_KINDS)}):[a-z0-9-]+$",
            "description": "Another item, as kind:id, for example accomplishment:new-laptops",
            REFERENCE_KEYWORD: "item",  # kept through the schema written here, so the schemas offer the items
        }
    ),
]
"""A reference to any item, written ``kind:id`` (``accomplishment:new-laptops``)."""
