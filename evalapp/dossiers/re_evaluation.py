"""When a re-evaluation dossier may be started and submitted (26/2026 Điều 7.6.a, Điều 12.3), and
how long its evaluation may take (Điều 7.6.g).

The window belongs to the rulebook of the round the dossier is filed in (the rules in force on
the filing day); under a rulebook without one (1048/2019, 148/2023, 148 and 1489) nothing is
checked, as before. A certificate number not in the register (a paper certificate) has no
expiry day the app knows, so its window cannot be checked either. See `rules.re_evaluation`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from evalapp.dossiers.models import Dossier, DossierEvent, DossierState, RegistrationType
from evalapp.dossiers.transitions import DossierError
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import (
    EvaluationClock,
    Rulebook,
    filing_window,
    late_filing_covered,
    load_rulebook,
    may_file_on,
    re_evaluation_clock,
)


def check_filing_window(
    registration_type: RegistrationType, certificate, rulebook: Rulebook, day: date
) -> None:
    """Refuse a re-evaluation of the registered `certificate` filed on `day` outside its window
    (or, under Điều 12.3, after its expiry day)."""
    problem = window_problem(registration_type, certificate, rulebook, day)
    if problem is not None:
        raise DossierError(problem, field="previous_certificate")


def window_problem(
    registration_type: RegistrationType, certificate, rulebook: Rulebook, day: date
) -> str | None:
    """Why a re-evaluation of `certificate` cannot be filed on `day`, or None when it can."""
    if registration_type is not RegistrationType.RE_EVALUATION or certificate is None:
        return None
    expiry = certificate.expires_on
    if may_file_on(expiry, rulebook, day):
        return None
    window = filing_window(expiry, rulebook)
    if late_filing_covered(expiry, rulebook):
        return _(
            "Hồ sơ đánh giá lại chỉ nộp từ %(opens)s đến %(closes)s (Điều 7.6 Quyết định "
            "%(reference)s); giấy chứng nhận này được nộp muộn theo Điều 12.3 nhưng chậm "
            "nhất đến hết ngày hết hạn %(expiry)s.",
            opens=f"{window.opens_on:%d/%m/%Y}",
            closes=f"{window.closes_on:%d/%m/%Y}",
            reference=rulebook.reference,
            expiry=f"{expiry:%d/%m/%Y}",
        )
    return _(
        "Hồ sơ đánh giá lại chỉ nộp từ %(opens)s đến %(closes)s (Điều 7.6 Quyết định "
        "%(reference)s).",
        opens=f"{window.opens_on:%d/%m/%Y}",
        closes=f"{window.closes_on:%d/%m/%Y}",
        reference=rulebook.reference,
    )


# --- Điều 7.6.g: the 45 days from the complete dossier -----------------------------------------

#: The events that bring the dossier's papers to the evaluating level: the producer's submission
#: (where no commune stage exists), the commune's forwarding (Điều 7.6.b–c, "hồ sơ đề nghị của
#: UBND cấp xã"), the province's forwarding to the ministry (Điều 7.6.e), a supplement.
ARRIVALS = frozenset({DossierState.SUBMITTED, DossierState.FORWARDED, DossierState.SUPPLEMENTED})
#: While the council has not concluded: the clock is shown (a dossier sent back for a
#: supplement is not complete, so it has none until the supplement arrives).
RUNNING = frozenset(
    {
        DossierState.SUBMITTED,
        DossierState.FORWARDED,
        DossierState.RECEIVED,
        DossierState.SUPPLEMENTED,
        DossierState.ACCEPTED,
    }
)


def arrivals_of(dossiers: Iterable[Dossier]) -> dict[int, date]:
    """The day the evaluating level received each complete dossier ("ngày nhận đủ hồ sơ", Điều
    7.6.g), in one query: the last arrival of its papers there — the commune's forwarding, or the
    producer's supplement when the province asked for one (an incomplete dossier is not "đủ").
    The intake's acceptance is not used: it is the province's own check of a dossier it already
    holds, and counting from it would start the 45 days whenever that check ends."""
    ids = [d.id for d in dossiers if d.current_unit_id == d.round.unit_id]
    if not ids:
        return {}
    rows = db.session.execute(
        select(DossierEvent.dossier_id, func.max(DossierEvent.at))
        .where(DossierEvent.dossier_id.in_(ids), DossierEvent.to_state.in_(ARRIVALS))
        .group_by(DossierEvent.dossier_id)
    )
    return {dossier_id: local_day(at) for dossier_id, at in rows}


def local_day(moment) -> date:
    if moment.tzinfo is None:  # SQLite's aggregate returns the stored naive UTC value
        moment = moment.replace(tzinfo=UTC)
    return to_user_timezone(moment).date()


def running(dossier: Dossier) -> bool:
    return dossier.registration_type is RegistrationType.RE_EVALUATION and dossier.state in RUNNING


def clocks_of(dossiers: Iterable[Dossier], today: date) -> dict[int, EvaluationClock]:
    """The Điều 7.6.g clock of each re-evaluation dossier awaiting the council's conclusion."""
    waiting = [d for d in dossiers if running(d)]
    clocks = {}
    for dossier_id, received in arrivals_of(waiting).items():
        dossier = next(d for d in waiting if d.id == dossier_id)
        clock = re_evaluation_clock(received, load_rulebook(dossier.round.rulebook_code), today)
        if clock is not None:
            clocks[dossier_id] = clock
    return clocks


