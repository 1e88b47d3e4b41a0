"""Long text cut to a channel's limit, ending with where to read the rest; bare addresses found in text."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

ADDRESS = re.compile(r"(?:https?://|mailto:)[^\s<>\"'|()\[\]{}]+[^\s<>\"'|()\[\]{}.,;:!?]")
"""A web or mail address written out in text. A link made of one shows its own address, so it can hide nothing."""


def within(text: str, limit: int, link: str, escape: Callable[[str], str] = str) -> str:
    """``text`` escaped for a channel and cut to ``limit`` characters, ending with "… (read the rest: <link>)".

    The cut never falls inside an escape (``&amp;``) or an address, which the channel would show broken."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    more = f"… (read the rest: {link})"
    cut = escaped[: max(limit - len(more), 0)]
    entity = cut.rfind("&")
    if entity > len(cut) - 10 and ";" not in cut[entity:]:
        cut = cut[:entity]
    last_space = max(cut.rfind(" "), cut.rfind("\n"))
    if last_space > len(cut) - 200 and ADDRESS.search(cut[last_space:]) is not None:
        cut = cut[:last_space]
    return cut.rstrip() + more


def pieces(text: str) -> Iterator[tuple[str, bool]]:
    """The text in order, as (words, False) and (address, True) pieces."""
    start = 0
    for found in ADDRESS.finditer(text):
        if found.start() > start:
            yield text[start : found.start()], False
        yield found.group(), True
        start = found.end()
    if start < len(text):
        yield text[start:], False
