"""A certificate's life after issue: the reminders before it expires and the notice when it has.

Expiry needs no job: `certificate_status` says "expired" from the day after `expires_on`, on
every page at once. What needs a job is telling the producer: `send_expiry_reminders` (run daily,
and by `flask certificates remind`) writes to the producer organisation's users, with a link that
starts the re-evaluation dossier; `send_expiry_notices` tells them once that it has expired. Both
are idempotent and never commit (the task and the command do).

Which reminders depends on the rulebook in force on the day (the one a re-evaluation filed that
day falls under). Under 26/2026 a re-evaluation is filed only in the window of Điều 7.6.a (from
the 180th to the 120th day before expiry, `rules.filing_window`), so the producer is told twice,
each time once: `reminder_days` (30) days before the window opens (the text is silent on this
notice; the app keeps the rulebook's 30 days, recorded as the audit action
`WINDOW_SOON`), and from the day the window opens while a filing is still allowed (marked by
`reminder_sent_at`). Under the earlier rulebooks, which set no window, the one reminder comes on
the rulebook's reminder date (30 days before expiry), as before.
"""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, exists, select

from evalapp.auth.models import User
from evalapp.certificates.extension import status_reader
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
from evalapp.rules import (
    FilingWindow,
    Rulebook,
    filing_window,
    list_rulebooks,
    may_file_on,
    reminder_date,
    rulebook_for_date,
)

EXPIRY_NOTICE = "certificate.expiry_notice_sent"
WINDOW_SOON = "certificate.window_reminder_sent"
EXPIRY_NOTICE_WINDOW = timedelta(days=30)  # a notice missed for longer is no longer news


def filing_rules(today: date) -> Rulebook | None:
    """The rulebook a re-evaluation filed on `today` falls under."""
    try:
        return rulebook_for_date(today)
    except LookupError:
        return None


def window_on(certificate: Certificate, today: date) -> FilingWindow | None:
    rulebook = filing_rules(today)
    return None if rulebook is None else filing_window(certificate.expires_on, rulebook)


def is_due_for_reminder(certificate: Certificate, today: date) -> bool:
    """Still valid today and not yet reminded; under a filing window, the window is open (or a
    late filing of Điều 12.3 still allowed); otherwise the rulebook's reminder date has come."""
    if (
        certificate.reminder_sent_at is not None
        or certificate_status(certificate, today) is not CertificateStatus.VALID
    ):
        return False
    window = window_on(certificate, today)
    if window is not None:
        return window.opens_on <= today and may_file_on(
            certificate.expires_on, filing_rules(today), today
        )
    return (
        reminder_date(certificate.expires_on, certificate_rules(certificate.rulebook_code)) <= today
    )


def longest_lead() -> int:
    """The most days before expiry any reminder comes (the window's opening, or the reminder
    date, whichever is earlier, plus the notice before the window)."""
    return max(
        (
            (r.certificate.refile_from_days or 0) + r.certificate.reminder_days
            for r in list_rulebooks()
        ),
        default=30,
    )


def due_for_reminder(today: date) -> list[Certificate]:
    longest = longest_lead()
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


def window_text(certificate: Certificate, window: FilingWindow, today: date):
    rulebook = filing_rules(today)
    if today > window.closes_on:  # Điều 12.3: a late filing, up to the expiry day
        return _l(
            "Giấy chứng nhận OCOP số %(number)s của sản phẩm %(product)s còn hiệu lực đến hết "
            "ngày %(day)s. Thời gian nộp hồ sơ đánh giá lại (từ %(opens)s đến %(closes)s, Điều "
            "7.6 Quyết định %(reference)s) đã qua trước khi Quyết định có hiệu lực; theo Điều "
            "12.3, hãy nộp hồ sơ đánh giá lại chậm nhất đến hết ngày %(day)s (đường dẫn dưới đây "
            "mở hồ sơ mới, đã điền sẵn số giấy chứng nhận).",
            number=certificate.number,
            product=certificate.product_name,
            day=f"{certificate.expires_on:%d/%m/%Y}",
            opens=f"{window.opens_on:%d/%m/%Y}",
            closes=f"{window.closes_on:%d/%m/%Y}",
            reference=rulebook.reference,
        )
    return _l(
        "Giấy chứng nhận OCOP số %(number)s của sản phẩm %(product)s còn hiệu lực đến hết ngày "
        "%(day)s. Hồ sơ đánh giá lại nộp từ ngày %(opens)s đến hết ngày %(closes)s (Điều 7.6 "
        "Quyết định %(reference)s); ngoài thời gian đó hồ sơ không được nhận (đường dẫn dưới "
        "đây mở hồ sơ mới, đã điền sẵn số giấy chứng nhận).",
        number=certificate.number,
        product=certificate.product_name,
        day=f"{certificate.expires_on:%d/%m/%Y}",
        opens=f"{window.opens_on:%d/%m/%Y}",
        closes=f"{window.closes_on:%d/%m/%Y}",
        reference=rulebook.reference,
    )


