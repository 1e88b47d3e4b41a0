"""``scripts/bench``: how fast the build is, how it scales, and how it compares with its floor and a peer.

Every figure is measured in this run, on this machine, as the median of
several runs, each build in a fresh process:

- full build time of synthetic content at three sizes (1, 10 and 20 years):
  the first build of a project (nothing kept yet: cold), and the builds after
  it, which find the pages, charts and templates the first one kept;
- the floor: a bare MkDocs + Material build of as many plain Markdown pages,
  and the same floor made of the very pages our hooks generate, written out as
  plain files (the difference is exactly the cost of our pipeline);
- the peer: Material's blog plugin with mkdocs-rss-plugin building the same
  incidents and accomplishments as posts (in its own environment);
- peak memory of each build, the search index size;
- the rebuild time ``mkdocs serve`` needs after one YAML edit of the demo content
  (an incident's title);
- the compressed size of the demo home page with everything it loads;
- the seconds and peak memory of ``scripts/import-tickets`` on a generated
  export of 1,000,000 tickets.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from itcomms.outputs import Artefact
from itcomms_bench.prose import volume_against
from itcomms_bench.synthetic import PRESETS, generate
from itcomms_bench.weight import count_pages, home_page_transfer_kib, page_weight

REPO = Path(__file__).resolve().parents[2]
PEER_PACKAGES = ["mkdocs==1.6.1", "mkdocs-material", "mkdocs-rss-plugin"]
BENCH_NOW = "2026-12-31T12:00:00"


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_mib: float


def child_build(project: Path, site_dir: Path, *, edit: str | None = None) -> dict[str, Any]:
    """Runs in the measured process: one MkDocs build, or, with ``edit``, the rebuild ``mkdocs serve`` makes
    after an author's edit (``title:PATH``, an item's title; ``glossary``, a term's meaning)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def build_once() -> float:
        started = time.perf_counter()
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        build(config, serve_url="http://127.0.0.1:8000/" if edit else None)
        return time.perf_counter() - started

    seconds = build_once()
    if edit:
        make_edit(project, edit)
        seconds = build_once()
    max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "max_rss_mib": max_rss_mib}


def make_edit(project: Path, edit: str) -> None:
    """What an author does: a word changed in one item's title (shown on its page, the status page, the
    feeds and the newsletter), or in one glossary meaning (shown in the tooltips of every page)."""
    if edit == "none":
        return
    if edit == "glossary":
        glossary = project / "content" / "glossary.yaml"
        data = yaml.safe_load(glossary.read_text(encoding="utf-8"))
        data["terms"][0]["meaning"] += " (edited)"
        glossary.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return
    edited = project / edit.removeprefix("title:")
    text = edited.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: ") and line[7:8] not in "'\"")
    edited.write_text(text.replace(title, title + " (edited)", 1), encoding="utf-8")


def latest_incident(project: Path) -> str:
    """The title edit the benchmark makes: the newest incident's."""
    incident = sorted((project / "content" / "incidents").rglob("*.yaml"))[-1]
    return f"title:{incident.relative_to(project).as_posix()}"


def measure(python: Path, project: Path, runs: int, *, edit: str | None = None) -> list[Run]:
    results = []
    for _ in range(runs):
        site_dir = project / "site"
        shutil.rmtree(site_dir, ignore_errors=True)
        command = [str(python), "-m", "itcomms_bench.bench", "--child", str(project)]
        if edit:
            command += ["--edit", edit]
        env = {
            **os.environ,
            "PYTHONPATH": str(REPO / "hooks"),
            "ITCOMMS_NOW": BENCH_NOW,
            "ITCOMMS_PDF": "0",
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
        }
        finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if finished.returncode != 0:
            raise SystemExit(f"build of {project} failed:\n{finished.stderr[-3000:]}")
        figures = json.loads(finished.stdout.strip().splitlines()[-1])
        results.append(Run(figures["seconds"], figures["max_rss_mib"]))
    return results


@dataclass(frozen=True)
class Target:
    """A goal of the build and what this run measured against it."""

    goal: str
    measured: float
    limit: float
    unit: str

    def line(self) -> str:
        verdict = "met" if self.measured <= self.limit else "MISSED"
        return f"  {self.goal:<58} {self.measured:>9.2f} {self.unit:<4} at most {self.limit:>8.2f} {self.unit:<4} {verdict}"


TEN_YEARS, TWENTY_YEARS = "10y", "20y"
"""The sizes the page-weight, preview and memory goals are set at."""


