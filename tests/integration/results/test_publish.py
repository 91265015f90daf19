"""Publishing a finalised result with the issued result decision (helper B's decision calls it)."""

import pytest
from sqlalchemy import select

from evalapp.common.audit import AuditEntry
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.results.models import ResultState
from evalapp.results.services import ResultsError, publish_result
from tests.factories import make_decision, make_final_result, make_producer


def test_publishing_moves_the_dossier_and_tells_the_producer(meeting):
    producer = make_producer(meeting.item.dossier.organisation)
    result = make_final_result(meeting.item, "72.50", 4)
    decision = make_decision(meeting.council.round, issued=False, number="15/QĐ-UBND")
    publish_result(result, decision, meeting.secretary.user)
    db.session.commit()

    dossier = result.dossier
    assert result.decision_id == decision.id and result.published_at is not None
    assert dossier.state is DossierState.PUBLISHED
    assert dossier.events[-1].action == "result_published"
    note = db.session.scalars(select(Notification).where(Notification.user_id == producer.id)).one()
    assert "15/QĐ-UBND" in note.body
    assert note.link == f"/results/dossiers/{dossier.id}"
    assert db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "result.published")
    ).one()


def test_a_published_or_reopened_result_is_not_published_again(meeting):
    result = make_final_result(meeting.item, "72.50", 4)
    decision = make_decision(meeting.council.round, issued=False)
    publish_result(result, decision, None)
    with pytest.raises(ResultsError, match="đã được công bố"):
        publish_result(result, decision, None)

    result.published_at, result.state = None, ResultState.REOPENED
    with pytest.raises(ResultsError, match="mở lại"):
        publish_result(result, decision, None)
