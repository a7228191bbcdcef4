"""The package's shape: data flows one way (no upward imports, no cycles, even inside functions), every module
has ``__all__`` and stays small, the root and the command line start without heavy libraries, and the public
API uses one name for one meaning."""

from __future__ import annotations

import ast
import importlib
import inspect
import itertools
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import zonemap

from .conftest import REPO

PACKAGE = REPO / "zonemap"
#: The layers, bottom to top: a module may import only from its own layer or those below.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "choices", "_version", "escape", "_catalogue", "basemaps", "_arguments", "_scratch", "_output_record",
     "_long_numbers", "_no_gc"),  # vocabulary, no zonemap imports but these
    ("_resources", "text", "crs", "_geometry", "_crs_range"),
    ("_datum_shift", "datums", "_declared_datum", "_geojson_geometry", "_geojson", "_geojson_scan", "_frame"),
    ("read",),  # data
    ("bundled",),  # the shipped layers and their presets
    ("measurement", "relate", "locating", "_table_cells", "tables", "write"),  # zones -> measures (locating points is one), outputs
    ("export",),
    ("render",),
    ("site",),
    ("cli", "__main__"),
]
HEAVY = ("numpy", "pandas", "geopandas", "shapely", "pyproj", "folium", "branca", "matplotlib", "networkx", "pyogrio")


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(name: str) -> int:
    top = name.split(".")[1] if "." in name else ""
    for level, members in enumerate(LAYERS):
        if top in members:
            return level
    raise AssertionError(f"{name} is in no layer of test_architecture.LAYERS")


def absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    """The module a ``from ... import`` names, relative imports (``from .x``, ``from ..``) resolved against ``importer``."""
    if node.level == 0:
        return node.module or ""
    package = importer.split(".") if is_package else importer.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    if node.level - 1 > len(package) - 1:
        raise AssertionError(f"{importer}: a relative import goes above the package")
    return ".".join([*base, node.module] if node.module else base)


def imports(path: Path, name: str | None = None) -> set[str]:
    """Every zonemap module ``path`` imports, at module level or inside functions (TYPE_CHECKING blocks aside),
    relative imports resolved; ``name`` is the module's dotted name (from its path by default)."""
    name = name or module_name(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("zonemap")}
        elif isinstance(node, ast.ImportFrom):
            module = absolute(node, name, path.name == "__init__.py")
            if module != "zonemap" and not module.startswith("zonemap."):
                continue
            found.add(module)
            found |= {f"{module}.{a.name}" for a in node.names if (PACKAGE.parent / f"{module}.{a.name}".replace(".", "/")).exists()
                      or (PACKAGE.parent / (f"{module}.{a.name}".replace(".", "/") + ".py")).exists()}
    return found


def test_relative_imports_are_resolved(tmp_path: Path) -> None:
    """``from .x import y`` and ``from .. import z`` count as imports of zonemap modules, as absolute ones do."""
    source = tmp_path / "_probe.py"
    source.write_text("from . import _compute\nfrom ._pairs import Pairs\nfrom ..write import write_atomic\n"
                      "from .. import site\ndef f():\n    from ..render import page\n", encoding="utf-8")
    assert imports(source, "zonemap.relate._probe") == {
        "zonemap.relate", "zonemap.relate._compute", "zonemap.relate._pairs", "zonemap.write", "zonemap", "zonemap.site",
        "zonemap.render", "zonemap.render.page",
    }
    package = tmp_path / "__init__.py"
    package.write_text("from ._result import Relations\nfrom .. import errors\n", encoding="utf-8")
    assert imports(package, "zonemap.relate") == {"zonemap.relate._result", "zonemap", "zonemap.errors"}
    assert rank("zonemap.site") > rank("zonemap.relate"), "the probe's upward import would be caught"


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def test_data_flows_one_way_with_no_upward_import_even_inside_functions() -> None:
    upward = []
    for name, path in MODULES.items():
        if name == "zonemap":
            continue  # the root imports nothing at run time but lazily, by name (see __getattr__)
        for target in imports(path):
            if target != "zonemap" and rank(target) > rank(name):
                upward.append(f"{name} -> {target}")
    assert upward == []


def test_no_import_cycles() -> None:
    graph = {name: {t for t in imports(path) if t in MODULES and t != name and t != "zonemap"} for name, path in MODULES.items()}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycle.extend([*trail, node, nxt])
                return True
            if nxt not in state and visit(nxt, [*trail, node]):
                return True
        state[node] = 2
        return False

    assert not any(visit(n, []) for n in sorted(graph) if n not in state), cycle


