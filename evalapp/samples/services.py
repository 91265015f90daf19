"""The verbs of the samples: receive them with a dossier, move them. Every verb checks before it
changes anything, so a refusal leaves nothing half-saved; services flush and never commit."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.i18n import format_day
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import rulebook_of
from evalapp.extensions import db
from evalapp.samples.models import Sample, SampleHolder, SampleMove, SampleReceipt
from evalapp.samples.permissions import at_desk_of, can_move_sample, is_commune_officer
from evalapp.samples.rules import expected_samples, recorded_count

# No 0/O, 1/I/L: a label code is read off a sticker and typed.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 7


class SampleError(Refusal):
    """Samples that cannot be received or moved as asked; the message is for the user."""


def receive_samples(
    dossier: Dossier,
    count: int,
    description: str,
    received_on: date,
    received_by_name: str,
    actor: User,
) -> SampleReceipt:
    """Record the samples handed over with `dossier`: exactly the number its rulebook asks
    (26/2026 Điều 6.2.d: 5, none for community tourism), once, at the desk holding it."""
    expected = expected_samples(dossier)
    if expected is None:
        raise SampleError(
            _(
                "Quyết định %(reference)s áp dụng cho đợt đánh giá này không quy định số sản "
                "phẩm mẫu: ứng dụng không ghi nhận sản phẩm mẫu cho hồ sơ này.",
                reference=rulebook_of(dossier).reference,
            )
        )
    check_at_desk(dossier, actor)
    check_count(dossier, count, expected)
    if received_on > local_today():
        raise SampleError(_("Ngày nhận mẫu không được sau hôm nay."), field="received_on")
    receipt = SampleReceipt(
        dossier_id=dossier.id,
        unit_id=actor.unit_id,
        count=count,
        description=description.strip(),
        received_on=received_on,
        received_by_name=received_by_name.strip(),
        recorded_by_id=actor.id,
    )
    try:
        with db.session.begin_nested():  # one receipt a dossier: a second, at the same moment,
            db.session.add(receipt)  # meets the unique dossier_id and is refused, not a 500
    except IntegrityError:
        raise SampleError(
            _("Sản phẩm mẫu của hồ sơ này vừa được người khác ghi nhận; vui lòng tải lại trang."),
            field="count",
        ) from None
    holder = (
        SampleHolder.COMMUNE if is_commune_officer(actor, dossier) else SampleHolder.SECRETARIAT
    )
    for number in range(1, count + 1):
        # `new_label_code` queries, which flushes the samples before: no code is drawn twice.
        sample = Sample(dossier=dossier, number=number, label_code=new_label_code())
        sample.moves.append(
            SampleMove(holder=holder, moved_on=received_on, recorded_by_id=actor.id)
        )
        receipt.samples.append(sample)
    db.session.flush()
    audit.record(
        "samples.received",
        dossier,
        actor=actor,
        after={"count": count, "codes": [s.label_code for s in receipt.samples]},
    )
    return receipt


def check_at_desk(dossier: Dossier, actor: User) -> None:
    if not at_desk_of(actor, dossier):
        raise SampleError(
            _(
                "Chỉ ghi nhận sản phẩm mẫu khi hồ sơ đang ở bộ phận tiếp nhận của đơn vị bạn "
                "(UBND cấp xã trước khi chuyển lên, hoặc cơ quan thường trực khi tiếp nhận); hồ "
                "sơ đang ở trạng thái “%(state)s”.",
                state=dossier.state.label,
            )
        )


def check_count(dossier: Dossier, count: int, expected) -> None:
    if expected.exempt:
        raise SampleError(
            _(
                "Nhóm sản phẩm “%(group)s” không nộp sản phẩm mẫu (%(reference)s).",
                group=expected.exempt_group,
                reference=expected.reference,
            ),
            field="count",
        )
    already = recorded_count(dossier)
    if already:
        raise SampleError(
            _("Hồ sơ đã có %(n)d sản phẩm mẫu được ghi nhận.", n=already), field="count"
        )
    if count != expected.count:
        raise SampleError(
            _(
                "Hồ sơ phải kèm đúng %(expected)d sản phẩm mẫu (%(reference)s); số đã nhập: "
                "%(count)d.",
                expected=expected.count,
                reference=expected.reference,
                count=count,
            ),
            field="count",
        )


def new_label_code() -> str:
    """A short code no sample has yet: "M" and 7 characters of `CODE_ALPHABET` (31⁷ ≈ 2.7·10¹⁰)."""
    while True:
        code = "M" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if db.session.scalar(select(Sample.id).where(Sample.label_code == code)) is None:
            return code


def move_samples(
    samples: Sequence[Sample],
    holder: SampleHolder,
    lab_name: str,
    moved_on: date,
    note: str,
    actor: User,
) -> None:
    """Hand `samples` to `holder` on `moved_on` (to a lab: `lab_name` says which). Every sample
    is checked before any moves."""
    if not samples:
        raise SampleError(_("Hãy chọn ít nhất một mẫu."), field="samples")
    lab_name = lab_name.strip() if holder is SampleHolder.LAB else ""
    if holder is SampleHolder.LAB and not lab_name:
        raise SampleError(_("Vui lòng ghi tên phòng kiểm nghiệm."), field="lab_name")
    if moved_on > local_today():
        raise SampleError(_("Ngày chuyển mẫu không được sau hôm nay."), field="moved_on")
    for sample in samples:
        check_move(sample, holder, lab_name, moved_on, actor)
    for sample in samples:
        sample.moves.append(
            SampleMove(
                holder=holder,
                lab_name=lab_name,
                moved_on=moved_on,
                note=note.strip(),
                recorded_by_id=actor.id,
            )
        )
        audit.record(
            "samples.moved",
            sample,
            actor=actor,
            after={"holder": holder.value, "lab": lab_name, "on": moved_on.isoformat()},
        )
    db.session.flush()


def check_move(sample: Sample, holder: SampleHolder, lab_name: str, moved_on: date, actor) -> None:
    current = sample.current
    label = _("Mẫu %(number)d (%(code)s)", number=sample.number, code=sample.label_code)
    if sample.returned_on is not None:
        raise SampleError(
            _(
                "%(sample)s đã trả lại chủ thể ngày %(day)s.",
                sample=label,
                day=format_day(sample.returned_on),
            )
        )
    if not can_move_sample(actor, sample):
        raise SampleError(
            _(
                "%(sample)s đang do %(holder)s giữ: bạn không ghi nhận được việc chuyển mẫu này.",
                sample=label,
                holder=current.holder_label,
            )
        )
    if current.holder is holder and current.lab_name == lab_name:
        raise SampleError(
            _("%(sample)s đang do %(holder)s giữ.", sample=label, holder=current.holder_label),
            field="holder",
        )
    if moved_on < current.moved_on:
        raise SampleError(
            _(
                "%(sample)s: ngày chuyển không được trước ngày %(day)s (lần chuyển trước).",
                sample=label,
                day=format_day(current.moved_on),
            ),
            field="moved_on",
        )
