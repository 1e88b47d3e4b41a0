"""Loading YAML safely, with the position of every value."""

from __future__ import annotations

import pytest

from itcomms.content.yaml_source import MAX_DEPTH, MAX_FILE_BYTES, Position, YamlDocument, as_written, load_yaml


def load(text: str | bytes) -> YamlDocument:
    document = load_yaml(text.encode() if isinstance(text, str) else text, "f.yaml")
    assert isinstance(document, YamlDocument), document
    return document


def problems(text: str | bytes) -> list[str]:
    result = load_yaml(text.encode() if isinstance(text, str) else text, "f.yaml")
    assert isinstance(result, list), result
    return [str(problem) for problem in result]


def test_values_keep_their_positions() -> None:
    document = load("title: Email\nupdates:\n  - at: 2026-03-14 09:30\n    state: resolved\n")
    assert document.data == {"title": "Email", "updates": [{"at": "2026-03-14 09:30", "state": "resolved"}]}
    assert document.source.locate(("title",)) == Position(1, 8)
    assert document.source.locate(("updates", 0, "state")) == Position(4, 12)
    assert document.source.locate(("updates", 0, "state"), key=True) == Position(4, 5)


def test_missing_path_falls_back_to_its_parent() -> None:
    document = load("updates:\n  - at: x\n")
    assert document.source.locate(("updates", 0, "message")) == Position(2, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: 1:30", "1:30"),
        ("a: 2026-03-14", "2026-03-14"),
        ("a: 2026-03-14 09:30:00", "2026-03-14 09:30:00"),
        ("a: true", True),
        ("a: 12", 12),
        ("a: 1.5", 1.5),
        ("a: ~", None),
        ("a: '12'", "12"),
        ("a: 0o17", "0o17"),
    ],
)
def test_plain_scalars_follow_yaml_1_2(text: str, expected: object) -> None:
    assert load(text).data["a"] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "f.yaml:1:1: file is empty; it needs at least the required fields"),
        ("# just a comment\n", "f.yaml:1:1: file is empty; it needs at least the required fields"),
        ("- a\n", "f.yaml:1:1: must be a mapping of keys to values (got a list)"),
        ("a: 1\na: 2\n", "f.yaml:2:1: a: duplicate key 'a' (first given on line 1); keep one"),
        ("a: &x [1]\nb: *x\n", "f.yaml:2:4: b: aliases (*name) are not supported; write the value out in full"),
        (
            "a: !!python/object:os.system x\n",
            "f.yaml:1:4: a: YAML tag '!!python/object:os.system' is not allowed; write a plain value",
        ),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: holds more than one YAML document (---); keep one item per file"),
        ("? [1]\n: 2\n", "f.yaml:1:3: keys must be plain words, not lists or mappings"),
    ],
)
def test_refused_documents(text: str, expected: str) -> None:
    assert problems(text) == [expected]


def test_syntax_error_has_the_parser_position() -> None:
    (problem,) = problems("title: [Email\nimpact: minor\n")
    assert problem.startswith("f.yaml:2:7: YAML syntax error:")


def test_tab_indentation_is_explained() -> None:
    (problem,) = problems("a:\n\tb: 1\n")
    assert problem.startswith("f.yaml:2:1: YAML syntax error:") and "indent with spaces" in problem


def test_not_utf8_names_the_byte_and_position() -> None:
    assert problems(b"title: caf\xe9\n") == ["f.yaml:1:11: is not UTF-8 text (byte 0xE9); save the file as UTF-8"]


def test_byte_order_mark_is_accepted() -> None:
    assert load("\ufefftitle: x\n".encode()).data == {"title": "x"}


def test_alias_bomb_is_refused_without_expanding() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    found = problems(bomb)
    assert found and all("aliases" in problem for problem in found)


def test_deep_nesting_is_bounded() -> None:
    (problem,) = problems("a: " + "[" * (MAX_DEPTH + 10) + "]" * (MAX_DEPTH + 10) + "\n")
    assert f"nested more than {MAX_DEPTH} levels deep" in problem


def test_oversized_file_is_refused_before_parsing() -> None:
    (problem,) = problems(b"a: " + b"x" * MAX_FILE_BYTES)
    assert problem.startswith("f.yaml:1:1: file is 2.0 MiB")


@pytest.mark.parametrize(
    ("text", "written"),
    [("a: 01614960100", "01614960100"), ("a: +441614960100", "+441614960100"), ("a: 3.10", "3.10"), ("a: 1e3", "1e3")],
)
def test_numbers_remember_how_they_were_written(text: str, written: str) -> None:
    value = load(text).data["a"]
    assert isinstance(value, (int, float)) and as_written(value) == written


def test_number_keys_keep_how_they_were_written() -> None:
    assert list(load("3.10: a\n007: b\n").data) == ["3.10", "007"]


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("title: Email\u2028admin: true\nimpact: minor\n", "f.yaml:1:13:"),
        ("title: Email\nsummary: a\u2029b\n", "f.yaml:2:11:"),
        ("title: Email\u0085x\n", "f.yaml:1:13:"),
        ("title: Email\rimpact: minor\n", "f.yaml:1:13:"),
    ],
)
def test_unusual_line_breaks_are_refused_where_an_editor_shows_them(text: str, position: str) -> None:
    (problem,) = problems(text)
    assert problem.startswith(f"{position} holds an invisible line break character")


def test_windows_line_ends_are_fine() -> None:
    assert load("title: Email\r\nimpact: minor\r\n").data == {"title": "Email", "impact": "minor"}
