"""Councils: the secretariat's council screens (`councils`: composition, members, invitations),
the session page (`sessions`: agenda, attendance, quorum, members' declarations) and the
remote scoring window (`remote`), a member's request for a meeting in the written mode
(`written`). One blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.councils.views import councils, remote, sessions, written
from evalapp.councils.views.blueprint import bp

__all__ = ["bp", "councils", "remote", "sessions", "written"]
