"""JSON Schemas of every content type, generated from the models so editors can autocomplete and check.

They are committed under ``content/.schemas/``; each content file points at
its schema on its first line (``# yaml-language-server: $schema=…``).
"""

from __future__ import annotations

import json
from pathlib import Path

from .content_types import CONTENT_TYPES, ContentType

SCHEMA_FOLDER = Path("content") / ".schemas"


def schema_for(content_type: ContentType) -> dict[str, object]:
    schema = content_type.model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": content_type.schema_file,
        **schema,
        "title": f"{content_type.kind} ({content_type.example})",
    }


def schema_documents() -> dict[str, str]:
    """Every schema file's name and text, exactly as committed."""
    return {
        content_type.schema_file: json.dumps(schema_for(content_type), indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
        for content_type in CONTENT_TYPES
    }


def schema_line(relative_path: str, kind: str) -> str:
    """The first line of a content file at ``relative_path`` (under content/) that links its schema."""
    depth = relative_path.count("/")
    prefix = "../" * depth
    return f"# yaml-language-server: $schema={prefix}.schemas/{kind}.schema.json"
