"""The demo's present, replayed under the demo clock like the past: Ninh Bình's provincial round
under Decision 26/2026/QĐ-TTg, opened two months ago by the provincial secretary (the rulebook new
rounds use since 22/5/2026), its submissions closed, its council in session now; and the
province's next round, opened a few days ago, already taking dossiers.

The producers' commune is Xã Kim Sơn (official code 14638 under Ninh Bình, 37), so each dossier
gets its product code and registration numbers when filed there (26/2026 Phụ lục II, III).
HTX Cói Kim Sơn (mẫu) has a dossier in every state of the intake (the commune pre-reviews first,
as 26/2026 Điều 6.2 says), but for the one at the commune: "Làn cói đan tay (mẫu)", filed in
the next round three working days before the session, with descriptions and evidence on several
criteria, waits at the commune within its 15 working days (Điều 7.2); the forwarded ones carry the commune's written assessment
(Mẫu 03) and their five samples, sent on to the province. Công ty TNHH Hiếu Lâm files "Giỏ đay
Hiếu Lâm" again, first-time on sheet 21, since its 2021 certificate expired, with its evidence;
the samples of the session's dossiers are with the advisory group. The session opened this morning (or on the last
working day, while the morning is young: the replay must end before now): every sheet of "Khay cói
(mẫu)" is signed and its live result is capped at 3★ by a starred requirement; five members have
signed Giỏ đay's, and thanhvien5.kimson, the newcomer, can score it. The round's e-mails and
notifications are today's news: they go out and stay unread.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.councils.models import CouncilSession, Position
from evalapp.demo import advisory, councils, products
from evalapp.demo import dossiers as demo_dossiers
from evalapp.demo.clock import DemoClock
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.producers.models import Organisation, Product
from evalapp.rounds.models import EvaluationRound
from evalapp.rules.working_days import is_working_day

RULEBOOK = "26-2026"
HIEU_LAM_CLASS = "IV.1"  # Thủ công mỹ nghệ gia dụng, trang trí: sheet 21
COUNCIL_2026 = (*councils.SEATS, ("thuky.ninhbinh", Position.SECRETARY))
# Which of the intake's steps each target state goes through, in the order they happen.
FORWARDED_ON = {s for s in DossierState} - {DossierState.DRAFT, DossierState.SUBMITTED}
RECEIVED_ON = FORWARDED_ON - {DossierState.FORWARDED, DossierState.REFUSED}
SENT_BACK = {DossierState.NEEDS_SUPPLEMENT, DossierState.SUPPLEMENTED}


def at(today: date, days: int, hour: int, minute: int = 0) -> datetime:
    """`days` from `today` (negative: before) at the given time, Vietnam time."""
    return datetime.combine(today + timedelta(days=days), time(hour, minute))


def meeting_time(now: datetime) -> datetime:
    """08:00 on the last working day whose morning is two hours and a half behind `now`
    (Vietnam time): the session opened then and the replay ends before now."""
    day = (now - timedelta(hours=10, minutes=30)).date()
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    return datetime.combine(day, time(8, 0))


def round_2026(
    clock: DemoClock,
    units: dict,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    now: datetime,
) -> CouncilSession:
    """The whole round up to the open session (`now`: the real time, Vietnam, naive)."""
    today, meets_at = now.date(), meeting_time(now)
    round_ = open_round_2026(clock, units, users, today)
    filed = file_dossiers(clock, round_, users, organisations, today)
    intake(clock, filed, users, today)

    def file_at_commune() -> None:
        """The next round opened (a working day before, at the latest the day after the
        session was scheduled) and the cooperative's next product filed at the commune."""
        filed_on = working_days_before(meets_at.date(), 3)
        opens = max(working_days_before(filed_on, 1), (meets_at - timedelta(days=8)).date())
        clock.set(datetime.combine(opens, time(8, 0)))
        next_round = open_next_round(units, users, opens)
        clock.set(datetime.combine(max(filed_on, opens), time(9, 30)))
        for spec, state in products.ROUND_2026:
            if DossierState(state) is DossierState.SUBMITTED:
                file(spec, next_round, users, organisations, products.COI_CLAIMS_2026)

    return hold_session_2026(clock, round_, users, filed, meets_at, file_at_commune)


def working_days_before(day: date, count: int) -> date:
    """The working day `count` working days before `day` (26/2026 counts working days)."""
    while count:
        day -= timedelta(days=1)
        count -= is_working_day(day)
    return day


def open_round_2026(clock, units, users, today: date) -> EvaluationRound:
    """Submissions from two months ago to five weeks ago; scoring from last week."""
    opens = today - timedelta(days=60)
    clock.set(at(today, -60, 8, 0))
    return demo_dossiers.open_round(
        units["ninh_binh"],
        users["thuky.ninhbinh"],
        name=f"Đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình đợt {half(today)} năm {opens.year}",
        level="province",
        opens=opens,
        closes=today - timedelta(days=35),
        scoring=(today - timedelta(days=7), today + timedelta(days=14)),
        rulebook=RULEBOOK,
    )


def open_next_round(units, users, opens: date) -> EvaluationRound:
    """The province's next round (the other half of the year, or the first of the next year):
    six weeks for submissions, scoring a week after they close."""
    year, number = (opens.year, 2) if half(opens) == 1 else (opens.year + 1, 1)
    closes = opens + timedelta(days=42)
    return demo_dossiers.open_round(
        units["ninh_binh"],
        users["thuky.ninhbinh"],
        name=f"Đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình đợt {number} năm {year}",
        level="province",
        opens=opens,
        closes=closes,
        scoring=(closes + timedelta(days=7), closes + timedelta(days=30)),
        rulebook=RULEBOOK,
        year=year,
    )


