"""How deep a Markdown text nests its blocks, so validation can refuse what would exhaust the renderer's stack.

Python-Markdown builds nested lists and quotes by recursion: 600 list markers on one line (``- - - … x``,
1,200 characters) raised RecursionError. No text people read nests lists or quotes more than a few levels,
so a small bound costs nothing and keeps every conversion far from Python's limit.
"""

from __future__ import annotations

import re

DEEPEST_NESTING = 10
"""Most lists and quotes one line may sit inside; a reader is lost long before."""

_CONTAINER = re.compile(r" {0,3}(?:>|[-*+](?=[ \t]|$)|[0-9]{1,9}[.)](?=[ \t]|$))[ \t]?")
"""One container marker at the start of what is left of a line: a quote's ``>``, a bullet, a number."""
_THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
"""``- - -`` or ``* * *`` is a rule across the page, not three lists."""


def deepest_nesting(text: str) -> tuple[int, int]:
    """How many lists and quotes the most deeply nested line sits in, and that line's number in the text."""
    deepest, at = 0, 1
    for number, line in enumerate(text.split("\n"), 1):
        expanded = line.expandtabs(4)
        if _THEMATIC_BREAK.match(expanded):
            continue
        rest = expanded.lstrip(" ")
        depth = 0
        while marker := _CONTAINER.match(rest):
            depth += 1
            rest = rest[marker.end() :]
        if depth:  # indentation nests a list inside the one above it, four spaces a level
            depth += (len(expanded) - len(expanded.lstrip(" "))) // 4
        if depth > deepest:
            deepest, at = depth, number
    return deepest, at
