"""The two levels in the demo (`demo.ministry`): Ninh Bình's decided 26/2026 round recognised the
4★ product only, sent a written notice of every result (the 2★ one included), and proposed the
5★ class to the ministry, whose OCOP office finds it in its intake with the bundle."""

from sqlalchemy import select

from evalapp.certificates.models import Certificate
from evalapp.dossiers.models import DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.proposals.models import FiveStarProposal
from evalapp.results.models import FinalResult, Forwarding
from tests.integration.home.test_demo_commune import demo, dossier_of, login, pdf_text  # noqa: F401

MINISTRY = "thuky.bo@evalapp-demo.vn"


def test_the_decided_round_notified_every_result_and_certified_the_4_stars(demo, app):  # noqa: F811
    results = {
        r.dossier.product.name: r
        for r in db.session.scalars(
            select(FinalResult).where(
                FinalResult.rulebook_code == "26-2026",
                FinalResult.dossier.has(registration_type=RegistrationType.FIRST_TIME),
            )
        )
    }
    assert {name: r.stars for name, r in results.items()} == {
        "Đèn cói trang trí (mẫu)": 5,
        "Bình hoa đay (mẫu)": 4,
        "Đĩa lót đay (mẫu)": 2,
    }
    assert all(r.notice is not None for r in results.values())
    certified = db.session.scalars(
        select(Certificate.product_name).where(Certificate.rulebook_code == "26-2026")
    ).all()
    assert certified == ["Bình hoa đay (mẫu)"]
    assert results["Đèn cói trang trí (mẫu)"].decision is None
    producer = login(app, "hieulam@evalapp-demo.vn")
    two = results["Đĩa lót đay (mẫu)"]
    page = producer.get(f"/dossiers/{two.dossier_id}").text
    assert 'id="result-notice"' in page
    notice = " ".join(pdf_text(producer.get(f"/notices/{two.notice.id}.pdf")).split())
    assert "Đĩa lót đay (mẫu)" in notice and "Điều 4.1.a" in notice


def test_the_ministry_office_finds_the_proposal_in_its_intake(demo, app):  # noqa: F811
    forwarding = db.session.scalars(
        select(Forwarding).where(Forwarding.to_level == "central")
    ).one()
    assert forwarding.dossier.state is DossierState.FORWARDED
    office = login(app, MINISTRY)
    queue = office.get("/dossiers/intake").text
    assert "Đèn cói trang trí (mẫu)" in queue and "Tỉnh Ninh Bình" in queue
    page = office.get(f"/dossiers/{forwarding.dossier_id}").text
    assert 'id="proposal-bundle"' in page and "1610/QĐ-UBND (mẫu)" in page
    proposal = db.session.scalars(
        select(FiveStarProposal).where(FiveStarProposal.forwarding_id == forwarding.id)
    ).one()
    letter = " ".join(pdf_text(office.get(f"/proposals/{proposal.id}/letter.pdf")).split())
    assert "Kính gửi: Bộ Nông nghiệp và Môi trường" in letter and "2875/UBND-NN (mẫu)" in letter
