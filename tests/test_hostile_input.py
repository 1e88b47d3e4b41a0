"""Hostile and random input: the only outcomes are valid items or positioned errors, quickly.

Hand-picked attacks (alias bombs, huge and deeply nested files, binary junk)
and hypothesis-generated mutations of valid files all go through the same
loading and validation an author's file does.
"""

from __future__ import annotations

import resource
import string
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itcomms.content.kinds import CONTENT_TYPES, ContentType
from itcomms.content.validate import check_content
from itcomms.problems import Problem
from support import MINIMAL_CONTENT, build_site, make_project, minimal_project

INCIDENT = "incidents/2026/2026-03-14-email-delays.yaml"


def assert_positioned(problems: list[Problem], project: Path) -> None:
    assert problems, "expected at least one problem"
    for problem in problems:
        assert problem.file.startswith("content/")
        assert (project / problem.file).exists() or problem.file == "content/site.yaml"
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


def check_file(project: Path, relative: str, data: bytes) -> list[Problem]:
    target = project / "content" / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return [problem for problem in check_content(project).problems if problem.file == f"content/{relative}"]


HOSTILE = {
    "alias-bomb": b"a: &a [x, x, x, x, x, x, x, x, x]\n"
    + b"".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n".encode() for i in range(9)),
    "deep-flow-nesting": b"title: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
    "deep-block-nesting": b"".join(b"  " * depth + b"k:\n" for depth in range(2_000)),
    "huge-file": b"title: " + b"x" * (50 * 1024 * 1024) + b"\n",
    "many-keys": b"".join(f"key{i}: {i}\n".encode() for i in range(100_000)),
    "binary": bytes(range(256)) * 64,
    "nul-bytes": b"title: Email\x00delays\n",
    "python-tag": b"title: !!python/object/apply:os.system ['echo pwned']\n",
    "long-line": b"title: " + b"word " * 200_000 + b"\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_gets_positioned_errors_within_bounds(name: str, tmp_path: Path) -> None:
    project = minimal_project(tmp_path)
    started = time.process_time()  # CPU time: other processes on the machine do not count against it
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    problems = check_file(project, INCIDENT, HOSTILE[name])
    elapsed = time.process_time() - started
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before) / 1024
    assert_positioned(problems, project)
    # generous bounds, far above normal (milliseconds, a few MiB): they catch blow-ups, not slowness
    assert elapsed < 20, f"took {elapsed:.1f}s"
    assert grown_mib < 400, f"grew {grown_mib:.0f} MiB"


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(string.printable, max_size=30),
    st.sampled_from(["2026-03-14", "2026-03-14 09:30", "2026-02-30 25:00", "minor", "resolved", "email", "<b>x</b>"]),
)
_keys = st.one_of(
    st.sampled_from(["title", "services", "impact", "start", "end", "summary", "updates", "at", "state", "message"]),
    st.text(string.ascii_lowercase + "_", min_size=1, max_size=12),
)
_trees = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=6)),
    max_leaves=25,
)


def example_path(content_type: ContentType) -> str:
    """A valid file name of this kind, for the minimal fixture."""
    path = content_type.example
    for pattern, value in (("YYYY-MM-DD", "2026-03-14"), ("YYYY-MM", "2026-03"), ("YYYY-qN", "2026-q1")):
        path = path.replace(pattern, value)
    return path.replace("YYYY", "2026").replace("UNIT", "sales")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=_trees, content_type=st.sampled_from(CONTENT_TYPES))
def test_random_documents_validate_or_fail_with_positions(
    data: object, content_type: ContentType, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = minimal_project(tmp_path_factory.mktemp("random"))
    text = yaml.safe_dump(data, allow_unicode=True)
    for problem in check_file(project, example_path(content_type), text.encode()):
        assert problem.line >= 1 and problem.column >= 1 and problem.message
        assert not any(phrase in problem.message for phrase in LIBRARY_PHRASES), problem  # the author's words


LIBRARY_PHRASES = (
    "Input should",
    "input is too short",
    "Value error",
    "Field required",
    "String should",
    "outside expected range",
    "invalid character",
    "unexpected extra characters",
    "Extra inputs",
)
"""How pydantic and its date parser say what is wrong; an author is never shown them."""


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    position=st.integers(min_value=0, max_value=10_000),
    junk=st.binary(min_size=1, max_size=8)
    | st.sampled_from([b":", b"-", b"\n  ", b"[", b"{", b"&a", b"*a", b"\t", b"'", b'"', b"#", b"!!"]),
    delete=st.integers(min_value=0, max_value=20),
)
def test_mutated_valid_file_never_raises(
    position: int, junk: bytes, delete: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    project = minimal_project(tmp_path_factory.mktemp("mutated"))
    original = (MINIMAL_CONTENT / INCIDENT).read_bytes()
    cut = position % (len(original) + 1)
    mutated = original[:cut] + junk + original[cut + delete :]
    check_file(project, INCIDENT, mutated)  # must not raise; positions checked below
    for problem in check_content(project).problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


# Words from every script, symbols and emoji included; not the characters one-line text refuses (controls,
# line and paragraph separators) nor lone surrogates, which no UTF-8 file can hold.
_words = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=24).filter(
    lambda text: text.strip() != "" and not text.strip().startswith("FILL IN")
)


def _set_value(project: Path, relative: str, old: str, key: str, value: object) -> None:
    """Replace the line ``old`` of a content file with ``key: value``, written the way YAML tools write it."""
    path = project / "content" / relative
    indent = " " * (len(old) - len(old.lstrip()))
    line = yaml.safe_dump({key: value}, allow_unicode=True, width=10_000).rstrip("\n")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, indent + line.replace("\n", "\n" + indent), 1), encoding="utf-8")


@settings(
    max_examples=3,  # each is a whole build
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=_words,
    name=_words,
    unit=_words,
    summary=st.lists(_words, min_size=1, max_size=4).map("\n".join),
    money=st.floats(min_value=0, max_value=1e12),
    value=st.floats(min_value=-1e12, max_value=1e12),
)
def test_valid_generated_content_also_builds(
    title: str, name: str, unit: str, summary: str, money: float, value: float, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever validate accepts, the build renders: generated values that validate go through a real build."""
    folder = tmp_path_factory.mktemp("generated")
    project = make_project(folder / "project", MINIMAL_CONTENT)
    _set_value(project, INCIDENT, "title: Email delays", "title", title)
    _set_value(project, "services/chat.yaml", "name: Chat", "name", name)
    _set_value(project, "services/chat.yaml", "summary: Talk to colleagues in real time.", "summary", summary)
    _set_value(project, "metrics/satisfaction.yaml", "unit: points", "unit", unit)
    _set_value(project, "metrics/satisfaction.yaml", "  2026-02: 3.9", "2026-02", value)
    _set_value(project, "accomplishments/2026/2026-02-10-faster-laptops.yaml", "  hours: 120", "money", money)
    check = check_content(project)
    if not check.ok:  # refused: then with positions, and no build is owed
        assert_positioned([problem for problem in check.problems if problem.is_error], project)
        return
    build_site(project, folder / "site", ITCOMMS_PDF="0")
    assert (folder / "site/services/chat/index.html").is_file()