def median(runs: list[Run]) -> Run:
    return Run(statistics.median(run.seconds for run in runs), max(run.max_rss_mib for run in runs))


def make_project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "docs", folder / "docs")
    (folder / "hooks").symlink_to(REPO / "hooks", target_is_directory=True)
    return folder


def floor_project(folder: Path, pages: int) -> Path:
    """Plain Markdown pages under the same nav sections, with Material and nothing else."""
    docs = folder / "docs"
    sections = ["status", "services", "newsletter", "report", "units", "glossary", "authoring"]
    for section in sections:
        (docs / section).mkdir(parents=True, exist_ok=True)
        (docs / section / "index.md").write_text(f"# {section.title()}\n\nThe {section} section.\n")
    (docs / "index.md").write_text("# Home\n\nWelcome.\n")
    for number in range(max(0, pages - len(sections) - 1)):
        section = sections[number % len(sections)]
        (docs / section / f"page-{number:05d}.md").write_text(
            f"# Page {number}\n\nSome plain text for page {number}.\n\n## Details\n\n- one\n- two\n"
        )
    nav = "\n".join(f"  - {section.title()}: {section}/index.md" for section in sections)
    (folder / "mkdocs.yml").write_text(
        "site_name: Floor\nsite_url: https://example.com/\ntheme:\n  name: material\n  font: false\n"
        f"plugins:\n  - search\nnav:\n  - Home: index.md\n{nav}\n"
    )
    return folder


def same_pages_project(folder: Path, ours: Path) -> Path:
    """``write_same_pages`` in a child process: rendering in this one would grow it, and a child forked from a
    large process inherits its peak memory figure, so every later measurement would read too high."""
    command = [sys.executable, "-m", "itcomms_bench.bench", "--same-pages-of", str(ours), "--into", str(folder)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    finished = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if finished.returncode != 0:
        raise SystemExit(f"writing the same pages as {ours} failed:\n{finished.stderr[-3000:]}")
    return folder


def write_same_pages(folder: Path, ours: Path) -> None:
    """Our generated pages and files written out as plain files, built by MkDocs + Material with no hooks.

    The same Markdown extensions, stylesheets and theme overrides, but for the
    two that need the hooks' values (the page frame with its banner, which the
    theme's own stands in for): what MkDocs itself spends on our pages.
    """

    from itcomms.pipeline import load_build

    environ = {**os.environ, "ITCOMMS_NOW": BENCH_NOW, "ITCOMMS_PDF": "0"}
    rendered = load_build(ours, "https://example.com/", environ).render()
    docs = folder / "docs"
    shutil.copytree(ours / "docs", docs, ignore=shutil.ignore_patterns("main.html", "status-banner.html"))
    for output in rendered.outputs:
        target = docs / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(output, Artefact):
            target.write_bytes(output.content)
        else:
            target.write_text(output.markdown, encoding="utf-8")
    config = yaml.safe_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    for option in ("hooks", "watch"):
        config.pop(option, None)
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")


def peer_project(folder: Path, content: Path) -> Path:
    """The same incidents and accomplishments as posts of Material's blog, with an RSS feed."""
    import yaml

    posts = folder / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n")
    (folder / "docs" / "blog" / "index.md").write_text("# Blog\n")
    for kind, category in (("incidents", "Incident"), ("accomplishments", "Accomplishment")):
        for path in sorted((content / kind).rglob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            day = path.name[:10]
            updates = "\n\n".join(f"**{update['state']}**: {update['message']}" for update in data.get("updates", []))
            (posts / f"{kind}-{path.stem}.md").write_text(
                f"---\ndate: {day}\ncategories:\n  - {category}\n---\n\n# {data['title']}\n\n{data['summary']}\n\n"
                f"<!-- more -->\n\n{updates}\n",
                encoding="utf-8",
            )
    (folder / "mkdocs.yml").write_text(
        "site_name: Peer\nsite_url: https://example.com/\ntheme:\n  name: material\n  font: false\n"
        "plugins:\n  - search\n  - blog\n  - rss:\n      match_path: blog/posts/.*\n"
        "      date_from_meta:\n        as_creation: date\n"
        "nav:\n  - Home: index.md\n  - Blog: blog/index.md\n"
    )
    return folder


def peer_python(cache: Path) -> Path:
    """A separate environment for the peer, so its plugins never touch ours."""
    venv = cache / "bench-peer-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        for command in (
            [sys.executable, "-m", "venv", str(venv)],
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *PEER_PACKAGES],
        ):
            # pip's chatter would break up the table; it is shown only when the install fails.
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                sys.stderr.write(done.stdout + done.stderr)
                done.check_returncode()
    return python


