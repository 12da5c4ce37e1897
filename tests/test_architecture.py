"""The package reads as its pipeline: each stage imports only the stages before it.

Stages, in order: errors (shared messages) → reading → extracting → checking →
loading (which compiles every stage's parts into a catalog) → facts → running →
reports → cli. facts come after loading: a facts source is declared in the
configuration loading validates, a YAML facts file is read with loading's located
YAML reader, and a facts table is bound to a loaded catalog; extraction and checking
reach it only through the catalog, as they reach the rules. An import made only for
type checkers does not count; an import inside a function does, since it runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import factcheck

PACKAGE = Path(factcheck.__file__).resolve().parent
ORDER = ["errors", "reading", "extracting", "checking", "loading", "facts", "running", "reports", "cli"]


def _imports(path: Path) -> list[tuple[str, int]]:
    """The modules of factcheck that a module imports (not for type checking only), with lines."""
    rel = path.relative_to(PACKAGE).with_suffix("")
    parts = list(rel.parts)
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    found: list[tuple[str, int]] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                visit(node.orelse)
                continue
            if isinstance(node, ast.ImportFrom) and node.level:
                base = parts if is_package else parts[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
                names = [target] if node.module else [f"{target}.{a.name}".strip(".") for a in node.names]
                found.extend((name, node.lineno) for name in names)
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.stmt):
                    visit([child])

    visit(ast.parse(path.read_text(encoding="utf-8")).body)
    return found


def _stage(module: str) -> int | None:
    head = module.split(".")[0]
    return ORDER.index(head) if head in ORDER else None


def test_every_module_belongs_to_a_stage():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.stem not in ("__init__", "errors")]
    assert loose == [], "put each module in the subpackage of its stage"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()) == sorted(
        ORDER[1:])


def test_stages_import_only_earlier_stages():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        me = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        mine = _stage(me)
        for target, line in _imports(path):
            theirs = _stage(target)
            if mine is not None and theirs is not None and theirs > mine:
                wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {target}")
    assert wrong == []


def test_the_layer_check_sees_a_wrong_import(tmp_path, monkeypatch):
    """The check above can fail: a reading module importing the runner is caught."""
    fake = tmp_path / "factcheck"
    (fake / "reading").mkdir(parents=True)
    (fake / "reading" / "bad.py").write_text("def f():\n    from ..running.work import Result\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    assert _imports(fake / "reading" / "bad.py") == [("running.work", 2)]


def test_every_file_the_architecture_page_names_exists():
    """docs/architecture.md is a map: each module and folder it names is in the tree."""
    import re

    root = PACKAGE.parents[1]
    page = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    names = set(re.findall(r"[\w/-]+\.py|\b[a-z_]+/(?=\s)", page))
    missing = []
    for name in sorted(names):
        leaf = name.rstrip("/").rsplit("/", 1)[-1]
        candidates = [PACKAGE / name, root / name, *PACKAGE.rglob(leaf)]
        if not any(c.exists() for c in candidates):
            missing.append(name)
    assert len(names) > 20 and missing == []
