"""The set-up installs every program the project starts. Each external program that the tests,
the package, the scripts or the Makefile's recipes run must be checked for by name in
scripts/system-libraries (which installs what is missing) and be on this machine. The programs
are found by reading the source, so a new `subprocess.run(["tool", ...])` or `Path("/usr/bin/tool")`
that the set-up does not know about fails here, not on the next fresh machine."""

from __future__ import annotations

import ast
import os
import re
import shlex
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SETUP = ROOT / "scripts" / "system-libraries"
PYTHON_SOURCES = ("build.py", "banenafspraak/**/*.py", "tests/*.py", "scripts/*.py")

# Programs every Debian/Ubuntu system has, so the set-up need not install them (by package).
BASE_SYSTEM = {
    "ldconfig": "libc-bin (Essential)",
    "touch": "coreutils (Essential)",
    "sh": "dash (Essential)",
    "bash": "bash (Essential)",
    # Not in every minimal image, but the README's prerequisite: it runs before the set-up does.
    "python3": "python3",
}
# What the scan must find, so that it cannot silently find nothing.
KNOWN = {"pdftotext", "pdfinfo", "chromium", "chromedriver", "npm"}
# Shell builtins a recipe may start with: no program.
SHELL_BUILTINS = {
    "cd",
    "echo",
    "exit",
    "export",
    "set",
    "test",
    "[",
    "true",
    "false",
    ":",
    "printf",
}

