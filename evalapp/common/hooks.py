"""Questions an earlier feature asks and a later feature answers.

A feature imports only the features before it (docs/PACKAGES.md). Where the workflow points
backwards — a new dossier cites the certificate of an earlier cycle; a council member opens the
dossiers on the council's agenda — the earlier feature declares a `Hook` in its own module and
the later feature answers it (`@hook.answer`) in the module that owns the rule. `create_app`
imports every feature, so every hook is answered before the first request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hook:
    """One question, one answer. Calling the hook calls the answer."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._answer: Callable[..., Any] | None = None

    def answer(self, function: Callable[..., Any]) -> Callable[..., Any]:
        if self._answer is not None and self._answer is not function:
            raise RuntimeError(f"hook {self.name!r} is already answered by {self._answer!r}")
        self._answer = function
        return function

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._answer is None:
            raise RuntimeError(f"hook {self.name!r} has no answer: is its feature imported?")
        return self._answer(*args, **kwargs)

    def __repr__(self) -> str:
        return f"Hook({self.name!r})"
