"""What the deployment test and bench/operations.py need on top of the demo data, printed as JSON:
`python -m tests.deploy.seed --members 50` (run with the stack's environment, after
`flask demo load`).

It seats synthetic scoring members on the demo's open session (present, no conflict declared), as
a council that has just met would have them, writing the rows directly because the services refuse
new seats once a session has met; and it names a decision with certificates to print, a stored
dossier document with its producer, and a draft dossier its producer may upload to.
"""

from __future__ import annotations

import argparse
import json

from sqlalchemy import select

DEMO_PASSWORD = "OcopKimSon2021"
SCORING_MEMBER = "thanhvien5.kimson@evalapp-demo.vn"


def open_scoring_item(member_user):
    from evalapp.councils.models import AgendaItem, CouncilMember, CouncilSession, SessionState
    from evalapp.extensions import db

    seats = db.session.scalars(select(CouncilMember).where(CouncilMember.user_id == member_user.id))
    for seat in seats:
        sessions = db.session.scalars(
            select(CouncilSession).where(
                CouncilSession.council_id == seat.council_id,
                CouncilSession.state == SessionState.OPEN,
            )
        )
        for session in sessions:
            for item in db.session.scalars(
                select(AgendaItem).where(AgendaItem.session_id == session.id)
            ):
                declaration = item.declaration_of(seat)
                if declaration is not None and not declaration.has_conflict:
                    return item, seat
    raise SystemExit(f"no open agenda item that {SCORING_MEMBER} may score")


def seat_members(count: int) -> tuple[int, list[str]]:
    from evalapp.auth.models import Role
    from evalapp.auth.services import create_user, user_by_email
    from evalapp.councils.models import Attendance, ConflictDeclaration, CouncilMember, Position
    from evalapp.demo.clock import one_password_hash
    from evalapp.extensions import db

    scorer = user_by_email(SCORING_MEMBER)
    item, seat = open_scoring_item(scorer)
    council, emails = seat.council, []
    number = max(m.number for m in council.members)
    with one_password_hash():
        for n in range(1, count + 1):
            email = f"bench.member{n}@evalapp-demo.vn"
            user = user_by_email(email) or create_user(
                email,
                f"Thành viên thử tải {n}",
                DEMO_PASSWORD,
                {Role.COUNCIL_MEMBER},
                unit=scorer.unit,
                is_demo=True,
            )
            emails.append(email)
            if council.member_for(user) is not None:
                continue
            number += 1
            member = CouncilMember(
                council=council, user=user, position=Position.MEMBER, number=number
            )
            db.session.add(member)
            db.session.flush()
            item.session.attendance.append(Attendance(member_id=member.id, present=True))
            item.declarations.append(ConflictDeclaration(member_id=member.id, has_conflict=False))
    db.session.commit()
    return item.id, emails


def printable_decision() -> tuple[int, str]:
    from evalapp.certificates.models import Certificate
    from evalapp.extensions import db

    certificate = db.session.scalars(select(Certificate).order_by(Certificate.id)).first()
    return certificate.decision_id, "thuky.ninhbinh@evalapp-demo.vn"


def stored_document() -> tuple[int, str]:
    """A dossier document and the e-mail of a producer account of its organisation."""
    from evalapp.auth.models import User
    from evalapp.dossiers.models import DossierDocument
    from evalapp.extensions import db

    document = db.session.scalars(select(DossierDocument).order_by(DossierDocument.id)).first()
    owner = db.session.scalars(
        select(User).where(User.organisation_id == document.dossier.organisation_id)
    ).first()
    return document.id, owner.email


def draft_dossier() -> tuple[int, str, str]:
    """A draft dossier that already holds a document: its id, that document's checklist item and
    the e-mail of a producer account of its organisation (who may upload to it)."""
    from evalapp.auth.models import User
    from evalapp.dossiers.models import Dossier, DossierState
    from evalapp.extensions import db

    drafts = db.session.scalars(
        select(Dossier).where(Dossier.state == DossierState.DRAFT).order_by(Dossier.id)
    )
    dossier = next(d for d in drafts if d.documents)
    owner = db.session.scalars(
        select(User).where(User.organisation_id == dossier.organisation_id)
    ).first()
    return dossier.id, dossier.documents[0].item_code, owner.email


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=0)
    count = parser.parse_args().members
    from evalapp import create_app

    with create_app().app_context():
        item_id, members = seat_members(count)
        decision_id, secretary = printable_decision()
        document_id, producer = stored_document()
        draft_id, draft_item, draft_producer = draft_dossier()
    print(
        json.dumps(
            {
                "password": DEMO_PASSWORD,
                "scoring_item": item_id,
                "scoring_member": SCORING_MEMBER,
                "members": members,
                "decision": decision_id,
                "secretary": secretary,
                "document": document_id,
                "producer": producer,
                "draft_dossier": draft_id,
                "draft_item": draft_item,
                "draft_producer": draft_producer,
            }
        )
    )


if __name__ == "__main__":
    main()
