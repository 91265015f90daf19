"""Unit tests of `evalapp.rules`, runnable without the app's dependencies.

The rules import only the standard library, but `evalapp/__init__.py` builds the
Flask app. When that package cannot be imported (no Flask or SQLAlchemy, or the app
is mid-edit), a bare namespace stands in for it so `evalapp.rules` still imports.
"""

import importlib
import sys
import types
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[3]


def _bootstrap() -> None:
    if str(PROJECT_DIR) not in sys.path:
        sys.path.insert(0, str(PROJECT_DIR))
    try:
        importlib.import_module("evalapp")
    except Exception:  # any failure of the app package is irrelevant to the rules
        stub = types.ModuleType("evalapp")
        stub.__path__ = [str(PROJECT_DIR / "evalapp")]
        sys.modules["evalapp"] = stub


_bootstrap()
