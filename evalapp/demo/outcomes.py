"""What councils' work becomes, through the results, reports and certificates services: results
finalised by the (acting) chair, products forwarded to the next level, the People's Committee's
result decision issued, certificates issued with it and one revoked by two people."""

from __future__ import annotations

from datetime import date, datetime

from evalapp.auth.models import User
from evalapp.certificates import services as certificates
from evalapp.certificates.models import Certificate
from evalapp.common import mail
from evalapp.common.i18n import format_score
from evalapp.councils.models import AgendaItem, CouncilSession
from evalapp.councils.services import quorum_for
from evalapp.demo.clock import DemoClock
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.reports import services as reports
from evalapp.results import services as results
from evalapp.results.forwarding import forward_result
from evalapp.results.live import live_result
from evalapp.results.models import FinalResult, ResultDecision
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import forwarding, load_rulebook


def finalise(session: CouncilSession, clock: DemoClock, at: datetime) -> list[FinalResult]:
    """The (acting) chair adopts each dossier's result with the council's conclusion."""
    clock.set(at)
    finalised = []
    for item in session.agenda:
        chair = quorum_for(item).acting_chair.user
        result = results.finalise_result(item, conclusion(item), {}, chair)
        result.is_demo = True
        finalised.append(result)
    return finalised


def conclusion(item: AgendaItem) -> str:
    """The council's conclusion in the words a secretary would minute."""
    product = live_result(item).product
    score, level = format_score(product.score), item.dossier.round.level_code
    if level != "district":
        return (
            f"Hội đồng thống nhất đề nghị UBND tỉnh công nhận sản phẩm đạt {product.stars} sao "
            f"({score} điểm)."
        )
    if forwards(item.dossier, product.score):
        return (
            f"Sản phẩm đạt {score} điểm; Hội đồng thống nhất đề xuất Hội đồng cấp tỉnh đánh giá, "
            f"công nhận sản phẩm {product.stars} sao."
        )
    return (
        f"Sản phẩm đạt {score} điểm, chưa đủ 50 điểm để đề xuất lên cấp tỉnh; đề nghị chủ thể "
        "hoàn thiện theo các gợi ý cải thiện và đăng ký lại."
    )


def forwards(dossier: Dossier, score) -> bool:
    rulebook = load_rulebook(dossier.round.rulebook_code)
    return forwarding(rulebook, dossier.round.level_code, score).forwarded


def forward(
    finalised: list[FinalResult], round_: EvaluationRound, clock: DemoClock, at: datetime, actor
) -> list[Dossier]:
    """The district secretary proposes every product at the forwarding score or above."""
    clock.set(at)
    carried = []
    for result in finalised:
        if forwards(result.dossier, result.score):
            forwarded = forward_result(result, round_, actor)
            forwarded.dossier.is_demo = True
            carried.append(forwarded.dossier)
    return carried


def issue_decision(
    round_: EvaluationRound,
    clock: DemoClock,
    *,
    drafted: datetime,
    number: str,
    signed_on: date,
    signer: User,
    secretary: User,
) -> ResultDecision:
    """Drafted by the secretariat with every finalised result of the round, signed by the
    People's Committee's vice-chair, recorded as issued (which publishes the results)."""
    clock.set(drafted)
    defaults = reports.default_values(round_)
    values = reports.DraftValues(
        issuing_body=defaults.issuing_body,
        place=defaults.place,
        signer_name=signer.full_name,
        signer_title=defaults.signer_title,
    )
    decision = reports.create_draft(round_, values, reports.candidate_results(round_), secretary)
    decision.is_demo = True
    clock.set(datetime(signed_on.year, signed_on.month, signed_on.day, 15, 0))
    reports.issue_decision(decision, number, signed_on, secretary)
    return decision


def issue_certificates(
    decision: ResultDecision, clock: DemoClock, at: datetime, secretary: User
) -> list[Certificate]:
    clock.set(at)
    # Taking a certificate number releases a savepoint, and `common.mail` delivers the queued
    # mail on a savepoint's commit event as on the transaction's: drop the replayed years' mail
    # before it would go out today (`services.settle_the_past` drops the rest).
    db.session.info.pop(mail.QUEUE_KEY, None)
    return certificates.issue_certificates(decision, secretary)


def revoke(
    certificate: Certificate,
    clock: DemoClock,
    *,
    asked: tuple[datetime, User],
    approved: tuple[datetime, User],
    reason: str,
    effective_on: date,
) -> None:
    """Two people: one asks with the reason, the other approves."""
    clock.set(asked[0])
    revocation = certificates.request_revocation(certificate, reason, effective_on, asked[1])
    clock.set(approved[0])
    certificates.decide_revocation(revocation, True, approved[1])
