"""The producer's self-assessment beside the member's sheet: under each criterion the option the
producer expects, its description and its evidence, opened through the dossier's document view
(Mẫu 02 Phần III)."""

from evalapp.common.files import store_upload
from evalapp.common.uploads import check_upload
from evalapp.dossiers.models import DossierDocument, RegistrationType, SelfAssessmentClaim
from evalapp.extensions import db
from evalapp.rules import load_sheet
from evalapp.units.models import UnitLevel
from tests.factories import make_producer, make_round, make_unit
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES, pdf_file
from tests.integration.scoring.conftest import open_meeting
from tests.integration.scoring.test_advisory import seat_adviser


def with_claims(dossier, registration_type=RegistrationType.FIRST_TIME) -> DossierDocument:
    """The dossier's self-assessment, with a description and a certificate of origin proving
    criteria 1.1 and 6.3."""
    producer = make_producer(dossier.organisation)
    upload = check_upload(pdf_file("Giấy xác nhận nguồn cói.pdf"), ["pdf"], 10)
    document = DossierDocument(
        item_code="phuong_an_kinh_doanh", file=store_upload(upload, producer)
    )
    dossier.documents.append(document)
    dossier.registration_type = registration_type
    dossier.self_assessment = dict(HIEU_LAM_CHOICES)
    dossier.claims += [
        SelfAssessmentClaim(
            criterion_code="1.1",
            description="Cói mua của hợp tác xã Kim Sơn.",
            changes="Thêm vùng nguyên liệu Yên Khánh.",
            documents=[document],
        ),
        SelfAssessmentClaim(criterion_code="6.3", documents=[document]),
    ]
    db.session.commit()
    return document


def claim_block(page: str, code: str) -> str:
    return page.split(f'id="claim-{code}"')[1].split("</fieldset>")[0]


def test_a_member_reads_the_claim_and_opens_its_evidence(client, auth, meeting):
    document = with_claims(meeting.item.dossier)
    auth.login(meeting.members[1].user)
    page = client.get(f"/scoring/items/{meeting.item.id}").text
    option = load_sheet("1048-2019", "tcmn-trang-tri").criterion("1.1").level("4")
    block = claim_block(page, "1.1")
    assert "Chủ thể tự đánh giá:" in block and option.text.get("vi") in block
    assert "Cói mua của hợp tác xã Kim Sơn." in block
    assert f'href="/dossiers/documents/{document.id}"' in block
    assert "Giấy xác nhận nguồn cói.pdf" in claim_block(page, "6.3")
    assert "Thay đổi so với khi được công nhận" not in page  # a first registration
    with client.get(f"/dossiers/documents/{document.id}") as response:
        assert response.status_code == 200 and response.data.startswith(b"%PDF")


def test_an_upgrade_shows_what_changed_since_recognition(client, auth, meeting):
    with_claims(meeting.item.dossier, RegistrationType.UPGRADE)
    auth.login(meeting.chair.user)
    block = claim_block(client.get(f"/scoring/items/{meeting.item.id}").text, "1.1")
    assert "Thay đổi so với khi được công nhận:" in block
    assert "Thêm vùng nguyên liệu Yên Khánh." in block


def test_the_advisory_group_reads_the_claims_too(client, auth, meeting):
    document = with_claims(meeting.item.dossier)
    adviser = seat_adviser(meeting.council)
    auth.login(adviser.user)
    page = client.get(f"/scoring/items/{meeting.item.id}/advisory").text
    block = page.split('id="claim-1.1"')[1].split('name="note-1.1"')[0]
    assert "Cói mua của hợp tác xã Kim Sơn." in block
    assert f'href="/dossiers/documents/{document.id}"' in block


def test_a_member_of_another_council_cannot_open_the_evidence(client, auth, meeting):
    document = with_claims(meeting.item.dossier)
    province = make_unit("Tỉnh Thanh Hóa", code="TH")
    district = make_unit("Huyện Nga Sơn", UnitLevel.DISTRICT, parent=province, code="TH-NS")
    commune = make_unit("Xã Nga Thủy", UnitLevel.COMMUNE, parent=district)
    other = open_meeting(make_round(district, level_code="district"), commune, "HTX Cói Nga Sơn")
    auth.login(other.members[1].user)
    page = client.get(f"/scoring/items/{other.item.id}").text
    assert "Cói mua của hợp tác xã Kim Sơn." not in page and 'id="claim-' not in page
    assert client.get(f"/dossiers/documents/{document.id}").status_code == 403
    assert client.get(f"/scoring/items/{meeting.item.id}").status_code == 403
