"""``scripts/new KIND "Title"``: start a new content file, correctly named, from a template.

It asks for nothing it can work out: dates default to now in the site's
timezone ("now" is ``ITCOMMS_NOW`` when set, as for the build), a maintenance
window to the department's usual quiet slot (``status.maintenance_from`` and
``maintenance_until`` in site.yaml, 20:00 to 22:00 unless set), the file lands in the right folder with the right name, a site with
one business unit needs no ``--unit``, and kinds named by their period
(newsletter, report, review, tickets) need no title. The file validates once
every ``FILL IN`` is replaced and every ``fill-in`` id is chosen from the
ones its comment lists (from the content, never a default: services can be
named with ``--service``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from itcomms.clock import build_now
from itcomms.content.models import SiteSettings
from itcomms.content.models.fields import PLACEHOLDER_ID
from itcomms.content.schemas import schema_line
from itcomms.content.validate import check_content, known_ids
from itcomms.periods import FiscalYear, Quarter, month_key
from itcomms.rendering import templating

TEMPLATES = Path(__file__).parent / "new_templates"
NAMED_BY_PERIOD = ("newsletter", "report", "review", "tickets")
"""Kinds whose file name is their period, so a title is optional."""
FOR_A_UNIT = ("review", "tickets")


def slugify(title: str) -> str:
    """A file-name-safe version of a title: "Email arriving late!" → email-arriving-late."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].rstrip("-") or "item"


def target_path(kind: str, title: str, day: date, fiscal_start: int, unit: str | None) -> str:
    """Where the new file goes, under content/."""
    slug, stamp = slugify(title), day.isoformat()
    paths = {
        "service": f"services/{slug}.yaml",
        "incident": f"incidents/{day.year}/{stamp}-{slug}.yaml",
        "maintenance": f"maintenance/{stamp}-{slug}.yaml",
        "accomplishment": f"accomplishments/{day.year}/{stamp}-{slug}.yaml",
        "award": f"awards/{stamp}-{slug}.yaml",
        "talk": f"talks/{stamp}-{slug}.yaml",
        "metric": f"metrics/{slug}.yaml",
        "survey": f"surveys/{slug}.yaml",
        "newsletter": f"newsletters/{month_key(day)}.yaml",
        "report": f"reports/{FiscalYear.of(day, fiscal_start).year}.yaml",
        "review": f"units/{unit}/{Quarter.of(day, fiscal_start).key}.yaml",
        "tickets": f"tickets/{unit}/{Quarter.of(day, fiscal_start).key}.yaml",
    }
    return paths[kind]


def quiet_slot(now: datetime, day: date | None, starts: time, ends: time) -> tuple[datetime, datetime]:
    """A new maintenance window: the department's usual quiet slot on ``day``, or the next one still ahead of
    ``now`` (work is planned, so never the current time); a slot ending before it starts ends the next day."""
    if day is None:
        day = now.date() if datetime.combine(now.date(), starts, tzinfo=now.tzinfo) > now else now.date() + timedelta(1)
    start = datetime.combine(day, starts, tzinfo=now.tzinfo)
    end = datetime.combine(day + timedelta(days=1) if ends <= starts else day, ends, tzinfo=now.tzinfo)
    return start, end


def main(argv: list[str] | None = None) -> int:
    kinds = sorted(path.name.removesuffix(".yaml.j2") for path in TEMPLATES.glob("*.yaml.j2"))
    parser = argparse.ArgumentParser(prog="scripts/new", description=__doc__)
    parser.add_argument("kind", choices=kinds, help="what to add")
    parser.add_argument(
        "title",
        nargs="?",
        help="its title, in plain words; optional for newsletter, report and review (for tickets: where the counts come from)",
    )
    parser.add_argument(
        "--date",
        type=date.fromisoformat,
        help="its date (default: today in the site's timezone; for maintenance, the next quiet slot)",
    )
    parser.add_argument("--unit", help="the business unit, for review and tickets (not needed when there is one)")
    parser.add_argument(
        "--service", action="append", default=[], help="a service it affects, for incident and maintenance (repeatable)"
    )
    parser.add_argument("--project", type=Path, default=Path.cwd())
    args = parser.parse_args(argv)
    if args.title is None and args.kind not in NAMED_BY_PERIOD:
        parser.error(f'a {args.kind} needs a title, like: scripts/new {args.kind} "Email arriving late"')

    check = check_content(args.project)
    site = next((loaded.item for loaded in check.items if isinstance(loaded.item, SiteSettings)), None)
    if site is None:
        print("content/site.yaml must be valid first; run scripts/validate", file=sys.stderr)  # noqa: T201
        return 1
    ids = {kind: sorted(values) for kind, values in known_ids(check).items()}
    if args.kind in FOR_A_UNIT and args.unit is None and len(ids["unit"]) == 1:
        args.unit = ids["unit"][0]
    if args.kind in FOR_A_UNIT and args.unit not in ids["unit"]:
        print(f"--unit must be one of: {', '.join(ids['unit'])}", file=sys.stderr)  # noqa: T201
        return 2
    unknown = [service for service in args.service if service not in ids["service"]]
    if unknown:
        print(f"unknown --service {', '.join(unknown)}; services: {', '.join(ids['service'])}", file=sys.stderr)  # noqa: T201
        return 2
    services = args.service
    # New items name only services still offered: a retired one is history, not a choice.
    retired = {
        loaded.identity.id for loaded in check.of_kind("service") if getattr(loaded.item, "lifecycle", "") == "retired"
    }
    ids["service"] = [service for service in ids["service"] if service not in retired]

    now = build_now(os.environ, ZoneInfo(site.timezone)).astimezone(ZoneInfo(site.timezone))
    later = now + timedelta(hours=2)
    if args.kind == "maintenance":
        now, later = quiet_slot(now, args.date, site.status.maintenance_from, site.status.maintenance_until)
    elif args.date:
        now = datetime.combine(args.date, now.time(), tzinfo=now.tzinfo)
        later = now + timedelta(hours=2)
    relative = target_path(args.kind, args.title or "", now.date(), site.fiscal_year_start, args.unit)
    destination = args.project / "content" / relative
    if destination.exists():
        print(f"content/{relative} already exists; edit it, or choose another title", file=sys.stderr)  # noqa: T201
        return 1

    environment = templating.environment((TEMPLATES,), "none")
    environment.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)
    text = environment.get_template(f"{args.kind}.yaml.j2").render(
        choose=PLACEHOLDER_ID,
        title=args.title,
        ids=ids,
        services=services,
        now=f"{now:%Y-%m-%d %H:%M}",
        later=f"{later:%Y-%m-%d %H:%M}",
        today=now.date().isoformat(),
        month=month_key(now.date()),
        support_email=site.contact.email,
        support_hours=site.contact.hours or "FILL IN: when people can get help",
    )
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(f"{schema_line(relative, args.kind)}\n{text}", encoding="utf-8")
    print(f"content/{relative}")  # noqa: T201
    print("Replace every FILL IN, then run scripts/validate.", file=sys.stderr)  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
