"""The load bench's dataset at a tiny scale: what it builds is what the application would have
built (certificates verify, pages render, members can save), so the bench measures real pages."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from bench import dataset
from evalapp.certificates.models import Certificate
from evalapp.councils.models import AgendaItem
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.producers.models import Product


def logged_in(app, email: str):
    client = app.test_client()
    answer = client.post("/auth/login", data={"email": email, "password": dataset.PASSWORD})
    assert answer.status_code == 302
    return client


def closed_session_products(session_id: int) -> list[str]:
    return db.session.scalars(
        select(Product.name)
        .join(Dossier, Dossier.product_id == Product.id)
        .join(AgendaItem, AgendaItem.dossier_id == Dossier.id)
        .where(AgendaItem.session_id == session_id)
    ).all()


def count(*conditions) -> int:
    return db.session.scalar(select(func.count(Certificate.id)).where(*conditions))


def test_the_built_dataset_is_what_the_application_would_have_built(app):
    """One build (it takes seconds), four things the bench relies on."""
    manifest = dataset.build(app, 0.01)
    home = manifest["home"]

    # A certificate verifies as signed by the issuing body.
    page = app.test_client().get(f"/verify/{manifest['public_ids'][0]}")
    assert page.status_code == 200
    assert "Chữ ký số của cơ quan cấp hợp lệ" in page.get_data(as_text=True)

    # About 60 % of the certificates are still valid, as in the national registry.
    total = count()
    valid = count(Certificate.expires_on >= date.today(), Certificate.revoked_on.is_(None))
    assert total == manifest["certificates"] >= 250
    assert 0.5 < valid / total < 0.75

    # The secretary sees every product of the closed session among its results.
    names = closed_session_products(home["closed_session"])
    page = logged_in(app, home["secretary"]).get(f"/results/sessions/{home['closed_session']}")
    assert page.status_code == 200
    assert names and all(name in page.get_data(as_text=True) for name in names)

    # The members the mixed load sends can save their sheets.
    for seat in manifest["members"][::10]:
        client = logged_in(app, seat["email"])
        client.get(f"/scoring/items/{seat['item']}")
        answer = client.post(
            f"/scoring/items/{seat['item']}/autosave",
            json={"version": 2, "choices": seat["choices"][0], "comments": {}, "overall": ""},
        )
        assert answer.status_code == 200, answer.get_json()
