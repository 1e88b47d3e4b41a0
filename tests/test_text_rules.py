"""The one rule for the characters of text: by Unicode category, checked for every code point and generated text."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from itcomms.content.models.fields import Line, Markdown, Text
from itcomms.content.text_safety import encoded_word, line_break, refused_character

HIDING_FORMATS = {*range(0x202A, 0x202F), *range(0x2066, 0x2070), 0xFEFF, *range(0xFFF9, 0xFFFC)}
"""The Cf characters refused (the rest of Cf, joiners, tags, direction marks, soft hyphens, is kept)."""

LINE = TypeAdapter(Line)
TEXT = TypeAdapter(Text)
MARKDOWN = TypeAdapter(Markdown)


def is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def should_refuse(char: str) -> bool:
    category = unicodedata.category(char)
    code = ord(char)
    return (
        (category == "Cc" and char not in "\t\n")
        or category == "Cs"
        or is_noncharacter(code)
        or (category == "Cf" and code in HIDING_FORMATS)
    )


def test_every_code_point_is_judged_by_its_category() -> None:
    wrong = [
        f"U+{code:04X} ({unicodedata.category(chr(code))})"
        for code in range(sys.maxunicode + 1)
        if (refused_character(chr(code)) is not None) != should_refuse(chr(code))
    ]
    assert wrong == []


def test_line_breaks_are_every_character_of_zl_zp_and_the_breaking_controls() -> None:
    breaking = {chr(code) for code in range(sys.maxunicode + 1) if line_break(chr(code))}
    assert breaking == {"\n", "\r", "\x85", "\u2028", "\u2029"}
    assert {char for char in breaking if unicodedata.category(char) in ("Zl", "Zp")} == {"\u2028", "\u2029"}


@pytest.mark.parametrize(
    "word", ["=?utf-8?q?x=0D=0ABcc:_evil@example.com?=", "=?UTF-8?B?DQpCY2M6IGV2aWw=?=", "=?iso-8859-1?Q?=0A?="]
)
def test_encoded_words_are_found(word: str) -> None:
    assert encoded_word(f"March {word} news") == word


@pytest.mark.parametrize("text", ["Is 2+2=?", "a =? b ?= c", "=?utf-8?x?y?=", "What?=yes"])
def test_text_that_only_looks_like_an_encoded_word_is_kept(text: str) -> None:
    assert encoded_word(text) is None
    assert LINE.validate_python(text) == text


@given(st.text(min_size=1, max_size=60))
def test_a_line_that_validates_holds_no_refused_character_break_or_encoded_word(text: str) -> None:
    try:
        line = LINE.validate_python(text)
    except ValidationError:
        return
    assert refused_character(line) is None and line_break(line) is None and encoded_word(line) is None
    assert not any(should_refuse(char) for char in line)


@given(st.text(min_size=1, max_size=60))
def test_multi_line_text_follows_the_same_rule_but_keeps_line_feeds_and_tabs(text: str) -> None:
    for adapter in (LINE, TEXT, MARKDOWN):
        if any(should_refuse(char) for char in text):
            with pytest.raises(ValidationError):
                adapter.validate_python(text)


def test_kept_characters_are_kept() -> None:
    kept = "Team \U0001f469\u200d\U0001f4bb \u200eright\u200f \ue000 soft\u00adhyphen \U0001f3f4\U000e0067\U000e0062\U000e007f"
    assert LINE.validate_python(kept) == kept
    assert TEXT.validate_python(f"{kept}\n\tand a tab\u2028") == f"{kept}\n\tand a tab\u2028"