def half(day: date) -> int:
    """The province's rounds are decided before 30/6 and before 30/12 (26/2026 Điều 5)."""
    return 1 if day.month <= 6 else 2


def file_dossiers(clock, round_, users, organisations, today: date) -> dict[Dossier, DossierState]:
    """Each product's dossier filed with the commune on its own day (the draft stays a draft),
    Giỏ đay Hiếu Lâm last, with its evidence; every dossier with the state it is to reach. The
    one to wait at the commune is filed later (`file_at_commune`)."""
    cooperative = users["htxcoi"]
    filed = {}
    for day, (spec, state) in enumerate(products.ROUND_2026, start=-56):
        target = DossierState(state)
        if target is DossierState.SUBMITTED:
            continue
        clock.set(at(today, day, 9, 30))
        if target is DossierState.DRAFT:
            product = demo_dossiers.make_product(spec, organisations["coi_kim_son"], cooperative)
            dossier = demo_dossiers.draft(product, round_, spec.levels, cooperative)
        else:
            dossier = file(spec, round_, users, organisations)
        filed[dossier] = target
    clock.set(at(today, -47, 10, 0))
    gio_day = demo_dossiers.submit(
        hieu_lam_basket(organisations["hieu_lam"]),
        round_,
        products.GIO_DAY_2026,
        users["hieulam"],
        class_code=HIEU_LAM_CLASS,
        claims=products.GIO_DAY_CLAIMS_2026,
    )
    filed[gio_day] = DossierState.ACCEPTED
    return filed


def file(spec, round_, users, organisations, claims=None) -> Dossier:
    """One of the cooperative's products, made and its dossier filed with the commune."""
    cooperative = users["htxcoi"]
    product = demo_dossiers.make_product(spec, organisations["coi_kim_son"], cooperative)
    return demo_dossiers.submit(product, round_, spec.levels, cooperative, claims=claims)


def hieu_lam_basket(organisation: Organisation) -> Product:
    """The product of 2021, classified then under 1048 (5.01); its dossier names its 26/2026
    class."""
    return db.session.scalars(
        select(Product).where(
            Product.organisation_id == organisation.id, Product.name == "Giỏ đay Hiếu Lâm"
        )
    ).one()


def intake(clock, filed: dict[Dossier, DossierState], users, today: date) -> None:
    """The commune pre-reviews and forwards; the provincial secretary receives or refuses,
    checks the documents, accepts or asks for a supplement, which the cooperative sends."""
    officer, secretary = users["canbo.xakimson"], users["thuky.ninhbinh"]
    clock.set(at(today, -44, 8, 30))
    for dossier in (d for d, target in filed.items() if target in FORWARDED_ON):
        demo_dossiers.forward(dossier, officer)
    clock.set(at(today, -42, 9, 0))
    for dossier, target in filed.items():
        if target is DossierState.REFUSED:
            demo_dossiers.refuse(dossier, secretary)
        elif target in RECEIVED_ON:
            demo_dossiers.receive(dossier, secretary)
    clock.set(at(today, -40, 14, 0))
    for dossier, target in filed.items():
        if target is DossierState.ACCEPTED:
            demo_dossiers.accept(dossier, secretary)
        elif target in SENT_BACK:
            demo_dossiers.send_back(dossier, secretary)
    clock.set(at(today, -37, 10, 0))
    for dossier in (d for d, target in filed.items() if target is DossierState.SUPPLEMENTED):
        demo_dossiers.supplement(dossier, users["htxcoi"])


def hold_session_2026(clock, round_, users, filed, meets_at: datetime, meanwhile) -> CouncilSession:
    """The council established three weeks ago, the accepted dossiers' samples handed to its
    advisory group; the session scheduled nine days ahead with the accepted dossiers (and, in
    the days between, `meanwhile`), opened this morning with every member present; Khay cói's
    sheets all signed, five of Giỏ đay's."""
    clock.set(meets_at - timedelta(days=20))
    council = councils.compose(
        round_,
        users,
        COUNCIL_2026,
        users["thuky.ninhbinh"],
        name=f"Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm {round_.year}",
        decision=("2150/QĐ-UBND (mẫu)", (meets_at - timedelta(days=20)).date()),
    )
    accepted = [d for d, target in filed.items() if target is DossierState.ACCEPTED]
    for dossier in accepted:
        demo_dossiers.to_advisory_group(dossier, users["thuky.ninhbinh"])
    advisory.prepare(clock, council, accepted, users, meets_at)
    session = councils.hold_session(
        council,
        clock,
        sorted(accepted, key=lambda d: d.product.name),
        title=f"Phiên họp đánh giá sản phẩm OCOP đợt {half(meets_at.date())} (mẫu)",
        place="Hội trường Sở Nông nghiệp và Môi trường tỉnh Ninh Bình",
        meets_at=meets_at,
        meanwhile=meanwhile,
    )
    by_name = {item.dossier.product.name: item for item in session.agenda}
    clock.set(meets_at + timedelta(minutes=40))
    capped = by_name[products.CAPPED_2026]
    councils.score(capped, capped.dossier.self_assessment, products.KHAY_COI_SIGNED_2026)
    clock.set(meets_at + timedelta(hours=1, minutes=30))
    gio_day = by_name["Giỏ đay Hiếu Lâm"]
    councils.score(gio_day, gio_day.dossier.self_assessment, products.GIO_DAY_SIGNED_2026)
    return session
