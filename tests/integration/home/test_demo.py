"""The demo: every role, the whole 2021 cycle under 1048 (district, province, decision,
certificates now expired, one revoked), a 2022 session still open, and today's provincial round
under 26/2026 with a dossier in every state and its council in session: Giỏ đay Hiếu Lâm on sheet
21 for the newcomer to score, Khay cói (mẫu) capped at 3★ by a starred requirement. Loading takes
seconds, so each test loads it once and checks one story."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.common.mail import outbox_messages
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import Council, Position, SessionState
from evalapp.councils.services import quorum_for
from evalapp.demo.councils import SEATS, login_of
from evalapp.demo.data import DEMO_PASSWORD, PEOPLE
from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.results.live import live_result
from evalapp.results.models import DecisionState, FinalResult, Forwarding, ResultState
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import load_sheet, score_sheet
from evalapp.scoring.services import expected_scorers, signed_sheets
from evalapp.scoring.services import sheet_of as own_sheet

KIM_SON_2021 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021"
NINH_BINH_2021 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình năm 2021"
KIM_SON_2022 = "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2022"
SHEET_21 = "21-thu-cong-my-nghe-gia-dung-trang-tri"
NEWCOMER = "thanhvien5.kimson@evalapp-demo.vn"


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
    assert {user.unit.name for user in users if user.unit} >= {"Huyện Kim Sơn", "Xã Kim Sơn"}
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


def test_demo_loads_in_production_only_when_asked_and_with_a_warning(app, runner):
    app.config["DEMO_ALLOWED"] = False
    refused = runner.invoke(args=["demo", "load"])
    assert "make run-production" in refused.output

    result = runner.invoke(args=["demo", "load", "--allow-production"])

    assert result.exit_code == 0, result.output
    assert "WARNING: loading the DEMO into a PRODUCTION-configured database" in result.output
    assert db.session.scalar(select(func.count(User.id))) == len(PEOPLE)


def test_demo_logins_say_what_each_one_can_do(runner):
    output = runner.invoke(args=["demo", "logins"]).output
    assert "quantri@evalapp-demo.vn" in output and DEMO_PASSWORD in output
    newcomer = next(line for line in output.splitlines() if "thanhvien5.kimson" in line)
    assert "SCORE HERE" in newcomer and "Giỏ đay Hiếu Lâm" in newcomer and "2026" in newcomer
    officer = next(line for line in output.splitlines() if "canbo.xakimson" in line)
    assert "15-day badge" in officer and "Mẫu 03" in officer and "labels" in officer


def test_the_screens_the_admin_demo_login_names_exist(runner, client, auth, make_user):
    """The administrator's line promised an "audit log" screen that did not exist (issue 14)."""
    output = runner.invoke(args=["demo", "logins"]).output
    line = next(line for line in output.splitlines() if "quantri@" in line)
    paths = re.findall(r" (/[a-z/]+)", line)
    assert paths == ["/admin/users", "/admin/units", "/admin/audit"]
    auth.login(make_user(Role.ADMIN))
    pages = {path: client.get(path, follow_redirects=True) for path in paths}
    assert {path: page.status_code for path, page in pages.items()} == dict.fromkeys(paths, 200)
    assert '<h1 class="h3 mb-3">Nhật ký hệ thống</h1>' in pages["/admin/audit"].text


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
    # (The 2026 proposal to the ministry is `test_demo_ministry`'s.)
    forwarded = db.session.scalars(
        select(Forwarding).where(Forwarding.to_level == "province")
    ).all()
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
    province_results = [
        r
        for r in results
        if r.level_code == "province"
        and r.rulebook_code == "1048-2019"
        and r.round == province_round
    ]
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
    certificates = {
        c.product_name: c
        for c in db.session.scalars(select(Certificate).where(Certificate.decision == decision))
    }
    assert {c.issued_on for c in certificates.values()} == {date(2021, 12, 15)}
    assert {c.expires_on for c in certificates.values()} == {date(2024, 12, 15)}
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
    assert live_result(item).product is None  # three members still to sign
    client, _ = login(app, "thanhvien5.kimson@evalapp-demo.vn")
    assert session.title in client.get("/councils/my-sessions").text
    page = client.get(f"/scoring/items/{item.id}")
    assert page.status_code == 200
    assert "Lẵng hoa cói trang trí (mẫu)" in page.text and "Ký phiếu" in page.text


