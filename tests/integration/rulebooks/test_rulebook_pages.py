def test_the_four_rulebooks_are_listed_and_26_2026_is_in_force(client):
    page = client.get("/rulebooks/").text
    for reference in ("1048/QĐ-TTg", "148/QĐ-TTg", "1489/QĐ-TTg", "26/2026/QĐ-TTg"):
        assert reference in page
    assert "Đang áp dụng: 26/2026/QĐ-TTg" in page
    assert "26 phiếu chấm điểm" in page
    landing = client.get("/").text
    assert "Bộ tiêu chí đang áp dụng: Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026" in landing


def test_26_2026_page_shows_annex_i_the_star_minima_rule_and_the_transition(client):
    page = client.get("/rulebooks/26-2026").text
    assert "Sản phẩm hàng thủ công mỹ nghệ" in page
    assert "Cơ quan chủ trì quản lý: Bộ Công Thương; Bộ Nông nghiệp và Môi trường" in page
    assert "Dấu sao là yêu cầu tối thiểu" in page
    assert "điểm trung bình của Hội đồng trên tiêu chí" in page
    assert "148/QĐ-TTg; 1489/QĐ-TTg có hiệu lực đến hết ngày 21/07/2026." in page
    assert "không ban hành quyết định công nhận, không cấp giấy chứng nhận" in page
    assert "Điều 11.2" in page and "Điều 12.2" in page
    assert "chưa có phiếu" not in page


def test_1048_page_shows_parts_bands_levels_and_checklist(client):
    page = client.get("/rulebooks/1048-2019").text
    assert "Sản phẩm và sức mạnh cộng đồng" in page
    assert "50 ≤ điểm &lt; 70" in page
    assert "điểm ≥ 90" in page
    assert "Chuyển lên Hội đồng cấp tỉnh khi đạt từ 50 điểm" in page
    assert "ít nhất 3/4 số thành viên" in page
    assert "Bắt buộc" in page
    assert "Thủ công mỹ nghệ, trang trí" in page


def test_1489_page_lists_the_commune_pre_review_criteria(client):
    page = client.get("/rulebooks/148-1489-2025").text
    assert "Sử dụng lao động địa phương" in page or "lao động địa phương" in page
    assert "chưa được công bố công khai" in page


def test_sheet_page_shows_levels_points_and_rules(client):
    page = client.get("/rulebooks/1048-2019/sheets/tcmn-trang-tri").text
    assert "Nguồn nguyên liệu" in page
    assert "Thiết kế độc đáo" in page
    assert "Loại sản phẩm" in page  # knock-out on 1.1 and 6.2
    assert "Chỉ chấm khi tiêu chí 5.1 đạt trên 0 điểm." in page
    assert "Trường hợp" in page  # 3.2 has two cases


def test_sheet_page_in_english(client):
    client.post("/language", data={"lang": "en"})
    page = client.get("/rulebooks/1048-2019/sheets/tcmn-trang-tri").text
    assert "Part A" in page


def test_unknown_rulebook_or_sheet_is_404(client):
    assert client.get("/rulebooks/999-2030").status_code == 404
    assert client.get("/rulebooks/..").status_code == 404
    assert client.get("/rulebooks/1048-2019/sheets/khong-co").status_code == 404


def test_every_26_2026_sheet_page_shows_its_exclusion_line_markers_and_irregularities(client):
    from evalapp.rules import list_sheets

    for sheet in list_sheets("26-2026"):
        response = client.get(f"/rulebooks/26-2026/sheets/{sheet.code}")
        assert response.status_code == 200, sheet.code
        page = response.text
        if sheet.exclusion:
            assert 'id="sheet-exclusion"' in page, sheet.code
        starred = sum(1 for leaf in sheet.leaves for level in leaf.levels if level.stars)
        assert page.count('class="badge star-minimum ms-1"') == starred, sheet.code
    tourism = client.get("/rulebooks/26-2026/sheets/26-dich-vu-du-lich-cong-dong-du-lich").text
    assert "Phiếu không có dòng “Hồ sơ bị loại khi: …”" in tourism  # listed, not invented
    honey = client.get("/rulebooks/26-2026/sheets/04-mat-ong-mat-khac-va-nong-san-thuc").text
    assert "văn bản in 13 điểm" in honey and 'id="sheet-irregularities"' in honey
    assert "không phải 13 như văn bản in" in honey


def test_trying_sheet_21_names_the_starred_requirement_it_misses(client):
    from tests.unit.rules.test_hand_computed_26_2026 import BASKET

    query = {f"c-{code}": level for code, level in (BASKET | {"2.1": "4"}).items()}
    query["c-1.4"] = "2"  # 1 point, below the **** option
    page = client.get(
        "/rulebooks/26-2026/sheets/21-thu-cong-my-nghe-gia-dung-trang-tri/try", query_string=query
    ).text
    assert "1.4 Liên kết chuỗi trong sản xuất: cần ≥ 2 điểm cho 4★ (hiện 1)." in page
    assert "3 sao" in page