def recorded(action: str):
    """A condition: the audit log holds `action` for the certificate (a notice sent once)."""
    return exists().where(
        and_(
            AuditEntry.action == action,
            AuditEntry.object_type == Certificate.__name__,
            AuditEntry.object_id == db.func.cast(Certificate.id, db.String),
        )
    )


def due_for_window_notice(today: date) -> list[Certificate]:
    """Valid, not told yet, and the window opens within the rulebook's `reminder_days`."""
    rulebook = filing_rules(today)
    if rulebook is None or filing_window(today, rulebook) is None:
        return []
    rules = rulebook.certificate
    told = recorded(WINDOW_SOON)
    candidates = db.session.scalars(
        select(Certificate)
        .where(
            Certificate.reminder_sent_at.is_(None),
            status_condition(CertificateStatus.VALID, today),
            Certificate.expires_on > today + timedelta(days=rules.refile_from_days),
            Certificate.expires_on
            <= today + timedelta(days=rules.refile_from_days + rules.reminder_days),
            ~told,
        )
        .order_by(Certificate.expires_on, Certificate.id)
    )
    return list(candidates)


def send_window_notices(today: date) -> list[Certificate]:
    """Tell the producers once, `reminder_days` before it opens, of the re-evaluation window."""
    due = due_for_window_notice(today)
    for certificate in due:
        window = window_on(certificate, today)
        notify(
            producers_of(certificate),
            _l("Sắp đến thời gian nộp hồ sơ đánh giá lại sản phẩm OCOP"),
            with_validity_note(window_text(certificate, window, today), certificate),
            renewal_link(certificate),
        )
        audit.record(
            WINDOW_SOON,
            certificate,
            after={
                "opens_on": window.opens_on.isoformat(),
                "closes_on": window.closes_on.isoformat(),
            },
        )
    return due


def send_expiry_reminders(today: date) -> list[Certificate]:
    """Remind the producers of every certificate due (see `is_due_for_reminder`) and mark it;
    under a filing window, also the notice before it opens (`send_window_notices`)."""
    soon = send_window_notices(today)
    due = due_for_reminder(today)
    for certificate in due:
        window = window_on(certificate, today)
        if window is not None:
            notify(
                producers_of(certificate),
                _l("Đã đến thời gian nộp hồ sơ đánh giá lại sản phẩm OCOP"),
                with_validity_note(window_text(certificate, window, today), certificate),
                renewal_link(certificate),
            )
            certificate.reminder_sent_at = utcnow()
            audit.record(
                "certificate.reminder_sent",
                certificate,
                after={
                    "expires_on": certificate.expires_on.isoformat(),
                    "opens_on": window.opens_on.isoformat(),
                    "closes_on": window.closes_on.isoformat(),
                },
            )
            continue
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
    return soon + due


def due_for_expiry_notice(today: date) -> list[Certificate]:
    """Expired (not revoked nor replaced) within the window, and not yet told."""
    noticed = recorded(EXPIRY_NOTICE)
    candidates = db.session.scalars(
        select(Certificate)
        .where(
            Certificate.expires_on < today,
            Certificate.expires_on >= today - EXPIRY_NOTICE_WINDOW,
            ~noticed,
        )
        .order_by(Certificate.expires_on, Certificate.id)
    )
    status_of = status_reader(today)  # not one kept valid by a late filing (Điều 12.3)
    return [c for c in candidates if status_of(c) is CertificateStatus.EXPIRED]


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
