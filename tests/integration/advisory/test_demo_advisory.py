"""The demo's advisory group: Ninh Bình's 2026 dossiers assigned to tuvan.kimson, a site visit
with a photo, a lab test with its result and a submitted report on Giỏ đay Hiếu Lâm, which the
chair reads beside the dossier."""

import pytest
from sqlalchemy import select

from evalapp.advisory.models import AdvisoryAssignment, AdvisoryReport, LabTestRequest, SiteVisit
from evalapp.demo.data import DEMO_PASSWORD
from evalapp.extensions import db


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def login(app, email: str):
    client = app.test_client()
    client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
    return client


def test_demo_advisory_group(demo, app):
    report = db.session.scalars(select(AdvisoryReport)).one()
    assert report.is_submitted and report.dossier.product.name == "Giỏ đay Hiếu Lâm"
    assert db.session.scalars(select(AdvisoryAssignment)).all()
    visit = db.session.scalars(select(SiteVisit)).one()
    assert visit.photos and set(visit.findings) == {"1.1", "1.4"}
    test = db.session.scalars(select(LabTestRequest)).one()
    assert test.passed and test.result_file is not None

    queue = login(app, "tuvan.kimson@evalapp-demo.vn").get("/advisory/")
    assert queue.status_code == 200 and "Giỏ đay Hiếu Lâm" in queue.text
    chair = login(app, "chutich.kimson@evalapp-demo.vn")
    page = chair.get(f"/dossiers/{report.dossier_id}")
    assert "Tổ tư vấn đề nghị Hội đồng đánh giá" in page.text
    assert chair.get(f"/advisory/dossiers/{report.dossier_id}/report.pdf").status_code == 200
