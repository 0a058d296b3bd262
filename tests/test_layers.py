"""Dependencies run one way (SPEC §2): search ← directory ← portal, no imports inside functions.

Reads the import statements of every module under portal/, directory/ and search/ (migrations
excepted) with `ast`. A module-level import may only point down the layers; an import of a project
module inside a function is allowed only in `AppConfig.ready()` (the Django idiom for connecting
signals and registrations once apps are loaded).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = {"search": 0, "directory": 1, "portal": 2}


def _imported(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
        return [node.module]
    return []


def _in_ready(stack: list[ast.AST]) -> bool:
    """Whether the innermost function is a `ready` method of an AppConfig subclass."""
    functions = [node for node in stack if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    if not functions or functions[-1].name != "ready":
        return False
    classes = [node for node in stack if isinstance(node, ast.ClassDef)]
    return bool(classes) and any(
        getattr(base, "id", getattr(base, "attr", "")) == "AppConfig" for base in classes[-1].bases
    )


def _violations_of(path: Path) -> set[str]:
    relative = path.relative_to(ROOT).as_posix()
    layer = LAYERS[relative.split("/")[0]]
    found: set[str] = set()

    def visit(node: ast.AST, stack: list[ast.AST]) -> None:
        for module in _imported(node):
            top = module.split(".")[0]
            if top not in LAYERS:
                continue
            if LAYERS[top] > layer:
                found.add(f"{relative} imports {module}")
            in_function = any(
                isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef) for parent in stack
            )
            if in_function and not _in_ready(stack):
                function = next(
                    parent.name
                    for parent in reversed(stack)
                    if isinstance(parent, ast.FunctionDef | ast.AsyncFunctionDef)
                )
                found.add(f"{relative} imports {module} inside {function}()")
        for child in ast.iter_child_nodes(node):
            visit(child, [*stack, node])

    visit(ast.parse(path.read_text(encoding="utf-8")), [])
    return found


def violations() -> set[str]:
    found: set[str] = set()
    for app in LAYERS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.relative_to(ROOT).parts:
                found |= _violations_of(path)
    return found


def test_imports_follow_the_layers_and_stay_at_module_level():
    assert violations() == set()


def test_the_check_sees_an_upward_and_a_function_local_import(tmp_path, monkeypatch):
    module = tmp_path / "search" / "bad.py"
    module.parent.mkdir()
    module.write_text(
        "from portal.models import HomePage\n\n\ndef late():\n    from directory import models\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("tests.test_layers.ROOT", tmp_path)
    assert _violations_of(module) == {
        "search/bad.py imports portal.models",
        "search/bad.py imports directory",
        "search/bad.py imports directory inside late()",
    }
