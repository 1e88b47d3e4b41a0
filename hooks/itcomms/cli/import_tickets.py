"""``scripts/import-tickets EXPORT.csv --mapping MAPPING.yaml``: ticket counts per unit and quarter from a CSV export.

Writes ``content/tickets/<unit>/<YYYY>-q<N>.yaml`` for every unit and quarter
in the export: counts and times only, no names, no ticket text, no ids (see
``itcomms.ticket_import``). Each row that cannot be counted is reported with
its line number, and a summary ends the run.

A file the import wrote carries ``generated: true`` and a digest of its
figures. An import replaces such a file only while nobody has edited it; a
file written or edited by hand is left alone unless ``--force`` is given.

Exit status: 0 when every row was counted and every file written; 1 when
some rows were bad or duplicated or some files were left alone (the rest is
written);
2 when nothing could be imported (wrong arguments, an unreadable mapping or
site.yaml, columns missing from the export, an export with no rows or not in
the given encoding, a category or type column that holds free text).

Only the mapping's own category and type names are written; a value the
mapping does not list is counted as "Other" (types: "other") and its line
reported, never its text.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

import yaml
from pydantic import ValidationError

from itcomms.content import error_messages
from itcomms.content.kinds import identify
from itcomms.content.models import SiteSettings, TicketSummary
from itcomms.content.schemas import schema_line
from itcomms.content.yaml_source import load_yaml
from itcomms.problems import Problem
from itcomms.tickets.importer import (
    FreeTextColumn,
    MissingColumns,
    SummaryRefused,
    TicketImport,
    TicketMapping,
    read_mapping,
    summary_counts,
)

DIGEST_PREFIX = "# digest: "
_NOTE = (
    "# Written by scripts/import-tickets: counts and times only. A later import replaces this file\n"
    "# unless it was edited by hand; the digest below tells."
)
_PROGRESS_EVERY = 20_000
"""Rows between two updates of the progress line."""
_OTHER_LINES_SHOWN = 20
"""Lines counted as "Other" that are named one by one; the rest are only counted."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/import-tickets", description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path, help="the ticketing system's CSV export")
    parser.add_argument("--mapping", type=Path, required=True, help="YAML file naming the export's columns")
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="folder holding content/")
    parser.add_argument("--force", action="store_true", help="overwrite files written or edited by hand")
    parser.add_argument("--dry-run", action="store_true", help="report what would be written; write nothing")
    parser.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    parser.add_argument("--encoding", default="utf-8-sig", help="the export's text encoding (default: UTF-8)")
    args = parser.parse_args(argv)

    setup = _setup(args)
    if isinstance(setup, str):
        _say(setup)
        return 2
    importer = setup
    show_progress = args.progress or sys.stderr.isatty()
    others = 0
    try:
        with args.export.open(encoding=args.encoding, newline="") as export:
            reader = csv.reader(export)
            header = next(reader, None)
            if header is None:
                _say(f"{args.export}: is empty; it needs a header row naming its columns")
                return 2
            size = os.fstat(export.fileno()).st_size
            rows = _numbered(reader, export, size, show_progress)
            for bad in importer.read(rows, header):
                if bad.kind == "other":
                    others += 1
                    if others > _OTHER_LINES_SHOWN:
                        continue
                _clear_progress(show_progress)
                _say(f"{args.export}: {bad}")
    except MissingColumns as error:
        _say(f"{args.export}: line 1: {error}")
        return 2
    except FreeTextColumn as error:
        _clear_progress(show_progress)
        _say(f"{args.export}: {error}")
        return 2
    except UnicodeDecodeError:
        _clear_progress(show_progress)
        _say(f"{args.export}: {_encoding_problem(args.export, args.encoding)}")
        return 2
    except (OSError, csv.Error) as error:
        _clear_progress(show_progress)
        _say(f"{args.export}: cannot be read: {error}")
        return 2
    _clear_progress(show_progress)
    if importer.result.rows == 0:
        _say(f"{args.export}: has a header but no rows; nothing to import (is it the right export?)")
        return 2

    try:
        files = [
            (relative, render_file(relative, summary_counts(summary)))
            for relative, summary in (
                (f"tickets/{unit}/{quarter}.yaml", summary)
                for unit, quarter, summary in importer.result.summaries(importer.mapping)
            )
        ]
        problems = [str(problem) for relative, text in files for problem in refusals(relative, text)]
    except SummaryRefused as refused_counts:
        problems = refused_counts.problems
    if problems:  # an import never writes a file validate would refuse
        for problem in problems:
            _say(f"{problem}; nothing was written")
        return 2
    written, unchanged, refused = _write(files, args.project, force=args.force, dry_run=args.dry_run)
    result = importer.result
    bad_total = sum(result.bad.values())
    kinds = ", ".join(f"{count:,} {kind}" for kind, count in sorted(result.bad.items()))
    if result.other:
        _say(
            "counted as Other, because the mapping does not list the value: "
            + ", ".join(f"{_many(count, 'row')} by {column}" for column, count in sorted(result.other.items()))
            + (f" (the first {_OTHER_LINES_SHOWN} named above)" if others > _OTHER_LINES_SHOWN else "")
        )
    _say(
        f"{_many(result.rows, 'row')} read: {result.counted:,} counted, {result.still_open:,} still open "
        f"(not counted yet), {_many(result.duplicates, 'duplicate')} counted once, "
        f"{_many(bad_total, 'bad row')}{f' ({kinds})' if kinds else ''}"
    )
    verb = "would write" if args.dry_run else "wrote"
    _say(
        f"{verb} {_many(written, 'file')}, {unchanged} unchanged, {refused} left alone"
        + (" (written or edited by hand; use --force to replace them)" if refused else "")
    )
    return 1 if bad_total or result.duplicates or refused else 0


