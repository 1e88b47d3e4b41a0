"""Safe YAML loading that remembers where every key and value came from.

The file is read as a stream of parser events (libyaml when available) and
turned into plain Python values directly: no tags are honoured, no objects
are constructed, aliases are refused (so no "billion laughs"), and nesting
depth is bounded without recursion. Plain scalars follow the YAML 1.2 core
schema, so ``no`` stays the word "no" and ``1:30`` stays text; dates and
times stay text for the models to parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from itcomms.problems import Problem

DataPath = tuple[str | int, ...]

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 32

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_UNUSUAL_LINE_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")
_CORE_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_CORE_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class SourceMap:
    """Where each value (and each mapping key) of a document starts, by data path."""

    values: Mapping[DataPath, Position]
    keys: Mapping[DataPath, Position]

    def locate(self, path: DataPath, *, key: bool = False) -> Position:
        """The position of ``path``; a missing path falls back to its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        for length in range(len(path), -1, -1):
            found = self.values.get(path[:length])
            if found is not None:
                return found
        return Position(1, 1)


@dataclass(frozen=True)
class YamlDocument:
    """One parsed content file: its display path, its data and where each value came from."""

    file: str
    data: Any
    source: SourceMap
    text: str = ""
    """The file's text as parsed, so a message can point inside a value."""
    problems: tuple[Problem, ...] = ()
    """What is wrong at the YAML level although the file parsed (a duplicate key, an alias), with ``partial``."""


class WrittenInt(int):
    """A whole number that remembers how it was written, for a field that means text (``01614960100``)."""

    written = ""


class WrittenFloat(float):
    """A number that remembers how it was written, for a field that means text (version ``3.10``)."""

    written = ""


LONGEST_NUMBER = 40
"""Characters of an unquoted number: more than any figure has (a trillion with decimals is 20)."""


def as_written(value: Any) -> Any:
    """The text an unquoted number was written as, where a text field reads it; any other value as it is."""
    written = getattr(value, "written", "") if isinstance(value, (WrittenInt, WrittenFloat)) else ""
    return written or value


