from sqlalchemy import select

from evalapp.api import tokens
from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.sheets.models import SheetVersion
from tests.integration.roles import ADMIN

EXPECTED = {
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.units": ADMIN,
    "admin.new_unit": ADMIN,
    "admin.edit_unit": ADMIN,
    "admin.new_office": ADMIN,
    "admin.edit_office": ADMIN,
    "admin.audit": ADMIN,
    "admin.sheets": ADMIN,
    "admin.import_sheet": ADMIN,
    "admin.sheet_version": ADMIN,
    "admin.sheet_version_json": ADMIN,
    "admin.sheet_version_xlsx": ADMIN,
    "admin.sheet_template": ADMIN,
    "admin.publish_sheet": ADMIN,
    "admin.retire_sheet": ADMIN,
    "admin.delete_sheet_draft": ADMIN,
    "admin.api_tokens": ADMIN,
    "admin.revoke_api_token": ADMIN,
}


def world_params(world) -> dict:
    version = db.session.scalar(select(SheetVersion).order_by(SheetVersion.id))
    token, _ = tokens.issue(world.province, "Cổng OCOP", by=world.users[Role.ADMIN])
    return {
        "version_id": version.id,
        "rulebook_code": version.rulebook_code,
        "token_id": token.id,
    }


def other_unit_params(world) -> dict:
    """Nothing: the administrator's screens are national (NOT_UNIT_SCOPED in
    tests/integration/security/test_other_unit.py)."""
    return {}
