"""Actor sets for the role × endpoint matrix (see test_access.py)."""

from evalapp.auth.models import Role

ANONYMOUS = "anonymous"
EVERYONE = {ANONYMOUS, *Role}
SIGNED_IN = set(Role)
ADMIN = {Role.ADMIN}
PRODUCER = {Role.PRODUCER}
SECRETARY = {Role.SECRETARY}
COMMUNE_OFFICER = {Role.COMMUNE_OFFICER}
