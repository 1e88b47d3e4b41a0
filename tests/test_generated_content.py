"""Content generated from our own JSON Schemas, hostile strings and numbers mixed in: validate refuses it with a
position, or every output of the site is made from it and reads back (validate's rehearsal of the build)."""

from __future__ import annotations

import json

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itcomms.content.kinds import CONTENT_TYPES, ContentType
from itcomms.content.schemas import schema_documents
from itcomms.pipeline import check_with_advice
from schema_strategies import from_schema
from support import MINIMAL_CONTENT, minimal_project
from test_hostile_input import example_path

NOW = {"ITCOMMS_NOW": "2026-11-24T12:00:00"}
# The schemas of the content the examples go into, so the ids they offer are the ones it defines.
_DOCUMENTS = schema_documents(MINIMAL_CONTENT.parent)
SCHEMAS = {content_type.kind: json.loads(_DOCUMENTS[content_type.schema_file]) for content_type in CONTENT_TYPES}


@st.composite
def documents(draw: st.DrawFn) -> tuple[ContentType, object]:
    content_type = draw(st.sampled_from([kind for kind in CONTENT_TYPES if kind.kind != "site"]))
    return content_type, draw(from_schema(SCHEMAS[content_type.kind]))


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=documents())
def test_validate_refuses_with_a_position_or_the_build_renders(
    document: tuple[ContentType, object], tmp_path_factory: pytest.TempPathFactory
) -> None:
    content_type, data = document
    project = minimal_project(tmp_path_factory.mktemp("generated"))
    target = project / "content" / example_path(content_type)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    for problem in check_with_advice(project, NOW).problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message, problem
        assert "could not be built" not in problem.message, (str(problem), data)
