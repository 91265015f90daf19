"""A council's finalised result of a dossier, its reopening, its forwarding to the next level, and
the decision (quyết định phê duyệt kết quả) that publishes results."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.councils.models import AgendaItem
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound
from evalapp.units.models import AdministrativeUnit


class ResultState(enum.StrEnum):
    FINALISED = "finalised"
    REOPENED = "reopened"


class FinalResult(db.Model):
    """The result the council adopted for one dossier of one session, frozen at finalisation.

    Every figure is copied from the rules core's `ProductResult` with the rulebook and the
    signed sheets it was computed from, so the record never changes when a rulebook does.
    A reopened result stays for the record (state REOPENED) and a new row is finalised.
    `sheets` lists the frozen sheets by member number: {"sheet_id", "member_number",
    "total", "parts"}; members' names are never stored here.
    """

    __tablename__ = "final_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"), index=True)
    state: Mapped[ResultState] = mapped_column(
        enum_column(ResultState, 16), default=ResultState.FINALISED, index=True
    )
    rulebook_code: Mapped[str] = mapped_column(String(40))
    sheet_code: Mapped[str] = mapped_column(String(60))
    # The sheet version the result was computed on (the dossier's), kept with the record.
    sheet_version_id: Mapped[int | None] = mapped_column(ForeignKey("sheet_versions.id"))
    level_code: Mapped[str] = mapped_column(String(20))
    scoring_round: Mapped[int]
    member_count: Mapped[int]
    score: Mapped[Decimal] = mapped_column(Numeric(6, 2))
    part_scores: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # rules.Outcome value: classified, not_classified, excluded, stopped
    outcome: Mapped[str] = mapped_column(String(20))
    stars: Mapped[int | None]
    earns_certificate: Mapped[bool] = mapped_column(default=False)
    # band, unmet conditions, knock-outs, stops, dismissed criteria (plain JSON values)
    classification: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # spread, median, stdev, per-criterion stats, class-changing sheets (by member number)
    statistics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    sheets: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # The council's conclusion in words, and the reason when a knock-out or stop is confirmed.
    conclusion: Mapped[str] = mapped_column(Text, default="")
    knockout_reason: Mapped[str] = mapped_column(Text, default="")
    finalised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    finalised_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The decision that approved (published) this result, once issued.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("result_decisions.id"), index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)

    item: Mapped[AgendaItem] = relationship()
    dossier: Mapped[Dossier] = relationship()
    round: Mapped[EvaluationRound] = relationship()
    decision: Mapped[ResultDecision | None] = relationship(back_populates="results")
    reopenings: Mapped[list[ResultReopening]] = relationship(
        back_populates="result", order_by="ResultReopening.id"
    )
    # The certificate issued on this result, if any: a later feature's table, named here, never
    # imported (docs/PACKAGES.md).
    certificate = relationship("Certificate", viewonly=True, uselist=False)
    # The written notice of this result (26/2026 Điều 7.3.g, 7.4.g), once sent: also a later
    # feature's table (`notices`), named here, never imported.
    notice = relationship("ResultNotice", viewonly=True, uselist=False)
    # The approval of a result from 90 points and its proposal to the ministry (26/2026
    # Điều 7.3.e), if any: a later feature's table (`proposals`), named here.
    five_star_proposal = relationship("FiveStarProposal", viewonly=True, uselist=False)

    @property
    def is_current(self) -> bool:
        return self.state is ResultState.FINALISED

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class ReopeningState(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class ResultReopening(db.Model):
    """Reopening a finalised result takes two people, the chair and the secretary: one asks
    with a written reason, the other approves."""

    __tablename__ = "result_reopenings"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("final_results.id"), index=True)
    state: Mapped[ReopeningState] = mapped_column(
        enum_column(ReopeningState, 16), default=ReopeningState.REQUESTED
    )
    reason: Mapped[str] = mapped_column(Text)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    result: Mapped[FinalResult] = relationship(back_populates="reopenings")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])


class Forwarding(db.Model):
    """A product proposed to the next level (district → province, province → central), carrying
    the dossier, the sheets and the result: `dossier_id` is the new dossier on the receiving
    secretariat's intake queue."""

    __tablename__ = "forwardings"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("final_results.id"), unique=True)
    from_unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"))
    to_unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    to_level: Mapped[str] = mapped_column(String(20))
    to_round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    forwarded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    forwarded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    result: Mapped[FinalResult] = relationship()
    from_unit: Mapped[AdministrativeUnit] = relationship(foreign_keys=[from_unit_id])
    to_unit: Mapped[AdministrativeUnit] = relationship(foreign_keys=[to_unit_id])
    to_round: Mapped[EvaluationRound] = relationship()
    dossier: Mapped[Dossier] = relationship()


class DecisionState(enum.StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"

    @property
    def label(self) -> str:
        return str(DECISION_STATE_LABELS[self])


DECISION_STATE_LABELS = {
    DecisionState.DRAFT: _l("Dự thảo"),
    DecisionState.ISSUED: _l("Đã ban hành"),
}


class ResultDecision(db.Model):
    """The People's Committee's decision approving a round's results (with the annex of products,
    producers, addresses and star classes). Drafted by the secretariat; once it is recorded as
    issued (number and signing date), its results are published and its certificates may be
    printed."""

    __tablename__ = "result_decisions"
    __table_args__ = (UniqueConstraint("unit_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    state: Mapped[DecisionState] = mapped_column(
        enum_column(DecisionState, 16), default=DecisionState.DRAFT
    )
    # "123/QĐ-UBND"; unique per unit once given (NULL while the draft has none).
    number: Mapped[str | None] = mapped_column(String(60))
    signed_on: Mapped[date | None]
    issuing_body: Mapped[str] = mapped_column(String(255))  # ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
    place: Mapped[str] = mapped_column(String(100))  # the place of the place-date line
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)

    round: Mapped[EvaluationRound] = relationship()
    unit: Mapped[AdministrativeUnit] = relationship()
    results: Mapped[list[FinalResult]] = relationship(
        back_populates="decision", order_by="FinalResult.id"
    )

    @property
    def is_issued(self) -> bool:
        return self.state is DecisionState.ISSUED
