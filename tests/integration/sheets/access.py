from sqlalchemy import select

from evalapp.extensions import db
from evalapp.sheets.models import SheetVersion

EXPECTED: dict = {}  # the library's screens are the administrator's (tests/integration/admin)


def world_params(world) -> dict:
    version = db.session.scalar(select(SheetVersion).order_by(SheetVersion.id))
    return {"version_id": version.id}