def docstring_lines(tree: ast.Module) -> int:
    """How many lines of a module are docstrings (of the module, its classes and functions)."""
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                count += (first.end_lineno or first.lineno) - first.lineno + 1
    return count


def test_every_module_has_all_and_is_small() -> None:
    """At most 300 lines of code (docstrings aside, so documenting a module never pushes it over), 400 in all."""
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if name != "zonemap.__main__":
            assert "__all__" in text, f"{name} has no __all__"
        lines = text.count("\n")
        code = lines - docstring_lines(ast.parse(text))
        assert code <= 300 and lines <= 400, f"{name} has {lines} lines, {code} of them not docstrings"


def test_no_environment_is_read_at_import_time() -> None:
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            assert "environ" not in ast.unparse(node), f"{name} reads the environment at import: {ast.unparse(node)[:80]}"


def test_import_and_version_load_no_heavy_library() -> None:
    script = (
        "import sys\nimport zonemap\nfrom zonemap.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("[]"), done.stdout
    assert done.stdout.startswith("zonemap "), done.stdout


def test_version_is_written_once() -> None:
    assert zonemap.__version__ in {"0+unknown"} | {line.split('"')[1] for line in (REPO / "pyproject.toml").read_text().splitlines() if line.startswith("version")}
    hits = [p for p in MODULES.values() if '__version__ = "' in p.read_text(encoding="utf-8")]
    assert hits == []


def _module(name: str) -> Any:
    return importlib.import_module(name)


def _public_functions() -> dict[str, Any]:
    """Every function in the ``__all__`` of every module (and of the package root), by its defining module and name."""
    found: dict[str, Any] = {}
    for module_name in ["zonemap", *sorted(n for n in MODULES if n not in ("zonemap", "zonemap.__main__"))]:
        module = _module(module_name)
        for name in getattr(module, "__all__", []):
            value = getattr(module, name)
            if isinstance(value, type) or not callable(value):
                continue
            function = inspect.unwrap(value)  # functools.cache and lru_cache wrap theirs
            if inspect.isfunction(function):
                found.setdefault(f"{function.__module__}.{function.__qualname__}", function)
    for name in zonemap.__all__:  # and the public methods of the classes the package root exports
        value = getattr(zonemap, name)
        if isinstance(value, type):
            for attribute, member in vars(value).items():
                method = getattr(member, "__func__", member)  # class and static methods
                if not attribute.startswith("_") and inspect.isfunction(method):
                    found.setdefault(f"{method.__module__}.{method.__qualname__}", method)
    return found


def test_the_properties_of_the_root_classes_say_what_they_hold() -> None:
    """Properties are documented as attributes are (numpydoc): one line saying what they hold."""
    silent = [f"{name}.{attribute}" for name in zonemap.__all__ if isinstance(getattr(zonemap, name), type)
              for attribute, member in vars(getattr(zonemap, name)).items()
              if isinstance(member, property) and not attribute.startswith("_") and not (member.__doc__ or "").strip()]
    assert silent == []


PUBLIC_FUNCTIONS = _public_functions()
ROOT_FUNCTIONS = [name for name in zonemap.__all__ if inspect.isfunction(inspect.unwrap(getattr(zonemap, name)))]
#: Names that mean the same thing must be spelled one way.
BANNED_PARAMETERS = {"fmt": "format", "overwrite": "force", "frame": "zones", "data": "zones", "datum": "from_datum / to_datum",
                     "show_relations": "relations", "style": "format"}
#: numpy-style sections, in the order numpydoc gives them.
SECTIONS = ("Parameters", "Returns", "Yields", "Raises", "Warns", "See Also", "Notes", "References", "Examples")


def sections(doc: str) -> dict[str, str]:
    """A numpy-style docstring's sections by heading (a known name underlined with dashes)."""
    lines = doc.splitlines()
    heads = [i for i in range(len(lines) - 1) if lines[i].strip() in SECTIONS and set(lines[i + 1].strip()) == {"-"}]
    return {lines[h].strip(): "\n".join(lines[h + 2 : nxt]) for h, nxt in zip(heads, [*heads[1:], len(lines)])}


def documented_parameters(text: str) -> set[str]:
    """The names a Parameters section describes: ``name : type`` or ``a, b : type`` lines, or a bare ``*args``."""
    names: set[str] = set()
    for line in text.splitlines():
        if line.strip() and not line.startswith(" "):
            names |= {n.strip().lstrip("*") for n in line.split(" : ")[0].split(",")}
    return names


def test_the_root_functions_are_among_the_public_functions() -> None:
    assert {"areas", "build_maps", "history_map", "render_png", "write_html", "relations", "locate"} <= set(ROOT_FUNCTIONS)


@pytest.mark.parametrize("qualified", sorted(PUBLIC_FUNCTIONS))
def test_public_functions_document_themselves(qualified: str) -> None:
    """Parameters (each one named), Returns (or Yields), in numpydoc's order, and Examples that show a value."""
    function = PUBLIC_FUNCTIONS[qualified]
    doc = inspect.getdoc(function) or ""
    found = sections(doc)
    parameters = [p for p in inspect.signature(function).parameters if p not in ("self", "cls")]
    if parameters:
        assert "Parameters" in found, f"{qualified}: no Parameters section"
        missing = set(parameters) - documented_parameters(found["Parameters"])
        assert not missing, f"{qualified}: Parameters does not describe {sorted(missing)}"
    assert "Returns" in found or "Yields" in found, f"{qualified}: no Returns section"
    assert list(found) == sorted(found, key=SECTIONS.index), f"{qualified}: sections out of order: {list(found)}"
    assert "Examples" in found, f"{qualified}: no Examples section"
    examples = found["Examples"].splitlines()
    shown = [after for before, after in itertools.pairwise(examples) if before.lstrip().startswith((">>>", "...")) and after.strip()
             and not after.lstrip().startswith((">>>", "..."))]
    assert shown, f"{qualified}: its Examples show no value"


@pytest.mark.parametrize("name", ROOT_FUNCTIONS)
def test_root_functions_share_parameter_names_and_the_lang_default(name: str) -> None:
    function = getattr(zonemap, name)
    for parameter in inspect.signature(function).parameters:
        assert parameter not in BANNED_PARAMETERS, f"{name}({parameter}): say {BANNED_PARAMETERS[parameter]}"
    lang = inspect.signature(function).parameters.get("lang")
    if lang is not None:
        assert lang.default == zonemap.choices.DEFAULT_LANG if hasattr(zonemap, "choices") else lang.default == "en"


def defined_names(tree: ast.Module) -> list[str]:
    """The names a module defines at its top level (functions, classes, assignments), imports aside."""
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [n.id for target in node.targets for n in ast.walk(target) if isinstance(n, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    return names


def test_every_module_level_name_is_public_in_all_or_underscored() -> None:
    """In modules whose name has no underscore, a name is either in ``__all__`` or starts with ``_``; and
    every ``__all__`` names something that exists. (``TYPE_CHECKING = False``, which spares importing ``typing``
    at start-up, is the one exception: type checkers know it by that name.)"""
    stray, phantom = [], []
    for name, path in MODULES.items():
        if name == "zonemap.__main__":
            continue
        exported = set(getattr(_module(name), "__all__", []))
        phantom += [f"{name}.{n}" for n in sorted(exported) if not hasattr(_module(name), n)]
        if any(part.startswith("_") for part in name.split(".")):
            continue  # a private module: everything in it is internal to the package
        stray += [f"{name}.{n}" for n in defined_names(ast.parse(path.read_text(encoding="utf-8"))) if not n.startswith("_") and n not in exported and n != "TYPE_CHECKING"]
    assert stray == [], "put these in __all__ (and document them) or underscore them"
    assert phantom == []


def test_names_imported_across_modules_are_in_the_all_of_their_module() -> None:
    """A module imports from another module only what that module exports (constants, classes, functions)."""
    unexported = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("zonemap.")):
                continue
            exported = getattr(_module(node.module or ""), "__all__", [])
            unexported += [f"{name}: {node.module}.{a.name}" for a in node.names
                           if a.name not in exported and f"{node.module}.{a.name}" not in MODULES]
    assert unexported == []


def test_every_imported_library_is_declared() -> None:
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = {d.split(">")[0].split("=")[0].split("[")[0].strip().lower() for d in project["dependencies"]}
    optional = {d.split(">")[0].split("[")[0].strip().lower() for deps in project["optional-dependencies"].values() for d in deps}
    stdlib = set(sys.stdlib_module_names)
    used = set()
    for path in MODULES.values():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                used |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                used.add(node.module.split(".")[0])
    third_party = {u for u in used if u not in stdlib and u != "zonemap"}
    assert third_party - declared - optional == set()
