"""When a re-evaluation dossier may be started and submitted (26/2026 Điều 7.6.a, Điều 12.3).

The window belongs to the rulebook of the round the dossier is filed in (the rules in force on
the filing day); under a rulebook without one (1048/2019, 148/2023, 148 and 1489) nothing is
checked, as before. A certificate number not in the register (a paper certificate) has no
expiry day the app knows, so its window cannot be checked either. See `rules.re_evaluation`.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from evalapp.dossiers.models import RegistrationType
from evalapp.dossiers.transitions import DossierError
from evalapp.rules import Rulebook, filing_window, late_filing_covered, may_file_on


def check_filing_window(
    registration_type: RegistrationType, certificate, rulebook: Rulebook, day: date
) -> None:
    """Refuse a re-evaluation of the registered `certificate` filed on `day` outside its window
    (or, under Điều 12.3, after its expiry day)."""
    problem = window_problem(registration_type, certificate, rulebook, day)
    if problem is not None:
        raise DossierError(problem, field="previous_certificate")


def window_problem(
    registration_type: RegistrationType, certificate, rulebook: Rulebook, day: date
) -> str | None:
    """Why a re-evaluation of `certificate` cannot be filed on `day`, or None when it can."""
    if registration_type is not RegistrationType.RE_EVALUATION or certificate is None:
        return None
    expiry = certificate.expires_on
    if may_file_on(expiry, rulebook, day):
        return None
    window = filing_window(expiry, rulebook)
    if late_filing_covered(expiry, rulebook):
        return _(
            "Hồ sơ đánh giá lại chỉ nộp từ %(opens)s đến %(closes)s (Điều 7.6 Quyết định "
            "%(reference)s); giấy chứng nhận này được nộp muộn theo Điều 12.3 nhưng chậm "
            "nhất đến hết ngày hết hạn %(expiry)s.",
            opens=f"{window.opens_on:%d/%m/%Y}",
            closes=f"{window.closes_on:%d/%m/%Y}",
            reference=rulebook.reference,
            expiry=f"{expiry:%d/%m/%Y}",
        )
    return _(
        "Hồ sơ đánh giá lại chỉ nộp từ %(opens)s đến %(closes)s (Điều 7.6 Quyết định "
        "%(reference)s).",
        opens=f"{window.opens_on:%d/%m/%Y}",
        closes=f"{window.closes_on:%d/%m/%Y}",
        reference=rulebook.reference,
    )
