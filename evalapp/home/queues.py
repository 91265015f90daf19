"""The work queues on a signed-in user's home page: for each of their roles, what waits for them,
how many, the nearest deadline, and a link to the list filtered to exactly those items.

Each queue counts the rows of the list it links to with that list's own query (or the same
predicate over the same rows), so the card and the list cannot disagree. The deadlines are the
ones the application already applies: the end of intake before the round's scoring
(`dossiers.queries.intake_due`), the commune's 15 working days (26/2026 Điều 7.2,
`dossiers.commune.commune_deadline`), the decision cut-off of 26/2026 Điều 5
(`rounds.cut_offs`), the round's submission closing day, the session's day or remote scoring
window, the certificate's expiry day, and the supplement day a secretariat chose itself (26/2026
sets none; the card also counts the supplements past it). A queue with no such rule shows none.
The page runs a fixed number of queries whatever the number of items: each queue is one list
query (with its eager loads), never one per item."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from flask import g, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import to_user_timezone
from sqlalchemy import func, select

from evalapp.advisory.queries import queue_of
from evalapp.auth.models import Role, User
from evalapp.certificates.queries import EXPIRING, certificates_of_unit
from evalapp.common.i18n import format_day
from evalapp.councils.queries import sessions_of_member, sessions_of_unit_in_week
from evalapp.dossiers.commune import commune_deadline
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.queries import (
    dossiers_of_organisation,
    in_intake_queue,
    intake_due,
    intake_queue,
)
from evalapp.extensions import db
from evalapp.home.navigation import COUNCIL_SEATS
from evalapp.results.queries import results_to_finalise
from evalapp.rounds.cut_offs import round_cut_off
from evalapp.rules import sheet_file_problems
from evalapp.scoring.queries import scoring_due, sheets_awaiting

SCORERS = (Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)


@dataclass(frozen=True)
class Queue:
    key: str
    title: str
    icon: str  # a Bootstrap Icons name, without "bi-"
    count: int
    url: str
    due: date | None = None  # the nearest deadline of the queue's items
    due_what: str = ""  # what that deadline is ("Hạn tiếp nhận, kiểm tra")
    overdue: int = 0  # how many items are past their deadline, where the card counts them


@dataclass(frozen=True)
class DueLine:
    text: str
    css: str


def due_line(due: date, today: date) -> DueLine:
    """ "05/12/2026 · còn 2 ngày", "… · hôm nay là hạn cuối" or "… · quá hạn 3 ngày" (calendar
    days), coloured by urgency."""
    day, days = format_day(due), (due - today).days
    if days < 0:
        return DueLine(_("%(day)s · quá hạn %(n)d ngày", day=day, n=-days), "danger")
    if days == 0:
        return DueLine(_("%(day)s · hôm nay là hạn cuối", day=day), "danger")
    css = "warning" if days <= 3 else "secondary"
    return DueLine(_("%(day)s · còn %(n)d ngày", day=day, n=days), css)


def nearest(days: Iterable[date | None]) -> date | None:
    return min((day for day in days if day is not None), default=None)


def queue_of_items(
    key, title, icon, items, url, due: Callable | None = None, due_what="", today=None
):
    """`today` given: the items whose deadline has passed are counted as overdue."""
    items = list(items)
    days = [due(item) for item in items] if due else []
    first = nearest(days)
    late = sum(1 for day in days if day is not None and today is not None and day < today)
    what = str(due_what) if first else ""
    return Queue(key, str(title), icon, len(items), url, first, what, late)


def supplement_due(dossier: Dossier) -> date | None:
    """The secretariat's own day for a supplement (26/2026 sets none), when it set one."""
    return dossier.supplement_due_on


# --- the intake desks: the secretariat and the commune ---------------------------------------------

SUPPLEMENT_DUE = _l("Hạn nộp bổ sung do cơ quan thường trực đặt")

