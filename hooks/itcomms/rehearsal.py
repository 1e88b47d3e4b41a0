"""The build without the writing: what ``scripts/validate`` runs after its checks, so what it accepts renders.

Every output the build makes is made in memory, through the build's own
rendering (its gate for published paths included), from the site as a preview
assembles it (drafts in, so a draft is checked before it is published): pages,
feeds, calendar, JSON, emails, charts. Each file is then read back the way its
readers read it (XML, JSON, iCalendar, email). Nothing is written.

A stage that fails on content validation accepted is a defect, and it is told
as one: positioned at the content value that reached it, found among the
values the failing code held when it stopped (the deepest one that is an
author's text, or else the item), so the author knows what to change until
the defect is fixed.
"""

from __future__ import annotations

import json
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from types import TracebackType

import icalendar
from lxml import etree

from itcomms import outputs
from itcomms.content.loaded import ContentCheck, LoadedItem
from itcomms.content.models import ContentFile
from itcomms.problems import ContentError, Problem
from itcomms.rendering.outputs import Artefact

_XML = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
SHORTEST_BLAMED_TEXT = 4
"""A text this short (a state, a unit) is held by too many places to say which one it was."""


def rehearse(check: ContentCheck, render: Callable[[], outputs.Rendered]) -> list[Problem]:
    """Make every output in memory with ``render`` (the build's own, theme partials included) and read each file
    back; the problems found."""
    try:
        rendered = render()
        for output in rendered.outputs:
            if isinstance(output, Artefact):
                read_back(output)
    except ContentError as error:  # the build's own refusal (two sources for a published file): told as it is
        return list(error.problems)
    except Exception as error:  # any other failure here is a defect: it is reported, never raised
        return [blame(error, check)]
    return []


def read_back(artefact: Artefact) -> None:
    """Read a generated file as its readers will; raises what they would stumble on."""
    suffix = artefact.path.rsplit(".", 1)[-1]
    if suffix in ("atom", "xml", "svg"):
        etree.fromstring(artefact.content, parser=_XML)
    elif suffix == "json":
        json.loads(artefact.content)
    elif suffix == "ics":
        calendar = icalendar.Calendar.from_ical(artefact.content)
        if calendar.name != "VCALENDAR" or not artefact.content.rstrip().endswith(b"END:VCALENDAR"):
            raise ValueError(f"{artefact.path} is not one whole calendar")
    elif suffix == "eml":
        message = message_from_bytes(artefact.content, policy=policy.strict)
        if message.defects or not message["Subject"]:
            raise ValueError(f"{artefact.path} is not a well-formed email ({message.defects or 'no subject'})")


def blame(error: BaseException, check: ContentCheck) -> Problem:
    """The problem for a stage that failed: at the content value the failing code held, deepest first."""
    reason = "".join(traceback.format_exception_only(type(error), error)).strip().splitlines()[-1][:200]
    message = (
        f"this value passed every check but the site could not be built from it ({reason}); this is a defect "
        "in the site's code, so please report it; until it is fixed, change or remove this value"
    )
    texts = {prose.text: (loaded, prose.path) for loaded in check.items for prose in loaded.marks.prose}
    for held in _held_by_frame(error.__traceback__):
        # The texts this frame held, or was made from ("Investigating: " + a title); the likeliest culprit is the
        # one with the most characters out of the ordinary, then the longest.
        found = {
            text
            for value in held
            if isinstance(value, str) and len(value) >= SHORTEST_BLAMED_TEXT
            for text in texts
            if len(text) >= SHORTEST_BLAMED_TEXT and text in value
        }
        if found:
            loaded, path = texts[max(found, key=lambda text: (_unusual(text), len(text)))]
            return _at(loaded, path, message)
        for value in held:
            if isinstance(value, ContentFile):
                item = next((loaded for loaded in check.items if loaded.item is value), None)
                if item is not None:
                    return _at(item, (), message)
    return Problem("content", 1, 1, "", message)


def _held_by_frame(trace: TracebackType | None) -> Iterator[list[object]]:
    """The values each frame of a traceback held, from where it stopped outwards."""
    frames = []
    while trace is not None:
        frames.append(trace.tb_frame)
        trace = trace.tb_next
    for frame in reversed(frames):
        held: list[object] = []
        for value in frame.f_locals.values():
            held.append(value)
            if isinstance(value, (list, tuple)) and len(value) <= 100:
                held.extend(value)
            # A library's object holds the text it was given (a feed entry its title) in its attributes.
            attributes = getattr(value, "__dict__", None)
            if isinstance(attributes, dict) and not isinstance(value, type):
                for attribute in attributes.values():
                    held.extend(attribute.values() if isinstance(attribute, dict) else [attribute])
        yield held


def _unusual(text: str) -> int:
    """Characters readers and writers of files stumble on: controls, format characters, unassigned ones."""
    return sum(unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn") for char in text)


def _at(loaded: LoadedItem, path: tuple[str | int, ...], message: str) -> Problem:
    position = loaded.source.locate(path)
    field = ".".join(str(part) for part in path)
    return Problem(loaded.identity.file, position.line, position.column, field, message)
