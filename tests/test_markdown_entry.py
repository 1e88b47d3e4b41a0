"""One way in for Markdown: what validation accepts the renderer turns into HTML, quickly, losing no word.

Validation refuses text nested too deep for Python-Markdown's recursion and what the sanitiser would drop
(see content_cases/markdown-*.yaml); the renderer itself never raises, and leaves code as written.
"""

from __future__ import annotations

import html
import re
import time
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from itcomms.content.markdown_html import MarkdownRenderer
from itcomms.content.models.fields import Markdown

MARKDOWN = TypeAdapter(Markdown)
WORDS = ("alpha", "beta", "gamma", "delta")
TOKENS = (
    *WORDS, " ", " ", "\n", "\n\n", "    ", "[", "]", "(", ")", "`", "``", "- ", "* ", "1. ", "> ", ">", "*", "**",
    "_", "<?", "?>", "<!", "<![CDATA[", "]]>", "!", "![", "\\", "=", "#", ":", "https://x.example/",
)  # fmt: skip
_LINK_TARGET = re.compile(r"\]\s*\([^)]*\)|^\s*\[[^\]]*\]:.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("`=SUM(A1`", "<p><code>=SUM(A1</code></p>"),
        ("Type `f([x` then Enter", "<p>Type <code>f([x</code> then Enter</p>"),
        ("``a ` (b``", "<p><code>a ` (b</code></p>"),
        ("Run:\n\n    =SUM(A1\n    [[[x\n\nDone", "<p>Run:</p>\n<pre><code>=SUM(A1\n[[[x\n</code></pre>\n<p>Done</p>"),
    ],
)
def test_code_is_shown_as_written(text: str, shown: str) -> None:
    assert MarkdownRenderer().html(text) == shown


def test_a_bracket_outside_code_is_still_bounded() -> None:
    assert MarkdownRenderer().html("`(` and (") == "<p><code>(</code> and (</p>"


@pytest.mark.parametrize(
    "text",
    ["- a\n\n    " + "[(" * 4000, "`" + "[(" * 4000 + "`", "a\n\n    " + "[" * 8000, "\\\\`" + "[(" * 3000 + "`"],
)
def test_brackets_in_code_or_beside_it_cost_no_time(text: str) -> None:
    started = time.perf_counter()
    MarkdownRenderer().html(text)
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("text", ["- " * 600 + "x", "> " * 4000 + "x", "1. " * 900 + "x", "- > " * 600 + "x"])
def test_the_renderer_never_raises_however_deep_the_text_nests(text: str) -> None:
    with pytest.raises(ValidationError, match="nests lists or quotes"):
        MARKDOWN.validate_python(text)
    started = time.perf_counter()
    rendered = MarkdownRenderer().html(text)
    assert time.perf_counter() - started < 5
    assert "x" in rendered


def visible_words(text: str) -> list[str]:
    return [word for word in re.findall(r"[a-z]+", text) if word in WORDS]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=400).map("".join))
@example(text="](alpha)")
def test_whatever_validation_accepts_renders_quickly_and_keeps_its_words(text: str) -> None:
    try:
        MARKDOWN.validate_python(text)
    except ValidationError:
        return
    started = time.perf_counter()
    rendered = MarkdownRenderer().html(text)
    assert time.perf_counter() - started < 2
    shown = Counter(visible_words(html.unescape(_TAG.sub(" ", rendered))))
    # A word in brackets' parentheses is a link's target, or text where no link opens ("](alpha)"): shown or
    # not. Every other word is shown, and nothing is shown that the text does not hold.
    assert Counter(visible_words(_LINK_TARGET.sub(" ", text))) <= shown <= Counter(visible_words(text))
