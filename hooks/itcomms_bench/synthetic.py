"""Synthetic content of any size, for benchmarks and scaling tests: valid, varied and reproducible.

``python -m itcomms_bench.synthetic DIR --years 10 --services 300 --incidents 300 --accomplishments 300 --units 12``
writes ``DIR/content/`` for a department of that size, ending at the last full
year before 2027. The same arguments always give the same files.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from itcomms.content.schemas import schema_line
from itcomms_bench import prose

LAST_YEAR = 2026
SITE_TIMEZONE = ZoneInfo("Europe/London")
"""Times are written without a zone, as authors do: wall-clock times in the site's timezone."""
_WORDS = [
    "network",
    "laptop",
    "email",
    "payroll",
    "warehouse",
    "route",
    "printer",
    "badge",
    "portal",
    "backup",
    "phone",
    "scanner",
    "archive",
    "invoice",
    "mailbox",
    "tablet",
    "screen",
    "account",
    "password",
    "meeting",
    "calendar",
    "handheld",
    "depot",
    "fleet",
]
_IMPACTS = ["none", "minor", "minor", "minor", "major", "major", "critical"]


@dataclass(frozen=True)
class Size:
    years: int
    services: int
    incidents_per_year: int
    accomplishments_per_year: int
    units: int

    @property
    def first_year(self) -> int:
        return LAST_YEAR - self.years + 1


PRESETS = {
    "1y": Size(years=1, services=40, incidents_per_year=150, accomplishments_per_year=150, units=6),
    "10y": Size(years=10, services=300, incidents_per_year=300, accomplishments_per_year=300, units=12),
    "20y": Size(years=20, services=300, incidents_per_year=300, accomplishments_per_year=300, units=12),
}


