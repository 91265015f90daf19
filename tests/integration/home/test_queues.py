"""The home page's work queues: per role, the count on each card equals the rows of the list it
links to, another unit's items are not counted, and the nearest deadline reads "còn N ngày",
"hôm nay là hạn cuối" or "quá hạn N ngày" with its date."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.certificates.models import Certificate
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.scoring.models import ScoreSheet, SheetState
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_producer,
    make_round,
    make_session,
    make_unit,
    make_user,
)
from tests.integration.advisory.conftest import group  # noqa: F401
from tests.integration.certificates.conftest import issued, issuing  # noqa: F401
from tests.integration.dossiers.conftest import login  # noqa: F401
from tests.integration.scoring.conftest import meeting26  # noqa: F401


def card(page: str, key: str) -> str:
    match = re.search(rf'id="queue-{key}".*?</a>', page, re.S)
    assert match, f"no card {key!r} on the home page"
    return html.unescape(match.group(0))


def card_count(page: str, key: str) -> int:
    return int(re.search(r'queue-count">(\d+)<', card(page, key)).group(1))


def card_url(page: str, key: str) -> str:
    return re.search(r'href="([^"]+)"', card(page, key)).group(1)


def table_rows(page: str) -> int:
    """The rows of the list's table, its "nothing here" row (a colspan) not counted."""
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S).group(1)
    rows = re.findall(r"<tr[ >].*?</tr>", body, re.S)
    return sum(1 for row in rows if "colspan" not in row)


def follows(client, key: str, rows=table_rows) -> tuple[int, int]:
    """(the card's count, the rows of the list the card links to)."""
    home = client.get("/").text
    listing = client.get(card_url(home, key))
    assert listing.status_code == 200
    return card_count(home, key), rows(listing.text)


def dossier_in(round_, organisation, state: DossierState, at_unit=None, name="Sản phẩm thử"):
    dossier = make_accepted_dossier(round_, organisation, name)
    dossier.state = state
    dossier.current_unit = at_unit or round_.unit
    dossier.submitted_at = utcnow() - timedelta(days=2)
    return dossier


@pytest.fixture
def desks(app):
    """A district secretariat with dossiers in every intake queue, and a second district whose
    dossiers must never be counted."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district, code="NB-KS-TK")
    other = make_unit("Huyện Yên Mô", UnitLevel.DISTRICT, parent=province, code="NB-YM")
    organisation = make_organisation(commune=commune)
    round_ = make_round(district, level_code="district")
    other_round = make_round(other, level_code="district")
    for state in (DossierState.FORWARDED, DossierState.FORWARDED, DossierState.SUBMITTED):
        dossier_in(round_, organisation, state)
    dossier_in(round_, organisation, DossierState.SUBMITTED, at_unit=commune)  # the commune's
    dossier_in(round_, organisation, DossierState.RECEIVED)
    dossier_in(round_, organisation, DossierState.NEEDS_SUPPLEMENT)
    dossier_in(round_, organisation, DossierState.DRAFT)
    dossier_in(round_, organisation, DossierState.EVALUATED)
    dossier_in(round_, organisation, DossierState.EVALUATED)
    for state in (
        DossierState.FORWARDED,
        DossierState.RECEIVED,
        DossierState.NEEDS_SUPPLEMENT,
        DossierState.EVALUATED,
    ):
        dossier_in(other_round, organisation, state)
    council = make_council(round_)
    make_session(council, days_ahead=0)
    make_session(council, days_ahead=60)  # not this week
    make_session(make_council(other_round), days_ahead=0)  # another district's
    secretary = make_user(Role.SECRETARY, unit=district)
    officer = make_user(Role.COMMUNE_OFFICER, unit=commune)
    db.session.commit()
    return secretary, officer, round_


def test_secretary_cards_count_the_rows_of_their_filtered_intake_lists(desks, login):  # noqa: F811
    secretary, _officer, _round = desks
    client = login(secretary)
    # Two forwarded by the commune and one filed directly with the district, not the one still
    # at the commune nor the other district's.
    assert follows(client, "to_receive") == (3, 3)
    assert follows(client, "to_check") == (1, 1)
    assert follows(client, "supplement") == (1, 1)
    assert follows(client, "to_decide") == (2, 2)
    sessions = follows(client, "unit_week", rows=lambda page: page.count("session-row"))
    assert sessions == (1, 1)


def test_commune_officer_sees_only_its_desk(desks, login):  # noqa: F811
    _secretary, officer, _round = desks
    client = login(officer)
    home = client.get("/").text
    assert follows(client, "to_receive") == (1, 1)
    assert 'id="queue-to_check"' not in home  # the secretariat's work, not the commune's


def test_commune_deadline_is_its_15_working_days(app, login):  # noqa: F811
    """26/2026 Điều 7.2: the commune's period, counted from the filing day."""
    from evalapp.dossiers.commune import commune_deadline

    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-X")
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    dossier = dossier_in(
        round_, make_organisation(commune=commune), DossierState.SUBMITTED, commune
    )
    officer = make_user(Role.COMMUNE_OFFICER, unit=commune)
    db.session.commit()
    line = card(login(officer).get("/").text, "to_receive")
    due = commune_deadline(dossier)
    assert "Hạn xem xét của cấp xã" in line
    assert f"{due:%d/%m/%Y} · còn {(due - local_today()).days} ngày" in line


