"""Self-registration of a producer, and the dispute filed instead when the tax code is taken.

Neither says whether the e-mail already has an account: with a known address nothing is
created, the address is told by e-mail, and the page reads the same (issue 13, item 9).
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.uploads import CheckedUpload
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import Organisation, OrganisationState, TaxCodeDispute
from evalapp.producers.services import (
    OrganisationDetails,
    ProducerError,
    check_new_account,
    check_tax_code_free,
    fill_organisation,
    province_of,
    save_organisation,
    send_verification,
    warn_existing_account,
)
from evalapp.producers.verification import submit_registration_document, verifiers_of


def register_producer(
    details: OrganisationDetails,
    full_name: str,
    email: str,
    password: str,
    document: CheckedUpload | None = None,
) -> User | None:
    """The organisation (pending verification) and its first user, who must verify the e-mail;
    `document`, the registration certificate, may also come later. None when the e-mail already
    has an account.

    Raises `TaxCodeTaken` (the view then offers a dispute), `ProducerError` (commune, document)
    or `accounts.AccountError` (password), each naming the form field it concerns."""
    province_of(details.commune)
    check_tax_code_free(details.tax_code.strip())
    existing = check_new_account(email, password)
    if existing is not None:
        warn_existing_account(existing, password)
        return None
    organisation = save_organisation(None, details)
    user = first_user(organisation, full_name, email, password)
    if document is not None:
        submit_registration_document(organisation, document, actor=user)
    return user


def first_user(organisation: Organisation, full_name: str, email: str, password: str) -> User:
    user = accounts.create_user(email, full_name, password, {Role.PRODUCER})
    user.organisation = organisation
    send_verification(user)
    return user


def file_dispute(
    details: OrganisationDetails,
    full_name: str,
    email: str,
    password: str,
    document: CheckedUpload | None,
    statement: str,
) -> User | None:
    """Khiếu nại quyền sử dụng mã số thuế: the claimant's organisation is kept without a tax
    code (claiming) with its certificate and statement, for the staff who verify the holder.
    None when the e-mail already has an account (nothing is filed; the address is told)."""
    province_of(details.commune)
    tax_code = details.tax_code.strip()
    holder = db.session.scalar(select(Organisation).where(Organisation.tax_code == tax_code))
    if holder is None:
        raise ProducerError(
            _("Mã số thuế %(code)s chưa được đăng ký: hãy đăng ký bình thường.", code=tax_code),
            field="tax_code",
        )
    if document is None:
        raise ProducerError(
            _("Vui lòng tải lên giấy chứng nhận đăng ký để khiếu nại."),
            field="registration_document",
        )
    if not statement.strip():
        raise ProducerError(
            _("Vui lòng trình bày nội dung khiếu nại và cách liên hệ với bạn."), field="statement"
        )
    existing = check_new_account(email, password)
    if existing is not None:
        warn_existing_account(existing, password)
        return None
    claimant = Organisation(state=OrganisationState.CLAIMING)
    fill_organisation(claimant, details)
    claimant.tax_code = None
    db.session.add(claimant)
    user = first_user(claimant, full_name, email, password)
    dispute = TaxCodeDispute(
        tax_code=tax_code,
        claimant=claimant,
        holder=holder,
        document=store_upload(document, user),
        statement=statement.strip(),
    )
    db.session.add(dispute)
    db.session.flush()
    audit.record(
        "tax_code.dispute_filed",
        dispute,
        actor=user,
        after={"tax_code": tax_code, "claimant_id": claimant.id, "holder_id": holder.id},
    )
    notify(
        verifiers_of(holder),
        _l("Khiếu nại quyền sử dụng mã số thuế"),
        _l("Có khiếu nại về mã số thuế của một chủ thể thuộc địa bàn của bạn, chờ xử lý."),
        absolute_url("producers.review_dispute", dispute_id=dispute.id),
    )
    return user
