"""Uploading files to a checklist item: each file checked on its own, so one bad file costs
nothing but itself."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.common.refusals import Refusal
from evalapp.common.uploads import check_upload
from evalapp.dossiers import services
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import checklist_item


def store_uploads(dossier: Dossier, item_code: str, files, actor) -> tuple[int, list[str]]:
    """Keep every acceptable file; return how many were kept and the message of each refusal."""
    item = checklist_item(dossier, item_code)
    if item is None:
        return 0, [_("Mục tài liệu không có trong danh mục hồ sơ.")]
    files = [file for file in files if file and file.filename]
    if not files:
        return 0, [_("Vui lòng chọn ít nhất một tệp.")]
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