def todays_round() -> EvaluationRound:
    """The round in session (the province's next round, opened days ago, is for next year's
    first half, or this year's second)."""
    return db.session.scalars(
        select(EvaluationRound).where(
            EvaluationRound.year == local_today().year,
            EvaluationRound.submission_closes_on < local_today(),
            EvaluationRound.scoring_ends_on >= local_today(),
        )
    ).one()


def test_todays_provincial_round_runs_under_26_2026_with_a_dossier_in_every_state(demo, app):
    # The replay is over: the application's clock is today's again.
    assert abs(utcnow() - datetime.now(UTC)) < timedelta(minutes=1)
    today = local_today()
    round_ = todays_round()
    assert (round_.rulebook_code, round_.level_code, round_.unit.name) == (
        "26-2026",
        "province",
        "Tỉnh Ninh Bình",
    )
    assert db.session.get(User, round_.created_by_id).email.startswith("thuky.ninhbinh@")
    assert round_.submission_opens_on == today - timedelta(days=60)
    assert round_.submission_closes_on < today
    assert round_.scoring_starts_on <= today <= round_.scoring_ends_on
    assert f"năm {round_.year}" in round_.name and "đợt" in round_.name

    dossiers = db.session.scalars(select(Dossier)).all()
    assert {dossier.state for dossier in dossiers} == set(DossierState)
    assert all(dossier.is_demo for dossier in dossiers)
    # Today's round and the next (the decided 2026 round is `test_demo_ministry`'s).
    todays = [
        d
        for d in dossiers
        if d.round.rulebook_code == "26-2026"
        and d.round.scoring_ends_on >= today
        and d.round.level_code == "province"
    ]
    cooperative = {d.product.name: d.state for d in todays if d.organisation.name.startswith("HTX")}
    assert set(cooperative.values()) == set(DossierState) - {
        DossierState.EVALUATED,
        DossierState.PUBLISHED,
    }
    # The one at the commune was filed days ago, in the province's next round.
    [at_commune] = [d for d in todays if d.state is DossierState.SUBMITTED]
    assert at_commune.round.submission_opens_on <= today <= at_commune.round.submission_closes_on
    assert {(d.class_code, d.sheet_code) for d in todays} == {("IV.1", SHEET_21)}
    sheet = load_sheet("26-2026", SHEET_21)
    for dossier in todays:
        if dossier.state is DossierState.DRAFT:
            continue
        assert score_sheet(sheet, dossier.self_assessment).is_complete, dossier.product.name
        required = {item.code for item in checklist_items(dossier) if item.required}
        assert required == {"mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"}
        assert all(dossier.current_documents(code) for code in required), dossier.product.name
        assert dossier.receipt_code.startswith("NB-XKS-")  # filed with Xã Kim Sơn
        if dossier.state is not DossierState.SUBMITTED:
            officer = db.session.get(User, dossier.pre_review.officer_id)
            assert officer.email.startswith("canbo.xakimson@")
    gio_day_2021 = next(
        d for d in dossiers if d.product.name == "Giỏ đay Hiếu Lâm" and d.round.year == 2021
    )
    assert gio_day_2021.receipt_code == "NB-KS-210913-0001"  # Kim Sơn's first of 13/09/2021

    client, _ = login(app, "thuky.ninhbinh@evalapp-demo.vn")
    page = client.get("/dossiers/intake").text
    assert "Hộp cói đựng quà (mẫu)" in page and "Đã chuyển cấp trên" in page
    # Only this round's e-mails went out: the replayed years' mails were not sent in 2026.
    subjects = {message["Subject"] for message in outbox_messages(app)}
    assert "Hồ sơ OCOP đã được chuyển lên cấp tỉnh" in subjects
    assert "Sản phẩm OCOP đã được cấp giấy chứng nhận" not in subjects
    assert "Đã công bố kết quả đánh giá OCOP" not in subjects
    # The home page says which rulebook is in force.
    assert "26/2026/QĐ-TTg" in app.test_client().get("/").text


