"""Scoring: the member's sheet and its autosave (`sheets`), the secretary's session dashboard
(`dashboard`), the member's waiting sheets (`waiting`), the paper path (`offline`), and the old result address (`old_result`, leading to
`results.show`). One blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.scoring.views import dashboard, offline, old_result, sheets, waiting
from evalapp.scoring.views.blueprint import bp

__all__ = ["bp", "dashboard", "offline", "old_result", "sheets", "waiting"]
