def test_the_three_rulebooks_are_listed(client):
    page = client.get("/rulebooks/").text
    for reference in ("1048/QĐ-TTg", "148/QĐ-TTg", "1489/QĐ-TTg"):
        assert reference in page


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