INTAKE_QUEUES = {
    # key: (title for the secretariat, title for the commune, icon)
    "to_receive": (_l("Hồ sơ chờ tiếp nhận"), _l("Hồ sơ chờ xem xét, chuyển lên"), "inbox"),
    "to_check": (_l("Hồ sơ chờ kiểm tra"), None, "list-check"),
    "supplement": (_l("Hồ sơ chờ chủ thể bổ sung"), None, "hourglass-split"),
}


def pending_intake(user: User) -> list[Dossier]:
    """The dossiers awaiting the user's intake desk (`dossiers.queries.intake_queue`), loaded
    once per request: the intake queues and the secretariat's cut-off count read the same."""
    kept = g.setdefault("home_pending_intake", {})
    if user.id not in kept:
        kept[user.id] = list(db.session.scalars(intake_queue(user)))
    return kept[user.id]


def intake_queues(user: User, today: date) -> list[Queue]:
    dossiers = pending_intake(user)
    secretariat = user.has_role(Role.SECRETARY)
    queues = []
    for key, (title, commune_title, icon) in INTAKE_QUEUES.items():
        if not secretariat and commune_title is None:
            continue
        mine = [d for d in dossiers if in_intake_queue(d, key, user.unit_id)]
        if key == "supplement":
            due, what = supplement_due, SUPPLEMENT_DUE
        elif secretariat:
            due, what = intake_due, _l("Hạn tiếp nhận, kiểm tra trước phiên chấm điểm")
        else:
            title, due, what = commune_title, commune_deadline, _l("Hạn xem xét của cấp xã")
        url = url_for("dossiers.intake", queue=key)
        queues.append(queue_of_items(key, title, icon, mine, url, due, what, today))
    return queues


def expiring_certificates(user: User, today: date) -> Queue:
    """Counted and dated in SQL over the list's own query: a province has hundreds."""
    listed = certificates_of_unit(user.unit_id, today, EXPIRING).order_by(None).subquery()
    count, first = db.session.execute(select(func.count(), func.min(listed.c.expires_on))).one()
    return Queue(
        "expiring",
        str(_l("Giấy chứng nhận sắp hết hạn")),
        "award",
        count,
        url_for("certificates.index", status=EXPIRING),
        first,
        str(_l("Ngày hết hạn gần nhất")) if first else "",
    )


def decision_due(dossier: Dossier) -> date | None:
    """The last day for the decision of the dossier's round under 26/2026 Điều 5 (None for a
    round without a cut-off)."""
    cut_off = round_cut_off(dossier.round)
    return cut_off.last_decision_day if cut_off else None


def decisions_to_issue(user: User) -> Queue:
    """Dossiers the council has evaluated, waiting for the result decision."""
    evaluated = DossierState.EVALUATED.value
    return queue_of_items(
        "to_decide",
        _l("Kết quả chờ ban hành quyết định"),
        "file-earmark-check",
        db.session.scalars(intake_queue(user, state=evaluated)),
        url_for("dossiers.intake", state=evaluated),
        decision_due,
        _l("Hạn quyết định (Điều 5)"),
    )


def upcoming_day(session, today: date) -> date | None:
    day = to_user_timezone(session.starts_at).date()
    return day if day >= today else None


def unit_sessions_this_week(user: User, today: date) -> Queue:
    return queue_of_items(
        "unit_week",
        _l("Phiên họp tuần này"),
        "calendar-week",
        sessions_of_unit_in_week(user.unit_id, today),
        url_for("councils.index", when="week"),
        lambda session: upcoming_day(session, today),
        _l("Phiên họp sắp tới"),
    )


# --- council seats -------------------------------------------------------------------------------


def sheets_to_score(user: User) -> Queue:
    return queue_of_items(
        "sheets",
        _l("Phiếu chấm chờ tôi"),
        "pencil-square",
        db.session.scalars(sheets_awaiting(user.id)),
        url_for("scoring.my_sheets"),
        scoring_due,
        _l("Phiên họp gần nhất"),
    )


