"""26/2026 Phụ lục II: the member's sheet shows the product code in its header."""

from evalapp.extensions import db


def test_the_sheet_header_shows_the_product_code(client, auth, meeting26):
    meeting26.item.dossier.product_code = "37-14464-007-2026"
    db.session.commit()
    member = meeting26.members[1]
    auth.login(member.user)
    page = client.get(f"/scoring/items/{meeting26.item.id}").get_data(as_text=True)
    assert "Mã số sản phẩm 37-14464-007-2026" in page


def test_a_sheet_without_a_product_code_shows_none(client, auth, meeting):
    auth.login(meeting.members[1].user)
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "Mã số sản phẩm" not in page
