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
    assert found["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert found["concurrency"]["cancel-in-progress"] is False


def test_builds_saves_the_live_feed_deploys_then_notifies_in_one_job() -> None:
    (job,) = workflow()["jobs"].values()
    assert job["environment"]["name"] == "github-pages"
    assert job["runs-on"] == "ubuntu-latest" and job["timeout-minutes"] > 0
    steps = job["steps"]
    for step in steps:
        assert set(step) <= {"name", "id", "uses", "with", "run", "env", "if", "continue-on-error"}, step
        assert ("uses" in step) != ("run" in step), step
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    runs = [step.get("run", "") for step in steps]

    def where(predicate: Any) -> int:
        return next(index for index, step in enumerate(steps) if predicate(step))

    build = runs.index("scripts/build")
    upload = uses.index("actions/upload-pages-artifact")
    snapshot = where(lambda step: step.get("run", "").startswith("scripts/notify snapshot"))
    deploy = uses.index("actions/deploy-pages")
    send = where(lambda step: step.get("run", "").startswith("scripts/notify send"))
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert build < upload < deploy and snapshot < deploy < send
    assert steps[upload]["with"]["path"] == "site/"
    assert steps[deploy]["id"] == "deploy" and job["environment"]["url"] == "${{ steps.deploy.outputs.page_url }}"
    saved = runs[snapshot].split()[-1]
    assert runs[send].split()[-1] == saved  # send reads what snapshot saved
    assert steps[snapshot]["continue-on-error"] is True  # an unreadable live feed never stops the deploy
    assert "continue-on-error" not in steps[send]
    secrets = steps[send]["env"]
    for name in ("ITCOMMS_TEAMS_WEBHOOK", "ITCOMMS_SLACK_WEBHOOK", "ITCOMMS_SMTP_URL", "ITCOMMS_NOTIFY_TO"):
        assert secrets[name] == f"${{{{ secrets.{name} }}}}"
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
        ["scripts/notify", "snapshot"],
        ["scripts/publish", "/srv/www/it"],
        ["scripts/notify", "send"],
    ]
    assert any("$CI_DEFAULT_BRANCH" in rule["if"] for rule in job["rules"])
    recipe = re.search(r"Each publish runs four steps.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert recipe is not None
    assert [line.split("#")[0].split()[:2] for line in recipe.group(1).splitlines()] == [
        ["scripts/build"],
        ["scripts/notify", "snapshot"],
        ["scripts/publish", "/srv/www/it"],
        ["scripts/notify", "send"],
    ]
