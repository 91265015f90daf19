import io

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.producers.models import Product, ProductPhoto
from tests.factories import make_organisation, make_producer, make_product, make_unit, make_user
from tests.integration.faults import is_missing_file_page, lose_stored_file
from tests.integration.producers.helpers import add_photo, exe_bytes, png_bytes


def product_data(**changes) -> dict:
    return {
        "name": "Giỏ đay Hiếu Lâm",
        "subgroup": "I.3.c",
        "description": "Đan tay từ sợi đay tự nhiên.",
        **changes,
    }


def test_a_producer_adds_a_product_with_photos_and_sees_them(client, auth, commune):
    producer = make_producer(make_organisation(commune))
    auth.login(producer)
    photos = [(io.BytesIO(png_bytes()), "giỏ đay.png"), (io.BytesIO(png_bytes()), "mặt bên.png")]

    response = client.post("/producers/products/new", data=product_data(photos=photos))

    product = db.session.scalars(select(Product)).one()
    assert response.headers["Location"].endswith(f"/producers/products/{product.id}")
    assert (product.rulebook_code, product.group_code, product.subgroup_code) == (
        "26-2026",
        "I",
        "I.3.c",
    )
    assert [photo.file.original_name for photo in product.photos] == ["giỏ đay.png", "mặt bên.png"]
    page = client.get(f"/producers/products/{product.id}").get_data(as_text=True)
    assert f"/producers/photos/{product.photos[0].id}" in page
    with client.get(f"/producers/photos/{product.photos[0].id}") as image:
        assert image.status_code == 200 and image.mimetype == "image/png"
        assert image.data.startswith(b"\x89PNG")
    assert "Giỏ đay Hiếu Lâm" in client.get("/producers/products").get_data(as_text=True)


def test_the_product_form_offers_the_current_classification_by_group(client, auth):
    auth.login(make_producer())
    html = client.get("/producers/products/new").get_data(as_text=True)
    assert '<optgroup label="Sản phẩm thực phẩm">' in html  # 26/2026 Phụ lục I
    assert "Thực phẩm chế biến — Chế biến từ rau, củ, quả, hạt" in html


def test_a_producer_edits_a_product_and_removes_a_photo(client, auth):
    producer = make_producer()
    product = make_product(producer.organisation)
    photo = add_photo(product, producer)
    db.session.commit()
    auth.login(producer)

    client.post(
        f"/producers/products/{product.id}",
        data={"name": "Giỏ đay mới", "subgroup": "5.01", "description": ""},
    )
    client.post(f"/producers/photos/{photo.id}/remove")

    db.session.refresh(product)
    assert product.name == "Giỏ đay mới" and product.rulebook_code == "1048-2019"
    assert product.photos == []
    assert client.get(f"/producers/photos/{photo.id}").status_code == 404


def test_an_exe_named_png_is_refused_and_what_was_typed_stays(client, auth):
    producer = make_producer()
    product = make_product(producer.organisation, name="Giỏ đay cũ")
    add_photo(product, producer)
    db.session.commit()
    auth.login(producer)

    response = client.post(
        f"/producers/products/{product.id}",
        data={
            "name": "Tên mới đang gõ",
            "subgroup": "5.01",
            "photos": [(io.BytesIO(exe_bytes()), "anh.png")],
        },
    )

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tệp “anh.png” không thuộc loại được phép. Chỉ nhận: JPEG, PNG." in html
    assert 'value="Tên mới đang gõ"' in html
    assert f"/producers/photos/{product.photos[0].id}" in html
    db.session.refresh(product)
    assert product.name == "Giỏ đay cũ" and len(product.photos) == 1


def test_a_rejected_photo_on_a_new_product_keeps_the_typed_fields(client, auth):
    auth.login(make_producer())

    response = client.post(
        "/producers/products/new",
        data=product_data(photos=[(io.BytesIO(exe_bytes()), "anh.png")]),
    )

    html = response.get_data(as_text=True)
    assert "không thuộc loại được phép" in html
    assert 'value="Giỏ đay Hiếu Lâm"' in html
    assert "Đan tay từ sợi đay tự nhiên." in html
    assert db.session.scalars(select(Product)).all() == []


def test_another_producer_gets_nothing_of_a_product(client, auth):
    owner = make_producer()
    product = make_product(owner.organisation)
    photo = add_photo(product, owner)
    db.session.commit()
    auth.login(make_producer())

    assert client.get(f"/producers/products/{product.id}").status_code == 403
    assert client.post(f"/producers/products/{product.id}", data=product_data()).status_code == 403
    assert client.get(f"/producers/photos/{photo.id}").status_code == 403
    assert client.post(f"/producers/photos/{photo.id}/remove").status_code == 403
    assert "Giỏ đay thử" not in client.get("/producers/products").get_data(as_text=True)
    db.session.refresh(product)
    assert product.name == "Giỏ đay thử" and len(product.photos) == 1


def test_photos_are_shown_to_the_unit_s_secretariat_only(client, auth, province, commune):
    owner = make_producer(make_organisation(commune))
    photo = add_photo(make_product(owner.organisation), owner)
    db.session.commit()

    auth.login(make_user(Role.SECRETARY, unit=province))
    with client.get(f"/producers/photos/{photo.id}") as image:
        assert image.status_code == 200
    auth.logout()
    auth.login(make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác")))
    assert client.get(f"/producers/photos/{photo.id}").status_code == 403


def test_a_producer_edits_only_its_own_organisation(client, auth):
    producer = make_producer()
    auth.login(producer)
    organisation = producer.organisation

    page = client.get("/producers/organisation/edit").get_data(as_text=True)
    client.post(
        "/producers/organisation/edit",
        data={
            "name": "Tên đã sửa",
            "legal_form": organisation.legal_form.value,
            "tax_code": organisation.tax_code,
            "address": organisation.address,
            "commune": str(organisation.commune_id),
            "representative_name": organisation.representative_name,
            "phone": organisation.phone,
            "contact_email": organisation.email,
        },
    )

    assert f'value="{organisation.tax_code}"' in page
    db.session.refresh(organisation)
    assert organisation.name == "Tên đã sửa"
    assert db.session.scalars(select(ProductPhoto)).all() == []


def test_a_photo_missing_from_the_storage_is_a_clear_404(client, auth, commune):
    """Issue 16: a database restored without its stored files; the product page still opens."""
    producer = make_producer(make_organisation(commune))
    auth.login(producer)
    client.post(
        "/producers/products/new",
        data=product_data(photos=[(io.BytesIO(png_bytes()), "giỏ đay.png")]),
    )
    product = db.session.scalars(select(Product)).one()
    [photo] = product.photos
    lose_stored_file(photo.file)

    assert is_missing_file_page(client.get(f"/producers/photos/{photo.id}"), "giỏ đay.png")
    assert client.get(f"/producers/products/{product.id}").status_code == 200
