"""Councils: the secretariat's council screens (`councils`: composition, members, invitations),
the session page (`sessions`: agenda, attendance, quorum, members' declarations) and the
remote scoring window (`remote`). One blueprint (`blueprint.bp`); each module adds its pages to it."""

from evalapp.councils.views import councils, remote, sessions
from evalapp.councils.views.blueprint import bp

__all__ = ["bp", "councils", "remote", "sessions"]
