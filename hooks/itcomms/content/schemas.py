"""JSON Schemas of every content type, generated from the models so editors can autocomplete and check.

They are committed under ``content/.schemas/``; each content file points at
its schema on its first line (``# yaml-language-server: $schema=…``).
"""

from __future__ import annotations

import json
from pathlib import Path

from itcomms.content.kinds import CONTENT_TYPES, ContentType

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


EDITOR_SETTINGS = Path(".vscode") / "settings.json"
PRE_COMMIT_CONFIG = Path(".pre-commit-config.yaml")
CHECK_JSONSCHEMA_VERSION = "0.39.0"

_PRE_COMMIT_HEADER = """\
# Before each commit, check every changed content file against its kind's JSON
# Schema (https://pre-commit.com): pip install pre-commit && pre-commit install
#
# One check-jsonschema hook per kind of file, with that kind's schema: the shape
# of a file (unknown fields, wrong types, missing fields) is checked on your own
# computer, only for the files you changed, without the project's environment.
# What a schema cannot see (references between files, dates that must match the
# file name, plain language) is left to scripts/validate, which the pull
# request's checks run.
#
# Written by scripts/schemas from the content types; edit those, not this file.
"""


def content_glob(content_type: ContentType) -> str:
    """The files of a kind as a glob from the project folder, like content/incidents/*/*.yaml."""
    *folders, name = content_type.example.split("/")
    if not folders:
        return f"content/{name}"
    shown = ["*" if folder.isupper() else folder for folder in folders]
    return "/".join(["content", *shown, "*.yaml"])


def tool_configs() -> dict[Path, str]:
    """Editor settings and the pre-commit configuration that map each kind's files to its schema, as committed."""
    editor = {
        "yaml.schemas": {
            f"./{SCHEMA_FOLDER.as_posix()}/{content_type.schema_file}": [content_glob(content_type)]
            for content_type in CONTENT_TYPES
        },
        # YAML is indented with spaces; a tab is a syntax error.
        "[yaml]": {"editor.insertSpaces": True, "editor.tabSize": 2, "editor.autoIndent": "keep"},
    }
    hooks = "".join(
        f"      - id: check-jsonschema\n"
        f"        name: {content_type.kind} files match their schema\n"
        f"        files: '^content/{content_type.path_pattern}$'\n"
        f"        args: [--schemafile, {SCHEMA_FOLDER.as_posix()}/{content_type.schema_file}]\n"
        for content_type in CONTENT_TYPES
    )
    pre_commit = (
        f"{_PRE_COMMIT_HEADER}repos:\n"
        f"  - repo: https://github.com/python-jsonschema/check-jsonschema\n"
        f"    rev: {CHECK_JSONSCHEMA_VERSION}\n"
        f"    hooks:\n{hooks}"
    )
    return {EDITOR_SETTINGS: json.dumps(editor, indent=2) + "\n", PRE_COMMIT_CONFIG: pre_commit}
