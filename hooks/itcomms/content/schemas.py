"""JSON Schemas of every content type, generated from the models and the content so editors can autocomplete
and check.

They are committed under ``content/.schemas/``; each content file points at
its schema on its first line (``# yaml-language-server: $schema=…``). A value
naming a service, KPI, business unit, strategic goal, audience or service
category lists the ids the content defines, each with its name as the
description, so an editor offers them as you type (a retired service says so:
it is there for the items written before it was retired). A ``kind:id``
reference (a newsletter's ``featured``, a report's ``highlights``) offers
every item the content holds and still accepts any well-formed one, so a
schema committed before an item was added never refuses it. Other items that
come and go every week (incidents, newsletters) keep a pattern: listing them
would change the schemas in every pull request, and two pull requests would
conflict.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema

from itcomms.content.kinds import CONTENT_TYPES, ContentType, identify
from itcomms.content.loaded import ContentCheck
from itcomms.content.models import Metric, Service, SiteSettings
from itcomms.content.models.base import REFERENCE_KEYWORD
from itcomms.content.models.fields import ITEM_KINDS
from itcomms.content.models.service import Lifecycle
from itcomms.content.validate import check_content
from itcomms.content.yaml_source import load_yaml
from itcomms.problems import Problem

SCHEMA_FOLDER = Path("content") / ".schemas"

ENUMERATED = ("service", "metric", "unit", "goal", "audience", "category")
"""Kinds of reference whose ids the schemas list: defined in few files that change seldom."""
OFFERED = "item"
"""The ``kind:id`` reference: its ids are offered, never required (see the module's note)."""

Names = Mapping[str, Mapping[str, str]]
"""By kind of reference, every id the content defines and its name."""


def known_names(check: ContentCheck) -> dict[str, dict[str, str]]:
    """The ids of each enumerated kind and their names; a file that does not validate still gives its id."""
    names: dict[str, dict[str, str]] = {kind: {} for kind in (*ENUMERATED, OFFERED)}
    for identity in check.identities:
        if identity.kind in names:
            names[identity.kind][identity.id] = ""
        if identity.kind in ITEM_KINDS:
            names[OFFERED][f"{identity.kind}:{identity.id}"] = ""
    for loaded in check.items:
        item = loaded.item
        if isinstance(item, SiteSettings):
            names["unit"] = {unit.id: unit.name for unit in item.business_units}
            names["goal"] = {goal.id: goal.name for goal in item.strategic_goals}
            names["audience"] = {audience.id: audience.name for audience in item.audiences}
            names["category"] = {category.id: category.name for category in item.service_categories}
        elif isinstance(item, (Service, Metric)):
            retired = isinstance(item, Service) and item.lifecycle is Lifecycle.RETIRED
            name = f"{item.name} (retired: only for items from before it was retired)" if retired else item.name
            names[loaded.identity.kind][loaded.identity.id] = name
        title = getattr(item, "title", None) or getattr(item, "name", None)
        if loaded.identity.kind in ITEM_KINDS and isinstance(title, str):
            names[OFFERED][f"{loaded.identity.kind}:{loaded.identity.id}"] = title
    return {kind: dict(sorted(ids.items())) for kind, ids in names.items()}


def schema_for(content_type: ContentType, names: Names) -> dict[str, object]:
    schema = content_type.model.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": content_type.schema_file,
        **_with_ids(schema, names),
        "title": f"{content_type.kind} ({content_type.example})",
    }


def _with_ids(node: Any, names: Names) -> Any:
    """The schema with each marked reference replaced by the ids the content defines for it."""
    if isinstance(node, list):
        return [_with_ids(each, names) for each in node]
    if not isinstance(node, dict):
        return node
    kind = node.get(REFERENCE_KEYWORD)
    copied = {key: _with_ids(value, names) for key, value in node.items() if key != REFERENCE_KEYWORD}
    ids = names.get(kind, {}) if isinstance(kind, str) else {}
    if not ids:  # no id yet, or a kind the schemas do not list: the pattern stays
        return copied
    descriptions = [name or identifier for identifier, name in ids.items()]
    # What editors show beside each id as it is offered (VS Code and the YAML language server read these).
    listed = {"enum": list(ids), "enumDescriptions": descriptions, "markdownEnumDescriptions": descriptions}
    if kind == OFFERED:
        pattern = {key: copied.pop(key) for key in ("type", "pattern") if key in copied}
        return {**copied, "anyOf": [listed, pattern]}
    copied.pop("pattern", None)
    return {**copied, **listed}


def schema_documents(project_dir: Path, check: ContentCheck | None = None) -> dict[str, str]:
    """Every schema file's name and text for the project's content, exactly as committed."""
    names = known_names(check if check is not None else check_content(project_dir))
    return {
        content_type.schema_file: json.dumps(
            schema_for(content_type, names), indent=2, sort_keys=True, ensure_ascii=False
        )
        + "\n"
        for content_type in CONTENT_TYPES
    }


def schema_line(relative_path: str, kind: str) -> str:
    """The first line of a content file at ``relative_path`` (under content/) that links its schema."""
    depth = relative_path.count("/")
    prefix = "../" * depth
    return f"# yaml-language-server: $schema={prefix}.schemas/{kind}.schema.json"


def check_against_schemas(project_dir: Path, documents: Mapping[str, str]) -> list[Problem]:
    """Every way a content file fails its kind's schema, positioned; what the editor would underline.

    Files that cannot be read at all are left to validation, which says why."""
    schemas = {name: jsonschema.Draft202012Validator(json.loads(text)) for name, text in documents.items()}
    by_kind = {content_type.kind: content_type.schema_file for content_type in CONTENT_TYPES}
    content_dir = project_dir / "content"
    problems: list[Problem] = []
    for path in sorted(content_dir.rglob("*.yaml")):
        relative = path.relative_to(content_dir).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        display = f"content/{relative}"
        identity = identify(relative, display)
        if isinstance(identity, str):
            continue
        document = load_yaml(path.read_bytes(), display)
        if isinstance(document, list):
            continue
        for error in schemas[by_kind[identity.kind]].iter_errors(document.data):
            where = tuple(error.absolute_path)
            position = document.source.locate(where)
            text = error.message if len(error.message) <= 200 else error.message[:197] + "…"
            dotted = ".".join(str(part) for part in where)
            problems.append(Problem(display, position.line, position.column, dotted, f"schema {identity.kind}: {text}"))
    return sorted(problems)


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