def measure_peer(python: Path, project: Path, runs: int) -> list[Run]:
    results = []
    for _ in range(runs):
        shutil.rmtree(project / "site", ignore_errors=True)
        env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
        started = time.perf_counter()
        subprocess.run(
            [str(python), "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
            env=env,
            check=True,
            capture_output=True,
        )
        results.append(Run(time.perf_counter() - started, 0.0))
    return results


def ticket_import(work: Path, rows: int = 1_000_000) -> Run:
    """``scripts/import-tickets`` on a generated ServiceNow-style export of ``rows`` tickets, in a child process."""
    project = work / "ticket-import"
    (project / "content").mkdir(parents=True)
    shutil.copy(REPO / "content" / "site.yaml", project / "content" / "site.yaml")
    export = project / "export.csv"
    rng = random.Random(2026)
    units = ["Warehouse Operations", "Transport", "Sales & Customer Service", "Finance", "People & Culture"]
    priorities = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"]
    first = datetime(2025, 1, 1, tzinfo=UTC)  # written without a zone: the site's timezone
    with export.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(
            [
                "number",
                "short_description",
                "caller_id",
                "u_business_unit",
                "opened_at",
                "resolved_at",
                "priority",
                "category",
                "sys_class_name",
            ]
        )
        for number in range(rows):
            opened = first + timedelta(minutes=rng.randrange(60 * 24 * 365 * 2))
            resolved = opened + timedelta(minutes=rng.randrange(1, 60 * 120))
            writer.writerow(
                [
                    f"INC{number:08d}",
                    f"Something went wrong, ticket {number}",
                    f"Person {number % 2300}",
                    rng.choice(units),
                    f"{opened:%Y-%m-%d %H:%M:%S}",
                    f"{resolved:%Y-%m-%d %H:%M:%S}" if rng.random() > 0.02 else "",
                    rng.choice(priorities),
                    rng.choice(["hardware", "software", "network", "inquiry"]),
                    rng.choice(["Incident", "Requested Item"]),
                ]
            )
    mapping = REPO / "hooks" / "itcomms" / "tickets" / "mappings" / "servicenow.yaml"
    command = [sys.executable, "-m", "itcomms.cli.import_tickets", str(export), "--mapping", str(mapping)]
    log = project / "import.log"
    env = {**os.environ, "PYTHONPATH": str(REPO / "hooks")}
    started = time.perf_counter()
    with log.open("wb") as stderr:
        child = subprocess.Popen(
            [*command, "--project", str(project)], env=env, stdout=subprocess.DEVNULL, stderr=stderr
        )
        # wait4 gives this child's own peak memory, not the largest of every child so far
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the ticket import failed:\n{log.read_text(encoding='utf-8')[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="builds per figure (the median is printed)")
    parser.add_argument("--sizes", default="1y,10y,20y", help="comma-separated presets: " + ", ".join(PRESETS))
    parser.add_argument("--no-peer", action="store_true", help="skip the blog-plugin comparison")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--edit", help=argparse.SUPPRESS)
    parser.add_argument("--same-pages-of", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.same_pages_of:
        write_same_pages(args.into, args.same_pages_of)
        return 0

    if args.child:
        figures = child_build(args.child, args.child / "site", edit=args.edit)
        print(json.dumps(figures))  # noqa: T201
        return 0

    python = Path(sys.executable)
    cache = REPO / ".cache"
    work = Path(tempfile.mkdtemp(prefix="itcomms-bench-"))
    report: list[str] = []

    def say(line: str) -> None:
        report.append(line)
        print(line, flush=True)  # noqa: T201

    targets: list[Target] = []
    try:
        say(f"itcomms benchmark: median of {args.runs} runs, {os.cpu_count()} CPUs")
        say(
            f"{'size':>5} {'files':>6} {'pages':>6} {'cold s':>7} {'build s':>8} {'peak MiB':>9} {'floor s':>8} "
            f"{'vs floor':>9} {'same s':>7} {'cold vs same':>13} {'vs same':>8} {'peer s':>7} {'vs peer':>8} "
            f"{'search KiB':>11}"
        )
        baseline: tuple[str, int, float] | None = None
        for preset in args.sizes.split(","):
            project = make_project(work / preset / "ours")
            files = generate(project, PRESETS[preset])
            # The first build finds nothing kept (charts, compiled templates, converted pages); the next ones
            # find what it kept, as every build does after the first in CI with its cache, or on a laptop.
            cold = measure(python, project, 1)[0]
            ours = median(measure(python, project, args.runs))
            pages = count_pages(project / "site")
            search_kib = (project / "site" / "search" / "search_index.json").stat().st_size / 1024
            weight = page_weight(project / "site")
            floor = median(measure(python, floor_project(work / preset / "floor", pages), args.runs))
            same = median(measure(python, same_pages_project(work / preset / "same", project), args.runs))
            peer_text, ratio_text = "-", "-"
            if not args.no_peer:
                peer = median(
                    measure_peer(
                        peer_python(cache), peer_project(work / preset / "peer", project / "content"), args.runs
                    )
                )
                peer_text, ratio_text = f"{peer.seconds:.2f}", f"{ours.seconds / peer.seconds:.2f}x"
            say(
                f"{preset:>5} {files:>6} {pages:>6} {cold.seconds:>7.2f} {ours.seconds:>8.2f} "
                f"{max(ours.max_rss_mib, cold.max_rss_mib):>9.0f} {floor.seconds:>8.2f} "
                f"{ours.seconds / floor.seconds:>8.2f}x {same.seconds:>7.2f} {cold.seconds / same.seconds:>12.2f}x "
                f"{ours.seconds / same.seconds:>7.2f}x {peer_text:>7} {ratio_text:>8} {search_kib:>11.0f}"
            )
            say(f"      text per file against the demo's: {volume_against(REPO / 'content', project / 'content')}")
            say(
                f"      weight: search index {weight.search_gzip_kib:.0f} KiB compressed; status page "
                f"{weight.status_kib:.0f} KiB of HTML; largest page {weight.largest_kib:.0f} KiB ({weight.largest}); "
                f"{weight.over_300_kb} pages over 300 KB"
            )
            targets += [
                Target(f"{preset}: first build against the same pages", cold.seconds / same.seconds, 1.2, "x"),
                Target(f"{preset}: builds after it against the same pages", ours.seconds / same.seconds, 0.5, "x"),
            ]
            if preset == TEN_YEARS:
                title_edit = median(measure(python, project, args.runs, edit=latest_incident(project)))
                say(f"      preview after an incident's title edit: {title_edit.seconds:.2f} s")
                targets += [
                    Target(f"{preset}: preview of a title edit", title_edit.seconds, 3.0, "s"),
                    Target(f"{preset}: largest page ({weight.largest})", weight.largest_kib, 300 * 1000 / 1024, "KiB"),
                    Target(f"{preset}: status page", weight.status_kib, 150 * 1000 / 1024, "KiB"),
                    Target(f"{preset}: search index, compressed", weight.search_gzip_kib, 1000 * 1000 / 1024, "KiB"),
                ]
            if preset == TWENTY_YEARS:
                peak = max(ours.max_rss_mib, cold.max_rss_mib)
                targets.append(Target(f"{preset}: peak memory", peak, 1024, "MiB"))
            if baseline is None:
                baseline = (preset, files, ours.seconds)
            else:
                first, first_files, first_seconds = baseline
                say(
                    f"      scaling {preset}/{first}: time {ours.seconds / first_seconds:.1f}x "
                    f"for {files / first_files:.1f}x the files"
                )

        demo = make_project(work / "demo")
        shutil.copytree(REPO / "content", demo / "content")
        rebuild = median(measure(python, demo, args.runs, edit=latest_incident(demo)))
        say(f"serve rebuild after one YAML edit, an incident's title (demo content): {rebuild.seconds:.2f} s")
        warm = median(measure(python, demo, args.runs, edit="none"))
        glossary_edit = median(measure(python, demo, args.runs, edit="glossary"))
        say(f"serve rebuild after a glossary edit (demo content): {glossary_edit.seconds:.2f} s")
        say(f"serve rebuild with nothing edited (demo content): {warm.seconds:.2f} s")
        targets += [
            Target("demo: preview of a title edit", rebuild.seconds, 1.0, "s"),
            Target(
                "demo: preview of a glossary edit, against a warm build", glossary_edit.seconds / warm.seconds, 1, "x"
            ),
        ]
        say(
            f"home page with everything it loads, gzip-compressed: {home_page_transfer_kib(demo / 'site', REPO):.0f} KiB"
        )
        imported = ticket_import(work)
        say(f"ticket import of 1,000,000 rows: {imported.seconds:.1f} s, peak {imported.max_rss_mib:.0f} MiB")
        say("targets (issue 27), each beside this run's measurement:")
        for target in targets:
            say(target.line())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
