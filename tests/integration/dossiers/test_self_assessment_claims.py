"""Mẫu 02 Phần III: the producer's self-assessment criterion by criterion, with a description and
evidence from the dossier's own files; refusals that save nothing; a removed file's links."""

import pytest
from sqlalchemy import func, select

from evalapp.common.uploads import check_upload
from evalapp.dossiers import services
from evalapp.dossiers.claims import DESCRIPTION_MAX, part_three_rows
from evalapp.dossiers.models import (
    ItemVerdict,
    RegistrationType,
    SelfAssessmentClaim,
    claim_evidence,
)
from evalapp.dossiers.rules import sheet_of
from evalapp.extensions import db
from tests.factories import make_product
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES, complete, pdf_file, start


def attach(dossier, producer, item: str, name: str):
    document = services.attach_document(
        dossier, item, check_upload(pdf_file(name), ["pdf"], 10), producer
    )
    db.session.commit()
    return document


def form(choices=HIEU_LAM_CHOICES, **fields) -> dict:
    """What the self-assessment page posts: the options, then d-/e-/k- fields by criterion."""
    data = {f"c-{code}": level for code, level in choices.items()}
    for name, value in fields.items():
        data[name.replace("_", "-", 1).replace("_", ".")] = value
    return data


def url(dossier) -> str:
    return f"/dossiers/{dossier.id}/self-assessment"


@pytest.fixture
def draft(kim_son):
    """A draft with a business plan and a photo uploaded, no self-assessment yet."""
    dossier = start(kim_son)
    plan = attach(dossier, kim_son.producer, "phuong_an_kinh_doanh", "Phương án kinh doanh.pdf")
    photo = attach(dossier, kim_son.producer, "anh_san_pham_mau", "Ảnh giỏ đay.pdf")
    return dossier, plan, photo


def claims_in_db(dossier) -> dict:
    db.session.expire_all()
    claims = db.session.scalars(
        select(SelfAssessmentClaim).where(SelfAssessmentClaim.dossier_id == dossier.id)
    )
    return {c.criterion_code: (c.description, sorted(d.id for d in c.documents)) for c in claims}


def test_claims_are_saved_with_their_evidence_in_sheet_order(kim_son, login, draft):
    dossier, plan, photo = draft
    client = login(kim_son.producer)
    page = client.get(url(dossier)).text
    assert 'name="d-1.1"' in page and 'name="e-1.1"' in page
    assert "Phương án kinh doanh.pdf" in page and "Ảnh giỏ đay.pdf" in page
    data = form(
        d_1_1="Cói và đay mua tại Kim Sơn, 90 % nguyên liệu trong tỉnh.",
        e_1_1=[str(plan.id), str(photo.id)],
        d_6_3="Giỏ đan tay theo mẫu truyền thống.",
        e_6_3=[str(photo.id)],
    )
    response = client.post(url(dossier), data=data, follow_redirects=True)
    assert "Đã lưu phiếu tự đánh giá." in response.text
    assert "Cói và đay mua tại Kim Sơn, 90 % nguyên liệu trong tỉnh." in response.text
    assert f'value="{photo.id}" checked' in response.text
    assert claims_in_db(dossier) == {
        "1.1": ("Cói và đay mua tại Kim Sơn, 90 % nguyên liệu trong tỉnh.", [plan.id, photo.id]),
        "6.3": ("Giỏ đan tay theo mẫu truyền thống.", [photo.id]),
    }
    rows = part_three_rows(dossier)
    assert [row.code for row in rows] == [leaf.code for leaf in sheet_of(dossier).leaves]
    first = rows[0]
    assert first.level_code == "4" and first.points == 3 and first.option
    assert first.evidence_names == ("Phương án kinh doanh.pdf", "Ảnh giỏ đay.pdf")
    assert first.changes == "" and rows[1].description == "" and rows[1].evidence == ()
    # Emptying a criterion removes its claim; the other stays.
    client.post(url(dossier), data=form(d_6_3="Giỏ đan tay theo mẫu truyền thống."))
    assert claims_in_db(dossier) == {"6.3": ("Giỏ đan tay theo mẫu truyền thống.", [])}


