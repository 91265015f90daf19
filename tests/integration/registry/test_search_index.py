"""The registry at a province's scale: the search is served by the folded index (the same on
SQLite and PostgreSQL), counts every match, and pages by cursor."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select, text, update

from evalapp.certificates.models import Certificate
from evalapp.common.search import fts_table
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.producers.models import Product
from evalapp.registry.queries import provinces
from tests.factories import make_organisation, make_unit
from tests.integration.registry.issued import Issuer
from tests.integration.registry.test_registry import listed


def page_of(client, url="/registry", **query):
    response = client.get(url, query_string=query or None)
    assert response.status_code == 200
    return response.text


def names_on(page: str) -> list[str]:
    return re.findall(r'<a class="fw-semibold[^"]*" href="/verify/[^"]+">([^<]+)</a>', page)


def link(page: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def every_page(client, **query) -> list[list[str]]:
    pages, page = [], page_of(client, **query)
    while True:
        pages.append(names_on(page))
        following = link(page, "next")
        if following is None:
            return pages
        page = page_of(client, following)


@pytest.mark.parametrize("typed", ["gio coi", "giỏ cói", "GIỎ CÓI", "coi   GIO", "Giỏ"])
def test_accents_case_and_word_order_aside_every_word_is_found(client, issuer, typed):
    issuer.certificate(product_name="Giỏ cói", issued_on=local_today())
    issuer.certificate(product_name="Túi cói", issued_on=local_today())
    issuer.certificate(product_name="Chiếu cói", issued_on=local_today())
    db.session.commit()
    assert listed(client, q=typed) == ["Giỏ cói"]
    assert sorted(listed(client, q="cói")) == ["Chiếu cói", "Giỏ cói", "Túi cói"]


def test_words_match_in_the_product_or_the_producer_and_short_words_too(client, issuer):
    hieu_lam = make_organisation(name="Hợp tác xã Hiếu Lâm")
    nga_son = make_organisation(name="Công ty Cói Nga Sơn")
    issuer.certificate(hieu_lam, product_name="Giỏ cói", issued_on=local_today())
    issuer.certificate(nga_son, product_name="Giỏ cói Nga Sơn", issued_on=local_today())
    db.session.commit()
    assert listed(client, q="gio hieu lam") == ["Giỏ cói"]  # product and producer
    assert listed(client, q="coi nga son") == ["Giỏ cói Nga Sơn"]  # short words: LIKE
    assert listed(client, q="coi bac") == []  # every word must match


@pytest.mark.parametrize("typed", ["%", "_", "%%", "g_o", "gi%"])
def test_wildcards_typed_are_letters(client, issuer, typed):
    issuer.certificate(product_name="Giỏ cói", issued_on=local_today())
    issuer.certificate(product_name="Nước mắm 1000 ngày", issued_on=local_today())
    db.session.commit()
    assert listed(client, q=typed) == []
    issuer.certificate(product_name="Nước mắm 100% cá cơm", issued_on=local_today())
    db.session.commit()
    assert listed(client, q="100%") == ["Nước mắm 100% cá cơm"]


def test_every_match_is_counted_and_listed_once_valid_first(client, issuer):
    today = local_today()
    for n in range(34):
        issuer.certificate(product_name=f"Giỏ cói {n:02d}", issued_on=today - timedelta(days=n))
    issuer.certificate(product_name="Giỏ cói thu hồi", issued_on=today, revoked_on=today)
    issuer.certificate(product_name="Giỏ cói hết hạn", issued_on=date(2019, 1, 1))
    issuer.certificate(product_name="Chiếu cói", issued_on=today)
    db.session.commit()
    first = page_of(client, q="gio coi")
    assert "36 giấy chứng nhận" in first
    pages = every_page(client, q="gio coi")
    assert [len(p) for p in pages] == [30, 6]
    names = [name for p in pages for name in p]
    assert names == [f"Giỏ cói {n:02d}" for n in range(34)] + [
        "Giỏ cói thu hồi",
        "Giỏ cói hết hạn",
    ]


def test_next_and_previous_pages_carry_their_number(client, issuer):
    organisation = make_organisation()
    for n in range(65):
        issuer.certificate(organisation, product_name=f"Sản phẩm {n:02d}", issued_on=local_today())
    db.session.commit()
    first = page_of(client)
    assert "Trang 1 / 3" in first and link(first, "prev") is None
    second = page_of(client, link(first, "next"))
    third = page_of(client, link(second, "next"))
    assert "Trang 3 / 3" in third and link(third, "next") is None
    assert names_on(third) == [f"Sản phẩm {n:02d}" for n in range(60, 65)]
    back = page_of(client, link(third, "prev"))
    assert "Trang 2 / 3" in back and names_on(back) == names_on(second)
    assert names_on(page_of(client, link(back, "prev"))) == names_on(first)


@pytest.mark.parametrize(
    "cursor", ["x", "a" * 500, "WyJhIiwgWzAsICIyMDI2LTAxLTAxIiwgIngiLCAxXSwgOSwgW11d.xxxx", "%00"]
)
def test_a_hand_made_cursor_gives_the_first_page(client, issuer, cursor):
    issuer.certificate(product_name="Giỏ cói", issued_on=local_today())
    db.session.commit()
    response = client.get("/registry", query_string={"cursor": cursor})
    assert response.status_code in (200, 400)  # a NUL byte is refused with a message
    if response.status_code == 200:
        assert names_on(response.text) == ["Giỏ cói"]


def test_a_cursor_of_another_search_gives_that_search_s_first_page(client, issuer):
    for n in range(31):
        issuer.certificate(product_name=f"Giỏ cói {n:02d}", issued_on=local_today())
    issuer.certificate(product_name="Chiếu cói", issued_on=local_today())
    db.session.commit()
    following = link(page_of(client, q="gio"), "next")
    moved = following.replace("q=gio", "q=coi")
    assert names_on(page_of(client, moved))[0] == "Chiếu cói"


def test_the_folded_names_follow_every_write(app, issuer):
    certificate = issuer.certificate(product_name="Giỏ Cói", issued_on=local_today())
    db.session.commit()
    assert certificate.search_text == "gio coi hop tac xa may tre dan hieu lam"
    certificate.product_name = "Thảm Đay"
    db.session.commit()
    db.session.expire_all()
    assert certificate.search_text == "tham day hop tac xa may tre dan hieu lam"
    # A bulk insert (as a data import or the load bench writes rows) is folded too.
    values = dict(rulebook_code="1048-2019", group_code="1", subgroup_code="1.1")
    db.session.execute(
        insert(Product),
        [dict(organisation_id=certificate.organisation_id, name="Nón Lá Huế", **values)],
    )
    assert db.session.scalar(select(Product.search_text).where(Product.name == "Nón Lá Huế")) == (
        "non la hue"
    )


def test_flask_search_rebuild_mends_names_written_without_folding(app, runner, issuer, client):
    issuer.certificate(product_name="Giỏ cói", issued_on=local_today())
    db.session.commit()
    db.session.execute(update(Certificate).values(search_text=""))
    db.session.commit()
    assert listed(client, q="gio coi") == []
    result = runner.invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "certificates: 1 row(s) folded again" in result.output
    assert listed(client, q="gio coi") == ["Giỏ cói"]


def test_the_search_indexes_exist_after_the_migrations(app):
    if db.engine.name == "sqlite":
        tables = {r[0] for r in db.session.execute(text("SELECT name FROM sqlite_master"))}
        for table in ("certificates", "products", "dossiers", "organisations", "users"):
            fts = fts_table(table)
            assert {fts, f"{fts}_insert", f"{fts}_update", f"{fts}_delete"} <= tables
    else:
        indexes = set(db.session.scalars(text("SELECT indexname FROM pg_indexes")))
        assert "ix_certificates_search_trgm" in indexes and "ix_users_search_trgm" in indexes


def test_the_provinces_are_those_named_on_certificates(app):
    thanh_hoa = Issuer(make_unit("Tỉnh Thanh Hóa", code="TH38"))
    thanh_hoa.certificate(issued_on=local_today())
    thanh_hoa.certificate(issued_on=local_today())
    Issuer(make_unit("Tỉnh Bắc Ninh", code="BN24")).certificate(issued_on=local_today())
    db.session.commit()
    assert provinces() == ["Tỉnh Bắc Ninh", "Tỉnh Thanh Hóa"]


def test_beyond_the_counted_limit_the_count_says_more_and_every_match_is_still_listed(
    client, issuer, monkeypatch
):
    monkeypatch.setattr("evalapp.registry.queries.COUNT_LIMIT", 20)
    for n in range(33):
        issuer.certificate(product_name=f"Giỏ cói {n:02d}", issued_on=local_today())
    db.session.commit()
    first = page_of(client, q="gio coi")
    assert "Hơn 20 giấy chứng nhận" in first and "Trang 1" in first and "Trang 1 /" not in first
    pages = every_page(client, q="gio coi")
    assert sorted(name for p in pages for name in p) == [f"Giỏ cói {n:02d}" for n in range(33)]
