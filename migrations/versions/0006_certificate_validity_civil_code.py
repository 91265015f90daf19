"""certificates: the last day of validity by the Civil Code; printed_expires_on keeps the printed day

Certificates were issued with `expires_on` = issue date + 36 months − 1 day (20/12/2021 →
19/12/2024). By Điều 147–148 Bộ luật Dân sự 2015 the day of issue is not counted and a period in
months ends at the end of the corresponding day of its last month (or of that month's last day):
20/12/2021 → 20/12/2024, 29/02/2024 → 28/02/2027. Every certificate whose `expires_on` is what the
old rule gave is corrected (one day later, always), its printed and signed day kept in
`printed_expires_on`, and one audit entry written for it. The downgrade restores the printed
days, with an audit entry each (the log is append-only: the upgrade's entries stay).

The arithmetic is written out here, not imported, so the migration means tomorrow what it means
today.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 09:00:00.000000

"""

import calendar
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

CORRECTED = "certificate.validity_corrected"
RESTORED = "certificate.validity_correction_reverted"
NOTE = (
    "Ngày cuối cùng của hiệu lực tính lại theo Điều 147–148 Bộ luật Dân sự 2015 (không tính ngày "
    "cấp; thời hạn tính bằng tháng kết thúc vào cuối ngày tương ứng của tháng cuối cùng, hoặc "
    "ngày cuối cùng của tháng đó nếu tháng đó không có ngày tương ứng) và Điều 4.3 Quyết định "
    "26/2026/QĐ-TTg (giấy chứng nhận có giá trị 36 tháng kể từ ngày ban hành). Ngày đã in và ký "
    "số được giữ ở printed_expires_on."
)
RESTORE_NOTE = "Hạ cấp migration 0006: trả lại ngày hết hiệu lực đã in trên giấy chứng nhận."

certificates = sa.table(
    "certificates",
    sa.column("id", sa.Integer),
    sa.column("issued_on", sa.Date),
    sa.column("expires_on", sa.Date),
    sa.column("printed_expires_on", sa.Date),
)
audit_entries = sa.table(
    "audit_entries",
    sa.column("created_at", sa.DateTime),
    sa.column("actor_id", sa.Integer),
    sa.column("actor_email", sa.String),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.String),
    sa.column("ip_address", sa.String),
    sa.column("before", sa.JSON),
    sa.column("after", sa.JSON),
    sa.column("note", sa.Text),
)


def add_months(day: date, months: int) -> date:
    """`day` plus `months` calendar months, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def civil_code_day(issued: date, expires: date) -> date | None:
    """The Civil Code last day for a certificate whose `expires` is the old rule's (`issued` +
    n months − 1 day, for some n ≥ 1), or None when it is not (already corrected, or set
    otherwise). The Civil Code day is `issued` + n months: always the day after."""
    following = expires + timedelta(days=1)
    months = (following.year - issued.year) * 12 + following.month - issued.month
    if months < 1 or add_months(issued, months) != following:
        return None
    return following


def audit_row(action: str, certificate_id: int, before: date, after: date, note: str, now):
    return {
        "created_at": now,
        "actor_id": None,
        "actor_email": None,
        "action": action,
        "object_type": "Certificate",
        "object_id": str(certificate_id),
        "ip_address": None,
        "before": {"expires_on": before.isoformat()},
        "after": {"expires_on": after.isoformat()},
        "note": note,
    }


def correct_validity(connection) -> int:
    """Correct every certificate still carrying the old rule's last day; how many were."""
    rows = connection.execute(
        sa.select(certificates.c.id, certificates.c.issued_on, certificates.c.expires_on)
        .where(certificates.c.printed_expires_on.is_(None))
        .order_by(certificates.c.id)
    ).all()
    now = datetime.now(UTC).replace(tzinfo=None)  # stored naive in UTC, as UTCDateTime does
    entries = []
    for certificate_id, issued, printed in rows:
        corrected = civil_code_day(issued, printed)
        if corrected is None:
            continue
        connection.execute(
            sa.update(certificates)
            .where(certificates.c.id == certificate_id)
            .values(expires_on=corrected, printed_expires_on=printed)
        )
        entries.append(audit_row(CORRECTED, certificate_id, printed, corrected, NOTE, now))
    if entries:
        connection.execute(sa.insert(audit_entries), entries)
    return len(entries)


def restore_printed_days(connection) -> int:
    """Put the printed day back in `expires_on` wherever one was kept; how many were."""
    rows = connection.execute(
        sa.select(certificates.c.id, certificates.c.expires_on, certificates.c.printed_expires_on)
        .where(certificates.c.printed_expires_on.is_not(None))
        .order_by(certificates.c.id)
    ).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for certificate_id, _corrected, printed in rows:
        connection.execute(
            sa.update(certificates)
            .where(certificates.c.id == certificate_id)
            .values(expires_on=printed, printed_expires_on=None)
        )
    if rows:
        connection.execute(
            sa.insert(audit_entries),
            [
                audit_row(RESTORED, i, corrected, printed, RESTORE_NOTE, now)
                for i, corrected, printed in rows
            ],
        )
    return len(rows)


def upgrade():
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.add_column(sa.Column("printed_expires_on", sa.Date(), nullable=True))
    correct_validity(op.get_bind())


def downgrade():
    restore_printed_days(op.get_bind())
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_column("printed_expires_on")
