"""Result verbs: finalising a council's result, reopening it (two people), forwarding the product to
the next level, publishing it with the result decision. Services never commit.

A finalised result freezes every figure of the rules core's `ProductResult` with the rulebook,
the sheet and the signed sheets (by member number, never by name), so nothing printed later
changes when a sheet, a rulebook or a member changes.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import DossierState
from evalapp.dossiers.services import producer_users, record_event
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results.models import FinalResult, ResultDecision


class ResultsError(ValueError):
    """A finalisation, reopening, forwarding or publication that cannot be done now; the message
    is for the user."""


def publish_result(result: FinalResult, decision: ResultDecision, actor: User | None) -> None:
    """The issued result decision approves `result`: the producer may now see its outcome.

    Refuses a reopened result (a newer one replaces it) and one already published."""
    if not result.is_current:
        raise ResultsError(
            _("Kết quả của hồ sơ %(code)s đã được mở lại; không thể công bố.", code=code_of(result))
        )
    if result.is_published:
        raise ResultsError(_("Kết quả của hồ sơ %(code)s đã được công bố.", code=code_of(result)))
    result.decision, result.published_at = decision, utcnow()
    db.session.flush()
    record_event(
        result.dossier,
        "result_published",
        actor,
        to_state=DossierState.PUBLISHED,
        details={"result_id": result.id, "decision": decision.number or ""},
    )
    audit.record(
        "result.published",
        result,
        actor=actor,
        after={"decision_id": decision.id, "number": decision.number},
    )
    notify(
        producer_users(result.dossier),
        _l("Đã công bố kết quả đánh giá OCOP"),
        _l(
            "Kết quả đánh giá sản phẩm %(product)s đã được công bố theo Quyết định số "
            "%(number)s. Xem hạng sao và gợi ý cải thiện.",
            product=result.dossier.product.name,
            number=decision.number or "",
        ),
        absolute_url("results.outcome", dossier_id=result.dossier_id),
    )


def code_of(result: FinalResult) -> str:
    return result.dossier.receipt_code or str(result.dossier_id)
