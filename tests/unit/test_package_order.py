"""The declared order of packages (docs/PACKAGES.md) holds: no import goes the wrong way, at the
top of a module, inside a function or under TYPE_CHECKING."""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_ROOT = ROOT / "evalapp"
ORDER_FILE = ROOT / "docs" / "PACKAGES.md"
APPLICATION = {"__init__", "models", "tasks"}  # evalapp/__init__.py, models.py, tasks.py
NOT_CODE = {"translations", "__pycache__"}


def declared_order(text: str) -> list[str]:
    block = re.search(
        r"<!-- package-order[^>]*-->\s*```\n(.*?)```\s*<!-- /package-order -->", text, re.S
    )
    assert block, "docs/PACKAGES.md has no package-order block"
    return [line.split()[0] for line in block.group(1).splitlines() if line.strip()]


@dataclass(frozen=True)
class Import:
    path: Path
    line: int
    source: str  # the importing package
    target: str  # the imported package (first part after `evalapp.`)
    module: str  # the imported module, dotted

    def __str__(self) -> str:
        return f"{self.path.relative_to(self.path.parents[1])}:{self.line} imports {self.module}"


def package_of(path: Path, package_root: Path) -> str:
    first = path.relative_to(package_root).parts[0]
    return first.removesuffix(".py")


def imported_modules(node: ast.AST, path: Path, package_root: Path) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level:  # relative: resolve against the module's own package
        here = path.relative_to(package_root.parent).with_suffix("").parts
        base = here[: len(here) - node.level]
        module = ".".join(base + ((node.module,) if node.module else ()))
    else:
        module = node.module or ""
    if module == package_root.name:  # `from evalapp import x`
        return [f"{module}.{alias.name}" for alias in node.names]
    return [module]


def imports_of(package_root: Path) -> list[Import]:
    found = []
    for path in sorted(package_root.rglob("*.py")):
        if NOT_CODE & set(path.relative_to(package_root).parts):
            continue
        source = package_of(path, package_root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for module in imported_modules(node, path, package_root):
                parts = module.split(".")
                if parts[0] == package_root.name and len(parts) > 1 and parts[1] != source:
                    found.append(Import(path, node.lineno, source, parts[1], module))
    return found


def wrong_way(imports: list[Import], order: list[str]) -> list[str]:
    rank = {name: index for index, name in enumerate(order)}
    wrong = []
    for found in imports:
        if found.source in APPLICATION:
            continue
        if found.target in APPLICATION or found.target not in rank:  # create_app, evalapp.tasks
            wrong.append(f"{found} (the application itself: nothing imports it)")
        elif rank[found.target] > rank[found.source]:
            wrong.append(f"{found} ({found.target} comes after {found.source})")
    return wrong


def packages(package_root: Path) -> set[str]:
    names = {
        path.name
        for path in package_root.iterdir()
        if path.is_dir() and (path / "__init__.py").exists()
    }
    names |= {path.stem for path in package_root.glob("*.py")}
    return names - APPLICATION - NOT_CODE


ORDER = declared_order(ORDER_FILE.read_text(encoding="utf-8"))


def test_every_package_has_its_place_in_the_declared_order():
    assert sorted(packages(PACKAGE_ROOT)) == sorted(ORDER)
    assert len(ORDER) == len(set(ORDER))


def test_no_import_goes_against_the_declared_order():
    assert wrong_way(imports_of(PACKAGE_ROOT), ORDER) == []


def test_the_rules_core_imports_neither_the_application_nor_flask():
    offending = [
        f"{path.relative_to(ROOT)}:{node.lineno}"
        for path in sorted((PACKAGE_ROOT / "rules").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for module in imported_modules(node, path, PACKAGE_ROOT)
        if module.split(".")[0] in {"flask", "flask_babel", "sqlalchemy", "flask_sqlalchemy"}
        or (module.startswith("evalapp.") and not module.startswith("evalapp.rules"))
    ]
    assert offending == []


def test_no_module_imports_after_its_code():
    """Routes added by importing view modules at the bottom of `views.py` are gone for good:
    a module's imports come before its first function or class."""
    late = []
    for path in sorted(PACKAGE_ROOT.rglob("*.py")):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        seen_code = False
        for node in body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                seen_code = True
            elif seen_code and isinstance(node, ast.Import | ast.ImportFrom):
                late.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert late == []


def test_a_feature_with_several_page_modules_keeps_them_in_a_views_package():
    scattered = {path.parent.name for path in PACKAGE_ROOT.glob("*/*_views.py")}
    assert scattered == set()


# --- the checker itself, on a made-up application ----------------------------------------------


@pytest.fixture
def made_up(tmp_path):
    root = tmp_path / "evalapp"

    def write(relative: str, text: str = "") -> None:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    for package in ("common", "dossiers", "results"):
        write(f"{package}/__init__.py")
    write("__init__.py", "from evalapp.results import views\n")
    return root, write


ORDER_OF_MADE_UP = ["common", "dossiers", "results"]


def test_the_checker_finds_a_wrong_way_import_inside_a_function(made_up):
    root, write = made_up
    write(
        "dossiers/queries.py",
        "from evalapp.common import x\n\ndef origins():\n    from evalapp.results.models import F\n",
    )
    wrong = wrong_way(imports_of(root), ORDER_OF_MADE_UP)
    assert len(wrong) == 1
    assert "dossiers/queries.py:4 imports evalapp.results.models" in wrong[0]


def test_the_checker_finds_type_checking_relative_and_application_imports(made_up):
    root, write = made_up
    write(
        "common/jobs.py",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from evalapp.dossiers import m\n"
        "import evalapp.tasks\nfrom evalapp import create_app\n",
    )
    write("dossiers/views.py", "from ..results import live\nfrom . import models\n")
    wrong = sorted(wrong_way(imports_of(root), ORDER_OF_MADE_UP))
    assert len(wrong) == 4
    assert any("common/jobs.py:3 imports evalapp.dossiers" in line for line in wrong)
    assert any("common/jobs.py:4 imports evalapp.tasks" in line for line in wrong)
    assert any("common/jobs.py:5 imports evalapp.create_app" in line for line in wrong)
    assert any("dossiers/views.py:1 imports evalapp.results " in line for line in wrong)


def test_the_checker_lets_the_application_import_anything(made_up):
    root, _write = made_up
    assert wrong_way(imports_of(root), ORDER_OF_MADE_UP) == []


def test_the_order_is_read_from_the_document():
    text = "x\n<!-- package-order: a -->\n```\nrules  the rules\ncommon shared\n```\n<!-- /package-order -->"
    assert declared_order(text) == ["rules", "common"]
