"""The demo's 1048 years, replayed through the real services under the demo clock.

2021: Kim Sơn's district round (four products, one re-scored, one at 2★), its council's session
closed and every result finalised by the chair; the products at 50 points or more forwarded to
Ninh Bình's provincial round, scored and finalised there; the province's result decision issued in
December 2021 and the certificates issued with it (expired in December 2024, one revoked in 2023).
2022: Kim Sơn's next round, its council still in session with four of seven sheets signed, where
a newcomer logs in as a member to score. 2023: one certificate revoked. 2024: the producers
reminded a month before their certificates expired, then told they had. 2025: the districts gone
and the communes merged (01/07/2025), the producers' seat is Xã Kim Sơn, an official commune.
"""

from __future__ import annotations

from datetime import date, datetime

from evalapp.auth.models import User
from evalapp.certificates import lifecycle
from evalapp.common.time import local_today
from evalapp.councils.models import CouncilSession, Position
from evalapp.demo import councils, data, outcomes, products
from evalapp.demo import dossiers as demo_dossiers
from evalapp.demo.clock import DemoClock
from evalapp.dossiers.models import Dossier
from evalapp.producers.models import Organisation
from evalapp.producers.services import OrganisationDetails, save_organisation
from evalapp.rounds import services as rounds

KIM_SON_HALL = "Hội trường UBND huyện Kim Sơn"
DECISION_2021 = "2345/QĐ-UBND (mẫu)"
PRODUCER_LOGINS = {spec.key: spec.login for spec in data.ORGANISATIONS}
KIM_SON_COUNCIL = (*councils.KIM_SON_SEATS, ("thuky.kimson", Position.SECRETARY))


def district_round(
    clock: DemoClock,
    units: dict,
    users: dict[str, User],
    organisations: dict[str, Organisation],
    year: int,
    specs: tuple[products.DemoProduct, ...],
) -> list[Dossier]:
    """Kim Sơn's round of `year`: opened in August, dossiers submitted in September, received and
    accepted by the district secretary, submissions closed on 1 October."""
    secretary = users["thuky.kimson"]
    clock.set(datetime(year, 8, 2, 8, 0))
    round_ = demo_dossiers.open_round(
        units["kim_son"],
        secretary,
        name=f"Đợt đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm {year}",
        level="district",
        opens=date(year, 8, 2),
        closes=date(year, 9, 30),
        scoring=(date(year, 10, 18), date(year, 10, 29)),
    )
    result = []
    for day, spec in enumerate(specs, start=13):
        organisation = organisations[spec.organisation]
        producer = users[PRODUCER_LOGINS[spec.organisation]]
        clock.set(datetime(year, 9, day, 9, 30))
        product = demo_dossiers.make_product(spec, organisation, producer)
        result.append(demo_dossiers.submit(product, round_, spec.levels, producer))
    clock.set(datetime(year, 9, 20, 8, 15))
    for dossier in result:
        demo_dossiers.receive(dossier, secretary)
    clock.set(datetime(year, 9, 27, 14, 0))
    for dossier in result:
        demo_dossiers.accept(dossier, secretary)
    clock.set(datetime(year, 10, 1, 8, 0))
    rounds.close_round(round_, secretary)
    return result


def year_2021(clock, units, users, organisations) -> dict:
    """The whole cycle: district round and session, results finalised and forwarded, the
    provincial round and session, results finalised, decision issued, certificates issued."""
    clock.set(datetime(2021, 7, 28, 9, 0))
    province_round = demo_dossiers.open_round(
        units["ninh_binh"],
        users["thuky.ninhbinh"],
        name="Đợt đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2021",
        level="province",
        opens=date(2021, 8, 2),
        closes=date(2021, 10, 31),
        scoring=(date(2021, 11, 15), date(2021, 11, 30)),
    )
    district = kim_son_2021(clock, units, users, organisations)
    finalised = outcomes.finalise(district, clock, datetime(2021, 10, 20, 17, 0))
    carried = outcomes.forward(
        finalised, province_round, clock, datetime(2021, 10, 25, 9, 0), users["thuky.kimson"]
    )
    provincial = ninh_binh_2021(clock, users, province_round, carried)
    outcomes.finalise(provincial, clock, datetime(2021, 11, 18, 16, 30))
    decision = outcomes.issue_decision(
        province_round,
        clock,
        drafted=datetime(2021, 12, 1, 9, 0),
        number=DECISION_2021,
        signed_on=date(2021, 12, 15),
        signer=users["chutich.ninhbinh"],
        secretary=users["thuky.ninhbinh"],
    )
    issued = outcomes.issue_certificates(
        decision, clock, datetime(2021, 12, 20, 9, 0), users["thuky.ninhbinh"]
    )
    return {certificate.product_name: certificate for certificate in issued}


