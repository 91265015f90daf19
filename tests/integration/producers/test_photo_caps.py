"""A product form with more photos than a request may carry is refused before any is decoded."""

import io
import time

from PIL import Image
from sqlalchemy import select

from evalapp.extensions import db
from evalapp.producers.models import Product
from tests.factories import make_organisation, make_producer
from tests.integration.producers.test_products import product_data


def big_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("1", (5000, 5000)).save(buffer, "PNG")
    return buffer.getvalue()


def test_eleven_photos_are_refused_before_any_is_decoded(client, auth, commune):
    auth.login(make_producer(make_organisation(commune)))
    data = big_png()
    photos = [(io.BytesIO(data), f"ảnh {n}.png") for n in range(11)]

    started = time.perf_counter()
    response = client.post("/producers/products/new", data=product_data(photos=photos))

    assert time.perf_counter() - started < 2  # eleven decodes would take about ten seconds
    assert response.status_code == 200
    assert "Mỗi lần chỉ được tải lên tối đa 10 tệp; bạn đã chọn 11 tệp." in response.text
    assert db.session.scalars(select(Product)).all() == []