@pytest.mark.parametrize(
    ("days", "text"),
    [(0, "hôm nay là hạn cuối"), (1, "còn 1 ngày"), (-2, "quá hạn 2 ngày")],
)
def test_the_nearest_deadline_on_boundary_days(desks, login, days, text):  # noqa: F811
    secretary, _officer, round_ = desks
    # Intake ends the day before scoring starts.
    round_.scoring_starts_on = local_today() + timedelta(days=days + 1)
    db.session.commit()
    line = card(login(secretary).get("/").text, "to_receive")
    due = local_today() + timedelta(days=days)
    assert f"{due:%d/%m/%Y} · {text}" in line


def test_an_empty_queue_says_so(app, login):  # noqa: F811
    secretary = make_user(Role.SECRETARY, unit=make_unit("Huyện Trống", UnitLevel.DISTRICT))
    home = login(secretary).get("/").text
    assert card_count(home, "to_receive") == 0
    assert "Không có việc đang chờ" in card(home, "to_receive")


def test_producer_cards(app, login):  # noqa: F811
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, code="KS")
    round_ = make_round(district, submission_closes_on=local_today() + timedelta(days=5))
    mine, theirs = make_organisation(name="HTX Một"), make_organisation(name="HTX Hai")
    dossier_in(round_, mine, DossierState.DRAFT)
    dossier_in(round_, mine, DossierState.DRAFT)
    dossier_in(round_, mine, DossierState.NEEDS_SUPPLEMENT)
    dossier_in(round_, theirs, DossierState.NEEDS_SUPPLEMENT)
    producer = make_producer(mine)
    db.session.commit()
    client = login(producer)
    assert follows(client, "drafts") == (2, 2)
    assert follows(client, "supplement") == (1, 1)
    closes = local_today() + timedelta(days=5)
    assert f"{closes:%d/%m/%Y} · còn 5 ngày" in card(client.get("/").text, "drafts")


@pytest.fixture
def seats(app):
    """A member seated on two sessions' councils: dossiers to score, a signed one, a conflict, and
    a session of another council he does not sit on."""
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, code="KS")
    organisation = make_organisation(commune=make_unit("Xã A", UnitLevel.COMMUNE, parent=district))
    member = make_user(Role.COUNCIL_MEMBER, unit=district, full_name="Nguyễn Văn Thành Viên")
    round_ = make_round(district, level_code="district")
    council = make_council(round_, [(member, Position.MEMBER)])
    seat = council.members[0]
    today_session = make_session(council, days_ahead=0, state=SessionState.OPEN)
    items = []
    for position in range(1, 5):
        item = AgendaItem(
            dossier=make_accepted_dossier(round_, organisation, f"Sản phẩm {position}"),
            position=position,
        )
        today_session.agenda.append(item)
        items.append(item)
    db.session.flush()
    items[0].declarations.append(ConflictDeclaration(member=seat, has_conflict=False))
    items[1].declarations.append(ConflictDeclaration(member=seat, has_conflict=True))
    db.session.add(
        ScoreSheet(item=items[2], member=seat, state=SheetState.SIGNED, signed_at=utcnow())
    )
    # items[0] (cleared) and items[3] (not declared yet) wait; [1] conflicted, [2] signed.
    closed = make_session(council, days_ahead=-1, state=SessionState.CLOSED)
    closed.agenda.append(
        AgendaItem(dossier=make_accepted_dossier(round_, organisation, "Đã họp"), position=1)
    )
    make_session(council, days_ahead=60)  # not this week
    stranger_council = make_council(make_round(district, level_code="district"))
    stranger = make_session(stranger_council, days_ahead=0)
    stranger.agenda.append(
        AgendaItem(dossier=make_accepted_dossier(round_, organisation, "Khác"), position=1)
    )
    db.session.commit()
    return member


def test_member_cards_count_the_sheets_and_sessions_waiting(seats, login):  # noqa: F811
    client = login(seats)
    assert follows(client, "sheets") == (2, 2)
    in_week = local_today() - timedelta(days=local_today().weekday())
    expected = 2 if in_week <= local_today() - timedelta(days=1) else 1  # yesterday's, if Monday+
    count, rows = follows(client, "week", rows=lambda page: page.count("session-row"))
    assert count == rows == expected
    assert f"{local_today():%d/%m/%Y} · hôm nay là hạn cuối" in card(client.get("/").text, "sheets")


