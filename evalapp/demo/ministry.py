"""The two levels of 26/2026 in the demo (Điều 4.1, 7.3.đ–g, 7.4.a): Ninh Bình's previous round
under the new rulebook, decided before today's opened. Công ty TNHH Hiếu Lâm filed three
products at Xã Kim Sơn; the provincial council scored them at about 98 (a 5★ class), 72 (4★)
and 39 (2★) points. The province recognised the 4★ one and issued its certificate; the chair of
the provincial People's Committee approved the 98-point result and the province sent its
proposal letter with the bundle of Điều 6.3 to the ministry, whose OCOP office (thuky.bo) finds
the product in its intake, in the central round open for proposals; the secretariat sent the
written notice of every result (Điều 7.3.g), the 2★ one included.

The round runs from 170 to 62 days before today, between the replayed years and today's round
(the demo clock never goes back); when that window starts before 26/2026 took effect
(22/5/2026), there is nothing to replay and the step is skipped.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from evalapp.auth.models import User
from evalapp.councils.models import Position
from evalapp.demo import councils, outcomes, products
from evalapp.demo import dossiers as demo_dossiers
from evalapp.demo.clock import DemoClock
from evalapp.notices import services as notices
from evalapp.producers.models import Organisation
from evalapp.proposals import services as proposals
from evalapp.rules import load_rulebook
from evalapp.scoring.services import expected_scorers

RULEBOOK = "26-2026"
CLASS = "IV.1"  # sheet 21, Thủ công mỹ nghệ gia dụng, trang trí
# The best option of every criterion of sheet 21 is 100 points; two lower ones make 97 or so,
# every starred requirement still met: a 5★ class.
DEN_COI = {
    **products.GIO_DAY_2026,
    **{"1.1": "3", "1.2": "3", "1.3": "3", "1.4": "4", "1.5": "3", "1.6": "2", "2.1": "4"},
    **{"2.2": "3", "3.1": "3", "3.2": "2", "3.3": "3", "3.4": "2", "3.5": "3", "4.1": "4"},
    **{"4.2": "4", "4.3": "5", "5.1": "5", "5.2": "3", "5.3": "4", "6.1": "4", "6.2": "3"},
    **{"6.3": "4", "6.4": "4", "6.5": "3", "7": "3", "8": "3", "9": "3"},
    "6.5": "2",
    "3.2": "1",
}
# Giỏ đay's 72 points with fewer links and markets: 39 points, the 2★ band (30–<50).
DIA_LOT = {
    **products.GIO_DAY_2026,
    **{"1.1": "1", "2.1": "1", "2.2": "1", "4.1": "1", "5.1": "1", "6.4": "1", "9": "1"},
    **{"6.1": "1", "3.3": "1", "5.3": "1"},
}
PRODUCTS = (
    ("Đèn cói trang trí (mẫu)", "Đèn ngủ đan cói và đay (dữ liệu mẫu).", DEN_COI),
    ("Bình hoa đay (mẫu)", "Bình hoa đan đay (dữ liệu mẫu).", products.GIO_DAY_2026),
    ("Đĩa lót đay (mẫu)", "Đĩa lót cốc đan đay (dữ liệu mẫu).", DIA_LOT),
)
COUNCIL = (*councils.SEATS, ("thuky.ninhbinh", Position.SECRETARY))


def at(today: date, days: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(today + timedelta(days=days), time(hour, minute))


def decided_round_2026(
    clock: DemoClock,
    units: dict,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    now: datetime,
) -> None:
    """The whole round, from its opening 170 days before today to the proposal 62 days before
    (`now`: the real time, Vietnam, naive)."""
    today = now.date()
    if today - timedelta(days=170) <= load_rulebook(RULEBOOK).applies_from:
        return
    secretary, officer = users["thuky.ninhbinh"], users["canbo.xakimson"]
    clock.set(at(today, -170, 8, 0))
    round_ = demo_dossiers.open_round(
        units["ninh_binh"],
        secretary,
        name=f"Đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình, đợt trước năm {today.year} (mẫu)",
        level="province",
        opens=today - timedelta(days=170),
        closes=today - timedelta(days=140),
        scoring=(today - timedelta(days=125), today - timedelta(days=100)),
        rulebook=RULEBOOK,
    )
    producer, organisation = users["hieulam"], organisations["hieu_lam"]
    filed = []
    for day, (name, description, levels) in enumerate(PRODUCTS, start=-165):
        clock.set(at(today, day, 9, 0))
        spec = products.DemoProduct(
            name, name, "hieu_lam", CLASS, description, levels, rulebook=RULEBOOK
        )
        product = demo_dossiers.make_product(spec, organisation, producer)
        filed.append(demo_dossiers.submit(product, round_, levels, producer))
    clock.set(at(today, -150, 9, 0))
    for dossier in filed:
        demo_dossiers.forward(dossier, officer)
    clock.set(at(today, -145, 9, 0))
    for dossier in filed:
        demo_dossiers.receive(dossier, secretary)
        demo_dossiers.accept(dossier, secretary)
    clock.set(at(today, -135, 9, 0))
    council = councils.compose(
        round_,
        users,
        COUNCIL,
        secretary,
        name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình, đợt trước năm {today.year}",
        decision=("1320/QĐ-UBND (mẫu)", today - timedelta(days=135)),
    )
    session = councils.hold_session(
        council,
        clock,
        filed,
        title="Phiên họp đánh giá sản phẩm OCOP, đợt trước (mẫu)",
        place="Hội trường Sở Nông nghiệp và Môi trường tỉnh Ninh Bình",
        meets_at=at(today, -120, 8, 0),
    )
    clock.set(at(today, -120, 9, 0))
    for item in session.agenda:
        councils.score(item, item.dossier.self_assessment, [{}] * len(expected_scorers(item)))
    councils.close(session, clock, at(today, -120, 16, 0))
    finalised = outcomes.finalise(session, clock, at(today, -120, 16, 30))
    decision = outcomes.issue_decision(
        round_,
        clock,
        drafted=at(today, -110, 9, 0),
        number="1450/QĐ-UBND (mẫu)",
        signed_on=today - timedelta(days=105),
        signer=users["chutich.ninhbinh"],
        secretary=secretary,
    )
    outcomes.issue_certificates(decision, clock, at(today, -104, 9, 0), secretary)
    propose_to_ministry(clock, units, users, finalised, today)
    clock.set(at(today, -63, 10, 0))
    notices.send_notices(round_, secretary)


def propose_to_ministry(clock, units, users, finalised, today: date) -> None:
    """The chair's approval of the 5★ class and the letter to the ministry's open round."""
    secretary = users["thuky.ninhbinh"]
    clock.set(at(today, -90, 8, 0))
    central_round = demo_dossiers.open_round(
        units["central"],
        users["thuky.bo"],
        name=f"Đánh giá, phân hạng sản phẩm OCOP 5 sao năm {today.year} (mẫu)",
        level="central",
        opens=today - timedelta(days=90),
        closes=today + timedelta(days=30),
        scoring=(today + timedelta(days=40), today + timedelta(days=70)),
        rulebook=RULEBOOK,
    )
    [five] = [r for r in finalised if proposals.proposable(r)]
    clock.set(at(today, -70, 9, 0))
    values = proposals.ApprovalValues(
        "1610/QĐ-UBND (mẫu)", today - timedelta(days=70), users["chutich.ninhbinh"].full_name
    )
    proposal = proposals.approve(five, values, secretary)
    proposal.is_demo = True
    clock.set(at(today, -64, 9, 0))
    forwarding = proposals.send_to_ministry(
        proposal, "2875/UBND-NN (mẫu)", today - timedelta(days=64), secretary, central_round
    )
    forwarding.dossier.is_demo = True
