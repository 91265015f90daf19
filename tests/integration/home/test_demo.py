import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.demo.data import DEMO_PASSWORD, PEOPLE
from evalapp.extensions import db


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result


def test_demo_has_an_account_for_every_role_all_flagged_as_demo(demo):
    users = db.session.scalars(select(User)).all()
    assert {role for user in users for role in user.roles} == set(Role)
    assert all(user.is_demo for user in users)
    assert {user.unit.name for user in users if user.unit} >= {"Huyện Kim Sơn", "Xã Thượng Kiệm"}


def test_every_demo_login_reaches_its_home_page(demo, app):
    for person in PEOPLE:
        client = app.test_client()
        response = client.post(
            "/auth/login",
            data={"email": person.email, "password": DEMO_PASSWORD},
            follow_redirects=True,
        )
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


def test_demo_logins_are_printed(runner):
    output = runner.invoke(args=["demo", "logins"]).output
    assert "quantri@evalapp-demo.vn" in output and DEMO_PASSWORD in output


def test_demo_has_a_dossier_in_every_state(demo):
    from evalapp.dossiers.models import Dossier, DossierState

    dossiers = db.session.scalars(select(Dossier)).all()
    assert {dossier.state for dossier in dossiers} == set(DossierState)
    gio_day = next(d for d in dossiers if d.product.name == "Giỏ đay Hiếu Lâm")
    assert (
        gio_day.round.rulebook_code == "1048-2019" and gio_day.receipt_code == "NB-KS-210915-0001"
    )


def test_the_demo_secretary_finds_work_in_the_intake_queue(demo, app):
    client = app.test_client()
    client.post(
        "/auth/login", data={"email": "thuky.ninhbinh@evalapp-demo.vn", "password": DEMO_PASSWORD}
    )
    page = client.get("/dossiers/intake").text
    assert "Hộp cói đựng quà (mẫu)" in page and "Đã chuyển cấp trên" in page


def test_the_demo_councils(demo):
    from evalapp.councils.models import Council, SessionState
    from evalapp.councils.services import quorum_for

    councils = {c.round.year: c for c in db.session.scalars(select(Council))}
    kim_son = min(councils.values(), key=lambda c: c.round.year)
    assert kim_son.round.rulebook_code == "1048-2019"
    [meeting] = kim_son.sessions
    assert meeting.state is SessionState.OPEN
    item = meeting.agenda[0]
    assert item.dossier.product.name == "Giỏ đay Hiếu Lâm"
    assert quorum_for(item).met
    from evalapp.scoring.services import result_of, signed_sheets

    assert sorted(sheet.total for sheet in signed_sheets(item)) == [70, 72, 73, 74]
    assert result_of(item) is None  # three members still to sign
    current = max(councils.values(), key=lambda c: c.round.year)
    [planned] = current.sessions
    assert planned.state is SessionState.PLANNED
    assert [item.dossier.product.name for item in planned.agenda] == ["Mũ cói (mẫu)"]
