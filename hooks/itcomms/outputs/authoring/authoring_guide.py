"""The guide for authors at /authoring/: adding and editing items, previewing, reading the messages, and every field.

The prose lives in ``authoring.md.j2``. What can drift is generated: the
kinds of item come from the content types, each with a filled-in example
(``templates/examples/<kind>.yaml.j2``, rendered with this site's own ids so
it can be copied as it is), and the field reference comes from the models'
field docstrings, every field of every type.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from itcomms import addresses
from itcomms.content.field_reference import FieldDoc, field_docs
from itcomms.content.kinds import CONTENT_TYPES, ContentType
from itcomms.content.schemas import schema_line
from itcomms.rendering import templating
from itcomms.rendering.outputs import Output
from itcomms.rendering.templating import Templates, escape_text
from itcomms.site import Site

EXAMPLES = Path(__file__).parent / "templates" / "examples"
"""An example file of each kind, as a Jinja template given this site's own ids."""

_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Example:
    """A filled-in example of one kind of item, as the guide shows it."""

    kind: str
    name: str
    """What authors call this kind of item, like "Incident (an outage)"."""
    path: str
    """Where the file goes, under content/."""
    command: str | None
    """The ``scripts/new`` command that starts it, if there is one."""
    text: str
    """The YAML; a whole file, or for a snippet the entries to add to an existing file."""
    snippet: bool


@dataclass(frozen=True)
class KindGuide:
    """Everything the guide says about one kind of item."""

    content_type: ContentType
    about: str
    """The model's own description of the kind."""
    example: Example
    fields: list[FieldDoc]


def render(site: Site, templates: Templates) -> Iterator[Output]:
    kinds = [
        KindGuide(content_type, _about(content_type), example, list(field_docs(content_type.model)))
        for content_type, example in zip(CONTENT_TYPES, examples(site), strict=True)
    ]
    yield templates.page(
        "authoring.md.j2",
        addresses.AUTHORING,
        kinds=kinds,
        ids=example_ids(site),
        now=site.local_now,
        inline=inline_markdown,
        field_name=field_name,
    )


def examples(site: Site) -> list[Example]:
    """A filled-in example of every kind of item, in the order of the content types, using the site's own ids."""
    # YAML shown in a code block, which escapes it; the values are ids and fixed text
    environment = templating.environment((EXAMPLES,), "none", site.options.cache_dir)
    ids = example_ids(site)
    found = []
    for content_type in CONTENT_TYPES:
        module = environment.get_template(f"{content_type.kind}.yaml.j2").make_module({"ids": ids})
        # The example's {% set %} lines say what it is; the rest of the template is the YAML.
        about: dict[str, Any] = {name: getattr(module, name, None) for name in ("name", "path", "command", "snippet")}
        body = str(module).lstrip("\n")
        text = body if about["snippet"] else f"{schema_line(about['path'], content_type.kind)}\n{body}"
        found.append(
            Example(content_type.kind, about["name"], about["path"], about["command"], text, bool(about["snippet"]))
        )
    return found


def example_ids(site: Site) -> dict[str, str | None]:
    """Ids the examples refer to, taken from the site so that an example validates as it is."""
    return {
        "service": "email" if "email" in site.services else next(iter(site.services), "email"),
        "unit": next(iter(site.units)),
        "goal": next(iter(site.goals)),
        "audience": next(iter(site.audiences)),
        "category": next(iter(site.categories)),
        "metric": next(iter(site.metrics), None),
        "support_email": site.settings.contact.email,
    }


def inline_markdown(text: str) -> Markup:
    """A docstring for a table cell: literal text, with `backticks` as code."""
    parts = _CODE.split(text)
    return Markup("").join(
        Markup(f"<code>{escape_text(part)}</code>") if index % 2 else escape_text(part)
        for index, part in enumerate(parts)
    )


def field_name(name: str) -> Markup:
    """A dotted field name as code that may wrap after a dot, never inside a word."""
    return Markup("<code>{}</code>").format(Markup(".<wbr>").join(escape_text(part) for part in name.split(".")))


def _about(content_type: ContentType) -> str:
    return " ".join((content_type.model.__doc__ or "").split("\n\n")[0].split())
