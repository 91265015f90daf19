"""The stamp of a session's documents: a SHA-256 over every value the minutes and the score table
print, read in a fixed handful of plain SQL rows (no scoring, no ORM objects; the sheets and the
declarations, nine a dossier, as sums), and over the templates and format they are printed with. A built document is served again while its session's
stamp stays the same: a signed sheet, a finalised or reopened result, an attendance, a declaration,
a renamed product or member, an edited template gives another stamp and so a fresh document.

The documents are always printed in Vietnamese, so the reader's language is not part of it. The
names of the units above a producer's commune are not read (a commune renamed after the session
keeps the documents already built until something else changes).
"""

from __future__ import annotations

import functools
import hashlib

from flask import current_app
from sqlalchemy import case, func, select

from evalapp.auth.models import User
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    MeetingRequest,
)
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.producers.models import Organisation, Product
from evalapp.results.models import FinalResult
from evalapp.rounds.models import EvaluationRound
from evalapp.scoring.models import ScoreSheet
from evalapp.units.models import AdministrativeUnit

# Raise when `reports.documents` changes what it writes, so documents built before are rebuilt.
FORMAT = "2026-12-04"
TEMPLATES = ("reports/minutes_pdf.html", "reports/_document.html")


def session_rows(session_id: int):
    return (
        select(
            CouncilSession.title,
            CouncilSession.starts_at,
            CouncilSession.place,
            CouncilSession.is_online,
            CouncilSession.state,
            CouncilSession.mode,
            CouncilSession.opened_at,
            CouncilSession.closed_at,
            Council.id,
            Council.name,
            Council.decision_number,
            Council.decision_date,
            EvaluationRound.rulebook_code,
            EvaluationRound.level_code,
            AdministrativeUnit.name,
        )
        .join(Council, Council.id == CouncilSession.council_id)
        .join(EvaluationRound, EvaluationRound.id == Council.round_id)
        .join(AdministrativeUnit, AdministrativeUnit.id == EvaluationRound.unit_id)
        .where(CouncilSession.id == session_id)
    )


def agenda_rows(session_id: int):
    return (
        select(
            AgendaItem.id,
            AgendaItem.position,
            AgendaItem.scoring_round,
            AgendaItem.convened_at,
            Dossier.receipt_code,
            Dossier.sheet_code,
            Dossier.sheet_version_id,
            Product.name,
            Organisation.name,
            Organisation.address,
            Organisation.commune_id,
        )
        .join(Dossier, Dossier.id == AgendaItem.dossier_id)
        .join(Product, Product.id == Dossier.product_id)
        .join(Organisation, Organisation.id == Dossier.organisation_id)
        .where(AgendaItem.session_id == session_id)
        .order_by(AgendaItem.position, AgendaItem.id)
    )


def of_agenda(model, session_id: int, *columns):
    """`columns` of `model`'s rows on the session's agenda (joined by `item_id`), in id order."""
    return on_agenda(model, session_id, *columns).order_by(model.id)


def on_agenda(model, session_id: int, *columns):
    return (
        select(*columns)
        .join(AgendaItem, AgendaItem.id == model.item_id)
        .where(AgendaItem.session_id == session_id)
    )


def sheet_rows(session_id: int):
    """The session's sheets in one row: every change of a sheet raises its `version` (the
    mapper's version counter) and so these sums; a sheet added or removed changes the count."""
    s = ScoreSheet
    return on_agenda(
        s,
        session_id,
        func.count(s.id),
        func.sum(s.id),
        func.max(s.id),
        func.sum(s.version),
        func.sum(s.id * s.version),
    )


def result_rows(session_id: int):
    r = FinalResult
    return of_agenda(
        r,
        session_id,
        r.id,
        r.item_id,
        r.state,
        r.scoring_round,
        r.score,
        r.stars,
        r.outcome,
        r.conclusion,
        r.knockout_reason,
        r.finalised_at,
        r.reopened_at,
    )


def declaration_rows(session_id: int):
    """The declarations in one row: which exist, and which of them declare a conflict."""
    d = ConflictDeclaration
    conflicted = case((d.has_conflict, d.id), else_=0)
    return on_agenda(
        d, session_id, func.count(d.id), func.sum(d.id), func.max(d.id), func.sum(conflicted)
    )


def request_rows(session_id: int):
    m = MeetingRequest
    return of_agenda(m, session_id, m.id, m.item_id, m.member_id, m.reason, m.requested_at)


def member_rows(session_id: int):
    return (
        select(CouncilMember.id, CouncilMember.number, CouncilMember.position, User.full_name)
        .join(User, User.id == CouncilMember.user_id)
        .join(CouncilSession, CouncilSession.council_id == CouncilMember.council_id)
        .where(CouncilSession.id == session_id)
        .order_by(CouncilMember.id)
    )


def attendance_rows(session_id: int):
    return (
        select(Attendance.id, Attendance.member_id, Attendance.present)
        .where(Attendance.session_id == session_id)
        .order_by(Attendance.id)
    )


QUERIES = (
    session_rows,
    agenda_rows,
    sheet_rows,
    result_rows,
    declaration_rows,
    request_rows,
    member_rows,
    attendance_rows,
)


@functools.cache
def template_digest(loader_id: int, names: tuple[str, ...]) -> bytes:
    env = current_app.jinja_env
    digest = hashlib.sha256(FORMAT.encode())
    for name in names:
        source, _, _ = env.loader.get_source(env, name)
        digest.update(source.encode())
    return digest.digest()


def session_stamp(session_id: int) -> str:
    """The stamp (64 hex digits) of what the session's documents print now, in len(QUERIES)
    queries whatever the size of the agenda."""
    digest = hashlib.sha256(template_digest(id(current_app.jinja_loader), TEMPLATES))
    for query in QUERIES:
        rows = db.session.execute(query(session_id)).all()
        digest.update(repr([tuple(row) for row in rows]).encode())
    return digest.hexdigest()
