"""Text for synthetic content at the length the demo's own authors write, and a measure of how long it is.

The demo's items set the lengths (words per field, counted from ``content/``):
a service's summary is about 15 words and its description about 60, in two
paragraphs with a short list and bold text; an incident's summary and cause
are 20 to 30 words and each of its three to five updates about 18; an
accomplishment's summary about 20. Glossary terms and links appear in the
text as they do in the demo, so the glossary tooltips and link checks work as
hard as they do on real content.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from statistics import mean

import yaml

_WORDS = [
    "the",
    "team",
    "moved",
    "every",
    "depot",
    "to",
    "the",
    "new",
    "network",
    "so",
    "drivers",
    "and",
    "warehouse",
    "staff",
    "can",
    "sign",
    "in",
    "faster",
    "and",
    "see",
    "their",
    "routes",
    "without",
    "waiting",
    "for",
    "the",
    "old",
    "system",
    "to",
    "answer",
    "we",
    "tested",
    "each",
    "step",
    "with",
    "people",
    "from",
    "finance",
    "and",
    "operations",
    "before",
    "switching",
    "over",
    "and",
    "kept",
    "the",
    "old",
    "service",
    "running",
    "for",
    "a",
    "week",
    "in",
    "case",
    "anything",
    "went",
    "wrong",
    "most",
    "requests",
    "now",
    "take",
    "minutes",
    "instead",
    "of",
    "hours",
    "and",
    "the",
    "service",
    "desk",
    "answers",
    "fewer",
    "calls",
    "about",
    "passwords",
    "printers",
    "and",
    "handheld",
    "scanners",
]
GLOSSARY_TERMS = ("VPN", "MFA", "Wi-Fi", "SLA", "Teams", "Outlook", "OneDrive", "handheld", "WMS")
"""Terms the synthetic glossary defines, used in the text as the demo uses its own."""


def sentence(rng: random.Random, words: int) -> str:
    """About ``words`` words ending in a full stop, with a glossary term now and then."""
    chosen = [rng.choice(_WORDS) for _ in range(max(words, 3))]
    if rng.random() < 0.5:
        chosen[rng.randrange(1, len(chosen))] = rng.choice(GLOSSARY_TERMS)
    return " ".join(chosen).capitalize() + "."


def text(rng: random.Random, words: int) -> str:
    """Plain text of about ``words`` words, in sentences of 8 to 16."""
    sentences = []
    while words > 0:
        length = min(rng.randrange(8, 17), max(words, 3))
        sentences.append(sentence(rng, length))
        words -= length
    return " ".join(sentences)


def markdown(rng: random.Random, words: int, link: str | None = None) -> str:
    """Markdown of about ``words`` words: a paragraph, a list of three with bold text, and a closing line."""
    items = [f"- **{rng.choice(_WORDS).capitalize()}**: {text(rng, words // 8)}" for _ in range(3)]
    closing = text(rng, words // 6)
    if link:
        closing += f" [Read the guide]({link})."
    return "\n\n".join([text(rng, words // 2), "\n".join(items), closing]) + "\n"


def words_in(value: object) -> int:
    """Every word of every string in a parsed YAML value."""
    if isinstance(value, str):
        return len(value.split())
    if isinstance(value, dict):
        return sum(words_in(item) for item in value.values())
    if isinstance(value, list):
        return sum(words_in(item) for item in value)
    return 0


KINDS = ("services", "incidents", "accomplishments", "maintenance")


def words_per_file(content: Path, kinds: Iterable[str] = KINDS) -> dict[str, float]:
    """The mean number of words in a file of each kind under ``content``."""
    found = {}
    for kind in kinds:
        files = sorted((content / kind).rglob("*.yaml"))
        if files:
            found[kind] = mean(words_in(yaml.safe_load(path.read_text(encoding="utf-8"))) for path in files)
    return found


def volume_against(reference: Path, content: Path) -> str:
    """How many words a file of each kind under ``content`` holds against one under ``reference``: services 1.08x."""
    theirs, ours = words_per_file(reference), words_per_file(content)
    return ", ".join(f"{kind} {ours[kind] / theirs[kind]:.2f}x" for kind in theirs if kind in ours)
