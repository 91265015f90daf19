"""The rules package imports the standard library only (STYLE.md rule 5), and the calendar of
Vietnam's days off (`holidays`)."""

import ast
import subprocess
import sys
import textwrap

from .support import project_file

RULES_DIR = project_file("evalapp", "rules")
FORBIDDEN = ("flask", "sqlalchemy", "yaml")
# Data the rules read, not a framework: Vietnam's calendar of public holidays and substituted
# days off, for periods counted in working days (`working_days.py`).
ALLOWED_THIRD_PARTY = {"holidays"}


def test_importing_every_module_loads_no_framework():
    script = textwrap.dedent(f"""
        import importlib, pkgutil, sys, types
        stub = types.ModuleType("evalapp")
        stub.__path__ = [{str(RULES_DIR.parent)!r}]
        sys.modules["evalapp"] = stub
        import evalapp.rules as rules
        for info in pkgutil.walk_packages(rules.__path__, "evalapp.rules."):
            importlib.import_module(info.name)
        rules.load_rulebook("1048-2019")
        loaded = sorted(n for n in sys.modules if n.split(".")[0] in {FORBIDDEN!r})
        print(",".join(loaded))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def _imported_roots(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_every_absolute_import_is_standard_library():
    files = sorted(RULES_DIR.rglob("*.py"))
    assert len(files) >= 9
    for path in files:
        for root in _imported_roots(path):
            allowed = root in sys.stdlib_module_names or root in ALLOWED_THIRD_PARTY
            assert allowed or root == "__future__", (path.name, root)
