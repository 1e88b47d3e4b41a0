"""What checks a pull request: the CI workflow, the pre-commit hooks and the editor settings.

The workflow is valid YAML and its validate step, run here on a broken file,
prints a GitHub annotation; the pre-commit hooks and the editor map every
content file to its own kind's schema, and are current with the content types.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from itcomms.content.kinds import CONTENT_TYPES, identify
from itcomms.content.schemas import EDITOR_SETTINGS, PRE_COMMIT_CONFIG, SCHEMA_FOLDER, tool_configs
from support import DEMO_CONTENT, MINIMAL_CONTENT, REPO, make_project

WORKFLOW = REPO / ".github" / "workflows" / "content.yml"
CONTENT_FILES = sorted(
    path.relative_to(REPO).as_posix()
    for path in DEMO_CONTENT.rglob("*.yaml")
    if not any(part.startswith(".") for part in path.parts)
)


def kind_of(path: str) -> str:
    relative = path.removeprefix("content/")
    identity = identify(relative, path)
    assert not isinstance(identity, str), identity
    return identity.kind


def steps() -> list[dict[str, Any]]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert workflow.get("on", workflow.get(True)) is not None  # YAML 1.1 reads the key `on` as true
    (job,) = workflow["jobs"].values()
    return list(job["steps"])


def test_workflow_checks_out_validates_builds_and_uploads_the_preview() -> None:
    found = steps()
    uses = [step.get("uses", "").split("@")[0] for step in found]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    runs = [step.get("run", "") for step in found]
    validate = next(index for index, run in enumerate(runs) if run.startswith("scripts/validate"))
    build = next(index for index, run in enumerate(runs) if run.startswith("scripts/build"))
    upload = uses.index("actions/upload-artifact")
    assert validate < build < upload
    assert "--format github" in runs[validate]
    assert found[upload]["with"]["path"] == "site/"


def test_workflow_validate_step_prints_an_annotation_for_a_broken_file(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    incident.write_text(incident.read_text(encoding="utf-8").replace("impact: minor", "impact: huge"))
    command = next(step["run"] for step in steps() if step.get("run", "").startswith("scripts/validate"))

    ran = subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True, env=dict(os.environ))
    assert ran.returncode == 1
    assert ran.stdout.splitlines() == [
        "::error file=content/incidents/2026/2026-03-14-email-delays.yaml,line=3,col=9::"
        "impact: must be one of none, minor, major, critical (got 'huge')"
    ]


def test_workflow_checks_every_file_against_the_schemas(tmp_path: Path) -> None:
    """The step an editor's underlining stands for: run here on a file its schema refuses, it annotates the line;
    a service the branch adds is known to it, and the committed schemas it made stale are a warning."""
    runs = [step.get("run", "") for step in steps()]
    command = next(run for run in runs if run.startswith("scripts/schemas"))
    assert "--check-files" in command and "--format github" in command
    assert runs.index(command) < next(index for index, run in enumerate(runs) if run.startswith("scripts/build"))

    project = make_project(tmp_path / "project", MINIMAL_CONTENT)
    shutil.copytree(REPO / "scripts", project / "scripts")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(REPO / name, project / name)
    (project / ".venv").symlink_to(REPO / ".venv", target_is_directory=True)
    shutil.copytree(REPO / SCHEMA_FOLDER, project / SCHEMA_FOLDER)
    shutil.copy(project / "content/services/chat.yaml", project / "content/services/printing.yaml")
    incident = project / "content/incidents/2026/2026-03-14-email-delays.yaml"
    text = incident.read_text(encoding="utf-8").replace("services: [email]", "services: [email, printing]")
    incident.write_text(text.replace("impact: minor", "impact: huge"), encoding="utf-8")

    ran = subprocess.run(["bash", "-c", command], cwd=project, capture_output=True, text=True, env=dict(os.environ))
    assert ran.returncode == 1, ran.stderr
    errors = [line for line in ran.stdout.splitlines() if line.startswith("::error")]
    assert errors == [
        "::error file=content/incidents/2026/2026-03-14-email-delays.yaml,line=3,col=9::"
        "impact: schema incident: 'huge' is not one of ['none', 'minor', 'major', 'critical']"
    ]
    assert "::warning file=content/.schemas/incident.schema.json,line=1,col=1::" in ran.stdout


def test_editor_and_pre_commit_settings_are_current() -> None:
    for path, text in tool_configs().items():
        assert (REPO / path).read_text(encoding="utf-8") == text, f"{path} is stale: run scripts/schemas"


def test_editor_maps_every_content_file_to_its_own_schema() -> None:
    mapping = json.loads((REPO / EDITOR_SETTINGS).read_text(encoding="utf-8"))["yaml.schemas"]
    assert len(mapping) == len(CONTENT_TYPES)
    for path in CONTENT_FILES:
        schemas = [schema for schema, globs in mapping.items() if any(fnmatch.fnmatch(path, glob) for glob in globs)]
        assert schemas == [f"./{SCHEMA_FOLDER.as_posix()}/{kind_of(path)}.schema.json"], path
    for schema in mapping:
        assert (REPO / schema).is_file()


def test_pre_commit_checks_each_content_file_against_its_own_schema() -> None:
    config = yaml.safe_load((REPO / PRE_COMMIT_CONFIG).read_text(encoding="utf-8"))
    (repository,) = config["repos"]
    assert repository["repo"] == "https://github.com/python-jsonschema/check-jsonschema"
    assert len(repository["hooks"]) == len(CONTENT_TYPES)
    for path in CONTENT_FILES:
        hooks = [hook for hook in repository["hooks"] if re.search(hook["files"], path)]
        assert [hook["id"] for hook in hooks] == ["check-jsonschema"], path
        assert hooks[0]["args"] == ["--schemafile", f"{SCHEMA_FOLDER.as_posix()}/{kind_of(path)}.schema.json"]
