"""The JSON Schemas editors use: current with the models, linked from every file, agreeing with validation."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import yaml

from itcomms.content.kinds import identify
from itcomms.content.schemas import SCHEMA_FOLDER, schema_documents, schema_line
from support import DEMO_CONTENT, REPO

CONTENT_FILES = sorted(
    path for path in DEMO_CONTENT.rglob("*.yaml") if not any(part.startswith(".") for part in path.parts)
)


def test_committed_schemas_match_the_models() -> None:
    folder = REPO / SCHEMA_FOLDER
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.schema.json")}
    assert committed == schema_documents(), "schemas are stale: run scripts/schemas"


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda path: path.relative_to(DEMO_CONTENT).as_posix())
def test_demo_file_links_its_schema_and_satisfies_it(path: Path) -> None:
    relative = path.relative_to(DEMO_CONTENT).as_posix()
    identity = identify(relative, relative)
    assert not isinstance(identity, str), identity
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema_line(relative, identity.kind)
    schema_path = (path.parent / text.splitlines()[0].split("$schema=")[1]).resolve()
    schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
    data = yaml.load(text, Loader=_StringDates)
    jsonschema.Draft202012Validator(schema).validate(data)


class _StringDates(yaml.SafeLoader):
    """Editors see dates as text, as our loader does."""


_StringDates.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