def test_secretary_expiring_certificates(issued, login):  # noqa: F811
    """One of the two certificates expires within the re-evaluation lead, the other long after."""
    first, second = db.session.scalars(select(Certificate).order_by(Certificate.id))
    first.expires_on = local_today() + timedelta(days=10)
    second.expires_on = local_today() + timedelta(days=800)
    db.session.commit()
    client = login(issued.secretary)
    assert follows(client, "expiring") == (1, 1)
    day = local_today() + timedelta(days=10)
    assert f"{day:%d/%m/%Y} · còn 10 ngày" in card(client.get("/").text, "expiring")


def test_queues_of_another_unit_are_not_counted(desks, login):  # noqa: F811
    _secretary, _officer, _round = desks
    stranger = make_user(Role.SECRETARY, unit=make_unit("Huyện Khác", UnitLevel.DISTRICT))
    home = login(stranger).get("/").text
    keys = ("to_receive", "to_check", "supplement", "to_decide", "unit_week")
    assert [card_count(home, key) for key in keys] == [0, 0, 0, 0, 0]


def test_adviser_card_counts_the_dossiers_without_a_sent_report(group, login):  # noqa: F811
    from evalapp.advisory.models import AdvisoryAssignment, AdvisoryReport, ReportState

    round_, organisation = group.council.round, group.dossier.organisation
    reported = make_accepted_dossier(round_, organisation, "Đã báo cáo")
    for dossier in (group.dossier, reported):
        db.session.add(AdvisoryAssignment(dossier=dossier, member=group.adviser))
    db.session.add(
        AdvisoryReport(
            dossier=reported,
            council_id=group.council.id,
            state=ReportState.SUBMITTED,
            submitted_at=utcnow(),
        )
    )
    # The other adviser's dossier is not this adviser's work.
    db.session.add(
        AdvisoryAssignment(
            dossier=make_accepted_dossier(round_, organisation, "Của người khác"),
            member=group.other_adviser,
        )
    )
    db.session.commit()
    client = login(group.adviser.user)
    assert follows(client, "advisory") == (1, 1)
    home = client.get("/").text
    assert 'id="queue-sheets"' not in home  # an adviser does not score


def test_unknown_queue_filters_are_ignored_not_an_error(desks, seats, login):  # noqa: F811
    secretary, _officer, _round = desks
    client = login(secretary)
    for url in ("/dossiers/intake?queue=zzz", "/councils/?when=zzz", "/certificates/?status=zzz"):
        assert client.get(url).status_code == 200
    # Unfiltered, the intake shows every dossier awaiting it (the three queues, 3 + 1 + 1, and
    # the one still at the commune).
    assert table_rows(client.get("/dossiers/intake?queue=zzz").text) == 6
    member = login(seats)
    assert member.get("/councils/my-sessions?when=zzz").status_code == 200


def test_the_acting_chair_finds_the_results_to_finalise(app, login):  # noqa: F811
    """The chair finalises the closed session's dossiers, but the one they are conflicted on goes
    to the vice-chair (26/2026 seats rule in `councils.seats.acting_chair`); a plain member has
    no such card."""
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, code="KS")
    organisation = make_organisation(commune=make_unit("Xã A", UnitLevel.COMMUNE, parent=district))
    round_ = make_round(district, level_code="district")
    council = make_council(round_)
    chair, vice, member = council.members[0], council.members[1], council.members[2]
    session = make_session(council, days_ahead=-1, state=SessionState.CLOSED)
    for seat in council.members:
        session.attendance.append(Attendance(member_id=seat.id, present=True))
    items = [
        AgendaItem(dossier=make_accepted_dossier(round_, organisation, name), position=number)
        for number, name in enumerate(("Giỏ đay", "Chiếu cói", "Thảm bèo"), start=1)
    ]
    session.agenda.extend(items)
    db.session.flush()
    items[1].declarations.append(ConflictDeclaration(member=chair, has_conflict=True))
    items[2].dossier.state = DossierState.EVALUATED  # already finalised
    db.session.commit()
    assert follows(login(chair.user), "to_finalise") == (1, 1)
    assert follows(login(vice.user), "to_finalise") == (1, 1)
    assert 'id="queue-to_finalise"' not in login(member.user).get("/").text


def test_results_awaiting_their_decision_show_the_dieu_5_deadline(app, login):  # noqa: F811
    from evalapp.rounds.cut_offs import round_cut_off

    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-X")
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    dossier_in(round_, make_organisation(commune=commune), DossierState.EVALUATED)
    secretary = make_user(Role.SECRETARY, unit=province)
    db.session.commit()
    client = login(secretary)
    assert follows(client, "to_decide") == (1, 1)
    due = round_cut_off(round_).last_decision_day
    line = card(client.get("/").text, "to_decide")
    assert "Hạn quyết định (Điều 5)" in line
    assert f"{due:%d/%m/%Y}" in line
