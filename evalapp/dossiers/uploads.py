"""Uploading files to a checklist item: each file checked on its own, so one bad file costs
nothing but itself. Before any is read, the request is refused whole when it carries more files
than `UPLOAD_MAX_FILES_PER_REQUEST` or than the dossier has room for under
`UPLOAD_MAX_FILES_PER_DOSSIER` (current files; replaced versions kept for the record do not
count); what the dossier already holds is never touched by a refusal."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _

from evalapp.common.refusals import Refusal
from evalapp.common.uploads import check_upload, chosen_files
from evalapp.dossiers import services
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import checklist_item


def store_uploads(dossier: Dossier, item_code: str, files, actor) -> tuple[int, list[str]]:
    """Keep every acceptable file; return how many were kept and the message of each refusal."""
    item = checklist_item(dossier, item_code)
    if item is None:
        return 0, [_("Mục tài liệu không có trong danh mục hồ sơ.")]
    try:
        files = chosen_files(files)
    except Refusal as refusal:
        return 0, [str(refusal)]
    if not files:
        return 0, [_("Vui lòng chọn ít nhất một tệp.")]
    if refusal := over_dossier_cap(dossier, len(files)):
        return 0, [refusal]
    saved, errors = 0, []
    for file in files:
        try:
            services.attach_document(
                dossier, item_code, check_upload(file, item.formats, item.max_size_mb), actor
            )
        except Refusal as refusal:  # this file's; the others are still kept
            errors.append(str(refusal))
        else:
            saved += 1
    return saved, errors


def over_dossier_cap(dossier: Dossier, adding: int) -> str | None:
    """Why `adding` more files would pass the dossier's cap, or None."""
    cap = current_app.config["UPLOAD_MAX_FILES_PER_DOSSIER"]
    held = len(dossier.current_documents())
    if held + adding <= cap:
        return None
    return _(
        "Hồ sơ đã có %(count)d tệp, mỗi hồ sơ có tối đa %(max)d tệp nên chỉ còn thêm được "
        "%(room)d tệp. Chưa tệp nào được lưu: hãy gỡ bớt tệp không cần hoặc chọn ít tệp hơn.",
        count=held,
        max=cap,
        room=max(cap - held, 0),
    )
