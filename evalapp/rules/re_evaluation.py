"""When a certificate's holder files its re-evaluation dossier (26/2026 Điều 7.6.a, Điều 12.3).

Điều 7.6.a: "Thời gian nộp hồ sơ không sớm hơn 180 ngày và không muộn hơn 120 ngày tính đến
ngày hết thời hạn của giấy chứng nhận." Days are calendar days counted back from the expiry day
(the certificate's last day of validity, `certificate_expiry`): the first filing day is the
180th day before it (expiry − 180 days) and the last filing day the 120th day before it
(expiry − 120 days), both days included. A certificate valid through 12/12/2027 is re-filed
from 15/06/2027 to 14/08/2027; 14/06/2027 (the 181st day before) is too early and 15/08/2027
(the 119th day before) too late.

Điều 12.3 (transition): "Những sản phẩm thuộc đối tượng đánh giá, phân hạng lại, nhưng thời
gian nộp hồ sơ không đáp ứng được thời hạn theo quy định tại điểm a khoản 6 Điều 7 …, thì giấy
chứng nhận tiếp tục có hiệu lực đến ngày có kết quả xử lý của cơ quan có thẩm quyền, nhưng không
quá 180 ngày tính từ ngày hết thời hạn." The text is silent on who "could not meet" the window;
the app reads it as a transition rule: the certificates whose window opened before the decision
took effect (a holder could not file in the whole window the decision gives). Their holders may
file after the window, up to the expiry day included (a certificate already expired cannot
"continue" to be valid), and such a late filing keeps the certificate valid until the result, at
most through the 180th day after the expiry day (counted as Điều 147.1 Bộ luật Dân sự: the
expiry day itself is not counted).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .model import Rulebook


@dataclass(frozen=True)
class FilingWindow:
    """The first and last day (both included) a re-evaluation dossier may be filed."""

    opens_on: date
    closes_on: date

    def contains(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


def filing_window(expiry: date, rulebook: Rulebook) -> FilingWindow | None:
    """Điều 7.6.a: the window of a certificate valid through `expiry`, for a dossier filed under
    `rulebook`; None when the rulebook sets no window (the earlier rulebooks)."""
    rules = rulebook.certificate
    if rules.refile_from_days is None or rules.refile_until_days is None:
        return None
    return FilingWindow(
        opens_on=expiry - timedelta(days=rules.refile_from_days),
        closes_on=expiry - timedelta(days=rules.refile_until_days),
    )


def late_filing_covered(expiry: date, rulebook: Rulebook) -> bool:
    """Điều 12.3 as the app reads it: the certificate's window opened before `rulebook` took
    effect, so its holder may file late (see the module's note)."""
    window = filing_window(expiry, rulebook)
    return (
        window is not None
        and rulebook.certificate.late_filing_extension_days is not None
        and window.opens_on < rulebook.applies_from
    )


def may_file_on(expiry: date, rulebook: Rulebook, day: date) -> bool:
    """Whether a re-evaluation dossier of a certificate valid through `expiry` may be filed on
    `day` under `rulebook`: within the window, or late up to the expiry day under Điều 12.3;
    always when the rulebook sets no window."""
    window = filing_window(expiry, rulebook)
    if window is None or window.contains(day):
        return True
    return late_filing_covered(expiry, rulebook) and window.closes_on < day <= expiry


def is_late_filing(expiry: date, rulebook: Rulebook, filed_on: date) -> bool:
    """A filing after the window that Điều 12.3 allows (the certificate's validity extends)."""
    window = filing_window(expiry, rulebook)
    return (
        window is not None
        and late_filing_covered(expiry, rulebook)
        and window.closes_on < filed_on <= expiry
    )


def extension_limit(expiry: date, rulebook: Rulebook) -> date | None:
    """Điều 12.3: the last day a late-filed certificate may stay valid (the 180th day after the
    expiry day); None when the rulebook has no such extension."""
    days = rulebook.certificate.late_filing_extension_days
    return None if days is None else expiry + timedelta(days=days)


# --- Điều 7.6.g: the 45 days of a re-evaluation ------------------------------------------------


@dataclass(frozen=True)
class EvaluationClock:
    """Where a re-evaluation stands against Điều 7.6.g ("không quá 45 ngày kể từ ngày nhận đủ hồ
    sơ đề nghị của UBND cấp xã hoặc UBND cấp tỉnh"): `days_left` is negative once overdue."""

    received_on: date
    deadline: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def overdue_days(self) -> int:
        return max(0, -self.days_left)


def re_evaluation_deadline(received_on: date, days: int) -> date:
    """The last day of a period of `days` calendar days from the day the complete dossier was
    received: Bộ luật Dân sự 2015 Điều 147.1, the day of receipt is not counted (the period starts
    the next day); Điều 148.1, it ends at the end of its last day. So a dossier received on
    15/11/2026 is evaluated by the end of 30/12/2026 (15/11 + 45 days). The shift of Điều 148.5
    (a last day that is a day off moves to the next working day) is not applied: the app shows
    the calendar day, which is never later than the shifted one."""
    return received_on + timedelta(days=days)


def re_evaluation_clock(
    received_on: date, rulebook: Rulebook, today: date
) -> EvaluationClock | None:
    """The clock of a re-evaluation dossier received complete on `received_on`, seen on `today`;
    None under a rulebook that sets no limit (before 26/2026)."""
    days = rulebook.council.re_evaluation_days
    if days is None:
        return None
    deadline = re_evaluation_deadline(received_on, days)
    return EvaluationClock(received_on, deadline, (deadline - today).days)
