"""A certificate's life after issue: the reminder before it expires and the notice when it has.

Expiry needs no job: `certificate_status` says "expired" from the day after `expires_on`, on
every page at once. What needs a job is telling the producer: `send_expiry_reminders` (run daily,
and by `flask certificates remind`) writes to the producer organisation's users once, on or after
the rulebook's reminder date (30 days before expiry), with a link that starts the re-evaluation
dossier; `send_expiry_notices` tells them once that it has expired. Both are idempotent and
never commit (the task and the command do).
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, select

from evalapp.auth.models import User
from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.certificates.queries import status_condition
from evalapp.certificates.validity import certificate_rules, with_validity_note
from evalapp.common import audit
from evalapp.common.audit import AuditEntry
from evalapp.common.jobs import crontab, periodic_app_task
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.rules import list_rulebooks, reminder_date

EXPIRY_NOTICE = "certificate.expiry_notice_sent"
EXPIRY_NOTICE_WINDOW = timedelta(days=30)  # a notice missed for longer is no longer news


def is_due_for_reminder(certificate: Certificate, today: date) -> bool:
    """Still valid today, not yet reminded, and the rulebook's reminder date has come."""
    return (
        certificate.reminder_sent_at is None
        and certificate_status(certificate, today) is CertificateStatus.VALID
        and reminder_date(certificate.expires_on, certificate_rules(certificate.rulebook_code))
        <= today
    )


def due_for_reminder(today: date) -> list[Certificate]:
    longest = max((r.certificate.reminder_days for r in list_rulebooks()), default=30)
    candidates = db.session.scalars(
        select(Certificate)
        .where(
            Certificate.reminder_sent_at.is_(None),
            status_condition(CertificateStatus.VALID, today),
            Certificate.expires_on <= today + timedelta(days=longest),
        )
        .order_by(Certificate.expires_on, Certificate.id)
        .with_for_update(skip_locked=True)
    )
    return [certificate for certificate in candidates if is_due_for_reminder(certificate, today)]


def producers_of(certificate: Certificate) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.organisation_id == certificate.organisation_id))
    )


def renewal_link(certificate: Certificate) -> str:
    """The producer's new-dossier form, set for a re-evaluation of this certificate."""
    return absolute_url(
        "dossiers.new", registration_type="re_evaluation", previous_certificate=certificate.number
    )


def send_expiry_reminders(today: date) -> list[Certificate]:
    """Remind the producers of every certificate due (see `is_due_for_reminder`) and mark it."""
    due = due_for_reminder(today)
    for certificate in due:
        notify(
            producers_of(certificate),
            _l("Giấy chứng nhận OCOP sắp hết hiệu lực"),
            with_validity_note(
                _l(
                    "Giấy chứng nhận OCOP số %(number)s của sản phẩm %(product)s còn hiệu lực "
                    "đến hết ngày %(day)s. Để giữ hạng sao, hãy nộp hồ sơ đánh giá lại trước ngày "
                    "đó (đường dẫn dưới đây mở hồ sơ mới, đã điền sẵn số giấy chứng nhận).",
                    number=certificate.number,
                    product=certificate.product_name,
                    day=f"{certificate.expires_on:%d/%m/%Y}",
                ),
                certificate,
            ),
            renewal_link(certificate),
        )
        certificate.reminder_sent_at = utcnow()
        audit.record(
            "certificate.reminder_sent",
            certificate,
            after={"expires_on": certificate.expires_on.isoformat()},
        )
    return due


def due_for_expiry_notice(today: date) -> list[Certificate]:
    """Expired (not revoked nor replaced) within the window, and not yet told."""
    noticed = exists().where(
        and_(
            AuditEntry.action == EXPIRY_NOTICE,
            AuditEntry.object_type == Certificate.__name__,
            AuditEntry.object_id == db.func.cast(Certificate.id, db.String),
        )
    )
    candidates = db.session.scalars(
        select(Certificate)
        .where(
            Certificate.expires_on < today,
            Certificate.expires_on >= today - EXPIRY_NOTICE_WINDOW,
            ~noticed,
        )
        .order_by(Certificate.expires_on, Certificate.id)
    )
    return [c for c in candidates if certificate_status(c, today) is CertificateStatus.EXPIRED]


def send_expiry_notices(today: date) -> list[Certificate]:
    """Tell the producers once that their certificate has expired."""
    due = due_for_expiry_notice(today)
    for certificate in due:
        notify(
            producers_of(certificate),
            _l("Giấy chứng nhận OCOP đã hết hiệu lực"),
            with_validity_note(
                _l(
                    "Giấy chứng nhận OCOP số %(number)s của sản phẩm %(product)s đã hết hiệu lực "
                    "từ ngày %(day)s. Sản phẩm không còn được sử dụng hạng sao OCOP cho đến khi "
                    "được đánh giá lại.",
                    number=certificate.number,
                    product=certificate.product_name,
                    day=f"{certificate.expires_on + timedelta(days=1):%d/%m/%Y}",
                ),
                certificate,
            ),
            renewal_link(certificate),
        )
        audit.record(EXPIRY_NOTICE, certificate, after={"expired_on": today.isoformat()})
    return due


@periodic_app_task(crontab(hour="1", minute="0"))
def daily_certificate_lifecycle() -> None:
    """Every morning (01:00 UTC, 08:00 in Vietnam): reminders and expiry notices."""
    today = local_today()
    send_expiry_reminders(today)
    send_expiry_notices(today)
    db.session.commit()
