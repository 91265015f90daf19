from datetime import timedelta

from evalapp.common.time import local_today
from evalapp.rounds.models import RoundState
from evalapp.rounds.queries import open_rounds_for, rounds_of_unit
from evalapp.units.models import UnitLevel
from tests.factories import make_organisation, make_round, make_unit


def test_a_producer_sees_the_rounds_open_today_in_its_area(app, province, district):
    today = local_today()
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district)
    organisation = make_organisation(commune)
    older = make_round(province, name="Tỉnh, mở trước")
    newer = make_round(province, name="Tỉnh, mở sau", submission_opens_on=today - timedelta(days=2))
    of_district = make_round(
        district,
        name="Huyện",
        level_code="district",
        submission_opens_on=today - timedelta(days=5),
    )
    of_central = make_round(province.parent, name="Trung ương", level_code="central")
    make_round(province, name="Đã đóng", state=RoundState.CLOSED)
    make_round(province, name="Chưa mở", submission_opens_on=today + timedelta(days=1))
    make_round(
        province,
        name="Hết hạn",
        submission_opens_on=today - timedelta(days=30),
        submission_closes_on=today - timedelta(days=1),
    )
    make_round(make_unit("Tỉnh Khác"), name="Tỉnh khác")
    make_round(
        make_unit("Huyện Khác", UnitLevel.DISTRICT, parent=province),
        name="Huyện khác",
        level_code="district",
    )
    closing_today = make_round(
        province, name="Hạn chót hôm nay", submission_closes_on=today, submission_opens_on=today
    )

    rounds = open_rounds_for(organisation, today)

    assert rounds[0] == closing_today
    assert rounds[1:3] == [newer, of_district]
    assert set(rounds[3:]) == {older, of_central}
    assert all(round_.unit is not None for round_ in rounds)


def test_rounds_of_unit_lists_only_that_units_rounds(app, province, district):
    mine = make_round(province)
    make_round(district, level_code="district")
    assert rounds_of_unit(province) == [mine]
