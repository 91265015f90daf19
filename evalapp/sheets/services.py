"""What an administrator does with the library: import a sheet as a draft (only when it has no
problem left), publish it (retiring the version it replaces), retire a published version, delete
a draft. A stored version's content never changes; every step is audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from evalapp.common import audit
from evalapp.common.confirmation import Confirmation
from evalapp.common.i18n import localised
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.extensions import db
from evalapp.rules import CriteriaSheet, DataFormatError, Rulebook, parse_sheet
from evalapp.rules.validation import SheetInvalid
from evalapp.sheets import library
from evalapp.sheets.models import SheetVersion, VersionSource, VersionState
from evalapp.sheets.shipped import digest_of, display_name, plain


class LibraryError(Refusal):
    """A step the library refuses; the message says why, in the user's language."""


@dataclass
class Checked:
    """An import checked against its rulebook: the sheet, or every problem."""

    sheet: CriteriaSheet | None = None
    data: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def subgroup_conflicts(rulebook: Rulebook, sheet: CriteriaSheet) -> list[str]:
    """A subgroup of the sheet that another published sheet serves (the rulebook's own choice
    included): one subgroup, one sheet."""
    served = library.subgroup_sheet_codes(rulebook.code)
    return [
        _(
            "Nhóm sản phẩm %(subgroup)s đang dùng phiếu %(sheet)s; phiếu nhập không thể phục vụ "
            "nhóm này.",
            subgroup=code,
            sheet=served[code],
        )
        for code in sheet.subgroups
        if served.get(code, sheet.code) != sheet.code
    ]


def check(rulebook: Rulebook, data: Mapping) -> Checked:
    """Read and validate sheet data in the application's format under `rulebook`."""
    if not isinstance(data, Mapping) or not data.get("parts"):
        return Checked(problems=[_("Phiếu trống: không có phần hay tiêu chí nào.")])
    try:
        sheet = parse_sheet(data, rulebook)
    except SheetInvalid as invalid:
        return Checked(problems=[localised(problem) for problem in invalid.problems])
    except DataFormatError as error:
        return Checked(problems=[_("Dữ liệu phiếu sai định dạng: %(error)s", error=str(error))])
    problems = subgroup_conflicts(rulebook, sheet)
    held = db.session.scalar(
        select(SheetVersion).where(
            SheetVersion.rulebook_code == rulebook.code,
            SheetVersion.code == sheet.code,
            SheetVersion.digest == digest_of(data),
        )
    )
    if held is not None:
        problems.append(
            _(
                "Phiếu này giống hệt phiên bản %(number)d của phiếu %(code)s (%(state)s): không "
                "cần nhập lại.",
                number=held.number,
                code=held.code,
                state=held.state.label,
            )
        )
    return Checked(sheet=None if problems else sheet, data=plain(data), problems=problems)


def add_draft(
    rulebook: Rulebook,
    checked: Checked,
    actor,
    *,
    file_name: str = "",
    legal_basis: str = "",
    effective_from: date | None = None,
    effective_until: date | None = None,
) -> SheetVersion:
    if checked.sheet is None:
        raise LibraryError(_("Phiếu còn lỗi nên chưa được lưu."))
    code = checked.sheet.code
    number = db.session.scalar(
        select(func.max(SheetVersion.number)).where(
            SheetVersion.rulebook_code == rulebook.code, SheetVersion.code == code
        )
    )
    version = SheetVersion(
        rulebook_code=rulebook.code,
        code=code,
        number=(number or 0) + 1,
        state=VersionState.DRAFT,
        source=VersionSource.IMPORTED,
        name=display_name(checked.data),
        subgroups=list(checked.sheet.subgroups),
        data=checked.data,
        digest=digest_of(checked.data),
        legal_basis=legal_basis.strip(),
        effective_from=effective_from,
        effective_until=effective_until,
        file_name=file_name[:255],
        imported_by_id=getattr(actor, "id", None),
        imported_at=utcnow(),
        changed_at=utcnow(),
    )
    db.session.add(version)
    db.session.flush()
    audit.record("sheet.imported", version, after=summary(version), actor=actor)
    return version


def summary(version: SheetVersion) -> dict:
    return {
        "rulebook": version.rulebook_code,
        "code": version.code,
        "number": version.number,
        "state": version.state.value,
        "digest": version.digest,
    }


def published_of(version: SheetVersion) -> SheetVersion | None:
    return db.session.scalar(
        select(SheetVersion).where(
            SheetVersion.rulebook_code == version.rulebook_code,
            SheetVersion.code == version.code,
            SheetVersion.state == VersionState.PUBLISHED,
        )
    )


