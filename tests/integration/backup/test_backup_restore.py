"""`flask backup`, `flask backup verify` and `flask restore`: a backup of the demo restored onto a
fresh instance serves every certificate as verified and every stored document as uploaded."""

from __future__ import annotations

import hashlib
import json

from sqlalchemy import select

from evalapp.certificates.models import Certificate
from evalapp.dossiers.models import DossierDocument
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD, AuthActions


def back_up(app, folder, *options):
    return app.test_cli_runner().invoke(args=["backup", str(folder), *options])


def restore(app, folder):
    """`flask restore` in the fresh instance's own context (the test body holds the source's)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["restore", str(folder)])


def test_the_demo_restores_onto_a_fresh_instance_and_every_certificate_verifies(
    demo, fresh_instance, tmp_path
):
    backup, key_copy = tmp_path / "backup", tmp_path / "keys" / "signing.pem"

    made = back_up(demo, backup, "--signing-key-to", str(key_copy))

    assert made.exit_code == 0, made.output
    assert "PRIVATE key was copied" in made.output and "OK: no problem found" in made.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["certificates"] == 5 and len(manifest["files"]) == 84
    assert all(signer["public_key"] for signer in manifest["signers"])

    fresh = fresh_instance(signing_key=key_copy)
    restored = restore(fresh, backup)

    assert restored.exit_code == 0, restored.output
    assert "certificates: 5 of 5 verify" in restored.output
    assert "stored documents: 84 of 84 open and match" in restored.output
    with fresh.app_context():
        public_ids = db.session.scalars(select(Certificate.public_id)).all()
        client = fresh.test_client()
        for public_id in public_ids:
            record = client.get(f"/api/v1/certificates/{public_id}").get_json()
            assert record["status"] != "unverifiable", record
        opened = documents_opened_by_their_producers(client)
    assert opened and [id for id, ok in opened.items() if not ok] == []


def documents_opened_by_their_producers(client) -> dict[int, bool]:
    """Each dossier document downloaded through its page by a producer of its organisation
    (signed in with a password set for the test): whether the bytes served are the ones
    recorded."""
    from evalapp.auth.models import Role, User
    from evalapp.auth.services import hash_password

    auth, opened = AuthActions(client), {}
    documents = [d for d in db.session.scalars(select(DossierDocument)) if d.is_current]
    for organisation_id in {document.dossier.organisation_id for document in documents}:
        producer = next(
            user
            for user in db.session.scalars(
                select(User).where(User.organisation_id == organisation_id)
            )
            if user.has_role(Role.PRODUCER)
        )
        producer.password_hash = hash_password(TEST_PASSWORD)
        db.session.commit()
        auth.login(producer)
        for document in documents:
            if document.dossier.organisation_id == organisation_id:
                with client.get(f"/dossiers/documents/{document.id}") as response:
                    served = hashlib.sha256(response.data).hexdigest()
                    ok = response.status_code == 200 and served == document.file.sha256
                opened[document.id] = ok
        auth.logout()
    return opened
