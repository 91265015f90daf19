"""A product form with more photos than a request may carry is refused before any is decoded
(the cap is lowered to 4 so that the request stays under werkzeug's 500 KB test spooling)."""

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
    Image.new("RGB", (5000, 5000), "#2a7").save(buffer, "PNG")
    return buffer.getvalue()


def test_more_photos_than_a_request_may_carry_are_refused_before_any_is_decoded(
    app, client, auth, commune
):
    app.config["UPLOAD_MAX_FILES_PER_REQUEST"] = 4  # five files stay under werkzeug's spooling
    auth.login(make_producer(make_organisation(commune)))
    data = big_png()
    photos = [(io.BytesIO(data), f"ảnh {n}.png") for n in range(5)]

    started = time.perf_counter()
    response = client.post("/producers/products/new", data=product_data(photos=photos))

    assert time.perf_counter() - started < 2  # five decodes would take about five seconds
    assert response.status_code == 200
    assert "Mỗi lần chỉ được tải lên tối đa 4 tệp; bạn đã chọn 5 tệp." in response.text
    assert db.session.scalars(select(Product)).all() == []
