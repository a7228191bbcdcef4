"""The package's shape: data flows one way (no upward imports, no cycles, even inside functions), every module
has ``__all__`` and stays small, the root and the command line start without heavy libraries, and the public
API uses one name for one meaning."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import zonemap

from .conftest import REPO

PACKAGE = REPO / "zonemap"
#: The layers, bottom to top: a module may import only from its own layer or those below.
LAYERS: list[tuple[str, ...]] = [
    ("errors", "choices", "_version", "escape", "_catalogue", "basemaps", "_arguments"),  # vocabulary, no zonemap imports but these
    ("_resources", "text", "crs", "_geometry"),
    ("datums", "_geojson", "_geojson_scan", "_frame"),
    ("read",),  # data
    ("bundled",),  # the shipped layers and their presets
    ("measurement", "relate", "locating", "tables", "write"),  # zones -> measures (locating points is one), outputs
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


def imports(path: Path) -> set[str]:
    """Every zonemap module ``path`` imports, at module level or inside functions (TYPE_CHECKING blocks aside)."""
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
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("zonemap"):
            found.add(node.module or "")
            found |= {f"{node.module}.{a.name}" for a in node.names if (PACKAGE.parent / f"{node.module}.{a.name}".replace(".", "/")).exists()
                      or (PACKAGE.parent / (f"{node.module}.{a.name}".replace(".", "/") + ".py")).exists()}
    return found


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


def test_every_module_has_all_and_is_small() -> None:
    for name, path in MODULES.items():
        text = path.read_text(encoding="utf-8")
        if name != "zonemap.__main__":
            assert "__all__" in text, f"{name} has no __all__"
        assert text.count("\n") <= 300, f"{name} has {text.count(chr(10))} lines"


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


PUBLIC = [getattr(zonemap, name) for name in zonemap.__all__ if callable(getattr(zonemap, name)) and not isinstance(getattr(zonemap, name), type)]
#: Names that mean the same thing must be spelled one way.
BANNED_PARAMETERS = {"fmt": "format", "overwrite": "force", "frame": "zones", "data": "zones", "datum": "from_datum / to_datum",
                     "show_relations": "relations", "style": "format"}


@pytest.mark.parametrize("function", PUBLIC, ids=[f.__name__ for f in PUBLIC])
def test_public_functions_document_themselves_and_share_parameter_names(function) -> None:
    doc = inspect.getdoc(function) or ""
    assert "Parameters" in doc or not inspect.signature(function).parameters, f"{function.__name__}: no Parameters section"
    assert "Examples" in doc or "Returns" in doc, f"{function.__name__}: no Examples/Returns"
    for parameter in inspect.signature(function).parameters:
        assert parameter not in BANNED_PARAMETERS, f"{function.__name__}({parameter}): say {BANNED_PARAMETERS[parameter]}"
    lang = inspect.signature(function).parameters.get("lang")
    if lang is not None:
        assert lang.default == zonemap.choices.DEFAULT_LANG if hasattr(zonemap, "choices") else lang.default == "en"


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