def publish(version: SheetVersion, rulebook: Rulebook, actor) -> SheetVersion | None:
    """Publish a draft; return the version it retires (None when it is the first)."""
    if version.state is not VersionState.DRAFT:
        raise LibraryError(
            _(
                "Chỉ bản nháp mới được công bố; phiên bản này đã %(state)s.",
                state=version.state.label.lower(),
            )
        )
    conflicts = subgroup_conflicts(rulebook, library.version_sheet(version))
    if conflicts:
        raise LibraryError(" ".join(conflicts))
    now = utcnow()
    replaced = published_of(version)
    if replaced is not None:
        _retire(replaced, actor, now)
    before = summary(version)
    version.state, version.published_at, version.published_by_id = (
        VersionState.PUBLISHED,
        now,
        getattr(actor, "id", None),
    )
    version.changed_at = now
    audit.record("sheet.published", version, before=before, after=summary(version), actor=actor)
    db.session.flush()
    library.forget()
    return replaced


def retire(version: SheetVersion, actor) -> None:
    """Stop using a published version for new dossiers; dossiers already on it keep it."""
    if version.state is not VersionState.PUBLISHED:
        raise LibraryError(_("Chỉ phiên bản đang dùng mới thôi dùng được."))
    _retire(version, actor, utcnow())
    db.session.flush()
    library.forget()


def _retire(version: SheetVersion, actor, now) -> None:
    before = summary(version)
    version.state, version.retired_at = VersionState.RETIRED, now
    version.retired_by_id = getattr(actor, "id", None)
    version.changed_at = now
    audit.record("sheet.retired", version, before=before, after=summary(version), actor=actor)


def delete_draft(version: SheetVersion, actor) -> None:
    if version.state is not VersionState.DRAFT:
        raise LibraryError(_("Chỉ bản nháp mới xóa được; phiên bản đã công bố được giữ mãi."))
    audit.record("sheet.draft_deleted", version, before=summary(version), actor=actor)
    db.session.delete(version)
    db.session.flush()
    library.forget()


def other_versions(version: SheetVersion) -> list[SheetVersion]:
    return list(
        db.session.scalars(
            select(SheetVersion)
            .where(
                SheetVersion.rulebook_code == version.rulebook_code,
                SheetVersion.code == version.code,
                SheetVersion.id != version.id,
            )
            .order_by(SheetVersion.number.desc())
        )
    )


def changes_against(version: SheetVersion, other: SheetVersion | None):
    """What `version` changes against `other` (the version in use), or None without one."""
    if other is None or other.id == version.id:
        return None
    from evalapp.rules.diff import diff_sheets

    return diff_sheets(library.version_sheet(other), library.version_sheet(version))


def subgroup_names(version: SheetVersion) -> str:
    return ", ".join(version.subgroups) or _("(theo bộ tiêu chí)")


def publish_confirmation(version: SheetVersion, back_url: str, kept: int) -> Confirmation:
    """`kept`: how many dossiers are on the version it replaces."""
    consequences = [
        _(
            "Hồ sơ mới của phiếu %(code)s (nhóm sản phẩm: %(subgroups)s) được chấm theo phiên bản "
            "%(n)d, trên mọi máy chủ ngay từ yêu cầu tiếp theo, không cần khởi động lại.",
            code=version.code,
            subgroups=subgroup_names(version),
            n=version.number,
        ),
        _("Phiên bản đã công bố không bao giờ sửa được; chỉ có thể thay bằng một phiên bản mới."),
    ]
    replaced = published_of(version)
    if replaced is not None:
        consequences.append(
            _(
                "Phiên bản %(n)d đang dùng sẽ thôi dùng cho hồ sơ mới; %(count)d hồ sơ đã lập "
                "trên phiên bản đó giữ nguyên nó (phiếu tự đánh giá, phiếu chấm, kết quả).",
                n=replaced.number,
                count=kept,
            )
        )
    return Confirmation(
        title=_("Công bố phiên bản %(n)d của phiếu %(code)s?", n=version.number, code=version.code),
        consequences=consequences,
        button=_("Xác nhận công bố"),
        back_url=back_url,
    )


def retire_confirmation(version: SheetVersion, back_url: str, kept: int) -> Confirmation:
    """`kept`: how many dossiers are on the version."""
    return Confirmation(
        title=_(
            "Thôi dùng phiên bản %(n)d của phiếu %(code)s?", n=version.number, code=version.code
        ),
        consequences=[
            _(
                "Hồ sơ mới của nhóm sản phẩm %(subgroups)s sẽ không có phiếu để chấm cho đến khi "
                "một phiên bản khác được công bố.",
                subgroups=subgroup_names(version),
            ),
            _(
                "%(count)d hồ sơ đã lập trên phiên bản này giữ nguyên nó.",
                count=kept,
            ),
        ],
        button=_("Xác nhận thôi dùng"),
        back_url=back_url,
    )


def delete_confirmation(version: SheetVersion, back_url: str) -> Confirmation:
    return Confirmation(
        title=_(
            "Xóa bản nháp phiên bản %(n)d của phiếu %(code)s?", n=version.number, code=version.code
        ),
        consequences=[_("Bản nháp bị xóa hẳn; muốn dùng lại phải nhập lại tệp.")],
        button=_("Xác nhận xóa"),
        back_url=back_url,
    )
