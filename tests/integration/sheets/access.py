from sqlalchemy import select

from evalapp.extensions import db
from evalapp.sheets.models import SheetVersion
from tests.integration.roles import ADMIN

EXPECTED = {
    "sheets.index": ADMIN,
    "sheets.import_sheet": ADMIN,
    "sheets.version": ADMIN,
    "sheets.version_json": ADMIN,
    "sheets.publish": ADMIN,
    "sheets.retire": ADMIN,
    "sheets.delete": ADMIN,
}


def world_params(world) -> dict:
    version = db.session.scalar(select(SheetVersion).order_by(SheetVersion.id))
    return {"version_id": version.id}