def test_the_secretariat_reads_part_three_beside_the_files(kim_son, login, draft):
    dossier, plan, _photo = draft
    complete(dossier, kim_son)
    client = login(kim_son.producer)
    client.post(url(dossier), data=form(d_1_2="Đan thủ công tại xưởng.", e_1_2=[str(plan.id)]))
    services.submit_dossier(dossier, kim_son.producer)
    db.session.commit()
    page = client.get(url(dossier)).text  # submitted: read-only, evidence as links
    assert 'name="d-1.2"' not in page and "Đan thủ công tại xưởng." in page
    assert f'href="/dossiers/documents/{plan.id}"' in page
    staff = login(kim_son.secretary).get(f"/dossiers/{dossier.id}").text
    table = staff.split('id="part-three"')[1].split("</table>")[0]
    assert table.index("part-three-1.1") < table.index("part-three-1.2")
    assert table.index("part-three-1.2") < table.index("part-three-6.6")
    row = table.split('id="part-three-1.2"')[1].split("</tr>")[0]
    assert "Đan thủ công tại xưởng." in row and "Phương án kinh doanh.pdf" in row
    assert f'href="/dossiers/documents/{plan.id}"' in row
    assert "Thay đổi so với khi được công nhận" not in staff


def foreign_document(kim_son):
    """A file of another dossier of the same producer."""
    other = services.start_dossier(
        make_product(kim_son.organisation, "Thảm cói Kim Sơn"),
        kim_son.round,
        RegistrationType.FIRST_TIME,
        "",
        kim_son.producer,
    )
    return attach(other, kim_son.producer, "phieu_dang_ky", "Đơn của hồ sơ khác.pdf")


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("foreign", "Tiêu chí 1.1: tài liệu minh chứng số {foreign} không thuộc hồ sơ này."),
        ("option", "Tiêu chí 1.1 không có phương án “99” trong phiếu đánh giá."),
        ("criterion", "Tiêu chí “9.9” không có trong phiếu đánh giá của sản phẩm."),
        ("too_long", "Tiêu chí 1.1: phần mô tả dài 2.001 ký tự, vượt quá 2.000 ký tự."),
    ],
)
def test_bad_input_is_refused_whole_and_the_form_keeps_what_was_typed(
    kim_son, login, draft, bad, message
):
    dossier, plan, _photo = draft
    client = login(kim_son.producer)
    client.post(url(dossier), data=form(d_1_1="Bản đã lưu.", e_1_1=[str(plan.id)]))
    saved = claims_in_db(dossier)
    foreign = foreign_document(kim_son)
    data = form(
        {**HIEU_LAM_CHOICES, "1.2": "1"},
        d_1_1="Bản sửa.",
        e_1_1=[str(plan.id)],
        d_1_3="Mô tả mới cho 1.3 vẫn còn trên trang.",
    )
    if bad == "foreign":
        data["e-1.1"] = [str(plan.id), str(foreign.id)]
    elif bad == "option":
        data["c-1.1"] = "99"
    elif bad == "criterion":
        data["d-9.9"] = "Tiêu chí bịa."
    else:
        data["d-1.1"] = "x" * (DESCRIPTION_MAX + 1)
    response = client.post(url(dossier), data=data)
    assert response.status_code == 422
    page = response.text
    assert "Chưa lưu phiếu tự đánh giá vì:" in page
    assert message.format(foreign=foreign.id) in page
    assert "Mô tả mới cho 1.3 vẫn còn trên trang." in page
    assert claims_in_db(dossier) == saved
    assert dossier.self_assessment == HIEU_LAM_CHOICES  # 1.2 still "2"