class _NoAliases(yaml.SafeDumper):
    """Content files never use YAML aliases (the loader refuses them), so repeated values are written out."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class _Writer:
    def __init__(self, content: Path) -> None:
        self.content = content
        self.count = 0

    def write(self, relative: str, kind: str, data: dict[str, Any]) -> None:
        target = self.content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        body = yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=100)
        target.write_text(f"{schema_line(relative, kind)}\n{body}", encoding="utf-8")
        self.count += 1


def generate(project: Path, size: Size, seed: int = 2026) -> int:
    """Write the content of a department of ``size`` under ``project/content``; returns the file count."""
    rng = random.Random(seed)
    writer = _Writer(project / "content")
    units = [f"unit-{number:02d}" for number in range(1, size.units + 1)]
    goals = ["growth", "efficiency", "security", "people"]
    services = [f"service-{number:03d}" for number in range(1, size.services + 1)]
    metrics = ["first-contact-resolution", "on-time-requests", "satisfaction", "time-to-restore"]

    writer.write("site.yaml", "site", _site(units, goals))
    glossary = [{"term": "IT", "meaning": "The technology team."}]
    glossary += [{"term": term, "meaning": f"What {term} means, in plain words."} for term in prose.GLOSSARY_TERMS]
    # words the site's own labels and codes use too ("Incident" columns, "2025-q3"), where no tooltip belongs
    glossary += [
        {"term": "Incident", "meaning": "When a service stops working."},
        {"term": "Q3", "meaning": "July to September."},
    ]
    writer.write("glossary.yaml", "glossary", {"terms": glossary})
    for number, service in enumerate(services):
        writer.write(f"services/{service}.yaml", "service", _service(rng, number, units, services))
    months = [(year, month) for year in range(size.first_year, LAST_YEAR + 1) for month in range(1, 13)]
    for year in range(size.first_year, LAST_YEAR + 1):
        # each year from its own seed, so a year's items are the same however many years come before it
        rng = random.Random(f"{seed}:{year}")
        for number in range(size.incidents_per_year):
            _incident(writer, rng, year, number, services)
        for number in range(size.accomplishments_per_year):
            _accomplishment(writer, rng, year, number, units, goals, services)
        for number in range(12):
            _maintenance(writer, rng, year, number, services)
        writer.write(f"awards/{year}-06-15-award-{year}.yaml", "award", _award(year))
        writer.write(f"talks/{year}-09-20-talk-{year}.yaml", "talk", _talk(year))
        writer.write(f"reports/{year}.yaml", "report", {"letter": f"A steady {year}.", "outlook": "More of the same."})
        for quarter in range(1, 5):
            for unit in units:
                writer.write(f"tickets/{unit}/{year}-q{quarter}.yaml", "tickets", _tickets(rng))
                writer.write(f"units/{unit}/{year}-q{quarter}.yaml", "review", _review(year, quarter))
        writer.write(f"surveys/survey-{year}.yaml", "survey", _survey(rng, year, units))
    for year, month in months:
        writer.write(
            f"newsletters/{year}-{month:02d}.yaml",
            "newsletter",
            {"title": f"News for {year}-{month:02d}", "editorial": "What IT did this month.", "kpi": "satisfaction"},
        )
    for metric in metrics:
        writer.write(f"metrics/{metric}.yaml", "metric", _metric(rng, metric, months, units))
    return writer.count


def _site(units: list[str], goals: list[str]) -> dict[str, Any]:
    person = {"name": "Alex Example", "email": "alex@example.com"}
    return {
        "name": "Synthetic IT",
        "organisation": "Synthetic Ltd",
        "timezone": "Europe/London",
        "contact": {"email": "help@example.com"},
        "leader": person,
        "newsletter": {"from_name": "Synthetic IT", "from_address": "news@example.com"},
        "strategic_goals": [{"id": goal, "name": goal.title(), "description": f"About {goal}."} for goal in goals],
        "business_units": [
            {
                "id": unit,
                "name": unit.replace("-", " ").title(),
                "description": "A unit.",
                "liaison": person,
                "lead": person,
            }
            for unit in units
        ],
        "audiences": [{"id": "everyone", "name": "Everyone"}],
        "service_categories": [
            {"id": f"category-{number}", "name": f"Category {number}", "description": "Services."}
            for number in range(1, 6)
        ],
    }


def _service(rng: random.Random, number: int, units: list[str], services: list[str]) -> dict[str, Any]:
    """A full service record, its text as long as the demo's (summary 15 words, description 60)."""
    word = _WORDS[number % len(_WORDS)]
    return {
        "name": f"{word.title()} service {number + 1}",
        "category": f"category-{number % 5 + 1}",
        "summary": prose.text(rng, 15),
        "description": prose.markdown(rng, 60, link="https://help.example.com/guides"),
        "audience": ["everyone"],
        "business_units": rng.sample(units, k=min(3, len(units))),
        "keywords": [word, *rng.sample(_WORDS, k=7)],
        "request": {"url": "https://help.example.com/request", "steps": prose.text(rng, 25)},
        "hours": {"service": "Always on", "support": "Weekdays 8:00 to 18:00, and for emergencies at any hour"},
        "support": {"email": "help@example.com", "phone": "0161 496 0100", "hours": "Weekdays 8:00 to 18:00"},
        "service_levels": {
            "availability": 99.5,
            "response": [
                {"priority": "urgent", "respond_within_hours": 0.25, "resolve_within_hours": 4},
                {"priority": "normal", "respond_within_hours": 4, "resolve_within_hours": 24},
            ],
        },
        "owner": {"team": "Platform", "email": "platform@example.com"},
        "cost": prose.text(rng, 10),
        "policies": [
            {"title": "Information security policy", "url": "https://policies.example.com/security"},
            {"title": "Acceptable use of IT", "url": "https://policies.example.com/acceptable-use"},
        ],
        "related": [other for other in rng.sample(services, k=min(4, len(services))) if other != services[number]][:3],
    }


def _written(moment: datetime) -> str:
    """A moment as an author writes it, in the site's time; with its offset in the hour the clocks go back,
    which happens twice (validation refuses a plain time there)."""
    local = moment.astimezone(SITE_TIMEZONE)
    twice = local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset()
    return f"{local:%Y-%m-%d %H:%M}" + (local.isoformat(timespec="minutes")[16:] if twice else "")


