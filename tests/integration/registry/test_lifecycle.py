"""Reminders before expiry (once, from the rulebook's reminder date) and the expiry notice.

The reminder date is that of the rulebooks before 26/2026 (in force until 21/5/2026); the
filing window of 26/2026 is tested in `test_re_evaluation_reminders`."""

from datetime import date, timedelta

from sqlalchemy import select

from evalapp.certificates.lifecycle import (
    daily_certificate_lifecycle,
    send_expiry_notices,
    send_expiry_reminders,
)
from evalapp.common.mail import outbox_messages
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.factories import make_organisation, make_producer

EXPIRES = date(2026, 1, 9)
REMINDER_DAY = EXPIRES - timedelta(days=30)  # 148 and 1489 in force: 30 days before expiry


def notifications_of(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def test_no_reminder_the_day_before_the_reminder_date(app, issuer):
    certificate = issuer.certificate(expires_on=EXPIRES)
    assert send_expiry_reminders(REMINDER_DAY - timedelta(days=1)) == []
    assert certificate.reminder_sent_at is None


def test_reminded_once_on_the_reminder_date_with_a_link_to_re_evaluate(app, issuer):
    organisation = make_organisation(name="Hợp tác xã Cói Kim Sơn")
    producers = [make_producer(organisation), make_producer(organisation)]
    outsider = make_producer()
    certificate = issuer.certificate(organisation, product_name="Thảm cói", expires_on=EXPIRES)
    assert send_expiry_reminders(REMINDER_DAY) == [certificate]
    db.session.commit()
    assert certificate.reminder_sent_at is not None
    for producer in producers:
        [notice] = notifications_of(producer)
        assert notice.subject == "Giấy chứng nhận OCOP sắp hết hiệu lực"
        assert certificate.number in notice.body and "Thảm cói" in notice.body
        assert "09/01/2026" in notice.body
        assert notice.link.startswith("/dossiers/new?registration_type=re_evaluation")
        assert "previous_certificate=" in notice.link
    assert notifications_of(outsider) == []
    mails = [m for m in outbox_messages(app) if m["To"] == producers[0].email]
    assert "registration_type=re_evaluation" in mails[0].get_content()
    assert "previous_certificate=" in mails[0].get_content()
    assert send_expiry_reminders(REMINDER_DAY) == []
    assert send_expiry_reminders(REMINDER_DAY + timedelta(days=3)) == []
    assert len(notifications_of(producers[0])) == 1


def test_a_missed_day_is_caught_up_but_an_expired_certificate_gets_no_reminder(app, issuer):
    late = issuer.certificate(expires_on=EXPIRES)
    gone = issuer.certificate(expires_on=EXPIRES - timedelta(days=20))
    assert send_expiry_reminders(EXPIRES - timedelta(days=19)) == [late]
    assert gone.reminder_sent_at is None


def test_revoked_or_replaced_certificates_get_no_reminder(app, issuer):
    new = issuer.certificate(expires_on=EXPIRES + timedelta(days=1000))
    issuer.certificate(expires_on=EXPIRES, superseded_by_id=new.id)
    issuer.certificate(expires_on=EXPIRES, revoked_on=REMINDER_DAY, revoked_reason="Vi phạm")
    assert send_expiry_reminders(REMINDER_DAY) == []


def test_the_expiry_notice_is_sent_once_after_expiry(app, issuer):
    producer = make_producer()
    certificate = issuer.certificate(producer.organisation, expires_on=EXPIRES)
    assert send_expiry_notices(EXPIRES) == []
    assert send_expiry_notices(EXPIRES + timedelta(days=1)) == [certificate]
    db.session.commit()
    assert send_expiry_notices(EXPIRES + timedelta(days=2)) == []
    [notice] = notifications_of(producer)
    assert notice.subject == "Giấy chứng nhận OCOP đã hết hiệu lực"
    assert "từ ngày 10/01/2026" in notice.body


def test_the_daily_job_runs_in_the_app(app, issuer):
    today = local_today()
    # 26/2026 in force: the reminder comes while the window of Điều 7.6.a is open.
    certificate = issuer.certificate(expires_on=today + timedelta(days=150))
    db.session.commit()
    daily_certificate_lifecycle.call_local()
    db.session.expire_all()
    assert certificate.reminder_sent_at is not None