def resolve_plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema for unquoted scalars; anything else stays text.

    Numbers keep the text they were written as, so a text field given one (a phone number, a version)
    reads what the author wrote, leading zeros and trailing zeros included (see ``as_written``)."""
    if _NULL.match(text):
        return None
    if _TRUE.match(text):
        return True
    if _FALSE.match(text):
        return False
    if _INT.match(text):
        whole = WrittenInt(text)
        whole.written = text
        return whole
    if _FLOAT.match(text) and any(ch.isdigit() for ch in text):
        number = WrittenFloat(text)
        number.written = text
        return number
    return text


def load_yaml(raw: bytes, file: str, *, partial: bool = False) -> YamlDocument | list[Problem]:
    """Parse one content file, or say every reason it cannot be read, with positions.

    With ``partial``, a file that parsed despite problems (a duplicate key, an alias) is still returned, holding
    them in ``problems``, so the rest of it can be checked too."""
    if len(raw) > MAX_FILE_BYTES:
        size_mib = len(raw) / 1024 / 1024
        return [
            Problem(
                file,
                1,
                1,
                "",
                f"file is {size_mib:.1f} MiB; content files must be under {MAX_FILE_BYTES // 1024 // 1024} MiB",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _byte_position(raw, error.start)
        bad = raw[error.start : error.start + 1].hex().upper()
        return [Problem(file, line, column, "", f"is not UTF-8 text (byte 0x{bad}); save the file as UTF-8")]
    if unusual := _UNUSUAL_LINE_BREAK.search(text):
        # YAML 1.1 parsers (PyYAML, libyaml) end a line at these, so an unquoted value would silently start
        # a new key and every later position would be off by one; refused at the place an editor shows it.
        line = text.count("\n", 0, unusual.start()) + 1
        column = unusual.start() - (text.rfind("\n", 0, unusual.start()) + 1) + 1
        code = f"U+{ord(unusual.group()):04X}"
        return [
            Problem(
                file,
                line,
                column,
                "",
                f"holds an invisible line break character ({code}), which YAML reads as the end of a line; "
                f"remove it, or write it as \\u{code[2:]} inside double quotes if it is meant",
            )
        ]
    builder = _DocumentBuilder(file, partial)
    try:
        builder.consume(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = " ".join(part for part in (error.context, error.problem) if part)
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            detail += " (a tab character: indent with spaces)"
        elif 0 < line <= len(lines) and str(error.problem).startswith("mapping values are not allowed"):
            detail = _colon_in_value(lines[line - 1]) or detail
        return [*builder.problems, Problem(file, line, column, "", f"YAML syntax error: {detail}")]
    except yaml.YAMLError as error:
        return [*builder.problems, Problem(file, 1, 1, "", f"YAML syntax error: {error}")]
    document = builder.result()
    return replace(document, text=text) if isinstance(document, YamlDocument) else document


def _colon_in_value(line: str) -> str | None:
    """The fix for the commonest YAML mistake: a value holding ': ' (a title with a colon), read as a new key."""
    key, separator, value = line.partition(": ")
    value = value.strip()
    if not separator or not value or value[0] in "\"'[{|>":
        return None
    if '"' in value and "'" not in value:
        quoted = f"'{value}'"
    else:
        quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (
        f"this colon and space read as the start of another key; when a text holds ': ', put the whole text "
        f"in quotes: {key.strip()}: {quoted}"
    )


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: DataPath
    pending_key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)
    skipping_value: bool = False


class _DocumentBuilder:
    """Turns parser events into data and a source map, collecting problems on the way."""

    def __init__(self, file: str, partial: bool = False) -> None:
        self.file = file
        self.partial = partial
        self.problems: list[Problem] = []
        self.values: dict[DataPath, Position] = {}
        self.keys: dict[DataPath, Position] = {}
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.skip_depth = 0

    def problem(self, mark: Any, message: str, path: DataPath = ()) -> None:  # a libyaml or PyYAML Mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, _dotted(path), message))

    def result(self) -> YamlDocument | list[Problem]:
        if self.documents == 0 or self.root is None:
            return [Problem(self.file, 1, 1, "", "file is empty; it needs at least the required fields")]
        if not isinstance(self.root, dict):
            kind = "a list" if isinstance(self.root, list) else "a single value"
            return [*self.problems, Problem(self.file, 1, 1, "", f"must be a mapping of keys to values (got {kind})")]
        if self.problems and not self.partial:
            return self.problems
        return YamlDocument(self.file, self.root, SourceMap(self.values, self.keys), problems=tuple(self.problems))

    def consume(self, events: Iterator[yaml.Event]) -> None:
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents == 2:
                    self.problem(event.start_mark, "holds more than one YAML document (---); keep one item per file")
            elif self.documents > 1:
                continue
            elif self.skip_depth:
                self.skip(event)
            elif isinstance(event, yaml.AliasEvent):
                self.problem(
                    event.start_mark, "aliases (*name) are not supported; write the value out in full", self.next_path()
                )
                self.place(None, event)
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self.open_collection(event)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                self.stack.pop()

    def skip(self, event: yaml.Event) -> None:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.skip_depth += 1
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.skip_depth -= 1

    def next_path(self) -> DataPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        return (*frame.path, frame.pending_key) if frame.pending_key is not None else frame.path

    def check_tag(self, event: Any, allowed: set[str]) -> bool:
        tag = event.tag
        if tag is None or tag == "!" or tag in allowed:
            return True
        shown = tag.replace(_CORE_TAG, "!!")
        self.problem(event.start_mark, f"YAML tag '{shown}' is not allowed; write a plain value", self.next_path())
        return False

    def scalar(self, event: yaml.ScalarEvent) -> None:
        if not self.check_tag(event, _SCALAR_TAGS):
            self.place(None, event)
            return
        plain = not event.style and event.implicit[0]
        if plain and len(event.value) > LONGEST_NUMBER and (_INT.match(event.value) or _FLOAT.match(event.value)):
            # Read as a number it would be a figure no page can print (and Python refuses past 4,300 digits).
            self.problem(
                event.start_mark,
                f"is a number {len(event.value):,} characters long; no figure needs more than {LONGEST_NUMBER}: "
                "is it a typo, or text that needs quotes?",
                self.next_path(),
            )
            self.place(None, event)
            return
        value = resolve_plain_scalar(event.value) if plain else event.value
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.pending_key is None:
            self.key(frame, event, value)
            return
        self.place(value, event)

    def key(self, frame: _Frame, event: Any, value: Any) -> None:
        # A key is a name: a number-like key keeps the text it was written as (3.10, not 3.1).
        name = "" if value is None else str(value).lower() if isinstance(value, bool) else str(as_written(value))
        path = (*frame.path, name)
        if name == "<<":
            self.problem(
                event.start_mark, "merge keys (<<) are not supported; write the values out in full", frame.path
            )
            frame.skipping_value = True
        elif name in frame.key_lines:
            self.problem(
                event.start_mark,
                f"duplicate key '{name}' (first given on line {frame.key_lines[name]}); keep one",
                path,
            )
            frame.skipping_value = True
        else:
            frame.key_lines[name] = event.start_mark.line + 1
            self.keys[path] = Position(event.start_mark.line + 1, event.start_mark.column + 1)
        frame.pending_key = name

    def open_collection(self, event: Any) -> None:
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.pending_key is None:
            self.problem(event.start_mark, "keys must be plain words, not lists or mappings", frame.path)
            frame.pending_key, frame.skipping_value = "", True
            self.skip_depth = 1
            return
        is_mapping = isinstance(event, yaml.MappingStartEvent)
        tag_ok = self.check_tag(event, {f"{_CORE_TAG}{'map' if is_mapping else 'seq'}"})
        if len(self.stack) >= MAX_DEPTH:
            self.problem(event.start_mark, f"is nested more than {MAX_DEPTH} levels deep", self.next_path())
            tag_ok = False
        if not tag_ok or (frame is not None and frame.skipping_value):
            self.place(None, event)
            self.skip_depth = 1
            return
        container: dict[str, Any] | list[Any] = {} if is_mapping else []
        path = self.next_path()
        self.place(container, event)
        self.stack.append(_Frame(container, path))

    def place(self, value: Any, event: Any) -> None:
        """Put a finished value where the parser is: the root, a list item or a mapping value."""
        position = Position(event.start_mark.line + 1, event.start_mark.column + 1)
        if not self.stack:
            self.root = value
            self.values[()] = position
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            self.values[(*frame.path, len(frame.container))] = position
            frame.container.append(value)
            return
        key, skip = frame.pending_key, frame.skipping_value
        frame.pending_key, frame.skipping_value = None, False
        if key is None or skip:
            return
        self.values[(*frame.path, key)] = position
        frame.container[key] = value


def _dotted(path: DataPath) -> str:
    return ".".join(str(part) for part in path)
