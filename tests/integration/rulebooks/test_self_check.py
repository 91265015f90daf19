"""The public self-check page runs a filled sheet through the rules core."""

import re

from tests.unit.rules.test_hand_computed import HIEU_LAM_A, HIEU_LAM_B, HIEU_LAM_DECOR_C

URL = "/rulebooks/1048-2019/sheets/tcmn-trang-tri/try"


def as_query(choices: dict[str, str]) -> dict[str, str]:
    return {f"c-{code}": level for code, level in choices.items()}


def test_the_empty_sheet_offers_every_criterion_and_no_result(client):
    page = client.get(URL).text
    assert 'name="c-6.3"' in page and 'name="c-3.2"' in page
    assert "Kết quả tự chấm" not in page


def test_gio_day_hieu_lam_scores_72_and_4_stars(client):
    choices = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C}
    page = client.get(URL, query_string=as_query(choices)).text
    assert "72,00" in page
    assert "Đạt 4 sao" in page
    assert "Đủ điều kiện cấp giấy chứng nhận sản phẩm OCOP." in page
    assert "Để đạt 5 sao" in page and "Cần thêm 18 điểm" in page
    chosen = re.search(r'id="l-6\.3-4"[^>]*>', page).group(0)
    assert "checked" in chosen


def test_a_partly_filled_sheet_names_what_is_missing(client):
    page = client.get(URL, query_string=as_query(HIEU_LAM_A)).text
    # 5.2 and 5.3 are not required while 5.1 (the story) is unanswered
    assert "Còn 12 tiêu chí chưa chọn mức:" in page
    assert '<a href="#criterion-6.3">6.3' in page and '<a href="#criterion-5.2">' not in page
    assert "Đạt 4 sao" not in page


def test_a_knock_out_level_excludes_the_product(client):
    choices = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C, "1.1": "1"}
    page = client.get(URL, query_string=as_query(choices)).text
    assert "Sản phẩm bị loại" in page
    assert "Tiêu chí 1.1" in page


def test_a_tampered_level_is_reported_not_a_500(client):
    choices = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C, "6.3": "99"}
    response = client.get(URL, query_string=as_query(choices))
    assert response.status_code == 200
    assert "6.3" in response.text and "Kết quả tự chấm" in response.text
    assert "Đạt 4 sao" not in response.text


def test_self_check_in_english(client):
    client.post("/language", data={"lang": "en"})
    choices = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C}
    page = client.get(URL, query_string=as_query(choices)).text
    assert "72.00" in page and "4 stars" in page
