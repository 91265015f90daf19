"""The secretariat's own supplement deadline (26/2026 sets none): optional, today at the earliest
and not after the round's scoring, told in the e-mail, the notification and the producer's pages,
cleared on resubmission, counted as overdue on the home queue; a late supplement is received."""

from datetime import timedelta

import pytest

from evalapp.common.mail import outbox_messages
from evalapp.common.time import local_today
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.integration.dossiers.conftest import pdf_file, submitted
from tests.integration.dossiers.test_intake import accept_all, check_items
from tests.integration.home.test_queues import card

REASON = "Thiếu chữ ký của giám đốc"
NO_DEADLINE = (
    "Cơ quan thường trực không đặt hạn nộp bổ sung (Quyết định 26/2026/QĐ-TTg không quy định "
    "thời hạn)."
)


def deadline_line(day) -> str:
    return (
        f"Hạn nộp bổ sung: {day:%d/%m/%Y} — do cơ quan thường trực đặt; Quyết định 26/2026/QĐ-TTg "
        "không quy định thời hạn."
    )


@pytest.fixture
def checked(kim_son, login):
    """A received dossier with one item marked for correction, and the secretary's client."""
    dossier = submitted(kim_son)
    secretary = login(kim_son.secretary)
    secretary.post(f"/dossiers/{dossier.id}/receive")
    check_items(
        secretary, dossier, accept_all(kim_son) | {"phieu_dang_ky": ("needs_correction", REASON)}
    )
    return dossier, secretary


def ask(client, dossier, due_on: str, message: str = "Vui lòng bổ sung sớm"):
    return client.post(
        f"/dossiers/{dossier.id}/supplement",
        data={"message": message, "due_on": due_on},
        follow_redirects=True,
    )


def supplement_mail(app):
    [mail] = [m for m in outbox_messages(app) if "bổ sung" in m["Subject"]]
    return mail.get_content()


def test_a_deadline_of_today_is_told_everywhere_the_producer_looks(app, kim_son, login, checked):
    dossier, secretary = checked
    today = local_today()
    response = ask(secretary, dossier, f"{today:%d/%m/%Y}")
    assert "Đã gửi yêu cầu bổ sung cho chủ thể." in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.NEEDS_SUPPLEMENT and dossier.supplement_due_on == today

    body = supplement_mail(app)
    assert REASON in body and deadline_line(today) in body
    notification = db.session.query(Notification).filter_by(user_id=kim_son.producer.id).all()
    assert any(deadline_line(today) in n.body for n in notification)
    producer = login(kim_son.producer)
    workspace = producer.get(f"/dossiers/{dossier.id}/edit").text
    banner = workspace.split('id="supplement-request"')[1].split("</div>")[0]
    assert REASON in banner and deadline_line(today) in banner
    status = producer.get(f"/dossiers/{dossier.id}").text
    assert 'id="supplement-due"' in status and deadline_line(today) in status


def test_without_a_deadline_the_mail_says_none_was_set(app, kim_son, login, checked):
    dossier, secretary = checked
    ask(secretary, dossier, "")
    db.session.refresh(dossier)
    assert dossier.state is DossierState.NEEDS_SUPPLEMENT and dossier.supplement_due_on is None
    assert NO_DEADLINE in supplement_mail(app)
    workspace = login(kim_son.producer).get(f"/dossiers/{dossier.id}/edit").text
    assert NO_DEADLINE in workspace


@pytest.mark.parametrize(
    ("days_from_today", "message"),
    [
        (-1, "Hạn nộp bổ sung không được trước hôm nay ({today})."),
        ("after_scoring", "Hạn nộp bổ sung không được sau ngày kết thúc chấm điểm của đợt"),
    ],
)
def test_a_deadline_before_today_or_after_the_rounds_scoring_is_refused(
    app, checked, days_from_today, message
):
    dossier, secretary = checked
    today = local_today()
    last = dossier.round.scoring_ends_on
    day = last + timedelta(days=1) if days_from_today == "after_scoring" else today - timedelta(1)
    response = ask(secretary, dossier, f"{day:%d/%m/%Y}", message="Lời nhắn giữ lại")
    assert response.status_code == 400
    assert message.format(today=f"{today:%d/%m/%Y}") in response.text
    # Nothing typed is lost, nothing is sent.
    assert f'value="{day:%d/%m/%Y}"' in response.text and "Lời nhắn giữ lại" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.RECEIVED and dossier.supplement_due_on is None
    assert not [m for m in outbox_messages(app) if "bổ sung" in m["Subject"]]


def test_the_rounds_last_scoring_day_is_still_allowed(checked):
    dossier, secretary = checked
    last = dossier.round.scoring_ends_on
    assert "Đã gửi yêu cầu bổ sung" in ask(secretary, dossier, f"{last:%d/%m/%Y}").text


def test_a_day_that_does_not_exist_is_refused_in_vietnamese(checked):
    dossier, secretary = checked
    response = ask(secretary, dossier, "31/02/2026")
    assert response.status_code == 400
    assert "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy." in response.text
    assert 'value="31/02/2026"' in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.RECEIVED


def test_a_late_supplement_is_received_and_clears_the_deadline(kim_son, login, checked):
    dossier, secretary = checked
    ask(secretary, dossier, f"{local_today():%d/%m/%Y}")
    db.session.refresh(dossier)
    dossier.supplement_due_on = local_today() - timedelta(days=3)  # the day has passed
    db.session.commit()
    producer = login(kim_son.producer)
    producer.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": "phieu_dang_ky", "files": [pdf_file("Phiếu đăng ký có chữ ký.pdf")]},
        content_type="multipart/form-data",
    )
    response = producer.post(f"/dossiers/{dossier.id}/resubmit", follow_redirects=True)
    assert "Đã gửi hồ sơ đã bổ sung." in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUPPLEMENTED and dossier.supplement_due_on is None


@pytest.mark.parametrize(("days", "overdue"), [(0, False), (-1, True)])
def test_the_home_queue_counts_supplements_past_their_deadline(
    kim_son, login, checked, days, overdue
):
    """A deadline of today is not overdue; one of yesterday is."""
    dossier, secretary = checked
    ask(secretary, dossier, f"{local_today():%d/%m/%Y}")
    db.session.refresh(dossier)
    due = local_today() + timedelta(days=days)
    dossier.supplement_due_on = due
    db.session.commit()
    for client in (secretary, login(kim_son.producer)):
        line = card(client.get("/").text, "supplement")
        assert "Hạn nộp bổ sung do cơ quan thường trực đặt" in line
        assert f"{due:%d/%m/%Y} · " + ("quá hạn 1 ngày" if overdue else "hôm nay là hạn cuối") in (
            line
        )
        assert ("1 hồ sơ quá hạn" in line) is overdue
