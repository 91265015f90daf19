"""After recognition in the demo (`demo.oversight`): an ad hoc inspection of the 4★ certificate
of Ninh Bình's previous 26/2026 round found the criteria of part C not maintained, and the
certificate was revoked on Điều 8.1.b by the decision the Vice-Chair signed; the secretariat, the
producer and the public each see it."""

from sqlalchemy import select

from evalapp.certificates.models import Certificate
from evalapp.extensions import db
from evalapp.inspections.models import InspectionRecord
from tests.integration.home.test_demo_commune import demo, login, pdf_text  # noqa: F401


def test_the_inspection_record_led_to_a_revocation_on_a_stated_ground(demo, app):  # noqa: F811
    certificate = db.session.scalars(
        select(Certificate).where(Certificate.product_name == "Bình hoa đay (mẫu)")
    ).one()
    record = db.session.scalars(select(InspectionRecord)).one()
    revocation = certificate.revocations[0]
    assert (revocation.ground_code, revocation.conclusion_on) == ("b", record.inspected_on)

    secretary = login(app, "thuky.ninhbinh@evalapp-demo.vn")
    page = secretary.get(f"/inspections/records/{record.id}").text
    assert "Không duy trì được tiêu chí" in page and 'id="revocation"' in page
    page = secretary.get(f"/certificates/{certificate.id}").text
    assert "Điều 8.1.b" in page and revocation.decision_number in page

    producer = login(app, "hieulam@evalapp-demo.vn")
    decision = pdf_text(producer.get(f"/certificates/{certificate.id}/revocation-decision.pdf"))
    assert "KT. CHỦ TỊCH" in decision and "Trần Song Tùng (mẫu)" in decision
    assert f"Biên bản kiểm tra số {record.reference}" in " ".join(decision.split())

    public = app.test_client().get(f"/verify/{certificate.public_id}").text
    assert 'data-status="revoked"' in public
