"""The producer's outcome: only its own, only once published, with the gap report, no sheet."""

import pytest
from sqlalchemy import select

from evalapp.extensions import db
from evalapp.results.models import FinalResult
from evalapp.results.services import publish_result
from tests.factories import make_decision, make_organisation, make_producer
from tests.integration.results.test_finalise import finalise


@pytest.fixture
def finalised(scored, client, auth):
    auth.login(scored.chair.user)
    finalise(client, scored)
    auth.logout()
    db.session.expire_all()
    scored.result = db.session.scalars(select(FinalResult)).one()
    scored.producer = make_producer(scored.item.dossier.organisation)
    return scored


def outcome(client, meeting):
    return client.get(f"/results/dossiers/{meeting.item.dossier_id}")


def test_before_publication_the_producer_sees_no_figure(finalised, client, auth):
    auth.login(finalised.producer)
    response = outcome(client, finalised)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "chưa được công bố" in page
    assert "72,00" not in page and "sao" not in page.split("<main", 1)[1]


def test_once_published_the_producer_sees_the_class_parts_and_gap(finalised, client, auth):
    decision = make_decision(finalised.council.round, issued=False, number="15/QĐ-UBND")
    publish_result(finalised.result, decision, finalised.secretary.user)
    db.session.commit()
    auth.login(finalised.producer)
    page = outcome(client, finalised).get_data(as_text=True)
    assert "72,00" in page
    assert "Quyết định số 15/QĐ-UBND" in page
    assert "26,25" in page and "15,25" in page and "30,50" in page  # the parts
    assert "Để đạt 5 sao cần thêm 18,00 điểm (từ 90,00 điểm)" in page
    assert "1.5 " in page and "có thể thêm tới 3,00 điểm" in page
    assert "chỉ được chấm khi tiêu chí 5.1" in page  # 5.2 and 5.3 depend on 5.1
    # never a member's sheet: no member number, no individual total
    assert "thành viên số" not in page and "74,00" not in page and "70,00" not in page
    for member in finalised.members:
        assert member.user.full_name not in page
    dossier_page = client.get(f"/dossiers/{finalised.item.dossier_id}").get_data(as_text=True)
    assert f"/results/dossiers/{finalised.item.dossier_id}" in dossier_page


def test_another_organisations_producer_is_refused(finalised, client, auth):
    make_decision(finalised.council.round, [finalised.result])
    db.session.commit()
    other = make_producer(make_organisation())
    auth.login(other)
    assert outcome(client, finalised).status_code == 403


def test_a_district_decision_under_1048_publishes_no_star_class(finalised, client, auth):
    """1048/QĐ-TTg: the district council evaluates and proposes; only the province recognises
    3★ and 4★, so the producer never reads "Đạt 4 sao" under a district decision."""
    decision = make_decision(finalised.council.round, issued=False, number="123/QĐ-UBND")
    publish_result(finalised.result, decision, finalised.secretary.user)
    db.session.commit()
    auth.login(finalised.producer)
    page = outcome(client, finalised).get_data(as_text=True)
    shown = page.split('id="outcome-class">', 1)[1].split("</dd>", 1)[0]
    assert "Đạt 4 sao" not in page and "★" not in shown
    assert "Hội đồng cấp huyện không công nhận hạng sao." in shown
    assert "Sản phẩm được đề nghị Hội đồng cấp tỉnh đánh giá, phân hạng." in shown
    assert "72,00" in page and "Quyết định số 123/QĐ-UBND" in page
