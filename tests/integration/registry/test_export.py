"""The public register as a file (issue 18, item 2): the filtered matches, as the page shows
them, bounded and rate-limited."""

import csv
import io

from openpyxl import load_workbook

from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.registry import exports


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_the_register_downloads_what_its_filters_match(client, issuer):
    today = local_today()
    issuer.certificate(product_name="Giỏ đay Hiếu Lâm", stars=4, issued_on=today)
    issuer.certificate(product_name="Chiếu cói Kim Sơn", stars=3, issued_on=today)
    db.session.commit()
    page = client.get("/registry?q=gio&stars=4").text
    assert 'href="/registry/export.csv?q=gio&amp;stars=4"' in page

    rows = rows_of(client.get("/registry/export.csv?q=gio&stars=4"))
    assert rows[0][:3] == ["Số giấy chứng nhận", "Sản phẩm", "Chủ thể"]
    assert [row[1] for row in rows[1:]] == ["Giỏ đay Hiếu Lâm"]
    assert rows[1][5] == "4" and rows[1][8] == "Còn hiệu lực" and "/verify/" in rows[1][9]

    workbook = load_workbook(io.BytesIO(client.get("/registry/export.xlsx").data))
    names = sorted(row[1] for row in list(workbook.active.values)[1:])
    assert names == ["Chiếu cói Kim Sơn", "Giỏ đay Hiếu Lâm"]


def test_a_certificate_whose_signature_fails_has_no_class_in_the_file(client, issuer):
    certificate = issuer.certificate(product_name="Giỏ đay Hiếu Lâm", issued_on=local_today())
    certificate.signature = "forged"
    db.session.commit()
    [row] = rows_of(client.get("/registry/export.csv"))[1:]
    assert row[5] == "" and row[8] == "Không xác thực được"


def test_too_many_matches_are_refused_with_what_to_do(client, issuer, monkeypatch):
    for name in ("Giỏ đay", "Chiếu cói", "Nón lá"):
        issuer.certificate(product_name=name, issued_on=local_today())
    db.session.commit()
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    response = client.get("/registry/export.xlsx")
    assert response.status_code == 400
    assert "Quá nhiều kết quả để tải" in response.text and "/api/v1/certificates" in response.text


def test_the_download_is_rate_limited_per_address(app, client, issuer):
    app.config["REGISTRY_EXPORT_RATE_LIMIT"] = "1 per minute"
    assert client.get("/registry/export.csv").status_code == 200
    assert client.get("/registry/export.csv").status_code == 429


def test_a_hand_made_filter_named_like_the_format_is_ignored(client, issuer):
    assert client.get("/registry?kind=pdf&stars=x").status_code == 200
