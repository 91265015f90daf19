"""Under 26/2026 the producer is reminded of the re-evaluation window of Điều 7.6.a: once 30
days before it opens and once from the day it opens, instead of 30 days before expiry."""

from datetime import date, timedelta

from sqlalchemy import select

from evalapp.certificates.lifecycle import send_expiry_notices, send_expiry_reminders
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.factories import make_producer

EXPIRES = date(2027, 12, 12)  # window 15/06/2027–14/08/2027
OPENS = date(2027, 6, 15)
CLOSES = date(2027, 8, 14)


def notices(user) -> list[Notification]:
    return list(
        db.session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
        )
    )


def test_told_once_before_the_window_opens_and_once_when_it_opens(issuer):
    producer = make_producer()
    certificate = issuer.certificate(
        producer.organisation, product_name="Thảm cói", expires_on=EXPIRES
    )
    assert send_expiry_reminders(OPENS - timedelta(days=31)) == []
    assert send_expiry_reminders(OPENS - timedelta(days=30)) == [certificate]
    db.session.commit()
    assert send_expiry_reminders(OPENS - timedelta(days=29)) == []
    assert send_expiry_reminders(OPENS - timedelta(days=1)) == []
    [soon] = notices(producer)
    assert soon.subject == "Sắp đến thời gian nộp hồ sơ đánh giá lại sản phẩm OCOP"
    assert "từ ngày 15/06/2027 đến hết ngày 14/08/2027" in soon.body
    assert "Điều 7.6 Quyết định 26/2026/QĐ-TTg" in soon.body
    assert soon.link.startswith("/dossiers/new?registration_type=re_evaluation")
    assert certificate.reminder_sent_at is None

    assert send_expiry_reminders(OPENS) == [certificate]
    db.session.commit()
    assert certificate.reminder_sent_at is not None
    assert send_expiry_reminders(OPENS + timedelta(days=1)) == []
    assert send_expiry_reminders(EXPIRES - timedelta(days=30)) == []  # no more 30-day reminder
    [_soon, opened] = notices(producer)
    assert opened.subject == "Đã đến thời gian nộp hồ sơ đánh giá lại sản phẩm OCOP"
    assert "từ ngày 15/06/2027 đến hết ngày 14/08/2027" in opened.body
    assert "previous_certificate=" in opened.link


def test_a_missed_opening_is_caught_up_while_the_window_is_open_only(issuer):
    open_late = issuer.certificate(expires_on=EXPIRES)
    closed = issuer.certificate(expires_on=EXPIRES - timedelta(days=61))  # closed 14/6/2027
    assert send_expiry_reminders(CLOSES) == [open_late]
    assert closed.reminder_sent_at is None


def test_the_expiry_notice_is_kept(issuer):
    producer = make_producer()
    certificate = issuer.certificate(producer.organisation, expires_on=EXPIRES)
    assert send_expiry_notices(EXPIRES + timedelta(days=1)) == [certificate]


def test_a_window_closed_before_the_decision_is_reminded_of_the_late_filing(issuer):
    """Valid through 01/09/2026: its window (05/03–04/05/2026) closed before 26/2026 took effect
    on 22/5/2026; from that day the holder is told to file by the expiry day (Điều 12.3)."""
    producer = make_producer()
    certificate = issuer.certificate(producer.organisation, expires_on=date(2026, 9, 1))
    assert send_expiry_reminders(date(2026, 5, 22)) == [certificate]
    db.session.commit()
    [notice] = notices(producer)
    assert "theo Điều 12.3, hãy nộp hồ sơ đánh giá lại chậm nhất đến hết ngày 01/09/2026" in (
        notice.body
    )
    assert "từ 05/03/2026 đến 04/05/2026" in notice.body
