"""The publishing workflow and the README's GitLab example: valid YAML, the triggers, and the steps in the safe order."""

from __future__ import annotations

import re
from typing import Any

import yaml

from support import REPO

PUBLISH = REPO / ".github" / "workflows" / "publish.yml"


def workflow() -> dict[Any, Any]:
    loaded: dict[Any, Any] = yaml.safe_load(PUBLISH.read_text(encoding="utf-8"))
    return loaded


def test_runs_on_every_push_to_main_on_a_schedule_and_by_hand() -> None:
    found = workflow()
    triggers = found.get("on", found.get(True))  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]}
    assert triggers["schedule"] == [{"cron": "*/15 * * * *"}]
    assert "workflow_dispatch" in triggers
    assert found["permissions"] == {"contents": "write", "pages": "write", "id-token": "write"}
    assert found["concurrency"]["cancel-in-progress"] is False


def test_builds_checks_deploys_notifies_and_keeps_the_record_in_one_job() -> None:
    document = workflow()
    (job,) = document["jobs"].values()
    assert job["environment"]["name"] == "github-pages"
    assert job["runs-on"] == "ubuntu-latest" and job["timeout-minutes"] > 0
    assert document["permissions"]["contents"] == "write"  # the record's branch
    first_publish = document[True]["workflow_dispatch"]["inputs"]["first_publish"]  # YAML reads `on` as True
    assert first_publish["type"] == "boolean" and first_publish["default"] is False
    steps = job["steps"]
    for step in steps:
        assert set(step) <= {"name", "id", "uses", "with", "run", "env", "if", "continue-on-error"}, step
        assert ("uses" in step) != ("run" in step), step
        assert "continue-on-error" not in step  # a failing step stops the run
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = [step.get("run", "") for step in steps]

    def where(start: str) -> int:
        return next(index for index, run in enumerate(runs) if run.startswith(start))

    build = runs.index("scripts/build")
    cache = uses.index("actions/cache")
    assert cache < build and steps[cache]["with"]["path"] == ".cache/itcomms"  # scheduled publishes build warm
    key, restore = steps[cache]["with"]["key"], steps[cache]["with"]["restore-keys"]
    assert key.startswith(restore) and "requirements.lock" in key and "hooks/**" in key
    upload = uses.index("actions/upload-pages-artifact")
    fetch, check = where("scripts/told-record fetch"), where("scripts/notify check")
    deploy = uses.index("actions/deploy-pages")
    send, keep = where("scripts/notify send"), where("scripts/told-record keep")
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert build < upload < deploy and fetch < check < deploy < send < keep
    assert steps[upload]["with"]["path"] == "site/"
    assert steps[deploy]["id"] == "deploy" and job["environment"]["url"] == "${{ steps.deploy.outputs.page_url }}"
    record = runs[fetch].split()[-1]
    assert runs[keep].split()[-1] == record  # what fetch brought is what send wrote to and keep commits
    assert steps[check]["env"]["ITCOMMS_NOTIFY_RECORD"].endswith("/told.jsonl")
    assert steps[keep]["if"] == "${{ always() && steps.check.outcome == 'success' }}"
    for step in (steps[check], steps[send]):
        assert step["env"]["ITCOMMS_NOTIFY_RECORD"] == steps[check]["env"]["ITCOMMS_NOTIFY_RECORD"]
        assert step["run"].endswith("$FIRST_PUBLISH")
        for name in ("ITCOMMS_TEAMS_WEBHOOK", "ITCOMMS_SLACK_WEBHOOK", "ITCOMMS_SMTP_URL", "ITCOMMS_NOTIFY_TO"):
            assert step["env"][name] == f"${{{{ secrets.{name} }}}}"
    for step in steps:
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), step["uses"]


def test_the_pull_request_workflow_runs_the_notify_tests() -> None:
    content = yaml.safe_load((REPO / ".github/workflows/content.yml").read_text(encoding="utf-8"))
    (job,) = content["jobs"].values()
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "tests/test_notify.py" in runs and "tests/test_publish_script.py" in runs


def test_readme_gitlab_example_runs_the_same_steps_in_the_same_order() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### On GitLab CI", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example is not None
    pipeline = yaml.safe_load(example.group(1))
    job = pipeline["publish"]
    assert job["resource_group"] == "publish"
    script = [line.split()[0:3] for line in job["script"]]
    assert [words[:2] for words in script] == [
        ["scripts/build"],
        ["scripts/notify", "check"],
        ["scripts/publish", "/srv/www/it"],
        ["scripts/notify", "send"],
    ]
    assert job["variables"]["ITCOMMS_NOTIFY_RECORD"].startswith("/srv/www/")  # beside the releases
    assert any("$CI_DEFAULT_BRANCH" in rule["if"] for rule in job["rules"])
    recipe = re.search(r"Each publish runs four steps.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert recipe is not None
    assert [line.split("#")[0].split()[:2] for line in recipe.group(1).splitlines()] == [
        ["scripts/build"],
        ["scripts/notify", "check"],
        ["scripts/publish", "/srv/www/it"],
        ["scripts/notify", "send"],
    ]