def results_to_close(user: User) -> Queue:
    return queue_of_items(
        "to_finalise",
        _l("Kết quả chờ chốt"),
        "check2-square",
        results_to_finalise(user),
        url_for("results.to_finalise"),
    )


def sessions_this_week(user: User, today: date) -> Queue:
    return queue_of_items(
        "week",
        _l("Phiên họp tuần này"),
        "calendar-week",
        sessions_of_member(user.id, today),
        url_for("councils.my_sessions", when="week"),
        lambda session: upcoming_day(session, today),
        _l("Phiên họp sắp tới"),
    )


def reports_to_submit(user: User) -> Queue:
    rows = [row for row in queue_of(user) if row.to_report]
    return queue_of_items(
        "advisory",
        _l("Hồ sơ tư vấn chưa gửi báo cáo"),
        "clipboard2-pulse",
        rows,
        url_for("advisory.queue", show="to_report"),
    )


# --- the producer --------------------------------------------------------------------------------


def producer_queues(user: User, today: date) -> list[Queue]:
    dossiers = list(
        db.session.scalars(
            dossiers_of_organisation(user.organisation_id).where(
                Dossier.state.in_((DossierState.DRAFT, DossierState.NEEDS_SUPPLEMENT))
            )
        )
    )
    drafts = [d for d in dossiers if d.state is DossierState.DRAFT]
    supplements = [d for d in dossiers if d.state is DossierState.NEEDS_SUPPLEMENT]
    return [
        queue_of_items(
            "supplement",
            _l("Hồ sơ cần bổ sung"),
            "exclamation-circle",
            supplements,
            url_for("dossiers.mine", state=DossierState.NEEDS_SUPPLEMENT.value),
            supplement_due,
            SUPPLEMENT_DUE,
            today,
        ),
        queue_of_items(
            "drafts",
            _l("Hồ sơ nháp chưa nộp"),
            "pencil",
            drafts,
            url_for("dossiers.mine", state=DossierState.DRAFT.value),
            lambda dossier: dossier.round.submission_closes_on,
            _l("Hạn nộp hồ sơ của đợt"),
        ),
    ]


def broken_sheet_files() -> Queue:
    """The administrator's: sheet files left out of their rulebook (issue 15)."""
    return Queue(
        "sheet-files",
        _("Tệp phiếu đánh giá lỗi"),
        "file-earmark-x",
        len(sheet_file_problems()),
        url_for("admin.sheets"),
    )


# --- all of them ---------------------------------------------------------------------------------


def queues_for(user: User, today: date) -> list[Queue]:
    """The user's queues, their own work first; empty ones included (the page says so)."""
    queues = []
    if user.has_role(Role.PRODUCER) and user.organisation_id:
        queues += producer_queues(user, today)
    if user.unit_id is not None and user.has_any_role(Role.SECRETARY, Role.COMMUNE_OFFICER):
        queues += intake_queues(user, today)
    if user.unit_id is not None and user.has_role(Role.SECRETARY):
        queues.append(unit_sessions_this_week(user, today))
        queues.append(decisions_to_issue(user))
        queues.append(expiring_certificates(user, today))
    if user.has_any_role(*SCORERS):
        queues.append(sheets_to_score(user))
        # A vice-chair (a member's account) acts only when the chair is conflicted: the card
        # shows for them when there is something, and always for the chair.
        finalising = results_to_close(user)
        if finalising.count or user.has_role(Role.COUNCIL_CHAIR):
            queues.append(finalising)
    if user.has_role(Role.ADVISORY_MEMBER):
        queues.append(reports_to_submit(user))
    if user.has_any_role(*COUNCIL_SEATS):
        queues.append(sessions_this_week(user, today))
    if user.has_role(Role.ADMIN):
        queues.append(broken_sheet_files())
    return queues
