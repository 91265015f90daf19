"""The demo: every role, the whole 2021 cycle under 1048 (district, province, decision,
certificates now expired, one revoked), a 2022 session open for a newcomer to score, and today's
provincial round with a dossier in every state. Loading takes seconds, so each test loads it once
and checks one story."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.common.mail import outbox_messages
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import Council, SessionState
from evalapp.councils.services import quorum_for
from evalapp.demo.data import DEMO_PASSWORD, PEOPLE
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.results.models import DecisionState, FinalResult, Forwarding, ResultState
from evalapp.scoring.services import expected_scorers, result_of, signed_sheets

KIM_SON_2021 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021"
NINH_BINH_2021 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2021"
KIM_SON_2022 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2022"


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result


def login(app, email: str):
    client = app.test_client()
    response = client.post(
        "/auth/login", data={"email": email, "password": DEMO_PASSWORD}, follow_redirects=True
    )
    return client, response


def council(name: str) -> Council:
    return db.session.scalars(select(Council).where(Council.name == name)).one()


def test_every_role_has_a_demo_login_that_reaches_its_home_page(demo, app):
    users = db.session.scalars(select(User)).all()
    assert {role for user in users for role in user.roles} == set(Role)
    assert all(user.is_demo for user in users)
    assert {user.unit.name for user in users if user.unit} >= {"Huyện Kim Sơn", "Xã Thượng Kiệm"}
    for person in PEOPLE:
        _, response = login(app, person.email)
        assert f"Xin chào, {person.full_name}" in response.text, person.email
        assert "dữ liệu mẫu" in response.text


def test_demo_loads_only_into_an_empty_database(demo, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "already has users" in result.output
    assert runner.invoke(args=["demo", "load", "--if-empty"]).exit_code == 0
    assert db.session.scalar(select(func.count(User.id))) == len(PEOPLE)


def test_demo_is_refused_in_production(app, runner):
    app.config["DEMO_ALLOWED"] = False
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert db.session.scalar(select(func.count(User.id))) == 0


def test_demo_logins_say_what_each_one_can_do(runner):
    output = runner.invoke(args=["demo", "logins"]).output
    assert "quantri@evalapp-demo.vn" in output and DEMO_PASSWORD in output
    newcomer = next(line for line in output.splitlines() if "thanhvien5.kimson" in line)
    assert "SCORE HERE" in newcomer and "2022" in newcomer


def test_kim_son_2021_went_the_whole_cycle(demo, app):
    # The district session: closed, every present cleared member signed every dossier.
    district = council(KIM_SON_2021)
    assert (district.round.rulebook_code, district.round.level_code) == ("1048-2019", "district")
    [session] = district.sessions
    assert session.state is SessionState.CLOSED
    assert f"{session.closed_at:%Y-%m-%d %H:%M}" == "2021-10-20 09:30"  # 16:30 in Kim Sơn
    for item in session.agenda:
        assert quorum_for(item).met
        assert {s.member_id for s in signed_sheets(item)} == {m.id for m in expected_scorers(item)}
    mut_gung = next(i for i in session.agenda if i.dossier.product.name.startswith("Mứt gừng"))
    assert mut_gung.scoring_round == 2 and len(expected_scorers(mut_gung)) == 6
    assert sum(d.has_conflict for d in mut_gung.declarations) == 1

    # Results finalised by the chair, with conclusions; the products at 50 or more forwarded.
    results = db.session.scalars(select(FinalResult).order_by(FinalResult.id)).all()
    assert all(r.state is ResultState.FINALISED and r.conclusion for r in results)
    district_results = {r.dossier.product.name: r for r in results if r.level_code == "district"}
    assert {name: (str(r.score), r.stars) for name, r in district_results.items()} == {
        "Giỏ đay Hiếu Lâm": ("72.43", 4),
        "Hộp cói đựng đồ (mẫu)": ("61.14", 3),
        "Mứt gừng Kim Sơn (mẫu)": ("57.33", 3),
        "Đệm ngồi cói (mẫu)": ("44.29", 2),
    }
    chair = next(m.user for m in district.members if m.position.value == "chair")
    assert {r.finalised_by_id for r in district_results.values()} == {chair.id}
    forwarded = db.session.scalars(select(Forwarding)).all()
    assert sorted(f.dossier.product.name for f in forwarded) == [
        "Giỏ đay Hiếu Lâm",
        "Hộp cói đựng đồ (mẫu)",
        "Mứt gừng Kim Sơn (mẫu)",
    ]
    province_round = council(NINH_BINH_2021).round
    assert {(f.to_round_id, f.to_level) for f in forwarded} == {(province_round.id, "province")}
    assert (province_round.rulebook_code, province_round.year) == ("1048-2019", 2021)

    # The provincial council: closed, finalised, published by the issued decision.
    [provincial] = council(NINH_BINH_2021).sessions
    assert provincial.state is SessionState.CLOSED
    assert sum(not a.present for a in provincial.attendance) == 1
    province_results = [r for r in results if r.level_code == "province"]
    assert {r.dossier.product.name: r.stars for r in province_results} == {
        "Giỏ đay Hiếu Lâm": 4,
        "Hộp cói đựng đồ (mẫu)": 3,
        "Mứt gừng Kim Sơn (mẫu)": 3,
    }
    [decision] = {r.decision for r in province_results}
    assert decision.state is DecisionState.ISSUED and decision.number == "2345/QĐ-UBND (mẫu)"
    assert decision.signed_on == date(2021, 12, 15)
    assert all(
        r.published_at and r.dossier.state is DossierState.PUBLISHED for r in province_results
    )

    # Certificates: issued with the decision, expired three years later, one revoked in 2023;
    # the producers were reminded a month before and told after (notifications, read back then).
    certificates = {c.product_name: c for c in db.session.scalars(select(Certificate))}
    assert {c.issued_on for c in certificates.values()} == {date(2021, 12, 15)}
    assert {c.expires_on for c in certificates.values()} == {date(2024, 12, 14)}
    assert {name: certificate_status(c, local_today()) for name, c in certificates.items()} == {
        "Giỏ đay Hiếu Lâm": CertificateStatus.EXPIRED,
        "Hộp cói đựng đồ (mẫu)": CertificateStatus.REVOKED,
        "Mứt gừng Kim Sơn (mẫu)": CertificateStatus.EXPIRED,
    }
    hieu_lam = db.session.scalars(select(User).where(User.email.startswith("hieulam@"))).one()
    told = db.session.scalars(select(Notification).where(Notification.user_id == hieu_lam.id))
    assert {n.subject for n in told} >= {
        "Giấy chứng nhận OCOP sắp hết hiệu lực",
        "Giấy chứng nhận OCOP đã hết hiệu lực",
    }
    [revocation] = certificates["Hộp cói đựng đồ (mẫu)"].revocations
    assert revocation.decided_by_id not in {None, revocation.requested_by_id}
    public = app.test_client()
    page = public.get(f"/verify/{certificates['Giỏ đay Hiếu Lâm'].public_id}").text
    assert "Giỏ đay Hiếu Lâm" in page and "Hết hiệu lực" in page
    page = public.get(f"/verify/{certificates['Hộp cói đựng đồ (mẫu)'].public_id}").text
    assert "Đã bị thu hồi" in page

    # Each closed session's minutes print from the reports pages.
    for name, secretary in [(KIM_SON_2021, "thuky.kimson"), (NINH_BINH_2021, "thuky.ninhbinh")]:
        client, _ = login(app, f"{secretary}@evalapp-demo.vn")
        [closed] = council(name).sessions
        assert "minutes.pdf" in client.get(f"/reports/sessions/{closed.id}").text
        pdf = client.get(f"/reports/sessions/{closed.id}/minutes.pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # ... and so do the decision and the certificates, from the provincial secretary's pages.
    assert "2345/QĐ-UBND (mẫu)" in client.get(f"/reports/decisions/{decision.id}").text
    assert client.get(f"/reports/decisions/{decision.id}/decision.pdf").data.startswith(b"%PDF")
    listed = client.get(f"/certificates/decisions/{decision.id}").text
    assert all(c.number in listed for c in certificates.values())


def test_a_newcomer_scores_in_the_open_2022_session(demo, app):
    newcomers = council(KIM_SON_2022)
    assert newcomers.round.rulebook_code == "1048-2019"
    [session] = newcomers.sessions
    assert session.state is SessionState.OPEN
    [item] = session.agenda
    assert item.dossier.product.name == "Lẵng hoa cói trang trí (mẫu)"
    assert quorum_for(item).met
    assert sorted(sheet.total for sheet in signed_sheets(item)) == [63, 65, 66, 67]
    assert result_of(item) is None  # three members still to sign
    client, _ = login(app, "thanhvien5.kimson@evalapp-demo.vn")
    assert session.title in client.get("/councils/my-sessions").text
    page = client.get(f"/scoring/items/{item.id}")
    assert page.status_code == 200
    assert "Lẵng hoa cói trang trí (mẫu)" in page.text and "Ký phiếu" in page.text


def test_todays_provincial_round_has_a_dossier_in_every_state(demo, app):
    # The replay is over: the application's clock is today's again.
    assert abs(utcnow() - datetime.now(UTC)) < timedelta(minutes=1)
    dossiers = db.session.scalars(select(Dossier)).all()
    assert {dossier.state for dossier in dossiers} == set(DossierState)
    assert all(dossier.is_demo for dossier in dossiers)
    gio_day = next(d for d in dossiers if d.product.name == "Giỏ đay Hiếu Lâm")
    assert gio_day.receipt_code == "NB-KS-210913-0001"  # Kim Sơn's first of 13/09/2021
    client, _ = login(app, "thuky.ninhbinh@evalapp-demo.vn")
    page = client.get("/dossiers/intake").text
    assert "Hộp cói đựng quà (mẫu)" in page and "Đã chuyển cấp trên" in page
    # Only today's e-mails went out: the replayed years' mails were not sent in 2026.
    subjects = {message["Subject"] for message in outbox_messages(app)}
    assert "Hồ sơ OCOP đã được chuyển lên cấp tỉnh" in subjects
    assert "Sản phẩm OCOP đã được cấp giấy chứng nhận" not in subjects
    assert "Đã công bố kết quả đánh giá OCOP" not in subjects
    current = next(
        c for c in db.session.scalars(select(Council)) if c.round.year == local_today().year
    )
    [planned] = current.sessions
    assert planned.state is SessionState.PLANNED
    assert [item.dossier.product.name for item in planned.agenda] == ["Mũ cói (mẫu)"]
