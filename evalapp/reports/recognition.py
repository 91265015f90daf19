"""Which results a decision of a level may recognise, with the article in the refusal: under
26/2026 the province decides and certifies 3★ and 4★ (Điều 4.1.a, 7.3.đ–e), the ministry 5★
(Điều 4.1.b, 7.4.đ–e), nobody 1★ or 2★ (Điều 4.1.a: they get the written notice of Điều 7.3.g).
The rule is the rules core's `recognition_refusal`; this module words it for the user."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.common.i18n import localised
from evalapp.results.models import FinalResult
from evalapp.results.pages import proposal_without_class
from evalapp.results.wording import class_label
from evalapp.rules import load_rulebook, recognition_refusal

MINISTRY = "Bộ Nông nghiệp và Môi trường"


def recognition_message(result: FinalResult, level_code: str) -> str:
    """ "" when a decision at `level_code` may recognise `result`, else why not (for the user)."""
    rulebook = load_rulebook(result.rulebook_code)
    refusal = recognition_refusal(rulebook, level_code, result.stars)
    if refusal is None:
        return ""
    product = result.dossier.product.name
    reference = rulebook.reference
    if refusal.reason == "no_class":
        return _(
            "Sản phẩm %(product)s không đạt hạng sao: không ban hành quyết định công nhận và không "
            "cấp giấy chứng nhận (%(reference)s, %(article)s); kết quả được thông báo bằng văn "
            "bản (Điều 7.3.g).",
            product=product,
            reference=reference,
            article=refusal.article,
        )
    if refusal.reason == "below_certificate":
        return _(
            "Sản phẩm %(product)s đạt %(stars)d sao: đối với sản phẩm đạt 1 sao hoặc 2 sao, không "
            "ban hành quyết định công nhận và không cấp giấy chứng nhận (%(reference)s, "
            "%(article)s); kết quả được thông báo bằng văn bản (Điều 7.3.g).",
            product=product,
            stars=refusal.stars,
            reference=reference,
            article=refusal.article,
        )
    if refusal.by_level == "central":
        return _(
            "Sản phẩm %(product)s đạt %(stars)d sao (từ 90 điểm): UBND cấp tỉnh không công nhận "
            "và không cấp giấy chứng nhận hạng này; Chủ tịch UBND cấp tỉnh phê duyệt kết quả và "
            "đề nghị %(ministry)s đánh giá, phân hạng sản phẩm OCOP 5 sao (%(reference)s, "
            "%(article)s, Điều 7.3.e).",
            product=product,
            stars=refusal.stars,
            ministry=MINISTRY,
            reference=reference,
            article=refusal.article,
        )
    return _(
        "Sản phẩm %(product)s đạt %(stars)d sao: %(ministry)s chỉ công nhận và cấp giấy chứng "
        "nhận sản phẩm OCOP 5 sao; hạng %(stars)d sao do UBND cấp tỉnh công nhận trên kết quả "
        "của Hội đồng cấp trung ương (%(reference)s, %(article)s, Điều 7.4.g).",
        product=product,
        stars=refusal.stars,
        ministry=MINISTRY,
        reference=reference,
        article=refusal.article,
    )


def recognisable(result: FinalResult, level_code: str) -> bool:
    return not recognition_refusal(load_rulebook(result.rulebook_code), level_code, result.stars)


def annex_label(result: FinalResult) -> str:
    """What the decision's annex says of `result`: its class where the result's level recognises
    classes, else only whether the product is proposed to the next level's council (a district
    decision under 1048/QĐ-TTg, `rules.class_recognised_at`)."""
    proposal = proposal_without_class(result)
    if proposal is None or proposal.to is None:
        return class_label(result.outcome, result.stars if proposal is None else None)
    if proposal.proposed:
        return _("Đề nghị %(council)s đánh giá, phân hạng", council=localised(proposal.to))
    return _("Không đề nghị %(council)s", council=localised(proposal.to))
