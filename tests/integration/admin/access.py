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
}
