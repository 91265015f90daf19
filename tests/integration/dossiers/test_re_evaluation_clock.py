"""The 45 days of a re-evaluation (26/2026 Điều 7.6.g) on the secretariat's pages: counted from
the day the province received the complete dossier from the commune (its forwarding, or the
producer's later supplement)."""

from datetime import UTC, datetime, time, timedelta

import pytest

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.councils.models import AgendaItem
from evalapp.dossiers.models import DossierEvent, DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)


def arrived(dossier, days_ago: int, state=DossierState.FORWARDED, action="forwarded") -> None:
    """An arrival at the province `days_ago` days before today (noon, Vietnam time)."""
    day = local_today() - timedelta(days=days_ago)
    at = datetime.combine(day, time(5), tzinfo=UTC)
    dossier.events.append(DossierEvent(at=at, action=action, to_state=state))


@pytest.fixture
def province_work(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province)
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    organisation = make_organisation(commune=commune)
    dossiers = {}
    for name, days_ago in (("Quá hạn", 46), ("Còn hạn", 44), ("Đúng hạn", 45)):
        dossier = make_accepted_dossier(round_, organisation, name)
        dossier.registration_type = RegistrationType.RE_EVALUATION
        arrived(dossier, days_ago)
        dossiers[name] = dossier
    first_time = make_accepted_dossier(round_, organisation, "Lần đầu")
    arrived(first_time, 60)
    secretary = make_user(Role.SECRETARY, unit=province)
    db.session.commit()
    return round_, dossiers, first_time, secretary


def deadline(days_ago: int) -> str:
    return f"{local_today() - timedelta(days=days_ago) + timedelta(days=45):%d/%m/%Y}"


def test_the_intake_list_shows_days_left_and_days_overdue(province_work, client, auth):
    _round, _dossiers, _first, secretary = province_work
    auth.login(secretary)
    page = client.get("/dossiers/intake?state=accepted").get_data(as_text=True)
    assert f"Quá hạn 1 ngày (hạn {deadline(46)}, Điều 7.6.g)" in page
    assert f"Còn 1 ngày (hạn {deadline(44)}, Điều 7.6.g)" in page
    assert f"Hôm nay là ngày cuối (hạn {local_today():%d/%m/%Y}, Điều 7.6.g)" in page
    assert page.count("evaluation-clock") == 3  # not on the first-time dossier


def test_the_dossier_page_shows_the_clock_to_the_staff(province_work, client, auth):
    _round, dossiers, _first, secretary = province_work
    auth.login(secretary)
    page = client.get(f"/dossiers/{dossiers['Quá hạn'].id}").get_data(as_text=True)
    assert f"Quá hạn 1 ngày (hạn {deadline(46)}, Điều 7.6.g)" in page


def test_a_supplement_starts_the_period_again(province_work, client, auth):
    _round, dossiers, _first, secretary = province_work
    arrived(dossiers["Quá hạn"], 10, DossierState.SUPPLEMENTED, "resubmitted")
    db.session.commit()
    auth.login(secretary)
    page = client.get(f"/dossiers/{dossiers['Quá hạn'].id}").get_data(as_text=True)
    assert f"Còn 35 ngày (hạn {deadline(10)}, Điều 7.6.g)" in page


def test_the_session_page_shows_the_clock_of_its_re_evaluations(province_work, client, auth):
    round_, dossiers, _first, secretary = province_work
    session = make_session(make_council(round_))
    session.agenda.append(AgendaItem(dossier=dossiers["Còn hạn"], position=1))
    db.session.commit()
    auth.login(secretary)
    page = client.get(f"/councils/sessions/{session.id}").get_data(as_text=True)
    assert f"Còn 1 ngày (hạn {deadline(44)}, Điều 7.6.g)" in page


def test_the_home_page_counts_the_overdue_re_evaluations(province_work, client, auth):
    _round, dossiers, _first, secretary = province_work
    auth.login(secretary)
    page = client.get("/").get_data(as_text=True)
    assert "1 hồ sơ đánh giá lại đã quá 45 ngày kể từ ngày nhận đủ hồ sơ" in page
    dossiers["Quá hạn"].state = DossierState.EVALUATED  # the council has concluded
    db.session.commit()
    assert "đã quá 45 ngày" not in client.get("/").get_data(as_text=True)