def kim_son_2021(clock, units, users, organisations) -> CouncilSession:
    dossiers = district_round(clock, units, users, organisations, 2021, products.PRODUCTS_2021)
    by_key = dict(zip((p.key for p in products.PRODUCTS_2021), dossiers, strict=True))
    clock.set(datetime(2021, 10, 4, 10, 0))
    council = councils.compose(
        dossiers[0].round,
        users,
        KIM_SON_COUNCIL,
        users["thuky.kimson"],
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021",
        decision=("1520/QĐ-UBND (mẫu)", date(2021, 10, 4)),
    )
    session = councils.hold_session(
        council,
        clock,
        dossiers,
        title="Phiên họp đánh giá sản phẩm OCOP năm 2021 (mẫu)",
        place=KIM_SON_HALL,
        meets_at=datetime(2021, 10, 20, 8, 0),
        conflicts={"Mứt gừng Kim Sơn (mẫu)": products.MUT_GUNG_CONFLICTED},
    )
    items = {item.dossier_id: item for item in session.agenda}
    for key, changes in products.DISTRICT_2021.items():
        councils.score(items[by_key[key].id], by_key[key].self_assessment, changes)
    mut_gung = items[by_key["mut_gung"].id]
    first, second = products.MUT_GUNG_ROUNDS
    councils.score(mut_gung, mut_gung.dossier.self_assessment, first)
    clock.set(datetime(2021, 10, 20, 10, 30))
    councils.rescore(mut_gung)
    clock.set(datetime(2021, 10, 20, 11, 0))
    councils.score(mut_gung, mut_gung.dossier.self_assessment, second)
    councils.close(session, clock, datetime(2021, 10, 20, 16, 30))
    return session


def ninh_binh_2021(clock, users, round_, carried: list[Dossier]) -> CouncilSession:
    """The provincial secretary receives the forwarded dossiers and accepts them; the council
    meets on 18/11/2021 with one member absent."""
    secretary = users["thuky.ninhbinh"]
    clock.set(datetime(2021, 10, 27, 8, 30))
    for dossier in carried:
        demo_dossiers.receive(dossier, secretary)
    clock.set(datetime(2021, 11, 1, 8, 0))
    rounds.close_round(round_, secretary)
    council = councils.compose(
        round_,
        users,
        councils.NINH_BINH_SEATS,
        secretary,
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2021",
        decision=("1890/QĐ-UBND (mẫu)", date(2021, 11, 1)),
    )
    clock.set(datetime(2021, 11, 3, 14, 0))
    for dossier in carried:
        demo_dossiers.accept(dossier, secretary)
    session = councils.hold_session(
        council,
        clock,
        carried,
        title="Phiên họp đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm 2021 (mẫu)",
        place="Hội trường Sở Nông nghiệp và Phát triển nông thôn tỉnh Ninh Bình",
        meets_at=datetime(2021, 11, 18, 8, 0),
        absent=[products.PROVINCE_ABSENT],
    )
    by_name = {item.dossier.product.name: item for item in session.agenda}
    for spec in products.PRODUCTS_2021:
        if spec.key in products.PROVINCE_2021:
            item = by_name[spec.name]
            councils.score(item, item.dossier.self_assessment, products.PROVINCE_2021[spec.key])
    councils.close(session, clock, datetime(2021, 11, 18, 16, 0))
    return session


def kim_son_2022(clock, units, users, organisations) -> None:
    """Still in session: the first four scoring members signed; the others may score now."""
    [dossier] = district_round(clock, units, users, organisations, 2022, (products.PRODUCT_2022,))
    clock.set(datetime(2022, 10, 3, 10, 0))
    council = councils.compose(
        dossier.round,
        users,
        KIM_SON_COUNCIL,
        users["thuky.kimson"],
        name="Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2022",
        decision=("1490/QĐ-UBND (mẫu)", date(2022, 10, 3)),
    )
    session = councils.hold_session(
        council,
        clock,
        [dossier],
        title="Phiên họp đánh giá sản phẩm OCOP năm 2022 (mẫu)",
        place=KIM_SON_HALL,
        meets_at=datetime(2022, 10, 19, 8, 0),
    )
    councils.score(session.agenda[0], dossier.self_assessment, products.SIGNED_2022)


def revocation_2023(clock, users, certificates: dict) -> None:
    """The cooperative stopped making its box: revoked from 15/05/2023."""
    outcomes.revoke(
        certificates["Hộp cói đựng đồ (mẫu)"],
        clock,
        asked=(datetime(2023, 5, 10, 9, 0), users["thuky.ninhbinh"]),
        approved=(datetime(2023, 5, 12, 10, 0), users["chutich.ninhbinh"]),
        reason="Chủ thể ngừng sản xuất sản phẩm và đề nghị thu hồi giấy chứng nhận (lý do mẫu).",
        effective_on=date(2023, 5, 15),
    )


def reminders_2024(clock) -> None:
    """The daily lifecycle job on the two days it had something to say: 30 days before the
    certificates expired at the end of 15/12/2024 (15/11/2024) and the day after (16/12/2024)."""
    clock.set(datetime(2024, 11, 15, 8, 0))
    lifecycle.send_expiry_reminders(local_today())
    clock.set(datetime(2024, 12, 16, 8, 0))
    lifecycle.send_expiry_notices(local_today())


DETAILS = tuple(OrganisationDetails.__dataclass_fields__)


def communes_2025(clock, units, users, organisations: dict[str, Organisation]) -> None:
    """On 01/07/2025 the districts ended and the communes were merged (QĐ 19/2025/QĐ-TTg): the
    producers update their seat, as on their organisation page, to Xã Kim Sơn under Ninh Bình.
    Their 2021–2022 dossiers stay as filed (the district's receipt codes, its council).

    The district's council chair now chairs the provincial council (`demo.councils.SEATS`): his
    account moves to the province, whose level decides what a chair may approve (26/2026 Điều
    8.2: a revocation of a 3★–4★ certificate is the province's)."""
    clock.set(datetime(2025, 7, 1, 9, 0))
    chair = users["chutich.kimson"]
    chair.unit, chair.office = units["ninh_binh"], None
    for organisation in organisations.values():
        details = {name: getattr(organisation, name) for name in DETAILS}
        details["commune"] = units[data.COMMUNE_SINCE_2025]
        save_organisation(organisation, OrganisationDetails(**details))
