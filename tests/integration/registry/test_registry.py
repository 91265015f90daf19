"""The public registry of OCOP products: search without accents, filters, valid ones first."""

import re
from datetime import date, timedelta

from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_organisation, make_unit
from tests.integration.registry.issued import Issuer


def listed(client, **query) -> list[str]:
    response = client.get("/registry", query_string=query)
    assert response.status_code == 200
    rows = re.findall(
        r'<a class="fw-semibold[^"]*" href="/verify/[^"]+">([^<]+)</a>', response.text
    )
    return rows


def organisation_in(province, name):
    commune = make_unit(level=UnitLevel.COMMUNE, parent=province)
    return make_organisation(commune=commune, name=name)


def test_search_ignores_accents_and_case(client, issuer):
    today = local_today()
    issuer.certificate(product_name="Giỏ đay Hiếu Lâm", issued_on=today)
    issuer.certificate(
        organisation_in(issuer.province, "Công ty Cổ phần Trà Đắk Lắk"),
        product_name="Trà xanh túi lọc",
        issued_on=today,
    )
    db.session.commit()
    assert listed(client, q="gio day") == ["Giỏ đay Hiếu Lâm"]
    assert listed(client, q="GIỎ ĐAY") == ["Giỏ đay Hiếu Lâm"]
    assert listed(client, q="dak lak") == ["Trà xanh túi lọc"]  # the producer's name
    assert listed(client, q="tra  TUI") == ["Trà xanh túi lọc"]
    assert listed(client, q="mien dong") == []
    assert "Không có sản phẩm nào phù hợp." in client.get("/registry?q=mien+dong").text


def test_filters_by_province_group_stars_and_status(client):
    today = local_today()
    ninh_binh = Issuer()
    thanh_hoa = Issuer(make_unit("Tỉnh Thanh Hóa", code="TH"), rulebook_code="148-2023")
    ninh_binh.certificate(product_name="Giỏ đay", stars=4, issued_on=today)
    ninh_binh.certificate(product_name="Cói mỹ nghệ", stars=3, expires_on=today - timedelta(1))
    thanh_hoa.certificate(product_name="Nem chua", stars=4, issued_on=today, group_code="4")
    db.session.commit()
    assert listed(client, province="Tỉnh Thanh Hóa") == ["Nem chua"]
    assert sorted(listed(client, stars="4")) == ["Giỏ đay", "Nem chua"]
    assert listed(client, status="expired") == ["Cói mỹ nghệ"]
    assert sorted(listed(client, status="valid")) == ["Giỏ đay", "Nem chua"]
    # Group 5 of 1048/2019 is decoration; group 4 of 148/2023 handicrafts: chosen by name.
    assert sorted(listed(client, group="luu-niem-noi-that-trang-tri")) == [
        "Cói mỹ nghệ",
        "Giỏ đay",
    ]
    assert listed(client, group="hang-thu-cong-my-nghe") == ["Nem chua"]
    page = client.get("/registry").text
    assert '<option value="Tỉnh Thanh Hóa">' in page
    assert "Hàng thủ công mỹ nghệ" in page


def test_valid_certificates_come_first(client, issuer):
    today = local_today()
    issuer.certificate(product_name="Cũ hết hạn", issued_on=date(2020, 1, 1))
    issuer.certificate(product_name="Mới còn hạn", issued_on=today)
    issuer.certificate(product_name="Đã thu hồi", issued_on=today, revoked_on=today)
    issuer.certificate(product_name="Còn hạn năm trước", issued_on=today - timedelta(days=365))
    db.session.commit()
    assert listed(client) == ["Mới còn hạn", "Còn hạn năm trước", "Đã thu hồi", "Cũ hết hạn"]


def test_paginated_by_thirty_and_links_to_the_verify_page(client, issuer):
    organisation = make_organisation()
    for n in range(32):
        issuer.certificate(organisation, product_name=f"Sản phẩm {n:02d}", issued_on=local_today())
    db.session.commit()
    first = listed(client)
    assert len(first) == 30
    page = client.get("/registry").text
    assert "32 giấy chứng nhận" in page
    following = re.search(r'rel="next" href="(/registry\?cursor=[^"]+)"', page).group(1)
    assert len(listed(client, cursor=following.split("cursor=")[1].split("&")[0])) == 2


def test_hand_edited_filters_are_ignored_not_errors(client, issuer):
    issuer.certificate(product_name="Giỏ đay", issued_on=local_today())
    db.session.commit()
    assert listed(client, stars="9", status="bogus", group="x", page="x") == ["Giỏ đay"]


def test_the_landing_page_links_to_the_registry(client):
    assert 'href="/registry"' in client.get("/").text