# Calls that start a program, with the position of the argument that names it (or the command).
STARTS_PROGRAM = {
    **dict.fromkeys(
        [
            "subprocess.run",
            "subprocess.Popen",
            "subprocess.call",
            "subprocess.check_call",
            "subprocess.check_output",
            "subprocess.getoutput",
            "subprocess.getstatusoutput",
            "os.system",
            "os.popen",
            "os.posix_spawn",
            "os.posix_spawnp",
            "asyncio.create_subprocess_exec",
            "asyncio.create_subprocess_shell",
        ]
        + [f"os.exec{suffix}" for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")],
        0,
    ),
    **{f"os.spawn{suffix}": 1 for suffix in ("l", "le", "lp", "lpe", "v", "ve", "vp", "vpe")},
}
# Keyword arguments of any call (subprocess's, Selenium's Service) and an attribute (Selenium's
# Options) that name a program to start.
PROGRAM_KEYWORDS = {"executable", "executable_path"}
PROGRAM_ATTRIBUTES = {"binary_location"}
BIN_PATH = re.compile(r"/(?:usr/(?:local/)?)?s?bin/[^/\s]+")
PYTHON = "<sys.executable>"  # the project's own interpreter (the venv's), no system program


class Unreadable(Exception):
    """A command whose program the scan cannot work out from the source."""


@dataclass
class Program:
    name: str
    paths: set[str] = field(default_factory=set)  # absolute paths the source uses, if any
    places: list[str] = field(default_factory=list)


def _dotted(node: ast.expr, aliases: dict[str, str]) -> str | None:
    if isinstance(node, ast.Name):
        return aliases.get(node.id, node.id)
    if isinstance(node, ast.Attribute) and (base := _dotted(node.value, aliases)) is not None:
        return f"{base}.{node.attr}"
    return None


class Module:
    """One Python file: what each name is bound to (over-approximated: every value a name is
    given anywhere in the file, including the arguments its function is called with here)."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        self.aliases: dict[str, str] = {}
        self.bindings: dict[str, list[ast.expr | None]] = defaultdict(list)
        calls: dict[str, list[ast.Call]] = defaultdict(list)
        functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    self.aliases[local] = alias.name if alias.asname else local
            elif isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    self.aliases[alias.asname or alias.name] = f"{node.module}.{alias.name}"
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    self._bind(target, node.value)
            elif isinstance(node, ast.AnnAssign | ast.NamedExpr):
                self._bind(node.target, node.value)
            elif isinstance(node, ast.For | ast.AsyncFor | ast.comprehension):
                self._bind(node.target, None)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                self._bind(node.optional_vars, None)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                functions.append(node)
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                calls[node.func.id].append(node)
        # What each function of this file returns, for `[*command(...), ...]`.
        self.returns = {
            function.name: [n.value for n in ast.walk(function) if isinstance(n, ast.Return)]
            for function in functions
        }
        for function in functions:  # a parameter is bound to what the callers here pass
            parameters = function.args.posonlyargs + function.args.args
            for index, parameter in enumerate(parameters + function.args.kwonlyargs):
                passed = [
                    call.args[index]
                    if index < len(parameters) and index < len(call.args)
                    else next((k.value for k in call.keywords if k.arg == parameter.arg), None)
                    for call in calls[function.name]
                ]
                self.bindings[parameter.arg] += passed or [None]

    def _bind(self, target: ast.expr, value: ast.expr | None) -> None:
        if isinstance(target, ast.Name):
            self.bindings[target.id].append(value)
        elif isinstance(target, ast.Tuple | ast.List):
            same_shape = isinstance(value, ast.Tuple | ast.List) and len(value.elts) == len(
                target.elts
            )
            for index, element in enumerate(target.elts):
                self._bind(element, value.elts[index] if same_shape else None)
        elif isinstance(target, ast.Starred):
            self._bind(target.value, None)

    def programs(self, node: ast.expr | None, seen: frozenset[str] = frozenset()) -> set[str]:
        """The programs a command (a list, a string, a path) or a name for one can start."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            try:
                words = shlex.split(node.value)
            except ValueError:
                words = node.value.split()
            if words:
                return {words[0]}
        elif isinstance(node, ast.List | ast.Tuple):
            if node.elts:
                return self.programs(node.elts[0], seen)
        elif isinstance(node, ast.Starred):  # [*command, "--flag"]: command's program
            return self.programs(node.value, seen)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # command + extra
            return self.programs(node.left, seen)
        elif isinstance(node, ast.IfExp):
            return self.programs(node.body, seen) | self.programs(node.orelse, seen)
        elif isinstance(node, ast.Call):
            called = _dotted(node.func, self.aliases)
            if called in {"str", "pathlib.Path", "os.fspath"} and node.args:
                return self.programs(node.args[0], seen)
            if isinstance(node.func, ast.Name) and self.returns.get(called):  # this file's own
                if f"{called}()" in seen:
                    return set()
                returned = self.returns[called]
                return set().union(*(self.programs(v, seen | {f"{called}()"}) for v in returned))
        elif isinstance(node, ast.Attribute) and _dotted(node, self.aliases) == "sys.executable":
            return {PYTHON}
        elif isinstance(node, ast.Name):
            if node.id in seen:
                return set()
            values = self.bindings.get(node.id)
            if values:
                return set().union(*(self.programs(v, seen | {node.id}) for v in values))
        raise Unreadable(ast.unparse(node) if node is not None else "?")

    def started(self) -> tuple[dict[str, list[int]], list[str]]:
        """Program (name or path) -> the lines that start it; and the commands it cannot read."""
        found: dict[str, list[int]] = defaultdict(list)
        unreadable: list[str] = []

        def add(node: ast.expr | None, line: int) -> None:
            try:
                for program in self.programs(node):
                    found[program].append(line)
            except Unreadable as error:
                command = ast.unparse(node) if node is not None else "?"
                unreadable.append(f"{self.path.relative_to(ROOT)}:{line}: {command} ({error})")

        for node in ast.walk(self.tree):
            if isinstance(node, ast.Call):
                position = STARTS_PROGRAM.get(_dotted(node.func, self.aliases) or "")
                if position is not None:
                    named = next((k.value for k in node.keywords if k.arg == "args"), None)
                    add(node.args[position] if position < len(node.args) else named, node.lineno)
                for keyword in node.keywords:
                    if keyword.arg in PROGRAM_KEYWORDS:
                        add(keyword.value, node.lineno)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr in PROGRAM_ATTRIBUTES:
                        add(node.value, node.lineno)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if BIN_PATH.fullmatch(node.value):  # Path("/usr/bin/chromium") and the like
                    found[node.value].append(node.lineno)
        return found, unreadable


def makefile_programs(makefile: Path) -> tuple[dict[str, list[int]], list[str]]:
    """The programs the Makefile's recipes start (make variables expanded); the project's own
    (scripts/system-libraries, .venv/bin/python...) and shell builtins left out."""
    lines = makefile.read_text(encoding="utf-8").splitlines()
    variables = {
        m[1]: m[2].strip()
        for line in lines
        if (m := re.match(r"([A-Za-z_]\w*)\s*[:?+]?=(.*)", line))
    }

    def expand(text: str) -> str:
        for _ in range(10):
            text = re.sub(r"\$[({](\w+)[)}]", lambda m: variables.get(m[1], m[0]), text)
        return text

    found: dict[str, list[int]] = defaultdict(list)
    unreadable: list[str] = []
    number = 0
    while number < len(lines):
        first = number + 1
        line = lines[number]
        while line.endswith("\\") and number + 1 < len(lines):
            number += 1
            line = line[:-1] + " " + lines[number].strip()
        number += 1
        if not line.startswith("\t"):
            continue
        for command in re.split(r"&&|\|\||[;|]", expand(line.strip())):
            words = command.strip().lstrip("@-+").split()
            while words and re.fullmatch(r"\w+=\S*", words[0]):  # VAR=value command
                words.pop(0)
            if not words or words[0] in SHELL_BUILTINS:
                continue
            if "$" in words[0]:
                unreadable.append(f"Makefile:{first}: {command.strip()}")
            elif words[0].startswith("/") or "/" not in words[0]:  # not the project's own
                found[words[0]].append(first)
    return found, unreadable


def scan() -> tuple[dict[str, Program], list[str]]:
    programs: dict[str, Program] = {}
    unreadable: list[str] = []

    def record(started: dict[str, list[int]], where: str) -> None:
        for program, numbers in started.items():
            if program == PYTHON:
                continue
            entry = programs.setdefault(Path(program).name, Program(Path(program).name))
            if program.startswith("/"):
                entry.paths.add(program)
            entry.places += [f"{where}:{n}" for n in numbers]

    for pattern in PYTHON_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            started, cannot = Module(path).started()
            record(started, str(path.relative_to(ROOT)))
            unreadable += cannot
    started, cannot = makefile_programs(ROOT / "Makefile")
    record(started, "Makefile")
    return programs, unreadable + cannot


FOUND, UNREADABLE = scan()
TO_INSTALL = sorted(name for name in FOUND if name not in BASE_SYSTEM)


def checks_for(program: str, script: str) -> bool:
    """Whether the set-up script checks for the program by name and adds what is missing:
    `command -v NAME ... || missing+=(...)` or `[ -x /path/NAME ] || missing+=(...)`."""
    name = re.escape(program)
    by_name = re.compile(
        rf"command -v [\"']?{name}[\"']?(?![\w.+-])|\[\[? -x [\"']?(?:\S*/)?{name}[\"']? \]"
    )
    return any(
        by_name.search(line) and "missing+=" in line
        for line in script.splitlines()
        if not line.lstrip().startswith("#")
    )


def _started_at(program: str) -> str:
    places = FOUND[program].places
    return ", ".join(places[:4]) + (f" and {len(places) - 4} more" if len(places) > 4 else "")


def test_the_scan_finds_the_programs_the_project_is_known_to_start():
    assert KNOWN <= FOUND.keys(), (
        f"the scan for started programs missed {sorted(KNOWN - FOUND.keys())} "
        f"(it found {sorted(FOUND)}): tests/test_setup.py no longer reads the source right"
    )
    assert "ldconfig" in FOUND  # tests/test_imports.py, allowed as part of the base system


def test_the_scan_can_read_every_command():
    assert not UNREADABLE, (
        "the scan cannot tell which program these commands start: write the command as a list "
        "whose first item is the program (or sys.executable), or teach tests/test_setup.py to "
        "read it:\n" + "\n".join(UNREADABLE)
    )


@pytest.mark.parametrize("program", TO_INSTALL)
def test_the_setup_script_checks_for_the_program(program: str):
    assert checks_for(program, SETUP.read_text(encoding="utf-8")), (
        f"{program} (started at {_started_at(program)}) is not checked for in "
        f"scripts/system-libraries: add it to scripts/system-libraries, e.g. `command -v "
        f"{program} >/dev/null || missing+=(<the Debian package that holds it>)`, so that the "
        "set-up installs it on a fresh machine"
    )


@pytest.mark.parametrize("program", TO_INSTALL)
def test_the_program_is_on_this_machine(program: str):
    paths = FOUND[program].paths
    if paths:  # the source starts it by this path: that one must be there
        absent = sorted(p for p in paths if not (os.path.isfile(p) and os.access(p, os.X_OK)))
    else:
        absent = [] if shutil.which(program) else [program]
    assert not absent, (
        f"{program} (started at {_started_at(program)}) is not on this machine ({absent}): "
        "add it to scripts/system-libraries if it is not there and run scripts/system-libraries "
        "(as root it installs what is missing)"
    )


def test_the_setup_check_fails_without_the_line_for_a_program():
    """The check above can fail: take out the line for one program (pdfinfo's, while the line
    for pdftotext, from the same package, stays) and the program is reported."""
    script = SETUP.read_text(encoding="utf-8")
    assert checks_for("pdfinfo", script) and checks_for("pdftotext", script)
    without = "\n".join(line for line in script.splitlines() if "pdfinfo" not in line)
    assert not checks_for("pdfinfo", without)
    assert checks_for("pdftotext", without)
    for program in TO_INSTALL:
        name = re.compile(rf"(?<![\w.+-]){re.escape(program)}(?![\w.+-])")
        without = "\n".join(line for line in script.splitlines() if not name.search(line))
        assert not checks_for(program, without), program


def test_the_setup_script_names_each_missing_package_once(tmp_path: Path):
    """Without pdftotext and pdfinfo, poppler-utils is asked for once. Run as a user (a fake
    `id`) with the libraries found (a fake `ldconfig`) and none of the programs on PATH."""
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    for tool in ("bash", "grep", "sort"):
        (bin_folder / tool).symlink_to(shutil.which(tool))
    fakes = {
        "id": "echo 1000",
        "ldconfig": "echo libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0",
    }
    for tool, body in fakes.items():
        (bin_folder / tool).write_text(f"#!/bin/sh\n{body}\n")
        (bin_folder / tool).chmod(0o755)
    done = subprocess.run(
        ["bash", str(SETUP)],
        env={"PATH": str(bin_folder), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    install = next(line for line in done.stdout.splitlines() if "apt-get install" in line)
    packages = install.split("apt-get install", 1)[1].split()
    assert "poppler-utils" in packages and "npm" in packages, done.stdout
    assert len(packages) == len(set(packages)), done.stdout
