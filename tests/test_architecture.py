"""The package's plan, kept true (see ARCHITECTURE.md): each stage imports only from the stages
below it and from the shared top level, no modules import each other in a circle, modules stay
small, and only one folder reaches into WeasyPrint's private modules. Read from the source with
`ast`, so an import inside a function or under TYPE_CHECKING counts as well."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

PACKAGE = ROOT / "banenafspraak"
# The stages from the bottom up; the modules at the package's top level lie below all of them.
STAGES = ("input", "figures", "charts", "render", "run")
INTERNALS = "banenafspraak.render.weasyprint_internals"
# WeasyPrint's public API: its top level and the documented FontConfiguration.
PUBLIC_WEASYPRINT = {"weasyprint", "weasyprint.text.fonts"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """Every module the file imports, by its full name; `from a import b` counts a.b when b
    is a module, and a otherwise."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import; the package imports absolutely"
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


GRAPH = {
    name: sorted(target for target in imported(path) if target in MODULES)
    for name, path in MODULES.items()
}


def stage(module: str) -> int:
    """0 for the shared top level, then 1 for input up to 5 for run."""
    parts = module.split(".")
    return STAGES.index(parts[1]) + 1 if len(parts) > 1 and parts[1] in STAGES else 0


def test_the_stages_are_the_package_folders():
    folders = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert folders == set(STAGES)


def test_no_import_runs_up_a_stage():
    upward = [
        f"{source} -> {target}"
        for source, targets in GRAPH.items()
        for target in targets
        if stage(target) > stage(source)
    ]
    assert upward == []


def test_no_modules_import_each_other_in_a_circle():
    circles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circles.append(path[path.index(module) :] + [module])
            return
        if module in done:
            return
        for target in GRAPH[module]:
            visit(target, [*path, module])
        done.add(module)

    for module in GRAPH:
        visit(module, [])
    assert circles == []


def test_the_top_level_holds_at_most_twelve_modules():
    top = [path.name for path in PACKAGE.glob("*.py")]
    assert len(top) <= 12, top


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_500_lines(name):
    lines = MODULES[name].read_text(encoding="utf-8").count("\n")
    assert lines <= 500, f"{name}: {lines} lines"


def test_only_one_folder_imports_weasyprints_private_modules():
    private = {
        f"{name} imports {target}"
        for name, path in MODULES.items()
        if not name.startswith(INTERNALS)
        for target in imported(path)
        if target.split(".")[0] == "weasyprint" and target not in PUBLIC_WEASYPRINT
    }
    assert private == set()


def test_the_rest_of_the_package_calls_only_the_internals_switchboard():
    """Only through the folder's own functions, which honour the switch that turns it off."""
    reaching_in = {
        f"{name} imports {target}"
        for name, targets in GRAPH.items()
        if not name.startswith(INTERNALS)
        for target in targets
        if target.startswith(f"{INTERNALS}.")
    }
    assert reaching_in == set()


def test_the_graph_is_read():
    """The rules above would pass on an empty graph: check that known imports are seen."""
    assert "banenafspraak.input.dataset" in GRAPH["banenafspraak.figures.compute"]
    assert "banenafspraak.run.pipeline" in GRAPH["banenafspraak.run.cli"]  # inside a function
    assert stage("banenafspraak.run.cli") == 5 and stage("banenafspraak.quarters") == 0
    assert "weasyprint.svg.text" in imported(MODULES[f"{INTERNALS}.svg_text"])