def _encoding_problem(export: Path, encoding: str) -> str:
    """Where the export stops being text in ``encoding``, by line and column, with the way out."""
    shown = "UTF-8" if encoding.lower().replace("_", "-") in ("utf-8-sig", "utf-8", "utf8") else encoding
    with export.open("rb") as raw:
        for number, line in enumerate(raw, start=1):
            try:
                line.decode(encoding)
            except UnicodeDecodeError as error:
                byte = line[error.start : error.start + 1].hex().upper()
                return (
                    f"line {number}, column {error.start + 1}: is not {shown} text (byte 0x{byte}); "
                    "if the export was saved in another encoding, give it with --encoding, "
                    "for example --encoding cp1252 (Excel on Windows) or --encoding latin-1"
                )
            except LookupError:
                break
    return f"is not {shown} text; give the export's encoding with --encoding, for example --encoding cp1252"


def _setup(args: argparse.Namespace) -> TicketImport | str:
    """The importer, or why the import cannot start."""
    site_path = args.project / "content" / "site.yaml"
    if not site_path.is_file():
        return f"{site_path}: not found; run from the project folder or give --project"
    document = load_yaml(site_path.read_bytes(), "content/site.yaml")
    try:
        if isinstance(document, list):
            raise ValueError
        site = SiteSettings.model_validate(document.data, context={"timezone": ZoneInfo("UTC")})
    except ValueError:
        return "content/site.yaml has problems; run scripts/validate and fix them first"
    if not args.mapping.is_file():
        return f"{args.mapping}: the mapping file is not found"
    mapping = read_mapping(args.mapping.read_bytes(), str(args.mapping))
    if not isinstance(mapping, TicketMapping):
        return "\n".join(str(problem) for problem in mapping)
    units = [unit.id for unit in site.business_units]
    importer = TicketImport(mapping, units, ZoneInfo(site.timezone), site.fiscal_year_start)
    if problems := importer.check_mapping():
        return "\n".join(f"{args.mapping}: {problem}" for problem in problems)
    if not args.export.is_file():
        return f"{args.export}: the export is not found"
    return importer


def _numbered(reader: Any, export: TextIO, size: int, show: bool) -> Iterator[tuple[int, list[str]]]:
    """Each row of a ``csv.reader`` with the line it starts on (a quoted field may span lines); shows progress."""
    line = reader.line_num + 1
    started = time.monotonic()
    for count, row in enumerate(reader, start=1):
        yield line, row
        line = reader.line_num + 1
        if show and count % _PROGRESS_EVERY == 0:
            _progress(export, size, count, started)


def _progress(export: TextIO, size: int, count: int, started: float) -> None:
    done = export.buffer.tell() if isinstance(export, io.TextIOWrapper) else 0
    share = min(done / size, 1.0) if size else 1.0
    bar = "#" * int(share * 30)
    rate = count / max(time.monotonic() - started, 1e-9)
    sys.stderr.write(f"\r[{bar:<30}] {share:4.0%}  {count:,} rows  {rate:,.0f} rows/s ")
    sys.stderr.flush()


def _clear_progress(show: bool) -> None:
    if show:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _many(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)  # noqa: T201


def render_file(relative: str, data: object) -> str:
    """A ticket file's text: schema line, a note, the digest of the figures, then the figures."""
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    return f"{schema_line(relative, 'tickets')}\n{_NOTE}\n{DIGEST_PREFIX}{_digest(body)}\n{body}"


def _digest(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def may_replace(text: str) -> bool:
    """Whether a ticket file was written by an import and not edited since: its digest matches its figures."""
    lines = text.splitlines(keepends=True)
    for index, line in enumerate(lines[:5]):
        if line.startswith(DIGEST_PREFIX):
            body = "".join(lines[index + 1 :])
            return line.removeprefix(DIGEST_PREFIX).strip() == _digest(body) and "\ngenerated: true\n" in f"\n{body}"
    return False


def refusals(relative: str, text: str) -> list[Problem]:
    """What validate would say of a ticket file about to be written: an import never writes one it refuses
    (a quarter of 2101, reached through a time zone; a median past the longest a figure may be)."""
    display = f"content/{relative}"
    identity = identify(relative, display)
    if isinstance(identity, str):
        return [Problem(display, 1, 1, "", identity)]
    document = load_yaml(text.encode("utf-8"), display)
    if isinstance(document, list):
        return document
    try:
        summary = TicketSummary.model_validate(document.data)
    except ValidationError as error:
        return [
            Problem(display, 1, 1, ".".join(map(str, detail["loc"])), error_messages.message(detail, TicketSummary))
            for detail in error.errors()
        ]
    return [Problem(display, 1, 1, ".".join(map(str, found.path)), found.message) for found in summary.findings()]


def _write(files: list[tuple[str, str]], project: Path, *, force: bool, dry_run: bool) -> tuple[int, int, int]:
    written = unchanged = refused = 0
    for relative, text in files:
        target = project / "content" / relative
        if target.exists():
            existing = target.read_text(encoding="utf-8", errors="replace")
            if existing == text:
                unchanged += 1
                continue
            if not force and not may_replace(existing):
                refused += 1
                _say(f"content/{relative}: written or edited by hand; left alone (use --force to replace it)")
                continue
        written += 1
        print(f"content/{relative}")  # noqa: T201
        if dry_run:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    return written, unchanged, refused


if __name__ == "__main__":
    raise SystemExit(main())
