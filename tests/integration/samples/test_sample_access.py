"""Who may open a dossier's samples and a sample's page: the dossier's commune, the round's
secretariat, the council's advisory group and its members cleared for the dossier; nobody else,
not the producer either (staff only)."""

import pytest

from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import AgendaItem, ConflictDeclaration, CouncilMember, Position
from evalapp.dossiers import services
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_council, make_session, make_unit, make_user
from tests.integration.samples.conftest import receipt_form, samples_of, submitted


@pytest.fixture
def on_agenda(ninh_binh, login):
    """The basket's samples received, the dossier on the agenda of the round's council, whose
    advisory member and first scoring member are cleared and second member declared a conflict."""
    dossier = submitted(ninh_binh, ninh_binh.basket)
    login(ninh_binh.commune_officer).post(
        f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5)
    )
    advisory = make_user(Role.ADVISORY_MEMBER, unit=ninh_binh.province, full_name="Tư Vấn")
    council = make_council(ninh_binh.round)
    council.members.append(CouncilMember(user=advisory, position=Position.ADVISORY, number=6))
    session = make_session(council)
    item = AgendaItem(dossier=dossier, position=1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    members = [m for m in council.members if m.position is Position.MEMBER]
    item.declarations.append(ConflictDeclaration(member=members[0], has_conflict=False))
    item.declarations.append(ConflictDeclaration(member=members[1], has_conflict=True))
    db.session.commit()
    return dossier, {"advisory": advisory, "cleared": members[0].user, "conflict": members[1].user}


def test_the_samples_are_open_to_the_desks_and_the_council_only(on_agenda, ninh_binh, login):
    dossier, council = on_agenda
    code = samples_of(dossier)[0].label_code
    other_commune = make_unit("Xã Khác", UnitLevel.COMMUNE, parent=ninh_binh.province, code="NB-K")
    other_province = make_unit("Tỉnh Khác", code="TK")
    allowed = [
        ninh_binh.commune_officer,
        ninh_binh.secretary,
        council["advisory"],
        council["cleared"],
    ]
    refused = [
        make_user(Role.COMMUNE_OFFICER, unit=other_commune),
        make_user(Role.SECRETARY, unit=other_province),
        council["conflict"],
        make_user(Role.COUNCIL_MEMBER, unit=ninh_binh.province),  # of no council of this dossier
        ninh_binh.producer,
    ]
    for user in allowed:
        client = login(user)
        assert client.get(f"/samples/{code}").status_code == 200, user.full_name
        assert client.get(f"/samples/dossiers/{dossier.id}").status_code == 200, user.full_name
    for user in refused:
        client = login(user)
        assert client.get(f"/samples/{code}").status_code == 403, user.full_name
        assert client.get(f"/samples/dossiers/{dossier.id}").status_code == 403, user.full_name


def test_the_council_reads_the_history_but_records_no_move_and_prints_nothing(on_agenda, login):
    dossier, council = on_agenda
    sample = samples_of(dossier)[0]
    client = login(council["advisory"])
    page = client.get(f"/samples/{sample.label_code}").text
    assert "UBND cấp xã" in page and 'id="move-form"' not in page
    assert client.post(f"/samples/{sample.label_code}/moves", data={}).status_code == 403
    assert client.get(f"/samples/dossiers/{dossier.id}/labels.pdf").status_code == 403


def test_another_communes_officer_cannot_receive_or_print(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    other = make_user(
        Role.COMMUNE_OFFICER,
        unit=make_unit("Xã Khác", UnitLevel.COMMUNE, parent=ninh_binh.province, code="NB-K"),
    )
    client = login(other)
    assert (
        client.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form()).status_code
        == 403
    )
    assert samples_of(dossier) == []


def test_an_unknown_label_code_is_not_found(ninh_binh, login):
    assert login(ninh_binh.secretary).get("/samples/MXXXXXXX").status_code == 404


def test_nothing_is_shown_of_a_draft(ninh_binh, login):
    draft = services.start_dossier(
        ninh_binh.basket, ninh_binh.round, RegistrationType.FIRST_TIME, "", ninh_binh.producer
    )
    db.session.commit()
    officer = login(ninh_binh.commune_officer)
    assert officer.get(f"/samples/dossiers/{draft.id}").status_code == 403
