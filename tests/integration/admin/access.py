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
    "admin.publish_sheet": ADMIN,
    "admin.retire_sheet": ADMIN,
    "admin.delete_sheet_draft": ADMIN,
}