def _incident(writer: _Writer, rng: random.Random, year: int, number: int, services: list[str]) -> None:
    # worked out in UTC, so adding minutes never lands in the hour the clocks skip
    start = datetime(year, 1, 1, 8, tzinfo=SITE_TIMEZONE).astimezone(UTC) + timedelta(
        minutes=rng.randrange(0, 364 * 24 * 60)
    )
    minutes = rng.randrange(20, 600)
    end = start + timedelta(minutes=minutes)
    # three to five updates, as the demo's incidents have
    states = ["investigating", "identified", *["monitoring"] * rng.randrange(0, 3), "resolved"]
    stamps = [start + timedelta(minutes=minutes * share // (len(states) - 1)) for share in range(len(states) - 1)]
    stamps.append(end)
    day = start.astimezone(SITE_TIMEZONE).date().isoformat()
    writer.write(
        f"incidents/{year}/{day}-incident-{year}-{number:04d}.yaml",
        "incident",
        {
            "title": f"{rng.choice(_WORDS).title()} slow or down for some people ({number})",
            "services": rng.sample(services, k=min(2, len(services))),
            "impact": rng.choice(_IMPACTS),
            "start": _written(start),
            "end": _written(end),
            "summary": prose.text(rng, 22),
            "updates": [
                {"at": _written(stamp), "state": state, "message": prose.text(rng, 18)}
                for stamp, state in zip(stamps, states, strict=True)
            ],
            "cause": prose.text(rng, 26),
            "prevention": prose.text(rng, 20),
        },
    )


def _maintenance(writer: _Writer, rng: random.Random, year: int, number: int, services: list[str]) -> None:
    start = datetime(year, number + 1, rng.randrange(1, 28), 20, tzinfo=SITE_TIMEZONE)
    writer.write(
        f"maintenance/{start.date().isoformat()}-maintenance-{year}-{number:02d}.yaml",
        "maintenance",
        {
            "title": f"Planned work on {rng.choice(_WORDS)} ({number})",
            "services": [services[(year * 12 + number) % len(services)]],
            "start": f"{start:%Y-%m-%d %H:%M}",
            "end": f"{start + timedelta(hours=2):%Y-%m-%d %H:%M}",
            "impact": "minor",
            "message": prose.text(rng, 40),
        },
    )


def _accomplishment(
    writer: _Writer, rng: random.Random, year: int, number: int, units: list[str], goals: list[str], services: list[str]
) -> None:
    day = date(year, 1, 1) + timedelta(days=rng.randrange(0, 364))
    data: dict[str, Any] = {
        "title": f"Faster {rng.choice(_WORDS)} for depot teams ({number})",
        "summary": prose.text(rng, 24),
        "business_units": rng.sample(units, k=min(2, len(units))),
        "goals": [rng.choice(goals)],
        "services": [rng.choice(services)],
        "highlight": number % 50 == 0,
    }
    if number % 3 == 0:
        data["description"] = prose.markdown(rng, 35)
        data["savings"] = {"money": rng.randrange(1000, 50000), "hours": rng.randrange(10, 500)}
    writer.write(
        f"accomplishments/{year}/{day.isoformat()}-accomplishment-{year}-{number:04d}.yaml", "accomplishment", data
    )


def _award(year: int) -> dict[str, Any]:
    return {"title": f"Team of the year {year}", "by": "Industry body", "summary": "For steady service."}


def _talk(year: int) -> dict[str, Any]:
    return {
        "title": f"What we learnt in {year}",
        "event": "A conference",
        "people": ["Alex Example"],
        "summary": "Lessons.",
    }


def _tickets(rng: random.Random) -> dict[str, Any]:
    incidents, requests = rng.randrange(50, 400), rng.randrange(50, 500)
    handled = incidents + requests
    return {
        "source": "Synthetic export",
        "handled": handled,
        "within_target": handled - rng.randrange(0, handled // 5),
        "by_type": {"incident": incidents, "request": requests},
    }


def _review(year: int, quarter: int) -> dict[str, Any]:
    return {
        "met_on": f"{year}-{quarter * 3:02d}-20",
        "expectations": "Things that work.",
        "next_steps": ["Keep going."],
    }


def _survey(rng: random.Random, year: int, units: list[str]) -> dict[str, Any]:
    return {
        "title": f"Survey {year}",
        "opened": f"{year}-10-01",
        "closed": f"{year}-10-31",
        "responses": 100 * len(units),
        "questions": [{"id": "overall", "text": "How satisfied are you with IT?"}],
        "scores": {"overall": round(rng.uniform(3, 5), 1)},
        "by_unit": {unit: {"responses": 50, "scores": {"overall": round(rng.uniform(3, 5), 1)}} for unit in units},
    }


def _metric(rng: random.Random, metric: str, months: list[tuple[int, int]], units: list[str]) -> dict[str, Any]:
    lower_is_better = metric == "time-to-restore"
    values = {
        f"{year}-{month:02d}": round(rng.uniform(2, 8) if lower_is_better else rng.uniform(70, 99), 1)
        for year, month in months
    }
    return {
        "name": metric.replace("-", " ").capitalize(),
        "meaning": "How well we are doing.",
        "unit": "hours" if lower_is_better else "%",
        "better": "lower" if lower_is_better else "higher",
        "target": 4 if lower_is_better else 90,
        "since": f"{months[0][0]}-01",
        "values": values,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="synthetic", description=__doc__)
    parser.add_argument("project", type=Path, help="folder to write content/ into")
    parser.add_argument("--preset", choices=sorted(PRESETS), default="1y")
    args = parser.parse_args(argv)
    count = generate(args.project, PRESETS[args.preset])
    print(f"{count} files written under {args.project / 'content'}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
