from tests.integration.roles import ADMIN

EXPECTED = {
    "units.index": ADMIN,
    "units.new_unit": ADMIN,
    "units.edit_unit": ADMIN,
    "units.new_office": ADMIN,
    "units.edit_office": ADMIN,
}
