"""The JSON Schemas editors use: current with the models, linked from every file, agreeing with validation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from itcomms.cli.schemas import main as schemas
from itcomms.content.kinds import identify
from itcomms.content.schemas import SCHEMA_FOLDER, schema_documents, schema_line
from support import DEMO_CONTENT, REPO, make_project

CONTENT_FILES = sorted(
    path for path in DEMO_CONTENT.rglob("*.yaml") if not any(part.startswith(".") for part in path.parts)
)

DEMO_SERVICES = sorted((DEMO_CONTENT / "services").glob("*.yaml"))


def test_committed_schemas_match_the_models() -> None:
    folder = REPO / SCHEMA_FOLDER
    committed = {path.name: path.read_text(encoding="utf-8") for path in folder.glob("*.schema.json")}
    assert committed == schema_documents(REPO), "schemas are stale: run scripts/schemas"


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


def test_incident_schema_lists_the_demos_services_with_their_names() -> None:
    schema = json.loads((REPO / SCHEMA_FOLDER / "incident.schema.json").read_text(encoding="utf-8"))
    services = schema["properties"]["services"]["items"]
    demo = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in DEMO_SERVICES}
    assert services["enum"] == sorted(demo)
    retired = " (retired: only for items from before it was retired)"
    assert services["enumDescriptions"] == [
        demo[service]["name"] + (retired if demo[service].get("lifecycle") == "retired" else "")
        for service in sorted(demo)
    ]
    assert "printing" in services["enum"] and any(retired in name for name in services["enumDescriptions"])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"services": ["emial"]}, {"properties": {"services": {"items": services}}})


def test_site_defined_ids_are_listed_too() -> None:
    schema = json.loads((REPO / SCHEMA_FOLDER / "accomplishment.schema.json").read_text(encoding="utf-8"))
    site = yaml.safe_load((DEMO_CONTENT / "site.yaml").read_text(encoding="utf-8"))
    units = schema["properties"]["business_units"]["items"]
    assert units["enum"] == sorted(unit["id"] for unit in site["business_units"])
    goals = schema["properties"]["goals"]["items"]
    assert dict(zip(goals["enum"], goals["enumDescriptions"], strict=True)) == {
        goal["id"]: goal["name"] for goal in site["strategic_goals"]
    }


def test_a_new_service_makes_the_schemas_stale(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    shutil.copy(DEMO_CONTENT / "services/printing.yaml", project / "content/services/plotters.yaml")
    assert schemas(["--project", str(project), "--check"]) == 1
    assert schemas(["--project", str(project)]) == 0
    schema = json.loads((project / SCHEMA_FOLDER / "incident.schema.json").read_text(encoding="utf-8"))
    assert "plotters" in schema["properties"]["services"]["items"]["enum"]
    assert schemas(["--project", str(project), "--check"]) == 0


def test_a_kind_id_reference_offers_every_item_and_accepts_one_added_since() -> None:
    schema = json.loads((REPO / SCHEMA_FOLDER / "newsletter.schema.json").read_text(encoding="utf-8"))
    featured = {"properties": {"featured": schema["properties"]["featured"]}}
    offered, well_formed = schema["properties"]["featured"]["items"]["anyOf"]
    assert well_formed["pattern"].startswith("^(")
    assert "accomplishment:fax-switched-off" in offered["enum"] and len(offered["enumDescriptions"]) == len(
        offered["enum"]
    )
    jsonschema.validate({"featured": ["accomplishment:written-after-the-schema"]}, featured)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"featured": ["fax-switched-off"]}, featured)
