import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.councils.models import Council, SessionState
from evalapp.councils.services import quorum_for
from evalapp.demo.data import DEMO_PASSWORD, PEOPLE
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.scoring.services import expected_scorers, result_of, signed_sheets


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


def councils_by_name() -> dict[str, Council]:
    return {council.name: council for council in db.session.scalars(select(Council))}


def test_demo_has_an_account_for_every_role_all_flagged_as_demo(demo):
    users = db.session.scalars(select(User)).all()
    assert {role for user in users for role in user.roles} == set(Role)
    assert all(user.is_demo for user in users)
    assert {user.unit.name for user in users if user.unit} >= {"Huyện Kim Sơn", "Xã Thượng Kiệm"}


def test_every_demo_login_reaches_its_home_page(demo, app):
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
    assert "2022" in newcomer


def test_demo_has_a_dossier_in_every_state(demo):
    dossiers = db.session.scalars(select(Dossier)).all()
    assert {dossier.state for dossier in dossiers} >= set(DossierState) - {
        DossierState.EVALUATED,
        DossierState.PUBLISHED,
    }
    gio_day = [d for d in dossiers if d.product.name == "Giỏ đay Hiếu Lâm"]
    assert {d.round.rulebook_code for d in gio_day} == {"1048-2019"}
    assert gio_day[0].receipt_code == "NB-KS-210913-0001"
    assert all(d.is_demo for d in dossiers)


def test_the_demo_secretary_finds_work_in_the_intake_queue(demo, app):
    client, _ = login(app, "thuky.ninhbinh@evalapp-demo.vn")
    page = client.get("/dossiers/intake").text
    assert "Hộp cói đựng quà (mẫu)" in page and "Đã chuyển cấp trên" in page


def test_kim_son_2021_session_is_closed_with_every_sheet_signed(demo):
    council = councils_by_name()[
        "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2021"
    ]
    assert council.round.rulebook_code == "1048-2019" and council.round.level_code == "district"
    [session] = council.sessions
    assert session.state is SessionState.CLOSED
    assert f"{session.closed_at:%Y-%m-%d %H:%M}" == "2021-10-20 09:30"  # 16:30 in Kim Sơn
    results = {}
    for item in session.agenda:
        assert quorum_for(item).met
        expected = expected_scorers(item)
        assert {s.member_id for s in signed_sheets(item)} == {m.id for m in expected}
        results[item.dossier.product.name] = (item, result_of(item))
    scores = {name: (str(r.score), r.stars) for name, (_, r) in results.items()}
    assert scores == {
        "Giỏ đay Hiếu Lâm": ("72.43", 4),
        "Hộp cói đựng đồ (mẫu)": ("61.14", 3),
        "Mứt gừng Kim Sơn (mẫu)": ("57.33", 3),
        "Đệm ngồi cói (mẫu)": ("44.29", 2),
    }
    mut_gung, _ = results["Mứt gừng Kim Sơn (mẫu)"]
    assert mut_gung.scoring_round == 2 and len(expected_scorers(mut_gung)) == 6
    assert sum(d.has_conflict for d in mut_gung.declarations) == 1


def test_a_newcomer_scores_in_the_open_2022_session(demo, app):
    council = councils_by_name()[
        "Hội đồng đánh giá, phân hạng sản phẩm OCOP huyện Kim Sơn năm 2022"
    ]
    assert council.round.rulebook_code == "1048-2019"
    [session] = council.sessions
    assert session.state is SessionState.OPEN
    [item] = session.agenda
    assert item.dossier.product.name == "Lẵng hoa cói trang trí (mẫu)"
    assert quorum_for(item).met
    assert sorted(sheet.total for sheet in signed_sheets(item)) == [63, 65, 66, 67]
    assert result_of(item) is None  # three members still to sign
    client, _ = login(app, "thanhvien5.kimson@evalapp-demo.vn")
    page = client.get(f"/scoring/items/{item.id}")
    assert page.status_code == 200
    assert "Lẵng hoa cói trang trí (mẫu)" in page.text and "Ký phiếu" in page.text


def test_the_province_plans_its_current_session(demo):
    from evalapp.common.time import local_today

    current = next(c for c in councils_by_name().values() if c.round.year == local_today().year)
    [planned] = current.sessions
    assert planned.state is SessionState.PLANNED
    assert [item.dossier.product.name for item in planned.agenda] == ["Mũ cói (mẫu)"]
