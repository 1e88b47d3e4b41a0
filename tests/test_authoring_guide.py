"""The guide for authors: every field of every type (compared with the models), and examples and commands that work."""

from __future__ import annotations

import re
import shlex
import shutil
import types
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import lxml.html
import pytest
import yaml

from itcomms.cli.new import main as new
from itcomms.content.kinds import CONTENT_TYPES
from itcomms.content.models import ContentModel
from itcomms.content.validate import check_content
from itcomms.outputs.authoring.authoring_guide import Example, examples
from support import DEMO_CONTENT, MINIMAL_CONTENT, REPO, environment, load_site

CONTENTS = {"demo": DEMO_CONTENT, "minimal": MINIMAL_CONTENT}


def model_fields(model: type[ContentModel], prefix: str = "") -> dict[str, str]:
    """Every field of a model and of the models inside it, by dotted name, with its docstring: the models' own view."""
    found: dict[str, str] = {}
    for name, info in model.model_fields.items():
        found[prefix + name] = info.description or ""
        for inner in nested_models(info.annotation):
            found |= model_fields(inner, f"{prefix}{name}.")
    return found


def nested_models(annotation: Any) -> list[type[ContentModel]]:
    if isinstance(annotation, type) and issubclass(annotation, ContentModel):
        return [annotation]
    if get_origin(annotation) in (list, dict, Annotated, Union, types.UnionType):
        return [model for argument in get_args(annotation) for model in nested_models(argument)]
    return []


def guide_fields(guide: lxml.html.HtmlElement, kind: str) -> dict[str, str]:
    """The field table of one kind in the built guide: field name → what it means, as a reader sees them."""
    heading = guide.get_element_by_id(f"fields-{kind}")
    table = heading.xpath("following::table[1]")[0]
    assert [cell.text_content() for cell in table.xpath(".//thead//th")] == [
        "Field",
        "Required",
        "Takes",
        "What it means",
    ]
    rows = [[cell.text_content() for cell in row.xpath("td")] for row in table.xpath(".//tbody/tr")]
    return {name: meaning for name, _, _, meaning in rows}


def heading_text(heading: lxml.html.HtmlElement) -> str:
    """A heading as read, without its permalink mark."""
    return " ".join(heading.text_content().split()).removesuffix("¶")


def plain(docstring: str) -> str:
    return " ".join(docstring.replace("`", "").split())


@pytest.fixture(scope="module")
def guide(demo_site: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(demo_site / "authoring/index.html")).getroot()


@pytest.mark.parametrize("content_type", CONTENT_TYPES, ids=lambda content_type: content_type.kind)
def test_the_guide_lists_every_field_of_every_type(guide: lxml.html.HtmlElement, content_type: Any) -> None:
    expected = {name: plain(meaning) for name, meaning in model_fields(content_type.model).items()}
    listed = {name: " ".join(meaning.split()) for name, meaning in guide_fields(guide, content_type.kind).items()}
    assert listed == expected


def test_the_guide_covers_what_authors_need(guide: lxml.html.HtmlElement) -> None:
    headings = [heading_text(heading) for heading in guide.xpath("//article//h2")]
    for needed in (
        "Post an outage update in two minutes",
        "Add an item",
        "Edit in the web editor",
        "Preview your change",
        "What the messages mean",
        "The glossary",
        "Every field",
    ):
        assert needed in headings


def test_the_guide_states_the_id_fiscal_year_and_timezone_rules(guide: lxml.html.HtmlElement) -> None:
    text = " ".join(guide.get_element_by_id("names-ids-and-dates").xpath("following::ul[1]")[0].text_content().split())
    assert "An item's id is its file name without the date" in text
    assert "unique across years" in text
    assert "File names are dated in the department's time zone (Europe/London)" in text
    assert "Reports are named by the financial year that starts in that year" in text
    assert "content/reports/2026.yaml covers January 2026 to December 2026" in text


def test_the_guide_says_how_to_link_to_a_page_of_the_site(guide: lxml.html.HtmlElement) -> None:
    table = guide.get_element_by_id("links-to-pages-of-this-site").xpath("following::table[1]")[0]
    written = [row.xpath("td")[0].text_content() for row in table.xpath(".//tbody/tr")]
    assert "[the printing service](service:printing)" in written
    assert any("(/status/)" in cell for cell in written)


def test_the_guide_shows_the_sites_own_jargon_list(guide: lxml.html.HtmlElement) -> None:
    jargon = load_site(DEMO_CONTENT.parent).settings.plain_language.jargon
    text = guide.text_content()
    assert jargon
    for phrase, plainer in jargon.items():
        assert f"{phrase}{plainer}" in text.replace("\n", "")  # the table's two cells, side by side


def test_every_kind_has_a_section_with_its_command_and_example(guide: lxml.html.HtmlElement) -> None:
    site_examples = examples(load_site(DEMO_CONTENT.parent))
    assert [example.kind for example in site_examples] == [content_type.kind for content_type in CONTENT_TYPES]
    blocks = [" ".join(block.text_content().split()) for block in guide.xpath("//article//details//code")]
    for example in site_examples:
        section = guide.get_element_by_id(example.kind)
        assert heading_text(section) == example.name
        assert " ".join(example.text.split()) in blocks
        if example.command:
            assert example.command in guide.text_content()


def write_example(content: Path, example: Example) -> None:
    """Put an example in place: a whole file, or a snippet's entries added to the file it belongs in."""
    target = content / example.path
    if not example.snippet:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(example.text, encoding="utf-8")
        return
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    for key, entries in yaml.safe_load(example.text).items():
        name = "term" if key == "terms" else "id"  # an entry the example redefines replaces the file's own
        data[key] = [entry for entry in data[key] if entry[name] not in {added[name] for added in entries}]
        data[key] += entries
    target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("content", CONTENTS, ids=list(CONTENTS))
def test_every_example_validates_in_the_site_it_is_shown_for(content: str, tmp_path: Path) -> None:
    site = load_site(CONTENTS[content].parent)
    for example in examples(site):
        project = tmp_path / example.kind
        shutil.copytree(CONTENTS[content], project / "content")
        # videos and captions live there; copied, as a link out of the project is refused
        shutil.copytree(REPO / "docs/assets", project / "docs/assets")
        write_example(project / "content", example)
        assert [str(problem) for problem in check_content(project, advice=True).problems] == [], example.kind


@pytest.mark.parametrize("example", examples(load_site(DEMO_CONTENT.parent)), ids=lambda example: example.kind)
def test_each_command_in_the_guide_creates_the_example_file(
    example: Example, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if example.command is None:
        assert example.snippet
        return
    shutil.copytree(DEMO_CONTENT, tmp_path / "content")
    (tmp_path / "content" / example.path).unlink(missing_ok=True)
    day = re.search(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", example.path)
    with environment({"ITCOMMS_NOW": f"{day.group() if day else '2026-11-24'}T09:00:00"}):
        program, *arguments = shlex.split(example.command)
        assert program == "scripts/new"
        assert new([*arguments, "--project", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == f"content/{example.path}"