def test_the_2026_session_is_open_for_the_newcomer_and_caps_a_product_at_3_stars(demo, app):
    [council_2026] = [c for c in db.session.scalars(select(Council)) if c.round == todays_round()]
    seated = {(login_of(m.user), m.position) for m in council_2026.members}
    assert seated == {*SEATS, ("thuky.ninhbinh", Position.SECRETARY)}
    [session] = council_2026.sessions
    assert session.state is SessionState.OPEN
    items = {item.dossier.product.name: item for item in session.agenda}
    assert set(items) == {"Giỏ đay Hiếu Lâm", "Khay cói (mẫu)"}

    # Giỏ đay Hiếu Lâm: a first-time dossier of Công ty TNHH Hiếu Lâm on sheet 21, five sheets
    # signed, the newcomer's not.
    gio_day = items["Giỏ đay Hiếu Lâm"]
    dossier = gio_day.dossier
    assert dossier.organisation.name == "Công ty TNHH Hiếu Lâm"
    assert (dossier.class_code, dossier.sheet_code) == ("IV.1", SHEET_21)
    assert dossier.registration_type is RegistrationType.FIRST_TIME
    signed = signed_sheets(gio_day)
    assert sorted(sheet.total for sheet in signed) == [72, 72, 74, 74, 75]
    assert "thanhvien5.kimson" not in {login_of(sheet.member.user) for sheet in signed}
    assert quorum_for(gio_day).met and live_result(gio_day).product is None
    client, _ = login(app, "thanhvien5.kimson@evalapp-demo.vn")
    assert session.title in client.get("/councils/my-sessions").text
    page = client.get(f"/scoring/items/{gio_day.id}")
    assert page.status_code == 200
    assert "Giỏ đay Hiếu Lâm" in page.text and "Liên kết chuỗi trong sản xuất" in page.text
    member = council_2026.member_for(
        db.session.scalars(select(User).filter_by(email=NEWCOMER)).one()
    )
    draft = own_sheet(gio_day, member)
    saved = client.post(
        f"/scoring/items/{gio_day.id}/autosave",
        json={"version": draft.version, "choices": {"1.1": "3", "1.4": "3"}},
    )
    assert saved.status_code == 200 and saved.json["total"] == "6"
    db.session.expire_all()  # the request saved it in its own session
    assert own_sheet(gio_day, member).choices == {"1.1": "3", "1.4": "3"}

    # Khay cói (mẫu): every sheet signed, 71,57 points (band 4★), but the members' average on
    # 1.4 (1,43) is below its **** option (2 points): 3★, and the result page says why.
    capped = items["Khay cói (mẫu)"]
    result = live_result(capped).product
    assert (str(result.score), result.classification.band.stars, result.stars) == ("71.57", 4, 3)
    [unmet] = result.classification.unmet
    assert (unmet.criterion, unmet.stars, str(unmet.required), str(unmet.actual)) == (
        "1.4",
        4,
        "2",
        "1.43",
    )
    assert unmet.starred
    chair, _ = login(app, "chutich.kimson@evalapp-demo.vn")
    page = chair.get(f"/results/items/{capped.id}").text
    assert "1.4 Liên kết chuỗi trong sản xuất: cần ≥ 2 điểm cho 4★" in page
    assert "71,57" in page
