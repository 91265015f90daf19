from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem, ConflictDeclaration, Position
from evalapp.extensions import db
from tests.factories import make_accepted_dossier, make_council, make_round, make_session
from tests.integration.roles import EVERYONE, SECRETARY

MEMBERS = {Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.ADVISORY_MEMBER}

EXPECTED = {
    "councils.remote_window": SECRETARY,
    "councils.index": SECRETARY,
    "councils.new_council": SECRETARY,
    "councils.council": SECRETARY,
    "councils.add_member": SECRETARY,
    "councils.invite_member": SECRETARY,
    "councils.accept_invitation": EVERYONE,
    "councils.remove_member": SECRETARY,
    "councils.new_session": SECRETARY,
    "councils.session": SECRETARY | MEMBERS,
    "councils.add_to_agenda": SECRETARY,
    "councils.attendance": SECRETARY,
    "councils.open_session": SECRETARY,
    "councils.close_session": SECRETARY,
    "councils.my_sessions": MEMBERS,
    "councils.declare": MEMBERS,
    "councils.ask_for_meeting": MEMBERS,
}


def world_params(world) -> dict:
    round_ = make_round(world.province)
    seats = [
        (world.users[Role.COUNCIL_CHAIR], Position.CHAIR),
        (world.users[Role.COUNCIL_MEMBER], Position.MEMBER),
        (world.users[Role.ADVISORY_MEMBER], Position.ADVISORY),
    ]
    council = make_council(round_, seats)
    session = make_session(council)
    item = AgendaItem(dossier=make_accepted_dossier(round_, world.organisation), position=1)
    session.agenda.append(item)
    db.session.flush()
    return {
        "council_id": council.id,
        "session_id": session.id,
        "item_id": item.id,
        "member_id": council.members[1].id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated; its member declared no conflict on the item, so the
    scoring pages open for them."""
    params = world_params(world)
    item = db.session.get(AgendaItem, params["item_id"])
    db.session.add(
        ConflictDeclaration(item=item, member_id=params["member_id"], has_conflict=False)
    )
    db.session.flush()
    return params
