"""Read every file under ``content/`` and check it, collecting every problem before stopping.

Three layers, each reported with file, line and column:

1. a file that cannot be read (wrong place or name, not UTF-8, YAML syntax);
2. a file that reads but does not fit its model (unknown keys, wrong types,
   impossible dates, rules spanning several fields);
3. items that do not fit together (unknown references, duplicate ids, and, as
   a warning, maintenance windows overlapping on one service) or name a file
   under ``docs/`` that is not there (a video, its captions);

then, when asked (``scripts/validate`` asks; the build does not), plain-language
advice (see plain_language.py): warnings, never errors.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError

from itcomms import addresses
from itcomms.content import error_messages, plain_language, site_links
from itcomms.content.cross_checks import overlapping_maintenance, reports_without_content
from itcomms.content.kinds import CONTENT_TYPES_BY_KIND, identify
from itcomms.content.loaded import ContentCheck, LoadedItem, PartlyRead
from itcomms.content.models import ContentFile, Identity, SiteSettings
from itcomms.content.models.fields import ITEM_KINDS, PLACEHOLDER_ID
from itcomms.content.project_files import refusal, refused_under
from itcomms.content.references import Marks, Reference, marks, marks_as_written
from itcomms.content.yaml_source import YamlDocument, load_yaml
from itcomms.problems import Problem

_SITE_DEFINED = {
    "unit": "business unit",
    "goal": "strategic goal",
    "audience": "audience",
    "category": "service category",
}


def check_content(project_dir: Path, *, advice: bool = False) -> ContentCheck:
    """Load and validate everything under ``project_dir/content``; with ``advice``, plain-language warnings too."""
    result = ContentCheck()
    content_dir = project_dir / "content"
    if not content_dir.is_dir():
        result.problems.append(Problem("content", 1, 1, "", "folder is missing; it holds the site's YAML files"))
        return result
    # Files that may be neither read nor published (see project_files.py) are reported, and never read.
    result.problems.extend(refused_under(content_dir, project_dir))
    result.problems.extend(refused_under(project_dir / "docs", project_dir))
    files = [path for path in _discover(content_dir) if refusal(path, project_dir) is None]
    site_files = [path for path in files if path.relative_to(content_dir).as_posix() == "site.yaml"]
    if not site_files:
        result.problems.append(
            Problem(
                "content/site.yaml", 1, 1, "", "is missing; it names the department, its timezone and business units"
            )
        )
    # site.yaml first: its timezone says what times without a zone mean
    timezone = ZoneInfo("UTC")
    for path in site_files + [path for path in files if path not in site_files]:
        loaded = _load_file(path, project_dir, content_dir, timezone, result)
        if loaded is not None:
            result.items.append(loaded)
            if isinstance(loaded.item, SiteSettings):
                timezone = ZoneInfo(loaded.item.timezone)
    result.problems.extend(_duplicate_identities(result.identities))
    result.problems.extend(_ids_taken_by_the_site(result))
    result.problems.extend(_unknown_references(result))
    result.problems.extend(_links_to_drafts(result))
    result.problems.extend(_site_links(result))
    result.problems.extend(_missing_docs_files(result, project_dir))
    result.problems.extend(overlapping_maintenance(result))
    result.problems.extend(reports_without_content(result))
    if advice:
        result.problems.extend(plain_language.advice(result.items))
    result.problems.sort()
    return result


def _discover(content_dir: Path) -> list[Path]:
    """Every file an author put in ``content/``; hidden files and READMEs are for people and tools."""
    return sorted(
        path
        for path in content_dir.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(content_dir).parts)
        and path.name != "README.md"
    )


def _load_file(
    path: Path, project_dir: Path, content_dir: Path, timezone: ZoneInfo, result: ContentCheck
) -> LoadedItem | None:
    problems = result.problems
    display = path.relative_to(project_dir).as_posix()
    identity = identify(path.relative_to(content_dir).as_posix(), display)
    if isinstance(identity, str):
        problems.append(Problem(display, 1, 1, "", identity))
        return None
    result.identities.append(identity)
    document = load_yaml(path.read_bytes(), display, partial=True)
    if isinstance(document, list):
        problems.extend(document)
        return None
    # A duplicate key or an alias is reported, and the rest of the file is still checked.
    problems.extend(document.problems)
    model = CONTENT_TYPES_BY_KIND[identity.kind].model
    try:
        item = model.model_validate(document.data, context={"timezone": timezone}).with_identity(identity)
    except ValidationError as error:
        found = list(_beside_yaml_problems(_model_problems(error, model, document), document.problems))
        problems.extend(found)
        result.partly_read.append(_partly_read(identity, model, document, {problem.field for problem in found}))
        return None
    item_marks = marks(item)
    problems.extend(_findings(item_marks, document))
    return LoadedItem(identity, item, document.source, document.text, item_marks)


def _partly_read(identity: Identity, model: type[ContentFile], document: YamlDocument, refused: set[str]) -> PartlyRead:
    """What a file that did not fit its model names, leaving out the values already refused (a malformed id)."""
    written = marks_as_written(model, document.data)
    kept = tuple(ref for ref in written.references if _dotted(ref.path) not in refused)
    files = tuple(ref for ref in written.files if _dotted(ref.path) not in refused)
    draft = isinstance(document.data, dict) and document.data.get("draft") is True
    return PartlyRead(identity, document.source, Marks((), kept, files, ()), draft)


def _model_problems(error: ValidationError, model: type[ContentFile], document: YamlDocument) -> Iterator[Problem]:
    for detail in error.errors(include_url=False):
        path, about_key = error_messages.locate(detail, document.data)
        position = document.source.locate(path, key=about_key)
        text = error_messages.message(detail, model)
        yield Problem(document.file, position.line, position.column, _dotted(path), text)


def _beside_yaml_problems(found: Iterable[Problem], yaml_problems: Iterable[Problem]) -> Iterator[Problem]:
    """Leave out what a YAML-level problem already explains (an alias's value was dropped, so it is "missing")."""
    explained = [problem.field for problem in yaml_problems if problem.field]
    for problem in found:
        if not any(problem.field == field or problem.field.startswith(f"{field}.") for field in explained):
            yield problem


def _findings(item_marks: Marks, document: YamlDocument) -> Iterator[Problem]:
    for prefix, model in item_marks.models:
        for finding in model.findings():
            path = (*prefix, *finding.path)
            position = document.source.locate(path)
            yield Problem(
                document.file, position.line, position.column, _dotted(path), finding.message, finding.severity
            )


def _duplicate_identities(identities: Iterable[Identity]) -> Iterator[Problem]:
    first_file: dict[tuple[str, str | None, str], str] = {}
    for identity in identities:
        key = (identity.kind, identity.unit, identity.id)
        if key in first_file:
            yield Problem(
                identity.file,
                1,
                1,
                "",
                f"{identity.kind} id '{identity.id}' is already used by {first_file[key]}; "
                "rename one of the files so each has its own name",
            )
        else:
            first_file[key] = identity.file


def _ids_taken_by_the_site(check: ContentCheck) -> Iterator[Problem]:
    """An id whose address is one of the site's own pages (a service called brochure) would replace that page."""
    taken = {kind: addresses.taken_ids(kind) for kind in ("service", "incident", "unit")}
    for identity in check.identities:
        if identity.id in taken.get(identity.kind, {}):
            page = addresses.url(taken[identity.kind][identity.id])
            yield Problem(
                identity.file,
                1,
                1,
                "",
                f"the name '{identity.id}' is taken by the site's own page /{page}; rename the file",
            )
    for loaded in check.items:
        if isinstance(loaded.item, SiteSettings):
            for index, business_unit in enumerate(loaded.item.business_units):
                if business_unit.id in taken["unit"]:
                    page = addresses.url(taken["unit"][business_unit.id])
                    yield _reference_problem(
                        loaded,
                        Reference(("business_units", index, "id"), "unit", business_unit.id),
                        f"the id '{business_unit.id}' is taken by the site's own page /{page}; choose another",
                    )


def known_ids(check: ContentCheck) -> dict[str, set[str]]:
    """Every id other files may refer to, by kind of reference."""
    ids: dict[str, set[str]] = {kind: set() for kind in (*_SITE_DEFINED, *ITEM_KINDS)}
    for identity in check.identities:
        ids.setdefault(identity.kind, set()).add(identity.id)
    for loaded in check.items:
        if isinstance(loaded.item, SiteSettings):
            site = loaded.item
            ids["unit"] = {unit.id for unit in site.business_units}
            ids["goal"] = {goal.id for goal in site.strategic_goals}
            ids["audience"] = {audience.id for audience in site.audiences}
            ids["category"] = {category.id for category in site.service_categories}
    return ids


def _unknown_references(check: ContentCheck) -> Iterator[Problem]:
    ids = known_ids(check)
    drafts = {(loaded.identity.kind, loaded.identity.id) for loaded in _referrers(check) if _is_draft(loaded)}
    has_site = any(isinstance(loaded.item, SiteSettings) for loaded in check.items)
    for loaded in _referrers(check):
        if loaded.identity.unit is not None and has_site and loaded.identity.unit not in ids["unit"]:
            hint = error_messages.closest(loaded.identity.unit, sorted(ids["unit"]))
            yield Problem(
                loaded.identity.file,
                1,
                1,
                "",
                f"the folder '{loaded.identity.unit}' names no business unit in site.yaml; {hint}",
            )
        for reference in loaded.marks.references:
            kind, target = _target(reference)
            if target in ids.get(kind, set()) or (kind in _SITE_DEFINED and not has_site):
                continue
            accepted = _acceptable(loaded, kind, ids.get(kind, set()), drafts)
            if target == PLACEHOLDER_ID:
                choices = ", ".join(accepted) if accepted else "none is defined yet"
                yield _reference_problem(
                    loaded, reference, f"still holds the template's placeholder; choose: {choices}"
                )
                continue
            hint = error_messages.closest(target, accepted) if accepted or not ids.get(kind) else _NONE_ACCEPTED
            yield _reference_problem(loaded, reference, f"unknown {_describe_reference(kind, target)}; {hint}")


_NONE_ACCEPTED = "none it may name exists yet (a published item names no draft; a follow-up, an earlier issue)"


def _referrers(check: ContentCheck) -> list[LoadedItem | PartlyRead]:
    """Every file whose references are checked: those read whole, and those that did not fit their model."""
    return [*check.items, *check.partly_read]


def _acceptable(loaded: LoadedItem | PartlyRead, kind: str, ids: set[str], drafts: set[tuple[str, str]]) -> list[str]:
    """The ids a reference from ``loaded`` could name without breaking another rule, for "did you mean":
    a published item links to no draft, and a newsletter follows up only an earlier issue."""
    accepted = ids if _is_draft(loaded) else {target for target in ids if (kind, target) not in drafts}
    if kind == "newsletter" and loaded.identity.kind == "newsletter":
        accepted = {month for month in accepted if month < loaded.identity.id}
    return sorted(accepted)


def _reference_problem(loaded: LoadedItem | PartlyRead, reference: Reference, message: str) -> Problem:
    position = loaded.source.locate(reference.path, key=reference.is_key)
    return Problem(loaded.identity.file, position.line, position.column, _dotted(reference.path), message)


def _target(reference: Reference) -> tuple[str, str]:
    """The kind and id a reference names; ``item`` references name their kind themselves (kind:id)."""
    if reference.kind == "item":
        kind, _, target = reference.target.partition(":")
        return kind, target
    return reference.kind, reference.target


def _missing_docs_files(check: ContentCheck, project_dir: Path) -> Iterator[Problem]:
    """Files that content names under docs/ must be there, or the page would link to nothing; and really there,
    not a file the project may not publish (see project_files.py)."""
    docs_dir = project_dir / "docs"
    for loaded in _referrers(check):
        for reference in loaded.marks.files:
            target = docs_dir / reference.target
            if (reason := refusal(target, project_dir)) is not None:
                message = f"docs/{reference.target} {reason}"
            elif not target.is_file():
                message = f"no file docs/{reference.target}; add the file there or correct the path"
            else:
                continue
            position = loaded.source.locate(reference.path)
            yield Problem(loaded.identity.file, position.line, position.column, _dotted(reference.path), message)


def _describe_reference(kind: str, target: str) -> str:
    if kind in _SITE_DEFINED:
        return f"{_SITE_DEFINED[kind]} '{target}' (not in site.yaml)"
    example = CONTENT_TYPES_BY_KIND[kind].example
    if "short-name" in example:
        expected_file = example.replace("short-name", target)
    else:  # the whole file name is the id, as in newsletters/YYYY-MM.yaml
        expected_file = f"{posixpath.dirname(example)}/{target}.yaml"
    return f"{kind} '{target}' (no file {expected_file})"


def _links_to_drafts(check: ContentCheck) -> Iterator[Problem]:
    """A published item must not link to a draft: the draft is left out of the site, so the link would break."""
    drafts = {(loaded.identity.kind, loaded.identity.id) for loaded in _referrers(check) if _is_draft(loaded)}
    if not drafts:
        return
    for loaded in check.items:
        if _is_draft(loaded):
            continue
        for reference in loaded.marks.references:
            kind, target = _target(reference)
            if (kind, target) in drafts:
                yield _reference_problem(
                    loaded,
                    reference,
                    f"{kind} '{target}' is a draft, so it is not on the site; publish it first or remove the link",
                )


def _site_links(check: ContentCheck) -> Iterator[Problem]:
    """Links in texts to pages of this site must name a published page (see site_links.py)."""
    ids = known_ids(check)
    drafts = {(loaded.identity.kind, loaded.identity.id) for loaded in _referrers(check) if _is_draft(loaded)}
    published = {
        kind: {target for target in ids.get(kind, set()) if (kind, target) not in drafts}
        for kind in site_links.LINKED_KINDS
    }
    quarters = [
        (identity.unit, identity.id)
        for identity in check.identities
        if identity.kind in ("review", "tickets") and identity.unit is not None
    ]
    rules = site_links.LinkRules(published, site_links.known_addresses(published, quarters), error_messages.closest)
    yield from site_links.check_links(check.items, rules)


def _is_draft(loaded: LoadedItem | PartlyRead) -> bool:
    if isinstance(loaded, PartlyRead):
        return loaded.draft
    return getattr(loaded.item, "draft", False) is True


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in path)
