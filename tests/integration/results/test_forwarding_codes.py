"""A dossier proposed to the next level keeps its 26/2026 product code and the numbers of its
registration form (the same product, the same form)."""

from datetime import date

from evalapp.extensions import db
from evalapp.results.forwarding import forward_result
from tests.factories import make_final_result, make_round


def test_the_codes_travel_with_the_dossier(meeting):
    origin = meeting.item.dossier
    origin.product_code = "37-14464-003-2026"
    origin.commune_registration_number = "0005-003/PĐK-37-14464-2026"
    origin.commune_registration_on = date(2026, 6, 1)
    origin.province_registration_number = "0012-003/PĐK-37-14464-2026"
    origin.province_registration_on = date(2026, 6, 20)
    db.session.flush()
    target = make_round(meeting.council.round.unit.parent, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    carried = forward_result(result, target, meeting.secretary.user).dossier
    assert carried.product_code == "37-14464-003-2026"
    assert carried.commune_registration_number == "0005-003/PĐK-37-14464-2026"
    assert carried.province_registration_number == "0012-003/PĐK-37-14464-2026"
    assert carried.province_registration_on == date(2026, 6, 20)
