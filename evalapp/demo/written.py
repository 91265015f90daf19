"""A re-evaluation decided by written opinions in the demo (26/2026 Điều 7.6.a, 7.6.d).

2023: Công ty TNHH Hiếu Lâm filed its rush tray at Ninh Bình's last round under 1048/2019
(opened on 06/02/2023, before 148/2023 took effect on 24/02/2023); the provincial council met on
05/10/2023 and the province certified it 3★ in October 2023 (valid 36 months, to October 2026).
2026: inside its window (180 to 120 days before the expiry, Điều 7.6.a) and after 26/2026 took
effect, the producer files the re-evaluation at the province's re-evaluation round, Xã Kim Sơn
forwards it, the province accepts it; the secretariat plans a written-opinion session, opens the
remote window, every scoring member declares and signs remotely (nobody is marked present), the
chair concludes without a meeting and the secretariat closes the session; its minutes record the
written form.

The 2026 part runs from 25/05/2026 to 10/06/2026, before `demo.ministry`'s round (170 days
before today): when that round would start before 12/06/2026, the part is skipped (the clock
never goes back).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from evalapp.auth.models import User
from evalapp.certificates.models import Certificate
from evalapp.councils import services as council_services
from evalapp.councils.models import CouncilSession, Position, SessionMode
from evalapp.demo import councils, outcomes, products
from evalapp.demo import dossiers as demo_dossiers
from evalapp.demo.clock import DemoClock, in_utc
from evalapp.demo.forms import fill_forms
from evalapp.dossiers import services as dossiers
from evalapp.dossiers.models import Dossier, RegistrationType
from evalapp.extensions import db
from evalapp.producers.models import Product
from evalapp.results import services as results
from evalapp.rounds import services as rounds
from evalapp.rounds.models import EvaluationRound
from evalapp.scoring.services import expected_scorers

TRAY = products.DemoProduct(
    "khay_coi",
    "Khay cói Hiếu Lâm (mẫu)",
    "hieu_lam",
    "5.02",
    "Khay đựng đồ đan cói (dữ liệu mẫu).",
    products.HOP_COI_LEVELS,
)
RE_EVALUATION_CLASS = "IV.1"  # sheet 21 of 26/2026, Thủ công mỹ nghệ gia dụng, trang trí
LAST_DAY = date(2026, 6, 12)  # the 2026 part ends before this day
SESSION_TITLE = "Lấy ý kiến bằng văn bản đánh giá lại sản phẩm OCOP (mẫu)"
CONCLUSION = (
    "Hội đồng đánh giá lại theo hình thức lấy ý kiến bằng văn bản (Điều 7.6.d Quyết định "
    "26/2026/QĐ-TTg), không tổ chức họp trực tiếp; mọi thành viên đã ký phiếu."
)


def filed_2023(clock: DemoClock, units: dict, users: dict[str, User], organisations) -> Dossier:
    """Before 24/02/2023 (1048/2019 still the rulebook of new rounds): the round opens and the
    producer files its tray; the secretariat receives and accepts it, and closes the round on
    03/04/2023."""
    secretary, producer = users["thuky.ninhbinh"], users["hieulam"]
    clock.set(datetime(2023, 2, 6, 8, 0))
    round_ = demo_dossiers.open_round(
        units["ninh_binh"],
        secretary,
        name="Đợt đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2023 (mẫu)",
        level="province",
        opens=date(2023, 2, 6),
        closes=date(2023, 3, 31),
        scoring=(date(2023, 10, 2), date(2023, 10, 13)),
    )
    clock.set(datetime(2023, 2, 13, 9, 0))
    product = demo_dossiers.make_product(TRAY, organisations["hieu_lam"], producer)
    dossier = demo_dossiers.submit(product, round_, TRAY.levels, producer)
    clock.set(datetime(2023, 2, 20, 9, 0))
    demo_dossiers.receive(dossier, secretary)
    demo_dossiers.accept(dossier, secretary)
    clock.set(datetime(2023, 4, 3, 8, 0))
    rounds.close_round(round_, secretary)
    return dossier


def certified_2023(clock: DemoClock, users: dict[str, User], dossier: Dossier) -> Certificate:
    """The council meets on 05/10/2023, the province's decision is signed on 12/10/2023 and the
    certificate issued on 16/10/2023."""
    secretary, round_ = users["thuky.ninhbinh"], dossier.round
    clock.set(datetime(2023, 9, 20, 9, 0))
    council = councils.compose(
        round_,
        users,
        councils.NINH_BINH_SEATS,
        secretary,
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2023",
        decision=("1210/QĐ-UBND (mẫu)", date(2023, 9, 20)),
    )
    session = councils.hold_session(
        council,
        clock,
        [dossier],
        title="Phiên họp đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm 2023 (mẫu)",
        place="Hội trường Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Bình",
        meets_at=datetime(2023, 10, 5, 8, 0),
    )
    [item] = session.agenda
    councils.score(item, dossier.self_assessment, [{}] * len(expected_scorers(item)))
    councils.close(session, clock, datetime(2023, 10, 5, 11, 0))
    outcomes.finalise(session, clock, datetime(2023, 10, 5, 15, 0))
    decision = outcomes.issue_decision(
        round_,
        clock,
        drafted=datetime(2023, 10, 9, 9, 0),
        number="2120/QĐ-UBND (mẫu)",
        signed_on=date(2023, 10, 12),
        signer=users["chutich.ninhbinh"],
        secretary=secretary,
    )
    [certificate] = outcomes.issue_certificates(
        decision, clock, datetime(2023, 10, 16, 9, 0), secretary
    )
    return certificate


def re_evaluated_2026(
    clock: DemoClock,
    units: dict,
    users: dict[str, User],
    certificate: Certificate,
    now: datetime,
) -> CouncilSession | None:
    """The re-evaluation in writing, from 25/05/2026 to 10/06/2026; skipped when
    `demo.ministry`'s round (170 days before `now`, Vietnam, naive) would start before
    `LAST_DAY`."""
    if now.date() - timedelta(days=170) < LAST_DAY:
        return None
    secretary, producer = users["thuky.ninhbinh"], users["hieulam"]
    clock.set(datetime(2026, 5, 25, 8, 0))
    round_ = demo_dossiers.open_round(
        units["ninh_binh"],
        secretary,
        name="Đánh giá, phân hạng lại sản phẩm OCOP tỉnh Ninh Bình năm 2026 (mẫu)",
        level="province",
        opens=date(2026, 5, 25),
        closes=date(2026, 6, 2),
        scoring=(date(2026, 6, 3), date(2026, 6, 10)),
        rulebook="26-2026",
    )
    clock.set(datetime(2026, 5, 26, 9, 0))
    dossier = file_re_evaluation(certificate, round_, producer)
    clock.set(datetime(2026, 5, 28, 9, 0))
    demo_dossiers.forward(dossier, users["canbo.xakimson"])
    clock.set(datetime(2026, 6, 1, 9, 0))
    demo_dossiers.receive(dossier, secretary)
    demo_dossiers.accept(dossier, secretary)
    clock.set(datetime(2026, 6, 2, 9, 0))
    council = councils.compose(
        round_,
        users,
        councils.NINH_BINH_SEATS,
        secretary,
        name="Hội đồng đánh giá, phân hạng lại sản phẩm OCOP tỉnh Ninh Bình năm 2026",
        decision=("1180/QĐ-UBND (mẫu)", date(2026, 6, 2)),
    )
    session = council_services.schedule_session(
        council,
        secretary,
        title=SESSION_TITLE,
        starts_at=in_utc(datetime(2026, 6, 9, 8, 0)),
        place="",
        is_online=False,
        mode=SessionMode.WRITTEN,
    )
    council_services.add_to_agenda(session, dossier, secretary)
    council_services.set_remote_window(
        session, in_utc(datetime(2026, 6, 3, 8, 0)), in_utc(datetime(2026, 6, 9, 17, 0)), secretary
    )
    [item] = session.agenda
    clock.set(datetime(2026, 6, 4, 9, 0))
    for member in council.scoring_members():
        council_services.declare(item, member, False, "", member.user)
    db.session.flush()
    councils.score(item, dossier.self_assessment, [{}] * len(expected_scorers(item)))
    clock.set(datetime(2026, 6, 10, 9, 0))
    chair = next(m.user for m in council.members if m.position is Position.CHAIR)
    result = results.finalise_result(item, CONCLUSION, {}, chair)
    result.is_demo = True
    clock.set(datetime(2026, 6, 10, 10, 0))
    council_services.close_session(session, secretary)
    return session


def file_re_evaluation(certificate: Certificate, round_: EvaluationRound, producer: User):
    """As `demo.dossiers.submit`, the registration type re-evaluation citing `certificate`."""
    dossier = dossiers.start_dossier(
        db.session.get(Product, certificate.product_id),
        round_,
        RegistrationType.RE_EVALUATION,
        certificate.number,
        producer,
        RE_EVALUATION_CLASS,
    )
    dossier.is_demo = True
    db.session.flush()
    for item in demo_dossiers.required_items(dossier):
        demo_dossiers.attach(dossier, item, producer)
    dossiers.save_self_assessment(dossier, products.GIO_DAY_2026, producer)
    fill_forms(dossier, producer)
    dossiers.sign_declaration(dossier, producer.full_name, producer)
    dossiers.submit_dossier(dossier, producer)
    return dossier
