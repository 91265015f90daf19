"""Demo councils, composed, scheduled, held and closed through the council and scoring services,
all replayed under the demo clock: Kim Sơn's 2021 and 2022 councils and Ninh Bình's 2021 council
under 1048, and the province's council of today's round under 26/2026, in session now."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta

from evalapp.auth.models import User
from evalapp.councils import services as councils
from evalapp.councils.models import AgendaItem, Council, CouncilSession, Position
from evalapp.demo.clock import DemoClock, in_utc
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results.rescoring import open_rescoring
from evalapp.rounds.models import EvaluationRound
from evalapp.scoring import services as scoring

Seats = tuple[tuple[str, Position], ...]
KIM_SON_SEATS: Seats = (
    ("chutich.kimson", Position.CHAIR),
    ("thanhvien1.kimson", Position.VICE_CHAIR),
    ("thanhvien2.kimson", Position.MEMBER),
    ("thanhvien3.kimson", Position.MEMBER),
    ("thanhvien4.kimson", Position.MEMBER),
    ("thanhvien5.kimson", Position.MEMBER),
    ("thanhvien6.kimson", Position.MEMBER),
    ("tuvan.kimson", Position.ADVISORY),
)
NINH_BINH_SEATS: Seats = (
    ("chutich.ninhbinh", Position.CHAIR),
    ("thanhvien1.ninhbinh", Position.VICE_CHAIR),
    ("thanhvien2.ninhbinh", Position.MEMBER),
    ("thanhvien3.ninhbinh", Position.MEMBER),
    ("thanhvien4.ninhbinh", Position.MEMBER),
    ("thanhvien5.ninhbinh", Position.MEMBER),
    ("thuky.ninhbinh", Position.SECRETARY),
)
SEATS = KIM_SON_SEATS  # the current provincial council seats the former district's staff


def compose(
    round_: EvaluationRound,
    users: dict[str, User],
    seats: Seats,
    secretary: User,
    *,
    name: str,
    decision: tuple[str, date],
) -> Council:
    """The council the People's Committee's decision established, seated by its secretary."""
    council = councils.create_council(
        round_, secretary, name=name, decision_number=decision[0], decision_date=decision[1]
    )
    council.is_demo = True
    for login, position in seats:
        councils.add_member(council, users[login], position, secretary)
    return council


def hold_session(
    council: Council,
    clock: DemoClock,
    dossiers: Iterable[Dossier],
    *,
    title: str,
    place: str,
    meets_at: datetime,
    absent: Iterable[str] = (),
    conflicts: dict[str, str] | None = None,
    meanwhile: Callable[[], None] | None = None,
) -> CouncilSession:
    """Scheduled (with its agenda) about ten days ahead; at `meets_at` the secretary records who
    came and opens it, and the members present declare their conflicts on each dossier.
    `conflicts`: product name → login of the member declaring a conflict on it; `meanwhile`:
    what else happens between the scheduling and the meeting."""
    secretary, meets_at = secretary_of(council), in_utc(meets_at)
    clock.set(meets_at - timedelta(days=9))
    session = councils.schedule_session(
        council, secretary, title=title, starts_at=meets_at, place=place, is_online=False
    )
    for dossier in dossiers:
        councils.add_to_agenda(session, dossier, secretary)
    if meanwhile is not None:
        meanwhile()
    clock.set(meets_at)
    present = {m.id for m in council.members if login_of(m.user) not in set(absent)}
    councils.record_attendance(session, present, secretary)
    councils.open_session(session, secretary)
    for item in session.agenda:
        conflicted_login = (conflicts or {}).get(item.dossier.product.name)
        for member in council.scoring_members():
            if member.id in present:
                conflicted = login_of(member.user) == conflicted_login
                reason = "Người thân làm việc tại chủ thể (lý do mẫu)." if conflicted else ""
                councils.declare(item, member, conflicted, reason, member.user)
    db.session.flush()  # as between two requests: scoring reads the declarations' member ids
    return session


def login_of(user: User) -> str:
    return user.email.partition("@")[0]


def secretary_of(council: Council) -> User:
    return next(m.user for m in council.members if m.position is Position.SECRETARY)


def score(item: AgendaItem, levels: dict[str, str], changes: list[dict[str, str]]) -> None:
    """The expected members, in seat order, each save and sign their sheet."""
    members = scoring.expected_scorers(item)
    if len(members) < len(changes):
        raise ValueError(f"{item.dossier.product.name}: {len(changes)} sheets, fewer members")
    for member, change in zip(members, changes, strict=False):
        sheet = scoring.open_sheet(item, member, member.user)
        scoring.save_draft(sheet, {**levels, **change}, {}, "", sheet.version, member.user)
        scoring.sign_sheet(sheet, sheet.version, member.user)


def rescore(item: AgendaItem) -> None:
    """The (acting) chair opens a second round after too wide a spread."""
    open_rescoring(item, councils.quorum_for(item).acting_chair.user)


def close(session: CouncilSession, clock: DemoClock, at: datetime) -> None:
    clock.set(at)
    councils.close_session(session, secretary_of(session.council))
