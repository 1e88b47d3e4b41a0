"""Hypothesis strategies made from our own JSON Schemas (content/.schemas/), with hostile text and numbers mixed in.

Only the parts of JSON Schema the generated schemas use: ``$ref`` into
``$defs``, ``anyOf``, ``enum``, objects (properties, required, extra and
pattern properties), arrays, strings (pattern, minLength), numbers (bounds),
booleans and null. What a schema allows is generated, and, as often, what a
hostile author would write instead of it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from hypothesis import strategies as st

HOSTILE_TEXT = (
    "<!here> <!channel>",
    "<https://evil.example/login|Reset your password>",
    "[click](javascript:alert(1))",
    "=?utf-8?q?x=0D=0ABcc:_everyone@example.com?=",
    "Email\uffff delays",
    "\u202eevil\u202c",
    "`=SUM(A1` stays as written",
    "- " * 300 + "deep",
    "> " * 300 + "deep",
    "![logo]",
    "<?xml version='1.0'?>",
    "<![CDATA[x]]>",
    "<!DOCTYPE html>",
    "x" * 10_001,
    "FILL IN: placeholder",
    "line\u2028separator",
    "tab\there",
    "bell\x07 and escape\x1b[31m",
    "{{ 7*7 }} {% raw %}",
    "&amp; &lt;b&gt;",
    "'; DROP TABLE --",
)
HOSTILE_NUMBERS = (1e300, -1e300, 10**15, 0, -1, 2**63, 0.1 + 0.2, 1e-300, 99.999999)


# Dates and periods as people write them, in the years content may name: a pattern alone gives month 97.
_REALISTIC = {
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": st.dates(date(2025, 1, 1), date(2027, 12, 31)).map(date.isoformat),
    r"^[0-9]{4}-(?:0[1-9]|1[0-2])$": st.builds("{}-{:02d}".format, st.integers(2025, 2027), st.integers(1, 12)),
    r"^[0-9]{4}-q[1-4]$": st.builds("{}-q{}".format, st.integers(2025, 2027), st.integers(1, 4)),
}
_MOMENTS = st.datetimes(datetime(2025, 1, 1), datetime(2027, 12, 31)).map(lambda moment: f"{moment:%Y-%m-%d %H:%M}")


def _mostly(usual: st.SearchStrategy[Any], hostile: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """One value in five hostile: enough to reach every gate, few enough that whole files still validate."""
    return st.integers(0, 4).flatmap(lambda roll: hostile if roll == 0 else usual)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Documents for the root schema ``schema``, hostile values mixed in."""
    return _node(schema, schema, depth=0)


def _node(node: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return st.deferred(lambda: _node(root["$defs"][name], root, depth + 1))
    if "anyOf" in node:
        return st.one_of([_node(member, root, depth) for member in node["anyOf"]])
    if "enum" in node:
        return _mostly(st.sampled_from(node["enum"]), _hostile_scalar())
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return _object(node, root, depth)
    if kind == "array":
        item = _node(node.get("items", {}), root, depth + 1) if depth < 6 else st.none()
        return st.lists(item, min_size=node.get("minItems", 0), max_size=3)
    if kind == "string":
        pattern = node.get("pattern")
        if pattern in _REALISTIC:
            return _mostly(_REALISTIC[pattern], _hostile_scalar())
        if pattern is not None and pattern.startswith("^[0-9]{4}-[0-9]{2}-[0-9]{2}(["):  # a date and time
            return _mostly(_MOMENTS, _hostile_scalar())
        if pattern is not None:
            return _mostly(st.from_regex(pattern, fullmatch=True), _hostile_scalar())
        # Words of any script; the characters a gate refuses come from HOSTILE_TEXT, so whole files still validate.
        letters = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp", "Cf", "Co", "Cn"))
        words = st.text(letters, min_size=max(node.get("minLength", 0), 1), max_size=40).filter(str.strip)
        return _mostly(words, st.sampled_from(HOSTILE_TEXT))
    if kind in ("number", "integer"):
        low, high = node.get("minimum", node.get("exclusiveMinimum")), node.get("maximum")
        numbers: st.SearchStrategy[Any] = (
            st.integers(min_value=low, max_value=high)
            if kind == "integer"
            else st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)
        )
        return _mostly(numbers, st.sampled_from(HOSTILE_NUMBERS))
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return _hostile_scalar()


def _object(node: dict[str, Any], root: dict[str, Any], depth: int) -> st.SearchStrategy[Any]:
    properties = node.get("properties", {})
    required = set(node.get("required", ()))
    if depth > 6:
        return st.just({})
    fields = {name: _node(schema, root, depth + 1) for name, schema in properties.items()}
    known = st.fixed_dictionaries(
        {name: strategy for name, strategy in fields.items() if name in required},
        optional={name: strategy for name, strategy in fields.items() if name not in required},
    )
    extra = node.get("additionalProperties")
    patterns = node.get("patternProperties", {})
    if isinstance(extra, dict) or patterns:
        key = (
            st.one_of([st.from_regex(pattern, fullmatch=True) for pattern in patterns])
            if patterns
            else st.text("abcdefghij-", min_size=1, max_size=8)
        )
        value_schema = next(iter(patterns.values())) if patterns else extra
        values = st.dictionaries(key, _node(value_schema, root, depth + 1), max_size=3)
        return st.builds(lambda fixed, more: {**more, **fixed}, known, values)
    return known


def _hostile_scalar() -> st.SearchStrategy[Any]:
    return st.sampled_from(HOSTILE_TEXT) | st.sampled_from(HOSTILE_NUMBERS) | st.none() | st.booleans()
