"""The one-way flow, held by the imports: load → validate → assemble → render, with no circle and no module
reaching up into a later stage (content never imports figures or outputs, figures never outputs, the words
never figures)."""

from __future__ import annotations

import ast
from pathlib import Path

from itcomms.rendering.templating import TEMPLATE_DIRS
from support import REPO

HOOKS = REPO / "hooks"
LATER_STAGES = {
    "itcomms.content": (
        "itcomms.figures",
        "itcomms.rendering",
        "itcomms.outputs",
        "itcomms.engines",
        "itcomms.publish",
    ),
    "itcomms.figures": ("itcomms.rendering", "itcomms.outputs", "itcomms.engines", "itcomms.publish"),
    "itcomms.words": ("itcomms.figures", "itcomms.outputs", "itcomms.rendering"),
    "itcomms.periods": ("itcomms.figures", "itcomms.outputs", "itcomms.rendering"),
    "itcomms.addresses": ("itcomms.figures", "itcomms.outputs", "itcomms.rendering"),
}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(HOOKS).with_suffix("").parts).removesuffix(".__init__")


def imports() -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports when it is loaded (top-level
    imports; those only for type checking, or inside a function, load nothing then)."""
    modules = {module_name(path): path for path in (HOOKS / "itcomms").rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        found: set[str] = set()
        for node in ast.parse(path.read_text("utf-8")).body:
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("itcomms"):
                module = node.module or ""
                submodules = {f"{module}.{alias.name}" for alias in node.names} & modules.keys()
                found |= submodules or {module}
            elif isinstance(node, ast.Import):
                found |= {alias.name for alias in node.names} & modules.keys()
        graph[name] = {module for module in found if module in modules and module != name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import circle: the modules reachable from each other (Tarjan's strongly connected components)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_no_module_imports_itself_round_a_circle() -> None:
    assert circles(imports()) == []


def test_the_circle_finder_finds_one() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_stage_imports_a_later_one() -> None:
    upward = [
        (module, imported)
        for module, imported_modules in imports().items()
        for stage, later in LATER_STAGES.items()
        if module == stage or module.startswith(stage + ".")
        for imported in imported_modules
        if imported.startswith(later)
    ]
    assert upward == []


def test_no_template_name_is_in_two_product_folders() -> None:
    """The products' template folders are one name space: a name in two would silently be the first one's."""
    names: dict[str, list[str]] = {}
    for folder in TEMPLATE_DIRS:
        for template in folder.rglob("*"):
            if template.is_file():
                names.setdefault(template.relative_to(folder).as_posix(), []).append(folder.parent.name)
    assert len(TEMPLATE_DIRS) == 7
    assert {name: found for name, found in names.items() if len(found) > 1} == {}