def clock_lines(dossiers: Iterable[Dossier], today: date) -> dict[int, tuple[str, str]]:
    return {dossier_id: clock_line(c) for dossier_id, c in clocks_of(dossiers, today).items()}


def count_overdue(unit_id: int, today: date) -> int:
    """The unit's re-evaluation dossiers past the 45 days of Điều 7.6.g (the secretariat's home)."""
    dossiers = db.session.scalars(
        select(Dossier)
        .join(Dossier.round)
        .where(
            EvaluationRound.unit_id == unit_id,
            Dossier.registration_type == RegistrationType.RE_EVALUATION,
            Dossier.state.in_(RUNNING),
        )
        .options(selectinload(Dossier.round))
    )
    return sum(1 for clock in clocks_of(list(dossiers), today).values() if clock.overdue)


def clock_line(clock: EvaluationClock) -> tuple[str, str]:
    """ "Còn 12 ngày (hạn 30/12/2026, Điều 7.6.g)" or "Quá hạn 3 ngày (…)", with its colour."""
    deadline = f"{clock.deadline:%d/%m/%Y}"
    if clock.overdue:
        text = _("Quá hạn %(n)d ngày (hạn %(day)s, Điều 7.6.g)", n=clock.overdue_days, day=deadline)
        return text, "danger"
    if clock.days_left == 0:
        return _("Hôm nay là ngày cuối (hạn %(day)s, Điều 7.6.g)", day=deadline), "danger"
    text = _("Còn %(n)d ngày (hạn %(day)s, Điều 7.6.g)", n=clock.days_left, day=deadline)
    return text, "warning" if clock.days_left <= 7 else "info"


# --- the window shown on the new-dossier form (Điều 7.6.a) -------------------------------------


def window_line(certificate, rulebook: Rulebook) -> str | None:
    """ "Hồ sơ đánh giá lại nộp từ 15/06/2027 đến 14/08/2027 (Điều 7.6.a)" for `certificate`
    under `rulebook`, with the late filing of Điều 12.3 when it applies; None without a window."""
    window = filing_window(certificate.expires_on, rulebook)
    if window is None:
        return None
    line = _(
        "Hồ sơ đánh giá lại nộp từ %(opens)s đến %(closes)s (Điều 7.6.a)",
        opens=f"{window.opens_on:%d/%m/%Y}",
        closes=f"{window.closes_on:%d/%m/%Y}",
    )
    if late_filing_covered(certificate.expires_on, rulebook):
        line += _(
            "; được nộp muộn đến hết ngày %(expiry)s (Điều 12.3).",
            expiry=f"{certificate.expires_on:%d/%m/%Y}",
        )
    return line


def window_lines(certificates, rulebooks: list[Rulebook]) -> list[tuple[str, str]]:
    """(certificate number, window line) for each of the producer's certificates, under the
    first of the open rounds' rulebooks that sets a window."""
    rulebook = next((r for r in rulebooks if r.certificate.refile_from_days is not None), None)
    if rulebook is None:
        return []
    lines = ((c.number, window_line(c, rulebook)) for c in certificates)
    return [(number, line) for number, line in lines if line]