def test_removing_a_file_drops_its_links_and_says_which_criteria_lose_it(kim_son, login, draft):
    dossier, plan, photo = draft
    client = login(kim_son.producer)
    client.post(
        url(dossier),
        data=form(
            d_6_1="Tay nghề thợ lâu năm.",
            e_6_1=[str(photo.id)],
            e_1_1=[str(plan.id), str(photo.id)],
        ),
    )
    workspace = client.get(f"/dossiers/{dossier.id}/edit").text
    assert "minh chứng cho tiêu chí 1.1, 6.1" in workspace
    response = client.post(
        f"/dossiers/{dossier.id}/documents/{photo.id}/remove", follow_redirects=True
    )
    assert "Đã gỡ tệp “Ảnh giỏ đay.pdf”." in response.text
    assert (
        "Các tiêu chí sau không còn tệp này làm minh chứng trong phiếu tự đánh giá: 1.1, 6.1."
        in response.text
    )
    assert claims_in_db(dossier) == {"1.1": ("", [plan.id]), "6.1": ("Tay nghề thợ lâu năm.", [])}
    assert db.session.scalar(select(func.count()).select_from(claim_evidence)) == 1


def test_an_upgrade_says_what_changed_since_recognition(kim_son, login):
    dossier = services.start_dossier(
        kim_son.product, kim_son.round, RegistrationType.UPGRADE, "12/GCN-OCOP", kim_son.producer
    )
    db.session.commit()
    client = login(kim_son.producer)
    page = client.get(url(dossier)).text
    assert 'name="k-1.1"' in page and "Thay đổi so với khi được công nhận" in page
    assert "Điều 6.1.b" in page
    client.post(url(dossier), data=form(k_1_3="Mở thêm xưởng thứ hai năm 2025."))
    rows = {row.code: row for row in part_three_rows(dossier)}
    assert rows["1.3"].changes == "Mở thêm xưởng thứ hai năm 2025."


def test_a_first_registration_has_no_changes_field(kim_son, login, draft):
    dossier, _plan, _photo = draft
    client = login(kim_son.producer)
    page = client.get(url(dossier)).text
    assert 'name="k-1.1"' not in page and "Thay đổi so với khi được công nhận" not in page
    client.post(url(dossier), data=form(k_1_3="Không áp dụng."))
    assert all(row.changes == "" for row in part_three_rows(dossier))


def test_after_submission_a_replaced_file_stays_cited_as_an_earlier_version(kim_son, login, draft):
    """Sent back for a supplement, the producer may replace the file of the item sent back; the
    submitted self-assessment does not change (only the items sent back can), so it still cites
    the earlier version, which the secretariat can open."""
    dossier, plan, _photo = draft
    complete(dossier, kim_son)
    client = login(kim_son.producer)
    client.post(url(dossier), data=form(d_1_4="Liên kết với 30 hộ đan.", e_1_4=[str(plan.id)]))
    services.submit_dossier(dossier, kim_son.producer)
    services.receive_dossier(dossier, kim_son.secretary)
    services.review_item(
        dossier, "phuong_an_kinh_doanh", ItemVerdict.NEEDS_CORRECTION, "Thiếu", kim_son.secretary
    )
    services.request_supplement(dossier, "", kim_son.secretary)
    db.session.commit()
    assert client.get(url(dossier)).text.count('name="d-1.4"') == 0  # locked
    response = client.post(
        f"/dossiers/{dossier.id}/documents/{plan.id}/remove", follow_redirects=True
    )
    assert (
        "Phiếu tự đánh giá đã nộp vẫn dẫn tệp này (bản cũ) làm minh chứng cho các tiêu chí: 1.4."
        in response.text
    )
    assert claims_in_db(dossier)["1.4"] == ("Liên kết với 30 hộ đan.", [plan.id])
    staff = login(kim_son.secretary).get(f"/dossiers/{dossier.id}").text
    row = staff.split('id="part-three-1.4"')[1].split("</tr>")[0]
    assert f'href="/dossiers/documents/{plan.id}"' in row and "bản cũ" in row
