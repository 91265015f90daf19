"""The re-evaluation decided in writing in the demo (`demo.written`): the tray certified in
October 2023 is re-evaluated in June 2026 by written opinions (26/2026 Điều 7.6.d), every member
signing remotely and the chair concluding without a meeting; the minutes record the form."""

from sqlalchemy import select

from evalapp.certificates.models import Certificate
from evalapp.councils.models import CouncilSession, SessionMode, SessionState
from evalapp.demo.written import CONCLUSION, SESSION_TITLE, TRAY
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.results.services import current_result
from tests.integration.home.test_demo_commune import demo, login, pdf_text  # noqa: F401

SECRETARY = "thuky.ninhbinh@evalapp-demo.vn"


def written_session() -> CouncilSession:
    return db.session.scalars(
        select(CouncilSession).where(CouncilSession.title == SESSION_TITLE)
    ).one()


def test_the_producer_sees_the_re_evaluation_of_its_2023_certificate(demo, app):  # noqa: F811
    [item] = written_session().agenda
    dossier = item.dossier
    assert dossier.registration_type is RegistrationType.RE_EVALUATION
    old = db.session.scalars(select(Certificate).where(Certificate.product_name == TRAY.name)).one()
    assert old.rulebook_code == "1048-2019"
    assert dossier.previous_certificate == old.number
    producer = login(app, "hieulam@evalapp-demo.vn")
    page = producer.get(f"/dossiers/{dossier.id}").text
    assert TRAY.name in page and old.number in page


def test_the_written_session_was_concluded_without_a_meeting(demo, app):  # noqa: F811
    session = written_session()
    assert session.mode is SessionMode.WRITTEN and session.state is SessionState.CLOSED
    assert session.opened_at is None and session.attendance == []  # never met, nobody present
    [item] = session.agenda
    assert CONCLUSION in current_result(item).conclusion
    secretary = login(app, SECRETARY)
    page = secretary.get(f"/councils/sessions/{session.id}").text
    assert "Không họp (lấy ý kiến bằng văn bản)" in page
    minutes = " ".join(
        pdf_text(secretary.get(f"/reports/sessions/{session.id}/minutes.pdf")).split()
    )
    assert "Hội đồng đánh giá theo hình thức lấy ý kiến bằng văn bản" in minutes
    assert "không tổ chức họp trực tiếp" in minutes
    assert "Thành viên số 1 ký phiếu lúc" in minutes
